#pragma once

#include "series/series.h"

#include <QList>

#include <span>

namespace Vigie {

// M4 decimation (Jugel et al., "M4: a visualization-oriented time series data aggregation", 2014):
// a line drawn through at most four points per pixel column, the column's first, last, minimum and
// maximum in time order, is the same picture as the line through every point. Pure functions, any
// thread.
//
// The range [fromMs, toMs] is split into `columns` columns of equal duration; points outside it are
// left out. Gap markers (NaN samples, see Sample) stay breaks:
// - a column without a gap keeps its first, min, max and last (fewer when they coincide);
// - a column with a gap keeps the same four at most, taken over the whole column, and puts one gap
//   marker (the first one's time) between two kept points that had a gap between them, or before
//   the first or after the last kept point when a gap lies there. A stretch of line entirely
//   inside one column between two gaps, holding neither the column's extremes nor its first or
//   last point, is narrower than a pixel and is dropped; its gaps still break the line.
// So a column never holds more than four real points (plus gap markers, never two in a row), the
// extremes of every column are kept, and no gap is bridged.
//
// `maxStepMs` (0: none) also breaks the line between two real samples further apart than that: a
// series stored without gap markers (probe results) breaks where nothing was measured.
QList<Sample> decimateM4(std::span<const Sample> samples, qint64 fromMs, qint64 toMs, int columns,
                         qint64 maxStepMs = 0);
QList<Sample> decimateM4(const QList<Sample> &samples, qint64 fromMs, qint64 toMs, int columns, qint64 maxStepMs = 0);

// A rollup level turned into samples that decimateM4 can take: each bucket becomes its mean at its
// first sample's time, its minimum and maximum (minimum first, their times within the bucket are
// not kept) at the middle of its first and last sample, and its mean again at its last sample's
// time; so the line passes through the means and a column's extremes are the buckets' true
// extremes. Where whole buckets are missing (nothing was measured for one `bucketMs` or more, say a
// day without data at the day level) a gap marker breaks the line. Empty buckets are skipped.
QList<Sample> rollupSamples(const QList<RollupPoint> &rollups, qint64 bucketMs);

// decimateM4(rollupSamples(rollups, bucketMs), ...) without the list in between: the same points.
QList<Sample> decimateRollups(std::span<const RollupPoint> rollups, qint64 bucketMs, qint64 fromMs, qint64 toMs,
                              int columns);

// Rollup buckets merged into the buckets of a coarser level (minute into hour or day, hour into
// day): the minimum of their minimums, the sum of their sums and counts, the first of their first
// times and the last of their last; what the store keeps at that level for the same samples.
// `rollups` are oldest first; empty buckets are left out.
QList<RollupPoint> coarserRollups(std::span<const RollupPoint> rollups, SeriesLevel level);

// A range answer as samples (raw ones, or its rollups through rollupSamples), decimated to
// `columns` columns over its own from..to.
QList<Sample> decimateRange(const SeriesRange &range, int columns, qint64 maxStepMs = 0);

// The unbroken runs of a sample list, split at gap markers (which they leave out); empty runs are
// not returned.
QList<QList<Sample>> splitAtGaps(const QList<Sample> &samples);

} // namespace Vigie
