#include "historydraft.h"

#include "core/clock.h"
#include "series/errorrate.h"
#include "series/probeseries.h"
#include "series/seriesstore.h"
#include "series/windowstats.h"
#include "store/resultstore.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// Enough pixel columns that the series store answers with raw samples for any incident's span
// (a minute bucket per column only past two years).
constexpr int fineColumns = 1'000'000;
// A timeline longer than this is cut: a notice is read by people, the event log keeps the rest.
constexpr int timelineLimit = 40;

constexpr QChar nbsp(0x00A0);

QString nameOf(const ReportService &service)
{
    return service.name.isEmpty() ? service.id : service.name;
}

// What the first read gives the second: the draft so far, and what to read next.
struct Stage
{
    HistoryDraft draft;
    QStringList seriesNames; // the affected services' probes: latency, then success
    int latencySeries = 0;   // how many of seriesNames are latency series
};

// The union of several services' cuts over [from, to], oldest first.
QList<OutageEpisode> cutsOf(const StateHistory &history, const QList<ReportService> &services, qint64 fromMs,
                            qint64 toMs)
{
    return computeAvailabilityFromHistory(history, services, fromMs, toMs).overall.episodes;
}

// The run of cuts around `atMs`: the cut holding it (or the first after it, or the last), and its
// neighbours while they are less than successiveCutsGapMs apart.
std::pair<qsizetype, qsizetype> runAround(const QList<OutageEpisode> &cuts, qint64 atMs)
{
    qsizetype at = cuts.size() - 1;
    for (qsizetype i = 0; i < cuts.size(); ++i)
        if (cuts[i].endMs >= atMs) {
            at = i;
            break;
        }
    qsizetype first = at, last = at;
    while (first > 0 && cuts[first].startMs - cuts[first - 1].endMs < successiveCutsGapMs)
        --first;
    while (last + 1 < cuts.size() && cuts[last + 1].startMs - cuts[last].endMs < successiveCutsGapMs)
        ++last;
    return {first, last};
}

// One service's changes folded over the range: its worst state, its state at the end, its timeline.
void scanService(const QList<StateChange> &changes, HistoryDraftService &service, qint64 fromMs, qint64 toMs,
                 qint64 asOfMs, QList<HistoryDraftChange> &timeline, qint64 &troubleFromMs, qint64 &troubleToMs)
{
    HealthState state = HealthState::Unknown;
    bool maintenance = false;
    bool entered = false; // the range has begun: what was carried into it counts
    const auto troubled = [&] { return !maintenance && state >= HealthState::Degraded; };
    const auto enter = [&] {
        entered = true;
        if (troubled()) {
            service.worst = std::max(service.worst, state);
            troubleFromMs = std::min(troubleFromMs, fromMs);
        }
    };
    for (const StateChange &c : changes) {
        if (c.timestampMs > asOfMs)
            break;
        if (!entered && c.timestampMs >= fromMs)
            enter();
        const bool inRange = c.timestampMs >= fromMs && c.timestampMs <= toMs;
        const bool wasTroubled = troubled();
        const HealthState before = state;
        switch (c.kind) {
        case HealthEvent::Kind::ServiceState:
            state = c.to;
            break;
        case HealthEvent::Kind::MaintenanceStart:
            maintenance = true;
            break;
        case HealthEvent::Kind::MaintenanceEnd:
            maintenance = false;
            break;
        case HealthEvent::Kind::ProbeState:
        case HealthEvent::Kind::ImpactStart:
        case HealthEvent::Kind::ImpactEnd:
        case HealthEvent::Kind::Acknowledged:
            continue;
        }
        if (!inRange)
            continue;
        if (troubled()) {
            service.worst = std::max(service.worst, state);
            if (!wasTroubled)
                troubleFromMs = std::min(troubleFromMs, c.timestampMs);
        } else if (wasTroubled) {
            troubleToMs = std::max(troubleToMs, c.timestampMs);
        }
        // The first result of a service that is up says nothing a reader needs; neither does a
        // change inside maintenance, which the notice announces on its own.
        const bool isState = c.kind == HealthEvent::Kind::ServiceState;
        if (isState && (maintenance || (before == HealthState::Unknown && state == HealthState::Up) || before == state))
            continue;
        timeline.append({c.timestampMs, service.id, service.name, c.kind, before, state, c.id, Message()});
    }
    if (!entered)
        enter();
    if (troubled())
        troubleToMs = std::max(troubleToMs, toMs);
    service.stateAtEnd = state;
    service.inMaintenanceAtEnd = maintenance;
}

