// The probe engine at the issue's scale, against prometheus-blackbox-exporter on the same targets.
//
//   bench_probes [--quick]
//
// nginx serves 11,000 distinct URLs on loopback (tools/bench/nginx.conf.in), then:
//  1. baseline: blackbox_exporter (tools/bench/blackbox.yml) is asked for probes of those URLs at
//     the workload's rate, as Prometheus would scrape it; its CPU comes from /proc, so the driver's
//     own (in this process) does not count;
//  2. ours: 10,000 HTTP probes every 60 s and 1,000 every 5 s (about 367 probes/s) run by
//     ProbeEngine in this process, their results folded into a ServiceBoardModel shown by a
//     BoardView, so the GUI thread's share is paid too. After a warm-up (the start-up burst, and
//     until the schedule settles), a CPU window measures CPU per probe (getrusage: every thread of
//     this process; nginx is another process), then a stall window the GUI thread's longest stall
//     (the gaps of a 1 ms timer, whose own wake-ups would have inflated the CPU figure); schedule
//     lag (statistics()) spans both;
//  3. still under that load, the board is scrolled through every tile a page at a time, each
//     frame painted at once and timed.
// Figures go to stdout as BENCH lines, progress to stderr. Exits 1 when a target is missed.
// The GUI targets are checked on what the console's own work costs, so that other work on a shared
// machine does not pass for it: the stall target on gui_busy_max_ms (the time spent handling
// events between two ticks of the 1 ms timer), the frame target on the GUI thread's CPU time per
// frame. The raw figures are printed next to them, and the longest stalls are broken down on
// stderr (time waiting for a CPU, from /proc/thread-self/schedstat; handling events; disk faults).
//
// --quick keeps the workspace and the rate (the figures depend on both) and shortens what only
// adds samples: CPU and stall windows of 20 s and 10 s instead of 120 s (where each 60 s probe
// runs twice) and 60 s, and 6,000 baseline probes instead of 20,000 (with 3,000, about 8 s,
// blackbox_exporter's CPU per probe came out between 0.74 and 1.29 ms from run to run: its
// garbage collector's work falls in the window or not).

#include "benchworkspace.h"
#include "boardview.h"
#include "models/serviceboardmodel.h"
#include "probes/probeengine.h"
#include "timechart.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPaintEvent>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Bench;

