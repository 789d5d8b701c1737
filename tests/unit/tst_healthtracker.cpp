#include "health/healthtracker.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;

namespace {

using Kind = HealthEvent::Kind;

qint64 utc(int year, int month, int day, int hour, int minute = 0, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), QTimeZone::UTC).toMSecsSinceEpoch();
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODate);
}

// Some fixed moment on a weekday with no daylight-saving change near it.
const qint64 t0 = utc(2026, 6, 3, 12);

Service makeService(const QString &id, const QString &name = {}, int probes = 1, QStringList dependsOn = {},
                    int downAfter = 3, int upAfter = 2, const QString &group = u"Core"_s)
{
    Service s;
    s.id = id;
    s.name = name.isEmpty() ? id : name;
    s.group = group;
    s.dependsOn = std::move(dependsOn);
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

Workspace makeWorkspace(QList<Service> services, QList<MaintenanceWindow> maintenance = {})
{
    Workspace w;
    w.name = u"test"_s;
    w.services = std::move(services);
    w.maintenance = std::move(maintenance);
    return w;
}

ProbeResult result(const QString &serviceId, qint64 atMs, HealthState status, const QString &error = {}, int probe = 0)
{
    ProbeResult r;
    r.key = ProbeKey{serviceId, probe};
    r.kind = u"tcp"_s;
    r.timestampMs = atMs;
    r.status = status;
    r.error = Message::verbatim(error);
    return r;
}

ProbeResult up(const QString &id, qint64 atMs, int probe = 0)
{
    return result(id, atMs, HealthState::Up, {}, probe);
}
ProbeResult down(const QString &id, qint64 atMs, const QString &error = u"connection refused"_s, int probe = 0)
{
    return result(id, atMs, HealthState::Down, error, probe);
}
ProbeResult degraded(const QString &id, qint64 atMs, const QString &error = u"slow"_s, int probe = 0)
{
    return result(id, atMs, HealthState::Degraded, error, probe);
}

QList<HealthEvent> ofKind(const QList<HealthEvent> &events, Kind kind)
{
    QList<HealthEvent> out;
    std::ranges::copy_if(events, std::back_inserter(out), [kind](const HealthEvent &e) { return e.kind == kind; });
    return out;
}

// Feeds results one at a time, a minute apart, and returns every event.
QList<HealthEvent> feed(HealthTracker &tracker, const QString &id, const QList<HealthState> &states,
                        qint64 startMs = t0)
{
    QList<HealthEvent> events;
    qint64 at = startMs;
    for (HealthState s : states) {
        events += tracker.apply({result(id, at, s, s == HealthState::Up ? QString() : u"boom"_s)});
        at += 60'000;
    }
    return events;
}

MaintenanceWindow window(const QString &name, QDate date, QTime at, std::chrono::milliseconds duration,
                         QStringList services = {}, const QByteArray &zone = "UTC")
{
    MaintenanceWindow w;
    w.name = name;
    w.date = date;
    w.at = at;
    w.duration = duration;
    w.services = std::move(services);
    w.timeZone = zone;
    return w;
}

// What the store keeps for a restart: the latest event of each kind for each probe and service.
QList<HealthEvent> latestOfEachKind(const QList<HealthEvent> &events)
{
    QHash<QString, HealthEvent> latest;
    for (const HealthEvent &e : events) {
        const QString key = u"%1/%2/%3"_s.arg(healthEventKindName(e.kind), e.serviceId).arg(e.probeIndex);
        if (!latest.contains(key) || latest.value(key).timestampMs <= e.timestampMs)
            latest.insert(key, e);
    }
    return latest.values();
}

constexpr auto Up = HealthState::Up;
constexpr auto Degraded = HealthState::Degraded;
constexpr auto Down = HealthState::Down;
constexpr auto Unknown = HealthState::Unknown;

} // namespace

class TestHealthTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstResultSetsTheStateAtOnce();
    void defaultHysteresis();
    void customHysteresis();
    void worseStreakMovesToItsBestState_data();
    void worseStreakMovesToItsBestState();
    void betterStreakMovesToItsWorstState();
    void flappingRaisesNothing();
    void serviceIsTheWorstOfItsProbes();
    void eventFields();
    void unknownResultsAreIgnored();
    void takeChangedServices();
    void maintenanceWindowSilencesAlarms();
    void maintenanceFoundOpenOnTheFirstLook();
    void resultsMoveMaintenanceTimeForward();
    void lateResultIsJudgedAtItsOwnTime();
    void recurringWindowAcrossDaylightSaving();
    void forwardClockJumpAnnouncesOnlyWhereItLands();
    void upstreamMaintenance();
    void providerDownImpactsFailingDependents();
    void dependentFailingFirstIsImpactedWhenProviderGoesDown();
    void dependenciesAreJudgedFirstWithinABatch();
    void chainsBlameTheRoot();
    void dependencyCyclesTerminate();
    void restoreDoesNotReannounce();
    void restoreCarriesOnAnOpenWindow();
    void restoreEndsAMaintenanceThatIsOver();
    void restoreLeavesUpstreamMaintenanceToTheProvider();
    void scalesToElevenThousandServices();
};

void TestHealthTracker::firstResultSetsTheStateAtOnce()
{
    HealthTracker tracker(makeWorkspace({makeService(u"web"_s), makeService(u"db"_s)}));
    QCOMPARE(tracker.serviceHealth(u"web"_s).state, Unknown);

    const QList<HealthEvent> events = tracker.apply({up(u"web"_s, t0), down(u"db"_s, t0 + 1, u"connection refused"_s)});
    QCOMPARE(events.size(), 4);
    QCOMPARE(events.at(0).kind, Kind::ProbeState);
    QCOMPARE(events.at(0).cause.toString(), u"first result: up"_s);
    QCOMPARE(events.at(1).kind, Kind::ServiceState);
    QCOMPARE(events.at(1).from, Unknown);
    QCOMPARE(events.at(1).to, Up);
    QCOMPARE(events.at(3).serviceId, u"db"_s);
    QCOMPARE(events.at(3).to, Down);
    QCOMPARE(events.at(3).cause.toString(), u"first result: connection refused"_s);
    QCOMPARE(tracker.serviceHealth(u"web"_s).state, Up);
    QCOMPARE(tracker.serviceHealth(u"db"_s).state, Down);
    QCOMPARE(tracker.serviceHealth(u"db"_s).sinceMs, t0 + 1);
    QVERIFY(tracker.serviceHealth(u"db"_s).isAlarm());
}

