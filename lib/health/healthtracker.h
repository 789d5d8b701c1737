#pragma once

#include "healthevent.h"
#include "maintenanceschedule.h"
#include "workspace/workspace.h"

#include <QHash>

#include <memory>

namespace Vigie {

// Turns raw probe results into honest health: a probe moves to a worse state only after
// spec.downAfter consecutive results at least that bad, and back to a better one only after
// spec.upAfter consecutive results at least that good (its first result sets its state at once:
// there is nothing to be hysteretic about). A service is the worst of its probes, shown as
// "maintenance" inside a maintenance window (or when its upstream says so), and as "impacted by X"
// when it fails while a service it depends on is down. Every change is an event.
//
// Plain logic: no threads, no timers, no clock of its own. Callers pass results in time order
// and call advanceTo() as time passes (to open and close maintenance windows).
class HealthTracker
{
public:
    explicit HealthTracker(const Workspace &workspace);
    ~HealthTracker();
    HealthTracker(const HealthTracker &) = delete;
    HealthTracker &operator=(const HealthTracker &) = delete;

    // Restores states saved by a previous run (the latest ProbeState, ServiceState, MaintenanceStart
    // and MaintenanceEnd events from the store), so that a restart does not re-announce every state.
    // A maintenance left open is carried on silently if the same window occurrence (or the upstream)
    // still covers the service at the first look, and ended by an event otherwise. Call it before
    // the first apply() or advanceTo(). Events for unknown ids are ignored.
    void restore(const QList<HealthEvent> &latestEvents);

    // Folds results in (ordered by timestampMs); returns the events they cause, in order.
    QList<HealthEvent> apply(const QList<ProbeResult> &results);
    // Opens and closes maintenance windows up to `nowMs`; returns the events that causes.
    QList<HealthEvent> advanceTo(qint64 nowMs);
    // The next time advanceTo() may have something to do (a window's edge), or nullopt.
    std::optional<qint64> nextWakeMs(qint64 afterMs) const;

    ServiceHealth serviceHealth(const QString &serviceId) const;
    HealthState probeState(const ProbeKey &key) const;
    // Every service whose health changed since the last call (for the board to refresh).
    QStringList takeChangedServices();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
