#include "timechart.h"

#include "series/decimation.h"
#include "stateicons.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr qint64 MinimumSpanMs = 10'000;

// Distinct hues that read on light and on dark windows (the state colours are left to the bands).
QColor lineHue(int index, bool dark)
{
    static const QRgb light[] = {0x1f77b4, 0x9467bd, 0x17becf, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x2ca02c};
    static const QRgb darkHues[] = {0x6cb4ee, 0xc5a3ff, 0x4dd9e6, 0xd2a58a, 0xf7a8dc, 0xc0c0c0, 0xe0e060, 0x7fdc7f};
    const int n = int(std::size(light));
    return QColor::fromRgb(dark ? darkHues[index % n] : light[index % n]);
}

QString timeFormat(qint64 spanMs)
{
    constexpr qint64 day = 86'400'000;
    if (spanMs <= 2 * day)
        return u"HH:mm"_s;
    if (spanMs <= 8 * day)
        return u"ddd HH:mm"_s;
    if (spanMs <= 120 * day)
        return u"d MMM"_s;
    return u"MMM yyyy"_s;
}

} // namespace

// The chart's view: draws the bands under the chart, the rubber band and the crosshair over it,
// and turns the mouse into the chart's requests.
class TimeChart::View final : public QChartView
{
public:
    View(QChart *chart, TimeChart *owner)
        : QChartView(chart, owner)
        , m_owner(owner)
    {
        setMouseTracking(true);
        setRubberBand(QChartView::NoRubberBand);
        setFocusPolicy(Qt::StrongFocus);
        setFrameShape(QFrame::NoFrame);
        setRenderHint(QPainter::Antialiasing);
    }

    bool rubberBandActive() const { return m_rubber; }
    qreal rubberFrom() const { return std::min(m_pressX, m_currentX); }
    qreal rubberTo() const { return std::max(m_pressX, m_currentX); }

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override
    {
        QChartView::drawBackground(painter, rect);
        painter->save();
        m_owner->paintBands(painter);
        painter->restore();
    }

    void resizeEvent(QResizeEvent *event) override
    {
        // The plot follows the view's size, which the chart's layout sets after the chart's own
        // resize: as many value ticks as the new height holds, labels that fit.
        QChartView::resizeEvent(event);
        m_owner->layoutPlot();
        m_owner->updateAxes();
    }

    void drawForeground(QPainter *painter, const QRectF &rect) override
    {
        QChartView::drawForeground(painter, rect);
        painter->save();
        m_owner->paintForeground(painter);
        painter->restore();
    }

    void mousePressEvent(QMouseEvent *event) override
    {
        m_pressX = m_currentX = event->position().x();
        m_pressFrom = m_owner->m_fromMs;
        m_pressTo = m_owner->m_toMs;
        m_rubber = false;
        if (event->button() == Qt::MiddleButton ||
            (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier))) {
            m_panning = true;
            setCursor(Qt::ClosedHandCursor);
        } else if (event->button() == Qt::LeftButton) {
            m_pressed = true;
        }
        event->accept();
    }

    void mouseMoveEvent(QMouseEvent *event) override
    {
        m_currentX = event->position().x();
        const QRectF plot = m_owner->plotRect();
        if (m_panning && plot.width() > 0) {
            const qint64 shift = qint64((m_pressX - m_currentX) * double(m_pressTo - m_pressFrom) / plot.width());
            Q_EMIT m_owner->panRequested(m_pressFrom + shift, m_pressTo + shift);
        } else if (m_pressed && std::abs(m_currentX - m_pressX) > 4) {
            m_rubber = true;
        }
        if (plot.contains(event->position())) {
            m_owner->setCrosshairTime(m_owner->timeAt(m_currentX));
            Q_EMIT m_owner->crosshairMoved(m_owner->m_crosshairMs);
        } else if (m_owner->m_crosshair) {
            m_owner->clearCrosshair();
            Q_EMIT m_owner->crosshairMoved(-1);
        }
        viewport()->update();
        event->accept();
    }

    void mouseReleaseEvent(QMouseEvent *event) override
    {
        m_currentX = event->position().x();
        if (m_rubber) {
            const qint64 from = m_owner->timeAt(rubberFrom());
            const qint64 to = m_owner->timeAt(rubberTo());
            m_rubber = false;
            if (to - from >= 1)
                Q_EMIT m_owner->zoomRequested(from, to);
        } else if (m_pressed) {
            Q_EMIT m_owner->bandClicked(m_owner->bandAt(m_currentX));
        }
        if (m_panning)
            unsetCursor();
        m_pressed = m_panning = false;
        viewport()->update();
        event->accept();
    }

    void mouseDoubleClickEvent(QMouseEvent *event) override
    {
        event->accept();
        Q_EMIT m_owner->resetRequested();
    }

    void wheelEvent(QWheelEvent *event) override
    {
        const int delta = event->angleDelta().y();
        if (delta == 0) {
            event->ignore();
            return;
        }
        m_owner->zoomAround(m_owner->timeAt(event->position().x()), std::pow(0.8, delta / 120.0));
        event->accept();
    }

    void leaveEvent(QEvent *event) override
    {
        QChartView::leaveEvent(event);
        if (m_owner->m_crosshair) {
            m_owner->clearCrosshair();
            Q_EMIT m_owner->crosshairMoved(-1);
        }
    }

    void keyPressEvent(QKeyEvent *event) override { m_owner->keyPressEvent(event); }

