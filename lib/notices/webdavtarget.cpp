#include "webdavtarget.h"

#include "httponce.h"
#include "staticsite.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QPromise>
#include <QRegularExpression>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <variant>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

// The outbox ids the manifest remembers, for findPublished (the newest last).
constexpr qsizetype rememberedOutboxIds = 200;
// How much of a server's refusal goes into the message.
constexpr qsizetype quotedChars = 300;
constexpr auto defaultRetryAfter = 60s;

// ---------------------------------------------------------------------------------------------
// The manifest: the remote's record of what it holds.

QJsonArray componentsJson(const QList<AffectedComponent> &components)
{
    QJsonArray array;
    for (const AffectedComponent &component : components)
        array.append(
            QJsonObject{{u"service"_s, component.serviceId}, {u"status"_s, componentStatusName(component.status)}});
    return array;
}

QList<AffectedComponent> componentsFromJson(const QJsonArray &array)
{
    QList<AffectedComponent> components;
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        components.append(
            {object.value("service"_L1).toString(),
             componentStatusFromName(object.value("status"_L1).toString()).value_or(ComponentStatus::MajorOutage)});
    }
    return components;
}

QJsonObject noticeToJson(const Notice &notice)
{
    QJsonArray updates;
    for (const NoticeUpdate &update : notice.updates)
        updates.append(QJsonObject{{u"id"_s, QString::number(update.id)},
                                   {u"at"_s, QString::number(update.timestampMs)},
                                   {u"status"_s, noticeStatusName(update.status)},
                                   {u"body"_s, update.body},
                                   {u"components"_s, componentsJson(update.components)}});
    QJsonObject json{{u"id"_s, QString::number(notice.id)},
                     {u"kind"_s, noticeKindName(notice.kind)},
                     {u"title"_s, notice.title},
                     {u"impact"_s, noticeImpactName(notice.impact)},
                     {u"status"_s, noticeStatusName(notice.status)},
                     {u"components"_s, componentsJson(notice.components)},
                     {u"updates"_s, updates},
                     {u"postmortem"_s, notice.postmortem},
                     {u"created"_s, QString::number(notice.createdMs)},
                     {u"modified"_s, QString::number(notice.modifiedMs)}};
    if (notice.window)
        json.insert(u"window"_s, QJsonObject{{u"start"_s, QString::number(notice.window->startMs)},
                                             {u"end"_s, QString::number(notice.window->endMs)}});
    return json;
}

Notice noticeFromJson(const QJsonObject &json)
{
    Notice notice;
    notice.id = json.value("id"_L1).toString().toLongLong();
    notice.kind = noticeKindFromName(json.value("kind"_L1).toString()).value_or(NoticeKind::Incident);
    notice.title = json.value("title"_L1).toString();
    notice.impact = noticeImpactFromName(json.value("impact"_L1).toString()).value_or(NoticeImpact::None);
    notice.status = noticeStatusFromName(json.value("status"_L1).toString()).value_or(initialNoticeStatus(notice.kind));
    notice.components = componentsFromJson(json.value("components"_L1).toArray());
    for (const QJsonValue &value : json.value("updates"_L1).toArray()) {
        const QJsonObject object = value.toObject();
        NoticeUpdate update;
        update.id = object.value("id"_L1).toString().toLongLong();
        update.timestampMs = object.value("at"_L1).toString().toLongLong();
        update.status = noticeStatusFromName(object.value("status"_L1).toString()).value_or(notice.status);
        update.body = object.value("body"_L1).toString();
        update.components = componentsFromJson(object.value("components"_L1).toArray());
        notice.updates.append(update);
    }
    notice.postmortem = json.value("postmortem"_L1).toString();
    notice.createdMs = json.value("created"_L1).toString().toLongLong();
    notice.modifiedMs = json.value("modified"_L1).toString().toLongLong();
    if (json.contains("window"_L1)) {
        const QJsonObject window = json.value("window"_L1).toObject();
        notice.window = NoticeWindow{window.value("start"_L1).toString().toLongLong(),
                                     window.value("end"_L1).toString().toLongLong()};
    }
    return notice;
}

struct Manifest
{
    QMap<QString, QString> files; // path -> SHA-256 (hex)
    QList<Notice> notices;        // as published, by id
    QList<qint64> outboxIds;      // the newest last
};

