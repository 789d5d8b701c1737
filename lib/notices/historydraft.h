#pragma once

#include "analytics/availability.h"
#include "health/healthevent.h"
#include "noticefile.h"
#include "noticetemplates.h"

#include <QCoreApplication>
#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <expected>
#include <optional>

namespace Vigie {

class Clock;
class ResultStore;
class SeriesStore;
struct Workspace;

// Cuts of the same services closer than this to one another are one incident (a service that
// flaps: "14 successive cuts from 19:23 to 20:46"); an incident whose last cut ended less than
// this before the end of the range may not be over: it is drafted as monitoring, not resolved.
inline constexpr qint64 successiveCutsGapMs = 30 * 60'000;

// What to draft a notice from: a range and services, or one outage episode.
struct HistoryDraftRequest
{
    // The services to speak of, by id; empty: every service of the workspace that was down in the
    // range (degraded is not down).
    QStringList serviceIds;
    // The range, UTC ms, [from, to); an end in the future is read as now.
    qint64 fromMs = 0;
    qint64 toMs = 0;
    // Drafted from one episode: a time within it (its start). The draft then covers the run of cuts
    // of `serviceIds` that episode belongs to, episodes less than successiveCutsGapMs apart, found
    // within [from, to): the incident as customers lived it, not its one cut.
    std::optional<qint64> episodeMs;

    // The request for an episode of a report over [fromMs, toMs): a service's own episode, or a
    // group's or the whole workspace's with the services that failed in it.
    static HistoryDraftRequest forEpisode(const OutageEpisode &episode, qint64 fromMs, qint64 toMs);
    friend bool operator==(const HistoryDraftRequest &, const HistoryDraftRequest &) = default;
};

// What one service went through in the draft's range.
struct HistoryDraftService
{
    QString id;
    QString name; // as the workspace names it (its id when it has no name)
    int cuts = 0; // its outage episodes
    qint64 downtimeMs = 0;
    qint64 longestMs = 0;
    std::optional<qint64> firstStartMs; // none when it was never down (degraded only)
    std::optional<qint64> lastEndMs;
    HealthState worst = HealthState::Unknown; // the worst state recorded outside maintenance
    HealthState stateAtEnd = HealthState::Unknown;
    bool inMaintenanceAtEnd = false;
    bool someProbesUp = false; // down while some of its probes still passed, in every cut
    ComponentStatus worstStatus = ComponentStatus::Operational; // `worst` as a component's status
    friend bool operator==(const HistoryDraftService &, const HistoryDraftService &) = default;
};

// A change of state within the range, for the notice's timeline.
struct HistoryDraftChange
{
    qint64 timestampMs = 0;
    QString serviceId;
    QString serviceName;
    HealthEvent::Kind kind = HealthEvent::Kind::ServiceState; // ServiceState, MaintenanceStart/End
    HealthState from = HealthState::Unknown;
    HealthState to = HealthState::Unknown;
    qint64 eventId = 0; // in the results store
    Message cause;      // as Vigie recorded it: "3 consecutive failures: HTTP status 503, expected 200"
    friend bool operator==(const HistoryDraftChange &, const HistoryDraftChange &) = default;
};

// The facts of an incident read from the history, for a notice the engineer then edits. Times are
// UTC ms; the zone is the notice's business (historyDraftNotice).
struct HistoryDraft
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::HistoryDraft)

public:
    qint64 fromMs = 0; // the range the facts are of (an episode's request: its run of cuts)
    qint64 toMs = 0;
    qint64 asOfMs = 0; // what the history was read up to: the end asked for, at most now
    // The affected services, in the workspace's order: those down (or, when asked for by id,
    // degraded) in the range.
    QList<HistoryDraftService> services;
    // The cuts of those services together: wall time in which at least one of them was down.
    int cuts = 0;
    qint64 firstStartMs = 0; // the first cut's start within the range
    qint64 startMs = 0;      // when it really began (before the range when it had already begun)
    qint64 lastEndMs = 0;    // the last cut's end (the range's end when it is still going)
    qint64 downtimeMs = 0;
    qint64 longestMs = 0;
    bool open = false; // still down at the end of the range
    // The share of services operational over the range (% of the workspace's services with data),
    // as a step at each change, and the distinct values it took, lowest first ("70 %, 80 %, 90 %,
    // 100 %").
    SeriesSamples operational;
    QList<double> operationalSteps;
    // Before and during the cuts, over the affected services' probes together. "During" is from the
    // first cut's start to the last one's end (when none was down, from the first degradation to
    // the last recovery); "before" is a window of the same length just before it, so that the two
    // compare like with like (the chart's band readout does the same). None where nothing was
    // measured.
    qint64 beforeFromMs = 0;
    qint64 duringFromMs = 0;
    qint64 duringToMs = 0;
    std::optional<double> latencyBeforeMs; // mean response time
    std::optional<double> latencyDuringMs;
    std::optional<double> errorRateBeforePct; // series/errorrate.h
    std::optional<double> errorRateDuringPct;
    // The affected services' changes of state (and maintenance) within the range, oldest first.
    QList<HistoryDraftChange> timeline;

    // The components to name: each affected service with its status at the end of the range (what
    // the status site should show now: a cut that is over leaves its service operational).
    QList<AffectedComponent> components() const;
    // The worst status any of them had in the range (the notice's impact follows it).
    ComponentStatus worstStatus() const;
    // Investigating while a cut is still going at the end; monitoring while the last one ended less
    // than successiveCutsGapMs before it (the service may fail again); resolved otherwise.
    NoticeStatus status() const;
};

// Reads the history the request needs (the results store's state changes and events, the series
// store's response times and successes) and computes the draft, all off the calling thread. The
// stores must be open and outlive the future; `series` may be null (no response times then).
// `clock` gives "now" (a range ending later is read up to now). A sentence when the request names
// a service the workspace does not have, the range is empty, or nothing was down in it.
QFuture<std::expected<HistoryDraft, QString>> computeHistoryDraft(const ResultStore &results, const SeriesStore *series,
                                                                  const Workspace &workspace,
                                                                  const HistoryDraftRequest &request,
                                                                  const Clock &clock);

// The notice the draft suggests, in `language`, times in `zone`: a title, the impact of the worst
// component, the status (HistoryDraft::status()), the components, and a body in the structure of
// the templates (When / Nature of the incident / Cause / Actions taken / Status) holding the facts
// and the timeline. What only a person knows (the cause, what the teams did) is left in brackets.
NoticeFile historyDraftNotice(const HistoryDraft &draft, NoticeLanguage language,
                              const QTimeZone &zone = QTimeZone::systemTimeZone());

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::HistoryDraftRequest)
Q_DECLARE_METATYPE(Vigie::HistoryDraft)
