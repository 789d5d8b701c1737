// The charts of a service over a year: query, decimation and paint.
//
//   bench_charts [--quick] [--memory]
//
// One year of one-minute samples (525,600) in three series, one line each on one chart of a
// ChartPanel (1280 x 400, offscreen). The series are written to a SeriesStore in a temporary folder
// (retention off, not timed) and the panel queries it as the console does: the coarsest level that
// still gives at least one value per pixel column (a year at ~1,200 columns: hours). With
// --memory, the same series are answered from memory by a source that picks levels the same way
// (no SQLite: the chart's own share of the time).
// Figures:
// - year_first_paint_ms: the "last year" preset from the request to the first paint (query,
//   decimation off the GUI thread, the series handed to Qt Charts, the chart grabbed into an image);
// - pan_frame_ms: the 99th percentile of a pan/zoom sequence (from the whole range down to a day,
//   panning across it and back out, a step per frame at 60 frames a second), each frame what a user
//   waits for: from the zoom or pan (as the chart's wheel, keys and drags ask for it) to the painted
//   frame, with whatever the panel does synchronously (decimating what it keeps, handing series to
//   Qt Charts) and any answer of a background query that landed since the previous frame; also
//   its median (pan_frame_median_ms) and the process's CPU time per frame, background queries
//   included (pan_frame_cpu_ms, the mean);
// - raw_first_paint_ms: the same chart handed every raw point (no decimation), in the same run;
// - speedup_vs_raw: the ratio of the two first paints.
// --quick (CI): 30 days of samples and a shorter sequence.
//
// Exits 1 when year_first_paint_ms is over 100 or pan_frame_ms over 16.

#include "chartpanel.h"
#include "core/clock.h"
#include "series/decimation.h"
#include "series/seriesstore.h"
#include "timechart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 Hour = 3'600'000;
constexpr qint64 Day = 86'400'000;

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH charts.%s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

class FixedClock final : public Clock
{
public:
    explicit FixedClock(qint64 nowMs)
        : m_now(QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::UTC))
    {}
    QDateTime now() const override { return m_now; }

private:
    QDateTime m_now;
};

// A series and its rollups, answered like a store: the coarsest level with a value per column.
struct StoredSeries
{
    QList<Sample> raw;
    QList<RollupPoint> hours;
    QList<RollupPoint> days;

    static QList<RollupPoint> rollup(const QList<Sample> &raw, qint64 bucketMs)
    {
        QList<RollupPoint> out;
        for (const Sample &s : raw) {
            if (s.isGap())
                continue;
            const qint64 bucket = s.timestampMs - s.timestampMs % bucketMs;
            if (out.isEmpty() || out.constLast().bucketStartMs != bucket) {
                RollupPoint p;
                p.bucketStartMs = bucket;
                p.firstMs = s.timestampMs;
                p.min = p.max = s.value;
                out.append(p);
            }
            RollupPoint &p = out.last();
            p.lastMs = s.timestampMs;
            p.min = std::min(p.min, s.value);
            p.max = std::max(p.max, s.value);
            p.sum += s.value;
            ++p.count;
        }
        return out;
    }

