#pragma once

#include "store/resultstore.h"

#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace Vigie {

// Response time over time for one service: a line through the answered probes, with degraded and
// down results marked by their own shapes and colours. Follows the palette (light or dark).
class LatencyChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyChart)

public:
    explicit LatencyChart(QWidget *parent = nullptr);
    ~LatencyChart() override;

    // Replaces every point in one go.
    void setPoints(const QList<LatencyPoint> &points);
    // The span shown on the time axis (UTC ms); without it the axis spans the points.
    void setTimeRange(qint64 fromMs, qint64 toMs);

    // Modest, so that a layout gives the chart the space left over rather than taking it first.
    QSize sizeHint() const override;

    int pointCount() const;
    bool isShowingEmptyText() const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyTheme();
    void updateAxes();

    QChart *m_chart;
    QChartView *m_view;
    QLineSeries *m_line;
    QScatterSeries *m_degraded;
    QScatterSeries *m_down;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QLabel *m_emptyLabel;
    QList<LatencyPoint> m_points;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    bool m_applyingTheme = false;
};

} // namespace Vigie
