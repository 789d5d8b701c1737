#include "statuspagetarget.h"

#include "siteapiclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPromise>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

Q_LOGGING_CATEGORY(lcStatuspage, "vigie.notices.statuspage")

using Answer = SiteApiClient::Answer;

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODate);
}

qint64 updateKey(const NoticeUpdate &update, qsizetype index)
{
    return publicationUpdateKey(update, index);
}

const QRegularExpression &markerPattern()
{
    return publicationMarkerPattern();
}

QString errorOf(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QJsonValue error = object.value(u"error");
    if (error.isUndefined())
        error = object.value(u"message");
    if (error.isString())
        return error.toString();
    if (error.isArray()) {
        QStringList parts;
        for (const QJsonValue &part : error.toArray())
            parts.append(part.toString());
        return parts.join(u"; "_s);
    }
    return QString::fromUtf8(body.left(200)).simplified();
}

} // namespace

struct StatuspageTarget::Private
{
    Private(StatuspageTarget *owner, StatusSite statusSite)
        : site(std::move(statusSite))
        , api(site, apiOf(site), owner)
    {
        api.setRequestInterval(1s);
    }

    // Requests go under the page: /pages/ID/incidents. 420 is Statuspage's own "too many requests".
    static SiteApiClient::Api apiOf(const StatusSite &site)
    {
        QUrl base = SiteApiClient::trimmedUrl(site.url);
        base.setPath(base.path() + u"/pages/"_s + site.pageId);
        return {base, "Authorization"_ba, "OAuth "_ba, {420, 429}, errorOf, lcStatuspage};
    }

    StatusSite site;
    SiteApiClient api;

    QString componentId(const QString &serviceId) const
    {
        for (const auto &[service, component] : site.components)
            if (service == serviceId)
                return component;
        return {};
    }

    struct PublishJob
    {
        QPromise<PublishOutcome> promise;
        Publication publication;
        QString remoteId;
        QJsonObject remote;     // the incident as the site last showed it
        QList<qint64> sentKeys; // the updates the site has
    };
    using Job = std::shared_ptr<PublishJob>;

    void finish(const Job &job, PublishOutcome outcome)
    {
        if (outcome.remoteId.isEmpty())
            outcome.remoteId = job->remoteId;
        api.settle(job->promise, std::move(outcome), job->publication.outboxId);
    }

    QJsonObject metadata(const Job &job) const
    {
        QStringList keys;
        for (qint64 key : job->sentKeys)
            keys.append(QString::number(key));
        return QJsonObject{{u"vigie"_s, QJsonObject{{u"outbox_id"_s, job->publication.outboxId},
                                                    {u"notice_id"_s, job->publication.notice.id},
                                                    {u"updates"_s, keys.join(u',')}}}};
    }

    // The incident's fields that follow the notice as a whole.
    void addNoticeFields(const Job &job, QJsonObject &incident) const
    {
        const Notice &notice = job->publication.notice;
        incident.insert(u"name"_s, notice.title);
        incident.insert(u"impact_override"_s, noticeImpactName(notice.impact));
        if (notice.kind == NoticeKind::Maintenance && notice.window) {
            incident.insert(u"scheduled_for"_s, isoTime(notice.window->startMs));
            incident.insert(u"scheduled_until"_s, isoTime(notice.window->endMs));
        }
    }

    // The body of `update` with the marker of this entry, when it fits under the limit.
    QString bodyWithMarker(const Job &job, const NoticeUpdate &update, qint64 key) const
    {
        const QString marked = update.body + u"\n\n"_s + marker(job->publication.outboxId, key);
        return marked.size() <= maxBody ? marked : update.body;
    }

