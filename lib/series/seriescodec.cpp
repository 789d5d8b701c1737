#include "seriescodec.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>

namespace Vigie::SeriesCodec {

namespace {

constexpr char formatVersion = 1;
constexpr quint8 noScale = 0xff;
constexpr int largestScale = 9;
constexpr double largestScaled = 9007199254740992.0; // 2^53
constexpr std::array<double, largestScale + 1> powersOfTen{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

quint64 zigzag(qint64 v)
{
    return (quint64(v) << 1) ^ quint64(v >> 63);
}

qint64 unzigzag(quint64 v)
{
    return qint64(v >> 1) ^ -qint64(v & 1);
}

void putVarint(QByteArray &out, quint64 v)
{
    while (v >= 0x80) {
        out.append(char(quint8(v) | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

bool getVarint(QByteArrayView in, qsizetype &pos, quint64 &v)
{
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= in.size())
            return false;
        const auto byte = quint8(in[pos++]);
        v |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

// n such that n / 10^k is exactly `value` (same bits), if there is one.
std::optional<qint64> scaled(double value, int k)
{
    if (!std::isfinite(value))
        return std::nullopt;
    const double product = value * powersOfTen[k];
    if (!(std::fabs(product) <= largestScaled))
        return std::nullopt;
    const auto n = qint64(std::llround(product));
    const double back = double(n) / powersOfTen[k];
    if (std::bit_cast<quint64>(back) != std::bit_cast<quint64>(value))
        return std::nullopt;
    return n;
}

std::optional<int> smallestScale(double value)
{
    for (int k = 0; k <= largestScale; ++k)
        if (scaled(value, k))
            return k;
    return std::nullopt;
}

} // namespace

QByteArray encode(std::span<const Sample> samples)
{
    int scale = -1;
    for (const Sample &sample : samples)
        if (const auto k = smallestScale(sample.value))
            scale = std::max(scale, *k);

    QByteArray out;
    out.reserve(qsizetype(samples.size() * 6 + 12));
    out.append(formatVersion);
    out.append(char(scale < 0 ? noScale : quint8(scale)));
    if (samples.empty())
        return out;
    putVarint(out, zigzag(samples.front().timestampMs));
    qint64 previousTime = samples.front().timestampMs;
    qint64 previousDelta = 0;
    qint64 previousScaled = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
        const Sample &sample = samples[i];
        if (i > 0) {
            const qint64 delta = sample.timestampMs - previousTime;
            putVarint(out, zigzag(i == 1 ? delta : delta - previousDelta));
            previousDelta = delta;
            previousTime = sample.timestampMs;
        }
        const auto n = scale < 0 ? std::nullopt : scaled(sample.value, scale);
        if (n) {
            putVarint(out, zigzag(*n - previousScaled) << 1);
            previousScaled = *n;
        } else {
            putVarint(out, 1);
            const auto bits = std::bit_cast<quint64>(sample.value);
            for (int b = 0; b < 8; ++b)
                out.append(char(quint8(bits >> (8 * b))));
        }
    }
    return out;
}

std::optional<QList<Sample>> decode(QByteArrayView in)
{
    if (in.size() < 2 || in[0] != formatVersion)
        return std::nullopt;
    const auto scale = quint8(in[1]);
    if (scale != noScale && scale > largestScale)
        return std::nullopt;
    QList<Sample> samples;
    qsizetype pos = 2;
    if (pos == in.size())
        return samples;
    quint64 raw = 0;
    if (!getVarint(in, pos, raw))
        return std::nullopt;
    qint64 time = unzigzag(raw);
    qint64 delta = 0;
    qint64 value = 0;
    samples.reserve(in.size() / 4);
    while (pos < in.size()) {
        if (!samples.isEmpty()) {
            if (!getVarint(in, pos, raw))
                return std::nullopt;
            delta = samples.size() == 1 ? unzigzag(raw) : delta + unzigzag(raw);
            time += delta;
        }
        if (!getVarint(in, pos, raw))
            return std::nullopt;
        Sample sample{time, 0};
        if (raw == 1) {
            if (pos + 8 > in.size())
                return std::nullopt;
            quint64 bits = 0;
            for (int b = 0; b < 8; ++b)
                bits |= quint64(quint8(in[pos + b])) << (8 * b);
            pos += 8;
            sample.value = std::bit_cast<double>(bits);
        } else {
            if ((raw & 1) || scale == noScale)
                return std::nullopt;
            value += unzigzag(raw >> 1);
            sample.value = double(value) / powersOfTen[scale];
        }
        samples.append(sample);
    }
    return samples;
}

QByteArray encodeRollups(std::span<const RollupPoint> points)
{
    QList<Sample> firsts;
    QList<Sample> lasts;
    QList<Sample> sums;
    QByteArray out;
    out.reserve(qsizetype(points.size() * 8 + 16));
    putVarint(out, points.size());
    for (const RollupPoint &point : points) {
        putVarint(out, quint64(point.count));
        firsts.append({point.firstMs, point.min});
        if (point.count > 1) {
            lasts.append({point.lastMs, point.max});
            sums.append({point.lastMs, point.sum});
        }
    }
    const QByteArray first = encode(firsts);
    const QByteArray last = encode(lasts);
    putVarint(out, quint64(first.size()));
    out += first;
    putVarint(out, quint64(last.size()));
    out += last;
    out += encode(sums);
    return out;
}

std::optional<QList<RollupPoint>> decodeRollups(QByteArrayView in, qint64 bucketMs)
{
    qsizetype pos = 0;
    quint64 count = 0;
    if (bucketMs <= 0 || !getVarint(in, pos, count) || count > quint64(in.size()))
        return std::nullopt;
    QList<qint64> counts;
    counts.reserve(qsizetype(count));
    qsizetype multiple = 0;
    for (quint64 i = 0; i < count; ++i) {
        quint64 c = 0;
        if (!getVarint(in, pos, c) || c == 0)
            return std::nullopt;
        counts.append(qint64(c));
        multiple += c > 1 ? 1 : 0;
    }
    const auto stream = [&](std::optional<qsizetype> length) -> std::optional<QList<Sample>> {
        if (!length) {
            const auto rest = decode(in.sliced(pos));
            pos = in.size();
            return rest;
        }
        if (*length < 0 || pos + *length > in.size())
            return std::nullopt;
        const auto samples = decode(in.sliced(pos, *length));
        pos += *length;
        return samples;
    };
    quint64 length = 0;
    if (!getVarint(in, pos, length))
        return std::nullopt;
    const auto firsts = stream(qsizetype(length));
    if (!getVarint(in, pos, length))
        return std::nullopt;
    const auto lasts = stream(qsizetype(length));
    const auto sums = stream(std::nullopt);
    if (!firsts || !lasts || !sums || firsts->size() != qsizetype(count) || lasts->size() != multiple ||
        sums->size() != multiple)
        return std::nullopt;
    QList<RollupPoint> points;
    points.reserve(qsizetype(count));
    qsizetype m = 0;
    for (qsizetype i = 0; i < qsizetype(count); ++i) {
        const Sample &first = firsts->at(i);
        const qint64 q = first.timestampMs / bucketMs;
        const qint64 bucket = (first.timestampMs % bucketMs < 0 ? q - 1 : q) * bucketMs;
        RollupPoint point{bucket,      first.timestampMs, first.timestampMs, first.value,
                          first.value, first.value,       counts[i]};
        if (counts[i] > 1) {
            point.lastMs = lasts->at(m).timestampMs;
            point.max = lasts->at(m).value;
            point.sum = sums->at(m).value;
            ++m;
        }
        points.append(point);
    }
    return points;
}

} // namespace Vigie::SeriesCodec
