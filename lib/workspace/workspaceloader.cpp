// The workspace file format.
//
// A workspace is one YAML document, UTF-8 encoded, at most 16 MiB and at most 64 levels deep.
//
// Top level (a mapping; any other key is an error):
//   name          required  text shown as the workspace title.
//   services      required  a non-empty sequence of services.
//   maintenance   optional  a sequence of maintenance windows (below).
//
// Service (a mapping):
//   id            required  lower-case letters, digits, '-' and '_', starting with a letter or digit;
//                           unique in the file.
//   name          optional  text shown to people; default: the id.
//   group         optional  the board section it appears under; default: "Services".
//   depends_on    optional  the id of another service of the file, or a sequence of them (a
//                           provider's status page tile is a service too); no duplicates, no cycles.
//                           While one of them is down, this service shows "impacted by" it.
//   probes        required  a non-empty sequence of probes.
//
// Probe (a mapping) with exactly one target, which sets its kind:
//   http          a URL with scheme http or https and a host, e.g. https://portal.example.org/
//   tcp           HOST:PORT with a port from 1 to 65535, e.g. mail.example.org:25; an IPv6 address
//                 goes in brackets and, because YAML reads '[' as a list, in quotes: "[::1]:25".
//   tls           HOST:PORT, as for tcp: the certificate served there is checked.
//   dns           a host name to look up, e.g. www.example.org (a trailing dot is allowed).
//   statuspage    the http(s) URL of a provider's Statuspage page, e.g. https://www.githubstatus.com
// For every kind:
//   interval      optional  a duration (below); default 60s; at most 1d.
//   timeout       optional  a duration, at most the interval; default 10s, or the interval when it
//                           is shorter.
//   conditions    optional  a sequence of conditions (Gatus syntax, see condition.h), each either
//                           text, which downs the probe when it fails, or a mapping {warn: text},
//                           which marks it degraded.
//   down_after    optional  1 to 100 consecutive failures before the probe counts as down; default 3.
//   up_after      optional  1 to 100 consecutive successes before it counts as up again; default 2.
// Durations are a number and a unit, largest unit first: 250ms, 30s, 5m, 1h, 2d, 1m30s, 1.5s.
//
// For http probes only:
//   method             optional  GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS, in any case;
//                                default GET.
//   headers            optional  a mapping of header name (an HTTP token) to a one-line value.
//                                Authorization is refused: secrets go through 'auth'.
//   body               optional  the request body, sent as written.
//   auth               optional  a mapping:
//     type             required  basic or bearer.
//     username         basic: required; bearer: refused.
//     secret           required  the name of a secret in the system keychain ([A-Za-z0-9._-]+), the
//                                password or the token: the secret itself never sits in the file.
//   http_version       optional  1.1, 2 or 3 (a number or text); default: libcurl's choice.
//   expect             optional  a mapping:
//     status           an int (200), a class ("2xx"), a range ("200-299"), or a list of those;
//                      every code from 100 to 599; default 200-399.
//     body_contains    text the body must contain.
//     max_latency      a duration, at most the timeout; a slower answer marks the probe degraded.
//   max_redirects      optional  0 to 50; default 10.
//   max_body           optional  a size: bytes as an int, or with a unit B, KB, MB, KiB, MiB
//                      (512KiB, 2MB); at most 64 MiB; default 1MiB. A larger body fails the probe.
// For http, tls and statuspage probes:
//   ca_file            optional  a PEM file of CA certificates to trust instead of the system's,
//                                relative to the workspace file's folder; it must exist and be
//                                readable when the workspace loads.
//   insecure           optional  the reason TLS verification is off, as a sentence the tile shows
//                                ("self-signed lab certificate"); `true` or an empty text is an error.
// For tcp probes only:
//   expect_banner      optional  a regular expression (Perl syntax) the first line must match.
//   steps              optional  a non-empty sequence of single-key mappings, run in order after
//                                the banner: {send: text} sends the text as is (write "\r\n" where
//                                the protocol wants it), {expect: regex} waits for a matching line.
// For tls probes only:
//   server_name        optional  a host name to send as SNI and to match; default: the target's host.
//   warn_days          optional  1 to 3650: fewer days before the earliest expiry mark it degraded;
//                                default 21.
//   critical_days      optional  0 to 3650, below warn_days: fewer days down it; default 7.
// For dns probes only:
//   record             optional  A, AAAA, CNAME, MX, TXT, NS or SRV, in any case; default A.
//   server             optional  the resolver to ask: an IP address, optionally with :port (IPv6 as
//                                "[2001:db8::53]:53"); default: the system's.
//   expect_values      optional  a sequence of texts that must all be among the answers.
//   expect_matches     optional  a regular expression at least one answer must match.
// For statuspage probes only:
//   components         optional  a sequence of distinct component names to report on; default:
//                                the page's overall indicator only.
//
// Maintenance window (a mapping), a time when failures do not count as outages:
//   name          required  text shown on the tiles it covers.
//   services      optional  a service id, or a sequence of them, that must exist in the file.
//   groups        optional  a group name, or a sequence of them, that some service must be in.
//                           With neither services nor groups, the window covers every service.
//   timezone      optional  an IANA time zone id, e.g. Europe/Paris; default UTC.
//   date          YYYY-MM-DD: the window happens once, on that day.
//   every         day, a weekday name (monday .. sunday, in any case), or a sequence of weekday
//                 names: the window recurs. Exactly one of date and every is required.
//   at            required  the local start time in the time zone, HH:MM on a 24-hour clock.
//   duration      required  a duration, at most 7d.
//
// Anchors and aliases (&name, *name) may share repeated parts.
// Errors name file:line:column, with 1-based lines and columns counted in characters, as editors
// show them; an error inside a condition points at its place in the condition. Unknown keys, keys
// given twice in one mapping, keys of another probe kind and values of the wrong type are all
// errors: a typo in a monitoring file must not silently drop a check.

#include "workspaceloader.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTime>
#include <QTimeZone>
#include <QUrl>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

constexpr qsizetype maxFileSize = 16 * 1024 * 1024;
// yaml-cpp parses nested collections recursively; a pre-scan refuses deeper documents before they
// reach it. A workspace needs 7 levels.
constexpr int maxNesting = 64;
// Aliases let a small file name the same subtree many times; this bounds the work of the walk.
constexpr qsizetype maxNodeVisits = 200'000;
// Past this many, more errors only bury the first ones, which are the ones to fix.
constexpr qsizetype maxErrors = 100;
constexpr std::chrono::milliseconds longestInterval = 24h;
constexpr std::chrono::milliseconds longestMaintenance = 7 * 24h;
constexpr qint64 largestMaxBody = 64 * 1024 * 1024;
constexpr int largestMaxRedirects = 50;
constexpr int largestHysteresis = 100;
constexpr int largestCertificateDays = 3650;

const QList<QLatin1StringView> workspaceKeys{"name"_L1, "services"_L1, "maintenance"_L1};
const QList<QLatin1StringView> serviceKeys{"id"_L1, "name"_L1, "group"_L1, "depends_on"_L1, "probes"_L1};
const QList<QLatin1StringView> expectKeys{"status"_L1, "body_contains"_L1, "max_latency"_L1};
const QList<QLatin1StringView> authKeys{"type"_L1, "username"_L1, "secret"_L1};
const QList<QLatin1StringView> stepKeys{"send"_L1, "expect"_L1};
const QList<QLatin1StringView> conditionKeys{"warn"_L1};
const QList<QLatin1StringView> maintenanceKeys{"name"_L1, "services"_L1, "groups"_L1, "timezone"_L1,
                                               "date"_L1, "every"_L1,    "at"_L1,     "duration"_L1};
const QList<QLatin1StringView> httpMethods{"GET"_L1,   "HEAD"_L1,   "POST"_L1,   "PUT"_L1,
                                           "PATCH"_L1, "DELETE"_L1, "OPTIONS"_L1};
// In DnsRecordType's order.
const QList<QLatin1StringView> dnsRecordTypes{"A"_L1, "AAAA"_L1, "CNAME"_L1, "MX"_L1, "TXT"_L1, "NS"_L1, "SRV"_L1};
// In Qt's order: 1 = Monday.
const QList<QLatin1StringView> weekdayNames{"monday"_L1, "tuesday"_L1,  "wednesday"_L1, "thursday"_L1,
                                            "friday"_L1, "saturday"_L1, "sunday"_L1};

constexpr unsigned kindBit(ProbeKind kind)
{
    return 1u << unsigned(kind);
}
constexpr unsigned everyKind = (1u << unsigned(probeKindCount)) - 1;
constexpr unsigned tlsKinds = kindBit(ProbeKind::Http) | kindBit(ProbeKind::Tls) | kindBit(ProbeKind::Statuspage);

