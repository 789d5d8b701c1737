#include "chartpanel.h"
#include "manualclock.h"
#include "screenshots.h"
#include "series/decimation.h"
#include "series/seriesstore.h"
#include "timechart.h"

#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QLineSeries>
#include <QPromise>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <cmath>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr qint64 Minute = 60'000;

// Series held in memory, answered as a store's raw level would be (the slice of the range).
struct MemorySource
{
    QHash<QString, QList<Sample>> series;
    int calls = 0;
    QList<int> columnsAsked;
    QList<qint64> fromAsked;
    QList<qint64> toAsked;

    SeriesFetch fetch()
    {
        return [this](const QString &name, qint64 fromMs, qint64 toMs, int columns) {
            ++calls;
            columnsAsked.append(columns);
            fromAsked.append(fromMs);
            toAsked.append(toMs);
            SeriesRange range{name, fromMs, toMs, SeriesLevel::Raw, {}, {}};
            for (const Sample &sample : series.value(name))
                if (sample.timestampMs >= fromMs && sample.timestampMs <= toMs)
                    range.samples.append(sample);
            return QtFuture::makeReadyValueFuture(range);
        };
    }
};

QList<Sample> ramp(qint64 fromMs, int count, qint64 stepMs, double start = 0, double slope = 1)
{
    QList<Sample> samples;
    for (int i = 0; i < count; ++i)
        samples.append({fromMs + i * stepMs, start + slope * i});
    return samples;
}

QString readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace

class tst_ChartPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void onePerProbeLineEachLabelled();
    void screenReadersHearWhatAChartShows();
    void aGapSplitsTheLine();
    void handsWholeDecimatedSeriesWithReplace();
    void errorRateIsAPercentagePerColumn();
    void crosshairReadsValuesAndTime();
    void bandReadoutComparesBeforeAndDuring();
    void exportsPngSvgAndCsv();
    void presetsChangeTheRange();
    void zoomPanAndReset();
    void staleAnswersAreDropped();
    void panWithinTheKeptWindowQueriesNothing();
    void panPastTheKeptWindowQueriesOnce();
    void zoomInBelowTheKeptLevelQueriesAgain();
    void zoomOutDrawsFromACoarserLevelOfWhatIsKept();
    void chartsShareTheTimeAxis();
    void followsThePaletteAndLooksRight();

private:
    bool load();
    ChartSpec probesChart(int probes) const;

    std::unique_ptr<Test::ManualClock> m_clock;
    std::unique_ptr<MemorySource> m_source;
    std::unique_ptr<ChartPanel> m_panel;
    qint64 m_now = 0;
};

void tst_ChartPanel::init()
{
    m_clock = std::make_unique<Test::ManualClock>();
    m_now = m_clock->nowMs();
    m_source = std::make_unique<MemorySource>();
    m_panel = std::make_unique<ChartPanel>();
    m_panel->setClock(m_clock.get());
    m_panel->resize(900, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_panel->setFetch(m_source->fetch());
}

void tst_ChartPanel::cleanup()
{
    m_panel.reset();
    m_source.reset();
}

bool tst_ChartPanel::load()
{
    QSignalSpy loaded(m_panel.get(), &ChartPanel::loaded);
    m_panel->refresh();
    return loaded.wait(5000);
}

ChartSpec tst_ChartPanel::probesChart(int probes) const
{
    ChartSpec spec;
    spec.title = u"Response time"_s;
    spec.unit = u"ms"_s;
    for (int i = 0; i < probes; ++i)
        spec.lines.append({u"latency{probe=\"%1\"}"_s.arg(i), u"Probe %1"_s.arg(i + 1)});
    return spec;
}

void tst_ChartPanel::onePerProbeLineEachLabelled()
{
    for (int i = 0; i < 3; ++i)
        m_source->series.insert(u"latency{probe=\"%1\"}"_s.arg(i), ramp(m_now - 3'600'000, 60, Minute, 100 * i));
    m_panel->setCharts({probesChart(3)});
    QVERIFY(load());
    const QList<TimeChart *> charts = m_panel->timeCharts();
    QCOMPARE(charts.size(), 1);
    QCOMPARE(charts.first()->lines().size(), 3);
    QVERIFY(!charts.first()->isEmpty());
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(charts.first()->lines().at(i).label, u"Probe %1"_s.arg(i + 1));
        QCOMPARE(charts.first()->segmentSeries(i).size(), 1);
        QCOMPARE(charts.first()->segmentSeries(i).first()->name(), u"Probe %1"_s.arg(i + 1));
        QCOMPARE(charts.first()->segmentSeries(i).first()->count(), 60);
    }
    // Each line its own colour.
    QVERIFY(charts.first()->lineColor(0) != charts.first()->lineColor(1));
}

