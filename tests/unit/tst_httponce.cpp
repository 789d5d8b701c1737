#include "notices/httponce.h"
#include "testservers.h"

#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Vigie::HttpAnswer;
using Vigie::HttpCall;
using Vigie::ProbePhase;
using Vigie::sendOnce;
using Vigie::Test::HttpRequest;
using Vigie::Test::RawHttpServer;

namespace {

template<typename T>
T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20'000))
        qFatal("the request never finished");
    return future.result();
}

// Reads each request whole, then resets the connection (RST) without a word: a site that applied
// the request and lost the answer.
class ResettingServer final : public Vigie::Test::TestServer
{
public:
    QList<HttpRequest> requests;

protected:
    void onConnection(QTcpSocket *socket) override
    {
        Vigie::Test::readRequests(socket, this, [this, socket](const HttpRequest &request) {
            requests.append(request);
            const linger abortive{1, 0};
            ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
            socket->abort();
        });
    }
};

HttpCall post(const QString &url, QByteArray body = R"({"incident":{"name":"Portal"}})"_ba)
{
    HttpCall call;
    call.method = "POST";
    call.url = QUrl(url);
    call.headers = {{"Content-Type"_ba, "application/json"_ba}, {"Authorization"_ba, "OAuth k3y"_ba}};
    call.body = std::move(body);
    call.timeout = 5s;
    return call;
}

} // namespace

class tst_HttpOnce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void returnsTheAnswerAsSent();
    void continuesOnTheCallersThread();
    void resetAfterTheRequestIsNotRepeated();
    void refusedConnectionWasNotSent();
    void timeoutAfterSendingWasSent();
    void timeoutWhileSendingWasNotSent();
    void redirectIsReturnedNotFollowed();
    void tlsFailureNamesThePhase();
    void cancellingAbandonsTheTransfer();
};

void tst_HttpOnce::returnsTheAnswerAsSent()
{
    RawHttpServer server(Vigie::Test::httpResponse(429, R"({"error":"slow down"})",
                                                   {{"Retry-After", "7"}, {"Content-Type", "application/json"}}));
    HttpCall call = post(server.url(u"/v1/pages/p/incidents"_s));
    call.method = "PATCH";
    const HttpAnswer answer = await(sendOnce(call));
    QCOMPARE(answer.status, 429);
    QCOMPARE(answer.body, R"({"error":"slow down"})"_ba);
    QCOMPARE(answer.retryAfter, "7"_ba);
    QVERIFY(answer.sent);
    QVERIFY(!answer.timedOut);
    QCOMPARE(answer.failedPhase, ProbePhase::None);
    QVERIFY(answer.error.isEmpty());
    QCOMPARE(server.requestCount(), 1);
    const HttpRequest seen = server.requests().at(0);
    QCOMPARE(seen.method, "PATCH"_ba);
    QCOMPARE(seen.path, "/v1/pages/p/incidents"_ba);
    QCOMPARE(seen.body, call.body);
    QCOMPARE(seen.header("Authorization"), "OAuth k3y"_ba);
    QCOMPARE(seen.header("Content-Type"), "application/json"_ba);
    QVERIFY(seen.header("Expect").isEmpty()); // the body went with the head
}

void tst_HttpOnce::continuesOnTheCallersThread()
{
    RawHttpServer server(Vigie::Test::httpResponse(200, "{}"));
    HttpCall call;
    call.url = QUrl(server.url());
    QThread *ranOn = nullptr;
    int status = -1;
    QFuture<void> done = sendOnce(call).then(this, [&](const HttpAnswer &answer) {
        ranOn = QThread::currentThread();
        status = answer.status;
    });
    QTRY_VERIFY(done.isFinished());
    QCOMPARE(status, 200);
    QCOMPARE(ranOn, QThread::currentThread());
    QCOMPARE(server.requests().at(0).method, "GET"_ba);
}

