#pragma once

#include "core/clock.h"
#include "proberesult.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace Vigie {

// Schedules and runs a workspace's probes on a probe thread of its own (an event loop that owns
// libcurl's multi handle and the sockets). Each probe runs every `interval`, its first run offset
// by a stable jitter (a hash of its key spread over the interval) so that a thousand probes with
// the same interval do not fire in the same millisecond. Results come back to the owner's thread
// in batches (at most every 100 ms) through resultsReady.
class ProbeEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProbeEngine)

public:
    explicit ProbeEngine(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~ProbeEngine() override; // stops the probe thread

    void setWorkspace(const Workspace &workspace);
    // Secrets by name for HTTP auth (fetched from the keychain by the caller, off the GUI thread).
    void setSecrets(const QHash<QString, QByteArray> &secrets);
    // Runs every probe on its schedule until stop().
    void start();
    void stop();
    // Runs every probe once, concurrently; finishedOnce() follows the last result.
    void runOnce();

    // Probes on a schedule: all of the workspace's after start(), none after stop().
    int runningCount() const;

    // How well the schedule is kept, since start() or the last resetStatistics(); thread-safe.
    struct Statistics
    {
        quint64 launched = 0;  // probes started
        quint64 completed = 0; // results delivered
        quint64 skipped = 0;   // turns skipped because the previous run of that probe was still going
        // Schedule lag: how late each probe started after its due time, in milliseconds.
        double lagP50Ms = 0;
        double lagP99Ms = 0;
        double lagMaxMs = 0;
    };
    Statistics statistics() const;
    void resetStatistics();

    // Where in its interval a probe first runs: stable for a key, spread evenly over the interval.
    static qint64 jitterOffsetMs(const ProbeKey &key, std::chrono::milliseconds interval);

Q_SIGNALS:
    void resultsReady(const QList<Vigie::ProbeResult> &results);
    void runningCountChanged(int running);
    void finishedOnce();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