std::optional<Manifest> parseManifest(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject json = document.object();
    Manifest manifest;
    const QJsonObject files = json.value("files"_L1).toObject();
    for (auto it = files.begin(); it != files.end(); ++it)
        manifest.files.insert(it.key(), it.value().toString());
    for (const QJsonValue &value : json.value("notices"_L1).toArray())
        manifest.notices.append(noticeFromJson(value.toObject()));
    for (const QJsonValue &value : json.value("outbox_ids"_L1).toArray())
        manifest.outboxIds.append(value.toString().toLongLong());
    return manifest;
}

QByteArray manifestBytes(const Manifest &manifest)
{
    QJsonObject files;
    for (auto it = manifest.files.cbegin(); it != manifest.files.cend(); ++it)
        files.insert(it.key(), it.value());
    QJsonArray notices;
    for (const Notice &notice : manifest.notices)
        notices.append(noticeToJson(notice));
    QJsonArray outboxIds;
    for (qint64 id : manifest.outboxIds)
        outboxIds.append(QString::number(id));
    return QJsonDocument(QJsonObject{{u"format"_s, 1},
                                     {u"generator"_s, u"Vigie"_s},
                                     {u"last_outbox_id"_s, outboxIds.isEmpty() ? QJsonValue() : outboxIds.last()},
                                     {u"outbox_ids"_s, outboxIds},
                                     {u"files"_s, files},
                                     {u"notices"_s, notices}})
        .toJson(QJsonDocument::Indented);
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray contentType(const QString &path)
{
    if (path.endsWith(".html"_L1))
        return "text/html; charset=utf-8";
    if (path.endsWith(".atom"_L1))
        return "application/atom+xml; charset=utf-8";
    if (path.endsWith(".json"_L1))
        return "application/json; charset=utf-8";
    return "application/octet-stream";
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &url) { return url.scheme() == "https"_L1 ? 443 : 80; };
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(defaultPort(a)) == b.port(defaultPort(b));
}

struct Step
{
    enum class Verb : quint8 { Get, Mkcol, Put, Delete };
    Verb verb = Verb::Get;
    QString path; // relative to the site's folder
    QByteArray body;
};

QByteArray verbName(Step::Verb verb)
{
    switch (verb) {
    case Step::Verb::Get:
        return "GET";
    case Step::Verb::Mkcol:
        return "MKCOL";
    case Step::Verb::Put:
        return "PUT";
    case Step::Verb::Delete:
        return "DELETE";
    }
    return {};
}

struct Job
{
    bool find = false; // findPublished, else publish
    Publication publication;
    QPromise<PublishOutcome> published;
    QPromise<StatusTarget::Found> found;
    QByteArray authorization;
    Manifest remote; // what the site held
    Manifest next;   // what it will hold
    QList<Step> steps;
    qsizetype nextStep = 0;
};

// A step's end: nothing (done) or how the publication ends.
using StepResult = std::optional<PublishOutcome>;

} // namespace

struct WebDavTarget::Private
{
    Private(WebDavTarget *owner, StatusSite s, const Workspace &workspace, SecretReader reader)
        : q(owner)
        , site(std::move(s))
        , title(workspace.name)
        , services(workspace.services)
        , secrets(std::move(reader))
        , network(new QNetworkAccessManager(owner))
    {
        base = QUrl(site.url);
        if (!base.path().endsWith(u'/'))
            base.setPath(base.path() + u'/');
    }

    void enqueue(std::shared_ptr<Job> job);
    void startNext();
    void readSecret();
    void send(const Step &step);
    void onReply(QNetworkReply *reply, const Step &step, bool sent, bool timedOut, const QUrl &refusedRedirect);
    void onManifest(const QByteArray &body, bool exists);
    void onGenerated(const QMap<QString, QByteArray> &files);
    void sendNextStep();
    void finish(const PublishOutcome &outcome);
    void finishFound(const std::optional<QString> &remoteId);
    PublishOutcome where(const Step &step, PublishOutcome outcome) const;

    WebDavTarget *q;
    StatusSite site;
    QString title;
    QList<Service> services;
    SecretReader secrets;
    QNetworkAccessManager *network;
    QUrl base;
    QTimeZone timeZone = QTimeZone::systemTimeZone();
    std::chrono::milliseconds requestTimeout = 30s;
    // One publication at a time: each one reads the manifest the previous one wrote.
    QList<std::shared_ptr<Job>> jobs;
    bool running = false;
};

void WebDavTarget::Private::enqueue(std::shared_ptr<Job> job)
{
    jobs.append(std::move(job));
    if (!running)
        startNext();
}

