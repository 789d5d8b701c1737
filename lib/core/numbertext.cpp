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
    const qint64 secs = std::max<qint64>(0, since.secsTo(now));
    if (secs < 60)
        return QCoreApplication::translate("Vigie::Duration", "for %n s", nullptr, int(secs));
    if (secs < 3600)
        return QCoreApplication::translate("Vigie::Duration", "for %n min", nullptr, int(secs / 60));
    if (secs < 86400) {
        const int hours = int(secs / 3600);
        const int minutes = int(secs % 3600 / 60);
        if (minutes == 0)
            return QCoreApplication::translate("Vigie::Duration", "for %n h", nullptr, hours);
        return QCoreApplication::translate("Vigie::Duration", "for %1 h %2 min").arg(hours).arg(minutes);
    }
    return QCoreApplication::translate("Vigie::Duration", "for %n d", nullptr, int(secs / 86400));
}

} // namespace Vigie
