#include "mainwindow.h"

#include "alerts/alertcenter.h"
#include "boardview.h"
#include "desktopnotifier.h"
#include "eventlogpanel.h"
#include "models/eventlogmodel.h"
#include "models/problemsmodel.h"
#include "models/serviceboardmodel.h"
#include "monitor/monitor.h"
#include "notices/historydraft.h"
#include "notices/outboxrelay.h"
#include "noticesview.h"
#include "preferences.h"
#include "problemdelegate.h"
#include "problemsview.h"
#include "reportsview.h"
#include "servicedetailpanel.h"
#include "session/session.h"
#include "settingsdialog.h"
#include "stateicons.h"
#include "store/resultstore.h"
#include "traycontroller.h"
#include "wallview.h"
#include "wallwindow.h"
#include "workspace/workspaceloader.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// The in-window report of a workspace that could not be opened: unlike a dialog it never blocks,
// and the list stays on screen while the engineer fixes the file.
class ErrorBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorBanner)

public:
    ErrorBanner(const QString &objectName, const QString &accessibleName, QWidget *parent)
        : QFrame(parent)
        , m_icon(new QLabel(this))
        , m_title(new QLabel(this))
        , m_list(new QPlainTextEdit(this))
    {
        setObjectName(objectName);
        setAccessibleName(accessibleName);
        setFrameShape(QFrame::StyledPanel);
        setAutoFillBackground(true);
        m_title->setWordWrap(true);
        QFont bold = m_title->font();
        bold.setBold(true);
        m_title->setFont(bold);
        m_list->setReadOnly(true);
        m_list->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        m_list->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_list->setAccessibleName(MainWindow::tr("Error list"));
        auto *close = new QToolButton(this);
        close->setText(MainWindow::tr("Dismiss"));
        close->setAutoRaise(true);
        connect(close, &QToolButton::clicked, this, &QWidget::hide);

        auto *top = new QHBoxLayout;
        top->addWidget(m_icon);
        top->addWidget(m_title, 1);
        top->addWidget(close);
        auto *layout = new QVBoxLayout(this);
        layout->addLayout(top);
        layout->addWidget(m_list);
        hide();
    }

    void showErrors(const QString &title, const QStringList &lines)
    {
        m_title->setText(title);
        m_list->setPlainText(lines.join(u'\n'));
        m_list->setVisible(!lines.isEmpty());
        // Room for each error to wrap twice; longer lists scroll.
        const int visibleLines = std::clamp(int(lines.size()) * 3, 3, 12);
        m_list->setFixedHeight(m_list->fontMetrics().lineSpacing() * visibleLines + m_list->frameWidth() * 2 + 8);
        restyle();
        show();
    }

    QString text() const { return m_title->text() + u'\n' + m_list->toPlainText(); }

protected:
    void changeEvent(QEvent *event) override
    {
        QFrame::changeEvent(event);
        if (event->type() == QEvent::PaletteChange && !m_restyling)
            restyle();
    }

private:
    void restyle()
    {
        m_restyling = true;
        QPalette pal = parentWidget() ? parentWidget()->palette() : QApplication::palette();
        const QColor down = StateIcons::color(HealthState::Down, pal);
        const QColor window = pal.color(QPalette::Window);
        const qreal t = StateIcons::isDark(pal) ? 0.22 : 0.12;
        pal.setColor(QPalette::Window, StateIcons::mix(window, down, t));
        setPalette(pal);
        const int size = m_title->fontMetrics().height();
        m_icon->setPixmap(StateIcons::pixmap(HealthState::Down, size, devicePixelRatioF(), pal));
        m_restyling = false;
    }

    QLabel *m_icon;
    QLabel *m_title;
    QPlainTextEdit *m_list;
    bool m_restyling = false;
};

// A status bar text in the colour of a state, which follows the palette (light or dark).
class StateLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateLabel)

public:
    StateLabel() = default;

    void setStateText(const QString &text, std::optional<HealthState> colourOf)
    {
        setText(text);
        m_state = colourOf;
        recolour();
    }

protected:
    void changeEvent(QEvent *event) override
    {
        QLabel::changeEvent(event);
        if (event->type() == QEvent::PaletteChange && !m_recolouring)
            recolour();
    }

private:
    void recolour()
    {
        m_recolouring = true;
        QPalette own;
        const QPalette inherited = parentWidget() ? parentWidget()->palette() : QApplication::palette();
        if (m_state)
            own.setColor(QPalette::WindowText, StateIcons::color(*m_state, inherited));
        setPalette(own);
        m_recolouring = false;
    }

    std::optional<HealthState> m_state;
    bool m_recolouring = false;
};

} // namespace

struct MainWindow::Private
{
    Private(MainWindow *window, Session *shown, ServiceBoardModel *boardModel)
        : q(window)
        , session(shown)
        , model(boardModel)
    {}

    MainWindow *q;
    Session *session;
    ServiceBoardModel *model;

