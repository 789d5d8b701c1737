#include "valueparsers.h"

#include "duration.h"

#include <QHostAddress>
#include <QUrl>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

bool isHostCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u'.' || c == u'_';
}

const QList<QLatin1StringView> httpMethods{"GET"_L1,   "HEAD"_L1,   "POST"_L1,   "PUT"_L1,
                                           "PATCH"_L1, "DELETE"_L1, "OPTIONS"_L1};
// In DnsRecordType's order.
const QList<QLatin1StringView> dnsRecordTypes{"A"_L1, "AAAA"_L1, "CNAME"_L1, "MX"_L1, "TXT"_L1, "NS"_L1, "SRV"_L1};
// In Qt's order: 1 = Monday.
const QList<QLatin1StringView> weekdayNames{"monday"_L1, "tuesday"_L1,  "wednesday"_L1, "thursday"_L1,
                                            "friday"_L1, "saturday"_L1, "sunday"_L1};

// Where "user:password@" sits in a URL, end included: read from the text rather than by QUrl, so
// that it is found even in a URL that is not valid otherwise.
std::optional<std::pair<qsizetype, qsizetype>> userInfoSpan(QStringView url)
{
    const qsizetype scheme = url.indexOf(u"://");
    if (scheme < 0)
        return std::nullopt;
    const qsizetype start = scheme + 3;
    qsizetype end = start;
    while (end < url.size() && url[end] != u'/' && url[end] != u'?' && url[end] != u'#')
        ++end;
    const qsizetype at = url.first(end).lastIndexOf(u'@');
    if (at < start)
        return std::nullopt;
    return std::pair(start, at + 1);
}

} // namespace

std::optional<HostPort> HostPort::parse(QStringView text)
{
    QStringView host;
    QStringView port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != u':')
            return std::nullopt;
        host = text.sliced(1, close - 1);
        port = text.sliced(close + 2);
        QHostAddress address;
        if (!address.setAddress(host.toString()) || address.protocol() != QAbstractSocket::IPv6Protocol)
            return std::nullopt;
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon <= 0)
            return std::nullopt;
        host = text.first(colon);
        port = text.sliced(colon + 1);
        if (!std::all_of(host.begin(), host.end(), isHostCharacter))
            return std::nullopt;
    }
    const auto number = parseBoundedInt(port, 1, 65535);
    if (!number)
        return std::nullopt;
    return HostPort{host.toString(), quint16(*number)};
}

std::optional<NameServer> NameServer::parse(QStringView text)
{
    NameServer server;
    if (server.address.setAddress(text.toString()))
        return server;
    QStringView port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || !server.address.setAddress(text.sliced(1, close - 1).toString()) ||
            server.address.protocol() != QAbstractSocket::IPv6Protocol)
            return std::nullopt;
        if (close + 1 == text.size())
            return server;
        if (text[close + 1] != u':')
            return std::nullopt;
        port = text.sliced(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon <= 0 || !server.address.setAddress(text.first(colon).toString()) ||
            server.address.protocol() != QAbstractSocket::IPv4Protocol)
            return std::nullopt;
        port = text.sliced(colon + 1);
    }
    const auto number = parseBoundedInt(port, 1, 65535);
    if (!number)
        return std::nullopt;
    server.port = quint16(*number);
    return server;
}