void WebDavTarget::Private::startNext()
{
    if (jobs.isEmpty()) {
        running = false;
        return;
    }
    running = true;
    Job &job = *jobs.constFirst();
    if (!job.find && job.publication.notice.id <= 0) {
        finish(
            {PublishOutcome::Kind::Failed,
             {},
             QCoreApplication::translate("Vigie::WebDavTarget", "the notice has not been saved yet (it has no id)")});
        return;
    }
    if (!base.isValid() || (base.scheme() != "http"_L1 && base.scheme() != "https"_L1) || base.host().isEmpty()) {
        finish({PublishOutcome::Kind::NeedsAttention,
                {},
                QCoreApplication::translate("Vigie::WebDavTarget",
                                            "the status site's WebDAV address \"%1\" is not an http:// or https:// URL")
                    .arg(site.url)});
        return;
    }
    readSecret();
}

void WebDavTarget::Private::readSecret()
{
    if (site.auth.type == HttpAuthType::None) {
        send({Step::Verb::Get, QString(manifestName), {}});
        return;
    }
    const QString name = site.auth.secretName;
    secrets({name}).then(q, [this, name](const SecretStore::Lookup &lookup) {
        const auto secret = lookup.secrets.constFind(name);
        if (secret == lookup.secrets.cend()) {
            PublishOutcome outcome{PublishOutcome::Kind::NeedsAttention, {}, {}, true};
            outcome.message =
                lookup.error.isEmpty()
                    ? QCoreApplication::translate(
                          "Vigie::WebDavTarget",
                          "the secret \"%1\" is not in the keychain; add it with: vigie secret set %1")
                          .arg(name)
                    : QCoreApplication::translate("Vigie::WebDavTarget", "the keychain could not be read: %1")
                          .arg(lookup.error);
            finish(outcome);
            return;
        }
        Job &job = *jobs.constFirst();
        job.authorization =
            site.auth.type == HttpAuthType::Basic
                ? QByteArray("Basic " + QByteArray(site.auth.username.toUtf8() + ':' + *secret).toBase64())
                : QByteArray("Bearer " + *secret);
        send({Step::Verb::Get, QString(manifestName), {}});
    });
}

void WebDavTarget::Private::send(const Step &step)
{
    const Job &job = *jobs.constFirst();
    QNetworkRequest request(base.resolved(QUrl(step.path)));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Vigie/" VIGIE_VERSION));
    if (!job.authorization.isEmpty())
        request.setRawHeader("Authorization", job.authorization);
    if (step.verb == Step::Verb::Put)
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType(step.path));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    // Credentials go only where the site is: each redirect is checked before it is followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    if (base.scheme() == "https"_L1)
        request.setSslConfiguration(QSslConfiguration::defaultConfiguration()); // verifies the peer

    QNetworkReply *reply = nullptr;
    switch (step.verb) {
    case Step::Verb::Get:
        reply = network->get(request);
        break;
    case Step::Verb::Mkcol:
        reply = network->sendCustomRequest(request, "MKCOL");
        break;
    case Step::Verb::Put:
        reply = network->put(request, step.body);
        break;
    case Step::Verb::Delete:
        reply = network->deleteResource(request);
        break;
    }

    struct State
    {
        bool sent = false;
        bool timedOut = false;
        QUrl refusedRedirect;
    };
    auto state = std::make_shared<State>();
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    deadline->callOnTimeout(reply, [reply, state] {
        state->timedOut = true;
        reply->abort();
    });
    deadline->start(requestTimeout);
    const auto progress = [deadline, this] { deadline->start(requestTimeout); };
    connect(reply, &QNetworkReply::uploadProgress, deadline, progress);
    connect(reply, &QNetworkReply::downloadProgress, deadline, progress);
    connect(reply, &QNetworkReply::requestSent, reply, [state] { state->sent = true; });
    connect(reply, &QNetworkReply::redirected, reply, [this, reply, state](const QUrl &target) {
        if (sameOrigin(target, base)) {
            Q_EMIT reply->redirectAllowed();
            return;
        }
        state->refusedRedirect = target;
        reply->abort();
    });
    connect(reply, &QNetworkReply::finished, q, [this, reply, step, state] {
        reply->deleteLater();
        onReply(reply, step, state->sent, state->timedOut, state->refusedRedirect);
    });
}

