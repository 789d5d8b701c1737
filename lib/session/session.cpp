#include "session.h"

#include "freshness.h"

#include "alerts/alertcenter.h"
#include "metrics/metriccharts.h"
#include "metrics/metricscollector.h"
#include "monitor/monitor.h"
#include "notices/noticestore.h"
#include "notices/outboxrelay.h"
#include "secrets/secretstore.h"
#include "series/probeseries.h"
#include "series/seriesstore.h"
#include "store/resultstore.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <limits>
#include <optional>

namespace Vigie {

namespace {

using LoadResult = std::expected<Workspace, QList<WorkspaceError>>;
using OpenResult = std::expected<void, QString>;

// How long closing waits for the probe thread to hand over its last batch.
constexpr std::chrono::seconds DrainTimeout{10};
// Editors write a file in several steps (truncate, write, rename): one reload for all of them.
constexpr std::chrono::milliseconds ReloadDebounce{300};

// The workspace's `history:`, the store's defaults where it says nothing.
RetentionPolicy retentionFor(const HistorySettings &history)
{
    RetentionPolicy policy;
    if (history.results)
        policy.resultsMaxAge = *history.results;
    if (history.events)
        policy.eventsMaxAge = *history.events;
    if (history.maxResultsPerProbe)
        policy.maxResultsPerProbe = *history.maxResultsPerProbe;
    return policy;
}

// The workspace's `history: series:`, the series store's defaults where it says nothing.
SeriesRetention seriesRetentionFor(const HistorySettings &history)
{
    SeriesRetention retention;
    if (history.seriesRaw)
        retention.rawMaxAge = *history.seriesRaw;
    if (history.seriesMinute)
        retention.minuteMaxAge = *history.seriesMinute;
    if (history.seriesHour)
        retention.hourMaxAge = *history.seriesHour;
    if (history.seriesDay)
        retention.dayMaxAge = *history.seriesDay;
    return retention;
}

} // namespace

struct Session::Private
{
    enum class StoreState { Closed, Opening, Open, Failed };

    // One open() on its way to being applied: each part arrives on its own.
    struct Pending
    {
        quint64 generation = 0;
        QString path;
        std::optional<Workspace> workspace;
        std::optional<SecretStore::Lookup> secrets;
        // The previous run's last batch is tracked and committed (or there was none).
        bool previousSettled = false;
    };

    Private(Session *session, Mode sessionMode, Clock *sessionClock)
        : q(session)
        , mode(sessionMode)
        , clock(sessionClock)
        , monitor(sessionClock)
        , metrics(sessionClock)
        , freshness(sessionClock)
    {}

    void load(quint64 generation, const QString &path);
    void readSecrets(quint64 generation);
    void settlePrevious(quint64 generation);
    void applyRetention(const Workspace &next);
    // Opens `target` in the data folder: creating and migrating a database is disk work the
    // caller's thread never waits for. `done` gets the outcome on this thread.
    template<typename Store, typename Done>
    QFuture<OpenResult> openOffThread(Store *target, const QString &cancelled, Done done)
    {
        auto *watcher = new QFutureWatcher<OpenResult>(q);
        QObject::connect(watcher, &QFutureWatcher<OpenResult>::finished, q, [watcher, cancelled, done] {
            watcher->deleteLater();
            done(watcher->future().resultCount() > 0 ? watcher->result() : OpenResult(std::unexpect, cancelled));
        });
        QFuture<OpenResult> future = QtConcurrent::run([target, folder = dataDir] { return target->open(folder); });
        watcher->setFuture(future);
        return future;
    }
    void openStore();
    void openSeries();
    void openNotices();
    void configureRelay();
    void configureAlerts();
    void appendSeries(const QList<ProbeResult> &results);
    void applyWhenReady();
    void watchFile();

