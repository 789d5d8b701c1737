#include "testservers.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

#include <sys/socket.h>
#include <unistd.h>

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

} // namespace

void readRequests(QTcpSocket *socket, QObject *context, std::function<void(const HttpRequest &)> onHead)
{
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::readyRead, context, [socket, buffer, onHead = std::move(onHead)] {
        *buffer += socket->readAll();
        qsizetype end;
        while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
            HttpRequest request;
            request.head = buffer->left(end + 2);
            const qsizetype bodyLength = request.header("Content-Length"_ba).toLongLong();
            if (buffer->size() < end + 4 + bodyLength)
                return; // the rest of the body is still on its way
            request.body = buffer->mid(end + 4, bodyLength);
            buffer->remove(0, end + 4 + bodyLength);
            const QList<QByteArray> words = request.head.left(request.head.indexOf("\r\n")).split(' ');
            request.method = words.value(0);
            request.path = words.value(1);
            onHead(request);
        }
    });
}

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

QList<QByteArray> HttpRequest::headerLines() const
{
    QList<QByteArray> lines = head.trimmed().split('\n');
    lines.removeFirst();
    for (QByteArray &line : lines)
        line = line.trimmed();
    return lines;
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

HugeHeadersServer::HugeHeadersServer(qint64 headerBytes, qint64 lineBytes)
    : m_headerBytes(headerBytes)
    , m_lineBytes(lineBytes)
{}

void HugeHeadersServer::onConnection(QTcpSocket *socket)
{
    auto written = std::make_shared<qint64>(0);
    const auto feed = [this, socket, written] {
        while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 256 * 1024 &&
               *written < m_headerBytes) {
            QByteArray line = "X-Filler-" + QByteArray::number(*written) + ": ";
            line += QByteArray(std::max<qint64>(1, m_lineBytes - line.size() - 2), 'h') + "\r\n";
            socket->write(line);
            *written += line.size();
            m_sent += line.size();
            if (*written >= m_headerBytes)
                socket->write("Content-Length: 2\r\nConnection: close\r\n\r\nok"_ba);
        }
    };
    readRequests(socket, this, [this, socket, feed](const HttpRequest &) {
        socket->write("HTTP/1.1 200 OK\r\n"_ba);
        connect(socket, &QTcpSocket::bytesWritten, this, feed);
        feed();
    });
}

QByteArray GzipBombServer::deflateZeros(qint64 zeros)
{
    // One fixed-Huffman block (RFC 1951, 3.2.6): a literal zero, then copies of 258 bytes from one
    // byte back, 13 bits each; then an empty stored block, which pads to a byte boundary.
    QByteArray out;
    quint32 bits = 0;
    int count = 0;
    const auto put = [&](quint32 value, int width) { // header fields: least significant bit first
        bits |= value << count;
        count += width;
        while (count >= 8) {
            out += char(bits & 0xff);
            bits >>= 8;
            count -= 8;
        }
    };
    const auto code = [&](quint32 value, int width) { // Huffman codes: most significant bit first
        quint32 reversed = 0;
        for (int i = 0; i < width; ++i)
            reversed = (reversed << 1) | ((value >> i) & 1);
        put(reversed, width);
    };
    put(0, 1);     // not the last block
    put(1, 2);     // fixed Huffman codes
    code(0x30, 8); // literal 0
    for (qint64 copied = 1; copied + 258 <= zeros; copied += 258) {
        code(0xc5, 8); // length symbol 285: 258 bytes
        code(0, 5);    // distance symbol 0: one byte back
    }
    code(0, 7);                               // end of block
    put(0, 3);                                // an empty stored block, not the last...
    put(0, (8 - count) % 8);                  // ...aligned on a byte...
    out += QByteArray("\x00\x00\xff\xff", 4); // ...with length 0
    return out;
}

GzipBombServer::GzipBombServer()
    : m_piece(deflateZeros(1 + 258 * 4064))
{}

void GzipBombServer::onConnection(QTcpSocket *socket)
{
    const auto feed = [this, socket] {
        while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 8 * m_piece.size()) {
            socket->write(m_piece);
            m_sent += m_piece.size();
        }
    };
    readRequests(socket, this, [this, socket, feed](const HttpRequest &) {
        // The gzip header (RFC 1952): deflate, no name, no time, Unix.
        static const QByteArray gzipHeader("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
                      "Connection: close\r\n\r\n"_ba +
                      gzipHeader);
        connect(socket, &QTcpSocket::bytesWritten, this, feed);
        feed();
    });
}

ResetMidBodyServer::ResetMidBodyServer(qint64 declaredLength, qint64 sentBytes)
    : m_declaredLength(declaredLength)
    , m_sentBytes(sentBytes)
{}

void ResetMidBodyServer::onConnection(QTcpSocket *socket)
{
    readRequests(socket, this, [this, socket](const HttpRequest &) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                      QByteArray::number(m_declaredLength) + "\r\nConnection: close\r\n\r\n");
        socket->write(QByteArray(m_sentBytes, 'r'));
        const auto reset = [this, socket] {
            // A zero linger time makes close() send RST and drop whatever is unsent.
            const linger abortive{1, 0};
            ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
            socket->abort();
            ++m_resets;
        };
        connect(socket, &QTcpSocket::bytesWritten, this, [socket, reset] {
            // Once the kernel has everything, a pause lets the client read it: the reset then
            // comes in the middle of the body, not before the client saw the headers.
            if (socket->bytesToWrite() == 0 && !socket->property("resetting").toBool()) {
                socket->setProperty("resetting", true);
                QTimer::singleShot(std::chrono::milliseconds(100), socket, reset);
            }
        });
    });
}

