#include "backoff.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Vigie {

std::chrono::milliseconds retryBackoff(int attempts, std::chrono::milliseconds first, std::chrono::milliseconds cap)
{
    const double doubled = double(first.count()) * std::pow(2.0, std::max(0, attempts - 1));
    const double capped = std::min(doubled, double(cap.count()));
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return std::chrono::milliseconds(qint64(capped * jitter));
}

QString leaseOwnerName()
{
    return QStringLiteral("%1:%2:%3")
        .arg(QHostInfo::localHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

} // namespace Vigie
