#include "monitor.h"

#include "health/healthtracker.h"
#include "probes/probeengine.h"
#include "store/resultstore.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <optional>

namespace Vigie {

namespace {

// QTimer counts in int milliseconds, and a far-off wake-up is better re-checked now and then: the
// wall clock may have been changed or the machine suspended meanwhile.
constexpr qint64 MaxWakeDelayMs = 60 * 60 * 1000;

} // namespace

struct Monitor::Private
{
    Private(Monitor *monitor, Clock *monitorClock)
        : q(monitor)
        , clock(monitorClock)
        , engine(monitorClock)
        , tracker(std::make_unique<HealthTracker>(workspace))
    {}

    void onResults(const QList<ProbeResult> &results);
    void onRestored(quint64 token, const QList<HealthEvent> &latest, const QList<ProbeResult> &lastResults);
    void onRunningCountChanged(int running);
    void track(QList<ProbeResult> results);
    void advance();
    void publish(const QList<HealthEvent> &events);
    void armWake();

    Monitor *q;
    Clock *clock;
    ProbeEngine engine;
    QPointer<ResultStore> store;
    Workspace workspace;
    std::unique_ptr<HealthTracker> tracker;
    QTimer wake;
    bool running = false;
    // Results are taken from start() or runOnce() until the probe thread has handed over its last
    // batch after stop() (draining) or runOnce() has finished: a batch that comes later belongs to
    // a run that is over, and is dropped.
    bool accepting = false;
    bool draining = false;
    // Results are stored and shown as they come, but reach the tracker only once it holds the
    // states of the previous run: otherwise every state would be announced again as new.
    bool restoring = false;
    QList<ProbeResult> held;
    // Each restore and each workspace gets a token, so that a restore finishing after another
    // start() or setWorkspace() is ignored.
    quint64 token = 0;
};

void Monitor::Private::onResults(const QList<ProbeResult> &results)
{
    if (!accepting)
        return;
    if (store)
        store->append(results);
    if (restoring) {
        // Shown after the stored results, so that the board never goes back in time.
        held.append(results);
        return;
    }
    Q_EMIT q->resultsReady(results);
    track(results);
}

void Monitor::Private::onRestored(quint64 restoreToken, const QList<HealthEvent> &latest,
                                  const QList<ProbeResult> &lastResults)
{
    if (restoreToken != token || !restoring)
        return;
    restoring = false;
    // The last known result of each probe, unless the probe was edited since (another target):
    // that one starts afresh rather than with stale history.
    QList<ProbeResult> seed;
    for (const ProbeResult &result : lastResults) {
        const Service *service = workspace.service(result.key.serviceId);
        if (service && result.key.index >= 0 && result.key.index < service->probes.size() &&
            service->probes.at(result.key.index).target == result.target)
            seed.append(result);
    }
    if (!seed.isEmpty())
        Q_EMIT q->resultsReady(seed);
    tracker->restore(latest);
    QList<ProbeResult> live = std::exchange(held, {});
    if (!live.isEmpty())
        Q_EMIT q->resultsReady(live);
    track(std::move(live));
}

void Monitor::Private::onRunningCountChanged(int runningCount)
{
    Q_EMIT q->runningCountChanged(runningCount);
    if (runningCount == 0 && draining) {
        draining = false;
        accepting = false;
        Q_EMIT q->drained();
    }
}

void Monitor::Private::track(QList<ProbeResult> results)
{
    // The tracker wants results in time order; a batch comes in the order probes finished.
    std::stable_sort(results.begin(), results.end(),
                     [](const ProbeResult &a, const ProbeResult &b) { return a.timestampMs < b.timestampMs; });
    QList<HealthEvent> events = tracker->apply(results);
    events += tracker->advanceTo(clock->nowMs());
    publish(events);
    armWake();
}

void Monitor::Private::advance()
{
    if (!restoring)
        publish(tracker->advanceTo(clock->nowMs()));
    armWake();
}

void Monitor::Private::publish(const QList<HealthEvent> &events)
{
    if (!events.isEmpty()) {
        if (store)
            store->appendEvents(events);
        Q_EMIT q->eventsRaised(events);
    }
    QHash<QString, ServiceHealth> changed;
    for (const QString &id : tracker->takeChangedServices())
        changed.insert(id, tracker->serviceHealth(id));
    if (!changed.isEmpty())
        Q_EMIT q->healthChanged(changed);
}

void Monitor::Private::armWake()
{
    wake.stop();
    if (!running || restoring)
        return;
    const qint64 now = clock->nowMs();
    const std::optional<qint64> next = tracker->nextWakeMs(now);
    if (!next)
        return;
    // A timer that fires early (a coarse timer, or a clock that lags) finds nothing to do yet and
    // re-arms for the rest.
    wake.start(std::chrono::milliseconds(std::clamp<qint64>(*next - now, 0, MaxWakeDelayMs)));
}

Monitor::Monitor(Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, clock))
{
    qRegisterMetaType<QList<HealthEvent>>();
    d->wake.setSingleShot(true);
    d->wake.setTimerType(Qt::PreciseTimer);
    connect(&d->wake, &QTimer::timeout, this, [this] { d->advance(); });
    connect(&d->engine, &ProbeEngine::resultsReady, this,
            [this](const QList<ProbeResult> &results) { d->onResults(results); });
    connect(&d->engine, &ProbeEngine::runningCountChanged, this,
            [this](int running) { d->onRunningCountChanged(running); });
    connect(&d->engine, &ProbeEngine::finishedOnce, this, [this] {
        if (d->running || d->draining)
            return;
        d->accepting = false;
        Q_EMIT finishedOnce();
    });
}

