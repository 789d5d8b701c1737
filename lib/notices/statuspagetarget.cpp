#include "statuspagetarget.h"

#include "httponce.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QPromise>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <deque>
#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

Q_LOGGING_CATEGORY(lcStatuspage, "vigie.notices.statuspage")

using SteadyClock = std::chrono::steady_clock;

// When the next request with a token may leave, whichever target sends it (two sites may share an
// account's token). Keyed by a hash of the token: the token itself is kept nowhere else.
struct Pacer
{
    QMutex mutex;
    QHash<QByteArray, SteadyClock::time_point> next;
};

Pacer &pacer()
{
    static Pacer instance;
    return instance;
}

// Takes the next slot of `key`; returns how long to wait for it.
std::chrono::milliseconds reserveSlot(const QByteArray &key, std::chrono::milliseconds interval)
{
    Pacer &p = pacer();
    const QMutexLocker lock(&p.mutex);
    const auto now = SteadyClock::now();
    const auto slot = std::max(now, p.next.value(key, now));
    p.next.insert(key, slot + interval);
    return std::chrono::ceil<std::chrono::milliseconds>(slot - now);
}

// Holds every request of `key` for `duration` from now (after an answer, and after a 420 or 429).
void holdToken(const QByteArray &key, std::chrono::milliseconds duration)
{
    Pacer &p = pacer();
    const QMutexLocker lock(&p.mutex);
    const auto until = SteadyClock::now() + duration;
    p.next.insert(key, std::max(until, p.next.value(key, until)));
}

// What came back for one request.
struct Answer
{
    int status = 0; // 0: no HTTP answer
    QByteArray body;
    QString errorText;
    bool tlsFailed = false;
    bool sent = false; // every byte of the request went out
    bool timedOut = false;
    std::chrono::milliseconds retryAfter{0};
};