// A time in the console's messages: "29/03/2026 19:00", local.
QString shortTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

// Stage one: the history read, the services chosen, the cuts, the timeline (causes to come).
std::expected<Stage, QString> firstStage(StateHistory history, const QList<ReportService> &all,
                                         const HistoryDraftRequest &request, qint64 asOfMs)
{
    Stage stage;
    HistoryDraft &draft = stage.draft;
    draft.fromMs = request.fromMs;
    draft.toMs = asOfMs;
    draft.asOfMs = asOfMs;

    const AvailabilityReport everyone = computeAvailabilityFromHistory(history, all, request.fromMs, asOfMs);
    QList<ReportService> chosen;
    if (request.serviceIds.isEmpty()) {
        for (qsizetype i = 0; i < all.size(); ++i)
            if (everyone.services[i].outages() > 0)
                chosen.append(all[i]);
        if (chosen.isEmpty())
            return std::unexpected(HistoryDraft::tr("No service was down between %1 and %2.")
                                       .arg(shortTime(request.fromMs), shortTime(asOfMs)));
    } else {
        for (const ReportService &service : all)
            if (request.serviceIds.contains(service.id))
                chosen.append(service);
    }

    if (request.episodeMs) {
        const QList<OutageEpisode> cuts = cutsOf(history, chosen, request.fromMs, asOfMs);
        if (cuts.isEmpty())
            return std::unexpected(HistoryDraft::tr("No service was down between %1 and %2.")
                                       .arg(shortTime(request.fromMs), shortTime(asOfMs)));
        const auto [first, last] = runAround(cuts, *request.episodeMs);
        draft.fromMs = cuts[first].startMs;
        draft.toMs = cuts[last].endMs;
    }

    const AvailabilityReport facts = computeAvailabilityFromHistory(history, chosen, draft.fromMs, draft.toMs);
    const AvailabilityReport share = computeAvailabilityFromHistory(history, all, draft.fromMs, draft.toMs);
    draft.operational = share.operational;
    for (const Sample &sample : std::as_const(draft.operational.samples))
        if (!sample.isGap() && !draft.operationalSteps.contains(sample.value))
            draft.operationalSteps.append(sample.value);
    std::ranges::sort(draft.operationalSteps);

    const QList<OutageEpisode> &cuts = facts.overall.episodes;
    draft.cuts = int(cuts.size());
    if (!cuts.isEmpty()) {
        draft.firstStartMs = cuts.constFirst().startMs;
        draft.startMs = cuts.constFirst().beganMs;
        draft.lastEndMs = cuts.constLast().endMs;
        draft.open = cuts.constLast().open && draft.toMs == asOfMs;
    }
    draft.downtimeMs = facts.overall.downtimeMs;
    draft.longestMs = facts.overall.longestMs;

    // Each service's changes, oldest first (an event's id breaks a tie, as the report does).
    QList<StateChange> changes = std::move(history.before);
    changes.append(history.inRange);
    std::ranges::sort(changes, [](const StateChange &a, const StateChange &b) {
        return std::tie(a.service, a.timestampMs, a.id) < std::tie(b.service, b.timestampMs, b.id);
    });
    QHash<QString, int> historyIndex;
    for (int i = 0; i < history.serviceIds.size(); ++i)
        historyIndex.insert(history.serviceIds[i], i);

    qint64 troubleFromMs = std::numeric_limits<qint64>::max();
    qint64 troubleToMs = std::numeric_limits<qint64>::min();
    for (qsizetype i = 0; i < chosen.size(); ++i) {
        const ReportService &r = chosen[i];
        const AvailabilityFigures &f = facts.services[i];
        HistoryDraftService service;
        service.id = r.id;
        service.name = nameOf(r);
        service.cuts = f.outages();
        service.downtimeMs = f.downtimeMs;
        service.longestMs = f.longestMs;
        if (!f.episodes.isEmpty()) {
            service.firstStartMs = f.episodes.constFirst().startMs;
            service.lastEndMs = f.episodes.constLast().endMs;
            service.someProbesUp = r.probes.size() > 1;
            for (const OutageEpisode &episode : f.episodes)
                service.someProbesUp = service.someProbesUp && episode.failedProbes.size() < r.probes.size();
        }
        const int index = historyIndex.value(r.id, -1);
        const auto begin = std::ranges::lower_bound(changes, index, {}, &StateChange::service);
        const auto end = std::ranges::upper_bound(changes, index, {}, &StateChange::service);
        scanService(QList<StateChange>(begin, end), service, draft.fromMs, draft.toMs, asOfMs, draft.timeline,
                    troubleFromMs, troubleToMs);
        service.worstStatus = componentStatusOf(service.worst, false, service.someProbesUp);
        // Named by id, a service that was neither down nor degraded is not part of the incident.
        if (service.cuts > 0 || service.worst >= HealthState::Degraded)
            draft.services.append(service);
    }
    if (draft.services.isEmpty())
        return std::unexpected(
            HistoryDraft::tr("None of the services asked for was down or degraded between %1 and %2.")
                .arg(shortTime(draft.fromMs), shortTime(draft.toMs)));
    std::ranges::stable_sort(draft.timeline, {}, &HistoryDraftChange::timestampMs);
    // The timeline speaks only of the services kept.
    draft.timeline.removeIf([&](const HistoryDraftChange &c) {
        return std::ranges::none_of(draft.services, [&](const HistoryDraftService &s) { return s.id == c.serviceId; });
    });

    if (draft.cuts > 0) {
        draft.duringFromMs = draft.firstStartMs;
        draft.duringToMs = draft.lastEndMs;
    } else {
        draft.duringFromMs = std::max(draft.fromMs, troubleFromMs);
        draft.duringToMs = std::min(draft.toMs, std::max(troubleToMs, draft.duringFromMs));
        draft.startMs = draft.firstStartMs = draft.duringFromMs;
        draft.lastEndMs = draft.duringToMs;
    }
    draft.beforeFromMs = draft.duringFromMs - (draft.duringToMs - draft.duringFromMs);

    for (const HistoryDraftService &service : std::as_const(draft.services)) {
        const auto r = std::ranges::find(chosen, service.id, &ReportService::id);
        for (int p = 0; p < r->probes.size(); ++p)
            stage.seriesNames.append(probeLatencySeries(service.id, p));
    }
    stage.latencySeries = int(stage.seriesNames.size());
    for (const HistoryDraftService &service : std::as_const(draft.services)) {
        const auto r = std::ranges::find(chosen, service.id, &ReportService::id);
        for (int p = 0; p < r->probes.size(); ++p)
            stage.seriesNames.append(probeSuccessSeries(service.id, p));
    }
    return stage;
}

