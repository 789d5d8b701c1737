#include "statuspageprober.h"

#include "conditioncheck.h"
#include "core/numbertext.h"
#include "pendingfailures.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// Real summaries weigh tens of KiB; a page this large is not a status page.
constexpr qint64 maxBodyBytes = 4 * 1024 * 1024;
// How many of the page's component names a "no such component" error lists.
constexpr qsizetype listedComponents = 5;
// How many unresolved incidents the one-line detail names before "and N more".
constexpr qsizetype shownIncidents = 3;

double msSince(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

// The summary's address: the target itself when it names a .json file, else the Statuspage v2
// summary under it.
std::optional<QUrl> summaryUrl(const QString &target)
{
    QUrl url(target, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1) || url.host().isEmpty())
        return std::nullopt;
    QString path = url.path();
    if (!path.endsWith(".json"_L1)) {
        if (!path.endsWith(u'/'))
            path += u'/';
        url.setPath(path + "api/v2/summary.json"_L1);
    }
    return url;
}

struct ComponentState
{
    HealthState health = HealthState::Up;
    bool maintenance = false;
    Message label; // for people: "partial outage"
};

ComponentState componentState(const QString &status)
{
    if (status == "operational"_L1)
        return {HealthState::Up, false, trMessage("Vigie::StatuspageProber", "operational")};
    if (status == "degraded_performance"_L1)
        return {HealthState::Degraded, false, trMessage("Vigie::StatuspageProber", "degraded performance")};
    if (status == "partial_outage"_L1)
        return {HealthState::Degraded, false, trMessage("Vigie::StatuspageProber", "partial outage")};
    if (status == "major_outage"_L1)
        return {HealthState::Down, false, trMessage("Vigie::StatuspageProber", "major outage")};
    if (status == "under_maintenance"_L1)
        return {HealthState::Up, true, trMessage("Vigie::StatuspageProber", "under maintenance")};
    // A state this version does not know: worth a look, not an alarm.
    return {HealthState::Degraded, false, Message::verbatim(QString(status).replace(u'_', u' '))};
}

Message incidentStatusLabel(const QString &status)
{
    if (status == "investigating"_L1)
        return trMessage("Vigie::StatuspageProber", "investigating");
    if (status == "identified"_L1)
        return trMessage("Vigie::StatuspageProber", "identified");
    if (status == "monitoring"_L1)
        return trMessage("Vigie::StatuspageProber", "monitoring");
    return Message::verbatim(QString(status).replace(u'_', u' '));
}

bool isUnresolved(const QString &incidentStatus)
{
    return incidentStatus != "resolved"_L1 && incidentStatus != "postmortem"_L1 && incidentStatus != "completed"_L1;
}

// What the provider says, before the workspace's conditions.
struct Verdict
{
    HealthState status = HealthState::Up;
    ProbePhase phase = ProbePhase::None;
    Message error;
    Message detail;
    bool maintenance = false;
};

