#include "probeonce.h"
#include "probes/httpprober.h"
#include "testservers.h"

#include <curl/curl.h>

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

ProbeSpec httpSpec(const QString &url, std::chrono::milliseconds timeout = 5s)
{
    ProbeSpec spec;
    spec.setKind(ProbeKind::Http);
    spec.target = url;
    spec.timeout = timeout;
    return spec;
}

ProbeResult resultAt(const QSignalSpy &spy, qsizetype index)
{
    return spy.at(index).at(1).value<ProbeResult>();
}

quint64 idAt(const QSignalSpy &spy, qsizetype index)
{
    return spy.at(index).at(0).value<quint64>();
}

std::optional<ProbeResult> probeOnce(const ProbeSpec &spec, qint64 *elapsedMs = nullptr)
{
    return Test::probeOnce<HttpProber>(spec, elapsedMs);
}

// One probe on a prober the test set up (with secrets, say).
std::optional<ProbeResult> probeWith(HttpProber &prober, const ProbeSpec &spec)
{
    QSignalSpy spy(&prober, &Prober::finished);
    prober.start(11, spec);
    if (!spy.isEmpty() || !spy.wait(int(spec.timeout.count()) + 10000) || idAt(spy, 0) != 11)
        return std::nullopt;
    return resultAt(spy, 0);
}

QList<Condition> conditions(const QStringList &critical, const QStringList &warnings = {})
{
    QList<Condition> out;
    for (const QString &text : critical)
        out.append(Condition::parse(text).value());
    for (const QString &text : warnings)
        out.append(Condition::parse(text, true).value());
    return out;
}

// Answers 200 with what it received: the method, then the body.
QByteArray echo(const HttpRequest &request)
{
    return httpResponse(200, request.method + '\n' + request.body);
}

constexpr quint16 noPort = 0;

} // namespace

class TestHttpProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void okMeasuresEveryPhaseButTls();
    void serverErrorIsDown();
    void unexpectedStatusNamesTheExpectedRanges_data();
    void unexpectedStatusNamesTheExpectedRanges();
    void redirectsAreFollowedAndTheFinalStatusJudged();
    void maxRedirectsZeroJudgesTheRedirectItself();
    void redirectLoopStopsAtTheLimit_data();
    void redirectLoopStopsAtTheLimit();
    void bodyCheck();
    void connectionRefused();
    void unresolvableHost();
    void acceptedButNeverAnsweredTimesOutInProcessing();
    void tricklingServerIsCutAtTheDeadline();
    void endlessBodyIsCappedQuickly();
    void hugeDeclaredLengthIsRejected();
    void bodyCapBoundary();
    void bodyCapCountsDecodedBytes();
    void connectionClosedBeforeTheAnnouncedLength();
    void slowAnswerIsDegraded();
    void tlsHandshakeWithAPlainServerFails();
    void tlsHandshakeTimeout();
    void badUrlFailsLaterNotInStart_data();
    void badUrlFailsLaterNotInStart();
    void manyConcurrentProbesFinishExactlyOnce();
    void cancelStopsWithoutEmitting();
    void probesStartedFromTheFinishedSlot();
    void destructorClosesEveryConnection();

    void methodAndBodyAreSent_data();
    void methodAndBodyAreSent();
    void headersAreSentInOrder();
    void basicAuth();
    void bearerAuth();
    void missingSecretIsAConfigError();
    void authStaysWithItsHostOnRedirects_data();
    void authStaysWithItsHostOnRedirects();
    void redirectsToOtherSchemesAreRefused_data();
    void redirectsToOtherSchemesAreRefused();
    void conditionsPass();
    void failedCriticalConditionsAreDown();
    void failedWarningConditionsAreDegraded();
    void statusFailureKeepsItsPhase();
    void headerConditionsSeeTheLastResponse();
    void httpVersions_data();
    void httpVersions();
    void http3();
    void privateCaTrustedWithCaFile();
    void privateCaRejectedWithoutCaFile();
    void insecureSkipsVerification();
    void unreadableCaFileIsAConfigError();
    void certificateExpirationConditions();

private:
    std::unique_ptr<QTemporaryDir> m_tlsDir;
    std::optional<TestCertificates> m_certificates;
    std::unique_ptr<NginxServer> m_nginx;
    quint16 m_httpsPort = noPort; // nginx: TLS with HTTP/1.1, HTTP/2 and HTTP/3, a private CA's certificate
    quint16 m_plainPort = noPort; // nginx: HTTP/1.1 and HTTP/2 with prior knowledge
    QString m_nginxError;
};

void TestHttpProber::initTestCase()
{
    // nginx is the environment's real HTTP/2 and HTTP/3 server, with a certificate from a private CA.
    m_tlsDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tlsDir->isValid());
    m_certificates = makeTestCertificates(m_tlsDir->path(), 30, &m_nginxError);
    QVERIFY2(m_certificates, qPrintable(m_nginxError));
    m_httpsPort = closedPort();
    do
        m_plainPort = closedPort();
    while (m_plainPort == m_httpsPort);
    const QByteArray https = QByteArray::number(m_httpsPort);
    const QByteArray plain = QByteArray::number(m_plainPort);
    const QByteArray block = "server {\n"
                             "  listen 127.0.0.1:" +
                             https +
                             " ssl;\n"
                             "  listen 127.0.0.1:" +
                             https +
                             " quic reuseport;\n"
                             "  http2 on;\n  http3 on;\n"
                             "  ssl_certificate " +
                             QFile::encodeName(m_certificates->certFile) +
                             ";\n"
                             "  ssl_certificate_key " +
                             QFile::encodeName(m_certificates->keyFile) +
                             ";\n"
                             "  location / { return 200 \"secure hello\\n\"; }\n"
                             "}\n"
                             "server {\n"
                             "  listen 127.0.0.1:" +
                             plain +
                             ";\n"
                             "  http2 on;\n"
                             "  location / { return 200 \"plain hello\\n\"; }\n"
                             "}\n";
    m_nginx = std::make_unique<NginxServer>(m_tlsDir->path());
    if (!m_nginx->start(block, m_httpsPort, &m_nginxError))
        m_nginx.reset();
}

