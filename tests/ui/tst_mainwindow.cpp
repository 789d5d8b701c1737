#include "alerts/alertcenter.h"
#include "boardview.h"
#include "chartpanel.h"
#include "desktopnotifier.h"
#include "mainwindow.h"
#include "models/eventlogmodel.h"
#include "models/serviceboardmodel.h"
#include "monitor/monitor.h"
#include "palettes.h"
#include "screenshots.h"
#include "series/seriesstore.h"
#include "servicedetailpanel.h"
#include "session/session.h"
#include "settingsdialog.h"
#include "store/resultstore.h"
#include "testservers.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleFactory>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using Vigie::HealthState;
using Vigie::MainWindow;
using Vigie::ServiceBoardModel;

namespace {

constexpr int ProbeTimeoutMs = 20000;

QString statusText(const MainWindow &window)
{
    QStringList texts;
    for (const QLabel *label : window.statusBar()->findChildren<QLabel *>())
        texts << label->text();
    return texts.join(u" | "_s);
}

int stateOf(const ServiceBoardModel &model, const QString &id)
{
    return model.serviceIndex(id).data(ServiceBoardModel::StateRole).toInt();
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsLiveStatesOfAWorkspace();
    void invalidWorkspaceShowsItsErrorsAndKeepsTheBoard();
    void showsTheLastKnownResultsAtOnce();
    void reportsAStoreThatCannotOpen();
    void showsHistoryRecordedByWatch();
    void screenshotsInLightAndDarkPalettes();
    void settingsApplyToTheNotifier();
    void acknowledgeAndMuteFromTheAlertsMenu();

private:
    QString writeFile(const QString &name, const QByteArray &contents);
    QString writeLabWorkspace(bool rich);
    QString writeDailyWorkspace(const QString &labPath);
    void reopenWindow(const QString &dataDir);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Vigie::Test::BannerServer> m_banner;
    std::unique_ptr<Vigie::Test::RawHttpServer> m_http;
    std::unique_ptr<Vigie::Test::RawHttpServer> m_failingHttp;
    std::unique_ptr<Vigie::Test::RawHttpServer> m_slowHttp;
    std::unique_ptr<Vigie::Session> m_session;
    std::unique_ptr<ServiceBoardModel> m_model;
    std::unique_ptr<MainWindow> m_window;
    QPalette m_lightPalette;
    QFont m_font;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"Vigie Tests"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_lightPalette = QApplication::style()->standardPalette();
    QApplication::setPalette(m_lightPalette);
    m_font = QApplication::font();
}

void tst_MainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_banner = std::make_unique<Vigie::Test::BannerServer>("SSH-2.0-VigieTest\r\n");
    m_http = std::make_unique<Vigie::Test::RawHttpServer>(Vigie::Test::httpResponse(200, "ok"));
    m_failingHttp = std::make_unique<Vigie::Test::RawHttpServer>(Vigie::Test::httpResponse(503, "maintenance"));
    m_slowHttp = std::make_unique<Vigie::Test::RawHttpServer>(Vigie::Test::httpResponse(200, "ok"));
    m_slowHttp->setResponseDelay(std::chrono::milliseconds(250));
    reopenWindow(m_dir->filePath(u"data"_s));
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_model.reset();
    m_slowHttp.reset();
    m_failingHttp.reset();
    m_http.reset();
    m_banner.reset();
    m_dir.reset();
    QApplication::setPalette(m_lightPalette);
    QApplication::setFont(m_font);
}

QString tst_MainWindow::writeFile(const QString &name, const QByteArray &contents)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return {};
    return path;
}

