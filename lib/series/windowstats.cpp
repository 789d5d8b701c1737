#include "windowstats.h"

#include <algorithm>
#include <cmath>

namespace Vigie {

WindowStats WindowStats::of(const QList<Sample> &samples, qint64 fromMs, qint64 toMs)
{
    WindowStats stats;
    QList<double> values;
    double sum = 0;
    for (const Sample &sample : samples) {
        if (sample.isGap() || sample.timestampMs < fromMs || sample.timestampMs >= toMs)
            continue;
        values.append(sample.value);
        sum += sample.value;
    }
    if (values.isEmpty())
        return stats;
    std::ranges::sort(values);
    stats.count = values.size();
    stats.mean = sum / double(values.size());
    stats.max = values.constLast();
    const qsizetype rank = qsizetype(std::ceil(0.95 * double(values.size())));
    stats.p95 = values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
    return stats;
}

QList<Sample> statisticsPoints(const SeriesRange &range)
{
    if (range.level == SeriesLevel::Raw)
        return range.samples;
    QList<Sample> points;
    points.reserve(range.rollups.size());
    for (const RollupPoint &bucket : range.rollups)
        if (bucket.count > 0)
            points.append({bucket.firstMs + (bucket.lastMs - bucket.firstMs) / 2, bucket.mean()});
    return points;
}

} // namespace Vigie
