#include "console.h"

#include "mainwindow.h"
#include "preferences.h"
#include "screenshot.h"
#include "unixsignalwatcher.h"

#include "models/serviceboardmodel.h"
#include "session/session.h"
#include "timechart.h"
#include "wallwindow.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Vigie {

int runConsole(int &argc, char **argv, const Options &options)
{
    preferSerialRasterFills();
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"Vigie"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/vigie.svg"_s));
    // What Tools › Settings… chose applies at the next start (language, data folder); the command
    // line's options win over it.
    const Preferences preferences = Preferences::load();
    installTranslations(app, options.language.isEmpty() ? preferences.language : options.language);

    // The session opens the store and the workspace off the GUI thread; the window shows at once
    // and fills in when they are ready.
    Session session;
    const QString dataDir = !options.dataDir.isEmpty()          ? options.dataDir
                            : !preferences.dataFolder.isEmpty() ? preferences.dataFolder
                                                                : Options::defaultDataDir();
    session.setDataDir(QDir(dataDir).absolutePath());
    session.setReloadOnChange(true);
    ServiceBoardModel model;
    QString workspace = options.workspace;
    if (workspace.isEmpty())
        workspace = QSettings().value(u"workspace/last"_s).toString();

    // A dedicated wall: the wall window alone, fed like the console's board; no menu, no dialog.
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<WallWindow> wall;
    if (options.wall) {
        QObject::connect(&session, &Session::workspaceOpened, &model,
                         [&model](const QString &, const Workspace &opened) { model.setWorkspace(opened); });
        model.follow(session.monitor());
        wall = std::make_unique<WallWindow>(&session, &model);
        wall->applyPreferences(preferences, options.screen, -1);
        wall->showOnScreen();
        if (!workspace.isEmpty())
            session.open(workspace);
        if (!options.screenshot.isEmpty())
            scheduleScreenshot(*wall, model, options.screenshot, options.quitAfterScreenshot);
    } else {
        window = std::make_unique<MainWindow>(&session, &model);
        window->show();
        if (!workspace.isEmpty())
            window->openWorkspace(workspace);
        if (!options.screenshot.isEmpty())
            scheduleScreenshot(*window, model, options.screenshot, options.quitAfterScreenshot);
    }

    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, &QCoreApplication::quit);

    const int code = QApplication::exec();
    // The last batch is stored, as `vigie watch` does.
    session.close();
    return code;
}

} // namespace Vigie