    Session *q;
    Mode mode;
    Clock *clock;
    ResultStore store;
    Monitor monitor;
    QString dataDir;
    StoreState storeState = StoreState::Closed;
    // Work on the store that runs on the thread pool: waited for before the store goes away.
    QFuture<OpenResult> storeOpening;
    QFuture<bool> storeFlushing;
    QString writeError;
    // The numeric series (latency, phases, success) of the results, in a file of their own.
    SeriesStore series;
    StoreState seriesState = StoreState::Closed;
    QFuture<OpenResult> seriesOpening;
    // When the current run started probing: results stamped before it are the previous run's,
    // which the monitor hands over again to seed the board, and are in the series already.
    qint64 runStartMs = std::numeric_limits<qint64>::min();
    QHash<ProbeKey, qint64> lastSeriesSample;
    // The workspace's scrape targets, into `series` (declared after it: stopped before it goes).
    MetricsCollector metrics;
    // PromQL series for charts, with the workspace's secrets.
    PromqlSeriesSource promql;
    // The notices and their outbox (a file of their own), and the relay that sends it while the
    // session watches (declared after the store: it goes first).
    std::unique_ptr<NoticeStore> notices;
    StoreState noticesState = StoreState::Closed;
    QFuture<OpenResult> noticesOpening;
    std::unique_ptr<OutboxRelay> relay;
    // Alerts from the monitor's health (Mode::Watch): made with the session, its store opened with
    // the others, fed and started while the session runs.
    std::unique_ptr<AlertCenter> alerts;
    bool alertsOpening = false;
    QHash<QString, QByteArray> secrets; // the running workspace's
    Freshness freshness;

    Workspace workspace;
    QString path;
    bool running = false;
    quint64 generation = 0;
    std::optional<Pending> pending;
    QList<ProbeResult> onceResults;

