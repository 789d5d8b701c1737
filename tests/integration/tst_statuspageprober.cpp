#include "probeonce.h"
#include "probes/statuspageprober.h"
#include "testservers.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QString::fromUtf8(VIGIE_TEST_DATA "/statuspage/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

struct SeenRequest
{
    QString path;
    QByteArray userAgent;
    QByteArray cookie;
};

} // namespace

class TestStatuspageProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { m_requests.clear(); }

    void allOperational();
    void targetForms_data();
    void targetForms();
    void minorIncidentDegrades();
    void namedComponents_data();
    void namedComponents();
    void componentUnderMaintenance_data();
    void componentUnderMaintenance();
    void scheduledMaintenanceInProgress_data();
    void scheduledMaintenanceInProgress();
    void missingComponentIsAConfigError();
    void notJson();
    void notASummary();
    void httpErrorStatus();
    void bodyLargerThan4MiB();
    void silentServerEndsWithinTheTimeout();
    void connectionRefused();
    void conditions_data();
    void conditions();
    void badSpecFailsLater_data();
    void badSpecFailsLater();
    void noCookiesAreKept();
    void cancelStopsWithoutEmitting();
    void verifyingProbeNeverReusesAnUnverifiedConnection();

private:
    QString url(const QString &path) const { return u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path); }
    ProbeSpec spec(const QString &path, const QStringList &components = {}) const
    {
        ProbeSpec s;
        s.setKind(ProbeKind::Statuspage);
        s.target = url(path);
        s.options<StatuspageOptions>().components = components;
        s.timeout = 5s;
        return s;
    }
    static std::optional<ProbeResult> probeOnce(const ProbeSpec &spec, qint64 *elapsedMs = nullptr)
    {
        return Test::probeOnce<StatuspageProber>(spec, elapsedMs);
    }

    QHttpServer m_server;
    quint16 m_port = 0;
    QList<SeenRequest> m_requests;
};

void TestStatuspageProber::initTestCase()
{
    const auto record = [this](const QHttpServerRequest &request) {
        m_requests.append({request.url().path(), request.value("User-Agent"), request.value("Cookie")});
    };
    const auto json = [](const QByteArray &body) { return QHttpServerResponse("application/json"_ba, body); };

    m_server.route(u"/<arg>/api/v2/summary.json"_s, [=](const QString &name, const QHttpServerRequest &request) {
        record(request);
        if (name == "not-json"_L1)
            return QHttpServerResponse("text/html"_ba, fixture(u"not-json.html"_s));
        if (name == "unavailable"_L1)
            return QHttpServerResponse("text/plain"_ba, "upstream down"_ba,
                                       QHttpServerResponse::StatusCode::ServiceUnavailable);
        if (name == "huge"_L1)
            return json(QByteArray(5 * 1024 * 1024, ' '));
        if (name == "array"_L1)
            return json("[1, 2, 3]"_ba);
        if (name == "cookie"_L1) {
            QHttpServerResponse response = json(fixture(u"all-operational.json"_s));
            QHttpHeaders headers = response.headers();
            headers.append(QHttpHeaders::WellKnownHeader::SetCookie, "session=abc123; Path=/");
            response.setHeaders(std::move(headers));
            return response;
        }
        return json(fixture(name + u".json"_s));
    });
    m_server.route(u"/direct/summary.json"_s, [=](const QHttpServerRequest &request) {
        record(request);
        return json(fixture(u"all-operational.json"_s));
    });

    auto *tcp = new QTcpServer(&m_server);
    QVERIFY(tcp->listen(QHostAddress::LocalHost));
    QVERIFY(m_server.bind(tcp));
    m_port = tcp->serverPort();
}

