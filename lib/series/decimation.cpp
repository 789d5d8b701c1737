#include "decimation.h"

#include "seriesstore.h"

#include <algorithm>
#include <array>

namespace Vigie {

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Where a gap lies in the input: 2 x the index of its marker, or 2 x i - 1 for a break made by
// maxStepMs just before sample i; so positions compare with the kept samples' 2 x index.
struct GapAt
{
    qint64 position = 0;
    qint64 timestampMs = 0;
};

class M4Column
{
public:
    explicit M4Column(QList<Sample> &out)
        : m_out(out)
    {}

    void addReal(qsizetype index, const Sample &sample)
    {
        m_realSinceGap = true;
        if (m_first < 0) {
            m_first = m_last = m_min = m_max = index;
            m_minValue = m_maxValue = sample.value;
            return;
        }
        m_last = index;
        if (sample.value < m_minValue) {
            m_minValue = sample.value;
            m_min = index;
        }
        if (sample.value > m_maxValue) {
            m_maxValue = sample.value;
            m_max = index;
        }
    }

    void addGap(qint64 position, qint64 timestampMs)
    {
        // Gaps with no real sample between them are one break.
        if (!m_gaps.isEmpty() && !m_realSinceGap)
            return;
        m_gaps.append({position, timestampMs});
        m_realSinceGap = false;
    }

    bool isEmpty() const { return m_first < 0 && m_gaps.isEmpty(); }

    void flush(const QList<Sample> &samples)
    {
        std::array<qsizetype, 4> kept{m_first, m_min, m_max, m_last};
        qsizetype count = 0;
        if (m_first >= 0) {
            std::ranges::sort(kept);
            count = std::unique(kept.begin(), kept.end()) - kept.begin();
        }
        qsizetype gap = 0;
        for (qsizetype k = 0; k < count; ++k) {
            const qint64 position = 2 * kept[k];
            if (gap < m_gaps.size() && m_gaps.at(gap).position < position) {
                appendGap(m_gaps.at(gap).timestampMs);
                while (gap < m_gaps.size() && m_gaps.at(gap).position < position)
                    ++gap;
            }
            m_out.append(samples.at(kept[k]));
        }
        if (gap < m_gaps.size())
            appendGap(m_gaps.at(gap).timestampMs);
        m_first = m_last = m_min = m_max = -1;
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
    qsizetype m_first = -1;
    qsizetype m_last = -1;
    qsizetype m_min = -1;
    qsizetype m_max = -1;
    double m_minValue = 0;
    double m_maxValue = 0;
    QList<GapAt> m_gaps;
    bool m_realSinceGap = true;
};

} // namespace

QList<Sample> decimateM4(const QList<Sample> &samples, qint64 fromMs, qint64 toMs, int columns, qint64 maxStepMs)
{
    QList<Sample> out;
    if (columns <= 0 || toMs < fromMs || samples.isEmpty())
        return out;
    const qint64 span = std::max<qint64>(1, toMs - fromMs);
    out.reserve(std::min<qsizetype>(samples.size() + 1, qsizetype(columns) * 6 + 2));

    M4Column column(out);
    qint64 current = -1;
    bool haveReal = false;
    qint64 previousRealMs = 0;
    for (qsizetype i = 0, n = samples.size(); i < n; ++i) {
        const Sample &sample = samples.at(i);
        const bool gap = sample.isGap();
        const bool stepBreak = !gap && maxStepMs > 0 && haveReal && sample.timestampMs - previousRealMs > maxStepMs;
        const qint64 breakMs = previousRealMs;
        if (!gap) {
            haveReal = true;
            previousRealMs = sample.timestampMs;
        } else {
            haveReal = false; // a marker already breaks the line: no second break after it
        }
        if (sample.timestampMs < fromMs || sample.timestampMs > toMs)
            continue;
        const qint64 index = std::min<qint64>(columns - 1, (sample.timestampMs - fromMs) * columns / span);
        if (index != current) {
            if (!column.isEmpty())
                column.flush(samples);
            current = index;
        }
        if (gap) {
            column.addGap(2 * i, sample.timestampMs);
        } else {
            if (stepBreak)
                column.addGap(2 * i - 1, std::max(breakMs, fromMs));
            column.addReal(i, sample);
        }
    }
    if (!column.isEmpty())
        column.flush(samples);
    return out;
}

QList<Sample> rollupSamples(const QList<RollupPoint> &rollups, qint64 bucketMs)
{
    QList<Sample> out;
    out.reserve(rollups.size() * 4);
    const RollupPoint *previous = nullptr;
    for (const RollupPoint &bucket : rollups) {
        if (bucket.count <= 0)
            continue;
        if (previous && bucketMs > 0 && bucket.bucketStartMs - previous->bucketStartMs > bucketMs)
            out.append({previous->bucketStartMs + bucketMs, NaN});
        previous = &bucket;
        const double mean = bucket.mean();
        out.append({bucket.firstMs, mean});
        if (bucket.min < bucket.max) {
            const qint64 middle = bucket.firstMs + (bucket.lastMs - bucket.firstMs) / 2;
            out.append({middle, bucket.min});
            out.append({middle, bucket.max});
        }
        if (bucket.lastMs > bucket.firstMs)
            out.append({bucket.lastMs, mean});
    }
    return out;
}

QList<Sample> decimateRange(const SeriesRange &range, int columns, qint64 maxStepMs)
{
    if (range.level == SeriesLevel::Raw)
        return decimateM4(range.samples, range.fromMs, range.toMs, columns, maxStepMs);
    return decimateM4(rollupSamples(range.rollups, seriesBucketMs(range.level)), range.fromMs, range.toMs, columns);
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