QString tst_MainWindow::writeLabWorkspace(bool rich)
{
    const QByteArray closed = QByteArray::number(Vigie::Test::closedPort());
    QByteArray yaml = "name: Test lab\n"
                      "services:\n"
                      "  - id: banner\n"
                      "    name: SSH bastion\n"
                      "    group: Lab\n"
                      "    probes:\n"
                      "      - tcp: 127.0.0.1:" +
                      QByteArray::number(m_banner->port()) +
                      "\n"
                      "        expect_banner: \"^SSH-2\\\\.0\"\n"
                      "        interval: 1s\n"
                      "        timeout: 1s\n"
                      "  - id: closed\n"
                      "    name: Legacy mail relay\n"
                      "    group: Lab\n"
                      "    probes:\n"
                      "      - tcp: 127.0.0.1:" +
                      closed +
                      "\n"
                      "        interval: 1s\n"
                      "        timeout: 1s\n";
    if (rich) {
        const auto http = [](const QByteArray &id, const QByteArray &name, const QByteArray &group, const QString &url,
                             const QByteArray &extra = {}) {
            return "  - id: " + id + "\n    name: " + name + "\n    group: " + group +
                   "\n    probes:\n      - http: " + url.toUtf8() + "\n        interval: 1s\n        timeout: 1s\n" +
                   extra;
        };
        yaml += http("portal", "Customer portal", "Edge", m_http->url(u"/"_s));
        yaml += http("api", "Public API", "Edge", m_http->url(u"/v1/health"_s));
        yaml += http("checkout", "Checkout", "Edge", m_failingHttp->url(u"/checkout/health"_s));
        yaml += http("search", "Search", "Edge", m_slowHttp->url(u"/search"_s),
                     "        expect:\n          max_latency: 100ms\n");
        yaml += http("grafana", "Grafana", "Observability", m_http->url(u"/api/health"_s));
        yaml += http("prometheus", "Prometheus", "Observability", m_http->url(u"/-/healthy"_s));
        yaml += http("alertmanager", "Alertmanager with a rather long name that must be elided", "Observability",
                     m_http->url(u"/-/ready"_s));
        yaml += http("docs", "Documentation", "Edge", m_http->url(u"/docs"_s));
    }
    return writeFile(u"lab.yaml"_s, yaml);
}

// The lab's probes once a day: their first run, spread over the interval, comes long after the
// test, so what the board shows can only come from the store. Empty when the lab cannot be read.
QString tst_MainWindow::writeDailyWorkspace(const QString &labPath)
{
    QFile lab(labPath);
    if (!lab.open(QIODevice::ReadOnly))
        return {};
    return writeFile(u"daily.yaml"_s,
                     lab.readAll().replace("interval: 1s", "interval: 1d").replace("timeout: 1s", "timeout: 5s"));
}

// A new window on a new, not yet opened store and an empty board.
// A new window on a new session (its store opens with the first workspace) and an empty board.
void tst_MainWindow::reopenWindow(const QString &dataDir)
{
    m_window.reset();
    m_session.reset(); // stores the last batch
    m_session = std::make_unique<Vigie::Session>();
    m_session->setDataDir(dataDir);
    m_model = std::make_unique<ServiceBoardModel>();
    m_window = std::make_unique<MainWindow>(m_session.get(), m_model.get());
    m_window->show();
}

