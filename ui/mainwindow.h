#pragma once

#include <QMainWindow>
#include <QPointer>

namespace Vigie {

class Monitor;
class ResultStore;
class ServiceBoardModel;
class BoardView;
class ServiceDetailPanel;

// The console: the health board of a workspace, the detail of the selected service, the event
// log, and a status bar. It wires the monitor's results and health to the board (the monitor
// stores them); the objects themselves belong to the caller and outlive the window.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Monitor *monitor, ResultStore *store, ServiceBoardModel *model, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the store (dataDir/vigie.sqlite) on a worker thread; until it is open, results are
    // still shown and queued for it. A failure is shown in the window, and probing goes on.
    void openStore(const QString &dataDir);

    // Loads the workspace off the GUI thread; on success shows it, starts probing, and remembers
    // it (QSettings key "workspace/last") for the next start. Probing starts once the store has
    // opened (or failed to) and the workspace's secrets have been read from the keychain. On failure shows every
    // file:line:column error and keeps what was shown before.
    void openWorkspace(const QString &path);
    QString workspacePath() const;

    // Once every service has a first result (or after `maxWaitMs`), grabs the window into `path`
    // (PNG), prints the path on stdout, and quits the application if `quitAfter`.
    void scheduleScreenshot(const QString &path, bool quitAfter, int maxWaitMs = 20000);

Q_SIGNALS:
    void workspaceOpened(const QString &path);
    void workspaceFailed(const QStringList &errors);
    void screenshotSaved(const QString &path);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
