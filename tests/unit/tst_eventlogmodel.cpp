#include "manualclock.h"
#include "models/eventlogmodel.h"
#include "store/resultstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

Workspace sampleWorkspace()
{
    Workspace ws;
    ws.name = u"ACME"_s;
    const auto service = [](const QString &id, const QString &name, const QString &group,
                            const QList<ProbeKind> &kinds) {
        Service s;
        s.id = id;
        s.name = name;
        s.group = group;
        for (ProbeKind kind : kinds) {
            ProbeSpec p;
            p.setKind(kind);
            p.target = u"%1.example"_s.arg(id);
            s.probes.append(p);
        }
        return s;
    };
    ws.services = {service(u"portal"_s, u"Customer portal"_s, u"Web"_s, {ProbeKind::Http, ProbeKind::Tcp}),
                   service(u"cas"_s, u"CAS"_s, u"Web"_s, {ProbeKind::Http}),
                   service(u"smtp"_s, u"Mail relay"_s, u"Mail"_s, {ProbeKind::Tcp})};
    return ws;
}

HealthEvent makeEvent(HealthEvent::Kind kind, const QString &service, const QString &group, qint64 ts, HealthState from,
                      HealthState to, int probeIndex = -1)
{
    HealthEvent e;
    e.kind = kind;
    e.serviceId = service;
    e.group = group;
    e.timestampMs = ts;
    e.from = from;
    e.to = to;
    e.probeIndex = probeIndex;
    e.cause = Message::verbatim(u"cause of %1 at %2"_s.arg(service).arg(ts));
    return e;
}

HealthEvent serviceEvent(const QString &service, const QString &group, qint64 ts, HealthState from, HealthState to)
{
    return makeEvent(HealthEvent::Kind::ServiceState, service, group, ts, from, to);
}

