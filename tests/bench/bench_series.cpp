// The series store's ingest rate, its size on disk, and a year's query.
//
//   bench_series [--quick]
//
// Ingest: 1,000,000 samples (--quick: 100,000) of 1,000 series (--quick: 200) of realistic probe
// latencies (~120 ms ± 20 ms in nanoseconds / 10^6, as the probers measure them, every 30 to 60 s
// with a few milliseconds of scheduling jitter), appended round by round (one sample per series
// per call, as the session does for a batch of results) through SeriesStore, then flushed: the
// time from the first append to the end of flush(), rollups included.
//
// Bytes: the whole file (with its write-ahead log, once closed), rollups by minute, hour and day
// and series names included, divided by the samples (series.bytes_per_sample); the raw samples'
// table alone (chunks: b-tree pages, page overhead included, from SQLite's dbstat) divided by the
// same (series.raw_bytes_per_sample).
//
// Query: a year of one series at one sample a minute (525,600 samples, written once), read for a
// chart 1,000 columns wide (the hour level: 8,760 buckets), median of 5; then a week of it (the
// minute level, from the raw samples: 10,080 buckets).

#include "series/seriesstore.h"
#include "store/sqliteconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH series.%s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench_series: %s\n", qPrintable(message));
    std::exit(1);
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

qint64 fileBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + u"-wal"_s).size();
}

// The bytes of the pages of `table` (and its overflow pages), or -1 without dbstat.
qint64 tableBytes(const QString &path, const QString &table)
{
    SqliteConnection connection;
    if (!connection.open(path, SqliteConnection::Role::Reader))
        return -1;
    QSqlQuery query(connection.database());
    if (!query.prepare(u"SELECT sum(pgsize) FROM dbstat WHERE name = ?"_s))
        return -1;
    query.addBindValue(table);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    const int seriesCount = quick ? 200 : 1000;
    const qint64 total = quick ? 100'000 : 1'000'000;
    const int rounds = int(total / seriesCount);

    QTemporaryDir dir;
    if (!dir.isValid())
        fail(u"no temporary folder"_s);

    // The samples, made before the clock starts.
    QRandomGenerator random(42);
    QStringList names;
    QList<qint64> intervals;
    QList<qint64> times;
    for (int s = 0; s < seriesCount; ++s) {
        names.append(u"vigie_probe_latency_ms{probe=\"%1\",service=\"service-%2\"}"_s.arg(s % 3).arg(s / 3));
        intervals.append(30'000 + qint64(random.bounded(31)) * 1000);
        times.append(1'780'000'000'000 + random.bounded(30'000));
    }
    QList<QList<SeriesSamples>> batches;
    batches.reserve(rounds);
    for (int r = 0; r < rounds; ++r) {
        QList<SeriesSamples> batch;
        batch.reserve(seriesCount);
        for (int s = 0; s < seriesCount; ++s) {
            times[s] += intervals[s] + random.bounded(-5, 6);
            const double noise =
                std::clamp(random.generateDouble() * 2 - 1 + random.generateDouble() * 2 - 1, -2.0, 2.0);
            const qint64 nanoseconds = 120'000'000 + qint64(noise * 10'000'000) + random.bounded(1000);
            batch.append({names[s], {{times[s], double(nanoseconds) / 1e6}}});
        }
        batches.append(std::move(batch));
    }

    const QString data = dir.filePath(u"ingest"_s);
    const QString path = QDir(data).filePath(SeriesStore::fileName());
    {
        SeriesStore store;
        if (const auto opened = store.open(data); !opened)
            fail(opened.error());
        const double cpuBefore = cpuSeconds();
        QElapsedTimer timer;
        timer.start();
        for (const QList<SeriesSamples> &batch : std::as_const(batches))
            store.append(batch);
        if (!store.flush())
            fail(u"the flush failed"_s);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        print("ingest_samples_per_s", double(total) / seconds, "samples/s");
        // On a machine shared with other work the wall time above includes waiting for a core.
        const double cpu = cpuSeconds() - cpuBefore;
        std::printf("# ingest: %.2f s of wall time, %.2f s of CPU (user + system, all threads)\n", seconds, cpu);
    }
    // Closed: the write-ahead log is back in the file.
    print("bytes_per_sample", double(fileBytes(path)) / double(total), "B");
    const qint64 chunkBytes = tableBytes(path, u"chunks"_s);
    if (chunkBytes >= 0)
        print("raw_bytes_per_sample", double(chunkBytes) / double(total), "B");
    else
        std::fprintf(stderr, "bench_series: SQLite has no dbstat table here; only the file's size is measured\n");
    {
        SqliteConnection connection;
        if (connection.open(path, SqliteConnection::Role::Reader)) {
            QSqlQuery query(connection.database());
            for (const QString &table : {u"chunks"_s, u"minute_blocks"_s})
                if (query.exec(u"SELECT sum(length(data)), count(*) FROM %1"_s.arg(table)) && query.next())
                    std::printf("# %s: %.2f B of blobs a sample, %lld rows\n", qPrintable(table),
                                query.value(0).toDouble() / double(total), query.value(1).toLongLong());
        }
    }
    for (const QString &table :
         {u"chunks"_s, u"minute_blocks"_s, u"rollups"_s, u"series"_s, u"sqlite_autoindex_series_1"_s})
        std::printf("# %s: %.2f B a sample\n", qPrintable(table), double(tableBytes(path, table)) / double(total));

    // A year of one-minute samples of one series.
    const QString yearData = dir.filePath(u"year"_s);
    SeriesStore year;
    if (const auto opened = year.open(yearData); !opened)
        fail(opened.error());
    SeriesRetention keep{std::chrono::milliseconds(0), std::chrono::milliseconds(0), std::chrono::milliseconds(0),
                         std::chrono::milliseconds(0)};
    year.setRetention(keep);
    const qint64 start = 1'750'000'000'000;
    const qint64 minutes = quick ? 60 * 24 * 30 : 525'600;
    QList<Sample> samples;
    samples.reserve(minutes);
    for (qint64 m = 0; m < minutes; ++m)
        samples.append({start + m * 60'000, 100 + double(random.bounded(100'000)) / 1000});
    for (qsizetype i = 0; i < samples.size(); i += 50'000)
        year.append({{u"year"_s, samples.mid(i, 50'000)}});
    if (!year.flush())
        fail(u"the flush failed"_s);
    QList<double> times_ms;
    qsizetype points = 0;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        const SeriesRange range = year.range(u"year"_s, start, start + minutes * 60'000, 1000).result();
        times_ms.append(double(timer.nsecsElapsed()) / 1e6);
        points = range.rollups.size() + range.samples.size();
    }
    std::ranges::sort(times_ms);
    print(quick ? "query_month_ms" : "query_year_ms", times_ms[2], "ms");
    std::printf("# %lld points read for %lld minutes of samples\n", qlonglong(points), qlonglong(minutes));

    // A week of the same series for the same chart: the minute level, computed from the raw samples
    // (kept: nothing is pruned here).
    times_ms.clear();
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        const SeriesRange range = year.range(u"year"_s, start, start + 7 * 24 * 60 * 60'000, 1000).result();
        times_ms.append(double(timer.nsecsElapsed()) / 1e6);
        points = range.rollups.size() + range.samples.size();
    }
    std::ranges::sort(times_ms);
    print("query_week_minutes_ms", times_ms[2], "ms");
    std::printf("# %lld minute buckets computed from raw samples\n", qlonglong(points));
    return 0;
}
