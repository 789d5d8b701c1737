#pragma once

#include "duration.h"
#include "workspace.h"
#include "workspaceerror.h"

#include <QList>
#include <QString>

#include <expected>

namespace Vigie {

// Loads a workspace from YAML. It never throws and never crashes on any input: every problem
// comes back as a WorkspaceError naming file:line:column. Thread-safe (no shared state), so it can
// run on a worker thread; the GUI thread never parses.
class WorkspaceLoader
{
public:
    // Reads and parses the file. Errors name `path` as given.
    static std::expected<Workspace, QList<WorkspaceError>> loadFile(const QString &path);
    // Parses text; `fileName` is the name used in error locations and stored as Workspace::filePath.
    static std::expected<Workspace, QList<WorkspaceError>> parse(const QByteArray &yaml, const QString &fileName);
};

} // namespace Vigie