void TestHttpProber::cleanupTestCase()
{
    m_nginx.reset();
}

void TestHttpProber::okMeasuresEveryPhaseButTls()
{
    RawHttpServer server(httpResponse(200, "hello"_ba));
    const auto result = probeOnce(httpSpec(server.url()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QVERIFY(result->error.toString().isEmpty());

    const PhaseTimings &p = result->phases;
    QVERIFY(p.resolveMs && p.connectMs && p.processingMs && p.transferMs && p.totalMs);
    QVERIFY(!p.tlsMs);
    for (double ms : {*p.resolveMs, *p.connectMs, *p.processingMs, *p.transferMs})
        QVERIFY(ms >= 0);
    const double sum = *p.resolveMs + *p.connectMs + *p.processingMs + *p.transferMs;
    QVERIFY2(qAbs(sum - *p.totalMs) < 0.5, qPrintable(u"sum %1, total %2"_s.arg(sum).arg(*p.totalMs)));
    QVERIFY(*p.totalMs > 0);
    QCOMPARE(result->latencyMs, *p.totalMs);

    QCOMPARE(server.requestCount(), 1);
    const HttpRequest request = server.requests().constFirst();
    QCOMPARE(request.header("User-Agent"_ba), QByteArray("Vigie/" VIGIE_VERSION));
    QVERIFY(!request.header("Accept-Encoding"_ba).isEmpty());
}

void TestHttpProber::serverErrorIsDown()
{
    RawHttpServer server(httpResponse(500, "oops"_ba));
    const auto result = probeOnce(httpSpec(server.url()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->httpStatus, 500);
    QCOMPARE(result->failedPhase, ProbePhase::Status);
    QCOMPARE(result->error.toString(), u"HTTP status 500, expected 200-399"_s);
    QVERIFY(result->phases.transferMs);
}

void TestHttpProber::unexpectedStatusNamesTheExpectedRanges_data()
{
    QTest::addColumn<QList<StatusRange>>("expected");
    QTest::addColumn<QString>("error");
    QTest::newRow("one code") << QList<StatusRange>{{204, 204}} << u"HTTP status 503, expected 204"_s;
    QTest::newRow("two codes") << QList<StatusRange>{{200, 200}, {302, 302}}
                               << u"HTTP status 503, expected 200 or 302"_s;
    QTest::newRow("codes and a range") << QList<StatusRange>{{200, 200}, {204, 204}, {300, 399}}
                                       << u"HTTP status 503, expected 200, 204 or 300-399"_s;
}

void TestHttpProber::unexpectedStatusNamesTheExpectedRanges()
{
    QFETCH(QList<StatusRange>, expected);
    QFETCH(QString, error);
    RawHttpServer server(httpResponse(503));
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().expectStatus = expected;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Status);
    QCOMPARE(result->error.toString(), error);
}

void TestHttpProber::redirectsAreFollowedAndTheFinalStatusJudged()
{
    RawHttpServer server([](const HttpRequest &request) {
        if (request.path == "/final")
            return httpResponse(200, "done"_ba);
        return httpResponse(302, {}, {{"Location"_ba, "/final"_ba}});
    });
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().expectStatus = {{200, 200}, {302, 302}};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(server.requestCount(), 2);
    QCOMPARE(server.requests().at(1).path, "/final"_ba);

    // Judged on the final answer: a redirect to an error page is down even though 302 is listed.
    RawHttpServer broken([](const HttpRequest &request) {
        if (request.path == "/final")
            return httpResponse(500);
        return httpResponse(302, {}, {{"Location"_ba, "/final"_ba}});
    });
    spec.target = broken.url();
    const auto down = probeOnce(spec);
    QVERIFY(down);
    QCOMPARE(down->status, HealthState::Down);
    QCOMPARE(down->httpStatus, 500);
    QCOMPARE(down->error.toString(), u"HTTP status 500, expected 200 or 302"_s);
}

void TestHttpProber::maxRedirectsZeroJudgesTheRedirectItself()
{
    RawHttpServer server(httpResponse(302, {}, {{"Location"_ba, "/elsewhere"_ba}}));
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().maxRedirects = 0;
    spec.options<HttpOptions>().expectStatus = {{200, 200}, {302, 302}};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->httpStatus, 302);
    QCOMPARE(server.requestCount(), 1);

    spec.options<HttpOptions>().expectStatus = {{200, 200}};
    const auto strict = probeOnce(spec);
    QVERIFY(strict);
    QCOMPARE(strict->status, HealthState::Down);
    QCOMPARE(strict->error.toString(), u"HTTP status 302, expected 200"_s);
    QCOMPARE(server.requestCount(), 2);
}

void TestHttpProber::redirectLoopStopsAtTheLimit_data()
{
    QTest::addColumn<int>("maxRedirects");
    QTest::newRow("default") << HttpOptions().maxRedirects;
    QTest::newRow("three") << 3;
}

void TestHttpProber::redirectLoopStopsAtTheLimit()
{
    QFETCH(int, maxRedirects);
    const auto server = makeRedirectLoopServer();
    ProbeSpec spec = httpSpec(server->url(u"/0"_s));
    spec.options<HttpOptions>().maxRedirects = maxRedirects;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Status);
    QCOMPARE(result->error.toString(), u"too many redirects: more than %1"_s.arg(maxRedirects));
    QCOMPARE(result->httpStatus, 302);
    QCOMPARE(server->requestCount(), maxRedirects + 1);
}

void TestHttpProber::bodyCheck()
{
    RawHttpServer server(httpResponse(200, "<html><h1>Bienvenue</h1><a>Connexion</a></html>"_ba));
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().expectBodyContains = u"Connexion"_s;
    const auto found = probeOnce(spec);
    QVERIFY(found);
    QCOMPARE(found->status, HealthState::Up);

    spec.options<HttpOptions>().expectBodyContains = u"Déconnexion"_s;
    const auto missing = probeOnce(spec);
    QVERIFY(missing);
    QCOMPARE(missing->status, HealthState::Down);
    QCOMPARE(missing->httpStatus, 200);
    QCOMPARE(missing->failedPhase, ProbePhase::Body);
    QCOMPARE(missing->error.toString(), u"the body does not contain \"Déconnexion\""_s);
}

