#include "numbertext.h"

#include <QCoreApplication>
#include <QLocale>

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

} // namespace Vigie
