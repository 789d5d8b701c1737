#include "tcpprober.h"

#include "pendingfailures.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QMetaObject>
#include <QNetworkProxy>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

#include <unordered_map>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// A banner is one line; a server that sends more without a line break is judged on this much.
constexpr qint64 maxBannerBytes = 4 * 1024;
// Longer banners are cut in messages.
constexpr qsizetype shownBannerChars = 200;

QString seconds(std::chrono::milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0, 'f', 1);
}

struct HostPort
{
    QString host;
    quint16 port = 0;
};

// "host:port" or "[v6 address]:port".
std::optional<HostPort> parseTarget(const QString &target)
{
    const qsizetype colon = target.lastIndexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    bool ok = false;
    const uint port = target.mid(colon + 1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return std::nullopt;
    QString host = target.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    else if (host.contains(u':'))
        return std::nullopt; // an IPv6 address needs brackets to tell it from the port
    if (host.isEmpty())
        return std::nullopt;
    return HostPort{host, quint16(port)};
}

double msSince(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

enum class Stage { Resolving, Connecting, ReadingBanner };

struct TcpProbe
{
    quint64 id = 0;
    quint64 serial = 0; // tells a late callback of a cancelled probe from one of a newer probe with the same id
    ProbeSpec spec;
    QRegularExpression banner;
    HostPort target;
    Stage stage = Stage::Resolving;
    int lookupId = -1;
    QList<QHostAddress> addresses;
    qsizetype nextAddress = 0;
    QPointer<QTcpSocket> socket;
    bool refused = false;
    QString connectError;
    QByteArray received;
    QElapsedTimer clock;
    std::optional<double> resolveMs;
    std::optional<double> connectedAtMs;
    QTimer deadline;
};

} // namespace

struct TcpProber::Private
{
    explicit Private(TcpProber *owner)
        : q(owner)
    {}
    ~Private()
    {
        for (auto &[id, p] : probes)
            abandon(*p);
    }

    TcpProbe *find(quint64 id, quint64 serial) const;
    void abandon(TcpProbe &p) const;
    void failLater(quint64 id, ProbePhase phase, const QString &error);
    void onResolved(quint64 id, quint64 serial, const QHostInfo &info);
    void connectNext(TcpProbe &p);
    void onConnected(quint64 id, quint64 serial);
    void onSocketError(quint64 id, quint64 serial, QAbstractSocket::SocketError error);
    void readBanner(TcpProbe &p);
    void judgeBanner(TcpProbe &p, QByteArray line);
    void onDeadline(quint64 id);
    void finish(TcpProbe &p, HealthState status, ProbePhase phase = ProbePhase::None, const QString &error = {});

    TcpProber *q;
    quint64 nextSerial = 1;
    std::unordered_map<quint64, std::unique_ptr<TcpProbe>> probes;
    PendingFailures failures;
};

TcpProbe *TcpProber::Private::find(quint64 id, quint64 serial) const
{
    const auto it = probes.find(id);
    return it != probes.end() && it->second->serial == serial ? it->second.get() : nullptr;
}

void TcpProber::Private::abandon(TcpProbe &p) const
{
    if (p.lookupId >= 0)
        QHostInfo::abortHostLookup(p.lookupId);
    if (p.socket) {
        QObject::disconnect(p.socket, nullptr, q, nullptr);
        p.socket->abort();
        p.socket->deleteLater();
    }
}

void TcpProber::Private::failLater(quint64 id, ProbePhase phase, const QString &error)
{
    failures.post(q, id, phase, error,
                  [this](quint64 failedId, const ProbeResult &result) { Q_EMIT q->finished(failedId, result); });
}

void TcpProber::Private::onResolved(quint64 id, quint64 serial, const QHostInfo &info)
{
    TcpProbe *p = find(id, serial);
    if (!p || p->stage != Stage::Resolving)
        return;
    p->lookupId = -1;
    p->resolveMs = msSince(p->clock);
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        finish(*p, HealthState::Down, ProbePhase::Resolve,
               TcpProber::tr("could not resolve host '%1'").arg(p->target.host));
        return;
    }
    p->addresses = info.addresses();
    p->stage = Stage::Connecting;
    connectNext(*p);
}

