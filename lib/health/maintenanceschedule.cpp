#include "maintenanceschedule.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace Vigie {

namespace {

constexpr qint64 dayMs = 24 * 60 * 60 * 1000;
// A weekly window always has an occurrence within this much of any moment.
constexpr qint64 lookAheadMs = 8 * dayMs;

qint64 offsetMsAt(const QTimeZone &zone, qint64 utcMs)
{
    return qint64(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::UTC))) * 1000;
}

// The UTC instant at which the wall clock of `zone` shows `at` on `date`. Resolved by hand rather
// than by QDateTime so that both daylight-saving rules hold whatever the Qt version: a time the
// clocks skip maps to the jump itself, a time they repeat maps to its first occurrence.
qint64 wallClockToUtc(QDate date, QTime at, const QTimeZone &zone)
{
    const qint64 wall = QDateTime(date, at, QTimeZone::UTC).toMSecsSinceEpoch();
    // Zones change their offset at most once within a day, so the offsets a day either side are
    // the only ones this wall time can have.
    const qint64 before = offsetMsAt(zone, wall - dayMs);
    const qint64 after = offsetMsAt(zone, wall + dayMs);
    std::optional<qint64> first;
    for (const qint64 offset : {before, after}) {
        const qint64 utc = wall - offset;
        if (offsetMsAt(zone, utc) == offset && (!first || utc < *first))
            first = utc;
    }
    if (first)
        return *first;
    // Neither offset fits: the clocks jumped over this time, and the window opens at the jump.
    const qint64 earliest = wall - std::max(before, after);
    const QTimeZone::OffsetData jump = zone.nextTransition(QDateTime::fromMSecsSinceEpoch(earliest, QTimeZone::UTC));
    return jump.atUtc.isValid() ? jump.atUtc.toMSecsSinceEpoch() : earliest;
}

} // namespace

MaintenanceSchedule::MaintenanceSchedule(const QList<MaintenanceWindow> &windows)
    : m_windows(windows)
{
    m_zones.reserve(windows.size());
    for (const MaintenanceWindow &w : windows) {
        QTimeZone zone(w.timeZone);
        // The workspace loader rejects unknown zones; a window built by hand with a wrong one is
        // read in UTC rather than never opening.
        m_zones.append(zone.isValid() ? zone : QTimeZone(QTimeZone::UTC));
    }
}

std::optional<MaintenanceSchedule::Occurrence> MaintenanceSchedule::activeFor(const QString &serviceId,
                                                                              const QString &group, qint64 atMs) const
{
    std::optional<Occurrence> active;
    for (int i = 0; i < int(m_windows.size()); ++i) {
        if (!m_windows.at(i).covers(serviceId, group))
            continue;
        for (const Occurrence &o : occurrences(i, atMs, atMs + 1))
            if (!active || o.endMs > active->endMs)
                active = o;
    }
    return active;
}

QList<MaintenanceSchedule::Occurrence> MaintenanceSchedule::occurrences(int index, qint64 fromMs, qint64 toMs) const
{
    QList<Occurrence> found;
    if (index < 0 || index >= m_windows.size() || toMs <= fromMs)
        return found;
    const MaintenanceWindow &w = m_windows.at(index);
    const QTimeZone &zone = m_zones.at(index);
    const qint64 duration = w.duration.count();
    if (duration <= 0)
        return found;

    const auto consider = [&](QDate date) {
        const qint64 start = wallClockToUtc(date, w.at, zone);
        const qint64 end = start + duration;
        if (start < toMs && end > fromMs)
            found.append(Occurrence{index, start, end});
    };
    if (w.date) {
        consider(*w.date);
        return found;
    }
    // Local dates differ from UTC ones by less than a day either way; a day more on each side
    // covers that, and an occurrence that began `duration` before `fromMs` may still be running.
    const QDate first = QDateTime::fromMSecsSinceEpoch(fromMs - duration, QTimeZone::UTC).date().addDays(-2);
    const QDate last = QDateTime::fromMSecsSinceEpoch(toMs, QTimeZone::UTC).date().addDays(2);
    for (QDate date = first; date <= last; date = date.addDays(1))
        if (w.weekdays.isEmpty() || w.weekdays.contains(date.dayOfWeek()))
            consider(date);
    return found;
}

std::optional<qint64> MaintenanceSchedule::nextEdgeAfter(qint64 afterMs) const
{
    std::optional<qint64> next;
    const auto offer = [&next, afterMs](qint64 edge) {
        if (edge > afterMs && (!next || edge < *next))
            next = edge;
    };
    for (int i = 0; i < int(m_windows.size()); ++i) {
        // A one-off window has a single occurrence, however far ahead.
        const qint64 horizon = m_windows.at(i).date ? std::numeric_limits<qint64>::max() : afterMs + lookAheadMs;
        for (const Occurrence &o : occurrences(i, afterMs, horizon)) {
            offer(o.startMs);
            offer(o.endMs);
        }
    }
    return next;
}

} // namespace Vigie
