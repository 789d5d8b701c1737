#include "tiledelegate.h"

#include "core/numbertext.h"
#include "models/serviceboardmodel.h"
#include "paintcache.h"
#include "stateicons.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// Spacing units, all from the font: a wall screen with a larger font gets larger tiles.
struct Metrics
{
    explicit Metrics(const QFont &font)
        : fm(font)
        , line(fm.height())
        , pad(std::max(4, qRound(line * 0.55)))
        , gap(std::max(2, qRound(line * 0.25)))
        , band(std::max(3, qRound(line * 0.22)))
        , spark(std::max(12, qRound(line * 1.5)))
    {}
    QFontMetrics fm;
    int line;
    int pad;
    int gap;
    int band;
    int spark;
};

QFont boldFont(const QFont &font, qreal scale = 1.0)
{
    QFont f = font;
    f.setBold(true);
    if (scale != 1.0) {
        if (f.pointSizeF() > 0)
            f.setPointSizeF(f.pointSizeF() * scale);
        else
            f.setPixelSize(qRound(f.pixelSize() * scale));
    }
    return f;
}

HealthState stateOf(const QModelIndex &index)
{
    return HealthState(std::clamp(index.data(ServiceBoardModel::StateRole).toInt(), 0, 3));
}

QString nameOf(const QModelIndex &index, bool group)
{
    QString name = index.data(Qt::DisplayRole).toString();
    if (name.isEmpty())
        name = index.data(group ? ServiceBoardModel::GroupRole : ServiceBoardModel::IdRole).toString();
    return name;
}

// The parts of a tile, in the tile's coordinates.
struct TileGeometry
{
    TileGeometry(const QRect &rect, const Metrics &m)
    {
        content = rect.adjusted(m.band + m.pad, m.pad, -m.pad, -m.pad);
        int y = content.top();
        titleLine = QRect(content.left(), y, content.width(), m.line);
        y += m.line + m.gap;
        stateLine = QRect(content.left(), y, content.width(), m.line);
        y += m.line + m.gap;
        sparkline = QRect(content.left(), y, content.width(), m.spark);
        y += m.spark + m.gap;
        errorLine = QRect(content.left(), y, content.width(), 2 * m.line);
    }
    QRect content;
    QRect titleLine;
    QRect stateLine;
    QRect sparkline;
    QRect errorLine;
};

} // namespace

TileDelegate::Look::Look(const QModelIndex &index, const QPalette &palette, bool stale)
    : state(stateOf(index))
{
    const auto presentation = ServiceBoardModel::Presentation(index.data(ServiceBoardModel::PresentationRole).toInt());
    if (stale)
        why = StateIcons::Explained::Stale;
    else if (presentation == ServiceBoardModel::Presentation::Maintenance)
        why = StateIcons::Explained::Maintenance;
    else if (presentation == ServiceBoardModel::Presentation::Impacted)
        why = StateIcons::Explained::Impacted;
    colour = why ? StateIcons::color(*why, palette) : StateIcons::color(state, palette);
    // Only alarms are tinted: a service in maintenance or impacted by a dependency is explained,
    // and a stale one's colour would be a guess.
    alarm = !stale && index.data(ServiceBoardModel::AlarmRole).toBool();
}

void TileDelegate::Look::paintIcon(QPainter *painter, const QRectF &rect, const QPalette &palette) const
{
    if (why)
        StateIcons::paint(painter, rect, *why, palette);
    else
        StateIcons::paint(painter, rect, state, palette);
}

