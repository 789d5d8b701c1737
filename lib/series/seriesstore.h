#pragma once

#include "series.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <expected>
#include <memory>

class QThreadPool;

namespace Vigie {

class Clock;

// How long each level of the series store keeps what it holds; a zero age keeps everything.
//
// The defaults, for 10,000 series (a thousand probes with their phases and success) sampled every
// minute, from bench_series's sizes on disk, pages included: ~7 bytes a raw sample, ~10 bytes a
// minute bucket (packed by blocks, and only for the time raw samples are no longer kept: before
// that, minute buckets are computed from them), ~60 bytes an hour or day bucket (a row each):
//   raw     14 d:  10,000 x 1,440 x   14 x  7 B = ~1.4 GB
//   minute  30 d:  10,000 x 1,440 x   16 x 10 B = ~2.3 GB (days 15 to 30)
//   hour   400 d:  10,000 x    24 x  400 x 60 B = ~5.8 GB (a year and a month of rollups)
//   day      5 y:  10,000 x        1,826 x 60 B = ~1.1 GB
// ~11 GB in all, flat once reached; a 25-service workspace (~200 series) stays under 250 MB.
// A range older than a level keeps is answered from a level that still has it (SeriesStore::range).
struct SeriesRetention
{
    std::chrono::milliseconds rawMaxAge = std::chrono::days(14);
    std::chrono::milliseconds minuteMaxAge = std::chrono::days(30);
    std::chrono::milliseconds hourMaxAge = std::chrono::days(400);
    std::chrono::milliseconds dayMaxAge = std::chrono::days(5 * 365 + 1);

    std::chrono::milliseconds maxAge(SeriesLevel level) const;
    friend bool operator==(const SeriesRetention &, const SeriesRetention &) = default;
};

// The length of one bucket of a level (0 for Raw).
qint64 seriesBucketMs(SeriesLevel level);
// The start of the bucket of `bucketMs` (> 0) holding `timestampMs`: a multiple of it, at or before.
qint64 seriesBucketStart(qint64 timestampMs, qint64 bucketMs);
// The coarsest level whose bucket is at most (to - from) / pixelColumns: at least one value per
// pixel column (Raw when even a minute is too coarse).
SeriesLevel seriesLevelFor(qint64 fromMs, qint64 toMs, int pixelColumns);

// The threads that series are read and reduced on for a chart: one fewer than the cores (one at
// least), so that the GUI thread keeps a core to itself while a chart pans and zooms and its
// queries run (bench_charts: the 99th percentile of a pan frame from 20-27 ms to 16-17 ms on two
// cores, with every read on Qt's global pool of two threads).
QThreadPool *seriesReadPool();

// What has not reached the disk: samples dropped because the queue was full, samples waiting.
struct SeriesWriteReport
{
    qint64 samplesDropped = 0;
    qint64 samplesPending = 0;
    bool everythingWritten() const { return samplesDropped == 0 && samplesPending == 0; }
};

// The numeric series store: dataDir/vigie-series.sqlite, apart from the results database so that
// writing series never holds its write lock. SQLite in WAL mode, schema migrations as the results
// store's (Migrations).
//
// Raw samples are kept in chunks (SeriesCodec: a few bytes a sample), and rollups by minute (packed
// by blocks of 20 minutes), hour and day (RollupPoint) are merged on ingest, gap markers (NaN) left out of them. One
// writer thread commits what append() queues in batches (one transaction per ~250 ms or per 100,000 samples); a chunk
// still open is rewritten in the same commit, so nothing appended waits anywhere but the queue. The queue is bounded
// (setQueueLimit): when the disk is full the oldest samples are dropped and counted. Retention (SeriesRetention) prunes
// each level on the writer thread, a few hundred series at a time, at open and every hour. Reads run on the thread
// pool, each with its own read connection.
//
// Samples of a series may come out of order: one older than the series' last sample goes into the
// chunk covering its time, so a range reads them in time order (equal times in append order).
class SeriesStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeriesStore)

public:
    explicit SeriesStore(QObject *parent = nullptr);
    ~SeriesStore() override; // flushes, then stops the writer thread

    // Before open(): where "now" comes from for retention (the system clock by default; not owned).
    void setClock(const Clock *clock);
    // Thread-safe; applied at once when the store is open, then every hour.
    void setRetention(const SeriesRetention &retention);
    SeriesRetention retention() const;
    // Applies the retention now and waits for it; returns the rows removed, or a sentence.
    std::expected<qint64, QString> prune();
    // How many samples may wait in memory for the disk.
    void setQueueLimit(qsizetype samples);
    SeriesWriteReport writeReport() const;

    // Opens (creating and migrating as needed) `dataDir`/vigie-series.sqlite. Blocking: call it
    // off the GUI thread. Returns a sentence naming the file on failure.
    std::expected<void, QString> open(const QString &dataDir);
    QString databasePath() const;
    static QString fileName(); // "vigie-series.sqlite"

    // Thread-safe, non-blocking: queues samples for the writer thread.
    void append(const QList<SeriesSamples> &samples);
    // Blocks until everything appended so far is committed (true), or an attempt to write it has
    // failed (false; writeError says why), or samples were dropped from the full queue meanwhile.
    bool flush();

    // One series from..to (UTC ms, inclusive) at the level seriesLevelFor() picks; where that level
    // no longer holds the start of the range (retention), a finer level that still does, else the
    // coarser ones. An unknown series answers an empty range.
    QFuture<SeriesRange> range(const QString &series, qint64 fromMs, qint64 toMs, int pixelColumns) const;
    // The same for several series at once, in the order asked (one read connection for all).
    QFuture<QList<SeriesRange>> ranges(const QStringList &series, qint64 fromMs, qint64 toMs, int pixelColumns) const;
    // One series at one level, whatever the range (tests, exports).
    QFuture<SeriesRange> rangeAt(const QString &series, SeriesLevel level, qint64 fromMs, qint64 toMs) const;
    // The names of the stored series that start with `prefix`, sorted.
    QFuture<QStringList> seriesNames(const QString &prefix = {}) const;

    static int schemaVersion();

Q_SIGNALS:
    // On the owner's thread after each commit: how many samples it held.
    void committed(qint64 samples);
    // A batch could not be written; it is kept and retried. Once per distinct failure; when the
    // file is damaged, once, naming it, and nothing is retried.
    void writeError(const QString &message);
    void writeRecovered(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Range queries for a view: each request() supersedes the previous one; the answer to an earlier
// request that comes late is dropped, never delivered. Answers arrive on this object's thread.
class SeriesQuery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeriesQuery)

public:
    explicit SeriesQuery(const SeriesStore *store, QObject *parent = nullptr);
    ~SeriesQuery() override;

    // Asks for `series` over from..to for a chart `pixelColumns` wide; returns the request's number.
    quint64 request(const QStringList &series, qint64 fromMs, qint64 toMs, int pixelColumns);
    // Drops whatever is on its way.
    void cancel();
    bool isBusy() const;

Q_SIGNALS:
    // The answer to the latest request, the ranges in the order asked.
    void ready(quint64 request, const QList<Vigie::SeriesRange> &ranges);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
