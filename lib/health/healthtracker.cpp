#include "healthtracker.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>

namespace Vigie {

namespace {

constexpr qint64 dayMs = 24 * 60 * 60 * 1000;
// With no window edge ahead, the tracker still looks again this often, in case one comes into
// MaintenanceSchedule's look-ahead.
constexpr qint64 recheckMs = 7 * dayMs;
// At most this many window edges are replayed one by one when time moves on; a longer jump is
// announced as the state it lands in.
constexpr int maxReplayedEdges = 8;

using Occurrence = MaintenanceSchedule::Occurrence;

struct ProbeData
{
    int downAfter = 3;
    int upAfter = 2;
    HealthState state = HealthState::Unknown;
    // The current run of results on one side of `state`: how long, which side, and the state it
    // would move to (the best of a worse run, the worst of a better one).
    int streak = 0;
    bool streakWorse = false;
    HealthState streakBound = HealthState::Unknown;
    // A provider's status page: the only kind of probe whose results can report maintenance.
    bool reportsMaintenance = false;
    // The latest result says the upstream is in maintenance.
    bool upstreamMaintenance = false;
    Message upstreamDetail;
};

struct ServiceData
{
    QString id;
    QString name;
    QString group;
    std::vector<ProbeData> probes;
    QList<int> dependsOn;  // service indices, in the workspace's order
    QList<int> dependents; // services that name this one in dependsOn
    int depth = 0;         // 0 without dependencies, else one more than its deepest dependency
    QList<int> windows;    // maintenance windows covering it
    ServiceHealth health;
    bool maintenanceFromWindow = false; // health.inMaintenance because of a window, not the upstream
    // A maintenance the previous run announced (the time it began), restored and not yet looked at:
    // the first look either carries it on silently or ends it.
    std::optional<qint64> restoredMaintenanceMs;
};

struct WindowData
{
    QList<int> services;              // the services it covers
    std::optional<Occurrence> active; // as of the tracker's maintenance time
    // Occurrences around the last time asked about, so that a result does not recompute them.
    QList<Occurrence> cache;
    qint64 cacheFromMs = 0;
    qint64 cacheToMs = 0;
    bool cached = false;
};

} // namespace

struct HealthTracker::Private
{
    // Feeds one result to a probe's hysteresis; returns the cause when its state changed.
    static std::optional<Message> feed(ProbeData &probe, const ProbeResult &result);

    std::optional<Occurrence> windowAt(int window, qint64 atMs);
    bool windowCovers(const ServiceData &service, qint64 atMs);
    bool upstreamInMaintenance(const ServiceData &service) const;

    void advanceMaintenance(qint64 toMs, QList<HealthEvent> &events);
    void refreshWindows(qint64 atMs, bool first, QList<HealthEvent> &events);
    qint64 nextCheckAfter(qint64 afterMs) const;
    void updateMaintenance(int service, qint64 atMs, bool first, QList<HealthEvent> &events);

    void applyResult(const ProbeResult &result, QList<HealthEvent> &events);
    int rootCause(int service);
    int findDownDependency(int origin, int service);
    bool reaches(int from, int target);
    void updateImpact(int service, qint64 atMs, QList<HealthEvent> &events);
    void propagateImpact(int service, qint64 atMs, QList<HealthEvent> &events);

    HealthEvent event(const ServiceData &service, HealthEvent::Kind kind, qint64 atMs) const;
    void markChanged(int service);

    MaintenanceSchedule schedule;
    std::vector<ServiceData> services;
    QHash<QString, int> index;
    std::vector<WindowData> windows;

    // How far maintenance has been followed, and when it next needs a look.
    std::optional<qint64> maintenanceNowMs;
    qint64 nextCheckMs = 0;

    std::vector<char> changedFlags;
    std::vector<int> changed;

