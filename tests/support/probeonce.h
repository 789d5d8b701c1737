#pragma once

#include "probes/prober.h"

#include <QElapsedTimer>
#include <QSignalSpy>

#include <optional>

namespace Vigie::Test {

// Runs one probe to its end with a fresh prober of type P. Empty when finished() came
// synchronously from start(), never came, came for another id, or left the prober busy.
template<typename P>
std::optional<ProbeResult> probeOnce(const ProbeSpec &spec, qint64 *elapsedMs = nullptr)
{
    P prober;
    QSignalSpy spy(&prober, &Prober::finished);
    QElapsedTimer clock;
    clock.start();
    prober.start(7, spec);
    if (!spy.isEmpty())
        return std::nullopt;
    if (!spy.wait(int(spec.timeout.count()) + 10000))
        return std::nullopt;
    if (elapsedMs)
        *elapsedMs = clock.elapsed();
    if (spy.at(0).at(0).template value<quint64>() != 7 || prober.runningCount() != 0)
        return std::nullopt;
    return spy.at(0).at(1).template value<ProbeResult>();
}

} // namespace Vigie::Test
