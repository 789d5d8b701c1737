#pragma once

#include "options.h"

namespace Vigie {

// The console: a QApplication, a Session (reloading its workspace when the file changes) and the
// MainWindow that shows it. Returns the exit code; quitting stores the last batch.
int runConsole(int &argc, char **argv, const Options &options);

} // namespace Vigie