qsizetype editDistance(QStringView a, QStringView b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<qsizetype>> d(size_t(n + 1), std::vector<qsizetype>(size_t(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[size_t(i)][0] = i;
    for (qsizetype j = 0; j <= m; ++j)
        d[0][size_t(j)] = j;
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const qsizetype cost = a[i - 1] == b[j - 1] ? 0 : 1;
            qsizetype best = std::min({d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                                       d[size_t(i - 1)][size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = std::min(best, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = best;
        }
    }
    return d[size_t(n)][size_t(m)];
}

bool isValidServiceId(QStringView id)
{
    if (id.isEmpty())
        return false;
    const auto lowerOrDigit = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'); };
    if (!lowerOrDigit(id.front()))
        return false;
    return std::all_of(id.begin(), id.end(), [&](QChar c) { return lowerOrDigit(c) || c == u'-' || c == u'_'; });
}

std::optional<int> parseBoundedInt(QStringView text, int low, int high)
{
    if (text.isEmpty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return std::nullopt;
    const int value = text.toInt();
    if (value < low || value > high)
        return std::nullopt;
    return value;
}

std::optional<std::chrono::milliseconds> parseHistoryAge(QStringView text)
{
    const qsizetype y = text.indexOf(u'y');
    if (y < 0)
        return parseDuration(text);
    const auto years = parseBoundedInt(text.first(y), 0, 999'999'999);
    if (!years)
        return std::nullopt;
    std::chrono::milliseconds rest{0};
    if (y + 1 < text.size()) {
        const auto parsed = parseDuration(text.sliced(y + 1));
        if (!parsed)
            return std::nullopt;
        rest = *parsed;
    }
    constexpr qint64 year = std::chrono::milliseconds(std::chrono::days(365)).count();
    qint64 total = 0;
    if (__builtin_mul_overflow(qint64(*years), year, &total) || __builtin_add_overflow(total, rest.count(), &total))
        return std::nullopt;
    return std::chrono::milliseconds(total);
}

std::optional<StatusRange> parseStatusRange(QStringView text)
{
    if (text.size() == 3 && (text.sliced(1).compare(u"xx", Qt::CaseInsensitive) == 0)) {
        const auto hundreds = parseBoundedInt(text.first(1), 1, 5);
        if (!hundreds)
            return std::nullopt;
        return StatusRange{*hundreds * 100, *hundreds * 100 + 99};
    }
    const qsizetype dash = text.indexOf(u'-');
    if (dash < 0) {
        const auto code = parseBoundedInt(text, 100, 599);
        if (!code)
            return std::nullopt;
        return StatusRange{*code, *code};
    }
    const auto from = parseBoundedInt(text.first(dash).trimmed(), 100, 599);
    const auto to = parseBoundedInt(text.sliced(dash + 1).trimmed(), 100, 599);
    if (!from || !to || *from > *to)
        return std::nullopt;
    return StatusRange{*from, *to};
}

std::optional<qint64> parseSize(QStringView text)
{
    qsizetype digits = 0;
    while (digits < text.size() && text[digits] >= u'0' && text[digits] <= u'9')
        ++digits;
    if (digits == 0 || digits > 12)
        return std::nullopt;
    const qint64 number = text.first(digits).toLongLong();
    const QStringView unit = text.sliced(digits).trimmed();
    struct Multiplier
    {
        QStringView name;
        qint64 factor;
    };
    static constexpr Multiplier multipliers[] = {
        {u"", 1}, {u"B", 1}, {u"KB", 1000}, {u"kB", 1000}, {u"MB", 1000 * 1000}, {u"KiB", 1024}, {u"MiB", 1024 * 1024},
    };
    for (const Multiplier &m : multipliers) {
        if (unit == m.name)
            return number * m.factor;
    }
    return std::nullopt;
}

bool isValidHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == "http"_L1 || scheme == "https"_L1) && !url.host().isEmpty();
}

bool isValidHostName(QStringView text, bool trailingDotAllowed)
{
    if (trailingDotAllowed && text.endsWith(u'.'))
        text.chop(1);
    if (text.isEmpty())
        return false;
    QByteArray ascii;
    if (std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; })) {
        ascii = text.toLatin1();
    } else {
        ascii = QUrl::toAce(text.toString());
        if (ascii.isEmpty())
            return false;
    }
    if (ascii.size() > 253)
        return false;
    for (const QByteArray &label : ascii.split('.')) {
        if (label.isEmpty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        const bool valid = std::all_of(label.begin(), label.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        });
        if (!valid)
            return false;
    }
    return true;
}

bool hasUserInfo(QStringView url)
{
    return userInfoSpan(url).has_value();
}

QString withoutUserInfo(QStringView url)
{
    const auto span = userInfoSpan(url);
    if (!span)
        return url.toString();
    return url.first(span->first) + url.sliced(span->second);
}

bool isHttpToken(QStringView text)
{
    constexpr QLatin1StringView punctuation("!#$%&'*+-.^_`|~");
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [&](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
               punctuation.contains(c);
    });
}

bool isValidSecretName(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' ||
               c == u'_' || c == u'-';
    });
}

std::optional<QTime> parseTimeOfDay(QStringView text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon < 1 || colon > 2 || text.size() != colon + 3)
        return std::nullopt;
    const auto hour = parseBoundedInt(text.first(colon), 0, 23);
    const auto minute = parseBoundedInt(text.sliced(colon + 1), 0, 59);
    if (!hour || !minute)
        return std::nullopt;
    return QTime(*hour, *minute);
}

bool isValidHeaderValue(QStringView text)
{
    return !text.contains(u'\r') && !text.contains(u'\n') && !text.contains(QChar(0));
}

std::optional<QByteArray> parseHttpMethod(QStringView text)
{
    const QString method = text.toString().toUpper();
    if (!httpMethods.contains(method))
        return std::nullopt;
    return method.toLatin1();
}

std::optional<HttpVersion> parseHttpVersion(QStringView text)
{
    if (text == "1.1"_L1)
        return HttpVersion::Http1_1;
    if (text == "2"_L1)
        return HttpVersion::Http2;
    if (text == "3"_L1)
        return HttpVersion::Http3;
    return std::nullopt;
}

std::optional<DnsRecordType> parseDnsRecordType(QStringView text)
{
    const qsizetype type = dnsRecordTypes.indexOf(text.toString().toUpper());
    if (type < 0)
        return std::nullopt;
    return DnsRecordType(type);
}

std::optional<QDate> parseDate(QStringView text)
{
    if (text.size() != 10)
        return std::nullopt;
    const QDate date = QDate::fromString(text.toString(), u"yyyy-MM-dd"_s);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

std::optional<int> parseWeekday(QStringView text)
{
    const qsizetype day = weekdayNames.indexOf(text.toString().toLower());
    if (day < 0)
        return std::nullopt;
    return int(day) + 1;
}

} // namespace Vigie
