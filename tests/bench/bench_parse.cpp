// The exposition parser on a node_exporter-like exposition of about 10 MB: many families, many
// labels, counters, gauges, histograms and summaries, in the text format 0.0.4 (what
// node_exporter serves) and in OpenMetrics 1.0.
//
//   bench_parse [--quick]
//
// parse.mb_per_s: 0.0.4, the best of several passes, in MB per second of the parsing thread's CPU
// time, so that other work on a shared machine does not count (target: at least 150 MB/s, release
// build); parse.wall_mb_per_s: the same by the wall clock;
// parse.openmetrics_mb_per_s: the same exposition in OpenMetrics (it checks more: groups,
// histogram buckets, exemplars); parse.samples_per_s; parse.bytes_allocated_per_sample and
// parse.allocations_per_pass in the steady state (operator new counted; the parser reuses its
// buffers, so both should be 0). --quick: about 1 MB and fewer passes, for CI.

#include "allocationcounter.h"
#include "metrics/exposition.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

using namespace Vigie;

namespace {

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH parse.%s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

// A node_exporter-like exposition of at least `bytes`: the families repeat with a numbered prefix
// so that every family name is unique.
QByteArray exposition(qsizetype bytes, bool openMetrics)
{
    QByteArray out;
    out.reserve(bytes + 65536);
    const char *modes[] = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    const char *les[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"};
    for (int round = 0; out.size() < bytes; ++round) {
        const QByteArray r = "r" + QByteArray::number(round) + "_";
        const QByteArray total = openMetrics ? "_total" : "";
        for (const char *direction : {"receive", "transmit"}) {
            for (const char *what : {"bytes", "packets", "errs", "drop"}) {
                const QByteArray family = r + "node_network_" + direction + "_" + what + (openMetrics ? "" : "_total");
                out += "# HELP " + family + " Network device statistic " + what + ".\n# TYPE " + family + " counter\n";
                for (int dev = 0; dev < 16; ++dev)
                    out += family + total + "{device=\"eth" + QByteArray::number(dev) + "\"} " +
                           QByteArray::number(123456789.0 * (dev + 1) + round, 'g', 10) + "\n";
            }
        }
        const QByteArray cpu = r + "node_cpu_seconds" + (openMetrics ? "" : "_total");
        out += "# HELP " + cpu + " Seconds the CPUs spent in each mode.\n# TYPE " + cpu + " counter\n";
        for (int c = 0; c < 32; ++c)
            for (const char *mode : modes)
                out += cpu + total + "{cpu=\"" + QByteArray::number(c) + "\",mode=\"" + mode + "\"} " +
                       QByteArray::number(1234.56 * (c + 1), 'f', 2) + "\n";
        const QByteArray fs = r + "node_filesystem_avail_bytes";
        out += "# HELP " + fs + " Filesystem space available to non-root users in bytes.\n# TYPE " + fs + " gauge\n";
        for (int m = 0; m < 24; ++m)
            out += fs + "{device=\"/dev/sda" + QByteArray::number(m) +
                   "\",fstype=\"ext4\",mountpoint=\"/srv/data/volume" + QByteArray::number(m) + "\"} " +
                   QByteArray::number(2.5e11 + m, 'e', 6) + "\n";
        const QByteArray h = r + "http_request_duration_seconds";
        out += "# HELP " + h + " A histogram of request latencies.\n# TYPE " + h + " histogram\n";
        for (const char *handler : {"/api/v1/query", "/api/v1/series", "/metrics", "/-/ready"}) {
            const QByteArray labels = QByteArray("handler=\"") + handler + "\",method=\"GET\"";
            qint64 cumulative = 0;
            for (const char *le : les) {
                cumulative += 17;
                out += h + "_bucket{" + labels + ",le=\"" + le + "\"} " + QByteArray::number(cumulative) + "\n";
            }
            cumulative += 3;
            out += h + "_bucket{" + labels + ",le=\"+Inf\"} " + QByteArray::number(cumulative) + "\n";
            out += h + "_sum{" + labels + "} 42.125\n";
            out += h + "_count{" + labels + "} " + QByteArray::number(cumulative) + "\n";
        }
        const QByteArray gc = r + "go_gc_duration_seconds";
        out += "# HELP " + gc + " A summary of the pause duration of garbage collection cycles.\n# TYPE " + gc +
               " summary\n";
        for (const char *q : {"0", "0.25", "0.5", "0.75", "1"})
            out += gc + "{quantile=\"" + q + "\"} 3.1415e-05\n";
        out += gc + "_sum 0.5\n" + gc + "_count 1234\n";
        out +=
            "# HELP " + r + "node_load1 1m load average.\n# TYPE " + r + "node_load1 gauge\n" + r + "node_load1 0.42\n";
    }
    if (openMetrics)
        out += "# EOF\n";
    return out;
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Figures
{
    double bestCpuSeconds = 0;
    double bestSeconds = 0;
    qint64 samples = 0;
    qint64 allocations = 0;
    qint64 allocatedBytes = 0;
};

Figures measure(const QByteArray &text, ExpositionFormat format, int passes)
{
    ExpositionParser parser;
    qint64 samples = 0;
    double checksum = 0;
    const ExpositionParser::Visitor visit = [&](const ExpositionSample &s) {
        ++samples;
        checksum += s.value + double(s.labels.size());
    };
    if (const auto error = parser.parse(text, format, visit)) { // warm-up: the buffers grow here
        std::fprintf(stderr, "bench_parse: the generated exposition is invalid: %s\n", qPrintable(error->toString()));
        std::exit(1);
    }
    Figures figures;
    figures.samples = samples;
    figures.bestSeconds = 1e9;
    figures.bestCpuSeconds = 1e9;
    for (int i = 0; i < passes; ++i) {
        samples = 0;
        const Vigie::Test::AllocationCounter counter;
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = threadCpuSeconds();
        parser.parse(text, format, visit);
        const double cpuSeconds = threadCpuSeconds() - cpuStart;
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        figures.bestSeconds = std::min(figures.bestSeconds, seconds);
        figures.bestCpuSeconds = std::min(figures.bestCpuSeconds, cpuSeconds);
        figures.allocations = std::max(figures.allocations, counter.count());
        figures.allocatedBytes = std::max(figures.allocatedBytes, counter.bytes());
    }
    if (checksum == 0.123)
        std::printf("\n");
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const qsizetype bytes = quick ? 1'000'000 : 10'000'000;
    const int passes = quick ? 3 : 10;

    const QByteArray text = exposition(bytes, false);
    const Figures prom = measure(text, ExpositionFormat::Prometheus004, passes);
    const double mb = double(text.size()) / 1e6;
    print("exposition_mb", mb, "MB");
    print("samples", double(prom.samples), "samples");
    print("mb_per_s", mb / prom.bestCpuSeconds, "MB/s");
    print("wall_mb_per_s", mb / prom.bestSeconds, "MB/s");
    print("samples_per_s", double(prom.samples) / prom.bestCpuSeconds, "samples/s");
    print("allocations_per_pass", double(prom.allocations), "allocations");
    print("bytes_allocated_per_sample", double(prom.allocatedBytes) / double(prom.samples), "bytes");

    const QByteArray om = exposition(bytes, true);
    const Figures open = measure(om, ExpositionFormat::OpenMetrics1, passes);
    print("openmetrics_mb_per_s", double(om.size()) / 1e6 / open.bestCpuSeconds, "MB/s");
    print("openmetrics_wall_mb_per_s", double(om.size()) / 1e6 / open.bestSeconds, "MB/s");
    print("openmetrics_samples_per_s", double(open.samples) / open.bestCpuSeconds, "samples/s");
    print("openmetrics_bytes_allocated_per_sample", double(open.allocatedBytes) / double(open.samples), "bytes");
    return 0;
}