void tst_MainWindow::showsLiveStatesOfAWorkspace()
{
    const QString path = writeLabWorkspace(false);
    QVERIFY(!path.isEmpty());
    QSignalSpy opened(m_window.get(), &MainWindow::workspaceOpened);
    m_window->openWorkspace(path);
    QVERIFY(opened.wait(10000));
    QCOMPARE(opened.first().first().toString(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(m_window->workspacePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(QSettings().value(u"workspace/last"_s).toString(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(m_window->windowTitle(), u"Test lab — Vigie"_s);

    // The board shows both services as tiles.
    auto *board = m_window->findChild<Vigie::BoardView *>();
    QVERIFY(board);
    QCOMPARE(board->model(), m_model.get());
    const QModelIndex banner = m_model->serviceIndex(u"banner"_s);
    const QModelIndex closed = m_model->serviceIndex(u"closed"_s);
    QVERIFY(banner.isValid() && closed.isValid());
    QVERIFY(board->viewport()->rect().contains(board->visualRect(banner)));
    QVERIFY(board->viewport()->rect().contains(board->visualRect(closed)));

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"banner"_s), int(HealthState::Up), ProbeTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"closed"_s), int(HealthState::Down), ProbeTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(statusText(*m_window).contains(u"1 service(s) failing"_s),
                              qPrintable(statusText(*m_window)), 5000);
    QVERIFY(statusText(*m_window).contains(u"Test lab"_s));
    // The title says what fails first, so that the task bar says it too.
    QCOMPARE(m_window->windowTitle(), u"(1 down) Test lab — Vigie"_s);
    QVERIFY(m_banner->connectionCount() > 0);

    // Selecting a service shows it in the detail panel, with its chart from the store.
    auto *detail = m_window->findChild<Vigie::ServiceDetailPanel *>();
    QVERIFY(detail);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_model->serviceIndex(u"closed"_s).data(ServiceBoardModel::SparklineRole).value<QList<double>>().size() >= 2,
        ProbeTimeoutMs);
    m_session->store()->flush();
    // The charts read the series the session writes apart (one line per probe).
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isSeriesStoreOpen(), 10000);
    QVERIFY(m_session->seriesStore()->flush());
    QSignalSpy chart(detail, &Vigie::ServiceDetailPanel::chartLoaded);
    QTest::mouseClick(board->viewport(), Qt::LeftButton, {}, board->visualRect(closed).center());
    QCOMPARE(detail->serviceId(), u"closed"_s);
    QVERIFY(chart.wait(10000));
    QCOMPARE(chart.last().at(0).toString(), u"closed"_s);
    // A service that is down has no response time, and an error rate of 100 %.
    QVERIFY(chart.last().at(1).toInt() >= 1);
    QCOMPARE(detail->pointCount(), chart.last().at(1).toInt());
    const QList<Vigie::TimeChart *> charts = detail->charts()->timeCharts();
    QCOMPARE(charts.size(), 2); // response time, error rate
    QVERIFY(!charts.at(1)->lines().isEmpty() && !charts.at(1)->lines().first().samples.isEmpty());
    for (const Vigie::Sample &sample : charts.at(1)->lines().first().samples)
        QVERIFY(sample.isGap() || sample.value == 100.0);
    const QList<QLabel *> labels = detail->findChildren<QLabel *>();
    const auto shows = [&](const QString &text) {
        return std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *l) { return l->text().contains(text); });
    };
    QVERIFY(shows(u"Legacy mail relay"_s));
    QVERIFY(shows(u"TCP 127.0.0.1:"_s));
    QVERIFY(shows(u"Down"_s));

    QVERIFY(m_window->grab().save(Vigie::Test::screenshotPath(u"window-two-services"_s)));
}

