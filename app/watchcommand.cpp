#include "watchcommand.h"

#include "unixsignalwatcher.h"

#include "monitor/monitor.h"
#include "secrets/secretstore.h"
#include "store/resultstore.h"
#include "workspace/workspaceloader.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimeZone>
#include <QTimer>

namespace Vigie {

namespace {

// How long stopping waits for the probe thread to hand over its last batch.
constexpr std::chrono::seconds DrainTimeout{10};

QString stateWord(HealthState state)
{
    switch (state) {
    case HealthState::Up:
        return WatchCommand::tr("up");
    case HealthState::Degraded:
        return WatchCommand::tr("degraded");
    case HealthState::Down:
        return WatchCommand::tr("down");
    case HealthState::Unknown:
        break;
    }
    return WatchCommand::tr("unknown");
}

// The keychain's answer, waited for with an event loop: its jobs run on this thread.
SecretStore::Lookup readSecrets(const QStringList &names)
{
    QFutureWatcher<SecretStore::Lookup> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<SecretStore::Lookup>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(SecretStore::read(names));
    if (!watcher.isFinished())
        loop.exec();
    return watcher.future().resultCount() > 0 ? watcher.result() : SecretStore::Lookup{};
}

} // namespace

QString WatchCommand::eventLine(const Workspace &workspace, const HealthEvent &event)
{
    // Local time, with its offset: unambiguous in a log that is pasted elsewhere.
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(event.timestampMs, QTimeZone::UTC).toLocalTime();
    const QString time = local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate);
    QString subject = event.serviceId;
    if (event.kind == HealthEvent::Kind::ProbeState && event.probeIndex >= 0) {
        const Service *service = workspace.service(event.serviceId);
        const QString kind = service && event.probeIndex < service->probes.size()
                                 ? service->probes.at(event.probeIndex).kindName()
                                 : QString();
        subject = kind.isEmpty() ? tr("%1 probe %2").arg(event.serviceId).arg(event.probeIndex + 1)
                                 : tr("%1 probe %2 (%3)").arg(event.serviceId).arg(event.probeIndex + 1).arg(kind);
    }
    QString change;
    switch (event.kind) {
    case HealthEvent::Kind::ProbeState:
    case HealthEvent::Kind::ServiceState:
        change = tr("%1 → %2").arg(stateWord(event.from), stateWord(event.to));
        if (event.inMaintenance)
            change = tr("%1 (during maintenance)").arg(change);
        break;
    case HealthEvent::Kind::MaintenanceStart:
        change = tr("maintenance began");
        break;
    case HealthEvent::Kind::MaintenanceEnd:
        change = tr("maintenance ended");
        break;
    case HealthEvent::Kind::ImpactStart:
        change = tr("impacted by %1").arg(event.impactedBy);
        break;
    case HealthEvent::Kind::ImpactEnd:
        change = tr("no longer impacted by %1").arg(event.impactedBy);
        break;
    }
    QString line = time + QStringLiteral("  ") + subject + QStringLiteral("  ") + change;
    if (!event.cause.isEmpty())
        line += QStringLiteral("  ") + event.cause;
    return line;
}

int WatchCommand::run(const QString &workspacePath, const QString &dataDir,
                      std::optional<std::chrono::milliseconds> duration, QTextStream &out, QTextStream &err)
{
    const auto loaded = WorkspaceLoader::loadFile(workspacePath);
    if (!loaded) {
        for (const WorkspaceError &error : loaded.error())
            err << error.toString() << '\n';
        err.flush();
        return 2;
    }
    const Workspace &workspace = *loaded;

    QHash<QString, QByteArray> secrets;
    if (const QStringList names = workspace.secretNames(); !names.isEmpty()) {
        const SecretStore::Lookup lookup = readSecrets(names);
        if (!lookup.error.isEmpty())
            err << tr("warning: %1\nThe probes that need a secret will fail until the keychain can be read.")
                       .arg(lookup.error)
                << '\n';
        for (const QString &name : lookup.missing)
            err << tr("warning: the secret \"%1\" is not in the keychain: the probes that use it will fail until "
                      "you add it with: vigie secret set %1")
                       .arg(name)
                << '\n';
        secrets = lookup.secrets;
        err.flush();
    }

    ResultStore store;
    const QString absoluteDataDir = QDir(dataDir).absolutePath();
    if (const auto opened = store.open(absoluteDataDir); !opened) {
        err << tr("vigie: the history database in %1 could not be opened: %2")
                   .arg(QDir::toNativeSeparators(absoluteDataDir), opened.error())
            << '\n';
        err.flush();
        return 1;
    }
    const QString databasePath = QDir::toNativeSeparators(store.databasePath());

    QString writeError;
    QObject::connect(&store, &ResultStore::writeError, &store, [&writeError, &err](const QString &message) {
        // The store keeps the batch and retries: one warning per kind of failure is enough.
        if (message == writeError)
            return;
        writeError = message;
        err << tr("warning: %1").arg(message) << '\n';
        err.flush();
    });

    Monitor monitor;
    qint64 resultCount = 0;
    qint64 eventCount = 0;
    QObject::connect(&monitor, &Monitor::resultsReady, &monitor,
                     [&resultCount](const QList<ProbeResult> &results) { resultCount += results.size(); });
    QObject::connect(&monitor, &Monitor::eventsRaised, &monitor,
                     [&eventCount, &out, &workspace](const QList<HealthEvent> &events) {
                         for (const HealthEvent &event : events)
                             out << eventLine(workspace, event) << '\n';
                         out.flush();
                         eventCount += events.size();
                     });
    monitor.setStore(&store);
    monitor.setWorkspace(workspace);
    monitor.setSecrets(secrets);

    QEventLoop loop;
    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &loop, &QEventLoop::quit);
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    if (duration)
        deadline.start(*duration);

    const QString name = workspace.name.isEmpty() ? QFileInfo(workspacePath).completeBaseName() : workspace.name;
    err << tr("Watching %n probe(s) of \"%1\"; history in %2. Stop with Ctrl+C.", "", workspace.probeCount())
               .arg(name, databasePath)
        << '\n';
    err.flush();

    monitor.start();
    loop.exec();

    // The probe thread hands over what it has left when it stops; wait for that last batch so
    // that it is stored too.
    const bool wasRunning = monitor.runningCount() > 0;
    monitor.stop();
    if (wasRunning) {
        QEventLoop drain;
        QObject::connect(&monitor, &Monitor::runningCountChanged, &drain, [&drain](int running) {
            if (running == 0)
                drain.quit();
        });
        QTimer::singleShot(DrainTimeout, &drain, &QEventLoop::quit);
        drain.exec();
    }

    if (!store.flush()) {
        err << tr("vigie: the history could not be written to %1: %2")
                   .arg(databasePath, writeError.isEmpty() ? tr("the database refused the last results.") : writeError)
            << '\n';
        err.flush();
        return 1;
    }
    out << tr("Stored %1 and %2 in %3.")
               .arg(tr("%n result(s)", "", int(resultCount)), tr("%n event(s)", "", int(eventCount)), databasePath)
        << '\n';
    out.flush();
    return 0;
}

} // namespace Vigie