PublishOutcome WebDavTarget::Private::where(const Step &step, PublishOutcome outcome) const
{
    outcome.message = QCoreApplication::translate("Vigie::WebDavTarget", "%1 %2: %3")
                          .arg(QString::fromLatin1(verbName(step.verb)),
                               base.resolved(QUrl(step.path)).toDisplayString(QUrl::RemoveUserInfo), outcome.message);
    return outcome;
}

void WebDavTarget::Private::onReply(QNetworkReply *reply, const Step &step, bool sent, bool timedOut,
                                    const QUrl &refusedRedirect)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const bool writes = step.verb != Step::Verb::Get;
    using Kind = PublishOutcome::Kind;

    StepResult result;
    if (!refusedRedirect.isEmpty()) {
        result = where(step, {Kind::NeedsAttention,
                              {},
                              QCoreApplication::translate(
                                  "Vigie::WebDavTarget",
                                  "the server redirects to %1, another origin; Vigie does not send credentials there")
                                  .arg(refusedRedirect.toDisplayString(QUrl::RemoveUserInfo))});
    } else if (timedOut) {
        const QString seconds = QString::number(double(requestTimeout.count()) / 1000.0);
        result = where(
            step, sent && writes
                      ? PublishOutcome{Kind::Ambiguous,
                                       {},
                                       QCoreApplication::translate("Vigie::WebDavTarget",
                                                                   "no answer %1 s after the request was sent")
                                           .arg(seconds)}
                      : PublishOutcome{
                            Kind::RetryLater,
                            {},
                            QCoreApplication::translate("Vigie::WebDavTarget", "timed out after %1 s").arg(seconds)});
    } else if (status == 401 || status == 403) {
        result = where(
            step, {Kind::NeedsAttention,
                   {},
                   QCoreApplication::translate("Vigie::WebDavTarget", "the server refused the credentials (HTTP %1)")
                       .arg(status),
                   true});
    } else if (status == 420 || status == 429 || status >= 500) {
        PublishOutcome outcome{Kind::RetryLater,
                               {},
                               QCoreApplication::translate("Vigie::WebDavTarget", "the server answered HTTP %1: %2")
                                   .arg(status)
                                   .arg(answerExcerpt(body, quotedChars))};
        bool ok = false;
        const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        outcome.retryAfter = ok && seconds >= 0 ? std::chrono::milliseconds(std::chrono::seconds(seconds))
                                                : std::chrono::milliseconds(defaultRetryAfter);
        result = where(step, outcome);
    } else if (status >= 200 && status < 300) {
        result = std::nullopt;
    } else if ((status == 404 && step.verb == Step::Verb::Delete) ||
               (status == 405 && step.verb == Step::Verb::Mkcol)) {
        result = std::nullopt; // already gone; already there
    } else if (status == 404 && step.verb == Step::Verb::Get) {
        result = std::nullopt; // no manifest yet: the first publication
    } else if (status >= 300) {
        result = where(step, {Kind::Failed,
                              {},
                              QCoreApplication::translate("Vigie::WebDavTarget", "the server answered HTTP %1: %2")
                                  .arg(status)
                                  .arg(answerExcerpt(body, quotedChars))});
    } else {
        // No HTTP answer.
        switch (reply->error()) {
        case QNetworkReply::SslHandshakeFailedError:
            result = where(step, {Kind::NeedsAttention,
                                  {},
                                  QCoreApplication::translate("Vigie::WebDavTarget", "the TLS handshake failed: %1")
                                      .arg(reply->errorString())});
            break;
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProxyTimeoutError:
            result = where(
                step,
                {Kind::RetryLater,
                 {},
                 QCoreApplication::translate("Vigie::WebDavTarget", "unreachable: %1").arg(reply->errorString())});
            break;
        default:
            result =
                where(step, sent && writes ? PublishOutcome{Kind::Ambiguous,
                                                            {},
                                                            QCoreApplication::translate(
                                                                "Vigie::WebDavTarget",
                                                                "the connection broke after the request was sent: %1")
                                                                .arg(reply->errorString())}
                                           : PublishOutcome{Kind::RetryLater, {}, reply->errorString()});
            break;
        }
    }

    if (result) {
        finish(*result);
        return;
    }
    if (step.verb == Step::Verb::Get) {
        onManifest(body, status != 404);
        return;
    }
    sendNextStep();
}

