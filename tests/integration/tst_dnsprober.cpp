#include "probeonce.h"
#include "probes/dnsprober.h"
#include "realservers.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

// Reads every query on 127.0.0.1 and never answers: a DNS server that is up but silent.
class SilentDnsServer
{
public:
    SilentDnsServer()
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        QObject::connect(&m_socket, &QUdpSocket::readyRead, &m_socket, [this] {
            while (m_socket.hasPendingDatagrams()) {
                m_socket.receiveDatagram();
                ++m_queries;
            }
        });
    }
    QString address() const { return u"127.0.0.1:"_s + QString::number(m_socket.localPort()); }
    int queries() const { return m_queries; }

private:
    QUdpSocket m_socket;
    int m_queries = 0;
};

std::optional<ProbeResult> probeOnce(const ProbeSpec &spec, qint64 *elapsedMs = nullptr)
{
    return Test::probeOnce<DnsProber>(spec, elapsedMs);
}

} // namespace

class TestDnsProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void answers_data();
    void answers();
    void expectedValuesPresent();
    void expectedValuesMissing();
    void answerPattern();
    void nonExistentName();
    void noRecordsOfThatType();
    void refusedOutsideTheZone();
    void conditionsSeeAnswersAndRcode();
    void manyAnswersAreShortened();
    // Before any other test leaves a lookup to a silent server behind: Qt's lookup threads are
    // the process's, and a lookup the resolver still waits for holds one whatever its prober does.
    void aSilentServerCannotTakeEveryThread();
    void silentServerEndsAtTheDeadline();
    void badSpecFailsLater_data();
    void badSpecFailsLater();
    void cancelStopsWithoutEmitting();

private:
    ProbeSpec dnsSpec(const QString &name, DnsRecordType type, std::chrono::milliseconds timeout = 10s) const
    {
        ProbeSpec spec;
        spec.setKind(ProbeKind::Dns);
        spec.target = name;
        spec.options<DnsOptions>().recordType = type;
        spec.options<DnsOptions>().dnsServer = m_dns.hostPort();
        spec.timeout = timeout;
        return spec;
    }

    DnsmasqServer m_dns;
};

void TestDnsProber::initTestCase()
{
    QStringList records{
        u"--host-record=www.vigie.test,192.0.2.10"_s,
        u"--host-record=www.vigie.test,192.0.2.11"_s,
        u"--host-record=v6.vigie.test,2001:db8::1"_s,
        u"--host-record=Mail.Vigie.test,192.0.2.25"_s,
        u"--cname=alias.vigie.test,www.vigie.test"_s,
        u"--mx-host=vigie.test,mail.vigie.test,10"_s,
        u"--mx-host=vigie.test,backup-mail.vigie.test,20"_s,
        u"--txt-record=vigie.test,v=spf1 -all"_s,
        u"--txt-record=long.vigie.test,first part ,second part"_s,
        u"--srv-host=_sip._udp.vigie.test,sip.vigie.test,5060,10,5"_s,
        // Authoritative for vigie.test on 127.0.0.1, which makes dnsmasq answer NS queries.
        u"--auth-server=ns1.vigie.test,127.0.0.1"_s,
        u"--auth-zone=vigie.test"_s,
        u"--auth-sec-servers=ns2.vigie.test"_s,
    };
    for (int i = 1; i <= 8; ++i)
        records << u"--host-record=many.vigie.test,192.0.2.%1"_s.arg(100 + i);
    QVERIFY2(m_dns.start(records), m_dns.output().constData());
}

void TestDnsProber::answers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<DnsRecordType>("type");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("A") << u"www.vigie.test"_s << DnsRecordType::A << QStringList{u"192.0.2.10"_s, u"192.0.2.11"_s};
    QTest::newRow("AAAA") << u"v6.vigie.test"_s << DnsRecordType::AAAA << QStringList{u"2001:db8::1"_s};
    QTest::newRow("CNAME") << u"alias.vigie.test"_s << DnsRecordType::CNAME << QStringList{u"www.vigie.test"_s};
    QTest::newRow("MX") << u"vigie.test"_s << DnsRecordType::MX
                        << QStringList{u"10 mail.vigie.test"_s, u"20 backup-mail.vigie.test"_s};
    QTest::newRow("TXT") << u"vigie.test"_s << DnsRecordType::TXT << QStringList{u"v=spf1 -all"_s};
    QTest::newRow("TXT in parts") << u"long.vigie.test"_s << DnsRecordType::TXT
                                  << QStringList{u"first part second part"_s};
    QTest::newRow("NS") << u"vigie.test"_s << DnsRecordType::NS
                        << QStringList{u"ns1.vigie.test"_s, u"ns2.vigie.test"_s};
    QTest::newRow("SRV") << u"_sip._udp.vigie.test"_s << DnsRecordType::SRV
                         << QStringList{u"10 5 5060 sip.vigie.test"_s};
}

