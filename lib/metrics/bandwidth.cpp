#include "bandwidth.h"

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

BandwidthMeter::BandwidthMeter(QString target)
    : m_target(std::move(target))
{}

QString BandwidthMeter::seriesFor(const QString &target, const QString &device, bool in)
{
    return seriesName(u"vigie_bandwidth_mbps"_s,
                      {{u"device"_s, device}, {u"direction"_s, in ? u"in"_s : u"out"_s}, {u"target"_s, target}});
}

QList<SeriesSamples> BandwidthMeter::add(const ScrapeResult &scrape)
{
    if (!scrape.ok())
        return gap(scrape.timestampMs);
    QList<SeriesSamples> out;
    for (const ScrapedSample &sample : scrape.samples) {
        const bool in = sample.name == "node_network_receive_bytes_total"_L1;
        if (!in && sample.name != "node_network_transmit_bytes_total"_L1)
            continue;
        const QString device = sample.label(u"device"_s);
        if (device.isEmpty())
            continue;
        const QString series = seriesFor(m_target, device, in);
        const qint64 at = sample.timestampMs.value_or(scrape.timestampMs);
        const std::optional<double> bytesPerSecond = m_rates[series].add(at, sample.value);
        if (bytesPerSecond)
            out.append(SeriesSamples{series, {Sample{at, *bytesPerSecond * 8.0 / 1e6}}});
    }
    return out;
}

QList<SeriesSamples> BandwidthMeter::gap(qint64 timestampMs)
{
    QList<SeriesSamples> out;
    for (auto it = m_rates.begin(); it != m_rates.end(); ++it) {
        if (it->hasPrevious())
            out.append(SeriesSamples{it.key(), {Sample{timestampMs, std::numeric_limits<double>::quiet_NaN()}}});
        it->reset();
    }
    return out;
}

} // namespace Vigie