void TestHealthTracker::defaultHysteresis()
{
    HealthTracker tracker(makeWorkspace({makeService(u"web"_s)}));
    tracker.apply({up(u"web"_s, t0)});

    QVERIFY(tracker.apply({down(u"web"_s, t0 + 1000, u"first error"_s)}).isEmpty());
    QVERIFY(tracker.apply({down(u"web"_s, t0 + 2000, u"second error"_s)}).isEmpty());
    QCOMPARE(tracker.probeState({u"web"_s, 0}), Up);
    const QList<HealthEvent> fell = tracker.apply({down(u"web"_s, t0 + 3000, u"timed out after 10.0 s (connect)"_s)});
    QCOMPARE(fell.size(), 2);
    QCOMPARE(fell.at(0).kind, Kind::ProbeState);
    QCOMPARE(fell.at(0).from, Up);
    QCOMPARE(fell.at(0).to, Down);
    QCOMPARE(fell.at(0).cause.toString(), u"3 consecutive failures: timed out after 10.0 s (connect)"_s);
    QCOMPARE(fell.at(0).timestampMs, t0 + 3000);
    QCOMPARE(fell.at(1).kind, Kind::ServiceState);
    QCOMPARE(fell.at(1).cause.toString(), fell.at(0).cause.toString());
    QCOMPARE(tracker.probeState({u"web"_s, 0}), Down);

    QVERIFY(tracker.apply({up(u"web"_s, t0 + 4000)}).isEmpty());
    const QList<HealthEvent> rose = tracker.apply({up(u"web"_s, t0 + 5000)});
    QCOMPARE(rose.size(), 2);
    QCOMPARE(rose.at(0).from, Down);
    QCOMPARE(rose.at(0).to, Up);
    QCOMPARE(rose.at(0).cause.toString(), u"2 consecutive successes"_s);
    QCOMPARE(tracker.serviceHealth(u"web"_s).state, Up);
}

void TestHealthTracker::customHysteresis()
{
    HealthTracker tracker(makeWorkspace({makeService(u"web"_s, {}, 1, {}, 1, 4)}));
    tracker.apply({up(u"web"_s, t0)});
    const QList<HealthEvent> fell = tracker.apply({down(u"web"_s, t0 + 1, u"refused"_s)});
    QCOMPARE(fell.size(), 2);
    QCOMPARE(fell.at(0).cause.toString(), u"failed: refused"_s);

    const QList<HealthEvent> early = feed(tracker, u"web"_s, {Up, Up, Up}, t0 + 10);
    QVERIFY(early.isEmpty());
    const QList<HealthEvent> rose = tracker.apply({up(u"web"_s, t0 + 999'999)});
    QCOMPARE(rose.size(), 2);
    QCOMPARE(rose.at(0).cause.toString(), u"4 consecutive successes"_s);

    // Thresholds below one behave as one.
    HealthTracker immediate(makeWorkspace({makeService(u"db"_s, {}, 1, {}, 0, -2)}));
    immediate.apply({up(u"db"_s, t0)});
    QCOMPARE(immediate.apply({down(u"db"_s, t0 + 1)}).size(), 2);
    const QList<HealthEvent> back = immediate.apply({up(u"db"_s, t0 + 2)});
    QCOMPARE(back.size(), 2);
    QCOMPARE(back.at(0).cause.toString(), u"succeeded again"_s);
}

void TestHealthTracker::worseStreakMovesToItsBestState_data()
{
    QTest::addColumn<QList<HealthState>>("streak");
    QTest::addColumn<HealthState>("expected");
    QTest::newRow("degraded, down, down") << QList<HealthState>{Degraded, Down, Down} << Degraded;
    QTest::newRow("down, down, degraded") << QList<HealthState>{Down, Down, Degraded} << Degraded;
    QTest::newRow("down, degraded, down") << QList<HealthState>{Down, Degraded, Down} << Degraded;
    QTest::newRow("down x3") << QList<HealthState>{Down, Down, Down} << Down;
    QTest::newRow("degraded x3") << QList<HealthState>{Degraded, Degraded, Degraded} << Degraded;
}

void TestHealthTracker::worseStreakMovesToItsBestState()
{
    QFETCH(QList<HealthState>, streak);
    QFETCH(HealthState, expected);
    HealthTracker tracker(makeWorkspace({makeService(u"web"_s)}));
    tracker.apply({up(u"web"_s, t0 - 1)});
    const QList<HealthEvent> events = feed(tracker, u"web"_s, streak);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).timestampMs, t0 + 2 * 60'000); // the third result moved it
    QCOMPARE(events.at(0).to, expected);
    QCOMPARE(tracker.serviceHealth(u"web"_s).state, expected);
}

void TestHealthTracker::betterStreakMovesToItsWorstState()
{
    HealthTracker tracker(makeWorkspace({makeService(u"web"_s)}));
    tracker.apply({down(u"web"_s, t0 - 1)});
    // Degraded then up: both better than down; the worst of them is where it goes.
    QList<HealthEvent> events = feed(tracker, u"web"_s, {Degraded, Up});
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).to, Degraded);
    // From degraded, down is worse and up is better; a degraded result breaks either streak.
    events = feed(tracker, u"web"_s, {Up, Degraded, Up, Down, Down, Degraded}, t0 + 3'600'000);
    QVERIFY(events.isEmpty());
    events = feed(tracker, u"web"_s, {Down, Down, Down}, t0 + 7'200'000);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).from, Degraded);
    QCOMPARE(events.at(0).to, Down);
    QCOMPARE(events.at(0).cause.toString(), u"3 consecutive failures: boom"_s);
}

void TestHealthTracker::flappingRaisesNothing()
{
    HealthTracker tracker(makeWorkspace({makeService(u"web"_s)}));
    tracker.apply({up(u"web"_s, t0 - 1)});
    tracker.takeChangedServices();
    QList<HealthState> flapping;
    for (int i = 0; i < 50; ++i)
        flapping += (i % 3 == 2) ? QList<HealthState>{Up} : QList<HealthState>{Down};
    QVERIFY(feed(tracker, u"web"_s, flapping).isEmpty());
    QCOMPARE(tracker.serviceHealth(u"web"_s).state, Up);
    QVERIFY(tracker.takeChangedServices().isEmpty());

    // The same for a service that is down and flickers up.
    HealthTracker downTracker(makeWorkspace({makeService(u"db"_s)}));
    downTracker.apply({down(u"db"_s, t0 - 1)});
    QList<HealthState> flicker;
    for (int i = 0; i < 50; ++i)
        flicker += (i % 2) ? Up : Down;
    QVERIFY(feed(downTracker, u"db"_s, flicker).isEmpty());
    QCOMPARE(downTracker.serviceHealth(u"db"_s).state, Down);
}

