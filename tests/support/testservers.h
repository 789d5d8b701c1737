#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>

#include <chrono>
#include <functional>
#include <memory>
#include <utility>

class QTcpSocket;

// Scripted raw TCP servers for the probers' tests. Each listens on 127.0.0.1 on a port of its own
// and runs on the test's thread: the test's event loop (QTRY_*, QSignalSpy::wait) serves them.
namespace Vigie::Test {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// A complete HTTP/1.1 response with Content-Length and "Connection: close".
QByteArray httpResponse(int status, const QByteArray &body = {}, const Headers &headers = {});

// A port on 127.0.0.1 that nothing listens on (bound, then released), for "connection refused".
quint16 closedPort();

// Accepts connections and counts them; what each one does is up to the subclass.
class TestServer : public QObject
{
    Q_DISABLE_COPY_MOVE(TestServer)

public:
    ~TestServer() override;

    quint16 port() const { return m_server.serverPort(); }
    QString hostPort() const; // "127.0.0.1:port"
    QString url(const QString &path = QStringLiteral("/")) const;
    QString httpsUrl(const QString &path = QStringLiteral("/")) const;
    int connectionCount() const { return m_accepted; } // accepted so far
    int openConnections() const { return m_open; }     // still open on the server's side

protected:
    TestServer();
    virtual void onConnection(QTcpSocket *socket) = 0;

private:
    QTcpServer m_server;
    int m_accepted = 0;
    int m_open = 0;
};

struct HttpRequest
{
    QByteArray method;
    QByteArray path;
    QByteArray head; // the request line and headers, as received
    QByteArray header(const QByteArray &name) const;
};

// Reads each request's head, then sends what the handler returns and closes the connection.
class RawHttpServer final : public TestServer
{
    Q_DISABLE_COPY_MOVE(RawHttpServer)

public:
    using Handler = std::function<QByteArray(const HttpRequest &)>;
    explicit RawHttpServer(QByteArray response);
    explicit RawHttpServer(Handler handler);

    // Waits this long after a request before answering it.
    void setResponseDelay(std::chrono::milliseconds delay) { m_delay = delay; }
    int requestCount() const { return int(m_requests.size()); }
    QList<HttpRequest> requests() const { return m_requests; }

protected:
    void onConnection(QTcpSocket *socket) override;

private:
    Handler m_handler;
    std::chrono::milliseconds m_delay{0};
    QList<HttpRequest> m_requests;
};

// Every path /N answers 302 to /N+1: a redirect loop that never ends.
std::unique_ptr<RawHttpServer> makeRedirectLoopServer();

// Accepts connections, reads and ignores everything, never sends a byte.
class SilentServer final : public TestServer
{
    Q_DISABLE_COPY_MOVE(SilentServer)

public:
    SilentServer() = default;

protected:
    void onConnection(QTcpSocket *socket) override;
};

// After the request head, sends "200 OK" headers announcing a long body at once, then one body byte
// per interval: a server that is alive but never done.
class TrickleHttpServer final : public TestServer
{
    Q_DISABLE_COPY_MOVE(TrickleHttpServer)

public:
    explicit TrickleHttpServer(std::chrono::milliseconds interval = std::chrono::seconds(1));

protected:
    void onConnection(QTcpSocket *socket) override;

private:
    std::chrono::milliseconds m_interval;
};

// After the request head, sends "200 OK" and a body that never ends, as fast as the client reads.
// With declaredLength set, the headers announce that Content-Length; otherwise the body is
// delimited by the close that never comes.
class EndlessBodyServer final : public TestServer
{
    Q_DISABLE_COPY_MOVE(EndlessBodyServer)

public:
    explicit EndlessBodyServer(qint64 declaredLength = -1);
    qint64 bytesSent() const { return m_sent; } // body bytes handed to the kernel, all connections

protected:
    void onConnection(QTcpSocket *socket) override;

private:
    qint64 m_declaredLength;
    qint64 m_sent = 0;
};

// Sends `line` as-is as soon as a client connects (the test includes the line break, or not), then
// stays silent; with closeAfter, closes the connection after sending.
class BannerServer final : public TestServer
{
    Q_DISABLE_COPY_MOVE(BannerServer)

public:
    explicit BannerServer(QByteArray line, bool closeAfter = false);

protected:
    void onConnection(QTcpSocket *socket) override;

private:
    QByteArray m_line;
    bool m_closeAfter;
};

} // namespace Vigie::Test
