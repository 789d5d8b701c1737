#include "migrations.h"

#include "sqliteconnection.h"

#include <QCoreApplication>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Vigie::Migrations {

namespace {

const QList<Step> &allSteps()
{
    static const QList<Step> list{
        {1,
         {
             u"CREATE TABLE probes ("
             "  id INTEGER PRIMARY KEY,"
             "  service_id TEXT NOT NULL,"
             "  probe_index INTEGER NOT NULL,"
             "  kind TEXT NOT NULL,"
             "  target TEXT NOT NULL,"
             "  UNIQUE (service_id, probe_index, kind, target))"_s,
             // Absent phases, "no HTTP response", "did not fail" and "no error" are NULL, so that
             // a reader can tell them from a measured zero.
             u"CREATE TABLE results ("
             "  id INTEGER PRIMARY KEY,"
             "  probe_id INTEGER NOT NULL REFERENCES probes (id) ON DELETE CASCADE,"
             "  ts_ms INTEGER NOT NULL,"
             "  status TEXT NOT NULL,"
             "  latency_ms REAL NOT NULL,"
             "  resolve_ms REAL,"
             "  connect_ms REAL,"
             "  tls_ms REAL,"
             "  processing_ms REAL,"
             "  transfer_ms REAL,"
             "  total_ms REAL,"
             "  http_status INTEGER,"
             "  failed_phase TEXT,"
             "  error TEXT)"_s,
             // Serves both "a service's results in a time range" (probes are found by service
             // through the unique index, which starts with service_id) and "the latest result of
             // a probe" (a reverse scan of one probe's entries, rowid breaking ties).
             u"CREATE INDEX results_by_probe_time ON results (probe_id, ts_ms)"_s,
         }},
        {2,
         {
             u"ALTER TABLE results ADD COLUMN detail TEXT"_s,
             u"ALTER TABLE results ADD COLUMN maintenance INTEGER NOT NULL DEFAULT 0"_s,
             // States and kinds are stored by their stable names, as results' status is. A service
             // event has probe_index -1; grp is '' rather than NULL for the services without a
             // group, so that the log can filter on them.
             u"CREATE TABLE events ("
             "  id INTEGER PRIMARY KEY,"
             "  ts_ms INTEGER NOT NULL,"
             "  kind TEXT NOT NULL,"
             "  service_id TEXT NOT NULL,"
             "  grp TEXT NOT NULL DEFAULT '',"
             "  probe_index INTEGER NOT NULL DEFAULT -1,"
             "  from_state TEXT NOT NULL,"
             "  to_state TEXT NOT NULL,"
             "  in_maintenance INTEGER NOT NULL DEFAULT 0,"
             "  impacted_by TEXT,"
             "  cause TEXT NOT NULL DEFAULT '')"_s,
             // The log reads the newest events first, of everything, of some services or of some
             // groups. Every index entry ends with the rowid (id), which breaks ties in time.
             u"CREATE INDEX events_by_time ON events (ts_ms)"_s,
             u"CREATE INDEX events_by_service_time ON events (service_id, ts_ms)"_s,
             u"CREATE INDEX events_by_group_time ON events (grp, ts_ms)"_s,
         }},
        {3,
         {
             // What a start-up restores: the newest state event of each kind for each probe and
             // service, kept up to date by a trigger, so that the restore reads one row per key
             // instead of every event ever recorded. The kind names are HealthEvent's stable ones.
             u"CREATE TABLE latest_state_events ("
             "  service_id TEXT NOT NULL,"
             "  probe_index INTEGER NOT NULL,"
             "  kind TEXT NOT NULL,"
             "  event_id INTEGER NOT NULL,"
             "  PRIMARY KEY (service_id, probe_index, kind)) WITHOUT ROWID"_s,
             // Retention keeps the events this table points at.
             u"CREATE INDEX latest_state_events_by_event ON latest_state_events (event_id)"_s,
             u"INSERT INTO latest_state_events (service_id, probe_index, kind, event_id) "
             "SELECT service_id, probe_index, kind, id FROM (SELECT service_id, probe_index, kind, id, "
             "  row_number() OVER (PARTITION BY kind, service_id, probe_index ORDER BY ts_ms DESC, id DESC) AS newest "
             "  FROM events WHERE kind IN ('probe-state', 'service-state', 'maintenance-start', 'maintenance-end')) "
             "WHERE newest = 1"_s,
             // Events may arrive out of time order: the newest by (ts_ms, id) wins.
             u"CREATE TRIGGER events_track_latest_state AFTER INSERT ON events "
             "WHEN NEW.kind IN ('probe-state', 'service-state', 'maintenance-start', 'maintenance-end') "
             "BEGIN "
             "  INSERT INTO latest_state_events (service_id, probe_index, kind, event_id) "
             "  VALUES (NEW.service_id, NEW.probe_index, NEW.kind, NEW.id) "
             "  ON CONFLICT (service_id, probe_index, kind) DO UPDATE SET event_id = excluded.event_id "
             "  WHERE NOT EXISTS (SELECT 1 FROM events o WHERE o.id = latest_state_events.event_id "
             "    AND (o.ts_ms > NEW.ts_ms OR (o.ts_ms = NEW.ts_ms AND o.id > NEW.id))); "
             "END"_s,
         }},
        // From version 4, results' error and detail and events' cause hold what Message::toStored()
        // writes: a coded message (a marker, then JSON with its own version) translated when read,
        // or verbatim text. Rows written before hold sentences, which read back as verbatim text;
        // nothing is rewritten. The version stops an older Vigie, which would show the codes raw.
        {4, {}},
        {5,
         {
             // A report reads each probe's and service's state at the start of its range: the
             // newest event of each kind before a time, one seek per key (latest_state_events
             // lists the keys) instead of a scan of everything before it.
             u"CREATE INDEX events_by_key_time ON events (service_id, probe_index, kind, ts_ms)"_s,
         }},
    };
    return list;
}

} // namespace