Verdict judgePage(const QJsonObject &page, const StatuspageOptions &options, const QString &where)
{
    Verdict verdict;
    const QJsonObject status = page.value("status"_L1).toObject();
    const QJsonValue indicatorValue = status.value("indicator"_L1);
    if (!indicatorValue.isString()) {
        verdict.status = HealthState::Down;
        verdict.phase = ProbePhase::Body;
        verdict.error =
            trMessage("Vigie::StatuspageProber", "%1 is not a Statuspage v2 summary: it has no status indicator")
                .arg(where);
        return verdict;
    }
    const QString indicator = indicatorValue.toString();
    const QString description = status.value("description"_L1).toString();
    const QJsonArray components = page.value("components"_L1).toArray();

    const auto sameName = [](const QString &a, const QString &b) {
        return a.trimmed().compare(b.trimmed(), Qt::CaseInsensitive) == 0;
    };

    QList<Message> problems; // "API Requests partial outage"
    if (!options.components.isEmpty()) {
        QStringList missing;
        for (const QString &name : options.components) {
            bool found = false;
            for (const QJsonValue &value : components) {
                const QJsonObject component = value.toObject();
                const QString componentName = component.value("name"_L1).toString();
                if (!sameName(componentName, name))
                    continue;
                found = true;
                const ComponentState state = componentState(component.value("status"_L1).toString());
                verdict.status = std::max(verdict.status, state.health);
                verdict.maintenance = verdict.maintenance || state.maintenance;
                if (state.health > HealthState::Up)
                    problems.append(Message::joined({Message::verbatim(componentName), state.label}, u" "_s));
            }
            if (!found)
                missing.append(u'"' + name + u'"');
        }
        if (!missing.isEmpty()) {
            QStringList existing;
            for (const QJsonValue &value : components) {
                const QString name = value.toObject().value("name"_L1).toString();
                if (!name.isEmpty() && !existing.contains(name))
                    existing.append(name);
            }
            QString listed = existing.mid(0, listedComponents).join(", "_L1);
            if (existing.size() > listedComponents)
                listed += u", …"_s;
            verdict.status = HealthState::Down;
            verdict.phase = ProbePhase::Config;
            verdict.error =
                existing.isEmpty()
                    ? trMessage("Vigie::StatuspageProber", "the status page %1 has no component %2, nor any other")
                          .arg(where, missing.join(", "_L1))
                    : trMessage("Vigie::StatuspageProber", "the status page %1 has no component %2; it lists %3")
                          .arg(where, missing.join(", "_L1), listed);
            return verdict;
        }
    } else {
        if (indicator == "none"_L1) {
            verdict.status = HealthState::Up;
        } else if (indicator == "minor"_L1) {
            verdict.status = HealthState::Degraded;
        } else if (indicator == "major"_L1 || indicator == "critical"_L1) {
            verdict.status = HealthState::Down;
        } else if (indicator == "maintenance"_L1) {
            verdict.status = HealthState::Up;
            verdict.maintenance = true;
        } else {
            verdict.status = HealthState::Degraded;
            problems.append(trMessage("Vigie::StatuspageProber", "an unknown status indicator \"%1\"").arg(indicator));
        }
        // Group containers only repeat the state of their members.
        for (const QJsonValue &value : components) {
            const QJsonObject component = value.toObject();
            if (component.value("group"_L1).toBool())
                continue;
            const ComponentState state = componentState(component.value("status"_L1).toString());
            if (state.health > HealthState::Up)
                problems.append(
                    Message::joined({Message::verbatim(component.value("name"_L1).toString()), state.label}, u" "_s));
        }
        if (verdict.status > HealthState::Up && problems.isEmpty() && !description.isEmpty())
            problems.append(Message::verbatim(description));
    }

    QList<Message> detail;
    if (!description.isEmpty())
        detail.append(Message::verbatim(description));
    QList<Message> incidents;
    for (const QJsonValue &value : page.value("incidents"_L1).toArray()) {
        const QJsonObject incident = value.toObject();
        const QString incidentStatus = incident.value("status"_L1).toString();
        if (isUnresolved(incidentStatus)) {
            incidents.append(trMessage("Vigie::StatuspageProber", "incident \"%1\" (%2)")
                                 .arg(incident.value("name"_L1).toString())
                                 .arg(incidentStatusLabel(incidentStatus)));
        }
    }
    detail.append(incidents.mid(0, shownIncidents));
    if (incidents.size() > shownIncidents)
        detail.append(trMessage("Vigie::StatuspageProber", "%n more incident(s)", nullptr,
                                int(incidents.size() - shownIncidents)));

    for (const QJsonValue &value : page.value("scheduled_maintenances"_L1).toArray()) {
        const QJsonObject maintenance = value.toObject();
        const QString maintenanceStatus = maintenance.value("status"_L1).toString();
        if (maintenanceStatus != "in_progress"_L1 && maintenanceStatus != "verifying"_L1)
            continue;
        bool affects = options.components.isEmpty();
        for (const QJsonValue &component : maintenance.value("components"_L1).toArray()) {
            const QString name = component.toObject().value("name"_L1).toString();
            affects = affects || std::any_of(options.components.cbegin(), options.components.cend(),
                                             [&](const QString &named) { return sameName(name, named); });
        }
        if (!affects)
            continue;
        verdict.maintenance = true;
        const QString name = maintenance.value("name"_L1).toString();
        detail.append(maintenanceStatus == "in_progress"_L1
                          ? trMessage("Vigie::StatuspageProber", "maintenance \"%1\" in progress").arg(name)
                          : trMessage("Vigie::StatuspageProber", "maintenance \"%1\" verifying").arg(name));
    }
    verdict.detail = detail.isEmpty() ? Message() : Message::joined(detail, u" · "_s);

    if (verdict.status > HealthState::Up) {
        verdict.phase = ProbePhase::Provider;
        verdict.error =
            trMessage("Vigie::StatuspageProber", "Provider reports: %1").arg(Message::joined(problems, u", "_s));
    }
    return verdict;
}