void TestDnsProber::answers()
{
    QFETCH(QString, name);
    QFETCH(DnsRecordType, type);
    QFETCH(QStringList, expected);

    const auto result = probeOnce(dnsSpec(name, type));
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QVERIFY(result->error.toString().isEmpty());

    const QString prefix = QString::fromLatin1(QTest::currentDataTag()).section(u' ', 0, 0) + u' ';
    QVERIFY2(result->detail.toString().startsWith(prefix), qPrintable(result->detail.toString()));
    QStringList shown = result->detail.toString().mid(prefix.size()).split(u", "_s);
    shown.sort();
    expected.sort();
    QCOMPARE(shown, expected);

    QVERIFY(result->phases.resolveMs && result->phases.totalMs);
    QCOMPARE(result->latencyMs, *result->phases.totalMs);
    QVERIFY(*result->phases.resolveMs <= *result->phases.totalMs);
}

void TestDnsProber::expectedValuesPresent()
{
    ProbeSpec spec = dnsSpec(u"www.vigie.test"_s, DnsRecordType::A);
    spec.options<DnsOptions>().expectValues = {u"192.0.2.11"_s, u"192.0.2.10"_s};
    const auto a = probeOnce(spec);
    QVERIFY(a);
    QVERIFY2(a->status == HealthState::Up, qPrintable(a->error.toString()));

    // Names compare without regard to case or a trailing dot.
    spec = dnsSpec(u"vigie.test"_s, DnsRecordType::MX);
    spec.options<DnsOptions>().expectValues = {u"10 MAIL.vigie.test."_s};
    const auto mx = probeOnce(spec);
    QVERIFY(mx);
    QVERIFY2(mx->status == HealthState::Up, qPrintable(mx->error.toString()));

    spec = dnsSpec(u"v6.vigie.test"_s, DnsRecordType::AAAA);
    spec.options<DnsOptions>().expectValues = {u"2001:DB8:0::1"_s};
    const auto aaaa = probeOnce(spec);
    QVERIFY(aaaa);
    QVERIFY2(aaaa->status == HealthState::Up, qPrintable(aaaa->error.toString()));
}

void TestDnsProber::expectedValuesMissing()
{
    ProbeSpec spec = dnsSpec(u"www.vigie.test"_s, DnsRecordType::A);
    spec.options<DnsOptions>().expectValues = {u"192.0.2.10"_s, u"192.0.2.99"_s, u"192.0.2.98"_s};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Dns);
    QVERIFY2(
        result->error.toString().startsWith(u"192.0.2.99, 192.0.2.98 not among the A answers for www.vigie.test ("_s),
        qPrintable(result->error.toString()));
    QVERIFY(result->error.toString().contains(u"192.0.2.10"_s) && result->error.toString().contains(u"192.0.2.11"_s));
    QVERIFY(result->detail.toString().startsWith(u"A "_s));

    // TXT values are compared exactly.
    spec = dnsSpec(u"vigie.test"_s, DnsRecordType::TXT);
    spec.options<DnsOptions>().expectValues = {u"V=SPF1 -all"_s};
    const auto txt = probeOnce(spec);
    QVERIFY(txt);
    QCOMPARE(txt->status, HealthState::Down);
    QCOMPARE(txt->error.toString(), u"V=SPF1 -all not among the TXT answers for vigie.test (v=spf1 -all)"_s);
}

void TestDnsProber::answerPattern()
{
    ProbeSpec spec = dnsSpec(u"www.vigie.test"_s, DnsRecordType::A);
    spec.options<DnsOptions>().expectMatches = u"^192\\.0\\.2\\.1[01]$"_s;
    const auto matched = probeOnce(spec);
    QVERIFY(matched);
    QVERIFY2(matched->status == HealthState::Up, qPrintable(matched->error.toString()));

    spec.options<DnsOptions>().expectMatches = u"^10\\."_s;
    const auto missed = probeOnce(spec);
    QVERIFY(missed);
    QCOMPARE(missed->status, HealthState::Down);
    QCOMPARE(missed->failedPhase, ProbePhase::Dns);
    QVERIFY2(missed->error.toString().startsWith(u"no A answer for www.vigie.test matches ^10\\. ("_s),
             qPrintable(missed->error.toString()));
}

