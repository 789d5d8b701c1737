#pragma once

#include <QCoreApplication>
#include <QTextStream>

namespace Vigie {

struct Options;

// `vigie ack`, `vigie mute` and `vigie unmute`: an on-call engineer's hand on the alerts from a
// shell, written to the alerts database of the data folder (AlertStore), which the console shares.
// With --workspace, the service or group named must be the workspace's. Exit codes: 0 done, 1 the
// alerts database could not be read or written, 2 a usage or workspace error, or an unknown service
// or group.
class AlertCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::AlertCommand)

public:
    static int run(const Options &options, QTextStream &out, QTextStream &err);
};

} // namespace Vigie
