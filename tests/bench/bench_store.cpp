// The result store's write rate, against the naive way of writing the same rows, and the time a
// start-up waits for what it restores.
//
//   bench_store [--quick]
//
// Batched: N results appended one by one through ResultStore (as the probe engine does), then
// flushed. Naive: one INSERT per result in autocommit on a plain connection with SQLite's
// defaults, over fewer rows, per result.
//
// Restore: latestResults() then latestStateEvents() over a store holding 30 days of one-minute
// results of 1,000 probes (43 million rows), built once into
// ${XDG_CACHE_HOME:-~/.cache}/vigie/bench-stores/ and reused; --quick builds 2 days of them in a
// temporary folder. The build time is printed on its own line.

#include "store/migrations.h"
#include "store/resultstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

QList<ProbeResult> makeResults(int count)
{
    QList<ProbeResult> results;
    results.reserve(count);
    const qint64 start = 1'780'000'000'000;
    for (int i = 0; i < count; ++i) {
        ProbeResult r;
        const int probe = i % 100;
        r.key = {u"service-%1"_s.arg(probe / 2), probe % 2};
        r.kind = probe % 2 ? u"tcp"_s : u"http"_s;
        r.target = probe % 2 ? u"db-%1.internal:5432"_s.arg(probe) : u"https://svc-%1.example/health"_s.arg(probe);
        r.timestampMs = start + i * 10;
        r.latencyMs = 20 + i % 37;
        if (i % 50 == 0) {
            r.status = HealthState::Down;
            r.phases.resolveMs = 1.2;
            r.failedPhase = ProbePhase::Connect;
            r.error = u"Connection refused by %1."_s.arg(r.target);
        } else {
            r.status = HealthState::Up;
            r.phases = {1.2, 3.4, probe % 2 ? std::nullopt : std::optional<double>(8.9), 12.5, 0.7, r.latencyMs};
            r.httpStatus = probe % 2 ? 0 : 200;
        }
        results.append(r);
    }
    return results;
}

qint64 fileBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + u"-wal"_s).size();
}

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH store.%s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench_store: %s\n", qPrintable(message));
    std::exit(1);
}

// Returns results per second.
double batched(const QString &dataDir, const QList<ProbeResult> &results, qint64 *dbBytes)
{
    QElapsedTimer timer;
    QString path;
    double seconds = 0;
    {
        ResultStore store;
        if (const auto opened = store.open(dataDir); !opened)
            fail(opened.error());
        path = store.databasePath();
        timer.start();
        for (const ProbeResult &r : results)
            store.append({r});
        if (!store.flush())
            fail(u"the batched writes failed"_s);
        seconds = timer.nsecsElapsed() / 1e9;
    }
    // Measured once the store is closed, when the write-ahead log is folded into the file.
    *dbBytes = fileBytes(path);
    return results.size() / seconds;
}

