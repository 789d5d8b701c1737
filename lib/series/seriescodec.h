#pragma once

#include "series.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <span>

namespace Vigie::SeriesCodec {

// How raw samples are packed on disk: one blob per chunk of a series (a few dozen to a few hundred
// samples in time order), so that a sample costs a few bytes instead of a row of its own.
//
// Layout: a format byte (1), a scale byte k (0..9, or 0xff when no value is a decimal number),
// the first timestamp as a zig-zag varint, then per sample:
// - its time: nothing for the first; the delta to the previous one, then the delta of deltas, as
//   zig-zag varints. Probes every 30 s with a few milliseconds of jitter cost one or two bytes.
// - its value: when value x 10^k is an integer n (|n| <= 2^53) that gives back exactly the same
//   double, the zig-zag difference to the previous such n, shifted left one bit (low bit 0), as a
//   varint; otherwise the varint 1 (an escape) and the 8 bytes of the double. A probe's latency
//   (nanoseconds / 10^6, k = 6) that varies by ±20 ms costs 4 bytes; NaN (gap markers), ±Inf,
//   -0.0 and values with more decimals take 9.
// k is the largest of the samples' smallest exact scales, so a chunk of millisecond values with a
// few microsecond ones is encoded at k = 3 (the latter checked, then escaped if need be).
// Everything is lossless: decode(encode(s)) == s, bit for bit.
QByteArray encode(std::span<const Sample> samples);
inline QByteArray encode(const QList<Sample> &samples)
{
    return encode(std::span<const Sample>(samples.constData(), size_t(samples.size())));
}
// The samples of a blob, or nothing when it is not one of ours (damaged).
std::optional<QList<Sample>> decode(QByteArrayView blob);

// Rollup buckets packed the same way (the minute level, whose buckets are as many as the samples
// of a series probed every minute or less often): the counts as varints, then three sample
// streams: (first time, min) of every bucket, then (last time, max) and (last time, sum) of the
// buckets holding more than one sample (for one sample, last = first and max = sum = min). A
// bucket of one latency costs ~6 bytes instead of a ~50-byte row. Buckets in time order.
QByteArray encodeRollups(std::span<const RollupPoint> points);
// The buckets of such a blob, each starting at its first time floored to `bucketMs`.
std::optional<QList<RollupPoint>> decodeRollups(QByteArrayView blob, qint64 bucketMs);

} // namespace Vigie::SeriesCodec
