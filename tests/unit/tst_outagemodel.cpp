#include "models/availabilitymodel.h"
#include "store/resultstore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

qint64 utc(int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, 29), QTime(hour, minute), QTimeZone::UTC).toMSecsSinceEpoch();
}

HealthEvent change(qint64 atMs, const QString &service, int probe, HealthState from, HealthState to)
{
    HealthEvent e;
    e.timestampMs = atMs;
    e.kind = probe < 0 ? HealthEvent::Kind::ServiceState : HealthEvent::Kind::ProbeState;
    e.serviceId = service;
    e.group = u"Core"_s;
    e.probeIndex = probe;
    e.from = from;
    e.to = to;
    return e;
}

} // namespace

class TestOutageModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheStoreOffTheCallersThread()
    {
        QTemporaryDir dir;
        ResultStore store;
        QVERIFY(store.open(dir.path()).has_value());
        store.appendEvents({
            change(utc(9), u"api"_s, 0, HealthState::Unknown, HealthState::Up),
            change(utc(9), u"api"_s, -1, HealthState::Unknown, HealthState::Up),
            change(utc(9), u"db"_s, 0, HealthState::Unknown, HealthState::Up),
            change(utc(9), u"db"_s, -1, HealthState::Unknown, HealthState::Up),
            change(utc(10, 10), u"api"_s, 0, HealthState::Up, HealthState::Down),
            change(utc(10, 10), u"api"_s, -1, HealthState::Up, HealthState::Down),
            change(utc(10, 40), u"api"_s, 0, HealthState::Down, HealthState::Up),
            change(utc(10, 40), u"api"_s, -1, HealthState::Down, HealthState::Up),
        });
        QVERIFY(store.flush());

        AvailabilityModel model;
        model.setStore(&store);
        model.setServices({{u"api"_s, u"API"_s, u"Core"_s, {u"tcp api:443"_s}},
                           {u"db"_s, u"Database"_s, u"Core"_s, {u"tcp db:5432"_s}}});
        QSignalSpy ready(&model, &AvailabilityModel::reportReady);
        // A request superseded before it answers is dropped: only the second range shows.
        model.refresh(utc(8), utc(9));
        model.refresh(utc(10), utc(11));
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0); // nothing waited for
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10'000);
        QTest::qWait(50);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(model.report().fromMs, utc(10));

        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(AvailabilityModel::ColumnCount));
        const auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(cell(0, AvailabilityModel::ServiceColumn).toString(), u"API"_s);
        QCOMPARE(cell(0, AvailabilityModel::ServiceColumn, AvailabilityModel::ServiceIdRole).toString(), u"api"_s);
        QCOMPARE(cell(0, AvailabilityModel::AvailabilityColumn).toString(), u"50.00 %"_s);
        QCOMPARE(cell(0, AvailabilityModel::AvailabilityColumn, AvailabilityModel::SortRole).toDouble(), 50.0);
        QCOMPARE(cell(0, AvailabilityModel::OutagesColumn).toInt(), 1);
        QCOMPARE(cell(0, AvailabilityModel::DowntimeColumn).toString(), u"30 min"_s);
        QCOMPARE(cell(0, AvailabilityModel::MtbfColumn).toString(), u"–"_s);
        QCOMPARE(cell(1, AvailabilityModel::AvailabilityColumn).toString(), u"100.00 %"_s);
        QCOMPARE(model.headerData(AvailabilityModel::MttrColumn, Qt::Horizontal).toString(), u"MTTR"_s);

        OutageEpisodeModel episodes;
        episodes.setEpisodes(model.figures(0)->episodes, model.service(u"api"_s));
        QCOMPARE(episodes.rowCount(), 1);
        QCOMPARE(episodes.index(0, OutageEpisodeModel::StartColumn).data().toString(), u"2026-03-29 10:10"_s);
        QCOMPARE(episodes.index(0, OutageEpisodeModel::EndColumn).data().toString(), u"10:40"_s);
        QCOMPARE(episodes.index(0, OutageEpisodeModel::DurationColumn).data().toString(), u"30 min"_s);
        QCOMPARE(episodes.index(0, OutageEpisodeModel::CauseColumn).data().toString(), u"#1 tcp api:443"_s);
        // The whole selection's episodes name who failed first.
        episodes.setEpisodes(model.report().overall.episodes, nullptr);
        QCOMPARE(episodes.index(0, OutageEpisodeModel::CauseColumn).data().toString(), u"api"_s);
        QCOMPARE(episodes.headerData(OutageEpisodeModel::CauseColumn, Qt::Horizontal).toString(), u"Services down"_s);
    }

    void withoutAStoreEverythingIsWithoutData()
    {
        AvailabilityModel model;
        model.setServices({{u"api"_s, u"API"_s, u"Core"_s, {}}});
        model.refresh(utc(10), utc(11));
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, AvailabilityModel::AvailabilityColumn).data().toString(), u"no data"_s);
        QCOMPARE(model.index(0, AvailabilityModel::NoDataColumn).data().toString(), u"1 h"_s);
    }
};

QTEST_GUILESS_MAIN(TestOutageModel)
#include "tst_outagemodel.moc"