// Retry-After: a number of seconds, or an HTTP date.
std::chrono::milliseconds parseRetryAfter(const QByteArray &value)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok && seconds >= 0)
        return std::chrono::seconds(seconds);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    if (at.isValid())
        return std::chrono::milliseconds(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at)));
    return 0ms;
}

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
    StatuspageTarget *q = nullptr;
    StatusSite site;
    QByteArray token;
    std::chrono::milliseconds interval = 1s;
    std::chrono::milliseconds timeout = 30s;
    QFuture<HttpAnswer> inFlight; // cancelled when the target goes

    struct Call
    {
        QByteArray method;
        QString path; // under the page: "/incidents"
        QUrlQuery query;
        std::optional<QJsonObject> body;
        std::function<void(const Answer &)> done;
    };
    std::deque<Call> queue;
    bool busy = false;
    QTimer pace;

    QString where() const
    {
        const QUrl url(site.url);
        return url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
    }
    QByteArray tokenKey() const { return QCryptographicHash::hash(token, QCryptographicHash::Sha256); }

    // A message with the token taken out, wherever it came from.
    QString scrub(QString text) const
    {
        if (token.size() >= 4) {
            text.replace(QString::fromUtf8(token), u"[token]"_s);
            text.replace(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(token))), u"[token]"_s);
        }
        return text;
    }

    void enqueue(Call call)
    {
        queue.push_back(std::move(call));
        pump();
    }

    void pump()
    {
        if (busy || queue.empty() || pace.isActive())
            return;
        const std::chrono::milliseconds wait = reserveSlot(tokenKey(), interval);
        if (wait > 0ms) {
            // The slot is ours: whoever comes next waits behind it.
            pace.start(wait);
            return;
        }
        dispatch();
    }

    void dispatch()
    {
        Call call = std::move(queue.front());
        queue.pop_front();
        busy = true;

        QUrl url(site.url);
        QString base = url.path();
        while (base.endsWith(u'/'))
            base.chop(1);
        url.setPath(base + u"/pages/"_s + site.pageId + call.path);
        if (!call.query.isEmpty())
            url.setQuery(call.query);
        HttpCall request;
        request.method = call.method;
        request.url = url;
        request.timeout = timeout;
        request.headers = {{"Accept"_ba, "application/json"_ba}, {"Authorization"_ba, "OAuth " + token}};
        if (call.body) {
            request.headers.append({"Content-Type"_ba, "application/json"_ba});
            request.body = QJsonDocument(*call.body).toJson(QJsonDocument::Compact);
        }
        // Sent once: a write whose answer is lost is for the marker to find, never repeated here.
        // The continuation may run at once, inside then(), when the answer is already there (a refused
        // connection): it is attached to a copy, never to the member it resets.
        QFuture<HttpAnswer> sending = sendOnce(std::move(request));
        inFlight = sending;
        const QByteArray method = call.method;
        const QString path = call.path;
        sending.then(q, [this, method, path, done = std::move(call.done)](const HttpAnswer &http) {
            inFlight = {};
            Answer answer;
            answer.status = http.status;
            answer.body = http.body;
            answer.errorText = scrub(http.error);
            answer.sent = http.sent;
            answer.timedOut = http.timedOut;
            answer.tlsFailed = http.tlsFailed;
            // The site counts a request when it arrives, which this side does not see: the next
            // one leaves an interval after this one's answer, which came after it arrived.
            holdToken(tokenKey(), interval);
            if (answer.status == 420 || answer.status == 429) {
                answer.retryAfter = std::max(parseRetryAfter(http.retryAfter), std::chrono::milliseconds(interval));
                holdToken(tokenKey(), answer.retryAfter);
            } else if (answer.status >= 500) {
                answer.retryAfter = parseRetryAfter(http.retryAfter);
            }
            qCDebug(lcStatuspage).noquote()
                << method << path << "->" << answer.status << (answer.timedOut ? "timeout" : "");
            busy = false;
            done(answer);
            pump();
        });
    }

    // How a failed request ends the publication. `write`: it may have changed the page.
    PublishOutcome failure(const Answer &answer, bool write) const
    {
        PublishOutcome out;
        const QString host = where();
        if (answer.timedOut) {
            out.kind = write && answer.sent ? PublishOutcome::Kind::Ambiguous : PublishOutcome::Kind::RetryLater;
            const QString seconds = QString::number(double(timeout.count()) / 1000.0);
            out.message =
                write && answer.sent
                    ? tr("no answer from %1 within %2 s; the request may have been applied").arg(host, seconds)
                    : tr("no answer from %1 within %2 s").arg(host, seconds);
        } else if (answer.status == 401 || answer.status == 403) {
            out.kind = PublishOutcome::Kind::NeedsAttention;
            out.credentials = true;
            out.message =
                tr("%1 refused the token (HTTP %2): %3").arg(host).arg(answer.status).arg(scrub(errorOf(answer.body)));
        } else if (answer.status == 420 || answer.status == 429) {
            out.kind = PublishOutcome::Kind::RetryLater;
            out.retryAfter = answer.retryAfter;
            out.message = tr("%1 limits the rate of requests (HTTP %2); trying again in %3 s")
                              .arg(host)
                              .arg(answer.status)
                              .arg((answer.retryAfter.count() + 999) / 1000);
        } else if (answer.status >= 500) {
            out.kind = PublishOutcome::Kind::RetryLater;
            out.retryAfter = answer.retryAfter;
            out.message = tr("%1 failed (HTTP %2): %3").arg(host).arg(answer.status).arg(scrub(errorOf(answer.body)));
        } else if (answer.status >= 400) {
            out.kind = PublishOutcome::Kind::Failed;
            out.message = tr("%1 refused the request (HTTP %2): %3")
                              .arg(host)
                              .arg(answer.status)
                              .arg(scrub(errorOf(answer.body)));
        } else if (answer.status >= 300) {
            out.kind = PublishOutcome::Kind::NeedsAttention;
            out.message =
                tr("%1 redirected the request to another address; Vigie does not send the token there").arg(host);
        } else if (answer.tlsFailed) {
            out.kind = PublishOutcome::Kind::NeedsAttention;
            out.message = tr("the TLS connection to %1 failed: %2").arg(host, answer.errorText);
        } else if (write && answer.sent) {
            out.kind = PublishOutcome::Kind::Ambiguous;
            out.message = tr("the connection to %1 broke after the request was sent (%2); it may have been applied")
                              .arg(host, answer.errorText);
        } else {
            out.kind = PublishOutcome::Kind::RetryLater;
            out.message = tr("%1 could not be reached: %2").arg(host, answer.errorText);
        }
        return out;
    }

    bool succeeded(const Answer &answer) const
    {
        return !answer.timedOut && answer.status >= 200 && answer.status < 300;
    }

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
        outcome.message = scrub(outcome.message);
        if (outcome.kind != PublishOutcome::Kind::Published)
            qCInfo(lcStatuspage).noquote()
                << "site" << site.id << "outbox entry" << job->publication.outboxId << ":" << outcome.message;
        job->promise.addResult(outcome);
        job->promise.finish();
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
        for (const QJsonValue &update : incident.value(u"incident_updates").toArray()) {
            auto match = markerPattern().globalMatch(update.toObject().value(u"body").toString());
            while (match.hasNext()) {
                const qint64 key = match.next().captured(2).toLongLong();
                if (!keys.contains(key))
                    keys.append(key);
            }
        }
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
        if (token.isEmpty()) {
            PublishOutcome missing;
            missing.kind = PublishOutcome::Kind::NeedsAttention;
            missing.credentials = true;
            missing.message =
                tr("the system keychain has no secret '%1' for the token of %2").arg(site.tokenSecret, site.id);
            return finish(job, missing);
        }
        if (job->remoteId.isEmpty())
            create(job);
        else
            read(job);
    }

    void create(const Job &job)
    {
        job->sentKeys = {updateKey(job->publication.notice.updates.first(), 0)};
        enqueue({"POST", u"/incidents"_s, {}, updatePayload(job, 0, true), [this, job](const Answer &answer) {
                     if (!succeeded(answer))
                         return finish(job, failure(answer, true));
                     const QJsonObject incident = QJsonDocument::fromJson(answer.body).object();
                     const QString id = incident.value(u"id").toString();
                     if (id.isEmpty()) {
                         PublishOutcome out;
                         out.kind = PublishOutcome::Kind::Ambiguous;
                         out.message = tr("%1 did not answer as the Statuspage API does; the request may have been "
                                          "applied")
                                           .arg(where());
                         return finish(job, out);
                     }
                     job->remoteId = id;
                     job->remote = incident;
                     next(job);
                 }});
    }

    void read(const Job &job)
    {
        enqueue({"GET", u"/incidents/"_s + job->remoteId, {}, std::nullopt, [this, job](const Answer &answer) {
                     if (answer.status == 404) {
                         PublishOutcome out;
                         out.kind = PublishOutcome::Kind::NeedsAttention;
                         out.message = tr("the incident %1 is no longer on %2").arg(job->remoteId, where());
                         return finish(job, out);
                     }
                     if (!succeeded(answer))
                         return finish(job, failure(answer, false));
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
        enqueue({"PATCH",
                 u"/incidents/"_s + job->remoteId,
                 {},
                 payload,
                 [this, job, then = std::move(then)](const Answer &answer) {
                     if (!succeeded(answer))
                         return finish(job, failure(answer, true));
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
            enqueue({"PUT",
                     u"/incidents/%1/postmortem/publish"_s.arg(job->remoteId),
                     {},
                     payload,
                     [this, job, done](const Answer &answer) {
                         if (!succeeded(answer))
                             return finish(job, failure(answer, true));
                         finish(job, done);
                     }});
        };
        if (drafted && published)
            return finish(job, done);
        if (drafted)
            return publish();
        const QJsonObject payload{{u"postmortem"_s, QJsonObject{{u"body_draft"_s, notice.postmortem}}}};
        enqueue({"PUT",
                 u"/incidents/%1/postmortem"_s.arg(job->remoteId),
                 {},
                 payload,
                 [this, job, publish](const Answer &answer) {
                     if (!succeeded(answer))
                         return finish(job, failure(answer, true));
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
        enqueue({"GET", u"/incidents"_s, query, std::nullopt, [this, promise, outboxId, page](const Answer &answer) {
                     Found found;
                     if (!succeeded(answer)) {
                         found.error = failure(answer, false);
                         qCInfo(lcStatuspage).noquote() << "site" << site.id << "search for outbox entry" << outboxId
                                                        << ":" << found.error.message;
                         promise->addResult(found);
                         promise->finish();
                         return;
                     }
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
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->site = std::move(site);
    d->pace.setSingleShot(true);
    d->pace.setTimerType(Qt::PreciseTimer); // never early: the site counts to the millisecond
    connect(&d->pace, &QTimer::timeout, this, [this] {
        if (!d->busy && !d->queue.empty())
            d->dispatch(); // the slot reserved when the timer started
    });
}

StatuspageTarget::~StatuspageTarget()
{
    // A request still out is abandoned; its answer, if one comes, finds no one to tell.
    d->inFlight.cancel();
}

void StatuspageTarget::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    d->token = secrets.value(d->site.tokenSecret);
}

void StatuspageTarget::setRequestInterval(std::chrono::milliseconds interval)
{
    d->interval = interval;
}

void StatuspageTarget::setTimeout(std::chrono::milliseconds timeout)
{
    d->timeout = timeout;
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
    if (d->token.isEmpty() || remoteId.isEmpty()) {
        copy.error =
            d->token.isEmpty()
                ? tr("the system keychain has no secret '%1' for the token of %2").arg(d->site.tokenSecret, d->site.id)
                : tr("the notice has not been published to %1").arg(d->site.id);
        promise->addResult(copy);
        promise->finish();
        return future;
    }
    d->enqueue(
        {"GET", u"/incidents/"_s + remoteId, {}, std::nullopt, [this, promise, copy](const Answer &answer) mutable {
             copy.fetchedMs = QDateTime::currentMSecsSinceEpoch();
             if (!d->succeeded(answer)) {
                 copy.error = answer.status == 404 ? tr("the incident is no longer on %1").arg(d->where())
                                                   : d->failure(answer, false).message;
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
    if (d->token.isEmpty()) {
        Found found;
        found.error.kind = PublishOutcome::Kind::NeedsAttention;
        found.error.credentials = true;
        found.error.message =
            tr("the system keychain has no secret '%1' for the token of %2").arg(d->site.tokenSecret, d->site.id);
        promise->addResult(found);
        promise->finish();
        return future;
    }
    d->search(promise, publication.outboxId, 1);
    return future;
}

} // namespace Vigie
