#pragma once

#include "store/resultstore.h"

#include <QString>

#include <expected>

// The benchmarks' history: a store holding `days` days of one-minute results of StoreProbes probes,
// the first StoreProbes services of the bench workspace (benchworkspace.h) aimed at StorePort, with
// two state changes a day for each. bench_store restores it; bench_startup opens a session on it.
namespace Vigie::Bench {

inline constexpr int StoreProbes = 1'000;
// The port the stored probes' targets name: the discard port, closed on loopback, so that a
// session opened on the stored workspace gets its connections refused at once.
inline constexpr quint16 StorePort = 9;
inline constexpr int FullStoreDays = 30;
inline constexpr int QuickStoreDays = 2;

// Keeps every result and event, however old: the store's defaults would prune the history.
RetentionPolicy keepEverything();

// Where the full store is cached between runs: ${XDG_CACHE_HOME:-~/.cache}/vigie/bench-stores/.
QString cachedStoreDir();

// Makes `dataDir`/vigie.sqlite hold `days` of history, ending now. With `reuse`, a store already
// completely built there is kept. Returns the seconds spent building (0 when reused), or why it
// could not.
std::expected<double, QString> prepareStore(const QString &dataDir, int days, bool reuse);

} // namespace Vigie::Bench
