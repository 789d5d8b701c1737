#include "manualclock.h"
#include "models/problemsmodel.h"
#include "models/serviceboardmodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

using Board = ServiceBoardModel;
constexpr auto QtTestMode = QAbstractItemModelTester::FailureReportingMode::QtTest;

Service service(const QString &id, const QString &name = {}, const QString &group = u"Web"_s)
{
    Service s;
    s.id = id;
    s.name = name.isEmpty() ? id.toUpper() : name;
    s.group = group;
    ProbeSpec p;
    p.setKind(ProbeKind::Http);
    p.target = u"https://%1.example/"_s.arg(id);
    s.probes = {p};
    return s;
}

Workspace workspace(const QList<Service> &services)
{
    Workspace ws;
    ws.name = u"ACME"_s;
    ws.services = services;
    return ws;
}

Workspace workspace(const QStringList &ids)
{
    QList<Service> services;
    for (const QString &id : ids)
        services.append(service(id));
    return workspace(services);
}

// `count` services "s0000"... in groups of 500, as the bench workspace has them.
Workspace fleet(int count)
{
    QList<Service> services;
    for (int i = 0; i < count; ++i)
        services.append(
            service(u"s%1"_s.arg(i, 4, 10, QChar(u'0')), u"Target %1"_s.arg(i), u"Fleet %1"_s.arg(i / 500)));
    return workspace(services);
}

ProbeResult result(const QString &serviceId, HealthState state, qint64 ts, const QString &error = {})
{
    ProbeResult r;
    r.key = ProbeKey{serviceId, 0};
    r.timestampMs = ts;
    r.status = state;
    r.latencyMs = 12;
    r.error = Message::verbatim(error);
    return r;
}

// Results as the engine reports them, told to views at once (the board's timer is not waited on).
void report(Board &board, const QList<ProbeResult> &results)
{
    board.applyResults(results);
    board.flushPendingChanges();
}

void report(Board &board, const QString &serviceId, HealthState state, qint64 ts, const QString &error = {})
{
    report(board, {result(serviceId, state, ts, error)});
}

void judge(Board &board, const QHash<QString, ServiceHealth> &health)
{
    board.applyHealth(health);
    board.flushPendingChanges();
}

QStringList shownIds(const ProblemsModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(Board::IdRole).toString());
    return ids;
}

// The rows the problems list should show, worked out from the board's services one by one.
QStringList expectedIds(const Board &board)
{
    struct Entry
    {
        int bucket;
        qint64 since;
        QString name, id;
    };
    QList<Entry> entries;
    for (int g = 0; g < board.rowCount(); ++g)
        for (int r = 0; r < board.rowCount(board.index(g, 0)); ++r) {
            const QModelIndex service = board.index(r, 0, board.index(g, 0));
            const auto state = HealthState(service.data(Board::StateRole).toInt());
            if (state != HealthState::Down && state != HealthState::Degraded)
                continue;
            int bucket = state == HealthState::Down ? 0 : 1;
            if (!service.data(Board::AlarmRole).toBool()) {
                if (service.data(Board::PresentationRole).toInt() != int(Board::Presentation::Impacted))
                    continue;
                bucket += 2;
            }
            entries.append({bucket, service.data(Board::LastChangeRole).toDateTime().toMSecsSinceEpoch(),
                            service.data().toString(), service.data(Board::IdRole).toString()});
        }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.bucket != b.bucket)
            return a.bucket < b.bucket;
        if (a.since != b.since)
            return a.since < b.since;
        if (const int byName = QString::localeAwareCompare(a.name, b.name))
            return byName < 0;
        return a.id < b.id;
    });
    QStringList ids;
    for (const Entry &e : std::as_const(entries))
        ids.append(e.id);
    return ids;
}

// A board over `ws` and the problems over it, each under a model tester.
struct Setup
{
    explicit Setup(const Workspace &ws)
    {
        board.setWorkspace(ws);
        problems.setSourceModel(&board);
    }
    Test::ManualClock clock;
    Board board{&clock};
    QAbstractItemModelTester boardTester{&board, QtTestMode};
    ProblemsModel problems;
    QAbstractItemModelTester problemsTester{&problems, QtTestMode};
};

