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
    void onRestored(quint64 token, const QList<HealthEvent> &latest);
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
    if (store)
        store->append(results);
    Q_EMIT q->resultsReady(results);
    if (restoring) {
        held.append(results);
        return;
    }
    track(results);
}

void Monitor::Private::onRestored(quint64 restoreToken, const QList<HealthEvent> &latest)
{
    if (restoreToken != token || !restoring)
        return;
    restoring = false;
    tracker->restore(latest);
    track(std::exchange(held, {}));
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
    connect(&d->engine, &ProbeEngine::runningCountChanged, this, &Monitor::runningCountChanged);
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
    // Probing starts at once; the restore only delays what the tracker makes of the results.
    d->engine.start();
    if (!d->store) {
        d->restoring = false;
        d->advance();
        return;
    }
    d->restoring = true;
    d->wake.stop();
    auto *watcher = new QFutureWatcher<QList<HealthEvent>>(this);
    connect(watcher, &QFutureWatcher<QList<HealthEvent>>::finished, this, [this, watcher, token] {
        watcher->deleteLater();
        // A store that cannot be read leaves health to start afresh: probing matters more.
        const QList<HealthEvent> latest =
            watcher->future().resultCount() > 0 ? watcher->result() : QList<HealthEvent>();
        d->onRestored(token, latest);
    });
    watcher->setFuture(d->store->latestStateEvents());
}

void Monitor::stop()
{
    d->running = false;
    d->wake.stop();
    d->engine.stop();
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
