#include "errorrate.h"

#include "seriesstore.h"

#include <cmath>
#include <limits>

namespace Vigie {

namespace {

double percent(double sum, qint64 count)
{
    return 100.0 * (1.0 - sum / double(count));
}

} // namespace

QList<Sample> errorRatePercent(const SeriesRange &success, qint64 bucketMs)
{
    // (time, sum, count) of each measurement, or a gap, in time order.
    struct Part
    {
        qint64 timestampMs;
        double sum;
        qint64 count;
    };
    QList<Part> parts;
    if (success.level == SeriesLevel::Raw) {
        parts.reserve(success.samples.size());
        for (const Sample &sample : success.samples)
            parts.append({sample.timestampMs, sample.value, sample.isGap() ? 0 : 1});
    } else {
        parts.reserve(success.rollups.size());
        for (const RollupPoint &point : success.rollups)
            parts.append({point.bucketStartMs, point.sum, point.count});
    }
    QList<Sample> rates;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (bucketMs <= 0) {
        for (const Part &part : std::as_const(parts))
            rates.append({part.timestampMs, part.count > 0 ? percent(part.sum, part.count) : nan});
        return rates;
    }
    qint64 bucket = 0;
    double sum = 0;
    qint64 count = 0;
    bool open = false;
    const auto close = [&] {
        if (open && count > 0)
            rates.append({bucket, percent(sum, count)});
        open = false;
        sum = 0;
        count = 0;
    };
    for (const Part &part : std::as_const(parts)) {
        if (part.count == 0) {
            // A gap: what came before it is a bucket of its own, then the line breaks.
            close();
            rates.append({part.timestampMs, nan});
            continue;
        }
        const qint64 start = seriesBucketStart(part.timestampMs, bucketMs);
        if (open && start != bucket)
            close();
        bucket = start;
        open = true;
        sum += part.sum;
        count += part.count;
    }
    close();
    return rates;
}

std::optional<double> overallErrorRatePercent(const SeriesRange &success)
{
    return overallErrorRatePercent(QList<SeriesRange>{success});
}

std::optional<double> overallErrorRatePercent(const QList<SeriesRange> &successes)
{
    double sum = 0;
    qint64 count = 0;
    for (const SeriesRange &success : successes) {
        if (success.level == SeriesLevel::Raw) {
            for (const Sample &sample : success.samples)
                if (!sample.isGap()) {
                    sum += sample.value;
                    ++count;
                }
        } else {
            for (const RollupPoint &point : success.rollups) {
                sum += point.sum;
                count += point.count;
            }
        }
    }
    if (count == 0)
        return std::nullopt;
    return percent(sum, count);
}

} // namespace Vigie
