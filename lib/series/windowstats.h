#pragma once

#include "series.h"

#include <QList>

#include <limits>

namespace Vigie {

// Mean, 95th percentile and maximum of the values within a time window: the before/during readout
// of a chart's band and the facts of a notice drafted from history read them the same way.
struct WindowStats
{
    qint64 count = 0;
    double mean = std::numeric_limits<double>::quiet_NaN();
    double p95 = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();

    // [fromMs, toMs) of `samples` (gap markers left out, any order); p95 by the nearest rank.
    static WindowStats of(const QList<Sample> &samples, qint64 fromMs, qint64 toMs);
};

// The points of a range for statistics and a full export: its raw samples, or one point per
// rollup bucket (its mean, at the middle of the bucket's first and last sample) at a coarser level.
QList<Sample> statisticsPoints(const SeriesRange &range);

} // namespace Vigie
