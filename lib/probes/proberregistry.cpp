#include "proberregistry.h"

#include "dnsprober.h"
#include "httpprober.h"
#include "prometheusprober.h"
#include "statuspageprober.h"
#include "tcpprober.h"
#include "tlsprober.h"

namespace Vigie {

namespace {

// The probers, in any order.
template<typename... P>
struct ProberList
{
    // Every kind is run by exactly one of them.
    static constexpr bool coversEveryKindOnce()
    {
        std::array<int, probeKindCount> runners{};
        ((++runners[size_t(P::Options::kind)]), ...);
        for (int count : runners) {
            if (count != 1)
                return false;
        }
        return true;
    }

    static std::array<Prober *, probeKindCount> create(QObject *parent)
    {
        std::array<Prober *, probeKindCount> probers{};
        ((probers[size_t(P::Options::kind)] = new P(parent)), ...);
        return probers;
    }
};

using Probers = ProberList<HttpProber, TcpProber, TlsProber, DnsProber, StatuspageProber, PrometheusProber>;
static_assert(Probers::coversEveryKindOnce(), "every kind of probe needs exactly one prober");

} // namespace

std::array<Prober *, probeKindCount> createProbers(QObject *parent)
{
    return Probers::create(parent);
}

} // namespace Vigie
