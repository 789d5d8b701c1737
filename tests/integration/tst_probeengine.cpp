#include "manualclock.h"
#include "probes/probeengine.h"
#include "testservers.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Vigie;

class TestProbeEngine : public QObject
{
    Q_OBJECT

    QHttpServer m_http;
    quint16 m_httpPort = 0;
    Test::BannerServer m_banner{QByteArrayLiteral("220 ready\r\n")};

    ProbeSpec http(const QString &path, std::chrono::milliseconds interval = 60s)
    {
        ProbeSpec spec;
        spec.setKind(ProbeKind::Http);
        spec.target = u"http://127.0.0.1:%1%2"_s.arg(m_httpPort).arg(path);
        spec.interval = interval;
        spec.timeout = std::min<std::chrono::milliseconds>(interval, 5s);
        return spec;
    }
    ProbeSpec tcp()
    {
        ProbeSpec spec;
        spec.setKind(ProbeKind::Tcp);
        spec.target = u"127.0.0.1:%1"_s.arg(m_banner.port());
        spec.options<TcpOptions>().expectBanner = u"^220 "_s;
        return spec;
    }
    static Service service(const QString &id, QList<ProbeSpec> probes)
    {
        Service s;
        s.id = id;
        s.name = id;
        s.group = u"G"_s;
        s.probes = std::move(probes);
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_http.route(u"/ok"_s, [] { return QHttpServerResponse(QByteArrayLiteral("fine")); });
        m_http.route(u"/fail"_s, [] {
            return QHttpServerResponse(QByteArrayLiteral("no"), QHttpServerResponse::StatusCode::InternalServerError);
        });
        auto *tcp = new QTcpServer;
        QVERIFY(tcp->listen(QHostAddress::LocalHost));
        m_httpPort = tcp->serverPort();
        QVERIFY(m_http.bind(tcp));
    }

    void jitterSpreadsProbesOverTheirInterval()
    {
        constexpr int probes = 1000;
        const auto interval = 60s;
        QHash<qint64, int> perMs;
        QList<int> buckets(10, 0);
        for (int i = 0; i < probes; ++i) {
            const qint64 offset = ProbeEngine::jitterOffsetMs(ProbeKey{u"service-%1"_s.arg(i), 0}, interval);
            QVERIFY(offset >= 0 && offset < 60000);
            ++perMs[offset];
            ++buckets[int(offset / 6000)];
        }
        const int busiestMs = *std::max_element(perMs.cbegin(), perMs.cend());
        QVERIFY2(busiestMs <= 3, qPrintable(QString::number(busiestMs)));
        for (int count : std::as_const(buckets))
            QVERIFY2(count > 60 && count < 140, qPrintable(QString::number(count)));
        // Stable: the same key gets the same slot every time.
        QCOMPARE(ProbeEngine::jitterOffsetMs(ProbeKey{u"portal"_s, 1}, interval),
                 ProbeEngine::jitterOffsetMs(ProbeKey{u"portal"_s, 1}, interval));
    }

    void runOnceRunsEveryProbeOnce()
    {
        Test::ManualClock clock;
        ProbeEngine engine(&clock);
        Workspace ws;
        ws.services = {service(u"web"_s, {http(u"/ok"_s), http(u"/fail"_s)}), service(u"mail"_s, {tcp()})};
        QList<ProbeResult> results;
        connect(&engine, &ProbeEngine::resultsReady, this,
                [&results](const QList<ProbeResult> &batch) { results.append(batch); });
        QSignalSpy done(&engine, &ProbeEngine::finishedOnce);
        engine.setWorkspace(ws);
        engine.runOnce();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.size(), 1);
        QCOMPARE(results.size(), 3); // every result arrived before finishedOnce