void TestStatuspageProber::allOperational()
{
    const auto result = probeOnce(spec(u"/all-operational"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QCOMPARE(result->error.toString(), QString());
    QCOMPARE(result->detail.toString(), u"All Systems Operational"_s);
    QCOMPARE(result->httpStatus, 200);
    QVERIFY(!result->maintenance);
    QVERIFY(result->latencyMs > 0);
    QVERIFY(result->phases.totalMs);
    QCOMPARE(*result->phases.totalMs, result->latencyMs);

    QCOMPARE(m_requests.size(), 1);
    QCOMPARE(m_requests.at(0).path, u"/all-operational/api/v2/summary.json"_s);
    QCOMPARE(m_requests.at(0).userAgent, QByteArray("Vigie/" VIGIE_VERSION));
}

void TestStatuspageProber::targetForms_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("requested");

    QTest::newRow("page root") << u"/all-operational"_s << u"/all-operational/api/v2/summary.json"_s;
    QTest::newRow("trailing slash") << u"/all-operational/"_s << u"/all-operational/api/v2/summary.json"_s;
    QTest::newRow("a .json file") << u"/direct/summary.json"_s << u"/direct/summary.json"_s;
}

void TestStatuspageProber::targetForms()
{
    QFETCH(QString, target);
    QFETCH(QString, requested);
    const auto result = probeOnce(spec(target));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(m_requests.size(), 1);
    QCOMPARE(m_requests.at(0).path, requested);
}

void TestStatuspageProber::minorIncidentDegrades()
{
    const auto result = probeOnce(spec(u"/minor-incident"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Degraded);
    QCOMPARE(result->failedPhase, ProbePhase::Provider);
    QCOMPARE(result->error.toString(), u"Provider reports: Webhooks degraded performance"_s);
    QCOMPARE(result->detail.toString(), u"Minor Service Outage · incident \"Webhook delays\" (identified)"_s);
    QVERIFY(!result->maintenance);
}

void TestStatuspageProber::namedComponents_data()
{
    QTest::addColumn<QStringList>("components");
    QTest::addColumn<HealthState>("status");
    QTest::addColumn<QString>("error");

    QTest::newRow("page indicator, groups skipped")
        << QStringList() << HealthState::Down
        << u"Provider reports: API Requests partial outage, Webhooks major outage"_s;
    QTest::newRow("both broken components")
        << QStringList{u"API Requests"_s, u"Webhooks"_s} << HealthState::Down
        << u"Provider reports: API Requests partial outage, Webhooks major outage"_s;
    QTest::newRow("partial outage only") << QStringList{u"API Requests"_s} << HealthState::Degraded
                                         << u"Provider reports: API Requests partial outage"_s;
    QTest::newRow("operational component") << QStringList{u"Dashboard"_s} << HealthState::Up << QString();
    QTest::newRow("group named, any case")
        << QStringList{u"core platform"_s} << HealthState::Down << u"Provider reports: Core Platform major outage"_s;
}

void TestStatuspageProber::namedComponents()
{
    QFETCH(QStringList, components);
    QFETCH(HealthState, status);
    QFETCH(QString, error);
    const auto result = probeOnce(spec(u"/major-outage"_s, components));
    QVERIFY(result);
    QCOMPARE(result->status, status);
    QCOMPARE(result->failedPhase, status == HealthState::Up ? ProbePhase::None : ProbePhase::Provider);
    QCOMPARE(result->error.toString(), error);
    QCOMPARE(result->detail.toString(),
             u"Partial System Outage · incident \"Elevated API errors\" (investigating) · incident "
             u"\"Webhooks not delivered\" (monitoring)"_s);
}

void TestStatuspageProber::componentUnderMaintenance_data()
{
    QTest::addColumn<QStringList>("components");
    QTest::addColumn<bool>("maintenance");

    QTest::newRow("the component in maintenance") << QStringList{u"Dashboard"_s} << true;
    QTest::newRow("with an operational one") << QStringList{u"Webhooks"_s, u"Dashboard"_s} << true;
    QTest::newRow("another component") << QStringList{u"Webhooks"_s} << false;
}

void TestStatuspageProber::componentUnderMaintenance()
{
    QFETCH(QStringList, components);
    QFETCH(bool, maintenance);
    const auto result = probeOnce(spec(u"/component-maintenance"_s, components));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->error.toString(), QString());
    QCOMPARE(result->maintenance, maintenance);
}

void TestStatuspageProber::scheduledMaintenanceInProgress_data()
{
    QTest::addColumn<QStringList>("components");
    QTest::addColumn<bool>("maintenance");
    QTest::addColumn<QString>("detail");

    const QString inProgress = u"All Systems Operational · maintenance \"Database upgrade\" in progress"_s;
    QTest::newRow("no component named") << QStringList() << true << inProgress;
    QTest::newRow("the affected component") << QStringList{u"API Requests"_s} << true << inProgress;
    // The Dashboard's maintenance is only scheduled, not under way.
    QTest::newRow("another component") << QStringList{u"Dashboard"_s} << false << u"All Systems Operational"_s;
}

void TestStatuspageProber::scheduledMaintenanceInProgress()
{
    QFETCH(QStringList, components);
    QFETCH(bool, maintenance);
    QFETCH(QString, detail);
    const auto result = probeOnce(spec(u"/maintenance-in-progress"_s, components));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->maintenance, maintenance);
    QCOMPARE(result->detail.toString(), detail);
}

