#include "probeengine.h"

#include "prober.h"
#include "proberregistry.h"

#include <QMutex>

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <queue>
#include <vector>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr std::chrono::milliseconds BatchInterval{100};
// First runs are spread over this window at start, so the board fills within seconds whatever the
// intervals; each probe then settles into its own slot of its interval. Large workspaces get a
// longer window: 11,000 first runs in 2 s would fall seconds behind on a small machine and make
// short-timeout probes fail for the engine's own sake.
constexpr qint64 StartSpreadMs = 2000;
constexpr qint64 StartRatePerSecond = 1000;

// The first time slot + k * interval (k >= 0) that is not before notBefore.
qint64 nextSlot(qint64 slot, qint64 interval, qint64 notBefore)
{
    if (notBefore <= slot)
        return slot;
    return slot + (notBefore - slot + interval - 1) / interval * interval;
}

// FNV-1a: stable across runs and platforms, unlike qHash's per-process seed, so a probe keeps its
// slot in the interval from one start to the next.
quint64 stableHash(const QString &text)
{
    quint64 hash = 1469598103934665603ULL;
    for (QChar c : text) {
        hash ^= c.unicode();
        hash *= 1099511628211ULL;
    }
    return hash;
}

// Schedule lag in 1 ms buckets up to 10 s (the last bucket holds everything later): percentiles
// at a fixed cost whatever the number of probes.
class LagHistogram
{
public:
    void add(qint64 lagMs)
    {
        const auto bucket = size_t(std::clamp<qint64>(lagMs, 0, qint64(m_buckets.size() - 1)));
        ++m_buckets[bucket];
        ++m_count;
        m_max = std::max(m_max, lagMs);
    }
    double percentile(double p) const
    {
        if (m_count == 0)
            return 0;
        const auto rank = quint64(std::ceil(p * double(m_count)));
        quint64 seen = 0;
        for (size_t i = 0; i < m_buckets.size(); ++i) {
            seen += m_buckets[i];
            if (seen >= std::max<quint64>(rank, 1))
                return double(i);
        }
        return double(m_buckets.size() - 1);
    }
    double max() const { return double(m_max); }
    void reset()
    {
        m_buckets.fill(0);
        m_count = 0;
        m_max = 0;
    }

private:
    std::array<quint64, 10'001> m_buckets{};
    quint64 m_count = 0;
    qint64 m_max = 0;
};

} // namespace

// Lives on the probe thread: the schedule, the probers and the pending batch.
class ProbeWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProbeWorker)

