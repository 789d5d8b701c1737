#include "store/migrations.h"
#include "store/resultstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

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
           u"processing=%1 transfer=%2 total=%3 http=%4 failed=%5 error=%6"_s.arg(
               optionalText(r.phases.processingMs), optionalText(r.phases.transferMs), optionalText(r.phases.totalMs),
               QString::number(r.httpStatus), probePhaseName(r.failedPhase), r.error.isNull() ? u"<null>"_s : r.error);
}

QStringList describe(const QList<ProbeResult> &results)
{
    QStringList lines;
    for (const ProbeResult &r : results)
        lines.append(describe(r));
    return lines;
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
        full.error = u"Responded in 123 ms, more than max_latency (100 ms)."_s;

        ProbeResult bare = makeResult(u"api"_s, 1, 1'500, 0, HealthState::Down);
        bare.kind = u"tcp"_s;
        bare.target = u"db.internal:5432"_s;
        bare.phases.resolveMs = 0.0; // measured as zero, which is not "absent"
        bare.failedPhase = ProbePhase::Connect;
        bare.error = u"Connection refused by db.internal:5432 (10.0.0.7)."_s;

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

    void readsBeforeOpenAreEmpty()
    {
        ResultStore store;
        QCOMPARE(store.resultCount().result(), 0);
        QCOMPARE(store.latestResults().result().size(), 0);
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
