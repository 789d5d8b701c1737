#pragma once

#include "health/healthevent.h"
#include "probes/proberesult.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <limits>

#include <expected>
#include <memory>

namespace Vigie {

// One point of a response-time series.
struct LatencyPoint
{
    qint64 timestampMs = 0;
    double latencyMs = 0;
    HealthState status = HealthState::Unknown;
};

// Which events to read: every field narrows; empty lists mean "any".
struct EventFilter
{
    QStringList serviceIds;
    QStringList groups;
    QList<HealthState> states;                        // the state an event moved to
    qint64 fromMs = 0;                                // UTC, inclusive
    qint64 toMs = std::numeric_limits<qint64>::max(); // UTC, inclusive
    int limit = 10'000;                               // the newest ones when there are more
    // The probes' own state changes (Kind::ProbeState) too. A service's change of state comes with
    // the change of the probe that caused it: the event log leaves the latter out unless asked.
    bool probeChanges = true;
};

// The probe results store: SQLite in WAL mode, with versioned schema migrations.
//
// One writer thread owns the only write connection and commits appended results in batches (one
// transaction per ~250 ms or per 2,000 results, whichever comes first). Reads run on the global
// QThreadPool, each with its own read connection, and return futures: no call blocks the caller
// on the disk, except open() and flush(), which the command line and tests use.
class ResultStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultStore)

public:
    explicit ResultStore(QObject *parent = nullptr);
    ~ResultStore() override; // flushes, then stops the writer thread

    // Opens (creating and migrating as needed) `dataDir`/vigie.sqlite. Blocking: call it once at
    // start-up, off the GUI thread in the console. Returns a sentence on failure.
    std::expected<void, QString> open(const QString &dataDir);
    QString databasePath() const;

    // Thread-safe, non-blocking: queues results for the writer thread.
    void append(const QList<ProbeResult> &results);
    // Blocks until everything appended so far is committed (true), or until an attempt to write it
    // has failed (false; writeError has the reason, and the results stay queued for a retry).
    bool flush();

    // Results of one service, from..to (UTC ms, inclusive), oldest first.
    QFuture<QList<LatencyPoint>> latencySeries(const QString &serviceId, qint64 fromMs, qint64 toMs) const;
    // The last result of each probe of each service (to seed the board at start-up).
    QFuture<QList<ProbeResult>> latestResults() const;
    // The last `count` results of one service, oldest first (for the detail view and sparklines).
    QFuture<QList<ProbeResult>> recentResults(const QString &serviceId, int count) const;

    // Thread-safe, non-blocking: queues events for the writer thread (committed with results, in
    // order; flush() covers them too).
    void appendEvents(const QList<HealthEvent> &events);
    // Events matching the filter, newest first, with their ids set.
    QFuture<QList<HealthEvent>> events(const EventFilter &filter) const;
    // The latest event of each kind among ProbeState, ServiceState, MaintenanceStart and
    // MaintenanceEnd, for each probe and service: what a HealthTracker restores at start-up.
    QFuture<QList<HealthEvent>> latestStateEvents() const;

    // The schema version this build writes, and how many results are stored (tests, diagnostics).
    static int schemaVersion();
    QFuture<qint64> resultCount() const;

Q_SIGNALS:
    // Emitted on the owner's thread after each commit.
    void committed(int count);
    // Emitted on the owner's thread after events are committed (the event log refreshes).
    void eventsCommitted(const QList<Vigie::HealthEvent> &events);
    // Emitted when a batch cannot be written; the batch is kept and retried.
    void writeError(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