void tst_MainWindow::invalidWorkspaceShowsItsErrorsAndKeepsTheBoard()
{
    const QString good = writeLabWorkspace(false);
    QSignalSpy opened(m_window.get(), &MainWindow::workspaceOpened);
    m_window->openWorkspace(good);
    QVERIFY(opened.wait(10000));

    const QString bad = writeFile(u"broken.yaml"_s, "name: Broken\n"
                                                    "services:\n"
                                                    "  - id: web\n"
                                                    "    probes:\n"
                                                    "      - tcp: no-port-here\n"
                                                    "        intervl: 5s\n");
    QSignalSpy failed(m_window.get(), &MainWindow::workspaceFailed);
    m_window->openWorkspace(bad);
    QVERIFY(failed.wait(10000));
    const QStringList errors = failed.first().first().toStringList();
    QVERIFY(!errors.isEmpty());
    const QRegularExpression located(u"^"_s + QRegularExpression::escape(QFileInfo(bad).absoluteFilePath()) +
                                     u":\\d+:\\d+: \\S.+$"_s);
    for (const QString &error : errors)
        QVERIFY2(located.match(error).hasMatch(), qPrintable(error));
    QVERIFY(errors.join(u'\n').contains(QFileInfo(bad).absoluteFilePath() + u":5:"_s));

    auto *banner = m_window->findChild<QFrame *>(u"workspaceErrors"_s);
    QVERIFY(banner);
    QVERIFY(banner->isVisible());
    const QList<QWidget *> parts = banner->findChildren<QWidget *>();
    QString shown;
    for (QWidget *part : parts) {
        if (auto *label = qobject_cast<QLabel *>(part))
            shown += label->text() + u'\n';
        else if (auto *edit = qobject_cast<QPlainTextEdit *>(part))
            shown += edit->toPlainText() + u'\n';
    }
    for (const QString &error : errors)
        QVERIFY2(shown.contains(error), qPrintable(shown));

    // The window lives on with the workspace it had.
    QVERIFY(m_window->isVisible());
    QCOMPARE(m_window->workspacePath(), QFileInfo(good).absoluteFilePath());
    // With what fails before it, once the probes have answered.
    QVERIFY2(m_window->windowTitle().endsWith(u"Test lab — Vigie"_s), qPrintable(m_window->windowTitle()));
    QVERIFY(m_model->serviceIndex(u"banner"_s).isValid());
    QCOMPARE(QSettings().value(u"workspace/last"_s).toString(), QFileInfo(good).absoluteFilePath());
    QVERIFY(m_window->grab().save(Vigie::Test::screenshotPath(u"window-errors"_s)));

    // Opening a good file again clears the report.
    opened.clear();
    m_window->openWorkspace(good);
    QVERIFY(opened.wait(10000));
    QVERIFY(!banner->isVisible());
}

void tst_MainWindow::showsTheLastKnownResultsAtOnce()
{
    // A first run records; the next start, on probes that will not run again for a day, shows what
    // the store knows: on the board and, for the selected service, in the detail panel at once.
    const QString path = writeLabWorkspace(false);
    QSignalSpy opened(m_window.get(), &MainWindow::workspaceOpened);
    m_window->openWorkspace(path);
    QVERIFY(opened.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"closed"_s), int(HealthState::Down), ProbeTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"banner"_s), int(HealthState::Up), ProbeTimeoutMs);

    reopenWindow(m_dir->filePath(u"data"_s));
    const qint64 closedAt = QDateTime::currentMSecsSinceEpoch();
    const QString later = writeDailyWorkspace(path);
    QVERIFY(!later.isEmpty());
    QSignalSpy reopened(m_window.get(), &MainWindow::workspaceOpened);
    QSignalSpy results(m_session->monitor(), &Vigie::Monitor::resultsReady);
    m_window->openWorkspace(later);
    QVERIFY(reopened.wait(10000));
    // The first results the board gets are the last stored ones, one per probe, before any live one.
    QVERIFY(results.wait(10000));
    const auto lastKnown = results.first().at(0).value<QList<Vigie::ProbeResult>>();
    QCOMPARE(lastKnown.size(), 2);
    for (const Vigie::ProbeResult &result : lastKnown)
        QVERIFY(result.timestampMs <= closedAt);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"closed"_s), int(HealthState::Down), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"banner"_s), int(HealthState::Up), 10000);
    auto *storeErrors = m_window->findChild<QFrame *>(u"storeErrors"_s);
    QVERIFY(storeErrors && !storeErrors->isVisible());

    // Selecting a service shows its last known result now, not after its next probe.
    auto *board = m_window->findChild<Vigie::BoardView *>();
    auto *detail = m_window->findChild<Vigie::ServiceDetailPanel *>();
    QVERIFY(board && detail);
    QTest::mouseClick(board->viewport(), Qt::LeftButton, {},
                      board->visualRect(m_model->serviceIndex(u"closed"_s)).center());
    QCOMPARE(detail->serviceId(), u"closed"_s);
    const auto shows = [detail](const QString &text) {
        const QList<QLabel *> labels = detail->findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(),
                           [&](QLabel *l) { return l->isVisibleTo(detail) && l->text().contains(text); });
    };
    const auto shown = [detail] {
        QStringList texts;
        for (const QLabel *label : detail->findChildren<QLabel *>())
            if (label->isVisibleTo(detail) && !label->text().isEmpty())
                texts << label->text();
        return texts.join(u" | "_s);
    };
    // (The panel's new rows are shown by the layout at the next turn of the event loop.)
    QTRY_VERIFY2_WITH_TIMEOUT(shows(u"checked at"_s), qPrintable(shown()), 1000);
    QVERIFY2(shows(u"TCP 127.0.0.1:"_s), qPrintable(shown()));
    QVERIFY2(shows(u"refused"_s), qPrintable(shown()));
}