    QJsonObject updatePayload(const Job &job, qsizetype index, bool create) const
    {
        const Publication &publication = job->publication;
        const NoticeUpdate &update = publication.notice.updates.at(index);
        QJsonObject incident;
        addNoticeFields(job, incident);
        incident.insert(u"status"_s, noticeStatusName(update.status));
        incident.insert(u"body"_s, bodyWithMarker(job, update, updateKey(update, index)));
        incident.insert(u"deliver_notifications"_s, publication.deliverNotifications);
        if (!update.components.isEmpty()) {
            QJsonArray ids;
            QJsonObject statuses;
            for (const AffectedComponent &component : update.components) {
                const QString id = componentId(component.serviceId);
                if (id.isEmpty())
                    continue; // a service this site does not show
                ids.append(id);
                statuses.insert(id, componentStatusName(component.status));
            }
            incident.insert(u"component_ids"_s, ids);
            incident.insert(u"components"_s, statuses);
        }
        if (create && publication.notice.kind == NoticeKind::Maintenance) {
            // The notice's own updates move it along: Statuspage must not do it on its own too.
            incident.insert(u"scheduled_remind_prior"_s, publication.deliverNotifications);
            incident.insert(u"scheduled_auto_in_progress"_s, false);
            incident.insert(u"scheduled_auto_completed"_s, false);
        }
        incident.insert(u"metadata"_s, metadata(job));
        return QJsonObject{{u"incident"_s, incident}};
    }

    // The updates the site has, from its metadata and the markers of its updates' bodies.
    static QList<qint64> keysOnSite(const QJsonObject &incident)
    {
        QList<qint64> keys;
        const QString listed =
            incident.value(u"metadata").toObject().value(u"vigie").toObject().value(u"updates").toString();
        for (const QString &part : listed.split(u',', Qt::SkipEmptyParts))
            keys.append(part.toLongLong());
        for (const QJsonValue &update : incident.value(u"incident_updates").toArray())
            addPublicationUpdateKeys(update.toObject().value(u"body").toString(), keys);
        return keys;
    }

    void start(const Job &job)
    {
        const Notice &notice = job->publication.notice;
        PublishOutcome refusal;
        refusal.kind = PublishOutcome::Kind::Failed;
        if (notice.title.size() > maxTitle) {
            refusal.message =
                tr("the title has %1 characters; Statuspage accepts at most %2").arg(notice.title.size()).arg(maxTitle);
            return finish(job, refusal);
        }
        for (qsizetype i = 0; i < notice.updates.size(); ++i) {
            if (notice.updates.at(i).body.size() > maxBody) {
                refusal.message = tr("update %1 has %2 characters; Statuspage accepts at most %3")
                                      .arg(i + 1)
                                      .arg(notice.updates.at(i).body.size())
                                      .arg(maxBody);
                return finish(job, refusal);
            }
        }
        if (notice.updates.isEmpty()) {
            refusal.message = tr("the notice has no update to publish");
            return finish(job, refusal);
        }
        if (!api.hasToken())
            return finish(job, api.missingToken());
        if (job->remoteId.isEmpty())
            create(job);
        else
            read(job);
    }

