#pragma once

#include "health/healthevent.h"
#include "probes/proberesult.h"
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

class ResultWriter;

// One thing to write: results and events share one queue so that they are committed in the order
// they were appended, in the same transactions.
using WriteEntry = std::variant<ProbeResult, HealthEvent>;

// What the store's callers and its writer thread share, under one mutex. The counters (of entries)
// only grow, and entries are committed in the order they were appended, so "committed >= n" means
// that the first n entries appended are on disk.
struct WriteQueue
{
    QMutex mutex;
    QWaitCondition progressed; // after each commit or failed attempt
    QList<WriteEntry> pending;
    qint64 appended = 0;
    qint64 committed = 0;
    qint64 failedAttempts = 0;
    ResultWriter *writer = nullptr; // set once the write connection is open
    bool wakePosted = false;        // coalesces the wake-ups a burst of appends would post
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

    explicit ResultWriter(std::shared_ptr<WriteQueue> queue, QObject *parent = nullptr);
    ~ResultWriter() override;

    // On the writer thread: opens and migrates the database.
    std::expected<void, QString> open(const QString &path);
    // On the writer thread: gives up the connection (what is still queued stays in the queue).
    void close();

    // Queued from append(): results are waiting.
    void wake();
    // Queued from flush(): commit everything now, retrying or not.
    void writeAll();

Q_SIGNALS:
    // After a commit: how many results it held (none when it held only events).
    void batchCommitted(int count);
    // After a commit that held events: them, with the ids the database gave them.
    void eventsCommitted(const QList<Vigie::HealthEvent> &events);
    void writeFailed(const QString &message);

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
    bool m_retrying = false;
    std::chrono::milliseconds m_retryDelay = firstRetryDelay;
};

} // namespace Vigie
