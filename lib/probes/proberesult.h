#pragma once

#include "core/message.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Vigie {

// Ordered from best to worst, so that "the worst of" is std::max.
enum class HealthState { Unknown = 0, Up = 1, Degraded = 2, Down = 3 };

// The phase a probe was in when it failed. HTTP phases are blackbox_exporter's.
enum class ProbePhase {
    None,        // it did not fail
    Resolve,     // DNS
    Connect,     // TCP connect
    Tls,         // TLS handshake
    Processing,  // request sent, waiting for the first byte
    Transfer,    // reading the response
    Banner,      // TCP: reading or matching the banner
    Status,      // HTTP status not expected
    Body,        // body check failed
    Latency,     // slower than max_latency (degraded)
    Config,      // the probe cannot run as written (bad URL, a secret missing from the keychain...)
    Condition,   // a workspace condition failed
    Certificate, // TLS certificate: expiring, expired, wrong host name, untrusted chain
    Dns,         // DNS: an error code, or answers not as expected
    Send,        // TCP: a send step could not be written
    Expect,      // TCP: an expect step saw no matching line
    Provider,    // status page: the provider reports a problem
};

// Durations of each phase in milliseconds; absent where a phase did not happen
// (no TLS for plain HTTP, nothing after a failed connect...).
struct PhaseTimings
{
    std::optional<double> resolveMs;
    std::optional<double> connectMs;
    std::optional<double> tlsMs;
    std::optional<double> processingMs;
    std::optional<double> transferMs;
    std::optional<double> totalMs;
    friend bool operator==(const PhaseTimings &, const PhaseTimings &) = default;
};

// Identifies one probe of a workspace: the service and the probe's index in it.
struct ProbeKey
{
    QString serviceId;
    int index = 0;
    QString toString() const { return serviceId + u'/' + QString::number(index); }
    friend bool operator==(const ProbeKey &, const ProbeKey &) = default;
};
inline size_t qHash(const ProbeKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.serviceId, key.index);
}

struct ProbeResult
{
    ProbeKey key;
    QString kind;           // ProbeSpec::kindName(): "http", "tcp", "tls", "dns", "statuspage"
    QString target;         // as written in the workspace
    qint64 timestampMs = 0; // UTC, when the probe started
    HealthState status = HealthState::Unknown;
    double latencyMs = 0; // total time (HTTP) or connect + banner time (TCP)
    PhaseTimings phases;
    int httpStatus = 0; // 0 when no response
    ProbePhase failedPhase = ProbePhase::None;
    Message error; // a sentence for the user, translated when shown; empty when up
    // What the probe found, in a line, for the tile and the detail view: "certificate expires in
    // 45 days (Let's Encrypt R3)", "A 192.0.2.10, 192.0.2.11", "Minor service outage".
    Message detail;
    // The upstream itself says it is in maintenance (a status page's component or scheduled
    // maintenance in progress): shown as maintenance, not as an outage.
    bool maintenance = false;
};

QString healthStateName(HealthState state); // "up", "degraded", "down", "unknown": stable, not translated
QString probePhaseName(ProbePhase phase);   // "resolve", "connect", ...: stable, not translated
HealthState healthStateFromName(const QString &name);
// The state's word for people, translated and lower-case ("down", "en panne"), as the command line
// prints it.
QString healthStateWord(HealthState state);
// The same, to translate when shown.
Message healthStateMessage(HealthState state);
ProbePhase probePhaseFromName(const QString &name);
// The phase's name for people, translated: "resolve" in English, "résolution DNS" in French.
QString probePhaseDisplayName(ProbePhase phase);
// The same, to translate when shown (inside a message kept for later).
Message probePhaseMessage(ProbePhase phase);

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::ProbeResult)
Q_DECLARE_METATYPE(QList<Vigie::ProbeResult>)