// Every probe key and the kinds it applies to. The targets come first, in ProbeKind's order.
struct ProbeKey
{
    QLatin1StringView name;
    unsigned kinds;
};
constexpr ProbeKey probeKeys[] = {
    {"http"_L1, kindBit(ProbeKind::Http)},
    {"tcp"_L1, kindBit(ProbeKind::Tcp)},
    {"tls"_L1, kindBit(ProbeKind::Tls)},
    {"dns"_L1, kindBit(ProbeKind::Dns)},
    {"statuspage"_L1, kindBit(ProbeKind::Statuspage)},
    {"interval"_L1, everyKind},
    {"timeout"_L1, everyKind},
    {"conditions"_L1, everyKind},
    {"down_after"_L1, everyKind},
    {"up_after"_L1, everyKind},
    {"method"_L1, kindBit(ProbeKind::Http)},
    {"headers"_L1, kindBit(ProbeKind::Http)},
    {"body"_L1, kindBit(ProbeKind::Http)},
    {"auth"_L1, kindBit(ProbeKind::Http)},
    {"http_version"_L1, kindBit(ProbeKind::Http)},
    {"expect"_L1, kindBit(ProbeKind::Http)},
    {"max_redirects"_L1, kindBit(ProbeKind::Http)},
    {"max_body"_L1, kindBit(ProbeKind::Http)},
    {"ca_file"_L1, tlsKinds},
    {"insecure"_L1, tlsKinds},
    {"expect_banner"_L1, kindBit(ProbeKind::Tcp)},
    {"steps"_L1, kindBit(ProbeKind::Tcp)},
    {"server_name"_L1, kindBit(ProbeKind::Tls)},
    {"warn_days"_L1, kindBit(ProbeKind::Tls)},
    {"critical_days"_L1, kindBit(ProbeKind::Tls)},
    {"record"_L1, kindBit(ProbeKind::Dns)},
    {"server"_L1, kindBit(ProbeKind::Dns)},
    {"expect_values"_L1, kindBit(ProbeKind::Dns)},
    {"expect_matches"_L1, kindBit(ProbeKind::Dns)},
    {"components"_L1, kindBit(ProbeKind::Statuspage)},
};

const ProbeKey *findProbeKey(QStringView name)
{
    for (const ProbeKey &key : probeKeys) {
        if (name == key.name)
            return &key;
    }
    return nullptr;
}

// The index of the kind `name` is the target key of, or -1.
int targetKind(QStringView name)
{
    for (int kind = 0; kind < probeKindCount; ++kind) {
        if (name == probeKeys[kind].name)
            return kind;
    }
    return -1;
}

QList<QLatin1StringView> probeKeysFor(unsigned kinds)
{
    QList<QLatin1StringView> names;
    for (const ProbeKey &key : probeKeys) {
        if (key.kinds & kinds)
            names.append(key.name);
    }
    return names;
}

bool isBreak(char c)
{
    return c == '\n' || c == '\r';
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isFlowIndicator(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// Optimal string alignment distance: a swapped pair of letters counts as one edit.
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

// User text quoted back in a message: long values would drown the message.
QString shown(const QString &text)
{
    constexpr qsizetype longest = 60;
    return text.size() > longest ? text.left(longest - 1) + QChar(0x2026) : text;
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

// 200, "2xx" or "200-299".
std::optional<StatusRange> parseStatus(QStringView text)
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

// Bytes as an int, or a number with a unit: B, KB (or kB), MB (powers of 1000), KiB, MiB (of 1024).
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

bool isHostCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u'.' || c == u'_';
}

// "host:port", or "[ipv6]:port".
bool isValidTcpTarget(QStringView text)
{
    QStringView host;
    QStringView port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != u':')
            return false;
        host = text.sliced(1, close - 1);
        port = text.sliced(close + 2);
        QHostAddress address;
        if (!address.setAddress(host.toString()) || address.protocol() != QAbstractSocket::IPv6Protocol)
            return false;
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon <= 0)
            return false;
        host = text.first(colon);
        port = text.sliced(colon + 1);
        if (!std::all_of(host.begin(), host.end(), isHostCharacter))
            return false;
    }
    return parseBoundedInt(port, 1, 65535).has_value();
}

bool isValidHttpTarget(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == "http"_L1 || scheme == "https"_L1) && !url.host().isEmpty();
}

// A DNS name: dot-separated labels of 1 to 63 letters, digits, '-' (not first nor last) and '_'
// (service labels such as _sip._tcp), 253 characters at most; an internationalised name is checked
// in its ASCII form.
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

// An IP address, optionally with a port: 192.0.2.53, 192.0.2.53:5353, 2001:db8::53, [2001:db8::53]:53.
bool isValidDnsServer(QStringView text)
{
    QHostAddress address;
    if (address.setAddress(text.toString()))
        return true;
    QStringView port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || !address.setAddress(text.sliced(1, close - 1).toString()) ||
            address.protocol() != QAbstractSocket::IPv6Protocol)
            return false;
        if (close + 1 == text.size())
            return true;
        if (text[close + 1] != u':')
            return false;
        port = text.sliced(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon <= 0 || !address.setAddress(text.first(colon).toString()) ||
            address.protocol() != QAbstractSocket::IPv4Protocol)
            return false;
        port = text.sliced(colon + 1);
    }
    return parseBoundedInt(port, 1, 65535).has_value();
}

// RFC 9110's token: the characters a header name may hold.
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

// "HH:MM" (or "H:MM") on a 24-hour clock.
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

// The candidate nearest to `text`, if it is close enough to be a typo of it.
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

// Records where each document starts, through yaml-cpp's event interface, which builds no nodes.
class DocumentStarts final : public YAML::EventHandler
{
public:
    std::vector<YAML::Mark> marks;

    void OnDocumentStart(const YAML::Mark &mark) override { marks.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

class Parser
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::WorkspaceLoader)

public:
    Parser(QByteArray text, QString fileName)
        : m_text(std::move(text))
        , m_file(std::move(fileName))
    {}

    std::expected<Workspace, QList<WorkspaceError>> run();
    static QString fileTooLargeMessage(qint64 size);

private:
    struct Entry
    {
        QString key;
        YAML::Node keyNode;
        YAML::Node value;
    };

    // A name that refers to something defined elsewhere in the file, checked once all is read.
    struct Reference
    {
        QString name;
        SourceLocation location;
    };

    enum class Expected { Mapping, Sequence, Scalar };

    void addError(const SourceLocation &where, const QString &message) { m_errors.append({where, message}); }
    SourceLocation locationAt(qsizetype offset) const;
    SourceLocation locationOf(const YAML::Node &node) const;
    SourceLocation locationOf(const YAML::Mark &mark) const;
    SourceLocation locationInScalar(const YAML::Node &node, int column) const;
    static QString describe(const YAML::Node &node);
    void addSyntaxError(const YAML::Mark &mark, const std::string &what);

    bool checkEncoding();
    bool checkNesting();
    bool spend(const YAML::Node &at);
    bool expectType(const YAML::Node &node, Expected type, const QString &subject);
    QList<Entry> entries(const YAML::Node &mapping);
    QList<YAML::Node> items(const YAML::Node &sequence, const QString &subject);
    std::optional<QString> scalar(const Entry &entry);
    std::optional<QString> nonEmptyText(const Entry &entry);
    std::optional<std::chrono::milliseconds> duration(const Entry &entry, std::chrono::milliseconds longest);
    std::optional<int> boundedInt(const Entry &entry, int low, int high);
    std::optional<QString> pattern(const YAML::Node &node, const QString &subject);
    QList<Reference> names(const Entry &entry, bool singleAllowed);
    void unknownKey(const Entry &entry, const QList<QLatin1StringView> &known, const QString &owner);
    void unknownReference(const Reference &reference, const QString &what, const QStringList &known);

    std::optional<Workspace> readWorkspace(const YAML::Node &root);
    std::optional<Service> readService(const YAML::Node &node, QList<Reference> &dependencies);
    std::optional<ProbeSpec> readProbe(const YAML::Node &node);
    void readTarget(const Entry &entry, ProbeSpec &probe);
    void readExpect(const YAML::Node &node, ProbeSpec &probe, std::optional<Entry> &maxLatency);
    void readStatus(const YAML::Node &node, ProbeSpec &probe);
    void readConditions(const YAML::Node &node, ProbeSpec &probe);
    void readHeaders(const YAML::Node &node, ProbeSpec &probe);
    void readAuth(const YAML::Node &node, ProbeSpec &probe);
    void readSteps(const YAML::Node &node, ProbeSpec &probe);
    void readCaFile(const Entry &entry, ProbeSpec &probe);
    void readInsecure(const Entry &entry, ProbeSpec &probe);
    std::optional<MaintenanceWindow> readMaintenance(const YAML::Node &node);
    void readEvery(const Entry &entry, MaintenanceWindow &window);
    void checkReferences(const Workspace &workspace, const QList<QList<Reference>> &dependencies);
    void checkDependencyCycles(const Workspace &workspace, const QList<QList<Reference>> &dependencies);

    QString probeNoun(ProbeKind kind) const;
    QString kindList(unsigned kinds) const;

    QByteArray m_text;
    QString m_file;
    std::vector<qsizetype> m_lineStarts;
    QList<WorkspaceError> m_errors;
    QHash<QString, SourceLocation> m_serviceIds;
    QList<Reference> m_maintenanceServices;
    QList<Reference> m_maintenanceGroups;
    QHash<QByteArray, bool> m_timeZones; // ids looked up so far, and whether the system knows them
    qsizetype m_visitsLeft = maxNodeVisits;
    qsizetype m_unclosedFlow = -1; // offset of the innermost '[' or '{' the pre-scan saw left open
};

QString Parser::fileTooLargeMessage(qint64 size)
{
    return tr("the file is %1 MiB; a workspace file can be at most %2 MiB")
        .arg(QString::number(double(size) / (1024 * 1024), 'f', 1), QString::number(maxFileSize / (1024 * 1024)));
}

SourceLocation Parser::locationAt(qsizetype offset) const
{
    offset = std::clamp(offset, qsizetype(0), m_text.size());
    const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const qsizetype line = next - m_lineStarts.begin(); // lines start at offset 0, so at least 1
    int column = 1;
    for (qsizetype i = m_lineStarts[size_t(line - 1)]; i < offset; ++i) {
        if ((uchar(m_text[i]) & 0xC0) != 0x80) // count characters, not UTF-8 continuation bytes
            ++column;
    }
    return {m_file, int(line), column};
}

