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
        spec.target = QStringLiteral("http://127.0.0.1:%1%2").arg(m_httpPort).arg(path);
        spec.interval = interval;
        spec.timeout = std::min<std::chrono::milliseconds>(interval, 5s);
        return spec;
    }
    ProbeSpec tcp()
    {
        ProbeSpec spec;
        spec.setKind(ProbeKind::Tcp);
        spec.target = QStringLiteral("127.0.0.1:%1").arg(m_banner.port());
        spec.options<TcpOptions>().expectBanner = QStringLiteral("^220 ");
        return spec;
    }
    static Service service(const QString &id, QList<ProbeSpec> probes)
    {
        Service s;
        s.id = id;
        s.name = id;
        s.group = QStringLiteral("G");
        s.probes = std::move(probes);
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_http.route(QStringLiteral("/ok"), [] { return QHttpServerResponse(QByteArrayLiteral("fine")); });
        m_http.route(QStringLiteral("/fail"), [] {
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
            const qint64 offset =
                ProbeEngine::jitterOffsetMs(ProbeKey{QStringLiteral("service-%1").arg(i), 0}, interval);
            QVERIFY(offset >= 0 && offset < 60000);
            ++perMs[offset];
            ++buckets[int(offset / 6000)];
        }
        const int busiestMs = *std::max_element(perMs.cbegin(), perMs.cend());
        QVERIFY2(busiestMs <= 3, qPrintable(QString::number(busiestMs)));
        for (int count : std::as_const(buckets))
            QVERIFY2(count > 60 && count < 140, qPrintable(QString::number(count)));
        // Stable: the same key gets the same slot every time.
        QCOMPARE(ProbeEngine::jitterOffsetMs(ProbeKey{QStringLiteral("portal"), 1}, interval),
                 ProbeEngine::jitterOffsetMs(ProbeKey{QStringLiteral("portal"), 1}, interval));
    }

    void runOnceRunsEveryProbeOnce()
    {
        Test::ManualClock clock;
        ProbeEngine engine(&clock);
        Workspace ws;
        ws.services = {service(QStringLiteral("web"), {http(QStringLiteral("/ok")), http(QStringLiteral("/fail"))}),
                       service(QStringLiteral("mail"), {tcp()})};
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
        QCOMPARE(results[0].key, (ProbeKey{QStringLiteral("mail"), 0}));
        QCOMPARE(results[0].kind, QStringLiteral("tcp"));
        QCOMPARE(results[0].status, HealthState::Up);
        QCOMPARE(results[1].key, (ProbeKey{QStringLiteral("web"), 0}));
        QCOMPARE(results[1].status, HealthState::Up);
        QCOMPARE(results[1].target, QStringLiteral("http://127.0.0.1:%1/ok").arg(m_httpPort));
        QCOMPARE(results[2].key, (ProbeKey{QStringLiteral("web"), 1}));
        QCOMPARE(results[2].status, HealthState::Down);
        QCOMPARE(results[2].httpStatus, 500);
        for (const ProbeResult &r : std::as_const(results))
            QCOMPARE(r.timestampMs, clock.nowMs()); // stamped by the injected clock
    }

    void scheduleRepeatsUntilStopped()
    {
        ProbeEngine engine;
        Workspace ws;
        ws.services = {service(QStringLiteral("fast"), {http(QStringLiteral("/ok"), 150ms)})};
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