private:
    TimeChart *m_owner;
    qreal m_pressX = 0;
    qreal m_currentX = 0;
    qint64 m_pressFrom = 0;
    qint64 m_pressTo = 0;
    bool m_pressed = false;
    bool m_panning = false;
    bool m_rubber = false;
};

void preferSerialRasterFills()
{
    if (!qEnvironmentVariableIsSet("QT_NO_GUI_THREADPOOL"))
        qputenv("QT_NO_GUI_THREADPOOL", "1");
}

TimeChart::TimeChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new View(m_chart, this))
    , m_legend(new QLabel(this))
    , m_timeAxis(new QDateTimeAxis(this))
    , m_valueAxis(new QValueAxis(this))
{
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);
    m_chart->setBackgroundVisible(false);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_legend);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view);
    // The chart's own hints (sizeHint(), minimumSizeHint()) decide its height, not the view's scene.
    m_view->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    applyTheme();
    updateAxes();
}

TimeChart::~TimeChart() = default;

void TimeChart::setTitle(const QString &title)
{
    m_title = title;
    setAccessibleName(title);
    m_view->setAccessibleName(title);
    updateLegend();
    updateDescription();
}

QString TimeChart::title() const
{
    return m_title;
}

void TimeChart::setUnit(const QString &unit)
{
    m_unit = unit;
    m_valueAxis->setTitleText(unit);
    layoutPlot();
    updateDescription();
}

QString TimeChart::unit() const
{
    return m_unit;
}

void TimeChart::setFixedValueRange(double low, double high)
{
    m_fixedValueRange = std::pair(low, std::max(high, low + 1e-9));
    updateAxes();
}

void TimeChart::clearFixedValueRange()
{
    m_fixedValueRange.reset();
    updateAxes();
}

std::pair<double, double> TimeChart::valueRange() const
{
    return {m_valueAxis->min(), m_valueAxis->max()};
}

void TimeChart::setLines(const QList<ChartLine> &lines)
{
    setLines(lines, m_fromMs, m_toMs);
}

void TimeChart::setLines(const QList<ChartLine> &lines, qint64 fromMs, qint64 toMs)
{
    m_lines = lines;
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1);
    // Each axis change lays every series out again, with its old points: emptied first (cheap),
    // each series is laid out once, when handed its new points.
    for (const QList<QLineSeries *> &segments : std::as_const(m_segments))
        for (QLineSeries *series : segments)
            if (series->count() > 0)
                series->clear();
    // The axes first, so that each series computes its geometry once, when handed its points.
    updateAxes();
    rebuildSeries();
    updateLegend();
    updateDescription();
}

const QList<ChartLine> &TimeChart::lines() const
{
    return m_lines;
}

void TimeChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        toMs = fromMs + 1;
    if (fromMs == m_fromMs && toMs == m_toMs)
        return;
    m_fromMs = fromMs;
    m_toMs = toMs;
    updateAxes();
    updateDescription();
}