// The part of a range in [fromMs, toMs): its raw samples, or its buckets that start there.
SeriesRange slice(const SeriesRange &range, qint64 fromMs, qint64 toMs)
{
    SeriesRange part = range;
    part.fromMs = fromMs;
    part.toMs = toMs;
    part.samples.removeIf([&](const Sample &s) { return s.timestampMs < fromMs || s.timestampMs >= toMs; });
    part.rollups.removeIf([&](const RollupPoint &p) { return p.bucketStartMs < fromMs || p.bucketStartMs >= toMs; });
    return part;
}

std::optional<double> meanOf(const QList<SeriesRange> &latencies, qint64 fromMs, qint64 toMs)
{
    QList<Sample> points;
    for (const SeriesRange &range : latencies)
        points.append(statisticsPoints(range));
    const WindowStats stats = WindowStats::of(points, fromMs, toMs);
    return stats.count > 0 ? std::optional(stats.mean) : std::nullopt;
}

// Stage two: the causes of the timeline's changes and the figures before and during.
HistoryDraft lastStage(Stage stage, const QList<HealthEvent> &events, const QList<SeriesRange> &ranges)
{
    HistoryDraft &draft = stage.draft;
    QHash<qint64, Message> causes;
    for (const HealthEvent &event : events)
        causes.insert(event.id, event.cause);
    for (HistoryDraftChange &change : draft.timeline)
        change.cause = causes.value(change.eventId);

    if (draft.duringToMs > draft.duringFromMs && !ranges.isEmpty()) {
        const QList<SeriesRange> latencies = ranges.mid(0, stage.latencySeries);
        draft.latencyBeforeMs = meanOf(latencies, draft.beforeFromMs, draft.duringFromMs);
        draft.latencyDuringMs = meanOf(latencies, draft.duringFromMs, draft.duringToMs);
        QList<SeriesRange> before, during;
        for (const SeriesRange &success : ranges.mid(stage.latencySeries)) {
            before.append(slice(success, draft.beforeFromMs, draft.duringFromMs));
            during.append(slice(success, draft.duringFromMs, draft.duringToMs));
        }
        draft.errorRateBeforePct = overallErrorRatePercent(before);
        draft.errorRateDuringPct = overallErrorRatePercent(during);
    }
    return draft;
}

} // namespace

