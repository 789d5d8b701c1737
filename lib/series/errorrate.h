#pragma once

#include "series.h"

#include <QList>

#include <optional>

namespace Vigie {

// The error rate of a success series (1 = the probe succeeded, 0 = it failed: what the session
// writes as vigie_probe_success), in percent: 100 x (1 - mean). The one place charts and reports
// compute it, from a SeriesRange at any level.
//
// Per bucket of `bucketMs` (aligned on multiples of it, UTC): one sample per bucket that holds
// measurements, stamped at the bucket's start; a bucket with none is left out, and a gap marker
// (NaN) in raw samples is kept as a NaN sample so that a chart breaks its line there. With
// bucketMs 0, each raw sample or rollup bucket of the range is its own bucket.
QList<Sample> errorRatePercent(const SeriesRange &success, qint64 bucketMs = 0);
// Over the whole range: nothing when it holds no measurement.
std::optional<double> overallErrorRatePercent(const SeriesRange &success);
// Over several success series at once (a service's probes, several services): every measurement
// weighs the same, whichever series it is in.
std::optional<double> overallErrorRatePercent(const QList<SeriesRange> &successes);

} // namespace Vigie
