#pragma once

#include "workspace.h"

#include <QByteArray>
#include <QDate>
#include <QHostAddress>
#include <QString>
#include <QStringView>
#include <QTime>

#include <cstdlib>
#include <optional>

// The values a workspace file writes as text, read without YAML: each function takes the text (already
// trimmed where the format allows spaces around it) and returns the value, or nullopt when the text is
// not one. The loader turns a nullopt into an error at the value's file:line:column; the probers use the
// same functions on the texts the loader let through. The format itself is documented in README.md.
namespace Vigie {

// Where a TCP or TLS probe connects to.
struct HostPort
{
    QString host; // a host name or an IPv4 address, or an IPv6 address without its brackets
    quint16 port = 0;

    // "host:port", or "[ipv6 address]:port" (the brackets tell the address from the port); the host
    // holds letters and digits of any script, '-', '.' and '_'; the port is a number from 1 to 65535.
    static std::optional<HostPort> parse(QStringView text);
};

// The resolver a DNS probe asks.
struct NameServer
{
    QHostAddress address;
    quint16 port = 0; // 0: not given, the protocol's default (53)

    // An IP address, optionally with a port from 1 to 65535: 192.0.2.53, 192.0.2.53:5353,
    // 2001:db8::53, [2001:db8::53] or [2001:db8::53]:53.
    static std::optional<NameServer> parse(QStringView text);
};

// A decimal whole number of at most 9 digits, from low to high; no sign, no spaces.
std::optional<int> parseBoundedInt(QStringView text, int low, int high);
// How long the history keeps something: a duration as parseDuration() reads it ("90d", "36h"),
// optionally led by whole years of 365 days ("2y", "1y180d"). Accepted by `history:` only, so that
// what the other duration keys accept stays as it is.
std::optional<std::chrono::milliseconds> parseHistoryAge(QStringView text);
// An HTTP status: 200, a class "2xx", or a range "200-299"; every code from 100 to 599.
std::optional<StatusRange> parseStatusRange(QStringView text);
// Bytes as an int, or a number with a unit: B, KB (or kB), MB (powers of 1000), KiB, MiB (of 1024).
std::optional<qint64> parseSize(QStringView text);
// Lower-case letters, digits, '-' and '_', starting with a letter or digit.
bool isValidServiceId(QStringView id);
// A DNS name: dot-separated labels of 1 to 63 letters, digits, '-' (not first nor last) and '_'
// (service labels such as _sip._tcp), 253 characters at most; an internationalised name is checked
// in its ASCII form. A trailing dot only when `trailingDotAllowed`.
bool isValidHostName(QStringView text, bool trailingDotAllowed);
// An http or https URL that names a host.
bool isValidHttpUrl(const QString &text);
// A URL that holds a user name or a password (https://user:password@host/, or user@): the workspace
// must not, as these are secrets that would be printed and stored with every result. Read from the
// text, so that it is found in a URL that is not valid otherwise too.
bool hasUserInfo(QStringView url);
// The URL without its user name and password, to be shown.
QString withoutUserInfo(QStringView url);
// RFC 9110's token: the characters an HTTP header name may hold.
bool isHttpToken(QStringView text);
// A header value: one line, no NUL.
bool isValidHeaderValue(QStringView text);
// The name of a secret in the system keychain: [A-Za-z0-9._-]+.
bool isValidSecretName(QStringView text);
// GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS, in any case; returned in capitals.
std::optional<QByteArray> parseHttpMethod(QStringView text);
// 1.1, 2 or 3.
std::optional<HttpVersion> parseHttpVersion(QStringView text);
// A, AAAA, CNAME, MX, TXT, NS or SRV, in any case.
std::optional<DnsRecordType> parseDnsRecordType(QStringView text);
// "HH:MM" (or "H:MM") on a 24-hour clock.
std::optional<QTime> parseTimeOfDay(QStringView text);
// YYYY-MM-DD.
std::optional<QDate> parseDate(QStringView text);
// monday .. sunday, in any case: 1 (Monday) to 7 (Sunday), as Qt counts.
std::optional<int> parseWeekday(QStringView text);

// Optimal string alignment distance: a swapped pair of letters counts as one edit.
qsizetype editDistance(QStringView a, QStringView b);

// The candidate nearest to `text`, if it is close enough to be a typo of it; empty otherwise.
template<typename Strings>
QString closestMatch(QStringView text, const Strings &candidates)
{
    QString closest;
    qsizetype closestDistance = 3;
    for (const auto &candidate : candidates) {
        const QString name(candidate);
        // The distance is at least the difference in length: most candidates stop here.
        if (std::abs(name.size() - text.size()) >= closestDistance)
            continue;
        const qsizetype distance = editDistance(text, name);
        if (distance < closestDistance && distance < text.size()) {
            closest = name;
            closestDistance = distance;
        }
    }
    return closest;
}

} // namespace Vigie
