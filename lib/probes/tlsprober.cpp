#include "tlsprober.h"

#include "conditioncheck.h"
#include "core/clock.h"
#include "pendingfailures.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkProxy>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QTimer>

#include <unordered_map>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr qint64 msPerDay = 24LL * 60 * 60 * 1000;

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

struct TlsProbe
{
    quint64 id = 0;
    quint64 serial = 0; // tells a late callback of a cancelled probe from one of a newer probe with the same id
    ProbeSpec spec;
    HostPort target;
    QString peerName;                      // SNI and the name the certificate must carry
    QList<QSslCertificate> caCertificates; // from spec.caFile; empty: the system's
    Stage stage = Stage::Resolving;
    int lookupId = -1;
    QList<QHostAddress> addresses;
    qsizetype nextAddress = 0;
    QPointer<QSslSocket> socket;
    bool refused = false;
    QString connectError;
    QString connectedIp;
    QList<QSslError> sslErrors;
    QElapsedTimer clock;
    std::optional<double> resolveMs;
    std::optional<double> connectedAtMs;
    std::optional<double> encryptedAtMs;
    QTimer deadline;
};

struct Verdict
{
    HealthState status = HealthState::Up;
    ProbePhase phase = ProbePhase::None;
    QStringList problems;
    QString detail;
    std::optional<qint64> earliestExpiryMs;
};

} // namespace

struct TlsProber::Private
{
    explicit Private(TlsProber *owner)
        : q(owner)
    {}
    ~Private()
    {
        for (auto &[id, p] : probes)
            abandon(*p);
    }

    TlsProbe *find(quint64 id, quint64 serial) const;
    void abandon(TlsProbe &p) const;
    void failLater(quint64 id, ProbePhase phase, const QString &error);
    void onResolved(quint64 id, quint64 serial, const QHostInfo &info);
    void connectNext(TlsProbe &p);
    void onConnected(quint64 id, quint64 serial);
    void onEncrypted(quint64 id, quint64 serial);
    void onSocketError(quint64 id, quint64 serial, QAbstractSocket::SocketError error);
    void onDeadline(quint64 id);
    Verdict judge(const TlsProbe &p) const;
    void finish(TlsProbe &p, HealthState status, ProbePhase phase = ProbePhase::None, const QString &error = {},
                const Verdict *verdict = nullptr);

    TlsProber *q;
    quint64 nextSerial = 1;
    std::unordered_map<quint64, std::unique_ptr<TlsProbe>> probes;
    PendingFailures failures;
};

TlsProbe *TlsProber::Private::find(quint64 id, quint64 serial) const
{
    const auto it = probes.find(id);
    return it != probes.end() && it->second->serial == serial ? it->second.get() : nullptr;
}

void TlsProber::Private::abandon(TlsProbe &p) const
{
    if (p.lookupId >= 0)
        QHostInfo::abortHostLookup(p.lookupId);
    if (p.socket) {
        QObject::disconnect(p.socket, nullptr, q, nullptr);
        p.socket->abort();
        p.socket->deleteLater();
    }
}

void TlsProber::Private::failLater(quint64 id, ProbePhase phase, const QString &error)
{
    failures.post(q, id, phase, error,
                  [this](quint64 failedId, const ProbeResult &result) { Q_EMIT q->finished(failedId, result); });
}

void TlsProber::Private::onResolved(quint64 id, quint64 serial, const QHostInfo &info)
{
    TlsProbe *p = find(id, serial);
    if (!p || p->stage != Stage::Resolving)
        return;
    p->lookupId = -1;
    p->resolveMs = msSince(p->clock);
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        finish(*p, HealthState::Down, ProbePhase::Resolve,
               TlsProber::tr("could not resolve host '%1'").arg(p->target.host));
        return;
    }
    p->addresses = info.addresses();
    p->stage = Stage::Connecting;
    connectNext(*p);
}

