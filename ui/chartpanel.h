#pragma once

#include "series/series.h"
#include "timechart.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QToolButton;
class QVBoxLayout;

namespace Vigie {

class Clock;

// Where a chart's points come from: a range query for one series, off the GUI thread (a series
// store's range(); tests and benchmarks give their own). `pixelColumns` is the plot's width: the
// source may answer at a coarser level as long as it gives at least one value per column.
using SeriesFetch =
    std::function<QFuture<SeriesRange>(const QString &series, qint64 fromMs, qint64 toMs, int pixelColumns)>;

// One line a chart asks for.
struct ChartLineSpec
{
    QString series; // seriesName() form
    QString label;  // shown, translated
    friend bool operator==(const ChartLineSpec &, const ChartLineSpec &) = default;
};

// One chart of a ChartPanel.
struct ChartSpec
{
    // How a pixel column's values become points: M4 (first, min, max, last: response times,
    // bandwidth) or the error rate in % of a 0/1 success series, (1 - mean) x 100 per column.
    enum class Reduction { M4, ErrorRate };
    QString title;
    QString unit;
    QList<ChartLineSpec> lines;
    // Shown instead of `lines` when the panel's "Phases" button is on (empty: the chart has no
    // such split).
    QList<ChartLineSpec> splitLines;
    Reduction reduction = Reduction::M4;
    // Break a raw line where two samples are further apart than this (0: only at gap markers).
    qint64 maxStepMs = 0;
    friend bool operator==(const ChartSpec &, const ChartSpec &) = default;
};

// Before and during a band, for one line: its readout ("120 ms → 209 ms").
struct BandComparison
{
    QString chart;
    QString line;
    QString unit;
    ChartSpec::Reduction reduction = ChartSpec::Reduction::M4;
    WindowStats before;
    WindowStats during;
};

// The charts of one subject (a service) stacked on one time axis: range presets (1 h to 1 y) and a
// custom range, zoom (rubber band, wheel, keys) and pan shared by every chart, reset, a crosshair
// that follows across them, bands (outages, maintenance, incidents) with a before/during readout
// for the one clicked, and export to PNG, SVG and CSV.
//
// Every query runs off the GUI thread through the SeriesFetch, for a window wider than the view
// (the visible range and one width on each side) at the visible range's resolution (the plot's
// pixel columns per width); answers are decimated there too (M4, at most four points per column)
// and handed to the charts whole, and kept; an answer older than the latest request is dropped. A
// pan or zoom that stays within the kept window at a level fine enough decimates again from memory
// in the same frame, with no query; one that nears the window's edge, or needs a finer level,
// queries again in the background while the charts keep showing what they have. Resizing and
// refresh() query again (coalesced).
class ChartPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartPanel)

public:
    enum class Preset { Hour, SixHours, Day, Week, Month, Year, Custom };
    Q_ENUM(Preset)

    explicit ChartPanel(QWidget *parent = nullptr);
    ~ChartPanel() override;

    // Where "now" comes from for the presets (the system clock by default; not owned).
    void setClock(const Clock *clock);
    void setFetch(SeriesFetch fetch);
    void setCharts(const QList<ChartSpec> &charts);
    const QList<ChartSpec> &charts() const;
    QList<TimeChart *> timeCharts() const;
    void setBands(const QList<ChartBand> &bands);
    const QList<ChartBand> &bands() const;

    // The base range: a preset ending now, or a custom one. Either resets the zoom.
    void setPreset(Preset preset);
    Preset preset() const;
    void setCustomRange(qint64 fromMs, qint64 toMs);
    static qint64 presetSpanMs(Preset preset);
    // What the charts show: the base range, or a zoomed or panned part of it.
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }
    bool isZoomed() const;
    void zoomTo(qint64 fromMs, qint64 toMs);
    void resetZoom();
    // The response time split into its phases (the charts that have splitLines).
    void setSplit(bool split);
    bool isSplit() const;

    // Queries every line again (new data recorded; a preset moves with now).
    void refresh();
    // The pixel columns of the visible range: the plot width (a query asks for as many per width).
    int pixelColumns() const;
    // A query is on its way.
    bool isFetching() const { return m_pending > 0; }

    // Selects a band (its before/during readout is computed off the GUI thread, then
    // bandReadoutReady()); -1 clears.
    void selectBand(int index);
    int selectedBand() const;
    const QList<BandComparison> &bandComparisons() const;
    QString bandReadout() const;

    enum class CsvResolution { Shown, Full };
    // The charts as they are drawn, at the widget's size.
    bool exportPng(const QString &path);
    bool exportSvg(const QString &path);
    // One row per time, one column per line, over the visible range: the points shown (decimated),
    // or every stored point, read again from the source. Either is written off the GUI thread;
    // exported() tells when and whether it worked.
    bool exportCsv(const QString &path, CsvResolution resolution);

Q_SIGNALS:
    // Every line of the latest request has its points.
    void loaded();
    void rangeChanged(qint64 fromMs, qint64 toMs);
    void bandReadoutReady();
    // An export finished (CSV at full resolution finishes later than it was asked).
    void exported(const QString &path, bool ok);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildCharts();
    void setView(qint64 fromMs, qint64 toMs);
    void scheduleQuery();
    void query();
    // Decimates the kept answers for the view and hands them to the charts; false when they do
    // not cover it at a fine enough level (then nothing changes).
    bool showFromKept();
    // The kept answers cover the view at a level fine enough, with room to pan before their edge.
    bool keptCovers(qint64 fromMs, qint64 toMs, bool withMargin) const;
    void computeBandReadout();
    void updateReadoutLabel();
    void syncControls();
    void alignCharts();
    void exportWithDialog(const QString &kind);
    QList<ChartLineSpec> linesOf(const ChartSpec &spec) const;
    qint64 nowMs() const;

    const Clock *m_clock = nullptr;
    SeriesFetch m_fetch;
    QList<ChartSpec> m_specs;
    QList<TimeChart *> m_charts;
    QList<ChartBand> m_bands;
    Preset m_preset = Preset::Hour;
    qint64 m_baseFrom = 0;
    qint64 m_baseTo = 0;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    bool m_split = false;
    int m_selectedBand = -1;
    QList<BandComparison> m_comparisons;

    // The last answers, per chart and line (the same for every line: one request), undecimated:
    // each the answer itself, then the same at each coarser rollup level.
    struct Kept
    {
        qint64 fromMs = 0;
        qint64 toMs = 0;
        int columns = 0;        // per visible width (the plot's)
        int windowColumns = 0;  // asked for the window
        bool openEnded = false; // the window stopped at now
        bool valid = false;
        QList<QList<QList<SeriesRange>>> ranges;
    };
    Kept m_kept;
    // The window the query on its way asks for.
    qint64 m_fetchFrom = 0;
    qint64 m_fetchTo = 0;
    int m_fetchColumns = 0;

    quint64 m_generation = 0;
    quint64 m_bandGeneration = 0;
    int m_pending = 0;
    int m_lastColumns = 0;
    bool m_pixelColumnsKnown = true;
    QTimer m_queryTimer;

    QComboBox *m_presets;
    QWidget *m_customBox;
    QDateTimeEdit *m_customFrom;
    QDateTimeEdit *m_customTo;
    QToolButton *m_reset;
    QToolButton *m_splitButton;
    QToolButton *m_export;
    QLabel *m_readout;
    QWidget *m_chartsHost;
    QVBoxLayout *m_chartsLayout;
};

} // namespace Vigie
