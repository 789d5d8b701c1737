#include "manualclock.h"
#include "store/migrations.h"
#include "store/resultstore.h"
#include "store/sqliteconnection.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTranslator>

#include <algorithm>
#include <chrono>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace std::chrono_literals;

namespace {

constexpr qint64 dayMs = 24 * 3600 * 1000;

// For the tests whose rows are older than any retention would keep.
RetentionPolicy keepEverything()
{
    RetentionPolicy policy;
    policy.resultsMaxAge = 0ms;
    policy.eventsMaxAge = 0ms;
    return policy;
}

ProbeResult makeResult(const QString &service, int index, qint64 ts, double latency = 10,
                       HealthState status = HealthState::Up)
{
    ProbeResult r;
    r.key = {service, index};
    r.kind = u"http"_s;
    r.target = u"https://%1.example/health"_s.arg(service);
    r.timestampMs = ts;
    r.status = status;
    r.latencyMs = latency;
    return r;
}

QString optionalText(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 17) : u"absent"_s;
}

// Every field, so that a QCOMPARE failure shows which one differs.
QString describe(const ProbeResult &r)
{
    return u"key=%1 kind=%2 target=%3 ts=%4 status=%5 latency=%6 resolve=%7 connect=%8 tls=%9 "_s.arg(
               r.key.toString(), r.kind, r.target, QString::number(r.timestampMs), healthStateName(r.status),
               QString::number(r.latencyMs, 'g', 17), optionalText(r.phases.resolveMs),
               optionalText(r.phases.connectMs), optionalText(r.phases.tlsMs)) +
           u"processing=%1 transfer=%2 total=%3 http=%4 failed=%5 error=%6 detail=%7 maintenance=%8"_s.arg(
               optionalText(r.phases.processingMs), optionalText(r.phases.transferMs), optionalText(r.phases.totalMs),
               QString::number(r.httpStatus), probePhaseName(r.failedPhase),
               r.error.toString().isNull() ? u"<null>"_s : r.error.toString(), r.detail.toString(),
               r.maintenance ? u"yes"_s : u"no"_s);
}

QStringList describe(const QList<ProbeResult> &results)
{
    QStringList lines;
    for (const ProbeResult &r : results)
        lines.append(describe(r));
    return lines;
}

HealthEvent makeEvent(HealthEvent::Kind kind, const QString &service, qint64 ts, HealthState from, HealthState to,
                      const QString &group = u"Core"_s, int probeIndex = -1)
{
    HealthEvent e;
    e.kind = kind;
    e.serviceId = service;
    e.group = group;
    e.timestampMs = ts;
    e.from = from;
    e.to = to;
    e.probeIndex = probeIndex;
    e.cause = Message::verbatim(u"%1 at %2"_s.arg(service).arg(ts));
    return e;
}

HealthEvent probeEvent(const QString &service, int index, qint64 ts, HealthState from, HealthState to)
{
    return makeEvent(HealthEvent::Kind::ProbeState, service, ts, from, to, u"Core"_s, index);
}

HealthEvent serviceEvent(const QString &service, qint64 ts, HealthState from, HealthState to,
                         const QString &group = u"Core"_s)
{
    return makeEvent(HealthEvent::Kind::ServiceState, service, ts, from, to, group);
}

// Every field but the id, which the store gives.
QString describe(const HealthEvent &e)
{
    return u"%1 %2 service=%3 group=%4 probe=%5 %6->%7 maintenance=%8 impactedBy=%9 "_s.arg(
               healthEventKindName(e.kind), QString::number(e.timestampMs), e.serviceId, e.group,
               QString::number(e.probeIndex), healthStateName(e.from), healthStateName(e.to),
               e.inMaintenance ? u"yes"_s : u"no"_s, e.impactedBy) +
           u"cause=%1"_s.arg(e.cause.toString());
}

QStringList describe(const QList<HealthEvent> &events)
{
    QStringList lines;
    for (const HealthEvent &e : events)
        lines.append(describe(e));
    return lines;
}

QList<qint64> idsOf(const QList<HealthEvent> &events)
{
    QList<qint64> ids;
    for (const HealthEvent &e : events)
        ids.append(e.id);
    return ids;
}

QList<qint64> timesOf(const QList<HealthEvent> &events)
{
    QList<qint64> times;
    for (const HealthEvent &e : events)
        times.append(e.timestampMs);
    return times;
}

QList<HealthEvent> reversed(QList<HealthEvent> events)
{
    std::ranges::reverse(events);
    return events;
}

// A connection of the test's own to look at the file behind the store's back.
class Inspector
{
public:
    explicit Inspector(const QString &path)
        : m_name(u"inspector-%1"_s.arg(++s_counter))
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        m_opened = m_db.open();
    }
    ~Inspector()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_opened; }
    QSqlDatabase &db() { return m_db; }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql) || !query.next()) {
            qWarning() << sql << query.lastError().text();
            return {};
        }
        return query.value(0);
    }
    // The detail column of each step of SQLite's plan for `sql`.
    QStringList plan(const QString &sql)
    {
        QSqlQuery query(m_db);
        QStringList steps;
        if (!query.exec(u"EXPLAIN QUERY PLAN "_s + sql)) {
            qWarning() << sql << query.lastError().text();
            return {u"<no plan>"_s};
        }
        while (query.next())
            steps.append(query.value(3).toString());
        return steps;
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        const bool ok = query.exec(sql);
        if (!ok)
            qWarning() << sql << query.lastError().text();
        return ok;
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
    bool m_opened = false;
};

} // namespace

class TestResultStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void roundTripKeepsEveryField()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());

        ProbeResult full = makeResult(u"api"_s, 0, 1'000, 123.25, HealthState::Degraded);
        full.phases = {1.5, 2.25, 30.125, 80.0625, 9.375, 123.25};
        full.httpStatus = 200;
        full.failedPhase = ProbePhase::Latency;
        full.error = Message::verbatim(u"Responded in 123 ms, more than max_latency (100 ms)."_s);
        full.detail = Message::verbatim(u"certificate expires in 45 days (Let's Encrypt R3)"_s);
        full.maintenance = true;

        ProbeResult bare = makeResult(u"api"_s, 1, 1'500, 0, HealthState::Down);
        bare.kind = u"tcp"_s;
        bare.target = u"db.internal:5432"_s;
        bare.phases.resolveMs = 0.0; // measured as zero, which is not "absent"
        bare.failedPhase = ProbePhase::Connect;
        bare.error = Message::verbatim(u"Connection refused by db.internal:5432 (10.0.0.7)."_s);

        ProbeResult up = makeResult(u"api"_s, 0, 2'000, 45.5);
        up.phases = {std::nullopt, 3.0, std::nullopt, 40.0, 2.5, 45.5};
        up.httpStatus = 204;

        store.append({full, bare, up});
        QVERIFY(store.flush());

        const QList<ProbeResult> recent = store.recentResults(u"api"_s, 10).result();
        QCOMPARE(describe(recent), describe(QList<ProbeResult>{full, bare, up}));
        // The describe() strings hide nothing, but compare the values themselves too.
        QCOMPARE(recent.size(), 3);
        QVERIFY(recent[0].phases == full.phases);
        QVERIFY(recent[1].phases == bare.phases);
        QVERIFY(recent[2].phases == up.phases);

        QCOMPARE(describe(store.latestResults().result()), describe(QList<ProbeResult>{up, bare}));
    }

    void migratesAnEmptyDatabase()
    {
        {
            ResultStore store;
            QVERIFY(store.open(dataDir() + u"/nested/folder"_s).has_value());
            QCOMPARE(store.databasePath(), dataDir() + u"/nested/folder/vigie.sqlite"_s);
            QVERIFY(QFile::exists(store.databasePath()));
            QCOMPARE(store.resultCount().result(), 0);
        }
        Inspector db(dataDir() + u"/nested/folder/vigie.sqlite"_s);
        QVERIFY(db.isOpen());
        QVERIFY(ResultStore::schemaVersion() >= 1);
        QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), ResultStore::schemaVersion());
        QCOMPARE(db.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                           "('probes', 'results')"_s)
                     .toInt(),
                 2);
        QCOMPARE(
            db.scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'results'"_s).toInt(),
            1);
        QCOMPARE(db.scalar(u"SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
                           "WHERE type = 'index' AND tbl_name = 'events' ORDER BY name)"_s)
                     .toString(),
                 u"events_by_group_time events_by_key_time events_by_service_time events_by_time"_s);
    }

    void migratesAVersion1Database()
    {
        const QString path = dataDir() + u"/vigie.sqlite"_s;
        {
            // The schema as the first release wrote it, with one result of that time.
            Inspector db(path);
            QVERIFY(db.isOpen());
            QVERIFY(db.exec(u"CREATE TABLE probes (id INTEGER PRIMARY KEY, service_id TEXT NOT NULL, "
                            "probe_index INTEGER NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL, "
                            "UNIQUE (service_id, probe_index, kind, target))"_s));
            QVERIFY(db.exec(u"CREATE TABLE results (id INTEGER PRIMARY KEY, probe_id INTEGER NOT NULL "
                            "REFERENCES probes (id) ON DELETE CASCADE, ts_ms INTEGER NOT NULL, status TEXT NOT NULL, "
                            "latency_ms REAL NOT NULL, resolve_ms REAL, connect_ms REAL, tls_ms REAL, "
                            "processing_ms REAL, transfer_ms REAL, total_ms REAL, http_status INTEGER, "
                            "failed_phase TEXT, error TEXT)"_s));
            QVERIFY(db.exec(u"CREATE INDEX results_by_probe_time ON results (probe_id, ts_ms)"_s));
            QVERIFY(db.exec(u"INSERT INTO probes (id, service_id, probe_index, kind, target) "
                            "VALUES (1, 'api', 0, 'http', 'https://api.example/health')"_s));
            QVERIFY(db.exec(u"INSERT INTO results (probe_id, ts_ms, status, latency_ms, total_ms, http_status) "
                            "VALUES (1, 1000, 'up', 12.5, 12.5, 200)"_s));
            QVERIFY(db.exec(u"PRAGMA user_version = 1"_s));
        }

        ResultStore store;
        const auto opened = store.open(dataDir());
        QVERIFY2(opened.has_value(), opened ? "" : qPrintable(opened.error()));

        ProbeResult old = makeResult(u"api"_s, 0, 1'000, 12.5);
        old.phases.totalMs = 12.5;
        old.httpStatus = 200;
        QCOMPARE(describe(store.latestResults().result()), describe(QList<ProbeResult>{old}));

        ProbeResult current = makeResult(u"api"_s, 0, 2'000, 15);
        current.detail = Message::verbatim(u"HTTP/2, 512 bytes"_s);
        current.maintenance = true;
        store.append({current});
        const HealthEvent event = serviceEvent(u"api"_s, 2'000, HealthState::Up, HealthState::Down);
        store.appendEvents({event});
        QVERIFY(store.flush());
        QCOMPARE(describe(store.recentResults(u"api"_s, 10).result()), describe(QList<ProbeResult>{old, current}));
        QCOMPARE(describe(store.events({}).result()), describe(QList<HealthEvent>{event}));

        Inspector db(path);
        QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), ResultStore::schemaVersion());
        // The old result took the defaults of the new columns.
        QCOMPARE(db.scalar(u"SELECT maintenance FROM results WHERE ts_ms = 1000"_s).toInt(), 0);
        QVERIFY(db.scalar(u"SELECT detail FROM results WHERE ts_ms = 1000"_s).isNull());
    }

    void aFailedMigrationStepLeavesThePreviousVersion()
    {
        Inspector db(dataDir() + u"/steps.sqlite"_s);
        QVERIFY(db.isOpen());
        const QList<Migrations::Step> steps{
            {1, {u"CREATE TABLE a (x INTEGER)"_s}},
            {2, {u"CREATE TABLE b (y INTEGER)"_s, u"CREATE TABLE broken ("_s}},
        };
        const auto migrated = Migrations::migrate(db.db(), u"steps.sqlite"_s, steps);
        QVERIFY(!migrated.has_value());
        QVERIFY2(migrated.error().contains(u"schema version 2"_s), qPrintable(migrated.error()));
        QVERIFY2(migrated.error().contains(u"left at version 1"_s), qPrintable(migrated.error()));
        QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), 1);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM sqlite_master WHERE name = 'a'"_s).toInt(), 1);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM sqlite_master WHERE name = 'b'"_s).toInt(), 0);

        // Fixed, the step applies from where the database was left.
        const QList<Migrations::Step> fixed{steps[0], {2, {u"CREATE TABLE b (y INTEGER)"_s}}};
        QVERIFY(Migrations::migrate(db.db(), u"steps.sqlite"_s, fixed).has_value());
        QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), 2);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM sqlite_master WHERE name = 'b'"_s).toInt(), 1);
    }

    void reopeningKeepsData()
    {
        {
            ResultStore store;
            QVERIFY(store.open(dataDir()).has_value());
            store.append({makeResult(u"api"_s, 0, 100), makeResult(u"web"_s, 0, 200)});
            // No flush: the destructor must write them.
        }
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QCOMPARE(store.resultCount().result(), 2);
        store.append({makeResult(u"api"_s, 0, 300)});
        QVERIFY(store.flush());
        QCOMPARE(store.resultCount().result(), 3);
        QCOMPARE(store.recentResults(u"api"_s, 5).result().size(), 2);

        Inspector db(store.databasePath());
        // The probe written before the reopening is found again, not duplicated.
        QCOMPARE(db.scalar(u"SELECT count(*) FROM probes"_s).toInt(), 2);
    }

    void refusesANewerDatabase()
    {
        const QString path = dataDir() + u"/vigie.sqlite"_s;
        const int newer = ResultStore::schemaVersion() + 1;
        {
            Inspector db(path);
            QVERIFY(db.isOpen());
            QVERIFY(db.exec(u"CREATE TABLE future (x INTEGER)"_s));
            QVERIFY(db.exec(u"PRAGMA user_version = %1"_s.arg(newer)));
        }
        ResultStore store;
        const auto opened = store.open(dataDir());
        QVERIFY(!opened.has_value());
        QVERIFY2(opened.error().contains(u"newer version of Vigie"_s), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QString::number(newer)), qPrintable(opened.error()));
        QVERIFY(store.databasePath().isEmpty());

        Inspector db(path);
        QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), newer);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM sqlite_master WHERE name = 'results'"_s).toInt(), 0);
    }

    void refusesAFileThatIsNotADatabase()
    {
        QFile file(dataDir() + u"/vigie.sqlite"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();

        ResultStore store;
        const auto opened = store.open(dataDir());
        QVERIFY(!opened.has_value());
        QVERIFY2(opened.error().contains(file.fileName()), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(u"SQLite database"_s), qPrintable(opened.error()));
        // Said as what it is, with what to do: trying again cannot help.
        QVERIFY2(opened.error().contains(u"is damaged"_s), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(u"move it aside"_s), qPrintable(opened.error()));
    }

    // Each role sets up its connection as its comment says: the stores that acknowledge a save to
    // a person (notices, alerts) open theirs as durable writers.
    void eachConnectionRoleSetsItsPragmas()
    {
        const QString path = dataDir() + u"/roles.sqlite"_s;
        const auto pragma = [](SqliteConnection &connection, const QString &name) {
            QSqlQuery query(connection.database());
            return query.exec(u"PRAGMA "_s + name) && query.next() ? query.value(0).toString() : u"?"_s;
        };
        {
            SqliteConnection writer;
            QVERIFY(writer.open(path, SqliteConnection::Role::Writer));
            QCOMPARE(pragma(writer, u"journal_mode"_s), u"wal"_s);
            QCOMPARE(pragma(writer, u"synchronous"_s), u"1"_s); // NORMAL
            QCOMPARE(pragma(writer, u"foreign_keys"_s), u"1"_s);
            QCOMPARE(pragma(writer, u"query_only"_s), u"0"_s);
        }
        {
            SqliteConnection durable;
            QVERIFY(durable.open(path, SqliteConnection::Role::DurableWriter));
            QCOMPARE(pragma(durable, u"synchronous"_s), u"2"_s); // FULL
            QCOMPARE(pragma(durable, u"foreign_keys"_s), u"1"_s);
            QCOMPARE(pragma(durable, u"query_only"_s), u"0"_s);
        }
        {
            SqliteConnection reader;
            QVERIFY(reader.open(path, SqliteConnection::Role::Reader));
            QCOMPARE(pragma(reader, u"query_only"_s), u"1"_s);
        }
    }

    // The sentences shared by every store name the file, not the history: the alerts' or the
    // notices' database is not the results'.
    void aDamagedFileIsNamedWithoutCallingItTheHistory()
    {
        const QString path = dataDir() + u"/vigie-alerts.sqlite"_s;
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        SqliteConnection connection;
        const auto opened = connection.open(path, SqliteConnection::Role::DurableWriter);
        QVERIFY(!opened.has_value());
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(u"is damaged"_s), qPrintable(opened.error()));
        const QString words = QString(opened.error()).remove(path);
        QVERIFY2(!words.contains(u"history"_s) && !words.contains(u"results"_s), qPrintable(opened.error()));
    }

    void burstFromTwoThreadsIsBatched()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QSignalSpy committed(&store, &ResultStore::committed);
        QSignalSpy errors(&store, &ResultStore::writeError);

        constexpr int perThread = 5'000;
        const auto appender = [&store](const QString &service) {
            for (int i = 0; i < perThread; ++i)
                store.append({makeResult(service, i % 3, i)});
        };
        std::unique_ptr<QThread> first(QThread::create(appender, u"alpha"_s));
        std::unique_ptr<QThread> second(QThread::create(appender, u"beta"_s));
        first->start();
        second->start();
        QVERIFY(first->wait(60'000));
        QVERIFY(second->wait(60'000));
        QVERIFY(store.flush());

        const auto committedSoFar = [&committed] {
            int sum = 0;
            for (const QList<QVariant> &args : std::as_const(committed))
                sum += args.at(0).toInt();
            return sum;
        };
        QTRY_COMPARE_WITH_TIMEOUT(committedSoFar(), 2 * perThread, 10'000);
        QCOMPARE(errors.count(), 0);
        QVERIFY2(committed.count() < 2 * perThread / 10,
                 qPrintable(u"%1 transactions for %2 results"_s.arg(committed.count()).arg(2 * perThread)));
        for (const QList<QVariant> &args : std::as_const(committed))
            QVERIFY(args.at(0).toInt() <= 2'000);

        QCOMPARE(store.resultCount().result(), 2 * perThread);
        Inspector db(store.databasePath());
        QCOMPARE(db.scalar(u"SELECT count(*) FROM (SELECT DISTINCT probe_id, ts_ms FROM results)"_s).toInt(),
                 2 * perThread);
        QCOMPARE(db.scalar(u"SELECT count(*) FROM probes"_s).toInt(), 6);
    }

    void latencySeriesIncludesItsBoundaries()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        // Out of order on purpose: the series is sorted by time, whatever the order of arrival.
        store.append({makeResult(u"api"_s, 0, 3'000, 30, HealthState::Down), makeResult(u"api"_s, 1, 1'000, 10),
                      makeResult(u"api"_s, 0, 2'000, 20, HealthState::Degraded), makeResult(u"web"_s, 0, 2'000, 99)});
        QVERIFY(store.flush());

        const auto times = [&store](qint64 from, qint64 to) {
            QList<qint64> list;
            for (const LatencyPoint &p : store.latencySeries(u"api"_s, from, to).result())
                list.append(p.timestampMs);
            return list;
        };
        QCOMPARE(times(1'000, 3'000), (QList<qint64>{1'000, 2'000, 3'000}));
        QCOMPARE(times(1'001, 2'999), (QList<qint64>{2'000}));
        QCOMPARE(times(2'000, 2'000), (QList<qint64>{2'000}));
        QCOMPARE(times(3'001, 9'000), QList<qint64>());
        QCOMPARE(times(0, 999), QList<qint64>());

        const QList<LatencyPoint> series = store.latencySeries(u"api"_s, 0, 10'000).result();
        QCOMPARE(series.size(), 3);
        QCOMPARE(series[0].latencyMs, 10.0);
        QCOMPARE(series[0].status, HealthState::Up);
        QCOMPARE(series[1].latencyMs, 20.0);
        QCOMPARE(series[1].status, HealthState::Degraded);
        QCOMPARE(series[2].latencyMs, 30.0);
        QCOMPARE(series[2].status, HealthState::Down);
        QCOMPARE(store.latencySeries(u"nothing"_s, 0, 10'000).result().size(), 0);
    }

    void latestResultsHasTheNewestOfEachProbe()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        ProbeResult oldTarget = makeResult(u"api"_s, 1, 500);
        oldTarget.target = u"https://old.example/"_s;
        store.append({makeResult(u"api"_s, 0, 300, 3), makeResult(u"api"_s, 0, 100, 1), makeResult(u"web"_s, 0, 50),
                      makeResult(u"api"_s, 0, 200, 2), makeResult(u"api"_s, 1, 400), oldTarget});
        // The workspace changed api/1's target afterwards: only the newest target describes it.
        ProbeResult newTarget = makeResult(u"api"_s, 1, 600);
        newTarget.target = u"https://new.example/"_s;
        store.append({newTarget});
        QVERIFY(store.flush());

        const QList<ProbeResult> latest = store.latestResults().result();
        QCOMPARE(describe(latest),
                 describe(QList<ProbeResult>{makeResult(u"api"_s, 0, 300, 3), newTarget, makeResult(u"web"_s, 0, 50)}));
    }

    void recentResultsAreTheLastOfTheService()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QList<ProbeResult> results;
        for (int i = 0; i < 20; ++i)
            results.append(makeResult(u"api"_s, i % 2, 1'000 + i, i));
        results.append(makeResult(u"web"_s, 0, 5'000));
        store.append(results);
        QVERIFY(store.flush());

        const QList<ProbeResult> recent = store.recentResults(u"api"_s, 5).result();
        QCOMPARE(describe(recent), describe(results.mid(15, 5)));
        QCOMPARE(store.recentResults(u"api"_s, 0).result().size(), 0);
        QCOMPARE(store.recentResults(u"api"_s, 100).result().size(), 20);
    }

    void readsWhileTheWriterWrites()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        constexpr int total = 20'000;
        std::unique_ptr<QThread> appender(QThread::create([&store] {
            for (int i = 0; i < total; i += 100) {
                QList<ProbeResult> chunk;
                for (int j = i; j < i + 100; ++j)
                    chunk.append(makeResult(u"svc%1"_s.arg(j % 4), 0, j));
                store.append(chunk);
            }
            store.flush();
        }));
        appender->start();
        qint64 previous = 0;
        int reads = 0;
        while (!appender->isFinished() || reads < 3) {
            const qint64 count = store.resultCount().result();
            QVERIFY2(count >= previous, qPrintable(u"%1 after %2"_s.arg(count).arg(previous)));
            QVERIFY(count <= total);
            previous = count;
            const QList<ProbeResult> latest = store.latestResults().result();
            QVERIFY(latest.size() <= 4);
            // Read after the count, so it can only have seen more.
            if (count > 0)
                QVERIFY(!latest.isEmpty());
            ++reads;
        }
        QVERIFY(appender->wait(60'000));
        QCOMPARE(store.resultCount().result(), total);

        // A write transaction open elsewhere does not hold the readers up, nor show them its rows.
        Inspector other(store.databasePath());
        QVERIFY(other.exec(u"BEGIN IMMEDIATE"_s));
        QVERIFY(other.exec(u"INSERT INTO results (probe_id, ts_ms, status, latency_ms) "
                           "SELECT id, 99999, 'up', 1 FROM probes LIMIT 1"_s));
        QCOMPARE(store.resultCount().result(), total);
        QCOMPARE(store.latencySeries(u"svc0"_s, 0, total).result().size(), total / 4);
        QVERIFY(other.exec(u"ROLLBACK"_s));
    }

    void aFailedWriteIsKeptAndRetried()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QSignalSpy errors(&store, &ResultStore::writeError);
        store.append({makeResult(u"api"_s, 0, 1)});
        QVERIFY(store.flush());

        // Another process holds the write lock longer than the writer waits for it.
        Inspector other(store.databasePath());
        QVERIFY(other.exec(u"BEGIN IMMEDIATE"_s));
        store.append({makeResult(u"api"_s, 0, 2), makeResult(u"api"_s, 0, 3)});
        QVERIFY(!store.flush());
        QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 1, 10'000);
        const QString message = errors.first().at(0).toString();
        QVERIFY2(message.contains(store.databasePath()), qPrintable(message));
        QVERIFY2(message.contains(u"database is locked"_s), qPrintable(message));
        QVERIFY2(message.contains(u"2 probe result"_s), qPrintable(message));
        QCOMPARE(store.resultCount().result(), 1);

        QVERIFY(other.exec(u"ROLLBACK"_s));
        QVERIFY(store.flush());
        QCOMPARE(store.resultCount().result(), 3);
        QCOMPARE(describe(store.recentResults(u"api"_s, 10).result()),
                 describe(QList<ProbeResult>{makeResult(u"api"_s, 0, 1), makeResult(u"api"_s, 0, 2),
                                             makeResult(u"api"_s, 0, 3)}));
    }

    void eventsRoundTripNewestFirstWithIds()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        HealthEvent probe = probeEvent(u"api"_s, 1, 1'000, HealthState::Up, HealthState::Down);
        probe.cause = Message::verbatim(u"3 consecutive failures: connection refused (connect)"_s);
        HealthEvent service = serviceEvent(u"api"_s, 1'000, HealthState::Up, HealthState::Down);
        HealthEvent maintenance = makeEvent(HealthEvent::Kind::MaintenanceStart, u"web"_s, 1'500, HealthState::Down,
                                            HealthState::Down, QString());
        maintenance.inMaintenance = true;
        maintenance.cause = Message::verbatim(u"maintenance \"Kernel update\" began"_s);
        HealthEvent impact =
            makeEvent(HealthEvent::Kind::ImpactStart, u"shop"_s, 2'000, HealthState::Up, HealthState::Degraded);
        impact.impactedBy = u"api"_s;
        const HealthEvent impactEnd =
            makeEvent(HealthEvent::Kind::ImpactEnd, u"shop"_s, 3'000, HealthState::Degraded, HealthState::Up);
        const HealthEvent maintenanceEnd =
            makeEvent(HealthEvent::Kind::MaintenanceEnd, u"web"_s, 3'000, HealthState::Down, HealthState::Up);
        const QList<HealthEvent> appended{probe, service, maintenance, impact, impactEnd, maintenanceEnd};
        store.appendEvents(appended);
        // flush() covers events as it covers results: no waiting for the batch delay.
        QVERIFY(store.flush());

        const QList<HealthEvent> read = store.events({}).result();
        // Newest first; among equal times, the later appended first.
        QCOMPARE(describe(read), describe(reversed(appended)));
        QList<qint64> ids = idsOf(read);
        QVERIFY(!ids.contains(0));
        QVERIFY(std::ranges::is_sorted(ids, std::greater<>()));
        for (qsizetype i = 0; i < read.size(); ++i) {
            HealthEvent expected = reversed(appended).at(i);
            expected.id = read.at(i).id;
            QVERIFY2(read.at(i) == expected, qPrintable(describe(read.at(i))));
        }
    }

    void eventFiltersNarrowAndCombine()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        // ts: 100 api Core down, 200 web Edge up, 300 api Core up, 400 db Data degraded, 500 web Edge down,
        // 600 (no group) cron unknown
        const QList<HealthEvent> all{
            serviceEvent(u"api"_s, 100, HealthState::Up, HealthState::Down, u"Core"_s),
            serviceEvent(u"web"_s, 200, HealthState::Unknown, HealthState::Up, u"Edge"_s),
            serviceEvent(u"api"_s, 300, HealthState::Down, HealthState::Up, u"Core"_s),
            serviceEvent(u"db"_s, 400, HealthState::Up, HealthState::Degraded, u"Data"_s),
            serviceEvent(u"web"_s, 500, HealthState::Up, HealthState::Down, u"Edge"_s),
            serviceEvent(u"cron"_s, 600, HealthState::Up, HealthState::Unknown, QString()),
        };
        store.appendEvents(all);
        QVERIFY(store.flush());

        const auto times = [&store](const EventFilter &filter) { return timesOf(store.events(filter).result()); };
        using Times = QList<qint64>;
        QCOMPARE(times({}), (Times{600, 500, 400, 300, 200, 100}));

        EventFilter f;
        f.serviceIds = {u"api"_s};
        QCOMPARE(times(f), (Times{300, 100}));
        f.serviceIds = {u"api"_s, u"db"_s};
        QCOMPARE(times(f), (Times{400, 300, 100}));
        f.serviceIds = {u"nothing"_s};
        QCOMPARE(times(f), Times());

        f = {};
        f.groups = {u"Edge"_s};
        QCOMPARE(times(f), (Times{500, 200}));
        f.groups = {u"Edge"_s, u"Data"_s};
        QCOMPARE(times(f), (Times{500, 400, 200}));
        f.groups = {QString()}; // the services without a group
        QCOMPARE(times(f), (Times{600}));

        f = {};
        f.states = {HealthState::Down};
        QCOMPARE(times(f), (Times{500, 100}));
        f.states = {HealthState::Up, HealthState::Degraded};
        QCOMPARE(times(f), (Times{400, 300, 200}));
        f.states = {HealthState::Unknown};
        QCOMPARE(times(f), (Times{600}));

        f = {};
        f.fromMs = 200;
        f.toMs = 400;
        QCOMPARE(times(f), (Times{400, 300, 200}));
        f.fromMs = 401;
        f.toMs = 499;
        QCOMPARE(times(f), Times());
        f.fromMs = 500;
        f.toMs = 100; // an empty range, not an error
        QCOMPARE(times(f), Times());

        // Combined, every field narrows.
        f = {};
        f.groups = {u"Core"_s, u"Edge"_s};
        f.states = {HealthState::Down, HealthState::Up};
        QCOMPARE(times(f), (Times{500, 300, 200, 100}));
        f.serviceIds = {u"web"_s, u"db"_s};
        QCOMPARE(times(f), (Times{500, 200}));
        f.fromMs = 250;
        QCOMPARE(times(f), (Times{500}));
        f.states = {HealthState::Up};
        QCOMPARE(times(f), Times());
    }

    void eventLimitKeepsTheNewest()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QList<HealthEvent> events;
        // Out of order on purpose, with ties: the order is by time, then by arrival.
        for (qint64 ts : {300, 100, 500, 200, 500, 400})
            events.append(serviceEvent(u"api"_s, ts, HealthState::Up, HealthState::Down));
        events[4].cause = Message::verbatim(u"second at 500"_s);
        store.appendEvents(events);
        QVERIFY(store.flush());

        EventFilter f;
        f.limit = 3;
        const QList<HealthEvent> newest = store.events(f).result();
        QCOMPARE(timesOf(newest), (QList<qint64>{500, 500, 400}));
        QCOMPARE(newest[0].cause.toString(), u"second at 500"_s);
        QVERIFY(newest[0].id > newest[1].id);
        f.limit = 0;
        QCOMPARE(store.events(f).result().size(), 0);
        f.limit = 100;
        QCOMPARE(timesOf(store.events(f).result()), (QList<qint64>{500, 500, 400, 300, 200, 100}));
    }

    void eventFilterCanLeaveOutProbeChanges()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        // Each change of a service comes with the change of the probe behind it, at the same time.
        HealthEvent maintenance =
            makeEvent(HealthEvent::Kind::MaintenanceStart, u"web"_s, 300, HealthState::Up, HealthState::Up, u"Edge"_s);
        maintenance.inMaintenance = true;
        HealthEvent impact =
            makeEvent(HealthEvent::Kind::ImpactStart, u"shop"_s, 500, HealthState::Down, HealthState::Down);
        impact.impactedBy = u"api"_s;
        const QList<HealthEvent> all{
            probeEvent(u"api"_s, 0, 100, HealthState::Up, HealthState::Down),
            serviceEvent(u"api"_s, 100, HealthState::Up, HealthState::Down),
            probeEvent(u"api"_s, 1, 200, HealthState::Up, HealthState::Degraded),
            maintenance,
            probeEvent(u"api"_s, 0, 400, HealthState::Down, HealthState::Up),
            serviceEvent(u"api"_s, 400, HealthState::Down, HealthState::Up),
            impact,
        };
        store.appendEvents(all);
        QVERIFY(store.flush());

        const auto kinds = [&store](const EventFilter &filter) {
            QStringList names;
            for (const HealthEvent &e : store.events(filter).result())
                names.append(u"%1 %2"_s.arg(healthEventKindName(e.kind)).arg(e.timestampMs));
            return names;
        };
        // By default a filter keeps them, as every reader but the event log expects.
        EventFilter f;
        QVERIFY(f.probeChanges);
        QCOMPARE(kinds(f).size(), all.size());

        // Without them: the services' changes, the maintenance and the impact, nothing else.
        f.probeChanges = false;
        QCOMPARE(kinds(f), (QStringList{u"impact-start 500"_s, u"service-state 400"_s, u"maintenance-start 300"_s,
                                        u"service-state 100"_s}));

        // It narrows with the other fields, and the limit counts what is left.
        f.states = {HealthState::Down, HealthState::Degraded};
        QCOMPARE(kinds(f), (QStringList{u"impact-start 500"_s, u"service-state 100"_s}));
        f.probeChanges = true;
        QCOMPARE(kinds(f), (QStringList{u"impact-start 500"_s, u"probe-state 200"_s, u"service-state 100"_s,
                                        u"probe-state 100"_s}));
        f = {};
        f.probeChanges = false;
        f.limit = 2;
        QCOMPARE(kinds(f), (QStringList{u"impact-start 500"_s, u"service-state 400"_s}));
        f.serviceIds = {u"api"_s};
        QCOMPARE(kinds(f), (QStringList{u"service-state 400"_s, u"service-state 100"_s}));
    }

    void latestStateEventsHasTheNewestOfEachKindForEachProbeAndService()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        const HealthEvent api0New = probeEvent(u"api"_s, 0, 500, HealthState::Down, HealthState::Up);
        const HealthEvent api1 = probeEvent(u"api"_s, 1, 100, HealthState::Unknown, HealthState::Up);
        const HealthEvent apiNew = serviceEvent(u"api"_s, 500, HealthState::Down, HealthState::Up);
        // Two at the same time: the one appended last is the latest.
        const HealthEvent web0First = probeEvent(u"web"_s, 0, 300, HealthState::Up, HealthState::Degraded);
        const HealthEvent web0Second = probeEvent(u"web"_s, 0, 300, HealthState::Degraded, HealthState::Down);
        const HealthEvent impact =
            makeEvent(HealthEvent::Kind::ImpactStart, u"web"_s, 900, HealthState::Down, HealthState::Down);
        store.appendEvents({apiNew, probeEvent(u"api"_s, 0, 200, HealthState::Up, HealthState::Down), api1,
                            serviceEvent(u"api"_s, 200, HealthState::Up, HealthState::Down), web0First});
        store.appendEvents({api0New, web0Second, impact});
        // Maintenance: the latest start and the latest end, whichever came last.
        const auto maintenance = [](HealthEvent::Kind kind, qint64 atMs) {
            return makeEvent(kind, u"web"_s, atMs, HealthState::Up, HealthState::Up);
        };
        const HealthEvent webEnded = maintenance(HealthEvent::Kind::MaintenanceEnd, 700);
        const HealthEvent webBegan = maintenance(HealthEvent::Kind::MaintenanceStart, 800);
        store.appendEvents({maintenance(HealthEvent::Kind::MaintenanceStart, 600), webEnded, webBegan});
        QVERIFY(store.flush());

        // By service, then probe (the service's own events, index -1, first), then time.
        QCOMPARE(describe(store.latestStateEvents().result()),
                 describe(QList<HealthEvent>{apiNew, api0New, api1, webEnded, webBegan, web0Second}));
    }

    void eventsCommittedCarriesTheStoredEvents()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QSignalSpy committedEvents(&store, &ResultStore::eventsCommitted);
        QSignalSpy committedResults(&store, &ResultStore::committed);
        const HealthEvent first = probeEvent(u"api"_s, 0, 100, HealthState::Up, HealthState::Down);
        const HealthEvent second = serviceEvent(u"api"_s, 100, HealthState::Up, HealthState::Down);
        store.append({makeResult(u"api"_s, 0, 100, 0, HealthState::Down)});
        store.appendEvents({first});
        store.append({makeResult(u"api"_s, 0, 110, 0, HealthState::Down)});
        store.appendEvents({second});

        // Without flush(): the batch delay commits them, and the signals come on this thread.
        const auto emittedEvents = [&committedEvents] {
            QList<HealthEvent> events;
            for (const QList<QVariant> &args : std::as_const(committedEvents))
                events.append(args.at(0).value<QList<HealthEvent>>());
            return events;
        };
        const auto committedResultCount = [&committedResults] {
            int sum = 0;
            for (const QList<QVariant> &args : std::as_const(committedResults))
                sum += args.at(0).toInt();
            return sum;
        };
        QTRY_COMPARE_WITH_TIMEOUT(emittedEvents().size(), 2, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(committedResultCount(), 2, 10'000);
        const QList<HealthEvent> emitted = emittedEvents();
        QCOMPARE(describe(emitted), describe(QList<HealthEvent>{first, second}));
        // The ids are the store's, in the order of appending.
        const QList<HealthEvent> stored = store.events({}).result();
        QCOMPARE(idsOf(emitted), idsOf(reversed(stored)));
        QVERIFY(emitted[0].id < emitted[1].id);

        // A commit of results only says nothing about events.
        const qsizetype signalsBefore = committedEvents.count();
        store.append({makeResult(u"api"_s, 0, 120)});
        QVERIFY(store.flush());
        QTRY_COMPARE_WITH_TIMEOUT(committedResultCount(), 3, 10'000);
        QCOMPARE(committedEvents.count(), signalsBefore);
    }

    void aFailedWriteKeepsEventsQueued()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QSignalSpy errors(&store, &ResultStore::writeError);
        QSignalSpy committedEvents(&store, &ResultStore::eventsCommitted);
        store.appendEvents({serviceEvent(u"api"_s, 1, HealthState::Unknown, HealthState::Up)});
        QVERIFY(store.flush());
        QTRY_COMPARE_WITH_TIMEOUT(committedEvents.count(), 1, 10'000);

        Inspector other(store.databasePath());
        QVERIFY(other.exec(u"BEGIN IMMEDIATE"_s));
        const QList<HealthEvent> later{serviceEvent(u"api"_s, 2, HealthState::Up, HealthState::Down),
                                       probeEvent(u"api"_s, 0, 2, HealthState::Up, HealthState::Down)};
        store.appendEvents(later);
        QVERIFY(!store.flush());
        QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 1, 10'000);
        const QString message = errors.first().at(0).toString();
        QVERIFY2(message.contains(u"2 health event"_s), qPrintable(message));
        QVERIFY2(!message.contains(u"probe result"_s), qPrintable(message));
        QVERIFY2(message.contains(u"database is locked"_s), qPrintable(message));
        QCOMPARE(store.events({}).result().size(), 1);
        QCOMPARE(committedEvents.count(), 1);

        QVERIFY(other.exec(u"ROLLBACK"_s));
        QVERIFY(store.flush());
        QTRY_COMPARE_WITH_TIMEOUT(committedEvents.count(), 2, 10'000);
        QCOMPARE(describe(committedEvents.last().at(0).value<QList<HealthEvent>>()), describe(later));
        QCOMPARE(timesOf(store.events({}).result()), (QList<qint64>{2, 2, 1}));
    }

    void twoStoresOpeningANewFolderAtOnceBothSucceed()
    {
        // The console and `vigie watch` (or two watches) started together on a new data folder:
        // each migrates, and only one may create the tables.
        constexpr int rounds = 20;
        constexpr int openers = 4;
        for (int round = 0; round < rounds; ++round) {
            const QString folder = dataDir() + u"/round-%1"_s.arg(round);
            std::vector<QString> errors(openers);
            std::vector<std::unique_ptr<QThread>> threads;
            for (int i = 0; i < openers; ++i) {
                threads.emplace_back(QThread::create([&folder, &errors, i] {
                    ResultStore store;
                    if (const auto opened = store.open(folder); !opened)
                        errors[i] = opened.error();
                    else if (store.append({makeResult(u"api"_s, i, 1'000)}); !store.flush())
                        errors[i] = u"the first write failed"_s;
                }));
            }
            for (auto &thread : threads)
                thread->start();
            for (auto &thread : threads)
                QVERIFY(thread->wait(60'000));
            for (const QString &error : std::as_const(errors))
                QVERIFY2(error.isEmpty(), qPrintable(u"round %1: %2"_s.arg(round).arg(error)));

            Inspector db(folder + u"/vigie.sqlite"_s);
            QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), ResultStore::schemaVersion());
            QCOMPARE(db.scalar(u"SELECT count(*) FROM results"_s).toInt(), openers);
            QCOMPARE(db.scalar(u"SELECT count(*) FROM sqlite_master WHERE name = 'latest_state_events'"_s).toInt(), 1);
        }
    }

    void theRestoreReadsDoNotScanWholeTables()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QList<ProbeResult> results;
        QList<HealthEvent> events;
        for (int i = 0; i < 200; ++i) {
            results.append(makeResult(u"svc-%1"_s.arg(i % 20), i % 3, i));
            events.append(probeEvent(u"svc-%1"_s.arg(i % 20), i % 3, i, HealthState::Up, HealthState::Down));
            events.append(serviceEvent(u"svc-%1"_s.arg(i % 20), i, HealthState::Up, HealthState::Down));
        }
        store.append(results);
        store.appendEvents(events);
        QVERIFY(store.flush());

        Inspector db(store.databasePath());
        // With statistics too, as a long-lived database may have them.
        for (bool analyzed : {false, true}) {
            if (analyzed)
                QVERIFY(db.exec(u"ANALYZE"_s));
            for (const QString &sql : {ResultStore::latestResultsQuery(), ResultStore::latestStateEventsQuery(),
                                       ResultStore::stateBeforeQuery()}) {
                const QStringList plan = db.plan(sql);
                QVERIFY(!plan.isEmpty());
                for (const QString &step : plan) {
                    // "SCAN results", "SCAN events" or their aliases, with or without a covering index:
                    // reading every row of either table is what the restore must not do.
                    static const QRegularExpression wholeTable(u"^SCAN (results|events|r|e|x)\\b"_s);
                    QVERIFY2(!wholeTable.match(step).hasMatch(),
                             qPrintable(u"%1\n  plans: %2"_s.arg(sql, plan.join(u" | "_s))));
                }
            }
        }
    }

    void stateHistoryHasTheStateAtFromAndTheRange()
    {
        using Kind = HealthEvent::Kind;
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        const auto maintenance = [](Kind kind, const QString &service, qint64 ts) {
            return makeEvent(kind, service, ts, HealthState::Up, HealthState::Up);
        };
        HealthEvent impact = makeEvent(Kind::ImpactStart, u"a"_s, 120, HealthState::Up, HealthState::Down);
        impact.impactedBy = u"b"_s;
        store.appendEvents({
            // "a" is up at 100, after a degraded spell and a maintenance window.
            serviceEvent(u"a"_s, 10, HealthState::Unknown, HealthState::Up),
            probeEvent(u"a"_s, 0, 10, HealthState::Unknown, HealthState::Up),
            probeEvent(u"a"_s, 0, 20, HealthState::Up, HealthState::Degraded),
            serviceEvent(u"a"_s, 20, HealthState::Up, HealthState::Degraded),
            maintenance(Kind::MaintenanceStart, u"a"_s, 30),
            maintenance(Kind::MaintenanceEnd, u"a"_s, 40),
            serviceEvent(u"a"_s, 50, HealthState::Degraded, HealthState::Up),
            // "b" is down at 100: all of its history before it counts.
            serviceEvent(u"b"_s, 10, HealthState::Unknown, HealthState::Up),
            probeEvent(u"b"_s, 1, 60, HealthState::Up, HealthState::Down),
            serviceEvent(u"b"_s, 60, HealthState::Up, HealthState::Down),
            probeEvent(u"b"_s, 0, 70, HealthState::Up, HealthState::Down),
            // "c" is not asked for.
            serviceEvent(u"c"_s, 10, HealthState::Unknown, HealthState::Down),
            // The range [100, 200]: its ends included, an impact left out.
            serviceEvent(u"a"_s, 100, HealthState::Up, HealthState::Down),
            impact,
            serviceEvent(u"b"_s, 200, HealthState::Down, HealthState::Up),
            serviceEvent(u"c"_s, 150, HealthState::Down, HealthState::Up),
            serviceEvent(u"a"_s, 201, HealthState::Down, HealthState::Up),
        });
        QVERIFY(store.flush());

        const StateHistory history = store.stateHistory({u"a"_s, u"b"_s}, 100, 200).result();
        QCOMPARE(history.serviceIds, (QStringList{u"a"_s, u"b"_s}));
        const auto described = [&](const QList<StateChange> &changes) {
            QStringList lines;
            for (const StateChange &c : changes)
                lines.append(u"%1 %2 %3 #%4 %5"_s.arg(history.serviceIds.value(c.service), healthEventKindName(c.kind))
                                 .arg(c.timestampMs)
                                 .arg(c.probeIndex)
                                 .arg(healthStateName(c.to)));
            lines.sort();
            return lines;
        };
        QCOMPARE(described(history.before), (QStringList{
                                                u"a maintenance-end 40 #-1 up"_s,
                                                u"a maintenance-start 30 #-1 up"_s,
                                                u"a probe-state 20 #0 degraded"_s,
                                                u"a service-state 50 #-1 up"_s,
                                                u"b probe-state 60 #1 down"_s,
                                                u"b probe-state 70 #0 down"_s,
                                                u"b service-state 10 #-1 up"_s,
                                                u"b service-state 60 #-1 down"_s,
                                            }));
        QCOMPARE(described(history.inRange),
                 (QStringList{u"a service-state 100 #-1 down"_s, u"b service-state 200 #-1 up"_s}));
        for (const StateChange &c : history.before + history.inRange)
            QVERIFY(c.id > 0);
    }

    void migratesAVersion2DatabaseKeepingItsEvents()
    {
        const QString path = dataDir() + u"/vigie.sqlite"_s;
        const HealthEvent api0Old = probeEvent(u"api"_s, 0, 100, HealthState::Unknown, HealthState::Up);
        const HealthEvent api0 = probeEvent(u"api"_s, 0, 300, HealthState::Up, HealthState::Down);
        const HealthEvent api = serviceEvent(u"api"_s, 300, HealthState::Up, HealthState::Down);
        const HealthEvent impact =
            makeEvent(HealthEvent::Kind::ImpactStart, u"api"_s, 400, HealthState::Down, HealthState::Down);
        {
            // The schema as the second release wrote it, with results and events of that time.
            Inspector db(path);
            QVERIFY(db.isOpen());
            QVERIFY(Migrations::migrate(db.db(), path, Migrations::steps().first(2)).has_value());
            QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), 2);
            QVERIFY(db.exec(u"INSERT INTO probes (id, service_id, probe_index, kind, target) "
                            "VALUES (1, 'api', 0, 'http', 'https://api.example/health')"_s));
            QVERIFY(db.exec(u"INSERT INTO results (probe_id, ts_ms, status, latency_ms) VALUES (1, 300, 'down', 0)"_s));
            // Out of time order on purpose: the newest by time is the latest.
            for (const HealthEvent &e : {api0, api0Old, api, impact})
                QVERIFY(db.exec(
                    u"INSERT INTO events (ts_ms, kind, service_id, grp, probe_index, from_state, "
                    "to_state, cause) VALUES (%1, '%2', '%3', 'Core', %4, '%5', '%6', '%7')"_s.arg(e.timestampMs)
                        .arg(healthEventKindName(e.kind), e.serviceId)
                        .arg(e.probeIndex)
                        .arg(healthStateName(e.from), healthStateName(e.to), e.cause.toString())));
        }

        ResultStore store;
        store.setRetention(keepEverything()); // these events of 1970 are older than any retention
        const auto opened = store.open(dataDir());
        QVERIFY2(opened.has_value(), opened ? "" : qPrintable(opened.error()));
        QCOMPARE(describe(store.latestStateEvents().result()), describe(QList<HealthEvent>{api, api0}));
        QCOMPARE(store.events({}).result().size(), 4);
        QCOMPARE(store.latestResults().result().size(), 1);

        // Events written from now on keep the restore up to date.
        const HealthEvent api0New = probeEvent(u"api"_s, 0, 500, HealthState::Down, HealthState::Up);
        store.appendEvents({api0New, probeEvent(u"api"_s, 0, 250, HealthState::Up, HealthState::Down)});
        QVERIFY(store.flush());
        QCOMPARE(describe(store.latestStateEvents().result()), describe(QList<HealthEvent>{api, api0New}));
        Inspector db(path);
        QCOMPARE(db.scalar(u"PRAGMA user_version"_s).toInt(), ResultStore::schemaVersion());
    }

    // Version 3 kept causes, errors and details as sentences in the language of the run that wrote
    // them; version 4 keeps coded messages. Old rows read back as they were, new ones translate.
    void readsVersion3SentencesAndTranslatesCodedMessages()
    {
        const QString path = dataDir() + u"/vigie.sqlite"_s;
        const QString englishCause = u"3 consecutive failures: connection refused by db:5432"_s;
        {
            Inspector db(path);
            QVERIFY(db.isOpen());
            QVERIFY(Migrations::migrate(db.db(), path, Migrations::steps().first(3)).has_value());
            QVERIFY(db.exec(u"INSERT INTO probes (id, service_id, probe_index, kind, target) "
                            "VALUES (1, 'db', 0, 'tcp', 'db:5432')"_s));
            QVERIFY(db.exec(u"INSERT INTO results (probe_id, ts_ms, status, latency_ms, error, detail) "
                            "VALUES (1, 300, 'down', 0, 'connection refused by db:5432', 'an old detail')"_s));
            QVERIFY(
                db.exec(u"INSERT INTO events (ts_ms, kind, service_id, grp, probe_index, from_state, to_state, "
                        "cause) VALUES (300, 'probe-state', 'db', 'Core', 0, 'up', 'down', '%1')"_s.arg(englishCause)));
        }

        ResultStore store;
        store.setRetention(keepEverything());
        const auto opened = store.open(dataDir());
        QVERIFY2(opened.has_value(), opened ? "" : qPrintable(opened.error()));
        QCOMPARE(Inspector(path).scalar(u"PRAGMA user_version"_s).toInt(), ResultStore::schemaVersion());

        const Message coded = trMessage("Vigie::HealthTracker", "%n consecutive failures: %1", nullptr, 3)
                                  .arg(trMessage("Vigie::TcpProber", "connection refused by %1").arg(u"db:5432"_s));
        HealthEvent fresh = probeEvent(u"db"_s, 0, 500, HealthState::Up, HealthState::Down);
        fresh.cause = coded;
        ProbeResult result = makeResult(u"db"_s, 0, 500);
        result.status = HealthState::Down;
        result.error = trMessage("Vigie::TcpProber", "connection refused by %1").arg(u"db:5432"_s);
        store.appendEvents({fresh});
        store.append({result});
        QVERIFY(store.flush());

        QTranslator french;
        QVERIFY2(french.load(QString::fromUtf8(VIGIE_FRENCH_QM)), VIGIE_FRENCH_QM);
        QCoreApplication::installTranslator(&french);
        const auto removeFrench = qScopeGuard([&french] { QCoreApplication::removeTranslator(&french); });

        const QList<HealthEvent> events = store.events({}).result();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).cause, coded);
        QCOMPARE(events.at(0).cause.toString(), u"3 échecs consécutifs\u00a0: connexion refusée par db:5432"_s);
        // The old sentence, in the language it was written in: shown as it is.
        QCOMPARE(events.at(1).cause.toString(), englishCause);

        const QList<ProbeResult> recent = store.recentResults(u"db"_s, 10).result(); // oldest first
        QCOMPARE(recent.size(), 2);
        QCOMPARE(recent.at(0).error.toString(), u"connection refused by db:5432"_s);
        QCOMPARE(recent.at(0).detail.toString(), u"an old detail"_s);
        QCOMPARE(recent.at(1).error.toString(), u"connexion refusée par db:5432"_s);
        // What the columns hold: the old sentence, and a code.
        Inspector db(path);
        QCOMPARE(db.scalar(u"SELECT error FROM results WHERE ts_ms = 300"_s).toString(),
                 u"connection refused by db:5432"_s);
        QVERIFY(db.scalar(u"SELECT error FROM results WHERE ts_ms = 500"_s).toString().startsWith(QChar(0x1e)));
    }

    void retentionRemovesOldResultsButKeepsEachProbesNewest()
    {
        Test::ManualClock clock;
        const qint64 now = clock.nowMs();
        ResultStore store;
        store.setClock(&clock);
        RetentionPolicy policy;
        policy.resultsMaxAge = 10 * 24h;
        policy.eventsMaxAge = 0ms; // events kept
        store.setRetention(policy);
        QVERIFY(store.open(dataDir()).has_value());

        // api/0: 5,000 results a minute apart ending 20 days ago, then three recent ones. api/1:
        // only old results (a probe paused for a month keeps its last one). web/0: only recent.
        QList<ProbeResult> results;
        for (int i = 0; i < 5'000; ++i)
            results.append(makeResult(u"api"_s, 0, now - 20 * dayMs - (5'000 - i) * 60'000));
        for (qint64 age : {9 * dayMs, dayMs, 0LL})
            results.append(makeResult(u"api"_s, 0, now - age));
        results.append(makeResult(u"api"_s, 1, now - 40 * dayMs));
        const ProbeResult pausedNewest = makeResult(u"api"_s, 1, now - 30 * dayMs);
        results.append(pausedNewest);
        results.append(makeResult(u"web"_s, 0, now - 5 * dayMs));
        store.append(results);
        const HealthEvent oldEvent = serviceEvent(u"api"_s, now - 400 * dayMs, HealthState::Up, HealthState::Down);
        store.appendEvents({oldEvent});
        QVERIFY(store.flush());

        const auto removed = store.prune();
        QVERIFY2(removed.has_value(), removed ? "" : qPrintable(removed.error()));
        QCOMPARE(*removed, 5'001);
        Inspector db(store.databasePath());
        // Each remaining result as service/probe@age in days, oldest first.
        QCOMPARE(db.scalar(u"SELECT group_concat(row, ' ') FROM (SELECT p.service_id || '/' || p.probe_index || "
                           "'@' || ((%1 - r.ts_ms) / 86400000) AS row FROM results r JOIN probes p ON "
                           "p.id = r.probe_id ORDER BY r.ts_ms)"_s.arg(now))
                     .toString(),
                 u"api/1@30 api/0@9 web/0@5 api/0@1 api/0@0"_s);
        QCOMPARE(describe(store.latestResults().result()).size(), 3);
        QCOMPARE(store.events({}).result().size(), 1);

        // Nothing left to remove; time passing makes more.
        QCOMPARE(store.prune().value_or(-1), 0);
        clock.advance(std::chrono::days(2));
        QCOMPARE(store.prune().value_or(-1), 1); // api/0@9 is now 11 days old
    }

    void retentionByCountKeepsTheNewestOfEachProbe()
    {
        ResultStore store;
        RetentionPolicy policy = keepEverything();
        policy.maxResultsPerProbe = 3;
        store.setRetention(policy);
        QVERIFY(store.open(dataDir()).has_value());
        QList<ProbeResult> results;
        for (int i = 0; i < 10; ++i)
            results.append(makeResult(u"api"_s, 0, 1'000 + i));
        results.append({makeResult(u"web"_s, 0, 5), makeResult(u"web"_s, 0, 6)});
        store.append(results);
        QVERIFY(store.flush());
        QCOMPARE(store.prune().value_or(-1), 7);

        const auto times = [&store](const QString &service) {
            QList<qint64> list;
            for (const ProbeResult &r : store.recentResults(service, 100).result())
                list.append(r.timestampMs);
            return list;
        };
        QCOMPARE(times(u"api"_s), (QList<qint64>{1'007, 1'008, 1'009}));
        QCOMPARE(times(u"web"_s), (QList<qint64>{5, 6}));
    }

    void retentionRemovesOldEventsButKeepsTheLatestStates()
    {
        Test::ManualClock clock;
        const qint64 now = clock.nowMs();
        ResultStore store;
        store.setClock(&clock);
        RetentionPolicy policy;
        policy.eventsMaxAge = 30 * 24h;
        store.setRetention(policy);
        QVERIFY(store.open(dataDir()).has_value());

        const qint64 old = now - 100 * dayMs;
        // api has been down for 100 days: its latest probe and service states are old, and stay.
        const HealthEvent apiProbe = probeEvent(u"api"_s, 0, old, HealthState::Up, HealthState::Down);
        const HealthEvent apiService = serviceEvent(u"api"_s, old, HealthState::Up, HealthState::Down);
        const HealthEvent webService = serviceEvent(u"web"_s, now - dayMs, HealthState::Down, HealthState::Up);
        HealthEvent impact =
            makeEvent(HealthEvent::Kind::ImpactStart, u"shop"_s, old, HealthState::Up, HealthState::Degraded);
        impact.impactedBy = u"api"_s;
        QList<HealthEvent> events{probeEvent(u"api"_s, 0, old - dayMs, HealthState::Unknown, HealthState::Up), apiProbe,
                                  apiService, impact};
        // Enough old changes of web to take several statements.
        for (int i = 0; i < 5'000; ++i)
            events.append(serviceEvent(u"web"_s, old + i * 1'000, i % 2 ? HealthState::Down : HealthState::Up,
                                       i % 2 ? HealthState::Up : HealthState::Down));
        events.append(webService);
        store.appendEvents(events);
        QVERIFY(store.flush());

        QCOMPARE(store.prune().value_or(-1), 5'002);
        QCOMPARE(describe(store.events({}).result()), describe(QList<HealthEvent>{webService, apiService, apiProbe}));
        QCOMPARE(describe(store.latestStateEvents().result()),
                 describe(QList<HealthEvent>{apiService, apiProbe, webService}));
    }

    void retentionRunsWhenTheStoreOpens()
    {
        Test::ManualClock clock;
        const qint64 now = clock.nowMs();
        {
            ResultStore store;
            store.setRetention(keepEverything());
            QVERIFY(store.open(dataDir()).has_value());
            QList<ProbeResult> results;
            for (int i = 0; i < 4'500; ++i)
                results.append(makeResult(u"api"_s, 0, now - 200 * dayMs + i));
            results.append(makeResult(u"api"_s, 0, now));
            store.append(results);
            QVERIFY(store.flush());
            QCOMPARE(store.resultCount().result(), 4'501);
        }
        ResultStore store;
        store.setClock(&clock);
        QCOMPARE(store.retention(), RetentionPolicy());
        QVERIFY(store.open(dataDir()).has_value());
        // The default policy, without a call to prune().
        QTRY_COMPARE_WITH_TIMEOUT(store.resultCount().result(), 1, 10'000);
    }

    void aFullDiskDropsResultsBeforeEventsAndRecovers()
    {
        ResultStore store;
        QVERIFY(store.open(dataDir()).has_value());
        QSignalSpy errors(&store, &ResultStore::writeError);
        QSignalSpy recovered(&store, &ResultStore::writeRecovered);
        store.setQueueLimit(100);
        const auto bulky = [](int i) {
            ProbeResult r = makeResult(u"api"_s, 0, i);
            r.detail = Message::verbatim(QString(2'000, u'x')); // a batch of them needs new pages
            return r;
        };
        store.append({bulky(0)});
        QVERIFY(store.flush());
        QVERIFY(store.writeReport().everythingWritten());
        QVERIFY(store.unwrittenSummary().isEmpty());

        // The disk is full: nothing grows the file any more.
        store.setMaxPageCount(1);
        QList<HealthEvent> events;
        int appendedResults = 1;
        for (int i = 1; i <= 50; ++i) {
            QList<ProbeResult> results;
            for (int j = 0; j < 10; ++j)
                results.append(bulky(i * 100 + j));
            store.append(results);
            appendedResults += results.size();
            if (i % 5 == 0) {
                events.append(serviceEvent(u"api"_s, i * 100, HealthState::Up, HealthState::Down));
                store.appendEvents({events.last()});
            }
            if (i % 10 == 0)
                QVERIFY(!store.flush()); // every flush is one more failed attempt
        }
        QVERIFY(!store.flush());

        const WriteReport full = store.writeReport();
        QVERIFY2(full.resultsDropped > 0, qPrintable(QString::number(full.resultsDropped)));
        QCOMPARE(full.eventsDropped, 0);
        QCOMPARE(full.eventsPending, events.size());
        QVERIFY(full.resultsPending > 0);
        QVERIFY(full.resultsPending + full.eventsPending <= 100 + 2'000); // the queue and one batch
        QCOMPARE(full.resultsPending + full.resultsDropped, appendedResults - 1);
        const QString summary = store.unwrittenSummary();
        // (No translation is loaded: "%n probe result(s)" stays as it is.)
        QVERIFY2(summary.contains(u"%1 probe result"_s.arg(appendedResults - 1)), qPrintable(summary));
        QVERIFY2(summary.contains(u"10 health event"_s), qPrintable(summary));
        QVERIFY2(summary.contains(store.databasePath()), qPrintable(summary));

        // Said once, not at every attempt.
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10'000);
        QVERIFY2(errors.first().at(0).toString().contains(u"full"_s), qPrintable(errors.first().at(0).toString()));
        QTest::qWait(100);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(recovered.count(), 0);

        // Space comes back: the next attempt writes everything still queued, events included.
        store.setMaxPageCount(0);
        QVERIFY(store.flush());
        QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, 10'000);
        QCOMPARE(errors.count(), 1);
        const WriteReport after = store.writeReport();
        QCOMPARE(after.resultsPending, 0);
        QCOMPARE(after.eventsPending, 0);
        QCOMPARE(after.resultsDropped, full.resultsDropped);
        QCOMPARE(describe(reversed(store.events({}).result())), describe(events));
        QCOMPARE(store.resultCount().result(), appendedResults - after.resultsDropped);
        // The results kept are the newest.
        const QList<ProbeResult> newest = store.recentResults(u"api"_s, 1).result();
        QCOMPARE(newest.size(), 1);
        QCOMPARE(newest.first().timestampMs, 50 * 100 + 9);
    }

    void aFullQueueOfEventsDropsTheOldestEvents()
    {
        ResultStore store; // not open: everything waits
        store.setQueueLimit(10);
        for (int i = 0; i < 25; ++i)
            store.appendEvents({serviceEvent(u"api"_s, i, HealthState::Up, HealthState::Down)});
        const WriteReport report = store.writeReport();
        QCOMPARE(report.resultsDropped, 0);
        QCOMPARE(report.eventsDropped + report.eventsPending, 25);
        QVERIFY(report.eventsPending <= 10);
        QVERIFY(store.open(dataDir()).has_value());
        QVERIFY(store.flush());
        const QList<HealthEvent> kept = store.events({}).result();
        QCOMPARE(kept.size(), report.eventsPending);
        QCOMPARE(kept.first().timestampMs, 24); // the newest are kept
    }

    void aDamagedPageIsReportedOnceAndNotRetried()
    {
        QString path;
        {
            ResultStore store;
            QVERIFY(store.open(dataDir()).has_value());
            path = store.databasePath();
            QList<ProbeResult> results;
            for (int i = 0; i < 3'000; ++i)
                results.append(makeResult(u"svc-%1"_s.arg(i % 50), 0, i));
            store.append(results);
            QVERIFY(store.flush());
        }
        {
            // Every page but the first (the header and the schema) turns to garbage.
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 size = file.size();
            QVERIFY(size > 3 * 4096);
            QVERIFY(file.seek(4096));
            QVERIFY(file.write(QByteArray(size - 4096, char(0x5a))) == size - 4096);
        }

        ResultStore store;
        store.setRetention(keepEverything()); // so that the write, not the retention, meets the damage
        QSignalSpy errors(&store, &ResultStore::writeError);
        const auto opened = store.open(dataDir());
        QVERIFY2(opened.has_value(), opened ? "" : qPrintable(opened.error()));
        store.append({makeResult(u"new"_s, 0, 10'000)});
        QVERIFY(!store.flush());
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10'000);
        const QString message = errors.first().at(0).toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(u"is damaged"_s), qPrintable(message));
        QVERIFY2(message.contains(u"move it aside"_s), qPrintable(message));

        // No retry: flush() answers at once, and nothing more is said.
        store.append({makeResult(u"new"_s, 0, 10'001)});
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!store.flush());
        QVERIFY(timer.elapsed() < 1'000);
        QTest::qWait(1'500); // past the first retry delay
        QCOMPARE(errors.count(), 1);
        QCOMPARE(store.writeReport().resultsPending, 2);
    }

    void readsBeforeOpenAreEmpty()
    {
        ResultStore store;
        QCOMPARE(store.resultCount().result(), 0);
        QCOMPARE(store.latestResults().result().size(), 0);
        QCOMPARE(store.events({}).result().size(), 0);
        QCOMPARE(store.latestStateEvents().result().size(), 0);
        store.append({makeResult(u"api"_s, 0, 1)});
        QVERIFY(!store.flush());
        // What was appended before open() is written once the store is open.
        QVERIFY(store.open(dataDir()).has_value());
        QVERIFY(store.flush());
        QCOMPARE(store.resultCount().result(), 1);
    }

private:
    QString dataDir() const { return m_dir->path(); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestResultStore)
#include "tst_resultstore.moc"