void TestDnsProber::nonExistentName()
{
    const auto result = probeOnce(dnsSpec(u"nowhere.vigie.test"_s, DnsRecordType::A));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Dns);
    QCOMPARE(result->error.toString(), u"nowhere.vigie.test does not exist (NXDOMAIN from %1)"_s.arg(m_dns.hostPort()));
    QCOMPARE(result->detail.toString(), u"A NXDOMAIN"_s);
}

void TestDnsProber::noRecordsOfThatType()
{
    const auto result = probeOnce(dnsSpec(u"www.vigie.test"_s, DnsRecordType::MX));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Dns);
    QCOMPARE(result->error.toString(), u"www.vigie.test has no MX records at %1"_s.arg(m_dns.hostPort()));
}

void TestDnsProber::refusedOutsideTheZone()
{
    // dnsmasq has no upstream and is authoritative only for vigie.test.
    const auto result = probeOnce(dnsSpec(u"example.org"_s, DnsRecordType::A));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Dns);
    QVERIFY2(result->error.toString().startsWith(
                 u"looking up the A records of example.org at %1 failed: "_s.arg(m_dns.hostPort())),
             qPrintable(result->error.toString()));
    QVERIFY2(result->error.toString().endsWith(u"(REFUSED)"_s), qPrintable(result->error.toString()));
}

void TestDnsProber::conditionsSeeAnswersAndRcode()
{
    ProbeSpec spec = dnsSpec(u"www.vigie.test"_s, DnsRecordType::A);
    const auto rcode = Condition::parse(u"[DNS_RCODE] == NOERROR"_s);
    const auto answer = Condition::parse(u"[DNS_ANSWERS] == 192.0.2.11"_s);
    QVERIFY(rcode && answer);
    spec.conditions = {*rcode, *answer};
    const auto up = probeOnce(spec);
    QVERIFY(up);
    QVERIFY2(up->status == HealthState::Up, qPrintable(up->error.toString()));

    const auto other = Condition::parse(u"[DNS_ANSWERS] == 192.0.2.77"_s, true);
    QVERIFY(other);
    spec.conditions = {*other};
    const auto degraded = probeOnce(spec);
    QVERIFY(degraded);
    QCOMPARE(degraded->status, HealthState::Degraded);
    QCOMPARE(degraded->failedPhase, ProbePhase::Condition);
    QVERIFY2(degraded->error.toString().contains(u"[DNS_ANSWERS] == 192.0.2.77"_s),
             qPrintable(degraded->error.toString()));

    spec.target = u"nowhere.vigie.test"_s;
    const auto nx = Condition::parse(u"[DNS_RCODE] == NXDOMAIN"_s);
    QVERIFY(nx);
    spec.conditions = {*nx};
    const auto stillDown = probeOnce(spec);
    QVERIFY(stillDown);
    QCOMPARE(stillDown->status, HealthState::Down);
    QCOMPARE(stillDown->failedPhase, ProbePhase::Dns);
}

void TestDnsProber::manyAnswersAreShortened()
{
    const auto result = probeOnce(dnsSpec(u"many.vigie.test"_s, DnsRecordType::A));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QVERIFY2(result->detail.toString().startsWith(u"A 192.0.2.1"_s), qPrintable(result->detail.toString()));
    QVERIFY2(result->detail.toString().endsWith(u" +3 more"_s), qPrintable(result->detail.toString()));
    QCOMPARE(result->detail.toString().count(u", "_s), 4);
}

void TestDnsProber::silentServerEndsAtTheDeadline()
{
    SilentDnsServer silent;
    ProbeSpec spec = dnsSpec(u"www.vigie.test"_s, DnsRecordType::A, 1500ms);
    spec.options<DnsOptions>().dnsServer = silent.address();
    qint64 elapsed = 0;
    const auto result = probeOnce(spec, &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Dns);
    QCOMPARE(result->error.toString(), u"no answer from %1 within 1.5 s"_s.arg(silent.address()));
    QVERIFY2(elapsed >= 1500 && elapsed <= 1650, qPrintable(QString::number(elapsed)));
    QVERIFY(silent.queries() >= 1);
}

