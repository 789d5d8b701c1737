#include "migrations.h"

#include "sqliteconnection.h"

#include <QCoreApplication>
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
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return std::unexpected(QCoreApplication::translate("Vigie::ResultStore",
                                                           "Cannot read the schema version of the results database %1 "
                                                           "(is it a SQLite database?): %2.")
                                   .arg(path, sqlErrorText(query.lastError())));
    return query.value(0).toInt();
}

std::expected<void, QString> migrate(QSqlDatabase &db, const QString &path, std::span<const Step> steps)
{
    const auto current = userVersion(db, path);
    if (!current)
        return std::unexpected(current.error());
    const int latest = steps.empty() ? 0 : steps.back().version;
    if (*current > latest)
        return std::unexpected(
            QCoreApplication::translate("Vigie::ResultStore",
                                        "The results database %1 was written by a newer version of Vigie "
                                        "(schema version %2; this version knows up to %3). Update Vigie, "
                                        "or start it with another data folder.")
                .arg(path)
                .arg(*current)
                .arg(latest));

    int reached = *current;
    for (const Step &step : steps) {
        if (step.version <= reached)
            continue;
        if (!db.transaction())
            return std::unexpected(
                QCoreApplication::translate("Vigie::ResultStore",
                                            "Cannot start upgrading the results database %1 to schema version "
                                            "%2: %3.")
                    .arg(path)
                    .arg(step.version)
                    .arg(sqlErrorText(db.lastError())));
        QSqlQuery query(db);
        const auto fail = [&](const QString &detail) -> std::expected<void, QString> {
            query.finish();
            db.rollback();
            return std::unexpected(
                QCoreApplication::translate("Vigie::ResultStore",
                                            "Cannot upgrade the results database %1 to schema version %2: %3. "
                                            "It is left at version %4.")
                    .arg(path)
                    .arg(step.version)
                    .arg(detail)
                    .arg(reached));
        };
        for (const QString &statement : step.statements)
            if (!query.exec(statement))
                return fail(sqlErrorText(query.lastError()));
        // PRAGMA takes no bound parameters; the version is a number of ours.
        if (!query.exec(u"PRAGMA user_version = %1"_s.arg(step.version)))
            return fail(sqlErrorText(query.lastError()));
        query.finish();
        if (!db.commit())
            return fail(sqlErrorText(db.lastError()));
        reached = step.version;
    }
    return {};
}

} // namespace Vigie::Migrations