    SeriesRange range(const QString &name, qint64 fromMs, qint64 toMs, int columns) const
    {
        SeriesRange r{name, fromMs, toMs, SeriesLevel::Raw, {}, {}};
        const qint64 span = toMs - fromMs;
        const auto slice = [&](const QList<RollupPoint> &level) {
            const auto first = std::ranges::lower_bound(level, fromMs, {}, &RollupPoint::bucketStartMs);
            const auto last = std::ranges::upper_bound(level, toMs, {}, &RollupPoint::bucketStartMs);
            return QList<RollupPoint>(first, last);
        };
        if (span / Day >= columns) {
            r.level = SeriesLevel::Day;
            r.rollups = slice(days);
        } else if (span / Hour >= columns) {
            r.level = SeriesLevel::Hour;
            r.rollups = slice(hours);
        } else {
            const auto first = std::ranges::lower_bound(raw, fromMs, {}, &Sample::timestampMs);
            const auto last = std::ranges::upper_bound(raw, toMs, {}, &Sample::timestampMs);
            r.samples = QList<Sample>(first, last);
        }
        return r;
    }
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::ranges::sort(values);
    const qsizetype rank = qsizetype(std::ceil(p * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

// The process's CPU time (every thread), in ms.
double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Counts the paint events the widgets of the application get.
class PaintCounter final : public QObject
{
public:
    qint64 count = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

// Paints the widget into an image, as a screen would (QWidget::render runs its paint events).
void paint(QWidget *widget)
{
    QImage image(widget->size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    widget->render(&painter);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    preferSerialRasterFills(); // as the console does
    QApplication app(argc, argv);
    bool quick = false;
    bool memory = false;
    for (int i = 1; i < argc; ++i) {
        quick = quick || std::strcmp(argv[i], "--quick") == 0;
        memory = memory || std::strcmp(argv[i], "--memory") == 0;
    }

    const qint64 now = QDateTime(QDate(2026, 6, 1), QTime(0, 0), QTimeZone::UTC).toMSecsSinceEpoch();
    const qint64 span = quick ? 30 * Day : 365 * Day;
    const qint64 count = span / Minute;
    QList<StoredSeries> stored(3);
    QStringList names;
    for (int s = 0; s < 3; ++s) {
        names << u"vigie_probe_latency_ms{probe=\"%1\",service=\"bench\"}"_s.arg(s);
        QList<Sample> &raw = stored[s].raw;
        raw.reserve(count);
        quint32 state = 17 + s;
        for (qint64 i = 0; i < count; ++i) {
            state = state * 1664525u + 1013904223u;
            const qint64 t = now - span + i * Minute;
            double value = 100 + 30 * s + 20 * std::sin(double(i) / 720.0) + double(state % 2000) / 100.0;
            if (state % 5000 == 0)
                value *= 8; // a spike now and then
            raw.append({t, value});
        }
        stored[s].hours = StoredSeries::rollup(raw, Hour);
        stored[s].days = StoredSeries::rollup(raw, Day);
    }
    FixedClock clock(now);
    QTemporaryDir folder;
    SeriesStore store;
    if (!memory) {
        QElapsedTimer ingest;
        ingest.start();
        store.setClock(&clock);
        store.setRetention({std::chrono::milliseconds(0), std::chrono::milliseconds(0), std::chrono::milliseconds(0),
                            std::chrono::milliseconds(0)});
        if (!folder.isValid() || !store.open(folder.path())) {
            std::fprintf(stderr, "bench_charts: could not open a series store\n");
            return 1;
        }
        for (qint64 offset = 0; offset < count; offset += 50'000) {
            QList<SeriesSamples> batch;
            for (int s = 0; s < 3; ++s)
                batch.append({names.at(s), stored.at(s).raw.mid(offset, 50'000)});
            store.append(batch);
        }
        if (!store.flush()) {
            std::fprintf(stderr, "bench_charts: the series store could not write the samples\n");
            return 1;
        }
        std::printf("bench_charts: %lld samples written to the series store in %.1f s\n", qlonglong(3 * count),
                    double(ingest.elapsed()) / 1000.0);
    }
    std::printf("bench_charts: %lld samples in each of 3 series, %s (%s)\n", qlonglong(count),
                memory ? "answered from memory" : "in a series store", quick ? "30 days, --quick" : "one year");

    ChartPanel panel;
    panel.setClock(&clock);
    panel.resize(1280, 400);
    const SeriesFetch fromMemory = [&stored, &names](const QString &name, qint64 fromMs, qint64 toMs, int columns) {
        const int index = int(names.indexOf(name));
        return QtFuture::makeReadyValueFuture(stored.at(index).range(name, fromMs, toMs, columns));
    };
    const SeriesFetch fromStore = [&store](const QString &name, qint64 fromMs, qint64 toMs, int columns) {
        return store.range(name, fromMs, toMs, columns);
    };
    const SeriesFetch fetch = memory ? fromMemory : fromStore;
    panel.setFetch(fetch);
    ChartSpec spec;
    spec.title = u"Response time"_s;
    spec.unit = u"ms"_s;
    for (int s = 0; s < 3; ++s)
        spec.lines.append({names.at(s), u"Probe %1"_s.arg(s + 1)});
    panel.setCharts({spec});
    panel.setPreset(quick ? ChartPanel::Preset::Month : ChartPanel::Preset::Year);
    panel.show();
    QSignalSpy loaded(&panel, &ChartPanel::loaded);
    // Let the panel settle (layout, the first coalesced query) before timing.
    loaded.wait(5000);
    paint(&panel);

    // A first paint: query the range again (nothing kept), wait for every line, paint.
    const auto firstFrame = [&](qint64 fromMs, qint64 toMs) {
        QElapsedTimer timer;
        timer.start();
        loaded.clear();
        if (fromMs == panel.fromMs() && toMs == panel.toMs())
            panel.refresh();
        else
            panel.zoomTo(fromMs, toMs);
        if (loaded.isEmpty() && !loaded.wait(10'000))
            std::fprintf(stderr, "bench_charts: a query did not answer\n");
        paint(&panel);
        return double(timer.nsecsElapsed()) / 1e6;
    };
    // A pan or zoom frame: the request, then the events it leaves (a landed background answer, the
    // chart's layout, the update it posted: the window painted through its backing store, as on a
    // screen; painted now if none was posted); then the rest of a 60 Hz frame passes (not timed)
    // while background queries run. One paint per frame, as a screen shows it.
    PaintCounter paints;
    app.installEventFilter(&paints);
    QList<double> cpuFrames;
    const auto frame = [&](qint64 fromMs, qint64 toMs) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuMs();
        const qint64 before = paints.count;
        panel.zoomTo(fromMs, toMs);
        QCoreApplication::processEvents();
        if (paints.count == before)
            panel.repaint();
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        cpuFrames.append(cpuMs() - cpu);
        if (elapsed < 1000.0 / 60)
            QThread::usleep(qint64((1000.0 / 60 - elapsed) * 1000));
        return elapsed;
    };

    // First paint of the whole range, best of three (the first one of a process pays for fonts).
    double firstPaint = 1e9;
    for (int i = 0; i < 3; ++i)
        firstPaint = std::min(firstPaint, firstFrame(now - span, now));
    const int columns = panel.pixelColumns();
    qsizetype shown = 0;
    for (const ChartLine &line : panel.timeCharts().first()->lines())
        shown += line.samples.size();
    std::printf("bench_charts: %d pixel columns, %lld points drawn for %lld samples\n", columns, qlonglong(shown),
                qlonglong(3 * count));
    print("year_first_paint_ms", firstPaint, "ms");
    {
        // Where a frame's time goes: the decimation, handing the series to Qt Charts, painting.
        TimeChart *chart = panel.timeCharts().first();
        const QList<ChartLine> lines = chart->lines();
        QElapsedTimer timer;
        timer.start();
        for (int s = 0; s < 3; ++s)
            decimateRange(fetch(names.at(s), now - span, now, columns).result(), columns);
        const double decimate = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        chart->setLines(lines);
        const double hand = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        paint(&panel);
        const double painting = double(timer.nsecsElapsed()) / 1e6;
        std::printf("bench_charts: query and decimation %.2f ms, series handed over %.2f ms, paint %.2f ms\n", decimate,
                    hand, painting);
    }

    // Zoom from the whole range down to a day, then pan across it, a frame per step.
    QList<double> frames;
    qint64 from = now - span;
    qint64 to = now;
    const int zoomSteps = quick ? 20 : 40;
    const qint64 target = Day;
    const double factor = std::pow(double(target) / double(span), 1.0 / zoomSteps);
    for (int i = 0; i < zoomSteps; ++i) {
        const qint64 center = now - span / 3;
        const qint64 width = qint64(double(to - from) * factor);
        from = center - width / 2;
        to = from + width;
        frames.append(frame(from, to));
    }
    const int panSteps = quick ? 40 : 120;
    for (int i = 0; i < panSteps; ++i) {
        const qint64 shift = (to - from) / 20 * (i < panSteps / 2 ? 1 : -1);
        from += shift;
        to += shift;
        frames.append(frame(from, to));
    }
    // And back out, a week at a time.
    for (int i = 0; i < zoomSteps; ++i) {
        const qint64 width = qint64(double(to - from) / factor);
        from = std::max(now - span, to - width);
        frames.append(frame(from, to));
    }
    // Let the last background query land before the figures below.
    while (panel.isFetching())
        loaded.wait(100);
    const double panP99 = percentile(frames, 0.99);
    if (qEnvironmentVariableIsSet("BENCH_CHARTS_FRAMES"))
        for (qsizetype i = 0; i < frames.size(); ++i)
            std::printf("frame %lld %.2f\n", qlonglong(i), frames.at(i));
    std::printf("bench_charts: %lld pan/zoom frames, median %.2f ms, max %.2f ms\n", qlonglong(frames.size()),
                percentile(frames, 0.5), *std::ranges::max_element(frames));
    print("pan_frame_ms", panP99, "ms");
    print("pan_frame_median_ms", percentile(frames, 0.5), "ms");
    double cpuTotal = 0;
    for (double cpu : std::as_const(cpuFrames))
        cpuTotal += cpu;
    print("pan_frame_cpu_ms", cpuTotal / double(std::max<qsizetype>(1, cpuFrames.size())), "ms");

    // The baseline: the same chart handed every raw point.
    TimeChart raw;
    raw.resize(1280, 400 - panel.timeCharts().first()->y());
    raw.setTitle(spec.title);
    raw.setUnit(spec.unit);
    raw.setTimeRange(now - span, now);
    raw.show();
    QElapsedTimer rawTimer;
    rawTimer.start();
    QList<ChartLine> lines;
    for (int s = 0; s < 3; ++s) {
        const SeriesRange r = memory ? stored.at(s).range(names.at(s), now - span, now, int(count))
                                     : store.rangeAt(names.at(s), SeriesLevel::Raw, now - span, now).result();
        lines.append({names.at(s), spec.lines.at(s).label, r.samples}); // every sample
    }
    raw.setLines(lines);
    paint(&raw);
    const double rawPaint = double(rawTimer.nsecsElapsed()) / 1e6;
    print("raw_first_paint_ms", rawPaint, "ms");
    print("speedup_vs_raw", rawPaint / firstPaint, "x");

    const bool ok = firstPaint < 100 && panP99 < 16;
    if (!ok)
        std::fprintf(stderr, "bench_charts: over target (first paint < 100 ms, pan frame p99 < 16 ms)\n");
    return ok ? 0 : 1;
}
