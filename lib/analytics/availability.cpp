#include "availability.h"

#include "workspace/workspace.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// What a service was doing over a span, in the order a report weighs it.
enum class Phase : quint8 { NoData, Maintenance, Down, Up };

struct Segment
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    Phase phase = Phase::NoData;
};

struct ServiceTimeline
{
    QList<Segment> segments; // contiguous, from `from` to `to`, merged
    AvailabilityFigures figures;
};

// One service's events, oldest first, folded into spans of the range.
class TimelineBuilder
{
public:
    TimelineBuilder(qint64 fromMs, qint64 toMs, ServiceTimeline &out)
        : m_fromMs(fromMs)
        , m_cursorMs(fromMs)
        , m_toMs(toMs)
        , m_out(out)
    {}

    void apply(const StateChange &e)
    {
        if (e.timestampMs > m_toMs)
            return;
        if (e.timestampMs >= m_fromMs)
            advanceTo(e.timestampMs);
        const Phase before = phase();
        switch (e.kind) {
        case HealthEvent::Kind::ServiceState:
            m_state = e.to;
            break;
        case HealthEvent::Kind::ProbeState:
            if (e.probeIndex >= 0) {
                if (e.probeIndex >= m_probes.size())
                    m_probes.resize(e.probeIndex + 1, HealthState::Unknown);
                m_probes[e.probeIndex] = e.to;
            }
            break;
        case HealthEvent::Kind::MaintenanceStart:
            m_maintenance = true;
            break;
        case HealthEvent::Kind::MaintenanceEnd:
            m_maintenance = false;
            break;
        case HealthEvent::Kind::ImpactStart:
        case HealthEvent::Kind::ImpactEnd:
        case HealthEvent::Kind::Acknowledged: // someone on it: the service is no less down
            break;
        }
        const Phase after = phase();
        if (after == Phase::Down && before != Phase::Down) {
            m_downSinceMs = e.timestampMs;
            m_probesDown.clear();
            for (int i = 0; i < m_probes.size(); ++i)
                if (m_probes[i] == HealthState::Down)
                    m_probesDown.append(i);
        } else if (after == Phase::Down && e.kind == HealthEvent::Kind::ProbeState && e.to == HealthState::Down &&
                   !m_probesDown.contains(e.probeIndex)) {
            m_probesDown.append(e.probeIndex);
        }
    }

    void finish()
    {
        advanceTo(m_toMs);
        QList<OutageEpisode> &episodes = m_out.figures.episodes;
        if (phase() == Phase::Down && !episodes.isEmpty() && episodes.last().endMs == m_toMs)
            episodes.last().open = true;
    }

private:
    Phase phase() const
    {
        if (m_maintenance)
            return Phase::Maintenance;
        if (m_state == HealthState::Unknown)
            return Phase::NoData;
        return m_state == HealthState::Down ? Phase::Down : Phase::Up;
    }

    void advanceTo(qint64 atMs)
    {
        if (atMs <= m_cursorMs)
            return;
        const Phase p = phase();
        QList<Segment> &segments = m_out.segments;
        if (!segments.isEmpty() && segments.last().phase == p)
            segments.last().endMs = atMs;
        else
            segments.append({m_cursorMs, atMs, p});
        if (p == Phase::Down) {
            QList<OutageEpisode> &episodes = m_out.figures.episodes;
            if (episodes.isEmpty() || episodes.last().endMs != m_cursorMs) {
                OutageEpisode episode;
                episode.startMs = m_cursorMs;
                episode.beganBeforeRange = m_downSinceMs < m_fromMs;
                episode.beganMs = std::min(m_downSinceMs, m_cursorMs);
                episode.serviceId = m_out.figures.id;
                episodes.append(episode);
            }
            OutageEpisode &episode = episodes.last();
            episode.endMs = atMs;
            for (int probe : std::as_const(m_probesDown))
                if (!episode.failedProbes.contains(probe))
                    episode.failedProbes.append(probe);
        }
        m_cursorMs = atMs;
    }

    const qint64 m_fromMs;
    qint64 m_cursorMs;
    const qint64 m_toMs;
    ServiceTimeline &m_out;
    bool m_maintenance = false;
    HealthState m_state = HealthState::Unknown;
    QList<HealthState> m_probes;
    qint64 m_downSinceMs = 0;
    QList<int> m_probesDown;
};

// Downtime, the longest, MTTR and MTBF of a list of episodes (oldest first).
void summarizeEpisodes(AvailabilityFigures &figures)
{
    figures.downtimeMs = 0;
    figures.longestMs = 0;
    for (const OutageEpisode &episode : std::as_const(figures.episodes)) {
        figures.downtimeMs += episode.durationMs();
        figures.longestMs = std::max(figures.longestMs, episode.durationMs());
    }
    const qsizetype count = figures.episodes.size();
    figures.mttrMs = count > 0 ? std::optional<qint64>(figures.downtimeMs / count) : std::nullopt;
    if (count >= 2) {
        qint64 between = 0;
        for (qsizetype i = 1; i < count; ++i)
            between += figures.episodes[i].startMs - figures.episodes[i - 1].endMs;
        figures.mtbfMs = between / (count - 1);
    } else {
        figures.mtbfMs.reset();
    }
}