// Tries the resolved addresses in turn, as a client would, until one accepts.
void TlsProber::Private::connectNext(TlsProbe &p)
{
    if (p.socket) {
        QObject::disconnect(p.socket, nullptr, q, nullptr);
        p.socket->abort();
        p.socket->deleteLater();
    }
    if (p.nextAddress >= p.addresses.size()) {
        finish(p, HealthState::Down, ProbePhase::Connect,
               p.refused ? TlsProber::tr("connection refused by %1").arg(p.spec.target)
                         : TlsProber::tr("could not connect to %1: %2").arg(p.spec.target, p.connectError));
        return;
    }
    const QHostAddress address = p.addresses.at(p.nextAddress++);
    auto *socket = new QSslSocket(q);
    // The probe measures the service itself, not the application's proxy.
    socket->setProxy(QNetworkProxy::NoProxy);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!p.caCertificates.isEmpty())
        configuration.setCaCertificates(p.caCertificates);
    // Verification runs even for insecure probes: its findings are judged afterwards, never fatal
    // to the handshake, so that the chain can always be read.
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket->setSslConfiguration(configuration);
    socket->setPeerVerifyName(p.peerName);
    p.socket = socket;
    const quint64 id = p.id;
    const quint64 serial = p.serial;
    QObject::connect(socket, &QSslSocket::connected, q, [this, id, serial] { onConnected(id, serial); });
    QObject::connect(socket, &QSslSocket::encrypted, q, [this, id, serial] { onEncrypted(id, serial); });
    QObject::connect(socket, &QSslSocket::sslErrors, q, [this, id, serial](const QList<QSslError> &errors) {
        TlsProbe *probe = find(id, serial);
        if (!probe || !probe->socket)
            return;
        probe->sslErrors += errors;
        probe->socket->ignoreSslErrors();
    });
    QObject::connect(socket, &QSslSocket::errorOccurred, q,
                     [this, id, serial](QAbstractSocket::SocketError error) { onSocketError(id, serial, error); });
    socket->connectToHost(address, p.target.port);
}

void TlsProber::Private::onConnected(quint64 id, quint64 serial)
{
    TlsProbe *p = find(id, serial);
    if (!p || p->stage != Stage::Connecting)
        return;
    p->connectedAtMs = msSince(p->clock);
    p->connectedIp = p->socket->peerAddress().toString();
    p->stage = Stage::Handshaking;
    p->socket->startClientEncryption();
}

void TlsProber::Private::onEncrypted(quint64 id, quint64 serial)
{
    TlsProbe *p = find(id, serial);
    if (!p || p->stage != Stage::Handshaking)
        return;
    p->encryptedAtMs = msSince(p->clock);
    const Verdict verdict = judge(*p);
    finish(*p, verdict.status, verdict.phase, verdict.problems.join(u"; "_s), &verdict);
}

void TlsProber::Private::onSocketError(quint64 id, quint64 serial, QAbstractSocket::SocketError error)
{
    TlsProbe *p = find(id, serial);
    if (!p)
        return;
    if (p->stage == Stage::Connecting) {
        p->refused = error == QAbstractSocket::ConnectionRefusedError;
        p->connectError = p->socket ? p->socket->errorString() : QString();
        connectNext(*p);
        return;
    }
    if (p->stage != Stage::Handshaking)
        return;
    finish(*p, HealthState::Down, ProbePhase::Tls,
           TlsProber::tr("the TLS handshake with %1 failed: %2").arg(p->spec.target, p->socket->errorString()));
}

