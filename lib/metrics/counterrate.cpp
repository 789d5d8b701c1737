#include "counterrate.h"

#include <cmath>

namespace Vigie {

std::optional<double> CounterRate::add(qint64 timestampMs, double value)
{
    if (std::isnan(value) || std::isinf(value)) {
        m_last.reset();
        return std::nullopt;
    }
    const std::optional<Point> previous = m_last;
    if (previous && timestampMs <= previous->timestampMs)
        return std::nullopt; // the same scrape again, or a clock that went back: keep the older point
    m_last = Point{timestampMs, value};
    if (!previous)
        return std::nullopt;
    const double increase = value >= previous->value ? value - previous->value : value;
    return increase / (double(timestampMs - previous->timestampMs) / 1000.0);
}

} // namespace Vigie
