#include "probeonce.h"
#include "probes/httpprober.h"
#include "testservers.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
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
    spec.kind = ProbeKind::Http;
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

} // namespace

class TestHttpProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
    void slowAnswerIsDegraded();
    void tlsHandshakeWithAPlainServerFails();
    void tlsHandshakeTimeout();
    void badUrlFailsLaterNotInStart_data();
    void badUrlFailsLaterNotInStart();
    void manyConcurrentProbesFinishExactlyOnce();
    void cancelStopsWithoutEmitting();
    void probesStartedFromTheFinishedSlot();
    void destructorClosesEveryConnection();
};

void TestHttpProber::okMeasuresEveryPhaseButTls()
{
    RawHttpServer server(httpResponse(200, "hello"_ba));
    const auto result = probeOnce(httpSpec(server.url()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QVERIFY(result->error.isEmpty());

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
    QCOMPARE(result->error, u"HTTP status 500, expected 200-399"_s);
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
    spec.expectStatus = expected;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Status);
    QCOMPARE(result->error, error);
}

void TestHttpProber::redirectsAreFollowedAndTheFinalStatusJudged()
{
    RawHttpServer server([](const HttpRequest &request) {
        if (request.path == "/final")
            return httpResponse(200, "done"_ba);
        return httpResponse(302, {}, {{"Location"_ba, "/final"_ba}});
    });
    ProbeSpec spec = httpSpec(server.url());
    spec.expectStatus = {{200, 200}, {302, 302}};
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
    QCOMPARE(down->error, u"HTTP status 500, expected 200 or 302"_s);
}

void TestHttpProber::maxRedirectsZeroJudgesTheRedirectItself()
{
    RawHttpServer server(httpResponse(302, {}, {{"Location"_ba, "/elsewhere"_ba}}));
    ProbeSpec spec = httpSpec(server.url());
    spec.maxRedirects = 0;
    spec.expectStatus = {{200, 200}, {302, 302}};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->httpStatus, 302);
    QCOMPARE(server.requestCount(), 1);

    spec.expectStatus = {{200, 200}};
    const auto strict = probeOnce(spec);
    QVERIFY(strict);
    QCOMPARE(strict->status, HealthState::Down);
    QCOMPARE(strict->error, u"HTTP status 302, expected 200"_s);
    QCOMPARE(server.requestCount(), 2);
}

void TestHttpProber::redirectLoopStopsAtTheLimit_data()
{
    QTest::addColumn<int>("maxRedirects");
    QTest::newRow("default") << ProbeSpec().maxRedirects;
    QTest::newRow("three") << 3;
}

void TestHttpProber::redirectLoopStopsAtTheLimit()
{
    QFETCH(int, maxRedirects);
    const auto server = makeRedirectLoopServer();
    ProbeSpec spec = httpSpec(server->url(u"/0"_s));
    spec.maxRedirects = maxRedirects;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Status);
    QCOMPARE(result->error, u"too many redirects: more than %1"_s.arg(maxRedirects));
    QCOMPARE(result->httpStatus, 302);
    QCOMPARE(server->requestCount(), maxRedirects + 1);
}

void TestHttpProber::bodyCheck()
{
    RawHttpServer server(httpResponse(200, "<html><h1>Bienvenue</h1><a>Connexion</a></html>"_ba));
    ProbeSpec spec = httpSpec(server.url());
    spec.expectBodyContains = u"Connexion"_s;
    const auto found = probeOnce(spec);
    QVERIFY(found);
    QCOMPARE(found->status, HealthState::Up);

    spec.expectBodyContains = u"Déconnexion"_s;
    const auto missing = probeOnce(spec);
    QVERIFY(missing);
    QCOMPARE(missing->status, HealthState::Down);
    QCOMPARE(missing->httpStatus, 200);
    QCOMPARE(missing->failedPhase, ProbePhase::Body);
    QCOMPARE(missing->error, u"the body does not contain \"Déconnexion\""_s);
}

void TestHttpProber::connectionRefused()
{
    const quint16 port = closedPort();
    const auto result = probeOnce(httpSpec(u"http://127.0.0.1:%1/"_s.arg(port)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Connect);
    QCOMPARE(result->error, u"connection refused by 127.0.0.1:%1"_s.arg(port));
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
    QCOMPARE(result->error, u"could not resolve host 'vigie-probe.invalid'"_s);
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
    QCOMPARE(result->error, u"timed out after 0.5 s in processing (waiting for the first byte)"_s);
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
    QCOMPARE(result->error, u"timed out after 2.0 s in transfer (reading the response)"_s);
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
    QCOMPARE(result->error, u"response body larger than 1 MiB"_s);
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
    QCOMPARE(result->error, u"response body larger than 1 MiB"_s);
    QVERIFY2(elapsed < 3000, qPrintable(QString::number(elapsed)));
}

void TestHttpProber::bodyCapBoundary()
{
    RawHttpServer exact(httpResponse(200, QByteArray(1000, 'a')));
    ProbeSpec spec = httpSpec(exact.url());
    spec.maxBodyBytes = 1000;
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
    QCOMPARE(tooLarge->error, u"response body larger than 1000 bytes"_s);
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
    QCOMPARE(result->error, u"response body larger than 1 MiB"_s);

    // And the body check sees the decoded text.
    RawHttpServer page(httpResponse(200, deflate("<p>Connexion</p>"_ba), {{"Content-Encoding"_ba, "deflate"_ba}}));
    ProbeSpec spec = httpSpec(page.url());
    spec.expectBodyContains = u"Connexion"_s;
    const auto decoded = probeOnce(spec);
    QVERIFY(decoded);
    QCOMPARE(decoded->status, HealthState::Up);
}

void TestHttpProber::slowAnswerIsDegraded()
{
    RawHttpServer server(httpResponse(200, "late"_ba));
    server.setResponseDelay(300ms);
    ProbeSpec spec = httpSpec(server.url());
    spec.maxLatency = 100ms;
    const auto slow = probeOnce(spec);
    QVERIFY(slow);
    QCOMPARE(slow->status, HealthState::Degraded);
    QCOMPARE(slow->failedPhase, ProbePhase::Latency);
    const QRegularExpressionMatch match =
        QRegularExpression(u"^slow: (\\d+) ms, above the 100 ms limit$"_s).match(slow->error);
    QVERIFY2(match.hasMatch(), qPrintable(slow->error));
    QCOMPARE(match.captured(1).toLongLong(), qRound64(slow->latencyMs));
    QVERIFY(slow->latencyMs >= 300);
    QVERIFY(*slow->phases.processingMs >= 290);

    spec.maxLatency = 5s;
    const auto fine = probeOnce(spec);
    QVERIFY(fine);
    QCOMPARE(fine->status, HealthState::Up);
    QVERIFY(fine->error.isEmpty());
}

void TestHttpProber::tlsHandshakeWithAPlainServerFails()
{
    BannerServer server("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"_ba);
    const auto result = probeOnce(httpSpec(server.httpsUrl()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Tls);
    QVERIFY2(result->error.startsWith(u"TLS handshake with %1 failed: "_s.arg(server.hostPort())),
             qPrintable(result->error));
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
    QCOMPARE(result->error, u"timed out after 0.5 s in TLS (TLS handshake)"_s);
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
    QCOMPARE(result->error, u"'%1' is not an http:// or https:// URL"_s.arg(url));
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
        QVERIFY2(result.status == HealthState::Up, qPrintable(result.error));
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

QTEST_GUILESS_MAIN(TestHttpProber)
#include "tst_httpprober.moc"