// A chart is named by its title and described by what it shows, for a screen reader.
void tst_ChartPanel::screenReadersHearWhatAChartShows()
{
    m_source->series.insert(u"latency{probe=\"0\"}"_s, ramp(m_now - 50 * Minute, 50, Minute, 120, 1));
    m_panel->setCharts({probesChart(1)});
    QVERIFY(load());
    TimeChart *chart = m_panel->timeCharts().first();
    QCOMPARE(chart->accessibleName(), u"Response time"_s);
    const QString description = chart->accessibleDescription();
    QVERIFY2(description.startsWith(u"Response time over "_s), qPrintable(description));
    QVERIFY2(description.endsWith(u": 120 ms to 169 ms"_s), qPrintable(description));
    // The view that takes the focus says the same.
    QCOMPARE(chart->findChild<QChartView *>()->accessibleName(), u"Response time"_s);
    QCOMPARE(chart->findChild<QChartView *>()->accessibleDescription(), description);

    // Several lines: each with its label.
    m_source->series.insert(u"latency{probe=\"1\"}"_s, ramp(m_now - 50 * Minute, 50, Minute, 300, 0));
    m_panel->setCharts({probesChart(2)});
    QVERIFY(load());
    const QString both = m_panel->timeCharts().first()->accessibleDescription();
    QVERIFY2(both.endsWith(u": Probe 1: 120 ms to 169 ms, Probe 2: 300 ms"_s), qPrintable(both));
    QCOMPARE(TimeChart::formatSpan(24 * 60 * Minute), u"24 h"_s);
    QCOMPARE(TimeChart::formatSpan(7 * 24 * 60 * Minute), u"7 days"_s);
    QCOMPARE(TimeChart::formatSpan(45 * Minute), u"45 min"_s);
}

void tst_ChartPanel::aGapSplitsTheLine()
{
    QList<Sample> samples = ramp(m_now - 3'600'000, 60, Minute);
    samples[30].value = NaN; // nothing measured from 30 min to 31 min
    m_source->series.insert(u"latency{probe=\"0\"}"_s, samples);
    m_panel->setCharts({probesChart(1)});
    QVERIFY(load());
    const QList<QLineSeries *> segments = m_panel->timeCharts().first()->segmentSeries(0);
    QCOMPARE(segments.size(), 2);
    QCOMPARE(segments.at(0)->count(), 30);
    QCOMPARE(segments.at(1)->count(), 29);
    // The first segment ends before the gap, the second begins after it: no bridge.
    QCOMPARE(qint64(segments.at(0)->at(29).x()), samples.at(29).timestampMs);
    QCOMPARE(qint64(segments.at(1)->at(0).x()), samples.at(31).timestampMs);
    // A missing stretch without marker breaks the line too when the chart says how far apart
    // samples may be.
    QList<Sample> sparse = ramp(m_now - 3'600'000, 20, Minute);
    sparse.append(ramp(m_now - 1'200'000, 20, Minute));
    m_source->series.insert(u"latency{probe=\"0\"}"_s, sparse);
    ChartSpec spec = probesChart(1);
    spec.maxStepMs = 3 * Minute;
    m_panel->setCharts({spec});
    QVERIFY(load());
    QCOMPARE(m_panel->timeCharts().first()->segmentSeries(0).size(), 2);
}

void tst_ChartPanel::handsWholeDecimatedSeriesWithReplace()
{
    // A week of one-minute samples in an hour's preset range widened to the week.
    m_panel->setPreset(ChartPanel::Preset::Week);
    QList<Sample> samples;
    for (qint64 t = m_now - 7 * 86'400'000LL; t <= m_now; t += Minute)
        samples.append({t, 100 + 50 * std::sin(double(t) / 3.6e6) + double((t / Minute) % 7)});
    m_source->series.insert(u"latency{probe=\"0\"}"_s, samples);
    m_source->series.insert(u"latency{probe=\"1\"}"_s, samples);
    m_panel->setCharts({probesChart(2)});
    QVERIFY(load());

    TimeChart *chart = m_panel->timeCharts().first();
    const int width = chart->plotWidth();
    QVERIFY(width > 100);
    // The query asked for the plot's resolution (its width per visible span) over a wider window.
    const double perColumn = double(m_panel->toMs() - m_panel->fromMs()) / width;
    const double askedPerColumn =
        double(m_source->toAsked.last() - m_source->fromAsked.last()) / m_source->columnsAsked.last();
    QVERIFY(askedPerColumn <= perColumn && askedPerColumn > perColumn * 0.99);
    QList<std::shared_ptr<QSignalSpy>> added;
    QList<std::shared_ptr<QSignalSpy>> replaced;
    for (int line = 0; line < 2; ++line)
        for (QLineSeries *series : chart->segmentSeries(line)) {
            added.append(std::make_shared<QSignalSpy>(series, &QXYSeries::pointAdded));
            replaced.append(std::make_shared<QSignalSpy>(series, &QXYSeries::pointsReplaced));
        }
    m_clock->advance(std::chrono::minutes(1));
    QVERIFY(load());
    for (const auto &spy : std::as_const(added))
        QCOMPARE(spy->count(), 0);
    for (const auto &spy : std::as_const(replaced))
        QCOMPARE(spy->count(), 1);
    for (int line = 0; line < 2; ++line) {
        qsizetype points = 0;
        for (QLineSeries *series : chart->segmentSeries(line))
            points += series->count();
        QVERIFY2(points <= 4 * width, qPrintable(u"%1 points for %2 columns"_s.arg(points).arg(width)));
        QVERIFY(points >= width); // every column has a point
    }
    // The extremes survive decimation.
    double top = 0;
    for (QLineSeries *series : chart->segmentSeries(0))
        for (const QPointF &p : series->points())
            top = std::max(top, p.y());
    double trueTop = 0;
    for (const Sample &s : samples)
        if (s.timestampMs >= chart->fromMs())
            trueTop = std::max(trueTop, s.value);
    QCOMPARE(top, trueTop);
}

