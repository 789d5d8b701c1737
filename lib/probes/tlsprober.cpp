#include "tlsprober.h"

#include "conditioncheck.h"
#include "core/clock.h"
#include "core/numbertext.h"
#include "socketdialer.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr qint64 msPerDay = 24LL * 60 * 60 * 1000;

// The name people know a certificate by: its subject's common name, else its organisation.
QString certificateName(const QSslCertificate &certificate)
{
    const QStringList names = certificate.subjectInfo(QSslCertificate::CommonName);
    if (!names.isEmpty() && !names.first().isEmpty())
        return names.first();
    const QStringList organisations = certificate.subjectInfo(QSslCertificate::Organization);
    if (!organisations.isEmpty() && !organisations.first().isEmpty())
        return organisations.first();
    return certificate.subjectDisplayName();
}

QString issuerName(const QSslCertificate &certificate)
{
    const QStringList names = certificate.issuerInfo(QSslCertificate::CommonName);
    if (!names.isEmpty() && !names.first().isEmpty())
        return names.first();
    const QStringList organisations = certificate.issuerInfo(QSslCertificate::Organization);
    if (!organisations.isEmpty() && !organisations.first().isEmpty())
        return organisations.first();
    return certificate.issuerDisplayName();
}

QString isoDate(const QDateTime &when)
{
    return when.toUTC().date().toString(Qt::ISODate);
}

// Whole days left (negative once expired), counted down as a person would: 89.9 days is 89.
qint64 daysUntil(const QDateTime &now, const QDateTime &when)
{
    const qint64 ms = now.msecsTo(when);
    return ms >= 0 ? ms / msPerDay : -((-ms) / msPerDay);
}

enum class Stage { Resolving, Connecting, Handshaking };

struct TlsProbe : DialedProbe<QSslSocket>
{
    const TlsOptions &options() const { return spec.options<TlsOptions>(); }
    QString peerName;                      // SNI and the name the certificate must carry
    QList<QSslCertificate> caCertificates; // from the options' caFile; empty: the system's
    Stage stage = Stage::Resolving;
    QList<QSslError> sslErrors;
    std::optional<double> encryptedAtMs;
};

struct Verdict
{
    HealthState status = HealthState::Up;
    ProbePhase phase = ProbePhase::None;
    QList<Message> problems;
    Message detail;
    std::optional<qint64> earliestExpiryMs;
};

} // namespace

struct TlsProber::Private : SocketDialer<TlsProber::Private, TlsProbe>
{
    using SocketDialer::SocketDialer;

    DialMessages dialMessages() const;
    QSslSocket *newSocket(TlsProbe &p);
    void onConnected(TlsProbe &p);
    void onEncrypted(quint64 id, quint64 serial);
    void onSocketError(TlsProbe &p, QAbstractSocket::SocketError error);
    void onDeadline(quint64 id);
    Verdict judge(const TlsProbe &p) const;
    void finish(TlsProbe &p, HealthState status, ProbePhase phase = ProbePhase::None, const Message &error = {},
                const Verdict *verdict = nullptr);
};

// The dialer's messages, in TlsProber's context.
DialMessages TlsProber::Private::dialMessages() const
{
    return {trMessage("Vigie::TlsProber", "could not resolve host '%1'"),
            trMessage("Vigie::TlsProber", "connection refused by %1"),
            trMessage("Vigie::TlsProber", "could not connect to %1: %2")};
}

QSslSocket *TlsProber::Private::newSocket(TlsProbe &p)
{
    auto *socket = new QSslSocket(q);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!p.caCertificates.isEmpty())
        configuration.setCaCertificates(p.caCertificates);
    // Verification runs even for insecure probes: its findings are judged afterwards, never fatal
    // to the handshake, so that the chain can always be read.
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket->setSslConfiguration(configuration);
    socket->setPeerVerifyName(p.peerName);
    const quint64 id = p.id;
    const quint64 serial = p.serial;
    QObject::connect(socket, &QSslSocket::encrypted, q, [this, id, serial] { onEncrypted(id, serial); });
    QObject::connect(socket, &QSslSocket::sslErrors, q, [this, id, serial](const QList<QSslError> &errors) {
        TlsProbe *probe = find(id, serial);
        if (!probe || !probe->socket)
            return;
        probe->sslErrors += errors;
        probe->socket->ignoreSslErrors();
    });
    return socket;
}

void TlsProber::Private::onConnected(TlsProbe &p)
{
    p.stage = Stage::Handshaking;
    p.socket->startClientEncryption();
}

