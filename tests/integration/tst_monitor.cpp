// The monitor as the console and `vigie watch` use it: real probes against servers on loopback,
// the health tracker, and a real store in a temporary folder.
#include "manualclock.h"
#include "monitor/monitor.h"
#include "spies.h"
#include "store/resultstore.h"
#include "testservers.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;
using namespace Vigie;
using Vigie::Test::allEvents;
using Vigie::Test::allResults;
using namespace std::chrono_literals;

namespace {

constexpr int Timeout = 20000;

ProbeSpec httpProbe(const QString &url, std::chrono::milliseconds interval, int downAfter = 3, int upAfter = 2)
{
    ProbeSpec spec;
    spec.setKind(ProbeKind::Http);
    spec.target = url;
    spec.interval = interval;
    spec.timeout = std::min<std::chrono::milliseconds>(interval, 5s);
    spec.downAfter = downAfter;
    spec.upAfter = upAfter;
    return spec;
}

Service service(const QString &id, QList<ProbeSpec> probes)
{
    Service s;
    s.id = id;
    s.name = id;
    s.group = u"Web"_s;
    s.probes = std::move(probes);
    return s;
}

std::optional<HealthEvent> findEvent(const QList<HealthEvent> &events, HealthEvent::Kind kind, const QString &service,
                                     HealthState to = HealthState::Unknown)
{
    for (const HealthEvent &e : events)
        if (e.kind == kind && e.serviceId == service && (to == HealthState::Unknown || e.to == to))
            return e;
    return std::nullopt;
}

qsizetype countOf(const QList<ProbeResult> &results, const QString &service)
{
    return std::count_if(results.cbegin(), results.cend(),
                         [&service](const ProbeResult &r) { return r.key.serviceId == service; });
}

// Stops probing and waits for the probe thread's last batch, so that every result is accounted for.
bool stopAndDrain(Monitor &monitor)
{
    monitor.stop();
    return QTest::qWaitFor([&monitor] { return monitor.runningCount() == 0; }, Timeout);
}

} // namespace

class TestMonitor : public QObject
{
    Q_OBJECT

    Test::RawHttpServer m_up{Test::httpResponse(200, QByteArrayLiteral("fine"))};
    std::atomic<bool> m_failing = false;
    Test::RawHttpServer m_flipping{[this](const Test::HttpRequest &) {
        return m_failing ? Test::httpResponse(503, QByteArrayLiteral("down")) : Test::httpResponse(200);
    }};
    quint16 m_closedPort = 0;

    QString closedUrl() const { return u"http://127.0.0.1:%1/"_s.arg(m_closedPort); }

    Workspace upAndClosed(std::chrono::milliseconds interval)
    {
        Workspace ws;
        ws.name = u"Monitor test"_s;
        ws.services = {service(u"web"_s, {httpProbe(m_up.url(), interval)}),
                       service(u"closed"_s, {httpProbe(closedUrl(), interval, 1)})};
        return ws;
    }

private Q_SLOTS:
    void initTestCase() { m_closedPort = Test::closedPort(); }

    void resultsAndEventsAreStored()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ResultStore store;
        QVERIFY(store.open(dir.path()));

        Monitor monitor;
        QSignalSpy results(&monitor, &Monitor::resultsReady);
        QSignalSpy events(&monitor, &Monitor::eventsRaised);
        QSignalSpy health(&monitor, &Monitor::healthChanged);
        monitor.setStore(&store);
        monitor.setWorkspace(upAndClosed(300ms));
        monitor.start();

        QTRY_VERIFY_WITH_TIMEOUT(
            countOf(allResults(results), u"web"_s) >= 2 && countOf(allResults(results), u"closed"_s) >= 2, Timeout);
        QVERIFY(stopAndDrain(monitor));

