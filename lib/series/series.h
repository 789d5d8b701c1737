#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace Vigie {

// The words every numeric series shares: the store (lib/series), its sources (probe results,
// scraped metrics) and the charts (ui). A series is named like a Prometheus series, metric name and
// sorted labels: `vigie_probe_latency_ms{probe="0",service="api"}`. seriesName() builds that form,
// so that the same series always has the same name.

// One raw value. A NaN value is a gap marker: nothing was measured from here to the next sample
// (a restart, a scrape that failed), so a chart breaks its line there instead of bridging.
struct Sample
{
    qint64 timestampMs = 0; // UTC
    double value = 0;
    bool isGap() const { return std::isnan(value); }
    friend bool operator==(const Sample &, const Sample &) = default;
};

// The finest level first; each rollup level aggregates one bucket (a minute, an hour, a day) of the
// raw samples that fall into it, gap markers excluded.
enum class SeriesLevel { Raw, Minute, Hour, Day };

// One bucket of a rollup level.
struct RollupPoint
{
    qint64 bucketStartMs = 0; // the bucket's start (UTC), a multiple of its length
    qint64 firstMs = 0;       // the first and last raw sample inside it
    qint64 lastMs = 0;
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double sum = 0;
    qint64 count = 0;
    double mean() const { return count > 0 ? sum / double(count) : std::numeric_limits<double>::quiet_NaN(); }
    // Folds in the bucket of another stretch of the same series (its start is left as it is).
    void merge(const RollupPoint &other)
    {
        if (other.count <= 0)
            return;
        if (count <= 0) {
            const qint64 start = bucketStartMs;
            *this = other;
            bucketStartMs = start;
            return;
        }
        firstMs = std::min(firstMs, other.firstMs);
        lastMs = std::max(lastMs, other.lastMs);
        min = std::min(min, other.min);
        max = std::max(max, other.max);
        sum += other.sum;
        count += other.count;
    }
    friend bool operator==(const RollupPoint &, const RollupPoint &) = default;
};

// Samples of one series, to append (a batch may hold several series).
struct SeriesSamples
{
    QString series;
    QList<Sample> samples; // oldest first
};

// What a range query returns for one series: the level it chose and its points, oldest first
// (raw samples for SeriesLevel::Raw, rollup buckets otherwise).
struct SeriesRange
{
    QString series;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    SeriesLevel level = SeriesLevel::Raw;
    QList<Sample> samples;
    QList<RollupPoint> rollups;
};

using SeriesLabel = std::pair<QString, QString>;

// `metric{a="x",b="y"}`: labels sorted by name; `\`, `"` and line feeds in values escaped as in the
// Prometheus text format. A metric without labels is its bare name.
QString seriesName(const QString &metric, QList<SeriesLabel> labels = {});

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::SeriesRange)
