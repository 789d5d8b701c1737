#include "siteapiclient.h"

#include "statussitelimits.h"
#include "workspace/workspace.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

using SteadyClock = std::chrono::steady_clock;

// When the next request with a token may leave, whichever target sends it. Keyed by a hash of the
// token: the token itself is kept nowhere else.
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

// Holds every request of `key` for `duration` from now (after an answer, and after a rate limit).
void holdToken(const QByteArray &key, std::chrono::milliseconds duration)
{
    Pacer &p = pacer();
    const QMutexLocker lock(&p.mutex);
    const auto until = SteadyClock::now() + duration;
    p.next.insert(key, std::max(until, p.next.value(key, until)));
}

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

} // namespace

SiteApiClient::SiteApiClient(const StatusSite &site, Api api, QObject *context)
    : m_context(context)
    , m_api(std::move(api))
    , m_kind(statusSiteKindText(site.kind))
    , m_siteId(site.id)
    , m_tokenSecret(site.tokenSecret)
{
    const QUrl url(site.url);
    m_where = url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
    m_pace.setSingleShot(true);
    m_pace.setTimerType(Qt::PreciseTimer); // never early: a site counts to the millisecond
    QObject::connect(&m_pace, &QTimer::timeout, m_context, [this] {
        if (!m_busy && !m_queue.empty())
            dispatch(); // the slot reserved when the timer started
    });
}

SiteApiClient::~SiteApiClient()
{
    // A request still out is abandoned; its answer, if one comes, finds no one to tell.
    m_inFlight.cancel();
}

void SiteApiClient::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    m_token = secrets.value(m_tokenSecret);
}

QByteArray SiteApiClient::tokenKey() const
{
    return QCryptographicHash::hash(m_token, QCryptographicHash::Sha256);
}

QString SiteApiClient::scrub(QString text) const
{
    if (m_token.size() >= 4) {
        text.replace(QString::fromUtf8(m_token), u"[token]"_s);
        text.replace(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(m_token))), u"[token]"_s);
    }
    return text;
}

void SiteApiClient::send(Call call)
{
    m_queue.push_back(std::move(call));
    pump();
}

void SiteApiClient::pump()
{
    if (m_busy || m_queue.empty() || m_pace.isActive())
        return;
    const std::chrono::milliseconds wait = reserveSlot(tokenKey(), m_interval);
    if (wait > 0ms) {
        // The slot is ours: whoever comes next waits behind it.
        m_pace.start(wait);
        return;
    }
    dispatch();
}

void SiteApiClient::dispatch()
{
    Call call = std::move(m_queue.front());
    m_queue.pop_front();
    m_busy = true;

    QUrl url = m_api.base;
    url.setPath(m_api.base.path() + call.path);
    if (!call.query.isEmpty())
        url.setQuery(call.query);
    HttpCall request;
    request.method = call.method;
    request.url = url;
    request.timeout = m_timeout;
    request.headers = {{"Accept"_ba, "application/json"_ba}, {m_api.tokenHeader, m_api.tokenPrefix + m_token}};
    if (call.body) {
        request.headers.append({"Content-Type"_ba, "application/json"_ba});
        request.body = QJsonDocument(*call.body).toJson(QJsonDocument::Compact);
    }
    // The continuation may run at once, inside then(), when the answer is already there (a refused
    // connection): it is attached to a copy, never to the member it resets.
    QFuture<HttpAnswer> sending = sendOnce(std::move(request));
    m_inFlight = sending;
    const QByteArray method = call.method;
    const QString path = call.path;
    sending.then(m_context, [this, method, path, done = std::move(call.done)](const HttpAnswer &http) {
        m_inFlight = {};
        Answer answer;
        answer.status = http.status;
        answer.body = http.body;
        answer.errorText = scrub(http.error);
        answer.sent = http.sent;
        answer.timedOut = http.timedOut;
        answer.tlsFailed = http.tlsFailed;
        // The site counts a request when it arrives, which this side does not see: the next one
        // leaves an interval after this one's answer, which came after it arrived.
        holdToken(tokenKey(), m_interval);
        if (m_api.rateLimited.contains(answer.status)) {
            answer.retryAfter = std::max(parseRetryAfter(http.retryAfter), m_interval);
            holdToken(tokenKey(), answer.retryAfter);
        } else if (answer.status >= 500) {
            answer.retryAfter = parseRetryAfter(http.retryAfter);
        }
        if (m_api.log)
            qCDebug(m_api.log).noquote() << method << path << "->" << answer.status
                                         << (answer.timedOut ? "timeout" : "");
        m_busy = false;
        done(answer);
        pump();
    });
}

