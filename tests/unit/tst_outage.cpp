#include "analytics/availability.h"
#include "analytics/availabilityquery.h"
#include "analytics/reportformat.h"
#include "health/healthtracker.h"
#include "manualclock.h"
#include "store/resultstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;

namespace {

qint64 utc(int hour, int minute = 0, int second = 0, int day = 29)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute, second), QTimeZone::UTC).toMSecsSinceEpoch();
}

constexpr qint64 minuteMs = 60'000;

Service makeService(const QString &id, const QString &group = u"Core"_s, int probes = 1, int downAfter = 1,
                    int upAfter = 1)
{
    Service s;
    s.id = id;
    s.name = id.toUpper();
    s.group = group;
    for (int i = 0; i < probes; ++i) {
        ProbeSpec spec;
        spec.setKind(ProbeKind::Tcp);
        spec.target = u"%1.example.org:%2"_s.arg(id).arg(25 + i);
        spec.downAfter = downAfter;
        spec.upAfter = upAfter;
        s.probes.append(spec);
    }
    return s;
}

// A recorded history: probe results fed to a HealthTracker at the times of an injected clock, its
// events numbered as the store numbers them.
class History
{
public:
    using StatusAt = std::function<HealthState(const QString &serviceId, int probe, qint64 atMs)>;

    explicit History(Workspace workspace)
        : m_workspace(std::move(workspace))
        , m_tracker(m_workspace)
    {}

    // Every probe of every service reports at each `step` from the clock's time to `untilMs`
    // (exclusive), with the state `status` gives (Unknown: no result).
    void run(qint64 untilMs, std::chrono::milliseconds step, const StatusAt &status)
    {
        while (m_clock.now().toMSecsSinceEpoch() < untilMs) {
            const qint64 now = m_clock.now().toMSecsSinceEpoch();
            record(m_tracker.advanceTo(now));
            QList<ProbeResult> results;
            for (const Service &service : std::as_const(m_workspace.services))
                for (int p = 0; p < service.probes.size(); ++p) {
                    const HealthState state = status(service.id, p, now);
                    if (state == HealthState::Unknown)
                        continue;
                    ProbeResult r;
                    r.key = {service.id, p};
                    r.kind = u"tcp"_s;
                    r.timestampMs = now;
                    r.status = state;
                    r.error = state == HealthState::Up ? Message() : Message::verbatim(u"connection refused"_s);
                    results.append(r);
                }
            record(m_tracker.apply(results));
            m_clock.advance(step);
        }
    }
    void setTime(qint64 ms) { m_clock.set(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC)); }
    QList<HealthEvent> events() const { return m_events; }
    QList<ReportService> services() const { return reportServices(m_workspace); }
    AvailabilityReport report(qint64 fromMs, qint64 toMs) const
    {
        // The store answers newest first.
        QList<HealthEvent> newestFirst(m_events.crbegin(), m_events.crend());
        return computeAvailability(newestFirst, services(), fromMs, toMs);
    }

private:
    void record(const QList<HealthEvent> &events)
    {
        for (HealthEvent e : events) {
            e.id = ++m_lastId;
            m_events.append(e);
        }
    }

    Workspace m_workspace;
    HealthTracker m_tracker;
    Test::ManualClock m_clock{QDateTime::fromMSecsSinceEpoch(utc(0), QTimeZone::UTC)};
    QList<HealthEvent> m_events;
    qint64 m_lastId = 0;
};

Workspace workspaceOf(QList<Service> services, QList<MaintenanceWindow> maintenance = {})
{
    Workspace w;
    w.name = u"test"_s;
    w.services = std::move(services);
    w.maintenance = std::move(maintenance);
    return w;
}

// Down inside any of the spans [start, end).
HealthState downWithin(const QList<std::pair<qint64, qint64>> &spans, qint64 atMs)
{
    for (const auto &[start, end] : spans)
        if (atMs >= start && atMs < end)
            return HealthState::Down;
    return HealthState::Up;
}

// The operational share as text (a gap, NaN, equals itself there).
QStringList describeSamples(const QList<Sample> &samples)
{
    QStringList lines;
    for (const Sample &s : samples)
        lines.append(u"%1 %2"_s.arg(s.timestampMs).arg(s.isGap() ? u"gap"_s : QString::number(s.value)));
    return lines;
}

AvailabilityFigures serviceFigures(const AvailabilityReport &report, const QString &id)
{
    for (const AvailabilityFigures &f : report.services)
        if (f.id == id)
            return f;
    qFatal("no such service");
}

} // namespace