void tst_ChartPanel::errorRateIsAPercentagePerColumn()
{
    // One failure in four.
    QList<Sample> success;
    for (int i = 0; i < 60; ++i)
        success.append({m_now - 3'600'000 + i * Minute, i % 4 == 0 ? 0.0 : 1.0});
    m_source->series.insert(u"success"_s, success);
    ChartSpec spec;
    spec.title = u"Error rate"_s;
    spec.unit = u"%"_s;
    spec.lines = {{u"success"_s, u"Probe 1"_s}};
    spec.reduction = ChartSpec::Reduction::ErrorRate;
    m_panel->setCharts({spec});
    m_panel->resize(120, 400); // fewer columns than samples: each column averages several
    QVERIFY(load());
    const ChartLine line = m_panel->timeCharts().first()->lines().first();
    double sum = 0;
    int count = 0;
    for (const Sample &s : line.samples) {
        QVERIFY(s.value >= 0 && s.value <= 100);
        sum += s.value;
        ++count;
    }
    QVERIFY(count > 0 && count < 60);
    QVERIFY(std::abs(sum / count - 25.0) < 6.0);
}

void tst_ChartPanel::crosshairReadsValuesAndTime()
{
    const qint64 start = m_now - 3'600'000;
    QList<Sample> a = ramp(start, 60, Minute, 100, 1);
    a[40].value = NaN;
    m_source->series.insert(u"latency{probe=\"0\"}"_s, a);
    m_source->series.insert(u"latency{probe=\"1\"}"_s, ramp(start, 60, Minute, 1000, 0.5));
    m_panel->setCharts({probesChart(2)});
    QVERIFY(load());
    TimeChart *chart = m_panel->timeCharts().first();
    const qint64 at = start + 10 * Minute;
    chart->setCrosshairTime(at);
    const QStringList rows = chart->crosshairText().split(u'\n');
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0), QDateTime::fromMSecsSinceEpoch(at).toString(u"yyyy-MM-dd HH:mm:ss"_s));
    QCOMPARE(rows.at(1), u"Probe 1: 110 ms"_s);
    QCOMPARE(rows.at(2), u"Probe 2: 1,005 ms"_s);
    // In the gap, the first line reads nothing.
    chart->setCrosshairTime(start + 40 * Minute);
    QCOMPARE(chart->crosshairText().split(u'\n').at(1), u"Probe 1: —"_s);
    // The mouse moves it, and the other charts of the panel follow.
    chart->clearCrosshair();
    QVERIFY(chart->crosshairText().isEmpty());
}

void tst_ChartPanel::bandReadoutComparesBeforeAndDuring()
{
    // 120 ms for an hour, then 209 ms (with a 300 ms spike) during the band's hour.
    const qint64 bandFrom = m_now - 3'600'000;
    QList<Sample> samples;
    for (int i = 0; i < 120; ++i) {
        const qint64 t = m_now - 7'200'000 + i * Minute;
        double value = t < bandFrom ? 120 : 209;
        if (t >= bandFrom && i % 20 == 0)
            value = 300;
        samples.append({t, value});
    }
    m_source->series.insert(u"latency{probe=\"0\"}"_s, samples);
    m_panel->setPreset(ChartPanel::Preset::SixHours);
    m_panel->setCharts({probesChart(1)});
    QVERIFY(load());
    m_panel->setBands({{bandFrom, m_now, ChartBand::Kind::Outage, u"Capped link"_s},
                       {m_now - 5 * 3'600'000, m_now - 4 * 3'600'000, ChartBand::Kind::Maintenance, u"Upgrade"_s}});
    QCOMPARE(m_panel->timeCharts().first()->bands().size(), 2);

    // A click in the band selects it.
    QSignalSpy ready(m_panel.get(), &ChartPanel::bandReadoutReady);
    TimeChart *chart = m_panel->timeCharts().first();
    auto *view = chart->findChild<QChartView *>();
    const QPoint inside(int(chart->xAt(bandFrom + 1'800'000)), view->height() / 2);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, inside);
    QCOMPARE(m_panel->selectedBand(), 0);
    QCOMPARE(chart->selectedBand(), 0);
    if (ready.isEmpty())
        QVERIFY(ready.wait(5000));
    const QList<BandComparison> comparisons = m_panel->bandComparisons();
    QCOMPARE(comparisons.size(), 1);
    QCOMPARE(comparisons.first().before.mean, 120.0);
    QCOMPARE(comparisons.first().before.max, 120.0);
    QCOMPARE(comparisons.first().before.count, 60);
    QCOMPARE(comparisons.first().during.count, 60);
    QCOMPARE(comparisons.first().during.max, 300.0);
    QCOMPARE(comparisons.first().during.p95, 209.0); // 3 spikes in 60: above the 95th rank (57th)
    const double mean = (57 * 209.0 + 3 * 300.0) / 60;
    QVERIFY(std::abs(comparisons.first().during.mean - mean) < 1e-9);
    const QString readout = m_panel->bandReadout();
    QVERIFY2(readout.contains(u"mean 120 ms → 214 ms, p95 120 ms → 209 ms"_s), qPrintable(readout));
    QVERIFY2(readout.contains(u"max 120 ms → 300 ms"_s), qPrintable(readout));
    QVERIFY(readout.contains(u"Capped link"_s));

    // A click outside every band clears it.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      QPoint(int(chart->xAt(m_now - 2.5 * 3'600'000)), inside.y()));
    QCOMPARE(m_panel->selectedBand(), -1);
    QVERIFY(m_panel->bandReadout().isEmpty());
}