void tst_HttpOnce::resetAfterTheRequestIsNotRepeated()
{
    ResettingServer server;
    const HttpAnswer answer = await(sendOnce(post(server.url(u"/incidents"_s))));
    QCOMPARE(answer.status, 0);
    QVERIFY(answer.sent);
    QVERIFY(!answer.timedOut);
    QCOMPARE(answer.failedPhase, ProbePhase::Processing);
    QVERIFY2(answer.error.startsWith(u"processing: "_s), qPrintable(answer.error));
    // Qt's HTTP layer would have sent it a second time on a new connection.
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_HttpOnce::refusedConnectionWasNotSent()
{
    const HttpAnswer answer = await(sendOnce(post(u"http://127.0.0.1:%1/"_s.arg(Vigie::Test::closedPort()))));
    QCOMPARE(answer.status, 0);
    QVERIFY(!answer.sent);
    QVERIFY(!answer.timedOut);
    QCOMPARE(answer.failedPhase, ProbePhase::Connect);
    QVERIFY2(answer.error.startsWith(u"connect: "_s), qPrintable(answer.error));
}

void tst_HttpOnce::timeoutAfterSendingWasSent()
{
    Vigie::Test::SilentServer server; // reads it all, never answers
    HttpCall call = post(server.url());
    call.timeout = 300ms;
    const HttpAnswer answer = await(sendOnce(call));
    QCOMPARE(answer.status, 0);
    QVERIFY(answer.timedOut);
    QVERIFY(answer.sent);
    QCOMPARE(answer.failedPhase, ProbePhase::Processing);
}

void tst_HttpOnce::timeoutWhileSendingWasNotSent()
{
    // Never reads: a body larger than the sockets' buffers cannot all go out.
    Vigie::Test::HoldingServer server;
    HttpCall call = post(server.url(), QByteArray(32 * 1024 * 1024, 'x'));
    call.timeout = 500ms;
    const HttpAnswer answer = await(sendOnce(call));
    QCOMPARE(answer.status, 0);
    QVERIFY(answer.timedOut);
    QVERIFY(!answer.sent);
    QCOMPARE(answer.failedPhase, ProbePhase::Send);
}

void tst_HttpOnce::redirectIsReturnedNotFollowed()
{
    RawHttpServer elsewhere(Vigie::Test::httpResponse(201, "{}"));
    const QByteArray location = elsewhere.url(u"/v1/incidents"_s).toLatin1();
    RawHttpServer redirecting(Vigie::Test::httpResponse(302, {}, {{"Location", location}}));
    const HttpAnswer answer = await(sendOnce(post(redirecting.url())));
    QCOMPARE(answer.status, 302);
    QCOMPARE(answer.location, location);
    QCOMPARE(redirecting.requestCount(), 1);
    QCOMPARE(elsewhere.requestCount(), 0);
}

void tst_HttpOnce::tlsFailureNamesThePhase()
{
    // A server that speaks plain HTTP where TLS is expected: the handshake fails, nothing is sent.
    Vigie::Test::BannerServer server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"_ba, true);
    const HttpAnswer answer = await(sendOnce(post(server.httpsUrl())));
    QCOMPARE(answer.status, 0);
    QVERIFY(answer.tlsFailed);
    QVERIFY(!answer.sent);
    QCOMPARE(answer.failedPhase, ProbePhase::Tls);
    QVERIFY2(answer.error.startsWith(u"TLS: "_s), qPrintable(answer.error));
}

void tst_HttpOnce::cancellingAbandonsTheTransfer()
{
    Vigie::Test::SilentServer server;
    HttpCall call = post(server.url());
    call.timeout = 60s;
    QFuture<HttpAnswer> future = sendOnce(call);
    QTRY_COMPARE(server.openConnections(), 1);
    future.cancel();
    // Abandoned long before its timeout: the connection closes.
    QTRY_COMPARE(server.openConnections(), 0);
    QVERIFY(future.isCanceled());
    QCOMPARE(future.resultCount(), 0);
}

QTEST_GUILESS_MAIN(tst_HttpOnce)
#include "tst_httponce.moc"
