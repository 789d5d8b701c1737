#pragma once

#include "probes/proberesult.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace Vigie {

// A service's state as the board shows it: its own health (the worst of its probes, after
// hysteresis), and what explains it.
struct ServiceHealth
{
    HealthState state = HealthState::Unknown; // the worst of its probes' states
    // A maintenance window covers it now (its name), or its upstream reports maintenance: its
    // failures do not count as outages and the tile says "maintenance".
    bool inMaintenance = false;
    QString maintenanceName;
    // Set when the service is degraded or down while a service it depends on (directly or not)
    // is down: the id of that root cause. The tile says "impacted by <name>", with no alarm.
    QString impactedBy;
    // When the service entered its state (UTC ms): the result that moved it there, or, after a
    // restart, the stored event that did. 0 when not known. A wall says "down for 20 min" after a
    // restart, not "for 2 s".
    qint64 sinceMs = 0;
    friend bool operator==(const ServiceHealth &, const ServiceHealth &) = default;

    // Whether the board raises an alarm for it: down or degraded, not explained by maintenance or
    // by a dependency.
    bool isAlarm() const
    {
        return (state == HealthState::Down || state == HealthState::Degraded) && !inMaintenance && impactedBy.isEmpty();
    }
};

// Something that happened to a service or one of its probes, with its time and its cause.
struct HealthEvent
{
    enum class Kind {
        ProbeState,       // a probe changed state (after hysteresis): probeIndex >= 0
        ServiceState,     // a service's state changed: probeIndex == -1
        MaintenanceStart, // a maintenance window (or the upstream's maintenance) began for it
        MaintenanceEnd,
        ImpactStart, // a dependency went down while the service was failing: impactedBy set
        ImpactEnd,
        // An engineer acknowledged the service's failure (alerts/silence.h): cause says who and why.
        // Written by whoever acknowledged (the console, `vigie ack`), never by the tracker.
        Acknowledged,
    };
    qint64 id = 0;          // set by the store; 0 before
    qint64 timestampMs = 0; // UTC: the time of the result that caused it, or the window's edge
    Kind kind = Kind::ServiceState;
    QString serviceId;
    QString group;
    int probeIndex = -1;
    HealthState from = HealthState::Unknown;
    HealthState to = HealthState::Unknown;
    bool inMaintenance = false; // happened inside a maintenance window: not an outage
    QString impactedBy;         // ImpactStart/ImpactEnd: the root cause's id
    // Why, translated when shown: "3 consecutive failures: connection refused (connect)",
    // "2 consecutive successes", "maintenance \"Kernel update\" began".
    Message cause;
    friend bool operator==(const HealthEvent &, const HealthEvent &) = default;
};

QString healthEventKindName(HealthEvent::Kind kind);
// What a service is, in one word for people: "maintenance" inside a window, "impacted" when a
// dependency explains its failure, otherwise its state's word (healthStateWord). Translated.
QString serviceHealthWord(const ServiceHealth &health);
// The same, untranslated and stable, for JSON: "maintenance", "impacted", or healthStateName().
QString serviceHealthName(const ServiceHealth &health); // "probe-state", "service-state", ...: stable, stored
HealthEvent::Kind healthEventKindFromName(const QString &name);

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::HealthEvent)
Q_DECLARE_METATYPE(QList<Vigie::HealthEvent>)
