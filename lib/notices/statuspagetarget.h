#pragma once

#include "statustarget.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <chrono>
#include <memory>

namespace Vigie {

// Publishes notices to an Atlassian Statuspage page through its REST API v1
// (https://api.statuspage.io/v1, or the workspace's `api:`): an incident or a scheduled maintenance
// is created with its first update, each later update of the notice becomes a PATCH that adds an
// incident update, and the postmortem is drafted then published once the notice has one.
//
// Statuspage has no idempotency keys. Each write carries the outbox id in the incident's metadata
// ({"vigie": {"outbox_id": N, "updates": "ids sent so far"}}) and as an HTML comment at the end of the
// update's body, invisible on the page; findPublished() looks for either on the page's incidents, and
// publish() with a remoteId reads the incident first and sends only the updates it lacks.
//
// At most one request per interval (1 s) per token, whichever target sends it; a 420 or 429 holds
// every request of that token for its Retry-After. The token comes from the keychain (setSecrets),
// goes in the Authorization header only, over TLS (plain http to loopback only, which the workspace
// checks), never to another origin after a redirect, and never into a message or a log line.
//
// Lives on one thread: publish() and findPublished() are called there and finish there.
class StatuspageTarget final : public StatusTarget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatuspageTarget)

public:
    static constexpr int maxTitle = 255;
    static constexpr int maxBody = 25'000;

    explicit StatuspageTarget(StatusSite site, QObject *parent = nullptr);
    ~StatuspageTarget() override;

    // The secrets read from the keychain, by name; the site's token is taken from them.
    void setSecrets(const QHash<QString, QByteArray> &secrets);
    // The shortest time between two requests with the same token (Statuspage: 1 s).
    void setRequestInterval(std::chrono::milliseconds interval);
    // How long a request may take before it is abandoned (default 30 s).
    void setTimeout(std::chrono::milliseconds timeout);

    QString siteId() const override;
    int titleLimit() const override { return maxTitle; }
    int bodyLimit() const override { return maxBody; }

    QFuture<PublishOutcome> publish(const Publication &publication) override;
    QFuture<Found> findPublished(const Publication &publication) override;
    // The incident as the API returns it (its updates' bodies without the markers).
    QFuture<PublicCopy> fetchPublic(const Publication &publication, const QString &remoteId) override;

    // The invisible marker a body carries for outbox entry `outboxId` and update `updateKey`.
    static QString marker(qint64 outboxId, qint64 updateKey);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
