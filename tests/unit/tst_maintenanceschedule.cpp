#include "health/maintenanceschedule.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;

namespace {

qint64 utc(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::UTC).toMSecsSinceEpoch();
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODate);
}

MaintenanceWindow weekly(const QString &name, QList<int> weekdays, QTime at, const QByteArray &zone,
                         std::chrono::milliseconds duration = 1h)
{
    MaintenanceWindow w;
    w.name = name;
    w.weekdays = std::move(weekdays);
    w.at = at;
    w.timeZone = zone;
    w.duration = duration;
    return w;
}

MaintenanceWindow oneOff(const QString &name, QDate date, QTime at, const QByteArray &zone,
                         std::chrono::milliseconds duration = 1h)
{
    MaintenanceWindow w = weekly(name, {}, at, zone, duration);
    w.date = date;
    return w;
}

using Occurrence = MaintenanceSchedule::Occurrence;

// Occurrences as "start/end" ISO strings, so that a failure shows the times.
QStringList spans(const QList<Occurrence> &occurrences)
{
    QStringList out;
    for (const Occurrence &o : occurrences)
        out.append(iso(o.startMs) + u'/' + iso(o.endMs));
    return out;
}

} // namespace

class TestMaintenanceSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneOffInUtc();
    void oneOffInLocalTime();
    void weeklyParisAcrossSpringForward();
    void weeklyParisAcrossFallBack();
    void gapAndFoldInOtherZones();
    void everyDayWhenNoWeekdays();
    void occurrenceStartedBeforeTheRangeCounts();
    void activeForFollowsCoverage();
    void activeForPrefersTheOneEndingLast();
    void nextEdgeAfter();
    void nextEdgeFindsFarOneOffWindows();
    void nothingWithoutWindows();
    void unknownZoneIsReadAsUtc();
};

void TestMaintenanceSchedule::oneOffInUtc()
{
    const MaintenanceSchedule schedule({oneOff(u"Kernel update"_s, QDate(2026, 5, 10), QTime(22, 0), "UTC", 2h)});
    const QList<Occurrence> all = schedule.occurrences(0, utc(2026, 5, 1, 0), utc(2026, 6, 1, 0));
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.at(0), (Occurrence{0, utc(2026, 5, 10, 22), utc(2026, 5, 11, 0)}));
    // The range is half-open, and so is the occurrence.
    QVERIFY(schedule.occurrences(0, utc(2026, 5, 11, 0), utc(2026, 5, 12, 0)).isEmpty());
    QVERIFY(schedule.occurrences(0, utc(2026, 5, 10, 21), utc(2026, 5, 10, 22)).isEmpty());
    QCOMPARE(schedule.occurrences(0, utc(2026, 5, 10, 23, 59), utc(2026, 5, 12, 0)).size(), 1);
    QVERIFY(schedule.occurrences(1, utc(2026, 5, 1, 0), utc(2026, 6, 1, 0)).isEmpty());
    QVERIFY(schedule.occurrences(-1, utc(2026, 5, 1, 0), utc(2026, 6, 1, 0)).isEmpty());
}

void TestMaintenanceSchedule::oneOffInLocalTime()
{
    // New York is UTC-4 in July.
    const MaintenanceSchedule schedule({oneOff(u"ISP"_s, QDate(2026, 7, 4), QTime(23, 30), "America/New_York", 90min)});
    const QList<Occurrence> all = schedule.occurrences(0, utc(2026, 7, 1, 0), utc(2026, 7, 10, 0));
    QCOMPARE(spans(all), QStringList{u"2026-07-05T03:30:00Z/2026-07-05T05:00:00Z"_s});
}

void TestMaintenanceSchedule::weeklyParisAcrossSpringForward()
{
    // Every Sunday at 02:30 Paris time for an hour. On 2026-03-29 the clocks jump from 02:00 to
    // 03:00: that day the window opens at the jump (03:00 CEST, 01:00 UTC) and lasts one hour.
    const MaintenanceSchedule schedule({weekly(u"Backups"_s, {7}, QTime(2, 30), "Europe/Paris")});
    const QList<Occurrence> all = schedule.occurrences(0, utc(2026, 3, 20, 0), utc(2026, 4, 6, 12));
    QCOMPARE(spans(all), (QStringList{
                             u"2026-03-22T01:30:00Z/2026-03-22T02:30:00Z"_s, // winter: CET, UTC+1
                             u"2026-03-29T01:00:00Z/2026-03-29T02:00:00Z"_s, // the jump
                             u"2026-04-05T00:30:00Z/2026-04-05T01:30:00Z"_s, // summer: CEST, UTC+2
                         }));
    for (const Occurrence &o : all)
        QCOMPARE(o.window, 0);
}

