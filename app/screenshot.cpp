#include "screenshot.h"

#include "boardview.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "models/noticelistmodel.h"
#include "models/serviceboardmodel.h"
#include "noticesview.h"
#include "palettes.h"
#include "servicedetailpanel.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextStream>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

bool everyServiceHasResult(const ServiceBoardModel &model)
{
    const int groups = model.rowCount();
    if (groups == 0)
        return false;
    for (int g = 0; g < groups; ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int s = 0, n = model.rowCount(group); s < n; ++s)
            if (!model.index(s, 0, group).data(ServiceBoardModel::LastResultTimeRole).toDateTime().isValid())
                return false;
    }
    return true;
}

// Beside a screenshot, what the board showed: each tile's service, state and place in the window,
// so that a test can check the picture against it.
void writeBoardDump(const QWidget &window, const ServiceBoardModel &model, const QString &path)
{
    // The wall's board when there is one (the console keeps one for the wall it may open).
    const auto *board = window.findChild<BoardView *>(u"wallBoard"_s);
    if (!board || !board->isVisible())
        board = window.findChild<BoardView *>(u"board"_s);
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
                {u"service"_s, service.data(ServiceBoardModel::IdRole).toString()},
                {u"group"_s, group.data().toString()},
                {u"state"_s, healthStateName(HealthState(service.data(ServiceBoardModel::StateRole).toInt()))},
                {u"state_text"_s, service.data(ServiceBoardModel::StateTextRole).toString()},
                {u"presentation"_s, QLatin1StringView(QMetaEnum::fromType<ServiceBoardModel::Presentation>().valueToKey(
                                                          service.data(ServiceBoardModel::PresentationRole).toInt()))
                                        .toString()
                                        .toLower()},
                {u"alarm"_s, service.data(ServiceBoardModel::AlarmRole).toBool()},
                {u"visible"_s, board->viewport()->rect().intersects(rect)},
                {u"rect"_s, QJsonArray{topLeft.x(), topLeft.y(), rect.width(), rect.height()}},
            });
        }
    }
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(QJsonObject{{u"tiles"_s, tiles},
                                             {u"dark"_s, window.palette().window().color().lightness() < 128}})
                       .toJson());
}

void takeScreenshot(QWidget &window, ServiceBoardModel &model, const QString &file, bool quitAfter)
{
    // The model holds back notifications for up to 100 ms: push them out so the picture is current.
    model.flushPendingChanges();
    QCoreApplication::processEvents();
    const QString absolute = QFileInfo(file).absoluteFilePath();
    const bool saved = window.grab().save(absolute, "PNG");
    if (saved) {
        writeBoardDump(window, model, absolute + u".json"_s);
        QTextStream(stdout) << absolute << Qt::endl;
    } else {
        QTextStream(stderr) << MainWindow::tr(
                                   "Vigie could not save the screenshot to %1: check that the folder exists and is "
                                   "writable.")
                                   .arg(QDir::toNativeSeparators(absolute))
                            << Qt::endl;
    }
    if (quitAfter)
        QCoreApplication::exit(saved ? 0 : 1);
}

// What the picture shows besides the board, for the README and the smoke tests (test-only, from
// the environment: the product reads none of these):
// - VIGIE_SCREENSHOT_SIZE=WxH: the window's size (1280x800, a laptop; 1920x1080, a wall screen);
// - VIGIE_SCREENSHOT_PALETTE=dark: the console's dark palette;
// - VIGIE_SCREENSHOT_SERVICE=ID: that service selected, its detail given half the window and the
//   event log closed, and the picture taken once its charts have loaded;
// - VIGIE_SCREENSHOT_VIEW=problems: the console's "problems first" view;
// - VIGIE_SCREENSHOT_DOCK=reports: the Reports tab in front of the event log;
// - VIGIE_SCREENSHOT_DOCK=notices: the Notices tab in front, given two thirds of the height, with
//   the most recently changed notice in the editor and its preview rendered.
struct ScreenshotScene
{
    QString service;
    bool reports = false;
    bool notices = false;
};

