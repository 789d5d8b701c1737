#include "proberesult.h"

#include <QCoreApplication>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

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
    return u"unknown"_s;
}

Message healthStateMessage(HealthState state)
{
    switch (state) {
    case HealthState::Up:
        return trMessage("Vigie::HealthState", "up");
    case HealthState::Degraded:
        return trMessage("Vigie::HealthState", "degraded");
    case HealthState::Down:
        return trMessage("Vigie::HealthState", "down");
    case HealthState::Unknown:
        break;
    }
    return trMessage("Vigie::HealthState", "unknown");
}

QString healthStateWord(HealthState state)
{
    return healthStateMessage(state).toString();
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

Message probePhaseMessage(ProbePhase phase)
{
    switch (phase) {
    case ProbePhase::Resolve:
        return trMessage("Vigie::ProbePhase", "resolve");
    case ProbePhase::Connect:
        return trMessage("Vigie::ProbePhase", "connect");
    case ProbePhase::Tls:
        return trMessage("Vigie::ProbePhase", "TLS");
    case ProbePhase::Processing:
        return trMessage("Vigie::ProbePhase", "processing");
    case ProbePhase::Transfer:
        return trMessage("Vigie::ProbePhase", "transfer");
    case ProbePhase::Banner:
        return trMessage("Vigie::ProbePhase", "banner");
    case ProbePhase::Status:
        return trMessage("Vigie::ProbePhase", "status");
    case ProbePhase::Body:
        return trMessage("Vigie::ProbePhase", "body");
    case ProbePhase::Latency:
        return trMessage("Vigie::ProbePhase", "latency");
    case ProbePhase::Config:
        return trMessage("Vigie::ProbePhase", "configuration");
    case ProbePhase::Condition:
        return trMessage("Vigie::ProbePhase", "condition");
    case ProbePhase::Certificate:
        return trMessage("Vigie::ProbePhase", "certificate");
    case ProbePhase::Dns:
        return trMessage("Vigie::ProbePhase", "DNS answer");
    case ProbePhase::Send:
        return trMessage("Vigie::ProbePhase", "send");
    case ProbePhase::Expect:
        return trMessage("Vigie::ProbePhase", "expect");
    case ProbePhase::Provider:
        return trMessage("Vigie::ProbePhase", "provider status");
    case ProbePhase::None:
        break;
    }
    return {};
}

QString probePhaseDisplayName(ProbePhase phase)
{
    return probePhaseMessage(phase).toString();
}

ProbePhase probePhaseFromName(const QString &name)
{
    for (const auto &[p, n] : phaseNames)
        if (name == QLatin1StringView(n))
            return p;
    return ProbePhase::None;
}

} // namespace Vigie
