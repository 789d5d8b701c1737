// The time `vigie report` takes over a year of history of a large workspace.
//
//   bench_report [--quick]
//
// Builds, in a temporary folder, a store holding a year of health events of 1,000 services in 20
// groups: a few outages a week each (a probe goes down, then its service; both come back 1 to 30
// minutes later), a degraded spell a week, a monthly hour of maintenance. Then times what
// `vigie report` does (the same code: queryAvailability() reads the events from the store and
// computes the report on the thread pool), over the whole year, and the JSON it prints.
// --quick (CI) builds 30 days of the same workspace and names its figures after that.

#include "analytics/availabilityquery.h"
#include "analytics/reportformat.h"
#include "store/resultstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

constexpr int Services = 1'000;
constexpr int Groups = 20;
constexpr qint64 MinuteMs = 60'000;
constexpr qint64 DayMs = 86'400'000;

HealthEvent event(HealthEvent::Kind kind, qint64 atMs, const ReportService &service, int probe, HealthState from,
                  HealthState to)
{
    HealthEvent e;
    e.kind = kind;
    e.timestampMs = atMs;
    e.serviceId = service.id;
    e.group = service.group;
    e.probeIndex = probe;
    e.from = from;
    e.to = to;
    e.cause = trMessage("Vigie::HealthTracker", "%1 consecutive failures: %2").arg(3).arg(u"connection refused"_s);
    return e;
}

// A state change of probe `probe` and of its service, as the tracker records them.
void change(QList<HealthEvent> &events, qint64 atMs, const ReportService &service, int probe, HealthState from,
            HealthState to)
{
    events.append(event(HealthEvent::Kind::ProbeState, atMs, service, probe, from, to));
    events.append(event(HealthEvent::Kind::ServiceState, atMs, service, -1, from, to));
}

QList<HealthEvent> historyOf(const ReportService &service, qint64 fromMs, qint64 toMs, QRandomGenerator &random)
{
    QList<HealthEvent> events;
    change(events, fromMs, service, 0, HealthState::Unknown, HealthState::Up);
    events.append(event(HealthEvent::Kind::ProbeState, fromMs, service, 1, HealthState::Unknown, HealthState::Up));
    qint64 t = fromMs;
    qint64 nextDegraded = fromMs + qint64(random.bounded(7.0) * DayMs);
    qint64 nextMaintenance = fromMs + qint64(random.bounded(30.0) * DayMs);
    while (true) {
        // Three outages a week on average.
        t += qint64((0.05 + random.bounded(4.5)) * DayMs);
        if (t >= toMs)
            break;
        if (nextMaintenance < t) {
            events.append(event(HealthEvent::Kind::MaintenanceStart, nextMaintenance, service, -1, HealthState::Up,
                                HealthState::Up));
            events.append(event(HealthEvent::Kind::MaintenanceEnd, nextMaintenance + 60 * MinuteMs, service, -1,
                                HealthState::Up, HealthState::Up));
            nextMaintenance += 30 * DayMs;
        }
        if (nextDegraded < t) {
            change(events, nextDegraded, service, 1, HealthState::Up, HealthState::Degraded);
            change(events, nextDegraded + 10 * MinuteMs, service, 1, HealthState::Degraded, HealthState::Up);
            nextDegraded += 7 * DayMs;
        }
        const int probe = int(random.bounded(2));
        const qint64 duration = (1 + random.bounded(30)) * MinuteMs;
        change(events, t, service, probe, HealthState::Up, HealthState::Down);
        change(events, t + duration, service, probe, HealthState::Down, HealthState::Up);
        t += duration;
    }
    return events;
}