    BoardView *board = nullptr;
    ProblemsModel problems;
    ProblemsView *problemsView = nullptr;
    QStackedWidget *centre = nullptr;
    QLabel *alarmsTitle = nullptr;
    WallWindow *wall = nullptr;
    ServiceDetailPanel *detail = nullptr;
    QSplitter *splitter = nullptr;
    ErrorBanner *errors = nullptr;
    ErrorBanner *storeErrors = nullptr;
    ErrorBanner *secretErrors = nullptr;
    EventLogPanel *events = nullptr;
    QDockWidget *eventsDock = nullptr;
    ReportsView *reports = nullptr;
    QDockWidget *reportsDock = nullptr;
    NoticesView *notices = nullptr;
    QDockWidget *noticesDock = nullptr;
    QLabel *workspaceLabel = nullptr;
    QLabel *runningLabel = nullptr;
    StateLabel *failingLabel = nullptr;
    QAction *reloadAction = nullptr;
    QAction *detailAction = nullptr;
    QAction *boardAction = nullptr;

    // The desktop's side (setUpDesktop()): the tray icon when there is a system tray, the
    // notifications, and muting them for a while.
    TrayController *tray = nullptr;
    DesktopNotifier *notifier = nullptr;
    // The Alerts menu's actions that need a service chosen.
    QList<QAction *> serviceAlertActions;
    bool quitting = false; // the application is quitting: the window closes for good

    // The file shown, or the one that failed to open first (reload retries it).
    QString path;
    // "Vigie", or "Test lab — Vigie" once a workspace is shown; the window's title adds what fails.
    QString title;

    void createMenus();
    void showWorkspace(const Workspace &workspace, const QString &absolutePath);
    void showSecrets(const QStringList &missing, const QString &keychainError);
    void showErrors(const QString &absolutePath, const QList<WorkspaceError> &errors);
    void updateRunning(int running);
    void updateFailing();
    void connectNotices();
    void draftNotice(const HistoryDraftRequest &request);
    QWidget *createOverview();
    void showService(const QString &serviceId);
    void showWall();
    void setUpDesktop();
    void applyPreferences(const Preferences &preferences);
    void showSettings();
    void showWindow();
    void toggleWindow();
    void connectAlerts();
    void showSilences();
    void acknowledgeCurrent();
    void mute(Mute::Scope scope, const QString &target, qint64 untilMs);
    void unmuteAll();
    // The Alerts menu's service actions, for the service shown in the detail panel.
    void updateAlertActions();
    void updateTitle(const StateCounts &counts);
};