void TimeChart::setBands(const QList<ChartBand> &bands)
{
    m_bands = bands;
    if (m_selectedBand >= m_bands.size())
        m_selectedBand = -1;
    m_view->viewport()->update();
}

const QList<ChartBand> &TimeChart::bands() const
{
    return m_bands;
}

void TimeChart::setSelectedBand(int index)
{
    m_selectedBand = (index >= 0 && index < m_bands.size()) ? index : -1;
    m_view->viewport()->update();
}

int TimeChart::selectedBand() const
{
    return m_selectedBand;
}

void TimeChart::setPlotLeft(int pixels)
{
    if (m_plotLeft == pixels)
        return;
    m_plotLeft = pixels;
    layoutPlot();
}

int TimeChart::preferredPlotLeft() const
{
    // Room for the widest value label a chart is likely to have, whatever it shows now: the plot's
    // width, hence the pixel columns asked for, does not change with the data.
    const QFontMetrics fm(font());
    return fm.horizontalAdvance(QLocale().toString(88888.8, 'f', 1)) + fm.height() * 2;
}

void TimeChart::setTimeLabelsVisible(bool visible)
{
    m_timeLabels = visible;
    m_timeAxis->setLabelsVisible(visible);
    layoutPlot();
}

int TimeChart::plotWidth() const
{
    return std::max(1, int(plotRect().width()));
}

QRectF TimeChart::plotRect() const
{
    return m_chart->plotArea();
}

qint64 TimeChart::timeAt(qreal x) const
{
    const QRectF plot = plotRect();
    if (plot.width() <= 0)
        return m_fromMs;
    const double t = (x - plot.left()) / plot.width();
    return m_fromMs + qint64(std::llround(t * double(m_toMs - m_fromMs)));
}

qreal TimeChart::xAt(qint64 timestampMs) const
{
    const QRectF plot = plotRect();
    return plot.left() + double(timestampMs - m_fromMs) / double(std::max<qint64>(1, m_toMs - m_fromMs)) * plot.width();
}

void TimeChart::setCrosshairTime(qint64 timestampMs)
{
    m_crosshair = true;
    m_crosshairMs = timestampMs;
    m_view->viewport()->update();
}

void TimeChart::clearCrosshair()
{
    m_crosshair = false;
    m_view->viewport()->update();
}

QString TimeChart::crosshairText() const
{
    if (!m_crosshair)
        return {};
    QStringList rows;
    rows << QDateTime::fromMSecsSinceEpoch(m_crosshairMs).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    for (int i = 0; i < m_lines.size(); ++i)
        rows << tr("%1: %2").arg(m_lines.at(i).label, lineValueText(i, m_crosshairMs));
    return rows.join(u'\n');
}

QString TimeChart::formatValue(double value, const QString &unit)
{
    if (std::isnan(value))
        return u"—"_s;
    const double magnitude = std::abs(value);
    const int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude > 0 ? 3 : 0;
    const QString number = QLocale().toString(value, 'f', decimals);
    return unit.isEmpty() ? number : tr("%1 %2", "a value and its unit").arg(number, unit);
}

QString TimeChart::formatSpan(qint64 ms)
{
    constexpr qint64 minute = 60'000;
    constexpr qint64 hour = 60 * minute;
    constexpr qint64 day = 24 * hour;
    if (ms >= 2 * day)
        return tr("%n days", "a time span", int(std::llround(double(ms) / day)));
    if (ms >= hour)
        return tr("%n h", "a time span, in hours", int(std::llround(double(ms) / hour)));
    return tr("%n min", "a time span, in minutes", int(std::max<qint64>(1, std::llround(double(ms) / minute))));
}