HistoryDraftRequest HistoryDraftRequest::forEpisode(const OutageEpisode &episode, qint64 fromMs, qint64 toMs)
{
    HistoryDraftRequest request;
    request.serviceIds = episode.services.isEmpty() ? QStringList{episode.serviceId} : episode.services;
    request.fromMs = fromMs;
    request.toMs = toMs;
    request.episodeMs = episode.startMs;
    return request;
}

QList<AffectedComponent> HistoryDraft::components() const
{
    QList<AffectedComponent> components;
    for (const HistoryDraftService &s : services)
        components.append({s.id, componentStatusOf(s.stateAtEnd, s.inMaintenanceAtEnd, s.someProbesUp)});
    return components;
}

ComponentStatus HistoryDraft::worstStatus() const
{
    ComponentStatus worst = ComponentStatus::Operational;
    for (const HistoryDraftService &s : services)
        if (componentStatusSeverity(s.worstStatus) > componentStatusSeverity(worst))
            worst = s.worstStatus;
    return worst;
}

NoticeStatus HistoryDraft::status() const
{
    for (const HistoryDraftService &s : services)
        if (!s.inMaintenanceAtEnd && s.stateAtEnd >= HealthState::Degraded)
            return NoticeStatus::Investigating;
    return asOfMs - lastEndMs < successiveCutsGapMs ? NoticeStatus::Monitoring : NoticeStatus::Resolved;
}

QFuture<std::expected<HistoryDraft, QString>> computeHistoryDraft(const ResultStore &results, const SeriesStore *series,
                                                                  const Workspace &workspace,
                                                                  const HistoryDraftRequest &request,
                                                                  const Clock &clock)
{
    using Result = std::expected<HistoryDraft, QString>;
    const QList<ReportService> all = reportServices(workspace);
    QStringList unknown;
    for (const QString &id : request.serviceIds)
        if (std::ranges::none_of(all, [&](const ReportService &s) { return s.id == id; }))
            unknown.append(id);
    if (!unknown.isEmpty()) {
        QStringList ids;
        for (const ReportService &s : all)
            ids.append(s.id);
        return QtFuture::makeReadyValueFuture(
            Result(std::unexpected(HistoryDraft::tr("The workspace has no service \"%1\"; its services are: %2.")
                                       .arg(unknown.constFirst(), ids.join(u", "_s)))));
    }
    const qint64 asOfMs = std::min(request.toMs, clock.nowMs());
    if (asOfMs <= request.fromMs)
        return QtFuture::makeReadyValueFuture(
            Result(std::unexpected(request.toMs <= request.fromMs
                                       ? HistoryDraft::tr("The range is empty: it should end after it starts.")
                                       : HistoryDraft::tr("The range is in the future: there is no history yet."))));

    QStringList ids;
    for (const ReportService &s : all)
        ids.append(s.id);
    const ResultStore *store = &results;
    return results.stateHistory(ids, request.fromMs, asOfMs)
        .then(QtFuture::Launch::Async,
              [all, request, asOfMs](StateHistory history) {
                  return firstStage(std::move(history), all, request, asOfMs);
              })
        .then([store, series](std::expected<Stage, QString> stage) -> QFuture<Result> {
            if (!stage)
                return QtFuture::makeReadyValueFuture(Result(std::unexpected(stage.error())));
            const HistoryDraft &draft = stage->draft;
            EventFilter filter;
            for (const HistoryDraftService &s : draft.services)
                filter.serviceIds.append(s.id);
            filter.fromMs = draft.fromMs;
            filter.toMs = draft.toMs;
            filter.probeChanges = false;
            QFuture<QList<SeriesRange>> ranges =
                series && draft.duringToMs > draft.duringFromMs
                    ? series->ranges(stage->seriesNames, draft.beforeFromMs, draft.duringToMs - 1, fineColumns)
                    : QtFuture::makeReadyValueFuture(QList<SeriesRange>());
            return store->events(filter)
                .then([ranges, stage = std::move(*stage)](const QList<HealthEvent> &events) mutable {
                    return ranges.then([events, stage = std::move(stage)](const QList<SeriesRange> &read) {
                        return Result(lastStage(stage, events, read));
                    });
                })
                .unwrap();
        })
        .unwrap();
}