namespace {

constexpr double WorkloadRate = SlowTargets / std::chrono::duration<double>(SlowInterval).count() +
                                FastTargets / std::chrono::duration<double>(FastInterval).count();
// The engine runs every probe once within 2 s of start, then each in its own slot of its
// interval, at least half an interval after that first run: the 60 s probes come back only
// ~32 s in. The measurements start after that, so that they see the workload's real rate.
constexpr auto WarmUp = SlowInterval / 2 + 4s;
constexpr int BaselineWarmUp = 300;
constexpr int BaselineMaxInFlight = 64;

// The issue's targets.
constexpr double MaxCpuRatio = 1.0 / 3.0;
constexpr double MaxLagP99Ms = 200;
constexpr double MaxRssMb = 300;
constexpr double MaxGuiStallMs = 16;
constexpr double MaxFrameP99Ms = 16;
constexpr double MinRateShare = 0.95;
// Against loopback nginx a failed probe is a bug, not noise.
constexpr double MaxErrorShare = 1e-4;

void print(const char *name, double value, const char *unit, int decimals = 2)
{
    std::printf("BENCH probes.%s %.*f %s\n", name, decimals, value, unit);
    std::fflush(stdout);
}

void progress(const QString &message)
{
    std::fprintf(stderr, "bench_probes: %s\n", qPrintable(message));
}

[[noreturn]] void fail(const QString &message)
{
    progress(message);
    std::exit(1);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::ranges::sort(values);
    const auto rank = size_t(std::ceil(p * double(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

// Runs the event loop for a while: the engine, the model and the board do their work meanwhile.
void runFor(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec();
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        fail(u"Cannot find a free port on 127.0.0.1: %1"_s.arg(server.errorString()));
    return server.serverPort();
}

QString readConfig(const QString &name)
{
    QFile file(QString::fromUtf8(VIGIE_SOURCE_DIR "/tools/bench/") + name);
    if (!file.open(QIODevice::ReadOnly))
        fail(u"Cannot read the benchmark's configuration %1: %2"_s.arg(file.fileName(), file.errorString()));
    return QString::fromUtf8(file.readAll());
}

void writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0)
        fail(u"Cannot write %1: %2"_s.arg(path, file.errorString()));
}

QString logTail(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"(no log)"_s;
    const QByteArray log = file.readAll().trimmed();
    return log.isEmpty() ? u"(empty log)"_s : QString::fromUtf8(log.right(800));
}

// A server this benchmark starts: listening once start() returns, stopped politely when done with.
class Child
{
public:
    Child(QString what, quint16 port, QString logPath)
        : m_what(std::move(what))
        , m_port(port)
        , m_logPath(std::move(logPath))
    {}
    ~Child() { stop(); }
    Child(const Child &) = delete;
    Child &operator=(const Child &) = delete;

    void start(const QString &program, const QStringList &arguments)
    {
        m_process.setProgram(program);
        m_process.setArguments(arguments);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_logPath, QIODevice::Append);
        // Killed with us whatever way we end (fail() exits without unwinding): no server left
        // holding a port.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process.start();
        if (!m_process.waitForStarted(10'000))
            fail(u"Cannot start %1 (%2): %3"_s.arg(m_what, program, m_process.errorString()));

        const QDeadlineTimer deadline(10s);
        for (;;) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(1000))
                return;
            // Also the pause between attempts: a server that died at start-up ends it at once.
            if (m_process.waitForFinished(50))
                fail(u"%1 exited at start-up (exit code %2). Its log says: %3"_s.arg(
                    m_what, QString::number(m_process.exitCode()), logTail(m_logPath)));
            if (deadline.hasExpired())
                fail(u"%1 does not listen on 127.0.0.1:%2 10 s after starting. Its log says: %3"_s.arg(
                    m_what, QString::number(m_port), logTail(m_logPath)));
        }
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        // SIGTERM, not QProcess's SIGKILL: nginx's master stops its worker before it exits.
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    qint64 pid() const { return m_process.processId(); }

private:
    QString m_what;
    quint16 m_port;
    QString m_logPath;
    QProcess m_process;
};

// CPU time of every thread of this process, in milliseconds.
double selfCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

// CPU time of another process (utime + stime from /proc/PID/stat), in milliseconds.
double processCpuMs(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        fail(u"Cannot read the CPU time of process %1 from %2: %3"_s.arg(QString::number(pid), file.fileName(),
                                                                         file.errorString()));
    const QByteArray stat = file.readAll();
    // The command name (field 2) may hold spaces: fields are counted after its closing
    // parenthesis, where field 3 comes first and utime, stime are fields 14 and 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        fail(u"Cannot make sense of %1: \"%2\""_s.arg(file.fileName(), QString::fromLatin1(stat.left(200))));
    const double ticks = fields[11].toDouble() + fields[12].toDouble();
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

// The peak resident memory of this process (VmHWM), in MB.
double peakRssMb()
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        fail(u"Cannot read the resident memory from /proc/self/status: %1"_s.arg(file.errorString()));
    for (const QByteArray &line : file.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    fail(u"/proc/self/status has no VmHWM line"_s);
}

struct BaselineOutcome
{
    int completed = 0;
    int failed = 0;
    QString firstFailure;
};

// Asks blackbox_exporter for `count` probes of distinct targets, `rate` a second, at most
// BaselineMaxInFlight at a time.
BaselineOutcome driveBlackbox(QNetworkAccessManager &network, quint16 exporterPort, quint16 targetPort, int first,
                              int count, double rate)
{
    BaselineOutcome outcome;
    int launched = 0;
    int inFlight = 0;
    QEventLoop loop;
    QElapsedTimer clock;
    QTimer pace;
    pace.setTimerType(Qt::PreciseTimer);
    pace.setInterval(2ms);
    QObject::connect(&pace, &QTimer::timeout, &loop, [&] {
        const int due = std::min(count, int(double(clock.nsecsElapsed()) * rate / 1e9) + 1);
        for (; launched < due && inFlight < BaselineMaxInFlight; ++launched, ++inFlight) {
            QUrl url(u"http://127.0.0.1:%1/probe"_s.arg(exporterPort));
            QUrlQuery query;
            query.addQueryItem(u"module"_s, u"http_2xx"_s);
            query.addQueryItem(u"target"_s, targetUrl(targetPort, first + launched));
            url.setQuery(query);
            QNetworkReply *reply = network.get(QNetworkRequest(url));
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                --inFlight;
                ++outcome.completed;
                const QByteArray body = reply->readAll();
                if (reply->error() != QNetworkReply::NoError || !body.contains("\nprobe_success 1")) {
                    ++outcome.failed;
                    if (outcome.firstFailure.isEmpty())
                        outcome.firstFailure = reply->error() != QNetworkReply::NoError
                                                   ? reply->errorString()
                                                   : u"probe_success was not 1 for %1"_s.arg(reply->url().toString());
                }
                reply->deleteLater();
                if (outcome.completed == count)
                    loop.quit();
            });
        }
        if (launched == count)
            pace.stop();
    });
    const auto limit = std::chrono::milliseconds(qint64(count * 3000 / rate)) + 30s;
    QTimer::singleShot(limit, &loop, [&] {
        fail(u"blackbox_exporter answered %1 of %2 probes in %3 s: it cannot keep up, the measurement is void"_s.arg(
            QString::number(outcome.completed), QString::number(count),
            QString::number(std::chrono::duration_cast<std::chrono::seconds>(limit).count())));
    });
    clock.start();
    pace.start();
    loop.exec();
    return outcome;
}

// Times every event the GUI thread handles while asked to, and keeps the longest: which receiver
// and which kind of event, to tell what a stall was.
class BenchApplication final : public QApplication
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BenchApplication)

public:
    using QApplication::QApplication;

