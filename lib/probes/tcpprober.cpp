#include "tcpprober.h"

#include "conditioncheck.h"
#include "core/numbertext.h"
#include "socketdialer.h"

#include <QRegularExpression>
#include <QTcpSocket>

#include <algorithm>
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

// Commands whose arguments are credentials: SMTP's AUTH, IMAP's AUTHENTICATE and LOGIN (after their
// tag), POP3's and FTP's PASS, POP3's APOP. The command (and the SASL mechanism) is kept.
const QRegularExpression &credentialCommand()
{
    static const QRegularExpression pattern(
        uR"(^((?:\S+\s+)?(?:AUTH|AUTHENTICATE)\s+\S+|(?:\S+\s+)?LOGIN|PASS|APOP)\s+\S)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// A SASL exchange: the lines a client sends after it (a user name and a password in base64, for
// AUTH LOGIN) are credentials too.
const QRegularExpression &saslStart()
{
    static const QRegularExpression pattern(uR"(^(?:\S+\s+)?(?:AUTH|AUTHENTICATE)\s)"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// What a message may quote of send step `index`: its text, with credentials masked ("AUTH PLAIN
// ****"), since errors end up in the event log, on screen and in `vigie check`'s output.
QString shownSend(const QList<TcpStep> &steps, qsizetype index)
{
    const QString text = QString::fromUtf8(steps.at(index).send).trimmed();
    const auto isSaslStart = [](const TcpStep &step) {
        return step.kind == TcpStep::Kind::Send && saslStart().match(QString::fromUtf8(step.send)).hasMatch();
    };
    if (std::any_of(steps.cbegin(), steps.cbegin() + index, isSaslStart))
        return u"****"_s;
    if (const QRegularExpressionMatch command = credentialCommand().match(text); command.hasMatch())
        return command.captured(1) + u" ****"_s;
    return text;
}

enum class Stage { Resolving, Connecting, ReadingBanner, Conversing };

// Where an expect step stands after reading what has arrived.
enum class Expecting { Matched, Waiting, Failed };

struct TcpProbe : DialedProbe<QTcpSocket>
{
    const TcpOptions &options() const { return spec.options<TcpOptions>(); }
    QRegularExpression banner;
    QList<QRegularExpression> expects; // one per step; unused for send steps
    Stage stage = Stage::Resolving;
    QByteArray received;
    qsizetype step = 0;   // the step being run, while conversing
    QString lastLine;     // the last line the current expect step read
    bool sawLine = false; // whether it read any
    bool peerClosed = false;
    bool writing = false; // inside converse()'s write: socket errors are its to handle
};

} // namespace

struct TcpProber::Private : SocketDialer<TcpProber::Private, TcpProbe>
{
    using SocketDialer::SocketDialer;

    DialMessages dialMessages() const;
    QTcpSocket *newSocket(TcpProbe &p);
    void onConnected(TcpProbe &p);
    void onSocketError(TcpProbe &p, QAbstractSocket::SocketError error);
    void readBanner(TcpProbe &p);
    void judgeBanner(TcpProbe &p, QByteArray line);
    void converse(TcpProbe &p);
    Expecting expectLine(TcpProbe &p);
    Message stepLabel(const TcpProbe &p) const;
    void failStep(TcpProbe &p, const Message &what);
    std::optional<QRegularExpression> pattern(const QString &text, QString *error);
    void onDeadline(quint64 id);
    void finish(TcpProbe &p, HealthState status, ProbePhase phase = ProbePhase::None, const Message &error = {});

    // Compiled once, shared by every run of the probes that use them.
    QHash<QString, QRegularExpression> patterns;
};

// The dialer's messages, in TcpProber's context.
DialMessages TcpProber::Private::dialMessages() const
{
    return {trMessage("Vigie::TcpProber", "could not resolve host '%1'"),
            trMessage("Vigie::TcpProber", "connection refused by %1"),
            trMessage("Vigie::TcpProber", "could not connect to %1: %2")};
}

QTcpSocket *TcpProber::Private::newSocket(TcpProbe &p)
{
    auto *socket = new QTcpSocket(q);
    const quint64 id = p.id;
    const quint64 serial = p.serial;
    QObject::connect(socket, &QTcpSocket::readyRead, q, [this, id, serial] {
        TcpProbe *probe = find(id, serial);
        if (probe && probe->stage == Stage::ReadingBanner)
            readBanner(*probe);
        else if (probe && probe->stage == Stage::Conversing)
            converse(*probe);
    });
    return socket;
}

void TcpProber::Private::onConnected(TcpProbe &p)
{
    if (p.options().expectBanner.isEmpty()) {
        p.stage = Stage::Conversing;
        converse(p);
        return;
    }
    p.stage = Stage::ReadingBanner;
    readBanner(p);
}

void TcpProber::Private::onSocketError(TcpProbe &p, QAbstractSocket::SocketError error)
{
    if (p.stage == Stage::Conversing) {
        if (p.writing)
            return;
        if (error == QAbstractSocket::RemoteHostClosedError) {
            // Lines that arrived before the close still count.
            p.peerClosed = true;
            converse(p);
            return;
        }
        failStep(p, trMessage("Vigie::TcpProber", "the connection to %1 failed: %2")
                        .arg(p.spec.target, p.socket->errorString()));
        return;
    }
    if (p.stage != Stage::ReadingBanner)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        const quint64 id = p.id;
        const quint64 serial = p.serial;
        p.peerClosed = true;
        // What arrived before the close may still be a banner without its line break.
        readBanner(p);
        if (!find(id, serial))
            return; // p is gone
        if (!p.received.isEmpty()) {
            judgeBanner(p, std::exchange(p.received, {}));
            return;
        }
        finish(p, HealthState::Down, ProbePhase::Banner,
               trMessage("Vigie::TcpProber", "connection closed by %1 before a banner").arg(p.spec.target));
        return;
    }
    finish(p, HealthState::Down, ProbePhase::Banner,
           trMessage("Vigie::TcpProber", "reading the banner from %1 failed: %2")
               .arg(p.spec.target, p.socket->errorString()));
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
           trMessage("Vigie::TcpProber", "banner \"%1\" does not match %2").arg(shown(text), p.options().expectBanner));
}

// Runs the steps from the current one for as long as they need nothing more from the server;
// finishes the probe when they are done or one fails.
void TcpProber::Private::converse(TcpProbe &p)
{
    while (p.step < p.options().steps.size()) {
        const TcpStep &step = p.options().steps.at(p.step);
        if (step.kind == TcpStep::Kind::Send) {
            if (p.peerClosed || !p.socket || p.socket->state() != QAbstractSocket::ConnectedState) {
                failStep(p, trMessage("Vigie::TcpProber", "%1 closed the connection").arg(p.spec.target));
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
                failStep(p, trMessage("Vigie::TcpProber", "writing to %1 failed: %2")
                                .arg(p.spec.target, p.socket->errorString()));
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
            failStep(p, trMessage("Vigie::TcpProber", "got a line longer than 64 KiB: \"%1\"")
                            .arg(shown(QString::fromUtf8(p.received.left(shownBannerChars * 4)))));
            return Expecting::Failed;
        } else if (p.peerClosed && !p.received.isEmpty()) {
            line = std::exchange(p.received, {}); // the last line, without its line break
        } else if (p.peerClosed) {
            failStep(
                p, p.sawLine
                       ? trMessage("Vigie::TcpProber", "got \"%1\", then %2 closed the connection")
                             .arg(shown(p.lastLine), p.spec.target)
                       : trMessage("Vigie::TcpProber", "%1 closed the connection without replying").arg(p.spec.target));
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
Message TcpProber::Private::stepLabel(const TcpProbe &p) const
{
    const TcpStep &step = p.options().steps.at(p.step);
    if (step.kind == TcpStep::Kind::Send)
        return trMessage("Vigie::TcpProber", "step %1 (send \"%2\")")
            .arg(p.step + 1)
            .arg(shown(shownSend(p.options().steps, p.step)));
    return trMessage("Vigie::TcpProber", "step %1 (expect \"%2\")").arg(p.step + 1).arg(step.expectPattern);
}

void TcpProber::Private::failStep(TcpProbe &p, const Message &what)
{
    const bool sending = p.options().steps.at(p.step).kind == TcpStep::Kind::Send;
    finish(p, HealthState::Down, sending ? ProbePhase::Send : ProbePhase::Expect,
           trMessage("Vigie::TcpProber", "%1: %2", "a step, and what went wrong in it").arg(stepLabel(p)).arg(what));
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
    const std::chrono::milliseconds after = p.spec.timeout;
    switch (p.stage) {
    case Stage::Resolving:
        finish(p, HealthState::Down, ProbePhase::Resolve,
               trMessage("Vigie::TcpProber", "timed out after %1 s resolving host '%2'")
                   .argSeconds(after)
                   .arg(p.target.host));
        return;
    case Stage::Connecting:
        finish(p, HealthState::Down, ProbePhase::Connect,
               trMessage("Vigie::TcpProber", "timed out after %1 s connecting to %2")
                   .argSeconds(after)
                   .arg(p.spec.target));
        return;
    case Stage::ReadingBanner:
        finish(p, HealthState::Down, ProbePhase::Banner,
               trMessage("Vigie::TcpProber", "no banner within %1 s").argSeconds(after));
        return;
    case Stage::Conversing:
        // Send steps never wait: the deadline always finds an expect step.
        failStep(p, p.sawLine ? trMessage("Vigie::TcpProber", "got \"%1\", then no matching line within %2 s")
                                    .arg(shown(p.lastLine))
                                    .argSeconds(after)
                              : trMessage("Vigie::TcpProber", "no reply within %1 s").argSeconds(after));
        return;
    }
}

void TcpProber::Private::finish(TcpProbe &p, HealthState status, ProbePhase phase, const Message &error)
{
    const double totalMs = p.elapsedMs();
    ProbeResult result;
    result.status = status;
    result.failedPhase = phase;
    result.error = error;
    result.phases.totalMs = totalMs;
    result.phases.resolveMs = p.resolveMs;
    if (p.connectedAtMs) {
        result.phases.connectMs = *p.connectedAtMs - p.resolveMs.value_or(0);
        if (!p.options().expectBanner.isEmpty() || !p.options().steps.isEmpty())
            result.phases.processingMs = totalMs - *p.connectedAtMs;
    }
    // Time spent on the service itself, name resolution aside: connect, then the conversation, as
    // the phases say (a connect-only probe's latency is its connect time, to the microsecond). A
    // probe that never got past the lookup spent its whole time there: that is its latency.
    if (result.phases.connectMs)
        result.latencyMs = *result.phases.connectMs + result.phases.processingMs.value_or(0);
    else
        result.latencyMs = p.resolveMs ? totalMs - *p.resolveMs : totalMs;
    // Conditions judge a probe that did what it was asked; a failed one already says why.
    if (status == HealthState::Up && !p.spec.conditions.isEmpty()) {
        ConditionContext context;
        context.connected = true;
        context.ip = p.peerAddress;
        context.responseTimeMs = result.latencyMs;
        applyConditions(result, p.spec.conditions, context);
    }

    const quint64 id = p.id;
    remove(p); // p is gone from here on
    Q_EMIT q->finished(id, result);
}

TcpProber::TcpProber(QObject *parent)
    : Prober(parent)
    , d(std::make_unique<Private>(this))
{}

TcpProber::~TcpProber() = default;

void TcpProber::start(quint64 id, const ProbeSpec &spec)
{
    const TcpOptions &options = spec.options<TcpOptions>();
    cancel(id);

    const std::optional<HostPort> target = HostPort::parse(spec.target);
    if (!target) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::TcpProber", "'%1' is not a host:port target").arg(spec.target));
        return;
    }
    QString patternError;
    std::optional<QRegularExpression> banner = d->pattern(options.expectBanner, &patternError);
    if (!banner) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::TcpProber", "the banner pattern %1 is not a valid regular expression: %2")
                         .arg(options.expectBanner, patternError));
        return;
    }
    QList<QRegularExpression> expects;
    expects.reserve(options.steps.size());
    for (qsizetype i = 0; i < options.steps.size(); ++i) {
        const TcpStep &step = options.steps.at(i);
        if (step.kind == TcpStep::Kind::Send) {
            expects.append(QRegularExpression());
            continue;
        }
        std::optional<QRegularExpression> expect = d->pattern(step.expectPattern, &patternError);
        if (!expect) {
            d->failLater(id, ProbePhase::Config,
                         trMessage("Vigie::TcpProber", "step %1: the pattern %2 is not a valid regular expression: %3")
                             .arg(i + 1)
                             .arg(step.expectPattern, patternError));
            return;
        }
        expects.append(*std::move(expect));
    }
    if (spec.timeout <= 0ms) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::TcpProber", "the timeout of the probe of %1 must be positive").arg(spec.target));
        return;
    }

    auto p = std::make_unique<TcpProbe>();
    p->id = id;
    p->spec = spec;
    p->banner = *std::move(banner);
    p->expects = std::move(expects);
    p->target = *target;
    d->dial(std::move(p));
}

void TcpProber::cancel(quint64 id)
{
    d->cancel(id);
}

int TcpProber::runningCount() const
{
    return d->runningCount();
}

} // namespace Vigie
