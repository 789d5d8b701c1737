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
#include <utility>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// A banner is one line; a server that sends more without a line break is judged on this much.
constexpr qint64 maxBannerBytes = 4 * 1024;
// A reply line longer than this fails its expect step: no protocol spoken line by line needs more.
constexpr qint64 maxLineBytes = 64 * 1024;
// Longer banners and lines are cut in messages.
constexpr qsizetype shownBannerChars = 200;
// Patterns are cached across runs; a workspace has a handful, a reloaded one a handful more.
constexpr qsizetype maxCachedPatterns = 1024;

QString shown(const QString &text)
{
    return text.size() > shownBannerChars ? text.left(shownBannerChars) + u'…' : text;
}

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

enum class Stage { Resolving, Connecting, ReadingBanner, Conversing };

// Where an expect step stands after reading what has arrived.
enum class Expecting { Matched, Waiting, Failed };

struct TcpProbe
{
    quint64 id = 0;
    quint64 serial = 0; // tells a late callback of a cancelled probe from one of a newer probe with the same id
    ProbeSpec spec;
    QRegularExpression banner;
    QList<QRegularExpression> expects; // one per step; unused for send steps
    HostPort target;
    Stage stage = Stage::Resolving;
    int lookupId = -1;
    QList<QHostAddress> addresses;
    qsizetype nextAddress = 0;
    QPointer<QTcpSocket> socket;
    bool refused = false;
    QString connectError;
    QByteArray received;
    QString peerAddress;
    qsizetype step = 0;   // the step being run, while conversing
    QString lastLine;     // the last line the current expect step read
    bool sawLine = false; // whether it read any
    bool peerClosed = false;
    bool writing = false; // inside converse()'s write: socket errors are its to handle
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
    void converse(TcpProbe &p);
    Expecting expectLine(TcpProbe &p);
    QString stepLabel(const TcpProbe &p) const;
    void failStep(TcpProbe &p, const QString &what);
    std::optional<QRegularExpression> pattern(const QString &text, QString *error);
    void onDeadline(quint64 id);
    void finish(TcpProbe &p, HealthState status, ProbePhase phase = ProbePhase::None, const QString &error = {});

    TcpProber *q;
    quint64 nextSerial = 1;
    std::unordered_map<quint64, std::unique_ptr<TcpProbe>> probes;
    PendingFailures failures;
    // Compiled once, shared by every run of the probes that use them.
    QHash<QString, QRegularExpression> patterns;
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
        TcpProbe *probe = find(id, serial);
        if (probe && probe->stage == Stage::ReadingBanner)
            readBanner(*probe);
        else if (probe && probe->stage == Stage::Conversing)
            converse(*probe);
    });
    socket->connectToHost(address, p.target.port);
}