        const QList<HealthEvent> raised = allEvents(events);
        const auto webUp = findEvent(raised, HealthEvent::Kind::ServiceState, u"web"_s, HealthState::Up);
        QVERIFY(webUp);
        QCOMPARE(webUp->from, HealthState::Unknown);
        const auto closedDown = findEvent(raised, HealthEvent::Kind::ServiceState, u"closed"_s, HealthState::Down);
        QVERIFY(closedDown);
        QVERIFY2(closedDown->cause.toString().contains("refused"_L1), qPrintable(closedDown->cause.toString()));
        QVERIFY(findEvent(raised, HealthEvent::Kind::ProbeState, u"closed"_s, HealthState::Down));
        // Only changes are events: one per service and one per probe, however many results came.
        QCOMPARE(raised.size(), 4);

        QCOMPARE(monitor.serviceHealth(u"web"_s).state, HealthState::Up);
        QCOMPARE(monitor.serviceHealth(u"closed"_s).state, HealthState::Down);
        QHash<QString, ServiceHealth> changed;
        for (const QList<QVariant> &arguments : std::as_const(health))
            changed.insert(arguments.at(0).value<QHash<QString, ServiceHealth>>());
        QCOMPARE(changed.value(u"web"_s).state, HealthState::Up);
        QCOMPARE(changed.value(u"closed"_s).state, HealthState::Down);

