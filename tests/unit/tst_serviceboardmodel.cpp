#include "manualclock.h"
#include "models/serviceboardmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

Workspace sampleWorkspace()
{
    Workspace ws;
    ws.name = u"ACME"_s;
    auto service = [](const QString &id, const QString &group, int probes) {
        Service s;
        s.id = id;
        s.name = id.toUpper();
        s.group = group;
        for (int i = 0; i < probes; ++i) {
            ProbeSpec p;
            p.setKind(i == 0 ? ProbeKind::Http : ProbeKind::Tcp);
            p.target = u"target-%1"_s.arg(i);
            s.probes.append(p);
        }
        return s;
    };
    ws.services = {service(u"portal"_s, u"Web"_s, 2), service(u"smtp"_s, u"Mail"_s, 1), service(u"cas"_s, u"Web"_s, 1)};
    return ws;
}

ProbeResult result(const QString &service, int index, HealthState state, qint64 ts, double latency = 10,
                   const QString &error = {})
{
    ProbeResult r;
    r.key = ProbeKey{service, index};
    r.timestampMs = ts;
    r.status = state;
    r.latencyMs = latency;
    r.error = Message::verbatim(error);
    return r;
}

} // namespace

class TestServiceBoardModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsInFirstMentionOrder()
    {
        Test::ManualClock clock;
        ServiceBoardModel model(&clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());

        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), u"Web"_s);
        QCOMPARE(model.index(1, 0).data().toString(), u"Mail"_s);
        const QModelIndex web = model.index(0, 0);
        QCOMPARE(model.rowCount(web), 2);
        QCOMPARE(model.index(0, 0, web).data(ServiceBoardModel::IdRole).toString(), u"portal"_s);
        QCOMPARE(model.index(1, 0, web).data(ServiceBoardModel::IdRole).toString(), u"cas"_s);
        QCOMPARE(model.index(1, 0, web).parent(), web);
        QCOMPARE(model.serviceIndex(u"smtp"_s).parent().row(), 1);
        QCOMPARE(model.index(0, 0, web).data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Unknown));
        QVERIFY(!model.index(0, 0, web).data(ServiceBoardModel::LastLatencyRole).isValid());
        QCOMPARE(model.index(0, 0, web).data(ServiceBoardModel::ProbeCountRole).toInt(), 2);
    }

    void serviceStateIsTheWorstOfItsProbes()
    {
        Test::ManualClock clock;
        ServiceBoardModel model(&clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());
        QSignalSpy changes(&model, &ServiceBoardModel::serviceStateChanged);

        model.applyResults({result(u"portal"_s, 0, HealthState::Up, 1000, 120)});
        const QModelIndex portal = model.serviceIndex(u"portal"_s);
        QCOMPARE(portal.data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Up));
        QCOMPARE(changes.size(), 1);

        model.applyResults({result(u"portal"_s, 1, HealthState::Down, 2000, 3, u"refused"_s)});
        QCOMPARE(portal.data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Down));
        QCOMPARE(portal.data(ServiceBoardModel::ErrorRole).toString(), u"refused"_s);
        QCOMPARE(portal.data(ServiceBoardModel::LastChangeRole).toDateTime().toMSecsSinceEpoch(), 2000);
        QCOMPARE(portal.data(ServiceBoardModel::LastLatencyRole).toDouble(), 3.0);
        QCOMPARE(portal.parent().data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Down));
        QCOMPARE(portal.parent().data(ServiceBoardModel::CountsRole).value<StateCounts>(),
                 (StateCounts{.down = 1, .unknown = 1}));
        QCOMPARE(model.countInState(HealthState::Down), 1);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.last().at(2).value<HealthState>(), HealthState::Down);

        model.applyResults({result(u"portal"_s, 1, HealthState::Up, 3000, 4)});
        QCOMPARE(portal.data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Up));
        QVERIFY(portal.data(ServiceBoardModel::ErrorRole).toString().isEmpty());
        QCOMPARE(portal.data(ServiceBoardModel::LastChangeRole).toDateTime().toMSecsSinceEpoch(), 3000);
    }

    void healthFromTheTrackerWinsOverRawResults()
    {
        Test::ManualClock clock;
        ServiceBoardModel model(&clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());
        const QModelIndex cas = model.serviceIndex(u"cas"_s);
        const QModelIndex portal = model.serviceIndex(u"portal"_s);

        // A single failure: raw results would say down; hysteresis says still up.
        model.applyResults({result(u"cas"_s, 0, HealthState::Down, 1000, 3, u"refused"_s)});
        QCOMPARE(cas.data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Down));
        model.applyHealth({{u"cas"_s, ServiceHealth{HealthState::Up, false, {}, {}}}});
        QCOMPARE(cas.data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Up));
        model.applyResults({result(u"cas"_s, 0, HealthState::Down, 2000, 3, u"refused"_s)});
        QCOMPARE(cas.data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Up));
        QCOMPARE(cas.data(ServiceBoardModel::ErrorRole).toString(), u"refused"_s);

        // Down, but in maintenance: no alarm, the tile says why, the header stays calm.
        model.applyHealth({{u"cas"_s, ServiceHealth{HealthState::Down, true, u"Kernel update"_s, {}}}});
        QCOMPARE(cas.data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Down));
        QCOMPARE(cas.data(ServiceBoardModel::PresentationRole).toInt(),
                 int(ServiceBoardModel::Presentation::Maintenance));
        QCOMPARE(cas.data(ServiceBoardModel::StateTextRole).toString(), u"Maintenance: Kernel update"_s);
        QCOMPARE(cas.data(ServiceBoardModel::MaintenanceRole).toString(), u"Kernel update"_s);
        QCOMPARE(cas.data(ServiceBoardModel::AlarmRole).toBool(), false);
        QCOMPARE(model.alarmCount(), 0);
        QCOMPARE(cas.parent().data(ServiceBoardModel::CountsRole).value<StateCounts>(),
                 (StateCounts{.unknown = 1, .maintenance = 1}));
        QVERIFY(cas.parent().data(ServiceBoardModel::StateRole).toInt() != int(HealthState::Down));

        // Down because a dependency is: "impacted by" with the dependency's name.
        model.applyHealth({{u"portal"_s, ServiceHealth{HealthState::Down, false, {}, {}}},
                           {u"cas"_s, ServiceHealth{HealthState::Down, false, {}, u"portal"_s}}});
        QCOMPARE(cas.data(ServiceBoardModel::PresentationRole).toInt(), int(ServiceBoardModel::Presentation::Impacted));
        QCOMPARE(cas.data(ServiceBoardModel::ImpactedByRole).toString(), u"PORTAL"_s);
        QCOMPARE(cas.data(ServiceBoardModel::StateTextRole).toString(), u"Impacted by PORTAL"_s);
        QCOMPARE(portal.data(ServiceBoardModel::AlarmRole).toBool(), true);
        QCOMPARE(model.alarmCount(), 1);
        QCOMPARE(model.countInPresentation(ServiceBoardModel::Presentation::Impacted), 1);
        QCOMPARE(cas.parent().data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Down)); // portal's alarm
    }

    void tilesCarryTlsOffReasonsAndDetails()
    {
        Test::ManualClock clock;
        ServiceBoardModel model(&clock);
        Workspace ws = sampleWorkspace();
        ws.services[0].probes[0].options<HttpOptions>().tls.insecureReason = u"self-signed lab certificate"_s;
        model.setWorkspace(ws);
        const QModelIndex portal = model.serviceIndex(u"portal"_s);
        const QModelIndex smtp = model.serviceIndex(u"smtp"_s);
        QCOMPARE(portal.data(ServiceBoardModel::InsecureRole).toString(), u"self-signed lab certificate"_s);
        QVERIFY(portal.data(Qt::ToolTipRole).toString().contains(u"self-signed lab certificate"_s));
        QCOMPARE(smtp.data(ServiceBoardModel::InsecureRole).toString(), QString());

        ProbeResult r = result(u"smtp"_s, 0, HealthState::Up, 1000);
        r.detail = Message::verbatim(u"expires in 45 days"_s);
        model.applyResults({r});
        QCOMPARE(smtp.data(ServiceBoardModel::DetailRole).toString(), u"expires in 45 days"_s);
    }

    void olderResultsDoNotOverwriteNewerOnes()
    {
        ServiceBoardModel model;
        model.setWorkspace(sampleWorkspace());
        model.applyResults({result(u"smtp"_s, 0, HealthState::Down, 5000)});
        model.applyResults({result(u"smtp"_s, 0, HealthState::Up, 4000)});
        QCOMPARE(model.serviceIndex(u"smtp"_s).data(ServiceBoardModel::StateRole).toInt(), int(HealthState::Down));
        // Results for services or probes the workspace does not have are ignored, not a crash.
        model.applyResults({result(u"gone"_s, 0, HealthState::Up, 1), result(u"smtp"_s, 7, HealthState::Up, 9000)});
        QCOMPARE(model.countInState(HealthState::Up), 0);
    }

    void sparklineKeepsTheLastPointsOfTheFirstProbe()
    {
        ServiceBoardModel model;
        model.setWorkspace(sampleWorkspace());
        QList<ProbeResult> batch;
        for (int i = 0; i < ServiceBoardModel::SparklineLength + 5; ++i) {
            batch.append(result(u"portal"_s, 0, i == 34 ? HealthState::Down : HealthState::Up, i, i));
            batch.append(result(u"portal"_s, 1, HealthState::Up, i, 1000 + i));
        }
        model.applyResults(batch);
        const QModelIndex portal = model.serviceIndex(u"portal"_s);
        const auto line = portal.data(ServiceBoardModel::SparklineRole).value<QList<double>>();
        QCOMPARE(line.size(), ServiceBoardModel::SparklineLength);
        QCOMPARE(line.first(), 5.0);
        QCOMPARE(line.last(), 34.0);
        const auto states = portal.data(ServiceBoardModel::SparklineStatesRole).value<QList<int>>();
        QCOMPARE(states.last(), int(HealthState::Down));
    }

    void changeNotificationsAreCoalesced()
    {
        ServiceBoardModel model;
        model.setWorkspace(sampleWorkspace());
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        for (int i = 0; i < 100; ++i)
            model.applyResults({result(u"portal"_s, 0, HealthState::Up, i), result(u"cas"_s, 0, HealthState::Up, i)});
        QCOMPARE(dataChanged.size(), 0); // nothing told yet: notifications wait for the timer
        QTRY_VERIFY(dataChanged.size() > 0);
        // portal and cas are adjacent in "Web": one range for them and one for the group row.
        QCOMPARE(dataChanged.size(), 2);
        const QModelIndex topLeft = dataChanged.at(0).at(0).toModelIndex();
        const QModelIndex bottomRight = dataChanged.at(0).at(1).toModelIndex();
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 1);
        QCOMPARE(topLeft.parent().row(), 0);
    }

    void resetOnNewWorkspace()
    {
        ServiceBoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());
        model.applyResults({result(u"portal"_s, 0, HealthState::Up, 1)});
        Workspace other = sampleWorkspace();
        other.services.removeFirst();
        model.setWorkspace(other);
        QVERIFY(!model.serviceIndex(u"portal"_s).isValid());
        QCOMPARE(model.rowCount(model.index(0, 0)), 1);
        model.flushPendingChanges(); // nothing pending from the old workspace may leak out
    }

    // A screen reader says what the tile shows: name, state, for how long, and the cause.
    void accessibleTextSaysItAll()
    {
        Test::ManualClock clock;
        ServiceBoardModel model(&clock);
        model.setWorkspace(sampleWorkspace());
        ProbeResult refused =
            result(u"smtp"_s, 0, HealthState::Down, clock.nowMs(), 1, u"connection refused by db1:5432"_s);
        refused.detail = Message::verbatim(u"no banner"_s);
        model.applyResults({refused});
        clock.advance(std::chrono::minutes(2));
        const QModelIndex smtp = model.serviceIndex(u"smtp"_s);
        QCOMPARE(smtp.data(Qt::AccessibleTextRole).toString(),
                 u"SMTP, Down for 2 min, connection refused by db1:5432"_s);
        // The description adds what the name does not say, so that the cause is not read twice.
        QCOMPARE(smtp.data(Qt::AccessibleDescriptionRole).toString(), u"no banner"_s);
    }

    // An acknowledgement shows on its tile (and is said by a screen reader) until it is withdrawn,
    // across a reload of the workspace.
    void acknowledgementsShowOnTheirTiles()
    {
        Test::ManualClock clock;
        ServiceBoardModel model(&clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(sampleWorkspace());
        model.applyResults({result(u"smtp"_s, 0, HealthState::Down, clock.nowMs(), 1, u"connection refused"_s)});
        model.flushPendingChanges();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setAcknowledgements({Acknowledgement{u"smtp"_s, u"restarting db1"_s, u"alice"_s, clock.nowMs()}});
        model.flushPendingChanges();
        QVERIFY(!changed.isEmpty());
        const QModelIndex smtp = model.serviceIndex(u"smtp"_s);
        QCOMPARE(smtp.data(ServiceBoardModel::AcknowledgementRole).toString(),
                 u"Acknowledged by alice: restarting db1"_s);
        QVERIFY(smtp.data(Qt::AccessibleTextRole).toString().endsWith(u", Acknowledged by alice: restarting db1"_s));
        QVERIFY(model.serviceIndex(u"portal"_s).data(ServiceBoardModel::AcknowledgementRole).toString().isEmpty());

        // The same again: nothing to tell the views.
        changed.clear();
        model.setAcknowledgements({Acknowledgement{u"smtp"_s, u"restarting db1"_s, u"alice"_s, clock.nowMs()}});
        model.flushPendingChanges();
        QCOMPARE(changed.size(), 0);

        model.setWorkspace(sampleWorkspace());
        QCOMPARE(model.serviceIndex(u"smtp"_s).data(ServiceBoardModel::AcknowledgementRole).toString(),
                 u"Acknowledged by alice: restarting db1"_s);
        model.setAcknowledgements({});
        QVERIFY(model.serviceIndex(u"smtp"_s).data(ServiceBoardModel::AcknowledgementRole).toString().isEmpty());
    }

    // Two of its shortest interval and that probe's timeout without a result: stale.
    void staleAfterTwoMissedTurns()
    {
        Test::ManualClock clock;
        ServiceBoardModel model(&clock);
        Workspace workspace = sampleWorkspace();
        workspace.services[0].probes[0].interval = std::chrono::seconds(30);
        workspace.services[0].probes[0].timeout = std::chrono::seconds(5);
        workspace.services[0].probes[1].interval = std::chrono::seconds(60);
        model.setWorkspace(workspace);
        const QModelIndex portal = model.serviceIndex(u"portal"_s);
        QVERIFY(!portal.data(ServiceBoardModel::StaleRole).toBool()); // nothing yet: waiting, not stale
        model.applyResults({result(u"portal"_s, 0, HealthState::Up, clock.nowMs())});
        clock.advance(std::chrono::seconds(65));
        QVERIFY(!portal.data(ServiceBoardModel::StaleRole).toBool());
        clock.advance(std::chrono::seconds(1));
        QVERIFY(portal.data(ServiceBoardModel::StaleRole).toBool());
        QVERIFY(portal.data(Qt::AccessibleTextRole).toString().contains(u"no recent result"_s));
        model.applyResults({result(u"portal"_s, 1, HealthState::Up, clock.nowMs())});
        QVERIFY(!portal.data(ServiceBoardModel::StaleRole).toBool());
    }

    // After a restart the last stored results show the state first; the restored verdict then
    // says since when it has lasted.
    void restoredStateKeepsItsStart()
    {
        Test::ManualClock clock;
        ServiceBoardModel model(&clock);
        model.setWorkspace(sampleWorkspace());
        model.applyResults({result(u"smtp"_s, 0, HealthState::Down, clock.nowMs() - 5'000, 1, u"refused"_s)});
        const QModelIndex smtp = model.serviceIndex(u"smtp"_s);
        QCOMPARE(smtp.data(ServiceBoardModel::LastChangeRole).toDateTime(), clock.now().addMSecs(-5'000));
        ServiceHealth restored{HealthState::Down, false, {}, {}};
        restored.sinceMs = clock.nowMs() - 20 * 60'000;
        model.applyHealth({{u"smtp"_s, restored}});
        QCOMPARE(smtp.data(ServiceBoardModel::LastChangeRole).toDateTime(), clock.now().addSecs(-20 * 60));
    }
};

QTEST_GUILESS_MAIN(TestServiceBoardModel)
#include "tst_serviceboardmodel.moc"