SourceLocation Parser::locationOf(const YAML::Mark &mark) const
{
    if (mark.is_null() || mark.pos < 0)
        return {m_file, 1, 1};
    return locationAt(mark.pos);
}

SourceLocation Parser::locationOf(const YAML::Node &node) const
{
    return locationOf(node.Mark());
}

// A column counted inside a scalar's text (a condition's), placed in the file: after the opening
// quote of a quoted scalar. Escapes and folded lines are not undone, so a column past them is near.
SourceLocation Parser::locationInScalar(const YAML::Node &node, int column) const
{
    SourceLocation where = locationOf(node);
    const qsizetype start = node.Mark().pos;
    const bool quoted = start >= 0 && start < m_text.size() && (m_text[start] == '"' || m_text[start] == '\'');
    where.column += std::max(column, 1) - 1 + (quoted ? 1 : 0);
    return where;
}

QString Parser::describe(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return tr("a mapping");
    case YAML::NodeType::Sequence:
        return tr("a sequence");
    case YAML::NodeType::Scalar:
        return tr("the value '%1'").arg(shown(QString::fromStdString(node.Scalar())));
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return tr("nothing");
}

// yaml-cpp's messages are terse and its position for an unclosed bracket is the end of the file;
// the frequent ones get a hint at the usual cause and, where the pre-scan knows it, a better place.
void Parser::addSyntaxError(const YAML::Mark &mark, const std::string &what)
{
    if (!mark.is_null() && mark.pos >= 0 && mark.pos <= m_text.size()) {
        const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), qsizetype(mark.pos));
        qsizetype i = *(next - 1);
        while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t')) {
            if (m_text[i] == '\t') {
                addError(locationAt(i), tr("invalid YAML: a tab in the indentation; YAML indents with spaces only"));
                return;
            }
            ++i;
        }
    }
    if ((what == YAML::ErrorMsg::END_OF_SEQ_FLOW || what == YAML::ErrorMsg::END_OF_MAP_FLOW) && m_unclosedFlow >= 0) {
        const bool sequence = what == YAML::ErrorMsg::END_OF_SEQ_FLOW;
        if (m_text[m_unclosedFlow] == (sequence ? '[' : '{')) {
            addError(locationAt(m_unclosedFlow), sequence
                                                     ? tr("invalid YAML: this '[' is not closed by a matching ']'")
                                                     : tr("invalid YAML: this '{' is not closed by a matching '}'"));
            return;
        }
    }
    QString message;
    if (what == YAML::ErrorMsg::MAP_VALUE)
        message = tr("a ':' where none can be; a value that contains ': ' must be quoted");
    else if (what == YAML::ErrorMsg::END_OF_SEQ_FLOW)
        message = tr("a '[' is not closed by a matching ']'");
    else if (what == YAML::ErrorMsg::END_OF_MAP_FLOW)
        message = tr("a '{' is not closed by a matching '}'");
    else if (what == YAML::ErrorMsg::FLOW_END)
        message = tr("this ']' or '}' closes nothing");
    else if (what == YAML::ErrorMsg::TAB_IN_INDENTATION)
        message = tr("a tab in the indentation; YAML indents with spaces only");
    else if (what == YAML::ErrorMsg::BLOCK_ENTRY || what == YAML::ErrorMsg::END_OF_MAP ||
             what == YAML::ErrorMsg::END_OF_SEQ)
        message = tr("this does not fit the structure above it (%1); check the indentation, and quote a value that "
                     "starts with [, {, *, & or !")
                      .arg(QString::fromStdString(what));
    else if (what == YAML::ErrorMsg::EOF_IN_SCALAR)
        message = tr("a quoted value is not closed before the end of the file");
    else
        message = QString::fromStdString(what);
    addError(locationOf(mark), tr("invalid YAML: %1").arg(message));
}

// yaml-cpp guesses UTF-16 and UTF-32 from NUL bytes and accepts broken UTF-8; only proper UTF-8
// text without control characters reaches it, so its offsets are byte offsets into m_text.
bool Parser::checkEncoding()
{
    const auto *bytes = reinterpret_cast<const uchar *>(m_text.constData());
    const qsizetype n = m_text.size();
    for (qsizetype i = 0; i < n;) {
        const uchar c = bytes[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                addError(locationAt(i), tr("control character U+%1 is not allowed in a workspace file; is this a "
                                           "binary file?")
                                            .arg(uint(c), 4, 16, QLatin1Char('0')));
                return false;
            }
            ++i;
            continue;
        }
        qsizetype length = 0;
        char32_t codePoint = 0;
        char32_t smallest = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            codePoint = c & 0x1F;
            smallest = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            codePoint = c & 0x0F;
            smallest = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            codePoint = c & 0x07;
            smallest = 0x10000;
        }
        bool valid = length > 0 && i + length <= n;
        for (qsizetype k = 1; valid && k < length; ++k) {
            valid = (bytes[i + k] & 0xC0) == 0x80;
            codePoint = (codePoint << 6) | (bytes[i + k] & 0x3F);
        }
        valid =
            valid && codePoint >= smallest && codePoint <= 0x10FFFF && !(codePoint >= 0xD800 && codePoint <= 0xDFFF);
        if (!valid) {
            addError(
                locationAt(i),
                tr("this is not UTF-8 text (byte 0x%1); save the file as UTF-8").arg(uint(c), 2, 16, QLatin1Char('0')));
            return false;
        }
        i += length;
    }
    return true;
}