void TestStatuspageProber::missingComponentIsAConfigError()
{
    const auto result = probeOnce(spec(u"/all-operational"_s, {u"Webhooks"_s, u"Billing"_s}));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error.toString(),
             u"the status page %1 has no component \"Billing\"; it lists API Requests, Webhooks, "
             u"Dashboard"_s.arg(url(u"/all-operational/api/v2/summary.json"_s)));
}

void TestStatuspageProber::notJson()
{
    const auto result = probeOnce(spec(u"/not-json"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Body);
    QCOMPARE(result->httpStatus, 200);
    const QString expected =
        u"the status page %1 did not send JSON (line 1, column "_s.arg(url(u"/not-json/api/v2/summary.json"_s));
    QVERIFY2(result->error.toString().startsWith(expected), qPrintable(result->error.toString()));
}

void TestStatuspageProber::notASummary()
{
    const auto result = probeOnce(spec(u"/array"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Body);
    QCOMPARE(result->error.toString(),
             u"%1 is not a Statuspage v2 summary: it is not a JSON object"_s.arg(url(u"/array/api/v2/summary.json"_s)));
}

void TestStatuspageProber::httpErrorStatus()
{
    const auto result = probeOnce(spec(u"/unavailable"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Status);
    QCOMPARE(result->httpStatus, 503);
    QVERIFY2(result->error.toString().startsWith(
                 u"the status page %1 answered HTTP 503"_s.arg(url(u"/unavailable/api/v2/summary.json"_s))),
             qPrintable(result->error.toString()));
}

void TestStatuspageProber::bodyLargerThan4MiB()
{
    const auto result = probeOnce(spec(u"/huge"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Body);
    QVERIFY2(result->error.toString().contains(u"4 MiB"_s), qPrintable(result->error.toString()));
}

void TestStatuspageProber::silentServerEndsWithinTheTimeout()
{
    SilentServer silent;
    ProbeSpec s = spec({});
    s.target = silent.url();
    s.timeout = 2s;
    qint64 elapsed = 0;
    const auto result = probeOnce(s, &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Processing);
    QCOMPARE(result->error.toString(),
             u"timed out after 2.0 s waiting for %1 to answer"_s.arg(silent.url(u"/api/v2/summary.json"_s)));
    QVERIFY2(elapsed >= 2000 && elapsed <= 2200, qPrintable(QString::number(elapsed)));
}

void TestStatuspageProber::connectionRefused()
{
    const quint16 port = closedPort();
    ProbeSpec s = spec({});
    s.target = u"http://127.0.0.1:%1/"_s.arg(port);
    const auto result = probeOnce(s);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Connect);
    QCOMPARE(result->error.toString(), u"connection refused by 127.0.0.1:%1"_s.arg(port));
}

void TestStatuspageProber::conditions_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<bool>("warning");
    QTest::addColumn<HealthState>("status");
    QTest::addColumn<ProbePhase>("phase");
    QTest::addColumn<QString>("error");

    QTest::newRow("passing") << u"/all-operational"_s << u"[BODY].page.name == \"Acme Payments\""_s << false
                             << HealthState::Up << ProbePhase::None << QString();
    QTest::newRow("status and header") << u"/all-operational"_s << u"[HEADER].Content-Type =~ json"_s << false
                                       << HealthState::Up << ProbePhase::None << QString();
    QTest::newRow("critical failing downs") << u"/minor-incident"_s << u"[BODY].status.indicator == none"_s << false
                                            << HealthState::Down << ProbePhase::Condition
                                            << u"[BODY].status.indicator == none failed: [BODY].status.indicator was "
                                               u"\"minor\""_s;
    QTest::newRow("warning failing degrades")
        << u"/all-operational"_s << u"len([BODY].components) > 5"_s << true << HealthState::Degraded
        << ProbePhase::Condition << u"len([BODY].components) > 5 failed: len([BODY].components) was 3"_s;
    QTest::newRow("provider worse than a warning")
        << u"/major-outage"_s << u"[BODY].page.name == Other"_s << true << HealthState::Down << ProbePhase::Provider
        << u"Provider reports: API Requests partial outage, Webhooks major outage"_s;
}

void TestStatuspageProber::conditions()
{
    QFETCH(QString, page);
    QFETCH(QString, condition);
    QFETCH(bool, warning);
    QFETCH(HealthState, status);
    QFETCH(ProbePhase, phase);
    QFETCH(QString, error);
    ProbeSpec s = spec(page);
    const auto parsed = Condition::parse(condition, warning);
    QVERIFY(parsed);
    s.conditions = {*parsed};
    const auto result = probeOnce(s);
    QVERIFY(result);
    QCOMPARE(result->status, status);
    QCOMPARE(result->failedPhase, phase);
    QCOMPARE(result->error.toString(), error);
}

void TestStatuspageProber::badSpecFailsLater_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("error");

    QTest::newRow("not http") << u"ftp://status.example.com/"_s << QString() << 5000
                              << u"'ftp://status.example.com/' is not an http:// or https:// URL"_s;
    QTest::newRow("no host") << u"https:///api"_s << QString() << 5000
                             << u"'https:///api' is not an http:// or https:// URL"_s;
    QTest::newRow("zero timeout") << u"https://status.example.com"_s << QString() << 0
                                  << u"the timeout of the probe of https://status.example.com must be positive"_s;
    QTest::newRow("unreadable CA file") << u"https://status.example.com"_s
                                        << QString::fromUtf8(VIGIE_TEST_DATA "/statuspage/no-such-ca.pem") << 5000
                                        << u"the CA file " VIGIE_TEST_DATA
                                           "/statuspage/no-such-ca.pem could not be read or holds no PEM certificate"_s;
}

void TestStatuspageProber::badSpecFailsLater()
{
    QFETCH(QString, target);
    QFETCH(QString, caFile);
    QFETCH(int, timeoutMs);
    QFETCH(QString, error);
    ProbeSpec s = spec({});
    s.target = target;
    s.options<StatuspageOptions>().tls.caFile = caFile;
    s.timeout = std::chrono::milliseconds(timeoutMs);

    StatuspageProber prober;
    QSignalSpy spy(&prober, &Prober::finished);
    prober.start(3, s);
    QVERIFY(spy.isEmpty());
    QCOMPARE(prober.runningCount(), 1);
    QVERIFY(spy.wait(5000));
    const auto result = spy.at(0).at(1).value<ProbeResult>();
    QCOMPARE(spy.at(0).at(0).value<quint64>(), quint64(3));
    QCOMPARE(result.status, HealthState::Down);
    QCOMPARE(result.failedPhase, ProbePhase::Config);
    QCOMPARE(result.error.toString(), error);
    QCOMPARE(prober.runningCount(), 0);
}

void TestStatuspageProber::noCookiesAreKept()
{
    StatuspageProber prober;
    QSignalSpy spy(&prober, &Prober::finished);
    prober.start(1, spec(u"/cookie"_s));
    QVERIFY(spy.wait(10000));
    prober.start(2, spec(u"/cookie"_s));
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(1).value<ProbeResult>().status, HealthState::Up);
    QCOMPARE(m_requests.size(), 2);
    QCOMPARE(m_requests.at(1).cookie, QByteArray());
}