void TestHttpProber::connectionRefused()
{
    const quint16 port = closedPort();
    const auto result = probeOnce(httpSpec(u"http://127.0.0.1:%1/"_s.arg(port)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Connect);
    QCOMPARE(result->error.toString(), u"connection refused by 127.0.0.1:%1"_s.arg(port));
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(result->phases.resolveMs);
    QVERIFY(!result->phases.connectMs);
    QVERIFY(!result->phases.processingMs);
    QVERIFY(result->phases.totalMs);
}

void TestHttpProber::unresolvableHost()
{
    // .invalid is reserved (RFC 2606): no resolver may answer it.
    const auto result = probeOnce(httpSpec(u"http://vigie-probe.invalid/"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Resolve);
    QCOMPARE(result->error.toString(), u"could not resolve host 'vigie-probe.invalid'"_s);
    QVERIFY(!result->phases.resolveMs);
}

void TestHttpProber::acceptedButNeverAnsweredTimesOutInProcessing()
{
    SilentServer server;
    qint64 elapsed = 0;
    const auto result = probeOnce(httpSpec(server.url(), 500ms), &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Processing);
    QCOMPARE(result->error.toString(), u"timed out after 0.5 s in processing (waiting for the first byte)"_s);
    QVERIFY(result->phases.connectMs);
    QVERIFY(!result->phases.processingMs);
    QVERIFY2(elapsed >= 500 && elapsed <= 750, qPrintable(QString::number(elapsed)));
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestHttpProber::tricklingServerIsCutAtTheDeadline()
{
    TrickleHttpServer server(1s);
    qint64 elapsed = 0;
    const auto result = probeOnce(httpSpec(server.url(), 2s), &elapsed);
    QVERIFY(result);
    QVERIFY2(elapsed >= 2000 && elapsed <= 2200, qPrintable(u"ended after %1 ms"_s.arg(elapsed)));
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->failedPhase, ProbePhase::Transfer);
    QCOMPARE(result->error.toString(), u"timed out after 2.0 s in transfer (reading the response)"_s);
    QVERIFY(result->phases.processingMs);
}

void TestHttpProber::endlessBodyIsCappedQuickly()
{
    EndlessBodyServer server;
    qint64 elapsed = 0;
    const auto result = probeOnce(httpSpec(server.url(), 30s), &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Transfer);
    QCOMPARE(result->error.toString(), u"response body larger than 1 MiB"_s);
    QVERIFY2(elapsed < 3000, qPrintable(QString::number(elapsed)));
    // The prober stopped reading at the cap: the server could only push what the sockets buffer.
    QTRY_COMPARE(server.openConnections(), 0);
    QVERIFY2(server.bytesSent() < 32 * 1024 * 1024, qPrintable(QString::number(server.bytesSent())));
}

void TestHttpProber::hugeDeclaredLengthIsRejected()
{
    EndlessBodyServer server(10LL * 1024 * 1024 * 1024);
    qint64 elapsed = 0;
    const auto result = probeOnce(httpSpec(server.url(), 30s), &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Transfer);
    QCOMPARE(result->error.toString(), u"response body larger than 1 MiB"_s);
    QVERIFY2(elapsed < 3000, qPrintable(QString::number(elapsed)));
}

void TestHttpProber::bodyCapBoundary()
{
    RawHttpServer exact(httpResponse(200, QByteArray(1000, 'a')));
    ProbeSpec spec = httpSpec(exact.url());
    spec.options<HttpOptions>().maxBodyBytes = 1000;
    const auto fits = probeOnce(spec);
    QVERIFY(fits);
    QCOMPARE(fits->status, HealthState::Up);

    // No Content-Length to reject early: the cap on what is read decides.
    QByteArray unannounced = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"_ba + QByteArray(1001, 'a');
    RawHttpServer over(unannounced);
    spec.target = over.url();
    const auto tooLarge = probeOnce(spec);
    QVERIFY(tooLarge);
    QCOMPARE(tooLarge->status, HealthState::Down);
    QCOMPARE(tooLarge->failedPhase, ProbePhase::Transfer);
    QCOMPARE(tooLarge->error.toString(), u"response body larger than 1000 bytes"_s);
}

void TestHttpProber::bodyCapCountsDecodedBytes()
{
    // A zlib stream is what "Content-Encoding: deflate" carries; qCompress prefixes 4 length bytes.
    const auto deflate = [](const QByteArray &data) { return qCompress(data).mid(4); };
    const QByteArray bomb = deflate(QByteArray(4 * 1024 * 1024, '0'));
    QVERIFY(bomb.size() < 64 * 1024);
    RawHttpServer server(httpResponse(200, bomb, {{"Content-Encoding"_ba, "deflate"_ba}}));
    const auto result = probeOnce(httpSpec(server.url()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Transfer);
    QCOMPARE(result->error.toString(),
             u"response body larger than 1 MiB after decompression (Content-Encoding: deflate)"_s);

    // And the body check sees the decoded text.
    RawHttpServer page(httpResponse(200, deflate("<p>Connexion</p>"_ba), {{"Content-Encoding"_ba, "deflate"_ba}}));
    ProbeSpec spec = httpSpec(page.url());
    spec.options<HttpOptions>().expectBodyContains = u"Connexion"_s;
    const auto decoded = probeOnce(spec);
    QVERIFY(decoded);
    QCOMPARE(decoded->status, HealthState::Up);
}

void TestHttpProber::connectionClosedBeforeTheAnnouncedLength()
{
    RawHttpServer server("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n0123456789"_ba);
    const auto result = probeOnce(httpSpec(server.url()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->failedPhase, ProbePhase::Transfer);
    QCOMPARE(result->error.toString(),
             u"%1 closed the connection after 10 bytes of the 1000 bytes it announced"_s.arg(server.hostPort()));
    QCOMPARE(result->detail.toString(), u"HTTP/1.1 200"_s);
}

void TestHttpProber::slowAnswerIsDegraded()
{
    RawHttpServer server(httpResponse(200, "late"_ba));
    server.setResponseDelay(300ms);
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().maxLatency = 100ms;
    const auto slow = probeOnce(spec);
    QVERIFY(slow);
    QCOMPARE(slow->status, HealthState::Degraded);
    QCOMPARE(slow->failedPhase, ProbePhase::Latency);
    const QRegularExpressionMatch match =
        QRegularExpression(u"^slow: (\\d+) ms, above the 100 ms limit$"_s).match(slow->error.toString());
    QVERIFY2(match.hasMatch(), qPrintable(slow->error.toString()));
    QCOMPARE(match.captured(1).toLongLong(), qRound64(slow->latencyMs));
    QVERIFY(slow->latencyMs >= 300);
    QVERIFY(*slow->phases.processingMs >= 290);

    spec.options<HttpOptions>().maxLatency = 5s;
    const auto fine = probeOnce(spec);
    QVERIFY(fine);
    QCOMPARE(fine->status, HealthState::Up);
    QVERIFY(fine->error.toString().isEmpty());
}

void TestHttpProber::tlsHandshakeWithAPlainServerFails()
{
    BannerServer server("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"_ba);
    const auto result = probeOnce(httpSpec(server.httpsUrl()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Tls);
    QVERIFY2(result->error.toString().startsWith(u"TLS handshake with %1 failed: "_s.arg(server.hostPort())),
             qPrintable(result->error.toString()));
    QVERIFY(result->phases.connectMs);
    QVERIFY(!result->phases.tlsMs);
    QCOMPARE(result->httpStatus, 0);
}

void TestHttpProber::tlsHandshakeTimeout()
{
    SilentServer server;
    const auto result = probeOnce(httpSpec(server.httpsUrl(), 500ms));
    QVERIFY(result);
    QCOMPARE(result->failedPhase, ProbePhase::Tls);
    QCOMPARE(result->error.toString(), u"timed out after 0.5 s in TLS (TLS handshake)"_s);
    QVERIFY(result->phases.resolveMs);
    QVERIFY(result->phases.connectMs);
    QVERIFY(!result->phases.tlsMs);
    QVERIFY(!result->phases.processingMs);
}

void TestHttpProber::badUrlFailsLaterNotInStart_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("ftp") << u"ftp://example.org/file"_s;
    QTest::newRow("no scheme") << u"example.org"_s;
    QTest::newRow("no host") << u"http://"_s;
    QTest::newRow("spaces") << u"http://exa mple.org/"_s;
}

void TestHttpProber::badUrlFailsLaterNotInStart()
{
    QFETCH(QString, url);
    const auto result = probeOnce(httpSpec(url));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error.toString(), u"'%1' is not an http:// or https:// URL"_s.arg(url));
}

void TestHttpProber::manyConcurrentProbesFinishExactlyOnce()
{
    RawHttpServer server(httpResponse(200, "ok"_ba));
    HttpProber prober;
    QSignalSpy spy(&prober, &HttpProber::finished);
    constexpr int count = 200;
    for (quint64 id = 0; id < count; ++id)
        prober.start(id, httpSpec(server.url(), 20s));
    QCOMPARE(prober.runningCount(), count);
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), count, 30000);
    QCOMPARE(prober.runningCount(), 0);

    QSet<quint64> ids;
    for (qsizetype i = 0; i < spy.size(); ++i) {
        ids.insert(idAt(spy, i));
        const ProbeResult result = resultAt(spy, i);
        QVERIFY2(result.status == HealthState::Up, qPrintable(result.error.toString()));
    }
    QCOMPARE(ids.size(), count);
    QCOMPARE(server.connectionCount(), count);

    // A late duplicate would show up before this last probe's result.
    prober.start(count, httpSpec(server.url()));
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), count + 1);
    QCOMPARE(idAt(spy, count), quint64(count));
}