void TestMaintenanceSchedule::weeklyParisAcrossFallBack()
{
    // On 2026-10-25 the clocks go back from 03:00 to 02:00: 02:30 happens twice. The window opens
    // at the first one (CEST, 00:30 UTC) and lasts one elapsed hour, to 01:30 UTC (02:30 CET).
    const MaintenanceSchedule schedule({weekly(u"Backups"_s, {7}, QTime(2, 30), "Europe/Paris")});
    const QList<Occurrence> all = schedule.occurrences(0, utc(2026, 10, 17, 0), utc(2026, 11, 2, 12));
    QCOMPARE(spans(all), (QStringList{
                             u"2026-10-18T00:30:00Z/2026-10-18T01:30:00Z"_s,
                             u"2026-10-25T00:30:00Z/2026-10-25T01:30:00Z"_s,
                             u"2026-11-01T01:30:00Z/2026-11-01T02:30:00Z"_s,
                         }));
}

void TestMaintenanceSchedule::gapAndFoldInOtherZones()
{
    // New York: 2026-03-08 02:00 -> 03:00 (EST to EDT), 2026-11-01 02:00 -> 01:00.
    const MaintenanceSchedule schedule({
        oneOff(u"gap"_s, QDate(2026, 3, 8), QTime(2, 15), "America/New_York", 30min),
        oneOff(u"fold"_s, QDate(2026, 11, 1), QTime(1, 15), "America/New_York", 30min),
        // A three-hour window that straddles the fall-back hour lasts three elapsed hours.
        oneOff(u"long"_s, QDate(2026, 10, 25), QTime(1, 0), "Europe/Paris", 3h),
    });
    QCOMPARE(spans(schedule.occurrences(0, utc(2026, 3, 1, 0), utc(2026, 4, 1, 0))),
             QStringList{u"2026-03-08T07:00:00Z/2026-03-08T07:30:00Z"_s});
    QCOMPARE(spans(schedule.occurrences(1, utc(2026, 10, 1, 0), utc(2026, 12, 1, 0))),
             QStringList{u"2026-11-01T05:15:00Z/2026-11-01T05:45:00Z"_s});
    QCOMPARE(spans(schedule.occurrences(2, utc(2026, 10, 1, 0), utc(2026, 12, 1, 0))),
             QStringList{u"2026-10-24T23:00:00Z/2026-10-25T02:00:00Z"_s});
}

void TestMaintenanceSchedule::everyDayWhenNoWeekdays()
{
    const MaintenanceSchedule schedule({
        weekly(u"nightly"_s, {}, QTime(3, 0), "UTC", 15min),
        weekly(u"mon-wed"_s, {1, 3}, QTime(12, 0), "UTC", 30min),
    });
    // 2026-06-01 is a Monday.
    const QList<Occurrence> nightly = schedule.occurrences(0, utc(2026, 6, 1, 0), utc(2026, 6, 8, 0));
    QCOMPARE(nightly.size(), 7);
    for (int i = 0; i < 7; ++i)
        QCOMPARE(nightly.at(i), (Occurrence{0, utc(2026, 6, 1 + i, 3), utc(2026, 6, 1 + i, 3, 15)}));
    QCOMPARE(
        spans(schedule.occurrences(1, utc(2026, 6, 1, 0), utc(2026, 6, 8, 0))),
        (QStringList{u"2026-06-01T12:00:00Z/2026-06-01T12:30:00Z"_s, u"2026-06-03T12:00:00Z/2026-06-03T12:30:00Z"_s}));
}

void TestMaintenanceSchedule::occurrenceStartedBeforeTheRangeCounts()
{
    // Fridays 22:00 UTC for 60 hours: the whole weekend. 2026-06-05 is a Friday.
    const MaintenanceSchedule schedule({weekly(u"weekend"_s, {5}, QTime(22, 0), "UTC", 60h)});
    const QList<Occurrence> found = schedule.occurrences(0, utc(2026, 6, 7, 12), utc(2026, 6, 7, 13));
    QCOMPARE(spans(found), QStringList{u"2026-06-05T22:00:00Z/2026-06-08T10:00:00Z"_s});
    QVERIFY(schedule.activeFor(u"any"_s, {}, utc(2026, 6, 8, 9, 59)));
    QVERIFY(!schedule.activeFor(u"any"_s, {}, utc(2026, 6, 8, 10)));
}

