#pragma once

#include "proberesult.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace Vigie {

// Runs HTTP(S) probes through libcurl's multi interface, driven by Qt socket notifiers and a
// timer (curl_multi_socket_action): one object, any number of concurrent probes, all on the
// thread that owns it (the probe thread). Every probe uses a fresh connection (no reuse), so that
// each one measures resolve, connect and TLS; the spec's timeout is a hard deadline for the whole
// probe, and the body read is capped at spec.maxBodyBytes.
class HttpProber final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpProber)

public:
    explicit HttpProber(QObject *parent = nullptr);
    ~HttpProber() override;

    // Starts a probe; `finished(id, result)` follows exactly once, later (never from inside
    // start()). The result has status, latencyMs, phases, httpStatus, failedPhase and error set;
    // key, kind, target and timestampMs are left for the caller.
    void start(quint64 id, const ProbeSpec &spec);
    // Stops a probe without emitting finished.
    void cancel(quint64 id);
    int runningCount() const;

Q_SIGNALS:
    void finished(quint64 id, const Vigie::ProbeResult &result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