void TestHttpProber::cancelStopsWithoutEmitting()
{
    SilentServer silent;
    RawHttpServer fine(httpResponse(200));
    HttpProber prober;
    QSignalSpy spy(&prober, &HttpProber::finished);

    prober.start(1, httpSpec(silent.url(), 10s));
    QTRY_COMPARE(silent.connectionCount(), 1);
    prober.cancel(1);
    QCOMPARE(prober.runningCount(), 0);
    QTRY_COMPARE(silent.openConnections(), 0);

    prober.start(2, httpSpec(u"ftp://nowhere/"_s)); // would fail on the next loop turn
    prober.cancel(2);
    QCOMPARE(prober.runningCount(), 0);

    prober.start(3, httpSpec(fine.url()));
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(idAt(spy, 0), quint64(3));
    prober.cancel(3); // already finished: nothing to do
    QCOMPARE(prober.runningCount(), 0);
}

void TestHttpProber::probesStartedFromTheFinishedSlot()
{
    RawHttpServer server(httpResponse(200));
    HttpProber prober;
    QList<quint64> done;
    connect(&prober, &HttpProber::finished, this, [&](quint64 id, const ProbeResult &result) {
        QCOMPARE(result.status, HealthState::Up);
        done.append(id);
        if (id < 5)
            prober.start(id + 1, httpSpec(server.url()));
    });
    prober.start(1, httpSpec(server.url()));
    QTRY_COMPARE(done.size(), 5);
    QCOMPARE(done, (QList<quint64>{1, 2, 3, 4, 5}));
    QCOMPARE(prober.runningCount(), 0);
}

void TestHttpProber::destructorClosesEveryConnection()
{
    SilentServer server;
    auto prober = std::make_unique<HttpProber>();
    QSignalSpy spy(prober.get(), &HttpProber::finished);
    for (quint64 id = 0; id < 3; ++id)
        prober->start(id, httpSpec(server.url(), 10s));
    QTRY_COMPARE(server.connectionCount(), 3);
    QCOMPARE(server.openConnections(), 3);
    prober.reset();
    QTRY_COMPARE(server.openConnections(), 0);
    QCOMPARE(spy.size(), 0);
}

