#pragma once

#include "health/healthevent.h"
#include "series/series.h"
#include "store/resultstore.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Vigie {

struct Workspace;

// A service a report speaks of, as the workspace names it (the events name it by id only).
struct ReportService
{
    QString id;
    QString name;
    QString group;
    QStringList probes; // for people, by probe index: "http https://api.example.org/health"
    friend bool operator==(const ReportService &, const ReportService &) = default;
};

// The workspace's services, in its order.
QList<ReportService> reportServices(const Workspace &workspace);

// A span in which a service's recorded health was Down outside maintenance (for a group or the
// whole workspace: in which at least one of its services was). Degraded is not down: a degraded
// service is available. Times are UTC ms, clipped to the report's range.
struct OutageEpisode
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool beganBeforeRange = false; // it had begun before `from`: startMs is `from`
    qint64 beganMs = 0;            // when it really began: startMs, or earlier when beganBeforeRange
    bool open = false;             // still going at `to`: endMs is `to`
    // A service's own id; a group's or the overall episode: the service that failed first within it.
    QString serviceId;
    // A group's or the overall episode: every service down within it, in the order they failed.
    QStringList services;
    // A service's episode: the indexes of its probes that were down when it began or went down
    // within it, in that order.
    QList<int> failedProbes;

    qint64 durationMs() const { return endMs - startMs; }
    friend bool operator==(const OutageEpisode &, const OutageEpisode &) = default;
};

// A span in which a service was in maintenance (UTC ms, clipped to the report's range).
struct MaintenanceSpan
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    friend bool operator==(const MaintenanceSpan &, const MaintenanceSpan &) = default;
};

// The facts of one service, group or the whole workspace over [from, to].
//
// - Maintenance (between a MaintenanceStart and a MaintenanceEnd event of the service) is left out
//   of the denominator: a failure inside it is no outage. It is reported (maintenanceMs).
// - No data: before a service's first recorded state, Vigie knows nothing of it; that time is left
//   out as well and reported (noDataMs). Vigie records changes, not heartbeats: a time when nothing
//   was recording does not show in the events, and counts with the state recorded before it.
// - An outage that has begun before `from` counts from `from`; one still going at `to` counts to
//   `to` and says so (open).
// - MTTR: the mean duration of the episodes in the range (as clipped).
// - MTBF: the mean time between failures, the mean over consecutive episodes of the time from the
//   end of one to the start of the next (wall time: maintenance in between counts). It needs two
//   episodes in the range; none with fewer.
// For a group or the whole workspace, the times (maintenanceMs, noDataMs, observedMs) are sums of
// service time ("2 services for an hour": 2 h), and availability is the share of that service time
// that was not down; the episodes, downtime, the longest, MTTR and MTBF are those of wall time in
// which at least one service was down.
struct AvailabilityFigures
{
    QString id;   // a service's id, a group's name; empty for the whole workspace
    QString name; // a service's name; a group's name
    QString group;
    int services = 1; // how many services they cover
    qint64 rangeMs = 0;
    qint64 observedMs = 0; // service time with data, outside maintenance
    qint64 maintenanceMs = 0;
    qint64 noDataMs = 0;
    qint64 serviceDowntimeMs = 0; // service time down (a service's: its downtime)
    qint64 downtimeMs = 0;        // wall time in which it (or one of them) was down
    qint64 longestMs = 0;
    QList<OutageEpisode> episodes;         // oldest first
    QList<MaintenanceSpan> maintenance;    // a service's, oldest first (none for a group or overall)
    std::optional<double> availabilityPct; // none when nothing was observed
    std::optional<qint64> mttrMs;
    std::optional<qint64> mtbfMs;

    int outages() const { return int(episodes.size()); }
    friend bool operator==(const AvailabilityFigures &, const AvailabilityFigures &) = default;
};

struct AvailabilityReport
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QList<AvailabilityFigures> services; // in the order asked for
    QList<AvailabilityFigures> groups;   // by first appearance; services without a group are in none
    AvailabilityFigures overall;
    // The share of services operational (in %), a step at each change: "70 % at 12:55, 80 % at
    // 14:57". Operational is "not in an outage"; services in maintenance or without data yet count
    // in neither part; a time when no service counts is a gap (NaN). The last sample is at `to`.
    SeriesSamples operational;
};

// Computes the report from recorded events (any order; those of other services are ignored, and
// those before `from` give the state at `from`: pass every event up to `to`).
AvailabilityReport computeAvailability(const QList<HealthEvent> &events, const QList<ReportService> &services,
                                       qint64 fromMs, qint64 toMs);
// The same from the lean history the store reads for a report (ResultStore::stateHistory()).
AvailabilityReport computeAvailabilityFromHistory(StateHistory history, const QList<ReportService> &services,
                                                  qint64 fromMs, qint64 toMs);

// The name of the series AvailabilityReport::operational carries.
QString operationalShareSeriesName();

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::AvailabilityReport)
