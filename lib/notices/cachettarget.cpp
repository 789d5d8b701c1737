#include "cachettarget.h"

#include "siteapiclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPromise>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

Q_LOGGING_CATEGORY(lcCachet, "vigie.notices.cachet")

using Answer = SiteApiClient::Answer;

// Cachet's own words for a refusal: {"errors": [{"status", "title", "detail", "meta": {"details": [...]}}]},
// the validation messages in meta.details.
QString errorOf(const QByteArray &body)
{
    const QJsonArray errors = QJsonDocument::fromJson(body).object().value(u"errors").toArray();
    QStringList parts;
    for (const QJsonValue &value : errors) {
        const QJsonObject error = value.toObject();
        QStringList details;
        for (const QJsonValue &detail : error.value(u"meta").toObject().value(u"details").toArray())
            details.append(detail.toString());
        if (!details.isEmpty())
            parts.append(details.join(u' '));
        else if (!error.value(u"detail").toString().isEmpty())
            parts.append(error.value(u"detail").toString());
        else if (!error.value(u"title").toString().isEmpty())
            parts.append(error.value(u"title").toString());
    }
    if (!parts.isEmpty())
        return parts.join(u"; "_s);
    return QString::fromUtf8(body.left(200)).simplified();
}

// A JSON number or a numeric string (Cachet returns either, depending on the database).
int number(const QJsonValue &value, int fallback = -1)
{
    if (value.isDouble())
        return value.toInt(fallback);
    bool ok = false;
    const int n = value.toString().toInt(&ok);
    return ok ? n : fallback;
}

QString idOf(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return value.toString();
}

std::optional<NoticeStatus> fromIncidentStatus(int status)
{
    switch (status) {
    case 1:
        return NoticeStatus::Investigating;
    case 2:
        return NoticeStatus::Identified;
    case 3:
        return NoticeStatus::Monitoring;
    case 4:
        return NoticeStatus::Resolved;
    default:
        return std::nullopt;
    }
}

std::optional<NoticeStatus> fromScheduleStatus(int status)
{
    switch (status) {
    case 0:
        return NoticeStatus::Scheduled;
    case 1:
        return NoticeStatus::InProgress;
    case 2:
        return NoticeStatus::Completed;
    default:
        return std::nullopt;
    }
}

// Cachet reads "Y-m-d H:i".
QString cachetTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(u"yyyy-MM-dd HH:mm"_s);
}

QString unmarked(QString text)
{
    return text.remove(publicationMarkerPattern()).trimmed();
}

const QString schedulePrefix = u"schedule:"_s;

} // namespace

int CachetTarget::incidentStatus(NoticeStatus status)
{
    switch (status) {
    case NoticeStatus::Investigating:
        return 1;
    case NoticeStatus::Identified:
        return 2;
    case NoticeStatus::Monitoring:
        return 3;
    case NoticeStatus::Resolved:
        return 4;
    case NoticeStatus::Scheduled:
    case NoticeStatus::InProgress:
    case NoticeStatus::Verifying:
    case NoticeStatus::Completed:
        break; // a maintenance is a schedule
    }
    return 1;
}

int CachetTarget::scheduleStatus(NoticeStatus status)
{
    switch (status) {
    case NoticeStatus::InProgress:
    case NoticeStatus::Verifying:
        return 1;
    case NoticeStatus::Completed:
        return 2;
    default:
        return 0;
    }
}

int CachetTarget::componentStatus(ComponentStatus status)
{
    switch (status) {
    case ComponentStatus::Operational:
        return 1;
    case ComponentStatus::DegradedPerformance:
    case ComponentStatus::UnderMaintenance:
        return 2;
    case ComponentStatus::PartialOutage:
        return 3;
    case ComponentStatus::MajorOutage:
        return 4;
    }
    return 1;
}

struct CachetTarget::Private
{
    Private(CachetTarget *owner, StatusSite statusSite)
        : site(std::move(statusSite))
        , api(site, apiOf(site), owner)
    {}

