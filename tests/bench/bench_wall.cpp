// The wall display over an accelerated day of the 11,000-probe bench workspace: is its memory flat,
// and what does a full repaint cost?
//
// A manual clock moves 5 s at a time through 24 hours (2 with --quick): each step hands the board
// the results of the 1,000 services probed every 5 s, and every minute those of the 10,000 probed
// every minute, as the monitor would (31.7 million results over a day). Every hour a different
// handful of services fails for ten minutes, with errors that name their targets, so that the
// alarm band, the problems list and the tiles' texts churn. The wall (WallView: board, band,
// freshness) is repainted once a simulated minute, as a NOC screen would be.
//
// BENCH wall.rss_start_mb   resident memory after the first simulated hour (warm)
// BENCH wall.rss_end_mb     at the end of the day
// BENCH wall.rss_growth_ratio  end / start
// BENCH wall.frame_ms       median of 20 full paints at 1920x1080 (the page shown, the band), into a pixmap
// BENCH wall.console_frame_ms  the same for the console's board (full tiles with sparklines) in the
//                           window bench_probes scrolls, 1280x800, on the same model: what a frame of
//                           the console costs the GUI thread
// BENCH wall.results_per_s  how fast the board takes results (all of the above included)
// It exits non-zero when the day ends more than 10 % above the first hour.
#include "benchworkspace.h"
#include "boardview.h"
#include "manualclock.h"
#include "models/problemsmodel.h"
#include "models/serviceboardmodel.h"
#include "session/freshness.h"
#include "timechart.h"
#include "wallview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPixmap>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace std::chrono_literals;

namespace {

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH wall.%s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

double residentMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    preferSerialRasterFills(); // as the console does
    QApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    const int hours = quick ? 2 : 24;

    Test::ManualClock clock(QDateTime(QDate(2026, 11, 30), QTime(0, 0), QTimeZone::UTC));
    const Workspace workspace = Bench::makeWorkspace(1);
    ServiceBoardModel model(&clock);
    model.setWorkspace(workspace);
    Freshness freshness(&clock);
    freshness.setExpectedInterval(Bench::FastInterval, 2s);
    freshness.setRunning(true);
    WallView wall(&model, &freshness);
    wall.setClock(&clock);
    wall.setReferenceHeight(1080);
    wall.resize(1920, 1080);
    wall.show();
    QCoreApplication::processEvents();

    // One result per service, reused: each step only stamps them.
    QList<ProbeResult> fast;
    QList<ProbeResult> slow;
    for (int i = 0; i < workspace.services.size(); ++i) {
        const Service &service = workspace.services.at(i);
        ProbeResult result;
        result.key = {service.id, 0};
        result.kind = u"http"_s;
        result.target = service.probes.first().target;
        result.status = HealthState::Up;
        (service.probes.first().interval == Bench::FastInterval ? fast : slow).append(result);
    }

    QElapsedTimer elapsed;
    elapsed.start();
    qint64 results = 0;
    double rssStart = 0;
    const int steps = hours * 3600 / 5;
    for (int step = 0; step < steps; ++step) {
        clock.advance(5s);
        const qint64 now = clock.nowMs();
        const int hour = step / 720;
        const int minuteOfHour = step % 720 / 12;
        // This hour's incident: 20 services, a different handful each hour, down for ten minutes.
        const auto failing = [&](int index) { return minuteOfHour < 10 && (index * 7 + hour * 131) % 550 == 0; };
        const auto stamp = [&](QList<ProbeResult> &batch, int offset) {
            for (int i = 0; i < batch.size(); ++i) {
                ProbeResult &result = batch[i];
                result.timestampMs = now - i % 100;
                result.latencyMs = 20.0 + (i * 13 + step * 7) % 80;
                if (failing(offset + i)) {
                    result.status = HealthState::Down;
                    result.error = Message::verbatim(
                        u"Connecting to %1 was refused at %2 (connection refused)."_s.arg(result.target).arg(now));
                } else if (result.status != HealthState::Up) {
                    result.status = HealthState::Up;
                    result.error = {};
                }
            }
            model.applyResults(batch);
            freshness.noteResults(batch);
            results += batch.size();
        };
        stamp(fast, 0);
        if (step % 12 == 0)
            stamp(slow, int(fast.size()));
        if (step % 12 == 11) {
            model.flushPendingChanges();
            wall.refresh();
            // A full paint of the wall, as the screen would get it (grab() paints it all, now).
            const QPixmap frame = wall.grab();
            Q_UNUSED(frame);
            QCoreApplication::processEvents();
        }
        if (step == 719)
            rssStart = residentMb();
    }
    const double seconds = double(elapsed.elapsed()) / 1000.0;
    const double rssEnd = residentMb();

    QList<double> frames;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer frame;
        frame.start();
        const QPixmap painted = wall.grab();
        frames.append(double(frame.nsecsElapsed()) / 1e6);
        Q_UNUSED(painted);
    }
    std::sort(frames.begin(), frames.end());

    BoardView console;
    console.setClock(&clock);
    console.setModel(&model);
    console.resize(1280, 800);
    console.show();
    QCoreApplication::processEvents();
    QList<double> consoleFrames;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer frame;
        frame.start();
        const QPixmap painted = console.viewport()->grab();
        consoleFrames.append(double(frame.nsecsElapsed()) / 1e6);
        Q_UNUSED(painted);
    }
    std::sort(consoleFrames.begin(), consoleFrames.end());

    std::printf("bench_wall: %d simulated hours, %lld results, %d services on %d page(s), manual clock\n", hours,
                results, int(workspace.services.size()), wall.board()->pageCount());
    print("rss_start_mb", rssStart, "MB");
    print("rss_end_mb", rssEnd, "MB");
    print("rss_growth_ratio", rssStart > 0 ? rssEnd / rssStart : 0, "x");
    print("frame_ms", frames.at(frames.size() / 2), "ms");
    print("console_frame_ms", consoleFrames.at(consoleFrames.size() / 2), "ms");
    print("results_per_s", double(results) / seconds, "results/s");
    // Flat: what the first hour grew to, the day keeps (a tenth of slack for the allocator).
    if (rssStart > 0 && rssEnd > rssStart * 1.1) {
        std::fprintf(stderr, "bench_wall: memory grew from %.1f MB to %.1f MB over the day\n", rssStart, rssEnd);
        return 1;
    }
    return 0;
}
