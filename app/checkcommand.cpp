#include "checkcommand.h"

#include "probes/probeengine.h"
#include "workspace/workspaceloader.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

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

QString formatLatency(double ms)
{
    return ms >= 1000 ? QString::number(ms / 1000, 'f', 2) + QStringLiteral(" s")
                      : QString::number(ms, 'f', 0) + QStringLiteral(" ms");
}

QString stateWord(HealthState state)
{
    switch (state) {
    case HealthState::Up:
        return CheckCommand::tr("up");
    case HealthState::Degraded:
        return CheckCommand::tr("degraded");
    case HealthState::Down:
        return CheckCommand::tr("down");
    case HealthState::Unknown:
        break;
    }
    return CheckCommand::tr("unknown");
}

} // namespace

QByteArray CheckCommand::toJson(const Workspace &workspace, const QList<ProbeResult> &results)
{
    QJsonArray array;
    for (const ProbeResult &r : inWorkspaceOrder(workspace, results)) {
        const Service *service = workspace.service(r.key.serviceId);
        QJsonObject phases;
        phases.insert(QStringLiteral("resolve_ms"), optionalMs(r.phases.resolveMs));
        phases.insert(QStringLiteral("connect_ms"), optionalMs(r.phases.connectMs));
        phases.insert(QStringLiteral("tls_ms"), optionalMs(r.phases.tlsMs));
        phases.insert(QStringLiteral("processing_ms"), optionalMs(r.phases.processingMs));
        phases.insert(QStringLiteral("transfer_ms"), optionalMs(r.phases.transferMs));
        phases.insert(QStringLiteral("total_ms"), optionalMs(r.phases.totalMs));
        QJsonObject object;
        object.insert(QStringLiteral("service"), r.key.serviceId);
        object.insert(QStringLiteral("service_name"), service ? service->name : r.key.serviceId);
        object.insert(QStringLiteral("group"), service ? service->group : QString());
        object.insert(QStringLiteral("probe"), r.kind);
        object.insert(QStringLiteral("target"), r.target);
        object.insert(QStringLiteral("status"), healthStateName(r.status));
        object.insert(QStringLiteral("latency_ms"), std::round(r.latencyMs * 1000) / 1000);
        object.insert(QStringLiteral("phases"), phases);
        object.insert(QStringLiteral("http_status"), r.httpStatus > 0 ? QJsonValue(r.httpStatus) : QJsonValue());
        object.insert(QStringLiteral("failed_phase"),
                      r.failedPhase == ProbePhase::None ? QJsonValue() : QJsonValue(probePhaseName(r.failedPhase)));
        object.insert(QStringLiteral("error"), r.error.isEmpty() ? QJsonValue() : QJsonValue(r.error));
        object.insert(QStringLiteral("timestamp"),
                      QDateTime::fromMSecsSinceEpoch(r.timestampMs, QTimeZone::UTC).toString(Qt::ISODateWithMs));
        array.append(object);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QString CheckCommand::toTable(const Workspace &workspace, const QList<ProbeResult> &results)
{
    const QStringList header{CheckCommand::tr("SERVICE"), CheckCommand::tr("PROBE"),   CheckCommand::tr("TARGET"),
                             CheckCommand::tr("STATUS"),  CheckCommand::tr("LATENCY"), CheckCommand::tr("HTTP"),
                             CheckCommand::tr("ERROR")};
    QList<QStringList> rows{header};
    for (const ProbeResult &r : inWorkspaceOrder(workspace, results))
        rows.append({r.key.serviceId, r.kind, r.target, stateWord(r.status), formatLatency(r.latencyMs),
                     r.httpStatus > 0 ? QString::number(r.httpStatus) : QStringLiteral("-"), r.error});

    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : std::as_const(rows))
        for (int c = 0; c < row.size() - 1; ++c) // the last column is not padded
            widths[c] = std::max(widths[c], row[c].size());
    QString text;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (int c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row[c].leftJustified(widths[c] + 2) : row[c];
        text += line.trimmed() + QLatin1Char('\n');
    }
    return text;
}

int CheckCommand::run(const QString &workspacePath, bool json, QTextStream &out, QTextStream &err)
{
    const auto loaded = WorkspaceLoader::loadFile(workspacePath);
    if (!loaded) {
        for (const WorkspaceError &error : loaded.error())
            err << error.toString() << '\n';
        err.flush();
        return 2;
    }
    const Workspace &workspace = *loaded;

    ProbeEngine engine;
    QList<ProbeResult> results;
    QEventLoop loop;
    QObject::connect(&engine, &ProbeEngine::resultsReady, &loop,
                     [&results](const QList<ProbeResult> &batch) { results.append(batch); });
    QObject::connect(&engine, &ProbeEngine::finishedOnce, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    engine.setWorkspace(workspace);
    engine.runOnce();
    loop.exec();

    if (json)
        out << QString::fromUtf8(toJson(workspace, results));
    else
        out << toTable(workspace, results);
    out.flush();

    const bool allPass =
        std::all_of(results.cbegin(), results.cend(), [](const ProbeResult &r) { return r.status == HealthState::Up; });
    return allPass && results.size() == workspace.probeCount() ? 0 : 1;
}

} // namespace Vigie