    // Requests go under the API's base: a bare site address gets /api/v1 added. Cachet paces
    // nothing of its own accord; a 429 holds the token for its Retry-After.
    static SiteApiClient::Api apiOf(const StatusSite &site)
    {
        QUrl base = SiteApiClient::trimmedUrl(site.url);
        if (!base.path().endsWith(u"/api/v1"_s))
            base.setPath(base.path() + u"/api/v1"_s);
        return {base, "X-Cachet-Token"_ba, {}, {429}, errorOf, lcCachet};
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

    // The components the notice leaves in each state, in the order the site maps them.
    QList<std::pair<QString, int>> wantedComponents(const Notice &notice) const
    {
        QHash<QString, ComponentStatus> latest;
        for (const NoticeUpdate &update : notice.updates)
            for (const AffectedComponent &component : update.components)
                latest.insert(component.serviceId, component.status);
        for (const AffectedComponent &component : notice.components)
            latest.insert(component.serviceId, component.status);
        QList<std::pair<QString, int>> out;
        for (const auto &[service, component] : site.components)
            if (latest.contains(service))
                out.append({component, componentStatus(latest.value(service))});
        return out;
    }

    struct PublishJob
    {
        QPromise<PublishOutcome> promise;
        Publication publication;
        QString remoteId;
        QJsonObject remote;     // the incident or schedule as the site last showed it
        QList<qint64> sentKeys; // the updates the site has
        QList<std::pair<QString, int>> components;
    };
    using Job = std::shared_ptr<PublishJob>;

    void finish(const Job &job, PublishOutcome outcome)
    {
        if (outcome.remoteId.isEmpty())
            outcome.remoteId = job->remoteId;
        api.settle(job->promise, std::move(outcome), job->publication.outboxId);
    }

    QString withMarker(const Job &job, const QString &body, qint64 key) const
    {
        const QString marked = body + u"\n\n"_s + publicationMarker(job->publication.outboxId, key);
        return marked.toUtf8().size() <= maxBodyBytes ? marked : body;
    }

    void start(const Job &job)
    {
        const Notice &notice = job->publication.notice;
        PublishOutcome refusal;
        refusal.kind = PublishOutcome::Kind::Failed;
        if (notice.title.size() > maxTitle) {
            refusal.message =
                tr("the title has %1 characters; Cachet accepts at most %2").arg(notice.title.size()).arg(maxTitle);
            return finish(job, refusal);
        }
        for (qsizetype i = 0; i < notice.updates.size(); ++i) {
            const qsizetype bytes = notice.updates.at(i).body.toUtf8().size();
            if (bytes > maxBodyBytes) {
                refusal.message =
                    tr("update %1 takes %2 bytes; Cachet keeps at most %3").arg(i + 1).arg(bytes).arg(maxBodyBytes);
                return finish(job, refusal);
            }
        }
        if (notice.updates.isEmpty()) {
            refusal.message = tr("the notice has no update to publish");
            return finish(job, refusal);
        }
        if (!api.hasToken())
            return finish(job, api.missingToken());
        job->components = wantedComponents(notice);
        if (notice.kind == NoticeKind::Maintenance)
            return job->remoteId.isEmpty() ? writeSchedule(job, false) : readSchedule(job);
        if (job->remoteId.isEmpty())
            createIncident(job);
        else
            readIncident(job);
    }

    // Incidents.

    void createIncident(const Job &job)
    {
        const Notice &notice = job->publication.notice;
        const NoticeUpdate &first = notice.updates.first();
        const qint64 key = publicationUpdateKey(first, 0);
        QJsonObject payload{{u"name"_s, notice.title},
                            {u"message"_s, withMarker(job, first.body, key)},
                            {u"status"_s, incidentStatus(first.status)},
                            {u"visible"_s, 1},
                            {u"notify"_s, job->publication.deliverNotifications}};
        for (const AffectedComponent &component : first.components) {
            const QString id = componentId(component.serviceId);
            if (id.isEmpty())
                continue;
            // Cachet links an incident to one component.
            payload.insert(u"component_id"_s, id.toLongLong());
            payload.insert(u"component_status"_s, componentStatus(component.status));
            break;
        }
        api.send({"POST", u"/incidents"_s, {}, payload, [this, job, key](const Answer &answer) {
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, true));
                      const QJsonObject incident =
                          QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
                      const QString id = idOf(incident.value(u"id"));
                      if (id.isEmpty())
                          return finish(job, api.unexpected());
                      job->remoteId = id;
                      job->remote = incident;
                      job->sentKeys = {key};
                      nextUpdate(job);
                  }});
    }

    void readIncident(const Job &job)
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
                      job->remote = QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
                      // The incident's own message is the notice's first update, marked or not.
                      job->sentKeys = {publicationUpdateKey(job->publication.notice.updates.first(), 0)};
                      addPublicationUpdateKeys(job->remote.value(u"message").toString(), job->sentKeys);
                      readUpdates(job, 1);
                  }});
    }

    static constexpr int updatesPerPage = 100;

    void readUpdates(const Job &job, int page)
    {
        QUrlQuery query;
        query.addQueryItem(u"per_page"_s, QString::number(updatesPerPage));
        query.addQueryItem(u"page"_s, QString::number(page));
        api.send({"GET", u"/incidents/%1/updates"_s.arg(job->remoteId), query, std::nullopt,
                  [this, job, page](const Answer &answer) {
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, false));
                      const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
                      for (const QJsonValue &update : object.value(u"data").toArray())
                          addPublicationUpdateKeys(update.toObject().value(u"message").toString(), job->sentKeys);
                      const QJsonObject pagination = object.value(u"meta").toObject().value(u"pagination").toObject();
                      if (page < number(pagination.value(u"total_pages"), 1) && page < 50)
                          return readUpdates(job, page + 1);
                      nextUpdate(job);
                  }});
    }

    // Sends the first update the site lacks; once it has them all, the title, then the components.
    void nextUpdate(const Job &job)
    {
        const QList<NoticeUpdate> &updates = job->publication.notice.updates;
        for (qsizetype i = 0; i < updates.size(); ++i) {
            const qint64 key = publicationUpdateKey(updates.at(i), i);
            if (job->sentKeys.contains(key))
                continue;
            const QJsonObject payload{{u"status"_s, incidentStatus(updates.at(i).status)},
                                      {u"message"_s, withMarker(job, updates.at(i).body, key)}};
            api.send({"POST",
                      u"/incidents/%1/updates"_s.arg(job->remoteId),
                      {},
                      payload,
                      [this, job, key, status = payload.value(u"status")](const Answer &answer) {
                          if (!answer.succeeded())
                              return finish(job, api.failure(answer, true));
                          job->sentKeys.append(key);
                          job->remote.insert(u"status"_s, status); // an update moves the incident's status
                          nextUpdate(job);
                      }});
            return;
        }
        const Notice &notice = job->publication.notice;
        const int status = incidentStatus(notice.updates.last().status);
        if (job->remote.value(u"name").toString() == notice.title && number(job->remote.value(u"status")) == status)
            return nextComponent(job, 0);
        // A new title (or a status the updates did not carry): the incident itself, without a new update.
        const QJsonObject payload{
            {u"name"_s, notice.title}, {u"status"_s, status}, {u"visible"_s, 1}, {u"notify"_s, false}};
        api.send({"PUT", u"/incidents/"_s + job->remoteId, {}, payload, [this, job](const Answer &answer) {
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, true));
                      job->remote = QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
                      nextComponent(job, 0);
                  }});
    }

    // Components: each set to what the notice says, when the site shows otherwise.
    void nextComponent(const Job &job, qsizetype index)
    {
        if (index >= job->components.size()) {
            PublishOutcome done;
            done.kind = PublishOutcome::Kind::Published;
            return finish(job, done);
        }
        const auto [id, status] = job->components.at(index);
        api.send(
            {"GET", u"/components/"_s + id, {}, std::nullopt, [this, job, index, id, status](const Answer &answer) {
                 if (answer.status == 404) {
                     PublishOutcome out;
                     out.kind = PublishOutcome::Kind::NeedsAttention;
                     out.message = tr("%1 has no component %2; check the site's 'components'").arg(api.where(), id);
                     return finish(job, out);
                 }
                 if (!answer.succeeded())
                     return finish(job, api.failure(answer, false));
                 const QJsonObject component = QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
                 if (number(component.value(u"status")) == status)
                     return nextComponent(job, index + 1);
                 api.send({"PUT",
                           u"/components/"_s + id,
                           {},
                           QJsonObject{{u"status"_s, status}},
                           [this, job, index](const Answer &put) {
                               if (!put.succeeded())
                                   return finish(job, api.failure(put, true));
                               nextComponent(job, index + 1);
                           }});
             }});
    }

    // Schedules (maintenance): one message, the latest update's, rewritten whole by each PUT.

    QJsonObject schedulePayload(const Job &job) const
    {
        const Notice &notice = job->publication.notice;
        const qsizetype last = notice.updates.size() - 1;
        const NoticeUpdate &latest = notice.updates.at(last);
        QJsonObject payload{{u"name"_s, notice.title},
                            {u"message"_s, withMarker(job, latest.body, publicationUpdateKey(latest, last))},
                            {u"status"_s, scheduleStatus(latest.status)},
                            {u"notify"_s, job->publication.deliverNotifications}};
        const qint64 start = notice.window ? notice.window->startMs : notice.updates.first().timestampMs;
        payload.insert(u"scheduled_at"_s, cachetTime(start));
        if (notice.window)
            payload.insert(u"completed_at"_s, cachetTime(notice.window->endMs));
        return payload;
    }

    void readSchedule(const Job &job)
    {
        const QString id = job->remoteId.mid(schedulePrefix.size());
        api.send({"GET", u"/schedules/"_s + id, {}, std::nullopt, [this, job](const Answer &answer) {
                      if (answer.status == 404) {
                          PublishOutcome out;
                          out.kind = PublishOutcome::Kind::NeedsAttention;
                          out.message = tr("the maintenance %1 is no longer on %2").arg(job->remoteId, api.where());
                          return finish(job, out);
                      }
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, false));
                      job->remote = QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
                      const QJsonObject wanted = schedulePayload(job);
                      const auto minutes = [](const QJsonValue &value) { return value.toString().left(16); };
                      const bool same =
                          job->remote.value(u"name").toString() == wanted.value(u"name").toString() &&
                          unmarked(job->remote.value(u"message").toString()) ==
                              unmarked(wanted.value(u"message").toString()) &&
                          number(job->remote.value(u"status")) == wanted.value(u"status").toInt() &&
                          minutes(job->remote.value(u"scheduled_at")) == minutes(wanted.value(u"scheduled_at")) &&
                          minutes(job->remote.value(u"completed_at")) == minutes(wanted.value(u"completed_at"));
                      if (same)
                          return nextComponent(job, 0);
                      writeSchedule(job, true);
                  }});
    }

    void writeSchedule(const Job &job, bool existing)
    {
        const QString path = existing ? u"/schedules/"_s + job->remoteId.mid(schedulePrefix.size()) : u"/schedules"_s;
        api.send({existing ? "PUT" : "POST", path, {}, schedulePayload(job), [this, job](const Answer &answer) {
                      if (!answer.succeeded())
                          return finish(job, api.failure(answer, true));
                      const QJsonObject schedule =
                          QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
                      const QString id = idOf(schedule.value(u"id"));
                      if (id.isEmpty())
                          return finish(job, api.unexpected());
                      job->remoteId = schedulePrefix + id;
                      job->remote = schedule;
                      nextComponent(job, 0);
                  }});
    }

    // findPublished: the newest incidents (or schedules) first, fifty at a time, five pages at most.
    static constexpr int searchPageSize = 50;
    static constexpr int pagesSearched = 5;

    void answerFound(const std::shared_ptr<QPromise<Found>> &promise, const Found &found)
    {
        promise->addResult(found);
        promise->finish();
    }

    void search(std::shared_ptr<QPromise<Found>> promise, qint64 outboxId, bool schedules, int page)
    {
        QUrlQuery query;
        query.addQueryItem(u"sort"_s, u"id"_s);
        query.addQueryItem(u"order"_s, u"desc"_s);
        query.addQueryItem(u"per_page"_s, QString::number(searchPageSize));
        query.addQueryItem(u"page"_s, QString::number(page));
        const QString path = schedules ? u"/schedules"_s : u"/incidents"_s;
        api.send({"GET", path, query, std::nullopt, [this, promise, outboxId, schedules, page](const Answer &answer) {
                      if (!answer.succeeded())
                          return api.searchFailed(*promise, outboxId, answer);
                      const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
                      const QString needle = u"vigie:outbox="_s + QString::number(outboxId) + u' ';
                      for (const QJsonValue &value : object.value(u"data").toArray()) {
                          const QJsonObject item = value.toObject();
                          bool hit = item.value(u"message").toString().contains(needle);
                          for (const QJsonValue &update : item.value(u"updates").toArray())
                              hit = hit || update.toObject().value(u"message").toString().contains(needle);
                          if (hit) {
                              Found found;
                              found.asked = true;
                              found.remoteId = (schedules ? schedulePrefix : QString()) + idOf(item.value(u"id"));
                              return answerFound(promise, found);
                          }
                      }
                      const QJsonObject pagination = object.value(u"meta").toObject().value(u"pagination").toObject();
                      if (page >= number(pagination.value(u"total_pages"), 1) || page >= pagesSearched) {
                          Found found;
                          found.asked = true;
                          return answerFound(promise, found);
                      }
                      search(promise, outboxId, schedules, page + 1);
                  }});
    }

    // An incident already known: its message and updates.
    void searchIncident(std::shared_ptr<QPromise<Found>> promise, qint64 outboxId, const QString &remoteId, int page)
    {
        const QString needle = u"vigie:outbox="_s + QString::number(outboxId) + u' ';
        if (page == 0) {
            api.send({"GET",
                      u"/incidents/"_s + remoteId,
                      {},
                      std::nullopt,
                      [this, promise, outboxId, remoteId, needle](const Answer &answer) {
                          if (answer.status == 404) {
                              Found found;
                              found.asked = true;
                              return answerFound(promise, found);
                          }
                          if (!answer.succeeded())
                              return api.searchFailed(*promise, outboxId, answer);
                          const QJsonObject incident =
                              QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
                          if (incident.value(u"message").toString().contains(needle)) {
                              Found found;
                              found.asked = true;
                              found.remoteId = remoteId;
                              return answerFound(promise, found);
                          }
                          searchIncident(promise, outboxId, remoteId, 1);
                      }});
            return;
        }
        QUrlQuery query;
        query.addQueryItem(u"per_page"_s, QString::number(updatesPerPage));
        query.addQueryItem(u"page"_s, QString::number(page));
        api.send({"GET", u"/incidents/%1/updates"_s.arg(remoteId), query, std::nullopt,
                  [this, promise, outboxId, remoteId, needle, page](const Answer &answer) {
                      if (!answer.succeeded())
                          return api.searchFailed(*promise, outboxId, answer);
                      const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
                      Found found;
                      found.asked = true;
                      for (const QJsonValue &update : object.value(u"data").toArray()) {
                          if (update.toObject().value(u"message").toString().contains(needle)) {
                              found.remoteId = remoteId;
                              return answerFound(promise, found);
                          }
                      }
                      const QJsonObject pagination = object.value(u"meta").toObject().value(u"pagination").toObject();
                      if (page < number(pagination.value(u"total_pages"), 1) && page < 50)
                          return searchIncident(promise, outboxId, remoteId, page + 1);
                      answerFound(promise, found);
                  }});
    }
};

