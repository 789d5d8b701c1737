// The workspace loader on large and hostile files: time and memory.
//
//   bench_loader
//
// services_50k: a valid workspace of 50,000 services (about 3.9 MB, no aliases) loads.
// flow_16mib: one line of `services: [1,1,1,...]` just under the 16 MiB cap fails; its time and
// the peak resident memory of a process that does nothing else (a child, so that nothing before
// counts). Exits non-zero when a figure is over its bound: 2 s, 300 MB.
// bench_workspace: the 11,000-service workspace bench_startup opens (about 1.8 MB) loads; part of the
// cold start.

#include "benchstore.h"
#include "benchworkspace.h"
#include "workspace/workspaceloader.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <cstdio>
#include <cstdlib>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

constexpr double longestMs = 2000;
constexpr double largestPeakMb = 300;

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH loader.%s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

QByteArray servicesWorkspace(int count)
{
    QByteArray yaml = "name: Large\nservices:\n";
    yaml.reserve(qsizetype(count) * 80);
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        yaml += "  - id: s" + n + "\n    group: G" + QByteArray::number(i % 50) + "\n    probes:\n      - tcp: h" + n +
                ".example.org:443\n";
    }
    return yaml;
}

QByteArray flowSequence()
{
    const QByteArray head = "name: Flow\nservices: [";
    const qsizetype items = (16 * 1024 * 1024 - head.size() - 4) / 2;
    return head + QByteArray("1,").repeated(items) + "1]\n";
}

// Milliseconds to parse `yaml`; whether it loaded goes to `loaded`.
double timeParse(const QByteArray &yaml, bool *loaded)
{
    QElapsedTimer clock;
    clock.start();
    const auto workspace = WorkspaceLoader::parse(yaml, u"bench.yaml"_s);
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    *loaded = workspace.has_value();
    return ms;
}

} // namespace

int main()
{
    bool ok = true;

    // The flow sequence first, in a child forked before this process holds anything large.
    std::fflush(stdout);
    const pid_t child = fork();
    if (child < 0) {
        std::perror("bench_loader: fork");
        return 1;
    }
    if (child == 0) {
        bool loaded = false;
        const double ms = timeParse(flowSequence(), &loaded);
        print("flow_16mib_ms", ms, "ms");
        _exit(loaded ? 2 : ms > longestMs ? 1 : 0);
    }
    int status = 0;
    rusage usage{};
    if (wait4(child, &status, 0, &usage) != child) {
        std::perror("bench_loader: wait4");
        return 1;
    }
    const double peakMb = double(usage.ru_maxrss) / 1024; // ru_maxrss is in KiB on Linux
    print("flow_16mib_peak_rss_mb", peakMb, "MB");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "bench_loader: the 16 MiB flow sequence %s\n",
                     WIFEXITED(status) && WEXITSTATUS(status) == 2 ? "loaded, which it must not"
                                                                   : "took too long or crashed");
        ok = false;
    }
    if (peakMb > largestPeakMb) {
        std::fprintf(stderr, "bench_loader: the 16 MiB flow sequence took more than %.0f MB\n", largestPeakMb);
        ok = false;
    }

    bool loaded = false;
    const double servicesMs = timeParse(servicesWorkspace(50'000), &loaded);
    print("services_50k_ms", servicesMs, "ms");
    if (!loaded) {
        std::fprintf(stderr, "bench_loader: the 50,000-service workspace did not load\n");
        ok = false;
    }
    if (servicesMs > longestMs) {
        std::fprintf(stderr, "bench_loader: the 50,000-service workspace took more than %.0f ms\n", longestMs);
        ok = false;
    }

    const double benchMs = timeParse(Bench::workspaceYaml(Bench::makeWorkspace(Bench::StorePort)), &loaded);
    print("bench_workspace_ms", benchMs, "ms");
    if (!loaded) {
        std::fprintf(stderr, "bench_loader: the bench workspace did not load\n");
        ok = false;
    }
    return ok ? 0 : 1;
}