void TlsProber::Private::onDeadline(quint64 id)
{
    const auto it = probes.find(id);
    if (it == probes.end())
        return;
    TlsProbe &p = *it->second;
    const QString after = seconds(p.spec.timeout);
    switch (p.stage) {
    case Stage::Resolving:
        finish(p, HealthState::Down, ProbePhase::Resolve,
               TlsProber::tr("timed out after %1 s resolving host '%2'").arg(after, p.target.host));
        return;
    case Stage::Connecting:
        finish(p, HealthState::Down, ProbePhase::Connect,
               TlsProber::tr("timed out after %1 s connecting to %2").arg(after, p.spec.target));
        return;
    case Stage::Handshaking:
        finish(p, HealthState::Down, ProbePhase::Tls,
               TlsProber::tr("no TLS handshake with %1 within %2 s").arg(p.spec.target, after));
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
        v.problems.append(TlsProber::tr("%1 sent no certificate").arg(p.spec.target));
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
    const QString leafPart = leafDays >= 0
                                 ? TlsProber::tr("expires in %n day(s) (%1), issued by %2", nullptr, int(leafDays))
                                       .arg(isoDate(leaf.expiryDate()), issuerName(leaf))
                                 : TlsProber::tr("expired %n day(s) ago (%1), issued by %2", nullptr, int(-leafDays))
                                       .arg(isoDate(leaf.expiryDate()), issuerName(leaf));
    const qint64 earliestDays = daysUntil(now, earliest.expiryDate());
    QString chainPart;
    if (earliest == leaf)
        chainPart = earliestDays >= 0 ? TlsProber::tr("chain: earliest in %n day(s)", nullptr, int(earliestDays))
                                      : TlsProber::tr("chain: earliest %n day(s) ago", nullptr, int(-earliestDays));
    else
        chainPart = earliestDays >= 0 ? TlsProber::tr("chain: earliest in %n day(s) (%1)", nullptr, int(earliestDays))
                                            .arg(certificateName(earliest))
                                      : TlsProber::tr("chain: earliest %n day(s) ago (%1)", nullptr, int(-earliestDays))
                                            .arg(certificateName(earliest));
    v.detail = leafPart + u"; "_s + chainPart;

    const auto fail = [&v](HealthState status, const QString &problem) {
        v.status = std::max(v.status, status);
        v.phase = ProbePhase::Certificate;
        v.problems.append(problem);
    };

    if (p.spec.insecureReason.isEmpty()) {
        bool mismatch = false;
        QStringList untrusted;
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
                const QString problem = TlsProber::tr("certificate for \"%1\" is not trusted: %2")
                                            .arg(certificateName(subject), error.errorString());
                if (!untrusted.contains(problem))
                    untrusted.append(problem);
                break;
            }
            }
        }
        if (mismatch)
            fail(HealthState::Down,
                 TlsProber::tr("certificate for \"%1\" does not match \"%2\"").arg(certificateName(leaf), p.peerName));
        for (const QString &problem : std::as_const(untrusted))
            fail(HealthState::Down, problem);
    }

    for (const QSslCertificate &certificate : chain)
        if (certificate.effectiveDate() > now)
            fail(HealthState::Down, TlsProber::tr("certificate \"%1\" is not valid before %2")
                                        .arg(certificateName(certificate), isoDate(certificate.effectiveDate())));

    const QString earliestName = certificateName(earliest);
    if (earliestMs <= 0)
        fail(HealthState::Down,
             TlsProber::tr("certificate \"%1\" expired %n day(s) ago (%2)", nullptr, int(-earliestDays))
                 .arg(earliestName, isoDate(earliest.expiryDate())));
    else if (earliestDays < p.spec.criticalDays)
        fail(HealthState::Down,
             TlsProber::tr("certificate \"%1\" expires in %n day(s) (critical below %2)", nullptr, int(earliestDays))
                 .arg(earliestName, QString::number(p.spec.criticalDays)));
    else if (earliestDays < p.spec.warnDays)
        fail(HealthState::Degraded,
             TlsProber::tr("certificate \"%1\" expires in %n day(s) (warning below %2)", nullptr, int(earliestDays))
                 .arg(earliestName, QString::number(p.spec.warnDays)));
    return v;
}

void TlsProber::Private::finish(TlsProbe &p, HealthState status, ProbePhase phase, const QString &error,
                                const Verdict *verdict)
{
    const double totalMs = msSince(p.clock);
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
    if (!p.connectedIp.isEmpty())
        context.ip = p.connectedIp;
    if (verdict)
        context.certificateExpiresInMs = verdict->earliestExpiryMs;
    applyConditions(result, p.spec.conditions, context);

    const quint64 id = p.id;
    abandon(p);
    probes.erase(id); // p is gone from here on
    Q_EMIT q->finished(id, result);
}

TlsProber::TlsProber(QObject *parent)
    : Prober(parent)
    , d(std::make_unique<Private>(this))
{}

TlsProber::~TlsProber() = default;

void TlsProber::start(quint64 id, const ProbeSpec &spec)
{
    cancel(id);

    const std::optional<HostPort> target = parseTarget(spec.target);
    if (!target) {
        d->failLater(id, ProbePhase::Config, tr("'%1' is not a host:port target").arg(spec.target));
        return;
    }
    if (spec.timeout <= 0ms) {
        d->failLater(id, ProbePhase::Config, tr("the timeout of the probe of %1 must be positive").arg(spec.target));
        return;
    }
    QList<QSslCertificate> caCertificates;
    if (!spec.caFile.isEmpty()) {
        caCertificates = QSslCertificate::fromPath(spec.caFile, QSsl::Pem);
        if (caCertificates.isEmpty()) {
            d->failLater(id, ProbePhase::Config,
                         tr("no CA certificate could be read from %1 (a PEM file is expected)").arg(spec.caFile));
            return;
        }
    }

    auto p = std::make_unique<TlsProbe>();
    p->id = id;
    p->serial = d->nextSerial++;
    p->spec = spec;
    p->target = *target;
    p->peerName = spec.serverName.isEmpty() ? target->host : spec.serverName;
    p->caCertificates = std::move(caCertificates);
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
    if (TlsProbe *probe = d->find(id, serial); probe && probe->stage == Stage::Resolving)
        probe->lookupId = lookupId;
}

void TlsProber::cancel(quint64 id)
{
    d->failures.cancel(id);
    const auto it = d->probes.find(id);
    if (it == d->probes.end())
        return;
    d->abandon(*it->second);
    d->probes.erase(it);
}

int TlsProber::runningCount() const
{
    return int(d->probes.size()) + d->failures.size();
}

} // namespace Vigie