    void setTiming(bool timing) { m_timing = timing; }
    double longestEventMs() const { return m_longestMs; }
    // The time spent handling events since timing was first switched on.
    double eventsMs() const { return m_totalMs; }
    QString longestEvent() const { return m_longest; }

    bool notify(QObject *receiver, QEvent *event) override
    {
        // Nested events are part of the outer one's time; the probe thread's are not the GUI's.
        if (!QThread::isMainThread() || !m_timing || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer clock;
        clock.start();
        const QEvent::Type type = event->type(); // the event may not outlive its delivery
        const bool handled = QApplication::notify(receiver, event);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        --m_depth;
        m_totalMs += ms;
        if (ms > m_longestMs) {
            m_longestMs = ms;
            const QObject *parent = receiver->parent();
            m_longest = u"%1 for %2%3"_s.arg(
                QString::fromLatin1(QMetaEnum::fromType<QEvent::Type>().valueToKey(type)),
                QString::fromLatin1(receiver->metaObject()->className()),
                parent ? u" (in %1)"_s.arg(QString::fromLatin1(parent->metaObject()->className())) : QString());
        }
        return handled;
    }

private:
    bool m_timing = false;
    int m_depth = 0;
    double m_longestMs = 0;
    double m_totalMs = 0;
    QString m_longest;
};

// How long the calling thread has waited, runnable, for a CPU since it started (the second field
// of /proc/thread-self/schedstat), in nanoseconds. On a shared 2-core machine other processes'
// work delays the GUI thread too: subtracting this wait leaves the delays its own work causes.
class RunQueueWait
{
public:
    RunQueueWait()
        : m_fd(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC))
    {
        if (m_fd < 0)
            fail(u"Cannot open /proc/thread-self/schedstat to tell this thread's own stalls from waiting for a CPU"_s);
    }
    ~RunQueueWait() { ::close(m_fd); }
    RunQueueWait(const RunQueueWait &) = delete;
    RunQueueWait &operator=(const RunQueueWait &) = delete;