void TestHealthTracker::serviceIsTheWorstOfItsProbes()
{
    HealthTracker tracker(makeWorkspace({makeService(u"mail"_s, u"Mail"_s, 2, {}, 1, 1)}));
    QList<HealthEvent> events = tracker.apply({up(u"mail"_s, t0, 0)});
    QCOMPARE(events.size(), 2);
    // The second probe's first result, as good as the service: only the probe moves.
    events = tracker.apply({up(u"mail"_s, t0 + 1, 1)});
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).kind, Kind::ProbeState);
    QCOMPARE(events.at(0).probeIndex, 1);

    events = tracker.apply({degraded(u"mail"_s, t0 + 2, u"slow"_s, 1)});
    QCOMPARE(ofKind(events, Kind::ServiceState).size(), 1);
    QCOMPARE(tracker.serviceHealth(u"mail"_s).state, Degraded);
    events = tracker.apply({down(u"mail"_s, t0 + 3, u"refused"_s, 0)});
    QCOMPARE(ofKind(events, Kind::ServiceState).at(0).to, Down);
    // One probe recovering is not enough while the other is still down.
    events = tracker.apply({up(u"mail"_s, t0 + 4, 1)});
    QCOMPARE(events.size(), 1);
    QCOMPARE(tracker.serviceHealth(u"mail"_s).state, Down);
    events = tracker.apply({up(u"mail"_s, t0 + 5, 0)});
    QCOMPARE(ofKind(events, Kind::ServiceState).size(), 1);
    QCOMPARE(tracker.serviceHealth(u"mail"_s).state, Up);
    QCOMPARE(tracker.probeState({u"mail"_s, 0}), Up);
    QCOMPARE(tracker.probeState({u"mail"_s, 7}), Unknown);
    QCOMPARE(tracker.probeState({u"nope"_s, 0}), Unknown);
}

void TestHealthTracker::eventFields()
{
    HealthTracker tracker(makeWorkspace({makeService(u"mail"_s, u"Mail"_s, 2, {}, 1, 1, u"Messaging"_s)}));
    const QList<HealthEvent> events = tracker.apply({down(u"mail"_s, t0 + 42, u"refused"_s, 1)});
    QCOMPARE(events.size(), 2);
    for (const HealthEvent &e : events) {
        QCOMPARE(e.id, qint64(0));
        QCOMPARE(e.timestampMs, t0 + 42);
        QCOMPARE(e.serviceId, u"mail"_s);
        QCOMPARE(e.group, u"Messaging"_s);
        QVERIFY(!e.inMaintenance);
        QVERIFY(e.impactedBy.isEmpty());
    }
    QCOMPARE(events.at(0).probeIndex, 1);
    QCOMPARE(events.at(1).probeIndex, -1);
    QCOMPARE(healthEventKindName(Kind::ProbeState), u"probe-state"_s);
    QCOMPARE(healthEventKindName(Kind::ImpactEnd), u"impact-end"_s);
    for (Kind kind : {Kind::ProbeState, Kind::ServiceState, Kind::MaintenanceStart, Kind::MaintenanceEnd,
                      Kind::ImpactStart, Kind::ImpactEnd})
        QCOMPARE(healthEventKindFromName(healthEventKindName(kind)), kind);
    QCOMPARE(healthEventKindName(Kind::MaintenanceStart), u"maintenance-start"_s);
}

void TestHealthTracker::unknownResultsAreIgnored()
{
    HealthTracker tracker(makeWorkspace({makeService(u"web"_s)}));
    QVERIFY(tracker.apply({up(u"ghost"_s, t0), up(u"web"_s, t0, 3), result(u"web"_s, t0, Unknown)}).isEmpty());
    QCOMPARE(tracker.serviceHealth(u"web"_s).state, Unknown);
    QCOMPARE(tracker.serviceHealth(u"ghost"_s), ServiceHealth{});
    QVERIFY(tracker.takeChangedServices().isEmpty());
}

void TestHealthTracker::takeChangedServices()
{
    HealthTracker tracker(makeWorkspace({makeService(u"a"_s), makeService(u"b"_s), makeService(u"c"_s)}));
    tracker.apply({up(u"c"_s, t0), up(u"a"_s, t0)});
    QStringList changed = tracker.takeChangedServices();
    changed.sort();
    QCOMPARE(changed, (QStringList{u"a"_s, u"c"_s}));
    QVERIFY(tracker.takeChangedServices().isEmpty());
    tracker.apply({up(u"a"_s, t0 + 1), down(u"a"_s, t0 + 2)}); // no state change
    QVERIFY(tracker.takeChangedServices().isEmpty());
    tracker.apply({down(u"b"_s, t0 + 3)});
    QCOMPARE(tracker.takeChangedServices(), QStringList{u"b"_s});
}

void TestHealthTracker::maintenanceWindowSilencesAlarms()
{
    const QDate day(2026, 6, 3);
    HealthTracker tracker(makeWorkspace({makeService(u"db"_s, u"Database"_s), makeService(u"web"_s)},
                                        {window(u"Kernel update"_s, day, QTime(10, 0), 1h, {u"db"_s})}));
    QVERIFY(tracker.advanceTo(utc(2026, 6, 3, 9)).isEmpty());
    tracker.apply({up(u"db"_s, utc(2026, 6, 3, 9, 30)), up(u"web"_s, utc(2026, 6, 3, 9, 30))});
    tracker.takeChangedServices();
    QCOMPARE(iso(*tracker.nextWakeMs(utc(2026, 6, 3, 9, 30))), u"2026-06-03T10:00:00Z"_s);

    const QList<HealthEvent> opened = tracker.advanceTo(utc(2026, 6, 3, 10, 0, 30));
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).kind, Kind::MaintenanceStart);
    QCOMPARE(opened.at(0).serviceId, u"db"_s);
    QCOMPARE(opened.at(0).timestampMs, utc(2026, 6, 3, 10)); // the window's edge, not "now"
    QCOMPARE(opened.at(0).cause.toString(), u"maintenance \"Kernel update\" began"_s);
    QVERIFY(opened.at(0).inMaintenance);
    QCOMPARE(opened.at(0).from, Up);
    QCOMPARE(opened.at(0).to, Up);
    QCOMPARE(tracker.takeChangedServices(), QStringList{u"db"_s});
    ServiceHealth db = tracker.serviceHealth(u"db"_s);
    QVERIFY(db.inMaintenance);
    QCOMPARE(db.maintenanceName, u"Kernel update"_s);
    QVERIFY(!tracker.serviceHealth(u"web"_s).inMaintenance);

    // The tracker still follows the truth, but nothing is an alarm and every event says why.
    QList<HealthEvent> failing;
    for (int i = 1; i <= 3; ++i)
        failing += tracker.apply({down(u"db"_s, utc(2026, 6, 3, 10, i)), down(u"web"_s, utc(2026, 6, 3, 10, i))});
    QList<HealthEvent> dbEvents;
    for (const HealthEvent &e : ofKind(failing, Kind::ServiceState))
        if (e.serviceId == u"db"_s)
            dbEvents.append(e);
    QCOMPARE(dbEvents.size(), 1);
    QVERIFY(dbEvents.at(0).inMaintenance);
    QCOMPARE(dbEvents.at(0).to, Down);
    db = tracker.serviceHealth(u"db"_s);
    QCOMPARE(db.state, Down);
    QVERIFY(!db.isAlarm());
    const ServiceHealth web = tracker.serviceHealth(u"web"_s);
    QCOMPARE(web.state, Down);
    QVERIFY(web.isAlarm());
    for (const HealthEvent &e : failing)
        QCOMPARE(e.inMaintenance, e.serviceId == u"db"_s);

    QCOMPARE(iso(*tracker.nextWakeMs(utc(2026, 6, 3, 10, 30))), u"2026-06-03T11:00:00Z"_s);
    QVERIFY(tracker.advanceTo(utc(2026, 6, 3, 10, 59)).isEmpty());
    const QList<HealthEvent> closed = tracker.advanceTo(utc(2026, 6, 3, 11, 5));
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).kind, Kind::MaintenanceEnd);
    QCOMPARE(closed.at(0).timestampMs, utc(2026, 6, 3, 11));
    QCOMPARE(closed.at(0).cause.toString(), u"maintenance \"Kernel update\" ended"_s);
    QCOMPARE(closed.at(0).to, Down);
    QVERIFY(!closed.at(0).inMaintenance);
    db = tracker.serviceHealth(u"db"_s);
    QVERIFY(!db.inMaintenance);
    QVERIFY(db.maintenanceName.isEmpty());
    QVERIFY(db.isAlarm()); // the truth, known all along, now counts
    QVERIFY(!tracker.nextWakeMs(utc(2026, 6, 3, 11, 5)));
}

