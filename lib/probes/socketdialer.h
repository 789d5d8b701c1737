#pragma once

#include "pendingfailures.h"
#include "prober.h"
#include "workspace/valueparsers.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkProxy>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>
#include <unordered_map>

namespace Vigie {

// What a TCP or TLS probe holds from its start until its socket is connected. The probers' own
// probe structs derive from it and add their `stage`, an enum that begins with Resolving and
// Connecting, and what follows the connection.
template<typename SocketType>
struct DialedProbe
{
    using Socket = SocketType;

    // Milliseconds since the probe started, with their fraction.
    double elapsedMs() const { return double(clock.nsecsElapsed()) / 1e6; }

    quint64 id = 0;
    quint64 serial = 0; // tells a late callback of a cancelled probe from one of a newer probe with the same id
    ProbeSpec spec;
    HostPort target;
    int lookupId = -1;
    QList<QHostAddress> addresses;
    qsizetype nextAddress = 0;
    QPointer<Socket> socket;
    bool refused = false; // the last address tried refused the connection
    QString connectError; // why the last address tried failed
    QString peerAddress;  // the address that accepted
    QElapsedTimer clock;
    std::optional<double> resolveMs;
    std::optional<double> connectedAtMs;
    QTimer deadline;
};

// The messages of a failed dial, translated in the prober's own context: `unresolved` takes the
// host, `refused` the target, `unreachable` the target and the socket's error.
struct DialMessages
{
    Message unresolved;
    Message refused;
    Message unreachable;
};

// The skeleton the TCP and TLS probers share, as the base of their Private (CRTP). It keeps the
// running probes by id, each with a serial so that a late callback of a cancelled probe never
// reaches a newer one with the same id, and the failures reported before a probe starts. It takes
// each probe from start() to a connected socket: resolves the target's host (failing in phase
// Resolve), then tries the resolved addresses in turn, as a client would, until one accepts
// (failing in phase Connect with the last address's error), bypassing the application's proxy;
// resolveMs, connectedAtMs and peerAddress are set on the way. The probe's deadline runs from the
// start; what it means at each stage is the prober's to say.
//
// Derived provides, for its Probe (a DialedProbe):
// - DialMessages dialMessages() const;
// - Socket *newSocket(Probe &): a socket parented to q and set up, its own signals connected
//   (the dialer connects connected and errorOccurred, and starts the connection);
// - void onConnected(Probe &): the socket connected; the stage is still Connecting;
// - void onSocketError(Probe &, QAbstractSocket::SocketError): an error once past Connecting;
// - void onDeadline(quint64 id): the deadline passed;
// - void finish(Probe &, HealthState, ProbePhase, const Message &error): reports the result, and
//   ends with remove().
template<typename Derived, typename Probe>
class SocketDialer
{
    Q_DISABLE_COPY_MOVE(SocketDialer)

public:
    explicit SocketDialer(Prober *owner)
        : q(owner)
    {}
    ~SocketDialer()
    {
        for (auto &[id, p] : probes)
            abandon(*p);
    }

    // Arms the deadline and starts resolving `probe`, whose id, spec and target are set.
    void dial(std::unique_ptr<Probe> probe);
    // Reports a Down result for `id` on the next turn of the event loop.
    void failLater(quint64 id, ProbePhase phase, const Message &error);
    // Stops a probe, or withdraws its pending failure, without a result; unknown ids are ignored.
    void cancel(quint64 id);
    int runningCount() const { return int(probes.size()) + failures.size(); }

protected:
    using Socket = typename Probe::Socket;
    using Stage = decltype(Probe::stage);

    Probe *find(quint64 id, quint64 serial) const;
    // Stops what `p` is waiting for, and forgets it: `p` is gone after.
    void remove(Probe &p);

    Prober *const q;
    std::unordered_map<quint64, std::unique_ptr<Probe>> probes;

private:
    Derived &derived() { return static_cast<Derived &>(*this); }
    void abandon(Probe &p) const;
    void dropSocket(Probe &p) const;
    void onResolved(quint64 id, quint64 serial, const QHostInfo &info);
    void connectNext(Probe &p);
    void onSocketConnected(quint64 id, quint64 serial);
    void onSocketFailed(quint64 id, quint64 serial, QAbstractSocket::SocketError error);