void TestHttpProber::methodAndBodyAreSent_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET") << "GET"_ba << QByteArray();
    QTest::newRow("POST with a body") << "POST"_ba
                                      << R"({"query":"health"})"_ba;
    QTest::newRow("POST without a body") << "POST"_ba << QByteArray();
    QTest::newRow("PUT with a body") << "PUT"_ba
                                     << "state=on"_ba;
    QTest::newRow("DELETE") << "DELETE"_ba << QByteArray();
    QTest::newRow("GET with a body") << "GET"_ba
                                     << "odd but allowed"_ba;
    // Above curl's threshold for "Expect: 100-continue", which the probe must not wait for.
    QTest::newRow("large PATCH") << "PATCH"_ba << QByteArray(64 * 1024, 'p');
}

void TestHttpProber::methodAndBodyAreSent()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    RawHttpServer server(&echo);
    ProbeSpec spec = httpSpec(server.url(u"/api"_s));
    spec.options<HttpOptions>().method = method;
    spec.options<HttpOptions>().body = body;
    spec.options<HttpOptions>().expectBodyContains = QString::fromLatin1(method + '\n');
    qint64 elapsed = 0;
    const auto result = probeOnce(spec, &elapsed);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QCOMPARE(server.requestCount(), 1);
    const HttpRequest request = server.requests().constFirst();
    QCOMPARE(request.method, method);
    QCOMPARE(request.path, "/api"_ba);
    QCOMPARE(request.body, body);
    QCOMPARE(request.header("Content-Length"_ba).toLongLong(), body.size());
    QVERIFY(request.header("Expect"_ba).isEmpty());
    QVERIFY2(elapsed < 900, qPrintable(QString::number(elapsed)));
}

void TestHttpProber::headersAreSentInOrder()
{
    RawHttpServer server(httpResponse(200));
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().method = "HEAD";
    spec.options<HttpOptions>().headers = {{"X-Trace"_ba, "abc-123"_ba},
                                           {"Accept"_ba, "application/json"_ba},
                                           {"X-Empty"_ba, {}},
                                           {"X-Trace-Again"_ba, "second"_ba}};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    const HttpRequest request = server.requests().constFirst();
    QCOMPARE(request.method, "HEAD"_ba);
    const QList<QByteArray> lines = request.headerLines();
    const qsizetype trace = lines.indexOf("X-Trace: abc-123"_ba);
    const qsizetype accept = lines.indexOf("Accept: application/json"_ba);
    const qsizetype empty = lines.indexOf("X-Empty:"_ba);
    const qsizetype again = lines.indexOf("X-Trace-Again: second"_ba);
    QVERIFY2(trace >= 0 && accept > trace && empty > accept && again > empty, lines.join(" | ").constData());
    // The spec's Accept replaces curl's own.
    QCOMPARE(lines.count("Accept: */*"_ba), 0);

    // The same spec again (the cached header list) and a spec with other headers.
    QVERIFY(probeOnce(spec));
    spec.options<HttpOptions>().headers = {{"X-Other"_ba, "1"_ba}};
    QVERIFY(probeOnce(spec));
    QCOMPARE(server.requests().at(1).headerLines().indexOf("X-Trace: abc-123"_ba), trace);
    QVERIFY(server.requests().at(2).headerLines().contains("X-Other: 1"_ba));
    QVERIFY(!server.requests().at(2).headerLines().contains("X-Trace: abc-123"_ba));
}

void TestHttpProber::basicAuth()
{
    RawHttpServer server([](const HttpRequest &request) {
        if (request.header("Authorization"_ba) == "Basic " + "ops:s3cret-pass"_ba.toBase64())
            return httpResponse(200, "welcome"_ba);
        return httpResponse(401, {}, {{"WWW-Authenticate"_ba, "Basic realm=\"ops\""_ba}});
    });
    HttpProber prober;
    prober.setSecrets({{u"ops-password"_s, "s3cret-pass"_ba}, {u"old-password"_s, "expired-pass"_ba}});
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().auth = {HttpAuthType::Basic, u"ops"_s, u"ops-password"_s};
    const auto accepted = probeWith(prober, spec);
    QVERIFY(accepted);
    QVERIFY2(accepted->status == HealthState::Up, qPrintable(accepted->error.toString()));

    spec.options<HttpOptions>().auth.secretName = u"old-password"_s;
    const auto rejected = probeWith(prober, spec);
    QVERIFY(rejected);
    QCOMPARE(rejected->status, HealthState::Down);
    QCOMPARE(rejected->httpStatus, 401);
    QCOMPARE(rejected->failedPhase, ProbePhase::Status);
    QCOMPARE(rejected->error.toString(), u"HTTP status 401, expected 200-399"_s);
    QVERIFY(!rejected->error.toString().contains(u"expired-pass"_s) &&
            !rejected->detail.toString().contains(u"expired-pass"_s));
    QCOMPARE(server.requests().at(1).header("Authorization"_ba), "Basic " + "ops:expired-pass"_ba.toBase64());
}

void TestHttpProber::bearerAuth()
{
    RawHttpServer server([](const HttpRequest &request) {
        return httpResponse(request.header("Authorization"_ba) == "Bearer tok3n-abc" ? 200 : 401);
    });
    HttpProber prober;
    prober.setSecrets({{u"api-token"_s, "tok3n-abc"_ba}, {u"revoked-token"_s, "tok3n-old"_ba}});
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().auth = {HttpAuthType::Bearer, {}, u"api-token"_s};
    const auto accepted = probeWith(prober, spec);
    QVERIFY(accepted);
    QVERIFY2(accepted->status == HealthState::Up, qPrintable(accepted->error.toString()));

    spec.options<HttpOptions>().auth.secretName = u"revoked-token"_s;
    const auto rejected = probeWith(prober, spec);
    QVERIFY(rejected);
    QCOMPARE(rejected->status, HealthState::Down);
    QCOMPARE(rejected->failedPhase, ProbePhase::Status);
    QCOMPARE(rejected->httpStatus, 401);
    QVERIFY(!rejected->error.toString().contains(u"tok3n"_s));
}

