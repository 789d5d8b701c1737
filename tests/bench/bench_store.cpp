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
// results of 1,000 probes (43 million rows; tests/support/benchstore.h), built once into
// ${XDG_CACHE_HOME:-~/.cache}/vigie/bench-stores/ and reused; --quick builds 2 days of them in a
// temporary folder. The build time is printed on its own line.

#include "benchstore.h"
#include "store/migrations.h"
#include "store/resultstore.h"

#include <QCoreApplication>
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
            r.error = Message::verbatim(u"Connection refused by %1."_s.arg(r.target));
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
            insert.addBindValue(r.error.toString().isEmpty() ? QVariant() : QVariant(r.error.toString()));
            if (!insert.exec())
                fail(insert.lastError().text());
        }
        rate = results.size() / (timer.nsecsElapsed() / 1e9);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rate;
}

// The restore over a store of `days` days in `dataDir`, built first unless `reuse` and it is there.
void restore(const QString &dataDir, int days, bool reuse)
{
    const auto built = Bench::prepareStore(dataDir, days, reuse);
    if (!built)
        fail(built.error());
    if (*built > 0)
        print("restore_build_s", *built, "s");
    else
        std::printf("bench_store: reusing the store in %s\n", qPrintable(dataDir));

    ResultStore store;
    store.setRetention(Bench::keepEverything());
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
    if (results != Bench::StoreProbes || events == 0)
        fail(u"the restore read %1 results and %2 events"_s.arg(results).arg(events));
    std::printf("bench_store: %d days x %d probes: %s (%.0f MB), restored %lld results and %lld events\n", days,
                Bench::StoreProbes, qPrintable(store.databasePath()), fileBytes(store.databasePath()) / 1e6,
                qint64(results), qint64(events));
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

    if (quick)
        restore(dir.filePath(u"restore"_s), Bench::QuickStoreDays, false);
    else
        restore(Bench::cachedStoreDir(), Bench::FullStoreDays, true);
    return 0;
}