PublishOutcome SiteApiClient::failure(const Answer &answer, bool write) const
{
    PublishOutcome out;
    const QString host = where();
    const auto siteSays = [&] { return scrub(m_api.errorOf(answer.body)); };
    if (answer.timedOut) {
        out.kind = write && answer.sent ? PublishOutcome::Kind::Ambiguous : PublishOutcome::Kind::RetryLater;
        const QString seconds = QString::number(double(m_timeout.count()) / 1000.0);
        out.message = write && answer.sent
                          ? tr("no answer from %1 within %2 s; the request may have been applied").arg(host, seconds)
                          : tr("no answer from %1 within %2 s").arg(host, seconds);
    } else if (answer.status == 401 || answer.status == 403) {
        out.kind = PublishOutcome::Kind::NeedsAttention;
        out.credentials = true;
        out.message = tr("%1 refused the token (HTTP %2): %3").arg(host).arg(answer.status).arg(siteSays());
    } else if (m_api.rateLimited.contains(answer.status)) {
        out.kind = PublishOutcome::Kind::RetryLater;
        out.retryAfter = answer.retryAfter;
        out.message = tr("%1 limits the rate of requests (HTTP %2); trying again in %3 s")
                          .arg(host)
                          .arg(answer.status)
                          .arg((answer.retryAfter.count() + 999) / 1000);
    } else if (answer.status >= 500) {
        out.kind = PublishOutcome::Kind::RetryLater;
        out.retryAfter = answer.retryAfter;
        out.message = tr("%1 failed (HTTP %2): %3").arg(host).arg(answer.status).arg(siteSays());
    } else if (answer.status >= 400) {
        out.kind = PublishOutcome::Kind::Failed;
        out.message = tr("%1 refused the request (HTTP %2): %3").arg(host).arg(answer.status).arg(siteSays());
    } else if (answer.status >= 300) {
        out.kind = PublishOutcome::Kind::NeedsAttention;
        out.message = tr("%1 redirected the request to another address; Vigie does not send the token there").arg(host);
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

PublishOutcome SiteApiClient::missingToken() const
{
    PublishOutcome out;
    out.kind = PublishOutcome::Kind::NeedsAttention;
    out.credentials = true;
    out.message = tr("the system keychain has no secret '%1' for the token of %2").arg(m_tokenSecret, m_siteId);
    return out;
}

void SiteApiClient::settle(QPromise<PublishOutcome> &promise, PublishOutcome outcome, qint64 outboxId) const
{
    outcome.message = scrub(outcome.message);
    if (outcome.kind != PublishOutcome::Kind::Published && m_api.log)
        qCInfo(m_api.log).noquote() << "site" << m_siteId << "outbox entry" << outboxId << ":" << outcome.message;
    promise.addResult(outcome);
    promise.finish();
}

void SiteApiClient::searchFailed(QPromise<StatusTarget::Found> &promise, qint64 outboxId, const Answer &answer) const
{
    StatusTarget::Found found;
    found.error = failure(answer, false);
    if (m_api.log)
        qCInfo(m_api.log).noquote() << "site" << m_siteId << "search for outbox entry" << outboxId << ":"
                                    << found.error.message;
    promise.addResult(found);
    promise.finish();
}

QUrl SiteApiClient::trimmedUrl(const QString &url)
{
    QUrl trimmed(url);
    QString path = trimmed.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    trimmed.setPath(path);
    return trimmed;
}

PublishOutcome SiteApiClient::unexpected() const
{
    PublishOutcome out;
    out.kind = PublishOutcome::Kind::Ambiguous;
    out.message = tr("%1 did not answer as the %2 API does; the request may have been applied").arg(m_where, m_kind);
    return out;
}

} // namespace Vigie