enum class Stage { Connecting, Waiting, Reading };

struct Fetch
{
    quint64 id = 0;
    quint64 serial = 0; // tells a late signal of a cancelled probe from one of a newer probe with the same id
    ProbeSpec spec;
    const StatuspageOptions &options() const { return spec.options<StatuspageOptions>(); }
    QUrl url;
    QPointer<QNetworkReply> reply;
    QByteArray body;
    QStringList tlsErrors;
    QElapsedTimer clock;
    std::optional<double> sentAtMs;
    std::optional<double> headersAtMs;
    QTimer deadline;

    Stage stage() const
    {
        if (headersAtMs)
            return Stage::Reading;
        return sentAtMs ? Stage::Waiting : Stage::Connecting;
    }
};

} // namespace

struct StatuspageProber::Private
{
    explicit Private(StatuspageProber *owner)
        : q(owner)
    {}
    ~Private()
    {
        for (auto &[id, f] : fetches)
            abandon(*f);
    }

    Fetch *find(quint64 id, quint64 serial) const
    {
        const auto it = fetches.find(id);
        return it != fetches.end() && it->second->serial == serial ? it->second.get() : nullptr;
    }
    void abandon(Fetch &f) const;
    void failLater(quint64 id, ProbePhase phase, const Message &error);
    void onMetaData(Fetch &f);
    void onReadyRead(Fetch &f);
    void onFinished(Fetch &f);
    void onDeadline(Fetch &f);
    void fail(Fetch &f, ProbePhase phase, const Message &error);
    void judge(Fetch &f, int httpStatus, const QHash<QByteArray, QByteArray> &headers);
    void finish(Fetch &f, ProbeResult result);

    QNetworkAccessManager *networkFor(const ProbeSpec &spec);

    StatuspageProber *q;
    // One manager per way of trusting servers (the system's CAs, a ca_file, none with insecure:),
    // each created on first use, on the prober's thread: a manager reuses its connections, and a
    // connection opened without verification, or trusting another CA, must never carry a probe
    // that verifies.
    QHash<QString, QNetworkAccessManager *> networks;
    quint64 nextSerial = 1;
    std::unordered_map<quint64, std::unique_ptr<Fetch>> fetches;
    PendingFailures failures;
};

void StatuspageProber::Private::abandon(Fetch &f) const
{
    if (f.reply) {
        QObject::disconnect(f.reply, nullptr, q, nullptr);
        f.reply->abort();
        f.reply->deleteLater();
    }
}

QNetworkAccessManager *StatuspageProber::Private::networkFor(const ProbeSpec &spec)
{
    const TlsTrust &tls = spec.options<StatuspageOptions>().tls;
    const QString trust = tls.insecureReason.isEmpty() ? u"ca:"_s + tls.caFile : u"insecure"_s;
    QNetworkAccessManager *&network = networks[trust];
    if (!network)
        network = new QNetworkAccessManager(q);
    return network;
}

