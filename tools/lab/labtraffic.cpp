// vigie-lab-traffic: the lab's scenarios, on loopback only (tools/lab/lab starts it).
//
//   vigie-lab-traffic --sink-port PORT --metrics-port PORT
//                     [--phase MBIT:SECONDS]... [--errors FROM%:TO%:SECONDS] [--requests-per-second N]
//
// - A capped link: it sends bytes to itself over 127.0.0.1 (a sink on --sink-port), paced by its
//   own clock, at each --phase's rate in Mbit/s for that many seconds, then the next, round and
//   round (default: 200 Mbit/s for 3 minutes, 50 Mbit/s for 2 minutes: a provider's maintenance
//   capping the link). node_exporter's counters for `lo` show it.
// - A rising error rate: /metrics on --metrics-port exposes lab_http_requests_total{code="200"}
//   and {code="500"} for a simulated stream of requests (default 200 a second) of which the
//   failing share rises from FROM % to TO % over SECONDS, then stays (default 0.0812 % to 2.39 %
//   over 30 minutes). /request answers 500 with that probability, 200 otherwise.
//   It also exposes lab_traffic_target_mbps, the rate it aims at now.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

struct Phase
{
    double mbps = 0;
    double seconds = 0;
};

class Traffic final : public QObject
{
public:
    Traffic(QList<Phase> phases, quint16 sinkPort)
        : m_phases(std::move(phases))
        , m_chunk(64 * 1024, 'x')
    {
        connect(&m_sink, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_sink.nextPendingConnection()) {
                // Read and drop: the bytes only have to cross the interface.
                connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        if (!m_sink.listen(QHostAddress::LocalHost, sinkPort)) {
            std::fprintf(stderr, "vigie-lab-traffic: cannot listen on 127.0.0.1:%u\n", unsigned(sinkPort));
            std::exit(1);
        }
        m_sender.connectToHost(QHostAddress::LocalHost, sinkPort);
        m_clock.start();
        m_tick.setTimerType(Qt::PreciseTimer);
        connect(&m_tick, &QTimer::timeout, this, &Traffic::pace);
        m_tick.start(5);
    }

    // The rate aimed at now, in Mbit/s.
    double targetMbps() const
    {
        double total = 0;
        for (const Phase &phase : m_phases)
            total += phase.seconds;
        double at = total > 0 ? std::fmod(double(m_clock.elapsed()) / 1000.0, total) : 0;
        for (const Phase &phase : m_phases) {
            if (at < phase.seconds)
                return phase.mbps;
            at -= phase.seconds;
        }
        return m_phases.isEmpty() ? 0 : m_phases.constLast().mbps;
    }

private:
    void pace()
    {
        const qint64 nowNs = m_clock.nsecsElapsed();
        const double seconds = double(nowNs - m_lastNs) / 1e9;
        m_lastNs = nowNs;
        m_credit += targetMbps() * 1e6 / 8.0 * seconds;
        // Never more than a tenth of a second behind: a stalled loop does not burst afterwards.
        m_credit = std::min(m_credit, targetMbps() * 1e6 / 8.0 / 10.0);
        if (m_sender.state() != QAbstractSocket::ConnectedState || m_sender.bytesToWrite() > 4 * m_chunk.size())
            return;
        while (m_credit >= 1) {
            const qint64 n = std::min<qint64>(qint64(m_credit), m_chunk.size());
            m_sender.write(m_chunk.constData(), n);
            m_credit -= double(n);
        }
    }

    QList<Phase> m_phases;
    QByteArray m_chunk;
    QTcpServer m_sink;
    QTcpSocket m_sender;
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    double m_credit = 0;
};

class Errors final : public QObject
{
public:
    Errors(double fromPct, double toPct, double overSeconds, double perSecond, const Traffic &traffic, quint16 port)
        : m_from(fromPct / 100.0)
        , m_to(toPct / 100.0)
        , m_over(overSeconds)
        , m_perSecond(perSecond)
        , m_traffic(traffic)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        if (!m_server.listen(QHostAddress::LocalHost, port)) {
            std::fprintf(stderr, "vigie-lab-traffic: cannot listen on 127.0.0.1:%u\n", unsigned(port));
            std::exit(1);
        }
        m_clock.start();
        connect(&m_tick, &QTimer::timeout, this, &Errors::simulate);
        m_tick.start(250);
    }

private:
    double share() const
    {
        const double progress = m_over > 0 ? std::min(1.0, double(m_clock.elapsed()) / 1000.0 / m_over) : 1.0;
        return m_from + (m_to - m_from) * progress;
    }

