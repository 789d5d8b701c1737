#include "problemdelegate.h"

#include "core/numbertext.h"
#include "models/serviceboardmodel.h"
#include "stateicons.h"
#include "tiledelegate.h"

#include <QAbstractItemView>
#include <QListView>
#include <QPainter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

struct RowMetrics
{
    explicit RowMetrics(const QFont &font)
        : fm(font)
        , line(fm.height())
        , pad(std::max(3, qRound(line * 0.4)))
        , gap(std::max(2, qRound(line * 0.3)))
    {}
    QFontMetrics fm;
    int line;
    int pad;
    int gap;
};

QFont bold(const QFont &font)
{
    QFont f = font;
    f.setBold(true);
    return f;
}

// The width rows are laid out for: the list's viewport, whatever Qt passes in the option.
int rowWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width();
}

} // namespace

ProblemDelegate::ProblemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_clock(Clock::system())
{}

void ProblemDelegate::setCompact(bool compact)
{
    m_compact = compact;
}

bool ProblemDelegate::isCompact() const
{
    return m_compact;
}

void ProblemDelegate::setClock(Clock *clock)
{
    m_clock = clock;
}

QString ProblemDelegate::stateSince(const QModelIndex &index, const QDateTime &now)
{
    const QString state = index.data(ServiceBoardModel::StateTextRole).toString();
    const QString since = formatSince(index.data(ServiceBoardModel::LastChangeRole).toDateTime(), now);
    return since.isEmpty() ? state : tr("%1 %2", "state, then for how long: Down for 12 min").arg(state, since);
}

QString ProblemDelegate::causeOf(const QModelIndex &index)
{
    const QString error = index.data(ServiceBoardModel::ErrorRole).toString().simplified();
    if (!error.isEmpty())
        return error;
    return index.data(ServiceBoardModel::DetailRole).toString().simplified();
}

QSize ProblemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const RowMetrics m(option.font);
    if (m_compact) {
        // A band's cells fill their grid: the cause takes what the name and the state leave.
        const auto *list = qobject_cast<const QListView *>(option.widget);
        const int width =
            list && list->gridSize().isValid() ? list->gridSize().width() - 2 : m.fm.averageCharWidth() * 40;
        return {width, m.line + 2 * m.pad};
    }
    // Name line, state line, then the cause in full.
    const int width = std::max(m.line * 4, rowWidth(option) - 2 * m.pad - m.line - m.gap * 2);
    const int causeLines = int(TileDelegate::wrapCause(causeOf(index), option.font, width, 12).size());
    return {width, 2 * m.pad + (2 + causeLines) * m.line + m.gap};
}

void ProblemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const RowMetrics m(option.font);
    const QPalette &pal = option.palette;
    const bool dark = StateIcons::isDark(pal);
    const TileDelegate::Look look(index, pal, false);
    const QColor colour = look.colour;
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    const QColor base = pal.color(QPalette::Base);
    const bool alarm = look.alarm;
    const bool selected = option.state & QStyle::State_Selected;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect rect = option.rect.adjusted(0, 0, 0, -1);
    QColor background = alarm ? StateIcons::mix(base, colour, dark ? 0.22 : 0.1) : base;
    if (selected)
        background = StateIcons::mix(background, pal.color(QPalette::Highlight), 0.35);
    painter->fillRect(rect, background);
    painter->fillRect(QRect(rect.left(), rect.top(), std::max(3, m.line / 5), rect.height()), colour);

    const QRect content = rect.adjusted(std::max(3, m.line / 5) + m.pad, m.pad, -m.pad, -m.pad);
    const QRectF iconRect(content.left(), content.top() + (m_compact ? (content.height() - m.line) / 2.0 : 0), m.line,
                          m.line);
    look.paintIcon(painter, iconRect.adjusted(1, 1, -1, -1), pal);
    const int left = content.left() + m.line + m.gap * 2;
    const QString name = index.data(Qt::DisplayRole).toString();
    const QString state = stateSince(index, m_clock->now());
    const QString cause = causeOf(index);
    const QFont nameFont = bold(option.font);
    const QFontMetrics nameMetrics(nameFont);

    if (m_compact) {
        // Name · state for how long · cause, on one line. The state and its duration are whole; the
        // name gives way first (cut in its middle, where operations names are alike), then the cause.
        int x = left;
        const int right = content.right();
        const int stateWidth = nameMetrics.horizontalAdvance(state);
        const int nameRoom = std::max((right - x) / 4, right - x - stateWidth - m.gap * 2);
        const QString shownName = nameMetrics.elidedText(name, Qt::ElideMiddle, nameRoom);
        painter->setFont(nameFont);
        painter->setPen(text);
        painter->drawText(QRect(x, content.top(), nameRoom, content.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          shownName);
        x += nameMetrics.horizontalAdvance(shownName) + m.gap * 2;
        painter->setPen(alarm ? StateIcons::mix(colour, text, dark ? 0.1 : 0.3) : colour);
        const QString shownState = nameMetrics.elidedText(state, Qt::ElideRight, std::max(0, right - x));
        painter->drawText(QRect(x, content.top(), std::max(0, right - x), content.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, shownState);
        x += nameMetrics.horizontalAdvance(shownState) + m.gap * 2;
        if (!cause.isEmpty() && right - x > m.fm.averageCharWidth() * 6) {
            painter->setFont(option.font);
            painter->setPen(dim);
            painter->drawText(QRect(x, content.top(), right - x, content.height()), Qt::AlignLeft | Qt::AlignVCenter,
                              m.fm.elidedText(cause, Qt::ElideMiddle, right - x));
        }
        painter->restore();
        return;
    }

    // Name, and its group on the right.
    const QString group = index.data(ServiceBoardModel::GroupRole).toString();
    const int groupWidth = std::min(m.fm.horizontalAdvance(group) + 2, content.width() / 3);
    painter->setFont(option.font);
    painter->setPen(dim);
    painter->drawText(QRect(content.right() - groupWidth, content.top(), groupWidth, m.line),
                      Qt::AlignRight | Qt::AlignVCenter, m.fm.elidedText(group, Qt::ElideRight, groupWidth));
    painter->setFont(nameFont);
    painter->setPen(text);
    const int nameWidth = std::max(0, content.right() - groupWidth - m.gap * 2 - left);
    painter->drawText(QRect(left, content.top(), nameWidth, m.line), Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(name, Qt::ElideRight, nameWidth));
    // The state and how long.
    painter->setPen(alarm ? StateIcons::mix(colour, text, dark ? 0.1 : 0.3) : colour);
    painter->drawText(QRect(left, content.top() + m.line, content.right() - left, m.line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(state, Qt::ElideRight, content.right() - left));
    // The cause, whole.
    painter->setFont(option.font);
    painter->setPen(text);
    const QStringList lines = TileDelegate::wrapCause(cause, option.font, content.right() - left, 12);
    int y = content.top() + 2 * m.line + m.gap;
    for (const QString &line : lines) {
        painter->drawText(QRect(left, y, content.right() - left, m.line), Qt::AlignLeft | Qt::AlignVCenter, line);
        y += m.line;
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(rect.adjusted(1, 1, -2, -2));
    }
    QColor rule = text;
    rule.setAlphaF(0.12);
    painter->setPen(rule);
    painter->drawLine(rect.bottomLeft(), rect.bottomRight());
    painter->restore();
}

} // namespace Vigie
