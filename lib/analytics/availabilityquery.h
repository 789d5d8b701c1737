#pragma once

#include "availability.h"

#include <QFuture>

namespace Vigie {

class ResultStore;

// Reads the history the report needs from the store (ResultStore::stateHistory(): the state at
// `from` found on an index, then the range) and computes the report, all on the global thread pool:
// neither the read nor the computation runs on the caller's thread. The store must be open.
QFuture<AvailabilityReport> queryAvailability(const ResultStore &store, const QList<ReportService> &services,
                                              qint64 fromMs, qint64 toMs);

} // namespace Vigie
