// The cold start of the console: from launch to a board showing every tile's last known state, and
// to the restored event log.
//
//   bench_startup [--quick]
//
// In-process, as app/console.cpp starts: a Session on the 11,000-service bench workspace
// (tests/support/benchworkspace.h) with the bench store as its data folder, a ServiceBoardModel and
// a MainWindow shown offscreen. The clock starts before the session is made and stops:
// - board_painted_ms: at the first paint of the board's viewport once the model holds a result for
//   every service the store has a history of (the first 1,000; the other 10,000 have none);
// - events_restored_ms: when the event log's model has loaded its rows.
// The store holds 30 days of one-minute results for 1,000 probes (tests/support/benchstore.h),
// cached outside the checkout; --quick builds 2 days of them in a temporary folder (for CI).
//
// The probes are aimed at a closed loopback port (connections refused at once) with an hourly
// interval: the engine's start-up run goes on during the measurement, as it does every morning,
// without touching the network. Before the launch the bench records the morning's history (a state
// change of every probe 3 hours ago, so that the log's default span of 24 hours has rows whatever
// the age of the cached store); after it, what this run added is removed again, so that the cached
// store is the same for every run and for bench_store.
//
// Exits 1 when either figure is over the target of 1 s.

#include "benchstore.h"
#include "benchworkspace.h"
#include "boardview.h"
#include "eventlogpanel.h"
#include "mainwindow.h"
#include "models/eventlogmodel.h"
#include "models/serviceboardmodel.h"
#include "monitor/monitor.h"
#include "session/session.h"
#include "timechart.h"

#include <QApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <tuple>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;

namespace {

constexpr double TargetMs = 1000;
constexpr auto GiveUpAfter = 120s;

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH startup.%s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench_startup: %s\n", qPrintable(message));
    std::exit(1);
}

// Calls back at every paint of the object it filters.
class PaintWatcher final : public QObject
{
    Q_DISABLE_COPY_MOVE(PaintWatcher)

public:
    explicit PaintWatcher(std::function<void()> painted)
        : m_painted(std::move(painted))
    {}

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        const bool handled = QObject::eventFilter(watched, event);
        if (event->type() == QEvent::Paint)
            m_painted();
        return handled;
    }

private:
    std::function<void()> m_painted;
};

// What a run adds to the store is taken away after it: the rows past the last ones it had.
class StoreSnapshot final
{
    Q_DISABLE_COPY_MOVE(StoreSnapshot)

public:
    explicit StoreSnapshot(const QString &dataDir)
        : m_db(QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench-startup"_s))
    {
        m_db.setDatabaseName(QDir(dataDir).absoluteFilePath(u"vigie.sqlite"_s));
        if (!m_db.open())
            fail(m_db.lastError().text());
        m_lastResult = scalar(u"SELECT coalesce(max(rowid), 0) FROM results"_s);
        m_lastEvent = scalar(u"SELECT coalesce(max(id), 0) FROM events"_s);
        m_lastProbe = scalar(u"SELECT coalesce(max(id), 0) FROM probes"_s);
    }

    ~StoreSnapshot()
    {
        m_db.close();
        m_db = {};
        QSqlDatabase::removeDatabase(u"bench-startup"_s);
    }

    // Every stored probe went down 3 hours ago, and up 10 minutes later, and its service with it.
    void recordMorning()
    {
        const qint64 at = QDateTime::currentMSecsSinceEpoch() - 3 * 3600 * 1000;
        exec(u"BEGIN"_s);
        for (const auto &[offsetMs, from, to] : {std::tuple{0, "up", "down"}, std::tuple{600'000, "down", "up"}}) {
            for (const auto &[kind, index] :
                 {std::pair{"probe-state", "probe_index"}, std::pair{"service-state", "-1"}})
                exec(u"INSERT INTO events (ts_ms, kind, service_id, grp, probe_index, from_state, to_state, cause) "
                     "SELECT %1 + id * 37, '%2', service_id, printf('Fleet %%02d', (id - 1) / %3 + 1), %4, '%5', "
                     "'%6', 'the morning' FROM probes WHERE id <= %7 ORDER BY id"_s.arg(at + offsetMs)
                         .arg(QLatin1StringView(kind))
                         .arg(Bench::TilesPerGroup)
                         .arg(QLatin1StringView(index), QLatin1StringView(from), QLatin1StringView(to))
                         .arg(Bench::StoreProbes));
        }
        exec(u"COMMIT"_s);
    }

    // Removes the morning and whatever the session wrote. The newest state event of each key is
    // then the one with the highest id again: the bench stores write them in time order.
    void restore()
    {
        exec(u"BEGIN"_s);
        exec(u"DELETE FROM results WHERE rowid > %1"_s.arg(m_lastResult));
        exec(u"DELETE FROM events WHERE id > %1"_s.arg(m_lastEvent));
        exec(u"DELETE FROM probes WHERE id > %1"_s.arg(m_lastProbe));
        exec(u"DELETE FROM latest_state_events WHERE event_id > %1"_s.arg(m_lastEvent));
        exec(u"INSERT OR IGNORE INTO latest_state_events (service_id, probe_index, kind, event_id) "
             "SELECT service_id, probe_index, kind, max(id) FROM events WHERE kind IN ('probe-state', "
             "'service-state', 'maintenance-start', 'maintenance-end') GROUP BY service_id, probe_index, kind"_s);
        exec(u"COMMIT"_s);
    }

private:
    void exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            fail(u"%1: %2"_s.arg(sql.left(80), query.lastError().text()));
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql) || !query.next())
            fail(u"%1: %2"_s.arg(sql, query.lastError().text()));
        return query.value(0).toLongLong();
    }

