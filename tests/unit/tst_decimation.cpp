#include "series/decimation.h"
#include "series/seriesstore.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <ranges>
#include <span>

using namespace Vigie;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// The column of each sample, as decimateM4 computes it.
int columnOf(qint64 t, qint64 from, qint64 to, int columns)
{
    return int(std::min<qint64>(columns - 1, (t - from) * columns / std::max<qint64>(1, to - from)));
}

// Real points per column, and whether two gap markers ever follow each other.
QList<int> realPerColumn(const QList<Sample> &out, qint64 from, qint64 to, int columns)
{
    QList<int> counts(columns, 0);
    for (const Sample &s : out)
        if (!s.isGap())
            ++counts[columnOf(s.timestampMs, from, to, columns)];
    return counts;
}

bool timeOrdered(const QList<Sample> &out)
{
    for (qsizetype i = 1; i < out.size(); ++i)
        if (out.at(i).timestampMs < out.at(i - 1).timestampMs)
            return false;
    return true;
}

// A deterministic wiggly series with a few spikes.
QList<Sample> wiggle(int n, qint64 stepMs)
{
    QList<Sample> samples;
    quint32 state = 12345;
    for (int i = 0; i < n; ++i) {
        state = state * 1664525u + 1013904223u;
        double value = 100 + std::sin(i / 50.0) * 20 + double(state % 1000) / 100.0;
        if (i % 997 == 0)
            value += 500;
        if (i % 1301 == 0)
            value = -40;
        samples.append({qint64(i) * stepMs, value});
    }
    return samples;
}

} // namespace

class tst_Decimation : public QObject
{
    Q_OBJECT

private slots:
    void emptyAndDegenerate();
    void onePoint();
    void allInOneColumn();
    void neverMoreThanFourPerColumn();
    void keepsEveryColumnsExtremes();
    void fewPointsPassThrough();
    void gapMarkersStayBreaks();
    void gapInsideAColumn();
    void consecutiveGapsAreOneBreak();
    void maxStepBreaksTheLine();
    void leavesOutPointsOutsideTheRange();
    void rollupsKeepExtremesAndMeans();
    void rollupsBreakOnMissingBuckets();
    void rangeOfRollups();
    void rollupsDecimatedAsTheirSamples();
    void coarserRollupsMatchTheSamples();
    void aSpanDecimatesAsItsList();
    void splitsAtGaps();
};