void StatuspageProber::Private::failLater(quint64 id, ProbePhase phase, const Message &error)
{
    failures.post(q, id, phase, error,
                  [this](quint64 failedId, const ProbeResult &result) { Q_EMIT q->finished(failedId, result); });
}

void StatuspageProber::Private::onMetaData(Fetch &f)
{
    if (!f.headersAtMs)
        f.headersAtMs = msSince(f.clock);
    const QVariant length = f.reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > maxBodyBytes) {
        fail(f, ProbePhase::Body,
             trMessage("Vigie::StatuspageProber",
                       "the status page %1 announces %2 MiB, more than the 4 MiB a summary may weigh")
                 .arg(f.url.toDisplayString(), QString::number(double(length.toLongLong()) / 1048576.0, 'f', 1)));
    }
}

void StatuspageProber::Private::onReadyRead(Fetch &f)
{
    if (!f.headersAtMs)
        f.headersAtMs = msSince(f.clock);
    f.body += f.reply->read(maxBodyBytes + 1 - f.body.size());
    if (f.body.size() > maxBodyBytes) {
        fail(f, ProbePhase::Body,
             trMessage("Vigie::StatuspageProber", "the status page %1 sent more than the 4 MiB a summary may weigh")
                 .arg(f.url.toDisplayString()));
    }
}

void StatuspageProber::Private::onDeadline(Fetch &f)
{
    const QString after = formatSeconds(f.spec.timeout);
    const QString where = f.url.toDisplayString();
    switch (f.stage()) {
    case Stage::Connecting:
        fail(f, ProbePhase::Connect,
             f.url.scheme() == "https"_L1
                 ? trMessage("Vigie::StatuspageProber", "timed out after %1 s connecting to %2 (TCP or TLS handshake)")
                       .arg(after, where)
                 : trMessage("Vigie::StatuspageProber", "timed out after %1 s connecting to %2").arg(after, where));
        return;
    case Stage::Waiting:
        fail(f, ProbePhase::Processing,
             trMessage("Vigie::StatuspageProber", "timed out after %1 s waiting for %2 to answer").arg(after, where));
        return;
    case Stage::Reading:
        fail(f, ProbePhase::Transfer,
             trMessage("Vigie::StatuspageProber", "timed out after %1 s reading the status page %2").arg(after, where));
        return;
    }
}

void StatuspageProber::Private::onFinished(Fetch &f)
{
    QNetworkReply *reply = f.reply;
    f.body += reply->readAll();
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = f.url.toDisplayString();
    const QNetworkReply::NetworkError error = reply->error();

    if (httpStatus != 0 && (httpStatus < 200 || httpStatus > 299)) {
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        ProbeResult result;
        result.status = HealthState::Down;
        result.httpStatus = httpStatus;
        result.failedPhase = ProbePhase::Status;
        const QString seen =
            reason.isEmpty() ? QString::number(httpStatus) : QString::number(httpStatus) + u' ' + reason;
        result.error =
            trMessage("Vigie::StatuspageProber", "the status page %1 answered HTTP %2, expected 2xx").arg(where, seen);
        finish(f, result);
        return;
    }
    if (error != QNetworkReply::NoError) {
        const QString detail = reply->errorString();
        switch (error) {
        case QNetworkReply::HostNotFoundError:
            fail(f, ProbePhase::Resolve,
                 trMessage("Vigie::StatuspageProber", "could not resolve host '%1'").arg(f.url.host()));
            return;
        case QNetworkReply::ConnectionRefusedError:
            fail(f, ProbePhase::Connect,
                 trMessage("Vigie::StatuspageProber", "connection refused by %1").arg(f.url.authority()));
            return;
        case QNetworkReply::SslHandshakeFailedError:
            fail(f, ProbePhase::Tls,
                 trMessage("Vigie::StatuspageProber", "TLS handshake with %1 failed: %2")
                     .arg(f.url.authority(), f.tlsErrors.isEmpty() ? detail : f.tlsErrors.join(u"; "_s)));
            return;
        case QNetworkReply::TooManyRedirectsError:
        case QNetworkReply::InsecureRedirectError:
            fail(f, ProbePhase::Status,
                 trMessage("Vigie::StatuspageProber", "the status page %1 redirects where it may not be followed: %2")
                     .arg(where, detail));
            return;
        case QNetworkReply::RemoteHostClosedError:
            if (!f.headersAtMs) {
                fail(f, f.sentAtMs ? ProbePhase::Processing : ProbePhase::Connect,
                     trMessage("Vigie::StatuspageProber", "%1 closed the connection without sending a response")
                         .arg(f.url.authority()));
                return;
            }
            break;
        default:
            break;
        }
        const ProbePhase phase = f.stage() == Stage::Reading   ? ProbePhase::Transfer
                                 : f.stage() == Stage::Waiting ? ProbePhase::Processing
                                                               : ProbePhase::Connect;
        fail(f, phase,
             trMessage("Vigie::StatuspageProber", "fetching the status page %1 failed: %2").arg(where, detail));
        return;
    }

    QHash<QByteArray, QByteArray> headers;
    for (const auto &[name, value] : reply->rawHeaderPairs())
        headers.insert(name.toLower(), value);
    judge(f, httpStatus, headers);
}

