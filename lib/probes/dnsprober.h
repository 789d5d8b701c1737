#pragma once

#include "prober.h"

#include <memory>

namespace Vigie {

// Looks up spec.target with QDnsLookup on the thread that owns it: record type DnsOptions::recordType,
// at DnsOptions::dnsServer ("ip", "ip:port", "[v6]:port") or else the system's resolver. Answers are
// text without trailing dots: A/AAAA the address, CNAME and NS the name, MX "10 mail.example.org",
// TXT the record's strings joined, SRV "10 5 5060 sip.example.org".
// Down, phase Dns: a DNS error (NXDOMAIN, SERVFAIL, REFUSED...), no answers, an DnsOptions::expectValues
// entry missing from the answers (names and addresses compared without regard to case), or no
// answer matching DnsOptions::expectMatches. detail reads "A 192.0.2.10, 192.0.2.11".
// spec.timeout is a hard deadline: QDnsLookup has none of its own. Qt runs lookups on a pool of
// 5 threads and a lookup given up on keeps its thread until the resolver gives up too, so at most
// 5 lookups (running or given up on) are under way at once; later probes wait their turn within
// their own deadline. One server takes at most 4 of them, and a server that has let a lookup run
// past its deadline only 1 until it answers: a silent DNS server fails its own probes, not those
// of the servers that answer. These counts are the prober's: keep one prober for the process's
// lifetime (the engine does). phases.resolveMs (the lookup) and totalMs are set; latencyMs is the total.
// Conditions see [DNS_ANSWERS], [DNS_RCODE] and [RESPONSE_TIME].
class DnsProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DnsProber)

public:
    using Options = DnsOptions; // the kind it runs

    explicit DnsProber(QObject *parent = nullptr);
    ~DnsProber() override;

    void start(quint64 id, const ProbeSpec &spec) override;
    void cancel(quint64 id) override;
    int runningCount() const override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