void TimeChart::updateDescription()
{
    // One pass over the points in range, already decimated (a few per pixel column): cheap.
    QStringList parts;
    for (const ChartLine &line : std::as_const(m_lines)) {
        double low = std::numeric_limits<double>::infinity();
        double high = -low;
        for (const Sample &sample : line.samples) {
            if (sample.isGap() || sample.timestampMs < m_fromMs || sample.timestampMs > m_toMs)
                continue;
            low = std::min(low, sample.value);
            high = std::max(high, sample.value);
        }
        if (low > high)
            continue;
        const QString range = low == high ? formatValue(low, m_unit)
                                          : tr("%1 to %2", "the lowest and highest values of a chart line")
                                                .arg(formatValue(low, m_unit), formatValue(high, m_unit));
        parts << (m_lines.size() == 1 ? range
                                      : tr("%1: %2", "a chart line's label and its range").arg(line.label, range));
    }
    const QString shown = parts.isEmpty() ? tr("no data") : parts.join(u", "_s);
    const QString description = tr("%1 over %2: %3", "a chart's title, its time span, what its lines show")
                                    .arg(m_title, formatSpan(m_toMs - m_fromMs), shown);
    if (accessibleDescription() != description) {
        setAccessibleDescription(description);
        m_view->setAccessibleDescription(description);
    }
}

QString TimeChart::lineValueText(int line, qint64 timestampMs) const
{
    const QList<Sample> &samples = m_lines.at(line).samples;
    const auto it = std::ranges::lower_bound(samples, timestampMs, {}, [](const Sample &s) { return s.timestampMs; });
    const qsizetype right = it - samples.cbegin();
    const qsizetype left = right - 1;
    const auto real = [&](qsizetype i) { return i >= 0 && i < samples.size() && !samples.at(i).isGap(); };
    // Inside an unbroken run the nearest point reads; past its ends or in a gap, only a point
    // within a few pixels does.
    const bool inside = real(left) && real(right);
    const double tolerance = 6.0 * double(m_toMs - m_fromMs) / double(plotWidth());
    double best = std::numeric_limits<double>::infinity();
    qsizetype chosen = -1;
    for (qsizetype i : {left, right}) {
        if (!real(i))
            continue;
        const double distance = std::abs(double(samples.at(i).timestampMs - timestampMs));
        if ((inside || distance <= tolerance) && distance < best) {
            best = distance;
            chosen = i;
        }
    }
    return chosen < 0 ? u"—"_s : formatValue(samples.at(chosen).value, m_unit);
}

bool TimeChart::isEmpty() const
{
    for (const ChartLine &line : m_lines)
        for (const Sample &sample : line.samples)
            if (!sample.isGap() && sample.timestampMs >= m_fromMs && sample.timestampMs <= m_toMs)
                return false;
    return true;
}

QList<QLineSeries *> TimeChart::segmentSeries(int line) const
{
    return line >= 0 && line < m_segments.size() ? m_segments.at(line) : QList<QLineSeries *>();
}

QChart *TimeChart::chart() const
{
    return m_chart;
}

QColor TimeChart::lineColor(int line) const
{
    return lineHue(line, StateIcons::isDark(palette()));
}

void TimeChart::rebuildSeries()
{
    // Every series of the previous lines goes back to the spares, then each run takes one.
    for (const QList<QLineSeries *> &segments : std::as_const(m_segments))
        m_spare.append(segments);
    m_segments.clear();
    const bool dark = StateIcons::isDark(palette());
    for (int i = 0; i < m_lines.size(); ++i) {
        QList<QLineSeries *> segments;
        // A dense line (decimated: up to four points a pixel) in one-pixel cosmetic strokes, which the
        // raster engine draws on its fast path; a sparse one thicker, to be seen.
        const qsizetype points = m_lines.at(i).samples.size();
        QPen pen(lineHue(i, dark), points > plotWidth() / 3 ? 1.0 : 2.0);
        pen.setCosmetic(true);
        for (const QList<Sample> &run : splitAtGaps(m_lines.at(i).samples)) {
            QLineSeries *series = nullptr;
            if (!m_spare.isEmpty()) {
                series = m_spare.takeFirst();
            } else {
                series = new QLineSeries(this);
                m_chart->addSeries(series);
                series->attachAxis(m_timeAxis);
                series->attachAxis(m_valueAxis);
            }
            QList<QPointF> samplePoints;
            samplePoints.reserve(run.size());
            for (const Sample &sample : run)
                samplePoints.append(QPointF(qreal(sample.timestampMs), sample.value));
            // Qt Charts lays a series out again at each change of its look: only what changed is set.
            if (series->name() != m_lines.at(i).label)
                series->setName(m_lines.at(i).label);
            if (series->pen() != pen)
                series->setPen(pen);
            // A run of one point would be invisible as a line: it shows as a dot.
            if (series->pointsVisible() != (run.size() == 1))
                series->setPointsVisible(run.size() == 1);
            if (series->markerSize() != 5)
                series->setMarkerSize(5);
            series->replace(samplePoints);
            if (!series->isVisible())
                series->setVisible(true);
            segments.append(series);
        }
        m_segments.append(segments);
    }
    for (QLineSeries *spare : std::as_const(m_spare)) {
        if (spare->count() > 0)
            spare->replace(QList<QPointF>());
        if (spare->isVisible())
            spare->setVisible(false);
    }
}

