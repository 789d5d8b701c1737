#pragma once

#include "series/series.h"
#include "series/windowstats.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

#include <limits>
#include <optional>
#include <utility>

class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QPainter;
class QValueAxis;

namespace Vigie {

// Qt's raster engine hands a fill of more than about a hundred spans (a line's steep stroke, a
// band, a gridline) to a pool of threads and waits for them; for a chart's shapes on a two-core
// machine the hand-off costs more than the fill (bench_charts: the median pan frame drops from
// 16 ms to 7 ms without it). Sets QT_NO_GUI_THREADPOOL unless the environment already says; call
// it before the QApplication is made.
void preferSerialRasterFills();

// A span drawn as a band across a chart's time axis: an outage episode, a maintenance window, an
// incident. The caller says what it was; the chart only draws it.
struct ChartBand
{
    enum class Kind { Outage, Maintenance, Incident };
    qint64 fromMs = 0; // UTC
    qint64 toMs = 0;
    Kind kind = Kind::Outage;
    QString label; // shown on the band, translated by the caller
    friend bool operator==(const ChartBand &, const ChartBand &) = default;
};

// One line of a chart: what it draws (a series of the store), its label in the legend and the
// crosshair, and its points, oldest first, with NaN gap markers where the line breaks (decimated:
// at most four points per pixel column).
struct ChartLine
{
    QString series;
    QString label;
    QList<Sample> samples;
};

// One chart of values over time (Qt Charts): a line per ChartLine in its own colour, broken at
// each gap (each unbroken run is its own QLineSeries, handed its points whole with replace()),
// bands drawn under the lines across the plot, a crosshair that reads each line's value and the
// time under the cursor, and a legend above it. The time range is set by its owner (ChartPanel
// keeps several charts on one range); what the user does to it is asked for by signals:
// - drag with the left button: a rubber band (time only) → zoomRequested(from, to);
// - the wheel: zoom around the time under the cursor; drag with the middle button or Shift+left,
//   or the arrow keys: pan; + and -: zoom; Home, Escape or a double click: resetRequested();
// - a click on a band: bandClicked(index) (-1 when the click missed every band).
// Follows the palette (light or dark) and the font.
class TimeChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeChart)

public:
    explicit TimeChart(QWidget *parent = nullptr);
    ~TimeChart() override;

    void setTitle(const QString &title);
    QString title() const;
    // The unit of the value axis ("ms", "%", "Mbit/s"), shown after values.
    void setUnit(const QString &unit);
    QString unit() const;
    // A value axis fixed to [low, high] (a share in %: 0 to 100) instead of one that fits the
    // lines; clearFixedValueRange() goes back to fitting.
    void setFixedValueRange(double low, double high);
    void clearFixedValueRange();
    std::pair<double, double> valueRange() const;
    // The value axis starts at zero unless a line goes below it.
    void setLines(const QList<ChartLine> &lines);
    // New lines over a new time range at once: Qt Charts lays the series out once, not for the
    // old points on the new range and again for the new ones.
    void setLines(const QList<ChartLine> &lines, qint64 fromMs, qint64 toMs);
    const QList<ChartLine> &lines() const;
    void setTimeRange(qint64 fromMs, qint64 toMs);
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }
    void setBands(const QList<ChartBand> &bands);
    const QList<ChartBand> &bands() const;
    void setSelectedBand(int index); // -1: none
    int selectedBand() const;
    // The left edge of the plot area, in pixels from the widget's left: charts stacked on one time
    // axis share it so that their plots line up. It depends on the font, never on the data.
    void setPlotLeft(int pixels);
    int preferredPlotLeft() const;
    void setTimeLabelsVisible(bool visible);

    // The width of the plot area in pixels: the pixel columns a query asks for.
    int plotWidth() const;
    // The time at an x of the chart view (the plot's coordinates), and back.
    qint64 timeAt(qreal x) const;
    qreal xAt(qint64 timestampMs) const;

    // The crosshair at a time (as when the mouse is over it), and what it reads there: the time,
    // then each line's value ("—" in a gap), one per line.
    void setCrosshairTime(qint64 timestampMs);
    void clearCrosshair();
    bool hasCrosshair() const { return m_crosshair; }
    QString crosshairText() const;

    // No line has a point in the range: the plot says so.
    bool isEmpty() const;

    // The Qt Charts series drawing line `line`: one per unbroken run.
    QList<QLineSeries *> segmentSeries(int line) const;
    QChart *chart() const;
    // A line's colour (the legend's, the crosshair's).
    QColor lineColor(int line) const;
    static QString formatValue(double value, const QString &unit);
    // A time span in its largest whole unit for people: "45 min", "24 h", "7 days".
    static QString formatSpan(qint64 ms);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void zoomRequested(qint64 fromMs, qint64 toMs);
    void panRequested(qint64 fromMs, qint64 toMs);
    void resetRequested();
    void bandClicked(int index);
    // The crosshair moved to a time (or left the plot: -1), for the charts stacked with this one.
    void crosshairMoved(qint64 timestampMs);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    class View;
    friend class View;

    void applyTheme();
    void rebuildSeries();
    void updateAxes();
    void updateLegend();
    // What a screen reader says of the chart, from the points at hand: "Response time over 24 h:
    // 120 ms to 209 ms" (each line's range, labelled, when there are several).
    void updateDescription();
    void layoutPlot();
    QRectF plotRect() const;
    void paintBands(QPainter *painter);      // under the lines
    void paintForeground(QPainter *painter); // over them: the rubber band, the crosshair
    void zoomAround(qint64 centerMs, double factor);
    void panBy(double fraction);
    int bandAt(qreal x) const;
    QString lineValueText(int line, qint64 timestampMs) const;

    QChart *m_chart;
    View *m_view;
    QLabel *m_legend;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QString m_title;
    QString m_unit;
    QList<ChartLine> m_lines;
    QList<QList<QLineSeries *>> m_segments; // per line
    QList<QLineSeries *> m_spare;           // series kept for reuse, emptied and hidden
    QList<ChartBand> m_bands;
    int m_selectedBand = -1;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 3'600'000;
    int m_plotLeft = -1;
    bool m_timeLabels = true;
    bool m_crosshair = false;
    qint64 m_crosshairMs = 0;
    bool m_applyingTheme = false;
    std::optional<std::pair<double, double>> m_fixedValueRange;
};

} // namespace Vigie