void TestHealthTracker::maintenanceFoundOpenOnTheFirstLook()
{
    HealthTracker tracker(makeWorkspace({makeService(u"a"_s), makeService(u"b"_s, {}, 1, {}, 3, 2, u"Edge"_s)},
                                        {window(u"Network"_s, QDate(2026, 6, 3), QTime(10, 0), 2h)}));
    const QList<HealthEvent> events = tracker.advanceTo(utc(2026, 6, 3, 11));
    QCOMPARE(events.size(), 2); // no services listed: it covers every one
    for (const HealthEvent &e : events) {
        QCOMPARE(e.kind, Kind::MaintenanceStart);
        QCOMPARE(e.timestampMs, utc(2026, 6, 3, 10));
    }
    QCOMPARE(events.at(1).group, u"Edge"_s);
    QVERIFY(tracker.advanceTo(utc(2026, 6, 3, 11, 30)).isEmpty());
    // Going back in time does nothing.
    QVERIFY(tracker.advanceTo(utc(2026, 6, 3, 9)).isEmpty());
    QVERIFY(tracker.serviceHealth(u"a"_s).inMaintenance);
}

void TestHealthTracker::resultsMoveMaintenanceTimeForward()
{
    HealthTracker tracker(makeWorkspace({makeService(u"db"_s, {}, 1, {}, 1, 1)},
                                        {window(u"Kernel update"_s, QDate(2026, 6, 3), QTime(10, 0), 1h)}));
    tracker.advanceTo(utc(2026, 6, 3, 9));
    // A result after the window opened, with no advanceTo() in between: the window opens first,
    // at its edge, then the result counts as inside it.
    QList<HealthEvent> events = tracker.apply({down(u"db"_s, utc(2026, 6, 3, 10, 10))});
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceStart);
    QCOMPARE(events.at(0).timestampMs, utc(2026, 6, 3, 10));
    QCOMPARE(events.at(1).kind, Kind::ProbeState);
    QVERIFY(events.at(1).inMaintenance);
    // And past its end, the end comes before the result.
    events = tracker.apply({up(u"db"_s, utc(2026, 6, 3, 12))});
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceEnd);
    QCOMPARE(events.at(0).timestampMs, utc(2026, 6, 3, 11));
    QCOMPARE(events.at(2).kind, Kind::ServiceState);
    QVERIFY(!events.at(2).inMaintenance);
}

void TestHealthTracker::lateResultIsJudgedAtItsOwnTime()
{
    HealthTracker tracker(makeWorkspace({makeService(u"db"_s, {}, 1, {}, 1, 1)},
                                        {window(u"Kernel update"_s, QDate(2026, 6, 3), QTime(10, 0), 1h)}));
    tracker.apply({up(u"db"_s, utc(2026, 6, 3, 9))});
    QCOMPARE(tracker.advanceTo(utc(2026, 6, 3, 11, 0, 5)).size(), 2); // opened and closed
    // A probe that started a second before the end and reported after it failed inside the window.
    QList<HealthEvent> events = tracker.apply({down(u"db"_s, utc(2026, 6, 3, 10, 59, 59))});
    QCOMPARE(events.size(), 2);
    QVERIFY(events.at(0).inMaintenance);
    QVERIFY(tracker.serviceHealth(u"db"_s).isAlarm()); // but the window is over now
    events = tracker.apply({up(u"db"_s, utc(2026, 6, 3, 11, 0, 1))});
    QCOMPARE(events.size(), 2);
    QVERIFY(!events.at(0).inMaintenance);
}

void TestHealthTracker::recurringWindowAcrossDaylightSaving()
{
    MaintenanceWindow sundays;
    sundays.name = u"Backups"_s;
    sundays.timeZone = "Europe/Paris";
    sundays.weekdays = {7};
    sundays.at = QTime(2, 30);
    sundays.duration = 1h;
    HealthTracker tracker(makeWorkspace({makeService(u"db"_s, u"Database"_s)}, {sundays}));

    // Walk from a week before spring-forward to a week after fall-back the way the monitor does:
    // wake at each edge, collect the events.
    QStringList edges;
    qint64 now = utc(2026, 3, 21, 12);
    tracker.advanceTo(now);
    for (;;) {
        const std::optional<qint64> next = tracker.nextWakeMs(now);
        QVERIFY(next);
        if (*next > utc(2026, 11, 2, 12))
            break;
        now = *next;
        for (const HealthEvent &e : tracker.advanceTo(now)) {
            QCOMPARE(e.timestampMs, now);
            edges.append((e.kind == Kind::MaintenanceStart ? u"start "_s : u"end "_s) + iso(e.timestampMs));
        }
    }
    QCOMPARE(edges.size(), 2 * 33);
    QCOMPARE(edges.mid(0, 6), (QStringList{
                                  u"start 2026-03-22T01:30:00Z"_s, // winter, UTC+1
                                  u"end 2026-03-22T02:30:00Z"_s,
                                  u"start 2026-03-29T01:00:00Z"_s, // 02:30 does not exist: at the jump
                                  u"end 2026-03-29T02:00:00Z"_s,
                                  u"start 2026-04-05T00:30:00Z"_s, // summer, UTC+2
                                  u"end 2026-04-05T01:30:00Z"_s,
                              }));
    QCOMPARE(edges.mid(edges.size() - 6), (QStringList{
                                              u"start 2026-10-18T00:30:00Z"_s,
                                              u"end 2026-10-18T01:30:00Z"_s,
                                              u"start 2026-10-25T00:30:00Z"_s, // the first 02:30
                                              u"end 2026-10-25T01:30:00Z"_s,   // one elapsed hour
                                              u"start 2026-11-01T01:30:00Z"_s, // winter again
                                              u"end 2026-11-01T02:30:00Z"_s,
                                          }));
}