void TcpProber::Private::onConnected(quint64 id, quint64 serial)
{
    TcpProbe *p = find(id, serial);
    if (!p || p->stage != Stage::Connecting)
        return;
    p->connectedAtMs = msSince(p->clock);
    p->peerAddress = p->socket->peerAddress().toString();
    if (p->spec.expectBanner.isEmpty()) {
        p->stage = Stage::Conversing;
        converse(*p);
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
    if (p->stage == Stage::Conversing) {
        if (p->writing)
            return;
        if (error == QAbstractSocket::RemoteHostClosedError) {
            // Lines that arrived before the close still count.
            p->peerClosed = true;
            converse(*p);
            return;
        }
        failStep(*p, TcpProber::tr("the connection to %1 failed: %2").arg(p->spec.target, p->socket->errorString()));
        return;
    }
    if (p->stage != Stage::ReadingBanner)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        p->peerClosed = true;
        // What arrived before the close may still be a banner without its line break.
        readBanner(*p);
        if (!find(id, serial))
            return;
        if (!p->received.isEmpty()) {
            judgeBanner(*p, std::exchange(p->received, {}));
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
    if (newline >= 0) {
        // What follows the banner belongs to the first expect step.
        QByteArray line = p.received.left(newline);
        p.received.remove(0, newline + 1);
        judgeBanner(p, std::move(line));
    } else if (p.received.size() >= maxBannerBytes) {
        judgeBanner(p, std::exchange(p.received, {}));
    }
}

void TcpProber::Private::judgeBanner(TcpProbe &p, QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const QString text = QString::fromUtf8(line);
    if (p.banner.match(text).hasMatch()) {
        p.stage = Stage::Conversing;
        converse(p);
        return;
    }
    finish(p, HealthState::Down, ProbePhase::Banner,
           TcpProber::tr("banner \"%1\" does not match %2").arg(shown(text), p.spec.expectBanner));
}

// Runs the steps from the current one for as long as they need nothing more from the server;
// finishes the probe when they are done or one fails.
void TcpProber::Private::converse(TcpProbe &p)
{
    while (p.step < p.spec.steps.size()) {
        const TcpStep &step = p.spec.steps.at(p.step);
        if (step.kind == TcpStep::Kind::Send) {
            if (p.peerClosed || !p.socket || p.socket->state() != QAbstractSocket::ConnectedState) {
                failStep(p, TcpProber::tr("%1 closed the connection").arg(p.spec.target));
                return;
            }
            // Hands the bytes to the system now: the probe may end (and drop the socket) at once.
            // A write error is reported from inside flush(): onSocketError leaves it to this loop.
            p.writing = true;
            bool written = p.socket->write(step.send) == step.send.size();
            if (written) {
                p.socket->flush();
                written = p.socket->state() == QAbstractSocket::ConnectedState;
            }
            p.writing = false;
            if (!written) {
                failStep(p, TcpProber::tr("writing to %1 failed: %2").arg(p.spec.target, p.socket->errorString()));
                return;
            }
        } else {
            switch (expectLine(p)) {
            case Expecting::Matched:
                break;
            case Expecting::Waiting:
                return;
            case Expecting::Failed:
                return; // p is gone
            }
        }
        ++p.step;
        p.lastLine.clear();
        p.sawLine = false;
    }
    finish(p, HealthState::Up);
}

// Reads lines until one matches the current expect step, what has arrived runs out, or the
// server is gone.
Expecting TcpProber::Private::expectLine(TcpProbe &p)
{
    const QRegularExpression &expected = p.expects.at(p.step);
    for (;;) {
        const qsizetype newline = p.received.indexOf('\n');
        if (newline < 0 && p.received.size() < maxLineBytes && p.socket && p.socket->bytesAvailable() > 0) {
            p.received += p.socket->read(maxLineBytes - p.received.size());
            continue;
        }
        QByteArray line;
        if (newline >= 0) {
            line = p.received.left(newline);
            p.received.remove(0, newline + 1);
        } else if (p.received.size() >= maxLineBytes) {
            failStep(p, TcpProber::tr("got a line longer than 64 KiB: \"%1\"")
                            .arg(shown(QString::fromUtf8(p.received.left(shownBannerChars * 4)))));
            return Expecting::Failed;
        } else if (p.peerClosed && !p.received.isEmpty()) {
            line = std::exchange(p.received, {}); // the last line, without its line break
        } else if (p.peerClosed) {
            failStep(
                p,
                p.sawLine
                    ? TcpProber::tr("got \"%1\", then %2 closed the connection").arg(shown(p.lastLine), p.spec.target)
                    : TcpProber::tr("%1 closed the connection without replying").arg(p.spec.target));
            return Expecting::Failed;
        } else {
            return Expecting::Waiting;
        }
        if (line.endsWith('\r'))
            line.chop(1);
        p.lastLine = QString::fromUtf8(line);
        p.sawLine = true;
        if (expected.match(p.lastLine).hasMatch())
            return Expecting::Matched;
    }
}

// "step 3 (expect "^250 ")", "step 2 (send "EHLO vigie")": numbered from 1, as written.
QString TcpProber::Private::stepLabel(const TcpProbe &p) const
{
    const TcpStep &step = p.spec.steps.at(p.step);
    if (step.kind == TcpStep::Kind::Send)
        return TcpProber::tr("step %1 (send \"%2\")")
            .arg(p.step + 1)
            .arg(shown(QString::fromUtf8(step.send).trimmed()));
    return TcpProber::tr("step %1 (expect \"%2\")").arg(p.step + 1).arg(step.expectPattern);
}

void TcpProber::Private::failStep(TcpProbe &p, const QString &what)
{
    const bool sending = p.spec.steps.at(p.step).kind == TcpStep::Kind::Send;
    finish(p, HealthState::Down, sending ? ProbePhase::Send : ProbePhase::Expect, stepLabel(p) + u": "_s + what);
}

std::optional<QRegularExpression> TcpProber::Private::pattern(const QString &text, QString *error)
{
    if (const auto cached = patterns.constFind(text); cached != patterns.cend())
        return *cached;
    QRegularExpression compiled(text);
    if (!compiled.isValid()) {
        *error = compiled.errorString();
        return std::nullopt;
    }
    if (patterns.size() >= maxCachedPatterns)
        patterns.clear();
    patterns.insert(text, compiled);
    return compiled;
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
    case Stage::Conversing:
        // Send steps never wait: the deadline always finds an expect step.
        failStep(p, p.sawLine
                        ? TcpProber::tr("got \"%1\", then no matching line within %2 s").arg(shown(p.lastLine), after)
                        : TcpProber::tr("no reply within %1 s").arg(after));
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
        if (!p.spec.expectBanner.isEmpty() || !p.spec.steps.isEmpty())
            result.phases.processingMs = totalMs - *p.connectedAtMs;
    }
    // Time spent on the service itself, name resolution aside: connect, then the conversation.
    result.latencyMs = p.resolveMs ? totalMs - *p.resolveMs : 0;
    // Conditions judge a probe that did what it was asked; a failed one already says why.
    if (status == HealthState::Up && !p.spec.conditions.isEmpty()) {
        ConditionContext context;
        context.connected = true;
        context.ip = p.peerAddress;
        context.responseTimeMs = result.latencyMs;
        const ConditionsVerdict verdict = evaluateConditions(p.spec.conditions, context);
        if (!verdict.failedCritical.isEmpty()) {
            result.status = HealthState::Down;
            result.failedPhase = ProbePhase::Condition;
            result.error = verdict.failedCritical.join(u"; "_s);
        } else if (!verdict.failedWarnings.isEmpty()) {
            result.status = HealthState::Degraded;
            result.failedPhase = ProbePhase::Condition;
            result.error = verdict.failedWarnings.join(u"; "_s);
        }
    }

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
    QString patternError;
    std::optional<QRegularExpression> banner = d->pattern(spec.expectBanner, &patternError);
    if (!banner) {
        d->failLater(
            id, ProbePhase::Config,
            tr("the banner pattern %1 is not a valid regular expression: %2").arg(spec.expectBanner, patternError));
        return;
    }
    QList<QRegularExpression> expects;
    expects.reserve(spec.steps.size());
    for (qsizetype i = 0; i < spec.steps.size(); ++i) {
        const TcpStep &step = spec.steps.at(i);
        if (step.kind == TcpStep::Kind::Send) {
            expects.append(QRegularExpression());
            continue;
        }
        std::optional<QRegularExpression> expect = d->pattern(step.expectPattern, &patternError);
        if (!expect) {
            d->failLater(id, ProbePhase::Config,
                         tr("step %1: the pattern %2 is not a valid regular expression: %3")
                             .arg(i + 1)
                             .arg(step.expectPattern, patternError));
            return;
        }
        expects.append(*std::move(expect));
    }
    if (spec.timeout <= 0ms) {
        d->failLater(id, ProbePhase::Config, tr("the timeout of the probe of %1 must be positive").arg(spec.target));
        return;
    }

    auto p = std::make_unique<TcpProbe>();
    p->id = id;
    p->serial = d->nextSerial++;
    p->spec = spec;
    p->banner = *std::move(banner);
    p->expects = std::move(expects);
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
