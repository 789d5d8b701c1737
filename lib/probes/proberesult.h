#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Vigie {

// Ordered from best to worst, so that "the worst of" is std::max.
enum class HealthState { Unknown = 0, Up = 1, Degraded = 2, Down = 3 };

// The phase a probe was in when it failed. HTTP phases are blackbox_exporter's.
enum class ProbePhase {
    None,       // it did not fail
    Resolve,    // DNS
    Connect,    // TCP connect
    Tls,        // TLS handshake
    Processing, // request sent, waiting for the first byte
    Transfer,   // reading the response
    Banner,     // TCP: reading or matching the banner
    Status,     // HTTP status not expected
    Body,       // body check failed
    Latency,    // slower than max_latency (degraded)
    Config,     // the probe cannot run as written (bad URL...)
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
    QString toString() const { return serviceId + QLatin1Char('/') + QString::number(index); }
    friend bool operator==(const ProbeKey &, const ProbeKey &) = default;
};
inline size_t qHash(const ProbeKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.serviceId, key.index);
}

struct ProbeResult
{
    ProbeKey key;
    QString kind;           // "http" | "tcp"
    QString target;         // as written in the workspace
    qint64 timestampMs = 0; // UTC, when the probe started
    HealthState status = HealthState::Unknown;
    double latencyMs = 0; // total time (HTTP) or connect + banner time (TCP)
    PhaseTimings phases;
    int httpStatus = 0; // 0 when no response
    ProbePhase failedPhase = ProbePhase::None;
    QString error; // a sentence for the user; empty when up
};

QString healthStateName(HealthState state); // "up", "degraded", "down", "unknown": stable, not translated
QString probePhaseName(ProbePhase phase);   // "resolve", "connect", ...: stable, not translated
HealthState healthStateFromName(const QString &name);
ProbePhase probePhaseFromName(const QString &name);
// The phase's name for people, translated: "resolve" in English, "résolution" in French.
QString probePhaseDisplayName(ProbePhase phase);

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::ProbeResult)
Q_DECLARE_METATYPE(QList<Vigie::ProbeResult>)
