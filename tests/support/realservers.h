#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <memory>

// Real server programs (openssl s_server, dnsmasq, prometheus, node_exporter) started as child processes for the
// probers' integration tests. Each one is killed when its object goes away.
namespace Vigie::Test {

// Runs a command-line tool to its end; returns false (and prints what the tool said) when it cannot
// be started, fails, or runs longer than `timeout`.
bool runTool(const QString &program, const QStringList &arguments,
             std::chrono::milliseconds timeout = std::chrono::seconds(30));

// A port on 127.0.0.1 that was free for both TCP and UDP a moment ago (bound, then released).
quint16 freePort();

// A child process that the test owns: started by a subclass, killed and reaped on destruction.
class RealServer
{
public:
    virtual ~RealServer();
    RealServer(const RealServer &) = delete;
    RealServer &operator=(const RealServer &) = delete;

    quint16 port() const { return m_port; }
    QString hostPort() const; // "127.0.0.1:port"
    bool isRunning() const { return m_process->state() == QProcess::Running; }
    // What the server printed so far (stdout and stderr merged), for failure messages.
    QByteArray output() const { return m_output; }

protected:
    RealServer();
    // Starts `program` and waits until its merged output contains `readyMarker`; false when the
    // program is missing, exits, or never gets ready.
    bool start(const QString &program, const QStringList &arguments, quint16 port, const QByteArray &readyMarker);

private:
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output;
    quint16 m_port = 0;
};

// `openssl s_server -www` on 127.0.0.1 serving a certificate (and optional extra chain file).
class OpensslTlsServer final : public RealServer
{
public:
    OpensslTlsServer() = default;
    bool start(const QString &certFile, const QString &keyFile, const QString &chainFile = {});
};

// dnsmasq answering only from its own records on 127.0.0.1 (UDP and TCP), with no upstream.
class DnsmasqServer final : public RealServer
{
public:
    DnsmasqServer() = default;
    // `records` are dnsmasq options such as "--host-record=www.example.test,192.0.2.10".
    bool start(const QStringList &records);
};

// prometheus-node-exporter on 127.0.0.1 with only the collectors named (netdev by default: quick, and
// the loopback's byte counters are there).
class NodeExporter final : public RealServer
{
public:
    NodeExporter() = default;
    bool start(const QStringList &collectors = {QStringLiteral("netdev")});
    QString metricsUrl() const; // http://127.0.0.1:port/metrics
};

// Debian's prometheus on 127.0.0.1, with a configuration and a storage directory of its own in a
// temporary directory, scraping each job every second.
class PrometheusServer final : public RealServer
{
public:
    struct Job
    {
        QString name;        // the job label
        QStringList targets; // host:port
    };
    PrometheusServer() = default;
    // Starts it and waits until it is ready (/-/ready).
    bool start(const QList<Job> &jobs);
    QString url() const; // http://127.0.0.1:port
    // Waits until the instant query `query` returns at least one series (a first scrape has
    // landed, a rate has two samples...); false after `timeout`.
    bool waitForSeries(const QString &query, std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
    QTemporaryDir m_dir;
};

} // namespace Vigie::Test
