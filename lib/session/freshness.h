#pragma once

#include "core/clock.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace Vigie {

// Whether what a screen shows is live: the time of the newest result, and whether results still
// arrive, probing still runs and the store still writes. A wall display runs unattended for weeks;
// when any of these stops, it must say so over the whole wall rather than keep showing the last
// colours as if they were current.
//
// Results are late once none has arrived for two of the workspace's shortest probe intervals (plus
// that probe's timeout, which a slow answer may use). The session feeds it; it re-checks itself
// every second and emits changed() only when the verdict changes.
class Freshness final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Freshness)

public:
    // Worst last: a screen shows the first reason that applies from the bottom up.
    enum class State {
        Live,       // results arrive as expected
        Waiting,    // running, but nothing has arrived yet since it started
        Late,       // no result for two intervals
        StoreFails, // results arrive but cannot be kept
        Stopped,    // probing is not running
    };
    Q_ENUM(State)

    explicit Freshness(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~Freshness() override;

    // The shortest probe interval and the timeout of that probe (results are expected that often).
    void setExpectedInterval(std::chrono::milliseconds interval, std::chrono::milliseconds grace = {});
    void noteResults(const QList<ProbeResult> &results);
    void setRunning(bool running);
    // Empty when the store writes (again).
    void setStoreError(const QString &error);

    // Re-evaluates now (it also does every second while running).
    void recheck();

    State state() const;
    bool isStale() const { return state() > State::Waiting; }
    // The newest result's time (UTC), invalid before the first one.
    QDateTime lastResult() const;
    // How long results may be missing before they are late.
    std::chrono::milliseconds lateAfter() const;
    // Why the screen is not live, in a sentence for a banner; empty when live.
    QString reason() const;

    // The probe interval and timeout that set the expected rate for a workspace: those of its
    // probe with the shortest interval; zero when it has none.
    static std::pair<std::chrono::milliseconds, std::chrono::milliseconds> expectedRate(const Workspace &workspace);

Q_SIGNALS:
    void changed();

private:
    State compute() const;

    Clock *m_clock;
    std::chrono::milliseconds m_interval{0};
    std::chrono::milliseconds m_grace{0};
    qint64 m_lastResultMs = 0;
    qint64 m_runningSinceMs = 0;
    bool m_running = false;
    QString m_storeError;
    State m_state = State::Stopped;
    QTimer m_ticker;
};

} // namespace Vigie