void tst_MainWindow::reportsAStoreThatCannotOpen()
{
    // A file where the data folder should be: reported in the window, and the board carries on.
    const QString blocker = writeFile(u"not-a-folder"_s, "a file where the data folder should be");
    reopenWindow(blocker + u"/data"_s);
    const QString path = writeLabWorkspace(false);
    QSignalSpy opened(m_window.get(), &MainWindow::workspaceOpened);
    m_window->openWorkspace(path);
    QVERIFY(opened.wait(10000));
    auto *storeErrors = m_window->findChild<QFrame *>(u"storeErrors"_s);
    QVERIFY(storeErrors);
    QTRY_VERIFY_WITH_TIMEOUT(storeErrors->isVisible(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"closed"_s), int(HealthState::Down), ProbeTimeoutMs);
}

void tst_MainWindow::showsHistoryRecordedByWatch()
{
    // `vigie watch` records into a data folder with no display; the console opened on that folder
    // then shows what it recorded: the last results on the board and the events in the log.
    const QString path = writeLabWorkspace(false);
    const QString dataDir = m_dir->filePath(u"watched"_s);
    QProcess watch;
    watch.setProcessChannelMode(QProcess::MergedChannels);
    watch.start(QString::fromUtf8(VIGIE_BINARY), {u"watch"_s, u"--workspace"_s, path, u"--for"_s, u"3s"_s,
                                                  u"--data-dir"_s, dataDir, u"--lang"_s, u"en"_s});
    // The lab's servers live in this process: keep its event loop running while watch probes them.
    QSignalSpy finished(&watch, &QProcess::finished);
    QVERIFY(finished.wait(30000));
    const QByteArray output = watch.readAll();
    QVERIFY2(watch.exitStatus() == QProcess::NormalExit && watch.exitCode() == 0, output.constData());

    reopenWindow(dataDir);
    const QString daily = writeDailyWorkspace(path);
    QVERIFY(!daily.isEmpty());
    QSignalSpy opened(m_window.get(), &MainWindow::workspaceOpened);
    m_window->openWorkspace(daily);
    QVERIFY(opened.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"closed"_s), int(HealthState::Down), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"banner"_s), int(HealthState::Up), 10000);

    auto *log = m_window->findChild<QWidget *>(u"eventLog"_s);
    QVERIFY(log);
    auto *table = log->findChild<QTableView *>();
    QVERIFY(table && table->model());
    const auto logMentions = [table](const QString &text) {
        const QAbstractItemModel *events = table->model();
        for (int row = 0; row < events->rowCount(); ++row)
            for (int column = 0; column < events->columnCount(); ++column)
                if (events->index(row, column).data().toString().contains(text))
                    return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(logMentions(u"Legacy mail relay"_s), 10000);
    QVERIFY(logMentions(u"SSH bastion"_s));
}

