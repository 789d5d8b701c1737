#pragma once

#include "prober.h"

#include <memory>

namespace Vigie {

// Checks a TLS endpoint's certificate with QSslSocket on the thread that owns it. Connects to
// spec.target (host:port) with SNI TlsOptions::serverName (else the host), reads the chain the server
// sends even when verification fails, and judges it:
// - a host name mismatch or an untrusted chain (against TlsOptions::tls.caFile's CAs when set, else the
//   system's) is Down, phase Certificate, unless TlsOptions::tls.insecureReason is set;
// - an expired certificate anywhere in the chain, or the earliest expiry less than
//   TlsOptions::criticalDays away, is Down, phase Certificate; less than TlsOptions::warnDays away, Degraded.
// detail reads "expires in 45 days (2027-01-06), issued by R3; chain: earliest in 45 days".
// spec.timeout is a hard deadline for everything; a handshake still running then fails in phase
// Tls. phases.resolveMs, connectMs, tlsMs and totalMs are set; latencyMs is the total. Conditions
// see [CERTIFICATE_EXPIRATION] (the earliest in the chain), [CONNECTED], [IP], [RESPONSE_TIME].
class TlsProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsProber)

public:
    using Options = TlsOptions; // the kind it runs

    explicit TlsProber(QObject *parent = nullptr);
    ~TlsProber() override;

    void start(quint64 id, const ProbeSpec &spec) override;
    void cancel(quint64 id) override;
    int runningCount() const override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