void TestHttpProber::missingSecretIsAConfigError()
{
    RawHttpServer server(httpResponse(200));
    HttpProber prober;
    prober.setSecrets({{u"api-token"_s, "tok3n-abc"_ba}});
    ProbeSpec spec = httpSpec(server.url());
    spec.options<HttpOptions>().auth = {HttpAuthType::Bearer, {}, u"billing-token"_s};
    const auto result = probeWith(prober, spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error.toString(),
             u"the secret \"billing-token\" is not in the keychain; add it with: vigie secret set billing-token"_s);
    QCOMPARE(server.requestCount(), 0);

    // Secrets set later count for later probes.
    prober.setSecrets({{u"billing-token"_s, "tok3n-bill"_ba}});
    const auto later = probeWith(prober, spec);
    QVERIFY(later);
    QCOMPARE(later->status, HealthState::Up);
    QCOMPARE(server.requests().constFirst().header("Authorization"_ba), "Bearer tok3n-bill"_ba);
}

void TestHttpProber::authStaysWithItsHostOnRedirects_data()
{
    QTest::addColumn<HttpAuthType>("type");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("landing"); // where the redirect leads: %1 is the other server's port
    QTest::addColumn<bool>("kept");
    const QByteArray basic = "Basic " + "ops:s3cret-pass"_ba.toBase64();
    const QByteArray bearer = "Bearer s3cret-pass"_ba;
    QTest::newRow("basic, same server") << HttpAuthType::Basic << basic << "/landing"_ba << true;
    QTest::newRow("basic, another host") << HttpAuthType::Basic << basic << "http://localhost:%1/landing"_ba << false;
    QTest::newRow("basic, another port") << HttpAuthType::Basic << basic << "http://127.0.0.1:%1/landing"_ba << false;
    QTest::newRow("bearer, same server") << HttpAuthType::Bearer << bearer << "/landing"_ba << true;
    QTest::newRow("bearer, another host")
        << HttpAuthType::Bearer << bearer << "http://localhost:%1/landing"_ba << false;
    QTest::newRow("bearer, another port")
        << HttpAuthType::Bearer << bearer << "http://127.0.0.1:%1/landing"_ba << false;
}

// Credentials go to the host of the probe's URL only: a redirect elsewhere (another name, another
// port) must not carry them to a host that could be anyone's.
void TestHttpProber::authStaysWithItsHostOnRedirects()
{
    QFETCH(HttpAuthType, type);
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, landing);
    QFETCH(bool, kept);
    const auto handler = [&landing](quint16 otherPort) {
        return [location = QByteArray(landing).replace("%1", QByteArray::number(otherPort))](const HttpRequest &r) {
            return r.path == "/landing" ? httpResponse(200, "landed"_ba)
                                        : httpResponse(302, {}, {{"Location"_ba, location}});
        };
    };
    RawHttpServer elsewhere(handler(0));
    RawHttpServer origin(handler(elsewhere.port()));
    HttpProber prober;
    prober.setSecrets({{u"ops-secret"_s, "s3cret-pass"_ba}});
    ProbeSpec spec = httpSpec(origin.url(u"/start"_s));
    spec.options<HttpOptions>().auth = {type, type == HttpAuthType::Basic ? u"ops"_s : QString(), u"ops-secret"_s};
    const auto result = probeWith(prober, spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QCOMPARE(result->httpStatus, 200);

    QCOMPARE(origin.requests().at(0).header("Authorization"_ba), authorization);
    const QList<HttpRequest> landed = kept ? origin.requests().mid(1) : elsewhere.requests();
    QCOMPARE(landed.size(), 1);
    QCOMPARE(landed.at(0).path, "/landing"_ba);
    QCOMPARE(landed.at(0).header("Authorization"_ba), kept ? authorization : QByteArray());
    QCOMPARE(origin.requestCount() + elsewhere.requestCount(), 2);
}

void TestHttpProber::redirectsToOtherSchemesAreRefused_data()
{
    QTest::addColumn<QByteArray>("location"); // %1 is the port of a server that must see nothing
    QTest::addColumn<QString>("shown");
    QTest::newRow("file") << "file:///etc/passwd"_ba << u"file:///etc/passwd"_s;
    QTest::newRow("ftp") << "ftp://127.0.0.1:%1/pub/file"_ba << u"ftp://127.0.0.1:%1/pub/file"_s;
    QTest::newRow("ftp, upper case") << "FTP://127.0.0.1:%1/pub/file"_ba << u"ftp://127.0.0.1:%1/pub/file"_s;
}

