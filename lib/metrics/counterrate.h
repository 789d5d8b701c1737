#pragma once

#include <QtGlobal>

#include <optional>

namespace Vigie {

// The per-second rate of one counter series, from its successive samples, as Prometheus's rate()
// reads a counter: a value lower than the previous one is a reset (the process restarted) and the
// new value counts from 0. The first sample gives no rate, nor does a sample whose time does not
// advance or a NaN; a NaN also starts over.
class CounterRate
{
public:
    std::optional<double> add(qint64 timestampMs, double value);
    void reset() { m_last.reset(); }
    bool hasPrevious() const { return m_last.has_value(); }

private:
    struct Point
    {
        qint64 timestampMs = 0;
        double value = 0;
    };
    std::optional<Point> m_last;
};

} // namespace Vigie
