#include "proberesult.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace Vigie {

namespace {
constexpr std::array<std::pair<HealthState, const char *>, 4> stateNames{{
    {HealthState::Unknown, "unknown"},
    {HealthState::Up, "up"},
    {HealthState::Degraded, "degraded"},
    {HealthState::Down, "down"},
}};
constexpr std::array<std::pair<ProbePhase, const char *>, 17> phaseNames{{
    {ProbePhase::None, ""},
    {ProbePhase::Resolve, "resolve"},
    {ProbePhase::Connect, "connect"},
    {ProbePhase::Tls, "tls"},
    {ProbePhase::Processing, "processing"},
    {ProbePhase::Transfer, "transfer"},
    {ProbePhase::Banner, "banner"},
    {ProbePhase::Status, "status"},
    {ProbePhase::Body, "body"},
    {ProbePhase::Latency, "latency"},
    {ProbePhase::Config, "config"},
    {ProbePhase::Condition, "condition"},
    {ProbePhase::Certificate, "certificate"},
    {ProbePhase::Dns, "dns"},
    {ProbePhase::Send, "send"},
    {ProbePhase::Expect, "expect"},
    {ProbePhase::Provider, "provider"},
}};
} // namespace

QString healthStateName(HealthState state)
{
    for (const auto &[s, name] : stateNames)
        if (s == state)
            return QLatin1StringView(name);
    return QStringLiteral("unknown");
}

QString healthStateWord(HealthState state)
{
    switch (state) {
    case HealthState::Up:
        return QCoreApplication::translate("Vigie::HealthState", "up");
    case HealthState::Degraded:
        return QCoreApplication::translate("Vigie::HealthState", "degraded");
    case HealthState::Down:
        return QCoreApplication::translate("Vigie::HealthState", "down");
    case HealthState::Unknown:
        break;
    }
    return QCoreApplication::translate("Vigie::HealthState", "unknown");
}

HealthState healthStateFromName(const QString &name)
{
    for (const auto &[s, n] : stateNames)
        if (name == QLatin1StringView(n))
            return s;
    return HealthState::Unknown;
}

QString probePhaseName(ProbePhase phase)
{
    for (const auto &[p, name] : phaseNames)
        if (p == phase)
            return QLatin1StringView(name);
    return {};
}

QString probePhaseDisplayName(ProbePhase phase)
{
    switch (phase) {
    case ProbePhase::Resolve:
        return QCoreApplication::translate("Vigie::ProbePhase", "resolve");
    case ProbePhase::Connect:
        return QCoreApplication::translate("Vigie::ProbePhase", "connect");
    case ProbePhase::Tls:
        return QCoreApplication::translate("Vigie::ProbePhase", "TLS");
    case ProbePhase::Processing:
        return QCoreApplication::translate("Vigie::ProbePhase", "processing");
    case ProbePhase::Transfer:
        return QCoreApplication::translate("Vigie::ProbePhase", "transfer");
    case ProbePhase::Banner:
        return QCoreApplication::translate("Vigie::ProbePhase", "banner");
    case ProbePhase::Status:
        return QCoreApplication::translate("Vigie::ProbePhase", "status");
    case ProbePhase::Body:
        return QCoreApplication::translate("Vigie::ProbePhase", "body");
    case ProbePhase::Latency:
        return QCoreApplication::translate("Vigie::ProbePhase", "latency");
    case ProbePhase::Config:
        return QCoreApplication::translate("Vigie::ProbePhase", "configuration");
    case ProbePhase::Condition:
        return QCoreApplication::translate("Vigie::ProbePhase", "condition");
    case ProbePhase::Certificate:
        return QCoreApplication::translate("Vigie::ProbePhase", "certificate");
    case ProbePhase::Dns:
        return QCoreApplication::translate("Vigie::ProbePhase", "DNS answer");
    case ProbePhase::Send:
        return QCoreApplication::translate("Vigie::ProbePhase", "send");
    case ProbePhase::Expect:
        return QCoreApplication::translate("Vigie::ProbePhase", "expect");
    case ProbePhase::Provider:
        return QCoreApplication::translate("Vigie::ProbePhase", "provider status");
    case ProbePhase::None:
        break;
    }
    return {};
}

ProbePhase probePhaseFromName(const QString &name)
{
    for (const auto &[p, n] : phaseNames)
        if (name == QLatin1StringView(n))
            return p;
    return ProbePhase::None;
}

} // namespace Vigie