CachetTarget::CachetTarget(StatusSite site, QObject *parent)
    : StatusTarget(parent)
    , d(std::make_unique<Private>(this, std::move(site)))
{}

CachetTarget::~CachetTarget() = default;

void CachetTarget::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    d->api.setSecrets(secrets);
}

void CachetTarget::setTimeout(std::chrono::milliseconds timeout)
{
    d->api.setTimeout(timeout);
}

QString CachetTarget::siteId() const
{
    return d->site.id;
}

QFuture<PublishOutcome> CachetTarget::publish(const Publication &publication)
{
    auto job = std::make_shared<Private::PublishJob>();
    job->publication = publication;
    job->remoteId = publication.remoteId;
    job->promise.start();
    QFuture<PublishOutcome> future = job->promise.future();
    d->start(job);
    return future;
}

QFuture<StatusTarget::Found> CachetTarget::findPublished(const Publication &publication)
{
    auto promise = std::make_shared<QPromise<Found>>();
    promise->start();
    QFuture<Found> future = promise->future();
    if (!d->api.hasToken()) {
        Found found;
        found.error = d->api.missingToken();
        d->answerFound(promise, found);
        return future;
    }
    const bool schedule =
        publication.notice.kind == NoticeKind::Maintenance || publication.remoteId.startsWith(schedulePrefix);
    if (!schedule && !publication.remoteId.isEmpty())
        d->searchIncident(promise, publication.outboxId, publication.remoteId, 0);
    else
        d->search(promise, publication.outboxId, schedule, 1);
    return future;
}

