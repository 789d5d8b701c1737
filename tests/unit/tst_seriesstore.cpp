// The numeric series store, headless, with an injected clock: the chunk codec, rollups against a
// brute-force computation, the level a range query picks, retention per level, persistence, stale
// answers and a damaged file.
#include "manualclock.h"
#include "series/errorrate.h"
#include "series/probeseries.h"
#include "series/seriescodec.h"
#include "series/seriesstore.h"
#include "series/serieswriter.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace std::chrono_literals;

namespace {

constexpr qint64 minuteMs = 60'000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;
const double notANumber = std::numeric_limits<double>::quiet_NaN();
const double infinity = std::numeric_limits<double>::infinity();

// Bit for bit: NaN equals NaN, -0.0 differs from 0.0.
bool sameSamples(const QList<Sample> &a, const QList<Sample> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].timestampMs != b[i].timestampMs ||
            std::bit_cast<quint64>(a[i].value) != std::bit_cast<quint64>(b[i].value))
            return false;
    return true;
}

QString describe(const QList<Sample> &samples)
{
    QStringList parts;
    for (const Sample &s : samples.first(std::min<qsizetype>(samples.size(), 12)))
        parts.append(u"(%1, %2)"_s.arg(s.timestampMs).arg(s.value, 0, 'g', 17));
    return parts.join(u' ') + (samples.size() > 12 ? u" ..."_s : QString());
}

// The rollups of `samples` at a level, computed the slow way.
QList<RollupPoint> bruteForce(const QList<Sample> &samples, qint64 bucketMs)
{
    std::map<qint64, RollupPoint> buckets;
    for (const Sample &s : samples) {
        if (s.isGap())
            continue;
        const qint64 b = seriesBucketStart(s.timestampMs, bucketMs);
        auto [it, fresh] = buckets.try_emplace(b);
        RollupPoint &p = it->second;
        if (fresh) {
            p = RollupPoint{b, s.timestampMs, s.timestampMs, s.value, s.value, 0, 0};
        }
        p.firstMs = std::min(p.firstMs, s.timestampMs);
        p.lastMs = std::max(p.lastMs, s.timestampMs);
        p.min = std::min(p.min, s.value);
        p.max = std::max(p.max, s.value);
        p.sum += s.value;
        ++p.count;
    }
    QList<RollupPoint> points;
    for (const auto &[b, p] : buckets)
        points.append(p);
    return points;
}

} // namespace

class TestSeriesStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_folders = 0;

    QString folder() { return m_dir.filePath(u"data-%1"_s.arg(++m_folders)); }

    static SeriesRetention keepEverything() { return SeriesRetention{0ms, 0ms, 0ms, 0ms}; }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void codecRoundTrip_data()
    {
        QTest::addColumn<QList<Sample>>("samples");
        QTest::newRow("empty") << QList<Sample>{};
        QTest::newRow("one") << QList<Sample>{{1'700'000'000'000, 120.5}};
        QTest::newRow("latencies from nanoseconds") << [] {
            QList<Sample> s;
            QRandomGenerator random(7);
            qint64 t = 1'700'000'000'000;
            for (int i = 0; i < 500; ++i) {
                t += 30'000 + random.bounded(-40, 40);
                s.append({t, double(120'000'000 + random.bounded(-20'000'000, 20'000'000)) / 1e6});
            }
            return s;
        }();
        QTest::newRow("special values") << QList<Sample>{{0, notANumber}, {1, infinity}, {2, -infinity},   {3, -0.0},
                                                         {4, 0.0},        {5, -12.25},   {6, 1e300},       {7, -1e-300},
                                                         {8, 0.1 + 0.2},  {9, 4.9e-324}, {10, notANumber}, {11, 3}};
        QTest::newRow("negative values") << QList<Sample>{{100, -1}, {200, -2.5}, {300, -1e9}, {400, -0.001}};
        QTest::newRow("huge gaps in time") << QList<Sample>{{-5'000'000'000'000, 1},
                                                            {0, 2},
                                                            {4'000'000'000'000, 3},
                                                            {4'000'000'000'001, 4},
                                                            {std::numeric_limits<qint64>::max() / 4, 5}};
        QTest::newRow("equal times") << QList<Sample>{{10, 1}, {10, 2}, {10, 3}, {11, 4}};
        QTest::newRow("out of order") << QList<Sample>{{50, 1}, {10, 2}, {30, 3}, {-20, 4}};
        QTest::newRow("mixed decimals") << QList<Sample>{{1, 0.5}, {2, 0.125}, {3, 1e-7}, {4, 123456.789}, {5, 2e15}};
        QTest::newRow("large integers") << QList<Sample>{{1, 9007199254740992.0}, {2, -9007199254740992.0}, {3, 1e17}};
    }

    void codecRoundTrip()
    {
        QFETCH(QList<Sample>, samples);
        const QByteArray blob = SeriesCodec::encode(samples);
        const auto decoded = SeriesCodec::decode(blob);
        QVERIFY(decoded);
        QVERIFY2(sameSamples(*decoded, samples), qPrintable(describe(*decoded)));
    }

    void codecIsCompactForProbeLatencies()
    {
        QList<Sample> samples;
        QRandomGenerator random(11);
        qint64 t = 1'700'000'000'000;
        for (int i = 0; i < 160; ++i) {
            t += 30'000 + random.bounded(-5, 5);
            samples.append({t, double(120'000'000 + random.bounded(-20'000'000, 20'000'000)) / 1e6});
        }
        const QByteArray blob = SeriesCodec::encode(samples);
        QVERIFY2(blob.size() <= 7 * samples.size(), qPrintable(QString::number(blob.size())));
    }

    void rollupCodecRoundTrip()
    {
        const QList<RollupPoint> points{
            {0, 10, 10, 1.5, 1.5, 1.5, 1},
            {60'000, 60'001, 119'999, -2, 7.25, 5.25, 3},
            {120'000, 120'500, 120'500, notANumber, notANumber, notANumber, 1},
            {180'000, 180'000, 180'000, infinity, infinity, notANumber, 2},
            {-60'000, -59'999, -1, -1e300, 1e300, 0, 1'000'000},
            {240'000, 240'001, 240'500, 1.25, 2.5, 3.75, 2}, // the sum is min + max: not stored
            {300'000, 300'001, 300'500, 0.1, 0.2, 0.1 + 0.2 + 1e-9, 2},
        };
        const QByteArray blob =
            SeriesCodec::encodeRollups(std::span<const RollupPoint>(points.constData(), size_t(points.size())));
        const auto decoded = SeriesCodec::decodeRollups(blob, minuteMs);
        QVERIFY(decoded);
        QCOMPARE(decoded->size(), points.size());
        for (qsizetype i = 0; i < points.size(); ++i) {
            const RollupPoint &a = decoded->at(i);
            const RollupPoint &b = points.at(i);
            QCOMPARE(a.bucketStartMs, b.bucketStartMs);
            QCOMPARE(a.firstMs, b.firstMs);
            QCOMPARE(a.lastMs, b.lastMs);
            QCOMPARE(a.count, b.count);
            for (const auto &[x, y] : {std::pair{a.min, b.min}, std::pair{a.max, b.max}, std::pair{a.sum, b.sum}})
                QCOMPARE(std::bit_cast<quint64>(x), std::bit_cast<quint64>(y));
        }
        QVERIFY(!SeriesCodec::decodeRollups(blob.first(blob.size() / 2), minuteMs));
    }

    void codecRefusesDamagedBlobs()
    {
        const QByteArray blob = SeriesCodec::encode(QList<Sample>{{1, 2.5}, {2, 3.5}, {3, notANumber}});
        QVERIFY(!SeriesCodec::decode(QByteArray()));
        QVERIFY(!SeriesCodec::decode(QByteArray("\x07\x00", 2)));
        QVERIFY(!SeriesCodec::decode(blob.first(blob.size() - 3)));
    }

    void levelForRange_data()
    {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<SeriesLevel>("level");
        QTest::newRow("1 h") << hourMs << SeriesLevel::Raw;
        QTest::newRow("6 h") << 6 * hourMs << SeriesLevel::Raw;
        QTest::newRow("24 h") << dayMs << SeriesLevel::Minute;
        QTest::newRow("7 d") << 7 * dayMs << SeriesLevel::Minute;
        QTest::newRow("30 d") << 30 * dayMs << SeriesLevel::Minute;
        QTest::newRow("1 y") << 365 * dayMs << SeriesLevel::Hour;
        QTest::newRow("5 y") << 5 * 365 * dayMs << SeriesLevel::Day;
        QTest::newRow("10 y") << 10 * 365 * dayMs << SeriesLevel::Day;
    }

    void levelForRange()
    {
        QFETCH(qint64, span);
        QFETCH(SeriesLevel, level);
        const qint64 to = 1'780'000'000'000;
        QCOMPARE(seriesLevelFor(to - span, to, 1000), level);
        // At least one value per pixel column: the bucket fits in a column.
        QVERIFY(seriesBucketMs(level) <= span / 1000);
    }

    void rollupsMatchABruteForceComputation()
    {
        Test::ManualClock clock;
        SeriesStore store;
        store.setClock(&clock);
        store.setRetention(keepEverything());
        QVERIFY(store.open(folder()));
        const QString name = seriesName(u"m"_s, {{u"k"_s, u"v"_s}});
        // Three days every 7 s, with gap markers and values whose sums are exact (quarters), in
        // batches of odd sizes flushed now and then, so buckets are merged across commits.
        QRandomGenerator random(3);
        QList<Sample> all;
        const qint64 start = clock.nowMs() - 3 * dayMs;
        for (qint64 t = start; t < clock.nowMs(); t += 7000)
            all.append({t, random.bounded(50) == 0 ? notANumber : double(random.bounded(-400, 4000)) / 4});
        for (qsizetype i = 0; i < all.size(); i += 997) {
            store.append({{name, all.mid(i, 997)}});
            if (i % 5 == 0)
                QVERIFY(store.flush());
        }
        QVERIFY(store.flush());
        for (const SeriesLevel level : {SeriesLevel::Minute, SeriesLevel::Hour, SeriesLevel::Day}) {
            const SeriesRange range = store.rangeAt(name, level, start - dayMs, clock.nowMs()).result();
            QCOMPARE(range.level, level);
            const QList<RollupPoint> expected = bruteForce(all, seriesBucketMs(level));
            QCOMPARE(range.rollups.size(), expected.size());
            QCOMPARE(range.rollups, expected);
        }
        const SeriesRange raw = store.rangeAt(name, SeriesLevel::Raw, start, clock.nowMs()).result();
        QVERIFY(sameSamples(raw.samples, all));
    }

    void minuteBucketsOutliveTheRawSamples()
    {
        // Minute buckets are computed from raw chunks while they are kept, and folded into blocks
        // as retention removes the chunks: the minute level reads the same before and after, and
        // late samples on either side of that cut are counted once.
        Test::ManualClock clock;
        const QString data = folder();
        SeriesStore store;
        store.setClock(&clock);
        store.setRetention(keepEverything());
        QVERIFY(store.open(data));
        QRandomGenerator random(5);
        QList<Sample> all;
        const qint64 now = clock.nowMs();
        const qint64 start = now - 3 * dayMs;
        for (qint64 t = start; t < now; t += 20'000 + random.bounded(50'000))
            all.append({t, random.bounded(60) == 0 ? notANumber : double(random.bounded(-400, 4000)) / 4});
        store.append({{u"m"_s, all}});
        QVERIFY(store.flush());
        const auto minutes = [&](SeriesStore &s) {
            return s.rangeAt(u"m"_s, SeriesLevel::Minute, start - dayMs, now + dayMs).result().rollups;
        };
        QCOMPARE(minutes(store), bruteForce(all, minuteMs));

        store.setRetention(SeriesRetention{24h, 0ms, 0ms, 0ms});
        QVERIFY(store.prune());
        const QList<Sample> raw = store.rangeAt(u"m"_s, SeriesLevel::Raw, start, now).result().samples;
        QVERIFY(!raw.isEmpty() && raw.first().timestampMs > now - 2 * dayMs);
        QCOMPARE(minutes(store), bruteForce(all, minuteMs));
        // Pruning again changes nothing.
        QVERIFY(store.prune());
        QCOMPARE(minutes(store), bruteForce(all, minuteMs));

        // Late samples: two days ago (before the cut: into a block), at the oldest raw sample's
        // minute, and new ones.
        const QList<Sample> late{
            {now - 2 * dayMs + 1, 1000.25}, {raw.first().timestampMs, -3}, {now + 5000, 7}, {now + 65'000, 8}};
        store.append({{u"m"_s, late}});
        QVERIFY(store.flush());
        all += late;
        std::stable_sort(all.begin(), all.end(),
                         [](const Sample &a, const Sample &b) { return a.timestampMs < b.timestampMs; });
        QCOMPARE(minutes(store), bruteForce(all, minuteMs));
        // A range that starts at the cut, and one inside the blocks.
        const qint64 cutMinute = seriesBucketStart(raw.first().timestampMs, minuteMs);
        const auto within = [&](qint64 from, qint64 to) {
            QList<RollupPoint> points;
            for (const RollupPoint &p : bruteForce(all, minuteMs))
                if (p.bucketStartMs >= from && p.bucketStartMs <= to)
                    points.append(p);
            return points;
        };
        QCOMPARE(store.rangeAt(u"m"_s, SeriesLevel::Minute, cutMinute, now).result().rollups, within(cutMinute, now));
        QCOMPARE(store.rangeAt(u"m"_s, SeriesLevel::Minute, cutMinute - 30 * minuteMs, cutMinute + 30 * minuteMs)
                     .result()
                     .rollups,
                 within(cutMinute - 30 * minuteMs, cutMinute + 30 * minuteMs));
        QCOMPARE(store.rangeAt(u"m"_s, SeriesLevel::Minute, start + hourMs, start + 2 * hourMs).result().rollups,
                 within(start + hourMs, start + 2 * hourMs));

        // Another process reads the same (the cut is on disk).
        SeriesStore reader;
        reader.setRetention(keepEverything());
        QVERIFY(reader.open(data));
        QCOMPARE(minutes(reader), bruteForce(all, minuteMs));
    }

    void aVersionOneFileStillReads()
    {
        // A file written before minute buckets were computed from raw chunks: every minute bucket
        // in blocks. It is migrated; its buckets are read from the blocks, new ones join them.
        const QString data = folder();
        QVERIFY(QDir().mkpath(data));
        const QString path = QDir(data).filePath(SeriesStore::fileName());
        QList<Sample> all;
        for (qint64 t = 0; t < 3 * hourMs; t += 25'000)
            all.append({t, double(t % 7000) / 8});
        {
            SqliteConnection connection;
            QVERIFY(connection.open(path, SqliteConnection::Role::Writer));
            QVERIFY(Migrations::migrate(connection.database(), path, seriesSchemaSteps().first(1)));
            QSqlQuery query(connection.database());
            QVERIFY(query.exec(u"INSERT INTO series (id, name) VALUES (1, 'old')"_s));
            QVERIFY(query.prepare(u"INSERT INTO chunks VALUES (1, ?, ?, ?)"_s));
            query.addBindValue(all.constFirst().timestampMs);
            query.addBindValue(all.constLast().timestampMs);
            query.addBindValue(SeriesCodec::encode(all));
            QVERIFY(query.exec());
            std::map<qint64, QList<RollupPoint>> blocks;
            for (const RollupPoint &p : bruteForce(all, minuteMs))
                blocks[seriesBucketStart(p.bucketStartMs, SeriesWriter::minuteBlockMs)].append(p);
            for (const auto &[block, points] : blocks) {
                QVERIFY(query.prepare(u"INSERT INTO minute_blocks VALUES (1, ?, ?)"_s));
                query.addBindValue(block);
                query.addBindValue(SeriesCodec::encodeRollups(
                    std::span<const RollupPoint>(points.constData(), size_t(points.size()))));
                QVERIFY(query.exec());
            }
            for (const SeriesLevel level : {SeriesLevel::Hour, SeriesLevel::Day})
                for (const RollupPoint &p : bruteForce(all, seriesBucketMs(level))) {
                    QVERIFY(query.prepare(u"INSERT INTO rollups VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)"_s));
                    for (const QVariant &v : QVariantList{int(level), p.bucketStartMs, p.firstMs - p.bucketStartMs,
                                                          p.lastMs - p.bucketStartMs, p.min, p.max, p.sum, p.count})
                        query.addBindValue(v);
                    QVERIFY(query.exec());
                }
        }
        SeriesStore store;
        store.setRetention(keepEverything());
        QVERIFY(store.open(data));
        const auto check = [&] {
            for (const SeriesLevel level : {SeriesLevel::Minute, SeriesLevel::Hour, SeriesLevel::Day})
                QCOMPARE(store.rangeAt(u"old"_s, level, 0, dayMs).result().rollups,
                         bruteForce(all, seriesBucketMs(level)));
            QVERIFY(sameSamples(store.rangeAt(u"old"_s, SeriesLevel::Raw, 0, dayMs).result().samples, all));
        };
        check();
        // New samples, inside the last block and after it.
        QList<Sample> more;
        for (qint64 t = 3 * hourMs; t < 5 * hourMs; t += 25'000)
            more.append({t, double(t % 5000) / 4});
        store.append({{u"old"_s, more}});
        QVERIFY(store.flush());
        all += more;
        check();
        {
            SqliteConnection connection;
            QVERIFY(connection.open(path, SqliteConnection::Role::Reader));
            QCOMPARE(Migrations::userVersion(connection.database(), path).value_or(-1),
                     seriesSchemaSteps().back().version);
        }
    }

    void outOfOrderSamplesAreReadInTimeOrder()
    {
        SeriesStore store;
        store.setRetention(keepEverything());
        QVERIFY(store.open(folder()));
        // Several chunks' worth in order, then late ones before, between and inside them, then
        // equal times (kept in append order).
        QList<Sample> expected;
        QList<Sample> inOrder;
        for (qint64 t = 1000; t < 1000 + 1000 * 1000; t += 1000)
            inOrder.append({t, double(t) / 1000});
        store.append({{u"late"_s, inOrder}});
        QVERIFY(store.flush());
        const QList<Sample> late{{500, -1}, {1500, -2}, {400'500, -3}, {999'999, -4}, {-7, -5}, {400'500, -6}};
        store.append({{u"late"_s, late}});
        QVERIFY(store.flush());
        expected = inOrder + late;
        std::stable_sort(expected.begin(), expected.end(),
                         [](const Sample &a, const Sample &b) { return a.timestampMs < b.timestampMs; });
        const SeriesRange raw =
            store.rangeAt(u"late"_s, SeriesLevel::Raw, std::numeric_limits<qint64>::min() / 2, 10'000'000).result();
        QVERIFY2(sameSamples(raw.samples, expected), qPrintable(describe(raw.samples)));
        // The rollups counted them too.
        const SeriesRange days = store.rangeAt(u"late"_s, SeriesLevel::Day, -dayMs, dayMs).result();
        QCOMPARE(days.rollups, bruteForce(expected, dayMs));
        // A range inside: exactly the samples inside.
        const SeriesRange inside = store.rangeAt(u"late"_s, SeriesLevel::Raw, 400'000, 401'000).result();
        QVERIFY2(
            sameSamples(inside.samples, QList<Sample>{{400'000, 400}, {400'500, -3}, {400'500, -6}, {401'000, 401}}),
            qPrintable(describe(inside.samples)));
    }

    void everythingAppendedSurvivesAReopen()
    {
        const QString data = folder();
        QList<Sample> all;
        for (int round = 0; round < 3; ++round) {
            SeriesStore store;
            store.setRetention(keepEverything());
            QVERIFY(store.open(data));
            // A single sample per round: the open chunk is written at each commit.
            const Sample sample{1000 + round * 30'000, 100.0 + round};
            store.append({{u"s"_s, {sample}}});
            all.append(sample);
            QVERIFY(store.flush());
        }
        SeriesStore store;
        store.setRetention(keepEverything()); // 1970 is long ago
        QVERIFY(store.open(data));
        // More samples than a chunk holds, after a reopen.
        for (int i = 0; i < 500; ++i)
            all.append({100'000 + i * 1000, double(i)});
        store.append({{u"s"_s, all.mid(3)}});
        QVERIFY(store.flush());
        SeriesStore reader;
        reader.setRetention(keepEverything());
        QVERIFY(reader.open(data));
        const QList<Sample> read = reader.rangeAt(u"s"_s, SeriesLevel::Raw, 0, 10'000'000).result().samples;
        QVERIFY2(sameSamples(read, all), qPrintable(u"%1 of %2: "_s.arg(read.size()).arg(all.size()) + describe(read)));
        QCOMPARE(reader.seriesNames().result(), QStringList{u"s"_s});
    }

    void rangePicksTheLevelAndFallsBackWherePruned()
    {
        Test::ManualClock clock;
        SeriesStore store;
        store.setClock(&clock);
        store.setRetention(keepEverything());
        QVERIFY(store.open(folder()));
        // Ten days, a sample a minute.
        const qint64 now = clock.nowMs();
        QList<Sample> all;
        for (qint64 t = now - 10 * dayMs; t <= now; t += minuteMs)
            all.append({t, double(t % 1000)});
        store.append({{u"x"_s, all}});
        QVERIFY(store.flush());

        const auto levelOf = [&](qint64 span) { return store.range(u"x"_s, now - span, now, 1000).result().level; };
        QCOMPARE(levelOf(hourMs), SeriesLevel::Raw);
        QCOMPARE(levelOf(dayMs), SeriesLevel::Minute);
        QCOMPARE(levelOf(7 * dayMs), SeriesLevel::Minute);
        QCOMPARE(levelOf(365 * dayMs), SeriesLevel::Hour);
        const SeriesRange day = store.range(u"x"_s, now - dayMs, now, 1000).result();
        QCOMPARE(day.rollups.size(), 1441);
        QVERIFY(day.rollups.size() >= 1000);

        // Raw kept 1 day, minutes 3 days: a week asks for minutes, which no longer hold its start,
        // nor do raw samples: hours answer. Two days: minutes still do. An hour four days ago: raw
        // and minutes are gone there.
        store.setRetention(SeriesRetention{24h, 72h, 0ms, 0ms});
        // (The writer may have pruned already, on its own, as the new retention reached it.)
        QVERIFY(store.prune());
        QCOMPARE(levelOf(7 * dayMs), SeriesLevel::Hour);
        QCOMPARE(levelOf(2 * dayMs), SeriesLevel::Minute);
        QCOMPARE(levelOf(hourMs), SeriesLevel::Raw);
        const SeriesRange old = store.range(u"x"_s, now - 4 * dayMs, now - 4 * dayMs + hourMs, 1000).result();
        QCOMPARE(old.level, SeriesLevel::Hour);
        QCOMPARE(old.rollups.size(), 2); // the hour holding `from`, and the next starting at `to`
        // Minutes kept longer than raw samples: six hours two days ago come from minutes
        // rather than hours, finer when the preferred level (raw) was pruned there.
        QCOMPARE(store.range(u"x"_s, now - 2 * dayMs - 6 * hourMs, now - 2 * dayMs, 1000).result().level,
                 SeriesLevel::Minute);

        // A series younger than the range answers at the level asked.
        store.append({{u"young"_s, {{now - hourMs, 1}, {now, 2}}}});
        QVERIFY(store.flush());
        QCOMPARE(store.range(u"young"_s, now - 7 * dayMs, now, 1000).result().level, SeriesLevel::Minute);
        // An unknown one answers nothing.
        const SeriesRange unknown = store.range(u"nope"_s, now - dayMs, now, 1000).result();
        QVERIFY(unknown.rollups.isEmpty() && unknown.samples.isEmpty());
    }

    void retentionPrunesEachLevel()
    {
        Test::ManualClock clock;
        SeriesStore store;
        store.setClock(&clock);
        store.setRetention(keepEverything());
        QVERIFY(store.open(folder()));
        const qint64 now = clock.nowMs();
        QList<Sample> all;
        for (qint64 t = now - 40 * dayMs; t <= now; t += 5 * minuteMs)
            all.append({t, 1});
        store.append({{u"r"_s, all}});
        QVERIFY(store.flush());
        const SeriesRetention retention{2 * 24h, 5 * 24h, 10 * 24h, 30 * 24h};
        store.setRetention(retention);
        QVERIFY(store.prune());
        const qint64 from = now - 100 * dayMs;
        const QList<Sample> raw = store.rangeAt(u"r"_s, SeriesLevel::Raw, from, now).result().samples;
        QVERIFY(!raw.isEmpty());
        // Whole chunks go: at most one chunk's span (160 samples) older than the horizon stays.
        QVERIFY(raw.first().timestampMs >= now - 2 * dayMs - 160 * 5 * minuteMs);
        QVERIFY(raw.first().timestampMs < now - 2 * dayMs + 5 * minuteMs);
        QCOMPARE(raw.last().timestampMs, now);
        for (const SeriesLevel level : {SeriesLevel::Minute, SeriesLevel::Hour, SeriesLevel::Day}) {
            const QList<RollupPoint> points = store.rangeAt(u"r"_s, level, from, now).result().rollups;
            QVERIFY(!points.isEmpty());
            const qint64 horizon = now - retention.maxAge(level).count();
            // Buckets wholly older than the horizon are gone; the one across it stays (minutes go
            // by blocks of 20).
            const qint64 kept = level == SeriesLevel::Minute ? 20 * minuteMs : seriesBucketMs(level);
            QVERIFY2(points.first().bucketStartMs + kept > horizon, qPrintable(u"level %1"_s.arg(int(level))));
            QVERIFY(points.first().bucketStartMs <= horizon);
        }
        // The open chunk of a pruned series was read again: new samples go on after it.
        store.append({{u"r"_s, {{now + 1000, 2}}}});
        QVERIFY(store.flush());
        QCOMPARE(store.rangeAt(u"r"_s, SeriesLevel::Raw, now, now + 1000).result().samples.size(), 2);
    }

    void staleAnswersAreNeverDelivered()
    {
        SeriesStore store;
        store.setRetention(keepEverything());
        QVERIFY(store.open(folder()));
        store.append({{u"a"_s, {{1000, 1}}}, {u"b"_s, {{1000, 2}}}});
        QVERIFY(store.flush());
        SeriesQuery query(&store);
        QSignalSpy ready(&query, &SeriesQuery::ready);
        const quint64 first = query.request({u"a"_s}, 0, 2000, 100);
        const quint64 second = query.request({u"b"_s}, 0, 2000, 100);
        QVERIFY(second > first);
        QVERIFY(ready.wait(5000));
        // Give the first answer every chance to arrive late.
        QTest::qWait(200);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.first().at(0).value<quint64>(), second);
        const auto ranges = ready.first().at(1).value<QList<SeriesRange>>();
        QCOMPARE(ranges.size(), 1);
        QCOMPARE(ranges.first().series, u"b"_s);
        QCOMPARE(ranges.first().samples, (QList<Sample>{{1000, 2}}));
        QVERIFY(!query.isBusy());

        // Cancelled: nothing comes.
        query.request({u"a"_s}, 0, 2000, 100);
        query.cancel();
        QTest::qWait(200);
        QCOMPARE(ready.size(), 1);
    }

    void aDamagedFileIsReportedNamingIt()
    {
        const QString data = folder();
        QVERIFY(QDir().mkpath(data));
        const QString path = QDir(data).filePath(SeriesStore::fileName());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        SeriesStore store;
        const auto opened = store.open(data);
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(u"damaged"_s), qPrintable(opened.error()));
        // Appending to a store that is not open loses nothing silently: it is counted as waiting.
        store.append({{u"s"_s, {{1, 1}}}});
        QVERIFY(!store.flush());
        QCOMPARE(store.writeReport().samplesPending, 1);
    }

    void fullQueueDropsTheOldestAndCountsThem()
    {
        SeriesStore store;
        store.setQueueLimit(10);
        // Not open: nothing is written, the queue keeps the newest ten.
        for (int i = 0; i < 25; ++i)
            store.append({{u"q"_s, {{i, double(i)}}}});
        const SeriesWriteReport report = store.writeReport();
        QCOMPARE(report.samplesDropped, 15);
        QCOMPARE(report.samplesPending, 10);
    }

    void errorRateIsOneMinusTheMeanOfSuccess()
    {
        // Raw: 1 = success, 0 = failure, a gap marker in between.
        SeriesRange raw{u"s"_s, 0, 10 * minuteMs, SeriesLevel::Raw, {}, {}};
        raw.samples = {{0, 1}, {10'000, 0}, {20'000, 1}, {30'000, 1}, {60'000, 1}, {70'000, notANumber}, {90'000, 0}};
        const QList<Sample> perSample = errorRatePercent(raw);
        QCOMPARE(perSample.size(), 7);
        QCOMPARE(perSample[0].value, 0.0);
        QCOMPARE(perSample[1].value, 100.0);
        QVERIFY(perSample[5].isGap());
        const QList<Sample> perMinute = errorRatePercent(raw, minuteMs);
        QVERIFY2(sameSamples(perMinute, QList<Sample>{{0, 25}, {60'000, 0}, {70'000, notANumber}, {60'000, 100}}),
                 qPrintable(describe(perMinute)));
        QVERIFY(qFuzzyCompare(overallErrorRatePercent(raw).value_or(-1), 100.0 * 2 / 6));

        // Rollups: 2.39 % of 10,000 probes failed.
        SeriesRange hours{u"s"_s, 0, dayMs, SeriesLevel::Hour, {}, {}};
        hours.rollups = {RollupPoint{0, 0, 3'000'000, 0, 1, 9761, 10'000},
                         RollupPoint{hourMs, hourMs, hourMs + 1000, 1, 1, 50, 50}};
        const QList<Sample> rates = errorRatePercent(hours);
        QCOMPARE(rates.size(), 2);
        QVERIFY(qFuzzyCompare(rates[0].value, 2.39));
        QCOMPARE(rates[1].value, 0.0);
        QCOMPARE(errorRatePercent(hours, dayMs).size(), 1);
        QCOMPARE(overallErrorRatePercent(SeriesRange{}), std::nullopt);
    }

    void probeResultsBecomeNamedSeries()
    {
        ProbeResult up;
        up.key = {u"api"_s, 1};
        up.timestampMs = 5000;
        up.status = HealthState::Up;
        up.latencyMs = 120.5;
        up.phases.connectMs = 3.25;
        up.phases.totalMs = 120.5;
        ProbeResult unknown = up;
        unknown.status = HealthState::Unknown;
        unknown.phases = {};
        ProbeResult maintenance = up;
        maintenance.maintenance = true;
        maintenance.status = HealthState::Down;
        const QList<SeriesSamples> samples = probeSeriesSamples({up, unknown, maintenance});
        QStringList names;
        for (const SeriesSamples &s : samples)
            names.append(s.series);
        QCOMPARE(names, (QStringList{u"vigie_probe_latency_ms{probe=\"1\",service=\"api\"}"_s,
                                     u"vigie_probe_phase_ms{phase=\"connect\",probe=\"1\",service=\"api\"}"_s,
                                     u"vigie_probe_success{probe=\"1\",service=\"api\"}"_s,
                                     u"vigie_probe_latency_ms{probe=\"1\",service=\"api\"}"_s,
                                     u"vigie_probe_phase_ms{phase=\"connect\",probe=\"1\",service=\"api\"}"_s}));
        QCOMPARE(samples[2].samples, (QList<Sample>{{5000, 1}}));
        QCOMPARE(samples[0].samples, (QList<Sample>{{5000, 120.5}}));
    }
};

QTEST_GUILESS_MAIN(TestSeriesStore)
#include "tst_seriesstore.moc"