void StatuspageProber::Private::judge(Fetch &f, int httpStatus, const QHash<QByteArray, QByteArray> &headers)
{
    const double totalMs = msSince(f.clock);
    const QString where = f.url.toDisplayString();
    ProbeResult result;
    result.httpStatus = httpStatus;

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(f.body, &parseError);
    Verdict verdict;
    if (f.body.trimmed().isEmpty()) {
        verdict = {HealthState::Down,
                   ProbePhase::Body,
                   trMessage("Vigie::StatuspageProber", "the status page %1 sent an empty body").arg(where),
                   {},
                   false};
    } else if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = f.body.left(parseError.offset);
        verdict = {HealthState::Down,
                   ProbePhase::Body,
                   trMessage("Vigie::StatuspageProber", "the status page %1 did not send JSON (line %2, column %3: %4)")
                       .arg(where)
                       .arg(before.count('\n') + 1)
                       .arg(parseError.offset - (before.lastIndexOf('\n') + 1) + 1)
                       .arg(parseError.errorString()),
                   {},
                   false};
    } else if (!document.isObject()) {
        verdict = {HealthState::Down,
                   ProbePhase::Body,
                   trMessage("Vigie::StatuspageProber", "%1 is not a Statuspage v2 summary: it is not a JSON object")
                       .arg(where),
                   {},
                   false};
    } else {
        verdict = judgePage(document.object(), f.options(), where);
    }
    result.status = verdict.status;
    result.failedPhase = verdict.phase;
    result.error = verdict.error;
    result.detail = verdict.detail;
    result.maintenance = verdict.maintenance;

    // A page that could not be read is down, and so not judged by the conditions.
    if (!f.spec.conditions.isEmpty()) {
        ConditionContext context;
        context.status = httpStatus;
        context.responseTimeMs = totalMs;
        context.body = &f.body;
        context.headers = headers;
        applyConditions(result, f.spec.conditions, context);
    }
    finish(f, result);
}

void StatuspageProber::Private::fail(Fetch &f, ProbePhase phase, const Message &error)
{
    ProbeResult result;
    result.status = HealthState::Down;
    result.failedPhase = phase;
    result.error = error;
    if (f.reply)
        result.httpStatus = f.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    finish(f, result);
}

void StatuspageProber::Private::finish(Fetch &f, ProbeResult result)
{
    const double totalMs = msSince(f.clock);
    result.latencyMs = totalMs;
    result.phases.totalMs = totalMs;
    if (f.sentAtMs && f.headersAtMs) {
        result.phases.processingMs = *f.headersAtMs - *f.sentAtMs;
        result.phases.transferMs = totalMs - *f.headersAtMs;
    }
    const quint64 id = f.id;
    abandon(f);
    fetches.erase(id); // f is gone from here on
    Q_EMIT q->finished(id, result);
}