namespace {

// The sentences of a notice drafted from history, in one language. The words are the notice's own
// (noticetemplates.h: the readers' language, not the console's), not translations.
class NoticeWriter
{
public:
    NoticeWriter(const HistoryDraft &draft, NoticeLanguage language, const QTimeZone &zone)
        : m_draft(draft)
        , m_language(language)
        , m_zone(zone.isValid() ? zone : QTimeZone::systemTimeZone())
        , m_french(language == NoticeLanguage::French)
    {}

    QString when() const
    {
        const qint64 start = m_draft.startMs;
        const QString zoneStart = noticeZoneName(start, m_zone);
        if (m_draft.status() == NoticeStatus::Investigating)
            return (m_french ? u"depuis le "_s : u"since "_s) + noticeDateTime(start, m_language, m_zone) + u" ("_s +
                   zoneStart + u')';
        const qint64 end = m_draft.lastEndMs;
        const QString zoneEnd = noticeZoneName(end, m_zone);
        // Across a change of offset, each time with its own zone: "from 01:30 (CET) to 03:30 (CEST)".
        const QString startZone = zoneStart == zoneEnd ? QString() : u" ("_s + zoneStart + u')';
        const QString endZone = u" ("_s + zoneEnd + u')';
        if (sameDay(start, end)) {
            if (m_french)
                return u"le "_s + noticeDate(start, m_language, m_zone) + u" de "_s + clock(start) + startZone +
                       u" à "_s + clock(end) + endZone;
            return noticeDate(start, m_language, m_zone) + u" from "_s + clock(start) + startZone + u" to "_s +
                   clock(end) + endZone;
        }
        if (m_french)
            return u"du "_s + noticeDateTime(start, m_language, m_zone) + startZone + u" au "_s +
                   noticeDateTime(end, m_language, m_zone) + endZone;
        return u"from "_s + noticeDateTime(start, m_language, m_zone) + startZone + u" to "_s +
               noticeDateTime(end, m_language, m_zone) + endZone;
    }

    QString nature() const
    {
        QStringList sentences;
        QStringList down, degraded;
        bool degradedNow = false;
        for (const HistoryDraftService &s : m_draft.services) {
            if (s.cuts > 0) {
                down.append(s.name);
            } else {
                degraded.append(s.name);
                degradedNow = degradedNow || (s.stateAtEnd == HealthState::Degraded && !s.inMaintenanceAtEnd);
            }
        }
        if (!down.isEmpty())
            sentences.append(cutsSentence(down));
        if (!degraded.isEmpty())
            sentences.append(degradedSentence(degraded, degradedNow));
        if (const QString compared = comparedSentence(); !compared.isEmpty())
            sentences.append(compared);
        if (m_draft.operationalSteps.size() > 1) {
            QStringList steps;
            for (double step : m_draft.operationalSteps)
                steps.append(noticePercent(step, m_language));
            const QString list = noticeNameList(steps, m_language) + u'.';
            if (m_french)
                sentences.append(u"Part des services opérationnels sur la période"_s + nbsp + u": "_s + list);
            else
                sentences.append(u"Share of services operational over the period: "_s + list);
        }
        sentences.append(m_french ? u"[ce qu’ont constaté les utilisateurs"_s + nbsp +
                                        u": erreurs, lenteurs, fonctions et clients touchés]"_s
                                  : u"[what users saw: errors, slowness, which features and which customers were "
                                    "affected]"_s);
        return sentences.join(u' ');
    }

