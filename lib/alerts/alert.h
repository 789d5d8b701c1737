#pragma once

#include "probes/proberesult.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Vigie {

// One thing to tell people: a service went down or degraded (after its thresholds), recovered, a
// certificate entered its warning window, or a service changes state too often to be told each
// time. Raised by AlertRules, queued for each routed channel by AlertStore, shown by the desktop.
struct Alert
{
    enum class Kind : quint8 {
        Down,        // the service is down
        Degraded,    // the service is degraded
        Certificate, // a TLS certificate of the service expires within its warning window
        Flapping,    // the service changed state `changes` times within the flapping interval
    };
    qint64 id = 0; // the store's, once kept
    // The problem it is about, the same for an alert and its resolution: "service:<id>" or
    // "certificate:<service id>:<probe index>".
    QString key;
    Kind kind = Kind::Down;
    // The "resolved" counterpart of the earlier alert with the same key: the service is up again
    // (or its certificate renewed).
    bool resolved = false;
    qint64 timestampMs = 0; // when it happened (UTC)
    qint64 sinceMs = 0;     // when the problem began (a resolution: how long it lasted)
    QString serviceId;      // the service, the root cause when others are impacted
    QString serviceName;
    QString group;
    HealthState state = HealthState::Unknown; // the service's state when raised
    QString cause;                            // why, as the event log says it
    // The services failing because of this one (their names), told in this alert rather than in
    // one alert each.
    QStringList impacted;
    int changes = 0; // Flapping: how many state changes the interval saw

    // One line for a title or a subject: "Down: Customer portal", "Resolved: Customer portal" (the
    // service's id when it has no name). Translated.
    QString title() const;
    // The body: the cause, since when, what it impacts. Translated, plain text. A desktop
    // notification names the first `impactedShown` impacted services and counts the rest (-1: all).
    QString text(qsizetype impactedShown = -1) const;
    // The webhook's document (docs: alerts.md), with a `text` member that Slack and Mattermost
    // incoming webhooks show as is.
    QJsonObject toJson() const;
    static std::optional<Alert> fromJson(const QJsonObject &object);
    friend bool operator==(const Alert &, const Alert &) = default;
};

// "down", "degraded", "certificate", "flapping": stable, in JSON and the store.
QString alertKindName(Alert::Kind kind);
std::optional<Alert::Kind> alertKindFromName(QStringView name);

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::Alert)
