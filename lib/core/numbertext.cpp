#include "numbertext.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace Vigie {

QString formatSeconds(double seconds)
{
    return QLocale().toString(seconds, 'f', 1);
}

QString formatSeconds(std::chrono::milliseconds duration)
{
    return formatSeconds(double(duration.count()) / 1000.0);
}

QString formatLatency(double ms)
{
    const QLocale locale;
    if (ms >= 1000)
        return QCoreApplication::translate("Vigie::Latency", "%1 s").arg(locale.toString(ms / 1000.0, 'f', 2));
    if (ms < 10)
        return QCoreApplication::translate("Vigie::Latency", "%1 ms").arg(locale.toString(ms, 'f', 1));
    return QCoreApplication::translate("Vigie::Latency", "%1 ms").arg(locale.toString(qRound(ms)));
}

QString formatSince(const QDateTime &since, const QDateTime &now)
{
    if (!since.isValid() || !now.isValid())
        return {};
    // The counts are computed apart: lupdate does not come back from a division among the
    // arguments of translate().
    const qint64 secs = qMax(qint64(0), since.secsTo(now));
    const int seconds = int(secs);
    const int minutes = int(secs / 60);
    const int hours = int(secs / 3600);
    const int minutesPastHour = int(secs % 3600 / 60);
    const int days = int(secs / 86400);
    if (secs < 60)
        return QCoreApplication::translate("Vigie::Duration", "for %n s", nullptr, seconds);
    if (secs < 3600)
        return QCoreApplication::translate("Vigie::Duration", "for %n min", nullptr, minutes);
    if (secs < 86400) {
        if (minutesPastHour == 0)
            return QCoreApplication::translate("Vigie::Duration", "for %n h", nullptr, hours);
        return QCoreApplication::translate("Vigie::Duration", "for %1 h %2 min").arg(hours).arg(minutesPastHour);
    }
    return QCoreApplication::translate("Vigie::Duration", "for %n d", nullptr, days);
}

} // namespace Vigie