std::optional<double> availability(qint64 observedMs, qint64 downMs)
{
    if (observedMs <= 0)
        return std::nullopt;
    return 100.0 * double(observedMs - downMs) / double(observedMs);
}

// A service's episode with the time its outage really began, for the union of several services.
struct Member
{
    const OutageEpisode *episode;
    int order; // the service's place in the report
};

// The figures of several services together: service time summed, episodes as the union of
// theirs, in which the first to fail is named.
AvailabilityFigures combine(const QList<const ServiceTimeline *> &members, qint64 rangeMs)
{
    AvailabilityFigures figures;
    figures.rangeMs = rangeMs;
    figures.services = int(members.size());
    QList<Member> all;
    for (int i = 0; i < members.size(); ++i) {
        const AvailabilityFigures &f = members[i]->figures;
        figures.observedMs += f.observedMs;
        figures.maintenanceMs += f.maintenanceMs;
        figures.noDataMs += f.noDataMs;
        figures.serviceDowntimeMs += f.serviceDowntimeMs;
        for (const OutageEpisode &episode : f.episodes)
            all.append({&episode, i});
    }
    // In the order they began (of two already going at `from`, the one that began earlier), then
    // the report's order.
    std::ranges::sort(all, [](const Member &a, const Member &b) {
        return std::tuple(a.episode->startMs, a.episode->beganMs, a.order) <
               std::tuple(b.episode->startMs, b.episode->beganMs, b.order);
    });
    QSet<int> inMerged; // the services of the last episode (by their place in the report)
    for (const Member &m : std::as_const(all)) {
        if (!figures.episodes.isEmpty() && m.episode->startMs <= figures.episodes.last().endMs) {
            OutageEpisode &merged = figures.episodes.last();
            if (m.episode->endMs > merged.endMs) {
                merged.endMs = m.episode->endMs;
                merged.open = m.episode->open;
            }
            if (!inMerged.contains(m.order) && !merged.services.contains(m.episode->serviceId)) {
                inMerged.insert(m.order);
                merged.services.append(m.episode->serviceId);
            }
            continue;
        }
        inMerged = {m.order};
        OutageEpisode episode;
        episode.startMs = m.episode->startMs;
        episode.endMs = m.episode->endMs;
        episode.open = m.episode->open;
        episode.beganBeforeRange = m.episode->beganBeforeRange;
        episode.beganMs = m.episode->beganMs;
        episode.serviceId = m.episode->serviceId;
        episode.services = {m.episode->serviceId};
        figures.episodes.append(episode);
    }
    summarizeEpisodes(figures);
    figures.availabilityPct = availability(figures.observedMs, figures.serviceDowntimeMs);
    return figures;
}

// The share of services operational, a step at each change.
SeriesSamples operationalShare(const QList<ServiceTimeline> &timelines, qint64 fromMs, qint64 toMs)
{
    struct Change
    {
        qint64 atMs;
        Phase from;
        Phase to;
    };
    QList<Change> changes;
    int counted = 0, operational = 0;
    for (const ServiceTimeline &t : timelines) {
        if (t.segments.isEmpty())
            continue;
        const Phase first = t.segments.first().phase;
        counted += first == Phase::Up || first == Phase::Down;
        operational += first == Phase::Up;
        for (qsizetype i = 1; i < t.segments.size(); ++i)
            changes.append({t.segments[i].startMs, t.segments[i - 1].phase, t.segments[i].phase});
    }
    std::ranges::sort(changes, {}, &Change::atMs);

    SeriesSamples series;
    series.series = operationalShareSeriesName();
    const auto share = [&] {
        return counted > 0 ? 100.0 * operational / counted : std::numeric_limits<double>::quiet_NaN();
    };
    const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    series.samples.append({fromMs, share()});
    for (qsizetype i = 0; i < changes.size();) {
        const qint64 atMs = changes[i].atMs;
        for (; i < changes.size() && changes[i].atMs == atMs; ++i) {
            const Change &c = changes[i];
            counted +=
                int(c.to == Phase::Up || c.to == Phase::Down) - int(c.from == Phase::Up || c.from == Phase::Down);
            operational += int(c.to == Phase::Up) - int(c.from == Phase::Up);
        }
        const double value = share();
        if (!same(value, series.samples.last().value)) {
            if (series.samples.last().timestampMs == atMs)
                series.samples.last().value = value;
            else
                series.samples.append({atMs, value});
        }
    }
    if (series.samples.last().timestampMs < toMs)
        series.samples.append({toMs, series.samples.last().value});
    return series;
}

} // namespace

QString operationalShareSeriesName()
{
    return u"vigie_services_operational_pct"_s;
}

QList<ReportService> reportServices(const Workspace &workspace)
{
    QList<ReportService> services;
    services.reserve(workspace.services.size());
    for (const Service &service : workspace.services) {
        ReportService s{service.id, service.name, service.group, {}};
        for (const ProbeSpec &probe : service.probes)
            s.probes.append(u"%1 %2"_s.arg(probe.kindName(), probe.target));
        services.append(s);
    }
    return services;
}