    quint64 nextSerial = 1;
    PendingFailures failures;
};

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::dial(std::unique_ptr<Probe> probe)
{
    const quint64 id = probe->id;
    const quint64 serial = nextSerial++;
    const QString host = probe->target.host;
    probe->serial = serial;
    probe->deadline.setSingleShot(true);
    // A coarse timer may fire up to 5 % early, which would cut a probe short of its deadline.
    probe->deadline.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe->deadline, &QTimer::timeout, q, [this, id] { derived().onDeadline(id); });
    probe->clock.start();
    probe->deadline.start(probe->spec.timeout);
    probes.emplace(id, std::move(probe));
    const int lookupId =
        QHostInfo::lookupHost(host, q, [this, id, serial](const QHostInfo &info) { onResolved(id, serial, info); });
    if (Probe *p = find(id, serial); p && p->stage == Stage::Resolving)
        p->lookupId = lookupId;
}

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::failLater(quint64 id, ProbePhase phase, const Message &error)
{
    failures.post(q, id, phase, error,
                  [this](quint64 failedId, const ProbeResult &result) { Q_EMIT q->finished(failedId, result); });
}

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::cancel(quint64 id)
{
    failures.cancel(id);
    const auto it = probes.find(id);
    if (it == probes.end())
        return;
    abandon(*it->second);
    probes.erase(it);
}

template<typename Derived, typename Probe>
Probe *SocketDialer<Derived, Probe>::find(quint64 id, quint64 serial) const
{
    const auto it = probes.find(id);
    return it != probes.end() && it->second->serial == serial ? it->second.get() : nullptr;
}

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::remove(Probe &p)
{
    const quint64 id = p.id;
    abandon(p);
    probes.erase(id);
}

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::abandon(Probe &p) const
{
    if (p.lookupId >= 0)
        QHostInfo::abortHostLookup(p.lookupId);
    dropSocket(p);
}

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::dropSocket(Probe &p) const
{
    if (!p.socket)
        return;
    QObject::disconnect(p.socket, nullptr, q, nullptr);
    p.socket->abort();
    p.socket->deleteLater();
}

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::onResolved(quint64 id, quint64 serial, const QHostInfo &info)
{
    Probe *p = find(id, serial);
    if (!p || p->stage != Stage::Resolving)
        return;
    p->lookupId = -1;
    p->resolveMs = p->elapsedMs();
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        derived().finish(*p, HealthState::Down, ProbePhase::Resolve,
                         derived().dialMessages().unresolved.arg(p->target.host));
        return;
    }
    p->addresses = info.addresses();
    p->stage = Stage::Connecting;
    connectNext(*p);
}

// Tries the resolved addresses in turn, as a client would, until one accepts.
template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::connectNext(Probe &p)
{
    dropSocket(p);
    if (p.nextAddress >= p.addresses.size()) {
        const DialMessages messages = derived().dialMessages();
        derived().finish(p, HealthState::Down, ProbePhase::Connect,
                         p.refused ? messages.refused.arg(p.spec.target)
                                   : messages.unreachable.arg(p.spec.target, p.connectError));
        return;
    }
    const QHostAddress address = p.addresses.at(p.nextAddress++);
    Socket *socket = derived().newSocket(p);
    // The probe measures the service itself, not the application's proxy.
    socket->setProxy(QNetworkProxy::NoProxy);
    p.socket = socket;
    const quint64 id = p.id;
    const quint64 serial = p.serial;
    QObject::connect(socket, &Socket::connected, q, [this, id, serial] { onSocketConnected(id, serial); });
    QObject::connect(socket, &Socket::errorOccurred, q,
                     [this, id, serial](QAbstractSocket::SocketError error) { onSocketFailed(id, serial, error); });
    socket->connectToHost(address, p.target.port);
}

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::onSocketConnected(quint64 id, quint64 serial)
{
    Probe *p = find(id, serial);
    if (!p || p->stage != Stage::Connecting)
        return;
    p->connectedAtMs = p->elapsedMs();
    p->peerAddress = p->socket->peerAddress().toString();
    derived().onConnected(*p);
}

template<typename Derived, typename Probe>
void SocketDialer<Derived, Probe>::onSocketFailed(quint64 id, quint64 serial, QAbstractSocket::SocketError error)
{
    Probe *p = find(id, serial);
    if (!p)
        return;
    if (p->stage != Stage::Connecting) {
        derived().onSocketError(*p, error);
        return;
    }
    p->refused = error == QAbstractSocket::ConnectionRefusedError;
    p->connectError = p->socket ? p->socket->errorString() : QString();
    connectNext(*p);
}

} // namespace Vigie