MainWindow::MainWindow(Session *session, ServiceBoardModel *model, QWidget *parent)
    : QMainWindow(parent)
    , d(std::make_unique<Private>(this, session, model))
{
    d->title = tr("Vigie");
    setWindowTitle(d->title);
    setMinimumSize(720, 480);

    d->board = new BoardView;
    d->board->setObjectName(u"board"_s);
    d->board->setModel(model);
    d->board->setAccessibleName(tr("Service board"));
    d->board->setPlaceholderText(tr("No workspace is open.\nUse File › Open Workspace… (Ctrl+O) to choose one."));
    // Tiles grow with the room they have, up to half as large again as the desktop's font.
    const int basePixels = QFontInfo(font()).pixelSize();
    d->board->setFontSizeRange(basePixels, basePixels * 3 / 2);
    d->problems.setSourceModel(model);
    d->problemsView = new ProblemsView;
    d->problemsView->setObjectName(u"problemsView"_s);
    d->problemsView->setProblems(&d->problems);
    d->problemsView->setPlaceholderText(
        tr("No alarm: every service is up, in maintenance, or waiting for its first result."));
    d->centre = new QStackedWidget;
    d->centre->addWidget(d->board);
    d->centre->addWidget(d->problemsView);
    ResultStore *store = session->isStoreOpen() ? session->store() : nullptr;
    d->detail = new ServiceDetailPanel(model, store);
    if (session->isSeriesStoreOpen())
        d->detail->setSeriesStore(session->seriesStore(), session->promqlSource());
    d->events = new EventLogPanel;
    d->events->setObjectName(u"eventLog"_s);
    if (store)
        d->events->setStore(store);
    d->eventsDock = new QDockWidget(tr("Events"), this);
    d->eventsDock->setObjectName(u"eventsDock"_s);
    d->eventsDock->setWidget(d->events);
    d->eventsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                               QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, d->eventsDock);
    // Reports: a tab beside the event log, where the history already is.
    d->reports = new ReportsView;
    d->reports->setObjectName(u"reports"_s);
    if (store)
        d->reports->setStore(store);
    d->reportsDock = new QDockWidget(tr("Reports"), this);
    d->reportsDock->setObjectName(u"reportsDock"_s);
    d->reportsDock->setWidget(d->reports);
    d->reportsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                                QDockWidget::DockWidgetFloatable);
    tabifyDockWidget(d->eventsDock, d->reportsDock);
    // Notices: a third tab; the editor needs room, so choosing it gives the docks most of the height.
    d->notices = new NoticesView;
    d->notices->setObjectName(u"notices"_s);
    d->noticesDock = new QDockWidget(tr("Notices"), this);
    d->noticesDock->setObjectName(u"noticesDock"_s);
    d->noticesDock->setWidget(d->notices);
    d->noticesDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                                QDockWidget::DockWidgetFloatable);
    tabifyDockWidget(d->reportsDock, d->noticesDock);
    d->connectNotices();
    connect(d->reports, &ReportsView::draftNoticeRequested, this,
            [this](const HistoryDraftRequest &request) { d->draftNotice(request); });
    d->eventsDock->raise();

    d->detail->setOverview(d->createOverview());
    d->splitter = new QSplitter(Qt::Horizontal);
    d->splitter->addWidget(d->centre);
    d->splitter->addWidget(d->detail);
    d->splitter->setStretchFactor(0, 3);
    d->splitter->setStretchFactor(1, 1);
    d->splitter->setCollapsible(0, false);
    d->splitter->setCollapsible(1, true);
    const int detailWidth = fontMetrics().averageCharWidth() * 60;
    d->detail->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
    d->splitter->setSizes({1280 - detailWidth, detailWidth});

    d->errors = new ErrorBanner(u"workspaceErrors"_s, tr("Workspace errors"), this);
    d->storeErrors = new ErrorBanner(u"storeErrors"_s, tr("Results database error"), this);
    d->secretErrors = new ErrorBanner(u"secretErrors"_s, tr("Missing secrets"), this);
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(d->storeErrors);
    layout->addWidget(d->secretErrors);
    layout->addWidget(d->errors);
    layout->addWidget(d->splitter, 1);
    setCentralWidget(central);

    d->workspaceLabel = new QLabel;
    d->runningLabel = new QLabel;
    d->failingLabel = new StateLabel;
    statusBar()->addPermanentWidget(d->failingLabel);
    statusBar()->addPermanentWidget(d->runningLabel);
    statusBar()->addPermanentWidget(d->workspaceLabel);
    d->createMenus();
    d->setUpDesktop();

    connect(d->board->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        d->detail->setServiceId(current.data(ServiceBoardModel::IdRole).toString());
        d->updateAlertActions();
    });
    connect(d->events, &EventLogPanel::serviceActivated, this,
            [this](const QString &serviceId) { d->showService(serviceId); });
    connect(d->problemsView, &ProblemsView::serviceActivated, this,
            [this](const QString &serviceId) { d->showService(serviceId); });
    connect(d->problemsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    d->detail->setServiceId(current.data(ServiceBoardModel::IdRole).toString());
                d->updateAlertActions();
            });
    // The board is fed by the monitor alone: live results, and at start the last stored ones.
    Monitor *monitor = session->monitor();
    model->follow(monitor);
    connect(monitor, &Monitor::runningCountChanged, this, [this](int running) { d->updateRunning(running); });
    connect(model, &QAbstractItemModel::dataChanged, this, [this] { d->updateFailing(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { d->updateFailing(); });
    connect(session, &Session::workspaceOpened, this,
            [this](const QString &path, const Workspace &workspace) { d->showWorkspace(workspace, path); });
    connect(session, &Session::workspaceFailed, this,
            [this](const QString &path, const QList<WorkspaceError> &errors) { d->showErrors(path, errors); });
    connect(session, &Session::secretsRead, this,
            [this](const QStringList &missing, const QString &error) { d->showSecrets(missing, error); });
    connect(session, &Session::storeOpened, this, [this] {
        d->storeErrors->hide();
        d->detail->setStore(d->session->store());
        d->events->setStore(d->session->store());
        d->reports->setStore(d->session->store());
    });
    connect(session, &Session::noticeStoreOpened, this, [this] { d->connectNotices(); });
    connect(session, &Session::noticeStoreFailed, this, [this](const QString &reason) {
        d->notices->setStoreError(tr("Vigie could not open its notices database in %1: drafting and publishing "
                                     "are off. %2")
                                      .arg(QDir::toNativeSeparators(d->session->dataDir()), reason));
    });
    connect(session, &Session::seriesStoreOpened, this,
            [this] { d->detail->setSeriesStore(d->session->seriesStore(), d->session->promqlSource()); });
    connect(session, &Session::storeFailed, this, [this](const QString &reason) {
        // Health starts afresh and nothing is kept, but probing goes on.
        d->storeErrors->showErrors(tr("Vigie could not open its results database in %1: results are shown "
                                      "but not kept, and the charts stay empty.")
                                       .arg(QDir::toNativeSeparators(d->session->dataDir())),
                                   {reason});
    });
    d->updateRunning(monitor->runningCount());
    d->updateFailing();
    if (!session->workspacePath().isEmpty())
        d->showWorkspace(session->workspace(), session->workspacePath());

    QSize size(1280, 800);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableSize() * 0.95);
    resize(size);
    // The board comes first: the event log starts as a strip a few rows high.
    resizeDocks({d->eventsDock}, {size.height() / 4}, Qt::Vertical);
}

MainWindow::~MainWindow() = default;

