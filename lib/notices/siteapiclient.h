#pragma once

#include "httponce.h"
#include "statustarget.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPromise>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <deque>
#include <functional>
#include <optional>

class QLoggingCategory;

namespace Vigie {

struct StatusSite;

// What a status site's API target (Statuspage, Cachet) does the same way whatever the site: it
// sends the target's requests one at a time, each once (httponce.h: a write whose answer is lost is
// for the target's marker to find, never repeated here), and turns a failed one into the outcome
// the outbox acts on.
//
// Requests are paced per token, whichever target sends them (two sites may share an account's
// token): at most one per interval, counted from the previous answer, and none while a
// rate-limited answer's Retry-After runs. The token goes in one header only and is scrubbed from
// every message it hands back.
//
// Lives on the thread of `context` (its target): answers are handed back there, and none after the
// client is gone.
class SiteApiClient final
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::SiteApiClient)
    Q_DISABLE_COPY_MOVE(SiteApiClient)

public:
    // What came back for one request.
    struct Answer
    {
        int status = 0; // 0: no HTTP answer
        QByteArray body;
        QString errorText; // what went wrong without an answer, the token taken out
        bool tlsFailed = false;
        bool sent = false; // every byte of the request went out
        bool timedOut = false;
        std::chrono::milliseconds retryAfter{0}; // after a rate-limited answer or a 5xx

        bool succeeded() const { return !timedOut && status >= 200 && status < 300; }
    };

    // One request, its path under the API's base: "/incidents".
    struct Call
    {
        QByteArray method;
        QString path;
        QUrlQuery query;
        std::optional<QJsonObject> body; // sent as JSON
        std::function<void(const Answer &)> done;
    };

    // How one site's API differs from another's.
    struct Api
    {
        QUrl base;              // a call's path is added to this URL's path
        QByteArray tokenHeader; // the one header that carries the token...
        QByteArray tokenPrefix; // ...after these bytes ("OAuth ")
        QList<int> rateLimited; // the statuses that mean too many requests: held for their Retry-After
        std::function<QString(const QByteArray &body)> errorOf; // the site's own words in an error's body
        const QLoggingCategory &(*log)() = nullptr;             // where each request is logged (debug)
    };

    SiteApiClient(const StatusSite &site, Api api, QObject *context);
    ~SiteApiClient();

    // The secrets read from the keychain, by name; the site's token is taken from them.
    void setSecrets(const QHash<QString, QByteArray> &secrets);
    bool hasToken() const { return !m_token.isEmpty(); }
    // The shortest time between two requests with the token (0: only a Retry-After holds them).
    void setRequestInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    // How long a request may take before it is abandoned (default 30 s).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Queues `call`; its `done` runs on the context's thread once the answer is in.
    void send(Call call);

    // The site as messages name it: its host, and its port when the URL gives one.
    QString where() const { return m_where; }
    // `text` with the token taken out, as is or percent-encoded, wherever the text came from.
    QString scrub(QString text) const;
    // How a failed request ends a publication. `write`: it may have changed the site.
    PublishOutcome failure(const Answer &answer, bool write) const;
    // The keychain has no token for the site: an engineer must add it.
    PublishOutcome missingToken() const;
    // A write answered with something that is not the API's: it may have been applied.
    PublishOutcome unexpected() const;

    // Ends the publication of outbox entry `outboxId` with `outcome`, the token taken out of its
    // message; what did not publish is logged.
    void settle(QPromise<PublishOutcome> &promise, PublishOutcome outcome, qint64 outboxId) const;
    // Ends the search for outbox entry `outboxId`'s marker when the site could not be asked.
    void searchFailed(QPromise<StatusTarget::Found> &promise, qint64 outboxId, const Answer &answer) const;

    // `url` without the slashes that end its path, for a target to add its API's path to.
    static QUrl trimmedUrl(const QString &url);

private:
    void pump();
    void dispatch();
    QByteArray tokenKey() const;

    QObject *m_context;
    Api m_api;
    QString m_where;
    QString m_kind; // "Statuspage", "Cachet"
    QString m_siteId;
    QString m_tokenSecret;
    QByteArray m_token;
    std::chrono::milliseconds m_interval{0};
    std::chrono::milliseconds m_timeout{30'000};
    std::deque<Call> m_queue;
    bool m_busy = false;
    QTimer m_pace; // waits for the token's next slot
    QFuture<HttpAnswer> m_inFlight;
};

} // namespace Vigie
