#include "freshness.h"

#include <QLocale>

#include <algorithm>

namespace Vigie {

using namespace std::chrono_literals;

Freshness::Freshness(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_ticker.setInterval(1s);
    connect(&m_ticker, &QTimer::timeout, this, &Freshness::recheck);
}

Freshness::~Freshness() = default;

std::pair<std::chrono::milliseconds, std::chrono::milliseconds> Freshness::expectedRate(const Workspace &workspace)
{
    std::chrono::milliseconds interval{0};
    std::chrono::milliseconds timeout{0};
    for (const Service &service : workspace.services)
        for (const ProbeSpec &probe : service.probes)
            if (interval.count() == 0 || probe.interval < interval) {
                interval = probe.interval;
                timeout = probe.timeout;
            }
    return {interval, timeout};
}

void Freshness::setExpectedInterval(std::chrono::milliseconds interval, std::chrono::milliseconds grace)
{
    m_interval = interval;
    m_grace = grace;
    recheck();
}

void Freshness::noteResults(const QList<ProbeResult> &results)
{
    qint64 newest = m_lastResultMs;
    for (const ProbeResult &result : results)
        newest = std::max(newest, result.timestampMs);
    if (newest == m_lastResultMs)
        return;
    m_lastResultMs = newest;
    recheck();
}

void Freshness::setRunning(bool running)
{
    if (running && !m_running)
        m_runningSinceMs = m_clock->nowMs();
    m_running = running;
    // Only a running session can become late on its own.
    if (running)
        m_ticker.start();
    else
        m_ticker.stop();
    recheck();
}

void Freshness::setStoreError(const QString &error)
{
    m_storeError = error;
    recheck();
}

std::chrono::milliseconds Freshness::lateAfter() const
{
    return 2 * m_interval + m_grace;
}

Freshness::State Freshness::compute() const
{
    if (!m_running)
        return State::Stopped;
    if (!m_storeError.isEmpty())
        return State::StoreFails;
    if (m_interval.count() <= 0)
        return State::Live; // nothing to probe, nothing to miss
    const qint64 now = m_clock->nowMs();
    const qint64 limit = lateAfter().count();
    // Results restored from the store are older than this run: until a live one comes, the run's
    // start is what lateness counts from.
    if (m_lastResultMs < m_runningSinceMs)
        return now - m_runningSinceMs > limit ? State::Late : State::Waiting;
    return now - m_lastResultMs > limit ? State::Late : State::Live;
}

void Freshness::recheck()
{
    const State now = compute();
    if (now == m_state)
        return;
    m_state = now;
    Q_EMIT changed();
}

Freshness::State Freshness::state() const
{
    return m_state;
}

QDateTime Freshness::lastResult() const
{
    return m_lastResultMs > 0 ? QDateTime::fromMSecsSinceEpoch(m_lastResultMs, QTimeZone::UTC) : QDateTime();
}

QString Freshness::reason() const
{
    switch (m_state) {
    case State::Live:
    case State::Waiting:
        return {};
    case State::Late:
        return tr("No result has arrived for more than %n second(s): what is shown may be out of date.", nullptr,
                  int(lateAfter().count() / 1000));
    case State::StoreFails:
        return tr("Results cannot be stored: %1").arg(m_storeError);
    case State::Stopped:
        return tr("Probing is stopped: what is shown is not updated.");
    }
    return {};
}

} // namespace Vigie
