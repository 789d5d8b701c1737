#pragma once

#include "core/clock.h"
#include "core/message.h"
#include "health/healthevent.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"
#include "workspace/workspaceloader.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace Vigie {

class AlertCenter;
class MetricsCollector;
class Monitor;
class NoticeStore;
class OutboxRelay;
class PromqlSeriesSource;
class Freshness;
class ResultStore;
class SeriesStore;

// One workspace being watched, from its file to its last stored batch: the console, `vigie watch`
// and `vigie check` each drive one. It owns the Monitor (engine, health tracker), the ResultStore
// and the secret lookup, and sequences them: open(path) loads the workspace off the calling
// thread; once it is valid (nothing is created on disk for one that is not), it reads its secrets
// from the keychain and opens the store, both at once and off the calling thread too; then it
// restores the previous state and probes on schedule (Mode::Watch), or runs every probe once with
// maintenance windows and dependencies applied (Mode::Once).
//
// What fails is reported as values and signals, never by a dialog: an invalid workspace keeps the
// running one (workspaceFailed), a store that cannot be opened leaves probing on without history
// (storeFailed), missing secrets leave their probes failing (secretsRead).
//
// Opening again while running (a reload) stops the previous run, waits for its last batch, commits
// it, and only then restores and starts the new one: no state is announced twice. close() (or the
// destructor) does the same at exit: drain the probe thread, flush the store.
//
// Next to the store, the session opens a SeriesStore in the same data folder (also off the calling
// thread) and appends to it, from each batch of live results, every probe's latency, phases and
// success (series/probeseries.h), after a gap marker per series at the start of each run. A series
// store that fails is reported by seriesStoreFailed and left behind: probing and the results store
// go on.
//
// In Mode::Watch the session also opens the data folder's notices (noticestore.h) and runs the
// outbox relay for the workspace's status sites, and runs the alert center (alerts/alertcenter.h):
// the monitor's events and health go to it while the session runs, its `alerts:` channels and
// secrets follow each reload, and its store (acknowledgements, mutes, the alerts' outbox) is the
// data folder's, shared with `vigie ack`, `vigie mute` and any other process on that folder.
//
// The workspace's `history:` is the store's retention: set before the store opens, and again by a
// reload that changes it (the store then prunes at once, on its writer thread).
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    enum class Mode { Watch, Once };

    // What a Mode::Once run found: every result, and each service's health after them.
    struct Report
    {
        QList<ProbeResult> results;
        QHash<QString, ServiceHealth> health;
    };

    explicit Session(Mode mode = Mode::Watch, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~Session() override; // close()

    // Where results and events are kept (dataDir/vigie.sqlite); empty, the default: nothing is
    // kept. Takes effect at the next open() if the store is not open yet.
    void setDataDir(const QString &dataDir);
    QString dataDir() const;
    // Opens the workspace again when its file changes on disk (debounced; an editor that replaces
    // the file is followed). Off by default.
    void setReloadOnChange(bool reload);

    // Asynchronous: see the class comment. A later open() supersedes one still in progress.
    void open(const QString &path);
    // Stops probing, waits (a bounded time) for the probe thread's last batch and commits
    // everything to the store. Blocking: for the end of the program. Returns false when the store
    // could not write what it held (writeError() says why).
    bool close();

    Mode mode() const;
    // Where "now" comes from (the system's clock unless a test gave another).
    Clock *clock() const;
    Monitor *monitor() const;
    ResultStore *store() const;
    SeriesStore *seriesStore() const;
    // Scrapes the workspace's `metrics: scrape:` targets into the series store while the session
    // runs (Mode::Watch), restarted by each reload, stopped by close().
    MetricsCollector *metricsCollector() const;
    // Fetches the workspace's PromQL series for charts (metrics/metriccharts.h), with its secrets.
    PromqlSeriesSource *promqlSource() const;
    bool isSeriesStoreOpen() const;
    // The notices, drafts and outbox of the data folder (Mode::Watch with a data folder), opened
    // off the calling thread next to the results: null until noticeStoreOpened().
    NoticeStore *noticeStore() const;
    // Sends the outbox to the running workspace's status sites while the session watches (its
    // sites and secrets follow each reload); null until noticeStoreOpened().
    OutboxRelay *outboxRelay() const;
    // Mode::Watch: the alerts raised from this session's health (the desktop listens to it), with
    // its acknowledgements and mutes; null in Mode::Once.
    AlertCenter *alertCenter() const;
    bool isStoreOpen() const;
    QString writeError() const;
    // Whether results still arrive, probing runs and the store writes (Mode::Watch).
    Freshness *freshness() const;
    // The workspace being watched and its absolute path (empty before the first successful open).
    const Workspace &workspace() const;
    QString workspacePath() const;

Q_SIGNALS:
    // The new workspace is in place (the monitor has it); probing starts right after.
    void workspaceOpened(const QString &path, const Vigie::Workspace &workspace);
    // The file could not be loaded; whatever ran before goes on.
    void workspaceFailed(const QString &path, const QList<Vigie::WorkspaceError> &errors);
    void storeOpened();
    void storeFailed(const QString &reason);
    void seriesStoreOpened();
    void noticeStoreOpened();
    // The notices database could not be opened: drafting and publishing are off, probing goes on.
    void noticeStoreFailed(const QString &reason);
    // The series database could not be opened, or a write to it failed (once per distinct failure).
    void seriesStoreFailed(const QString &reason);
    // A scrape of a `metrics:` target failed (a gap in its series); `message` names the phase.
    void scrapeFailed(const QString &targetId, const Vigie::Message &message);
    // After each keychain read: the names it does not have, and why it could not be read at all.
    void secretsRead(const QStringList &missing, const QString &keychainError);
    void started();
    // Mode::Once: every probe has reported.
    void finished(const Vigie::Session::Report &report);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
Q_DECLARE_METATYPE(Vigie::Session::Report)
