#include "scraper.h"

#include "core/clock.h"

#include <QFutureWatcher>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#include <QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Vigie {

QString ScrapedSample::label(const QString &labelName) const
{
    for (const SeriesLabel &l : labels)
        if (l.first == labelName)
            return l.second;
    return {};
}

QString ScrapeError::toString() const
{
    if (phase == Phase::Parse)
        return u"%1:%2: %3"_s.arg(line).arg(column).arg(message.toString());
    return message.toString();
}

namespace {

// Parses a body into value samples, off the scraper's thread.
ScrapeResult parseBody(ScrapeResult result, const QByteArray &body)
{
    ExpositionParser parser;
    const auto error = parser.parse(body, result.format, [&result](const ExpositionSample &s) {
        ScrapedSample sample;
        sample.family = QString::fromUtf8(s.family->name);
        sample.type = s.family->type;
        sample.name = QString::fromUtf8(s.name);
        sample.labels.reserve(s.labels.size());
        for (const ExpositionLabel &l : s.labels)
            sample.labels.append({QString::fromUtf8(l.name), QString::fromUtf8(l.value)});
        sample.value = s.value;
        sample.timestampMs = s.timestampMs;
        result.samples.append(std::move(sample));
    });
    if (error) {
        result.samples.clear();
        result.error = ScrapeError{ScrapeError::Phase::Parse, error->message, 0, error->line, error->column};
    }
    return result;
}

} // namespace

struct Scraper::Private
{
    Scraper *q = nullptr;
    const Clock *clock = nullptr;
    QNetworkAccessManager *network = nullptr;
    std::chrono::milliseconds timeout{10'000};
    qint64 maxBodyBytes = 64 * 1024 * 1024;
    QByteArray authorization;
    quint64 nextId = 0;

    void fetchFailed(quint64 id, const QUrl &url, const Message &message, int httpStatus = 0)
    {
        ScrapeResult result;
        result.url = url;
        result.timestampMs = clock->nowMs();
        result.error = ScrapeError{ScrapeError::Phase::Fetch, message, httpStatus, 0, 0};
        Q_EMIT q->finished(id, result);
    }
};

Scraper::Scraper(QObject *parent, const Clock *clock)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->clock = clock ? clock : Clock::system();
    d->network = new QNetworkAccessManager(this);
    qRegisterMetaType<Vigie::ScrapeResult>();
}

Scraper::~Scraper()
{
    // Scrapes still in flight end silently: their replies must not call back into a half-destroyed
    // scraper when the network manager deletes them.
    for (QNetworkReply *reply : d->network->findChildren<QNetworkReply *>())
        QObject::disconnect(reply, nullptr, this, nullptr);
    delete d->network;
}

void Scraper::setTimeout(std::chrono::milliseconds timeout)
{
    d->timeout = timeout;
}

void Scraper::setMaxBodyBytes(qint64 bytes)
{
    d->maxBodyBytes = bytes;
}

void Scraper::setAuthorization(const QByteArray &authorization)
{
    d->authorization = authorization;
}

quint64 Scraper::scrape(const QUrl &url)
{
    const quint64 id = ++d->nextId;
    if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)) {
        // Still asynchronous: the caller connects after calling.
        QMetaObject::invokeMethod(
            this,
            [this, id, url] {
                d->fetchFailed(id, url,
                               trMessage("Vigie::Scraper", "%1 is not an http or https URL").arg(url.toString()));
            },
            Qt::QueuedConnection);
        return id;
    }
    QNetworkRequest request(url);
    request.setRawHeader("Accept", expositionAcceptHeader());
    // Accept-Encoding is left to Qt, which asks for gzip and deflate and inflates the body itself.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, d->authorization.isEmpty()
                                                                       ? QNetworkRequest::NoLessSafeRedirectPolicy
                                                                       : QNetworkRequest::SameOriginRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    if (!d->authorization.isEmpty())
        request.setRawHeader("Authorization", d->authorization);
    QNetworkReply *reply = d->network->get(request);

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply] {
        reply->setProperty("vigieTimedOut", true);
        reply->abort();
    });
    timer->start(d->timeout);

    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64 total) {
        if (received > d->maxBodyBytes || total > d->maxBodyBytes) {
            reply->setProperty("vigieTooLarge", true);
            reply->abort();
        }
    });

    connect(reply, &QNetworkReply::finished, this, [this, id, url, reply] {
        reply->deleteLater();
        const QString where = url.toDisplayString();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->property("vigieTimedOut").toBool()) {
            d->fetchFailed(
                id, url,
                trMessage("Vigie::Scraper", "timed out after %1 s fetching %2").argSeconds(d->timeout).arg(where));
            return;
        }
        if (reply->property("vigieTooLarge").toBool()) {
            d->fetchFailed(id, url,
                           trMessage("Vigie::Scraper", "%1 sent more than %2 MiB")
                               .arg(where)
                               .arg(d->maxBodyBytes / (1024 * 1024)));
            return;
        }
        if (status != 0 && (status < 200 || status > 299)) {
            const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            d->fetchFailed(
                id, url,
                trMessage("Vigie::Scraper", "%1 answered HTTP %2, expected 2xx")
                    .arg(where, reason.isEmpty() ? QString::number(status) : QString::number(status) + u' ' + reason),
                status);
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            d->fetchFailed(
                id, url,
                reply->error() == QNetworkReply::ConnectionRefusedError
                    ? trMessage("Vigie::Scraper", "connection refused by %1").arg(url.authority())
                    : trMessage("Vigie::Scraper", "could not fetch %1: %2").arg(where, reply->errorString()));
            return;
        }
        ScrapeResult result;
        result.url = url;
        result.timestampMs = d->clock->nowMs();
        result.format = expositionFormatFromContentType(reply->rawHeader("Content-Type"));
        const QByteArray body = reply->readAll();
        auto *watcher = new QFutureWatcher<ScrapeResult>(this);
        connect(watcher, &QFutureWatcher<ScrapeResult>::finished, this, [this, id, watcher] {
            watcher->deleteLater();
            Q_EMIT finished(id, watcher->result());
        });
        watcher->setFuture(QtConcurrent::run(parseBody, std::move(result), body));
    });
    return id;
}

} // namespace Vigie
