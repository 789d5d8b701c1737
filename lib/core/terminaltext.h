#pragma once

#include <QString>

namespace Vigie {

// Text that came from elsewhere (a server's header, body, banner or error), made safe to print on
// a terminal: every C0 and C1 control character but the line feed and the tab, and DEL, becomes a
// visible escape ("\x1b"), so that a server cannot clear the screen, move the cursor, retitle the
// window or hide a line. Everything `vigie check` and `vigie watch` print goes through it.
QString terminalSafe(const QString &text);

} // namespace Vigie
