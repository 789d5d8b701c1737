#pragma once

#include <QMainWindow>
#include <QPointer>

namespace Vigie {

class ProbeEngine;
class ResultStore;
class ServiceBoardModel;
class BoardView;
class ServiceDetailPanel;

// The console: the health board of a workspace, the detail of the selected service, and a status
// bar. It wires the engine's results to the board and the store; the objects themselves belong to
// the caller and outlive the window.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(ProbeEngine *engine, ResultStore *store, ServiceBoardModel *model, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the store (dataDir/vigie.sqlite) on a worker thread; until it is open, results are
    // still shown and queued for it. A failure is shown in the window, and probing goes on.
    void openStore(const QString &dataDir);

    // Loads the workspace off the GUI thread; on success shows it, starts probing, and remembers
    // it (QSettings key "workspace/last") for the next start. On failure shows every
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