void TestHealthTracker::forwardClockJumpAnnouncesOnlyWhereItLands()
{
    // A machine whose clock starts in 1970 until the network sets it, with a nightly window.
    MaintenanceWindow nightly = window(u"Backups"_s, {}, QTime(2, 0), 1h);
    nightly.date.reset();
    HealthTracker tracker(makeWorkspace({makeService(u"db"_s, {}, 1, {}, 1, 1)}, {nightly}));
    const qint64 epoch = utc(1970, 1, 1, 0, 0, 1);
    QVERIFY(tracker.advanceTo(epoch).isEmpty());
    QCOMPARE(ofKind(tracker.apply({up(u"db"_s, epoch + 1000)}), Kind::ServiceState).size(), 1);

    // 56 years on, inside that night's window: it began, once; the 20,000 nights nobody watched are
    // not replayed.
    const qint64 landed = utc(2026, 6, 3, 2, 30);
    QList<HealthEvent> events = tracker.advanceTo(landed);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceStart);
    QCOMPARE(events.at(0).cause.toString(), u"maintenance \"Backups\" began"_s);
    QVERIFY2(events.at(0).timestampMs >= utc(2026, 6, 3, 2) && events.at(0).timestampMs <= landed,
             qPrintable(iso(events.at(0).timestampMs)));
    QVERIFY(tracker.serviceHealth(u"db"_s).inMaintenance);
    // A result from after the jump is judged inside the window, and opens nothing more.
    events = tracker.apply({down(u"db"_s, landed + 60'000)});
    QVERIFY(ofKind(events, Kind::MaintenanceStart).isEmpty() && ofKind(events, Kind::MaintenanceEnd).isEmpty());
    QVERIFY(!tracker.serviceHealth(u"db"_s).isAlarm());

    // Another long jump, to an afternoon: the maintenance is over, once.
    const qint64 afternoon = utc(2080, 1, 1, 15);
    events = tracker.advanceTo(afternoon);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceEnd);
    QVERIFY(!tracker.serviceHealth(u"db"_s).inMaintenance);
    QVERIFY(tracker.serviceHealth(u"db"_s).isAlarm());

    // From there on, time moving as it should: each edge again, at its own time.
    QCOMPARE(iso(*tracker.nextWakeMs(afternoon)), u"2080-01-02T02:00:00Z"_s);
    events = tracker.advanceTo(utc(2080, 1, 2, 2, 0, 5));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceStart);
    QCOMPARE(events.at(0).timestampMs, utc(2080, 1, 2, 2));
    // A short gap (a machine asleep for two nights) still replays what it crossed, edge by edge.
    events = tracker.advanceTo(utc(2080, 1, 4, 12));
    QStringList edges;
    for (const HealthEvent &e : events)
        edges.append((e.kind == Kind::MaintenanceStart ? u"start "_s : u"end "_s) + iso(e.timestampMs));
    QCOMPARE(edges,
             (QStringList{u"end 2080-01-02T03:00:00Z"_s, u"start 2080-01-03T02:00:00Z"_s, u"end 2080-01-03T03:00:00Z"_s,
                          u"start 2080-01-04T02:00:00Z"_s, u"end 2080-01-04T03:00:00Z"_s}));
}

void TestHealthTracker::upstreamMaintenance()
{
    HealthTracker tracker(makeWorkspace({makeService(u"github"_s, u"GitHub"_s, 1, {}, 1, 1)}));
    tracker.apply({up(u"github"_s, t0)});
    ProbeResult announced = result(u"github"_s, t0 + 1000, Degraded, u"Git operations: under maintenance"_s);
    announced.maintenance = true;
    announced.detail = Message::verbatim(u"Scheduled maintenance for Git operations"_s);
    QList<HealthEvent> events = tracker.apply({announced});
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceStart);
    QCOMPARE(events.at(0).cause.toString(),
             u"the upstream reports maintenance: Scheduled maintenance for Git operations"_s);
    QVERIFY(events.at(1).inMaintenance);
    ServiceHealth health = tracker.serviceHealth(u"github"_s);
    QVERIFY(health.inMaintenance);
    QCOMPARE(health.maintenanceName, u"Scheduled maintenance for Git operations"_s);
    QVERIFY(!health.isAlarm());

    // Still in maintenance: nothing new begins.
    announced.timestampMs += 1000;
    QVERIFY(tracker.apply({announced}).isEmpty());

    events = tracker.apply({up(u"github"_s, t0 + 5000)});
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceEnd);
    QCOMPARE(events.at(0).cause.toString(), u"the upstream no longer reports maintenance"_s);
    QVERIFY(!tracker.serviceHealth(u"github"_s).inMaintenance);
}

void TestHealthTracker::dependenciesAreJudgedFirstWithinABatch()
{
    // The portal's result finished a moment before the relay's, in the same batch: the relay's
    // change still comes first, and the portal's own change is followed at once by its impact.
    const QList<Service> services{makeService(u"portal"_s, u"Portal"_s, 1, {u"relay"_s}, 1, 1),
                                  makeService(u"relay"_s, u"Relay"_s, 1, {}, 1, 1)};
    HealthTracker tracker(makeWorkspace(services));
    const QList<HealthEvent> events =
        tracker.apply({down(u"portal"_s, t0, u"HTTP 502"_s), down(u"relay"_s, t0 + 5, u"connection refused"_s)});
    QList<HealthEvent> serviceEvents;
    for (const HealthEvent &e : events)
        if (e.kind != Kind::ProbeState)
            serviceEvents.append(e);
    QCOMPARE(serviceEvents.size(), 3);
    QCOMPARE(serviceEvents.at(0).kind, Kind::ServiceState);
    QCOMPARE(serviceEvents.at(0).serviceId, u"relay"_s);
    QCOMPARE(serviceEvents.at(1).kind, Kind::ServiceState);
    QCOMPARE(serviceEvents.at(1).serviceId, u"portal"_s);
    QCOMPARE(serviceEvents.at(2).kind, Kind::ImpactStart);
    QCOMPARE(serviceEvents.at(2).serviceId, u"portal"_s);
    QCOMPARE(serviceEvents.at(2).impactedBy, u"relay"_s);
    QVERIFY(!tracker.serviceHealth(u"portal"_s).isAlarm());
    // Each probe's results keep their own order.
    QCOMPARE(tracker.probeState(ProbeKey{u"portal"_s, 0}), Down);
}