void tst_ChartPanel::exportsPngSvgAndCsv()
{
    const qint64 start = m_now - 3'600'000;
    QList<Sample> samples = ramp(start, 60, Minute, 100);
    samples[10].value = NaN;
    m_source->series.insert(u"latency{probe=\"0\"}"_s, samples);
    m_source->series.insert(u"latency{probe=\"1\"}"_s, ramp(start + 30'000, 60, Minute, 200));
    m_panel->setCharts({probesChart(2)});
    QVERIFY(load());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    const QString png = dir.filePath(u"charts.png"_s);
    QVERIFY(m_panel->exportPng(png));
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 100);

    const QString svg = dir.filePath(u"charts.svg"_s);
    QVERIFY(m_panel->exportSvg(svg));
    const QString svgText = readAll(svg);
    QVERIFY(svgText.contains(u"<svg"_s));
    QVERIFY(svgText.size() > 1000);

    const QString csv = dir.filePath(u"charts.csv"_s);
    QSignalSpy shownExported(m_panel.get(), &ChartPanel::exported);
    QVERIFY(m_panel->exportCsv(csv, ChartPanel::CsvResolution::Shown));
    QVERIFY(shownExported.wait(5000));
    QVERIFY(shownExported.last().at(1).toBool());
    QStringList rows = readAll(csv).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(rows.first(), u"time,Response time: Probe 1 (ms),Response time: Probe 2 (ms)"_s);
    // 59 + 60 points at distinct times (the shown ones: fewer than the columns, so all of them).
    QCOMPARE(rows.size(), 1 + 59 + 60);
    QCOMPARE(rows.at(1),
             QDateTime::fromMSecsSinceEpoch(start, QTimeZone::UTC).toString(Qt::ISODateWithMs) + u",100,"_s);

    const QString full = dir.filePath(u"full.csv"_s);
    QSignalSpy exported(m_panel.get(), &ChartPanel::exported);
    QVERIFY(m_panel->exportCsv(full, ChartPanel::CsvResolution::Full));
    QVERIFY(exported.wait(5000));
    QCOMPARE(exported.last().at(0).toString(), full);
    QVERIFY(exported.last().at(1).toBool());
    rows = readAll(full).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 1 + 59 + 60);
    QVERIFY(rows.last().endsWith(u",259"_s));
}

void tst_ChartPanel::presetsChangeTheRange()
{
    m_panel->setCharts({probesChart(1)});
    QVERIFY(m_panel->timeCharts().first()->isEmpty()); // nothing recorded: the plot says so
    QCOMPARE(m_panel->preset(), ChartPanel::Preset::Hour);
    QCOMPARE(m_panel->toMs(), m_now);
    QCOMPARE(m_panel->toMs() - m_panel->fromMs(), 3'600'000);
    const QList<std::pair<ChartPanel::Preset, qint64>> presets{{ChartPanel::Preset::SixHours, 6 * 3'600'000LL},
                                                               {ChartPanel::Preset::Day, 86'400'000LL},
                                                               {ChartPanel::Preset::Week, 7 * 86'400'000LL},
                                                               {ChartPanel::Preset::Month, 30 * 86'400'000LL},
                                                               {ChartPanel::Preset::Year, 365 * 86'400'000LL}};
    auto *combo = m_panel->findChild<QComboBox *>();
    QVERIFY(combo);
    for (const auto &[preset, span] : presets) {
        // Chosen in the combo box, as a user would.
        combo->setCurrentIndex(combo->findData(int(preset)));
        Q_EMIT combo->activated(combo->currentIndex());
        QCOMPARE(m_panel->preset(), preset);
        QCOMPARE(m_panel->toMs() - m_panel->fromMs(), span);
        QCOMPARE(m_panel->timeCharts().first()->toMs() - m_panel->timeCharts().first()->fromMs(), span);
    }
    QVERIFY(load());
    QCOMPARE(m_source->columnsAsked.size(), 1); // the preset changes were coalesced into one query

    // A custom range, from the two date-time fields.
    const qint64 from = m_now - 3 * 86'400'000LL;
    m_panel->setCustomRange(from, from + 7'200'000);
    QCOMPARE(m_panel->preset(), ChartPanel::Preset::Custom);
    QCOMPARE(m_panel->fromMs(), from);
    QCOMPARE(m_panel->toMs(), from + 7'200'000);
    // A preset follows now.
    m_clock->advance(std::chrono::hours(1));
    m_panel->setPreset(ChartPanel::Preset::Hour);
    QCOMPARE(m_panel->toMs(), m_now + 3'600'000);
}