void WebDavTarget::Private::onManifest(const QByteArray &body, bool exists)
{
    Job &job = *jobs.constFirst();
    if (exists) {
        std::optional<Manifest> manifest = parseManifest(body);
        if (!manifest) {
            const PublishOutcome outcome{
                PublishOutcome::Kind::NeedsAttention,
                {},
                QCoreApplication::translate(
                    "Vigie::WebDavTarget",
                    "%1 on the status site is not a manifest Vigie wrote; remove it to publish the whole site again")
                    .arg(base.resolved(QUrl(QString(manifestName))).toDisplayString(QUrl::RemoveUserInfo))};
            finish(outcome);
            return;
        }
        job.remote = std::move(*manifest);
    }
    if (job.find) {
        finishFound(job.remote.outboxIds.contains(job.publication.outboxId)
                        ? std::optional<QString>(QString::number(job.publication.notice.id))
                        : std::nullopt);
        return;
    }

    // The site as it will be: what was published, with this notice as it is now.
    job.next.notices = job.remote.notices;
    const Notice &notice = job.publication.notice;
    const auto it = std::find_if(job.next.notices.begin(), job.next.notices.end(),
                                 [&notice](const Notice &n) { return n.id == notice.id; });
    if (it != job.next.notices.end())
        *it = notice;
    else
        job.next.notices.append(notice);
    std::sort(job.next.notices.begin(), job.next.notices.end(),
              [](const Notice &a, const Notice &b) { return a.id < b.id; });
    job.next.outboxIds = job.remote.outboxIds;
    job.next.outboxIds.removeAll(job.publication.outboxId);
    job.next.outboxIds.append(job.publication.outboxId);
    if (job.next.outboxIds.size() > rememberedOutboxIds)
        job.next.outboxIds.remove(0, job.next.outboxIds.size() - rememberedOutboxIds);

    StaticSiteInput input;
    input.siteId = site.id;
    input.title = title;
    input.siteUrl = site.siteUrl;
    input.timeZone = timeZone;
    input.components = staticSiteComponents(services, site, job.next.notices);
    input.notices = job.next.notices;
    // Rendering Markdown and hashing stay off the caller's thread.
    QtConcurrent::run([input] {
        return generateStaticSite(input);
    }).then(q, [this](const QMap<QString, QByteArray> &files) { onGenerated(files); });
}

void WebDavTarget::Private::onGenerated(const QMap<QString, QByteArray> &files)
{
    Job &job = *jobs.constFirst();
    QSet<QString> existingFolders;
    for (auto it = job.remote.files.cbegin(); it != job.remote.files.cend(); ++it)
        for (qsizetype slash = it.key().indexOf(u'/'); slash >= 0; slash = it.key().indexOf(u'/', slash + 1))
            existingFolders.insert(it.key().left(slash + 1));

    QStringList folders; // parents before children
    QList<Step> puts;
    std::optional<Step> index;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString hash = sha256(it.value());
        job.next.files.insert(it.key(), hash);
        if (job.remote.files.value(it.key()) == hash)
            continue;
        for (qsizetype slash = it.key().indexOf(u'/'); slash >= 0; slash = it.key().indexOf(u'/', slash + 1)) {
            const QString folder = it.key().left(slash + 1);
            if (!existingFolders.contains(folder) && !folders.contains(folder))
                folders.append(folder);
        }
        Step put{Step::Verb::Put, it.key(), it.value()};
        // The front page last: what it links to is there before it.
        if (it.key() == "index.html"_L1)
            index = put;
        else
            puts.append(put);
    }
    std::sort(folders.begin(), folders.end());
    for (const QString &folder : std::as_const(folders))
        job.steps.append({Step::Verb::Mkcol, folder, {}});
    job.steps.append(puts);
    if (index)
        job.steps.append(*index);
    for (auto it = job.remote.files.cbegin(); it != job.remote.files.cend(); ++it)
        if (!files.contains(it.key()))
            job.steps.append({Step::Verb::Delete, it.key(), {}});
    // The marker last: a publication cut short before it is sent again whole.
    job.steps.append({Step::Verb::Put, QString(manifestName), manifestBytes(job.next)});
    sendNextStep();
}

void WebDavTarget::Private::sendNextStep()
{
    Job &job = *jobs.constFirst();
    if (job.nextStep >= job.steps.size()) {
        finish({PublishOutcome::Kind::Published, QString::number(job.publication.notice.id), {}});
        return;
    }
    send(job.steps.at(job.nextStep++));
}

void WebDavTarget::Private::finish(const PublishOutcome &outcome)
{
    const std::shared_ptr<Job> job = jobs.takeFirst();
    if (job->find) {
        StatusTarget::Found found;
        found.error = outcome;
        job->found.addResult(found);
        job->found.finish();
    } else {
        job->published.addResult(outcome);
        job->published.finish();
    }
    startNext();
}