void TimeChart::updateLegend()
{
    const QColor text = palette().color(QPalette::WindowText);
    QString html = u"<b>%1</b>"_s.arg(m_title.toHtmlEscaped());
    for (int i = 0; i < m_lines.size(); ++i)
        html += u"&nbsp;&nbsp; <span style=\"color:%1\">&#9644;</span>&nbsp;<span style=\"color:%2\">%3</span>"_s.arg(
            lineColor(i).name(), text.name(), m_lines.at(i).label.toHtmlEscaped());
    if (m_legend->text() != html)
        m_legend->setText(html);
}

void TimeChart::updateAxes()
{
    // Each change of an axis lays every series out again: only what changed is set.
    const qint64 span = m_toMs - m_fromMs;
    const QString format = timeFormat(span);
    if (m_timeAxis->format() != format)
        m_timeAxis->setFormat(format);
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(m_fromMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(m_toMs);
    if (m_timeAxis->min() != from || m_timeAxis->max() != to)
        m_timeAxis->setRange(from, to);

    if (m_fixedValueRange) {
        const auto [fixedLow, fixedHigh] = *m_fixedValueRange;
        if (m_valueAxis->min() != fixedLow || m_valueAxis->max() != fixedHigh)
            m_valueAxis->setRange(fixedLow, fixedHigh);
        // Ticks at round steps (1, 2, 2.5 or 5 times a power of ten) that fit the height.
        const QFontMetrics fm(font());
        const int fit = std::clamp(int(plotRect().height()) / std::max(1, fm.height() * 2), 1, 5);
        const double valueSpan = fixedHigh - fixedLow;
        int tickCount = 2;
        for (int intervals : {5, 4, 2, 1})
            if (intervals <= fit) {
                tickCount = intervals + 1;
                break;
            }
        if (m_valueAxis->tickCount() != tickCount)
            m_valueAxis->setTickCount(tickCount);
        const QString labels = valueSpan / (tickCount - 1) < 1 ? u"%.1f"_s : u"%.0f"_s;
        if (m_valueAxis->labelFormat() != labels)
            m_valueAxis->setLabelFormat(labels);
        layoutPlot();
        return;
    }
    double low = 0;
    double high = 0;
    bool any = false;
    for (const ChartLine &line : std::as_const(m_lines))
        for (const Sample &sample : line.samples) {
            if (sample.isGap() || sample.timestampMs < m_fromMs || sample.timestampMs > m_toMs)
                continue;
            low = std::min(low, sample.value);
            high = std::max(high, sample.value);
            any = true;
        }
    if (!any || high <= low)
        high = low + (m_unit == u"%"_s ? 1.0 : 10.0);
    // Round numbers: a step of 1, 2, 2.5 or 5 times a power of ten, for as many ticks as fit.
    const QFontMetrics fm(font());
    const int ticks = std::clamp(int(plotRect().height()) / std::max(1, fm.height() * 2), 2, 5);
    const double raw = (high - low) * 1.05 / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (magnitude * m >= raw) {
            step = magnitude * m;
            break;
        }
    const double niceLow = std::floor(low / step) * step;
    const double niceHigh = std::max(niceLow + step, std::ceil(high * 1.05 / step) * step);
    if (m_valueAxis->min() != niceLow || m_valueAxis->max() != niceHigh)
        m_valueAxis->setRange(niceLow, niceHigh);
    const int tickCount = int(std::llround((niceHigh - niceLow) / step)) + 1;
    if (m_valueAxis->tickCount() != tickCount)
        m_valueAxis->setTickCount(tickCount);
    const QString labels = step < 0.1 ? u"%.2f"_s : step < 1 ? u"%.1f"_s : u"%.0f"_s;
    if (m_valueAxis->labelFormat() != labels)
        m_valueAxis->setLabelFormat(labels);
    layoutPlot();
}

void TimeChart::layoutPlot()
{
    const QFontMetrics fm(font());
    const QSize size = m_view->size();
    const int left = m_plotLeft >= 0 ? m_plotLeft : preferredPlotLeft();
    const int top = fm.height() / 2;
    const int right = fm.averageCharWidth() * 3;
    const int bottom = m_timeLabels ? fm.height() * 2 : fm.height(); // room for the lowest value label
    const QRectF plot(left, top, std::max(10, size.width() - left - right), std::max(10, size.height() - top - bottom));
    if (m_chart->plotArea() != plot) {
        m_chart->setPlotArea(plot);
        // The series follow a new plot area at once, the axes at the layout's next pass: now, so
        // that grids and labels never sit where the previous area was.
        m_chart->layout()->invalidate();
        m_chart->layout()->activate();
    }
    const int labelWidth =
        fm.horizontalAdvance(QDateTime::fromMSecsSinceEpoch(m_fromMs).toString(m_timeAxis->format())) + fm.height() * 2;
    const int timeTicks = std::clamp(int(plot.width()) / std::max(1, labelWidth) + 1, 2, 9);
    if (m_timeAxis->tickCount() != timeTicks)
        m_timeAxis->setTickCount(timeTicks);
    m_view->viewport()->update();
}

int TimeChart::bandAt(qreal x) const
{
    // The narrowest band under x wins, so that a short one on a long one can be picked.
    int found = -1;
    qint64 narrowest = std::numeric_limits<qint64>::max();
    const qint64 slack = qint64(3.0 * double(m_toMs - m_fromMs) / double(plotWidth()));
    const qint64 t = timeAt(x);
    for (int i = 0; i < m_bands.size(); ++i) {
        const ChartBand &band = m_bands.at(i);
        if (t >= band.fromMs - slack && t <= band.toMs + slack && band.toMs - band.fromMs < narrowest) {
            narrowest = band.toMs - band.fromMs;
            found = i;
        }
    }
    return found;
}

void TimeChart::paintBands(QPainter *painter)
{
    // Under the lines: the bands.
    const QPalette pal = palette();
    const QRectF plot = plotRect();
    const QFontMetrics fm(font());
    painter->setFont(font());
    for (int i = 0; i < m_bands.size(); ++i) {
        const ChartBand &band = m_bands.at(i);
        if (band.toMs < m_fromMs || band.fromMs > m_toMs)
            continue;
        const qreal x1 = std::clamp(xAt(band.fromMs), plot.left(), plot.right());
        const qreal x2 = std::clamp(xAt(band.toMs), plot.left(), plot.right());
        QRectF rect(x1, plot.top(), std::max<qreal>(2, x2 - x1), plot.height());
        QColor color = band.kind == ChartBand::Kind::Maintenance
                           ? StateIcons::color(StateIcons::Explained::Maintenance, pal)
                           : StateIcons::color(
                                 band.kind == ChartBand::Kind::Outage ? HealthState::Down : HealthState::Degraded, pal);
        const bool selected = i == m_selectedBand;
        QColor fill = color;
        fill.setAlphaF(selected ? 0.34 : 0.16);
        painter->fillRect(rect, fill);
        if (selected) {
            QPen edge(color, 1.5);
            edge.setCosmetic(true);
            painter->setPen(edge);
            painter->drawLine(rect.topLeft(), rect.bottomLeft());
            painter->drawLine(rect.topRight(), rect.bottomRight());
        }
        if (!band.label.isEmpty() && fm.horizontalAdvance(band.label) + 6 < rect.width()) {
            painter->setPen(pal.color(QPalette::WindowText));
            painter->drawText(rect.adjusted(3, 2, -3, 0), Qt::AlignLeft | Qt::AlignTop, band.label);
        }
    }
}

void TimeChart::paintForeground(QPainter *painter)
{
    const QPalette pal = palette();
    const QRectF plot = plotRect();
    if (m_view->rubberBandActive()) {
        QColor fill = pal.color(QPalette::Highlight);
        fill.setAlphaF(0.2);
        const QRectF band(QPointF(std::max(plot.left(), m_view->rubberFrom()), plot.top()),
                          QPointF(std::min(plot.right(), m_view->rubberTo()), plot.bottom()));
        painter->fillRect(band, fill);
        painter->setPen(pal.color(QPalette::Highlight));
        painter->drawRect(band);
    }
    if (isEmpty()) {
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->setFont(font());
        painter->drawText(plot, Qt::AlignCenter | Qt::TextWordWrap, tr("No data in this range"));
    }
    if (!m_crosshair || m_crosshairMs < m_fromMs || m_crosshairMs > m_toMs)
        return;
    const qreal x = xAt(m_crosshairMs);
    QColor lineColour = pal.color(QPalette::WindowText);
    lineColour.setAlphaF(0.55);
    QPen pen(lineColour, 1, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));

    const QString text = crosshairText();
    painter->setFont(font());
    const QFontMetrics fm(font());
    const QRect bounds = fm.boundingRect(QRect(0, 0, 10'000, 10'000), Qt::AlignLeft | Qt::AlignTop, text);
    const int pad = fm.averageCharWidth();
    QRectF box(x + pad * 2, plot.top() + pad, bounds.width() + 2 * pad, bounds.height() + 2 * pad);
    if (box.right() > plot.right())
        box.moveRight(x - pad * 2);
    QColor back = pal.color(QPalette::ToolTipBase);
    back.setAlphaF(0.92);
    painter->setPen(QPen(pal.color(QPalette::Mid), 1));
    painter->setBrush(back);
    painter->drawRoundedRect(box, 3, 3);
    painter->setPen(pal.color(QPalette::ToolTipText));
    painter->drawText(box.adjusted(pad, pad, -pad, -pad), Qt::AlignLeft | Qt::AlignTop, text);
}