    bool reloadOnChange = false;
    QFileSystemWatcher *fileWatcher = nullptr;
    QTimer reloadTimer;
};

void Session::Private::load(quint64 loadGeneration, const QString &absolutePath)
{
    auto *watcher = new QFutureWatcher<LoadResult>(q);
    QObject::connect(watcher, &QFutureWatcher<LoadResult>::finished, q, [this, watcher, loadGeneration, absolutePath] {
        watcher->deleteLater();
        if (!pending || pending->generation != loadGeneration)
            return;
        const LoadResult loaded = watcher->future().resultCount() > 0 ? watcher->result() : LoadResult{};
        if (!loaded) {
            // What runs goes on; the errors are for the user to fix, then to open again.
            pending.reset();
            Q_EMIT q->workspaceFailed(absolutePath, loaded.error());
            return;
        }
        pending->workspace = *loaded;
        // Nothing is created on disk for a workspace that cannot run.
        if (mode == Mode::Watch) {
            // Before the store opens, so that its prune at open already follows this workspace's history.
            if (storeState == StoreState::Closed)
                applyRetention(*loaded);
            openStore();
            openSeries();
            openNotices();
            if (!dataDir.isEmpty() && alerts && !alertsOpening) {
                // Without a data folder alerts still reach the desktop; channels need the outbox.
                alertsOpening = true;
                alerts->open(dataDir);
            }
        }
        readSecrets(loadGeneration);
        settlePrevious(loadGeneration);
    });
    // Reading and parsing happen on the thread pool: the caller's thread never parses.
    watcher->setFuture(QtConcurrent::run(&WorkspaceLoader::loadFile, absolutePath));
}

void Session::Private::readSecrets(quint64 readGeneration)
{
    const QStringList names = pending->workspace->secretNames();
    if (names.isEmpty()) {
        pending->secrets = SecretStore::Lookup{};
        return;
    }
    auto *watcher = new QFutureWatcher<SecretStore::Lookup>(q);
    QObject::connect(watcher, &QFutureWatcher<SecretStore::Lookup>::finished, q, [this, watcher, readGeneration] {
        watcher->deleteLater();
        if (!pending || pending->generation != readGeneration)
            return;
        pending->secrets = watcher->future().resultCount() > 0 ? watcher->result() : SecretStore::Lookup{};
        Q_EMIT q->secretsRead(pending->secrets->missing, pending->secrets->error);
        applyWhenReady();
    });
    // The keychain may ask the desktop to unlock it: never on the caller's time.
    watcher->setFuture(SecretStore::read(names));
}

void Session::Private::settlePrevious(quint64 settleGeneration)
{
    const auto commit = [this, settleGeneration] {
        if (storeState != StoreState::Open) {
            if (pending && pending->generation == settleGeneration) {
                pending->previousSettled = true;
                applyWhenReady();
            }
            return;
        }
        // The restore of the next run must read what this one stored last.
        auto *watcher = new QFutureWatcher<bool>(q);
        QObject::connect(watcher, &QFutureWatcher<bool>::finished, q, [this, watcher, settleGeneration] {
            watcher->deleteLater();
            if (!pending || pending->generation != settleGeneration)
                return;
            pending->previousSettled = true;
            applyWhenReady();
        });
        ResultStore *target = &store;
        storeFlushing = QtConcurrent::run([target] { return target->flush(); });
        watcher->setFuture(storeFlushing);
    };
    if (!running) {
        commit();
        return;
    }
    running = false;
    freshness.setRunning(false);
    monitor.stop();
    if (alerts)
        alerts->stop();
    if (!monitor.isDraining()) {
        // Stopped at once; a batch already on its way is dropped.
        commit();
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(&monitor, &Monitor::drained, q, [connection, commit] {
        QObject::disconnect(*connection);
        commit();
    });
}

void Session::Private::applyRetention(const Workspace &next)
{
    const RetentionPolicy policy = retentionFor(next.history);
    // An open store prunes at once on its writer thread: a shorter history takes effect now,
    // not at the next hourly pass.
    if (store.retention() != policy)
        store.setRetention(policy);
    if (const SeriesRetention retention = seriesRetentionFor(next.history); series.retention() != retention)
        series.setRetention(retention);
}

void Session::Private::openSeries()
{
    if (dataDir.isEmpty() || seriesState != StoreState::Closed)
        return;
    seriesState = StoreState::Opening;
    // Samples appended meanwhile wait in its queue for the writer.
    seriesOpening = openOffThread(&series, Session::tr("Opening the series database was cancelled."),
                                  [this](const OpenResult &opened) {
                                      if (opened) {
                                          seriesState = StoreState::Open;
                                          Q_EMIT q->seriesStoreOpened();
                                      } else {
                                          // Charts have no history then, but probing and the results store go on.
                                          seriesState = StoreState::Failed;
                                          Q_EMIT q->seriesStoreFailed(opened.error());
                                      }
                                  });
}

void Session::Private::openNotices()
{
    if (dataDir.isEmpty() || noticesState != StoreState::Closed)
        return;
    noticesState = StoreState::Opening;
    notices = std::make_unique<NoticeStore>(clock);
    noticesOpening = openOffThread(notices.get(), Session::tr("Opening the notices database was cancelled."),
                                   [this](const OpenResult &opened) {
                                       if (!opened) {
                                           // Notices cannot be written then; everything else goes on.
                                           noticesState = StoreState::Failed;
                                           Q_EMIT q->noticeStoreFailed(opened.error());
                                           return;
                                       }
                                       noticesState = StoreState::Open;
                                       relay = std::make_unique<OutboxRelay>(notices.get(), clock);
                                       Q_EMIT q->noticeStoreOpened();
                                       configureRelay();
                                   });
}

// The relay follows the running workspace's status sites and secrets, and runs while it does.
void Session::Private::configureRelay()
{
    if (!relay || !running)
        return;
    relay->setWorkspace(workspace, secrets);
    // A workspace without status sites has nothing to send: no polling of the outbox for it.
    if (workspace.statusSites.isEmpty())
        relay->stop();
    else if (!relay->isRunning())
        relay->start();
    else
        relay->wake();
}

// The alert center follows the running workspace's `alerts:` and secrets, and polls while it runs.
void Session::Private::configureAlerts()
{
    if (!alerts || !running)
        return;
    alerts->setWorkspace(workspace, secrets);
    alerts->start();
}

void Session::Private::appendSeries(const QList<ProbeResult> &results)
{
    if (mode != Mode::Watch || (seriesState != StoreState::Open && seriesState != StoreState::Opening))
        return;
    QList<ProbeResult> fresh;
    fresh.reserve(results.size());
    for (const ProbeResult &result : results) {
        if (result.timestampMs < runStartMs)
            continue;
        // A reload hands the last results over again: they are in the series already.
        auto last = lastSeriesSample.find(result.key);
        if (last != lastSeriesSample.end() && result.timestampMs <= *last)
            continue;
        lastSeriesSample.insert(result.key, result.timestampMs);
        fresh.append(result);
    }
    series.append(probeSeriesSamples(fresh));
}

void Session::Private::openStore()
{
    if (dataDir.isEmpty() || storeState != StoreState::Closed)
        return;
    storeState = StoreState::Opening;
    storeOpening = openOffThread(&store, Session::tr("Opening the results database was cancelled."),
                                 [this](const OpenResult &opened) {
                                     if (opened) {
                                         storeState = StoreState::Open;
                                         Q_EMIT q->storeOpened();
                                     } else {
                                         // Health starts afresh and nothing is kept, but probing goes on.
                                         storeState = StoreState::Failed;
                                         Q_EMIT q->storeFailed(opened.error());
                                     }
                                     applyWhenReady();
                                 });
}

void Session::Private::applyWhenReady()
{
    if (!pending || !pending->workspace || !pending->secrets || !pending->previousSettled ||
        storeState == StoreState::Opening)
        return;
    Pending next = std::exchange(pending, std::nullopt).value();
    workspace = *next.workspace;
    path = next.path;
    // A reload may change `history:`; the store is not opening now (see above), so the new
    // policy reaches its writer.
    if (mode == Mode::Watch)
        applyRetention(workspace);
    monitor.setStore(mode == Mode::Watch && storeState == StoreState::Open ? &store : nullptr);
    monitor.setWorkspace(workspace);
    monitor.setSecrets(next.secrets->secrets);
    watchFile();
    Q_EMIT q->workspaceOpened(path, workspace);
    if (mode == Mode::Once) {
        onceResults.clear();
        monitor.runOnce();
        return;
    }
    running = true;
    runStartMs = clock->nowMs();
    const auto [interval, grace] = Freshness::expectedRate(workspace);
    freshness.setExpectedInterval(interval, grace);
    freshness.setRunning(true);
    if (seriesState == StoreState::Open || seriesState == StoreState::Opening) {
        // Nothing probed since the last run: a gap, not a line from its last sample to the next.
        QList<SeriesSamples> gaps;
        for (const Service &service : std::as_const(workspace.services))
            gaps += probeGapMarkers(service, runStartMs);
        series.append(gaps);
    }
    monitor.start();
    // A reload restarts the scrapes; a target that did not change keeps its rates.
    promql.setSecrets(next.secrets->secrets);
    metrics.setStore(seriesState == StoreState::Open || seriesState == StoreState::Opening ? &series : nullptr);
    metrics.setSecrets(next.secrets->secrets);
    metrics.setTargets(workspace.metrics.scrape);
    metrics.start();
    secrets = next.secrets->secrets;
    configureRelay();
    configureAlerts();
    Q_EMIT q->started();
}

void Session::Private::watchFile()
{
    if (!reloadOnChange)
        return;
    if (!fileWatcher) {
        fileWatcher = new QFileSystemWatcher(q);
        QObject::connect(fileWatcher, &QFileSystemWatcher::fileChanged, q, [this] { reloadTimer.start(); });
        // An editor that saves by writing a new file and renaming it over the old one removes the
        // watched file: the folder says when the new one is there.
        QObject::connect(fileWatcher, &QFileSystemWatcher::directoryChanged, q, [this] {
            if (!path.isEmpty() && !fileWatcher->files().contains(path) && QFileInfo::exists(path))
                reloadTimer.start();
        });
    }
    if (!fileWatcher->files().isEmpty())
        fileWatcher->removePaths(fileWatcher->files());
    if (!fileWatcher->directories().isEmpty())
        fileWatcher->removePaths(fileWatcher->directories());
    fileWatcher->addPath(path);
    fileWatcher->addPath(QFileInfo(path).absolutePath());
}

Session::Session(Mode mode, Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, mode, clock))
{
    qRegisterMetaType<Session::Report>();
    qRegisterMetaType<QList<WorkspaceError>>();
    // Retention measures ages against the time the results are stamped with.
    d->store.setClock(clock);
    d->series.setClock(clock);
    d->reloadTimer.setSingleShot(true);
    d->reloadTimer.setInterval(ReloadDebounce);
    connect(&d->reloadTimer, &QTimer::timeout, this, [this] {
        if (!d->path.isEmpty() && QFileInfo::exists(d->path)) {
            // Re-armed: a file replaced by rename is a new file for the watcher.
            if (!d->fileWatcher->files().contains(d->path))
                d->fileWatcher->addPath(d->path);
            open(d->path);
        }
    });
    connect(&d->store, &ResultStore::writeError, this, [this](const QString &message) {
        d->writeError = message;
        d->freshness.setStoreError(message);
    });
    connect(&d->store, &ResultStore::writeRecovered, this, [this] { d->freshness.setStoreError({}); });
    connect(&d->series, &SeriesStore::writeError, this, &Session::seriesStoreFailed);
    connect(&d->metrics, &MetricsCollector::scrapeFailed, this, &Session::scrapeFailed);
    connect(&d->monitor, &Monitor::resultsReady, this, [this](const QList<ProbeResult> &results) {
        if (d->mode == Mode::Once) {
            d->onceResults += results;
        } else {
            d->appendSeries(results);
            d->freshness.noteResults(results);
        }
    });
    if (mode == Mode::Watch) {
        d->alerts = std::make_unique<AlertCenter>(clock);
        // Every change the monitor announces, a reload's last batch included (a restore announces
        // none: what was told before a restart is not told again).
        connect(&d->monitor, &Monitor::eventsRaised, d->alerts.get(), &AlertCenter::noteEvents);
        connect(&d->monitor, &Monitor::healthChanged, d->alerts.get(), &AlertCenter::noteHealth);
        // An acknowledgement made here goes into the event log once, by this process (`vigie ack`
        // writes its own).
        connect(d->alerts.get(), &AlertCenter::acknowledged, this, [this](const Acknowledgement &acknowledgement) {
            if (d->storeState != Private::StoreState::Open)
                return;
            const Service *service = d->workspace.service(acknowledgement.serviceId);
            d->store.appendEvents({acknowledgementEvent(acknowledgement, service ? service->group : QString(),
                                                        d->monitor.serviceHealth(acknowledgement.serviceId).state)});
        });
    }
    connect(&d->monitor, &Monitor::finishedOnce, this, [this] {
        Report report;
        report.results = std::exchange(d->onceResults, {});
        for (const Service &service : std::as_const(d->workspace.services))
            report.health.insert(service.id, d->monitor.serviceHealth(service.id));
        Q_EMIT finished(report);
    });
}

Session::~Session()
{
    close();
}

void Session::setDataDir(const QString &dataDir)
{
    d->dataDir = dataDir.isEmpty() ? QString() : QDir(dataDir).absolutePath();
}

QString Session::dataDir() const
{
    return d->dataDir;
}

void Session::setReloadOnChange(bool reload)
{
    d->reloadOnChange = reload;
    if (reload && !d->path.isEmpty())
        d->watchFile();
}

void Session::open(const QString &path)
{
    const QString absolutePath = QFileInfo(path).absoluteFilePath();
    d->pending = Private::Pending{++d->generation, absolutePath, {}, {}, false};
    d->load(d->generation, absolutePath);
}

bool Session::close()
{
    d->pending.reset();
    d->reloadTimer.stop();
    // Its last gap markers go into the series store before it flushes.
    d->metrics.stop();
    if (d->running) {
        d->running = false;
        d->freshness.setRunning(false);
        d->monitor.stop();
        if (d->monitor.isDraining()) {
            QEventLoop drain;
            connect(&d->monitor, &Monitor::drained, &drain, &QEventLoop::quit);
            QTimer::singleShot(DrainTimeout, &drain, &QEventLoop::quit);
            drain.exec();
        }
    }
    if (d->relay)
        d->relay->stop();
    if (d->alerts)
        d->alerts->stop();
    d->noticesOpening.waitForFinished();
    // Neither may outlive the store.
    d->storeOpening.waitForFinished();
    d->storeFlushing.waitForFinished();
    d->seriesOpening.waitForFinished();
    // A series store that cannot write says so by its own signal; it never fails the results.
    if (!d->series.databasePath().isEmpty())
        d->series.flush();
    if (d->store.databasePath().isEmpty())
        return true;
    return d->store.flush();
}

Session::Mode Session::mode() const
{
    return d->mode;
}

Clock *Session::clock() const
{
    return d->clock;
}

Monitor *Session::monitor() const
{
    return &d->monitor;
}

NoticeStore *Session::noticeStore() const
{
    return d->noticesState == Private::StoreState::Open ? d->notices.get() : nullptr;
}

OutboxRelay *Session::outboxRelay() const
{
    return d->relay.get();
}

AlertCenter *Session::alertCenter() const
{
    return d->alerts.get();
}

ResultStore *Session::store() const
{
    return &d->store;
}

SeriesStore *Session::seriesStore() const
{
    return &d->series;
}

MetricsCollector *Session::metricsCollector() const
{
    return &d->metrics;
}

PromqlSeriesSource *Session::promqlSource() const
{
    return &d->promql;
}

bool Session::isSeriesStoreOpen() const
{
    return d->seriesState == Private::StoreState::Open;
}

bool Session::isStoreOpen() const
{
    return d->storeState == Private::StoreState::Open;
}

Freshness *Session::freshness() const
{
    return &d->freshness;
}

QString Session::writeError() const
{
    return d->writeError;
}

const Workspace &Session::workspace() const
{
    return d->workspace;
}

QString Session::workspacePath() const
{
    return d->path;
}

} // namespace Vigie
