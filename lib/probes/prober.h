#pragma once

#include "proberesult.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

namespace Vigie {

// What every kind of probe runner offers the engine: one object per kind runs any number of
// probes concurrently on the thread that owns it (the probe thread), each identified by the
// caller's id.
class Prober : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Prober)

public:
    using QObject::QObject;
    ~Prober() override = default;

    // Starts a probe; `finished(id, result)` follows exactly once, later (never from inside
    // start()). The result has status, latencyMs, phases, httpStatus, failedPhase and error set;
    // key, kind, target and timestampMs are left for the caller.
    virtual void start(quint64 id, const ProbeSpec &spec) = 0;
    // Stops a probe without emitting finished; unknown ids are ignored.
    virtual void cancel(quint64 id) = 0;
    virtual int runningCount() const = 0;
    // Secrets by name, fetched from the keychain by the owner (HTTP auth); kept in memory only.
    virtual void setSecrets(const QHash<QString, QByteArray> &secrets) { Q_UNUSED(secrets); }

Q_SIGNALS:
    void finished(quint64 id, const Vigie::ProbeResult &result);
};

} // namespace Vigie