public:
    explicit ProbeWorker(Clock *clock)
        : m_clock(clock)
        , m_probers(createProbers(this))
        , m_tick(this) // parented, so that moveToThread() takes the timers along
        , m_batchTimer(this)
    {
        m_tick.setSingleShot(true);
        m_tick.setTimerType(Qt::PreciseTimer);
        m_batchTimer.setSingleShot(true);
        m_batchTimer.setInterval(BatchInterval);
        connect(&m_tick, &QTimer::timeout, this, &ProbeWorker::runDue);
        connect(&m_batchTimer, &QTimer::timeout, this, &ProbeWorker::flushBatch);
        for (Prober *prober : m_probers)
            connect(prober, &Prober::finished, this, &ProbeWorker::onFinished);
        m_monotonic.start();
    }

    void setWorkspace(const Workspace &workspace)
    {
        stop();
        m_probes.clear();
        for (const Service &service : workspace.services)
            for (int i = 0; i < service.probes.size(); ++i)
                m_probes.push_back(Probe{ProbeKey{service.id, i}, service.probes[i]});
    }

    void setSecrets(const QHash<QString, QByteArray> &secrets)
    {
        for (Prober *prober : m_probers)
            prober->setSecrets(secrets);
    }

    ProbeEngine::Statistics statistics() const
    {
        const QMutexLocker lock(&m_statsMutex);
        ProbeEngine::Statistics stats = m_stats;
        stats.lagP50Ms = m_lag.percentile(0.50);
        stats.lagP99Ms = m_lag.percentile(0.99);
        stats.lagMaxMs = m_lag.max();
        return stats;
    }

    void resetStatistics()
    {
        const QMutexLocker lock(&m_statsMutex);
        m_stats = {};
        m_lag.reset();
    }

    void start()
    {
        stop();
        const qint64 now = m_monotonic.elapsed();
        const qint64 spread = std::max(StartSpreadMs, qint64(m_probes.size()) * 1000 / StartRatePerSecond);
        for (size_t i = 0; i < m_probes.size(); ++i) {
            const qint64 interval = std::max<qint64>(1, m_probes[i].spec.interval.count());
            const qint64 jitter = ProbeEngine::jitterOffsetMs(m_probes[i].key, m_probes[i].spec.interval);
            m_queue.push(Due{now + jitter % std::min(interval, spread), now + jitter, i});
        }
        Q_EMIT scheduledCountChanged(int(m_probes.size()));
        armTick();
    }

    void stop()
    {
        m_tick.stop();
        m_queue = {};
        for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
            m_probers[size_t(m_probes[it->probe].spec.kind())]->cancel(it.key());
        m_inFlight.clear();
        m_onceOutstanding = 0;
        flushBatch();
        Q_EMIT scheduledCountChanged(0);
    }

    void runOnce()
    {
        m_onceOutstanding = 0;
        for (size_t i = 0; i < m_probes.size(); ++i)
            if (launch(i))
                ++m_onceOutstanding;
        if (m_onceOutstanding == 0) {
            flushBatch();
            Q_EMIT finishedOnce();
        }
    }

Q_SIGNALS:
    void batchReady(const QList<Vigie::ProbeResult> &results);
    void scheduledCountChanged(int count);
    void finishedOnce();

private:
    struct Probe
    {
        ProbeKey key;
        ProbeSpec spec;
        bool inFlight = false;
    };
    struct Due
    {
        qint64 atMs;   // on m_monotonic
        qint64 slotMs; // the probe's place in its interval: it runs at slotMs + k * interval
        size_t probe;
        bool operator>(const Due &other) const { return atMs > other.atMs; }
    };

    void armTick()
    {
        if (m_queue.empty())
            return;
        const qint64 wait = std::max<qint64>(0, m_queue.top().atMs - m_monotonic.elapsed());
        m_tick.start(std::chrono::milliseconds(wait));
    }

    void runDue()
    {
        const qint64 now = m_monotonic.elapsed();
        while (!m_queue.empty() && m_queue.top().atMs <= now) {
            Due due = m_queue.top();
            m_queue.pop();
            // A probe still running from its last turn skips this one rather than pile up; its
            // timeout is at most its interval, so this only happens under overload.
            const bool launched = launch(due.probe);
            {
                const QMutexLocker lock(&m_statsMutex);
                if (launched)
                    m_lag.add(now - due.atMs);
                else
                    ++m_stats.skipped;
            }
            const qint64 interval = std::max<qint64>(1, m_probes[due.probe].spec.interval.count());
            // The next slot at least half an interval on (so the start-up run and the first slot
            // do not come back to back) and after now: no drift, and a late tick catches up once
            // instead of firing a backlog.
            due.atMs = nextSlot(due.slotMs, interval, std::max(due.atMs + (interval + 1) / 2, now + 1));
            m_queue.push(due);
        }
        armTick();
    }

    bool launch(size_t index)
    {
        Probe &probe = m_probes[index];
        if (probe.inFlight)
            return false;
        probe.inFlight = true;
        const quint64 id = ++m_nextId;
        m_inFlight.insert(id, Started{index, m_clock->nowMs()});
        {
            const QMutexLocker lock(&m_statsMutex);
            ++m_stats.launched;
        }
        m_probers[size_t(probe.spec.kind())]->start(id, probe.spec);
        return true;
    }

    void onFinished(quint64 id, const ProbeResult &partial)
    {
        const auto it = m_inFlight.constFind(id);
        if (it == m_inFlight.cend())
            return;
        const Started started = *it;
        m_inFlight.erase(it);
        Probe &probe = m_probes[started.probe];
        probe.inFlight = false;

        ProbeResult result = partial;
        result.key = probe.key;
        result.kind = probe.spec.kindName();
        result.target = probe.spec.target;
        result.timestampMs = started.atMs;
        m_batch.append(std::move(result));
        {
            const QMutexLocker lock(&m_statsMutex);
            ++m_stats.completed;
        }

        if (m_onceOutstanding > 0 && --m_onceOutstanding == 0) {
            flushBatch();
            Q_EMIT finishedOnce();
            return;
        }
        if (!m_batchTimer.isActive())
            m_batchTimer.start();
    }

    void flushBatch()
    {
        m_batchTimer.stop();
        if (m_batch.isEmpty())
            return;
        Q_EMIT batchReady(std::exchange(m_batch, {}));
    }

    struct Started
    {
        size_t probe;
        qint64 atMs; // wall clock, UTC
    };

    Clock *m_clock;
    // One per ProbeKind, at the kind's index.
    std::array<Prober *, probeKindCount> m_probers;
    mutable QMutex m_statsMutex;
    ProbeEngine::Statistics m_stats;
    LagHistogram m_lag;
    std::vector<Probe> m_probes;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_queue;
    QHash<quint64, Started> m_inFlight;
    QList<ProbeResult> m_batch;
    QElapsedTimer m_monotonic;
    QTimer m_tick;
    QTimer m_batchTimer;
    quint64 m_nextId = 0;
    int m_onceOutstanding = 0;
};