    QString cause() const
    {
        if (m_draft.status() == NoticeStatus::Investigating)
            return m_french ? u"en cours d’analyse."_s : u"under investigation."_s;
        return m_french ? u"[l’origine de l’incident]"_s : u"[what caused the incident]"_s;
    }

    QStringList actions() const
    {
        QStringList lines;
        const qsizetype shown = std::min<qsizetype>(m_draft.timeline.size(), timelineLimit);
        for (qsizetype i = 0; i < shown; ++i) {
            const HistoryDraftChange &c = m_draft.timeline[i];
            lines.append(u"- "_s + at(c.timestampMs) + (m_french ? QString(nbsp) : QString()) + u": "_s + change(c));
        }
        if (const qsizetype more = m_draft.timeline.size() - shown; more > 0)
            lines.append(
                m_french ? u"- [… %1 autres changements d’état, dans le journal des événements de Vigie]"_s.arg(more)
                         : u"- [… %1 more changes of state, in Vigie’s event log]"_s.arg(more));
        lines.append(m_french ? u"- [ce qu’ont fait nos équipes, et à quelle heure]"_s
                              : u"- [what our teams did, and when]"_s);
        return lines;
    }

    QString status() const
    {
        const qint64 end = m_draft.lastEndMs;
        switch (m_draft.status()) {
        case NoticeStatus::Investigating:
            return m_french ? u"en cours d’analyse. Prochain point dans 30 minutes au plus tard."_s
                            : u"investigating. Next update within 30 minutes."_s;
        case NoticeStatus::Monitoring:
            if (m_french)
                return u"rétabli à "_s + at(end) + nbsp + u"; nous surveillons la situation."_s;
            return u"restored at "_s + at(end) + u"; we are monitoring the situation."_s;
        default:
            break;
        }
        return m_french ? u"résolu à "_s + at(end) + u'.' : u"resolved at "_s + at(end) + u'.';
    }

private:
    bool sameDay(qint64 a, qint64 b) const
    {
        return QDateTime::fromMSecsSinceEpoch(a, m_zone).date() == QDateTime::fromMSecsSinceEpoch(b, m_zone).date();
    }

    QString clock(qint64 ms) const { return noticeClockTime(ms, m_language, m_zone); }

    // A time in a sentence: the clock alone on the day the incident began, else with its date.
    QString at(qint64 ms) const
    {
        return sameDay(ms, m_draft.startMs) ? clock(ms) : noticeDateTime(ms, m_language, m_zone);
    }

    // "from 19:23 to 20:46", "de 19 h 23 à 20 h 46"; across days, with their dates.
    QString span(qint64 fromMs, qint64 toMs) const
    {
        if (sameDay(fromMs, toMs) && sameDay(fromMs, m_draft.startMs))
            return m_french ? u"de "_s + clock(fromMs) + u" à "_s + clock(toMs)
                            : u"from "_s + clock(fromMs) + u" to "_s + clock(toMs);
        return m_french ? u"du "_s + noticeDateTime(fromMs, m_language, m_zone) + u" au "_s +
                              noticeDateTime(toMs, m_language, m_zone)
                        : u"from "_s + noticeDateTime(fromMs, m_language, m_zone) + u" to "_s +
                              noticeDateTime(toMs, m_language, m_zone);
    }

    QString since(qint64 ms) const
    {
        if (sameDay(ms, m_draft.asOfMs))
            return (m_french ? u"depuis "_s : u"since "_s) + clock(ms);
        return (m_french ? u"depuis le "_s : u"since "_s) + noticeDateTime(ms, m_language, m_zone);
    }

