#include "socketdialer.h"

namespace Vigie {

std::optional<HostPort> HostPort::parse(const QString &target)
{
    const qsizetype colon = target.lastIndexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    bool ok = false;
    const uint port = target.mid(colon + 1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return std::nullopt;
    QString host = target.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    else if (host.contains(u':'))
        return std::nullopt; // an IPv6 address needs brackets to tell it from the port
    if (host.isEmpty())
        return std::nullopt;
    return HostPort{host, quint16(port)};
}

} // namespace Vigie