class TestOutage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fourteenCutsAreFourteenOutages()
    {
        // "14 successive cuts from 19:23 to 20:46, 54 minutes in all": one every six minutes,
        // ten of 4 minutes, three of 3 and the last of 5.
        QList<std::pair<qint64, qint64>> cuts;
        for (int i = 0; i < 14; ++i) {
            const qint64 start = utc(19, 23) + i * 6 * minuteMs;
            const int minutes = i == 13 ? 5 : (i < 10 ? 4 : 3);
            cuts.append({start, start + minutes * minuteMs});
        }
        for (int downAfter : {1, 2}) {
            // Hysteresis moves both edges of a cut by the same number of probes: the sum stays.
            // (Three would hide the two-minute recoveries between cuts: one outage, rightly.)
            History history(workspaceOf({makeService(u"api"_s, u"Core"_s, 1, downAfter, downAfter)}));
            history.setTime(utc(18));
            history.run(utc(22), 1min, [&](const QString &, int, qint64 at) { return downWithin(cuts, at); });
            const AvailabilityReport report = history.report(utc(18), utc(22));
            const AvailabilityFigures &api = serviceFigures(report, u"api"_s);
            QCOMPARE(api.outages(), 14);
            QVERIFY(std::abs(api.downtimeMs - 54 * minuteMs) <= minuteMs);
            QCOMPARE(api.episodes.first().startMs, utc(19, 23) + (downAfter - 1) * minuteMs);
            QCOMPARE(api.episodes.last().endMs, utc(20, 46) + (downAfter - 1) * minuteMs);
            QCOMPARE(api.longestMs, 5 * minuteMs);
            QCOMPARE(*api.mttrMs, api.downtimeMs / 14);
            // MTBF: from the end of one cut to the start of the next, averaged.
            qint64 between = 0;
            for (int i = 1; i < 14; ++i)
                between += cuts[i].first - cuts[i - 1].second;
            QCOMPARE(*api.mtbfMs, between / 13);
            QCOMPARE(api.episodes.first().failedProbes, QList<int>{0});
            QCOMPARE(api.noDataMs, 0);
            QCOMPARE(*api.availabilityPct,
                     100.0 * double(4 * 60 * minuteMs - api.downtimeMs) / double(4 * 60 * minuteMs));
            if (downAfter == 1) {
                QCOMPARE(api.downtimeMs, 54 * minuteMs);
                // (No translator is loaded here: plurals read "(s)".)
                QCOMPARE(ReportFormat::episodesSummary(api, utc(18)),
                         u"14 outage(s) from 19:23 to 20:46, 54 min in all"_s);
            }
        }
    }

    void degradedIsNotDown()
    {
        History history(workspaceOf({makeService(u"api"_s)}));
        history.setTime(utc(10));
        history.run(utc(11), 1min, [](const QString &, int, qint64 at) {
            return at >= utc(10, 10) && at < utc(10, 40) ? HealthState::Degraded : HealthState::Up;
        });
        const AvailabilityFigures &api = serviceFigures(history.report(utc(10), utc(11)), u"api"_s);
        QCOMPARE(api.outages(), 0);
        QCOMPARE(*api.availabilityPct, 100.0);
        QVERIFY(!api.mttrMs);
        QVERIFY(!api.mtbfMs);
    }

    void maintenanceIsLeftOut()
    {
        MaintenanceWindow window;
        window.name = u"Kernel update"_s;
        window.date = QDate(2026, 3, 29);
        window.at = QTime(2, 0);
        window.duration = 1h;
        History history(workspaceOf({makeService(u"api"_s)}, {window}));
        history.setTime(utc(0));
        // Down 02:10-02:40 (inside the window: no outage) and 04:00-04:30 (an outage).
        const QList<std::pair<qint64, qint64>> down{{utc(2, 10), utc(2, 40)}, {utc(4), utc(4, 30)}};
        history.run(utc(6), 1min, [&](const QString &, int, qint64 at) { return downWithin(down, at); });
        const AvailabilityFigures &api = serviceFigures(history.report(utc(0), utc(6)), u"api"_s);
        QCOMPARE(api.outages(), 1);
        QCOMPARE(api.episodes.first().startMs, utc(4));
        QCOMPARE(api.downtimeMs, 30 * minuteMs);
        QCOMPARE(api.maintenanceMs, 60 * minuteMs);
        QCOMPARE(api.maintenance, (QList<MaintenanceSpan>{{utc(2), utc(3)}}));
        QCOMPARE(api.observedMs, 5 * 60 * minuteMs);
        QCOMPARE(*api.availabilityPct, 100.0 * 270.0 / 300.0);
    }

    void anEpisodeStillGoingAtTheEndIsOpen()
    {
        History history(workspaceOf({makeService(u"api"_s)}));
        history.setTime(utc(9));
        history.run(utc(11), 1min, [](const QString &, int, qint64 at) {
            return at >= utc(10) ? HealthState::Down : HealthState::Up;
        });
        const AvailabilityReport report = history.report(utc(9), utc(11));
        const AvailabilityFigures &api = serviceFigures(report, u"api"_s);
        QCOMPARE(api.outages(), 1);
        QVERIFY(api.episodes.first().open);
        QCOMPARE(api.episodes.first().endMs, utc(11));
        QCOMPARE(api.downtimeMs, 60 * minuteMs);
        QVERIFY(report.overall.episodes.first().open);
        // A range that ends before the recovery sees it open too; one after does not.
        QVERIFY(serviceFigures(history.report(utc(9), utc(10, 30)), u"api"_s).episodes.first().open);
    }

    void anEpisodeCrossingFromCountsFromFrom()
    {
        History history(workspaceOf({makeService(u"api"_s)}));
        history.setTime(utc(9));
        const QList<std::pair<qint64, qint64>> down{{utc(9, 30), utc(10, 30)}};
        history.run(utc(12), 1min, [&](const QString &, int, qint64 at) { return downWithin(down, at); });
        const AvailabilityFigures &api = serviceFigures(history.report(utc(10), utc(12)), u"api"_s);
        QCOMPARE(api.outages(), 1);
        const OutageEpisode &episode = api.episodes.first();
        QCOMPARE(episode.startMs, utc(10));
        QCOMPARE(episode.endMs, utc(10, 30));
        QVERIFY(episode.beganBeforeRange);
        QCOMPARE(episode.beganMs, utc(9, 30));
        QVERIFY(!episode.open);
        QCOMPARE(episode.failedProbes, QList<int>{0}); // known from the events before the range
        QCOMPARE(api.downtimeMs, 30 * minuteMs);
        QCOMPARE(api.noDataMs, 0);
        // A range that ends before it began sees nothing of it.
        QCOMPARE(serviceFigures(history.report(utc(9), utc(9, 20)), u"api"_s).outages(), 0);
    }

    void timeWithoutDataIsLeftOut()
    {
        History history(workspaceOf({makeService(u"api"_s), makeService(u"new"_s)}));
        history.setTime(utc(10, 30));
        // api reports from 10:30; "new" never does.
        history.run(utc(11), 1min, [](const QString &id, int, qint64) {
            return id == "api"_L1 ? HealthState::Up : HealthState::Unknown;
        });
        const AvailabilityReport report = history.report(utc(10), utc(11));
        const AvailabilityFigures &api = serviceFigures(report, u"api"_s);
        QCOMPARE(api.noDataMs, 30 * minuteMs);
        QCOMPARE(api.observedMs, 30 * minuteMs);
        QCOMPARE(*api.availabilityPct, 100.0);
        const AvailabilityFigures &fresh = serviceFigures(report, u"new"_s);
        QCOMPARE(fresh.noDataMs, 60 * minuteMs);
        QVERIFY(!fresh.availabilityPct);
        QCOMPARE(report.overall.noDataMs, 90 * minuteMs);
        QCOMPARE(*report.overall.availabilityPct, 100.0);
        QCOMPARE(ReportFormat::percent(fresh.availabilityPct), u"no data"_s);
    }

    void groupsAndOverall()
    {
        History history(workspaceOf({makeService(u"a"_s, u"G1"_s), makeService(u"b"_s, u"G1"_s),
                                     makeService(u"c"_s, u"G2"_s), makeService(u"solo"_s, QString())}));
        history.setTime(utc(10));
        const QHash<QString, QList<std::pair<qint64, qint64>>> down{
            {u"a"_s, {{utc(10, 10), utc(10, 20)}}},
            {u"b"_s, {{utc(10, 5), utc(10, 30)}}},
            {u"c"_s, {{utc(10, 50), utc(11)}}},
        };
        history.run(utc(12), 1min, [&](const QString &id, int, qint64 at) { return downWithin(down.value(id), at); });
        const AvailabilityReport report = history.report(utc(10), utc(12));
        QCOMPARE(report.groups.size(), 2); // a service without a group is in none
        const AvailabilityFigures &g1 = report.groups.at(0);
        QCOMPARE(g1.id, u"G1"_s);
        QCOMPARE(g1.services, 2);
        QCOMPARE(g1.outages(), 1);
        QCOMPARE(g1.episodes.first().startMs, utc(10, 5));
        QCOMPARE(g1.episodes.first().endMs, utc(10, 30));
        QCOMPARE(g1.episodes.first().serviceId, u"b"_s); // b failed first
        QCOMPARE(g1.episodes.first().services, (QStringList{u"b"_s, u"a"_s}));
        QCOMPARE(g1.downtimeMs, 25 * minuteMs);
        QCOMPARE(g1.serviceDowntimeMs, 35 * minuteMs);
        QCOMPARE(*g1.availabilityPct, 100.0 * (240.0 - 35.0) / 240.0);

        const AvailabilityFigures &overall = report.overall;
        QCOMPARE(overall.services, 4);
        QCOMPARE(overall.outages(), 2);
        QCOMPARE(overall.episodes.at(1).serviceId, u"c"_s);
        QCOMPARE(overall.downtimeMs, 35 * minuteMs);
        QCOMPARE(overall.serviceDowntimeMs, 45 * minuteMs);
        QCOMPARE(*overall.availabilityPct, 100.0 * (480.0 - 45.0) / 480.0);
        QCOMPARE(*overall.mtbfMs, 20 * minuteMs); // 10:30 to 10:50
    }

    void firstToFailIsNamed()
    {
        // The board's order is a, b; b fails first, then a joins while b is still down.
        History history(workspaceOf({makeService(u"a"_s), makeService(u"b"_s)}));
        history.setTime(utc(10));
        const QHash<QString, QList<std::pair<qint64, qint64>>> down{
            {u"a"_s, {{utc(10, 7), utc(10, 40)}}},
            {u"b"_s, {{utc(10, 3), utc(10, 20)}}},
        };
        history.run(utc(11), 1min, [&](const QString &id, int, qint64 at) { return downWithin(down.value(id), at); });
        const AvailabilityReport report = history.report(utc(10), utc(11));
        QCOMPARE(report.overall.outages(), 1);
        QCOMPARE(report.overall.episodes.first().serviceId, u"b"_s);
        QCOMPARE(report.overall.episodes.first().durationMs(), 37 * minuteMs);
        // Inside a range that starts while both are down, the one down first is still named.
        const AvailabilityReport later = history.report(utc(10, 10), utc(11));
        QCOMPARE(later.overall.episodes.first().serviceId, u"b"_s);
    }

    void failedProbesOfAnEpisode()
    {
        History history(workspaceOf({makeService(u"api"_s, u"Core"_s, 3)}));
        history.setTime(utc(10));
        history.run(utc(11), 1min, [](const QString &, int probe, qint64 at) {
            if (probe == 2 && at >= utc(10, 10) && at < utc(10, 30))
                return HealthState::Down;
            if (probe == 0 && at >= utc(10, 15) && at < utc(10, 20))
                return HealthState::Down;
            return HealthState::Up;
        });
        const AvailabilityFigures &api = serviceFigures(history.report(utc(10), utc(11)), u"api"_s);
        QCOMPARE(api.outages(), 1);
        QCOMPARE(api.episodes.first().failedProbes, (QList<int>{2, 0}));
        QCOMPARE(ReportFormat::failedProbes(api.episodes.first(), &history.services().first()),
                 u"#3 tcp api.example.org:27; #1 tcp api.example.org:25"_s);
    }

    void shareOfServicesOperational()
    {
        // Ten services; from 12:55 three are down, and they come back at 14:57, 17:01 and 17:59.
        QList<Service> services;
        for (int i = 0; i < 10; ++i)
            services.append(makeService(u"s%1"_s.arg(i)));
        History history(workspaceOf(services));
        history.setTime(utc(12, 55));
        const QHash<QString, qint64> backAt{{u"s0"_s, utc(14, 57)}, {u"s1"_s, utc(17, 1)}, {u"s2"_s, utc(17, 59)}};
        history.run(utc(19), 1min, [&](const QString &id, int, qint64 at) {
            return backAt.contains(id) && at < backAt.value(id) ? HealthState::Down : HealthState::Up;
        });
        const AvailabilityReport report = history.report(utc(12), utc(19));
        const QList<Sample> &share = report.operational.samples;
        QCOMPARE(share.size(), 6);
        QCOMPARE(share.at(0).timestampMs, utc(12)); // nobody had reported yet: a gap
        QVERIFY(share.at(0).isGap());
        QCOMPARE(share.at(1), (Sample{utc(12, 55), 70.0}));
        QCOMPARE(share.at(2), (Sample{utc(14, 57), 80.0}));
        QCOMPARE(share.at(3), (Sample{utc(17, 1), 90.0}));
        QCOMPARE(share.at(4), (Sample{utc(17, 59), 100.0}));
        QCOMPARE(share.at(5), (Sample{utc(19), 100.0}));
        QVERIFY(ReportFormat::toMarkdown(report, history.services())
                    .contains(u"70 % at 12:55, 80 % at 14:57, 90 % at 17:01, 100 % at 17:59"_s));
    }

    void theStoreReadReportsWhatEveryEventDoes()
    {
        // What `vigie report` reads from the store (the state at `from` found on an index, then the
        // range) gives the same report as every event from the beginning, whatever the range.
        MaintenanceWindow window;
        window.name = u"Kernel update"_s;
        window.services = {u"api"_s};
        window.date = QDate(2026, 3, 29);
        window.at = QTime(2, 0);
        window.duration = 1h;
        History history(workspaceOf({makeService(u"api"_s, u"Core"_s, 2), makeService(u"db"_s, u"Core"_s),
                                     makeService(u"web"_s, u"Edge"_s), makeService(u"late"_s, QString())},
                                    {window}));
        history.setTime(utc(1));
        history.run(utc(6), 1min, [](const QString &id, int probe, qint64 at) {
            if (id == "api"_L1) {
                if (probe == 0)
                    return downWithin({{utc(1, 30), utc(2, 20)}}, at); // into the maintenance window
                return downWithin({{utc(3), utc(3, 10)}, {utc(3, 12), utc(3, 30)}}, at);
            }
            if (id == "db"_L1)
                return downWithin({{utc(2, 50), utc(4, 10)}}, at);
            if (id == "web"_L1) // flaps every 7 minutes from 04:00 to 05:00
                return at >= utc(4) && at < utc(5) && ((at - utc(4)) / (7 * minuteMs)) % 2 == 1 ? HealthState::Down
                                                                                                : HealthState::Up;
            return at >= utc(3, 30) ? HealthState::Up : HealthState::Unknown; // "late" starts reporting at 03:30
        });

        QTemporaryDir dir;
        ResultStore store;
        QVERIFY(store.open(dir.path()).has_value());
        store.appendEvents(history.events());
        QVERIFY(store.flush());

        int withAnOutageAtFrom = 0;
        for (const qint64 fromMs : {utc(0, 30), utc(1), utc(1, 45), utc(2, 10), utc(2, 30), utc(3, 5), utc(3, 20),
                                    utc(4), utc(4, 33), utc(5, 59)}) {
            for (const qint64 toMs : {fromMs + 10 * minuteMs, fromMs + 120 * minuteMs, utc(6), utc(7)}) {
                const QString range = u"%1 to %2"_s.arg(ReportFormat::isoUtc(fromMs), ReportFormat::isoUtc(toMs));
                const AvailabilityReport expected = history.report(fromMs, toMs);
                const AvailabilityReport stored = queryAvailability(store, history.services(), fromMs, toMs).result();
                QVERIFY2(stored.services == expected.services, qPrintable(range));
                QVERIFY2(stored.groups == expected.groups, qPrintable(range));
                QVERIFY2(stored.overall == expected.overall, qPrintable(range));
                QCOMPARE(describeSamples(stored.operational.samples), describeSamples(expected.operational.samples));
                for (const AvailabilityFigures &f : expected.services)
                    withAnOutageAtFrom += !f.episodes.isEmpty() && f.episodes.first().beganBeforeRange;
            }
        }
        QVERIFY(withAnOutageAtFrom > 0); // the ranges do start inside outages
    }

    void emptyHistory()
    {
        const AvailabilityReport report =
            computeAvailability({}, {ReportService{u"api"_s, u"API"_s, u"Core"_s, {}}}, utc(10), utc(11));
        QCOMPARE(report.services.size(), 1);
        QVERIFY(!report.services.first().availabilityPct);
        QCOMPARE(report.services.first().noDataMs, 60 * minuteMs);
        QCOMPARE(report.overall.outages(), 0);
        QVERIFY(report.operational.samples.first().isGap());
    }
};

QTEST_GUILESS_MAIN(TestOutage)
#include "tst_outage.moc"
