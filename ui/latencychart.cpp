#include "latencychart.h"

#include "stateicons.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QResizeEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

LatencyChart::LatencyChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_line(new QLineSeries(this))
    , m_degraded(new QScatterSeries(this))
    , m_down(new QScatterSeries(this))
    , m_timeAxis(new QDateTimeAxis(this))
    , m_valueAxis(new QValueAxis(this))
    , m_emptyLabel(new QLabel(tr("No results in this range yet"), this))
{
    setAccessibleName(tr("Response time chart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setAccessibleName(tr("Response time chart"));

    m_line->setName(tr("Response time"));
    m_degraded->setName(tr("Degraded"));
    m_degraded->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_down->setName(tr("Down"));
    m_down->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    for (QXYSeries *series : std::initializer_list<QXYSeries *>{m_line, m_degraded, m_down})
        m_chart->addSeries(series);

    // QDateTime::fromMSecsSinceEpoch, which the axis uses, gives local time: engineers read the
    // chart against their own clock.
    m_timeAxis->setFormat(u"HH:mm"_s);
    m_valueAxis->setLabelFormat(u"%.0f"_s);
    m_valueAxis->setTitleText(tr("ms"));
    m_valueAxis->setMin(0);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QXYSeries *series : std::initializer_list<QXYSeries *>{m_line, m_degraded, m_down}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);

    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 0, 0);
    layout->addWidget(m_emptyLabel, 0, 0);
    m_emptyLabel->raise();

    setMinimumHeight(fontMetrics().height() * 10);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    applyTheme();
    setPoints({});
}

LatencyChart::~LatencyChart() = default;

void LatencyChart::setPoints(const QList<LatencyPoint> &points)
{
    m_points = points;
    QList<QPointF> answered;
    QList<QPointF> degraded;
    QList<QPointF> down;
    answered.reserve(points.size());
    for (const LatencyPoint &point : points) {
        const QPointF xy(qreal(point.timestampMs), point.latencyMs);
        switch (point.status) {
        case HealthState::Down:
            // A failed probe has no meaningful response time: it sits on the axis, off the line.
            down.append(QPointF(qreal(point.timestampMs), 0));
            break;
        case HealthState::Degraded:
            degraded.append(xy);
            answered.append(xy);
            break;
        case HealthState::Up:
        case HealthState::Unknown:
            answered.append(xy);
            break;
        }
    }
    m_line->replace(answered);
    m_degraded->replace(degraded);
    m_down->replace(down);
    m_emptyLabel->setVisible(points.isEmpty());
    updateAxes();
}

void LatencyChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;
    updateAxes();
}

QSize LatencyChart::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.averageCharWidth() * 40, fm.height() * 12};
}

int LatencyChart::pointCount() const
{
    return int(m_points.size());
}

bool LatencyChart::isShowingEmptyText() const
{
    return !m_emptyLabel->isHidden();
}

void LatencyChart::updateAxes()
{
    qint64 from = m_fromMs;
    qint64 to = m_toMs;
    if (from >= to) {
        if (m_points.isEmpty()) {
            to = QDateTime::currentMSecsSinceEpoch();
            from = to - 3600 * 1000;
        } else {
            const auto [lowest, highest] = std::minmax_element(
                m_points.cbegin(), m_points.cend(),
                [](const LatencyPoint &a, const LatencyPoint &b) { return a.timestampMs < b.timestampMs; });
            from = lowest->timestampMs;
            to = std::max(highest->timestampMs, from + 60 * 1000);
        }
    }
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));

    double top = 0;
    for (const LatencyPoint &point : m_points)
        if (point.status != HealthState::Down)
            top = std::max(top, point.latencyMs);
    m_valueAxis->setRange(0, top > 0 ? top * 1.15 : 10.0);
    m_valueAxis->applyNiceNumbers();
}

void LatencyChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (!m_applyingTheme && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange))
        applyTheme();
}

void LatencyChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // As many time labels as fit side by side with room between them, so none is elided.
    const int labelWidth = fontMetrics().horizontalAdvance(u"00:00"_s) * 2 + fontMetrics().height();
    m_timeAxis->setTickCount(std::clamp(width() / std::max(1, labelWidth), 2, 7));
}

void LatencyChart::applyTheme()
{
    // setTheme() resets colours and fonts, so everything the palette drives is set again after it.
    m_applyingTheme = true;
    const QPalette pal = palette();
    const bool dark = StateIcons::isDark(pal);
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    const QColor window = pal.color(QPalette::Window);
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.12);
    m_chart->setBackgroundBrush(window);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
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
    m_chart->legend()->setLabelColor(text);
    m_chart->legend()->setFont(labelFont);

    QPen linePen(pal.color(QPalette::Highlight), 2);
    linePen.setCosmetic(true);
    m_line->setPen(linePen);
    const qreal markerSize = std::max(7, fontMetrics().height() / 2);
    const auto styleMarks = [&](QScatterSeries *series, HealthState state) {
        series->setColor(StateIcons::color(state, pal));
        series->setBorderColor(window);
        series->setMarkerSize(markerSize);
    };
    styleMarks(m_degraded, HealthState::Degraded);
    styleMarks(m_down, HealthState::Down);

    QPalette labelPalette = m_emptyLabel->palette();
    labelPalette.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    m_emptyLabel->setPalette(labelPalette);
    m_applyingTheme = false;
}

} // namespace Vigie