namespace {

// A tile's frame: the background (tinted by `tint` when it is an alarm), the state band along its
// left edge, and the border (the highlight when selected, dashed when stale, a focus mark).
void paintFrame(QPainter *painter, const QStyleOptionViewItem &option, const TileDelegate::Look &look, int band,
                qreal radius, qreal tint, bool stale)
{
    const QPalette &pal = option.palette;
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const bool dark = StateIcons::isDark(pal);
    const bool selected = option.state & QStyle::State_Selected;
    const bool focus = (option.state & QStyle::State_HasFocus) && !selected;
    const QColor background = look.alarm ? StateIcons::mix(base, look.colour, tint) : base;
    QColor border = look.alarm ? look.colour : StateIcons::mix(base, text, dark ? 0.3 : 0.2);
    qreal borderWidth = 1.0;
    if (selected) {
        border = pal.color(QPalette::Highlight);
        borderWidth = std::max(2.0, QFontMetricsF(option.font).height() / 8.0);
    }
    const Qt::PenStyle borderStyle = stale && !selected ? Qt::DashLine : Qt::SolidLine;
    const QColor focusColour = pal.color(QPalette::Highlight);
    const QSizeF size = option.rect.size();
    // Most tiles of a board share their frame: it is drawn once, then copied (the rounded corners'
    // curves cost more than the rest of a tile).
    const QString key = u"tile:%1:%2:%3:%4:%5:%6:%7:%8"_s.arg(band)
                            .arg(radius)
                            .arg(background.rgba())
                            .arg(look.colour.rgba())
                            .arg(border.rgba())
                            .arg(borderWidth)
                            .arg(int(borderStyle))
                            .arg(focus ? u"focus-"_s + QString::number(focusColour.rgba()) : QString());
    paintCached(painter, option.rect.topLeft(), size, key, [&](QPainter *p) {
        p->setRenderHint(QPainter::Antialiasing);
        const QRectF frame = QRectF(QPointF(0, 0), size).adjusted(0.5, 0.5, -0.5, -0.5);
        QPainterPath shape;
        shape.addRoundedRect(frame, radius, radius);
        p->fillPath(shape, background);
        // The state band follows the tile's rounded left corners: the frame's shape, cut at the
        // band's width. (A rounded rectangle one radius wider with its right part covered left the
        // antialiased edge of that part showing: a pale line across the tile, and a cap on top.)
        QPainterPath bandArea;
        bandArea.addRect(QRectF(0, 0, frame.left() + band, size.height()));
        p->fillPath(shape.intersected(bandArea), look.colour);
        p->setPen(QPen(border, borderWidth, borderStyle));
        p->setBrush(Qt::NoBrush);
        const qreal inset = (borderWidth - 1.0) / 2.0;
        p->drawRoundedRect(frame.adjusted(inset, inset, -inset, -inset), radius, radius);
        if (focus) {
            p->setPen(QPen(focusColour, 1, Qt::DashLine));
            p->drawRoundedRect(frame.adjusted(2, 2, -2, -2), radius, radius);
        }
    });
    painter->setRenderHint(QPainter::Antialiasing);
}

} // namespace

TileDelegate::TileDelegate(Clock *clock, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_clock(clock)
{}

void TileDelegate::setCompact(bool compact)
{
    m_compact = compact;
}

bool TileDelegate::isCompact() const
{
    return m_compact;
}

void TileDelegate::setAllStale(bool stale)
{
    m_allStale = stale;
}

bool TileDelegate::allStale() const
{
    return m_allStale;
}

void TileDelegate::setClock(Clock *clock)
{
    m_clock = clock;
}

QSize TileDelegate::tileSize(const QFont &font, bool compact, int nameChars)
{
    const Metrics m(font);
    if (compact) {
        // One line: band, icon, the name and the state word ("Up" the most often), for walls of
        // hundreds of services.
        const QFontMetrics bold(stateFont(font));
        const int pad = std::max(2, qRound(m.line * 0.08));
        const int word = bold.horizontalAdvance(compactStateWord(HealthState::Up));
        return {m.fm.averageCharWidth() * nameChars + word + m.band + m.line + 4 * m.gap, bold.height() + 2 * pad};
    }
    const int width = m.fm.averageCharWidth() * 30 + m.band + 2 * m.pad;
    // Title, state, sparkline and two lines for the cause of a failure.
    const int height = 2 * m.pad + 4 * m.line + m.spark + 3 * m.gap;
    return {width, height};
}

QString TileDelegate::compactStateWord(HealthState state)
{
    // Most tiles of a wall say this word: its width sets how many tiles a row holds.
    if (state == HealthState::Up)
        return tr("Up", "the state word on a one-line wall tile: as short as it can be");
    return ServiceBoardModel::stateText(state);
}

QString TileDelegate::timeText(const QModelIndex &index) const
{
    if (isStale(index))
        return tr("no result %1")
            .arg(formatSince(index.data(ServiceBoardModel::LastResultTimeRole).toDateTime(), m_clock->now()));
    return formatSince(index.data(ServiceBoardModel::LastChangeRole).toDateTime(), m_clock->now());
}

QFont TileDelegate::stateFont(const QFont &font)
{
    return boldFont(font);
}

QStringList TileDelegate::wrapCause(const QString &text, const QFont &font, int width, int maxLines)
{
    const QString simplified = text.simplified();
    if (simplified.isEmpty() || width <= 0 || maxLines <= 0)
        return {};
    const auto wrap = [&](const QString &candidate) {
        QStringList lines;
        QTextLayout layout(candidate, font);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            lines.append(candidate.mid(line.textStart(), line.textLength()).trimmed());
        }
        layout.endLayout();
        return lines;
    };
    QStringList lines = wrap(simplified);
    if (lines.size() <= maxLines)
        return lines;
    // Too long: the middle goes, a little more each time, until what is left fits.
    const QFontMetrics fm(font);
    int budget = width * maxLines;
    for (int attempt = 0; attempt < 16 && budget > 0; ++attempt) {
        lines = wrap(fm.elidedText(simplified, Qt::ElideMiddle, budget));
        if (lines.size() <= maxLines)
            return lines;
        budget = budget * 9 / 10;
    }
    return lines.mid(0, maxLines);
}

