#include "healthevent.h"

#include <QCoreApplication>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {
// Stored in the database: never rename one.
constexpr std::array<std::pair<HealthEvent::Kind, const char *>, 7> kindNames{{
    {HealthEvent::Kind::ProbeState, "probe-state"},
    {HealthEvent::Kind::ServiceState, "service-state"},
    {HealthEvent::Kind::MaintenanceStart, "maintenance-start"},
    {HealthEvent::Kind::MaintenanceEnd, "maintenance-end"},
    {HealthEvent::Kind::ImpactStart, "impact-start"},
    {HealthEvent::Kind::ImpactEnd, "impact-end"},
    {HealthEvent::Kind::Acknowledged, "acknowledged"},
}};
} // namespace

QString healthEventKindName(HealthEvent::Kind kind)
{
    for (const auto &[k, name] : kindNames)
        if (k == kind)
            return QLatin1StringView(name);
    return {};
}

QString serviceHealthWord(const ServiceHealth &health)
{
    if (health.inMaintenance)
        return QCoreApplication::translate("Vigie::HealthState", "maintenance");
    if (!health.impactedBy.isEmpty())
        return QCoreApplication::translate("Vigie::HealthState", "impacted");
    return healthStateWord(health.state);
}

QString serviceHealthName(const ServiceHealth &health)
{
    if (health.inMaintenance)
        return u"maintenance"_s;
    if (!health.impactedBy.isEmpty())
        return u"impacted"_s;
    return healthStateName(health.state);
}

// An unknown name (a row written by a newer version) reads as a service state change, the kind
// every reader can show.
HealthEvent::Kind healthEventKindFromName(const QString &name)
{
    for (const auto &[k, n] : kindNames)
        if (name == QLatin1StringView(n))
            return k;
    return HealthEvent::Kind::ServiceState;
}

} // namespace Vigie