void WebDavTarget::Private::finishFound(const std::optional<QString> &remoteId)
{
    const std::shared_ptr<Job> job = jobs.takeFirst();
    StatusTarget::Found found;
    found.asked = true;
    found.remoteId = remoteId;
    job->found.addResult(found);
    job->found.finish();
    startNext();
}

WebDavTarget::WebDavTarget(const StatusSite &site, const Workspace &workspace, QObject *parent)
    : WebDavTarget(site, workspace, &SecretStore::read, parent)
{}

WebDavTarget::WebDavTarget(const StatusSite &site, const Workspace &workspace, SecretReader secrets, QObject *parent)
    : StatusTarget(parent)
    , d(std::make_unique<Private>(this, site, workspace, std::move(secrets)))
{}

WebDavTarget::~WebDavTarget() = default;

QString WebDavTarget::siteId() const
{
    return d->site.id;
}

QFuture<PublishOutcome> WebDavTarget::publish(const Publication &publication)
{
    auto job = std::make_shared<Job>();
    job->publication = publication;
    job->published.start();
    QFuture<PublishOutcome> future = job->published.future();
    d->enqueue(std::move(job));
    return future;
}

QFuture<StatusTarget::Found> WebDavTarget::findPublished(const Publication &publication)
{
    auto job = std::make_shared<Job>();
    job->find = true;
    job->publication = publication;
    job->found.start();
    QFuture<Found> future = job->found.future();
    d->enqueue(std::move(job));
    return future;
}

QFuture<PublicCopy> WebDavTarget::fetchPublic(const Publication &publication, const QString &remoteId)
{
    auto promise = std::make_shared<QPromise<PublicCopy>>();
    promise->start();
    QFuture<PublicCopy> future = promise->future();
    // What the public reads: the site's own address, without credentials.
    QUrl root(d->site.siteUrl.isEmpty() ? d->site.url : d->site.siteUrl);
    if (!root.path().endsWith(u'/'))
        root.setPath(root.path() + u'/');
    const bool incident = publication.notice.kind == NoticeKind::Incident;
    const QUrl url =
        root.resolved(QUrl(incident ? u"api/v2/incidents.json"_s : u"api/v2/scheduled-maintenances.json"_s));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Vigie/" VIGIE_VERSION));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(int(d->requestTimeout.count()));
    QNetworkReply *reply = d->network->get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, promise, url, remoteId, publication, this] {
        reply->deleteLater();
        PublicCopy copy;
        copy.noticeId = publication.notice.id;
        copy.siteId = d->site.id;
        copy.fetchedMs = QDateTime::currentMSecsSinceEpoch();
        copy.url = url.toDisplayString(QUrl::RemoveUserInfo);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject list = QJsonDocument::fromJson(reply->readAll()).object();
        const QJsonArray notices =
            list.value(publication.notice.kind == NoticeKind::Incident ? u"incidents" : u"scheduled_maintenances")
                .toArray();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            copy.error = tr("%1 could not be read: %2").arg(copy.url, reply->errorString());
        } else {
            copy.error = tr("%1 does not list the notice %2").arg(copy.url, remoteId);
            for (const QJsonValue &value : notices) {
                const QJsonObject notice = value.toObject();
                if (notice.value(u"id").toString() != remoteId)
                    continue;
                copy.error.clear();
                copy.title = notice.value(u"name").toString();
                copy.status = noticeStatusFromName(notice.value(u"status").toString()).value_or(copy.status);
                if (const QString link = notice.value(u"shortlink").toString(); !link.isEmpty())
                    copy.url = link;
                const QJsonArray updates = notice.value(u"incident_updates").toArray(); // newest first
                for (qsizetype i = updates.size() - 1; i >= 0; --i) {
                    const QJsonObject update = updates.at(i).toObject();
                    copy.updates.append({noticeStatusFromName(update.value(u"status").toString()).value_or(copy.status),
                                         update.value(u"body").toString().trimmed()});
                }
                break;
            }
        }
        promise->addResult(copy);
        promise->finish();
    });
    return future;
}

void WebDavTarget::setTimeZone(const QTimeZone &zone)
{
    d->timeZone = zone;
}

void WebDavTarget::setRequestTimeout(std::chrono::milliseconds timeout)
{
    d->requestTimeout = timeout;
}

} // namespace Vigie
