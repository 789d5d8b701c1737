#pragma once

#include <QDateTime>
#include <QTimeZone>

namespace Vigie {

// The source of "now" for everything that stamps or schedules. Tests inject a ManualClock
// (tests/support) so that they never sleep to wait for time to pass.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // always UTC
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }

    static Clock *system();
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace Vigie