// A server may redirect a probe anywhere: only http and https are followed, never a local file or
// another protocol, and the error says where the redirect led.
void TestHttpProber::redirectsToOtherSchemesAreRefused()
{
    QFETCH(QByteArray, location);
    QFETCH(QString, shown);
    BannerServer ftp("220 FTP ready\r\n"_ba);
    location.replace("%1", QByteArray::number(ftp.port()));
    shown.replace(u"%1"_s, QString::number(ftp.port()));
    RawHttpServer server(httpResponse(302, {}, {{"Location"_ba, location}}));
    const auto result = probeOnce(httpSpec(server.url()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Status);
    QCOMPARE(result->httpStatus, 302);
    QCOMPARE(result->error.toString(),
             u"refused to follow the redirect to %1: only http:// and https:// are followed"_s.arg(shown));
    QCOMPARE(server.requestCount(), 1);
    QCOMPARE(ftp.connectionCount(), 0);
}

void TestHttpProber::conditionsPass()
{
    RawHttpServer server(httpResponse(200, R"({"status":"UP","items":[1,2]})"_ba, {{"X-Version"_ba, "2.1"_ba}}));
    ProbeSpec spec = httpSpec(server.url());
    spec.conditions = conditions({u"[STATUS] == 200"_s, u"[BODY].status == UP"_s, u"len([BODY].items) == 2"_s,
                                  u"[HEADER].X-Version == 2.1"_s, u"[RESPONSE_TIME] < 5000"_s, u"[CONNECTED] == true"_s,
                                  u"[IP] == 127.0.0.1"_s});
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QCOMPARE(result->detail.toString(), u"HTTP/1.1 200"_s);
}

void TestHttpProber::failedCriticalConditionsAreDown()
{
    RawHttpServer server(httpResponse(200, R"({"status":"DOWN"})"_ba));
    ProbeSpec spec = httpSpec(server.url());
    spec.conditions =
        conditions({u"[BODY].status == UP"_s, u"[STATUS] == 200"_s, u"[STATUS] == 204"_s}, {u"[STATUS] == 299"_s});
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Condition);
    // The failed critical ones, in order; the failed warning does not add to a down.
    const QStringList messages = result->error.toString().split(u"; "_s);
    QCOMPARE(messages.size(), 2);
    QVERIFY2(messages.at(0).startsWith(u"[BODY].status == UP"_s) && messages.at(0).contains(u"DOWN"_s),
             qPrintable(result->error.toString()));
    QVERIFY2(messages.at(1).startsWith(u"[STATUS] == 204"_s) && messages.at(1).contains(u"200"_s),
             qPrintable(result->error.toString()));
}

void TestHttpProber::failedWarningConditionsAreDegraded()
{
    RawHttpServer server(httpResponse(200, R"({"status":"UP","queue":950})"_ba));
    server.setResponseDelay(150ms);
    ProbeSpec spec = httpSpec(server.url());
    spec.conditions = conditions({u"[BODY].status == UP"_s}, {u"[BODY].queue < 500"_s});
    const auto degraded = probeOnce(spec);
    QVERIFY(degraded);
    QCOMPARE(degraded->status, HealthState::Degraded);
    QCOMPARE(degraded->failedPhase, ProbePhase::Condition);
    QVERIFY2(degraded->error.toString().startsWith(u"[BODY].queue < 500"_s) &&
                 degraded->error.toString().contains(u"950"_s),
             qPrintable(degraded->error.toString()));
    QVERIFY(!degraded->error.toString().contains(u"; "_s));

    // Slow as well: both are said, the probe's own finding (and phase) first.
    spec.options<HttpOptions>().maxLatency = 50ms;
    const auto slow = probeOnce(spec);
    QVERIFY(slow);
    QCOMPARE(slow->status, HealthState::Degraded);
    QCOMPARE(slow->failedPhase, ProbePhase::Latency);
    const QStringList messages = slow->error.toString().split(u"; "_s);
    QCOMPARE(messages.size(), 2);
    QVERIFY2(messages.at(0).startsWith(u"slow: "_s), qPrintable(slow->error.toString()));
    QVERIFY2(messages.at(1).startsWith(u"[BODY].queue < 500"_s), qPrintable(slow->error.toString()));
}

void TestHttpProber::statusFailureKeepsItsPhase()
{
    RawHttpServer server(httpResponse(503, R"({"status":"DOWN"})"_ba));
    ProbeSpec spec = httpSpec(server.url());
    spec.conditions = conditions({u"[BODY].status == UP"_s}, {u"[RESPONSE_TIME] < 0"_s});
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Status);
    QCOMPARE(result->error.toString(), u"HTTP status 503, expected 200-399"_s);
    QCOMPARE(result->detail.toString(), u"HTTP/1.1 503"_s);
}

void TestHttpProber::headerConditionsSeeTheLastResponse()
{
    RawHttpServer server([](const HttpRequest &request) {
        if (request.path == "/final")
            return httpResponse(200, "ok"_ba,
                                {{"X-Stage"_ba, "final"_ba}, {"Set-Cookie"_ba, "a=1"_ba}, {"Set-Cookie"_ba, "b=2"_ba}});
        return httpResponse(302, {}, {{"Location"_ba, "/final"_ba}, {"X-Stage"_ba, "redirect"_ba}});
    });
    ProbeSpec spec = httpSpec(server.url());
    spec.conditions = conditions({u"[HEADER].X-Stage == final"_s, u"[HEADER].Set-Cookie == pat(a=1*b=2)"_s});
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));

    spec.conditions = conditions({u"[HEADER].X-Stage == redirect"_s});
    const auto down = probeOnce(spec);
    QVERIFY(down);
    QCOMPARE(down->status, HealthState::Down);
    QCOMPARE(down->failedPhase, ProbePhase::Condition);
    QVERIFY2(down->error.toString().contains(u"final"_s), qPrintable(down->error.toString()));
}

void TestHttpProber::httpVersions_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<HttpVersion>("version");
    QTest::addColumn<QString>("detail");
    QTest::newRow("https, default") << true << HttpVersion::Default << u"HTTP/2 200"_s;
    QTest::newRow("https, 1.1") << true << HttpVersion::Http1_1 << u"HTTP/1.1 200"_s;
    QTest::newRow("https, 2") << true << HttpVersion::Http2 << u"HTTP/2 200"_s;
    QTest::newRow("http, default") << false << HttpVersion::Default << u"HTTP/1.1 200"_s;
    QTest::newRow("http, 1.1") << false << HttpVersion::Http1_1 << u"HTTP/1.1 200"_s;
    QTest::newRow("http, 2 (prior knowledge)") << false << HttpVersion::Http2 << u"HTTP/2 200"_s;
}

void TestHttpProber::httpVersions()
{
    QFETCH(bool, tls);
    QFETCH(HttpVersion, version);
    QFETCH(QString, detail);
    QVERIFY2(m_nginx, qPrintable(m_nginxError));
    ProbeSpec spec =
        httpSpec(tls ? u"https://127.0.0.1:%1/"_s.arg(m_httpsPort) : u"http://127.0.0.1:%1/"_s.arg(m_plainPort));
    spec.options<HttpOptions>().tls.caFile = m_certificates->caFile;
    spec.options<HttpOptions>().httpVersion = version;
    spec.options<HttpOptions>().expectBodyContains = tls ? u"secure hello"_s : u"plain hello"_s;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QCOMPARE(result->detail.toString(), detail);
    QCOMPARE(bool(result->phases.tlsMs), tls);
}