void TimeChart::zoomAround(qint64 centerMs, double factor)
{
    const double from = double(centerMs) - double(centerMs - m_fromMs) * factor;
    const double to = double(centerMs) + double(m_toMs - centerMs) * factor;
    if (to - from < MinimumSpanMs)
        return;
    Q_EMIT zoomRequested(qint64(from), qint64(to));
}

void TimeChart::panBy(double fraction)
{
    const qint64 shift = qint64(double(m_toMs - m_fromMs) * fraction);
    Q_EMIT panRequested(m_fromMs + shift, m_toMs + shift);
}

void TimeChart::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        panBy(-0.1);
        break;
    case Qt::Key_Right:
        panBy(0.1);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAround(m_fromMs + (m_toMs - m_fromMs) / 2, 0.5);
        break;
    case Qt::Key_Minus:
        zoomAround(m_fromMs + (m_toMs - m_fromMs) / 2, 2.0);
        break;
    case Qt::Key_Home:
    case Qt::Key_Escape:
        Q_EMIT resetRequested();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

QSize TimeChart::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 50, fm.height() * 11};
}

QSize TimeChart::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 20, fm.height() * 7};
}

void TimeChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (!m_applyingTheme && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange))
        applyTheme();
}

void TimeChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutPlot();
    updateAxes(); // as many value ticks as the new height holds
}

void TimeChart::applyTheme()
{
    // setTheme() resets colours and fonts, so everything the palette drives is set again after it.
    m_applyingTheme = true;
    const QPalette pal = palette();
    const bool dark = StateIcons::isDark(pal);
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundVisible(false);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->legend()->hide();
    const QColor window = pal.color(QPalette::Window);
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.12);
    m_view->setBackgroundBrush(window);
    const QFont labelFont = font();
    for (QAbstractAxis *axis : std::initializer_list<QAbstractAxis *>{m_timeAxis, m_valueAxis}) {
        axis->setLabelsBrush(text);
        axis->setLabelsFont(labelFont);
        axis->setTitleBrush(text);
        axis->setTitleFont(labelFont);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    m_timeAxis->setLabelsVisible(m_timeLabels);
    rebuildSeries();
    updateLegend();
    layoutPlot();
    m_applyingTheme = false;
}

} // namespace Vigie
