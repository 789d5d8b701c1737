#pragma once

#include "statustarget.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <chrono>
#include <memory>

namespace Vigie {

// Publishes notices to a Cachet status page through its API v1 (the workspace's `cachet:` URL, for
// example https://status.example.org/api/v1; a bare site address gets /api/v1 added).
//
// An incident is created with its first update as the incident's message (POST /incidents), each
// later update becomes an incident update (POST /incidents/ID/updates, which also moves the
// incident's status), a new title is a PUT /incidents/ID, and the components the notice affects are
// set with PUT /components/ID once the updates are out. Cachet links an incident to one component:
// the first one the site maps. A maintenance is a Cachet 2.4 schedule (POST, then PUT /schedules/ID)
// showing the latest update, with the window as scheduled_at and completed_at, written in UTC (Cachet
// reads them in its own time zone: set it to UTC); its remote id is "schedule:ID".
//
// Cachet has no idempotency keys. Every message ends with the outbox id as an HTML comment, which
// Cachet's Markdown (html_input: strip) leaves out of the page; findPublished() looks for it on the
// recent incidents (or schedules), and publish() with a remoteId reads the incident's updates first
// and sends only the ones it lacks. Each request goes out once (httponce.h), one at a time; a 429
// holds every request with the token, whichever target sends it, for its Retry-After.
//
// Statuses: investigating 1, identified 2, monitoring 3 (Cachet's "watching"), resolved 4 (fixed);
// components: operational 1, degraded performance 2 (performance issues), partial outage 3, major
// outage 4, and under maintenance 2, Cachet 2.4 having no maintenance status for components;
// schedules: scheduled 0 (upcoming), in progress and verifying 1, completed 2.
//
// The token comes from the keychain (setSecrets), goes in the X-Cachet-Token header only, over TLS
// (plain http to loopback only, which the workspace checks), never after a redirect (none is
// followed), and never into a message or a log line.
//
// Lives on one thread: publish() and findPublished() are called there and finish there.
class CachetTarget final : public StatusTarget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CachetTarget)

public:
    static constexpr int maxTitle = 255;        // the incident's name column
    static constexpr int maxBodyBytes = 65'535; // the message column (TEXT), in UTF-8 bytes

    explicit CachetTarget(StatusSite site, QObject *parent = nullptr);
    ~CachetTarget() override;

    // The secrets read from the keychain, by name; the site's token is taken from them.
    void setSecrets(const QHash<QString, QByteArray> &secrets);
    // How long a request may take before it is abandoned (default 30 s).
    void setTimeout(std::chrono::milliseconds timeout);

    QString siteId() const override;
    int titleLimit() const override { return maxTitle; }
    int bodyLimit() const override { return maxBodyBytes; }

    QFuture<PublishOutcome> publish(const Publication &publication) override;
    QFuture<Found> findPublished(const Publication &publication) override;
    // The incident (or schedule) as the API returns it, its messages without the markers.
    QFuture<PublicCopy> fetchPublic(const Publication &publication, const QString &remoteId) override;

    // Cachet's numbers for Vigie's words.
    static int incidentStatus(NoticeStatus status);
    static int scheduleStatus(NoticeStatus status);
    static int componentStatus(ComponentStatus status);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