void MainWindow::Private::createMenus()
{
    QMenu *file = q->menuBar()->addMenu(MainWindow::tr("&File"));
    QAction *open = file->addAction(MainWindow::tr("&Open Workspace…"));
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    QObject::connect(open, &QAction::triggered, q, [this] {
        const QString start = path.isEmpty() ? QString() : QFileInfo(path).absolutePath();
        const QString chosen =
            QFileDialog::getOpenFileName(q, MainWindow::tr("Open Workspace"), start,
                                         MainWindow::tr("Vigie workspaces (*.yaml *.yml);;All files (*)"));
        if (!chosen.isEmpty())
            q->openWorkspace(chosen);
    });
    reloadAction = file->addAction(MainWindow::tr("&Reload"));
    reloadAction->setShortcut(QKeySequence(Qt::Key_F5));
    reloadAction->setEnabled(false);
    QObject::connect(reloadAction, &QAction::triggered, q, [this] {
        if (!path.isEmpty())
            q->openWorkspace(path);
    });
    file->addSeparator();
    QAction *quit = file->addAction(MainWindow::tr("&Quit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    QObject::connect(quit, &QAction::triggered, qApp, &QCoreApplication::quit);

    QMenu *view = q->menuBar()->addMenu(MainWindow::tr("&View"));
    detailAction = view->addAction(MainWindow::tr("Service &Detail"));
    detailAction->setCheckable(true);
    detailAction->setChecked(true);
    detailAction->setShortcut(QKeySequence(Qt::Key_F9));
    QAction *eventsAction = eventsDock->toggleViewAction();
    eventsAction->setText(MainWindow::tr("&Events"));
    eventsAction->setShortcut(QKeySequence(Qt::Key_F8));
    view->addAction(eventsAction);
    QAction *reportsAction = reportsDock->toggleViewAction();
    reportsAction->setText(MainWindow::tr("&Reports"));
    reportsAction->setShortcut(QKeySequence(Qt::Key_F7));
    view->addAction(reportsAction);
    // Chosen from the menu, the tab comes to the front.
    QObject::connect(reportsAction, &QAction::triggered, q, [this](bool shown) {
        if (shown)
            reportsDock->raise();
    });
    QAction *noticesAction = noticesDock->toggleViewAction();
    noticesAction->setText(MainWindow::tr("&Notices"));
    noticesAction->setShortcut(QKeySequence(Qt::Key_F6));
    view->addAction(noticesAction);
    QObject::connect(noticesAction, &QAction::triggered, q, [this](bool shown) {
        if (!shown)
            return;
        noticesDock->raise();
        // The editor wants most of the window; the board keeps a strip above it.
        if (!noticesDock->isFloating())
            q->resizeDocks({noticesDock}, {q->height() * 2 / 3}, Qt::Vertical);
    });
    view->addSeparator();
    // The board, or only what needs someone: the view an on-call engineer opens first.
    auto *layouts = new QActionGroup(q);
    boardAction = view->addAction(MainWindow::tr("&Board"));
    boardAction->setObjectName(u"boardAction"_s);
    boardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *problemsAction = view->addAction(MainWindow::tr("&Problems First"));
    problemsAction->setObjectName(u"problemsAction"_s);
    problemsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    for (QAction *action : {boardAction, problemsAction}) {
        action->setCheckable(true);
        layouts->addAction(action);
    }
    boardAction->setChecked(true);
    QObject::connect(boardAction, &QAction::triggered, q, [this] { centre->setCurrentWidget(board); });
    QObject::connect(problemsAction, &QAction::triggered, q, [this] {
        centre->setCurrentWidget(problemsView);
        problemsView->setFocus();
    });
    QAction *wallAction = view->addAction(MainWindow::tr("&Wall Display"));
    wallAction->setObjectName(u"wallAction"_s);
    wallAction->setShortcut(QKeySequence(Qt::Key_F11));
    QObject::connect(wallAction, &QAction::triggered, q, [this] { showWall(); });
    view->addSeparator();
    QObject::connect(detailAction, &QAction::toggled, q, [this](bool shown) {
        if (shown && splitter->sizes().value(1) == 0) {
            const int width = detail->minimumWidth() * 3 / 2;
            splitter->setSizes({std::max(1, splitter->width() - width), width});
        }
        detail->setVisible(shown);
    });
    QObject::connect(splitter, &QSplitter::splitterMoved, q,
                     [this] { detailAction->setChecked(splitter->sizes().value(1) > 0); });

    // Alerts: the engineer's answers to them, for the chosen service or for everything. Stored, so
    // that `vigie watch` and other consoles on the data folder agree.
    QMenu *alertsMenu = q->menuBar()->addMenu(MainWindow::tr("&Alerts"));
    QAction *acknowledge = alertsMenu->addAction(MainWindow::tr("&Acknowledge…"));
    acknowledge->setObjectName(u"acknowledgeAction"_s);
    acknowledge->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    QObject::connect(acknowledge, &QAction::triggered, q, [this] { acknowledgeCurrent(); });
    QAction *clearAcknowledgement = alertsMenu->addAction(MainWindow::tr("&Clear Acknowledgement"));
    clearAcknowledgement->setObjectName(u"clearAcknowledgementAction"_s);
    QObject::connect(clearAcknowledgement, &QAction::triggered, q, [this] {
        if (AlertCenter *center = session->alertCenter(); center && !detail->serviceId().isEmpty())
            center->clearAcknowledgement(detail->serviceId());
    });
    alertsMenu->addSeparator();
    const auto inOneHour = [this] { return session->clock()->nowMs() + 3'600'000; };
    QAction *muteService = alertsMenu->addAction(MainWindow::tr("Mute This &Service for 1 Hour"));
    muteService->setObjectName(u"muteServiceAction"_s);
    muteService->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    QObject::connect(muteService, &QAction::triggered, q,
                     [this, inOneHour] { mute(Mute::Scope::Service, detail->serviceId(), inOneHour()); });
    QAction *muteGroup = alertsMenu->addAction(MainWindow::tr("Mute This &Group for 1 Hour"));
    muteGroup->setObjectName(u"muteGroupAction"_s);
    QObject::connect(muteGroup, &QAction::triggered, q, [this, inOneHour] {
        const QModelIndex index = model->serviceIndex(detail->serviceId());
        if (index.isValid())
            mute(Mute::Scope::Group, index.data(ServiceBoardModel::GroupRole).toString(), inOneHour());
    });
    QAction *muteAll = alertsMenu->addAction(MainWindow::tr("Mute &Everything for 1 Hour"));
    muteAll->setObjectName(u"muteAllAction"_s);
    QObject::connect(muteAll, &QAction::triggered, q, [this, inOneHour] { mute(Mute::Scope::All, {}, inOneHour()); });
    QAction *muteNight = alertsMenu->addAction(MainWindow::tr("Mute Everything &Until Tomorrow 08:00"));
    muteNight->setObjectName(u"muteUntilMorningAction"_s);
    QObject::connect(muteNight, &QAction::triggered, q, [this] {
        const auto end = parseMuteEnd(u"tomorrow 08:00"_s, session->clock()->now().toLocalTime());
        if (end)
            mute(Mute::Scope::All, {}, *end);
    });
    QAction *unmute = alertsMenu->addAction(MainWindow::tr("Un&mute All"));
    unmute->setObjectName(u"unmuteAllAction"_s);
    unmute->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    QObject::connect(unmute, &QAction::triggered, q, [this] { unmuteAll(); });
    serviceAlertActions = {acknowledge, clearAcknowledgement, muteService, muteGroup};
    for (QAction *action : std::as_const(serviceAlertActions))
        action->setEnabled(false);

    QMenu *tools = q->menuBar()->addMenu(MainWindow::tr("&Tools"));
    QAction *settings = tools->addAction(MainWindow::tr("&Settings…"));
    settings->setObjectName(u"settingsAction"_s);
    // The platform's (Ctrl+, on most) and Ctrl+, where the platform has none.
    QList<QKeySequence> settingsKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!settingsKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)))
        settingsKeys.append(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setShortcuts(settingsKeys);
    settings->setMenuRole(QAction::PreferencesRole);
    QObject::connect(settings, &QAction::triggered, q, [this] { showSettings(); });

    QMenu *help = q->menuBar()->addMenu(MainWindow::tr("&Help"));
    QAction *about = help->addAction(MainWindow::tr("&About Vigie"));
    about->setMenuRole(QAction::AboutRole);
    QObject::connect(about, &QAction::triggered, q, [this] {
        QMessageBox::about(
            q, MainWindow::tr("About Vigie"),
            MainWindow::tr(
                "<h3>Vigie %1</h3><p>An operations console for on-call engineers: it probes your "
                "services (HTTP, TCP, TLS certificates, DNS, providers' status pages) and shows their health as it "
                "changes.</p>")
                .arg(QLatin1StringView(VIGIE_VERSION)));
    });
}

