// The NOC wall and the board on large screens: readable sizes, pages, honesty about freshness, no
// dialogs; and the screenshots a person looks at (the console's board and problems view, the wall).
#include "boardview.h"
#include "fleet.h"
#include "mainwindow.h"
#include "manualclock.h"
#include "models/problemsmodel.h"
#include "models/serviceboardmodel.h"
#include "palettes.h"
#include "screenshots.h"
#include "session/freshness.h"
#include "session/session.h"
#include "stateicons.h"
#include "tiledelegate.h"
#include "wallview.h"
#include "wallwindow.h"

#include <QAccessible>
#include <QApplication>
#include <QDialog>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace std::chrono_literals;

namespace {

struct Fleet
{
    explicit Fleet(int services, Clock *clock)
        : model(clock)
        , workspace(Test::fleetWorkspace(services))
    {
        model.setWorkspace(workspace);
        // A few rounds, so that the sparklines and the "since" times have something to say.
        const qint64 now = clock->nowMs();
        for (int round = 0; round < 6; ++round)
            model.applyResults(
                Test::fleetResults(workspace, now - (5 - round) * 30'000 - 600'000 * (round == 0), round));
        model.applyHealth(Test::fleetHealth(workspace));
        model.flushPendingChanges();
    }
    ServiceBoardModel model;
    Workspace workspace;
};

QList<QModelIndex> services(const ServiceBoardModel &model)
{
    QList<QModelIndex> out;
    for (int g = 0; g < model.rowCount(); ++g)
        for (int s = 0; s < model.rowCount(model.index(g, 0)); ++s)
            out.append(model.index(s, 0, model.index(g, 0)));
    return out;
}

bool anyModalOrDialog()
{
    if (QApplication::activeModalWidget())
        return true;
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (widget->isVisible() && qobject_cast<QDialog *>(widget))
            return true;
    return false;
}

} // namespace