void TlsProber::Private::onEncrypted(quint64 id, quint64 serial)
{
    TlsProbe *p = find(id, serial);
    if (!p || p->stage != Stage::Handshaking)
        return;
    p->encryptedAtMs = p->elapsedMs();
    const Verdict verdict = judge(*p);
    finish(*p, verdict.status, verdict.phase, Message::joined(verdict.problems, u"; "_s), &verdict);
}

void TlsProber::Private::onSocketError(TlsProbe &p, QAbstractSocket::SocketError error)
{
    Q_UNUSED(error);
    if (p.stage != Stage::Handshaking)
        return;
    finish(p, HealthState::Down, ProbePhase::Tls,
           trMessage("Vigie::TlsProber", "the TLS handshake with %1 failed: %2")
               .arg(p.spec.target, p.socket->errorString()));
}

void TlsProber::Private::onDeadline(quint64 id)
{
    const auto it = probes.find(id);
    if (it == probes.end())
        return;
    TlsProbe &p = *it->second;
    const std::chrono::milliseconds after = p.spec.timeout;
    switch (p.stage) {
    case Stage::Resolving:
        finish(p, HealthState::Down, ProbePhase::Resolve,
               trMessage("Vigie::TlsProber", "timed out after %1 s resolving host '%2'")
                   .argSeconds(after)
                   .arg(p.target.host));
        return;
    case Stage::Connecting:
        finish(p, HealthState::Down, ProbePhase::Connect,
               trMessage("Vigie::TlsProber", "timed out after %1 s connecting to %2")
                   .argSeconds(after)
                   .arg(p.spec.target));
        return;
    case Stage::Handshaking:
        finish(
            p, HealthState::Down, ProbePhase::Tls,
            trMessage("Vigie::TlsProber", "no TLS handshake with %1 within %2 s").arg(p.spec.target).argSeconds(after));
        return;
    }
}

// Reads the chain the server sent and weighs what verification found against the probe's rules.
Verdict TlsProber::Private::judge(const TlsProbe &p) const
{
    Verdict v;
    const QList<QSslCertificate> chain = p.socket->peerCertificateChain();
    const QSslCertificate leaf = p.socket->peerCertificate();
    if (leaf.isNull() || chain.isEmpty()) {
        v.status = HealthState::Down;
        v.phase = ProbePhase::Certificate;
        v.problems.append(trMessage("Vigie::TlsProber", "%1 sent no certificate").arg(p.spec.target));
        return v;
    }

    const QDateTime now = Clock::system()->now();
    QSslCertificate earliest = leaf;
    for (const QSslCertificate &certificate : chain)
        if (certificate.expiryDate() < earliest.expiryDate())
            earliest = certificate;
    const qint64 earliestMs = now.msecsTo(earliest.expiryDate());
    v.earliestExpiryMs = earliestMs;

    const qint64 leafDays = daysUntil(now, leaf.expiryDate());
    const Message leafPart =
        leafDays >= 0
            ? trMessage("Vigie::TlsProber", "expires in %n day(s) (%1), issued by %2", nullptr, int(leafDays))
                  .arg(isoDate(leaf.expiryDate()), issuerName(leaf))
            : trMessage("Vigie::TlsProber", "expired %n day(s) ago (%1), issued by %2", nullptr, int(-leafDays))
                  .arg(isoDate(leaf.expiryDate()), issuerName(leaf));
    const qint64 earliestDays = daysUntil(now, earliest.expiryDate());
    Message chainPart;
    if (earliest == leaf)
        chainPart = earliestDays >= 0
                        ? trMessage("Vigie::TlsProber", "chain: earliest in %n day(s)", nullptr, int(earliestDays))
                        : trMessage("Vigie::TlsProber", "chain: earliest %n day(s) ago", nullptr, int(-earliestDays));
    else
        chainPart =
            earliestDays >= 0
                ? trMessage("Vigie::TlsProber", "chain: earliest in %n day(s) (%1)", nullptr, int(earliestDays))
                      .arg(certificateName(earliest))
                : trMessage("Vigie::TlsProber", "chain: earliest %n day(s) ago (%1)", nullptr, int(-earliestDays))
                      .arg(certificateName(earliest));
    v.detail = Message::joined({leafPart, chainPart}, u"; "_s);

    const auto fail = [&v](HealthState status, const Message &problem) {
        v.status = std::max(v.status, status);
        v.phase = ProbePhase::Certificate;
        v.problems.append(problem);
    };

    if (p.options().tls.insecureReason.isEmpty()) {
        bool mismatch = false;
        QList<Message> untrusted;
        for (const QSslError &error : p.sslErrors) {
            switch (error.error()) {
            case QSslError::HostNameMismatch:
                mismatch = true;
                break;
            case QSslError::CertificateExpired:
            case QSslError::CertificateNotYetValid:
                break; // judged below from the dates, insecure or not
            default: {
                const QSslCertificate subject = error.certificate().isNull() ? leaf : error.certificate();
                const Message problem = trMessage("Vigie::TlsProber", "certificate for \"%1\" is not trusted: %2")
                                            .arg(certificateName(subject), error.errorString());
                if (!untrusted.contains(problem))
                    untrusted.append(problem);
                break;
            }
            }
        }
        if (mismatch)
            fail(HealthState::Down, trMessage("Vigie::TlsProber", "certificate for \"%1\" does not match \"%2\"")
                                        .arg(certificateName(leaf), p.peerName));
        for (const Message &problem : std::as_const(untrusted))
            fail(HealthState::Down, problem);
    }

    for (const QSslCertificate &certificate : chain)
        if (certificate.effectiveDate() > now)
            fail(HealthState::Down, trMessage("Vigie::TlsProber", "certificate \"%1\" is not valid before %2")
                                        .arg(certificateName(certificate), isoDate(certificate.effectiveDate())));

    const QString earliestName = certificateName(earliest);
    if (earliestMs <= 0)
        fail(HealthState::Down,
             trMessage("Vigie::TlsProber", "certificate \"%1\" expired %n day(s) ago (%2)", nullptr, int(-earliestDays))
                 .arg(earliestName, isoDate(earliest.expiryDate())));
    else if (earliestDays < p.options().criticalDays)
        fail(HealthState::Down,
             trMessage("Vigie::TlsProber", "certificate \"%1\" expires in %n day(s) (critical below %2)", nullptr,
                       int(earliestDays))
                 .arg(earliestName, QString::number(p.options().criticalDays)));
    else if (earliestDays < p.options().warnDays)
        fail(HealthState::Degraded,
             trMessage("Vigie::TlsProber", "certificate \"%1\" expires in %n day(s) (warning below %2)", nullptr,
                       int(earliestDays))
                 .arg(earliestName, QString::number(p.options().warnDays)));
    return v;
}

