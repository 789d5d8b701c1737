#include "manualclock.h"
#include "session/freshness.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace std::chrono_literals;

namespace {
ProbeResult resultAt(qint64 ms)
{
    ProbeResult result;
    result.key = {u"a"_s, 0};
    result.timestampMs = ms;
    return result;
}
} // namespace

class tst_Freshness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lateAfterTwoIntervalsAndTheTimeout()
    {
        Test::ManualClock clock;
        Freshness freshness(&clock);
        QSignalSpy changed(&freshness, &Freshness::changed);
        QCOMPARE(freshness.state(), Freshness::State::Stopped);
        QVERIFY(freshness.isStale());
        freshness.setExpectedInterval(30s, 5s);
        QCOMPARE(freshness.lateAfter(), 65s);
        freshness.setRunning(true);
        QCOMPARE(freshness.state(), Freshness::State::Waiting);
        QVERIFY(!freshness.isStale());
        freshness.noteResults({resultAt(clock.nowMs())});
        QCOMPARE(freshness.state(), Freshness::State::Live);
        QCOMPARE(freshness.lastResult(), clock.now());
        clock.advance(65s);
        freshness.recheck();
        QCOMPARE(freshness.state(), Freshness::State::Live);
        clock.advance(1s);
        freshness.recheck();
        QCOMPARE(freshness.state(), Freshness::State::Late);
        QVERIFY2(freshness.reason().contains(u"65 second"_s), qPrintable(freshness.reason()));
        // An older result does not make it live again.
        freshness.noteResults({resultAt(clock.nowMs() - 120'000)});
        QCOMPARE(freshness.state(), Freshness::State::Late);
        freshness.noteResults({resultAt(clock.nowMs())});
        QCOMPARE(freshness.state(), Freshness::State::Live);
        // Told once per change, not once per check.
        const qsizetype before = changed.size();
        freshness.recheck();
        freshness.recheck();
        QCOMPARE(changed.size(), before);
    }

    // The results a restart restores from the store are older than the run: until a live one
    // comes, lateness counts from the start of the run, and a run that hears nothing is late.
    void restoredResultsAreNotLive()
    {
        Test::ManualClock clock;
        Freshness freshness(&clock);
        freshness.setExpectedInterval(60s, 10s);
        freshness.noteResults({resultAt(clock.nowMs() - 3'600'000)});
        freshness.setRunning(true);
        QCOMPARE(freshness.state(), Freshness::State::Waiting);
        clock.advance(131s);
        freshness.recheck();
        QCOMPARE(freshness.state(), Freshness::State::Late);
    }

    void storeAndStopWinOverLateness()
    {
        Test::ManualClock clock;
        Freshness freshness(&clock);
        freshness.setExpectedInterval(5s);
        freshness.setRunning(true);
        freshness.noteResults({resultAt(clock.nowMs())});
        freshness.setStoreError(u"database or disk is full"_s);
        QCOMPARE(freshness.state(), Freshness::State::StoreFails);
        QVERIFY(freshness.reason().contains(u"database or disk is full"_s));
        freshness.setStoreError({});
        QCOMPARE(freshness.state(), Freshness::State::Live);
        freshness.setRunning(false);
        QCOMPARE(freshness.state(), Freshness::State::Stopped);
        QVERIFY(!freshness.reason().isEmpty());
    }

    void workspaceRate()
    {
        Workspace workspace;
        for (const auto &[interval, timeout] : {std::pair{60s, 10s}, {15s, 3s}, {300s, 20s}}) {
            Service service;
            ProbeSpec probe;
            probe.interval = interval;
            probe.timeout = timeout;
            service.probes.append(probe);
            workspace.services.append(service);
        }
        QCOMPARE(Freshness::expectedRate(workspace),
                 std::pair(std::chrono::milliseconds(15s), std::chrono::milliseconds(3s)));
        QCOMPARE(Freshness::expectedRate(Workspace{}).first.count(), 0);
    }
};

QTEST_MAIN(tst_Freshness)
#include "tst_freshness.moc"