Monitor::~Monitor() = default;

void Monitor::setStore(ResultStore *store)
{
    d->store = store;
}

void Monitor::setWorkspace(const Workspace &workspace)
{
    stop();
    ++d->token;
    d->restoring = false;
    d->accepting = false;
    d->draining = false;
    d->held.clear();
    d->workspace = workspace;
    d->tracker = std::make_unique<HealthTracker>(d->workspace);
    d->engine.setWorkspace(workspace);
}

void Monitor::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    d->engine.setSecrets(secrets);
}

void Monitor::start()
{
    const quint64 token = ++d->token;
    d->running = true;
    d->accepting = true;
    d->draining = false;
    // Probing starts at once; the restore only delays what the tracker makes of the results.
    d->engine.start();
    if (!d->store) {
        d->restoring = false;
        d->advance();
        return;
    }
    d->restoring = true;
    d->wake.stop();
    // Both reads run at once; the restore waits for the second to end.
    auto *events = new QFutureWatcher<QList<HealthEvent>>(this);
    auto *results = new QFutureWatcher<QList<ProbeResult>>(this);
    const auto restoreWhenBoth = [this, events, results, token] {
        if (!events->isFinished() || !results->isFinished())
            return;
        events->deleteLater();
        results->deleteLater();
        // A store that cannot be read leaves health to start afresh: probing matters more.
        d->onRestored(token, events->future().resultCount() > 0 ? events->result() : QList<HealthEvent>(),
                      results->future().resultCount() > 0 ? results->result() : QList<ProbeResult>());
    };
    connect(events, &QFutureWatcher<QList<HealthEvent>>::finished, this, restoreWhenBoth);
    connect(results, &QFutureWatcher<QList<ProbeResult>>::finished, this, restoreWhenBoth);
    events->setFuture(d->store->latestStateEvents());
    results->setFuture(d->store->latestResults());
}

void Monitor::stop()
{
    const bool wasRunning = d->running;
    d->running = false;
    d->wake.stop();
    d->engine.stop();
    if (!wasRunning)
        return;
    if (d->engine.runningCount() > 0) {
        // The probe thread hands over what it holds, then says it runs nothing.
        d->draining = true;
        return;
    }
    d->accepting = false;
    QMetaObject::invokeMethod(this, &Monitor::drained, Qt::QueuedConnection);
}

void Monitor::runOnce()
{
    stop();
    ++d->token;
    d->restoring = false;
    d->draining = false;
    d->accepting = true;
    // Windows open now apply to these results.
    d->publish(d->tracker->advanceTo(d->clock->nowMs()));
    d->engine.runOnce();
}

bool Monitor::isDraining() const
{
    return d->draining;
}

const Workspace &Monitor::workspace() const
{
    return d->workspace;
}

ServiceHealth Monitor::serviceHealth(const QString &serviceId) const
{
    return d->tracker->serviceHealth(serviceId);
}

int Monitor::runningCount() const
{
    return d->engine.runningCount();
}

} // namespace Vigie