    void simulate()
    {
        const double seconds = double(m_clock.elapsed() - m_simulatedMs) / 1000.0;
        m_simulatedMs = m_clock.elapsed();
        const double requests = m_perSecond * seconds;
        m_failed += requests * share();
        m_ok += requests * (1.0 - share());
    }

    void answer(QTcpSocket *socket)
    {
        m_request += socket->readAll();
        if (!m_request.contains("\r\n\r\n"))
            return;
        const bool metrics = m_request.startsWith("GET /metrics");
        m_request.clear();
        QByteArray status = "200 OK";
        QByteArray body;
        QByteArray type = "text/plain; charset=utf-8";
        if (metrics) {
            type = "text/plain; version=0.0.4; charset=utf-8";
            body = "# HELP lab_http_requests_total Requests of the lab's simulated application, by status code.\n"
                   "# TYPE lab_http_requests_total counter\n"
                   "lab_http_requests_total{code=\"200\"} " +
                   QByteArray::number(m_ok, 'f', 3) + "\nlab_http_requests_total{code=\"500\"} " +
                   QByteArray::number(m_failed, 'f', 3) +
                   "\n# HELP lab_error_share The share of requests failing now (0 to 1).\n"
                   "# TYPE lab_error_share gauge\nlab_error_share " +
                   QByteArray::number(share(), 'g', 6) +
                   "\n# HELP lab_traffic_target_mbps The rate the traffic generator aims at now.\n"
                   "# TYPE lab_traffic_target_mbps gauge\nlab_traffic_target_mbps " +
                   QByteArray::number(m_traffic.targetMbps(), 'g', 6) + '\n';
        } else if (QRandomGenerator::global()->generateDouble() < share()) {
            status = "500 Internal Server Error";
            body = "failed\n";
        } else {
            body = "ok\n";
        }
        socket->write("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    double m_from;
    double m_to;
    double m_over;
    double m_perSecond;
    const Traffic &m_traffic;
    QTcpServer m_server;
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_simulatedMs = 0;
    double m_ok = 0;
    double m_failed = 0;
    QByteArray m_request;
};

[[noreturn]] void usage(const QString &error)
{
    std::fprintf(stderr, "vigie-lab-traffic: %s\n", qPrintable(error));
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"sink-port"_s, u"The port of the sink the traffic goes to."_s, u"port"_s});
    parser.addOption({u"metrics-port"_s, u"The port of /metrics and /request."_s, u"port"_s});
    parser.addOption(
        {u"phase"_s, u"A rate in Mbit/s and its duration in seconds, repeated in order."_s, u"mbit:seconds"_s});
    parser.addOption({u"errors"_s, u"The failing share: from %, to %, over seconds."_s, u"from:to:seconds"_s,
                      u"0.0812:2.39:1800"_s});
    parser.addOption({u"requests-per-second"_s, u"The simulated requests a second."_s, u"n"_s, u"200"_s});
    parser.process(app);

    const quint16 sinkPort = quint16(parser.value(u"sink-port"_s).toUInt());
    const quint16 metricsPort = quint16(parser.value(u"metrics-port"_s).toUInt());
    if (sinkPort == 0 || metricsPort == 0)
        usage(u"--sink-port and --metrics-port are required"_s);
    QList<Phase> phases;
    for (const QString &text : parser.values(u"phase"_s)) {
        const QStringList parts = text.split(u':');
        bool rateOk = false;
        bool secondsOk = false;
        const Phase phase{parts.value(0).toDouble(&rateOk), parts.value(1).toDouble(&secondsOk)};
        if (parts.size() != 2 || !rateOk || !secondsOk || phase.mbps < 0 || phase.seconds <= 0)
            usage(u"--phase takes MBIT:SECONDS, for example 200:180, not %1"_s.arg(text));
        phases.append(phase);
    }
    if (phases.isEmpty())
        phases = {{200, 180}, {50, 120}};
    const QStringList errors = parser.value(u"errors"_s).split(u':');
    if (errors.size() != 3)
        usage(u"--errors takes FROM:TO:SECONDS, for example 0.0812:2.39:1800"_s);

    Traffic traffic(phases, sinkPort);
    Errors failures(errors.at(0).toDouble(), errors.at(1).toDouble(), errors.at(2).toDouble(),
                    parser.value(u"requests-per-second"_s).toDouble(), traffic, metricsPort);
    return app.exec();
}
