#pragma once

#include "proberesult.h"

#include <QHash>
#include <QObject>

namespace Vigie {

// Probes that fail before they start (a bad URL, a bad pattern) are reported on the next turn of
// the event loop, never from inside start(): the caller may not be ready for a signal yet. Until
// then cancel() can still withdraw them. Shared by the probers.
class PendingFailures
{
public:
    // Queues a Down result for `id`; `notify(id, result)` runs later on `context`'s thread, unless
    // cancelled meanwhile or `context` is gone.
    template<typename Notify>
    void post(QObject *context, quint64 id, ProbePhase phase, const Message &error, Notify notify)
    {
        ProbeResult result;
        result.status = HealthState::Down;
        result.failedPhase = phase;
        result.error = error;
        m_failures.insert(id, result);
        QMetaObject::invokeMethod(
            context,
            [this, id, notify] {
                const auto it = m_failures.constFind(id);
                if (it == m_failures.cend())
                    return; // cancelled meanwhile
                const ProbeResult failed = it.value();
                m_failures.erase(it);
                notify(id, failed);
            },
            Qt::QueuedConnection);
    }
    void cancel(quint64 id) { m_failures.remove(id); }
    int size() const { return int(m_failures.size()); }

private:
    QHash<quint64, ProbeResult> m_failures;
};

} // namespace Vigie