    QSqlDatabase m_db;
    qint64 m_lastResult = 0;
    qint64 m_lastEvent = 0;
    qint64 m_lastProbe = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The window remembers the workspace it opened: not in the user's settings.
    QStandardPaths::setTestModeEnabled(true);
    Vigie::preferSerialRasterFills(); // as the console does
    QApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);

    QTemporaryDir dir;
    if (!dir.isValid())
        fail(u"cannot create a temporary folder: "_s + dir.errorString());
    const QString dataDir = quick ? dir.filePath(u"store"_s) : Bench::cachedStoreDir();
    const auto built = Bench::prepareStore(dataDir, quick ? Bench::QuickStoreDays : Bench::FullStoreDays, !quick);
    if (!built)
        fail(built.error());
    if (*built > 0)
        print("store_build_s", *built, "s");
    else
        std::printf("bench_startup: reusing the store in %s\n", qPrintable(dataDir));

    Workspace workspace = Bench::makeWorkspace(Bench::StorePort);
    for (Service &service : workspace.services)
        service.probes.first().interval = 1h;
    const QString workspacePath = dir.filePath(u"bench.yaml"_s);
    {
        QFile file(workspacePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(Bench::workspaceYaml(workspace)) < 0)
            fail(u"cannot write %1"_s.arg(workspacePath));
    }
    QStringList storedServices;
    for (int i = 0; i < Bench::StoreProbes; ++i)
        storedServices.append(workspace.services.at(i).id);

    StoreSnapshot snapshot(dataDir);
    snapshot.recordMorning();

    double boardMs = -1;
    double eventsMs = -1;
    int eventRows = 0;
    double windowMs = -1;
    double shownMs = -1;
    double storeMs = -1;
    double workspaceMs = -1;
    double restoredMs = -1;
    {
        QElapsedTimer clock;
        clock.start();
        Session session;
        session.setDataDir(dataDir);
        ServiceBoardModel model;
        MainWindow window(&session, &model);
        window.resize(1280, 800);

        auto *board = window.findChild<BoardView *>();
        auto *events = window.findChild<EventLogPanel *>();
        if (!board || !events)
            fail(u"the window has no board or no event log"_s);
        const auto everyTileKnown = [&] {
            for (const QString &id : storedServices) {
                const QModelIndex index = model.serviceIndex(id);
                if (!index.isValid() ||
                    !model.data(index, ServiceBoardModel::LastResultTimeRole).toDateTime().isValid())
                    return false;
            }
            return true;
        };
        // The model is checked as the paint begins: what it holds then is what this paint shows.
        PaintWatcher watcher([&] {
            if (boardMs < 0 && everyTileKnown())
                boardMs = clock.nsecsElapsed() / 1e6;
        });
        board->viewport()->installEventFilter(&watcher);
        QObject::connect(events->model(), &EventLogModel::loaded, &window, [&](int count) {
            if (eventsMs < 0 && count > 0) {
                eventsMs = clock.nsecsElapsed() / 1e6;
                eventRows = count;
            }
        });

        // Where the time goes, for the line after the figures.
        QObject::connect(&session, &Session::storeOpened, &window, [&] { storeMs = clock.nsecsElapsed() / 1e6; });
        QObject::connect(&session, &Session::workspaceOpened, &window,
                         [&] { workspaceMs = clock.nsecsElapsed() / 1e6; });
        QObject::connect(session.monitor(), &Monitor::resultsReady, &window, [&] {
            if (restoredMs < 0)
                restoredMs = clock.nsecsElapsed() / 1e6;
        });

        windowMs = clock.nsecsElapsed() / 1e6;
        window.show();
        window.openWorkspace(workspacePath);
        shownMs = clock.nsecsElapsed() / 1e6;
        const QDeadlineTimer deadline(GiveUpAfter);
        while ((boardMs < 0 || eventsMs < 0) && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        board->viewport()->removeEventFilter(&watcher);
        if (boardMs < 0 || eventsMs < 0)
            fail(u"after %1 s: the board %2, the event log %3"_s
                     .arg(std::chrono::duration_cast<std::chrono::seconds>(GiveUpAfter).count())
                     .arg(boardMs < 0 ? u"never showed every stored service"_s : u"was painted"_s,
                          eventsMs < 0 ? u"never had rows"_s : u"had its rows"_s));
        session.close();
    }
    snapshot.restore();

    std::printf("bench_startup: %lld services, %d of them with %d days of history in %s; %d rows in the event log\n",
                qint64(workspace.services.size()), Bench::StoreProbes,
                quick ? Bench::QuickStoreDays : Bench::FullStoreDays, qPrintable(dataDir), eventRows);
    std::printf("bench_startup: window made at %.0f ms, shown at %.0f ms; ", windowMs, shownMs);
    std::printf("store open at %.0f ms, workspace loaded at %.0f ms, first results on the board at "
                "%.0f ms\n",
                storeMs, workspaceMs, restoredMs);
    print("board_painted_ms", boardMs, "ms");
    print("events_restored_ms", eventsMs, "ms");
    if (boardMs > TargetMs || eventsMs > TargetMs) {
        std::fprintf(stderr, "bench_startup: over the target of %.0f ms\n", TargetMs);
        return 1;
    }
    return 0;
}
