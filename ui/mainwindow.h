#pragma once

#include <QMainWindow>
#include <QPointer>

namespace Vigie {

class Session;
class ServiceBoardModel;
class BoardView;
class ServiceDetailPanel;
class TrayController;
class DesktopNotifier;

// The console: the health board of a workspace, the detail of the selected service, the event
// log, and a status bar. It shows a Session (which opens, probes, stores and reloads): the board
// is fed by the session's monitor alone, and what failed is shown in banners. The session and the
// model belong to the caller and outlive the window.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Session *session, ServiceBoardModel *model, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Asks the session to open the workspace; on success shows it and remembers it (QSettings key
    // "workspace/last") for the next start. On failure shows every file:line:column error and keeps
    // what was shown before.
    void openWorkspace(const QString &path);
    QString workspacePath() const;

    // Vigie on the desktop: the tray icon, which exists only where the desktop has a system tray
    // (null otherwise), and the notifier that shows alerts (always). Both belong to the window.
    TrayController *trayController() const;
    DesktopNotifier *desktopNotifier() const;

Q_SIGNALS:
    void workspaceOpened(const QString &path);
    void workspaceFailed(const QStringList &errors);

protected:
    // With a tray, closing the window hides it and Vigie keeps watching; quitting closes it.
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