// Tries the resolved addresses in turn, as a client would, until one accepts.
void TcpProber::Private::connectNext(TcpProbe &p)
{
    if (p.socket) {
        QObject::disconnect(p.socket, nullptr, q, nullptr);
        p.socket->abort();
        p.socket->deleteLater();
    }
    if (p.nextAddress >= p.addresses.size()) {
        finish(p, HealthState::Down, ProbePhase::Connect,
               p.refused ? TcpProber::tr("connection refused by %1").arg(p.spec.target)
                         : TcpProber::tr("could not connect to %1: %2").arg(p.spec.target, p.connectError));
        return;
    }
    const QHostAddress address = p.addresses.at(p.nextAddress++);
    auto *socket = new QTcpSocket(q);
    // The probe measures the service itself, not the application's proxy.
    socket->setProxy(QNetworkProxy::NoProxy);
    p.socket = socket;
    const quint64 id = p.id;
    const quint64 serial = p.serial;
    QObject::connect(socket, &QTcpSocket::connected, q, [this, id, serial] { onConnected(id, serial); });
    QObject::connect(socket, &QTcpSocket::errorOccurred, q,
                     [this, id, serial](QAbstractSocket::SocketError error) { onSocketError(id, serial, error); });
    QObject::connect(socket, &QTcpSocket::readyRead, q, [this, id, serial] {
        if (TcpProbe *probe = find(id, serial); probe && probe->stage == Stage::ReadingBanner)
            readBanner(*probe);
    });
    socket->connectToHost(address, p.target.port);
}

void TcpProber::Private::onConnected(quint64 id, quint64 serial)
{
    TcpProbe *p = find(id, serial);
    if (!p || p->stage != Stage::Connecting)
        return;
    p->connectedAtMs = msSince(p->clock);
    if (p->spec.expectBanner.isEmpty()) {
        finish(*p, HealthState::Up);
        return;
    }
    p->stage = Stage::ReadingBanner;
    readBanner(*p);
}

void TcpProber::Private::onSocketError(quint64 id, quint64 serial, QAbstractSocket::SocketError error)
{
    TcpProbe *p = find(id, serial);
    if (!p)
        return;
    if (p->stage == Stage::Connecting) {
        p->refused = error == QAbstractSocket::ConnectionRefusedError;
        p->connectError = p->socket ? p->socket->errorString() : QString();
        connectNext(*p);
        return;
    }
    if (p->stage != Stage::ReadingBanner)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        // What arrived before the close may still be a banner without its line break.
        readBanner(*p);
        if (!find(id, serial))
            return;
        if (!p->received.isEmpty()) {
            judgeBanner(*p, p->received);
            return;
        }
        finish(*p, HealthState::Down, ProbePhase::Banner,
               TcpProber::tr("connection closed by %1 before a banner").arg(p->spec.target));
        return;
    }
    finish(*p, HealthState::Down, ProbePhase::Banner,
           TcpProber::tr("reading the banner from %1 failed: %2").arg(p->spec.target, p->socket->errorString()));
}

void TcpProber::Private::readBanner(TcpProbe &p)
{
    while (p.socket && p.socket->bytesAvailable() > 0 && p.received.size() < maxBannerBytes)
        p.received += p.socket->read(maxBannerBytes - p.received.size());
    const qsizetype newline = p.received.indexOf('\n');
    if (newline >= 0)
        judgeBanner(p, p.received.left(newline));
    else if (p.received.size() >= maxBannerBytes)
        judgeBanner(p, p.received);
}

void TcpProber::Private::judgeBanner(TcpProbe &p, QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const QString text = QString::fromUtf8(line);
    if (p.banner.match(text).hasMatch()) {
        finish(p, HealthState::Up);
        return;
    }
    const QString shown = text.size() > shownBannerChars ? text.left(shownBannerChars) + u'…' : text;
    finish(p, HealthState::Down, ProbePhase::Banner,
           TcpProber::tr("banner \"%1\" does not match %2").arg(shown, p.spec.expectBanner));
}