void MainWindow::openWorkspace(const QString &path)
{
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())));
    d->session->open(path);
}

QString MainWindow::workspacePath() const
{
    return d->path;
}

TrayController *MainWindow::trayController() const
{
    return d->tray;
}

DesktopNotifier *MainWindow::desktopNotifier() const
{
    return d->notifier;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!d->tray || d->quitting) {
        QMainWindow::closeEvent(event);
        return;
    }
    // Monitoring goes on in the tray; said once, the first time, so that nobody thinks it stopped.
    event->ignore();
    hide();
    QSettings settings;
    if (!settings.value(PreferenceKeys::trayHintShown).toBool()) {
        d->tray->showMessage(tr("Vigie is still watching"),
                             tr("Vigie keeps watching your services and tells you of alerts. Click its icon to "
                                "open the window again; choose Quit in its menu to stop."),
                             QApplication::windowIcon());
        settings.setValue(PreferenceKeys::trayHintShown, true);
    }
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Quitting (the menus, a signal, the session ending) closes every window and gives up if one
    // refuses: this one closes then, rather than going to the tray.
    if (watched == qApp && event->type() == QEvent::Quit)
        d->quitting = true;
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::Private::showWorkspace(const Workspace &workspace, const QString &absolutePath)
{
    q->statusBar()->clearMessage();
    errors->hide();
    path = absolutePath;
    reloadAction->setEnabled(true);

    model->setWorkspace(workspace);
    detail->setWorkspace(workspace);
    events->setWorkspace(workspace);
    reports->setWorkspace(workspace);
    notices->setWorkspace(workspace);

    const QString name = workspace.name.isEmpty() ? QFileInfo(absolutePath).completeBaseName() : workspace.name;
    title = MainWindow::tr("%1 — Vigie").arg(name);
    q->setWindowTitle(title);
    workspaceLabel->setText(name);
    workspaceLabel->setToolTip(QDir::toNativeSeparators(absolutePath));
    QSettings().setValue(u"workspace/last"_s, absolutePath);
    if (workspace.secretNames().isEmpty())
        secretErrors->hide();
    updateFailing();
    Q_EMIT q->workspaceOpened(absolutePath);
}

void MainWindow::Private::showSecrets(const QStringList &missing, const QString &keychainError)
{
    QStringList problems;
    if (!keychainError.isEmpty())
        problems << keychainError;
    for (const QString &name : missing)
        problems
            << MainWindow::tr("The secret \"%1\" is not in the keychain; add it with: vigie secret set %1").arg(name);
    if (problems.isEmpty())
        secretErrors->hide();
    else
        secretErrors->showErrors(
            MainWindow::tr("Some secrets cannot be read: the probes, scrapes and status sites that use them will "
                           "fail until they are in the keychain."),
            problems);
}