    void create(const Job &job)
    {
        job->sentKeys = {updateKey(job->publication.notice.updates.first(), 0)};
        api.send({"POST", u"/incidents"_s, {}, updatePayload(job, 0, true), [this, job](const Answer &answer) {
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, true));
                      const QJsonObject incident = QJsonDocument::fromJson(answer.body).object();
                      const QString id = incident.value(u"id").toString();
                      if (id.isEmpty())
                          return finish(job, api.unexpected());
                      job->remoteId = id;
                      job->remote = incident;
                      next(job);
                  }});
    }

    void read(const Job &job)
    {
        api.send({"GET", u"/incidents/"_s + job->remoteId, {}, std::nullopt, [this, job](const Answer &answer) {
                      if (answer.status == 404) {
                          PublishOutcome out;
                          out.kind = PublishOutcome::Kind::NeedsAttention;
                          out.message = tr("the incident %1 is no longer on %2").arg(job->remoteId, api.where());
                          return finish(job, out);
                      }
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, false));
                      job->remote = QJsonDocument::fromJson(answer.body).object();
                      job->sentKeys = keysOnSite(job->remote);
                      next(job);
                  }});
    }

    // Sends the first update the site lacks; once it has them all, the notice's own fields, then
    // the postmortem.
    void next(const Job &job)
    {
        const QList<NoticeUpdate> &updates = job->publication.notice.updates;
        for (qsizetype i = 0; i < updates.size(); ++i) {
            const qint64 key = updateKey(updates.at(i), i);
            if (job->sentKeys.contains(key))
                continue;
            job->sentKeys.append(key);
            patch(job, updatePayload(job, i, false), [this, job] { next(job); });
            return;
        }
        QJsonObject fields;
        addNoticeFields(job, fields);
        QJsonObject changed;
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
            const QJsonValue current = job->remote.value(it.key());
            const bool same = it.key().startsWith(u"scheduled_"_s)
                                  ? QDateTime::fromString(current.toString(), Qt::ISODate) ==
                                        QDateTime::fromString(it.value().toString(), Qt::ISODate)
                                  : current == it.value();
            if (!same)
                changed.insert(it.key(), it.value());
        }
        if (!changed.isEmpty()) {
            changed.insert(u"metadata"_s, metadata(job));
            patch(job, QJsonObject{{u"incident"_s, changed}}, [this, job] { postmortem(job); });
            return;
        }
        postmortem(job);
    }

    void patch(const Job &job, const QJsonObject &payload, std::function<void()> then)
    {
        api.send({"PATCH",
                  u"/incidents/"_s + job->remoteId,
                  {},
                  payload,
                  [this, job, then = std::move(then)](const Answer &answer) {
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, true));
                      job->remote = QJsonDocument::fromJson(answer.body).object();
                      then();
                  }});
    }

    void postmortem(const Job &job)
    {
        const Notice &notice = job->publication.notice;
        PublishOutcome done;
        done.kind = PublishOutcome::Kind::Published;
        if (notice.kind != NoticeKind::Incident || notice.postmortem.isEmpty())
            return finish(job, done);
        const bool drafted = job->remote.value(u"postmortem_body").toString() == notice.postmortem;
        const bool published = !job->remote.value(u"postmortem_published_at").toString().isEmpty();
        const auto publish = [this, job, done] {
            const QJsonObject payload{
                {u"postmortem"_s, QJsonObject{{u"notify_subscribers"_s, job->publication.deliverNotifications},
                                              {u"notify_twitter"_s, false}}}};
            api.send({"PUT",
                      u"/incidents/%1/postmortem/publish"_s.arg(job->remoteId),
                      {},
                      payload,
                      [this, job, done](const Answer &answer) {
                          if (!answer.succeeded())
                              return finish(job, api.failure(answer, true));
                          finish(job, done);
                      }});
        };
        if (drafted && published)
            return finish(job, done);
        if (drafted)
            return publish();
        const QJsonObject payload{{u"postmortem"_s, QJsonObject{{u"body_draft"_s, notice.postmortem}}}};
        api.send({"PUT",
                  u"/incidents/%1/postmortem"_s.arg(job->remoteId),
                  {},
                  payload,
                  [this, job, publish](const Answer &answer) {
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, true));
                      publish();
                  }});
    }

    // findPublished: the page's incidents and maintenances, newest first, a hundred at a time.
    static constexpr int pageSize = 100;
    static constexpr int pagesSearched = 5;

    void search(std::shared_ptr<QPromise<Found>> promise, qint64 outboxId, int page)
    {
        QUrlQuery query;
        query.addQueryItem(u"limit"_s, QString::number(pageSize));
        query.addQueryItem(u"page"_s, QString::number(page));
        api.send({"GET", u"/incidents"_s, query, std::nullopt, [this, promise, outboxId, page](const Answer &answer) {
                      if (!answer.succeeded())
                          return api.searchFailed(*promise, outboxId, answer);
                      Found found;
                      const QJsonArray incidents = QJsonDocument::fromJson(answer.body).array();
                      const QString needle = u"vigie:outbox="_s + QString::number(outboxId) + u' ';
                      for (const QJsonValue &value : incidents) {
                          const QJsonObject incident = value.toObject();
                          const QJsonValue marked =
                              incident.value(u"metadata").toObject().value(u"vigie").toObject().value(u"outbox_id");
                          bool hit = marked.toInteger(-1) == outboxId || marked.toString() == QString::number(outboxId);
                          for (const QJsonValue &update : incident.value(u"incident_updates").toArray())
                              hit = hit || update.toObject().value(u"body").toString().contains(needle);
                          if (hit) {
                              found.asked = true;
                              found.remoteId = incident.value(u"id").toString();
                              promise->addResult(found);
                              promise->finish();
                              return;
                          }
                      }
                      if (incidents.size() < pageSize || page >= pagesSearched) {
                          found.asked = true;
                          promise->addResult(found);
                          promise->finish();
                          return;
                      }
                      search(promise, outboxId, page + 1);
                  }});
    }
};

