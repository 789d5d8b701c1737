#include "probekind.h"

using namespace Qt::StringLiterals;

namespace Vigie {

const QList<ProbeKindInfo> &probeKinds()
{
    static const QList<ProbeKindInfo> kinds{
        {ProbeKind::Http,
         "http"_L1,
         {"method"_L1, "headers"_L1, "body"_L1, "auth"_L1, "http_version"_L1, "expect"_L1, "max_redirects"_L1,
          "max_body"_L1, "ca_file"_L1, "insecure"_L1},
         false},
        {ProbeKind::Tcp, "tcp"_L1, {"expect_banner"_L1, "steps"_L1}, false},
        {ProbeKind::Tls,
         "tls"_L1,
         {"ca_file"_L1, "insecure"_L1, "server_name"_L1, "warn_days"_L1, "critical_days"_L1},
         false},
        {ProbeKind::Dns, "dns"_L1, {"record"_L1, "server"_L1, "expect_values"_L1, "expect_matches"_L1}, false},
        {ProbeKind::Statuspage, "statuspage"_L1, {"ca_file"_L1, "insecure"_L1, "components"_L1}, true},
        {ProbeKind::Prometheus,
         "prometheus"_L1,
         {"query"_L1, "each_series"_L1, "auth"_L1, "ca_file"_L1, "insecure"_L1},
         false},
    };
    return kinds;
}

const ProbeKindInfo &probeKindInfo(ProbeKind kind)
{
    const ProbeKindInfo &info = probeKinds().at(qsizetype(kind));
    Q_ASSERT(info.kind == kind);
    return info;
}

std::optional<ProbeKind> probeKindFromName(QStringView name)
{
    for (const ProbeKindInfo &info : probeKinds()) {
        if (name == info.name)
            return info.kind;
    }
    return std::nullopt;
}

const QList<QLatin1StringView> &commonProbeKeys()
{
    static const QList<QLatin1StringView> keys{"interval"_L1, "timeout"_L1, "conditions"_L1, "down_after"_L1,
                                               "up_after"_L1};
    return keys;
}

} // namespace Vigie
