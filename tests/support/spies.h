#pragma once

#include "health/healthevent.h"
#include "probes/proberesult.h"

#include <QSignalSpy>

namespace Vigie::Test {

// Everything a spy on resultsReady or eventsRaised caught, in order, as one list.
inline QList<ProbeResult> allResults(const QSignalSpy &spy)
{
    QList<ProbeResult> results;
    for (const QList<QVariant> &arguments : spy)
        results += arguments.at(0).value<QList<ProbeResult>>();
    return results;
}

inline QList<HealthEvent> allEvents(const QSignalSpy &spy)
{
    QList<HealthEvent> events;
    for (const QList<QVariant> &arguments : spy)
        events += arguments.at(0).value<QList<HealthEvent>>();
    return events;
}

} // namespace Vigie::Test