// The six events of the sample log, oldest first.
QList<HealthEvent> sampleEvents()
{
    HealthEvent probe =
        makeEvent(HealthEvent::Kind::ProbeState, u"portal"_s, u"Web"_s, 1'000, HealthState::Up, HealthState::Down, 1);
    probe.cause = Message::verbatim(u"3 consecutive failures: connection refused (connect)"_s);
    HealthEvent maintenance =
        makeEvent(HealthEvent::Kind::MaintenanceStart, u"smtp"_s, u"Mail"_s, 2'000, HealthState::Up, HealthState::Up);
    maintenance.inMaintenance = true;
    HealthEvent impact =
        makeEvent(HealthEvent::Kind::ImpactStart, u"portal"_s, u"Web"_s, 3'000, HealthState::Down, HealthState::Down);
    impact.impactedBy = u"cas"_s;
    HealthEvent inMaintenance = serviceEvent(u"smtp"_s, u"Mail"_s, 4'000, HealthState::Up, HealthState::Down);
    inMaintenance.inMaintenance = true;
    return {probe,         serviceEvent(u"cas"_s, u"Web"_s, 1'500, HealthState::Up, HealthState::Degraded),
            maintenance,   impact,
            inMaintenance, serviceEvent(u"gone"_s, u"Old"_s, 5'000, HealthState::Unknown, HealthState::Up)};
}

QStringList column(const EventLogModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, column).data(role).toString());
    return values;
}

QList<qint64> times(const EventLogModel &model)
{
    QList<qint64> values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.event(row).timestampMs);
    return values;
}

} // namespace

class TestEventLogModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<ResultStore>();
        const auto opened = m_store->open(m_dir->path());
        QVERIFY2(opened.has_value(), opened ? "" : qPrintable(opened.error()));
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void showsTheStoredEventsNewestFirst()
    {
        store(sampleEvents());
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());
        QSignalSpy loaded(&model, &EventLogModel::loaded);
        model.setStore(m_store.get());
        QVERIFY(model.isLoading());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10'000);
        QVERIFY(!model.isLoading());
        QCOMPARE(loaded.first().at(0).toInt(), 6);

        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.columnCount(), 6);
        QCOMPARE(times(model), (QList<qint64>{5'000, 4'000, 3'000, 2'000, 1'500, 1'000}));
        // Names from the workspace; a service it no longer has shows its id.
        QCOMPARE(column(model, EventLogModel::ServiceColumn),
                 (QStringList{u"gone"_s, u"Mail relay"_s, u"Customer portal"_s, u"Mail relay"_s, u"CAS"_s,
                              u"Customer portal"_s}));
        QCOMPARE(column(model, EventLogModel::GroupColumn),
                 (QStringList{u"Old"_s, u"Mail"_s, u"Web"_s, u"Mail"_s, u"Web"_s, u"Web"_s}));
        QCOMPARE(column(model, EventLogModel::ProbeColumn),
                 (QStringList{QString(), QString(), QString(), QString(), QString(), u"#2 tcp"_s}));
        QCOMPARE(column(model, EventLogModel::ChangeColumn),
                 (QStringList{u"Unknown → Up"_s, u"Up → Down (in maintenance)"_s, u"Impacted by CAS"_s,
                              u"Maintenance began"_s, u"Up → Degraded"_s, u"Up → Down"_s}));
        QCOMPARE(model.index(5, EventLogModel::CauseColumn).data().toString(),
                 u"3 consecutive failures: connection refused (connect)"_s);

        const QModelIndex probeRow = model.index(5, EventLogModel::TimeColumn);
        QCOMPARE(probeRow.data(EventLogModel::StateRole).toInt(), int(HealthState::Down));
        QCOMPARE(model.index(4, 0).data(EventLogModel::StateRole).toInt(), int(HealthState::Degraded));
        const QDateTime when = probeRow.data(EventLogModel::TimestampRole).toDateTime();
        QCOMPARE(when.timeSpec(), Qt::UTC);
        QCOMPARE(when.toMSecsSinceEpoch(), 1'000);
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(1'000).toLocalTime();
        QVERIFY2(probeRow.data().toString().contains(local.time().toString(u"HH:mm:ss"_s)),
                 qPrintable(probeRow.data().toString()));
        QCOMPARE(probeRow.data(EventLogModel::ServiceIdRole).toString(), u"portal"_s);
        const auto event = probeRow.data(EventLogModel::EventRole).value<HealthEvent>();
        QVERIFY(event.id > 0);
        HealthEvent expected = sampleEvents().first();
        expected.id = event.id;
        QVERIFY(event == expected);

        QCOMPARE(model.headerData(EventLogModel::TimeColumn, Qt::Horizontal).toString(), u"Time"_s);
        QCOMPARE(model.headerData(EventLogModel::ChangeColumn, Qt::Horizontal).toString(), u"Change"_s);
        QCOMPARE(model.headerData(EventLogModel::CauseColumn, Qt::Horizontal).toString(), u"Cause"_s);

        // A new workspace renames the rows in place.
        Workspace renamed = sampleWorkspace();
        renamed.services[1].name = u"Central auth"_s;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setWorkspace(renamed);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(2, EventLogModel::ChangeColumn).data().toString(), u"Impacted by Central auth"_s);
        QCOMPARE(model.index(4, EventLogModel::ServiceColumn).data().toString(), u"Central auth"_s);
    }

    void filtersQueryTheStore()
    {
        store(sampleEvents());
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());
        QSignalSpy loaded(&model, &EventLogModel::loaded);
        model.setStore(m_store.get());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10'000);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

        const auto apply = [&](const EventFilter &filter) {
            const qsizetype before = loaded.count();
            model.setFilter(filter);
            return QTest::qWaitFor([&] { return loaded.count() > before; }, 10'000);
        };

        EventFilter f;
        f.serviceIds = {u"portal"_s};
        QVERIFY(apply(f));
        QCOMPARE(times(model), (QList<qint64>{3'000, 1'000}));
        QCOMPARE(model.filter().serviceIds, f.serviceIds);
        QCOMPARE(resets.count(), 1);

        f = {};
        f.groups = {u"Mail"_s};
        QVERIFY(apply(f));
        QCOMPARE(times(model), (QList<qint64>{4'000, 2'000}));

        f = {};
        f.states = {HealthState::Down};
        QVERIFY(apply(f));
        QCOMPARE(times(model), (QList<qint64>{4'000, 3'000, 1'000}));

        f = {};
        f.fromMs = 1'500;
        f.toMs = 3'000;
        QVERIFY(apply(f));
        QCOMPARE(times(model), (QList<qint64>{3'000, 2'000, 1'500}));

        f.groups = {u"Web"_s};
        f.states = {HealthState::Down, HealthState::Degraded};
        QVERIFY(apply(f));
        QCOMPARE(times(model), (QList<qint64>{3'000, 1'500}));

        f = {};
        f.limit = 2;
        QVERIFY(apply(f));
        QCOMPARE(times(model), (QList<qint64>{5'000, 4'000}));

        QVERIFY(apply({}));
        QCOMPARE(model.rowCount(), 6);
    }

    void liveEventsMatchingTheFilterGoOnTop()
    {
        store(sampleEvents());
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());
        QSignalSpy loaded(&model, &EventLogModel::loaded);
        EventFilter filter;
        filter.groups = {u"Web"_s};
        filter.limit = 4;
        model.setStore(m_store.get());
        model.setFilter(filter);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10'000);
        QCOMPARE(times(model), (QList<qint64>{3'000, 1'500, 1'000}));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // The other group's event is left out; the two of Web go on top, newest first.
        m_store->appendEvents({serviceEvent(u"smtp"_s, u"Mail"_s, 6'000, HealthState::Down, HealthState::Up),
                               serviceEvent(u"cas"_s, u"Web"_s, 6'000, HealthState::Degraded, HealthState::Down),
                               serviceEvent(u"cas"_s, u"Web"_s, 7'000, HealthState::Down, HealthState::Up)});
        QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 2, 10'000);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(1).at(1).toInt(), 0);
        QCOMPARE(times(model), (QList<qint64>{7'000, 6'000, 3'000, 1'500}));
        QCOMPARE(model.index(0, EventLogModel::ChangeColumn).data().toString(), u"Down → Up"_s);
        QVERIFY(model.event(0).id > model.event(1).id);
        // Capped at the filter's limit: the oldest went.
        QCOMPARE(removed.count(), 1);

        // An event dated before the newest goes where its time puts it.
        m_store->appendEvents({serviceEvent(u"portal"_s, u"Web"_s, 5'500, HealthState::Down, HealthState::Up)});
        QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 3, 10'000);
        QCOMPARE(inserted.at(2).at(1).toInt(), 2);
        QCOMPARE(times(model), (QList<qint64>{7'000, 6'000, 5'500, 3'000}));

        // Outside the time range: left out.
        filter.toMs = 8'000;
        model.setFilter(filter);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10'000);
        m_store->appendEvents({serviceEvent(u"cas"_s, u"Web"_s, 9'000, HealthState::Up, HealthState::Down),
                               serviceEvent(u"cas"_s, u"Web"_s, 7'500, HealthState::Up, HealthState::Down)});
        QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 4, 10'000);
        QVERIFY(m_store->flush());
        QCoreApplication::processEvents();
        QCOMPARE(times(model), (QList<qint64>{7'500, 7'000, 6'000, 5'500}));
    }

    // A service's change comes with its probe's, committed together: without probe changes, the
    // stored rows and the live ones are the service's alone.
    void liveEventsHonourProbeChanges()
    {
        store(sampleEvents());
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());
        QSignalSpy loaded(&model, &EventLogModel::loaded);
        EventFilter filter;
        filter.probeChanges = false;
        model.setStore(m_store.get());
        model.setFilter(filter);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10'000);
        // The sample's probe change at 1'000 is left out by the store.
        QCOMPARE(times(model), (QList<qint64>{5'000, 4'000, 3'000, 2'000, 1'500}));
        QCOMPARE(model.filter().probeChanges, false);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        m_store->appendEvents({makeEvent(HealthEvent::Kind::ProbeState, u"cas"_s, u"Web"_s, 6'000,
                                         HealthState::Degraded, HealthState::Down, 0),
                               serviceEvent(u"cas"_s, u"Web"_s, 6'000, HealthState::Degraded, HealthState::Down)});
        QVERIFY(m_store->flush());
        QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 1, 10'000);
        QCoreApplication::processEvents();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(times(model), (QList<qint64>{6'000, 5'000, 4'000, 3'000, 2'000, 1'500}));
        QCOMPARE(model.event(0).kind, HealthEvent::Kind::ServiceState);

        // Committed while a query runs: held back until it answers, and still only the service's.
        filter.probeChanges = true;
        filter.states = {HealthState::Up};
        model.setFilter(filter);
        filter.probeChanges = false;
        model.setFilter(filter);
        QVERIFY(model.isLoading());
        m_store->appendEvents(
            {makeEvent(HealthEvent::Kind::ProbeState, u"cas"_s, u"Web"_s, 7'000, HealthState::Down, HealthState::Up, 0),
             serviceEvent(u"cas"_s, u"Web"_s, 7'000, HealthState::Down, HealthState::Up)});
        QVERIFY(m_store->flush());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10'000);
        // The writer's eventsCommitted is queued to this thread: it may land after the answer.
        QTRY_COMPARE_WITH_TIMEOUT(times(model), (QList<qint64>{7'000, 5'000, 2'000}), 10'000);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.event(row).kind != HealthEvent::Kind::ProbeState);
        QCOMPARE(column(model, EventLogModel::ProbeColumn), (QStringList{QString(), QString(), QString()}));

        // With them, the probe's row is back, next to its service's.
        filter.probeChanges = true;
        model.setFilter(filter);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, 10'000);
        QCOMPARE(times(model), (QList<qint64>{7'000, 7'000, 5'000, 2'000}));
        QCOMPARE(column(model, EventLogModel::ProbeColumn),
                 (QStringList{QString(), u"#1 http"_s, QString(), QString()}));
    }

    void aLiveEventIsNeverShownTwice()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &EventLogModel::loaded);
        model.setStore(m_store.get());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10'000);
        QCOMPARE(model.rowCount(), 0);

        // Committed before the query, announced after it started: the answer has it, and so does
        // the signal.
        m_store->appendEvents({serviceEvent(u"cas"_s, u"Web"_s, 1'000, HealthState::Up, HealthState::Down)});
        QVERIFY(m_store->flush());
        model.setFilter({});
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10'000);
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(times(model), (QList<qint64>{1'000}));
    }

    void aNewerFilterSupersedesARunningQuery()
    {
        store(sampleEvents());
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &EventLogModel::loaded);
        QSignalSpy loading(&model, &EventLogModel::loadingChanged);
        model.setStore(m_store.get());
        EventFilter mail;
        mail.groups = {u"Mail"_s};
        model.setFilter(mail);
        EventFilter web;
        web.groups = {u"Web"_s};
        model.setFilter(web);

        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10'000);
        // Let the superseded queries answer too: they must change nothing.
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(times(model), (QList<qint64>{3'000, 1'500, 1'000}));
        QCOMPARE(loading.count(), 2);
        QCOMPARE(loading.at(0).at(0).toBool(), true);
        QCOMPARE(loading.at(1).at(0).toBool(), false);
    }

    void withoutAStoreTheLogIsEmpty()
    {
        store(sampleEvents());
        EventLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &EventLogModel::loaded);
        model.setFilter({});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
        model.setStore(m_store.get());
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 6, 10'000);
        model.setStore(nullptr);
        QCOMPARE(model.rowCount(), 0);
        // Nor does it follow the store it left.
        m_store->appendEvents({serviceEvent(u"cas"_s, u"Web"_s, 9'000, HealthState::Up, HealthState::Down)});
        QVERIFY(m_store->flush());
        QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(), 0);
    }

    // "The last hour" an hour later is another hour: the rows follow the clock, without a sleep
    // and without asking the store again.
    void aSpanSlidesWithTheClock()
    {
        using namespace std::chrono_literals;
        constexpr qint64 minute = 60'000;
        Test::ManualClock clock;
        const qint64 start = clock.nowMs();
        store({serviceEvent(u"portal"_s, u"Web"_s, start - 90 * minute, HealthState::Up, HealthState::Down),
               serviceEvent(u"cas"_s, u"Web"_s, start - 10 * minute, HealthState::Up, HealthState::Degraded)});
        EventLogModel model(&clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter({}, 1h);
        QCOMPARE(model.span(), 1h);
        QSignalSpy loaded(&model, &EventLogModel::loaded);
        model.setStore(m_store.get());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10'000);
        QCOMPARE(model.filter().fromMs, start - 60 * minute);
        QCOMPARE(times(model), (QList<qint64>{start - 10 * minute}));

        // 55 minutes later, a new event comes live.
        clock.advance(55min);
        m_store->appendEvents(
            {serviceEvent(u"cas"_s, u"Web"_s, start + 55 * minute, HealthState::Degraded, HealthState::Up)});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 10'000);

        // Ten more minutes: the first event is 75 minutes old and leaves at the timer's next tick;
        // the new one stays.
        clock.advance(10min);
        auto *timer = model.findChild<QTimer *>();
        QVERIFY(timer);
        QVERIFY(timer->isActive());
        QVERIFY(timer->intervalAsDuration() <= 1min);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QVERIFY(QMetaObject::invokeMethod(timer, "timeout"));
        QCOMPARE(times(model), (QList<qint64>{start + 55 * minute}));
        QCOMPARE(model.filter().fromMs, start + 5 * minute);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(resets.count(), 0);
        QVERIFY(!model.isLoading());

        // A query made now counts back from now too.
        model.setFilter({}, 1h);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10'000);
        QCOMPARE(times(model), (QList<qint64>{start + 55 * minute}));

        // A clock set back widens the span again: the store is asked for what the rows lack.
        clock.set(QDateTime::fromMSecsSinceEpoch(start, QTimeZone::UTC));
        model.slide();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, 10'000);
        QCOMPARE(times(model), (QList<qint64>{start + 55 * minute, start - 10 * minute}));

        // Everything: nothing to slide.
        model.setFilter({});
        QVERIFY(!timer->isActive());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 4, 10'000);
        clock.advance(24h);
        model.slide();
        QCOMPARE(model.rowCount(), 3);
    }

    void matchesFollowsTheStoreRules()
    {
        const HealthEvent e = serviceEvent(u"cas"_s, QString(), 1'000, HealthState::Up, HealthState::Down);
        EventFilter f;
        QVERIFY(EventLogModel::matches(e, f));
        f.groups = {u""_s};
        QVERIFY(EventLogModel::matches(e, f));
        f.groups = {u"Web"_s};
        QVERIFY(!EventLogModel::matches(e, f));
        f = {};
        f.fromMs = 1'000;
        f.toMs = 1'000;
        QVERIFY(EventLogModel::matches(e, f));
        f.fromMs = 1'001;
        QVERIFY(!EventLogModel::matches(e, f));
        f = {};
        f.states = {HealthState::Up};
        QVERIFY(!EventLogModel::matches(e, f));
        f.states = {HealthState::Down};
        f.serviceIds = {u"web"_s};
        QVERIFY(!EventLogModel::matches(e, f));
        f.serviceIds = {u"cas"_s};
        QVERIFY(EventLogModel::matches(e, f));

        // Without probe changes, only the probe-level state events are left out.
        f = {};
        f.probeChanges = false;
        QVERIFY(EventLogModel::matches(e, f));
        HealthEvent probe =
            makeEvent(HealthEvent::Kind::ProbeState, u"cas"_s, u"Web"_s, 1'000, HealthState::Up, HealthState::Down, 0);
        QVERIFY(!EventLogModel::matches(probe, f));
        for (HealthEvent::Kind kind : {HealthEvent::Kind::MaintenanceStart, HealthEvent::Kind::MaintenanceEnd,
                                       HealthEvent::Kind::ImpactStart, HealthEvent::Kind::ImpactEnd}) {
            probe.kind = kind;
            QVERIFY2(EventLogModel::matches(probe, f), qPrintable(healthEventKindName(kind)));
        }
        f.probeChanges = true;
        probe.kind = HealthEvent::Kind::ProbeState;
        QVERIFY(EventLogModel::matches(probe, f));
    }

private:
    void store(const QList<HealthEvent> &events)
    {
        m_store->appendEvents(events);
        QVERIFY(m_store->flush());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ResultStore> m_store;
};

QTEST_GUILESS_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