    QString duration(qint64 ms) const { return noticeDuration(ms, m_language); }

    // "Le service Extranet", "Les services Extranet et API".
    QString frenchSubject(const QStringList &names) const
    {
        return (names.size() == 1 ? u"Le service "_s : u"Les services "_s) + noticeNameList(names, m_language);
    }

    QString cutsSentence(const QStringList &names) const
    {
        const HistoryDraft &d = m_draft;
        const bool many = names.size() > 1;
        const QString count = QString::number(d.cuts);
        if (m_french) {
            const QString subject = frenchSubject(names);
            if (d.cuts == 1 && d.open)
                return subject + (many ? u" sont indisponibles "_s : u" est indisponible "_s) + since(d.startMs) +
                       u" ("_s + duration(d.downtimeMs) + u" jusqu’ici)."_s;
            if (d.cuts == 1)
                return subject + (many ? u" ont été indisponibles "_s : u" a été indisponible "_s) +
                       span(d.startMs, d.lastEndMs) + u" ("_s + duration(d.downtimeMs) + u")."_s;
            if (d.open)
                return subject + (many ? u" ont subi "_s : u" a subi "_s) + count + u" coupures successives "_s +
                       since(d.firstStartMs) + u", "_s + duration(d.downtimeMs) + u" au total jusqu’ici"_s + nbsp +
                       u"; la dernière est toujours en cours."_s;
            return subject + (many ? u" ont subi "_s : u" a subi "_s) + count + u" coupures successives "_s +
                   span(d.firstStartMs, d.lastEndMs) + u", "_s + duration(d.downtimeMs) +
                   u" au total (la plus longue"_s + nbsp + u": "_s + duration(d.longestMs) + u")."_s;
        }
        const QString subject = noticeNameList(names, m_language);
        if (d.cuts == 1 && d.open)
            return subject + (many ? u" have been unavailable "_s : u" has been unavailable "_s) + since(d.startMs) +
                   u" ("_s + duration(d.downtimeMs) + u" so far)."_s;
        if (d.cuts == 1)
            return subject + (many ? u" were unavailable "_s : u" was unavailable "_s) + span(d.startMs, d.lastEndMs) +
                   u" ("_s + duration(d.downtimeMs) + u")."_s;
        if (d.open)
            return subject + (many ? u" have had "_s : u" has had "_s) + count + u" successive cuts "_s +
                   since(d.firstStartMs) + u", "_s + duration(d.downtimeMs) +
                   u" in all so far; the last one is still going on."_s;
        return subject + u" had "_s + count + u" successive cuts "_s + span(d.firstStartMs, d.lastEndMs) + u", "_s +
               duration(d.downtimeMs) + u" in all (the longest: "_s + duration(d.longestMs) + u")."_s;
    }

    QString degradedSentence(const QStringList &names, bool now) const
    {
        const bool many = names.size() > 1;
        if (m_french) {
            const QString subject = frenchSubject(names);
            if (now)
                return subject + (many ? u" fonctionnent en mode dégradé."_s : u" fonctionne en mode dégradé."_s);
            return subject + (many ? u" ont fonctionné en mode dégradé."_s : u" a fonctionné en mode dégradé."_s);
        }
        const QString subject = noticeNameList(names, m_language);
        if (now)
            return subject +
                   (many ? u" are running with degraded performance."_s : u" is running with degraded performance."_s);
        return subject + u" ran with degraded performance."_s;
    }