        std::sort(results.begin(), results.end(),
                  [](const ProbeResult &a, const ProbeResult &b) { return a.key.toString() < b.key.toString(); });
        QCOMPARE(results[0].key, (ProbeKey{u"mail"_s, 0}));
        QCOMPARE(results[0].kind, u"tcp"_s);
        QCOMPARE(results[0].status, HealthState::Up);
        QCOMPARE(results[1].key, (ProbeKey{u"web"_s, 0}));
        QCOMPARE(results[1].status, HealthState::Up);
        QCOMPARE(results[1].target, u"http://127.0.0.1:%1/ok"_s.arg(m_httpPort));
        QCOMPARE(results[2].key, (ProbeKey{u"web"_s, 1}));
        QCOMPARE(results[2].status, HealthState::Down);
        QCOMPARE(results[2].httpStatus, 500);
        for (const ProbeResult &r : std::as_const(results))
            QCOMPARE(r.timestampMs, clock.nowMs()); // stamped by the injected clock
    }

    void scheduleRepeatsUntilStopped()
    {
        ProbeEngine engine;
        Workspace ws;
        ws.services = {service(u"fast"_s, {http(u"/ok"_s, 150ms)})};
        QList<ProbeResult> results;
        connect(&engine, &ProbeEngine::resultsReady, this,
                [&results](const QList<ProbeResult> &batch) { results.append(batch); });
        QSignalSpy running(&engine, &ProbeEngine::runningCountChanged);
        engine.setWorkspace(ws);
        engine.start();
        QTRY_COMPARE(engine.runningCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(results.size() >= 4, 10000);
        for (int i = 1; i < results.size(); ++i)
            QVERIFY(results[i].timestampMs > results[i - 1].timestampMs);
        engine.stop();
        QTRY_COMPARE(engine.runningCount(), 0);
        QCOMPARE(running.size(), 2);
        QTest::qWait(100); // let a batch already on its way arrive
        const qsizetype afterStop = results.size();
        QTest::qWait(600); // four intervals: a running schedule would have added results
        QCOMPARE(results.size(), afterStop);
    }

    // A hundred probes of one interval on the running engine: each keeps a slot of its own in the
    // interval (its jitter), turn after turn, and together they cover the interval rather than
    // fire in bursts.
    void probesOfOneIntervalAreSpreadOverIt()
    {
        constexpr int count = 100;
        constexpr auto interval = 1000ms;
        constexpr qint64 intervalMs = interval.count();
        constexpr int turns = 3;
        const quint16 refused = Test::closedPort(); // refused at once: the probes cost nothing
        Workspace ws;
        for (int i = 0; i < count; ++i) {
            ProbeSpec spec;
            spec.setKind(ProbeKind::Tcp);
            spec.target = u"127.0.0.1:%1"_s.arg(refused);
            spec.interval = interval;
            spec.timeout = 500ms;
            ws.services.append(service(u"probe-%1"_s.arg(i), {spec}));
        }
        ProbeEngine engine;
        QHash<QString, QList<qint64>> runs; // each probe's start times, by service
        connect(&engine, &ProbeEngine::resultsReady, this, [&runs](const QList<ProbeResult> &batch) {
            for (const ProbeResult &r : batch)
                runs[r.key.serviceId].append(r.timestampMs);
        });
        engine.setWorkspace(ws);
        engine.start();
        const auto allRan = [&runs] {
            return runs.size() == count &&
                   std::ranges::all_of(runs, [](const QList<qint64> &starts) { return starts.size() >= turns; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allRan(), 15000);
        engine.stop();
        QTRY_COMPARE(engine.runningCount(), 0);

        // Where each probe's turns should fall: the start, its jitter, whole intervals.
        QList<qint64> jitters;
        QList<qint64> bases;
        for (int i = 0; i < count; ++i) {
            const QString id = u"probe-%1"_s.arg(i);
            jitters.append(ProbeEngine::jitterOffsetMs(ProbeKey{id, 0}, interval));
            bases.append(runs.value(id).at(0) - jitters.last());
        }
        QList<qint64> sortedBases = bases;
        std::ranges::sort(sortedBases);
        const qint64 start = sortedBases.at(count / 2);
        QList<qint64> offsets; // where in the interval each probe's last turn started
        for (int i = 0; i < count; ++i) {
            const QList<qint64> starts = runs.value(u"probe-%1"_s.arg(i));
            for (int turn = 0; turn < turns; ++turn) {
                const qint64 late = starts.at(turn) - (start + jitters.at(i) + turn * intervalMs);
                QVERIFY2(qAbs(late) <= 100,
                         qPrintable(u"probe-%1, turn %2: %3 ms from its slot"_s.arg(i).arg(turn + 1).arg(late)));
            }
            offsets.append((starts.at(turns - 1) - start) % intervalMs);
        }
        std::ranges::sort(offsets);
        QList<int> tenths(10, 0);
        for (const qint64 offset : std::as_const(offsets))
            ++tenths[int(offset * 10 / intervalMs)];
        for (const int inTenth : std::as_const(tenths))
            QVERIFY2(inTenth >= 4 && inTenth <= 20, qPrintable(QString::number(inTenth)));
        qint64 widestGap = offsets.first() + intervalMs - offsets.last();
        for (int i = 1; i < count; ++i)
            widestGap = std::max(widestGap, offsets.at(i) - offsets.at(i - 1));
        QVERIFY2(widestGap <= 150, qPrintable(u"%1 ms without a probe starting"_s.arg(widestGap)));
    }

    void emptyWorkspaceFinishesAtOnce()
    {
        ProbeEngine engine;
        QSignalSpy done(&engine, &ProbeEngine::finishedOnce);
        engine.setWorkspace(Workspace{});
        engine.runOnce();
        QVERIFY(done.wait(5000));
    }
};

QTEST_GUILESS_MAIN(TestProbeEngine)
#include "tst_probeengine.moc"
