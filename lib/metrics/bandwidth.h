#pragma once

#include "metrics/counterrate.h"
#include "metrics/scraper.h"
#include "series/series.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Vigie {

// The bandwidth of each network interface of a node_exporter, from its byte counters
// (node_network_receive_bytes_total and node_network_transmit_bytes_total, per device) to
// vigie_bandwidth_mbps{device="eth0",direction="in"|"out",target="..."} in Mbit/s (bytes × 8 / 10⁶
// per second), resets handled as CounterRate does. Feed it each scrape of one target in order.
class BandwidthMeter
{
public:
    explicit BandwidthMeter(QString target);

    // A scrape's bandwidth samples, one series per device and direction; none from the first
    // scrape (a rate needs two). A failed scrape is a gap: see gap().
    QList<SeriesSamples> add(const ScrapeResult &scrape);
    // A NaN gap marker in every series seen so far, and the rates start over: a chart breaks its
    // line there instead of bridging a time nothing was measured.
    QList<SeriesSamples> gap(qint64 timestampMs);

    static QString seriesFor(const QString &target, const QString &device, bool in);

private:
    QString m_target;
    QHash<QString, CounterRate> m_rates; // by series name
};

} // namespace Vigie
