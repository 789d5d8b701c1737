#pragma once

#include "condition.h"
#include "core/sourcelocation.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QTime>

#include <chrono>
#include <optional>
#include <utility>

namespace Vigie {

using namespace std::chrono_literals;

// In the order of ProbeEngine's probers: keep KindCount last.
enum class ProbeKind { Http, Tcp, Tls, Dns, Statuspage, KindCount };
constexpr int probeKindCount = int(ProbeKind::KindCount);

// An inclusive range of HTTP status codes; a single code is a range of one.
struct StatusRange
{
    int from = 200;
    int to = 399;
    bool contains(int status) const { return status >= from && status <= to; }
    friend bool operator==(const StatusRange &, const StatusRange &) = default;
};

enum class HttpVersion { Default, Http1_1, Http2, Http3 }; // Default: libcurl's choice (HTTP/2 over TLS when offered)
enum class HttpAuthType { None, Basic, Bearer };

// The secret is named, never written: `secretName` is looked up in the OS keychain at run time.
struct HttpAuth
{
    HttpAuthType type = HttpAuthType::None;
    QString username;   // basic only
    QString secretName; // the password (basic) or the token (bearer)
    friend bool operator==(const HttpAuth &, const HttpAuth &) = default;
};

// One step of a TCP conversation: send bytes, or wait for a line matching a regular expression.
struct TcpStep
{
    enum class Kind { Send, Expect };
    Kind kind = Kind::Send;
    QByteArray send;       // Send: sent as is (the workspace writes \r\n where the protocol wants it)
    QString expectPattern; // Expect: a Perl regular expression a line must match
    SourceLocation location;
    friend bool operator==(const TcpStep &, const TcpStep &) = default;
};

enum class DnsRecordType { A, AAAA, CNAME, MX, TXT, NS, SRV };

struct ProbeSpec
{
    ProbeKind kind = ProbeKind::Http;
    // http/statuspage: an http(s) URL; tcp/tls: host:port; dns: the name to look up.
    QString target;
    std::chrono::milliseconds interval = 60s;
    std::chrono::milliseconds timeout = 10s; // a hard deadline for the whole probe

    // Gatus-style conditions, for every kind; each failing critical one fails the probe (down),
    // each failing warning one marks it degraded.
    QList<Condition> conditions;
    // Hysteresis: consecutive results needed to move to a worse state, and back to a better one.
    int downAfter = 3;
    int upAfter = 2;

    // HTTP
    QByteArray method = "GET";
    QList<std::pair<QByteArray, QByteArray>> headers; // in the order written
    QByteArray body;                                  // the request body, sent as written
    HttpAuth auth;
    HttpVersion httpVersion = HttpVersion::Default;
    QList<StatusRange> expectStatus = {StatusRange{200, 399}};
    QString expectBodyContains;                          // empty: no body check
    std::optional<std::chrono::milliseconds> maxLatency; // slower: degraded
    int maxRedirects = 10;
    qint64 maxBodyBytes = 1024 * 1024; // a larger body fails the probe

    // HTTP, TLS and status pages
    QString caFile; // a PEM file of CA certificates to trust instead of the system's; empty: system
    // Non-empty only when the workspace switches TLS verification off, in its own words
    // (`insecure: "self-signed lab certificate"`): the tile shows this text.
    QString insecureReason;

    // TCP
    QString expectBanner; // a regular expression the first line must match; empty: connect only
    QList<TcpStep> steps; // after the banner (if any): send/expect in order

    // TLS certificate
    QString serverName;   // SNI and the name to match; empty: the target's host
    int warnDays = 21;    // fewer days to the earliest expiry: degraded
    int criticalDays = 7; // fewer: down

    // DNS
    DnsRecordType recordType = DnsRecordType::A;
    QString dnsServer;        // an IP address, optionally with :port; empty: the system's resolver
    QStringList expectValues; // every one must be among the answers (as text, see DnsProber)
    QString expectMatches;    // a regular expression at least one answer must match

    // Status page (Statuspage v2)
    QStringList components; // component names to report on; empty: the page's overall indicator only

    SourceLocation location; // where the probe is written

    // "http", "tcp", "tls", "dns", "statuspage": stable, not translated (stored, and workspace keys).
    QString kindName() const
    {
        switch (kind) {
        case ProbeKind::Http:
            return QStringLiteral("http");
        case ProbeKind::Tcp:
            return QStringLiteral("tcp");
        case ProbeKind::Tls:
            return QStringLiteral("tls");
        case ProbeKind::Dns:
            return QStringLiteral("dns");
        case ProbeKind::Statuspage:
            return QStringLiteral("statuspage");
        case ProbeKind::KindCount:
            break;
        }
        return {};
    }
};

struct Service
{
    QString id;
    QString name;
    QString group;
    QList<ProbeSpec> probes;
    // Ids of services (or provider tiles) this one depends on: when one of them is down, this
    // service shows "impacted by X" instead of an alarm of its own.
    QStringList dependsOn;
    SourceLocation location;
};

// A time when failures are expected: they do not count as outages and tiles say "maintenance".
struct MaintenanceWindow
{
    QString name;
    QStringList services; // ids; with `groups` both empty: every service
    QStringList groups;
    QByteArray timeZone = "UTC"; // IANA id, e.g. Europe/Paris
    // Starts at local time `at` in timeZone: on `date` (one-off), or else on each day of
    // `weekdays` (1 = Monday .. 7 = Sunday; empty: every day). A start time that a daylight-saving
    // change skips begins when the clocks jump; one that happens twice begins at the first.
    std::optional<QDate> date;
    QTime at{0, 0};
    QList<int> weekdays;
    std::chrono::milliseconds duration = 1h; // elapsed time, whatever the clocks do meanwhile
    SourceLocation location;

    bool covers(const QString &serviceId, const QString &group) const
    {
        if (services.isEmpty() && groups.isEmpty())
            return true;
        return services.contains(serviceId) || groups.contains(group);
    }
};

struct Workspace
{
    QString name;
    QString filePath; // absolute path of the file it was loaded from
    QList<Service> services;
    QList<MaintenanceWindow> maintenance;

    const Service *service(const QString &id) const
    {
        for (const Service &s : services)
            if (s.id == id)
                return &s;
        return nullptr;
    }
    int probeCount() const
    {
        int n = 0;
        for (const Service &s : services)
            n += int(s.probes.size());
        return n;
    }
    // The names of every secret the probes use (to fetch them from the keychain once).
    QStringList secretNames() const
    {
        QStringList names;
        for (const Service &s : services)
            for (const ProbeSpec &p : s.probes)
                if (p.auth.type != HttpAuthType::None && !names.contains(p.auth.secretName))
                    names.append(p.auth.secretName);
        return names;
    }
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::Workspace)