bool TileDelegate::isStale(const QModelIndex &index) const
{
    return m_allStale || index.data(ServiceBoardModel::StaleRole).toBool();
}

int TileDelegate::headerHeight(const QFont &font)
{
    const QFontMetrics bold(boldFont(font, 1.2));
    return bold.height() + Metrics(font).line;
}

QSize TileDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (m_compact)
        return tileSize(option.font, true);
    if (index.data(ServiceBoardModel::IsGroupRole).toBool())
        return {tileSize(option.font).width(), headerHeight(option.font)};
    return tileSize(option.font);
}

QString TileDelegate::formatCounts(const StateCounts &counts)
{
    QStringList parts;
    if (counts.up > 0)
        parts << tr("%n up", nullptr, counts.up);
    if (counts.degraded > 0)
        parts << tr("%n degraded", nullptr, counts.degraded);
    if (counts.down > 0)
        parts << tr("%n down", nullptr, counts.down);
    if (counts.unknown > 0)
        parts << tr("%n without data", nullptr, counts.unknown);
    if (counts.maintenance > 0)
        parts << tr("%n in maintenance", nullptr, counts.maintenance);
    if (counts.impacted > 0)
        parts << tr("%n impacted", nullptr, counts.impacted);
    return parts.join(u" · "_s);
}

void TileDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const bool group = index.data(ServiceBoardModel::IsGroupRole).toBool();
    if (m_compact)
        group ? paintCompactHeader(painter, option, index) : paintCompactTile(painter, option, index);
    else
        group ? paintHeader(painter, option, index) : paintTile(painter, option, index);
    painter->restore();
}

