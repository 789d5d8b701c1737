#pragma once

#include "workspace/workspace.h"

#include <QTimeZone>

#include <optional>

namespace Vigie {

// A workspace's maintenance windows, answered in UTC. Local start times are read in each window's
// IANA time zone, so that "every Sunday at 02:30 Europe/Paris" means 00:30 UTC in summer and 01:30
// UTC in winter; a start skipped by the spring-forward change begins when the clocks jump (03:00
// local), one repeated by the fall-back change begins at its first occurrence; the duration is
// elapsed time.
class MaintenanceSchedule
{
public:
    struct Occurrence
    {
        int window = -1;    // index into the workspace's maintenance list
        qint64 startMs = 0; // UTC
        qint64 endMs = 0;   // UTC, exclusive
        friend bool operator==(const Occurrence &, const Occurrence &) = default;
    };

    MaintenanceSchedule() = default;
    explicit MaintenanceSchedule(const QList<MaintenanceWindow> &windows);

    // The occurrence covering `atMs` for that service, if any (the one that ends last when several do).
    std::optional<Occurrence> activeFor(const QString &serviceId, const QString &group, qint64 atMs) const;
    // Every occurrence of window `index` overlapping [fromMs, toMs), in order.
    QList<Occurrence> occurrences(int index, qint64 fromMs, qint64 toMs) const;
    // The first window edge (a start or an end) strictly after `afterMs`, over all windows.
    std::optional<qint64> nextEdgeAfter(qint64 afterMs) const;

    const QList<MaintenanceWindow> &windows() const { return m_windows; }

private:
    QList<MaintenanceWindow> m_windows;
    QList<QTimeZone> m_zones; // one per window, resolved once
};

} // namespace Vigie