std::span<const Step> steps()
{
    return allSteps();
}

int latestVersion()
{
    return allSteps().constLast().version;
}

std::expected<int, QString> userVersion(QSqlDatabase &db, const QString &path)
{
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
        if (isDamaged(query.lastError()))
            return std::unexpected(damagedDatabaseText(path, sqlErrorText(query.lastError())));
        return std::unexpected(QCoreApplication::translate("Vigie::ResultStore",
                                                           "Cannot read the schema version of the database %1 "
                                                           "(is it a SQLite database?): %2.")
                                   .arg(path, sqlErrorText(query.lastError())));
    }
    return query.value(0).toInt();
}

std::expected<void, QString> migrate(QSqlDatabase &db, const QString &path, std::span<const Step> steps)
{
    const auto current = userVersion(db, path);
    if (!current)
        return std::unexpected(current.error());
    const int latest = steps.empty() ? 0 : steps.back().version;
    const auto newer = [&](int version) {
        return std::unexpected(
            QCoreApplication::translate("Vigie::ResultStore",
                                        "The database %1 was written by a newer version of Vigie "
                                        "(schema version %2; this version knows up to %3). Update Vigie, "
                                        "or start it with another data folder.")
                .arg(path)
                .arg(version)
                .arg(latest));
    };
    if (*current > latest)
        return newer(*current);
    if (*current == latest)
        return {};

    // Another process (the console and `vigie watch`, two watches) may be migrating the same file
    // at this moment: each step takes the write lock first (BEGIN IMMEDIATE, which waits for the
    // other writer) and reads the version again under it, so that a step is applied once, by
    // whoever gets the lock first. A step over a large history takes longer than the connection's
    // usual wait for a lock: wait for the other's migration as long as a migration may take.
    const auto setBusyTimeout = [&db](int ms) {
        QSqlQuery query(db);
        query.exec(u"PRAGMA busy_timeout = %1"_s.arg(ms));
    };
    int usualTimeoutMs = 0;
    {
        QSqlQuery query(db);
        if (query.exec(u"PRAGMA busy_timeout"_s) && query.next())
            usualTimeoutMs = query.value(0).toInt();
    }
    setBusyTimeout(migrationBusyTimeoutMs);
    const auto restoreTimeout = qScopeGuard([&] { setBusyTimeout(usualTimeoutMs); });

    int reached = *current;
    for (const Step &step : steps) {
        if (step.version <= reached)
            continue;
        QSqlQuery query(db);
        if (!query.exec(u"BEGIN IMMEDIATE"_s))
            return std::unexpected(QCoreApplication::translate(
                                       "Vigie::ResultStore", "Cannot start upgrading the database %1 to schema version "
                                                             "%2: %3.")
                                       .arg(path)
                                       .arg(step.version)
                                       .arg(sqlErrorText(query.lastError())));
        const auto fail = [&](const QString &detail) -> std::expected<void, QString> {
            query.finish();
            query.exec(u"ROLLBACK"_s);
            return std::unexpected(QCoreApplication::translate(
                                       "Vigie::ResultStore", "Cannot upgrade the database %1 to schema version %2: %3. "
                                                             "It is left at version %4.")
                                       .arg(path)
                                       .arg(step.version)
                                       .arg(detail)
                                       .arg(reached));
        };
        if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
            return fail(sqlErrorText(query.lastError()));
        const int now = query.value(0).toInt();
        query.finish();
        if (now > latest) {
            query.exec(u"ROLLBACK"_s);
            return newer(now);
        }
        if (now >= step.version) {
            // Done by another process meanwhile.
            query.exec(u"ROLLBACK"_s);
            reached = now;
            continue;
        }
        for (const QString &statement : step.statements)
            if (!query.exec(statement))
                return fail(sqlErrorText(query.lastError()));
        // PRAGMA takes no bound parameters; the version is a number of ours.
        if (!query.exec(u"PRAGMA user_version = %1"_s.arg(step.version)))
            return fail(sqlErrorText(query.lastError()));
        query.finish();
        if (!query.exec(u"COMMIT"_s))
            return fail(sqlErrorText(query.lastError()));
        reached = step.version;
    }
    return {};
}

} // namespace Vigie::Migrations