    qint64 ns() const
    {
        char text[128];
        const ssize_t size = ::pread(m_fd, text, sizeof text - 1, 0);
        if (size <= 0)
            fail(u"Cannot read /proc/thread-self/schedstat"_s);
        const QList<QByteArray> fields = QByteArray(text, size).trimmed().split(' ');
        return fields.value(1).toLongLong();
    }

private:
    int m_fd;
};

// The calling thread's page faults that had to wait for the disk.
long majorFaults()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_majflt;
}

// Measures how long the GUI thread goes without running its event loop: a 1 ms timer's gaps
// beyond its interval are time the thread spent on something else, or waiting for a CPU. Its
// thousand wake-ups a second cost CPU of their own, so it runs only while stalls are measured.
class GapMonitor
{
public:
    explicit GapMonitor(const BenchApplication &app)
        : m_app(app)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1ms);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 wait = m_wait.ns();
            const double events = m_app.eventsMs();
            const long faults = majorFaults();
            const double gapMs = double(now - m_lastNs) / 1e6;
            m_gaps.push_back({std::max(0.0, gapMs - 1), double(wait - m_lastWaitNs) / 1e6, events - m_lastEventsMs,
                              faults - m_lastFaults, double(now) / 1e9});
            m_lastNs = now;
            m_lastWaitNs = wait;
            m_lastEventsMs = events;
            m_lastFaults = faults;
        });
    }
    GapMonitor(const GapMonitor &) = delete;
    GapMonitor &operator=(const GapMonitor &) = delete;

    void start()
    {
        m_clock.start();
        m_lastNs = 0;
        m_lastWaitNs = m_wait.ns();
        m_lastEventsMs = m_app.eventsMs();
        m_lastFaults = majorFaults();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    // Each gap less the timer's interval.
    std::vector<double> stallsMs() const
    {
        std::vector<double> stalls;
        stalls.reserve(m_gaps.size());
        for (const Gap &gap : m_gaps)
            stalls.push_back(gap.stallMs);
        return stalls;
    }
    // The same, less the time the thread waited for a CPU meanwhile.
    std::vector<double> runningStallsMs() const
    {
        std::vector<double> stalls;
        stalls.reserve(m_gaps.size());
        for (const Gap &gap : m_gaps)
            stalls.push_back(std::max(0.0, gap.stallMs - gap.waitMs));
        return stalls;
    }
    // The time the thread spent handling events (its own work) within each gap.
    std::vector<double> busyMs() const
    {
        std::vector<double> busy;
        busy.reserve(m_gaps.size());
        for (const Gap &gap : m_gaps)
            busy.push_back(gap.eventsMs);
        return busy;
    }
    // The longest few, with what filled them and when they ended, longest first.
    QString longest(int count) const
    {
        std::vector<Gap> sorted = m_gaps;
        std::ranges::sort(sorted, std::greater{}, &Gap::stallMs);
        QStringList parts;
        for (size_t i = 0; i < std::min(sorted.size(), size_t(count)); ++i)
            parts.append(
                u"%1 ms (%2 ms waiting for a CPU, %3 ms handling events) at %4 s"_s.arg(sorted[i].stallMs, 0, 'f', 1)
                    .arg(sorted[i].waitMs, 0, 'f', 1)
                    .arg(sorted[i].eventsMs, 0, 'f', 1)
                    .arg(sorted[i].atS, 0, 'f', 1));
        return parts.join(u", "_s);
    }

private:
    struct Gap
    {
        double stallMs;
        double waitMs;
        double eventsMs; // including the monitor's own timer event
        long majorFaults;
        double atS;
    };
    const BenchApplication &m_app;
    QTimer m_timer;
    QElapsedTimer m_clock;
    RunQueueWait m_wait;
    qint64 m_lastNs = 0;
    qint64 m_lastWaitNs = 0;
    double m_lastEventsMs = 0;
    long m_lastFaults = 0;
    std::vector<Gap> m_gaps;
};