void tst_Decimation::emptyAndDegenerate()
{
    QVERIFY(decimateM4(QList<Sample>(), 0, 1000, 10).isEmpty());
    const QList<Sample> some{{0, 1}, {10, 2}};
    QVERIFY(decimateM4(some, 0, 1000, 0).isEmpty());
    QVERIFY(decimateM4(some, 0, 1000, -3).isEmpty());
    QVERIFY(decimateM4(some, 1000, 0, 10).isEmpty());
    QVERIFY(rollupSamples({}, 60'000).isEmpty());
    QVERIFY(splitAtGaps({}).isEmpty());
}

void tst_Decimation::onePoint()
{
    const QList<Sample> one{{500, 42}};
    QCOMPARE(decimateM4(one, 0, 1000, 100), one);
    QCOMPARE(decimateM4(one, 500, 500, 1), one); // an empty range still holds its point
}

void tst_Decimation::allInOneColumn()
{
    // first 5, min 1 (t=20), max 9 (t=30), last 4: four points in time order.
    const QList<Sample> samples{{0, 5}, {10, 3}, {20, 1}, {30, 9}, {40, 6}, {50, 4}};
    const QList<Sample> expected{{0, 5}, {20, 1}, {30, 9}, {50, 4}};
    QCOMPARE(decimateM4(samples, 0, 50, 1), expected);
    // A first that is also the minimum is kept once.
    const QList<Sample> rising{{0, 1}, {10, 2}, {20, 3}, {30, 2}};
    const QList<Sample> risingExpected{{0, 1}, {20, 3}, {30, 2}};
    QCOMPARE(decimateM4(rising, 0, 30, 1), risingExpected);
    // All equal: first and last.
    const QList<Sample> flat{{0, 7}, {10, 7}, {20, 7}};
    const QList<Sample> flatExpected{{0, 7}, {20, 7}};
    QCOMPARE(decimateM4(flat, 0, 20, 1), flatExpected);
}

void tst_Decimation::neverMoreThanFourPerColumn()
{
    const QList<Sample> samples = wiggle(100'000, 1000);
    const qint64 to = samples.last().timestampMs;
    for (int columns : {1, 7, 100, 640, 1920}) {
        const QList<Sample> out = decimateM4(samples, 0, to, columns);
        QVERIFY(out.size() <= 4 * columns);
        QVERIFY(timeOrdered(out));
        const QList<int> counts = realPerColumn(out, 0, to, columns);
        QVERIFY2(*std::ranges::max_element(counts) <= 4, qPrintable(QString::number(columns)));
        QVERIFY(std::ranges::min(counts) >= 1); // no column lost
    }
}

void tst_Decimation::keepsEveryColumnsExtremes()
{
    const QList<Sample> samples = wiggle(50'000, 60'000);
    const qint64 to = samples.last().timestampMs;
    const int columns = 333;
    const QList<Sample> out = decimateM4(samples, 0, to, columns);
    QList<double> minIn(columns, std::numeric_limits<double>::max());
    QList<double> maxIn(columns, std::numeric_limits<double>::lowest());
    QList<qint64> firstIn(columns, -1);
    QList<qint64> lastIn(columns, -1);
    for (const Sample &s : samples) {
        const int c = columnOf(s.timestampMs, 0, to, columns);
        minIn[c] = std::min(minIn[c], s.value);
        maxIn[c] = std::max(maxIn[c], s.value);
        if (firstIn[c] < 0)
            firstIn[c] = s.timestampMs;
        lastIn[c] = s.timestampMs;
    }
    QList<double> minOut(columns, std::numeric_limits<double>::max());
    QList<double> maxOut(columns, std::numeric_limits<double>::lowest());
    QList<qint64> firstOut(columns, -1);
    QList<qint64> lastOut(columns, -1);
    for (const Sample &s : out) {
        const int c = columnOf(s.timestampMs, 0, to, columns);
        minOut[c] = std::min(minOut[c], s.value);
        maxOut[c] = std::max(maxOut[c], s.value);
        if (firstOut[c] < 0)
            firstOut[c] = s.timestampMs;
        lastOut[c] = s.timestampMs;
    }
    QCOMPARE(minOut, minIn);
    QCOMPARE(maxOut, maxIn);
    QCOMPARE(firstOut, firstIn);
    QCOMPARE(lastOut, lastIn);
    // The spikes are all there.
    QCOMPARE(*std::ranges::max_element(out, {}, &Sample::value),
             *std::ranges::max_element(samples, {}, &Sample::value));
}

void tst_Decimation::fewPointsPassThrough()
{
    const QList<Sample> samples = wiggle(50, 1000);
    QCOMPARE(decimateM4(samples, 0, 49'000, 1000), samples);
}

void tst_Decimation::gapMarkersStayBreaks()
{
    // 0..99 s, a gap marker at 50 s, then 51..99 s; columns of 10 s.
    QList<Sample> samples;
    for (int i = 0; i < 100; ++i)
        samples.append({qint64(i) * 1000, i == 50 ? NaN : double(i)});
    const QList<Sample> out = decimateM4(samples, 0, 99'000, 10);
    const auto gaps = std::ranges::count_if(out, &Sample::isGap);
    QCOMPARE(gaps, 1);
    const QList<QList<Sample>> runs = splitAtGaps(out);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).last().timestampMs, 49'000);
    QCOMPARE(runs.at(1).first().timestampMs, 51'000);
    QCOMPARE(runs.at(1).last().timestampMs, 99'000);
}

void tst_Decimation::gapInsideAColumn()
{
    // One column: 1, 9, gap, 0, 5 → first 1, max 9, gap, min 0, last 5.
    const QList<Sample> samples{{0, 1}, {10, 9}, {20, NaN}, {30, 0}, {40, 5}};
    const QList<Sample> out = decimateM4(samples, 0, 40, 1);
    QCOMPARE(out.size(), 5);
    QCOMPARE(out.at(0), (Sample{0, 1}));
    QCOMPARE(out.at(1), (Sample{10, 9}));
    QVERIFY(out.at(2).isGap());
    QCOMPARE(out.at(2).timestampMs, 20);
    QCOMPARE(out.at(3), (Sample{30, 0}));
    QCOMPARE(out.at(4), (Sample{40, 5}));

    // Many short runs inside one column: at most four real points, and every kept pair that had a
    // gap between them stays apart.
    QList<Sample> many;
    for (int i = 0; i < 60; ++i)
        many.append({i, i % 3 == 2 ? NaN : double((i * 7) % 11)});
    const QList<Sample> few = decimateM4(many, 0, 59, 1);
    QVERIFY(std::ranges::count_if(few, [](const Sample &s) { return !s.isGap(); }) <= 4);
    for (qsizetype i = 1; i < few.size(); ++i) {
        QVERIFY(!(few.at(i).isGap() && few.at(i - 1).isGap()));
        if (!few.at(i).isGap() && !few.at(i - 1).isGap()) // adjacent in the input, then
            QVERIFY(few.at(i).timestampMs - few.at(i - 1).timestampMs == 1);
    }
    QVERIFY(std::ranges::count_if(few, &Sample::isGap) >= 1);
    // Its extremes survive.
    QCOMPARE(std::ranges::max(few | std::views::filter([](const Sample &s) { return !s.isGap(); }), {}, &Sample::value)
                 .value,
             10.0);
}

void tst_Decimation::consecutiveGapsAreOneBreak()
{
    const QList<Sample> samples{{0, 1},      {1000, NaN},   {2000, NaN},  {3000, NaN},
                                {50'000, 2}, {51'000, NaN}, {99'000, NaN}};
    const QList<Sample> out = decimateM4(samples, 0, 100'000, 100);
    QCOMPARE(out.size(), 4);
    QCOMPARE(out.at(0), (Sample{0, 1}));
    QVERIFY(out.at(1).isGap());
    QCOMPARE(out.at(2), (Sample{50'000, 2}));
    QVERIFY(out.at(3).isGap());
}

void tst_Decimation::maxStepBreaksTheLine()
{
    // Every minute, then nothing for an hour, then every minute again.
    QList<Sample> samples;
    for (int i = 0; i < 30; ++i)
        samples.append({qint64(i) * 60'000, 100});
    for (int i = 90; i < 120; ++i)
        samples.append({qint64(i) * 60'000, 200});
    const qint64 to = 119 * 60'000;
    QCOMPARE(splitAtGaps(decimateM4(samples, 0, to, 500)).size(), 1);
    const QList<Sample> broken = decimateM4(samples, 0, to, 500, 150'000);
    const QList<QList<Sample>> runs = splitAtGaps(broken);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).last().value, 100.0);
    QCOMPARE(runs.at(1).first().value, 200.0);
    // The same in a single column.
    QCOMPARE(splitAtGaps(decimateM4(samples, 0, to, 1, 150'000)).size(), 2);
}

void tst_Decimation::leavesOutPointsOutsideTheRange()
{
    const QList<Sample> samples{{0, 1}, {100, 2}, {200, 3}, {300, 4}};
    const QList<Sample> expected{{100, 2}, {200, 3}};
    QCOMPARE(decimateM4(samples, 100, 200, 10), expected);
}

void tst_Decimation::rollupsKeepExtremesAndMeans()
{
    RollupPoint a;
    a.bucketStartMs = 0;
    a.firstMs = 0;
    a.lastMs = 59'000;
    a.min = 10;
    a.max = 90;
    a.sum = 300;
    a.count = 6;
    RollupPoint b = a;
    b.bucketStartMs = 60'000;
    b.firstMs = 60'000;
    b.lastMs = 60'000;
    b.min = b.max = 70;
    b.sum = 70;
    b.count = 1;
    RollupPoint empty;
    empty.bucketStartMs = 120'000;
    const QList<Sample> samples = rollupSamples({a, b, empty}, 60'000);
    const QList<Sample> expected{{0, 50}, {29'500, 10}, {29'500, 90}, {59'000, 50}, {60'000, 70}};
    QCOMPARE(samples, expected);
}

void tst_Decimation::rollupsBreakOnMissingBuckets()
{
    QList<RollupPoint> hours;
    for (qint64 h : {0, 1, 2, 5, 6}) {
        RollupPoint p;
        p.bucketStartMs = h * 3'600'000;
        p.firstMs = p.bucketStartMs;
        p.lastMs = p.bucketStartMs + 3'540'000;
        p.min = p.max = 1;
        p.sum = 60;
        p.count = 60;
        hours.append(p);
    }
    const QList<Sample> samples = rollupSamples(hours, seriesBucketMs(SeriesLevel::Hour));
    const QList<QList<Sample>> runs = splitAtGaps(samples);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).last().timestampMs, 2 * 3'600'000 + 3'540'000);
    QCOMPARE(runs.at(1).first().timestampMs, 5 * 3'600'000);
    const auto gap = std::ranges::find_if(samples, &Sample::isGap);
    QCOMPARE(gap->timestampMs, 3 * 3'600'000);
}

void tst_Decimation::rangeOfRollups()
{
    SeriesRange range;
    range.fromMs = 0;
    range.toMs = 365LL * 86'400'000;
    range.level = SeriesLevel::Hour;
    for (qint64 h = 0; h < 365 * 24; ++h) {
        RollupPoint p;
        p.bucketStartMs = h * 3'600'000;
        p.firstMs = p.bucketStartMs;
        p.lastMs = p.bucketStartMs + 3'540'000;
        p.min = double(h % 24);
        p.max = double(h % 24) + 100;
        p.sum = 60 * (double(h % 24) + 50);
        p.count = 60;
        range.rollups.append(p);
    }
    const int columns = 800;
    const QList<Sample> out = decimateRange(range, columns);
    QVERIFY(out.size() <= 4 * columns);
    QCOMPARE(std::ranges::min(out, {}, &Sample::value).value, 0.0);
    QCOMPARE(std::ranges::max(out, {}, &Sample::value).value, 123.0);
}

void tst_Decimation::rollupsDecimatedAsTheirSamples()
{
    // Minute buckets with holes (whole missing minutes, empty buckets), values that tie and that
    // do not: the streamed decimation gives exactly what decimating the listed samples gives.
    QList<RollupPoint> minutes;
    quint32 state = 7;
    const auto next = [&state] {
        state = state * 1'103'515'245u + 12'345u;
        return state >> 8;
    };
    for (qint64 m = 0; m < 20'000; ++m) {
        if (next() % 50 == 0)
            m += 1 + next() % 30; // a hole
        RollupPoint p;
        p.bucketStartMs = m * 60'000;
        p.count = qint64(next() % 7); // 0: an empty bucket
        p.firstMs = p.bucketStartMs + qint64(next() % 10) * 1000;
        p.lastMs = p.count > 1 ? p.firstMs + qint64(next() % 40) * 1000 : p.firstMs;
        p.min = double(next() % 100);
        p.max = p.min + double(next() % 3 == 0 ? 0 : next() % 50);
        p.sum = (p.min + p.max) / 2 * double(p.count);
        minutes.append(p);
    }
    const qint64 from = 1'000 * 60'000;
    const qint64 to = 18'000 * 60'000;
    for (int columns : {1, 7, 300, 1181, 40'000}) {
        const QList<Sample> listed = decimateM4(rollupSamples(minutes, 60'000), from, to, columns);
        const QList<Sample> streamed = decimateRollups(
            std::span<const RollupPoint>(minutes.constData(), size_t(minutes.size())), 60'000, from, to, columns);
        QCOMPARE(streamed.size(), listed.size());
        for (qsizetype i = 0; i < listed.size(); ++i) {
            QCOMPARE(streamed.at(i).timestampMs, listed.at(i).timestampMs);
            QCOMPARE(streamed.at(i).isGap(), listed.at(i).isGap());
            if (!listed.at(i).isGap())
                QCOMPARE(streamed.at(i).value, listed.at(i).value);
        }
    }
}

void tst_Decimation::coarserRollupsMatchTheSamples()
{
    // Samples every 20 s over three days with a missing afternoon: their minute buckets merged into
    // hours and days are the buckets built from the samples directly.
    QList<Sample> samples;
    for (qint64 t = 0; t < 3 * 86'400'000LL; t += 20'000) {
        if (t >= 86'400'000LL + 12 * 3'600'000LL && t < 86'400'000LL + 18 * 3'600'000LL)
            continue;
        samples.append({t + 1'000, double((t / 20'000) % 97) - 10.5});
    }
    const auto bucketsOf = [&samples](qint64 bucketMs) {
        QList<RollupPoint> out;
        for (const Sample &sample : std::as_const(samples)) {
            const qint64 start = sample.timestampMs / bucketMs * bucketMs;
            if (out.isEmpty() || out.constLast().bucketStartMs != start) {
                RollupPoint bucket;
                bucket.bucketStartMs = start;
                out.append(bucket);
            }
            RollupPoint one{start, sample.timestampMs, sample.timestampMs, sample.value, sample.value, sample.value, 1};
            out.last().merge(one);
        }
        return out;
    };
    const QList<RollupPoint> minutes = bucketsOf(60'000);
    const std::span<const RollupPoint> all(minutes.constData(), size_t(minutes.size()));
    QCOMPARE(coarserRollups(all, SeriesLevel::Hour), bucketsOf(3'600'000));
    QCOMPARE(coarserRollups(all, SeriesLevel::Day), bucketsOf(86'400'000));
    QCOMPARE(coarserRollups(all, SeriesLevel::Hour).size(), 3 * 24 - 6);
    // Minutes already at a level are left as they are; before 1970 they still fall in their hour.
    QCOMPARE(coarserRollups(all, SeriesLevel::Minute), minutes);
    RollupPoint early{-90'000, -90'000, -85'000, 1, 2, 3, 2};
    const QList<RollupPoint> hour = coarserRollups(std::span<const RollupPoint>(&early, 1), SeriesLevel::Hour);
    QCOMPARE(hour.size(), 1);
    QCOMPARE(hour.first().bucketStartMs, -3'600'000);
}

void tst_Decimation::aSpanDecimatesAsItsList()
{
    QList<Sample> samples;
    for (qint64 i = 0; i < 5'000; ++i)
        samples.append({i * 1000, i % 13 == 0 ? NaN : double((i * 7919) % 101)});
    const QList<Sample> part = samples.mid(1'000, 2'000);
    const std::span<const Sample> span(samples.constData() + 1'000, 2'000);
    for (qint64 maxStep : {0, 500})
        QCOMPARE(splitAtGaps(decimateM4(span, 1'000'000, 2'999'000, 97, maxStep)),
                 splitAtGaps(decimateM4(part, 1'000'000, 2'999'000, 97, maxStep)));
}

void tst_Decimation::splitsAtGaps()
{
    const QList<Sample> samples{{0, NaN}, {1, 1}, {2, 2}, {3, NaN}, {4, NaN}, {5, 5}, {6, NaN}};
    const QList<QList<Sample>> runs = splitAtGaps(samples);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0), (QList<Sample>{{1, 1}, {2, 2}}));
    QCOMPARE(runs.at(1), (QList<Sample>{{5, 5}}));
}

QTEST_GUILESS_MAIN(tst_Decimation)
#include "tst_decimation.moc"
