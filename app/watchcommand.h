#pragma once

#include "health/healthevent.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QTextStream>

#include <chrono>
#include <optional>

namespace Vigie {

// `vigie watch`: probes a workspace on its schedule without a window, prints each health event as
// it happens, keeps results and events in the history database, and stops after `duration` or on
// SIGINT/SIGTERM. Returns the exit code (0 stopped, 1 the history could not be written, 2 invalid
// workspace).
class WatchCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::WatchCommand)

public:
    static int run(const QString &workspacePath, const QString &dataDir,
                   std::optional<std::chrono::milliseconds> duration, QTextStream &out, QTextStream &err);

    // One event as a line: local time, service (and probe), what changed, and why.
    static QString eventLine(const Workspace &workspace, const HealthEvent &event);
};

} // namespace Vigie
