#pragma once

#include "alert.h"
#include "health/healthevent.h"
#include "silence.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace Vigie {

class Clock;

// What raises an alert, and what holds one back. Fed with the monitor's health events and the
// services' health after each batch; takeDue() hands over the alerts to tell now. No thread, no
// timer, no store of its own: the clock is injected, so that every rule is tested without waiting.
//
// - A service going down or degraded (its probes' thresholds already applied by the health
//   tracker) raises an alert for "service:<id>" after the workspace's group wait; going up before
//   that raises nothing. Once told, its recovery raises the resolution (at once).
// - One alert per root cause: a service failing because a service it depends on is down (its
//   health's impactedBy) raises none of its own; it is named in the root cause's alert. A service
//   whose own alert still waits when it turns out impacted is folded into the root cause's.
// - Never during maintenance: a failure inside a window raises nothing (a recovery after an alert
//   told before the window still resolves it).
// - A TLS probe degraded (its certificate inside the warning window) raises "certificate:<id>:<n>",
//   resolved when the probe is up again.
// - Flapping: a new alert for a problem within the flapping interval of the last one told is held;
//   when the interval ends, one Flapping alert says how many changes it saw, in the state the
//   service is then in. At most one alert per problem per interval.
// - Acknowledged services tell nothing more until they recover; the resolution is told (when the
//   alert it resolves was), and the caller then clears the acknowledgement.
// - Mutes (of a service, a group, everything) hold back what they cover while they last; the
//   resolution of an alert never told is not told either.
class AlertRules final
{
public:
    explicit AlertRules(const Clock *clock);
    ~AlertRules();
    AlertRules(const AlertRules &) = delete;
    AlertRules &operator=(const AlertRules &) = delete;

    // The services (names, groups, TLS probes) and the `alerts:` settings. State of the services
    // still declared is kept.
    void setWorkspace(const Workspace &workspace);
    void setAcknowledgements(const QList<Acknowledgement> &acknowledgements);
    void setMutes(const QList<Mute> &mutes);

    // A batch of health events and the health of the services it changed (Monitor's eventsRaised
    // and healthChanged; the health may hold more services than the events name).
    void noteEvents(const QList<HealthEvent> &events, const QHash<QString, ServiceHealth> &health);
    void noteHealth(const QHash<QString, ServiceHealth> &health);

    // The alerts to tell now, oldest first; each is handed over once.
    QList<Alert> takeDue();
    // When takeDue() will next have something (UTC ms); 0: nothing waits.
    qint64 nextDueMs() const;

    // What was held back, for the console and the tests: by mute, by acknowledgement, by flapping.
    struct Counts
    {
        int muted = 0;
        int acknowledged = 0;
        int flapping = 0;
        int maintenance = 0;
        int impacted = 0;
    };
    Counts heldBack() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