void TileDelegate::paintHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Metrics m(option.font);
    const QPalette &pal = option.palette;
    const QFont titleFont = boldFont(option.font, 1.2);
    const QFontMetrics titleMetrics(titleFont);
    const QRect rect = option.rect;
    // The text sits on the lower part, close to the tiles it introduces.
    const int baselineBox = rect.bottom() - m.gap - titleMetrics.height() + 1;
    const QRect textBox(rect.left(), baselineBox, rect.width(), titleMetrics.height());

    const HealthState state = stateOf(index);
    const int iconSize = titleMetrics.ascent();
    StateIcons::paint(painter, QRectF(textBox.left(), textBox.center().y() - iconSize / 2.0 + 0.5, iconSize, iconSize),
                      state, pal);

    const int nameLeft = textBox.left() + iconSize + m.gap * 2;
    const QString counts = formatCounts(index.data(ServiceBoardModel::CountsRole).value<StateCounts>());
    const int countsWidth = m.fm.horizontalAdvance(counts);
    const int nameRoom = std::max(0, textBox.right() - nameLeft - countsWidth - m.pad * 2);
    painter->setFont(titleFont);
    painter->setPen(pal.color(QPalette::WindowText));
    const QString name = titleMetrics.elidedText(nameOf(index, true), Qt::ElideRight, nameRoom);
    painter->drawText(QRect(nameLeft, textBox.top(), nameRoom, textBox.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      name);

    painter->setFont(option.font);
    painter->setPen(pal.color(QPalette::PlaceholderText));
    const int countsLeft = nameLeft + titleMetrics.horizontalAdvance(name) + m.pad * 2;
    painter->drawText(QRect(countsLeft, textBox.top(), textBox.right() - countsLeft, textBox.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      m.fm.elidedText(counts, Qt::ElideRight, rect.right() - countsLeft));

    QColor rule = pal.color(QPalette::WindowText);
    rule.setAlphaF(0.15);
    painter->setPen(QPen(rule, 1));
    painter->drawLine(QPointF(rect.left(), rect.bottom() + 0.5), QPointF(rect.right(), rect.bottom() + 0.5));
}

void TileDelegate::paintTile(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Metrics m(option.font);
    const QPalette &pal = option.palette;
    const bool dark = StateIcons::isDark(pal);
    const bool stale = isStale(index);
    const Look look(index, pal, stale);
    const HealthState state = look.state;
    const bool explained = look.why.has_value();
    const QColor stateColor = look.colour;
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    const bool failing = look.alarm;

    // Failing tiles are tinted so that they stand out on a wall screen across the room.
    paintFrame(painter, option, look, m.band, m.line * 0.3, dark ? 0.2 : 0.1, stale);

    const TileGeometry g(option.rect, m);

    // Title line: icon, name, last latency on the right.
    const QRectF iconRect = QRectF(g.titleLine.left(), g.titleLine.top(), m.line, m.line).adjusted(1, 1, -1, -1);
    look.paintIcon(painter, iconRect, pal);
    const QVariant latency = index.data(ServiceBoardModel::LastLatencyRole);
    // A failed probe's time measures the failure, not the service: it would read as a fast answer.
    const QString latencyText =
        latency.isValid() && state != HealthState::Down ? formatLatency(latency.toDouble()) : QString();
    const int latencyWidth = m.fm.horizontalAdvance(latencyText);
    painter->setPen(text);
    painter->setFont(option.font);
    painter->drawText(g.titleLine, Qt::AlignRight | Qt::AlignVCenter, latencyText);
    const QFont nameFont = boldFont(option.font);
    const QFontMetrics nameMetrics(nameFont);
    const int nameLeft = g.titleLine.left() + m.line + m.gap * 2;
    const int nameWidth = std::max(0, g.titleLine.right() - nameLeft - latencyWidth - m.gap * 2);
    painter->setFont(nameFont);
    painter->drawText(QRect(nameLeft, g.titleLine.top(), nameWidth, g.titleLine.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(nameOf(index, false), Qt::ElideRight, nameWidth));

    // State line: the state in words (never colour alone), then how long it has lasted.
    const QString stateText = stale ? tr("Stale") : index.data(ServiceBoardModel::StateTextRole).toString();
    painter->setFont(nameFont);
    painter->setPen((state == HealthState::Unknown && !explained) || stale ? dim : stateColor);
    // On the right: that someone is on it (an acknowledgement), else TLS verification switched off
    // by the workspace, which otherwise is always on the tile.
    const QString insecure = index.data(ServiceBoardModel::InsecureRole).toString();
    const bool acknowledged = !index.data(ServiceBoardModel::AcknowledgementRole).toString().isEmpty();
    const QString insecureBadge = acknowledged         ? tr("✓ Acknowledged")
                                  : insecure.isEmpty() ? QString()
                                                       : tr("TLS not verified");
    const int badgeWidth = insecureBadge.isEmpty() ? 0 : m.fm.horizontalAdvance(insecureBadge) + m.gap * 2;
    const int stateRoom = std::max(0, g.stateLine.width() - badgeWidth);
    const QString shownState = nameMetrics.elidedText(stateText, Qt::ElideRight, stateRoom);
    const int stateWidth = std::min(nameMetrics.horizontalAdvance(shownState), stateRoom);
    painter->drawText(QRect(g.stateLine.left(), g.stateLine.top(), stateRoom, g.stateLine.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, shownState);
    if (!insecureBadge.isEmpty()) {
        painter->setFont(option.font);
        painter->setPen(acknowledged ? text : StateIcons::color(HealthState::Degraded, pal));
        painter->drawText(g.stateLine, Qt::AlignRight | Qt::AlignVCenter, insecureBadge);
    }
    const QString since = timeText(index);
    if (!since.isEmpty()) {
        painter->setFont(option.font);
        painter->setPen(dim);
        const QRect sinceRect = g.stateLine.adjusted(stateWidth + m.gap * 2, 0, -badgeWidth, 0);
        painter->drawText(sinceRect, Qt::AlignLeft | Qt::AlignVCenter,
                          m.fm.elidedText(since, Qt::ElideRight, sinceRect.width()));
    }

    // Sparkline: newest on the right; Down results break the line and show as red marks.
    const QList<double> values = index.data(ServiceBoardModel::SparklineRole).value<QList<double>>();
    const QList<int> states = index.data(ServiceBoardModel::SparklineStatesRole).value<QList<int>>();
    if (!values.isEmpty()) {
        const QRectF area = QRectF(g.sparkline).adjusted(0, 1, 0, -1);
        const auto isDown = [&](qsizetype i) { return i < states.size() && states.at(i) == int(HealthState::Down); };
        double top = 0;
        for (qsizetype i = 0; i < values.size(); ++i)
            if (!isDown(i))
                top = std::max(top, values.at(i));
        if (top <= 0)
            top = 1;
        const qreal step = area.width() / std::max(1, ServiceBoardModel::SparklineLength - 1);
        const qreal startX = area.right() - step * qreal(values.size() - 1);
        const auto pointAt = [&](qsizetype i) {
            const qreal y = area.bottom() - area.height() * std::clamp(values.at(i) / top, 0.0, 1.0);
            return QPointF(startX + step * qreal(i), y);
        };

        QColor baseline = text;
        baseline.setAlphaF(0.12);
        painter->setPen(QPen(baseline, 1));
        painter->drawLine(QPointF(area.left(), area.bottom() + 0.5), QPointF(area.right(), area.bottom() + 0.5));

        const QColor lineColor = StateIcons::mix(base, text, dark ? 0.7 : 0.55);
        QColor fillColor = lineColor;
        fillColor.setAlphaF(0.12);
        QPolygonF run;
        const auto flush = [&] {
            if (run.size() > 1) {
                QPolygonF filled = run;
                filled << QPointF(run.last().x(), area.bottom()) << QPointF(run.first().x(), area.bottom());
                painter->setPen(Qt::NoPen);
                painter->setBrush(fillColor);
                painter->drawPolygon(filled);
                painter->setPen(QPen(lineColor, std::max(1.0, m.line / 12.0)));
                painter->setBrush(Qt::NoBrush);
                painter->drawPolyline(run);
            } else if (run.size() == 1) {
                painter->setPen(Qt::NoPen);
                painter->setBrush(lineColor);
                painter->drawEllipse(run.first(), 1.5, 1.5);
            }
            run.clear();
        };
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (isDown(i))
                flush();
            else
                run << pointAt(i);
        }
        flush();

        const qreal markRadius = std::max(1.5, m.line / 7.0);
        // On an explained tile (maintenance, impacted) failures are drawn in its own colour: they
        // happened, but they are not alarms.
        const QColor downColor = explained ? stateColor : StateIcons::color(HealthState::Down, pal);
        const QColor degradedColor = explained ? stateColor : StateIcons::color(HealthState::Degraded, pal);
        for (qsizetype i = 0; i < values.size(); ++i) {
            const int pointState = i < states.size() ? states.at(i) : int(HealthState::Unknown);
            if (pointState == int(HealthState::Down)) {
                const qreal x = startX + step * qreal(i);
                QColor tick = downColor;
                tick.setAlphaF(0.35);
                painter->setPen(QPen(tick, std::max(1.0, markRadius / 1.5)));
                painter->drawLine(QPointF(x, area.top() + markRadius), QPointF(x, area.bottom()));
                painter->setPen(Qt::NoPen);
                painter->setBrush(downColor);
                painter->drawEllipse(QPointF(x, area.bottom() - markRadius), markRadius, markRadius);
            } else if (pointState == int(HealthState::Degraded)) {
                painter->setPen(Qt::NoPen);
                painter->setBrush(degradedColor);
                painter->drawEllipse(pointAt(i), markRadius, markRadius);
            }
        }
    }

    // Bottom line: the sentence of the worst failing probe; else why TLS is not verified, in the
    // workspace's words; else what the probes found. The whole of it is in the tooltip.
    const QString error = index.data(ServiceBoardModel::ErrorRole).toString();
    const QString detail = index.data(ServiceBoardModel::DetailRole).toString();
    const auto drawBottom = [&](const QString &line, const QColor &color) {
        painter->setFont(option.font);
        painter->setPen(color);
        const QStringList lines = wrapCause(line, option.font, g.errorLine.width(), 2);
        for (qsizetype i = 0; i < lines.size(); ++i)
            painter->drawText(
                QRect(g.errorLine.left(), g.errorLine.top() + int(i) * m.line, g.errorLine.width(), m.line),
                Qt::AlignLeft | Qt::AlignVCenter, lines.at(i));
    };
    if (!error.isEmpty()) {
        drawBottom(error, failing ? StateIcons::mix(stateColor, text, dark ? 0.35 : 0.25) : dim);
    } else if (!insecure.isEmpty()) {
        drawBottom(tr("TLS not verified: %1").arg(insecure), dim);
    } else if (!detail.isEmpty()) {
        drawBottom(detail, dim);
    } else if (state == HealthState::Unknown) {
        painter->setFont(option.font);
        painter->setPen(dim);
        painter->drawText(QRect(g.errorLine.topLeft(), QSize(g.errorLine.width(), m.line)),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          m.fm.elidedText(tr("Waiting for the first result…"), Qt::ElideRight, g.errorLine.width()));
    }
}

void TileDelegate::paintCompactTile(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    const Metrics m(option.font);
    const QPalette &pal = option.palette;
    const bool dark = StateIcons::isDark(pal);
    const bool stale = isStale(index);
    const Look look(index, pal, stale);
    const HealthState state = look.state;
    const bool explained = look.why.has_value() && !stale;
    const QColor stateColor = look.colour;
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    const bool failing = look.alarm;

    // Filled more strongly than on the console: it has to be seen across a room.
    paintFrame(painter, option, look, m.band, m.line * 0.2, dark ? 0.32 : 0.2, stale);

    const QRect content = option.rect.adjusted(m.band + m.gap, 0, -m.gap, 0);
    const int iconSide = std::min(content.height() - 2, m.line * 7 / 8);
    const QRectF iconRect(content.left(), content.center().y() - iconSide / 2.0 + 0.5, iconSide, iconSide);
    look.paintIcon(painter, iconRect, pal);

    // The state in a word (never colour alone); short forms where the console says more.
    QString word = compactStateWord(state);
    if (look.why == StateIcons::Explained::Stale)
        word = tr("Stale");
    else if (look.why == StateIcons::Explained::Maintenance)
        word = tr("Maintenance");
    else if (look.why == StateIcons::Explained::Impacted)
        word = tr("Impacted");
    const QFont wordFont = stateFont(option.font);
    const QFontMetrics wordMetrics(wordFont);
    const int wordWidth = wordMetrics.horizontalAdvance(word);
    painter->setFont(wordFont);
    painter->setPen(stale || (state == HealthState::Unknown && !explained)
                        ? dim
                        : (failing ? StateIcons::mix(stateColor, text, dark ? 0.15 : 0.35) : stateColor));
    painter->drawText(content, Qt::AlignRight | Qt::AlignVCenter, word);

    const int nameLeft = int(iconRect.right()) + m.gap;
    const int nameWidth = std::max(0, content.right() - wordWidth - m.gap - nameLeft);
    painter->setFont(option.font);
    painter->setPen(text);
    // Cut in the middle: operations names differ at their end (portal-par-05, portal-par-06).
    painter->drawText(QRect(nameLeft, content.top(), nameWidth, content.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      m.fm.elidedText(nameOf(index, false), Qt::ElideMiddle, nameWidth));
}

void TileDelegate::paintCompactHeader(QPainter *painter, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    const Metrics m(option.font);
    const QPalette &pal = option.palette;
    const QRect content = option.rect.adjusted(m.gap, 0, -m.gap, 0);
    const QFont nameFont = boldFont(option.font);
    const QFontMetrics nameMetrics(nameFont);
    const int iconSide = std::min(content.height() - 2, nameMetrics.ascent());
    const QRectF iconRect(content.left(), content.center().y() - iconSide / 2.0 + 0.5, iconSide, iconSide);
    // A stale wall's headers do not keep their last colour either.
    if (m_allStale)
        StateIcons::paint(painter, iconRect, StateIcons::Explained::Stale, pal);
    else
        StateIcons::paint(painter, iconRect, stateOf(index), pal);
    const QRect textBox = content.adjusted(iconSide + m.gap * 2, 0, 0, 0);
    const QString name = nameMetrics.elidedText(nameOf(index, true), Qt::ElideRight, textBox.width());
    painter->setFont(nameFont);
    painter->setPen(pal.color(QPalette::WindowText));
    painter->drawText(textBox, Qt::AlignLeft | Qt::AlignVCenter, name);
    // Counts only where the name leaves room for them.
    const int countsLeft = textBox.left() + nameMetrics.horizontalAdvance(name) + m.gap * 3;
    const QString counts = formatCounts(index.data(ServiceBoardModel::CountsRole).value<StateCounts>());
    if (countsLeft < textBox.right() - m.fm.averageCharWidth() * 6) {
        painter->setFont(option.font);
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(QRect(countsLeft, textBox.top(), textBox.right() - countsLeft, textBox.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          m.fm.elidedText(counts, Qt::ElideRight, textBox.right() - countsLeft));
    }
    QColor rule = pal.color(QPalette::WindowText);
    rule.setAlphaF(0.3);
    painter->setPen(QPen(rule, std::max(1.0, m.line / 14.0)));
    painter->drawLine(QPointF(content.left(), option.rect.bottom() - 0.5),
                      QPointF(content.right(), option.rect.bottom() - 0.5));
}

bool TileDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                             const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);

    const bool group = index.data(ServiceBoardModel::IsGroupRole).toBool();
    QString tip = u"<b>"_s + nameOf(index, group).toHtmlEscaped() + u"</b><br>"_s;
    if (group) {
        tip += formatCounts(index.data(ServiceBoardModel::CountsRole).value<StateCounts>()).toHtmlEscaped();
    } else {
        tip += index.data(ServiceBoardModel::StateTextRole).toString().toHtmlEscaped();
        if (isStale(index))
            tip += u" · "_s + timeText(index).toHtmlEscaped();
        const QVariant latency = index.data(ServiceBoardModel::LastLatencyRole);
        if (latency.isValid())
            tip += u" · "_s + formatLatency(latency.toDouble()).toHtmlEscaped();
        const QString error = index.data(ServiceBoardModel::ErrorRole).toString();
        if (!error.isEmpty())
            tip += u"<br>"_s + error.toHtmlEscaped();
        const QString detail = index.data(ServiceBoardModel::DetailRole).toString();
        if (!detail.isEmpty())
            tip += u"<br>"_s + detail.toHtmlEscaped();
        const QString insecure = index.data(ServiceBoardModel::InsecureRole).toString();
        if (!insecure.isEmpty())
            tip += u"<br>"_s + tr("TLS not verified: %1").arg(insecure).toHtmlEscaped();
        const QString acknowledgement = index.data(ServiceBoardModel::AcknowledgementRole).toString();
        if (!acknowledgement.isEmpty())
            tip += u"<br>"_s + acknowledgement.toHtmlEscaped();
    }
    QToolTip::showText(event->globalPos(), tip, view->viewport(), option.rect);
    return true;
}

} // namespace Vigie