void TlsProber::Private::finish(TlsProbe &p, HealthState status, ProbePhase phase, const Message &error,
                                const Verdict *verdict)
{
    const double totalMs = p.elapsedMs();
    ProbeResult result;
    result.status = status;
    result.failedPhase = phase;
    result.error = error;
    result.latencyMs = totalMs;
    result.phases.totalMs = totalMs;
    result.phases.resolveMs = p.resolveMs;
    if (p.connectedAtMs)
        result.phases.connectMs = *p.connectedAtMs - p.resolveMs.value_or(0);
    if (p.encryptedAtMs && p.connectedAtMs)
        result.phases.tlsMs = *p.encryptedAtMs - *p.connectedAtMs;
    if (verdict)
        result.detail = verdict->detail;

    ConditionContext context;
    context.responseTimeMs = totalMs;
    context.connected = p.connectedAtMs.has_value();
    if (!p.peerAddress.isEmpty())
        context.ip = p.peerAddress;
    if (verdict)
        context.certificateExpiresInMs = verdict->earliestExpiryMs;
    applyConditions(result, p.spec.conditions, context);

    const quint64 id = p.id;
    remove(p); // p is gone from here on
    Q_EMIT q->finished(id, result);
}

TlsProber::TlsProber(QObject *parent)
    : Prober(parent)
    , d(std::make_unique<Private>(this))
{}

TlsProber::~TlsProber() = default;

void TlsProber::start(quint64 id, const ProbeSpec &spec)
{
    const TlsOptions &options = spec.options<TlsOptions>();
    cancel(id);

    const std::optional<HostPort> target = HostPort::parse(spec.target);
    if (!target) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::TlsProber", "'%1' is not a host:port target").arg(spec.target));
        return;
    }
    if (spec.timeout <= 0ms) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::TlsProber", "the timeout of the probe of %1 must be positive").arg(spec.target));
        return;
    }
    QList<QSslCertificate> caCertificates;
    if (!options.tls.caFile.isEmpty()) {
        caCertificates = QSslCertificate::fromPath(options.tls.caFile, QSsl::Pem);
        if (caCertificates.isEmpty()) {
            d->failLater(
                id, ProbePhase::Config,
                trMessage("Vigie::TlsProber", "no CA certificate could be read from %1 (a PEM file is expected)")
                    .arg(options.tls.caFile));
            return;
        }
    }

    auto p = std::make_unique<TlsProbe>();
    p->id = id;
    p->spec = spec;
    p->target = *target;
    p->peerName = options.serverName.isEmpty() ? target->host : options.serverName;
    p->caCertificates = std::move(caCertificates);
    d->dial(std::move(p));
}

void TlsProber::cancel(quint64 id)
{
    d->cancel(id);
}

int TlsProber::runningCount() const
{
    return d->runningCount();
}

} // namespace Vigie
