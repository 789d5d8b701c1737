#pragma once

#include "probes/proberesult.h"
#include "series.h"

#include <QList>
#include <QString>

namespace Vigie {

struct Service;

// The series a probe's results feed, named with seriesName() (labels probe = the probe's index in
// its service, service = the service's id):
//   vigie_probe_latency_ms{probe="0",service="api"}                   total latency, in ms
//   vigie_probe_phase_ms{phase="connect",probe="0",service="api"}     each phase measured
//   vigie_probe_success{probe="0",service="api"}                      1 up or degraded, 0 down
// What a result without a measurement (a probe that could not run: unknown state, no total time)
// leaves out: its latency. What a result the upstream reports in maintenance leaves out: its
// success, neither a success nor a failure, so that a provider's announced maintenance does not
// count in the error rate (its latency and phases, measured, are kept).
QString probeLatencySeries(const QString &serviceId, int probeIndex);
QString probePhaseSeries(const QString &serviceId, int probeIndex, ProbePhase phase);
QString probeSuccessSeries(const QString &serviceId, int probeIndex);
// The phases a series is kept for, in the order of a request: resolve, connect, tls, processing,
// transfer.
QList<ProbePhase> probeSeriesPhases();

// The samples of a batch of results, one SeriesSamples per series and result.
QList<SeriesSamples> probeSeriesSamples(const QList<ProbeResult> &results);
// A gap marker (NaN) at `timestampMs` in each series the probes of `service` write (the phases
// their kind measures), for the start of a run: the time nothing was probing is a gap in a chart.
QList<SeriesSamples> probeGapMarkers(const Service &service, qint64 timestampMs);

} // namespace Vigie
