#include "realservers.h"

#include <QDeadlineTimer>
#include <QDebug>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>
#include <QUdpSocket>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Vigie::Test {

namespace {

// Ports are picked free, then bound by another process: another test may take one in between.
constexpr int startAttempts = 3;
constexpr std::chrono::seconds readyTimeout{15};

} // namespace

bool runTool(const QString &program, const QStringList &arguments, std::chrono::milliseconds timeout)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    const bool done = process.waitForFinished(int(timeout.count()));
    if (done && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return true;
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    qWarning().noquote() << program << arguments.join(u' ') << "failed:" << process.errorString()
                         << QString::fromLocal8Bit(process.readAll());
    return false;
}

quint16 freePort()
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        QTcpServer tcp;
        if (!tcp.listen(QHostAddress::LocalHost))
            continue;
        QUdpSocket udp;
        if (udp.bind(QHostAddress::LocalHost, tcp.serverPort()))
            return tcp.serverPort();
    }
    return 0;
}

RealServer::RealServer()
    : m_process(std::make_unique<QProcess>())
{}

RealServer::~RealServer()
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    // A terminated dnsmasq removes its pid file; a killed one would leave it behind.
    m_process->terminate();
    if (!m_process->waitForFinished(3000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString RealServer::hostPort() const
{
    return u"127.0.0.1:"_s + QString::number(m_port);
}

bool RealServer::start(const QString &program, const QStringList &arguments, quint16 port,
                       const QByteArray &readyMarker)
{
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_output.clear();
    m_port = port;
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(program, arguments);
    if (!m_process->waitForStarted(5000)) {
        qWarning().noquote() << "could not start" << program << m_process->errorString();
        return false;
    }
    const QDeadlineTimer deadline(readyTimeout);
    while (!m_output.contains(readyMarker) && m_process->state() == QProcess::Running && !deadline.hasExpired()) {
        m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        m_output += m_process->readAll();
    }
    if (m_output.contains(readyMarker) && m_process->state() == QProcess::Running)
        return true;
    qWarning().noquote() << program << "did not get ready on port" << port << ":" << QString::fromLocal8Bit(m_output);
    m_process->kill();
    m_process->waitForFinished(5000);
    return false;
}

bool OpensslTlsServer::start(const QString &certFile, const QString &keyFile, const QString &chainFile)
{
    for (int attempt = 0; attempt < startAttempts; ++attempt) {
        const quint16 port = freePort();
        QStringList arguments{u"s_server"_s, u"-accept"_s, u"127.0.0.1:"_s + QString::number(port),
                              u"-cert"_s,    certFile,     u"-key"_s,
                              keyFile,       u"-www"_s};
        if (!chainFile.isEmpty())
            arguments << u"-cert_chain"_s << chainFile;
        // s_server prints ACCEPT once it listens (unless -quiet).
        if (RealServer::start(u"openssl"_s, arguments, port, "ACCEPT"_ba))
            return true;
    }
    return false;
}

bool DnsmasqServer::start(const QStringList &records)
{
    for (int attempt = 0; attempt < startAttempts; ++attempt) {
        const quint16 port = freePort();
        QStringList arguments{u"--conf-file=/dev/null"_s,
                              u"--no-resolv"_s,
                              u"--no-hosts"_s,
                              u"--no-daemon"_s,
                              u"--port="_s + QString::number(port),
                              u"--listen-address=127.0.0.1"_s,
                              u"--bind-interfaces"_s,
                              u"--log-facility=-"_s,
                              u"--pid-file="_s + QDir::tempPath() + u"/vigie-dnsmasq-"_s + QString::number(port) +
                                  u".pid"_s};
        // As root dnsmasq drops to "nobody", which may not exist in a build chroot; otherwise it
        // keeps the user it runs as.
        if (::geteuid() == 0)
            arguments << u"--user=root"_s << u"--group=root"_s;
        arguments << records;
        // dnsmasq logs this once its sockets are bound.
        if (RealServer::start(u"dnsmasq"_s, arguments, port, "started, version"_ba))
            return true;
    }
    return false;
}

bool NodeExporter::start(const QStringList &collectors)
{
    for (int attempt = 0; attempt < startAttempts; ++attempt) {
        const quint16 port = freePort();
        QStringList arguments{u"--web.listen-address=127.0.0.1:"_s + QString::number(port),
                              u"--collector.disable-defaults"_s};
        for (const QString &collector : collectors)
            arguments << u"--collector."_s + collector;
        // It logs this once its socket is bound.
        if (RealServer::start(u"prometheus-node-exporter"_s, arguments, port, "Listening on"_ba))
            return true;
    }
    return false;
}

QString NodeExporter::metricsUrl() const
{
    return u"http://"_s + hostPort() + u"/metrics"_s;
}

namespace {

// One GET on loopback, waited for with the test's event loop; the status (0: no answer) and body.
std::pair<int, QByteArray> fetch(const QUrl &url)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(5000);
    QNetworkReply *reply = network.get(request);
    // Not finished in time: no answer (status 0), as the caller reads it.
    const bool finished = QTest::qWaitFor([reply] { return reply->isFinished(); }, 6000);
    const int status = finished ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
    const QByteArray body = finished ? reply->readAll() : QByteArray();
    reply->abort();
    delete reply;
    return {status, body};
}

} // namespace

bool PrometheusServer::start(const QList<Job> &jobs)
{
    if (!m_dir.isValid())
        return false;
    QByteArray config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                        "scrape_configs:\n";
    for (const Job &job : jobs) {
        config += "  - job_name: '" + job.name.toUtf8() + "'\n    static_configs:\n      - targets: [";
        QByteArrayList targets;
        for (const QString &target : job.targets)
            targets.append('\'' + target.toUtf8() + '\'');
        config += targets.join(", ") + "]\n";
    }
    QFile file(m_dir.filePath(u"prometheus.yml"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size())
        return false;
    file.close();
    for (int attempt = 0; attempt < startAttempts; ++attempt) {
        const quint16 port = freePort();
        const QString storage = m_dir.filePath(u"data-"_s + QString::number(attempt));
        const QStringList arguments{u"--config.file="_s + file.fileName(), u"--storage.tsdb.path="_s + storage,
                                    u"--web.listen-address=127.0.0.1:"_s + QString::number(port),
                                    u"--log.level=info"_s};
        // Logged once the storage is open and the rules are loaded: /-/ready answers 200 from then.
        if (!RealServer::start(u"prometheus"_s, arguments, port, "Server is ready to receive web requests"_ba))
            continue;
        const QDeadlineTimer deadline(readyTimeout);
        while (!deadline.hasExpired()) {
            if (fetch(QUrl(url() + u"/-/ready"_s)).first == 200)
                return true;
            QTest::qWait(100);
        }
        qWarning().noquote() << "prometheus never said it was ready:" << QString::fromLocal8Bit(output());
        return false;
    }
    return false;
}

QString PrometheusServer::url() const
{
    return u"http://"_s + hostPort();
}

bool PrometheusServer::waitForSeries(const QString &query, std::chrono::milliseconds timeout)
{
    QUrl url(this->url() + u"/api/v1/query"_s);
    url.setQuery(u"query="_s + QString::fromLatin1(QUrl::toPercentEncoding(query)));
    const QDeadlineTimer deadline(timeout);
    while (!deadline.hasExpired()) {
        const auto [status, body] = fetch(url);
        const QJsonArray result =
            QJsonDocument::fromJson(body).object().value("data"_L1).toObject().value("result"_L1).toArray();
        if (status == 200 && !result.isEmpty())
            return true;
        QTest::qWait(200);
    }
    qWarning().noquote() << "prometheus never returned a series for" << query;
    return false;
}

} // namespace Vigie::Test
