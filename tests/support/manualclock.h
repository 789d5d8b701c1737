#pragma once

#include "core/clock.h"

namespace Vigie::Test {

// A clock that only moves when a test moves it.
class ManualClock final : public Vigie::Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 3, 29), QTime(0, 30), QTimeZone::UTC))
        : m_now(start)
    {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now.toUTC(); }
    void advance(std::chrono::milliseconds by) { m_now = m_now.addMSecs(by.count()); }

private:
    QDateTime m_now;
};

} // namespace Vigie::Test