void TestStatuspageProber::cancelStopsWithoutEmitting()
{
    SilentServer silent;
    StatuspageProber prober;
    QSignalSpy spy(&prober, &Prober::finished);
    ProbeSpec silentSpec = spec({});
    silentSpec.target = silent.url();
    silentSpec.timeout = 1s;
    prober.start(1, silentSpec);
    QTRY_COMPARE_WITH_TIMEOUT(silent.connectionCount(), 1, 5000);
    prober.cancel(1);
    QCOMPARE(prober.runningCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(silent.openConnections(), 0, 5000);

    // A later probe's result is the only one that comes, even past the cancelled one's deadline.
    ProbeSpec slowSpec = spec({});
    slowSpec.target = silent.url();
    slowSpec.timeout = 1500ms;
    prober.start(2, slowSpec);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<quint64>(), quint64(2));
}

// An insecure probe and a verifying one of the same server, on one prober: the verifying one must
// judge the certificate itself, not ride on the connection the insecure one left open (the server
// keeps connections alive).
void TestStatuspageProber::verifyingProbeNeverReusesAnUnverifiedConnection()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const auto certificates = makeTestCertificates(dir.path(), 30, &error);
    if (!certificates)
        QSKIP(qPrintable(error));
    QFile key(certificates->keyFile);
    QVERIFY(key.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate::fromPath(certificates->certFile).value(0));
    tls.setPrivateKey(QSslKey(&key, QSsl::Ec));
    QVERIFY(!tls.localCertificate().isNull() && !tls.privateKey().isNull());

    QHttpServer server;
    server.route(u"/api/v2/summary.json"_s,
                 [] { return QHttpServerResponse("application/json"_ba, fixture(u"all-operational.json"_s)); });
    auto *listener = new QSslServer(&server);
    listener->setSslConfiguration(tls);
    int handshakes = 0;
    connect(listener, &QSslServer::startedEncryptionHandshake, this, [&handshakes] { ++handshakes; });
    QVERIFY(listener->listen(QHostAddress::LocalHost));
    QVERIFY(server.bind(listener));

    StatuspageProber prober;
    QSignalSpy spy(&prober, &Prober::finished);
    ProbeSpec insecure;
    insecure.setKind(ProbeKind::Statuspage);
    insecure.target = u"https://127.0.0.1:%1/"_s.arg(listener->serverPort());
    insecure.timeout = 5s;
    insecure.options<StatuspageOptions>().tls.insecureReason = u"a test certificate"_s;
    prober.start(1, insecure);
    QVERIFY(spy.wait(10000));
    const auto unverified = spy.takeFirst().at(1).value<ProbeResult>();
    QVERIFY2(unverified.status == HealthState::Up, qPrintable(unverified.error.toString()));
    QCOMPARE(handshakes, 1);

    ProbeSpec verifying = insecure;
    verifying.options<StatuspageOptions>().tls.insecureReason.clear();
    prober.start(2, verifying);
    QVERIFY(spy.wait(10000));
    const auto verified = spy.takeFirst().at(1).value<ProbeResult>();
    QCOMPARE(verified.status, HealthState::Down);
    QCOMPARE(verified.failedPhase, ProbePhase::Tls);
    QVERIFY2(
        verified.error.toString().startsWith(u"TLS handshake with 127.0.0.1:%1 failed: "_s.arg(listener->serverPort())),
        qPrintable(verified.error.toString()));
    QCOMPARE(handshakes, 2);

    // The insecure one still goes on with what it may reuse.
    prober.start(3, insecure);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.takeFirst().at(1).value<ProbeResult>().status, HealthState::Up);
}

QTEST_GUILESS_MAIN(TestStatuspageProber)
#include "tst_statuspageprober.moc"