// Qt resolves on a pool of 5 threads and cannot stop a lookup the resolver still waits for (about
// 10 s for a silent server). A silent server may hold at most 4 of them, and once it has let a
// lookup down only that one more: the servers that answer keep their probes running.
void TestDnsProber::aSilentServerCannotTakeEveryThread()
{
    SilentDnsServer silent;
    DnsProber prober;
    QSignalSpy spy(&prober, &Prober::finished);
    const auto resultAt = [&spy](qsizetype i) { return spy.at(i).at(1).value<ProbeResult>(); };
    const auto silentSpec = [&](std::chrono::milliseconds timeout) {
        ProbeSpec spec = dnsSpec(u"www.vigie.test"_s, DnsRecordType::A, timeout);
        spec.options<DnsOptions>().dnsServer = silent.address();
        return spec;
    };
    QElapsedTimer clock;
    clock.start();
    for (quint64 id = 1; id <= 6; ++id)
        prober.start(id, silentSpec(500ms));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 6, 5000);
    QVERIFY2(clock.elapsed() <= 550 + 200, qPrintable(QString::number(clock.elapsed())));
    int unanswered = 0;
    int neverStarted = 0;
    for (qsizetype i = 0; i < spy.size(); ++i) {
        const ProbeResult result = resultAt(i);
        QCOMPARE(result.status, HealthState::Down);
        QCOMPARE(result.failedPhase, ProbePhase::Dns);
        if (result.error.toString() == u"no answer from %1 within 0.5 s"_s.arg(silent.address()))
            ++unanswered;
        else if (result.error.toString().startsWith(u"the lookup of www.vigie.test could not start within 0.5 s: "_s))
            ++neverStarted;
    }
    QCOMPARE(unanswered, 4);
    QCOMPARE(neverStarted, 2);

    // The silent server's four lookups still hold their threads: a server that answers still gets
    // one, and the silent one none, its probe failing at its deadline with the reason.
    prober.start(7, silentSpec(1s));
    prober.start(8, dnsSpec(u"www.vigie.test"_s, DnsRecordType::A, 1s));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 8, 5000);
    const auto byId = [&spy](quint64 id) {
        for (const QList<QVariant> &args : std::as_const(spy))
            if (args.at(0).toULongLong() == id)
                return args.at(1).value<ProbeResult>();
        return ProbeResult{};
    };
    const ProbeResult answered = byId(8);
    QVERIFY2(answered.status == HealthState::Up, qPrintable(answered.error.toString()));
    QCOMPARE(byId(7).error.toString(),
             u"the lookup of www.vigie.test could not start within 1.0 s: %1 still has not answered "
             "an earlier lookup"_s.arg(silent.address()));

    // Once the resolver gives up on the silent server's lookups, its probes run again (and wait for
    // an answer until their own deadline).
    bool ranAgain = false;
    for (quint64 id = 9; id < 9 + 30 && !ranAgain; ++id) {
        prober.start(id, silentSpec(1s));
        QTRY_VERIFY_WITH_TIMEOUT(byId(id).status != HealthState::Unknown, 5000);
        ranAgain = byId(id).error.toString() == u"no answer from %1 within 1.0 s"_s.arg(silent.address());
    }
    QVERIFY(ranAgain);
}

void TestDnsProber::badSpecFailsLater_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("error");

    QTest::newRow("no name") << u" "_s << QString() << QString() << u"the DNS probe has no name to look up"_s;
    QTest::newRow("bad server")
        << u"www.vigie.test"_s << u"dns.example.org"_s << QString()
        << u"'dns.example.org' is not a DNS server address (an IP address, optionally with :port; IPv6 as "
           "[address]:port)"_s;
    QTest::newRow("bad port") << u"www.vigie.test"_s << u"127.0.0.1:70000"_s << QString()
                              << u"'127.0.0.1:70000' is not a DNS server address (an IP address, optionally with "
                                 ":port; IPv6 as [address]:port)"_s;
    QTest::newRow("bad pattern")
        << u"www.vigie.test"_s << QString() << u"(unclosed"_s
        << u"the answer pattern (unclosed is not a valid regular expression: missing closing parenthesis"_s;
}

void TestDnsProber::badSpecFailsLater()
{
    QFETCH(QString, name);
    QFETCH(QString, server);
    QFETCH(QString, pattern);
    QFETCH(QString, error);

    ProbeSpec spec = dnsSpec(name, DnsRecordType::A);
    spec.options<DnsOptions>().dnsServer = server;
    spec.options<DnsOptions>().expectMatches = pattern;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error.toString(), error);
}

void TestDnsProber::cancelStopsWithoutEmitting()
{
    DnsProber prober;
    QSignalSpy spy(&prober, &Prober::finished);
    prober.start(1, dnsSpec(u"www.vigie.test"_s, DnsRecordType::A));
    prober.start(2, dnsSpec(u"vigie.test"_s, DnsRecordType::MX));
    prober.cancel(1);
    QCOMPARE(prober.runningCount(), 1);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<quint64>(), quint64(2));
    QCOMPARE(prober.runningCount(), 0);
}

QTEST_GUILESS_MAIN(TestDnsProber)
#include "tst_dnsprober.moc"