StatuspageProber::StatuspageProber(QObject *parent)
    : Prober(parent)
    , d(std::make_unique<Private>(this))
{}

StatuspageProber::~StatuspageProber() = default;

void StatuspageProber::start(quint64 id, const ProbeSpec &spec)
{
    const StatuspageOptions &options = spec.options<StatuspageOptions>();
    cancel(id);

    const std::optional<QUrl> url = summaryUrl(spec.target);
    if (!url) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::StatuspageProber", "'%1' is not an http:// or https:// URL").arg(spec.target));
        return;
    }
    if (spec.timeout <= std::chrono::milliseconds(0)) {
        d->failLater(
            id, ProbePhase::Config,
            trMessage("Vigie::StatuspageProber", "the timeout of the probe of %1 must be positive").arg(spec.target));
        return;
    }

    QNetworkRequest request(*url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Vigie/" VIGIE_VERSION));
    request.setRawHeader("Accept", "application/json");
    // Every probe asks the provider afresh and leaves nothing behind.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    if (url->scheme() == "https"_L1) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!options.tls.caFile.isEmpty()) {
            const QList<QSslCertificate> authorities = QSslCertificate::fromPath(options.tls.caFile, QSsl::Pem);
            if (authorities.isEmpty()) {
                d->failLater(
                    id, ProbePhase::Config,
                    trMessage("Vigie::StatuspageProber", "the CA file %1 could not be read or holds no PEM certificate")
                        .arg(options.tls.caFile));
                return;
            }
            tls.setCaCertificates(authorities);
        }
        if (!options.tls.insecureReason.isEmpty())
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
    }

    auto f = std::make_unique<Fetch>();
    f->id = id;
    f->serial = d->nextSerial++;
    f->spec = spec;
    f->url = *url;
    f->deadline.setSingleShot(true);
    // A coarse timer may fire up to 5 % early, which would cut a probe short of its deadline.
    f->deadline.setTimerType(Qt::PreciseTimer);
    const quint64 serial = f->serial;
    connect(&f->deadline, &QTimer::timeout, this, [this, id, serial] {
        if (Fetch *fetch = d->find(id, serial))
            d->onDeadline(*fetch);
    });
    f->clock.start();
    f->deadline.start(spec.timeout);

    QNetworkReply *reply = d->networkFor(spec)->get(request);
    f->reply = reply;
    connect(reply, &QNetworkReply::requestSent, this, [this, id, serial] {
        if (Fetch *fetch = d->find(id, serial); fetch && !fetch->sentAtMs)
            fetch->sentAtMs = msSince(fetch->clock);
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, id, serial] {
        if (Fetch *fetch = d->find(id, serial))
            d->onMetaData(*fetch);
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, id, serial] {
        if (Fetch *fetch = d->find(id, serial))
            d->onReadyRead(*fetch);
    });
    connect(reply, &QNetworkReply::sslErrors, this, [this, id, serial](const QList<QSslError> &errors) {
        Fetch *fetch = d->find(id, serial);
        if (!fetch)
            return;
        if (!fetch->options().tls.insecureReason.isEmpty()) {
            fetch->reply->ignoreSslErrors();
            return;
        }
        for (const QSslError &error : errors)
            fetch->tlsErrors.append(error.errorString());
    });
    connect(reply, &QNetworkReply::finished, this, [this, id, serial] {
        if (Fetch *fetch = d->find(id, serial))
            d->onFinished(*fetch);
    });
    d->fetches.emplace(id, std::move(f));
}

void StatuspageProber::cancel(quint64 id)
{
    d->failures.cancel(id);
    const auto it = d->fetches.find(id);
    if (it == d->fetches.end())
        return;
    d->abandon(*it->second);
    d->fetches.erase(it);
}

int StatuspageProber::runningCount() const
{
    return int(d->fetches.size()) + d->failures.size();
}

} // namespace Vigie