// A cheap, approximate reading of the YAML structure that only measures nesting: indentation
// levels of block collections plus open '[' and '{'. It skips quoted values, comments and block
// scalars so that brackets inside text do not count.
bool Parser::checkNesting()
{
    const char *p = m_text.constData();
    const qsizetype n = m_text.size();
    std::vector<qsizetype> blocks;   // indentation of the open block collections
    std::vector<qsizetype> flowOpen; // offsets of the open '[' and '{'
    char quote = 0;
    qsizetype blockScalarIndent = -1; // while >= 0, lines indented deeper are the text of a | or > scalar
    qsizetype lineStart = 0;
    qsizetype lineIndent = 0;
    qsizetype nodeColumn = 0; // where the node being read on this line starts: a key's column
    bool atLineStart = true;
    bool atNodeStart = true;

    const auto tooDeep = [&](qsizetype at) {
        if (blocks.size() + flowOpen.size() <= size_t(maxNesting))
            return false;
        addError(locationAt(at), tr("the document is nested more than %1 levels deep here; a workspace needs only "
                                    "a few levels")
                                     .arg(maxNesting));
        return true;
    };
    // A block collection is counted once its first '- ', '? ' or 'key: ' shows where it starts.
    const auto openBlock = [&](qsizetype column) {
        if (!blocks.empty() && blocks.back() >= column)
            return false;
        blocks.push_back(column);
        return tooDeep(lineStart + column);
    };
    const auto skipToLineEnd = [&](qsizetype from) {
        while (from < n && !isBreak(p[from]))
            ++from;
        return from;
    };

    qsizetype i = 0;
    while (i < n) {
        if (atLineStart) {
            atLineStart = false;
            lineStart = i;
            qsizetype j = i;
            while (j < n && p[j] == ' ')
                ++j;
            const qsizetype indent = j - i;
            if (quote == 0) {
                const bool empty = j == n || isBreak(p[j]);
                if (blockScalarIndent >= 0 && (empty || indent > blockScalarIndent)) {
                    i = skipToLineEnd(j);
                    continue;
                }
                blockScalarIndent = -1;
                if (empty || p[j] == '#') {
                    i = skipToLineEnd(j);
                    continue;
                }
                if (flowOpen.empty()) {
                    const bool marker = indent == 0 && n - j >= 3 &&
                                        (qstrncmp(p + j, "---", 3) == 0 || qstrncmp(p + j, "...", 3) == 0) &&
                                        (j + 3 == n || isBlank(p[j + 3]) || isBreak(p[j + 3]));
                    if (marker) {
                        blocks.clear();
                        i = j + 3;
                        atNodeStart = true;
                        continue;
                    }
                    if (indent == 0 && p[j] == '%') {
                        i = skipToLineEnd(j);
                        continue;
                    }
                    while (!blocks.empty() && blocks.back() > indent)
                        blocks.pop_back();
                }
                lineIndent = indent;
                atNodeStart = true;
            }
            i = j;
            continue;
        }

        const char c = p[i];
        if (isBreak(c)) {
            i += (c == '\r' && i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
            atLineStart = true;
            continue;
        }
        if (quote != 0) {
            if (quote == '"' && c == '\\') {
                i += (i + 1 < n && !isBreak(p[i + 1])) ? 2 : 1;
            } else if (c == quote && quote == '\'' && i + 1 < n && p[i + 1] == '\'') {
                i += 2;
            } else {
                if (c == quote) {
                    quote = 0;
                    atNodeStart = false;
                }
                ++i;
            }
            continue;
        }
        if (isBlank(c)) {
            ++i;
            continue;
        }
        if (c == '#' && (i == lineStart || isBlank(p[i - 1]))) {
            i = skipToLineEnd(i);
            continue;
        }
        const bool followedBySpace = i + 1 == n || isBlank(p[i + 1]) || isBreak(p[i + 1]);
        if (atNodeStart) {
            if (c == '[' || c == '{') {
                flowOpen.push_back(i);
                if (tooDeep(i))
                    return false;
                ++i;
                continue;
            }
            if (c == '"' || c == '\'') {
                nodeColumn = i - lineStart;
                quote = c;
                ++i;
                continue;
            }
            if (flowOpen.empty() && (c == '-' || c == '?') && followedBySpace) {
                if (openBlock(i - lineStart))
                    return false;
                ++i;
                continue;
            }
            if (flowOpen.empty() && (c == '|' || c == '>')) {
                blockScalarIndent = lineIndent;
                i = skipToLineEnd(i);
                continue;
            }
            if (c == '&' || c == '!') { // an anchor or a tag comes before the node it names
                while (i < n && !isBlank(p[i]) && !isBreak(p[i]) && !(!flowOpen.empty() && isFlowIndicator(p[i])))
                    ++i;
                continue;
            }
        }
        if (!flowOpen.empty()) {
            if (c == ']' || c == '}') {
                flowOpen.pop_back();
                atNodeStart = false;
            } else if (c == ',') {
                atNodeStart = true;
            } else if ((c == ':' || c == '?') && (followedBySpace || (i + 1 < n && isFlowIndicator(p[i + 1])))) {
                atNodeStart = true;
            } else {
                atNodeStart = false;
            }
            ++i;
            continue;
        }
        if (atNodeStart)
            nodeColumn = i - lineStart;
        atNodeStart = c == ':' && followedBySpace;
        if (atNodeStart && openBlock(nodeColumn))
            return false;
        ++i;
    }
    m_unclosedFlow = flowOpen.empty() ? -1 : flowOpen.back();
    return true;
}

bool Parser::spend(const YAML::Node &at)
{
    if (m_visitsLeft == 0)
        return false;
    if (--m_visitsLeft == 0) {
        addError(locationOf(at), tr("the document names more than %1 values, through aliases (*name); write the "
                                    "workspace out without so many aliases")
                                     .arg(maxNodeVisits));
        return false;
    }
    return true;
}

bool Parser::expectType(const YAML::Node &node, Expected type, const QString &subject)
{
    QString wanted;
    switch (type) {
    case Expected::Mapping:
        if (node.IsMap())
            return true;
        wanted = tr("a mapping (key: value lines)");
        break;
    case Expected::Sequence:
        if (node.IsSequence())
            return true;
        wanted = tr("a sequence (a list of '- ' items)");
        break;
    case Expected::Scalar:
        if (node.IsScalar())
            return true;
        wanted = tr("a single value");
        break;
    }
    addError(locationOf(node), tr("%1 should be %2, found %3").arg(subject, wanted, describe(node)));
    return false;
}

QList<Parser::Entry> Parser::entries(const YAML::Node &mapping)
{
    QList<Entry> out;
    QHash<QString, SourceLocation> seen;
    for (const auto &pair : mapping) {
        if (!spend(pair.first))
            break;
        if (!pair.first.IsScalar()) {
            addError(locationOf(pair.first),
                     tr("a key should be a single word such as 'name', found %1").arg(describe(pair.first)));
            continue;
        }
        const QString key = QString::fromStdString(pair.first.Scalar());
        const SourceLocation where = locationOf(pair.first);
        // yaml-cpp keeps both entries of a repeated key; which one a reader sees is an accident.
        if (const auto first = seen.constFind(key); first != seen.cend()) {
            addError(where, tr("duplicate key '%1' (first defined at %2)").arg(shown(key), first->toString()));
            continue;
        }
        seen.insert(key, where);
        out.append({key, pair.first, pair.second});
    }
    return out;
}

QList<YAML::Node> Parser::items(const YAML::Node &sequence, const QString &subject)
{
    QList<YAML::Node> out;
    if (!expectType(sequence, Expected::Sequence, subject))
        return out;
    for (const auto &item : sequence) {
        if (!spend(item))
            break;
        out.append(item);
    }
    return out;
}

std::optional<QString> Parser::scalar(const Entry &entry)
{
    if (!expectType(entry.value, Expected::Scalar, u'\'' + entry.key + u'\''))
        return std::nullopt;
    return QString::fromStdString(entry.value.Scalar());
}

std::optional<QString> Parser::nonEmptyText(const Entry &entry)
{
    std::optional<QString> text = scalar(entry);
    if (text && text->trimmed().isEmpty()) {
        addError(locationOf(entry.value), tr("'%1' should not be empty").arg(entry.key));
        return std::nullopt;
    }
    return text;
}

std::optional<std::chrono::milliseconds> Parser::duration(const Entry &entry, std::chrono::milliseconds longest)
{
    const std::optional<QString> text = scalar(entry);
    if (!text)
        return std::nullopt;
    const auto value = parseDuration(*text);
    const SourceLocation where = locationOf(entry.value);
    if (!value) {
        addError(where, tr("'%1' is not a duration; expected a number and a unit: ms, s, m, h, d (for example 30s "
                           "or 1m30s)")
                            .arg(shown(*text)));
        return std::nullopt;
    }
    if (*value <= 0ms) {
        addError(where, tr("%1 should be longer than zero, found %2").arg(entry.key, *text));
        return std::nullopt;
    }
    if (*value > longest) {
        addError(where, tr("%1 can be at most %2, found %3").arg(entry.key, formatDuration(longest), shown(*text)));
        return std::nullopt;
    }
    return value;
}

std::optional<int> Parser::boundedInt(const Entry &entry, int low, int high)
{
    const auto text = scalar(entry);
    if (!text)
        return std::nullopt;
    const auto value = parseBoundedInt(text->trimmed(), low, high);
    if (!value) {
        addError(locationOf(entry.value),
                 tr("%1 should be a whole number from %2 to %3, found '%4'")
                     .arg(entry.key, QString::number(low), QString::number(high), shown(*text)));
    }
    return value;
}

std::optional<QString> Parser::pattern(const YAML::Node &node, const QString &subject)
{
    if (!expectType(node, Expected::Scalar, subject))
        return std::nullopt;
    const QString text = QString::fromStdString(node.Scalar());
    const QRegularExpression expression(text);
    if (!expression.isValid()) {
        addError(locationOf(node),
                 tr("'%1' is not a valid regular expression: %2 (at character %3 of the pattern)")
                     .arg(shown(text), expression.errorString(), QString::number(expression.patternErrorOffset() + 1)));
        return std::nullopt;
    }
    return text;
}

// A sequence of distinct, non-empty names (or, when `singleAllowed`, one name on its own).
QList<Parser::Reference> Parser::names(const Entry &entry, bool singleAllowed)
{
    const QString subject = u'\'' + entry.key + u'\'';
    QList<YAML::Node> nodes;
    if (singleAllowed && entry.value.IsScalar()) {
        nodes.append(entry.value);
    } else if (singleAllowed && !entry.value.IsSequence()) {
        addError(locationOf(entry.value),
                 tr("%1 should be a name or a sequence of names, found %2").arg(subject, describe(entry.value)));
        return {};
    } else {
        nodes = items(entry.value, subject);
    }
    QList<Reference> out;
    QHash<QString, SourceLocation> seen;
    for (const YAML::Node &node : nodes) {
        if (!expectType(node, Expected::Scalar, tr("each item of %1").arg(subject)))
            continue;
        const QString name = QString::fromStdString(node.Scalar()).trimmed();
        const SourceLocation where = locationOf(node);
        if (name.isEmpty()) {
            addError(where, tr("an empty name in %1").arg(subject));
        } else if (const auto first = seen.constFind(name); first != seen.cend()) {
            addError(where, tr("'%1' is already listed in %2 at %3").arg(shown(name), subject, first->toString()));
        } else {
            seen.insert(name, where);
            out.append({name, where});
        }
    }
    return out;
}

void Parser::unknownKey(const Entry &entry, const QList<QLatin1StringView> &known, const QString &owner)
{
    const SourceLocation where = locationOf(entry.keyNode);
    const QString closest = closestMatch(entry.key, known);
    if (!closest.isEmpty()) {
        addError(where, tr("unknown key '%1'; did you mean '%2'?").arg(shown(entry.key), closest));
        return;
    }
    QStringList names;
    for (QLatin1StringView candidate : known)
        names.append(candidate);
    addError(where, tr("unknown key '%1'; %2 accepts: %3").arg(shown(entry.key), owner, names.join(", "_L1)));
}

// `what` is a sentence with %1 for the name, e.g. "there is no service '%1' in this workspace".
void Parser::unknownReference(const Reference &reference, const QString &what, const QStringList &known)
{
    const QString closest = closestMatch(reference.name, known);
    if (closest.isEmpty())
        addError(reference.location, what.arg(shown(reference.name)));
    else
        addError(reference.location, tr("%1; did you mean '%2'?").arg(what.arg(shown(reference.name)), closest));
}

QString Parser::probeNoun(ProbeKind kind) const
{
    switch (kind) {
    case ProbeKind::Http:
        return tr("an http probe");
    case ProbeKind::Tcp:
        return tr("a tcp probe");
    case ProbeKind::Tls:
        return tr("a tls probe");
    case ProbeKind::Dns:
        return tr("a dns probe");
    case ProbeKind::Statuspage:
        return tr("a statuspage probe");
    case ProbeKind::KindCount:
        break;
    }
    return tr("a probe");
}

// "tcp", "http and tls", "http, tls and statuspage".
QString Parser::kindList(unsigned kinds) const
{
    QStringList names;
    for (int kind = 0; kind < probeKindCount; ++kind) {
        if (kinds & kindBit(ProbeKind(kind)))
            names.append(probeKeys[kind].name);
    }
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return tr("%1 and %2").arg(names.join(", "_L1), last);
}

std::optional<Workspace> Parser::readWorkspace(const YAML::Node &root)
{
    if (!expectType(root, Expected::Mapping, tr("the top of a workspace file")))
        return std::nullopt;
    Workspace workspace;
    workspace.filePath = m_file;
    QList<QList<Reference>> dependencies; // parallel to workspace.services
    bool hasName = false;
    bool hasServices = false;
    for (const Entry &entry : entries(root)) {
        if (entry.key == "name"_L1) {
            hasName = true;
            if (const auto name = nonEmptyText(entry))
                workspace.name = *name;
        } else if (entry.key == "services"_L1) {
            hasServices = true;
            const QList<YAML::Node> services = items(entry.value, tr("'services'"));
            if (services.isEmpty() && entry.value.IsSequence())
                addError(locationOf(entry.value), tr("'services' is empty; add at least one service"));
            for (const YAML::Node &node : services) {
                QList<Reference> dependsOn;
                if (auto service = readService(node, dependsOn)) {
                    workspace.services.append(std::move(*service));
                    dependencies.append(std::move(dependsOn));
                }
            }
        } else if (entry.key == "maintenance"_L1) {
            for (const YAML::Node &node : items(entry.value, tr("'maintenance'"))) {
                if (auto window = readMaintenance(node))
                    workspace.maintenance.append(std::move(*window));
            }
        } else {
            unknownKey(entry, workspaceKeys, tr("the top level"));
        }
    }
    const SourceLocation where = locationOf(root);
    if (!hasName)
        addError(where, tr("the workspace has no 'name'; add one, for example: name: ACME production"));
    if (!hasServices)
        addError(where, tr("the workspace has no 'services'; add a sequence of services, each with an id and probes"));
    checkReferences(workspace, dependencies);
    return workspace;
}

std::optional<Service> Parser::readService(const YAML::Node &node, QList<Reference> &dependencies)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'services'")))
        return std::nullopt;
    Service service;
    service.location = locationOf(node);
    bool hasId = false;
    bool hasProbes = false;
    for (const Entry &entry : entries(node)) {
        if (entry.key == "id"_L1) {
            hasId = true;
            const auto id = scalar(entry);
            if (!id)
                continue;
            const SourceLocation where = locationOf(entry.value);
            if (!isValidServiceId(*id)) {
                addError(where, tr("'%1' is not a valid service id; use lower-case letters, digits, '-' and '_', "
                                   "starting with a letter or digit")
                                    .arg(shown(*id)));
            } else if (const auto first = m_serviceIds.constFind(*id); first != m_serviceIds.cend()) {
                addError(where, tr("duplicate service id '%1' (first defined at %2)").arg(*id, first->toString()));
            } else {
                m_serviceIds.insert(*id, where);
                service.id = *id;
            }
        } else if (entry.key == "name"_L1) {
            if (const auto name = nonEmptyText(entry))
                service.name = *name;
        } else if (entry.key == "group"_L1) {
            if (const auto group = nonEmptyText(entry))
                service.group = *group;
        } else if (entry.key == "depends_on"_L1) {
            // Checked once every service is read: a service may depend on one defined further down.
            dependencies = names(entry, true);
            for (const Reference &reference : std::as_const(dependencies))
                service.dependsOn.append(reference.name);
        } else if (entry.key == "probes"_L1) {
            hasProbes = true;
            const QList<YAML::Node> probes = items(entry.value, tr("'probes'"));
            if (probes.isEmpty() && entry.value.IsSequence())
                addError(locationOf(entry.value), tr("'probes' is empty; add at least one probe (http, tcp, tls, dns "
                                                     "or statuspage)"));
            for (const YAML::Node &probeNode : probes) {
                if (auto probe = readProbe(probeNode))
                    service.probes.append(std::move(*probe));
            }
        } else {
            unknownKey(entry, serviceKeys, tr("a service"));
        }
    }
    if (!hasId)
        addError(service.location, tr("this service has no 'id'; add one, for example: id: portal"));
    if (!hasProbes)
        addError(service.location, tr("this service has no 'probes'; add a sequence with at least one probe (http, "
                                      "tcp, tls, dns or statuspage)"));
    if (service.name.isEmpty())
        service.name = service.id;
    if (service.group.isEmpty())
        service.group = tr("Services");
    return service;
}

