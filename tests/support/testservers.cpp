#include "testservers.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace Vigie::Test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 204:
        return "No Content"_ba;
    case 301:
        return "Moved Permanently"_ba;
    case 302:
        return "Found"_ba;
    case 400:
        return "Bad Request"_ba;
    case 404:
        return "Not Found"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 503:
        return "Service Unavailable"_ba;
    default:
        return "Status"_ba;
    }
}

// Calls `onHead` once per request head received on `socket` (keep-alive clients send several).
void readRequests(QTcpSocket *socket, QObject *context, std::function<void(const HttpRequest &)> onHead)
{
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::readyRead, context, [socket, buffer, onHead = std::move(onHead)] {
        *buffer += socket->readAll();
        qsizetype end;
        while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
            HttpRequest request;
            request.head = buffer->left(end + 2);
            buffer->remove(0, end + 4);
            const QList<QByteArray> words = request.head.left(request.head.indexOf("\r\n")).split(' ');
            request.method = words.value(0);
            request.path = words.value(1);
            onHead(request);
        }
    });
}

} // namespace

QByteArray httpResponse(int status, const QByteArray &body, const Headers &headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : headers) {
        out += name + ": " + value + "\r\n";
        hasLength = hasLength || name.compare("content-length", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    return out + body;
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

TestServer::TestServer()
{
    // Enough room in the kernel's accept queue for a burst of concurrent probes.
    m_server.setListenBacklogSize(512);
    m_server.setMaxPendingConnections(512);
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++m_accepted;
            ++m_open;
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                --m_open;
                socket->deleteLater();
            });
            onConnection(socket);
        }
    });
}

TestServer::~TestServer()
{
    // The sockets are the server's children: stop them calling back into a half-destroyed server.
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        socket->disconnect(this);
}

QString TestServer::hostPort() const
{
    return u"127.0.0.1:"_s + QString::number(port());
}

QString TestServer::url(const QString &path) const
{
    return u"http://"_s + hostPort() + path;
}

QString TestServer::httpsUrl(const QString &path) const
{
    return u"https://"_s + hostPort() + path;
}

RawHttpServer::RawHttpServer(QByteArray response)
    : m_handler([response = std::move(response)](const HttpRequest &) { return response; })
{}

RawHttpServer::RawHttpServer(Handler handler)
    : m_handler(std::move(handler))
{}

void RawHttpServer::onConnection(QTcpSocket *socket)
{
    readRequests(socket, this, [this, socket](const HttpRequest &request) {
        m_requests.append(request);
        const QByteArray response = m_handler(request);
        const auto answer = [socket, response] {
            socket->write(response);
            socket->disconnectFromHost();
        };
        if (m_delay > std::chrono::milliseconds(0))
            QTimer::singleShot(m_delay, socket, answer);
        else
            answer();
    });
}

std::unique_ptr<RawHttpServer> makeRedirectLoopServer()
{
    return std::make_unique<RawHttpServer>([](const HttpRequest &request) {
        const int step = request.path.mid(1).toInt();
        return httpResponse(302, {}, {{"Location"_ba, '/' + QByteArray::number(step + 1)}});
    });
}

void SilentServer::onConnection(QTcpSocket *socket)
{
    connect(socket, &QTcpSocket::readyRead, this, [socket] { socket->readAll(); });
}

TrickleHttpServer::TrickleHttpServer(std::chrono::milliseconds interval)
    : m_interval(interval)
{}

void TrickleHttpServer::onConnection(QTcpSocket *socket)
{
    readRequests(socket, this, [this, socket](const HttpRequest &) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n"_ba);
        auto *timer = new QTimer(socket);
        connect(timer, &QTimer::timeout, socket, [socket] { socket->write("x"_ba); });
        timer->start(m_interval);
    });
}

EndlessBodyServer::EndlessBodyServer(qint64 declaredLength)
    : m_declaredLength(declaredLength)
{}

void EndlessBodyServer::onConnection(QTcpSocket *socket)
{
    static const QByteArray chunk(64 * 1024, 'z');
    // Keeps a few chunks queued: as fast as the client reads, without filling the server's memory.
    const auto feed = [this, socket] {
        while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 4 * chunk.size()) {
            socket->write(chunk);
            m_sent += chunk.size();
        }
    };
    readRequests(socket, this, [this, socket, feed](const HttpRequest &) {
        QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"_ba;
        if (m_declaredLength >= 0)
            head += "Content-Length: " + QByteArray::number(m_declaredLength) + "\r\n";
        socket->write(head + "Connection: close\r\n\r\n");
        connect(socket, &QTcpSocket::bytesWritten, this, feed);
        feed();
    });
}

BannerServer::BannerServer(QByteArray line, bool closeAfter)
    : m_line(std::move(line))
    , m_closeAfter(closeAfter)
{}

void BannerServer::onConnection(QTcpSocket *socket)
{
    connect(socket, &QTcpSocket::readyRead, this, [socket] { socket->readAll(); });
    socket->write(m_line);
    if (m_closeAfter)
        socket->disconnectFromHost();
}

} // namespace Vigie::Test