void TestHealthTracker::providerDownImpactsFailingDependents()
{
    QList<Service> services{makeService(u"cas"_s, u"CAS authentication"_s, 1, {}, 1, 1)};
    for (int i = 0; i < 30; ++i)
        services.append(makeService(u"app%1"_s.arg(i), u"App %1"_s.arg(i), 1, {u"cas"_s}, 1, 1));
    services.append(makeService(u"healthy"_s, u"Healthy"_s, 1, {u"cas"_s}, 1, 1));
    HealthTracker tracker(makeWorkspace(services));
    for (const Service &s : services)
        tracker.apply({up(s.id, t0)});
    tracker.takeChangedServices();

    QList<HealthEvent> events = tracker.apply({down(u"cas"_s, t0 + 1000, u"connection refused by cas:443"_s)});
    QVERIFY(ofKind(events, Kind::ImpactStart).isEmpty()); // nobody is failing yet
    QCOMPARE(tracker.takeChangedServices(), QStringList{u"cas"_s});
    QCOMPARE(tracker.serviceHealth(u"cas"_s).impactedBy, QString());
    QVERIFY(tracker.serviceHealth(u"cas"_s).isAlarm());

    QList<ProbeResult> failing;
    for (int i = 0; i < 30; ++i)
        failing.append(down(u"app%1"_s.arg(i), t0 + 2000, u"HTTP 502"_s));
    failing.append(up(u"healthy"_s, t0 + 2000));
    events = tracker.apply(failing);
    const QList<HealthEvent> impacts = ofKind(events, Kind::ImpactStart);
    QCOMPARE(impacts.size(), 30);
    for (const HealthEvent &e : impacts) {
        QCOMPARE(e.impactedBy, u"cas"_s);
        QCOMPARE(e.cause.toString(), u"impacted by CAS authentication (down)"_s);
        QCOMPARE(e.timestampMs, t0 + 2000);
    }
    for (int i = 0; i < 30; ++i) {
        const ServiceHealth h = tracker.serviceHealth(u"app%1"_s.arg(i));
        QCOMPARE(h.state, Down);
        QCOMPARE(h.impactedBy, u"cas"_s);
        QVERIFY(!h.isAlarm());
    }
    QCOMPARE(tracker.serviceHealth(u"healthy"_s).state, Up);
    QVERIFY(tracker.serviceHealth(u"healthy"_s).impactedBy.isEmpty());
    QCOMPARE(tracker.takeChangedServices().size(), 30);

    events = tracker.apply({up(u"cas"_s, t0 + 3000)});
    const QList<HealthEvent> ends = ofKind(events, Kind::ImpactEnd);
    QCOMPARE(ends.size(), 30);
    QCOMPARE(ends.at(0).impactedBy, u"cas"_s);
    QCOMPARE(ends.at(0).cause.toString(), u"no longer impacted by CAS authentication"_s);
    for (int i = 0; i < 30; ++i) {
        const ServiceHealth h = tracker.serviceHealth(u"app%1"_s.arg(i));
        QVERIFY(h.impactedBy.isEmpty());
        QVERIFY(h.isAlarm()); // still failing on their own
    }
    // A dependent that recovers while impacted stops being impacted.
    tracker.apply({down(u"cas"_s, t0 + 4000)});
    QCOMPARE(tracker.serviceHealth(u"app0"_s).impactedBy, u"cas"_s);
    events = tracker.apply({up(u"app0"_s, t0 + 5000)});
    QCOMPARE(ofKind(events, Kind::ImpactEnd).size(), 1);
    QVERIFY(tracker.serviceHealth(u"app0"_s).impactedBy.isEmpty());
}

void TestHealthTracker::dependentFailingFirstIsImpactedWhenProviderGoesDown()
{
    HealthTracker tracker(makeWorkspace({
        makeService(u"web"_s, u"Web"_s, 1, {u"db"_s}, 1, 1),
        makeService(u"db"_s, u"Database"_s, 1, {}, 3, 2),
    }));
    tracker.apply({up(u"db"_s, t0), degraded(u"web"_s, t0)});
    QVERIFY(tracker.serviceHealth(u"web"_s).isAlarm());
    tracker.apply({down(u"db"_s, t0 + 1), down(u"db"_s, t0 + 2)});
    QVERIFY(tracker.serviceHealth(u"web"_s).impactedBy.isEmpty()); // db not down yet (hysteresis)
    const QList<HealthEvent> events = tracker.apply({down(u"db"_s, t0 + 3)});
    const QList<HealthEvent> impacts = ofKind(events, Kind::ImpactStart);
    QCOMPARE(impacts.size(), 1);
    QCOMPARE(impacts.at(0).serviceId, u"web"_s);
    QCOMPARE(impacts.at(0).timestampMs, t0 + 3);
    QCOMPARE(impacts.at(0).to, Degraded);
    QVERIFY(!tracker.serviceHealth(u"web"_s).isAlarm());
    // A degraded provider explains nothing.
    HealthTracker soft(makeWorkspace({
        makeService(u"web"_s, u"Web"_s, 1, {u"db"_s}, 1, 1),
        makeService(u"db"_s, u"Database"_s, 1, {}, 1, 1),
    }));
    soft.apply({degraded(u"db"_s, t0), down(u"web"_s, t0)});
    QVERIFY(soft.serviceHealth(u"web"_s).isAlarm());
}

void TestHealthTracker::chainsBlameTheRoot()
{
    // a -> b -> c, and a -> d (up) listed first: depth first, in order, through healthy services too.
    HealthTracker tracker(makeWorkspace({
        makeService(u"a"_s, u"A"_s, 1, {u"d"_s, u"b"_s}, 1, 1),
        makeService(u"b"_s, u"B"_s, 1, {u"c"_s}, 1, 1),
        makeService(u"c"_s, u"C"_s, 1, {}, 1, 1),
        makeService(u"d"_s, u"D"_s, 1, {u"c"_s}, 1, 1),
    }));
    tracker.apply({up(u"d"_s, t0), down(u"a"_s, t0), down(u"b"_s, t0), down(u"c"_s, t0)});
    QCOMPARE(tracker.serviceHealth(u"a"_s).impactedBy, u"c"_s);
    QCOMPARE(tracker.serviceHealth(u"b"_s).impactedBy, u"c"_s);
    QVERIFY(tracker.serviceHealth(u"c"_s).impactedBy.isEmpty());
    QVERIFY(tracker.serviceHealth(u"c"_s).isAlarm()); // the root cause is the one alarm
    QVERIFY(!tracker.serviceHealth(u"a"_s).isAlarm());

    // C recovers, B stays down: B is now the root for A, and B itself is an alarm.
    const QList<HealthEvent> events = tracker.apply({up(u"c"_s, t0 + 1)});
    QCOMPARE(tracker.serviceHealth(u"a"_s).impactedBy, u"b"_s);
    QVERIFY(tracker.serviceHealth(u"b"_s).impactedBy.isEmpty());
    QVERIFY(tracker.serviceHealth(u"b"_s).isAlarm());
    const QList<HealthEvent> ends = ofKind(events, Kind::ImpactEnd);
    const QList<HealthEvent> starts = ofKind(events, Kind::ImpactStart);
    QCOMPARE(ends.size(), 2);
    QCOMPARE(starts.size(), 1);
    QCOMPARE(starts.at(0).serviceId, u"a"_s);
    QCOMPARE(starts.at(0).impactedBy, u"b"_s);
    QCOMPARE(starts.at(0).cause.toString(), u"impacted by B (down)"_s);

    tracker.apply({up(u"b"_s, t0 + 2)});
    QVERIFY(tracker.serviceHealth(u"a"_s).impactedBy.isEmpty());
    QVERIFY(tracker.serviceHealth(u"a"_s).isAlarm());
}