    // Generation marks, so that walking the dependency graph costs what it visits, not a clear
    // of an array as large as the workspace.
    std::vector<quint32> dfsMarks;
    quint32 dfsGeneration = 0;
    std::vector<quint32> reachMarks;
    quint32 reachGeneration = 0;
    std::vector<quint32> cycleMarks;
    quint32 cycleGeneration = 0;
};

std::optional<Message> HealthTracker::Private::feed(ProbeData &probe, const ProbeResult &result)
{
    const HealthState seen = result.status;
    if (seen == HealthState::Unknown)
        return std::nullopt; // a result that says nothing about the service moves nothing
    const Message what = result.error.isEmpty() ? healthStateMessage(seen) : result.error;
    if (probe.state == HealthState::Unknown) {
        probe.state = seen;
        probe.streak = 0;
        return trMessage("Vigie::HealthTracker", "first result: %1").arg(what);
    }
    if (seen == probe.state) {
        probe.streak = 0;
        return std::nullopt;
    }
    const bool worse = seen > probe.state;
    if (probe.streak == 0 || probe.streakWorse != worse) {
        probe.streak = 0;
        probe.streakWorse = worse;
        probe.streakBound = seen;
    }
    ++probe.streak;
    probe.streakBound = worse ? std::min(probe.streakBound, seen) : std::max(probe.streakBound, seen);
    const int needed = worse ? probe.downAfter : probe.upAfter;
    if (probe.streak < needed)
        return std::nullopt;

    const int count = probe.streak;
    probe.state = probe.streakBound;
    probe.streak = 0;
    if (worse) {
        if (count == 1)
            return trMessage("Vigie::HealthTracker", "failed: %1").arg(what);
        return trMessage("Vigie::HealthTracker", "%n consecutive failures: %1", nullptr, count).arg(what);
    }
    if (count == 1)
        return trMessage("Vigie::HealthTracker", "succeeded again");
    return trMessage("Vigie::HealthTracker", "%n consecutive successes", nullptr, count);
}

std::optional<Occurrence> HealthTracker::Private::windowAt(int window, qint64 atMs)
{
    WindowData &w = windows[window];
    if (!w.cached || atMs < w.cacheFromMs || atMs >= w.cacheToMs) {
        w.cacheFromMs = atMs - dayMs;
        w.cacheToMs = atMs + 8 * dayMs;
        w.cache = schedule.occurrences(window, w.cacheFromMs, w.cacheToMs);
        w.cached = true;
    }
    std::optional<Occurrence> found;
    for (const Occurrence &o : std::as_const(w.cache))
        if (o.startMs <= atMs && atMs < o.endMs && (!found || o.endMs > found->endMs))
            found = o;
    return found;
}

bool HealthTracker::Private::windowCovers(const ServiceData &service, qint64 atMs)
{
    return std::ranges::any_of(service.windows, [&](int w) { return windowAt(w, atMs).has_value(); });
}

bool HealthTracker::Private::upstreamInMaintenance(const ServiceData &service) const
{
    return std::ranges::any_of(service.probes, [](const ProbeData &p) { return p.upstreamMaintenance; });
}

void HealthTracker::Private::advanceMaintenance(qint64 toMs, QList<HealthEvent> &events)
{
    if (!maintenanceNowMs) {
        maintenanceNowMs = toMs;
        refreshWindows(toMs, true, events);
        // A restored maintenance that no window covers now, on a service whose probes cannot
        // report an upstream's, is over; one that a provider may still report waits for its result.
        for (int s = 0; s < int(services.size()); ++s) {
            const ServiceData &service = services[s];
            if (service.restoredMaintenanceMs &&
                std::ranges::none_of(service.probes, [](const ProbeData &p) { return p.reportsMaintenance; }))
                updateMaintenance(s, toMs, true, events);
        }
        nextCheckMs = nextCheckAfter(toMs);
        return;
    }
    if (toMs <= *maintenanceNowMs)
        return;
    // A clock that jumps far forward (a machine woken after days, a clock set from 1970 to today)
    // would replay every edge it skipped: thousands of windows that nobody watched. Past a few
    // edges, only the state at toMs is announced: an end for a maintenance that is over, a
    // beginning for the one under way.
    qint64 edge = nextCheckMs;
    for (int skipped = 0; edge <= toMs; ++skipped) {
        if (skipped == maxReplayedEdges) {
            maintenanceNowMs = toMs;
            refreshWindows(toMs, false, events);
            nextCheckMs = nextCheckAfter(toMs);
            return;
        }
        edge = nextCheckAfter(edge);
    }
    // Edge by edge, so that each window's events carry the time of its own edge.
    while (nextCheckMs <= toMs) {
        const qint64 at = nextCheckMs;
        maintenanceNowMs = at;
        refreshWindows(at, false, events);
        nextCheckMs = nextCheckAfter(at);
    }
    maintenanceNowMs = toMs;
}

qint64 HealthTracker::Private::nextCheckAfter(qint64 afterMs) const
{
    return schedule.nextEdgeAfter(afterMs).value_or(afterMs + recheckMs);
}

void HealthTracker::Private::refreshWindows(qint64 atMs, bool first, QList<HealthEvent> &events)
{
    ++reachGeneration;
    std::vector<int> affected;
    for (int w = 0; w < int(windows.size()); ++w) {
        const std::optional<Occurrence> now = windowAt(w, atMs);
        if (now == windows[w].active)
            continue;
        windows[w].active = now;
        for (int s : std::as_const(windows[w].services)) {
            if (reachMarks[s] == reachGeneration)
                continue;
            reachMarks[s] = reachGeneration;
            affected.push_back(s);
        }
    }
    std::ranges::sort(affected);
    for (int s : affected)
        updateMaintenance(s, atMs, first, events);
}

void HealthTracker::Private::updateMaintenance(int s, qint64 atMs, bool first, QList<HealthEvent> &events)
{
    ServiceData &service = services[s];
    const Occurrence *window = nullptr;
    for (int w : std::as_const(service.windows)) {
        const std::optional<Occurrence> &active = windows[w].active;
        if (active && (!window || active->endMs > window->endMs))
            window = &*active;
    }
    const ProbeData *upstream = nullptr;
    for (const ProbeData &p : service.probes)
        if (p.upstreamMaintenance && !upstream)
            upstream = &p;

    const bool inMaintenance = window != nullptr || upstream != nullptr;
    // The upstream's words are kept as a message, for the event; the board shows them as text.
    const Message nameMessage = window ? Message::verbatim(schedule.windows().at(window->window).name)
                                       : (upstream ? upstream->upstreamDetail : Message());
    const QString name = nameMessage.toString();
    ServiceHealth &health = service.health;
    if (const std::optional<qint64> since = std::exchange(service.restoredMaintenanceMs, std::nullopt)) {
        // The same occurrence of a window, or an upstream still in maintenance, goes on without a
        // word; anything else ended while nobody watched, at the latest when a new window began.
        const bool same = window ? window->startMs <= *since && *since < window->endMs : upstream != nullptr;
        if (same) {
            health.maintenanceName = name;
            service.maintenanceFromWindow = window != nullptr;
            markChanged(s);
            return;
        }
        HealthEvent ended =
            event(service, HealthEvent::Kind::MaintenanceEnd, first && window ? std::min(atMs, window->startMs) : atMs);
        ended.cause = trMessage("Vigie::HealthTracker", "the maintenance was over when monitoring resumed");
        ended.inMaintenance = false;
        events.append(ended);
        health.inMaintenance = false;
        health.maintenanceName.clear();
        markChanged(s);
    }
    if (!inMaintenance && !health.inMaintenance)
        return;
    if (inMaintenance && health.inMaintenance && service.maintenanceFromWindow == (window != nullptr) &&
        (!window || name == health.maintenanceName)) {
        // The same maintenance, in other words (the upstream's text changed): nothing began or ended.
        if (health.maintenanceName != name) {
            health.maintenanceName = name;
            markChanged(s);
        }
        return;
    }

    if (health.inMaintenance) {
        HealthEvent ended = event(service, HealthEvent::Kind::MaintenanceEnd, atMs);
        ended.cause = service.maintenanceFromWindow
                          ? trMessage("Vigie::HealthTracker", "maintenance \"%1\" ended").arg(health.maintenanceName)
                          : trMessage("Vigie::HealthTracker", "the upstream no longer reports maintenance");
        health.inMaintenance = false;
        health.maintenanceName.clear();
        ended.inMaintenance = false;
        events.append(ended);
    }
    if (inMaintenance) {
        health.inMaintenance = true;
        health.maintenanceName = name;
        service.maintenanceFromWindow = window != nullptr;
        // Found already open on the first look: it began at its own start, not when the tracker looked.
        HealthEvent began =
            event(service, HealthEvent::Kind::MaintenanceStart, first && window ? window->startMs : atMs);
        if (window)
            began.cause = trMessage("Vigie::HealthTracker", "maintenance \"%1\" began").arg(name);
        else if (name.isEmpty())
            began.cause = trMessage("Vigie::HealthTracker", "the upstream reports maintenance");
        else
            began.cause = trMessage("Vigie::HealthTracker", "the upstream reports maintenance: %1").arg(nameMessage);
        began.inMaintenance = true;
        events.append(began);
    }
    markChanged(s);
}

void HealthTracker::Private::applyResult(const ProbeResult &result, QList<HealthEvent> &events)
{
    const auto found = index.constFind(result.key.serviceId);
    if (found == index.cend())
        return;
    const int s = *found;
    if (result.key.index < 0 || result.key.index >= int(services[s].probes.size()))
        return;
    const qint64 atMs = result.timestampMs;
    advanceMaintenance(atMs, events);

    ServiceData &service = services[s];
    ProbeData &probe = service.probes[result.key.index];
    if (probe.upstreamMaintenance != result.maintenance ||
        (result.maintenance && probe.upstreamDetail != result.detail)) {
        probe.upstreamMaintenance = result.maintenance;
        probe.upstreamDetail = result.maintenance ? result.detail : Message();
        updateMaintenance(s, atMs, false, events);
    }
    // A restored maintenance no window carried on: the provider's result says whether it goes on.
    if (service.restoredMaintenanceMs && probe.reportsMaintenance)
        updateMaintenance(s, atMs, false, events);

    const HealthState probeBefore = probe.state;
    const std::optional<Message> cause = feed(probe, result);
    if (!cause)
        return;
    // Judged at the result's own time: a probe started inside a window failed inside it.
    const bool inMaintenance = windowCovers(service, atMs) || upstreamInMaintenance(service);

    HealthEvent probeEvent = event(service, HealthEvent::Kind::ProbeState, atMs);
    probeEvent.probeIndex = result.key.index;
    probeEvent.from = probeBefore;
    probeEvent.to = probe.state;
    probeEvent.inMaintenance = inMaintenance;
    probeEvent.cause = *cause;
    events.append(probeEvent);

    HealthState worst = HealthState::Unknown;
    for (const ProbeData &p : service.probes)
        worst = std::max(worst, p.state);
    const HealthState serviceBefore = service.health.state;
    if (worst == serviceBefore)
        return;
    HealthEvent serviceEvent = event(service, HealthEvent::Kind::ServiceState, atMs);
    serviceEvent.from = serviceBefore;
    serviceEvent.to = worst;
    serviceEvent.inMaintenance = inMaintenance;
    serviceEvent.cause = *cause;
    events.append(serviceEvent);
    service.health.state = worst;
    service.health.sinceMs = atMs;
    markChanged(s);

    updateImpact(s, atMs, events);
    if ((serviceBefore == HealthState::Down) != (worst == HealthState::Down))
        propagateImpact(s, atMs, events);
}

// The first down dependency (depth first, in dependsOn order) that nothing below it explains.
int HealthTracker::Private::rootCause(int s)
{
    const HealthState state = services[s].health.state;
    if (state != HealthState::Degraded && state != HealthState::Down)
        return -1;
    ++dfsGeneration;
    dfsMarks[s] = dfsGeneration;
    return findDownDependency(s, s);
}

int HealthTracker::Private::findDownDependency(int origin, int s)
{
    for (int d : std::as_const(services[s].dependsOn)) {
        if (dfsMarks[d] == dfsGeneration)
            continue;
        dfsMarks[d] = dfsGeneration;
        if (const int deeper = findDownDependency(origin, d); deeper >= 0)
            return deeper;
        // In a dependency cycle each member would explain the other's failure and none would
        // raise an alarm: a service that depends back on the origin explains nothing.
        if (services[d].health.state == HealthState::Down && !reaches(d, origin))
            return d;
    }
    return -1;
}

bool HealthTracker::Private::reaches(int from, int target)
{
    ++cycleGeneration;
    std::vector<int> stack{from};
    cycleMarks[from] = cycleGeneration;
    while (!stack.empty()) {
        const int s = stack.back();
        stack.pop_back();
        for (int d : std::as_const(services[s].dependsOn)) {
            if (d == target)
                return true;
            if (cycleMarks[d] == cycleGeneration)
                continue;
            cycleMarks[d] = cycleGeneration;
            stack.push_back(d);
        }
    }
    return false;
}

void HealthTracker::Private::updateImpact(int s, qint64 atMs, QList<HealthEvent> &events)
{
    ServiceData &service = services[s];
    const int root = rootCause(s);
    const QString impactedBy = root >= 0 ? services[root].id : QString();
    if (impactedBy == service.health.impactedBy)
        return;
    if (!service.health.impactedBy.isEmpty()) {
        HealthEvent ended = event(service, HealthEvent::Kind::ImpactEnd, atMs);
        ended.impactedBy = service.health.impactedBy;
        const auto previous = index.constFind(ended.impactedBy);
        const QString name = previous != index.cend() ? services[*previous].name : ended.impactedBy;
        ended.cause = trMessage("Vigie::HealthTracker", "no longer impacted by %1").arg(name);
        events.append(ended);
    }
    service.health.impactedBy = impactedBy;
    if (root >= 0) {
        HealthEvent began = event(service, HealthEvent::Kind::ImpactStart, atMs);
        began.impactedBy = impactedBy;
        began.cause = trMessage("Vigie::HealthTracker", "impacted by %1 (%2)")
                          .arg(services[root].name)
                          .arg(healthStateMessage(services[root].health.state));
        events.append(began);
    }
    markChanged(s);
}

// A service going down or coming back changes what explains the failures of everything that
// depends on it, directly or not: only those are looked at again.
void HealthTracker::Private::propagateImpact(int s, qint64 atMs, QList<HealthEvent> &events)
{
    ++reachGeneration;
    reachMarks[s] = reachGeneration;
    std::vector<int> queue(services[s].dependents.cbegin(), services[s].dependents.cend());
    for (int d : queue)
        reachMarks[d] = reachGeneration;
    for (size_t i = 0; i < queue.size(); ++i) {
        const int d = queue[i];
        updateImpact(d, atMs, events);
        for (int next : std::as_const(services[d].dependents)) {
            if (reachMarks[next] == reachGeneration)
                continue;
            reachMarks[next] = reachGeneration;
            queue.push_back(next);
        }
    }
}

HealthEvent HealthTracker::Private::event(const ServiceData &service, HealthEvent::Kind kind, qint64 atMs) const
{
    HealthEvent e;
    e.timestampMs = atMs;
    e.kind = kind;
    e.serviceId = service.id;
    e.group = service.group;
    e.from = service.health.state;
    e.to = service.health.state;
    e.inMaintenance = service.health.inMaintenance;
    return e;
}

void HealthTracker::Private::markChanged(int s)
{
    if (changedFlags[s])
        return;
    changedFlags[s] = 1;
    changed.push_back(s);
}

HealthTracker::HealthTracker(const Workspace &workspace)
    : d(std::make_unique<Private>())
{
    d->schedule = MaintenanceSchedule(workspace.maintenance);
    const int count = int(workspace.services.size());
    d->services.resize(count);
    d->index.reserve(count);
    for (int s = 0; s < count; ++s) {
        const Service &from = workspace.services.at(s);
        ServiceData &service = d->services[s];
        service.id = from.id;
        service.name = from.name.isEmpty() ? from.id : from.name;
        service.group = from.group;
        service.probes.resize(from.probes.size());
        for (int p = 0; p < int(from.probes.size()); ++p) {
            service.probes[p].downAfter = std::max(1, from.probes.at(p).downAfter);
            service.probes[p].upAfter = std::max(1, from.probes.at(p).upAfter);
            service.probes[p].reportsMaintenance = probeKindInfo(from.probes.at(p).kind()).reportsMaintenance;
        }
        d->index.insert(from.id, s);
    }
    for (int s = 0; s < count; ++s) {
        for (const QString &id : workspace.services.at(s).dependsOn) {
            const auto dependency = d->index.constFind(id);
            if (dependency == d->index.cend() || *dependency == s)
                continue;
            d->services[s].dependsOn.append(*dependency);
            d->services[*dependency].dependents.append(s);
        }
    }
    // Depths, in topological order (Kahn); the members of a cycle keep what they reached.
    {
        std::vector<int> waiting(count);
        std::vector<int> ready;
        for (int s = 0; s < count; ++s)
            if ((waiting[s] = int(d->services[s].dependsOn.size())) == 0)
                ready.push_back(s);
        while (!ready.empty()) {
            const int s = ready.back();
            ready.pop_back();
            for (int dependent : std::as_const(d->services[s].dependents)) {
                d->services[dependent].depth = std::max(d->services[dependent].depth, d->services[s].depth + 1);
                if (--waiting[dependent] == 0)
                    ready.push_back(dependent);
            }
        }
    }
    d->windows.resize(workspace.maintenance.size());
    for (int w = 0; w < int(workspace.maintenance.size()); ++w) {
        const MaintenanceWindow &window = workspace.maintenance.at(w);
        for (int s = 0; s < count; ++s) {
            if (!window.covers(d->services[s].id, d->services[s].group))
                continue;
            d->windows[w].services.append(s);
            d->services[s].windows.append(w);
        }
    }
    d->changedFlags.assign(count, 0);
    d->dfsMarks.assign(count, 0);
    d->reachMarks.assign(count, 0);
    d->cycleMarks.assign(count, 0);
}

HealthTracker::~HealthTracker() = default;

void HealthTracker::restore(const QList<HealthEvent> &latestEvents)
{
    const int count = int(d->services.size());
    std::vector<std::optional<HealthState>> serviceStates(count);
    // If the list holds more than one event for a probe or a service, the latest one wins.
    QHash<ProbeKey, qint64> probeTimes;
    std::vector<qint64> serviceTimes(count, std::numeric_limits<qint64>::min());
    std::vector<const HealthEvent *> maintenance(count, nullptr);
    for (const HealthEvent &e : latestEvents) {
        const auto found = d->index.constFind(e.serviceId);
        if (found == d->index.cend())
            continue;
        const int s = *found;
        if (e.kind == HealthEvent::Kind::ProbeState) {
            if (e.probeIndex < 0 || e.probeIndex >= int(d->services[s].probes.size()))
                continue;
            const ProbeKey key{e.serviceId, e.probeIndex};
            if (const auto time = probeTimes.constFind(key); time != probeTimes.cend() && *time > e.timestampMs)
                continue;
            probeTimes.insert(key, e.timestampMs);
            ProbeData &probe = d->services[s].probes[e.probeIndex];
            probe.state = e.to;
            probe.streak = 0;
        } else if (e.kind == HealthEvent::Kind::ServiceState && e.timestampMs >= serviceTimes[s]) {
            serviceTimes[s] = e.timestampMs;
            serviceStates[s] = e.to;
        } else if (e.kind == HealthEvent::Kind::MaintenanceStart || e.kind == HealthEvent::Kind::MaintenanceEnd) {
            const HealthEvent *&latest = maintenance[s];
            if (!latest || std::tie(e.timestampMs, e.id) >= std::tie(latest->timestampMs, latest->id))
                latest = &e;
        }
    }
    // Before the first look at the windows (restore comes first): what the previous run left open
    // stays open until that look, without announcing it again.
    for (int s = 0; s < count; ++s) {
        if (!maintenance[s] || maintenance[s]->kind != HealthEvent::Kind::MaintenanceStart || d->maintenanceNowMs)
            continue;
        ServiceData &service = d->services[s];
        service.restoredMaintenanceMs = maintenance[s]->timestampMs;
        service.health.inMaintenance = true;
        d->markChanged(s);
    }
    for (int s = 0; s < count; ++s) {
        ServiceData &service = d->services[s];
        HealthState worst = HealthState::Unknown;
        for (const ProbeData &p : service.probes)
            worst = std::max(worst, p.state);
        // The service's own event stands in only when none of its probes' did survive.
        const HealthState state = worst != HealthState::Unknown ? worst : serviceStates[s].value_or(worst);
        // The stored event that moved the service to this state says since when.
        const qint64 since = serviceStates[s] == state ? serviceTimes[s] : 0;
        if (state != service.health.state || since != service.health.sinceMs) {
            service.health.state = state;
            service.health.sinceMs = since;
            d->markChanged(s);
        }
    }
    for (int s = 0; s < count; ++s) {
        const int root = d->rootCause(s);
        const QString impactedBy = root >= 0 ? d->services[root].id : QString();
        if (impactedBy != d->services[s].health.impactedBy) {
            d->services[s].health.impactedBy = impactedBy;
            d->markChanged(s);
        }
    }
}

QList<HealthEvent> HealthTracker::apply(const QList<ProbeResult> &results)
{
    // Within a batch, dependencies are judged before what depends on them (each probe's results
    // keep their order): a dependent failing with its dependency is impacted from its first change,
    // never an alarm first.
    QList<ProbeResult> ordered = results;
    const auto depth = [this](const ProbeResult &result) {
        const auto found = d->index.constFind(result.key.serviceId);
        return found != d->index.cend() ? d->services[*found].depth : 0;
    };
    std::ranges::stable_sort(ordered, {}, depth);
    QList<HealthEvent> events;
    for (const ProbeResult &result : std::as_const(ordered))
        d->applyResult(result, events);
    return events;
}

QList<HealthEvent> HealthTracker::advanceTo(qint64 nowMs)
{
    QList<HealthEvent> events;
    d->advanceMaintenance(nowMs, events);
    return events;
}

std::optional<qint64> HealthTracker::nextWakeMs(qint64 afterMs) const
{
    return d->schedule.nextEdgeAfter(afterMs);
}

ServiceHealth HealthTracker::serviceHealth(const QString &serviceId) const
{
    const auto found = d->index.constFind(serviceId);
    return found != d->index.cend() ? d->services[*found].health : ServiceHealth{};
}

HealthState HealthTracker::probeState(const ProbeKey &key) const
{
    const auto found = d->index.constFind(key.serviceId);
    if (found == d->index.cend() || key.index < 0 || key.index >= int(d->services[*found].probes.size()))
        return HealthState::Unknown;
    return d->services[*found].probes[key.index].state;
}

QStringList HealthTracker::takeChangedServices()
{
    QStringList ids;
    ids.reserve(qsizetype(d->changed.size()));
    for (int s : d->changed) {
        ids.append(d->services[s].id);
        d->changedFlags[s] = 0;
    }
    d->changed.clear();
    return ids;
}

} // namespace Vigie
