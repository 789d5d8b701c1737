#pragma once

#include <QCoreApplication>
#include <QList>
#include <QTextStream>

#include "health/healthevent.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QHash>

namespace Vigie {

// `vigie check`: runs every probe of a workspace once, concurrently, with its secrets from the
// keychain and its maintenance windows and dependencies (a Session in Mode::Once), prints a table
// or JSON, and returns the exit code (0 no alarm, 1 a service down or degraded that neither a
// maintenance window nor a failing dependency explains, 2 invalid workspace).
class CheckCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::CheckCommand)

public:
    static int run(const QString &workspacePath, bool json, QTextStream &out, QTextStream &err);

    // Exposed for tests: the JSON document and the table for a set of results. A probe whose
    // service is in maintenance, or impacted by a dependency, is reported as such.
    static QByteArray toJson(const Workspace &workspace, const QList<ProbeResult> &results,
                             const QHash<QString, ServiceHealth> &health = {});
    static QString toTable(const Workspace &workspace, const QList<ProbeResult> &results,
                           const QHash<QString, ServiceHealth> &health = {});
};

} // namespace Vigie