void TestMaintenanceSchedule::activeForFollowsCoverage()
{
    MaintenanceWindow byId = oneOff(u"db"_s, QDate(2026, 6, 1), QTime(10, 0), "UTC");
    byId.services = {u"db"_s};
    MaintenanceWindow byGroup = oneOff(u"network"_s, QDate(2026, 6, 1), QTime(10, 0), "UTC");
    byGroup.groups = {u"Network"_s};
    const MaintenanceSchedule schedule({byId, byGroup});

    const qint64 inside = utc(2026, 6, 1, 10, 30);
    const std::optional<Occurrence> db = schedule.activeFor(u"db"_s, u"Storage"_s, inside);
    QVERIFY(db);
    QCOMPARE(db->window, 0);
    const std::optional<Occurrence> router = schedule.activeFor(u"router"_s, u"Network"_s, inside);
    QVERIFY(router);
    QCOMPARE(router->window, 1);
    QVERIFY(!schedule.activeFor(u"web"_s, u"Front"_s, inside));
    QVERIFY(!schedule.activeFor(u"db"_s, u"Storage"_s, utc(2026, 6, 1, 9, 59)));
    QVERIFY(!schedule.activeFor(u"db"_s, u"Storage"_s, utc(2026, 6, 1, 11)));
    QVERIFY(schedule.activeFor(u"db"_s, u"Storage"_s, utc(2026, 6, 1, 10)));
}

void TestMaintenanceSchedule::activeForPrefersTheOneEndingLast()
{
    const MaintenanceSchedule schedule({
        oneOff(u"short"_s, QDate(2026, 6, 1), QTime(10, 0), "UTC", 1h),
        oneOff(u"long"_s, QDate(2026, 6, 1), QTime(9, 0), "UTC", 4h),
        oneOff(u"later"_s, QDate(2026, 6, 1), QTime(10, 15), "UTC", 1h),
    });
    const std::optional<Occurrence> active = schedule.activeFor(u"x"_s, {}, utc(2026, 6, 1, 10, 30));
    QVERIFY(active);
    QCOMPARE(active->window, 1);
    QCOMPARE(active->endMs, utc(2026, 6, 1, 13));
}

void TestMaintenanceSchedule::nextEdgeAfter()
{
    const MaintenanceSchedule schedule({
        weekly(u"Backups"_s, {7}, QTime(2, 30), "Europe/Paris"),
        oneOff(u"Kernel update"_s, QDate(2026, 3, 28), QTime(20, 0), "UTC", 30min),
    });
    // Saturday noon: the one-off comes first, then the Sunday window opening at the jump.
    QCOMPARE(iso(*schedule.nextEdgeAfter(utc(2026, 3, 28, 12))), u"2026-03-28T20:00:00Z"_s);
    // Strictly after: at an edge, the next one.
    QCOMPARE(iso(*schedule.nextEdgeAfter(utc(2026, 3, 28, 20))), u"2026-03-28T20:30:00Z"_s);
    QCOMPARE(iso(*schedule.nextEdgeAfter(utc(2026, 3, 28, 20, 30))), u"2026-03-29T01:00:00Z"_s);
    // Inside an occurrence: its end.
    QCOMPARE(iso(*schedule.nextEdgeAfter(utc(2026, 3, 29, 1, 30))), u"2026-03-29T02:00:00Z"_s);
    QCOMPARE(iso(*schedule.nextEdgeAfter(utc(2026, 3, 29, 2))), u"2026-04-05T00:30:00Z"_s);
}

void TestMaintenanceSchedule::nextEdgeFindsFarOneOffWindows()
{
    const MaintenanceSchedule schedule({oneOff(u"Migration"_s, QDate(2026, 12, 24), QTime(8, 0), "UTC")});
    QCOMPARE(iso(*schedule.nextEdgeAfter(utc(2026, 1, 1, 0))), u"2026-12-24T08:00:00Z"_s);
    QCOMPARE(iso(*schedule.nextEdgeAfter(utc(2026, 12, 24, 8))), u"2026-12-24T09:00:00Z"_s);
    QVERIFY(!schedule.nextEdgeAfter(utc(2026, 12, 24, 9)));
}

void TestMaintenanceSchedule::nothingWithoutWindows()
{
    const MaintenanceSchedule schedule;
    QVERIFY(schedule.windows().isEmpty());
    QVERIFY(!schedule.nextEdgeAfter(utc(2026, 1, 1, 0)));
    QVERIFY(!schedule.activeFor(u"x"_s, {}, utc(2026, 1, 1, 0)));
    // A window on weekdays that do not exist never opens.
    const MaintenanceSchedule never({weekly(u"never"_s, {8}, QTime(1, 0), "UTC")});
    QVERIFY(!never.nextEdgeAfter(utc(2026, 1, 1, 0)));
}

void TestMaintenanceSchedule::unknownZoneIsReadAsUtc()
{
    const MaintenanceSchedule schedule({oneOff(u"typo"_s, QDate(2026, 6, 1), QTime(10, 0), "Europe/Pariss")});
    QCOMPARE(spans(schedule.occurrences(0, utc(2026, 6, 1, 0), utc(2026, 6, 2, 0))),
             QStringList{u"2026-06-01T10:00:00Z/2026-06-01T11:00:00Z"_s});
}

QTEST_GUILESS_MAIN(TestMaintenanceSchedule)
#include "tst_maintenanceschedule.moc"