struct StructureSpies
{
    explicit StructureSpies(ProblemsModel *model)
        : inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , moved(model, &QAbstractItemModel::rowsMoved)
        , layout(model, &QAbstractItemModel::layoutChanged)
        , reset(model, &QAbstractItemModel::modelReset)
    {}
    QSignalSpy inserted, removed, moved, layout, reset;
};

} // namespace

class TestProblemsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsTheServicesThatNeedSomeone()
    {
        Setup s(workspace({u"down"_s, u"degraded"_s, u"up"_s, u"unknown"_s, u"maint"_s, u"impacted"_s}));
        QCOMPARE(s.problems.rowCount(), 0);
        report(s.board, {result(u"down"_s, HealthState::Down, 1000, u"refused"_s),
                         result(u"degraded"_s, HealthState::Degraded, 1000), result(u"up"_s, HealthState::Up, 1000),
                         result(u"maint"_s, HealthState::Down, 1000), result(u"impacted"_s, HealthState::Down, 1000)});
        judge(s.board, {{u"maint"_s, ServiceHealth{HealthState::Down, true, u"Kernel update"_s, {}}},
                        {u"impacted"_s, ServiceHealth{HealthState::Down, false, {}, u"down"_s}}});
        QCOMPARE(shownIds(s.problems), (QStringList{u"down"_s, u"degraded"_s, u"impacted"_s}));

        // Every role reads through to the board's row of the service.
        QCOMPARE(s.problems.roleNames(), s.board.roleNames());
        const QModelIndex down = s.problems.index(0, 0);
        const QModelIndex onBoard = s.board.serviceIndex(u"down"_s);
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Board::StateRole), int(Board::StateTextRole),
                         int(Board::ErrorRole), int(Board::LastChangeRole), int(Board::AlarmRole),
                         int(Board::SparklineRole), int(Board::GroupRole)})
            QCOMPARE(down.data(role), onBoard.data(role));
        QCOMPARE(down.data(Qt::DisplayRole).toString(), u"DOWN"_s);
        QCOMPARE(down.data(Board::ErrorRole).toString(), u"refused"_s);
        QCOMPARE(s.problems.index(2, 0).data(Board::ImpactedByRole).toString(), u"DOWN"_s);
        QCOMPARE(s.problems.index(2, 0).data(Board::PresentationRole).toInt(), int(Board::Presentation::Impacted));
    }

    void alarmsComeBeforeImpactedServices()
    {
        Setup s(workspace({u"impacted"_s, u"root"_s, u"degraded"_s}));
        // The impacted service has failed the longest, and is still listed last.
        report(s.board, {result(u"impacted"_s, HealthState::Down, 1000), result(u"root"_s, HealthState::Down, 3000),
                         result(u"degraded"_s, HealthState::Degraded, 5000)});
        judge(s.board, {{u"impacted"_s, ServiceHealth{HealthState::Down, false, {}, u"root"_s}},
                        {u"root"_s, ServiceHealth{HealthState::Down, false, {}, {}}},
                        {u"degraded"_s, ServiceHealth{HealthState::Degraded, false, {}, {}}}});
        QCOMPARE(shownIds(s.problems), (QStringList{u"root"_s, u"degraded"_s, u"impacted"_s}));
    }

    void downComesBeforeDegraded()
    {
        Setup s(workspace({u"alarm-degraded"_s, u"alarm-down"_s, u"impacted-degraded"_s, u"impacted-down"_s}));
        // In each kind the degraded service has failed longer.
        report(s.board, {result(u"alarm-degraded"_s, HealthState::Degraded, 1000),
                         result(u"alarm-down"_s, HealthState::Down, 2000),
                         result(u"impacted-degraded"_s, HealthState::Degraded, 1000),
                         result(u"impacted-down"_s, HealthState::Down, 2000)});
        judge(s.board, {{u"impacted-degraded"_s, ServiceHealth{HealthState::Degraded, false, {}, u"alarm-down"_s}},
                        {u"impacted-down"_s, ServiceHealth{HealthState::Down, false, {}, u"alarm-down"_s}}});
        QCOMPARE(shownIds(s.problems),
                 (QStringList{u"alarm-down"_s, u"alarm-degraded"_s, u"impacted-down"_s, u"impacted-degraded"_s}));
    }

    void theLongestFailingComesFirst()
    {
        Setup s(workspace({u"a"_s, u"b"_s, u"c"_s}));
        report(s.board, {result(u"a"_s, HealthState::Down, 3000), result(u"b"_s, HealthState::Down, 1000),
                         result(u"c"_s, HealthState::Down, 2000)});
        QCOMPARE(shownIds(s.problems), (QStringList{u"b"_s, u"c"_s, u"a"_s}));
        // Health verdicts without results date the change with the clock.
        Setup t(workspace({u"x"_s, u"y"_s}));
        t.clock.set(QDateTime::fromMSecsSinceEpoch(9000, QTimeZone::UTC));
        judge(t.board, {{u"y"_s, ServiceHealth{HealthState::Down, false, {}, {}}}});
        t.clock.advance(std::chrono::seconds(1));
        judge(t.board, {{u"x"_s, ServiceHealth{HealthState::Down, false, {}, {}}}});
        QCOMPARE(shownIds(t.problems), (QStringList{u"y"_s, u"x"_s}));
    }

    void thenByNameThenById()
    {
        Setup s(workspace({service(u"z"_s, u"Alpha"_s), service(u"a"_s, u"Bravo"_s), service(u"m2"_s, u"Mail"_s),
                           service(u"m1"_s, u"Mail"_s, u"Other"_s)}));
        report(s.board, {result(u"a"_s, HealthState::Down, 1000), result(u"m2"_s, HealthState::Down, 1000),
                         result(u"m1"_s, HealthState::Down, 1000), result(u"z"_s, HealthState::Down, 1000)});
        QCOMPARE(shownIds(s.problems), (QStringList{u"z"_s, u"a"_s, u"m1"_s, u"m2"_s}));
    }

    void aRecoveryRemovesItsRowAndKeepsTheCurrentOne()
    {
        Setup s(workspace({u"a"_s, u"b"_s, u"c"_s}));
        report(s.board, {result(u"a"_s, HealthState::Down, 1000), result(u"b"_s, HealthState::Down, 2000),
                         result(u"c"_s, HealthState::Down, 3000)});
        QItemSelectionModel selection(&s.problems);
        selection.setCurrentIndex(s.problems.index(2, 0), QItemSelectionModel::ClearAndSelect);
        StructureSpies spies(&s.problems);

        report(s.board, u"b"_s, HealthState::Up, 4000);
        QCOMPARE(shownIds(s.problems), (QStringList{u"a"_s, u"c"_s}));
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(spies.removed.at(0).at(1).toInt(), 1);
        QCOMPARE(spies.removed.at(0).at(2).toInt(), 1);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.layout.size(), 0);
        QCOMPARE(spies.inserted.size(), 0);
        QCOMPARE(selection.currentIndex().row(), 1);
        QCOMPARE(selection.currentIndex().data(Board::IdRole).toString(), u"c"_s);
        QVERIFY(selection.isRowSelected(1));
    }

    void aNewFailureIsInsertedAtItsPlace()
    {
        Setup s(workspace({u"a"_s, u"b"_s, u"c"_s, u"d"_s}));
        report(s.board, {result(u"a"_s, HealthState::Down, 1000), result(u"c"_s, HealthState::Down, 3000)});
        QItemSelectionModel selection(&s.problems);
        selection.setCurrentIndex(s.problems.index(1, 0), QItemSelectionModel::ClearAndSelect);
        StructureSpies spies(&s.problems);

        report(s.board, u"b"_s, HealthState::Down, 2000);
        QCOMPARE(shownIds(s.problems), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(spies.inserted.at(0).at(1).toInt(), 1);
        QCOMPARE(spies.inserted.at(0).at(2).toInt(), 1);
        QCOMPARE(selection.currentIndex().data(Board::IdRole).toString(), u"c"_s);

        // Degraded for longer than any of them, still after the down ones.
        report(s.board, u"d"_s, HealthState::Degraded, 500);
        QCOMPARE(shownIds(s.problems), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s}));
        QCOMPARE(spies.inserted.size(), 2);
        QCOMPARE(spies.inserted.at(1).at(1).toInt(), 3);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.removed.size(), 0);
        QCOMPARE(selection.currentIndex().row(), 2);
    }

    void aServiceChangingPlaceMovesItsRow()
    {
        Setup s(workspace({u"a"_s, u"b"_s, u"c"_s}));
        report(s.board, {result(u"a"_s, HealthState::Down, 1000), result(u"b"_s, HealthState::Down, 2000),
                         result(u"c"_s, HealthState::Down, 3000)});
        QItemSelectionModel selection(&s.problems);
        selection.setCurrentIndex(s.problems.index(0, 0), QItemSelectionModel::ClearAndSelect);
        StructureSpies spies(&s.problems);
        QSignalSpy dataChanged(&s.problems, &QAbstractItemModel::dataChanged);

        report(s.board, u"a"_s, HealthState::Degraded, 4000);
        QCOMPARE(shownIds(s.problems), (QStringList{u"b"_s, u"c"_s, u"a"_s}));
        QCOMPARE(spies.moved.size(), 1);
        QCOMPARE(spies.removed.size() + spies.inserted.size() + spies.reset.size() + spies.layout.size(), 0);
        QCOMPARE(selection.currentIndex().row(), 2);
        QCOMPARE(selection.currentIndex().data(Board::IdRole).toString(), u"a"_s);
        QCOMPARE(dataChanged.size(), 1); // it now says degraded
        QCOMPARE(dataChanged.at(0).at(0).toModelIndex().row(), 2);

        // Down because a dependency is: after the alarms.
        judge(s.board, {{u"b"_s, ServiceHealth{HealthState::Down, false, {}, u"c"_s}},
                        {u"c"_s, ServiceHealth{HealthState::Down, false, {}, {}}},
                        {u"a"_s, ServiceHealth{HealthState::Degraded, false, {}, {}}}});
        QCOMPARE(shownIds(s.problems), (QStringList{u"c"_s, u"a"_s, u"b"_s}));
        QCOMPARE(spies.removed.size() + spies.inserted.size() + spies.reset.size() + spies.layout.size(), 0);
        QCOMPARE(selection.currentIndex().data(Board::IdRole).toString(), u"a"_s);
    }

    void changedDataInPlaceIsDataChanged()
    {
        Setup s(workspace({u"a"_s, u"b"_s}));
        report(s.board, {result(u"a"_s, HealthState::Down, 1000, u"connection refused"_s),
                         result(u"b"_s, HealthState::Down, 2000)});
        StructureSpies spies(&s.problems);
        QSignalSpy dataChanged(&s.problems, &QAbstractItemModel::dataChanged);
        QSignalSpy count(&s.problems, &ProblemsModel::countChanged);

        // Still down, for another reason: same place, new error.
        report(s.board, u"a"_s, HealthState::Down, 2500, u"timed out"_s);
        QCOMPARE(dataChanged.size(), 1);
        QCOMPARE(dataChanged.at(0).at(0).toModelIndex(), s.problems.index(0, 0));
        QCOMPARE(dataChanged.at(0).at(1).toModelIndex(), s.problems.index(0, 0));
        QCOMPARE(s.problems.index(0, 0).data(Board::ErrorRole).toString(), u"timed out"_s);
        QCOMPARE(s.problems.index(0, 0).data(Board::LastChangeRole).toDateTime().toMSecsSinceEpoch(), 1000);

        // A new state and a new "since", and still the last row.
        report(s.board, u"b"_s, HealthState::Degraded, 3000);
        QCOMPARE(dataChanged.size(), 2);
        QCOMPARE(dataChanged.at(1).at(0).toModelIndex(), s.problems.index(1, 0));
        QCOMPARE(s.problems.index(1, 0).data(Board::StateRole).toInt(), int(HealthState::Degraded));
        QCOMPARE(s.problems.index(1, 0).data(Board::LastChangeRole).toDateTime().toMSecsSinceEpoch(), 3000);

        QCOMPARE(spies.inserted.size() + spies.removed.size() + spies.moved.size() + spies.reset.size() +
                     spies.layout.size(),
                 0);
        QCOMPARE(count.size(), 0);

        // A service that is not listed changes: nothing to tell.
        Setup t(workspace({u"x"_s, u"y"_s}));
        report(t.board, u"x"_s, HealthState::Down, 1000);
        QSignalSpy quiet(&t.problems, &QAbstractItemModel::dataChanged);
        report(t.board, u"y"_s, HealthState::Up, 1000);
        QCOMPARE(quiet.size(), 0);
    }

    void boardIndexAndRowOfAgree()
    {
        Setup s(workspace({service(u"a"_s), service(u"b"_s, {}, u"Mail"_s), service(u"c"_s), service(u"ok"_s),
                           service(u"d"_s, {}, u"Mail"_s)}));
        report(s.board, {result(u"a"_s, HealthState::Degraded, 1000), result(u"b"_s, HealthState::Down, 4000),
                         result(u"c"_s, HealthState::Down, 2000), result(u"ok"_s, HealthState::Up, 1000),
                         result(u"d"_s, HealthState::Down, 3000)});
        QCOMPARE(shownIds(s.problems), (QStringList{u"c"_s, u"d"_s, u"b"_s, u"a"_s}));
        for (int row = 0; row < s.problems.rowCount(); ++row) {
            const QString id = s.problems.index(row, 0).data(Board::IdRole).toString();
            QCOMPARE(s.problems.boardIndex(row), s.board.serviceIndex(id));
            QCOMPARE(s.problems.rowOf(id), row);
        }
        QCOMPARE(s.problems.rowOf(u"ok"_s), -1);
        QCOMPARE(s.problems.rowOf(u"nowhere"_s), -1);
        QVERIFY(!s.problems.boardIndex(-1).isValid());
        QVERIFY(!s.problems.boardIndex(s.problems.rowCount()).isValid());
        QCOMPARE(s.problems.sourceModel(), &s.board);
    }

    void countChangedFollowsTheRows()
    {
        Setup s(workspace({u"a"_s, u"b"_s, u"c"_s}));
        QSignalSpy count(&s.problems, &ProblemsModel::countChanged);
        report(s.board, u"a"_s, HealthState::Down, 1000);
        report(s.board, {result(u"b"_s, HealthState::Down, 2000), result(u"c"_s, HealthState::Degraded, 2000)});
        report(s.board, u"a"_s, HealthState::Down, 3000, u"still"_s); // no new row
        report(s.board, u"b"_s, HealthState::Up, 4000);
        QCOMPARE(count.size(), 3);
        QCOMPARE(count.at(0).at(0).toInt(), 1);
        QCOMPARE(count.at(1).at(0).toInt(), 3);
        QCOMPARE(count.at(2).at(0).toInt(), 2);
    }

    void aBoardResetEmptiesThenRebuilds()
    {
        Setup s(workspace({u"a"_s, u"b"_s, u"c"_s}));
        report(s.board, {result(u"a"_s, HealthState::Down, 1000), result(u"b"_s, HealthState::Down, 2000)});
        QSignalSpy count(&s.problems, &ProblemsModel::countChanged);

        s.board.setWorkspace(workspace({u"b"_s, u"c"_s}));
        QCOMPARE(s.problems.rowCount(), 0); // nothing heard from the new workspace yet
        QCOMPARE(count.size(), 1);
        QCOMPARE(count.at(0).at(0).toInt(), 0);
        report(s.board, {result(u"a"_s, HealthState::Down, 3000), result(u"c"_s, HealthState::Down, 3000),
                         result(u"b"_s, HealthState::Degraded, 3000)});
        QCOMPARE(shownIds(s.problems), (QStringList{u"c"_s, u"b"_s}));
        QCOMPARE(s.problems.boardIndex(0), s.board.serviceIndex(u"c"_s));

        // The same workspace again: the rows' data may have changed (names), and are told so.
        Workspace renamed = workspace({service(u"b"_s), service(u"c"_s, u"Cas"_s)});
        s.board.setWorkspace(renamed);
        QCOMPARE(s.problems.rowCount(), 0);
        report(s.board, u"c"_s, HealthState::Down, 4000);
        QCOMPARE(s.problems.index(0, 0).data().toString(), u"Cas"_s);
    }

    void theSourceCanBeChangedOrGo()
    {
        Setup s(workspace({u"a"_s}));
        report(s.board, u"a"_s, HealthState::Down, 1000);
        QSignalSpy count(&s.problems, &ProblemsModel::countChanged);
        s.problems.setSourceModel(nullptr);
        QCOMPARE(s.problems.rowCount(), 0);
        QCOMPARE(s.problems.sourceModel(), nullptr);
        QVERIFY(!s.problems.roleNames().contains(Board::StateRole));
        s.problems.setSourceModel(&s.board);
        QCOMPARE(shownIds(s.problems), QStringList{u"a"_s});
        QCOMPARE(count.size(), 2);

        ProblemsModel problems;
        QAbstractItemModelTester tester(&problems, QtTestMode);
        {
            Board board;
            QAbstractItemModelTester boardTester(&board, QtTestMode);
            board.setWorkspace(workspace({u"x"_s}));
            report(board, u"x"_s, HealthState::Down, 1000);
            problems.setSourceModel(&board);
            QCOMPARE(problems.rowCount(), 1);
        }
        QCOMPARE(problems.rowCount(), 0);
        QCOMPARE(problems.sourceModel(), nullptr);
    }

    void manyServicesTurningImpactedMoveAsOneBlock()
    {
        Setup s(fleet(1001));
        const QString root = u"s1000"_s;
        QList<ProbeResult> failing;
        for (int i = 0; i < 1000; ++i)
            failing.append(result(u"s%1"_s.arg(i, 4, 10, QChar(u'0')), HealthState::Down, 1000 + i));
        failing.append(result(root, HealthState::Down, 5000));
        report(s.board, failing);
        QCOMPARE(s.problems.rowCount(), 1001);
        QCOMPARE(s.problems.rowOf(root), 1000);
        QItemSelectionModel selection(&s.problems);
        selection.setCurrentIndex(s.problems.index(500, 0), QItemSelectionModel::ClearAndSelect);
        StructureSpies spies(&s.problems);

        QHash<QString, ServiceHealth> health{{root, ServiceHealth{HealthState::Down, false, {}, {}}}};
        for (int i = 0; i < 1000; ++i)
            health.insert(u"s%1"_s.arg(i, 4, 10, QChar(u'0')), ServiceHealth{HealthState::Down, false, {}, root});
        judge(s.board, health);
        QCOMPARE(s.problems.rowOf(root), 0);
        QCOMPARE(s.problems.rowOf(u"s0000"_s), 1);
        QCOMPARE(s.problems.rowOf(u"s0999"_s), 1000);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.removed.size() + spies.inserted.size(), 0);
        QVERIFY(spies.moved.size() >= 1);
        QCOMPARE(selection.currentIndex().data(Board::IdRole).toString(), u"s0500"_s);
    }

    // Rounds of random results and verdicts, some touching a few services, some most of them:
    // the rows are always in order, each row's index is its service's, and the current row
    // follows its service as long as it is listed (and the list was not reset).
    void randomChangesKeepTheRowsInOrder()
    {
        const int services = 80;
        Setup s(fleet(services));
        const auto id = [](int i) { return u"s%1"_s.arg(i, 4, 10, QChar(u'0')); };
        QItemSelectionModel selection(&s.problems);
        QRandomGenerator random(20260329);
        const HealthState states[] = {HealthState::Up, HealthState::Degraded, HealthState::Down};
        qint64 now = 1'000'000;
        int resets = 0;
        for (int round = 0; round < 200; ++round) {
            now += 1000;
            s.clock.set(QDateTime::fromMSecsSinceEpoch(now, QTimeZone::UTC));
            const QString current = selection.currentIndex().data(Board::IdRole).toString();
            QSignalSpy reset(&s.problems, &QAbstractItemModel::modelReset);
            // Touch few services, or most of them.
            const int share = round % 3 == 0 ? 100 : round % 3 == 1 ? 60 : 8;
            // The first quarter hears from the tracker only (maintenance, dependencies); the rest
            // from raw results, sometimes all dated alike (the name and the id decide).
            QHash<QString, ServiceHealth> health;
            QList<ProbeResult> results;
            for (int i = 0; i < services; ++i) {
                if (int(random.bounded(100)) >= share)
                    continue;
                const HealthState state = states[random.bounded(3)];
                if (i < services / 4) {
                    ServiceHealth verdict{state, false, {}, {}};
                    if (state != HealthState::Up) {
                        const int why = int(random.bounded(4));
                        verdict.inMaintenance = why == 0;
                        if (why == 1)
                            verdict.impactedBy = id(services / 4 + int(random.bounded(10)));
                    }
                    health.insert(id(i), verdict);
                } else {
                    results.append(result(id(i), state, round % 5 == 0 ? now : now + random.bounded(1000)));
                }
            }
            s.board.applyResults(results);
            s.board.applyHealth(health);
            s.board.flushPendingChanges();

            const QStringList expected = expectedIds(s.board);
            QCOMPARE(shownIds(s.problems), expected);
            for (int row = 0; row < s.problems.rowCount(); ++row) {
                QCOMPARE(s.problems.rowOf(expected.at(row)), row);
                QCOMPARE(s.problems.boardIndex(row), s.board.serviceIndex(expected.at(row)));
            }
            resets += int(reset.size());
            if (!current.isEmpty() && expected.contains(current) && reset.isEmpty())
                QCOMPARE(selection.currentIndex().data(Board::IdRole).toString(), current);
            if (!selection.currentIndex().isValid() && s.problems.rowCount() > 0)
                selection.setCurrentIndex(s.problems.index(int(random.bounded(s.problems.rowCount())), 0),
                                          QItemSelectionModel::ClearAndSelect);
        }
        QVERIFY(resets < 20); // most rounds are told row by row
    }

    void thousandsFailingAtOnceThenRecovering()
    {
        const int services = 2200;
        Setup s(fleet(services));
        const auto id = [](int i) { return u"s%1"_s.arg(i, 4, 10, QChar(u'0')); };
        // A few problems already, the current row on one of them.
        report(s.board, {result(id(3), HealthState::Down, 1000), result(id(1500), HealthState::Degraded, 1001),
                         result(id(2150), HealthState::Down, 1002)});
        QCOMPARE(shownIds(s.problems), (QStringList{id(3), id(2150), id(1500)}));
        QItemSelectionModel selection(&s.problems);
        selection.setCurrentIndex(s.problems.index(1, 0), QItemSelectionModel::ClearAndSelect);
        StructureSpies spies(&s.problems);

        // A site goes down: 2,000 services in one batch, over five groups, dated as a probe sweep.
        QList<ProbeResult> down;
        for (int i = 100; i < 2100; ++i)
            if (i != 1500)
                down.append(result(id(i), HealthState::Down, 10'000 + i));
        down.append(result(id(2101), HealthState::Down, 10'000 + 2101)); // 2,000 with this one
        report(s.board, down);
        QStringList expected{id(3), id(2150)};
        for (const ProbeResult &r : std::as_const(down))
            expected.append(r.key.serviceId);
        expected.append(id(1500)); // the degraded one, after every down one
        QCOMPARE(s.problems.rowCount(), 2003);
        QCOMPARE(shownIds(s.problems), expected);
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(spies.removed.size(), 0);
        QCOMPARE(selection.currentIndex().data(Board::IdRole).toString(), id(2150));
        for (int row : {0, 1, 2, 1000, 2002})
            QCOMPARE(s.problems.rowOf(expected.at(row)), row);

        // It comes back at once.
        QList<ProbeResult> up;
        for (const ProbeResult &r : std::as_const(down))
            up.append(result(r.key.serviceId, HealthState::Up, 20'000));
        report(s.board, up);
        QCOMPARE(shownIds(s.problems), (QStringList{id(3), id(2150), id(1500)}));
        QCOMPARE(spies.reset.size(), 0);
        QCOMPARE(selection.currentIndex().data(Board::IdRole).toString(), id(2150));

        // Failures dated all over the place (interleaved with each other, across the groups): the
        // rows are right, however they got there.
        QList<ProbeResult> scattered;
        for (int i = 0; i < 2000; ++i) {
            const int at = (i * 7) % 2200;
            if (at == 3 || at == 1500 || at == 2150)
                continue;
            scattered.append(result(id(at), HealthState::Down, 30'000 + (i * 7919) % 2000));
        }
        report(s.board, scattered);
        std::sort(scattered.begin(), scattered.end(),
                  [](const ProbeResult &a, const ProbeResult &b) { return a.timestampMs < b.timestampMs; });
        expected = QStringList{id(3), id(2150)};
        for (const ProbeResult &r : std::as_const(scattered))
            expected.append(r.key.serviceId);
        expected.append(id(1500));
        QCOMPARE(shownIds(s.problems), expected);
        for (int row = 0; row < s.problems.rowCount(); row += 97)
            QCOMPARE(s.problems.boardIndex(row), s.board.serviceIndex(expected.at(row)));

        up.clear();
        for (const ProbeResult &r : std::as_const(scattered))
            up.append(result(r.key.serviceId, HealthState::Up, 40'000));
        report(s.board, up);
        QCOMPARE(shownIds(s.problems), (QStringList{id(3), id(2150), id(1500)}));
    }

    // A change scattered over many places resets the list rather than taking hundreds of O(rows)
    // steps (see ProblemsModel's apply()).
    void aChangeScatteredOverManyPlacesResets()
    {
        Setup s(fleet(400));
        const auto id = [](int i) { return u"s%1"_s.arg(i, 4, 10, QChar(u'0')); };
        // Two batches of adjacent services (one board notification each), the second dated
        // between the failures of the first.
        QList<ProbeResult> first, second;
        for (int i = 0; i < 200; ++i) {
            first.append(result(id(i), HealthState::Down, 1000 + 2 * i + 1));
            second.append(result(id(200 + i), HealthState::Down, 1000 + 2 * i));
        }
        report(s.board, first);
        QCOMPARE(s.problems.rowCount(), 200);
        StructureSpies spies(&s.problems);
        QSignalSpy count(&s.problems, &ProblemsModel::countChanged);
        report(s.board, second); // 200 rows, each between two others
        QCOMPARE(spies.reset.size(), 1);
        QCOMPARE(spies.inserted.size(), 0);
        QCOMPARE(count.size(), 1);
        QCOMPARE(count.at(0).at(0).toInt(), 400);
        QStringList expected;
        for (int i = 0; i < 200; ++i)
            expected << id(200 + i) << id(i);
        QCOMPARE(shownIds(s.problems), expected);
        QCOMPARE(s.problems.rowOf(id(199)), 399);
    }
};

QTEST_GUILESS_MAIN(TestProblemsModel)
#include "tst_problemsmodel.moc"