        // Every result shown was stored, and every event.
        QVERIFY(store.flush());
        QCOMPARE(store.resultCount().result(), qint64(allResults(results).size()));
        QList<HealthEvent> stored = store.events(EventFilter{}).result();
        std::reverse(stored.begin(), stored.end()); // the store lists the newest first
        // A later batch may hold an earlier result (a slower probe): the store orders by time.
        QList<HealthEvent> expectedOrder = raised;
        std::ranges::stable_sort(expectedOrder, {}, &HealthEvent::timestampMs);
        QCOMPARE(stored.size(), expectedOrder.size());
        for (qsizetype i = 0; i < stored.size(); ++i) {
            HealthEvent expected = expectedOrder.at(i);
            expected.id = stored.at(i).id;
            QCOMPARE(stored.at(i), expected);
        }
    }

    void hysteresisDelaysWorseStates()
    {
        m_failing = false;
        Workspace ws;
        ws.services = {service(u"quick"_s, {httpProbe(m_flipping.url(), 200ms, 1, 1)}),
                       service(u"patient"_s, {httpProbe(m_flipping.url(), 200ms, 3, 1)})};
        Monitor monitor;
        QSignalSpy results(&monitor, &Monitor::resultsReady);
        QSignalSpy events(&monitor, &Monitor::eventsRaised);
        monitor.setWorkspace(ws);
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(monitor.serviceHealth(u"quick"_s).state == HealthState::Up &&
                                     monitor.serviceHealth(u"patient"_s).state == HealthState::Up,
                                 Timeout);

        m_failing = true;
        QTRY_VERIFY_WITH_TIMEOUT(
            findEvent(allEvents(events), HealthEvent::Kind::ServiceState, u"patient"_s, HealthState::Down), Timeout);
        QVERIFY(stopAndDrain(monitor));

        const auto failuresOf = [&results](const QString &id) {
            QList<ProbeResult> failures;
            for (const ProbeResult &r : allResults(results))
                if (r.key.serviceId == id && r.status == HealthState::Down)
                    failures.append(r);
            std::ranges::stable_sort(failures, {}, &ProbeResult::timestampMs);
            return failures;
        };
        const QList<HealthEvent> raised = allEvents(events);
        const auto quickDown = findEvent(raised, HealthEvent::Kind::ServiceState, u"quick"_s, HealthState::Down);
        const auto patientDown = findEvent(raised, HealthEvent::Kind::ServiceState, u"patient"_s, HealthState::Down);
        QVERIFY(quickDown);
        QVERIFY(patientDown);
        // downAfter 1: down with its first failure; downAfter 3: only with its third.
        const QList<ProbeResult> quickFailures = failuresOf(u"quick"_s);
        const QList<ProbeResult> patientFailures = failuresOf(u"patient"_s);
        QVERIFY(!quickFailures.isEmpty());
        QVERIFY(patientFailures.size() >= 3);
        QCOMPARE(quickDown->timestampMs, quickFailures.first().timestampMs);
        QCOMPARE(patientDown->timestampMs, patientFailures.at(2).timestampMs);
        QVERIFY2(patientDown->cause.toString().contains("3"_L1), qPrintable(patientDown->cause.toString()));
    }

    void restoreRaisesNoDuplicateStates()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Workspace ws = upAndClosed(300ms);
        {
            ResultStore store;
            QVERIFY(store.open(dir.path()));
            Monitor first;
            QSignalSpy events(&first, &Monitor::eventsRaised);
            first.setStore(&store);
            first.setWorkspace(ws);
            first.start();
            QTRY_VERIFY_WITH_TIMEOUT(
                findEvent(allEvents(events), HealthEvent::Kind::ServiceState, u"closed"_s, HealthState::Down) &&
                    findEvent(allEvents(events), HealthEvent::Kind::ServiceState, u"web"_s, HealthState::Up),
                Timeout);
            QVERIFY(stopAndDrain(first));
            QVERIFY(store.flush());
        }

        ResultStore store;
        QVERIFY(store.open(dir.path()));
        const qint64 storedBefore = store.resultCount().result();
        Monitor second;
        QSignalSpy results(&second, &Monitor::resultsReady);
        QSignalSpy events(&second, &Monitor::eventsRaised);
        second.setStore(&store);
        second.setWorkspace(ws);
        second.start();
        // First, the last stored result of each probe (for the board), then live ones.
        QVERIFY(results.wait(Timeout));
        const QList<ProbeResult> lastKnown = results.first().at(0).value<QList<ProbeResult>>();
        QCOMPARE(lastKnown.size(), 2);
        QCOMPARE(countOf(lastKnown, u"web"_s), 1);
        QCOMPARE(countOf(lastKnown, u"closed"_s), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            countOf(allResults(results), u"web"_s) >= 3 && countOf(allResults(results), u"closed"_s) >= 3, Timeout);
        QVERIFY(stopAndDrain(second));
        QCOMPARE(events.size(), 0);
        QCOMPARE(second.serviceHealth(u"web"_s).state, HealthState::Up);
        QCOMPARE(second.serviceHealth(u"closed"_s).state, HealthState::Down);
        QVERIFY(store.flush());
        QCOMPARE(store.resultCount().result(), storedBefore + allResults(results).size() - lastKnown.size());

        // The same workspace without the store's memory announces every state again.
        Monitor fresh;
        QSignalSpy freshEvents(&fresh, &Monitor::eventsRaised);
        fresh.setWorkspace(ws);
        fresh.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            findEvent(allEvents(freshEvents), HealthEvent::Kind::ServiceState, u"closed"_s, HealthState::Down),
            Timeout);
        QVERIFY(stopAndDrain(fresh));
    }

    // Windows open and close on time with no result to carry them: the wake-up timer asks the
    // tracker, at the injected clock's time.
    void maintenanceWindowEdgesWithoutResults()
    {
        const QDateTime t0(QDate(2026, 3, 29), QTime(0, 30, 0, 700), QTimeZone::UTC);
        Test::ManualClock clock(t0);
        MaintenanceWindow window;
        window.name = u"Kernel update"_s;
        window.services = {u"web"_s};
        window.date = t0.date();
        window.at = QTime(0, 30, 1);
        window.duration = 1s;
        Workspace ws;
        // An hour between runs: after the first, no result comes during the test.
        ws.services = {service(u"web"_s, {httpProbe(m_up.url(), 1h)})};
        ws.maintenance = {window};

        Monitor monitor(&clock);
        QSignalSpy results(&monitor, &Monitor::resultsReady);
        QSignalSpy events(&monitor, &Monitor::eventsRaised);
        monitor.setWorkspace(ws);
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.serviceHealth(u"web"_s).state, HealthState::Up, Timeout);
        QVERIFY(!monitor.serviceHealth(u"web"_s).inMaintenance);
        QVERIFY(!findEvent(allEvents(events), HealthEvent::Kind::MaintenanceStart, u"web"_s));

        clock.set(t0.addMSecs(800));
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(allEvents(events), HealthEvent::Kind::MaintenanceStart, u"web"_s), Timeout);
        const auto began = findEvent(allEvents(events), HealthEvent::Kind::MaintenanceStart, u"web"_s);
        QCOMPARE(began->timestampMs, QDateTime(t0.date(), QTime(0, 30, 1), QTimeZone::UTC).toMSecsSinceEpoch());
        QVERIFY2(began->cause.toString().contains("Kernel update"_L1), qPrintable(began->cause.toString()));
        QVERIFY(monitor.serviceHealth(u"web"_s).inMaintenance);
        QVERIFY(!findEvent(allEvents(events), HealthEvent::Kind::MaintenanceEnd, u"web"_s));

        clock.set(t0.addMSecs(1800));
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(allEvents(events), HealthEvent::Kind::MaintenanceEnd, u"web"_s), Timeout);
        const auto ended = findEvent(allEvents(events), HealthEvent::Kind::MaintenanceEnd, u"web"_s);
        QCOMPARE(ended->timestampMs, QDateTime(t0.date(), QTime(0, 30, 2), QTimeZone::UTC).toMSecsSinceEpoch());
        QVERIFY(!monitor.serviceHealth(u"web"_s).inMaintenance);
        QCOMPARE(allResults(results).size(), 1);
        QVERIFY(stopAndDrain(monitor));
    }

    // A clock set right long after the start (a machine that booted in 1970 until the network
    // told it the date, or one woken from a long suspend) does not replay the nightly windows it
    // jumped over: only the one under way now begins.
    void forwardClockJumpDoesNotReplayWindows()
    {
        Test::ManualClock clock(QDateTime(QDate(1970, 1, 1), QTime(12, 0), QTimeZone::UTC));
        MaintenanceWindow nightly;
        nightly.name = u"Backups"_s;
        nightly.at = QTime(2, 0);
        nightly.duration = 1h;
        Workspace ws;
        ws.services = {service(u"web"_s, {httpProbe(m_up.url(), 300ms)})};
        ws.maintenance = {nightly};

        Monitor monitor(&clock);
        QSignalSpy events(&monitor, &Monitor::eventsRaised);
        monitor.setWorkspace(ws);
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.serviceHealth(u"web"_s).state, HealthState::Up, Timeout);
        QVERIFY(!monitor.serviceHealth(u"web"_s).inMaintenance);

        clock.set(QDateTime(QDate(2026, 3, 29), QTime(2, 30), QTimeZone::UTC));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.serviceHealth(u"web"_s).inMaintenance, Timeout);
        QTest::qWait(1000); // a few more results, inside the window
        QVERIFY(stopAndDrain(monitor));
        const QList<HealthEvent> raised = allEvents(events);
        const auto count = [&raised](HealthEvent::Kind kind) {
            return std::count_if(raised.cbegin(), raised.cend(),
                                 [kind](const HealthEvent &e) { return e.kind == kind; });
        };
        QCOMPARE(count(HealthEvent::Kind::MaintenanceStart), 1);
        QCOMPARE(count(HealthEvent::Kind::MaintenanceEnd), 0);
        QVERIFY2(raised.size() <= 4, qPrintable(QString::number(raised.size())));
    }

    // A console restarted inside a maintenance window carries it on: the store remembers that it
    // began, so the event log does not say so twice; it still ends on time.
    void restartInsideAWindowDoesNotBeginItAgain()
    {
        const QDateTime t0(QDate(2026, 3, 29), QTime(0, 30, 0, 300), QTimeZone::UTC);
        Test::ManualClock clock(t0);
        MaintenanceWindow window;
        window.name = u"Kernel update"_s;
        window.date = t0.date();
        window.at = QTime(0, 30);
        window.duration = 2s; // wake-ups wait in real time for the injected clock's edges
        Workspace ws;
        ws.services = {service(u"web"_s, {httpProbe(m_up.url(), 1h)})};
        ws.maintenance = {window};
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            ResultStore store;
            QVERIFY(store.open(dir.path()));
            Monitor first(&clock);
            QSignalSpy events(&first, &Monitor::eventsRaised);
            first.setStore(&store);
            first.setWorkspace(ws);
            first.start();
            QTRY_VERIFY_WITH_TIMEOUT(findEvent(allEvents(events), HealthEvent::Kind::MaintenanceStart, u"web"_s),
                                     Timeout);
            QVERIFY(stopAndDrain(first));
            QVERIFY(store.flush());
        }

        clock.set(t0.addMSecs(500));
        ResultStore store;
        QVERIFY(store.open(dir.path()));
        Monitor second(&clock);
        QSignalSpy results(&second, &Monitor::resultsReady);
        QSignalSpy events(&second, &Monitor::eventsRaised);
        second.setStore(&store);
        second.setWorkspace(ws);
        second.start();
        QTRY_VERIFY_WITH_TIMEOUT(!allResults(results).isEmpty(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(second.serviceHealth(u"web"_s).maintenanceName, u"Kernel update"_s, Timeout);
        QVERIFY(second.serviceHealth(u"web"_s).inMaintenance);
        QVERIFY(!findEvent(allEvents(events), HealthEvent::Kind::MaintenanceStart, u"web"_s));

        clock.set(t0.addMSecs(1800));
        QTRY_VERIFY_WITH_TIMEOUT(findEvent(allEvents(events), HealthEvent::Kind::MaintenanceEnd, u"web"_s), Timeout);
        const auto ended = findEvent(allEvents(events), HealthEvent::Kind::MaintenanceEnd, u"web"_s);
        QCOMPARE(ended->timestampMs, QDateTime(t0.date(), QTime(0, 30, 2), QTimeZone::UTC).toMSecsSinceEpoch());
        QVERIFY(!findEvent(allEvents(events), HealthEvent::Kind::MaintenanceStart, u"web"_s));
        QVERIFY(stopAndDrain(second));
    }

    // A result stamped inside a window counts inside it, even before the wake-up timer (armed for
    // an hour from now) has fired.
    void resultsInsideAWindowAreMaintenance()
    {
        m_failing = true;
        const QDateTime t0(QDate(2026, 3, 29), QTime(0, 30), QTimeZone::UTC);
        Test::ManualClock clock(t0);
        MaintenanceWindow window;
        window.name = u"Database upgrade"_s;
        window.date = t0.date();
        window.at = QTime(1, 30);
        window.duration = 1h;
        Workspace ws;
        ws.services = {service(u"db"_s, {httpProbe(m_flipping.url(), 200ms, 1, 1)})};
        ws.maintenance = {window};

        Monitor monitor(&clock);
        QSignalSpy results(&monitor, &Monitor::resultsReady);
        QSignalSpy events(&monitor, &Monitor::eventsRaised);
        monitor.setWorkspace(ws);
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.serviceHealth(u"db"_s).state, HealthState::Down, Timeout);
        QVERIFY(monitor.serviceHealth(u"db"_s).isAlarm());

        clock.set(t0.addSecs(3600 + 60));
        const qsizetype before = allResults(results).size();
        QTRY_VERIFY_WITH_TIMEOUT(allResults(results).size() > before, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.serviceHealth(u"db"_s).inMaintenance, Timeout);
        QVERIFY(!monitor.serviceHealth(u"db"_s).isAlarm());
        const auto began = findEvent(allEvents(events), HealthEvent::Kind::MaintenanceStart, u"db"_s);
        QVERIFY(began);
        QCOMPARE(began->timestampMs, t0.addSecs(3600).toMSecsSinceEpoch());
        QVERIFY(stopAndDrain(monitor));
    }
};

QTEST_GUILESS_MAIN(TestMonitor)
#include "tst_monitor.moc"