void tst_ChartPanel::zoomPanAndReset()
{
    m_source->series.insert(u"latency{probe=\"0\"}"_s, ramp(m_now - 86'400'000, 1440, Minute));
    m_panel->setPreset(ChartPanel::Preset::Day);
    m_panel->setCharts({probesChart(1)});
    QVERIFY(load());
    TimeChart *chart = m_panel->timeCharts().first();
    auto *view = chart->findChild<QChartView *>();
    const qint64 dayFrom = m_now - 86'400'000;

    // A rubber band from a quarter to a half of the plot zooms on that span (time only).
    const int y = view->height() / 2;
    const qint64 quarter = dayFrom + 6 * 3'600'000;
    const qint64 half = dayFrom + 12 * 3'600'000;
    const QPoint a(qRound(chart->xAt(quarter)), y);
    const QPoint b(qRound(chart->xAt(half)), y);
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, a);
    QMouseEvent move(QEvent::MouseMove, b, view->viewport()->mapToGlobal(b), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(view->viewport(), &move);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, b);
    QVERIFY(m_panel->isZoomed());
    const qint64 pixel = 86'400'000 / chart->plotWidth() + 1;
    QVERIFY(std::abs(m_panel->fromMs() - quarter) <= pixel);
    QVERIFY(std::abs(m_panel->toMs() - half) <= pixel);
    QCOMPARE(chart->fromMs(), m_panel->fromMs());
    QVERIFY(load()); // and queries around the zoomed range at the plot's resolution
    QVERIFY(m_source->fromAsked.last() <= m_panel->fromMs() && m_source->toAsked.last() >= m_panel->toMs());
    const double perColumn = double(m_panel->toMs() - m_panel->fromMs()) / chart->plotWidth();
    const double askedPerColumn =
        double(m_source->toAsked.last() - m_source->fromAsked.last()) / m_source->columnsAsked.last();
    QVERIFY(askedPerColumn <= perColumn && askedPerColumn > perColumn * 0.99);

    // The wheel zooms in around the time under the cursor, which stays put.
    const qint64 beforeSpan = m_panel->toMs() - m_panel->fromMs();
    const QPoint at(qRound(chart->xAt(m_panel->fromMs() + beforeSpan / 4)), y);
    const qint64 underCursor = chart->timeAt(at.x());
    QWheelEvent wheel(at, view->viewport()->mapToGlobal(at), {}, {0, 120}, Qt::NoButton, {}, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
    const qint64 afterSpan = m_panel->toMs() - m_panel->fromMs();
    QVERIFY(std::abs(double(afterSpan) / double(beforeSpan) - 0.8) < 0.01);
    QVERIFY(std::abs(chart->timeAt(at.x()) - underCursor) <= pixel);

    // Keys pan by a tenth of the span.
    const qint64 from = m_panel->fromMs();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Right);
    QVERIFY(std::abs(m_panel->fromMs() - (from + afterSpan / 10)) <= 1);
    QCOMPARE(m_panel->toMs() - m_panel->fromMs(), afterSpan);
    // Shift+drag pans by what the mouse moved.
    const qint64 panFrom = m_panel->fromMs();
    const QPoint c(view->width() / 2, y);
    const QPoint d(c.x() - 100, y);
    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, c);
    QMouseEvent drag(QEvent::MouseMove, d, view->viewport()->mapToGlobal(d), Qt::NoButton, Qt::LeftButton,
                     Qt::ShiftModifier);
    QApplication::sendEvent(view->viewport(), &drag);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, d);
    const qint64 expectedShift = qint64(100.0 * double(afterSpan) / chart->plotWidth());
    QVERIFY(std::abs(m_panel->fromMs() - (panFrom + expectedShift)) <= 2);

    // Reset (Home) goes back to the whole preset range.
    QTest::keyClick(view, Qt::Key_Home);
    QVERIFY(!m_panel->isZoomed());
    QCOMPARE(m_panel->fromMs(), dayFrom);
    QCOMPARE(m_panel->toMs(), m_now);
    m_panel->zoomTo(quarter, half);
    QVERIFY(m_panel->isZoomed());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, a);
    QVERIFY(!m_panel->isZoomed());
}