void TestHealthTracker::dependencyCyclesTerminate()
{
    HealthTracker tracker(makeWorkspace({
        makeService(u"a"_s, u"A"_s, 1, {u"b"_s, u"missing"_s, u"a"_s}, 1, 1),
        makeService(u"b"_s, u"B"_s, 1, {u"a"_s}, 1, 1),
    }));
    tracker.apply({down(u"a"_s, t0)});
    QVERIFY(tracker.serviceHealth(u"a"_s).impactedBy.isEmpty());
    tracker.apply({down(u"b"_s, t0 + 1)});
    // Each would explain the other, and the outage would raise no alarm at all: neither does.
    QVERIFY(tracker.serviceHealth(u"a"_s).isAlarm());
    QVERIFY(tracker.serviceHealth(u"b"_s).isAlarm());

    // Outside the cycle, a down dependency of a cycle member is the root of both.
    HealthTracker rooted(makeWorkspace({
        makeService(u"a"_s, u"A"_s, 1, {u"b"_s}, 1, 1),
        makeService(u"b"_s, u"B"_s, 1, {u"a"_s, u"c"_s}, 1, 1),
        makeService(u"c"_s, u"C"_s, 1, {}, 1, 1),
    }));
    rooted.apply({down(u"a"_s, t0), down(u"b"_s, t0), down(u"c"_s, t0)});
    QCOMPARE(rooted.serviceHealth(u"a"_s).impactedBy, u"c"_s);
    QCOMPARE(rooted.serviceHealth(u"b"_s).impactedBy, u"c"_s);
    QVERIFY(rooted.serviceHealth(u"c"_s).isAlarm());
}

void TestHealthTracker::restoreDoesNotReannounce()
{
    const Workspace workspace = makeWorkspace({
        makeService(u"web"_s, u"Web"_s, 2, {u"db"_s}),
        makeService(u"db"_s, u"Database"_s),
        makeService(u"cache"_s, u"Cache"_s),
    });
    HealthEvent webProbe0;
    webProbe0.kind = Kind::ProbeState;
    webProbe0.serviceId = u"web"_s;
    webProbe0.probeIndex = 0;
    webProbe0.to = Up;
    HealthEvent webProbe1 = webProbe0;
    webProbe1.probeIndex = 1;
    webProbe1.to = Down;
    HealthEvent stale = webProbe1;
    stale.to = Up;
    stale.timestampMs = -5; // older than the one above: ignored whatever the order
    HealthEvent dbProbe = webProbe0;
    dbProbe.serviceId = u"db"_s;
    dbProbe.to = Down;
    HealthEvent cacheService;
    cacheService.kind = Kind::ServiceState;
    cacheService.serviceId = u"cache"_s;
    cacheService.to = Degraded;
    HealthEvent ghost = webProbe0;
    ghost.serviceId = u"ghost"_s;
    HealthEvent badIndex = webProbe0;
    badIndex.probeIndex = 9;
    badIndex.to = Down;

    HealthTracker tracker(workspace);
    tracker.restore({webProbe0, webProbe1, stale, dbProbe, cacheService, ghost, badIndex});
    QCOMPARE(tracker.probeState({u"web"_s, 0}), Up);
    QCOMPARE(tracker.probeState({u"web"_s, 1}), Down);
    ServiceHealth web = tracker.serviceHealth(u"web"_s);
    QCOMPARE(web.state, Down);
    QCOMPARE(web.impactedBy, u"db"_s);
    QCOMPARE(tracker.serviceHealth(u"db"_s).state, Down);
    QCOMPARE(tracker.serviceHealth(u"cache"_s).state, Degraded);
    QStringList changed = tracker.takeChangedServices();
    changed.sort();
    QCOMPARE(changed, (QStringList{u"cache"_s, u"db"_s, u"web"_s}));

    // The same results as before the restart announce nothing; hysteresis goes on from there.
    QVERIFY(tracker.apply({up(u"web"_s, t0, 0), down(u"web"_s, t0, {}, 1), down(u"db"_s, t0)}).isEmpty());
    QVERIFY(tracker.apply({up(u"db"_s, t0 + 1)}).isEmpty());
    const QList<HealthEvent> events = tracker.apply({up(u"db"_s, t0 + 2)});
    QCOMPARE(ofKind(events, Kind::ServiceState).size(), 1);
    QCOMPARE(ofKind(events, Kind::ImpactEnd).size(), 1);
}

void TestHealthTracker::restoreCarriesOnAnOpenWindow()
{
    const Workspace workspace = makeWorkspace({makeService(u"db"_s, u"Database"_s, 1, {}, 1, 1)},
                                              {window(u"Kernel update"_s, QDate(2026, 6, 3), QTime(10, 0), 2h)});
    QList<HealthEvent> before;
    {
        HealthTracker previous(workspace);
        before += previous.apply({up(u"db"_s, utc(2026, 6, 3, 9))});
        before += previous.advanceTo(utc(2026, 6, 3, 10, 30));
        before += previous.apply({down(u"db"_s, utc(2026, 6, 3, 10, 40))});
    }
    QCOMPARE(ofKind(before, Kind::MaintenanceStart).size(), 1);

    // Restarted inside the same window: it goes on without a second "began".
    HealthTracker tracker(workspace);
    tracker.restore(latestOfEachKind(before));
    QVERIFY(tracker.serviceHealth(u"db"_s).inMaintenance);
    // Down since the result that moved it there in the previous run, not since the restart.
    QCOMPARE(tracker.serviceHealth(u"db"_s).sinceMs, utc(2026, 6, 3, 10, 40));
    QVERIFY(tracker.advanceTo(utc(2026, 6, 3, 11)).isEmpty());
    const ServiceHealth health = tracker.serviceHealth(u"db"_s);
    QVERIFY(health.inMaintenance);
    QCOMPARE(health.maintenanceName, u"Kernel update"_s);
    QVERIFY(!health.isAlarm());
    QVERIFY(tracker.apply({down(u"db"_s, utc(2026, 6, 3, 11, 1))}).isEmpty());

    // And it ends at its own edge, once.
    const QList<HealthEvent> events = tracker.advanceTo(utc(2026, 6, 3, 12, 30));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceEnd);
    QCOMPARE(events.at(0).timestampMs, utc(2026, 6, 3, 12));
    QCOMPARE(events.at(0).cause.toString(), u"maintenance \"Kernel update\" ended"_s);
    QVERIFY(tracker.serviceHealth(u"db"_s).isAlarm());
}