void MainWindow::Private::showErrors(const QString &absolutePath, const QList<WorkspaceError> &list)
{
    QStringList lines;
    lines.reserve(list.size());
    for (const WorkspaceError &error : list)
        lines.append(error.toString());
    const QString file = QDir::toNativeSeparators(absolutePath);
    const QString title =
        path.isEmpty()
            ? MainWindow::tr("Vigie could not open %1: fix the problems below, then reload (F5).").arg(file)
            : MainWindow::tr("Vigie could not open %1: fix the problems below, then reload (F5). The board still "
                             "shows the workspace that was open before.")
                  .arg(file);
    q->statusBar()->clearMessage();
    errors->showErrors(title, lines);
    // Reload retries the file that failed, which is the one being fixed.
    if (path.isEmpty()) {
        path = absolutePath;
        reloadAction->setEnabled(true);
    }
    Q_EMIT q->workspaceFailed(lines);
}

// The notices view writes to the session's notice store, and its relay sends what the view queues
// and reports each entry's progress; both exist once the store is open.
void MainWindow::Private::connectNotices()
{
    NoticeStore *store = session->noticeStore();
    if (!store)
        return;
    notices->setStoreError({});
    notices->setStore(store);
    if (OutboxRelay *relay = session->outboxRelay()) {
        QObject::connect(notices, &NoticesView::queued, relay, &OutboxRelay::wake, Qt::UniqueConnection);
        QObject::connect(relay, &OutboxRelay::entryChanged, notices, &NoticesView::applyOutboxEntry,
                         Qt::UniqueConnection);
        QObject::connect(relay, &OutboxRelay::publicCopyFetched, notices, &NoticesView::applyPublicCopy,
                         Qt::UniqueConnection);
    }
}

