#include "decimation.h"

#include "seriesstore.h"

#include <algorithm>
#include <array>

namespace Vigie {

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Where a gap lies in the input: 2 x the ordinal of its marker, or 2 x i - 1 for a break made by
// maxStepMs just before sample i; so positions compare with the kept samples' 2 x ordinal.
struct GapAt
{
    qint64 position = 0;
    qint64 timestampMs = 0;
};

// A sample with its ordinal in the input, so that a column's kept samples go out in input order.
struct Kept
{
    qint64 ordinal = -1;
    Sample sample;
};

class M4Column
{
public:
    explicit M4Column(QList<Sample> &out)
        : m_out(out)
    {}

    void addReal(qint64 ordinal, const Sample &sample)
    {
        m_realSinceGap = true;
        if (m_first.ordinal < 0) {
            m_first = m_last = m_min = m_max = {ordinal, sample};
            return;
        }
        m_last = {ordinal, sample};
        if (sample.value < m_min.sample.value)
            m_min = {ordinal, sample};
        if (sample.value > m_max.sample.value)
            m_max = {ordinal, sample};
    }

    void addGap(qint64 position, qint64 timestampMs)
    {
        // Gaps with no real sample between them are one break.
        if (!m_gaps.isEmpty() && !m_realSinceGap)
            return;
        m_gaps.append({position, timestampMs});
        m_realSinceGap = false;
    }

    bool isEmpty() const { return m_first.ordinal < 0 && m_gaps.isEmpty(); }

    void flush()
    {
        std::array<Kept, 4> kept{m_first, m_min, m_max, m_last};
        qsizetype count = 0;
        if (m_first.ordinal >= 0) {
            std::ranges::sort(kept, {}, &Kept::ordinal);
            count = std::unique(kept.begin(), kept.end(),
                                [](const Kept &a, const Kept &b) { return a.ordinal == b.ordinal; }) -
                    kept.begin();
        }
        qsizetype gap = 0;
        for (qsizetype k = 0; k < count; ++k) {
            const qint64 position = 2 * kept[k].ordinal;
            if (gap < m_gaps.size() && m_gaps.at(gap).position < position) {
                appendGap(m_gaps.at(gap).timestampMs);
                while (gap < m_gaps.size() && m_gaps.at(gap).position < position)
                    ++gap;
            }
            m_out.append(kept[k].sample);
        }
        if (gap < m_gaps.size())
            appendGap(m_gaps.at(gap).timestampMs);
        m_first = m_last = m_min = m_max = Kept();
        m_gaps.clear();
        m_realSinceGap = true;
    }

private:
    void appendGap(qint64 timestampMs)
    {
        if (!m_out.isEmpty() && m_out.constLast().isGap())
            return;
        m_out.append({timestampMs, NaN});
    }

    QList<Sample> &m_out;
    Kept m_first;
    Kept m_last;
    Kept m_min;
    Kept m_max;
    QList<GapAt> m_gaps;
    bool m_realSinceGap = true;
};

// M4 over samples handed in one at a time, oldest first: the same output for the same sequence,
// whether it comes from a list or is generated (a rollup's samples, see rollupSamples).
class M4Stream
{
public:
    M4Stream(qint64 fromMs, qint64 toMs, int columns, qint64 maxStepMs, qsizetype expected)
        : m_fromMs(fromMs)
        , m_toMs(toMs)
        , m_columns(columns)
        , m_span(std::max<qint64>(1, toMs - fromMs))
        , m_maxStepMs(maxStepMs)
        , m_column(m_out)
    {
        m_out.reserve(std::min<qsizetype>(expected + 1, qsizetype(columns) * 6 + 2));
    }

    void add(const Sample &sample)
    {
        const qint64 i = m_ordinal++;
        const bool gap = sample.isGap();
        const bool stepBreak =
            !gap && m_maxStepMs > 0 && m_haveReal && sample.timestampMs - m_previousRealMs > m_maxStepMs;
        const qint64 breakMs = m_previousRealMs;
        if (!gap) {
            m_haveReal = true;
            m_previousRealMs = sample.timestampMs;
        } else {
            m_haveReal = false; // a marker already breaks the line: no second break after it
        }
        if (sample.timestampMs < m_fromMs || sample.timestampMs > m_toMs)
            return;
        const qint64 index = std::min<qint64>(m_columns - 1, (sample.timestampMs - m_fromMs) * m_columns / m_span);
        if (index != m_current) {
            if (!m_column.isEmpty())
                m_column.flush();
            m_current = index;
        }
        if (gap) {
            m_column.addGap(2 * i, sample.timestampMs);
        } else {
            if (stepBreak)
                m_column.addGap(2 * i - 1, std::max(breakMs, m_fromMs));
            m_column.addReal(i, sample);
        }
    }