void TcpProber::Private::onDeadline(quint64 id)
{
    const auto it = probes.find(id);
    if (it == probes.end())
        return;
    TcpProbe &p = *it->second;
    const QString after = seconds(p.spec.timeout);
    switch (p.stage) {
    case Stage::Resolving:
        finish(p, HealthState::Down, ProbePhase::Resolve,
               TcpProber::tr("timed out after %1 s resolving host '%2'").arg(after, p.target.host));
        return;
    case Stage::Connecting:
        finish(p, HealthState::Down, ProbePhase::Connect,
               TcpProber::tr("timed out after %1 s connecting to %2").arg(after, p.spec.target));
        return;
    case Stage::ReadingBanner:
        finish(p, HealthState::Down, ProbePhase::Banner, TcpProber::tr("no banner within %1 s").arg(after));
        return;
    }
}

void TcpProber::Private::finish(TcpProbe &p, HealthState status, ProbePhase phase, const QString &error)
{
    const double totalMs = msSince(p.clock);
    ProbeResult result;
    result.status = status;
    result.failedPhase = phase;
    result.error = error;
    result.phases.totalMs = totalMs;
    result.phases.resolveMs = p.resolveMs;
    if (p.connectedAtMs) {
        result.phases.connectMs = *p.connectedAtMs - p.resolveMs.value_or(0);
        if (!p.spec.expectBanner.isEmpty())
            result.phases.processingMs = totalMs - *p.connectedAtMs;
    }
    // Time spent on the service itself, name resolution aside: connect, then the banner wait.
    result.latencyMs = p.resolveMs ? totalMs - *p.resolveMs : 0;

    const quint64 id = p.id;
    abandon(p);
    probes.erase(id); // p is gone from here on
    Q_EMIT q->finished(id, result);
}

TcpProber::TcpProber(QObject *parent)
    : Prober(parent)
    , d(std::make_unique<Private>(this))
{}

TcpProber::~TcpProber() = default;

void TcpProber::start(quint64 id, const ProbeSpec &spec)
{
    cancel(id);

    const std::optional<HostPort> target = parseTarget(spec.target);
    if (!target) {
        d->failLater(id, ProbePhase::Config, tr("'%1' is not a host:port target").arg(spec.target));
        return;
    }
    QRegularExpression banner(spec.expectBanner);
    if (!banner.isValid()) {
        d->failLater(id, ProbePhase::Config,
                     tr("the banner pattern %1 is not a valid regular expression: %2")
                         .arg(spec.expectBanner, banner.errorString()));
        return;
    }
    if (spec.timeout <= 0ms) {
        d->failLater(id, ProbePhase::Config, tr("the timeout of the probe of %1 must be positive").arg(spec.target));
        return;
    }

    auto p = std::make_unique<TcpProbe>();
    p->id = id;
    p->serial = d->nextSerial++;
    p->spec = spec;
    p->banner = std::move(banner);
    p->target = *target;
    p->deadline.setSingleShot(true);
    // A coarse timer may fire up to 5 % early, which would cut a probe short of its deadline.
    p->deadline.setTimerType(Qt::PreciseTimer);
    connect(&p->deadline, &QTimer::timeout, this, [this, id] { d->onDeadline(id); });
    p->clock.start();
    p->deadline.start(spec.timeout);
    const quint64 serial = p->serial;
    d->probes.emplace(id, std::move(p));
    const int lookupId = QHostInfo::lookupHost(
        target->host, this, [this, id, serial](const QHostInfo &info) { d->onResolved(id, serial, info); });
    if (TcpProbe *probe = d->find(id, serial); probe && probe->stage == Stage::Resolving)
        probe->lookupId = lookupId;
}

void TcpProber::cancel(quint64 id)
{
    d->failures.cancel(id);
    const auto it = d->probes.find(id);
    if (it == d->probes.end())
        return;
    d->abandon(*it->second);
    d->probes.erase(it);
}

int TcpProber::runningCount() const
{
    return int(d->probes.size()) + d->failures.size();
}

} // namespace Vigie
