#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTcpServer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QTcpSocket;

// Scripted raw TCP servers for the probers' tests. Each listens on 127.0.0.1 on a port of its own
// and runs on the test's thread: the test's event loop (QTRY_*, QSignalSpy::wait) serves them.
namespace Vigie::Test {

using namespace Qt::StringLiterals;

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
    QString url(const QString &path = u"/"_s) const;
    QString httpsUrl(const QString &path = u"/"_s) const;
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
    QByteArray body; // as many bytes as Content-Length announced
    QByteArray header(const QByteArray &name) const;
    // The header lines in the order received, each "Name: value", without the request line.
    QList<QByteArray> headerLines() const;
};

// Calls `onHead` once per request received whole on `socket` (its head and the body its
// Content-Length announces; keep-alive clients send several).
void readRequests(QTcpSocket *socket, QObject *context, std::function<void(const HttpRequest &)> onHead);

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

// After the request head, sends "200 OK" and then header lines until `headerBytes` of them have
// gone out (as fast as the client reads), each line `lineBytes` long; only then ends the headers.
class HugeHeadersServer final : public TestServer
{
    Q_DISABLE_COPY_MOVE(HugeHeadersServer)

public:
    explicit HugeHeadersServer(qint64 headerBytes = 1024 * 1024, qint64 lineBytes = 1000);
    qint64 bytesSent() const { return m_sent; }

protected:
    void onConnection(QTcpSocket *socket) override;

private:
    qint64 m_headerBytes;
    qint64 m_lineBytes;
    qint64 m_sent = 0;
};

// A gzip bomb: after the request head, "200 OK" with "Content-Encoding: gzip" and a gzip stream of
// zeros that never ends, sent as fast as the client reads. Each 4 KiB of it inflates to 1 MiB, so
// whatever the client inflates is about 250 times what it receives; the stream goes on for ever,
// so only a cap on the decoded size stops the client.
class GzipBombServer final : public TestServer
{
    Q_DISABLE_COPY_MOVE(GzipBombServer)

public:
    GzipBombServer();
    qint64 bytesSent() const { return m_sent; } // compressed bytes handed to the kernel

    // One byte-aligned piece of the deflate stream that inflates to `zeros` zero bytes and can
    // be repeated as is (it does not end the stream).
    static QByteArray deflateZeros(qint64 zeros);

protected:
    void onConnection(QTcpSocket *socket) override;

private:
    QByteArray m_piece;
    qint64 m_sent = 0;
};

// After the request head, announces a `declaredLength` body, sends `sentBytes` of it, and once the
// kernel has them resets the connection (RST, not a clean close).
class ResetMidBodyServer final : public TestServer
{
    Q_DISABLE_COPY_MOVE(ResetMidBodyServer)

public:
    explicit ResetMidBodyServer(qint64 declaredLength = 1024 * 1024, qint64 sentBytes = 512 * 1024);
    int resets() const { return m_resets; }

protected:
    void onConnection(QTcpSocket *socket) override;

private:
    qint64 m_declaredLength;
    qint64 m_sentBytes;
    int m_resets = 0;
};

// Accepts every connection (a deep listen backlog) and holds it open, never reading or writing:
// thousands of them cost a descriptor each and nothing else.
class HoldingServer final : public QObject
{
    Q_DISABLE_COPY_MOVE(HoldingServer)

public:
    HoldingServer();
    ~HoldingServer() override;

    quint16 port() const;
    QString url(const QString &path = u"/"_s) const;
    QString httpsUrl(const QString &path = u"/"_s) const;
    int held() const;

private:
    class Listener;
    std::unique_ptr<Listener> m_listener;
};

// The process's resident memory in bytes (VmRSS), and how many descriptors it has open.
qint64 residentBytes();
int openFileDescriptors();

// A private CA and a leaf certificate for 127.0.0.1 and localhost, made with the openssl command.
struct TestCertificates
{
    QString caFile;   // the CA certificate, PEM
    QString certFile; // the leaf certificate, PEM
    QString keyFile;  // the leaf's key, PEM
};
// Writes them into `dir`; the leaf is valid for `leafDays`. Sets `error` and returns nothing when
// openssl is missing or fails.
std::optional<TestCertificates> makeTestCertificates(const QString &dir, int leafDays, QString *error);

// A real nginx, started as an ordinary process with a generated configuration: for what the
// in-test servers cannot do (HTTP/2, HTTP/3, TLS with real certificates). `httpBlock` is the
// inside of the configuration's http {} block (its server {} blocks); the rest is written here.
class NginxServer final
{
    Q_DISABLE_COPY_MOVE(NginxServer)

public:
    explicit NginxServer(QString dir);
    ~NginxServer();

    static QString executable(); // empty when nginx is not installed
    // Starts nginx and waits until it listens on `port` (TCP), at most `timeoutMs`.
    bool start(const QByteArray &httpBlock, quint16 port, QString *error, int timeoutMs = 15000);

private:
    QString m_dir;
    QProcess m_process;
};

} // namespace Vigie::Test