ScreenshotScene setUpScene(QWidget &window)
{
    if (qEnvironmentVariable("VIGIE_SCREENSHOT_PALETTE") == u"dark"_s)
        QApplication::setPalette(darkPalette());
    // VIGIE_SCREENSHOT_VIEW=problems: the console's "problems first" view.
    if (qEnvironmentVariable("VIGIE_SCREENSHOT_VIEW") == u"problems"_s)
        if (auto *action = window.findChild<QAction *>(u"problemsAction"_s))
            action->trigger();
    const QRegularExpressionMatch size =
        QRegularExpression(u"^(\\d+)x(\\d+)$"_s).match(qEnvironmentVariable("VIGIE_SCREENSHOT_SIZE"));
    if (size.hasMatch())
        window.resize(size.captured(1).toInt(), size.captured(2).toInt());
    ScreenshotScene scene;
    scene.service = qEnvironmentVariable("VIGIE_SCREENSHOT_SERVICE");
    scene.reports = qEnvironmentVariable("VIGIE_SCREENSHOT_DOCK") == u"reports"_s;
    if (scene.reports)
        if (auto *dock = window.findChild<QDockWidget *>(u"reportsDock"_s))
            dock->raise();
    scene.notices = qEnvironmentVariable("VIGIE_SCREENSHOT_DOCK") == u"notices"_s;
    if (scene.notices)
        if (auto *dock = window.findChild<QDockWidget *>(u"noticesDock"_s)) {
            dock->raise();
            if (auto *main = qobject_cast<QMainWindow *>(&window))
                main->resizeDocks({dock}, {window.height() * 2 / 3}, Qt::Vertical);
        }
    return scene;
}

// Selects the scene's service once the board shows it, and says when its charts have loaded.
void selectService(QWidget &window, ServiceBoardModel &model, const QString &service,
                   const std::shared_ptr<bool> &chartsLoaded)
{
    auto *board = window.findChild<BoardView *>(u"board"_s);
    auto *detail = window.findChild<ServiceDetailPanel *>();
    const QModelIndex index = model.serviceIndex(service);
    if (!board || !detail || !index.isValid())
        return;
    // Loaded: an answer with points, then a second with no query on its way since (a first answer
    // may have been asked for while the detail was still being laid out at its new width).
    auto quiet = std::make_shared<QElapsedTimer>();
    QObject::connect(detail, &ServiceDetailPanel::chartLoaded, &window,
                     [service, quiet](const QString &id, int points) {
                         if (id == service && points > 0)
                             quiet->start();
                     });
    auto *settle = new QTimer(&window);
    settle->setInterval(100);
    QObject::connect(settle, &QTimer::timeout, &window, [settle, detail, quiet, chartsLoaded] {
        if (quiet->isValid() && quiet->elapsed() > 1000 && !detail->charts()->isFetching()) {
            *chartsLoaded = true;
            settle->deleteLater();
        }
    });
    settle->start();
    // The charts get the window's height, as when the event log is closed (F8).
    for (const QString &name : {u"eventsDock"_s, u"reportsDock"_s, u"noticesDock"_s})
        if (auto *dock = window.findChild<QDockWidget *>(name))
            dock->hide();
    if (auto *splitter = detail->parentWidget() ? qobject_cast<QSplitter *>(detail->parentWidget()) : nullptr)
        splitter->setSizes({splitter->width() / 2, splitter->width() - splitter->width() / 2});
    board->setCurrentIndex(index);
}

// Once the notices are read, shows the newest in the editor; says when its preview is rendered.
void showNewestNotice(QWidget &window, const std::shared_ptr<bool> &asked, const std::shared_ptr<bool> &shown)
{
    auto *view = window.findChild<NoticesView *>();
    if (!view || *asked || view->noticeModel()->rowCount() == 0)
        return;
    *asked = true;
    auto loaded = std::make_shared<bool>(false);
    QObject::connect(view, &NoticesView::noticeLoaded, &window, [loaded] { *loaded = true; });
    QObject::connect(view, &NoticesView::previewUpdated, &window, [loaded, shown] {
        if (*loaded)
            *shown = true;
    });
    view->showNotice(view->noticeModel()->index(0, 0).data(NoticeListModel::NoticeIdRole).toLongLong());
}

} // namespace

void scheduleScreenshot(QWidget &window, ServiceBoardModel &model, const QString &path, bool quitAfter, int maxWaitMs)
{
    const ScreenshotScene scene = setUpScene(window);
    auto chartsLoaded = std::make_shared<bool>(scene.service.isEmpty());
    auto selected = std::make_shared<bool>(scene.service.isEmpty());
    auto noticeAsked = std::make_shared<bool>(!scene.notices);
    auto noticeShown = std::make_shared<bool>(!scene.notices);
    auto *poll = new QTimer(&window);
    poll->setInterval(100);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    QObject::connect(poll, &QTimer::timeout, &window,
                     [&window, &model, poll, elapsed, path, quitAfter, maxWaitMs, scene, chartsLoaded, selected,
                      noticeAsked, noticeShown] {
                         if (!*selected && model.serviceIndex(scene.service).isValid()) {
                             *selected = true;
                             selectService(window, model, scene.service, chartsLoaded);
                         }
                         if (!*noticeAsked)
                             showNewestNotice(window, noticeAsked, noticeShown);
                         if ((!everyServiceHasResult(model) || !*chartsLoaded || !*noticeShown) &&
                             elapsed->elapsed() < maxWaitMs)
                             return;
                         poll->stop();
                         poll->deleteLater();
                         takeScreenshot(window, model, path, quitAfter);
                     });
    poll->start();
}

} // namespace Vigie
