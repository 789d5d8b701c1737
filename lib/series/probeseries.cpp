#include "probeseries.h"

#include "workspace/workspace.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

QList<SeriesLabel> probeLabels(const QString &serviceId, int probeIndex)
{
    return {{u"probe"_s, QString::number(probeIndex)}, {u"service"_s, serviceId}};
}

// What each kind measures (the prober sets these phases when it gets that far).
QList<ProbePhase> phasesOfKind(const ProbeSpec &probe)
{
    const QString kind = probe.kindName();
    if (kind == "http"_L1) {
        if (probe.target.startsWith(u"https:"_s, Qt::CaseInsensitive))
            return probeSeriesPhases();
        return {ProbePhase::Resolve, ProbePhase::Connect, ProbePhase::Processing, ProbePhase::Transfer};
    }
    if (kind == "tcp"_L1)
        return {ProbePhase::Resolve, ProbePhase::Connect, ProbePhase::Processing};
    if (kind == "tls"_L1)
        return {ProbePhase::Resolve, ProbePhase::Connect, ProbePhase::Tls};
    if (kind == "dns"_L1)
        return {ProbePhase::Resolve};
    if (kind == "statuspage"_L1)
        return {ProbePhase::Processing, ProbePhase::Transfer};
    return {};
}

std::optional<double> phaseValue(const PhaseTimings &phases, ProbePhase phase)
{
    switch (phase) {
    case ProbePhase::Resolve:
        return phases.resolveMs;
    case ProbePhase::Connect:
        return phases.connectMs;
    case ProbePhase::Tls:
        return phases.tlsMs;
    case ProbePhase::Processing:
        return phases.processingMs;
    case ProbePhase::Transfer:
        return phases.transferMs;
    default:
        return std::nullopt;
    }
}

} // namespace

QString probeLatencySeries(const QString &serviceId, int probeIndex)
{
    return seriesName(u"vigie_probe_latency_ms"_s, probeLabels(serviceId, probeIndex));
}

QString probePhaseSeries(const QString &serviceId, int probeIndex, ProbePhase phase)
{
    QList<SeriesLabel> labels = probeLabels(serviceId, probeIndex);
    labels.append({u"phase"_s, probePhaseName(phase)});
    return seriesName(u"vigie_probe_phase_ms"_s, std::move(labels));
}

QString probeSuccessSeries(const QString &serviceId, int probeIndex)
{
    return seriesName(u"vigie_probe_success"_s, probeLabels(serviceId, probeIndex));
}

QList<ProbePhase> probeSeriesPhases()
{
    return {ProbePhase::Resolve, ProbePhase::Connect, ProbePhase::Tls, ProbePhase::Processing, ProbePhase::Transfer};
}

QList<SeriesSamples> probeSeriesSamples(const QList<ProbeResult> &results)
{
    QList<SeriesSamples> samples;
    samples.reserve(results.size() * 4);
    const QList<ProbePhase> phases = probeSeriesPhases();
    for (const ProbeResult &result : results) {
        const QString &service = result.key.serviceId;
        const int index = result.key.index;
        const qint64 ts = result.timestampMs;
        const bool verdict = result.status != HealthState::Unknown;
        if (result.phases.totalMs || (verdict && result.status != HealthState::Down))
            samples.append({probeLatencySeries(service, index), {{ts, result.latencyMs}}});
        for (const ProbePhase phase : phases)
            if (const auto value = phaseValue(result.phases, phase))
                samples.append({probePhaseSeries(service, index, phase), {{ts, *value}}});
        if (verdict && !result.maintenance)
            samples.append(
                {probeSuccessSeries(service, index), {{ts, result.status == HealthState::Down ? 0.0 : 1.0}}});
    }
    return samples;
}

QList<SeriesSamples> probeGapMarkers(const Service &service, qint64 timestampMs)
{
    const double gap = std::numeric_limits<double>::quiet_NaN();
    QList<SeriesSamples> samples;
    for (int index = 0; index < service.probes.size(); ++index) {
        samples.append({probeLatencySeries(service.id, index), {{timestampMs, gap}}});
        samples.append({probeSuccessSeries(service.id, index), {{timestampMs, gap}}});
        for (const ProbePhase phase : phasesOfKind(service.probes.at(index)))
            samples.append({probePhaseSeries(service.id, index, phase), {{timestampMs, gap}}});
    }
    return samples;
}

} // namespace Vigie