class PaintCounter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaintCounter)

public:
    using QObject::QObject;
    int count() const { return m_count; }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_count;
        return QObject::eventFilter(watched, event);
    }

private:
    int m_count = 0;
};

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

struct Frames
{
    std::vector<double> ms;
    std::vector<double> cpuMs; // the GUI thread's CPU time in each: its own work, whatever else runs
};

// Scrolls the board from top to bottom a page per frame, each painted at once, and times the
// frames. They are a few milliseconds apart so that results keep coming in.
Frames scrollThrough(BoardView &board, const QModelIndex &last)
{
    QScrollBar *bar = board.verticalScrollBar();
    bar->setValue(0);
    if (bar->maximum() <= 0)
        fail(u"The board does not scroll (its scroll range is empty): the tiles were not laid out"_s);
    const int step = std::max(bar->pageStep(), board.viewport()->height());
    PaintCounter paints;
    board.viewport()->installEventFilter(&paints);

    Frames frames;
    QEventLoop loop;
    QTimer frame;
    frame.setTimerType(Qt::PreciseTimer);
    frame.setInterval(4ms);
    QObject::connect(&frame, &QTimer::timeout, &loop, [&] {
        const int paintsBefore = paints.count();
        const double cpuBefore = threadCpuMs();
        QElapsedTimer clock;
        clock.start();
        bar->setValue(std::min(bar->maximum(), bar->value() + step));
        board.viewport()->repaint();
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        frames.ms.push_back(ms);
        frames.cpuMs.push_back(threadCpuMs() - cpuBefore);
        if (paints.count() == paintsBefore)
            fail(u"Scrolling the board to %1 px painted nothing: the frame times would mean nothing"_s.arg(
                bar->value()));
        if (bar->value() >= bar->maximum())
            loop.quit();
    });
    frame.start();
    loop.exec();
    board.viewport()->removeEventFilter(&paints);

    if (!board.visualRect(last).intersects(board.viewport()->rect()))
        fail(u"After scrolling to the end of the board, its last tile is not in view"_s);
    return frames;
}