    // "Compared with the same length of time just before, the average response time went from 120 ms
    // to 209 ms and the error rate from 0.08% to 2.39%."
    QString comparedSentence() const
    {
        const HistoryDraft &d = m_draft;
        const bool latency = d.latencyBeforeMs && d.latencyDuringMs;
        const bool errors = d.errorRateBeforePct && d.errorRateDuringPct;
        if (!latency && !errors)
            return {};
        const auto ms = [this](double v) { return noticeLatency(v, m_language); };
        const auto pct = [this](double v) { return noticePercent(v, m_language); };
        if (m_french) {
            QString text = u"Par rapport à la même durée juste avant, "_s;
            if (latency)
                text += u"le temps de réponse moyen est passé de "_s + ms(*d.latencyBeforeMs) + u" à "_s +
                        ms(*d.latencyDuringMs);
            if (latency && errors)
                text +=
                    u" et le taux d’erreur de "_s + pct(*d.errorRateBeforePct) + u" à "_s + pct(*d.errorRateDuringPct);
            else if (errors)
                text += u"le taux d’erreur est passé de "_s + pct(*d.errorRateBeforePct) + u" à "_s +
                        pct(*d.errorRateDuringPct);
            return text + u'.';
        }
        QString text = u"Compared with the same length of time just before, "_s;
        if (latency)
            text +=
                u"the average response time went from "_s + ms(*d.latencyBeforeMs) + u" to "_s + ms(*d.latencyDuringMs);
        if (latency && errors)
            text +=
                u" and the error rate from "_s + pct(*d.errorRateBeforePct) + u" to "_s + pct(*d.errorRateDuringPct);
        else if (errors)
            text +=
                u"the error rate went from "_s + pct(*d.errorRateBeforePct) + u" to "_s + pct(*d.errorRateDuringPct);
        return text + u'.';
    }

    // "Extranet down (3 consecutive failures: …)", "service Extranet indisponible (…)": French
    // names the service, as the templates do, so that the words agree with it whatever its name.
    QString change(const HistoryDraftChange &c) const
    {
        const QString service = m_french ? u"service "_s + c.serviceName : c.serviceName;
        QString text;
        switch (c.kind) {
        case HealthEvent::Kind::MaintenanceStart:
            return m_french ? QString(u"début de maintenance du "_s + service)
                            : QString(u"maintenance of "_s + service + u" began"_s);
        case HealthEvent::Kind::MaintenanceEnd:
            return m_french ? QString(u"fin de maintenance du "_s + service)
                            : QString(u"maintenance of "_s + service + u" ended"_s);
        default:
            break;
        }
        switch (c.to) {
        case HealthState::Down:
            text = service + (m_french ? u" indisponible"_s : u" down"_s);
            break;
        case HealthState::Degraded:
            text = service + (m_french ? u" en mode dégradé"_s : u" degraded"_s);
            break;
        case HealthState::Up:
            return service + (m_french ? u" de nouveau opérationnel"_s : u" operational again"_s);
        case HealthState::Unknown:
            return service + (m_french ? u" sans nouvelles"_s : u" not reporting"_s);
        }
        // What Vigie saw, in the console's language: the engineer rewrites it for the readers.
        const QString cause = c.cause.toString();
        return cause.isEmpty() ? text : text + u" ("_s + cause + u')';
    }

    const HistoryDraft &m_draft;
    NoticeLanguage m_language;
    QTimeZone m_zone;
    bool m_french;
};

} // namespace

NoticeFile historyDraftNotice(const HistoryDraft &draft, NoticeLanguage language, const QTimeZone &zone)
{
    NoticeTemplateFields fields;
    for (const HistoryDraftService &s : draft.services)
        fields.serviceNames.append(s.name);
    fields.startMs = draft.startMs;
    fields.zone = zone;
    const NoticeSections sections = noticeSections(NoticeKind::Incident, language);
    const NoticeWriter writer(draft, language, zone);

    NoticeFile file;
    file.title = noticeTemplate(NoticeKind::Incident, language, fields).title;
    file.kind = NoticeKind::Incident;
    file.status = draft.status();
    file.impact = noticeImpactOf(draft.worstStatus());
    file.components = draft.components();
    QStringList paragraphs;
    paragraphs.append(noticeLabel(sections.when, language) + u' ' + writer.when());
    paragraphs.append(noticeLabel(sections.nature, language) + u' ' + writer.nature());
    paragraphs.append(noticeLabel(sections.cause, language) + u' ' + writer.cause());
    // The list stays under its heading, as the templates write it.
    paragraphs.append(noticeLabel(sections.actions, language) + u'\n' + writer.actions().join(u'\n'));
    paragraphs.append(noticeLabel(sections.status, language) + u' ' + writer.status());
    file.body = paragraphs.join(u"\n\n"_s) + u'\n';
    return file;
}

} // namespace Vigie