class HoldingServer::Listener final : public QTcpServer
{
public:
    ~Listener() override
    {
        for (qintptr descriptor : std::as_const(held))
            ::close(int(descriptor));
    }
    QList<qintptr> held;

protected:
    void incomingConnection(qintptr descriptor) override { held.append(descriptor); }
};

HoldingServer::HoldingServer()
    : m_listener(std::make_unique<Listener>())
{
    m_listener->setListenBacklogSize(8192);
    m_listener->listen(QHostAddress::LocalHost, 0);
}

HoldingServer::~HoldingServer() = default;

quint16 HoldingServer::port() const
{
    return m_listener->serverPort();
}

QString HoldingServer::url(const QString &path) const
{
    return u"http://127.0.0.1:"_s + QString::number(port()) + path;
}

QString HoldingServer::httpsUrl(const QString &path) const
{
    return u"https://127.0.0.1:"_s + QString::number(port()) + path;
}

int HoldingServer::held() const
{
    return int(m_listener->held.size());
}

qint64 residentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

int openFileDescriptors()
{
    return int(QDir(u"/proc/self/fd"_s).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
}

std::optional<TestCertificates> makeTestCertificates(const QString &dir, int leafDays, QString *error)
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty()) {
        *error = u"the openssl command is not installed"_s;
        return std::nullopt;
    }
    const QDir d(dir);
    TestCertificates out{d.filePath(u"ca.pem"_s), d.filePath(u"leaf.pem"_s), d.filePath(u"leaf.key"_s)};
    QFile extensions(d.filePath(u"leaf.ext"_s));
    if (!extensions.open(QIODevice::WriteOnly)) {
        *error = extensions.errorString();
        return std::nullopt;
    }
    extensions.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                     "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
    extensions.close();

    const QStringList ec{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s};
    const QList<QStringList> steps{
        QStringList{u"req"_s, u"-x509"_s} + ec +
            QStringList{u"-keyout"_s, d.filePath(u"ca.key"_s), u"-out"_s, out.caFile, u"-days"_s, u"3650"_s, u"-subj"_s,
                        u"/CN=Vigie Test CA"_s},
        QStringList{u"req"_s} + ec +
            QStringList{u"-keyout"_s, out.keyFile, u"-out"_s, d.filePath(u"leaf.csr"_s), u"-subj"_s,
                        u"/CN=localhost"_s},
        QStringList{u"x509"_s, u"-req"_s, u"-in"_s, d.filePath(u"leaf.csr"_s), u"-CA"_s, out.caFile, u"-CAkey"_s,
                    d.filePath(u"ca.key"_s), u"-CAcreateserial"_s, u"-out"_s, out.certFile, u"-days"_s,
                    QString::number(leafDays), u"-extfile"_s, extensions.fileName()},
    };
    for (const QStringList &arguments : steps) {
        QProcess process;
        process.setWorkingDirectory(dir);
        process.start(openssl, arguments);
        if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() != 0) {
            *error = u"openssl "_s + arguments.join(u' ') + u" failed: "_s +
                     QString::fromLocal8Bit(process.readAllStandardError());
            return std::nullopt;
        }
    }
    return out;
}

NginxServer::NginxServer(QString dir)
    : m_dir(std::move(dir))
{}

NginxServer::~NginxServer()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        m_process.kill();
    m_process.waitForFinished(5000);
}

QString NginxServer::executable()
{
    QString found = QStandardPaths::findExecutable(u"nginx"_s);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(u"nginx"_s, {u"/usr/sbin"_s, u"/usr/local/sbin"_s});
    return found;
}

bool NginxServer::start(const QByteArray &httpBlock, quint16 port, QString *error, int timeoutMs)
{
    const QString nginx = executable();
    if (nginx.isEmpty()) {
        *error = u"nginx is not installed"_s;
        return false;
    }
    const QDir d(m_dir);
    d.mkpath(u"tmp"_s);
    const QByteArray dir = QFile::encodeName(m_dir);
    QByteArray config;
    // As root, nginx's workers would otherwise become "nobody", who cannot read the test's files.
    if (::geteuid() == 0)
        config += "user root;\n";
    config += "worker_processes 1;\npid " + dir + "/nginx.pid;\nevents { worker_connections 256; }\nhttp {\n";
    config += "access_log off;\ndefault_type text/plain;\n";
    for (const char *temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        config += QByteArray(temp) + "_temp_path " + dir + "/tmp/" + temp + ";\n";
    config += httpBlock + "\n}\n";
    QFile file(d.filePath(u"nginx.conf"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size()) {
        *error = file.errorString();
        return false;
    }
    file.close();

    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(nginx, {u"-c"_s, file.fileName(), u"-p"_s, m_dir, u"-e"_s, d.filePath(u"error.log"_s), u"-g"_s,
                            u"daemon off;"_s});
    const bool listening = QTest::qWaitFor(
        [&] {
            if (m_process.state() == QProcess::NotRunning)
                return true;
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            return probe.waitForConnected(1000);
        },
        timeoutMs);
    if (listening && m_process.state() != QProcess::NotRunning)
        return true;
    QFile log(d.filePath(u"error.log"_s));
    log.open(QIODevice::ReadOnly);
    *error = u"nginx did not start listening on port %1: "_s.arg(port) + QString::fromLocal8Bit(log.readAll()) +
             QString::fromLocal8Bit(m_process.readAll());
    return false;
}

} // namespace Vigie::Test
