#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Vigie::Test {

// What a run of the `vigie` executable gave; exitCode -1 when it did not start or did not finish.
struct VigieRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

struct VigieRunOptions
{
    QString timeZone{};                               // TZ; empty: the test's own
    QByteArray input{};                               // written to its standard input, then closed
    bool withoutPlatform = false;                     // no QT_QPA_PLATFORM at all (else "minimal")
    QList<std::pair<QString, QString>> environment{}; // more variables
    int timeoutMs = 30'000;                           // then it is killed
};

// Runs `binary` (the test's VIGIE_BINARY) as a user's shell would, without a display: no DISPLAY
// or WAYLAND_DISPLAY (the command line must not need one), LANG=C.UTF-8. The test's event loop keeps
// turning while it runs, so that servers living on the test's thread answer it.
VigieRun runVigie(const QString &binary, const QStringList &arguments, const VigieRunOptions &options = {});

} // namespace Vigie::Test