StatuspageTarget::StatuspageTarget(StatusSite site, QObject *parent)
    : StatusTarget(parent)
    , d(std::make_unique<Private>(this, std::move(site)))
{}

StatuspageTarget::~StatuspageTarget() = default;

void StatuspageTarget::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    d->api.setSecrets(secrets);
}

void StatuspageTarget::setRequestInterval(std::chrono::milliseconds interval)
{
    d->api.setRequestInterval(interval);
}

void StatuspageTarget::setTimeout(std::chrono::milliseconds timeout)
{
    d->api.setTimeout(timeout);
}

QString StatuspageTarget::siteId() const
{
    return d->site.id;
}

QString StatuspageTarget::marker(qint64 outboxId, qint64 updateKey)
{
    return publicationMarker(outboxId, updateKey);
}

QFuture<PublishOutcome> StatuspageTarget::publish(const Publication &publication)
{
    auto job = std::make_shared<Private::PublishJob>();
    job->publication = publication;
    job->remoteId = publication.remoteId;
    job->promise.start();
    QFuture<PublishOutcome> future = job->promise.future();
    d->start(job);
    return future;
}

QFuture<PublicCopy> StatuspageTarget::fetchPublic(const Publication &publication, const QString &remoteId)
{
    auto promise = std::make_shared<QPromise<PublicCopy>>();
    promise->start();
    QFuture<PublicCopy> future = promise->future();
    PublicCopy copy;
    copy.noticeId = publication.notice.id;
    copy.siteId = d->site.id;
    if (!d->api.hasToken() || remoteId.isEmpty()) {
        copy.error = !d->api.hasToken() ? d->api.missingToken().message
                                        : tr("the notice has not been published to %1").arg(d->site.id);
        promise->addResult(copy);
        promise->finish();
        return future;
    }
    d->api.send(
        {"GET", u"/incidents/"_s + remoteId, {}, std::nullopt, [this, promise, copy](const Answer &answer) mutable {
             copy.fetchedMs = QDateTime::currentMSecsSinceEpoch();
             if (!answer.succeeded()) {
                 copy.error = answer.status == 404 ? tr("the incident is no longer on %1").arg(d->api.where())
                                                   : d->api.failure(answer, false).message;
             } else {
                 const QJsonObject incident = QJsonDocument::fromJson(answer.body).object();
                 copy.title = incident.value(u"name").toString();
                 copy.status = noticeStatusFromName(incident.value(u"status").toString()).value_or(copy.status);
                 copy.url = incident.value(u"shortlink").toString();
                 // Statuspage lists an incident's updates newest first.
                 const QJsonArray updates = incident.value(u"incident_updates").toArray();
                 for (qsizetype i = updates.size() - 1; i >= 0; --i) {
                     const QJsonObject update = updates.at(i).toObject();
                     PublicCopy::Update seen;
                     seen.status = noticeStatusFromName(update.value(u"status").toString()).value_or(copy.status);
                     seen.body = update.value(u"body").toString().remove(markerPattern()).trimmed();
                     copy.updates.append(seen);
                 }
             }
             promise->addResult(copy);
             promise->finish();
         }});
    return future;
}

QFuture<StatusTarget::Found> StatuspageTarget::findPublished(const Publication &publication)
{
    auto promise = std::make_shared<QPromise<Found>>();
    promise->start();
    QFuture<Found> future = promise->future();
    if (!d->api.hasToken()) {
        Found found;
        found.error = d->api.missingToken();
        promise->addResult(found);
        promise->finish();
        return future;
    }
    d->search(promise, publication.outboxId, 1);
    return future;
}

} // namespace Vigie
