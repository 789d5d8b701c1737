#include "benchstore.h"

#include "benchworkspace.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <tuple>

using namespace Qt::StringLiterals;

namespace Vigie::Bench {

namespace {

struct Failed
{
    QString reason;
};

void exec(QSqlQuery &query, const QString &sql)
{
    if (!query.exec(sql))
        throw Failed{u"%1: %2"_s.arg(sql.left(80), query.lastError().text())};
}

// Built with SQL rather than through the store: 43 million rows through append() would take the
// better part of an hour.
void build(QSqlDatabase &db, int days)
{
    QSqlQuery query(db);
    exec(query, u"PRAGMA journal_mode = OFF"_s);
    exec(query, u"PRAGMA synchronous = OFF"_s);
    exec(query, u"PRAGMA cache_size = -400000"_s);
    exec(query, u"BEGIN"_s);
    const Workspace workspace = makeWorkspace(StorePort, StoreProbes);
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO probes (id, service_id, probe_index, kind, target) VALUES (?, ?, 0, 'http', ?)"_s);
    for (qsizetype i = 0; i < workspace.services.size(); ++i) {
        insert.addBindValue(i + 1);
        insert.addBindValue(workspace.services.at(i).id);
        insert.addBindValue(workspace.services.at(i).probes.constFirst().target);
        if (!insert.exec())
            throw Failed{insert.lastError().text()};
    }
    exec(query, u"COMMIT"_s);
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    const qint64 start = end - qint64(days) * 24 * 3600 * 1000;
    for (int day = 0; day < days; ++day) {
        exec(query, u"BEGIN"_s);
        // A minute of every probe after another, as the engine writes them; one result in 500 down.
        exec(query, u"WITH RECURSIVE m(i) AS (SELECT %1 UNION ALL SELECT i + 1 FROM m WHERE i < %2) "
                    "INSERT INTO results (probe_id, ts_ms, status, latency_ms, resolve_ms, connect_ms, tls_ms, "
                    "processing_ms, transfer_ms, total_ms, http_status, failed_phase, error) "
                    "SELECT p.id, %3 + m.i * 60000 + p.id * 37, "
                    "CASE WHEN (m.i + p.id) % 500 = 0 THEN 'down' ELSE 'up' END, 20 + (m.i * 7 + p.id) % 37, "
                    "1.2, 3.4, NULL, 12.5, 0.7, 20 + (m.i * 7 + p.id) % 37, "
                    "CASE WHEN (m.i + p.id) % 500 = 0 THEN NULL ELSE 200 END, "
                    "CASE WHEN (m.i + p.id) % 500 = 0 THEN 'connect' END, "
                    "CASE WHEN (m.i + p.id) % 500 = 0 THEN 'Connection refused by ' || p.target || '.' END "
                    "FROM m CROSS JOIN probes p ORDER BY m.i, p.id"_s.arg(day * 1440)
                        .arg(day * 1440 + 1439)
                        .arg(start));
        // Each probe goes down and up again once a day, and its service with it.
        for (const auto &[offsetMin, from, to] : {std::tuple{300, "up", "down"}, std::tuple{310, "down", "up"}}) {
            const qint64 at = start + (qint64(day) * 1440 + offsetMin) * 60000;
            exec(query,
                 u"INSERT INTO events (ts_ms, kind, service_id, grp, probe_index, from_state, to_state, "
                 "cause) SELECT %1 + id * 37, 'probe-state', service_id, printf('Fleet %%02d', (id - 1) / %4 + 1), "
                 "probe_index, '%2', '%3', '3 consecutive failures' FROM probes ORDER BY id"_s.arg(at)
                     .arg(QLatin1StringView(from), QLatin1StringView(to))
                     .arg(TilesPerGroup));
            exec(query, u"INSERT INTO events (ts_ms, kind, service_id, grp, probe_index, from_state, to_state, "
                        "cause) SELECT %1 + id * 37 + 1, 'service-state', service_id, printf('Fleet %%02d', (id - 1) / "
                        "%4 + 1), -1, "
                        "'%2', '%3', 'a probe changed' FROM probes ORDER BY id"_s.arg(at)
                            .arg(QLatin1StringView(from), QLatin1StringView(to))
                            .arg(TilesPerGroup));
        }
        exec(query, u"COMMIT"_s);
    }
    exec(query, u"PRAGMA journal_mode = WAL"_s);
}

std::expected<void, QString> buildStore(const QString &dataDir, int days)
{
    {
        // The schema, exactly as the store makes it.
        ResultStore store;
        store.setRetention(keepEverything());
        if (const auto opened = store.open(dataDir); !opened)
            return std::unexpected(opened.error());
    }
    const QString name = u"bench-store-build"_s;
    std::expected<void, QString> outcome;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(QDir(dataDir).absoluteFilePath(u"vigie.sqlite"_s));
        if (!db.open()) {
            outcome = std::unexpected(db.lastError().text());
        } else {
            try {
                build(db, days);
            } catch (const Failed &failed) {
                outcome = std::unexpected(failed.reason);
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return outcome;
}

} // namespace

RetentionPolicy keepEverything()
{
    RetentionPolicy policy;
    policy.resultsMaxAge = std::chrono::milliseconds::zero();
    policy.eventsMaxAge = std::chrono::milliseconds::zero();
    return policy;
}

QString cachedStoreDir()
{
    const QString cache = qEnvironmentVariable("XDG_CACHE_HOME", QDir::homePath() + u"/.cache"_s);
    // Named after what it holds and the schema, so that a change of either builds a new one.
    return cache + u"/vigie/bench-stores/bench-%1d-%2-probes-v%3"_s.arg(FullStoreDays)
                       .arg(StoreProbes)
                       .arg(ResultStore::schemaVersion());
}

std::expected<double, QString> prepareStore(const QString &dataDir, int days, bool reuse)
{
    const QString complete = QDir(dataDir).absoluteFilePath(u"complete"_s);
    if (reuse && QFileInfo::exists(complete))
        return 0.0;
    QDir(dataDir).removeRecursively();
    if (!QDir().mkpath(dataDir))
        return std::unexpected(u"cannot create %1"_s.arg(dataDir));
    QElapsedTimer timer;
    timer.start();
    if (const auto built = buildStore(dataDir, days); !built)
        return std::unexpected(built.error());
    const double seconds = timer.nsecsElapsed() / 1e9;
    QFile marker(complete);
    if (!marker.open(QIODevice::WriteOnly))
        return std::unexpected(u"cannot write %1"_s.arg(complete));
    return seconds;
}

} // namespace Vigie::Bench
