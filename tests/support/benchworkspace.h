#pragma once

#include "workspace/workspace.h"

#include <QByteArray>
#include <QString>

#include <chrono>

// The benchmarks' workspace: 11,000 HTTP services on one loopback server, 10,000 probed every
// minute and 1,000 every 5 s, in groups of 500 tiles (bench_probes runs it, bench_startup opens it
// over a stored history).
namespace Vigie::Bench {

using namespace std::chrono_literals;

inline constexpr int SlowTargets = 10'000;
inline constexpr int FastTargets = 1'000;
inline constexpr int Targets = SlowTargets + FastTargets;
inline constexpr auto SlowInterval = 60s;
inline constexpr auto FastInterval = 5s;
inline constexpr int TilesPerGroup = 500;

// The URL of target `index` (0-based) on the server at `port`.
QString targetUrl(quint16 port, int index);
// The first `services` targets of the workspace, as the loader would make them.
Workspace makeWorkspace(quint16 port, int services = Targets);
// The same workspace as a file the loader reads: what makeWorkspace() sets, nothing else.
QByteArray workspaceYaml(const Workspace &workspace);

} // namespace Vigie::Bench