void sanityCheck(QNetworkAccessManager &network, quint16 targetPort, quint16 exporterPort)
{
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(targetUrl(targetPort, 0))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10'000) || reply->error() != QNetworkReply::NoError || reply->readAll() != "ok\n")
        fail(u"nginx does not answer %1 with 200 \"ok\": %2"_s.arg(targetUrl(targetPort, 0), reply->errorString()));
    delete reply;

    const BaselineOutcome one = driveBlackbox(network, exporterPort, targetPort, 0, 1, 1);
    if (one.failed)
        fail(u"blackbox_exporter cannot probe nginx: %1"_s.arg(one.firstFailure));

    ProbeEngine engine;
    QList<ProbeResult> results;
    QObject::connect(&engine, &ProbeEngine::resultsReady, &engine,
                     [&](const QList<ProbeResult> &batch) { results += batch; });
    QSignalSpy once(&engine, &ProbeEngine::finishedOnce);
    engine.setWorkspace(makeWorkspace(targetPort, 3));
    engine.runOnce();
    if (!once.wait(15'000))
        fail(u"The probe engine did not finish three probes of nginx within 15 s"_s);
    if (results.size() != 3)
        fail(u"The probe engine ran three probes of nginx but delivered %1 results"_s.arg(results.size()));
    for (const ProbeResult &result : std::as_const(results))
        if (result.status != HealthState::Up)
            fail(u"The probe engine's probe of %1 is not up: %2"_s.arg(result.target, result.error.toString()));
}

} // namespace

int main(int argc, char *argv[])
{
    // The figures are the engine's and the board's, not a display server's.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The board is painted as the console paints it: fills on the GUI thread, not handed to a
    // pool of threads that the probes keep busy.
    preferSerialRasterFills();
    BenchApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    const std::chrono::milliseconds cpuWindow = quick ? 20s : 120s;
    const std::chrono::milliseconds stallWindow = quick ? 10s : 60s;
    const int baselineCount = quick ? 6'000 : 20'000;

    QTemporaryDir dir;
    if (!dir.isValid())
        fail(u"Cannot create a temporary folder: "_s + dir.errorString());

    const quint16 targetPort = freePort();
    QDir(dir.path()).mkpath(u"nginx/tmp"_s);
    const QString nginxDir = dir.filePath(u"nginx"_s);
    writeFile(nginxDir + u"/nginx.conf"_s,
              readConfig(u"nginx.conf.in"_s)
                  .replace(u"@PORT@"_s, QString::number(targetPort))
                  .replace(u"@DIR@"_s, nginxDir)
                  // As root (a container, a user namespace), workers would switch to "nobody".
                  .replace(u"@USER@"_s, geteuid() == 0 ? u"user root;"_s : QString()));
    Child nginx(u"nginx"_s, targetPort, nginxDir + u"/error.log"_s);
    nginx.start(u"nginx"_s, {u"-c"_s, nginxDir + u"/nginx.conf"_s, u"-p"_s, nginxDir, u"-e"_s,
                             nginxDir + u"/error.log"_s, u"-g"_s, u"daemon off;"_s});

    const quint16 exporterPort = freePort();
    writeFile(dir.filePath(u"blackbox.yml"_s), readConfig(u"blackbox.yml"_s));
    Child exporter(u"blackbox_exporter"_s, exporterPort, dir.filePath(u"blackbox.log"_s));
    // Warnings only: logging every probe would charge it for output Prometheus setups turn off.
    exporter.start(u"prometheus-blackbox-exporter"_s,
                   {u"--config.file="_s + dir.filePath(u"blackbox.yml"_s),
                    u"--web.listen-address=127.0.0.1:%1"_s.arg(exporterPort), u"--log.level=warn"_s});

    double blackboxCpuPerProbe = 0;
    BaselineOutcome baseline;
    {
        QNetworkAccessManager network;
        sanityCheck(network, targetPort, exporterPort);
        progress(
            u"nginx on 127.0.0.1:%1 and blackbox_exporter on 127.0.0.1:%2 answer; baseline: %3 probes at %4/s"_s.arg(
                QString::number(targetPort), QString::number(exporterPort), QString::number(baselineCount),
                QString::number(WorkloadRate, 'f', 0)));
        driveBlackbox(network, exporterPort, targetPort, 0, BaselineWarmUp, WorkloadRate);
        const double before = processCpuMs(exporter.pid());
        baseline = driveBlackbox(network, exporterPort, targetPort, BaselineWarmUp, baselineCount, WorkloadRate);
        blackboxCpuPerProbe = (processCpuMs(exporter.pid()) - before) / baseline.completed;
    }
    exporter.stop();
    if (baseline.failed)
        progress(u"blackbox_exporter failed %1 probes, the first: %2"_s.arg(QString::number(baseline.failed),
                                                                            baseline.firstFailure));

    const Workspace workspace = makeWorkspace(targetPort, Targets);
    ServiceBoardModel model;
    model.setWorkspace(workspace);
    BoardView board;
    board.setModel(&model);
    board.resize(1280, 800);
    board.show();
    if (!QTest::qWaitForWindowExposed(&board))
        fail(u"The board's window was never shown"_s);

    ProbeEngine engine;
    quint64 results = 0;
    quint64 errors = 0;
    quint64 windowResults = 0;
    double applyMaxMs = 0;
    QStringList errorSamples;
    QObject::connect(&engine, &ProbeEngine::resultsReady, &model, [&](const QList<ProbeResult> &batch) {
        QElapsedTimer applying;
        applying.start();
        model.applyResults(batch);
        applyMaxMs = std::max(applyMaxMs, double(applying.nsecsElapsed()) / 1e6);
        results += quint64(batch.size());
        windowResults += quint64(batch.size());
        for (const ProbeResult &result : batch) {
            if (result.status == HealthState::Up)
                continue;
            ++errors;
            if (errorSamples.size() < 5)
                errorSamples.append(result.target + u": "_s + result.error.toString());
        }
    });
    engine.setWorkspace(workspace);

    QElapsedTimer runClock;
    runClock.start();
    QTimer ticker;
    ticker.setInterval(10s);
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
        progress(u"%1 s: %2 results, %3 not up"_s.arg(QString::number(runClock.elapsed() / 1000),
                                                      QString::number(results), QString::number(errors)));
    });
    ticker.start();
    const auto seconds = [](std::chrono::milliseconds duration) {
        return QString::number(std::chrono::duration_cast<std::chrono::seconds>(duration).count());
    };
    progress(
        u"ours: %1 HTTP probes (%2 every 60 s, %3 every 5 s): warm-up %4 s, CPU window %5 s, stall window %6 s"_s.arg(
            QString::number(Targets), QString::number(SlowTargets), QString::number(FastTargets), seconds(WarmUp),
            seconds(cpuWindow), seconds(stallWindow)));
    engine.start();
    runFor(WarmUp);

    // Start-up: every probe's first run, then the time the schedule takes to settle.
    const ProbeEngine::Statistics startup = engine.statistics();
    const quint64 startupErrors = errors;
    const quint64 startupResults = results;
    engine.resetStatistics();

    windowResults = 0;
    const double cpuBefore = selfCpuMs();
    QElapsedTimer windowClock;
    windowClock.start();
    runFor(cpuWindow);
    const double windowSeconds = double(windowClock.nsecsElapsed()) / 1e9;
    const double cpuMs = selfCpuMs() - cpuBefore;
    const quint64 measured = windowResults;

    GapMonitor gaps(app);
    applyMaxMs = 0;
    app.setTiming(true);
    gaps.start();
    runFor(stallWindow);
    gaps.stop();
    app.setTiming(false);
    const ProbeEngine::Statistics steady = engine.statistics();

    progress(u"scrolling the board through its %1 tiles"_s.arg(Targets));
    const Frames frames = scrollThrough(board, model.serviceIndex(workspace.services.last().id));
    engine.stop();
    ticker.stop();

    const double cpuPerProbe = measured ? cpuMs / double(measured) : 0;
    const double rate = double(measured) / windowSeconds;
    const std::vector<double> stalls = gaps.stallsMs();
    const std::vector<double> runningStalls = gaps.runningStallsMs();
    const auto maximum = [](const std::vector<double> &values) {
        return values.empty() ? 0 : std::ranges::max(values);
    };
    const double busyMax = maximum(gaps.busyMs());
    const double frameCpuP99 = percentile(frames.cpuMs, 0.99);
    const double rss = peakRssMb();
    const quint64 steadyErrors = errors - startupErrors;
    const quint64 steadyResults = results - startupResults;

    print("completed", double(results), "probes", 0);
    print("errors", double(steadyErrors), "probes", 0);
    print("startup_errors", double(startupErrors), "probes", 0);
    print("rate", rate, "probes/s", 0);
    print("cpu_per_probe_ms", cpuPerProbe, "ms", 3);
    print("blackbox_cpu_per_probe_ms", blackboxCpuPerProbe, "ms", 3);
    print("cpu_per_probe_ratio_vs_blackbox", cpuPerProbe / blackboxCpuPerProbe, "ratio");
    print("blackbox_errors", baseline.failed, "probes", 0);
    print("schedule_lag_p50_ms", steady.lagP50Ms, "ms", 0);
    print("schedule_lag_p99_ms", steady.lagP99Ms, "ms", 0);
    print("schedule_lag_max_ms", steady.lagMaxMs, "ms", 0);
    print("skipped", double(steady.skipped), "probes", 0);
    print("startup_lag_p99_ms", startup.lagP99Ms, "ms", 0);
    print("startup_skipped", double(startup.skipped), "probes", 0);
    print("rss_mb", rss, "MB", 1);
    print("gui_stall_max_ms", maximum(stalls), "ms");
    print("gui_stall_p99_ms", percentile(stalls, 0.99), "ms");
    print("gui_stall_running_max_ms", maximum(runningStalls), "ms");
    print("gui_busy_max_ms", busyMax, "ms");
    print("gui_apply_results_max_ms", applyMaxMs, "ms");
    print("board_scroll_frames", double(frames.ms.size()), "frames", 0);
    print("board_scroll_frame_p99_ms", percentile(frames.ms, 0.99), "ms");
    print("board_scroll_frame_max_ms", maximum(frames.ms), "ms");
    print("board_scroll_frame_cpu_p99_ms", frameCpuP99, "ms");

    progress(u"longest GUI stalls: "_s + gaps.longest(5));
    progress(u"longest GUI event: %1 ms, %2"_s.arg(app.longestEventMs(), 0, 'f', 1).arg(app.longestEvent()));
    for (const QString &sample : std::as_const(errorSamples))
        progress(u"not up: "_s + sample);

    QStringList missed;
    const auto check = [&missed](bool ok, const QString &what) {
        if (!ok)
            missed.append(what);
    };
    check(double(steadyErrors) <= MaxErrorShare * double(steadyResults),
          u"errors: %1 of %2 probes of loopback nginx were not up once the schedule settled"_s.arg(steadyErrors)
              .arg(steadyResults));
    check(double(startupErrors) <= MaxErrorShare * double(startup.completed),
          u"startup_errors: %1 of the %2 probes of the first %3 s were not up"_s.arg(startupErrors)
              .arg(startupResults)
              .arg(seconds(WarmUp)));
    check(baseline.failed <= baselineCount / 100,
          u"blackbox_errors: blackbox_exporter failed %1 of %2 probes, the baseline is void"_s.arg(baseline.failed)
              .arg(baselineCount));
    check(rate >= MinRateShare * WorkloadRate,
          u"rate: %1 probes/s, the workspace asks for %2"_s.arg(rate, 0, 'f', 0).arg(WorkloadRate, 0, 'f', 0));
    check(cpuPerProbe <= MaxCpuRatio * blackboxCpuPerProbe,
          u"cpu_per_probe_ratio_vs_blackbox: %1, the target is at most 1/3"_s.arg(cpuPerProbe / blackboxCpuPerProbe, 0,
                                                                                  'f', 2));
    check(steady.launched > 0, u"schedule_lag: the engine's statistics() counted no launched probe"_s);
    check(steady.lagP99Ms < MaxLagP99Ms,
          u"schedule_lag_p99_ms: %1 ms, the target is under %2 ms"_s.arg(steady.lagP99Ms).arg(MaxLagP99Ms));
    check(rss < MaxRssMb, u"rss_mb: %1 MB, the target is under %2 MB"_s.arg(rss, 0, 'f', 1).arg(MaxRssMb));
    check(busyMax <= MaxGuiStallMs,
          u"gui_busy_max_ms: the GUI thread's own work kept it from its event loop %1 ms, the target is at most %2 ms"_s
              .arg(busyMax, 0, 'f', 1)
              .arg(MaxGuiStallMs));
    check(frameCpuP99 <= MaxFrameP99Ms,
          u"board_scroll_frame_cpu_p99_ms: %1 ms, the target is at most %2 ms"_s.arg(frameCpuP99, 0, 'f', 1)
              .arg(MaxFrameP99Ms));
    for (const QString &what : std::as_const(missed))
        progress(u"MISSED "_s + what);
    return missed.isEmpty() ? 0 : 1;
}

#include "bench_probes.moc"