void TestHttpProber::http3()
{
    QVERIFY2(m_nginx, qPrintable(m_nginxError));
    ProbeSpec spec = httpSpec(u"https://127.0.0.1:%1/"_s.arg(m_httpsPort));
    spec.options<HttpOptions>().tls.caFile = m_certificates->caFile;
    spec.options<HttpOptions>().httpVersion = HttpVersion::Http3;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    if (curl_version_info(CURLVERSION_NOW)->features & CURL_VERSION_HTTP3) {
        QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
        QCOMPARE(result->detail.toString(), u"HTTP/3 200"_s);
    } else {
        QCOMPARE(result->status, HealthState::Down);
        QCOMPARE(result->failedPhase, ProbePhase::Config);
        QCOMPARE(result->error.toString(),
                 u"the probe of %1 asks for HTTP/3, but this libcurl has no HTTP/3 support"_s.arg(spec.target));
    }

    spec.target = u"http://127.0.0.1:%1/"_s.arg(m_plainPort);
    const auto plain = probeOnce(spec);
    QVERIFY(plain);
    QCOMPARE(plain->status, HealthState::Down);
    QCOMPARE(plain->failedPhase, ProbePhase::Config);
}

void TestHttpProber::privateCaTrustedWithCaFile()
{
    QVERIFY2(m_nginx, qPrintable(m_nginxError));
    for (const QString &host : {u"127.0.0.1"_s, u"localhost"_s}) {
        ProbeSpec spec = httpSpec(u"https://%1:%2/"_s.arg(host).arg(m_httpsPort));
        spec.options<HttpOptions>().tls.caFile = m_certificates->caFile;
        const auto result = probeOnce(spec);
        QVERIFY(result);
        QVERIFY2(result->status == HealthState::Up, qPrintable(host + u": "_s + result->error.toString()));
        QVERIFY(result->phases.tlsMs);
    }
}

void TestHttpProber::privateCaRejectedWithoutCaFile()
{
    QVERIFY2(m_nginx, qPrintable(m_nginxError));
    const auto result = probeOnce(httpSpec(u"https://127.0.0.1:%1/"_s.arg(m_httpsPort)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Certificate);
    QVERIFY2(
        result->error.toString().startsWith(u"the certificate of 127.0.0.1:%1 is not accepted: "_s.arg(m_httpsPort)),
        qPrintable(result->error.toString()));
    QVERIFY2(result->error.toString().contains(u"ca_file"_s), qPrintable(result->error.toString()));

    // Trusting another CA is no better.
    QTemporaryDir other;
    QString error;
    const auto otherCa = makeTestCertificates(other.path(), 30, &error);
    QVERIFY2(otherCa, qPrintable(error));
    ProbeSpec spec = httpSpec(u"https://127.0.0.1:%1/"_s.arg(m_httpsPort));
    spec.options<HttpOptions>().tls.caFile = otherCa->caFile;
    const auto wrongCa = probeOnce(spec);
    QVERIFY(wrongCa);
    QCOMPARE(wrongCa->status, HealthState::Down);
    QCOMPARE(wrongCa->failedPhase, ProbePhase::Certificate);
}

void TestHttpProber::insecureSkipsVerification()
{
    QVERIFY2(m_nginx, qPrintable(m_nginxError));
    ProbeSpec spec = httpSpec(u"https://127.0.0.1:%1/"_s.arg(m_httpsPort));
    spec.options<HttpOptions>().tls.insecureReason = u"lab certificate from our own CA"_s;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QVERIFY(result->phases.tlsMs);
}

void TestHttpProber::unreadableCaFileIsAConfigError()
{
    QVERIFY2(m_nginx, qPrintable(m_nginxError));
    ProbeSpec spec = httpSpec(u"https://127.0.0.1:%1/"_s.arg(m_httpsPort));
    spec.options<HttpOptions>().tls.caFile = m_tlsDir->filePath(u"no-such-ca.pem"_s);
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QVERIFY2(result->error.toString().startsWith(
                 u"cannot use the CA file '%1' (ca_file): "_s.arg(spec.options<HttpOptions>().tls.caFile)),
             qPrintable(result->error.toString()));
}

void TestHttpProber::certificateExpirationConditions()
{
    QVERIFY2(m_nginx, qPrintable(m_nginxError));
    // The leaf expires in 30 days (720 h), well before the CA.
    ProbeSpec spec = httpSpec(u"https://127.0.0.1:%1/"_s.arg(m_httpsPort));
    spec.options<HttpOptions>().tls.caFile = m_certificates->caFile;
    spec.conditions = conditions({u"[CERTIFICATE_EXPIRATION] > 700h"_s});
    const auto fine = probeOnce(spec);
    QVERIFY(fine);
    QVERIFY2(fine->status == HealthState::Up, qPrintable(fine->error.toString()));

    spec.conditions = conditions({u"[CERTIFICATE_EXPIRATION] > 740h"_s});
    const auto soon = probeOnce(spec);
    QVERIFY(soon);
    QCOMPARE(soon->status, HealthState::Down);
    QCOMPARE(soon->failedPhase, ProbePhase::Condition);
    QVERIFY2(soon->error.toString().startsWith(u"[CERTIFICATE_EXPIRATION] > 740h"_s),
             qPrintable(soon->error.toString()));

    // Over plain HTTP there is no certificate: the condition says so rather than passing.
    spec.target = u"http://127.0.0.1:%1/"_s.arg(m_plainPort);
    spec.conditions = conditions({u"[CERTIFICATE_EXPIRATION] > 1h"_s});
    const auto plain = probeOnce(spec);
    QVERIFY(plain);
    QCOMPARE(plain->status, HealthState::Down);
    QCOMPARE(plain->failedPhase, ProbePhase::Condition);
}

QTEST_GUILESS_MAIN(TestHttpProber)
#include "tst_httpprober.moc"