// Tools › Settings…: what is chosen reaches the desktop notifier at once. Offscreen has no system
// tray: the window then closes as any other, and owns no tray controller.
void tst_MainWindow::settingsApplyToTheNotifier()
{
    QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
    QVERIFY(!m_window->trayController());
    Vigie::DesktopNotifier *notifier = m_window->desktopNotifier();
    QVERIFY(notifier);
    QVERIFY(notifier->isEnabled());
    QVERIFY(notifier->isSoundEnabled());

    auto *action = m_window->findChild<QAction *>(u"settingsAction"_s);
    QVERIFY(action);
    QVERIFY(action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    action->trigger();
    auto *dialog = m_window->findChild<Vigie::SettingsDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->findChild<QCheckBox *>(u"notificationSound"_s)->setChecked(false);
    dialog->accept();
    QVERIFY(notifier->isEnabled());
    QVERIFY(!notifier->isSoundEnabled());
    // Closed, it goes.
    const QPointer<Vigie::SettingsDialog> closed = dialog;
    QTRY_VERIFY(!closed);

    action->trigger();
    dialog = m_window->findChild<Vigie::SettingsDialog *>();
    QVERIFY(dialog);
    dialog->findChild<QCheckBox *>(u"desktopNotifications"_s)->setChecked(false);
    dialog->accept();
    QVERIFY(!notifier->isEnabled());

    // Kept for the next start: a new window's notifier starts as the settings say.
    reopenWindow(m_dir->filePath(u"data"_s));
    QVERIFY(!m_window->desktopNotifier()->isEnabled());
    QVERIFY(!m_window->desktopNotifier()->isSoundEnabled());
    QSettings().remove(u"notifications"_s);
}

// Alerts › Acknowledge… on the failing service: a comment asked for, the tile says who is on it,
// the event log has the line, and the store has it for `vigie watch`. Mute everything, then unmute.
void tst_MainWindow::acknowledgeAndMuteFromTheAlertsMenu()
{
    const QString path = writeLabWorkspace(false);
    QSignalSpy opened(m_window.get(), &MainWindow::workspaceOpened);
    m_window->openWorkspace(path);
    QVERIFY(opened.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"closed"_s), int(HealthState::Down), ProbeTimeoutMs);
    Vigie::AlertCenter *center = m_session->alertCenter();
    QVERIFY(center);
    QTRY_VERIFY_WITH_TIMEOUT(center->isOpen(), 10000);

    auto *acknowledge = m_window->findChild<QAction *>(u"acknowledgeAction"_s);
    QVERIFY(acknowledge);
    QCOMPARE(acknowledge->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    QVERIFY(!acknowledge->isEnabled()); // no service chosen yet
    auto *board = m_window->findChild<Vigie::BoardView *>();
    QTest::mouseClick(board->viewport(), Qt::LeftButton, {},
                      board->visualRect(m_model->serviceIndex(u"closed"_s)).center());
    QVERIFY(acknowledge->isEnabled());

    bool answered = false;
    QTimer::singleShot(0, m_window.get(), [&] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        QVERIFY(dialog->labelText().contains(u"Legacy mail relay"_s));
        dialog->setTextValue(u"relay retired, ticket OPS-1234"_s);
        if (qEnvironmentVariableIsSet("VIGIE_DESKTOP_SCREENSHOTS"))
            dialog->grab().save(Vigie::Test::screenshotPath(u"acknowledge-dialog"_s));
        answered = true;
        dialog->accept();
    });
    acknowledge->trigger();
    QVERIFY(answered);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_model->serviceIndex(u"closed"_s).data(ServiceBoardModel::AcknowledgementRole).toString(),
        u"Acknowledged by %1: relay retired, ticket OPS-1234"_s.arg(
            Vigie::silenceAuthor().isEmpty() ? u"someone"_s : Vigie::silenceAuthor()),
        10000);
    auto *events = m_window->findChild<QTableView *>(u"eventTable"_s);
    const auto logHasIt = [&] {
        const QAbstractItemModel *log = events ? events->model() : nullptr;
        for (int row = 0; log && row < log->rowCount(); ++row)
            if (log->index(row, 0).data(Vigie::EventLogModel::EventRole).value<Vigie::HealthEvent>().kind ==
                Vigie::HealthEvent::Kind::Acknowledged)
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(logHasIt(), 10000);
    if (qEnvironmentVariableIsSet("VIGIE_DESKTOP_SCREENSHOTS"))
        m_window->grab().save(Vigie::Test::screenshotPath(u"acknowledged-tile"_s));

    // Mute everything for an hour, from the menu; the store says so to every process.
    auto *muteAll = m_window->findChild<QAction *>(u"muteAllAction"_s);
    QVERIFY(muteAll);
    muteAll->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(center->isAllMuted(), 10000);
    auto *unmute = m_window->findChild<QAction *>(u"unmuteAllAction"_s);
    unmute->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!center->isAllMuted() && center->mutes().isEmpty(), 10000);

    // Clear Acknowledgement takes it off the tile.
    m_window->findChild<QAction *>(u"clearAcknowledgementAction"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_model->serviceIndex(u"closed"_s).data(ServiceBoardModel::AcknowledgementRole).toString().isEmpty(), 10000);
}

