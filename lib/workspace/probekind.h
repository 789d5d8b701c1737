#pragma once

#include <QLatin1StringView>
#include <QList>
#include <QString>

#include <optional>

namespace Vigie {

// The kinds of probe. Everything a kind is (its workspace name, its keys, its options type, its
// traits) is in the table of probe kinds below and in ProbeOptions (workspace.h); its prober is in
// the probes' registry (probes/proberregistry.h). Nothing else depends on the enum's order.
enum class ProbeKind { Http, Tcp, Tls, Dns, Statuspage, Prometheus };
inline constexpr int probeKindCount = 6;

// What the rest of Vigie asks about a kind of probe.
struct ProbeKindInfo
{
    ProbeKind kind;
    // "http", "tcp", "tls", "dns", "statuspage", "prometheus": the target key in a workspace and the name stored
    // with results; stable, not translated.
    QLatin1StringView name;
    // The keys a probe of this kind accepts besides its target and the keys every probe accepts
    // (commonProbeKeys()).
    QList<QLatin1StringView> keys;
    // The upstream can say it is in maintenance itself (a status page): the health tracker shows
    // such a probe as maintenance rather than as an outage.
    bool reportsMaintenance = false;
};

// Every kind, in ProbeKind's order.
const QList<ProbeKindInfo> &probeKinds();
const ProbeKindInfo &probeKindInfo(ProbeKind kind);
// The kind whose name (target key) is `name`.
std::optional<ProbeKind> probeKindFromName(QStringView name);
inline QString probeKindName(ProbeKind kind)
{
    return probeKindInfo(kind).name.toString();
}
// The keys every probe accepts, whatever its kind: interval, timeout, conditions...
const QList<QLatin1StringView> &commonProbeKeys();

} // namespace Vigie
