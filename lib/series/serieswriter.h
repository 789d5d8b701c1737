#pragma once

#include "series.h"
#include "seriesstore.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSqlQuery>
#include <QTimer>
#include <QWaitCondition>

#include <expected>
#include <memory>
#include <optional>
#include <span>

namespace Vigie {

class Clock;
class SeriesWriter;

// The schema steps of vigie-series.sqlite (Migrations::migrate applies them).
std::span<const Migrations::Step> seriesSchemaSteps();
// Adds `sample` (not a gap marker) to the bucket starting at `bucketStartMs`; an empty one (count 0)
// becomes that sample's.
void addToRollup(RollupPoint &point, qint64 bucketStartMs, const Sample &sample);

// What SeriesStore's callers and its writer thread share, under one mutex. Counters are in samples
// and only grow: every sample appended is in the end committed or dropped.
struct SeriesQueue
{
    // A few minutes of 10,000 series scraped every few seconds, ~100 MB at most.
    static constexpr qsizetype defaultLimit = 4'000'000;

    QMutex mutex;
    QWaitCondition progressed; // after each commit or failed attempt
    QList<SeriesSamples> pending;
    qsizetype pendingSamples = 0;
    qsizetype limit = defaultLimit;
    qint64 appended = 0;
    qint64 committed = 0;
    qint64 dropped = 0;
    qint64 failedAttempts = 0;
    SeriesWriter *writer = nullptr;
    bool wakePosted = false;
    bool damaged = false;

    // Mutex held: appends, then drops the oldest entries while more than `limit` samples wait.
    void add(const QList<SeriesSamples> &entries);
};

// The schema of vigie-series.sqlite, and the writer thread's side of SeriesStore: it owns the only
// write connection.
class SeriesWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeriesWriter)

public:
    static constexpr auto batchInterval = std::chrono::milliseconds(250);
    static constexpr qsizetype batchSamples = 100'000;
    // A chunk closes at this many samples, and is cut in two on disk when its blob outgrows
    // maxChunkBytes: a WITHOUT ROWID row of 4 KB pages keeps ~1,000 bytes in its page, beyond
    // which SQLite moves the rest to an overflow page of its own (mostly empty).
    static constexpr qsizetype maxChunkSamples = 160;
    static constexpr qsizetype maxChunkBytes = 900;
    // Minute buckets are packed by blocks of this length (SeriesCodec::encodeRollups): at most 20
    // buckets, ~700 bytes when every value of a bucket of several samples takes 9 bytes, within a
    // page's row.
    static constexpr qint64 minuteBlockMs = 20 * 60'000;
    // Retention works through this many series per statement batch.
    static constexpr int pruneSeriesPerStep = 200;
    static constexpr std::chrono::milliseconds pruneInterval{std::chrono::hours(1)};

    SeriesWriter(std::shared_ptr<SeriesQueue> queue, const Clock *clock, QObject *parent = nullptr);
    ~SeriesWriter() override;

    std::expected<void, QString> open(const QString &path);
    void close();
    void wake();
    void writeAll();
    void setRetention(const SeriesRetention &retention);
    std::expected<qint64, QString> pruneAll();

Q_SIGNALS:
    void batchCommitted(qint64 samples);
    void writeFailed(const QString &message);
    void writeRecovered(const QString &message);

private:
    struct OpenChunk
    {
        QList<Sample> samples; // in time order; its row's key is samples.first()
        bool dirty = false;
    };
    struct MinuteBlock
    {
        qint64 blockMs = 0;
        QList<RollupPoint> buckets; // in time order
    };
    struct RollupKey
    {
        qint64 seriesId = 0;
        int level = 0;
        qint64 bucketMs = 0;
        friend bool operator==(const RollupKey &, const RollupKey &) = default;
        friend size_t qHash(const RollupKey &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, key.seriesId, key.level, key.bucketMs);
        }
    };

    void writeBatches();
    std::expected<void, QString> commitBatch(const QList<SeriesSamples> &batch);
    std::expected<qint64, QString> seriesId(const QString &name);
    std::expected<void, QString> ingest(qint64 id, const QList<Sample> &samples);
    std::expected<OpenChunk *, QString> openChunk(qint64 id);
    std::expected<void, QString> insertLate(qint64 id, const Sample &sample);
    // Writes `samples` as one chunk or more (cut where the blob grows too big); returns where the
    // last one starts.
    std::expected<qsizetype, QString> writeChunk(qint64 id, std::span<const Sample> samples);
    std::expected<void, QString> mergeMinutes(qint64 id, qint64 blockMs, QList<RollupPoint> fresh);
    // Before retention removes the raw chunks of `id` older than `horizonMs`: their minute buckets
    // go into minute blocks, and the series' cut (minutes_from_ms) moves past them: the new cut,
    // written but not yet in m_minutesFrom (the caller's transaction may still roll back).
    std::expected<std::optional<qint64>, QString> foldIntoMinutes(qint64 id, qint64 horizonMs);
    std::unexpected<QString> failure(const QSqlError &error);
    void fail(const QString &message);
    std::expected<qint64, QString> pruneStep();
    void continuePruning();

    std::shared_ptr<SeriesQueue> m_queue;
    const Clock *m_clock = nullptr;
    SqliteConnection m_connection;
    QString m_path;
    QSqlQuery m_findSeries;
    QSqlQuery m_insertSeries;
    QSqlQuery m_lastChunk;
    QSqlQuery m_chunkAt;
    QSqlQuery m_writeChunk;
    QSqlQuery m_mergeRollup;
    QSqlQuery m_findBlock;
    QSqlQuery m_writeBlock;
    QHash<QString, qint64> m_ids;
    QHash<qint64, OpenChunk> m_open;
    QHash<qint64, MinuteBlock> m_blocks;     // the latest minute block of each series
    QHash<qint64, qint64> m_minutesFrom;     // series' cuts (minutes_from_ms); absent: none
    QHash<RollupKey, RollupPoint> m_rollups; // of the batch being written
    QList<SeriesSamples> m_batch;            // taken from the queue; kept across failed attempts
    qint64 m_batchSamples = 0;
    QTimer m_timer{this};
    QTimer m_retryTimer{this};
    QTimer m_pruneTimer{this};
    SeriesRetention m_retention;
    qint64 m_pruneAfterId = 0; // where the retention pass in progress is
    bool m_pruning = false;
    bool m_damagedError = false;
    QString m_lastFailure;
    std::chrono::milliseconds m_retryDelay{1000};
};

} // namespace Vigie