void tst_MainWindow::screenshotsInLightAndDarkPalettes()
{
    const QString path = writeLabWorkspace(true);
    QSignalSpy opened(m_window.get(), &MainWindow::workspaceOpened);
    m_window->openWorkspace(path);
    QVERIFY(opened.wait(10000));

    // Every service's first result.
    const auto everyServiceHasResult = [this] {
        for (int g = 0; g < m_model->rowCount(); ++g)
            for (int s = 0; s < m_model->rowCount(m_model->index(g, 0)); ++s)
                if (!m_model->index(s, 0, m_model->index(g, 0)).data(ServiceBoardModel::LastResultTimeRole).isValid())
                    return false;
        return m_model->rowCount() > 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(everyServiceHasResult(), 30000);

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"checkout"_s), int(HealthState::Down), ProbeTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_model, u"search"_s), int(HealthState::Degraded), ProbeTimeoutMs);
    // A few points for the sparklines and the chart.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_model->serviceIndex(u"checkout"_s).data(ServiceBoardModel::SparklineRole).value<QList<double>>().size() >= 5,
        ProbeTimeoutMs);
    m_session->store()->flush();
    // The charts read the series the session writes apart (one line per probe).
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isSeriesStoreOpen(), 10000);
    QVERIFY(m_session->seriesStore()->flush());
    auto *board = m_window->findChild<Vigie::BoardView *>();
    auto *detail = m_window->findChild<Vigie::ServiceDetailPanel *>();
    QSignalSpy chart(detail, &Vigie::ServiceDetailPanel::chartLoaded);
    board->setCurrentIndex(m_model->serviceIndex(u"checkout"_s));
    QVERIFY(chart.wait(10000));
    QVERIFY(chart.last().at(1).toInt() >= 1);

    const auto shoot = [&](const QString &name) {
        m_model->flushPendingChanges();
        QCoreApplication::processEvents();
        return m_window->grab().save(Vigie::Test::screenshotPath(name));
    };
    m_window->resize(1280, 800);
    QVERIFY(shoot(u"light-1280x800"_s));
    QApplication::setPalette(Vigie::darkPalette());
    QVERIFY(shoot(u"dark-1280x800"_s));

    // A wall screen: a larger font gives larger tiles.
    const QSize laptopTile = board->visualRect(m_model->serviceIndex(u"portal"_s)).size();
    QFont wall = m_font;
    wall.setPointSizeF(m_font.pointSizeF() * 1.5);
    QApplication::setFont(wall);
    m_window->resize(1920, 1080);
    QTRY_VERIFY(board->visualRect(m_model->serviceIndex(u"portal"_s)).height() > laptopTile.height());
    QVERIFY(shoot(u"dark-1920x1080"_s));
    QApplication::setPalette(m_lightPalette);
    QVERIFY(shoot(u"light-1920x1080"_s));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