void TestHealthTracker::restoreEndsAMaintenanceThatIsOver()
{
    // A nightly window: the previous run saw Tuesday's begin, then stopped before it ended.
    MaintenanceWindow nightly = window(u"Nightly"_s, QDate(), QTime(3, 0), 1h);
    nightly.date.reset(); // every day
    const Workspace workspace = makeWorkspace({makeService(u"db"_s), makeService(u"web"_s)}, {nightly});
    QList<HealthEvent> before;
    {
        HealthTracker previous(workspace);
        before += previous.advanceTo(utc(2026, 6, 2, 3, 30));
    }
    QCOMPARE(ofKind(before, Kind::MaintenanceStart).size(), 2);

    // Restarted the day after, inside Wednesday's occurrence: Tuesday's ended (at the latest when
    // Wednesday's began), and Wednesday's begins.
    HealthTracker wednesday(workspace);
    wednesday.restore(latestOfEachKind(before));
    QList<HealthEvent> events = wednesday.advanceTo(utc(2026, 6, 3, 3, 20));
    QCOMPARE(events.size(), 4);
    for (int i = 0; i < 4; i += 2) {
        QCOMPARE(events.at(i).kind, Kind::MaintenanceEnd);
        QCOMPARE(events.at(i).timestampMs, utc(2026, 6, 3, 3));
        QCOMPARE(events.at(i).cause.toString(), u"the maintenance was over when monitoring resumed"_s);
        QCOMPARE(events.at(i + 1).kind, Kind::MaintenanceStart);
        QCOMPARE(events.at(i + 1).serviceId, events.at(i).serviceId);
        QCOMPARE(events.at(i + 1).timestampMs, utc(2026, 6, 3, 3));
    }
    QVERIFY(wednesday.serviceHealth(u"web"_s).inMaintenance);

    // Restarted in the afternoon, outside any window: it ends at the first look.
    HealthTracker afternoon(workspace);
    afternoon.restore(latestOfEachKind(before));
    events = afternoon.advanceTo(utc(2026, 6, 2, 15));
    QCOMPARE(events.size(), 2);
    QCOMPARE(ofKind(events, Kind::MaintenanceEnd).size(), 2);
    QCOMPARE(events.at(0).timestampMs, utc(2026, 6, 2, 15));
    QVERIFY(!afternoon.serviceHealth(u"db"_s).inMaintenance);
    QVERIFY(afternoon.advanceTo(utc(2026, 6, 2, 16)).isEmpty());

    // A maintenance that had ended before the restart stays ended.
    HealthTracker previous(workspace);
    QList<HealthEvent> whole = previous.advanceTo(utc(2026, 6, 2, 3, 30));
    whole += previous.advanceTo(utc(2026, 6, 2, 5));
    QCOMPARE(ofKind(whole, Kind::MaintenanceEnd).size(), 2);
    HealthTracker later(workspace);
    later.restore(latestOfEachKind(whole));
    QVERIFY(!later.serviceHealth(u"db"_s).inMaintenance);
    QVERIFY(later.advanceTo(utc(2026, 6, 2, 15)).isEmpty());
}

void TestHealthTracker::restoreLeavesUpstreamMaintenanceToTheProvider()
{
    Service provider = makeService(u"github"_s, u"GitHub"_s, 1, {}, 1, 1);
    provider.probes[0].setKind(ProbeKind::Statuspage);
    const Workspace workspace = makeWorkspace({provider});
    ProbeResult announced = result(u"github"_s, t0, Degraded, u"Git operations: under maintenance"_s);
    announced.maintenance = true;
    announced.detail = Message::verbatim(u"Scheduled maintenance for Git operations"_s);
    QList<HealthEvent> before;
    {
        HealthTracker previous(workspace);
        before += previous.apply({announced});
    }
    QCOMPARE(ofKind(before, Kind::MaintenanceStart).size(), 1);

    // The first look cannot tell: the provider's next result does.
    HealthTracker still(workspace);
    still.restore(latestOfEachKind(before));
    QVERIFY(still.advanceTo(t0 + 60'000).isEmpty());
    QVERIFY(still.serviceHealth(u"github"_s).inMaintenance);
    announced.timestampMs = t0 + 61'000;
    QVERIFY(still.apply({announced}).isEmpty());
    QCOMPARE(still.serviceHealth(u"github"_s).maintenanceName, u"Scheduled maintenance for Git operations"_s);

    HealthTracker over(workspace);
    over.restore(latestOfEachKind(before));
    QVERIFY(over.advanceTo(t0 + 60'000).isEmpty());
    const QList<HealthEvent> events = over.apply({up(u"github"_s, t0 + 61'000)});
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kind, Kind::MaintenanceEnd);
    QCOMPARE(events.at(0).cause.toString(), u"the maintenance was over when monitoring resumed"_s);
    QCOMPARE(events.at(1).kind, Kind::ProbeState);
    QVERIFY(!events.at(1).inMaintenance);
    QVERIFY(!over.serviceHealth(u"github"_s).inMaintenance);
}

void TestHealthTracker::scalesToElevenThousandServices()
{
    // 11,000 services: 100 providers with 109 dependents each, one window covering everything.
    QList<Service> services;
    for (int p = 0; p < 100; ++p) {
        services.append(makeService(u"provider%1"_s.arg(p), {}, 1, {}, 1, 1));
        for (int i = 0; i < 109; ++i)
            services.append(makeService(u"svc%1-%2"_s.arg(p).arg(i), {}, 1, {u"provider%1"_s.arg(p)}, 1, 1));
    }
    QCOMPARE(services.size(), 11'000);
    MaintenanceWindow nightly;
    nightly.name = u"Nightly"_s;
    nightly.at = QTime(3, 0);
    nightly.timeZone = "Europe/Paris";
    HealthTracker tracker(makeWorkspace(services, {nightly}));

    // A few minutes of traffic at ~370 results a second, with every result flipping its service so
    // that each one causes events and the providers' flips fan out to their dependents.
    QElapsedTimer clock;
    clock.start();
    // The window opens (for all 11,000) a minute in: 03:00 in Paris is 01:00 UTC in June.
    qint64 at = utc(2026, 6, 3, 0, 59);
    qsizetype eventCount = 0;
    for (int second = 0; second < 120; ++second) {
        QList<ProbeResult> batch;
        for (int i = 0; i < 370; ++i) {
            const int s = (second * 370 + i) % services.size();
            const HealthState state = ((second * 370 + i) / services.size()) % 2 ? Down : Up;
            batch.append(result(services.at(s).id, at + i, state));
        }
        eventCount += tracker.apply(batch).size();
        eventCount += tracker.advanceTo(at + 1000).size();
        tracker.takeChangedServices();
        at += 1000;
    }
    const qint64 elapsed = clock.elapsed();
    QVERIFY(eventCount >= 2 * 120 * 370 + 11'000);
    // 120 s of results; a tracker that scans the workspace per result takes minutes here.
    QVERIFY2(elapsed < 5'000, qPrintable(u"%1 ms"_s.arg(elapsed)));
    qInfo("44,400 results over 11,000 services in %lld ms", elapsed);
}

QTEST_GUILESS_MAIN(TestHealthTracker)
#include "tst_healthtracker.moc"
