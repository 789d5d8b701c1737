#include "watchcommand.h"

#include "unixsignalwatcher.h"

#include "alerts/alertcenter.h"
#include "core/terminaltext.h"
#include "monitor/monitor.h"
#include "session/session.h"
#include "store/resultstore.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// Whether watch prints an event: a probe's change only when asked, since its service's change
// (or the lack of one) says the same for people.
bool printed(const HealthEvent &event, bool probeLines)
{
    return probeLines || event.kind != HealthEvent::Kind::ProbeState;
}

} // namespace

QString WatchCommand::eventLine(const Workspace &workspace, const HealthEvent &event, const HealthEvent *impact)
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
        change = tr("%1 → %2").arg(healthStateWord(event.from), healthStateWord(event.to));
        if (impact)
            change = tr("%1, impacted by %2").arg(change, impact->impactedBy);
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
    case HealthEvent::Kind::Acknowledged:
        change = tr("acknowledged");
        break;
    }
    QString line = time + u"  "_s + subject + u"  "_s + change;
    if (!event.cause.isEmpty())
        line += u"  "_s + event.cause.toString();
    // Causes quote servers (errors, banners, bodies): nothing they send may drive the terminal.
    return terminalSafe(line);
}

QStringList WatchCommand::eventLines(const Workspace &workspace, const QList<HealthEvent> &events, bool probeLines)
{
    // A service failing with its dependency: its change and the impact that explains it are one
    // line, not an alarm followed by its explanation.
    QStringList lines;
    QList<bool> merged(events.size(), false);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const HealthEvent &event = events.at(i);
        if (merged.at(i) || !printed(event, probeLines))
            continue;
        const HealthEvent *impact = nullptr;
        if (event.kind == HealthEvent::Kind::ServiceState) {
            for (qsizetype j = i + 1; j < events.size() && !impact; ++j) {
                const HealthEvent &next = events.at(j);
                if (next.serviceId != event.serviceId)
                    continue;
                if (next.kind == HealthEvent::Kind::ServiceState)
                    break;
                if (next.kind == HealthEvent::Kind::ImpactStart) {
                    impact = &next;
                    merged[j] = true;
                }
            }
        }
        lines.append(eventLine(workspace, event, impact));
    }
    return lines;
}