void tst_ChartPanel::staleAnswersAreDropped()
{
    // The source answers when the test says: the first request's answer arrives last.
    QList<std::shared_ptr<QPromise<SeriesRange>>> promises;
    m_panel->setFetch([&promises](const QString &name, qint64 fromMs, qint64 toMs, int) {
        auto promise = std::make_shared<QPromise<SeriesRange>>();
        promise->start();
        promises.append(promise);
        Q_UNUSED(name);
        Q_UNUSED(fromMs);
        Q_UNUSED(toMs);
        return promise->future();
    });
    m_panel->setCharts({probesChart(1)});
    QTRY_COMPARE(promises.size(), 1);
    m_panel->refresh();
    QTRY_COMPARE(promises.size(), 2);
    QSignalSpy loaded(m_panel.get(), &ChartPanel::loaded);
    const auto answer = [&](int index, double value) {
        SeriesRange range{u"latency{probe=\"0\"}"_s, m_now - 3'600'000, m_now, SeriesLevel::Raw, {}, {}};
        range.samples = {{m_now - 60'000, value}};
        promises.at(index)->addResult(range);
        promises.at(index)->finish();
    };
    answer(1, 2.0);
    QVERIFY(loaded.wait(5000));
    answer(0, 1.0);
    QTest::qWait(100); // let the old answer arrive, if it were to
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(m_panel->timeCharts().first()->lines().first().samples.first().value, 2.0);
}

void tst_ChartPanel::panWithinTheKeptWindowQueriesNothing()
{
    // Three days of minutes; the view is the middle day's hour 12 to 13.
    const qint64 start = m_now - 3 * 86'400'000LL;
    m_source->series.insert(u"latency{probe=\"0\"}"_s, ramp(start, 3 * 1440, Minute));
    m_panel->setCharts({probesChart(1)});
    const qint64 from = m_now - 36 * 3'600'000LL;
    m_panel->zoomTo(from, from + 3'600'000);
    QVERIFY(load());
    const int calls = m_source->calls;
    TimeChart *chart = m_panel->timeCharts().first();

    // A pan by a fifth of the width, twice: drawn at once from what is kept, no query.
    QSignalSpy loaded(m_panel.get(), &ChartPanel::loaded);
    for (int step = 1; step <= 2; ++step) {
        const qint64 shifted = from + step * 12 * Minute;
        m_panel->zoomTo(shifted, shifted + 3'600'000);
        QCOMPARE(loaded.count(), step); // synchronously
        const QList<Sample> &shown = chart->lines().first().samples;
        QVERIFY(!shown.isEmpty());
        QCOMPARE(shown.first().timestampMs, shifted); // the moved range, its first minute
        QCOMPARE(shown.first().value, double((shifted - start) / Minute));
        QCOMPARE(shown.last().timestampMs, shifted + 3'600'000);
    }
    QTest::qWait(50);
    QCOMPARE(m_source->calls, calls);
    // Zooming out within the window, at the same level: no query either.
    m_panel->zoomTo(from - 15 * Minute, from + 75 * Minute);
    QTest::qWait(50);
    QCOMPARE(m_source->calls, calls);
    QCOMPARE(chart->lines().first().samples.first().timestampMs, from - 15 * Minute);
}

void tst_ChartPanel::panPastTheKeptWindowQueriesOnce()
{
    const qint64 start = m_now - 3 * 86'400'000LL;
    m_source->series.insert(u"latency{probe=\"0\"}"_s, ramp(start, 3 * 1440, Minute));
    m_panel->setCharts({probesChart(1)});
    const qint64 from = m_now - 36 * 3'600'000LL;
    m_panel->zoomTo(from, from + 3'600'000);
    QVERIFY(load());
    const int calls = m_source->calls;
    TimeChart *chart = m_panel->timeCharts().first();
    const QList<Sample> before = chart->lines().first().samples;

    // Two hours to the right: past the kept window (an hour on each side). The charts keep what
    // they show until the answer lands; one query, then the moved range.
    const qint64 moved = from + 2 * 3'600'000;
    QSignalSpy loaded(m_panel.get(), &ChartPanel::loaded);
    m_panel->zoomTo(moved, moved + 3'600'000);
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(chart->lines().first().samples, before); // never blank while the query runs
    QVERIFY(loaded.wait(5000));
    QTest::qWait(50);
    QCOMPARE(m_source->calls, calls + 1);
    QCOMPARE(chart->lines().first().samples.first().timestampMs, moved);

    // Nearing the edge of the new window: drawn at once, and one query in the background.
    const qint64 nearEdge = moved + 45 * Minute;
    m_panel->zoomTo(nearEdge, nearEdge + 3'600'000);
    QCOMPARE(chart->lines().first().samples.first().timestampMs, nearEdge);
    QTRY_COMPARE(m_source->calls, calls + 2);
    QTest::qWait(50);
    QCOMPARE(m_source->calls, calls + 2);
    QCOMPARE(chart->lines().first().samples.first().timestampMs, nearEdge);
}

void tst_ChartPanel::zoomInBelowTheKeptLevelQueriesAgain()
{
    // A source with levels, as the store: a month at minutes; the view of an hour wants raw samples.
    int calls = 0;
    m_panel->setFetch([&calls](const QString &name, qint64 fromMs, qint64 toMs, int columns) {
        ++calls;
        SeriesRange range{name, fromMs, toMs, seriesLevelFor(fromMs, toMs, columns), {}, {}};
        const qint64 bucket = seriesBucketMs(range.level);
        for (qint64 t = fromMs - fromMs % std::max<qint64>(bucket, Minute); t <= toMs;
             t += std::max<qint64>(bucket, Minute)) {
            if (range.level == SeriesLevel::Raw)
                range.samples.append({t, 1.0});
            else
                range.rollups.append({t, t, t + bucket - Minute, 1.0, 1.0, double(bucket / Minute), bucket / Minute});
        }
        return QtFuture::makeReadyValueFuture(range);
    });
    m_panel->setCharts({probesChart(1)});
    m_panel->setPreset(ChartPanel::Preset::Month);
    QVERIFY(load());
    const int before = calls;
    const qint64 from = m_now - 10 * 86'400'000LL;
    QSignalSpy loaded(m_panel.get(), &ChartPanel::loaded);
    m_panel->zoomTo(from, from + 3'600'000);
    QCOMPARE(loaded.count(), 0); // the minutes kept are too coarse for an hour
    QVERIFY(loaded.wait(5000));
    QCOMPARE(calls, before + 1);
}

void tst_ChartPanel::zoomOutDrawsFromACoarserLevelOfWhatIsKept()
{
    // Minute buckets, each its own value, answered at the minute level whatever the range: a view
    // of 40 days is drawn from the window kept for 20 days (minutes), merged into hours first, so
    // the line holds what the hour level would draw and no more than four points a column.
    int calls = 0;
    const auto minuteBucket = [](qint64 t) {
        const double value = double((t / Minute) % 1000);
        return RollupPoint{t, t, t + 30'000, value, value + 5, 2 * value + 5, 2};
    };
    m_panel->setFetch([&calls, minuteBucket](const QString &name, qint64 fromMs, qint64 toMs, int) {
        ++calls;
        SeriesRange range{name, fromMs, toMs, SeriesLevel::Minute, {}, {}};
        for (qint64 t = fromMs - ((fromMs % Minute) + Minute) % Minute; t <= toMs; t += Minute)
            range.rollups.append(minuteBucket(t));
        return QtFuture::makeReadyValueFuture(range);
    });
    m_panel->setCharts({probesChart(1)});
    const qint64 day = 86'400'000LL;
    const qint64 from = m_now - 100 * day;
    m_panel->zoomTo(from, from + 20 * day);
    QVERIFY(load());
    const int before = calls;
    TimeChart *chart = m_panel->timeCharts().first();
    const int columns = m_panel->pixelColumns();

    // Out to 40 days: within the kept window (a width on each side), and hours give every column a
    // value; drawn at once, without a query.
    const qint64 wideFrom = from - 10 * day;
    const qint64 wideTo = from + 30 * day;
    QCOMPARE(seriesLevelFor(wideFrom, wideTo, columns), SeriesLevel::Hour);
    QSignalSpy loaded(m_panel.get(), &ChartPanel::loaded);
    m_panel->zoomTo(wideFrom, wideTo);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(calls, before);
    const QList<Sample> shown = chart->lines().first().samples;
    QVERIFY(shown.size() <= 4 * columns);

    // The minutes of every hour the view overlaps, whole.
    QList<RollupPoint> minutes;
    for (qint64 t = wideFrom - 3'600'000; t <= wideTo + 3'600'000; t += Minute)
        minutes.append(minuteBucket(t - ((t % Minute) + Minute) % Minute));
    const QList<RollupPoint> hours =
        coarserRollups(std::span<const RollupPoint>(minutes.constData(), size_t(minutes.size())), SeriesLevel::Hour);
    SeriesRange hourRange{u"x"_s, wideFrom, wideTo, SeriesLevel::Hour, {}, {}};
    for (const RollupPoint &hour : hours)
        if (hour.bucketStartMs > wideFrom - 3'600'000 && hour.bucketStartMs <= wideTo)
            hourRange.rollups.append(hour);
    const QList<Sample> expected = decimateRange(hourRange, columns);
    QCOMPARE(shown.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(shown.at(i).timestampMs, expected.at(i).timestampMs);
        QCOMPARE(shown.at(i).value, expected.at(i).value);
    }
}

void tst_ChartPanel::chartsShareTheTimeAxis()
{
    m_source->series.insert(u"latency{probe=\"0\"}"_s, ramp(m_now - 3'600'000, 60, Minute, 100000));
    m_source->series.insert(u"success"_s, ramp(m_now - 3'600'000, 60, Minute, 1, 0));
    ChartSpec errors;
    errors.title = u"Error rate"_s;
    errors.unit = u"%"_s;
    errors.lines = {{u"success"_s, u"Probe 1"_s}};
    errors.reduction = ChartSpec::Reduction::ErrorRate;
    m_panel->setCharts({probesChart(1), errors});
    QVERIFY(load());
    const QList<TimeChart *> charts = m_panel->timeCharts();
    QCOMPARE(charts.size(), 2);
    // The plots start at the same x and have the same width, whatever their value labels.
    QCOMPARE(charts.at(0)->xAt(m_now - 1'800'000) + charts.at(0)->x(),
             charts.at(1)->xAt(m_now - 1'800'000) + charts.at(1)->x());
    QCOMPARE(charts.at(0)->plotWidth(), charts.at(1)->plotWidth());
    // The crosshair follows across them.
    auto *view = charts.at(0)->findChild<QChartView *>();
    const QPoint at(qRound(charts.at(0)->xAt(m_now - 1'800'000)), view->height() / 2);
    QMouseEvent move(QEvent::MouseMove, at, view->viewport()->mapToGlobal(at), Qt::NoButton, Qt::NoButton, {});
    QApplication::sendEvent(view->viewport(), &move);
    QVERIFY(charts.at(0)->hasCrosshair());
    QVERIFY(charts.at(1)->hasCrosshair());
    QVERIFY(charts.at(1)->crosshairText().contains(u"Probe 1: 0"_s));
}

void tst_ChartPanel::followsThePaletteAndLooksRight()
{
    // A postmortem's week: a link capped from ~200 to ~50 Mbit/s for a day, response time up from
    // 120 to 209 ms meanwhile, the error rate up; a night with nothing recorded.
    const qint64 start = m_now - 7 * 86'400'000LL;
    const qint64 capFrom = m_now - 3 * 86'400'000LL;
    const qint64 capTo = capFrom + 86'400'000LL;
    const qint64 gapFrom = m_now - 5 * 86'400'000LL;
    QList<Sample> in, out, latency, success;
    quint32 state = 7;
    for (qint64 t = start; t <= m_now; t += 5 * Minute) {
        state = state * 1664525u + 1013904223u;
        const double noise = double(state % 1000) / 1000.0;
        if (t >= gapFrom && t < gapFrom + 8 * 3'600'000) {
            if (t == gapFrom)
                for (QList<Sample> *s : {&in, &out, &latency, &success})
                    s->append({t, NaN});
            continue;
        }
        const bool capped = t >= capFrom && t < capTo;
        in.append({t, capped ? 48 + 4 * noise : 190 + 20 * noise});
        out.append({t, capped ? 20 + 3 * noise : 60 + 15 * noise});
        latency.append({t, capped ? 200 + 20 * noise : 115 + 10 * noise});
        success.append({t, (capped ? noise < 0.976 : noise < 0.999) ? 1.0 : 0.0});
    }
    m_source->series.insert(u"in"_s, in);
    m_source->series.insert(u"out"_s, out);
    m_source->series.insert(u"latency{probe=\"0\"}"_s, latency);
    m_source->series.insert(u"success"_s, success);
    ChartSpec errors;
    errors.title = u"Error rate"_s;
    errors.unit = u"%"_s;
    errors.lines = {{u"success"_s, u"Probe 1"_s}};
    errors.reduction = ChartSpec::Reduction::ErrorRate;
    ChartSpec bandwidth;
    bandwidth.title = u"Bandwidth"_s;
    bandwidth.unit = u"Mbit/s"_s;
    bandwidth.lines = {{u"in"_s, u"In"_s}, {u"out"_s, u"Out"_s}};
    m_panel->setPreset(ChartPanel::Preset::Week);
    m_panel->setCharts({probesChart(1), errors, bandwidth});
    m_panel->resize(900, 700);
    QVERIFY(load());
    m_panel->setBands({{capFrom, capTo, ChartBand::Kind::Outage, u"Capped link"_s},
                       {m_now - 6 * 86'400'000LL, m_now - 6 * 86'400'000LL + 4 * 3'600'000,
                        ChartBand::Kind::Maintenance, u"Maintenance"_s}});
    QSignalSpy ready(m_panel.get(), &ChartPanel::bandReadoutReady);
    m_panel->selectBand(0);
    if (ready.isEmpty())
        QVERIFY(ready.wait(5000));
    m_panel->timeCharts().at(0)->setCrosshairTime(capFrom + 3'600'000);
    QVERIFY(m_panel->bandReadout().contains(u"Bandwidth, In: mean"_s));
    // The gap night breaks every line.
    for (TimeChart *chart : m_panel->timeCharts())
        QVERIFY(chart->segmentSeries(0).size() >= 2);
    QVERIFY(m_panel->grab().save(Test::screenshotPath(u"chartpanel-light"_s)));

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::ToolTipBase, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    const QColor lightLine = m_panel->timeCharts().first()->lineColor(0);
    m_panel->setPalette(dark);
    QCoreApplication::processEvents();
    TimeChart *chart = m_panel->timeCharts().first();
    QVERIFY(chart->lineColor(0) != lightLine);
    QCOMPARE(chart->segmentSeries(0).first()->pen().color(), chart->lineColor(0));
    QVERIFY(m_panel->grab().save(Test::screenshotPath(u"chartpanel-dark"_s)));
}

QTEST_MAIN(tst_ChartPanel)
#include "tst_chartpanel.moc"