class tst_Wall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void readableFromAcrossTheRoom_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<int>("count");
        QTest::newRow("1080p, 40 services") << QSize(1920, 1080) << 40;
        QTest::newRow("1080p, 300 services") << QSize(1920, 1080) << 300;
        QTest::newRow("4K, 40 services") << QSize(3840, 2160) << 40;
        QTest::newRow("4K, 300 services") << QSize(3840, 2160) << 300;
    }

    // Every service on one page, its state word at least 2 % of the screen's height.
    void readableFromAcrossTheRoom()
    {
        QFETCH(QSize, screen);
        QFETCH(int, count);
        Test::ManualClock clock;
        Fleet fleet(count, &clock);
        Freshness freshness(&clock);
        WallView wall(&fleet.model, &freshness);
        wall.setClock(&clock);
        wall.setReferenceHeight(screen.height());
        wall.resize(screen);
        wall.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wall));

        BoardView *board = wall.board();
        QCOMPARE(board->pageCount(), 1);
        const int needed = int(std::ceil(screen.height() * 0.02));
        QVERIFY2(wall.stateTextHeight() >= needed,
                 qPrintable(u"state text %1 px, needs %2"_s.arg(wall.stateTextHeight()).arg(needed)));
        const QRect viewport = board->viewport()->rect();
        for (const QModelIndex &service : services(fleet.model))
            QVERIFY2(viewport.contains(board->visualRect(service)), qPrintable(service.data().toString()));
        // The alarms are in the band, with how long they have lasted.
        QVERIFY(wall.alarmsShown() >= 2);
        QCOMPARE(wall.problems()->rowCount(), 6);
    }

    // Beyond what fits, the board turns pages: each service on exactly one, text still readable,
    // the alarm band on every page.
    void pagesBeyondWhatFits()
    {
        Test::ManualClock clock;
        Fleet fleet(1500, &clock);
        Freshness freshness(&clock);
        WallView wall(&fleet.model, &freshness);
        wall.setReferenceHeight(1080);
        wall.resize(1920, 1080);
        wall.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wall));
        BoardView *board = wall.board();
        QVERIFY(board->pageCount() > 1);
        QVERIFY(wall.stateTextHeight() >= 22);

        QHash<QString, int> pageOf;
        for (int page = 0; page < board->pageCount(); ++page) {
            board->setCurrentPage(page);
            QCOMPARE(board->currentPage(), page);
            QVERIFY(wall.alarmsShown() > 0);
            const QRect viewport = board->viewport()->rect();
            for (const QModelIndex &service : services(fleet.model)) {
                const QRect rect = board->visualRect(service);
                if (!viewport.contains(rect))
                    continue;
                const QString id = service.data(ServiceBoardModel::IdRole).toString();
                QVERIFY2(!pageOf.contains(id), qPrintable(id + u" on two pages"_s));
                pageOf.insert(id, page);
                QCOMPARE(board->indexAt(rect.center()), service);
            }
        }
        QCOMPARE(pageOf.size(), 1500);

        // A screen reader has every tile, those of the other pages as not showing; a wall takes
        // no focus, so neither do its tiles.
        QAccessibleInterface *list = QAccessible::queryAccessibleInterface(board);
        QVERIFY(list);
        QCOMPARE(list->text(QAccessible::Name), u"Service board"_s);
        QCOMPARE(list->childCount(), 1500);
        board->setCurrentPage(0);
        QVERIFY(!list->child(0)->state().offscreen);
        QVERIFY(list->child(1499)->state().offscreen);
        QVERIFY(!list->child(0)->state().focusable);
        QVERIFY(!list->child(0)->state().selectable);
    }

    // No result for two intervals, probing stopped, a store that cannot write: a banner over the
    // wall, and the tiles drawn as stale rather than in their last colour.
    void honestAboutItsFreshness()
    {
        Test::ManualClock clock;
        Fleet fleet(40, &clock);
        Freshness freshness(&clock);
        freshness.setExpectedInterval(30s, 5s);
        freshness.setRunning(true);
        WallView wall(&fleet.model, &freshness);
        wall.setClock(&clock);
        wall.setReferenceHeight(1080);
        wall.resize(1920, 1080);
        wall.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wall));

        ProbeResult fresh;
        fresh.timestampMs = clock.nowMs();
        freshness.noteResults({fresh});
        QCOMPARE(freshness.state(), Freshness::State::Live);
        QVERIFY(!wall.isStaleShown());
        const QModelIndex down = fleet.model.serviceIndex(u"svc-0003"_s);
        const QColor downColour = StateIcons::color(HealthState::Down, wall.palette());
        const auto bandColour = [&] {
            const QImage image = wall.board()->viewport()->grab().toImage();
            const QRect rect = wall.board()->visualRect(down);
            return image.pixelColor(rect.left() + 2, rect.center().y());
        };
        QCOMPARE(bandColour(), downColour);

        clock.advance(64s); // two intervals and the timeout: not yet
        wall.refresh();
        QVERIFY(!wall.isStaleShown());
        clock.advance(2s);
        wall.refresh();
        QCOMPARE(freshness.state(), Freshness::State::Late);
        QVERIFY(wall.isStaleShown());
        QVERIFY2(wall.bannerText().contains(u"No result has arrived"_s), qPrintable(wall.bannerText()));
        QVERIFY(bandColour() != downColour);
        QCOMPARE(bandColour(), StateIcons::color(StateIcons::Explained::Stale, wall.palette()));

        // Results again: the wall is live; the tile, whose own last result is now too old, stays
        // stale until one of its own comes.
        fresh.timestampMs = clock.nowMs();
        freshness.noteResults({fresh});
        QVERIFY(!wall.isStaleShown());
        QCOMPARE(bandColour(), StateIcons::color(StateIcons::Explained::Stale, wall.palette()));
        QList<ProbeResult> again = Test::fleetResults(fleet.workspace, clock.nowMs());
        fleet.model.applyResults(again);
        fleet.model.flushPendingChanges();
        QCOMPARE(bandColour(), downColour);

        freshness.setStoreError(u"disk I/O error"_s);
        QVERIFY(wall.isStaleShown());
        QVERIFY(wall.bannerText().contains(u"disk I/O error"_s));
        freshness.setStoreError({});
        freshness.setRunning(false);
        QVERIFY(wall.isStaleShown());
        QVERIFY(wall.bannerText().contains(u"Probing is stopped"_s));
        QVERIFY(!anyModalOrDialog());
    }

    // What fails while the wall is up is a banner, never a dialog.
    void noDialogEverOpens()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"broken.yaml"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("services:\n  - id: a\n    probes: [{tcp: }]\n    bogus: 1\n");
        file.close();

        Session session;
        ServiceBoardModel model;
        WallWindow wall(&session, &model);
        wall.resize(1280, 720);
        wall.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wall));
        QSignalSpy failed(&session, &Session::workspaceFailed);
        session.open(path);
        QVERIFY(failed.wait(10'000));
        QTRY_VERIFY(wall.view()->bannerText().contains(u"broken.yaml"_s));
        QVERIFY2(wall.view()->bannerText().contains(u"broken.yaml:"_s), qPrintable(wall.view()->bannerText()));
        QVERIFY(!anyModalOrDialog());

        // A dedicated wall ignores Esc; one opened from the console leaves with it.
        QSignalSpy leave(&wall, &WallWindow::leaveRequested);
        QTest::keyClick(&wall, Qt::Key_Escape);
        QCOMPARE(leave.size(), 0);
        wall.setLeaveKeys(true);
        QTest::keyClick(&wall, Qt::Key_Escape);
        QCOMPARE(leave.size(), 1);
    }

    void screenThatRemains()
    {
        const QStringList two{u"HDMI-1"_s, u"DP-2"_s};
        QCOMPARE(WallWindow::chooseScreen(u"DP-2"_s, two, u"HDMI-1"_s), u"DP-2"_s);
        // Unplugged: the primary, and back when it returns.
        QCOMPARE(WallWindow::chooseScreen(u"DP-2"_s, {u"HDMI-1"_s}, u"HDMI-1"_s), u"HDMI-1"_s);
        QCOMPARE(WallWindow::chooseScreen(u"DP-2"_s, two, u"HDMI-1"_s), u"DP-2"_s);
        QCOMPARE(WallWindow::chooseScreen({}, two, u"HDMI-1"_s), u"HDMI-1"_s);
        QCOMPARE(WallWindow::chooseScreen(u"gone"_s, two, u"gone-too"_s), u"HDMI-1"_s);
        QCOMPARE(WallWindow::chooseScreen(u"DP-2"_s, {}, {}), QString());
    }

    // The pictures a person looks at: set VIGIE_WALL_SCREENSHOTS=1 for all of them (light and dark,
    // English and French); by default, one of each kind.
    void saveScreenshots()
    {
        const bool all = qEnvironmentVariableIsSet("VIGIE_WALL_SCREENSHOTS");
        Vigie::Test::forEachLook(all, [&](const QString &language, bool dark) {
            QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
            const QString suffix = language + (dark ? u"-dark"_s : u"-light"_s);
            saveWall(QSize(1920, 1080), 40, u"wall-1080p-40-"_s + suffix);
            saveWall(QSize(1920, 1080), 300, u"wall-1080p-300-"_s + suffix);
            if (all) {
                saveWall(QSize(3840, 2160), 40, u"wall-4k-40-"_s + suffix);
                saveWall(QSize(3840, 2160), 300, u"wall-4k-300-"_s + suffix);
            }
            saveWall(QSize(1920, 1080), 40, u"wall-stale-"_s + suffix, true);
            for (const int count : all ? QList<int>{8, 40, 300} : QList<int>{40}) {
                saveConsole(QSize(1280, 800), count, false, u"console-1280-%1-"_s.arg(count) + suffix);
                saveConsole(QSize(1920, 1080), count, false, u"console-1920-%1-"_s.arg(count) + suffix);
            }
            saveConsole(QSize(1280, 800), 40, true, u"console-problems-"_s + suffix);
        });
        QApplication::setPalette(QApplication::style()->standardPalette());
    }

private:
    void saveWall(QSize screen, int count, const QString &name, bool stale = false)
    {
        Test::ManualClock clock(QDateTime::currentDateTimeUtc());
        Fleet fleet(count, &clock);
        Freshness freshness(&clock);
        freshness.setExpectedInterval(30s, 5s);
        freshness.setRunning(true);
        ProbeResult last;
        last.timestampMs = clock.nowMs() - 4'000;
        freshness.noteResults({last});
        if (stale) {
            clock.advance(3min);
            freshness.recheck();
        }
        WallView wall(&fleet.model, &freshness);
        wall.setTitle(fleet.workspace.name);
        wall.setClock(&clock);
        wall.setReferenceHeight(screen.height());
        wall.resize(screen);
        wall.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wall));
        wall.refresh();
        QVERIFY(wall.grab().save(Test::screenshotPath(name)));
    }

    void saveConsole(QSize size, int count, bool problems, const QString &name)
    {
        Test::ManualClock clock(QDateTime::currentDateTimeUtc());
        Fleet fleet(count, &clock);
        Session session;
        MainWindow window(&session, &fleet.model);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        if (problems)
            window.findChild<QAction *>(u"problemsAction"_s)->trigger();
        QCoreApplication::processEvents();
        QVERIFY(window.grab().save(Test::screenshotPath(name)));
    }
};

QTEST_MAIN(tst_Wall)
#include "tst_wall.moc"
