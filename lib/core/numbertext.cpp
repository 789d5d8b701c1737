#include "numbertext.h"

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

} // namespace Vigie