QFuture<PublicCopy> CachetTarget::fetchPublic(const Publication &publication, const QString &remoteId)
{
    auto promise = std::make_shared<QPromise<PublicCopy>>();
    promise->start();
    QFuture<PublicCopy> future = promise->future();
    PublicCopy copy;
    copy.noticeId = publication.notice.id;
    copy.siteId = d->site.id;
    const auto done = [promise](const PublicCopy &result) {
        promise->addResult(result);
        promise->finish();
    };
    if (!d->api.hasToken() || remoteId.isEmpty()) {
        copy.error = !d->api.hasToken() ? d->api.missingToken().message
                                        : tr("the notice has not been published to %1").arg(d->site.id);
        done(copy);
        return future;
    }
    const QUrl site = [this] {
        QUrl url = SiteApiClient::trimmedUrl(d->site.url);
        if (url.path().endsWith(u"/api/v1"_s))
            url.setPath(url.path().chopped(7));
        return url;
    }();
    const auto failed = [this, done](PublicCopy partial, const Answer &answer, const QString &gone) {
        partial.error = answer.status == 404 ? gone.arg(d->api.where()) : d->api.failure(answer, false).message;
        done(partial);
    };
    if (remoteId.startsWith(schedulePrefix)) {
        const QString id = remoteId.mid(schedulePrefix.size());
        d->api.send({"GET", u"/schedules/"_s + id, {}, std::nullopt, [=, this](const Answer &answer) mutable {
                         copy.fetchedMs = QDateTime::currentMSecsSinceEpoch();
                         if (!answer.succeeded())
                             return failed(copy, answer, tr("the maintenance is no longer on %1"));
                         const QJsonObject schedule =
                             QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
                         copy.title = schedule.value(u"name").toString();
                         copy.status = fromScheduleStatus(number(schedule.value(u"status"))).value_or(copy.status);
                         copy.url = site.toString() + u"/schedules/"_s + id;
                         // A schedule has one message: the latest update.
                         copy.updates.append({copy.status, unmarked(schedule.value(u"message").toString())});
                         done(copy);
                     }});
        return future;
    }
    d->api.send(
        {"GET", u"/incidents/"_s + remoteId, {}, std::nullopt, [=, this](const Answer &answer) mutable {
             copy.fetchedMs = QDateTime::currentMSecsSinceEpoch();
             if (!answer.succeeded())
                 return failed(copy, answer, tr("the incident is no longer on %1"));
             const QJsonObject incident = QJsonDocument::fromJson(answer.body).object().value(u"data").toObject();
             copy.title = incident.value(u"name").toString();
             copy.status = fromIncidentStatus(number(incident.value(u"status"))).value_or(copy.status);
             copy.url = incident.value(u"permalink").toString();
             if (copy.url.isEmpty())
                 copy.url = site.toString() + u"/incidents/"_s + remoteId;
             // Cachet keeps no status of its own for the incident's message (each update moves the
             // incident's): it is shown as the notice's first update says.
             const NoticeStatus first =
                 publication.notice.updates.isEmpty() ? copy.status : publication.notice.updates.first().status;
             copy.updates.append({first, unmarked(incident.value(u"message").toString())});
             QUrlQuery query;
             query.addQueryItem(u"per_page"_s, QString::number(Private::updatesPerPage));
             d->api.send({"GET", u"/incidents/%1/updates"_s.arg(remoteId), query, std::nullopt,
                          [=](const Answer &updates) mutable {
                              if (!updates.succeeded())
                                  return failed(copy, updates, tr("the incident is no longer on %1"));
                              // Newest first.
                              const QJsonArray list =
                                  QJsonDocument::fromJson(updates.body).object().value(u"data").toArray();
                              for (qsizetype i = list.size() - 1; i >= 0; --i) {
                                  const QJsonObject update = list.at(i).toObject();
                                  copy.updates.append(
                                      {fromIncidentStatus(number(update.value(u"status"))).value_or(copy.status),
                                       unmarked(update.value(u"message").toString())});
                              }
                              done(copy);
                          }});
         }});
    return future;
}

} // namespace Vigie
