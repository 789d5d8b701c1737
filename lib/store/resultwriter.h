#pragma once

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

namespace Vigie {

class ResultWriter;

// What the store's callers and its writer thread share, under one mutex. The counters only grow,
// and results are committed in the order they were appended, so "committed >= n" means that the
// first n results appended are on disk.
struct WriteQueue
{
    QMutex mutex;
    QWaitCondition progressed; // after each commit or failed attempt
    QList<ProbeResult> pending;
    qint64 appended = 0;
    qint64 committed = 0;
    qint64 failedAttempts = 0;
    ResultWriter *writer = nullptr; // set once the write connection is open
    bool wakePosted = false;        // coalesces the wake-ups a burst of appends would post
};

// Lives on the store's writer thread and holds the only write connection. It commits what the
// queue holds in batches: when batchSize results wait, or batchDelay after the first one came.
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
    void batchCommitted(int count);
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
    // Writes batches while at least `minimum` results wait (1: everything). Stops at a failure.
    void writeWhileAtLeast(qsizetype minimum);
    std::expected<void, QString> commitBatch();
    std::expected<qint64, QString> probeId(const ProbeResult &result);

    std::shared_ptr<WriteQueue> m_queue;
    SqliteConnection m_connection;
    QString m_path;
    QSqlQuery m_findProbe;
    QSqlQuery m_insertProbe;
    QSqlQuery m_insertResult;
    QHash<ProbeIdentity, qint64> m_probeIds;
    QList<ProbeResult> m_batch; // taken from the queue; kept across failed attempts
    QTimer m_timer{this};       // a child, so that it moves to the writer thread with us
    bool m_retrying = false;
    std::chrono::milliseconds m_retryDelay = firstRetryDelay;
};

} // namespace Vigie
