#pragma once

#include "core/clock.h"
#include "health/healthevent.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace Vigie {

class ResultStore;

// One workspace being watched: the probe engine, the health tracker (hysteresis, maintenance
// windows, dependencies) and the store, wired together the same way for the console and for
// `vigie watch`. Lives on its owner's thread (the GUI thread in the console); probes run on the
// engine's thread; the tracker's work per batch is a few hash lookups.
//
// Results and the events they cause are appended to the store (when one is set) in the order
// they happen. On start() the tracker is restored from the store's latest state events, so a
// restart does not announce every state again, and the board gets each probe's last stored result
// (through resultsReady, before any live result) so that it shows something at once.
//
// Results count only for the run that asked for them: after stop(), the probe thread's last batch
// is still tracked and stored, then drained() says so, and anything that comes later is dropped.
class Monitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Monitor)

public:
    explicit Monitor(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~Monitor() override;

    // The store results and events go to (not owned; may be null: nothing is kept).
    void setStore(ResultStore *store);
    void setWorkspace(const Workspace &workspace);
    void setSecrets(const QHash<QString, QByteArray> &secrets);

    // Restores health from the store (asynchronously), then probes on schedule until stop().
    void start();
    // Stops probing; the batch the probe thread still holds arrives, then drained().
    void stop();
    // Runs every probe once, concurrently, with the tracker's maintenance windows and dependencies
    // (no restore: nothing is announced, the health is for the caller to read); finishedOnce()
    // follows the last result.
    void runOnce();
    // Whether a stop() waits for the probe thread's last batch.
    bool isDraining() const;

    const Workspace &workspace() const;
    ServiceHealth serviceHealth(const QString &serviceId) const;
    int runningCount() const;

Q_SIGNALS:
    // Raw results, in batches (the board's latencies and sparklines).
    void resultsReady(const QList<Vigie::ProbeResult> &results);
    // Services whose ServiceHealth changed, with their new health.
    void healthChanged(const QHash<QString, Vigie::ServiceHealth> &changed);
    // State changes, maintenance and impact, as they happen (already queued for the store).
    void eventsRaised(const QList<Vigie::HealthEvent> &events);
    void runningCountChanged(int running);
    // After stop(): the last batch has been tracked and queued for the store.
    void drained();
    // After runOnce(): every probe has reported.
    void finishedOnce();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
