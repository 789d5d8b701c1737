#pragma once

#include "health/healthevent.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <chrono>
#include <optional>

namespace Vigie {

// `vigie watch`: probes a workspace on its schedule without a window, prints each health event as
// it happens (services' changes; probes' too with `probeLines`), keeps results and events in the
// history database, and stops after `duration` or on SIGINT/SIGTERM. Drives a Session. Returns the
// exit code (0 stopped, 1 the history could not be written, 2 invalid workspace).
class WatchCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::WatchCommand)

public:
    static int run(const QString &workspacePath, const QString &dataDir,
                   std::optional<std::chrono::milliseconds> duration, bool probeLines, QTextStream &out,
                   QTextStream &err);

    // One event as a line: local time, service (and probe), what changed, and why; safe to print
    // on a terminal.
    // With `impact`, the ImpactStart that explains a ServiceState change of the same batch: one
    // line says both ("unknown → down, impacted by relay").
    static QString eventLine(const Workspace &workspace, const HealthEvent &event, const HealthEvent *impact = nullptr);
    // The lines a batch of events prints: services' changes (probes' too with `probeLines`), each
    // once, a change and the impact that explains it on one line.
    static QStringList eventLines(const Workspace &workspace, const QList<HealthEvent> &events, bool probeLines);
};

} // namespace Vigie