int WatchCommand::run(const QString &workspacePath, const QString &dataDir,
                      std::optional<std::chrono::milliseconds> duration, bool probeLines, QTextStream &out,
                      QTextStream &err)
{
    Session session;
    session.setDataDir(dataDir);
    std::optional<int> failed;
    QEventLoop loop;
    const auto fail = [&failed, &loop, &err](int code) {
        err.flush();
        failed = code;
        loop.quit();
    };
    QObject::connect(&session, &Session::workspaceFailed, &loop,
                     [&err, &fail](const QString &, const QList<WorkspaceError> &errors) {
                         for (const WorkspaceError &error : errors)
                             err << terminalSafe(error.toString()) << '\n';
                         fail(2);
                     });
    QObject::connect(&session, &Session::storeFailed, &loop, [&err, &fail, &session](const QString &reason) {
        err << tr("vigie: the history database in %1 could not be opened: %2")
                   .arg(QDir::toNativeSeparators(session.dataDir()), terminalSafe(reason))
            << '\n';
        fail(1);
    });
    QObject::connect(&session, &Session::secretsRead, &loop, [&err](const QStringList &missing, const QString &error) {
        if (!error.isEmpty())
            err << tr("warning: %1\nThe probes that need a secret will fail until the keychain can be read.")
                       .arg(terminalSafe(error))
                << '\n';
        for (const QString &name : missing)
            err << tr("warning: the secret \"%1\" is not in the keychain: the probes that use it will fail until "
                      "you add it with: vigie secret set %1")
                       .arg(name)
                << '\n';
        err.flush();
    });
    QString writeError;
    QObject::connect(session.store(), &ResultStore::writeError, &loop, [&writeError, &err](const QString &message) {
        // The store keeps the batch and retries: one warning per kind of failure is enough.
        if (message == writeError)
            return;
        writeError = message;
        err << tr("warning: %1").arg(terminalSafe(message)) << '\n';
        err.flush();
    });
    QObject::connect(session.store(), &ResultStore::writeRecovered, &loop, [&writeError, &err](const QString &message) {
        writeError.clear();
        err << terminalSafe(message) << '\n';
        err.flush();
    });

    // Counted from the start: the last stored results the monitor shows first are not new.
    qint64 startedMs = std::numeric_limits<qint64>::max();
    qint64 resultCount = 0;
    qint64 eventCount = 0;
    QObject::connect(session.monitor(), &Monitor::resultsReady, &loop,
                     [&resultCount, &startedMs](const QList<ProbeResult> &results) {
                         resultCount += std::count_if(results.cbegin(), results.cend(),
                                                      [&](const ProbeResult &r) { return r.timestampMs >= startedMs; });
                     });
    QObject::connect(session.monitor(), &Monitor::eventsRaised, &loop,
                     [&eventCount, &out, &session, probeLines](const QList<HealthEvent> &events) {
                         for (const QString &line : eventLines(session.workspace(), events, probeLines))
                             out << line << '\n';
                         out.flush();
                         eventCount += events.size();
                     });

    // Alerts: each one told, and a channel that fails, on the error stream (the events go to the
    // output). Probing never waits on them.
    if (AlertCenter *alerts = session.alertCenter()) {
        QObject::connect(alerts, &AlertCenter::alertRaised, &loop, [&err](const Alert &alert) {
            err << terminalSafe(tr("alert: %1").arg(alert.title())) << '\n';
            err.flush();
        });
        QObject::connect(alerts, &AlertCenter::deliveryChanged, &loop, [&err](const AlertDelivery &delivery) {
            if (delivery.state == AlertDelivery::State::Failed)
                err << terminalSafe(
                           tr("warning: alert channel %1 gave up: %2").arg(delivery.channelId, delivery.lastError))
                    << '\n';
            else if (delivery.state == AlertDelivery::State::Queued && !delivery.lastError.isEmpty())
                err << terminalSafe(tr("warning: alert channel %1 failed, retrying: %2")
                                        .arg(delivery.channelId, delivery.lastError))
                    << '\n';
            err.flush();
        });
        QObject::connect(alerts, &AlertCenter::storeError, &loop, [&err](const QString &message) {
            err << terminalSafe(tr("warning: alerts: %1").arg(message)) << '\n';
            err.flush();
        });
    }

    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &loop, [&loop, &err] {
        err << tr("Stopping: storing the last results (Ctrl+C again quits at once).") << '\n';
        err.flush();
        loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&session, &Session::started, &loop, [&] {
        startedMs = QDateTime::currentMSecsSinceEpoch();
        const Workspace &workspace = session.workspace();
        const QString name = workspace.name.isEmpty() ? QFileInfo(workspacePath).completeBaseName() : workspace.name;
        err << tr("Watching %n probe(s) of \"%1\"; history in %2. Stop with Ctrl+C.", "", workspace.probeCount())
                   .arg(name, QDir::toNativeSeparators(session.store()->databasePath()))
            << '\n';
        err.flush();
        if (duration)
            deadline.start(*duration);
    });

    session.open(workspacePath);
    loop.exec();
    if (failed)
        return *failed;

    // The probe thread's last batch is stored too.
    const QString databasePath = QDir::toNativeSeparators(session.store()->databasePath());
    if (!session.close()) {
        err << tr("vigie: the history could not be written to %1: %2")
                   .arg(databasePath,
                        writeError.isEmpty() ? tr("the database refused the last results.") : terminalSafe(writeError))
            << '\n';
        // What is lost, honestly: results dropped while the disk was full, what is still queued.
        if (const QString unwritten = session.store()->unwrittenSummary(); !unwritten.isEmpty())
            err << terminalSafe(unwritten) << '\n';
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
