#pragma once

#include "health/healthevent.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QList>
#include <QString>

// A fleet of services as a NOC wall shows them, with names like an operations team's: for the
// wall's tests, screenshots and bench. A few fail in the ways the incidents behind Vigie did
// (refused connections that differ only by port, a slow authentication server, a certificate
// about to expire), a few are impacted by the database they depend on.
namespace Vigie::Test {

using namespace Qt::StringLiterals;

inline const QStringList &fleetGroups()
{
    static const QStringList groups{u"Web"_s,     u"API"_s,        u"Authentication"_s, u"Databases"_s, u"Mail"_s,
                                    u"Network"_s, u"Storage"_s,    u"Payments"_s,       u"Search"_s,    u"DNS"_s,
                                    u"Queues"_s,  u"Monitoring"_s, u"Extranet"_s,       u"Cache"_s,     u"Backups"_s};
    return groups;
}

inline Workspace fleetWorkspace(int services, int groups = 10)
{
    static const QStringList roles{u"portal"_s, u"api"_s,  u"auth"_s,     u"db"_s,     u"smtp"_s,
                                   u"router"_s, u"nfs"_s,  u"pay"_s,      u"search"_s, u"ns"_s,
                                   u"queue"_s,  u"prom"_s, u"extranet"_s, u"redis"_s,  u"backup"_s};
    static const QStringList sites{u"par"_s, u"lyo"_s, u"ams"_s, u"fra"_s};
    Workspace workspace;
    workspace.name = u"ACME operations"_s;
    groups = std::clamp(groups, 1, int(fleetGroups().size()));
    for (int i = 0; i < services; ++i) {
        const int g = i * groups / std::max(1, services);
        Service service;
        service.id = u"svc-%1"_s.arg(i, 4, 10, QLatin1Char('0'));
        service.name =
            u"%1-%2-%3"_s.arg(roles.at(g), sites.at(i % sites.size())).arg(i % 97 + 1, 2, 10, QLatin1Char('0'));
        service.group = fleetGroups().at(g);
        ProbeSpec probe;
        probe.setKind(ProbeKind::Tcp);
        probe.target = u"10.0.%1.%2:%3"_s.arg(g).arg(i % 250 + 1).arg(5432 + i % 3);
        probe.interval = std::chrono::seconds(30);
        probe.timeout = std::chrono::seconds(5);
        service.probes.append(probe);
        workspace.services.append(service);
    }
    return workspace;
}

// Whether service `i` of the fleet is failing, and how.
enum class FleetFault { None, Refused, Slow, Certificate, Impacted };
inline FleetFault fleetFault(int i, int services)
{
    // The same handful whatever the size: a wall of 40 and one of 300 show the same incidents.
    const int step = std::max(7, services / 6);
    if (i == 3)
        return FleetFault::Refused;
    if (i == 4)
        return FleetFault::Refused; // its replica: the same message but for the port
    if (i == step + 1)
        return FleetFault::Slow;
    if (i == 2 * step + 2)
        return FleetFault::Certificate;
    if (i == 3 * step + 5 || i == 3 * step + 6)
        return FleetFault::Impacted;
    return FleetFault::None;
}

// One round of results at `timestampMs`: up with a plausible latency, or the service's fault.
inline QList<ProbeResult> fleetResults(const Workspace &workspace, qint64 timestampMs, int round = 0)
{
    QList<ProbeResult> results;
    results.reserve(workspace.services.size());
    const int services = int(workspace.services.size());
    for (int i = 0; i < services; ++i) {
        const Service &service = workspace.services.at(i);
        ProbeResult result;
        result.key = {service.id, 0};
        result.kind = u"tcp"_s;
        result.target = service.probes.first().target;
        result.timestampMs = timestampMs - (i % 50) * 20;
        result.status = HealthState::Up;
        result.latencyMs = 12.0 + (i * 37 + round * 11) % 60;
        switch (fleetFault(i, services)) {
        case FleetFault::None:
            break;
        case FleetFault::Refused:
        case FleetFault::Impacted:
            result.status = HealthState::Down;
            result.latencyMs = 0.4;
            result.error = Message::verbatim(u"Connecting to %1 was refused: nothing listens on that port (connection "
                                             "refused by %1)."_s.arg(result.target));
            break;
        case FleetFault::Slow:
            result.status = HealthState::Degraded;
            result.latencyMs = 2400 + round % 7 * 90;
            result.error = Message::verbatim(u"Answered in 2.4 s, over the 1 s threshold (response time)."_s);
            break;
        case FleetFault::Certificate:
            result.status = HealthState::Degraded;
            result.error =
                Message::verbatim(u"The TLS certificate of %1 expires in 9 days (on 2026-12-11)."_s.arg(result.target));
            break;
        }
        results.append(result);
    }
    return results;
}

// The health verdicts behind fleetResults(): the impacted ones explained by the first refusal.
inline QHash<QString, ServiceHealth> fleetHealth(const Workspace &workspace)
{
    QHash<QString, ServiceHealth> health;
    const int services = int(workspace.services.size());
    for (int i = 0; i < services; ++i) {
        ServiceHealth h;
        switch (fleetFault(i, services)) {
        case FleetFault::None:
            h.state = HealthState::Up;
            break;
        case FleetFault::Refused:
            h.state = HealthState::Down;
            break;
        case FleetFault::Slow:
        case FleetFault::Certificate:
            h.state = HealthState::Degraded;
            break;
        case FleetFault::Impacted:
            h.state = HealthState::Down;
            h.impactedBy = workspace.services.at(3).id;
            break;
        }
        health.insert(workspace.services.at(i).id, h);
    }
    return health;
}

} // namespace Vigie::Test