    QList<Sample> finish()
    {
        if (!m_column.isEmpty())
            m_column.flush();
        return std::move(m_out);
    }

private:
    qint64 m_fromMs;
    qint64 m_toMs;
    int m_columns;
    qint64 m_span;
    qint64 m_maxStepMs;
    QList<Sample> m_out;
    M4Column m_column;
    qint64 m_ordinal = 0;
    qint64 m_current = -1;
    bool m_haveReal = false;
    qint64 m_previousRealMs = 0;
};

// The samples standing for rollup buckets (see rollupSamples), handed to `sink` one at a time.
template<typename Sink>
void forEachRollupSample(std::span<const RollupPoint> rollups, qint64 bucketMs, Sink &&sink)
{
    const RollupPoint *previous = nullptr;
    for (const RollupPoint &bucket : rollups) {
        if (bucket.count <= 0)
            continue;
        if (previous && bucketMs > 0 && bucket.bucketStartMs - previous->bucketStartMs > bucketMs)
            sink(Sample{previous->bucketStartMs + bucketMs, NaN});
        previous = &bucket;
        const double mean = bucket.mean();
        sink(Sample{bucket.firstMs, mean});
        if (bucket.min < bucket.max) {
            const qint64 middle = bucket.firstMs + (bucket.lastMs - bucket.firstMs) / 2;
            sink(Sample{middle, bucket.min});
            sink(Sample{middle, bucket.max});
        }
        if (bucket.lastMs > bucket.firstMs)
            sink(Sample{bucket.lastMs, mean});
    }
}

} // namespace

QList<Sample> decimateM4(std::span<const Sample> samples, qint64 fromMs, qint64 toMs, int columns, qint64 maxStepMs)
{
    if (columns <= 0 || toMs < fromMs || samples.empty())
        return {};
    M4Stream m4(fromMs, toMs, columns, maxStepMs, qsizetype(samples.size()));
    for (const Sample &sample : samples)
        m4.add(sample);
    return m4.finish();
}

QList<Sample> decimateM4(const QList<Sample> &samples, qint64 fromMs, qint64 toMs, int columns, qint64 maxStepMs)
{
    return decimateM4(std::span<const Sample>(samples.constData(), size_t(samples.size())), fromMs, toMs, columns,
                      maxStepMs);
}

QList<Sample> rollupSamples(const QList<RollupPoint> &rollups, qint64 bucketMs)
{
    QList<Sample> out;
    out.reserve(rollups.size() * 4);
    forEachRollupSample(std::span<const RollupPoint>(rollups.constData(), size_t(rollups.size())), bucketMs,
                        [&out](const Sample &sample) { out.append(sample); });
    return out;
}

QList<Sample> decimateRollups(std::span<const RollupPoint> rollups, qint64 bucketMs, qint64 fromMs, qint64 toMs,
                              int columns)
{
    if (columns <= 0 || toMs < fromMs || rollups.empty())
        return {};
    M4Stream m4(fromMs, toMs, columns, 0, qsizetype(rollups.size()) * 4);
    forEachRollupSample(rollups, bucketMs, [&m4](const Sample &sample) { m4.add(sample); });
    return m4.finish();
}

QList<RollupPoint> coarserRollups(std::span<const RollupPoint> rollups, SeriesLevel level)
{
    const qint64 bucketMs = seriesBucketMs(level);
    QList<RollupPoint> out;
    for (const RollupPoint &bucket : rollups) {
        if (bucket.count <= 0)
            continue;
        const qint64 start = bucket.bucketStartMs - ((bucket.bucketStartMs % bucketMs) + bucketMs) % bucketMs;
        if (out.isEmpty() || out.constLast().bucketStartMs != start) {
            RollupPoint coarse;
            coarse.bucketStartMs = start;
            out.append(coarse);
        }
        out.last().merge(bucket);
    }
    return out;
}

QList<Sample> decimateRange(const SeriesRange &range, int columns, qint64 maxStepMs)
{
    if (range.level == SeriesLevel::Raw)
        return decimateM4(range.samples, range.fromMs, range.toMs, columns, maxStepMs);
    return decimateRollups(std::span<const RollupPoint>(range.rollups.constData(), size_t(range.rollups.size())),
                           seriesBucketMs(range.level), range.fromMs, range.toMs, columns);
}

QList<QList<Sample>> splitAtGaps(const QList<Sample> &samples)
{
    QList<QList<Sample>> runs;
    QList<Sample> run;
    for (const Sample &sample : samples) {
        if (sample.isGap()) {
            if (!run.isEmpty())
                runs.append(std::exchange(run, {}));
            continue;
        }
        run.append(sample);
    }
    if (!run.isEmpty())
        runs.append(run);
    return runs;
}

} // namespace Vigie