struct ProbeEngine::Private
{
    QThread thread;
    QPointer<ProbeWorker> worker;
    std::atomic<int> running{0};
};

ProbeEngine::ProbeEngine(Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    qRegisterMetaType<QList<ProbeResult>>();
    d->thread.setObjectName(u"probe"_s);
    auto *worker = new ProbeWorker(clock);
    worker->moveToThread(&d->thread);
    d->worker = worker;
    connect(&d->thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &ProbeWorker::batchReady, this, &ProbeEngine::resultsReady);
    connect(worker, &ProbeWorker::scheduledCountChanged, this, [this](int running) {
        if (d->running.exchange(running) != running)
            Q_EMIT runningCountChanged(running);
    });
    connect(worker, &ProbeWorker::finishedOnce, this, &ProbeEngine::finishedOnce);
    d->thread.start();
}

ProbeEngine::~ProbeEngine()
{
    if (d->worker)
        QMetaObject::invokeMethod(d->worker, &ProbeWorker::stop, Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
}

void ProbeEngine::setWorkspace(const Workspace &workspace)
{
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, workspace] { worker->setWorkspace(workspace); }, Qt::QueuedConnection);
}

void ProbeEngine::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, secrets] { worker->setSecrets(secrets); }, Qt::QueuedConnection);
}

ProbeEngine::Statistics ProbeEngine::statistics() const
{
    return d->worker ? d->worker->statistics() : Statistics{};
}

void ProbeEngine::resetStatistics()
{
    if (d->worker)
        d->worker->resetStatistics();
}

void ProbeEngine::start()
{
    QMetaObject::invokeMethod(d->worker, &ProbeWorker::start, Qt::QueuedConnection);
}

void ProbeEngine::stop()
{
    QMetaObject::invokeMethod(d->worker, &ProbeWorker::stop, Qt::QueuedConnection);
}

void ProbeEngine::runOnce()
{
    QMetaObject::invokeMethod(d->worker, &ProbeWorker::runOnce, Qt::QueuedConnection);
}

int ProbeEngine::runningCount() const
{
    return d->running.load();
}

qint64 ProbeEngine::jitterOffsetMs(const ProbeKey &key, std::chrono::milliseconds interval)
{
    const qint64 span = std::max<qint64>(1, interval.count());
    return qint64(stableHash(key.toString()) % quint64(span));
}

} // namespace Vigie

#include "probeengine.moc"
