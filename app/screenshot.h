#pragma once

#include <QString>

class QWidget;

namespace Vigie {

class ServiceBoardModel;

// The test-only `--screenshot FILE` entry point (tools/lab/run-console, the console smoke test):
// once every service has a first result (or after `maxWaitMs`), grabs the window into FILE (PNG),
// writes beside it FILE.json, what the board showed (each tile's service, state and place), prints
// FILE on stdout, and quits with 0 (1 if it could not be saved) when `quitAfter`. The only code that
// knows about screenshots and board dumps; the product never calls it otherwise.
void scheduleScreenshot(QWidget &window, ServiceBoardModel &model, const QString &path, bool quitAfter,
                        int maxWaitMs = 20000);

} // namespace Vigie
