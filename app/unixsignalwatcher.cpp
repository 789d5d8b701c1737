#include "unixsignalwatcher.h"

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <atomic>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int signalPipe[2] = {-1, -1};
// Set by the first request to stop. Lock-free, so that two signals handled at once on two threads
// cannot both take themselves for the first.
std::atomic_flag stopRequested = ATOMIC_FLAG_INIT;
static_assert(std::atomic<bool>::is_always_lock_free);

void onSignal(int signalNumber)
{
    // A second Ctrl+C means "now": whatever the first one started (draining the probe thread,
    // flushing the store) is abandoned. _exit() is async-signal-safe; exit() is not.
    if (stopRequested.test_and_set())
        ::_exit(128 + signalNumber);
    const char byte = char(signalNumber);
    // write() is async-signal-safe; nothing else is done here.
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}
} // namespace
#endif

namespace Vigie {

UnixSignalWatcher::UnixSignalWatcher(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        if (::read(signalPipe[1], &byte, 1) == 1)
            Q_EMIT terminationRequested(int(byte));
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
#endif
}

UnixSignalWatcher::~UnixSignalWatcher()
{
#ifdef Q_OS_UNIX
    // Once a stop has begun, a second request must still cut it short, however far it got.
    if (stopRequested.test())
        return;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
#endif
}

} // namespace Vigie