double naive(const QString &dataDir, const QList<ProbeResult> &results)
{
    const QString name = u"naive"_s;
    double rate = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(QDir(dataDir).absoluteFilePath(u"naive.sqlite"_s));
        if (!db.open())
            fail(db.lastError().text());
        if (const auto migrated = Migrations::migrate(db, db.databaseName()); !migrated)
            fail(migrated.error());

        QElapsedTimer timer;
        timer.start();
        for (const ProbeResult &r : results) {
            QSqlQuery find(db);
            find.prepare(
                u"SELECT id FROM probes WHERE service_id = ? AND probe_index = ? AND kind = ? AND target = ?"_s);
            find.addBindValue(r.key.serviceId);
            find.addBindValue(r.key.index);
            find.addBindValue(r.kind);
            find.addBindValue(r.target);
            if (!find.exec())
                fail(find.lastError().text());
            qint64 probeId = 0;
            if (find.next()) {
                probeId = find.value(0).toLongLong();
            } else {
                QSqlQuery insert(db);
                insert.prepare(u"INSERT INTO probes (service_id, probe_index, kind, target) VALUES (?, ?, ?, ?)"_s);
                insert.addBindValue(r.key.serviceId);
                insert.addBindValue(r.key.index);
                insert.addBindValue(r.kind);
                insert.addBindValue(r.target);
                if (!insert.exec())
                    fail(insert.lastError().text());
                probeId = insert.lastInsertId().toLongLong();
            }
            const auto optional = [](const std::optional<double> &v) { return v ? QVariant(*v) : QVariant(); };
            QSqlQuery insert(db);
            insert.prepare(u"INSERT INTO results (probe_id, ts_ms, status, latency_ms, resolve_ms, connect_ms, tls_ms, "
                           "processing_ms, transfer_ms, total_ms, http_status, failed_phase, error) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
            insert.addBindValue(probeId);
            insert.addBindValue(r.timestampMs);
            insert.addBindValue(healthStateName(r.status));
            insert.addBindValue(r.latencyMs);
            insert.addBindValue(optional(r.phases.resolveMs));
            insert.addBindValue(optional(r.phases.connectMs));
            insert.addBindValue(optional(r.phases.tlsMs));
            insert.addBindValue(optional(r.phases.processingMs));
            insert.addBindValue(optional(r.phases.transferMs));
            insert.addBindValue(optional(r.phases.totalMs));
            insert.addBindValue(r.httpStatus ? QVariant(r.httpStatus) : QVariant());
            insert.addBindValue(r.failedPhase == ProbePhase::None ? QVariant()
                                                                  : QVariant(probePhaseName(r.failedPhase)));
            insert.addBindValue(r.error.isEmpty() ? QVariant() : QVariant(r.error));
            if (!insert.exec())
                fail(insert.lastError().text());
        }
        rate = results.size() / (timer.nsecsElapsed() / 1e9);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rate;
}

constexpr int restoreProbes = 1'000;

RetentionPolicy keepEverything()
{
    RetentionPolicy policy;
    policy.resultsMaxAge = std::chrono::milliseconds::zero();
    policy.eventsMaxAge = std::chrono::milliseconds::zero();
    return policy;
}

void exec(QSqlQuery &query, const QString &sql)
{
    if (!query.exec(sql))
        fail(u"%1: %2"_s.arg(sql.left(80), query.lastError().text()));
}

// Fills `dataDir`/vigie.sqlite with `days` of one result a minute for each of restoreProbes probes
// (500 services of two probes), ending now, and two probe state changes a day for each probe with
// the service changes they cause. Built with SQL rather than through the store: 43 million rows
// through append() would take the better part of an hour.
void buildRestoreStore(const QString &dataDir, int days)
{
    {
        // The schema, exactly as the store makes it.
        ResultStore store;
        store.setRetention(keepEverything());
        if (const auto opened = store.open(dataDir); !opened)
            fail(opened.error());
    }
    const QString name = u"restore-build"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(QDir(dataDir).absoluteFilePath(u"vigie.sqlite"_s));
        if (!db.open())
            fail(db.lastError().text());
        QSqlQuery query(db);
        exec(query, u"PRAGMA journal_mode = OFF"_s);
        exec(query, u"PRAGMA synchronous = OFF"_s);
        exec(query, u"PRAGMA cache_size = -400000"_s);
        exec(query, u"BEGIN"_s);
        exec(query, u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                    "INSERT INTO probes (id, service_id, probe_index, kind, target) "
                    "SELECT i, 'service-' || ((i - 1) / 2), (i - 1) % 2, CASE i % 2 WHEN 1 THEN 'http' ELSE 'tcp' END, "
                    "CASE i % 2 WHEN 1 THEN 'https://svc-' || i || '.example/health' "
                    "ELSE 'db-' || i || '.internal:5432' END FROM n"_s.arg(restoreProbes));
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
                        "1.2, 3.4, CASE p.id % 2 WHEN 1 THEN 8.9 END, 12.5, 0.7, 20 + (m.i * 7 + p.id) % 37, "
                        "CASE p.id % 2 WHEN 1 THEN 200 END, "
                        "CASE WHEN (m.i + p.id) % 500 = 0 THEN 'connect' END, "
                        "CASE WHEN (m.i + p.id) % 500 = 0 THEN 'Connection refused by ' || p.target || '.' END "
                        "FROM m CROSS JOIN probes p ORDER BY m.i, p.id"_s.arg(day * 1440)
                            .arg(day * 1440 + 1439)
                            .arg(start));
            // Each probe goes down and up again once a day, and its service with it.
            for (const auto &[offsetMin, from, to] : {std::tuple{300, "up", "down"}, std::tuple{310, "down", "up"}}) {
                const qint64 at = start + (qint64(day) * 1440 + offsetMin) * 60000;
                exec(query, u"INSERT INTO events (ts_ms, kind, service_id, grp, probe_index, from_state, to_state, "
                            "cause) SELECT %1 + id * 37, 'probe-state', service_id, 'Group ' || (id % 20), "
                            "probe_index, '%2', '%3', '3 consecutive failures' FROM probes ORDER BY id"_s.arg(at)
                                .arg(QLatin1StringView(from), QLatin1StringView(to)));
                exec(query, u"INSERT INTO events (ts_ms, kind, service_id, grp, probe_index, from_state, to_state, "
                            "cause) SELECT %1 + id * 37, 'service-state', service_id, 'Group ' || (id % 20), -1, "
                            "'%2', '%3', 'a probe changed' FROM probes WHERE probe_index = 0 ORDER BY id"_s.arg(at)
                                .arg(QLatin1StringView(from), QLatin1StringView(to)));
            }
            exec(query, u"COMMIT"_s);
        }
        exec(query, u"PRAGMA journal_mode = WAL"_s);
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// The restore over a store of `days` days in `dataDir`, built first unless `reuse` and it is there.
void restore(const QString &dataDir, int days, bool reuse)
{
    const QString complete = QDir(dataDir).absoluteFilePath(u"complete"_s);
    if (!reuse || !QFileInfo::exists(complete)) {
        QDir(dataDir).removeRecursively();
        QDir().mkpath(dataDir);
        QElapsedTimer build;
        build.start();
        buildRestoreStore(dataDir, days);
        print("restore_build_s", build.nsecsElapsed() / 1e9, "s");
        QFile marker(complete);
        if (!marker.open(QIODevice::WriteOnly))
            fail(u"cannot write %1"_s.arg(complete));
    } else {
        std::printf("bench_store: reusing the store in %s\n", qPrintable(dataDir));
    }

    ResultStore store;
    store.setRetention(keepEverything());
    QElapsedTimer timer;
    timer.start();
    if (const auto opened = store.open(dataDir); !opened)
        fail(opened.error());
    const double openMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    const qsizetype results = store.latestResults().result().size();
    const double resultsMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    const qsizetype events = store.latestStateEvents().result().size();
    const double eventsMs = timer.nsecsElapsed() / 1e6;
    if (results != restoreProbes || events == 0)
        fail(u"the restore read %1 results and %2 events"_s.arg(results).arg(events));
    std::printf("bench_store: %d days x %d probes: %s (%.0f MB), restored %lld results and %lld events\n", days,
                restoreProbes, qPrintable(store.databasePath()), fileBytes(store.databasePath()) / 1e6, qint64(results),
                qint64(events));
    print("open_ms", openMs, "ms");
    print("restore_ms", resultsMs + eventsMs, "ms");
    print("restore_results_ms", resultsMs, "ms");
    print("restore_events_ms", eventsMs, "ms");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    const int batchedCount = quick ? 10'000 : 100'000;
    const int naiveCount = quick ? 500 : 2'000;

    QTemporaryDir dir;
    if (!dir.isValid())
        fail(u"cannot create a temporary folder: "_s + dir.errorString());

    const QList<ProbeResult> results = makeResults(batchedCount);
    qint64 dbBytes = 0;
    const double batchedRate = batched(dir.filePath(u"batched"_s), results, &dbBytes);
    const double naiveRate = naive(dir.path(), results.first(naiveCount));

    print("batched_insert_rate", batchedRate, "results/s");
    print("naive_insert_rate", naiveRate, "results/s");
    print("batched_vs_naive_ratio", batchedRate / naiveRate, "ratio");
    print("db_bytes_per_result", double(dbBytes) / batchedCount, "bytes");

    if (quick) {
        restore(dir.filePath(u"restore"_s), 2, false);
    } else {
        const QString cache = qEnvironmentVariable("XDG_CACHE_HOME", QDir::homePath() + u"/.cache"_s);
        restore(
            cache +
                u"/vigie/bench-stores/restore-30d-%1-probes-v%2"_s.arg(restoreProbes).arg(ResultStore::schemaVersion()),
            30, true);
    }
    return 0;
}
