#include "checkcommand.h"

#include "texttable.h"

#include "core/numbertext.h"
#include "core/terminaltext.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

QJsonValue optionalMs(const std::optional<double> &value)
{
    return value ? QJsonValue(std::round(*value * 1000) / 1000) : QJsonValue(QJsonValue::Null);
}

// Results in workspace order (service, then probe), whatever order they finished in.
QList<ProbeResult> inWorkspaceOrder(const Workspace &workspace, QList<ProbeResult> results)
{
    QHash<QString, int> order;
    for (int i = 0; i < workspace.services.size(); ++i)
        order.insert(workspace.services[i].id, i);
    std::sort(results.begin(), results.end(), [&order](const ProbeResult &a, const ProbeResult &b) {
        const int sa = order.value(a.key.serviceId), sb = order.value(b.key.serviceId);
        return sa != sb ? sa < sb : a.key.index < b.key.index;
    });
    return results;
}

// A probe's result as check reports it: what its service's health explains comes first.
ServiceHealth reported(const ProbeResult &result, const QHash<QString, ServiceHealth> &health)
{
    ServiceHealth shown = health.value(result.key.serviceId);
    shown.state = result.status;
    // Impact explains a failure, not a probe that passed.
    if (result.status == HealthState::Up || result.status == HealthState::Unknown)
        shown.impactedBy.clear();
    return shown;
}

} // namespace

QByteArray CheckCommand::toJson(const Workspace &workspace, const QList<ProbeResult> &results,
                                const QHash<QString, ServiceHealth> &health)
{
    QJsonArray array;
    for (const ProbeResult &r : inWorkspaceOrder(workspace, results)) {
        const Service *service = workspace.service(r.key.serviceId);
        QJsonObject phases;
        phases.insert(u"resolve_ms"_s, optionalMs(r.phases.resolveMs));
        phases.insert(u"connect_ms"_s, optionalMs(r.phases.connectMs));
        phases.insert(u"tls_ms"_s, optionalMs(r.phases.tlsMs));
        phases.insert(u"processing_ms"_s, optionalMs(r.phases.processingMs));
        phases.insert(u"transfer_ms"_s, optionalMs(r.phases.transferMs));
        phases.insert(u"total_ms"_s, optionalMs(r.phases.totalMs));
        QJsonObject object;
        object.insert(u"service"_s, r.key.serviceId);
        object.insert(u"service_name"_s, service ? service->name : r.key.serviceId);
        object.insert(u"group"_s, service ? service->group : QString());
        object.insert(u"probe"_s, r.kind);
        object.insert(u"target"_s, r.target);
        const ServiceHealth shown = reported(r, health);
        object.insert(u"status"_s, serviceHealthName(shown));
        if (!shown.impactedBy.isEmpty())
            object.insert(u"impacted_by"_s, shown.impactedBy);
        if (shown.inMaintenance && !shown.maintenanceName.isEmpty())
            object.insert(u"maintenance"_s, shown.maintenanceName);
        object.insert(u"latency_ms"_s, std::round(r.latencyMs * 1000) / 1000);
        object.insert(u"phases"_s, phases);
        object.insert(u"http_status"_s, r.httpStatus > 0 ? QJsonValue(r.httpStatus) : QJsonValue());
        object.insert(u"failed_phase"_s,
                      r.failedPhase == ProbePhase::None ? QJsonValue() : QJsonValue(probePhaseName(r.failedPhase)));
        // For machines: the English source text, whatever the language of the run.
        object.insert(u"error"_s, r.error.isEmpty() ? QJsonValue() : QJsonValue(r.error.toSourceString()));
        object.insert(u"timestamp"_s,
                      QDateTime::fromMSecsSinceEpoch(r.timestampMs, QTimeZone::UTC).toString(Qt::ISODateWithMs));
        array.append(object);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QString CheckCommand::toTable(const Workspace &workspace, const QList<ProbeResult> &results,
                              const QHash<QString, ServiceHealth> &health)
{
    const QStringList header{CheckCommand::tr("SERVICE"), CheckCommand::tr("PROBE"),   CheckCommand::tr("TARGET"),
                             CheckCommand::tr("STATUS"),  CheckCommand::tr("LATENCY"), CheckCommand::tr("HTTP"),
                             CheckCommand::tr("ERROR")};
    QList<QStringList> rows{header};
    for (const ProbeResult &r : inWorkspaceOrder(workspace, results))
        rows.append({r.key.serviceId, r.kind, terminalSafe(r.target), serviceHealthWord(reported(r, health)),
                     formatLatency(r.latencyMs), r.httpStatus > 0 ? QString::number(r.httpStatus) : u"-"_s,
                     terminalSafe(r.error.toString())});
    return formatTextTable(rows);
}

int CheckCommand::run(const QString &workspacePath, bool json, QTextStream &out, QTextStream &err)
{
    Session session(Session::Mode::Once);
    int code = 2;
    QEventLoop loop;
    QObject::connect(&session, &Session::workspaceFailed, &loop,
                     [&err, &loop](const QString &, const QList<WorkspaceError> &errors) {
                         for (const WorkspaceError &error : errors)
                             err << terminalSafe(error.toString()) << '\n';
                         err.flush();
                         loop.quit();
                     });
    QObject::connect(&session, &Session::secretsRead, &loop, [&err](const QStringList &missing, const QString &error) {
        if (!error.isEmpty())
            err << tr("warning: %1").arg(terminalSafe(error)) << '\n';
        for (const QString &name : missing)
            err << tr("warning: the secret \"%1\" is not in the keychain: the probes that use it fail until you add "
                      "it with: vigie secret set %1")
                       .arg(name)
                << '\n';
        err.flush();
    });
    QObject::connect(&session, &Session::finished, &loop, [&](const Session::Report &report) {
        const Workspace &workspace = session.workspace();
        if (json)
            out << QString::fromUtf8(toJson(workspace, report.results, report.health));
        else
            out << toTable(workspace, report.results, report.health);
        out.flush();
        // Only real alarms count: maintenance and impact are explained.
        const bool alarm = std::any_of(report.health.cbegin(), report.health.cend(),
                                       [](const ServiceHealth &health) { return health.isAlarm(); });
        code = !alarm && report.results.size() == workspace.probeCount() ? 0 : 1;
        loop.quit();
    });
    session.open(workspacePath);
    loop.exec();
    return code;
}

} // namespace Vigie
