#pragma once

#include <QCoreApplication>
#include <QList>
#include <QTextStream>

#include "probes/proberesult.h"
#include "workspace/workspace.h"

namespace Vigie {

// `vigie check`: runs every probe of a workspace once, concurrently, prints a table or JSON,
// and returns the exit code (0 all pass, 1 any down or degraded, 2 invalid workspace).
class CheckCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::CheckCommand)

public:
    static int run(const QString &workspacePath, bool json, QTextStream &out, QTextStream &err);

    // Exposed for tests: the JSON document and the table for a set of results.
    static QByteArray toJson(const Workspace &workspace, const QList<ProbeResult> &results);
    static QString toTable(const Workspace &workspace, const QList<ProbeResult> &results);
};

} // namespace Vigie
