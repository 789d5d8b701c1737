#pragma once

#include "health/healthevent.h"
#include "probes/proberesult.h"
#include "resultstore.h"
#include "sqliteconnection.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSqlQuery>
#include <QTimer>
#include <QWaitCondition>

#include <expected>
#include <memory>
#include <variant>

namespace Vigie {

class Clock;
class ResultWriter;

// One thing to write: results and events share one queue so that they are committed in the order
// they were appended, in the same transactions.
using WriteEntry = std::variant<ProbeResult, HealthEvent>;

// What the store's callers and its writer thread share, under one mutex. The counters (of entries)
// only grow. Every entry appended is in the end either committed or dropped (when the queue is
// full), so "committed + dropped >= n" means that none of the first n entries waits any more.
struct WriteQueue
{
    // Enough for several minutes of a large workspace's results while the disk is full, and
    // about 100 MB of memory at most (a queued result takes some 500 bytes).
    static constexpr qsizetype defaultLimit = 200'000;

    QMutex mutex;
    QWaitCondition progressed; // after each commit or failed attempt
    QList<WriteEntry> pending;
    qsizetype limit = defaultLimit;
    qint64 appended = 0;
    qint64 appendedResults = 0;
    qint64 committed = 0;
    qint64 committedResults = 0;
    qint64 droppedResults = 0;
    qint64 droppedEvents = 0;
    qint64 failedAttempts = 0;
    ResultWriter *writer = nullptr; // set once the write connection is open
    bool wakePosted = false;        // coalesces the wake-ups a burst of appends would post
    bool damaged = false;           // the file is corrupt: nothing more is tried

    qint64 dropped() const { return droppedResults + droppedEvents; }
    // Mutex held: appends, then drops the oldest results (then, if need be, the oldest events)
    // when more than `limit` entries wait. It drops a tenth more than needed, so that a full queue
    // is trimmed once in a while rather than at every append.
    void add(QList<WriteEntry> entries);
    WriteReport report() const;
};

// Lives on the store's writer thread and holds the only write connection. It commits what the
// queue holds in batches: when batchSize entries wait, or batchDelay after the first one came.
class ResultWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultWriter)

public:
    static constexpr int batchSize = 2000;
    static constexpr std::chrono::milliseconds batchDelay{250};
    static constexpr std::chrono::milliseconds firstRetryDelay{1000};
    static constexpr std::chrono::milliseconds maxRetryDelay{30000};
    // Retention deletes at most this many rows per statement, so that it never holds the write
    // lock for long, and runs at open and then every pruneInterval.
    static constexpr int pruneChunk = 2000;
    static constexpr std::chrono::milliseconds pruneInterval{std::chrono::hours(1)};

    ResultWriter(std::shared_ptr<WriteQueue> queue, const Clock *clock, QObject *parent = nullptr);
    ~ResultWriter() override;

    // On the writer thread: opens and migrates the database.
    std::expected<void, QString> open(const QString &path);
    // On the writer thread: gives up the connection (what is still queued stays in the queue).
    void close();

    // Queued from append(): results are waiting.
    void wake();
    // Queued from flush(): commit everything now, retrying or not.
    void writeAll();

    // Retention: the policy, applied at once in small steps between the writes, then every hour.
    void setRetention(const RetentionPolicy &policy);
    // Applies the retention policy now, whole; returns the rows removed.
    std::expected<qint64, QString> pruneAll();
    // PRAGMA max_page_count of the write connection (0: SQLite's maximum).
    void setMaxPageCount(qint64 pages);

Q_SIGNALS:
    // After a commit: how many results it held (none when it held only events).
    void batchCommitted(int count);
    // After a commit that held events: them, with the ids the database gave them.
    void eventsCommitted(const QList<Vigie::HealthEvent> &events);
    // Once per distinct failure (not at every retry), and once more when writing works again.
    void writeFailed(const QString &message);
    void writeRecovered(const QString &message);

private:
    struct ProbeIdentity
    {
        QString serviceId;
        int index = 0;
        QString kind;
        QString target;
        friend bool operator==(const ProbeIdentity &, const ProbeIdentity &) = default;
        friend size_t qHash(const ProbeIdentity &id, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, id.serviceId, id.index, id.kind, id.target);
        }
    };

    void onTimer();
    // Writes batches while at least `minimum` entries wait (1: everything). Stops at a failure.
    void writeWhileAtLeast(qsizetype minimum);
    // Commits m_batch in one transaction; on success, `events` has its events with their ids.
    std::expected<void, QString> commitBatch(QList<HealthEvent> &events);
    std::expected<void, QString> insertResult(const ProbeResult &result);
    std::expected<qint64, QString> insertEvent(const HealthEvent &event);
    std::expected<qint64, QString> probeId(const ProbeResult &result);
    // The text of `error`, noting whether it says that the file is damaged.
    std::unexpected<QString> failure(const QSqlError &error);
    // Stops every further attempt; says so once, naming the file.
    void reportDamaged(const QString &detail);
    // One retention statement (at most pruneChunk rows); the rows it removed.
    std::expected<int, QString> pruneStep();
    void continuePruning();

    std::shared_ptr<WriteQueue> m_queue;
    SqliteConnection m_connection;
    QString m_path;
    QSqlQuery m_findProbe;
    QSqlQuery m_insertProbe;
    QSqlQuery m_insertResult;
    QSqlQuery m_insertEvent;
    QHash<ProbeIdentity, qint64> m_probeIds;
    QList<WriteEntry> m_batch; // taken from the queue; kept across failed attempts
    QTimer m_timer{this};      // a child, so that it moves to the writer thread with us
    QTimer m_pruneTimer{this};
    const Clock *m_clock = nullptr;
    RetentionPolicy m_retention;
    bool m_pruning = false;
    bool m_retrying = false;
    bool m_damagedError = false; // the last failure() saw SQLITE_CORRUPT or SQLITE_NOTADB
    QString m_lastFailure;       // what SQLite said at the last failed attempt, until one succeeds
    std::chrono::milliseconds m_retryDelay = firstRetryDelay;
};

} // namespace Vigie