std::optional<ProbeSpec> Parser::readProbe(const YAML::Node &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'probes'")))
        return std::nullopt;
    ProbeSpec probe;
    probe.location = locationOf(node);
    const QList<Entry> all = entries(node);

    // The target decides which of the other keys apply, so it is found first.
    const Entry *target = nullptr;
    for (const Entry &entry : all) {
        const int kind = targetKind(entry.key);
        if (kind < 0)
            continue;
        if (target) {
            addError(locationOf(entry.keyNode), tr("a probe has exactly one target; this one already has '%1' at %2")
                                                    .arg(target->key, locationOf(target->keyNode).toString()));
            continue;
        }
        target = &entry;
        probe.kind = ProbeKind(kind);
    }
    if (!target) {
        addError(probe.location, tr("this probe has no target; add one of 'http: URL', 'tcp: HOST:PORT', "
                                    "'tls: HOST:PORT', 'dns: NAME' or 'statuspage: URL'"));
    }
    // Without a target every key is read, so that its own errors still show.
    const unsigned kinds = target ? kindBit(probe.kind) : everyKind;

    std::optional<std::chrono::milliseconds> interval;
    std::optional<std::chrono::milliseconds> timeout;
    std::optional<Entry> timeoutEntry;
    std::optional<Entry> maxLatencyEntry;
    std::optional<Entry> warnDaysEntry;
    std::optional<Entry> criticalDaysEntry;

    for (const Entry &entry : all) {
        if (targetKind(entry.key) >= 0) { // a second target was reported above
            if (&entry == target)
                readTarget(entry, probe);
            continue;
        }
        const ProbeKey *key = findProbeKey(entry.key);
        if (!key) {
            unknownKey(entry, probeKeysFor(kinds), target ? probeNoun(probe.kind) : tr("a probe"));
            continue;
        }
        if (!(key->kinds & kinds)) {
            addError(locationOf(entry.keyNode), tr("'%1' applies to %2 probes only; this is %3")
                                                    .arg(entry.key, kindList(key->kinds), probeNoun(probe.kind)));
            continue;
        }
        if (entry.key == "interval"_L1) {
            interval = duration(entry, longestInterval);
        } else if (entry.key == "timeout"_L1) {
            timeout = duration(entry, longestInterval);
            timeoutEntry = entry;
        } else if (entry.key == "conditions"_L1) {
            readConditions(entry.value, probe);
        } else if (entry.key == "down_after"_L1) {
            probe.downAfter = boundedInt(entry, 1, largestHysteresis).value_or(probe.downAfter);
        } else if (entry.key == "up_after"_L1) {
            probe.upAfter = boundedInt(entry, 1, largestHysteresis).value_or(probe.upAfter);
        } else if (entry.key == "method"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            const QString method = text->trimmed().toUpper();
            if (httpMethods.contains(method)) {
                probe.method = method.toLatin1();
            } else {
                addError(locationOf(entry.value), tr("'%1' is not an HTTP method Vigie sends; expected GET, HEAD, "
                                                     "POST, PUT, PATCH, DELETE or OPTIONS")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "headers"_L1) {
            readHeaders(entry.value, probe);
        } else if (entry.key == "body"_L1) {
            if (const auto text = scalar(entry))
                probe.body = text->toUtf8();
        } else if (entry.key == "auth"_L1) {
            readAuth(entry.value, probe);
        } else if (entry.key == "http_version"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            const QString version = text->trimmed();
            if (version == "1.1"_L1) {
                probe.httpVersion = HttpVersion::Http1_1;
            } else if (version == "2"_L1) {
                probe.httpVersion = HttpVersion::Http2;
            } else if (version == "3"_L1) {
                probe.httpVersion = HttpVersion::Http3;
            } else {
                addError(locationOf(entry.value),
                         tr("'%1' is not an HTTP version; expected 1.1, 2 or 3").arg(shown(*text)));
            }
        } else if (entry.key == "expect"_L1) {
            if (expectType(entry.value, Expected::Mapping, tr("'expect'")))
                readExpect(entry.value, probe, maxLatencyEntry);
        } else if (entry.key == "max_redirects"_L1) {
            probe.maxRedirects = boundedInt(entry, 0, largestMaxRedirects).value_or(probe.maxRedirects);
        } else if (entry.key == "max_body"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            const auto value = parseSize(*text);
            if (value && *value > 0 && *value <= largestMaxBody) {
                probe.maxBodyBytes = *value;
            } else {
                addError(locationOf(entry.value), tr("'%1' is not a valid max_body; expected a size from 1 byte to "
                                                     "64MiB, in bytes or with a unit: B, KB, MB, KiB, MiB (for "
                                                     "example 512KiB)")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "ca_file"_L1) {
            readCaFile(entry, probe);
        } else if (entry.key == "insecure"_L1) {
            readInsecure(entry, probe);
        } else if (entry.key == "expect_banner"_L1) {
            if (const auto text = pattern(entry.value, u'\'' + entry.key + u'\''))
                probe.expectBanner = *text;
        } else if (entry.key == "steps"_L1) {
            readSteps(entry.value, probe);
        } else if (entry.key == "server_name"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (isValidHostName(text->trimmed(), false)) {
                probe.serverName = text->trimmed();
            } else {
                addError(locationOf(entry.value), tr("'%1' is not a host name; server_name is the name the "
                                                     "certificate must hold, for example portal.example.org")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "warn_days"_L1) {
            warnDaysEntry = entry;
            probe.warnDays = boundedInt(entry, 1, largestCertificateDays).value_or(probe.warnDays);
        } else if (entry.key == "critical_days"_L1) {
            criticalDaysEntry = entry;
            probe.criticalDays = boundedInt(entry, 0, largestCertificateDays).value_or(probe.criticalDays);
        } else if (entry.key == "record"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            const qsizetype type = dnsRecordTypes.indexOf(text->trimmed().toUpper());
            if (type >= 0) {
                probe.recordType = DnsRecordType(type);
            } else {
                addError(locationOf(entry.value), tr("'%1' is not a DNS record type Vigie asks for; expected A, "
                                                     "AAAA, CNAME, MX, TXT, NS or SRV")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "server"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (isValidDnsServer(text->trimmed())) {
                probe.dnsServer = text->trimmed();
            } else {
                addError(locationOf(entry.value),
                         tr("'%1' is not a DNS server address; expected an IP address, optionally with a port: "
                            "192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or \"[2001:db8::53]:53\"")
                             .arg(shown(*text)));
            }
        } else if (entry.key == "expect_values"_L1) {
            for (const Reference &value : names(entry, false))
                probe.expectValues.append(value.name);
        } else if (entry.key == "expect_matches"_L1) {
            if (const auto text = pattern(entry.value, u'\'' + entry.key + u'\''))
                probe.expectMatches = *text;
        } else if (entry.key == "components"_L1) {
            for (const Reference &component : names(entry, false))
                probe.components.append(component.name);
        }
    }

    if (interval)
        probe.interval = *interval;
    probe.timeout = timeout ? *timeout : std::min(probe.timeout, probe.interval);
    if (timeout && interval && *timeout > *interval) {
        addError(locationOf(timeoutEntry->value), tr("timeout %1 is longer than interval %2; a probe must finish "
                                                     "before the next one starts")
                                                      .arg(formatDuration(*timeout), formatDuration(*interval)));
    } else if (timeout && !interval && *timeout > probe.interval) {
        addError(locationOf(timeoutEntry->value), tr("timeout %1 is longer than the default interval %2; a probe "
                                                     "must finish before the next one starts")
                                                      .arg(formatDuration(*timeout), formatDuration(probe.interval)));
    }
    if (probe.maxLatency && *probe.maxLatency > probe.timeout) {
        addError(locationOf(maxLatencyEntry->value),
                 tr("max_latency %1 is longer than the timeout %2; the probe would time out before it could be "
                    "called slow")
                     .arg(formatDuration(*probe.maxLatency), formatDuration(probe.timeout)));
    }
    if (probe.criticalDays >= probe.warnDays) {
        if (criticalDaysEntry) {
            addError(locationOf(criticalDaysEntry->value),
                     tr("critical_days %1 should be below warn_days %2: a certificate near its expiry is first "
                        "degraded, then down")
                         .arg(QString::number(probe.criticalDays), QString::number(probe.warnDays)));
        } else if (warnDaysEntry) {
            addError(locationOf(warnDaysEntry->value),
                     tr("warn_days %1 should be above critical_days, which is %2 by default; raise warn_days or "
                        "set critical_days lower")
                         .arg(QString::number(probe.warnDays), QString::number(probe.criticalDays)));
        }
    }
    return probe;
}

void Parser::readTarget(const Entry &entry, ProbeSpec &probe)
{
    const auto text = scalar(entry);
    if (!text)
        return;
    const QString trimmed = text->trimmed();
    const SourceLocation where = locationOf(entry.value);
    switch (probe.kind) {
    case ProbeKind::Http:
        if (isValidHttpTarget(trimmed)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not an http target; expected a URL that starts with http:// or https:// and "
                           "names a host")
                            .arg(shown(*text)));
        return;
    case ProbeKind::Statuspage:
        if (isValidHttpTarget(trimmed)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not a statuspage target; expected the address of the provider's status page, a "
                           "URL that starts with http:// or https://, for example https://www.githubstatus.com")
                            .arg(shown(*text)));
        return;
    case ProbeKind::Tcp:
        if (isValidTcpTarget(trimmed)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not a tcp target; expected HOST:PORT with a port from 1 to 65535, for example "
                           "mail.example.org:25 (an IPv6 address goes in brackets and quotes: \"[::1]:25\")")
                            .arg(shown(*text)));
        return;
    case ProbeKind::Tls:
        if (isValidTcpTarget(trimmed)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not a tls target; expected HOST:PORT with a port from 1 to 65535, for example "
                           "portal.example.org:443 (an IPv6 address goes in brackets and quotes: \"[::1]:443\")")
                            .arg(shown(*text)));
        return;
    case ProbeKind::Dns:
        if (isValidHostName(trimmed, true)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not a dns target; expected a host name to look up, for example www.example.org")
                            .arg(shown(*text)));
        return;
    case ProbeKind::KindCount:
        break;
    }
}

void Parser::readExpect(const YAML::Node &node, ProbeSpec &probe, std::optional<Entry> &maxLatency)
{
    for (const Entry &entry : entries(node)) {
        if (entry.key == "status"_L1) {
            readStatus(entry.value, probe);
        } else if (entry.key == "body_contains"_L1) {
            if (const auto text = nonEmptyText(entry))
                probe.expectBodyContains = *text;
        } else if (entry.key == "max_latency"_L1) {
            probe.maxLatency = duration(entry, longestInterval);
            maxLatency = entry;
        } else {
            unknownKey(entry, expectKeys, tr("'expect'"));
        }
    }
}

void Parser::readStatus(const YAML::Node &node, ProbeSpec &probe)
{
    QList<YAML::Node> codes;
    if (node.IsScalar()) {
        codes.append(node);
    } else if (node.IsSequence()) {
        codes = items(node, tr("'status'"));
        if (codes.isEmpty()) {
            addError(locationOf(node), tr("'status' is empty; give at least one status, for example 200"));
            return;
        }
    } else {
        addError(locationOf(node),
                 tr("'status' should be a status or a sequence of them, found %1").arg(describe(node)));
        return;
    }
    QList<StatusRange> ranges;
    bool valid = true;
    for (const YAML::Node &code : codes) {
        const std::optional<StatusRange> range =
            code.IsScalar() ? parseStatus(QString::fromStdString(code.Scalar()).trimmed()) : std::nullopt;
        if (range) {
            ranges.append(*range);
            continue;
        }
        valid = false;
        addError(locationOf(code), tr("%1 is not an HTTP status; expected a code from 100 to 599 (200), a class "
                                      "(2xx) or a range (200-299)")
                                       .arg(describe(code)));
    }
    if (valid)
        probe.expectStatus = ranges;
}

void Parser::readConditions(const YAML::Node &node, ProbeSpec &probe)
{
    for (const YAML::Node &item : items(node, tr("'conditions'"))) {
        YAML::Node text = item;
        bool warning = false;
        if (item.IsMap()) {
            const QList<Entry> keys = entries(item);
            const Entry *warn = nullptr;
            for (const Entry &entry : keys) {
                if (entry.key == "warn"_L1)
                    warn = &entry;
                else
                    unknownKey(entry, conditionKeys, tr("a condition"));
            }
            if (!warn) {
                if (keys.isEmpty())
                    addError(locationOf(item), tr("an empty condition; write it as text, or as warn: text for one "
                                                  "that only degrades"));
                continue;
            }
            text = warn->value;
            warning = true;
        } else if (!item.IsScalar()) {
            addError(locationOf(item), tr("each item of 'conditions' should be a condition such as "
                                          "'[STATUS] == 200', or warn: and a condition, found %1")
                                           .arg(describe(item)));
            continue;
        }
        if (!expectType(text, Expected::Scalar, tr("'warn'")))
            continue;
        const QString condition = QString::fromStdString(text.Scalar());
        if (condition.trimmed().isEmpty()) {
            addError(locationOf(text), tr("an empty condition; write one such as [STATUS] == 200"));
            continue;
        }
        auto parsed = Condition::parse(condition, warning);
        if (parsed) {
            probe.conditions.append(std::move(*parsed));
        } else {
            addError(locationInScalar(text, parsed.error().column),
                     tr("invalid condition '%1': %2").arg(shown(condition), parsed.error().message));
        }
    }
}

void Parser::readHeaders(const YAML::Node &node, ProbeSpec &probe)
{
    if (!expectType(node, Expected::Mapping, tr("'headers'")))
        return;
    for (const Entry &entry : entries(node)) {
        const SourceLocation where = locationOf(entry.keyNode);
        if (entry.key.compare("Authorization"_L1, Qt::CaseInsensitive) == 0) {
            addError(where, tr("an Authorization header would keep a secret in the workspace file; use 'auth' "
                               "instead, with the name of a secret stored in the system keychain"));
            continue;
        }
        if (!isHttpToken(entry.key)) {
            addError(where, tr("'%1' is not a valid header name; use letters, digits and '-', for example "
                               "X-Request-Id")
                                .arg(shown(entry.key)));
            continue;
        }
        const auto value = scalar(entry);
        if (!value)
            continue;
        if (value->contains(u'\r') || value->contains(u'\n') || value->contains(QChar(0))) {
            addError(locationOf(entry.value),
                     tr("the value of header '%1' holds a line break; a header value is a single line").arg(entry.key));
            continue;
        }
        probe.headers.append({entry.key.toLatin1(), value->toUtf8()});
    }
}

void Parser::readAuth(const YAML::Node &node, ProbeSpec &probe)
{
    if (!expectType(node, Expected::Mapping, tr("'auth'")))
        return;
    HttpAuth auth;
    bool hasType = false;
    bool hasSecret = false;
    std::optional<Entry> username;
    for (const Entry &entry : entries(node)) {
        if (entry.key == "type"_L1) {
            hasType = true;
            const auto text = scalar(entry);
            if (!text)
                continue;
            const QString type = text->trimmed().toLower();
            if (type == "basic"_L1) {
                auth.type = HttpAuthType::Basic;
            } else if (type == "bearer"_L1) {
                auth.type = HttpAuthType::Bearer;
            } else {
                addError(locationOf(entry.value),
                         tr("'%1' is not an authentication type; expected basic or bearer").arg(shown(*text)));
            }
        } else if (entry.key == "username"_L1) {
            username = entry;
            if (const auto text = nonEmptyText(entry))
                auth.username = *text;
        } else if (entry.key == "secret"_L1) {
            hasSecret = true;
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (isValidSecretName(text->trimmed())) {
                auth.secretName = text->trimmed();
            } else {
                addError(locationOf(entry.value),
                         tr("'%1' is not a secret name; 'secret' names a secret stored in the system keychain, "
                            "with letters, digits, '.', '_' and '-' (for example portal-api-token), and never holds "
                            "the secret itself")
                             .arg(shown(*text)));
            }
        } else if (entry.key == "password"_L1 || entry.key == "token"_L1) {
            addError(locationOf(entry.keyNode),
                     tr("'%1' would keep a secret in the workspace file; store it in the system keychain and give "
                        "its name with 'secret'")
                         .arg(entry.key));
        } else {
            unknownKey(entry, authKeys, tr("'auth'"));
        }
    }
    const SourceLocation where = locationOf(node);
    if (!hasType)
        addError(where, tr("'auth' has no 'type'; add type: basic or type: bearer"));
    if (!hasSecret)
        addError(where, tr("'auth' has no 'secret'; name the secret stored in the system keychain, for example "
                           "secret: portal-password"));
    if (auth.type == HttpAuthType::Basic && !username)
        addError(where, tr("basic authentication needs a 'username'"));
    if (auth.type == HttpAuthType::Bearer && username)
        addError(locationOf(username->keyNode),
                 tr("a bearer token goes without a username; remove 'username', or use type: basic"));
    probe.auth = auth;
}

void Parser::readSteps(const YAML::Node &node, ProbeSpec &probe)
{
    const QList<YAML::Node> steps = items(node, tr("'steps'"));
    if (steps.isEmpty() && node.IsSequence()) {
        addError(locationOf(node), tr("'steps' is empty; add send: and expect: steps, or remove it"));
        return;
    }
    for (const YAML::Node &item : steps) {
        if (!expectType(item, Expected::Mapping, tr("each item of 'steps'")))
            continue;
        const QList<Entry> keys = entries(item);
        if (keys.isEmpty()) {
            addError(locationOf(item), tr("an empty step; write send: TEXT or expect: PATTERN"));
            continue;
        }
        for (qsizetype i = 1; i < keys.size(); ++i) {
            addError(locationOf(keys[i].keyNode), tr("a step does one thing, send: or expect:; start a new item "
                                                     "with '- ' for this '%1'")
                                                      .arg(shown(keys[i].key)));
        }
        const Entry &entry = keys.first();
        TcpStep step;
        step.location = locationOf(entry.keyNode);
        if (entry.key == "send"_L1) {
            const auto text = nonEmptyText(entry);
            if (!text)
                continue;
            step.kind = TcpStep::Kind::Send;
            step.send = text->toUtf8();
        } else if (entry.key == "expect"_L1) {
            const auto text = pattern(entry.value, tr("'expect'"));
            if (!text)
                continue;
            step.kind = TcpStep::Kind::Expect;
            step.expectPattern = *text;
        } else {
            unknownKey(entry, stepKeys, tr("a step"));
            continue;
        }
        probe.steps.append(std::move(step));
    }
}

void Parser::readCaFile(const Entry &entry, ProbeSpec &probe)
{
    const auto text = nonEmptyText(entry);
    if (!text)
        return;
    // Relative to the workspace, not to wherever Vigie was started, so that the pair moves together.
    const QString path = QDir::cleanPath(QFileInfo(m_file).absoluteDir().filePath(text->trimmed()));
    const QFileInfo info(path);
    const SourceLocation where = locationOf(entry.value);
    if (!info.exists())
        addError(
            where,
            tr("the CA file %1 does not exist (ca_file is read relative to the workspace file's folder)").arg(path));
    else if (!info.isFile())
        addError(where, tr("the CA file %1 is not a file").arg(path));
    else if (!info.isReadable())
        addError(where, tr("the CA file %1 cannot be read: permission denied").arg(path));
    else
        probe.caFile = path;
}

void Parser::readInsecure(const Entry &entry, ProbeSpec &probe)
{
    // A reason, not a switch: the tile shows it, so that nobody forgets why verification is off.
    static const QStringList switches{u"true"_s, u"false"_s, u"yes"_s, u"no"_s, u"on"_s, u"off"_s};
    const QString reason = entry.value.IsScalar() ? QString::fromStdString(entry.value.Scalar()).trimmed() : QString();
    if (entry.value.IsScalar() && !reason.isEmpty() && !switches.contains(reason, Qt::CaseInsensitive)) {
        probe.insecureReason = reason;
        return;
    }
    if (!entry.value.IsScalar() && !entry.value.IsNull()) {
        scalar(entry);
        return;
    }
    addError(entry.value.IsNull() ? locationOf(entry.keyNode) : locationOf(entry.value),
             tr("'insecure' turns TLS verification off and takes the reason, which the tile shows; write it, for "
                "example insecure: \"self-signed certificate of the lab\", or remove the key to keep verification "
                "on"));
}

std::optional<MaintenanceWindow> Parser::readMaintenance(const YAML::Node &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'maintenance'")))
        return std::nullopt;
    MaintenanceWindow window;
    window.location = locationOf(node);
    bool hasName = false;
    bool hasAt = false;
    bool hasDuration = false;
    std::optional<Entry> when; // date or every, whichever came first
    for (const Entry &entry : entries(node)) {
        if (entry.key == "name"_L1) {
            hasName = true;
            if (const auto name = nonEmptyText(entry))
                window.name = *name;
        } else if (entry.key == "services"_L1) {
            for (const Reference &reference : names(entry, true)) {
                window.services.append(reference.name);
                m_maintenanceServices.append(reference);
            }
        } else if (entry.key == "groups"_L1) {
            for (const Reference &reference : names(entry, true)) {
                window.groups.append(reference.name);
                m_maintenanceGroups.append(reference);
            }
        } else if (entry.key == "timezone"_L1) {
            const auto text = nonEmptyText(entry);
            if (!text)
                continue;
            const QByteArray id = text->trimmed().toUtf8();
            auto known = m_timeZones.constFind(id);
            if (known == m_timeZones.cend())
                known = m_timeZones.insert(id, QTimeZone::isTimeZoneIdAvailable(id));
            if (*known) {
                window.timeZone = id;
                continue;
            }
            QStringList zones;
            for (const QByteArray &zone : QTimeZone::availableTimeZoneIds())
                zones.append(QString::fromUtf8(zone));
            unknownReference({text->trimmed(), locationOf(entry.value)},
                             tr("'%1' is not a time zone this system knows; expected an IANA id such as "
                                "Europe/Paris or UTC"),
                             zones);
        } else if (entry.key == "date"_L1 || entry.key == "every"_L1) {
            if (when) {
                addError(locationOf(entry.keyNode),
                         tr("a maintenance window happens either once (date) or again and again (every), not both; "
                            "this one already has '%1' at %2")
                             .arg(when->key, locationOf(when->keyNode).toString()));
                continue;
            }
            when = entry;
            if (entry.key == "every"_L1) {
                readEvery(entry, window);
                continue;
            }
            const auto text = scalar(entry);
            if (!text)
                continue;
            const QDate date = QDate::fromString(text->trimmed(), u"yyyy-MM-dd"_s);
            if (date.isValid() && text->trimmed().size() == 10) {
                window.date = date;
            } else {
                addError(locationOf(entry.value),
                         tr("'%1' is not a date; expected YYYY-MM-DD, for example 2026-12-24").arg(shown(*text)));
            }
        } else if (entry.key == "at"_L1) {
            hasAt = true;
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (const auto at = parseTimeOfDay(text->trimmed())) {
                window.at = *at;
            } else {
                addError(locationOf(entry.value), tr("'%1' is not a time of day; expected HH:MM on a 24-hour clock, "
                                                     "for example 02:30")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "duration"_L1) {
            hasDuration = true;
            if (const auto value = duration(entry, longestMaintenance))
                window.duration = *value;
        } else {
            unknownKey(entry, maintenanceKeys, tr("a maintenance window"));
        }
    }
    if (!hasName)
        addError(window.location, tr("this maintenance window has no 'name'; add one, for example: name: Database "
                                     "upgrade"));
    if (!when)
        addError(window.location, tr("this maintenance window says neither when it happens once (date: 2026-12-24) "
                                     "nor when it recurs (every: sunday); add one of them"));
    if (!hasAt)
        addError(window.location, tr("this maintenance window has no 'at'; add its local start time, for example: "
                                     "at: \"02:30\""));
    if (!hasDuration)
        addError(window.location, tr("this maintenance window has no 'duration'; add one, for example: duration: "
                                     "2h"));
    return window;
}

void Parser::readEvery(const Entry &entry, MaintenanceWindow &window)
{
    const auto weekday = [](const YAML::Node &node) {
        return int(weekdayNames.indexOf(QString::fromStdString(node.Scalar()).trimmed().toLower())) + 1;
    };
    const QString expected = tr("expected day, a weekday name (monday to sunday) or a sequence of weekday names");
    if (entry.value.IsScalar()) {
        const QString text = QString::fromStdString(entry.value.Scalar()).trimmed();
        if (text.compare("day"_L1, Qt::CaseInsensitive) == 0)
            return;
        if (const int day = weekday(entry.value); day > 0)
            window.weekdays = {day};
        else
            addError(locationOf(entry.value), tr("'%1' is not a day; %2").arg(shown(text), expected));
        return;
    }
    if (!entry.value.IsSequence()) {
        addError(
            locationOf(entry.value),
            tr("'every' should be a day or a sequence of days; %1, found %2").arg(expected, describe(entry.value)));
        return;
    }
    const QList<YAML::Node> days = items(entry.value, tr("'every'"));
    if (days.isEmpty()) {
        addError(locationOf(entry.value), tr("'every' is empty; %1").arg(expected));
        return;
    }
    QList<int> weekdays;
    for (const YAML::Node &node : days) {
        if (!expectType(node, Expected::Scalar, tr("each item of 'every'")))
            continue;
        const QString text = QString::fromStdString(node.Scalar()).trimmed();
        const int day = weekday(node);
        if (day == 0)
            addError(locationOf(node), tr("'%1' is not a weekday; expected monday, tuesday, wednesday, thursday, "
                                          "friday, saturday or sunday")
                                           .arg(shown(text)));
        else if (weekdays.contains(day))
            addError(locationOf(node), tr("'%1' is listed twice in 'every'").arg(shown(text)));
        else
            weekdays.append(day);
    }
    std::sort(weekdays.begin(), weekdays.end());
    window.weekdays = weekdays;
}

void Parser::checkReferences(const Workspace &workspace, const QList<QList<Reference>> &dependencies)
{
    const QStringList ids = m_serviceIds.keys();
    for (qsizetype i = 0; i < workspace.services.size(); ++i) {
        for (const Reference &reference : dependencies[i]) {
            if (!m_serviceIds.contains(reference.name))
                unknownReference(reference, tr("depends_on names '%1', which is not a service of this workspace"), ids);
        }
    }
    for (const Reference &reference : std::as_const(m_maintenanceServices)) {
        if (!m_serviceIds.contains(reference.name))
            unknownReference(reference, tr("there is no service '%1' in this workspace"), ids);
    }
    if (!m_maintenanceGroups.isEmpty()) {
        QStringList groups;
        for (const Service &service : workspace.services) {
            if (!groups.contains(service.group))
                groups.append(service.group);
        }
        for (const Reference &reference : std::as_const(m_maintenanceGroups)) {
            if (!groups.contains(reference.name))
                unknownReference(reference, tr("no service is in a group '%1'"), groups);
        }
    }
    checkDependencyCycles(workspace, dependencies);
}

// A depth-first walk over depends_on, in file order: an edge back to a service still on the path
// closes a cycle, reported at the entry that names it.
void Parser::checkDependencyCycles(const Workspace &workspace, const QList<QList<Reference>> &dependencies)
{
    const qsizetype count = workspace.services.size();
    QHash<QString, qsizetype> indexOf;
    indexOf.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        if (!workspace.services[i].id.isEmpty())
            indexOf.insert(workspace.services[i].id, i);
    }
    enum class Mark : quint8 { Unvisited, OnPath, Done };
    std::vector<Mark> marks(size_t(count), Mark::Unvisited);
    std::vector<std::pair<qsizetype, qsizetype>> path; // service, next dependency to follow
    for (qsizetype start = 0; start < count; ++start) {
        if (marks[size_t(start)] != Mark::Unvisited)
            continue;
        marks[size_t(start)] = Mark::OnPath;
        path.emplace_back(start, 0);
        while (!path.empty()) {
            auto &[service, next] = path.back();
            if (next == dependencies[service].size()) {
                marks[size_t(service)] = Mark::Done;
                path.pop_back();
                continue;
            }
            const Reference &reference = dependencies[service][next++];
            const auto target = indexOf.constFind(reference.name);
            if (target == indexOf.cend())
                continue;
            const qsizetype to = *target;
            if (marks[size_t(to)] == Mark::Unvisited) {
                marks[size_t(to)] = Mark::OnPath;
                path.emplace_back(to, 0);
            } else if (marks[size_t(to)] == Mark::OnPath) {
                QStringList cycle;
                auto from = std::find_if(path.begin(), path.end(), [&](const auto &step) { return step.first == to; });
                for (; from != path.end(); ++from)
                    cycle.append(workspace.services[from->first].id);
                cycle.append(reference.name);
                // A long chain is shown by its ends, which are enough to find it in the file.
                constexpr qsizetype longestShown = 8;
                if (cycle.size() > longestShown)
                    cycle = cycle.first(3) + QStringList{QString(QChar(0x2026))} + cycle.last(3);
                addError(reference.location, tr("depends_on makes a cycle: %1; a service cannot depend on itself, "
                                                "even through others")
                                                 .arg(cycle.join(u" \u2192 "_s)));
            }
        }
    }
}

std::expected<Workspace, QList<WorkspaceError>> Parser::run()
{
    const auto failed = [this] {
        std::stable_sort(m_errors.begin(), m_errors.end(), [](const WorkspaceError &a, const WorkspaceError &b) {
            return std::pair(a.location.line, a.location.column) < std::pair(b.location.line, b.location.column);
        });
        if (m_errors.size() > maxErrors) {
            const qsizetype hidden = m_errors.size() - maxErrors;
            const SourceLocation where = m_errors.at(maxErrors).location;
            m_errors.resize(maxErrors);
            m_errors.append({where, tr("and %n more problem(s) from here on, not shown", nullptr, int(hidden))});
        }
        return std::unexpected(m_errors);
    };

    if (m_text.size() > maxFileSize) {
        addError({m_file, 1, 1}, fileTooLargeMessage(m_text.size()));
        return failed();
    }
    // Editors hide a byte order mark, so positions are counted after it.
    if (m_text.startsWith("\xEF\xBB\xBF"))
        m_text.remove(0, 3);
    m_lineStarts.push_back(0);
    for (qsizetype i = 0; i < m_text.size(); ++i) {
        const char c = m_text.at(i);
        if (c == '\n' || (c == '\r' && (i + 1 == m_text.size() || m_text.at(i + 1) != '\n')))
            m_lineStarts.push_back(i + 1);
    }
    if (!checkEncoding() || !checkNesting())
        return failed();

    std::optional<Workspace> workspace;
    try {
        const std::string text = m_text.toStdString();
        // yaml-cpp 0.8's LoadAll() loops forever, allocating, when a document consumes no token (a
        // stray ',' or ']' where a document starts; jbeder/yaml-cpp#1040). So documents are counted
        // with the event parser, stopping at a start that did not move, and only the first is loaded.
        std::istringstream stream(text);
        YAML::Parser events(stream);
        DocumentStarts starts;
        while (starts.marks.size() < 3 && events.HandleNextDocument(starts)) {
            const std::vector<YAML::Mark> &marks = starts.marks;
            if (marks.size() >= 2 && marks[marks.size() - 1].pos == marks[marks.size() - 2].pos) {
                const qsizetype at = marks.back().pos;
                addError(locationAt(at),
                         at < m_text.size()
                             ? tr("invalid YAML: unexpected '%1' here").arg(QChar::fromLatin1(m_text[at]))
                             : tr("invalid YAML: unexpected end of the file"));
                return failed();
            }
        }
        const YAML::Node root = starts.marks.empty() ? YAML::Node() : YAML::Load(text);
        if (root.IsNull()) {
            addError({m_file, 1, 1}, tr("the workspace file is empty; expected a mapping with 'name' and 'services'"));
            return failed();
        }
        if (starts.marks.size() > 1) {
            addError(locationOf(starts.marks[1]), tr("a workspace file holds one YAML document; a second one starts "
                                                     "here"));
        }
        workspace = readWorkspace(root);
    } catch (const YAML::Exception &e) {
        addSyntaxError(e.mark, e.msg);
    } catch (const std::exception &e) {
        addError({m_file, 1, 1}, tr("could not read the YAML document: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    if (!m_errors.isEmpty() || !workspace)
        return failed();
    return std::move(*workspace);
}

} // namespace

std::expected<Workspace, QList<WorkspaceError>> WorkspaceLoader::loadFile(const QString &path)
{
    const auto failed = [&](const QString &message) {
        return std::unexpected(QList<WorkspaceError>{{SourceLocation{path, 1, 1}, message}});
    };
    const QFileInfo info(path);
    if (info.isDir())
        return failed(Parser::tr("cannot read the workspace file: it is a directory"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(Parser::tr("cannot read the workspace file: %1").arg(file.errorString()));
    if (file.size() > maxFileSize)
        return failed(Parser::fileTooLargeMessage(file.size()));
    // A size of 0 can hide a larger stream (a pipe, a /proc file): read one byte past the limit.
    const QByteArray data = file.read(maxFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return failed(Parser::tr("cannot read the workspace file: %1").arg(file.errorString()));
    if (data.size() > maxFileSize)
        return failed(Parser::fileTooLargeMessage(data.size()));
    auto workspace = parse(data, path);
    if (workspace)
        workspace->filePath = info.absoluteFilePath();
    return workspace;
}

std::expected<Workspace, QList<WorkspaceError>> WorkspaceLoader::parse(const QByteArray &yaml, const QString &fileName)
{
    try {
        return Parser(yaml, fileName).run();
    } catch (const std::exception &e) {
        return std::unexpected(QList<WorkspaceError>{
            {SourceLocation{fileName, 1, 1},
             Parser::tr("could not read the workspace: %1").arg(QString::fromLocal8Bit(e.what()))}});
    }
}

} // namespace Vigie