void print(const QString &name, double value, const char *unit)
{
    std::printf("BENCH %s %.3f %s\n", qPrintable(name), value, unit);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    const int days = quick ? 30 : 365;
    const QString prefix = quick ? u"report.month_1000_services"_s : u"report.year_1000_services"_s;

    QTemporaryDir dir;
    ResultStore store;
    RetentionPolicy keep;
    keep.eventsMaxAge = std::chrono::milliseconds(0);
    keep.resultsMaxAge = std::chrono::milliseconds(0);
    store.setRetention(keep);
    if (const auto opened = store.open(dir.path()); !opened) {
        std::fprintf(stderr, "bench_report: %s\n", qPrintable(opened.error()));
        return 1;
    }

    const qint64 toMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 fromMs = toMs - days * DayMs;
    QList<ReportService> services;
    for (int i = 0; i < Services; ++i)
        services.append({u"service-%1"_s.arg(i, 4, 10, QChar(u'0')),
                         u"Service %1"_s.arg(i),
                         u"group-%1"_s.arg(i % Groups),
                         {u"http https://svc-%1.example/health"_s.arg(i), u"tcp db-%1.internal:5432"_s.arg(i)}});

    QElapsedTimer timer;
    timer.start();
    QRandomGenerator random(20260329);
    qint64 eventCount = 0;
    for (int i = 0; i < services.size(); ++i) {
        const QList<HealthEvent> events = historyOf(services[i], fromMs, toMs, random);
        eventCount += events.size();
        store.appendEvents(events);
        // Flushed now and then, so that the write queue never drops events.
        if (i % 20 == 19 && !store.flush()) {
            std::fprintf(stderr, "bench_report: the store could not be written\n");
            return 1;
        }
    }
    if (!store.flush()) {
        std::fprintf(stderr, "bench_report: the store could not be written\n");
        return 1;
    }
    print(prefix + u"_build_s"_s, timer.elapsed() / 1000.0, "s");
    print(prefix + u"_events"_s, double(eventCount), "events");

    timer.restart();
    const AvailabilityReport report = queryAvailability(store, services, fromMs, toMs).result();
    const double computeS = timer.nsecsElapsed() / 1e9;
    timer.restart();
    const QByteArray json = ReportFormat::toJson(report, services);
    const double jsonS = timer.nsecsElapsed() / 1e9;

    // Where the time goes: the read alone (the state at `from`, then the range, no cause decoded),
    // then the computation alone over what it read.
    QStringList ids;
    for (const ReportService &service : services)
        ids.append(service.id);
    timer.restart();
    StateHistory history = store.stateHistory(ids, fromMs, toMs).result();
    print(prefix + u"_read_s"_s, timer.nsecsElapsed() / 1e9, "s");
    print(prefix + u"_read_rows"_s, double(history.before.size() + history.inRange.size()), "rows");
    timer.restart();
    const AvailabilityReport again = computeAvailabilityFromHistory(std::move(history), services, fromMs, toMs);
    print(prefix + u"_compute_s"_s, timer.nsecsElapsed() / 1e9, "s");
    if (again.services != report.services || again.overall != report.overall)
        std::fprintf(stderr, "bench_report: the report differs when computed again\n");

    // The baseline, and a check that the lean read reports the same: every event up to `to`,
    // causes decoded, as the report read them before.
    EventFilter filter;
    filter.toMs = toMs;
    filter.limit = std::numeric_limits<int>::max();
    timer.restart();
    const QList<HealthEvent> events = store.events(filter).result();
    print(prefix + u"_full_read_s"_s, timer.nsecsElapsed() / 1e9, "s");
    const AvailabilityReport full = computeAvailability(events, services, fromMs, toMs);
    if (full.services != report.services || full.groups != report.groups || full.overall != report.overall ||
        full.operational.samples.size() != report.operational.samples.size()) {
        std::fprintf(stderr, "bench_report: the lean read reports something else than every event does\n");
        return 1;
    }

    qint64 outages = 0;
    for (const AvailabilityFigures &f : report.services)
        outages += f.outages();
    print(prefix + u"_s"_s, computeS + jsonS, "s");
    print(prefix + u"_query_and_compute_s"_s, computeS, "s");
    print(prefix + u"_json_s"_s, jsonS, "s");
    print(prefix + u"_outages"_s, double(outages), "outages");
    print(prefix + u"_json_mb"_s, json.size() / 1e6, "MB");
    return outages > 0 ? 0 : 1;
}
