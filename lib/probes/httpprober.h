#pragma once

#include "prober.h"

#include <memory>

namespace Vigie {

// Runs HTTP(S) probes through libcurl's multi interface, driven by Qt socket notifiers and a
// timer (curl_multi_socket_action): one object, any number of concurrent probes, all on the
// thread that owns it (the probe thread). Every probe uses a fresh connection (no reuse), so that
// each one measures resolve, connect and TLS; the spec's timeout is a hard deadline for the whole
// probe, and the body read is capped at HttpOptions::maxBodyBytes, counted after decompression. The
// response's body, headers and certificate chain are kept only when a check of the probe reads
// them, so that a plain status probe stays cheap.
class HttpProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpProber)

public:
    using Options = HttpOptions; // the kind it runs

    explicit HttpProber(QObject *parent = nullptr);
    ~HttpProber() override;

    void start(quint64 id, const ProbeSpec &spec) override;
    void cancel(quint64 id) override;
    int runningCount() const override;
    // Probes started later take their HTTP auth secrets from these.
    void setSecrets(const QHash<QString, QByteArray> &secrets) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
