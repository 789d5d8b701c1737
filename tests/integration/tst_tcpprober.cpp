#include "probeonce.h"
#include "probes/tcpprober.h"
#include "testservers.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

ProbeSpec tcpSpec(const QString &target, const QString &banner = {}, std::chrono::milliseconds timeout = 5s)
{
    ProbeSpec spec;
    spec.kind = ProbeKind::Tcp;
    spec.target = target;
    spec.expectBanner = banner;
    spec.timeout = timeout;
    return spec;
}

std::optional<ProbeResult> probeOnce(const ProbeSpec &spec, qint64 *elapsedMs = nullptr)
{
    return Test::probeOnce<TcpProber>(spec, elapsedMs);
}

} // namespace

class TestTcpProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bannerMatches();
    void bannerMismatch();
    void bannerWithoutLineBreakBeforeClose();
    void longBannerIsJudgedOnItsFirst4KiB();
    void closedBeforeBanner();
    void connectionRefused();
    void silentServerTimesOutWaitingForTheBanner();
    void connectOnlyWhenNoBannerExpected();
    void unresolvableHost();
    void badSpecFailsLater_data();
    void badSpecFailsLater();
    void cancelStopsWithoutEmitting();
    void destructorClosesEveryConnection();
};

void TestTcpProber::bannerMatches()
{
    BannerServer server("220 mail.example.org ESMTP ready\r\n"_ba);
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QVERIFY(result->error.isEmpty());
    const PhaseTimings &p = result->phases;
    QVERIFY(p.resolveMs && p.connectMs && p.processingMs && p.totalMs);
    QVERIFY(!p.tlsMs && !p.transferMs);
    QVERIFY(qAbs(result->latencyMs - (*p.connectMs + *p.processingMs)) < 0.01);
    QVERIFY(qAbs(*p.totalMs - (*p.resolveMs + result->latencyMs)) < 0.01);
}

void TestTcpProber::bannerMismatch()
{
    BannerServer server("554 go away\r\n"_ba);
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Banner);
    QCOMPARE(result->error, u"banner \"554 go away\" does not match ^220 "_s);
    QVERIFY(result->phases.connectMs);
}

void TestTcpProber::bannerWithoutLineBreakBeforeClose()
{
    BannerServer server("+OK POP3 ready"_ba, true);
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^\\+OK"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);

    BannerServer lf("* OK IMAP4rev1\n"_ba);
    const auto imap = probeOnce(tcpSpec(lf.hostPort(), u"^\\* OK IMAP4rev1$"_s));
    QVERIFY(imap);
    QCOMPARE(imap->status, HealthState::Up);
}

void TestTcpProber::longBannerIsJudgedOnItsFirst4KiB()
{
    BannerServer server(QByteArray(10000, 'a'));
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^a{4096}$"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);

    const auto mismatch = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s));
    QVERIFY(mismatch);
    QCOMPARE(mismatch->status, HealthState::Down);
    QCOMPARE(mismatch->error, u"banner \"%1…\" does not match ^220 "_s.arg(QString(200, u'a')));
}

void TestTcpProber::closedBeforeBanner()
{
    BannerServer server({}, true);
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Banner);
    QCOMPARE(result->error, u"connection closed by %1 before a banner"_s.arg(server.hostPort()));
}

void TestTcpProber::connectionRefused()
{
    const quint16 port = closedPort();
    const auto result = probeOnce(tcpSpec(u"127.0.0.1:%1"_s.arg(port)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Connect);
    QCOMPARE(result->error, u"connection refused by 127.0.0.1:%1"_s.arg(port));
    QVERIFY(result->phases.resolveMs);
    QVERIFY(!result->phases.connectMs);
    QVERIFY(!result->phases.processingMs);
}

void TestTcpProber::silentServerTimesOutWaitingForTheBanner()
{
    SilentServer server;
    qint64 elapsed = 0;
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s, 500ms), &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Banner);
    QCOMPARE(result->error, u"no banner within 0.5 s"_s);
    QVERIFY2(elapsed >= 500 && elapsed <= 750, qPrintable(QString::number(elapsed)));
    QVERIFY(result->phases.connectMs);
    QVERIFY(*result->phases.processingMs >= 450);
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestTcpProber::connectOnlyWhenNoBannerExpected()
{
    SilentServer server;
    const auto result = probeOnce(tcpSpec(server.hostPort()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QVERIFY(result->phases.connectMs);
    QVERIFY(!result->phases.processingMs);
    QVERIFY(qAbs(result->latencyMs - *result->phases.connectMs) < 0.01);
    QCOMPARE(server.connectionCount(), 1);
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestTcpProber::unresolvableHost()
{
    const auto result = probeOnce(tcpSpec(u"vigie-probe.invalid:25"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Resolve);
    QCOMPARE(result->error, u"could not resolve host 'vigie-probe.invalid'"_s);
    QVERIFY(!result->phases.connectMs);
}

void TestTcpProber::badSpecFailsLater_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("banner");
    QTest::addColumn<QString>("error");
    QTest::newRow("no port") << u"example.org"_s << QString() << u"'example.org' is not a host:port target"_s;
    QTest::newRow("port out of range") << u"example.org:70000"_s << QString()
                                       << u"'example.org:70000' is not a host:port target"_s;
    QTest::newRow("bare IPv6") << u"::1:25"_s << QString() << u"'::1:25' is not a host:port target"_s;
    QTest::newRow("bad pattern")
        << u"127.0.0.1:25"_s << u"(220"_s
        << u"the banner pattern (220 is not a valid regular expression: missing closing parenthesis"_s;
}

void TestTcpProber::badSpecFailsLater()
{
    QFETCH(QString, target);
    QFETCH(QString, banner);
    QFETCH(QString, error);
    const auto result = probeOnce(tcpSpec(target, banner));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error, error);
}

void TestTcpProber::cancelStopsWithoutEmitting()
{
    SilentServer silent;
    BannerServer banner("220 hi\r\n"_ba);
    TcpProber prober;
    QSignalSpy spy(&prober, &TcpProber::finished);

    prober.start(1, tcpSpec(silent.hostPort(), u"^220 "_s, 10s));
    QTRY_COMPARE(silent.connectionCount(), 1);
    prober.cancel(1);
    QCOMPARE(prober.runningCount(), 0);
    QTRY_COMPARE(silent.openConnections(), 0);

    prober.start(2, tcpSpec(u"no port"_s));
    prober.cancel(2);
    prober.start(3, tcpSpec(u"vigie-probe.invalid:25"_s)); // cancelled while resolving
    prober.cancel(3);
    QCOMPARE(prober.runningCount(), 0);

    prober.start(4, tcpSpec(banner.hostPort(), u"^220 "_s));
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<quint64>(), quint64(4));
}

void TestTcpProber::destructorClosesEveryConnection()
{
    SilentServer server;
    auto prober = std::make_unique<TcpProber>();
    QSignalSpy spy(prober.get(), &TcpProber::finished);
    for (quint64 id = 0; id < 3; ++id)
        prober->start(id, tcpSpec(server.hostPort(), u"^220 "_s, 10s));
    QTRY_COMPARE(server.connectionCount(), 3);
    prober.reset();
    QTRY_COMPARE(server.openConnections(), 0);
    QCOMPARE(spy.size(), 0);
}

QTEST_GUILESS_MAIN(TestTcpProber)
#include "tst_tcpprober.moc"