namespace {

// The report from each service's changes (StateChange::service indexing `services`).
AvailabilityReport computeFromChanges(QList<StateChange> changes, const QList<ReportService> &services, qint64 fromMs,
                                      qint64 toMs)
{
    AvailabilityReport report;
    report.fromMs = fromMs;
    report.toMs = std::max(fromMs, toMs);
    const qint64 rangeMs = report.toMs - report.fromMs;

    // Each service's changes, oldest first (an event's id breaks a tie, so that a probe's change
    // comes before the service change it caused).
    std::ranges::sort(changes, [](const StateChange &a, const StateChange &b) {
        return std::tie(a.service, a.timestampMs, a.id) < std::tie(b.service, b.timestampMs, b.id);
    });
    QList<ServiceTimeline> timelines(services.size());
    std::vector<TimelineBuilder> builders;
    builders.reserve(services.size());
    for (int i = 0; i < services.size(); ++i) {
        AvailabilityFigures &f = timelines[i].figures;
        f.id = services[i].id;
        f.name = services[i].name;
        f.group = services[i].group;
        f.rangeMs = rangeMs;
        builders.emplace_back(report.fromMs, report.toMs, timelines[i]);
    }
    for (const StateChange &c : std::as_const(changes))
        if (c.service >= 0 && c.service < services.size())
            builders[c.service].apply(c);
    for (TimelineBuilder &builder : builders)
        builder.finish();

    for (ServiceTimeline &t : timelines) {
        AvailabilityFigures &f = t.figures;
        for (const Segment &s : std::as_const(t.segments)) {
            const qint64 length = s.endMs - s.startMs;
            switch (s.phase) {
            case Phase::NoData:
                f.noDataMs += length;
                break;
            case Phase::Maintenance:
                f.maintenanceMs += length;
                if (!f.maintenance.isEmpty() && f.maintenance.constLast().endMs == s.startMs)
                    f.maintenance.last().endMs = s.endMs;
                else if (length > 0)
                    f.maintenance.append({s.startMs, s.endMs});
                break;
            case Phase::Down:
            case Phase::Up:
                f.observedMs += length;
                break;
            }
        }
        summarizeEpisodes(f);
        f.serviceDowntimeMs = f.downtimeMs;
        f.availabilityPct = availability(f.observedMs, f.downtimeMs);
        report.services.append(f);
    }

    QStringList groupNames;
    QHash<QString, QList<const ServiceTimeline *>> byGroup;
    QList<const ServiceTimeline *> everyone;
    for (const ServiceTimeline &t : std::as_const(timelines)) {
        everyone.append(&t);
        if (t.figures.group.isEmpty())
            continue;
        if (!byGroup.contains(t.figures.group))
            groupNames.append(t.figures.group);
        byGroup[t.figures.group].append(&t);
    }
    for (const QString &group : std::as_const(groupNames)) {
        AvailabilityFigures g = combine(byGroup.value(group), rangeMs);
        g.id = group;
        g.name = group;
        g.group = group;
        report.groups.append(g);
    }
    report.overall = combine(everyone, rangeMs);
    report.operational = operationalShare(timelines, report.fromMs, report.toMs);
    return report;
}

} // namespace

AvailabilityReport computeAvailability(const QList<HealthEvent> &events, const QList<ReportService> &services,
                                       qint64 fromMs, qint64 toMs)
{
    QHash<QString, int> index;
    index.reserve(services.size());
    for (int i = 0; i < services.size(); ++i)
        index.insert(services[i].id, i);
    QList<StateChange> changes;
    changes.reserve(events.size());
    for (const HealthEvent &e : events) {
        if (e.kind == HealthEvent::Kind::ImpactStart || e.kind == HealthEvent::Kind::ImpactEnd)
            continue;
        const auto found = index.constFind(e.serviceId);
        if (found != index.cend())
            changes.append({e.id, e.timestampMs, *found, e.probeIndex, e.kind, e.to});
    }
    return computeFromChanges(std::move(changes), services, fromMs, toMs);
}

AvailabilityReport computeAvailabilityFromHistory(StateHistory history, const QList<ReportService> &services,
                                                  qint64 fromMs, qint64 toMs)
{
    QList<StateChange> changes = std::move(history.before);
    changes.append(history.inRange);
    // The history indexes its own list of ids: map it onto the report's (the same, when read for it).
    QHash<QString, int> index;
    index.reserve(services.size());
    for (int i = 0; i < services.size(); ++i)
        index.insert(services[i].id, i);
    QList<int> map(history.serviceIds.size(), -1);
    bool same = history.serviceIds.size() == services.size();
    for (int i = 0; i < history.serviceIds.size(); ++i) {
        map[i] = index.value(history.serviceIds[i], -1);
        same = same && map[i] == i;
    }
    if (!same)
        for (StateChange &c : changes)
            c.service = c.service >= 0 && c.service < map.size() ? map[c.service] : -1;
    return computeFromChanges(std::move(changes), services, fromMs, toMs);
}

} // namespace Vigie
