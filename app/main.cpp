#include "boardview.h"
#include "checkcommand.h"
#include "mainwindow.h"
#include "options.h"
#include "secretcommand.h"
#include "unixsignalwatcher.h"
#include "watchcommand.h"

#include "models/serviceboardmodel.h"
#include "monitor/monitor.h"
#include "store/resultstore.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QMetaEnum>
#include <QSettings>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace Vigie;

namespace {

// English is the source language; any other supported language gets its translations, Qt's own
// included (standard dialogs and buttons). A language Vigie does not speak, or none at all (the C
// locale of a service or a minimal container), gets English with its plural forms ("1 probe",
// "15 probes"), which only the English translation holds.
void installTranslations(QCoreApplication &app, const QString &requested)
{
    const QLocale locale = requested.isEmpty() ? QLocale::system() : QLocale(requested);
    if (!requested.isEmpty())
        QLocale::setDefault(locale);
    auto *vigie = new QTranslator(&app);
    if (vigie->load(locale, QStringLiteral("vigie"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        vigie->load(QStringLiteral("vigie_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(vigie);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Vigie"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("vigie.org"));
    QCoreApplication::setApplicationName(QStringLiteral("vigie"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIE_VERSION));
}

bool needsDisplay(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if ((i == 1 && Options::isCommandLineOnly(QString::fromLocal8Bit(arg))) || arg == "-h" || arg == "--help" ||
            arg == "-v" || arg == "--version")
            return false;
    }
    return true;
}

int runCommandLine(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    installTranslations(app, languageFromArguments(app.arguments()));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const Options options = Options::parse(app.arguments());
    switch (options.mode) {
    case Options::Mode::Help:
        out << options.helpText;
        return 0;
    case Options::Mode::Version:
        out << QStringLiteral("vigie %1\n").arg(QCoreApplication::applicationVersion());
        return 0;
    case Options::Mode::Error:
        err << QStringLiteral("vigie: ") << options.errorText << '\n';
        return 2;
    case Options::Mode::Check:
        return CheckCommand::run(options.workspace, options.json, out, err);
    case Options::Mode::Watch:
        return WatchCommand::run(options.workspace,
                                 options.dataDir.isEmpty() ? Options::defaultDataDir() : options.dataDir,
                                 options.watchFor, out, err);
    case Options::Mode::SecretSet:
        return SecretCommand::set(options.secretName, out, err);
    case Options::Mode::SecretDelete:
        return SecretCommand::remove(options.secretName, out, err);
    case Options::Mode::SecretCheck:
        return SecretCommand::check(options.workspace, out, err);
    case Options::Mode::Console:
        break;
    }
    return 2;
}

// Beside a screenshot, what the board showed: each tile's service, state and place in the window,
// so that a test can check the picture against it.
void writeBoardDump(const MainWindow &window, const ServiceBoardModel &model, const QString &path)
{
    const auto *board = window.findChild<BoardView *>();
    if (!board)
        return;
    QJsonArray tiles;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r) {
            const QModelIndex service = model.index(r, 0, group);
            const QRect rect = board->visualRect(service);
            const QPoint topLeft = board->viewport()->mapTo(&window, rect.topLeft());
            tiles.append(QJsonObject{
                {QStringLiteral("service"), service.data(ServiceBoardModel::IdRole).toString()},
                {QStringLiteral("group"), group.data().toString()},
                {QStringLiteral("state"),
                 healthStateName(HealthState(service.data(ServiceBoardModel::StateRole).toInt()))},
                {QStringLiteral("state_text"), service.data(ServiceBoardModel::StateTextRole).toString()},
                {QStringLiteral("presentation"),
                 QLatin1StringView(QMetaEnum::fromType<ServiceBoardModel::Presentation>().valueToKey(
                                       service.data(ServiceBoardModel::PresentationRole).toInt()))
                     .toString()
                     .toLower()},
                {QStringLiteral("alarm"), service.data(ServiceBoardModel::AlarmRole).toBool()},
                {QStringLiteral("visible"), board->viewport()->rect().intersects(rect)},
                {QStringLiteral("rect"), QJsonArray{topLeft.x(), topLeft.y(), rect.width(), rect.height()}},
            });
        }
    }
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(
            QJsonDocument(QJsonObject{{QStringLiteral("tiles"), tiles},
                                      {QStringLiteral("dark"), window.palette().window().color().lightness() < 128}})
                .toJson());
}

} // namespace

int main(int argc, char **argv)
{
    if (!needsDisplay(argc, argv))
        return runCommandLine(argc, argv);

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Vigie"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/vigie.svg")));
    installTranslations(app, languageFromArguments(app.arguments()));

    const Options options = Options::parse(app.arguments());
    if (options.mode == Options::Mode::Error) {
        std::fprintf(stderr, "vigie: %s\n", qPrintable(options.errorText));
        return 2;
    }

    const QString dataDir =
        options.dataDir.isEmpty() ? Options::defaultDataDir() : QDir(options.dataDir).absolutePath();

    ResultStore store;
    ServiceBoardModel model;
    Monitor monitor;
    MainWindow window(&monitor, &store, &model);
    window.show();

    // The store opens on a worker thread; the window shows at once and fills in when it is ready.
    window.openStore(dataDir);

    QString workspace = options.workspace;
    if (workspace.isEmpty())
        workspace = QSettings().value(QStringLiteral("workspace/last")).toString();
    if (!workspace.isEmpty())
        window.openWorkspace(workspace);
    if (!options.screenshot.isEmpty()) {
        QObject::connect(&window, &MainWindow::screenshotSaved, &window, [&window, &model](const QString &png) {
            writeBoardDump(window, model, png + QStringLiteral(".json"));
        });
        window.scheduleScreenshot(options.screenshot, options.quitAfterScreenshot);
    }

    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, &QCoreApplication::quit);

    const int code = QApplication::exec();
    monitor.stop();
    return code;
}