// From an outage in Reports: the facts are read off the GUI thread, then the notice they suggest
// opens in the editor as a draft, in the language chosen there.
void MainWindow::Private::draftNotice(const HistoryDraftRequest &request)
{
    if (!session->isStoreOpen() || !session->noticeStore()) {
        q->statusBar()->showMessage(MainWindow::tr("Drafting a notice needs the results and notices databases, "
                                                   "which are not open."),
                                    10'000);
        return;
    }
    const NoticeLanguage language = notices->templateLanguage();
    computeHistoryDraft(*session->store(), session->isSeriesStoreOpen() ? session->seriesStore() : nullptr,
                        session->workspace(), request, *session->clock())
        .then(q, [this, language](const std::expected<HistoryDraft, QString> &draft) {
            if (!draft) {
                q->statusBar()->showMessage(draft.error(), 10'000);
                return;
            }
            notices->newNoticeFrom(historyDraftNotice(*draft, language).toNotice());
            noticesDock->show();
            noticesDock->raise();
        });
}

// The side panel with no service selected: the current alarms, longest first, and the latest
// events, rather than an empty third of the window.
QWidget *MainWindow::Private::createOverview()
{
    auto *overview = new QWidget;
    overview->setObjectName(u"overview"_s);
    auto *layout = new QVBoxLayout(overview);
    const int line = q->fontMetrics().height();
    layout->setContentsMargins(line / 2, line / 2, line / 2, line / 2);
    QFont bold = q->font();
    bold.setBold(true);
    alarmsTitle = new QLabel;
    alarmsTitle->setFont(bold);
    auto *list = new ProblemsView;
    list->setObjectName(u"overviewProblems"_s);
    list->setProblems(&problems);
    list->setPlaceholderText(MainWindow::tr("No alarm. Select a service on the board to see its probes and "
                                            "response times."));
    QObject::connect(list, &ProblemsView::serviceActivated, q, [this](const QString &id) { showService(id); });
    const auto updateTitle = [this] {
        alarmsTitle->setText(MainWindow::tr("Current alarms (%1)").arg(problems.rowCount()));
    };
    QObject::connect(&problems, &ProblemsModel::countChanged, q, updateTitle);
    updateTitle();
    auto *eventsTitle = new QLabel(MainWindow::tr("Latest events"));
    eventsTitle->setFont(bold);
    auto *latest = new QTableView;
    latest->setObjectName(u"overviewEvents"_s);
    latest->setModel(events->model());
    // What changed and where, newest first; the times are in the event log below.
    for (int column = 0; column < EventLogModel::ColumnCount; ++column)
        latest->setColumnHidden(column,
                                column != EventLogModel::ServiceColumn && column != EventLogModel::ChangeColumn);
    latest->horizontalHeader()->hide();
    latest->verticalHeader()->hide();
    latest->verticalHeader()->setDefaultSectionSize(q->fontMetrics().height() + line / 3);
    latest->setWordWrap(false);
    latest->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The change (its icon and words) whole, then the service in what is left.
    QHeaderView *columns = latest->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::ResizeToContents);
    columns->moveSection(columns->visualIndex(EventLogModel::ChangeColumn), 0);
    columns->setSectionResizeMode(EventLogModel::ServiceColumn, QHeaderView::Stretch);
    latest->setShowGrid(false);
    latest->setEditTriggers(QAbstractItemView::NoEditTriggers);
    latest->setSelectionBehavior(QAbstractItemView::SelectRows);
    latest->setFrameShape(QFrame::NoFrame);
    latest->setAccessibleName(MainWindow::tr("Latest events"));
    QObject::connect(latest, &QAbstractItemView::activated, q, [this](const QModelIndex &index) {
        showService(index.data(EventLogModel::ServiceIdRole).toString());
    });
    layout->addWidget(alarmsTitle);
    layout->addWidget(list, 3);
    layout->addWidget(eventsTitle);
    layout->addWidget(latest, 2);
    return overview;
}

void MainWindow::Private::showService(const QString &serviceId)
{
    const QModelIndex index = model->serviceIndex(serviceId);
    if (!index.isValid())
        return;
    centre->setCurrentWidget(board);
    boardAction->setChecked(true);
    board->setCurrentIndex(index);
}

// The wall on the screen this window is on; leaving it (Esc, F11) comes back here.
void MainWindow::Private::showWall()
{
    if (!wall) {
        wall = new WallWindow(session, model, q);
        wall->setLeaveKeys(true);
        QObject::connect(wall, &WallWindow::leaveRequested, q, [this] {
            wall->hide();
            q->show();
            q->activateWindow();
        });
    }
    // The screen chosen in the settings, else the one this window is on.
    wall->applyPreferences(Preferences::load(), -1, int(QGuiApplication::screens().indexOf(q->screen())));
    wall->showOnScreen();
    wall->activateWindow();
}

// Vigie on the desktop, in one place: the tray icon (where the desktop has a system tray), the
// desktop notifications and the settings they follow. The alert engine's wiring goes here too:
// its alerts to notifier->notify(), the notifier's acknowledgements and the tray's mute to it.
void MainWindow::Private::setUpDesktop()
{
    notifier = new DesktopNotifier(q);
    QObject::connect(notifier, &DesktopNotifier::openServiceRequested, q, [this](const QString &serviceId) {
        showWindow();
        showService(serviceId);
    });

    auto *controller = new TrayController(q);
    if (controller->isAvailable()) {
        tray = controller;
        notifier->setTray(tray);
        QObject::connect(tray, &TrayController::showRequested, q, [this] { showWindow(); });
        QObject::connect(tray, &TrayController::toggleWindowRequested, q, [this] { toggleWindow(); });
        QObject::connect(tray, &TrayController::quitRequested, qApp, &QCoreApplication::quit);
        QObject::connect(tray, &TrayController::muteForRequested, q, [this](std::chrono::minutes duration) {
            mute(Mute::Scope::All, {}, session->clock()->nowMs() + std::chrono::milliseconds(duration).count());
        });
        QObject::connect(tray, &TrayController::unmuteRequested, q, [this] { unmuteAll(); });
        // The window hides rather than closes: only Quit ends Vigie, which is then told apart from
        // a click on the window's close button (eventFilter()).
        QGuiApplication::setQuitOnLastWindowClosed(false);
        qApp->installEventFilter(q);
    } else {
        delete controller;
    }
    connectAlerts();

    const Preferences preferences = Preferences::load();
    // The system's theme is the application's already.
    if (preferences.theme != Preferences::Theme::System)
        applyTheme(preferences.theme);
    applyPreferences(preferences);
}

void MainWindow::Private::applyPreferences(const Preferences &preferences)
{
    notifier->setEnabled(preferences.desktopNotifications);
    notifier->setSoundEnabled(preferences.notificationSound);
}

void MainWindow::Private::showSettings()
{
    auto *dialog = new SettingsDialog(q);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCurrentDataFolder(session->dataDir());
    QObject::connect(dialog, &SettingsDialog::applied, q,
                     [this](const Preferences &preferences) { applyPreferences(preferences); });
    dialog->open();
}

void MainWindow::Private::showWindow()
{
    if (q->isMinimized())
        q->showNormal();
    else
        q->show();
    q->raise();
    q->activateWindow();
}

void MainWindow::Private::toggleWindow()
{
    // A window behind others comes to the front rather than going.
    if (q->isVisible() && !q->isMinimized() && q->isActiveWindow())
        q->hide();
    else
        showWindow();
}

// The session's alert center tells the desktop; what the engineer answers goes back to it. Mutes
// are the center's (every channel, across restarts, shared with `vigie watch`): the notifier shows
// what the center raises, which a mute holds back.
void MainWindow::Private::connectAlerts()
{
    AlertCenter *center = session->alertCenter();
    if (!center)
        return;
    QObject::connect(center, &AlertCenter::alertRaised, notifier, &DesktopNotifier::notify);
    QObject::connect(notifier, &DesktopNotifier::acknowledgeRequested, center,
                     [center](const QString &serviceId) { center->acknowledge(serviceId, {}); });
    QObject::connect(center, &AlertCenter::silencesChanged, q, [this] { showSilences(); });
    QObject::connect(center, &AlertCenter::storeError, q, [this](const QString &message) {
        q->statusBar()->showMessage(MainWindow::tr("Alerts: %1").arg(message), 15'000);
    });
    QObject::connect(center, &AlertCenter::deliveryChanged, q, [this](const AlertDelivery &delivery) {
        // A channel that fails says so where the engineer looks; probing goes on regardless.
        if (delivery.state == AlertDelivery::State::Queued && !delivery.lastError.isEmpty())
            q->statusBar()->showMessage(
                MainWindow::tr("Alert channel %1 failed, retrying: %2").arg(delivery.channelId, delivery.lastError),
                15'000);
        else if (delivery.state == AlertDelivery::State::Failed)
            q->statusBar()->showMessage(
                MainWindow::tr("Alert channel %1 gave up: %2").arg(delivery.channelId, delivery.lastError), 30'000);
    });
    showSilences();
}

void MainWindow::Private::showSilences()
{
    AlertCenter *center = session->alertCenter();
    if (!center)
        return;
    model->setAcknowledgements(center->acknowledgements());
    if (tray) {
        qint64 untilMs = 0;
        const bool muted = center->isAllMuted(&untilMs);
        tray->setMuted(muted, muted && untilMs > 0 ? QDateTime::fromMSecsSinceEpoch(untilMs) : QDateTime());
    }
}

void MainWindow::Private::acknowledgeCurrent()
{
    AlertCenter *center = session->alertCenter();
    const QString serviceId = detail->serviceId();
    if (!center || serviceId.isEmpty())
        return;
    const QModelIndex index = model->serviceIndex(serviceId);
    // Owned through a guard, as QInputDialog::getText() does: the window may go while it is open.
    QPointer<QInputDialog> dialog = new QInputDialog(q);
    dialog->setWindowTitle(MainWindow::tr("Acknowledge"));
    dialog->setLabelText(
        MainWindow::tr("Acknowledge %1: its alerts are held back until it recovers.\nComment (optional):")
            .arg(index.data(Qt::DisplayRole).toString()));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextValue(center->acknowledgement(serviceId).value_or(Acknowledgement{}).comment);
    // Room for a comment with a ticket number, read whole before it is sent.
    dialog->resize(std::max(dialog->sizeHint().width(), dialog->fontMetrics().averageCharWidth() * 96),
                   dialog->sizeHint().height());
    const int answer = dialog->exec();
    if (!dialog)
        return;
    const QString comment = dialog->textValue().trimmed();
    delete dialog;
    // The session's center, again: it may have changed while the dialog was open.
    if (answer == QDialog::Accepted)
        if (AlertCenter *now = session->alertCenter())
            now->acknowledge(serviceId, comment);
}

void MainWindow::Private::mute(Mute::Scope scope, const QString &target, qint64 untilMs)
{
    AlertCenter *center = session->alertCenter();
    if (!center || (scope != Mute::Scope::All && target.isEmpty()))
        return;
    Mute m;
    m.scope = scope;
    m.target = target;
    m.untilMs = untilMs;
    center->mute(m);
}

void MainWindow::Private::updateAlertActions()
{
    const bool chosen = session->alertCenter() && !detail->serviceId().isEmpty();
    for (QAction *action : std::as_const(serviceAlertActions))
        action->setEnabled(chosen);
}

void MainWindow::Private::unmuteAll()
{
    AlertCenter *center = session->alertCenter();
    if (!center)
        return;
    QSet<QString> ended; // one call per scope and target
    for (const Mute &m : center->mutes())
        if (const QString key = muteScopeName(m.scope) + u':' + m.target; !ended.contains(key)) {
            ended.insert(key);
            center->unmute(m.scope, m.target);
        }
}

// "(2 down, 1 degraded) Test lab — Vigie": what fails first, so that it shows in the task bar too.
void MainWindow::Private::updateTitle(const StateCounts &counts)
{
    QStringList failing;
    if (counts.down > 0)
        failing << MainWindow::tr("%n down", nullptr, counts.down);
    if (counts.degraded > 0)
        failing << MainWindow::tr("%n degraded", nullptr, counts.degraded);
    q->setWindowTitle(failing.isEmpty() ? title : MainWindow::tr("(%1) %2").arg(failing.join(u", "_s), title));
}

void MainWindow::Private::updateRunning(int running)
{
    runningLabel->setText(MainWindow::tr("%n probe(s) running", nullptr, running));
}

void MainWindow::Private::updateFailing()
{
    StateCounts total;
    for (int g = 0, groups = model->rowCount(); g < groups; ++g)
        total += model->index(g, 0).data(ServiceBoardModel::CountsRole).value<StateCounts>();
    updateTitle(total);
    if (tray)
        tray->setSummary(total);
    if (model->rowCount() == 0) {
        failingLabel->clear();
        return;
    }
    int down = 0;
    int degraded = 0;
    int up = 0;
    int unknown = 0;
    // Alarms only: a service in maintenance or impacted by a dependency is counted apart.
    for (int g = 0, groups = model->rowCount(); g < groups; ++g) {
        const auto counts = model->index(g, 0).data(ServiceBoardModel::CountsRole).value<StateCounts>();
        up += counts.up;
        degraded += counts.degraded;
        down += counts.down;
        unknown += counts.unknown;
    }
    const int maintenance = model->countInPresentation(ServiceBoardModel::Presentation::Maintenance);
    const int impacted = model->countInPresentation(ServiceBoardModel::Presentation::Impacted);
    QStringList parts;
    if (down > 0)
        parts << MainWindow::tr("%n service(s) failing", nullptr, down);
    if (degraded > 0)
        parts << MainWindow::tr("%n service(s) degraded", nullptr, degraded);
    if (impacted > 0)
        parts << MainWindow::tr("%n impacted by a dependency", nullptr, impacted);
    if (maintenance > 0)
        parts << MainWindow::tr("%n in maintenance", nullptr, maintenance);
    if (down == 0 && degraded == 0) {
        if (unknown > 0 && up == 0)
            parts.prepend(MainWindow::tr("Waiting for the first results"));
        else
            parts.prepend(parts.isEmpty() ? MainWindow::tr("All services up") : MainWindow::tr("No alarm"));
    }
    std::optional<HealthState> colour;
    if (down > 0)
        colour = HealthState::Down;
    else if (degraded > 0)
        colour = HealthState::Degraded;
    failingLabel->setStateText(parts.join(u" · "_s), colour);
}

} // namespace Vigie

#include "mainwindow.moc"
