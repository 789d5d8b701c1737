#pragma once

#include "health/healthevent.h"
#include "probes/proberesult.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <expected>
#include <limits>
#include <memory>

namespace Vigie {

class Clock;

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

// A state change as an availability report reads it: no group, cause or impact, nothing decoded.
struct StateChange
{
    qint64 id = 0;
    qint64 timestampMs = 0;
    int service = -1; // the index of its service in StateHistory::serviceIds
    int probeIndex = -1;
    HealthEvent::Kind kind = HealthEvent::Kind::ServiceState; // ProbeState, ServiceState, MaintenanceStart/End
    HealthState to = HealthState::Unknown;
    friend bool operator==(const StateChange &, const StateChange &) = default;
};

// What a report over [from, to] needs of some services' history (their probe, service and
// maintenance events; impacts are left out).
struct StateHistory
{
    QStringList serviceIds; // as asked for: StateChange::service indexes it
    // Before `from`: the newest event of each kind for each probe and service (one row per key,
    // found on an index: the state at `from`), except for the services whose newest service state
    // before `from` is Down, of which every event before `from` is there (when their outage began,
    // and which probes failed in it). Any order.
    QList<StateChange> before;
    QList<StateChange> inRange; // every event in [from, to], any order
};

// How long the store keeps what it writes. A zero age or count keeps everything. The newest result
// of each probe and the newest state event of each probe and service (what a start-up restores)
// are always kept.
//
// The defaults, from bench_store's ~95 bytes per result on disk (table and index) and a large
// workspace of 1,000 probes every minute: 1,000 x 1,440 x 95 B = ~137 MB a day, so 90 days of
// results are ~12 GB at most, reached after three months and flat from then on; a 25-service
// workspace stays under 1 GB. Events are state changes, a few per probe and day at worst (~200
// bytes each): two years of them stay under 2 GB even for that workspace.
struct RetentionPolicy
{
    std::chrono::milliseconds resultsMaxAge = std::chrono::days(90);
    std::chrono::milliseconds eventsMaxAge = std::chrono::days(2 * 365);
    int maxResultsPerProbe = 0; // 0: no limit by count

    friend bool operator==(const RetentionPolicy &, const RetentionPolicy &) = default;
};

// What has not reached the disk: entries dropped because the write queue was full (results are
// dropped first, events only when nothing but events waits), and entries still waiting.
struct WriteReport
{
    qint64 resultsDropped = 0;
    qint64 eventsDropped = 0;
    qint64 resultsPending = 0;
    qint64 eventsPending = 0;

    bool everythingWritten() const
    {
        return resultsDropped == 0 && eventsDropped == 0 && resultsPending == 0 && eventsPending == 0;
    }
    friend bool operator==(const WriteReport &, const WriteReport &) = default;
};

// The probe results store: SQLite in WAL mode, with versioned schema migrations.
//
// One writer thread owns the only write connection and commits appended results in batches (one
// transaction per ~250 ms or per 2,000 results, whichever comes first). Reads run on the global
// QThreadPool, each with its own read connection, and return futures: no call blocks the caller
// on the disk, except open(), flush() and prune(), which the command line and tests use.
//
// The write queue is bounded (setQueueLimit()): when the disk is full, the oldest results are
// dropped first and events are kept; writeReport() counts what was lost. Retention (a
// RetentionPolicy) prunes old rows on the writer thread, a few thousand rows at a time, at open and
// every hour. A damaged file is reported once, naming it, and nothing more is tried.
class ResultStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultStore)

public:
    explicit ResultStore(QObject *parent = nullptr);
    ~ResultStore() override; // flushes, then stops the writer thread

    // Before open(): where "now" comes from for retention (the system clock by default; not owned).
    void setClock(const Clock *clock);
    // Thread-safe; applied at once when the store is open, then every hour.
    void setRetention(const RetentionPolicy &policy);
    RetentionPolicy retention() const;
    // Applies the retention policy now and waits for it; returns the rows removed, or a sentence.
    std::expected<qint64, QString> prune();

    // How many results and events may wait in memory for the disk (WriteQueue::defaultLimit).
    void setQueueLimit(qsizetype entries);
    // What was not written so far (dropped, or still waiting): watch and the console say it at exit.
    WriteReport writeReport() const;
    // A sentence saying what could not be written to the database, or an empty string when
    // everything appended so far is on disk.
    QString unwrittenSummary() const;
    // Caps the database file at `pages` pages (PRAGMA max_page_count; 0: SQLite's maximum). Tests
    // use it to fill the "disk"; the store is open.
    void setMaxPageCount(qint64 pages);

    // Opens (creating and migrating as needed) `dataDir`/vigie.sqlite. Blocking: call it once at
    // start-up, off the GUI thread in the console. Returns a sentence on failure.
    std::expected<void, QString> open(const QString &dataDir);
    QString databasePath() const;

    // Thread-safe, non-blocking: queues results for the writer thread.
    void append(const QList<ProbeResult> &results);
    // Blocks until everything appended so far is committed (true), or until an attempt to write it
    // has failed (false; writeError has the reason, and the results stay queued for a retry), or
    // entries were dropped from the full queue meanwhile (false; writeReport() counts them).
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

    // The history a report over [from, to] (UTC ms, inclusive) needs of these services (ids;
    // events of other services are left out), read lean: no cause decoded, no scan from the
    // beginning of time.
    QFuture<StateHistory> stateHistory(const QStringList &serviceIds, qint64 fromMs, qint64 toMs) const;
    // The SQL that finds each probe's and service's newest state events before a time (bound
    // once: the time); tests check that SQLite plans it on indexes.
    static QString stateBeforeQuery();

    // The SQL of the two reads a start-up waits for (tests check that SQLite plans them on indexes).
    static QString latestResultsQuery();
    static QString latestStateEventsQuery();

    // The schema version this build writes, and how many results are stored (tests, diagnostics).
    static int schemaVersion();
    QFuture<qint64> resultCount() const;

Q_SIGNALS:
    // Emitted on the owner's thread after each commit.
    void committed(int count);
    // Emitted on the owner's thread after events are committed (the event log refreshes).
    void eventsCommitted(const QList<Vigie::HealthEvent> &events);
    // Emitted when a batch cannot be written; the batch is kept and retried. Once per distinct
    // failure, not at every retry; when the file is damaged, once, and nothing is retried.
    void writeError(const QString &message);
    // Emitted once when writing works again after writeError.
    void writeRecovered(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
