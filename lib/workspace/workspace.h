#pragma once

#include "condition.h"
#include "core/sourcelocation.h"
#include "probekind.h"

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
#include <variant>

namespace Vigie {

using namespace std::chrono_literals;

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

// How a probe that talks TLS trusts its peer (HTTP, TLS and status pages).
struct TlsTrust
{
    QString caFile; // a PEM file of CA certificates to trust instead of the system's; empty: system
    // Non-empty only when the workspace switches TLS verification off, in its own words
    // (`insecure: "self-signed lab certificate"`): the tile shows this text.
    QString insecureReason;
    friend bool operator==(const TlsTrust &, const TlsTrust &) = default;
};

// Each kind's own settings; ProbeSpec holds the one of its kind.
struct HttpOptions
{
    static constexpr ProbeKind kind = ProbeKind::Http;
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
    TlsTrust tls;
};

struct TcpOptions
{
    static constexpr ProbeKind kind = ProbeKind::Tcp;
    QString expectBanner; // a regular expression the first line must match; empty: connect only
    QList<TcpStep> steps; // after the banner (if any): send/expect in order
};

// A TLS certificate check.
struct TlsOptions
{
    static constexpr ProbeKind kind = ProbeKind::Tls;
    QString serverName;   // SNI and the name to match; empty: the target's host
    int warnDays = 21;    // fewer days to the earliest expiry: degraded
    int criticalDays = 7; // fewer: down
    TlsTrust tls;
};

struct DnsOptions
{
    static constexpr ProbeKind kind = ProbeKind::Dns;
    DnsRecordType recordType = DnsRecordType::A;
    QString dnsServer;        // an IP address, optionally with :port; empty: the system's resolver
    QStringList expectValues; // every one must be among the answers (as text, see DnsProber)
    QString expectMatches;    // a regular expression at least one answer must match
};

// A provider's status page (Statuspage v2).
struct StatuspageOptions
{
    static constexpr ProbeKind kind = ProbeKind::Statuspage;
    QStringList components; // component names to report on; empty: the page's overall indicator only
    TlsTrust tls;
};

// A PromQL instant query whose result decides the probe's state (PrometheusProber).
struct PrometheusOptions
{
    static constexpr ProbeKind kind = ProbeKind::Prometheus;
    QString query; // PromQL, as written
    // What each series of the result must meet, with [VALUE] its value (`[VALUE] >= 1`); none: a
    // value other than 0 (and not NaN). A query that returns no series fails the probe.
    std::optional<Condition> eachSeries;
    HttpAuth auth; // to the Prometheus server
    TlsTrust tls;
};

// One alternative per kind, at the kind's index (checked below): the variant's index is the kind.
using ProbeOptions =
    std::variant<HttpOptions, TcpOptions, TlsOptions, DnsOptions, StatuspageOptions, PrometheusOptions>;
static_assert(std::variant_size_v<ProbeOptions> == size_t(probeKindCount));
static_assert([]<size_t... I>(std::index_sequence<I...>) {
    return ((std::variant_alternative_t<I, ProbeOptions>::kind == ProbeKind(I)) && ...);
}(std::make_index_sequence<probeKindCount>{}));

// The default options of a kind.
inline ProbeOptions defaultProbeOptions(ProbeKind kind)
{
    return [kind]<size_t... I>(std::index_sequence<I...>)
    {
        ProbeOptions options;
        ((size_t(kind) == I ? void(options.emplace<I>()) : void()), ...);
        return options;
    }
    (std::make_index_sequence<probeKindCount>{});
}

struct ProbeSpec
{
    // http/statuspage: an http(s) URL; prometheus: the server's http(s) URL; tcp/tls: host:port; dns: the name to look
    // up.
    QString target;
    std::chrono::milliseconds interval = 60s;
    std::chrono::milliseconds timeout = 10s; // a hard deadline for the whole probe

    // Gatus-style conditions, for every kind; each failing critical one fails the probe (down),
    // each failing warning one marks it degraded.
    QList<Condition> conditions;
    // Hysteresis: consecutive results needed to move to a worse state, and back to a better one.
    int downAfter = 3;
    int upAfter = 2;

    // The kind's own settings; its alternative is the probe's kind.
    ProbeOptions kindOptions;

    SourceLocation location; // where the probe is written

    ProbeKind kind() const { return ProbeKind(kindOptions.index()); }
    // Makes this a probe of `kind`, with that kind's default options.
    void setKind(ProbeKind kind) { kindOptions = defaultProbeOptions(kind); }
    // The kind's options: spec.options<HttpOptions>(). Asking for another kind's is a programming error.
    template<typename T>
    const T &options() const
    {
        Q_ASSERT(std::holds_alternative<T>(kindOptions));
        return *std::get_if<T>(&kindOptions);
    }
    template<typename T>
    T &options()
    {
        Q_ASSERT(std::holds_alternative<T>(kindOptions));
        return *std::get_if<T>(&kindOptions);
    }
    // How the probe authenticates over HTTP (http, prometheus); null for the kinds without `auth`.
    const HttpAuth *httpAuth() const
    {
        return std::visit(
            [](const auto &options) -> const HttpAuth * {
                if constexpr (requires { options.auth; })
                    return &options.auth;
                else
                    return nullptr;
            },
            kindOptions);
    }
    // How the probe trusts TLS peers, for the kinds that talk TLS; null for the others.
    const TlsTrust *tlsTrust() const
    {
        return std::visit(
            [](const auto &options) -> const TlsTrust * {
                if constexpr (requires { options.tls; })
                    return &options.tls;
                else
                    return nullptr;
            },
            kindOptions);
    }

    // "http", "tcp", "tls", "dns", "statuspage", "prometheus": stable, not translated (stored, and workspace keys).
    QString kindName() const { return probeKindName(kind()); }
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

// How long the history keeps what it stores (`history:`); each value the workspace leaves out is
// the store's default (RetentionPolicy). Plain values: the session maps them to the store.
struct HistorySettings
{
    std::optional<std::chrono::milliseconds> results; // raw probe results (charts, last results)
    std::optional<std::chrono::milliseconds> events;  // state changes, maintenance, impact
    std::optional<int> maxResultsPerProbe;            // also at most this many results a probe
    // `series:`, the levels of the numeric series (SeriesRetention): raw samples and rollups by
    // minute, hour and day.
    std::optional<std::chrono::milliseconds> seriesRaw;
    std::optional<std::chrono::milliseconds> seriesMinute;
    std::optional<std::chrono::milliseconds> seriesHour;
    std::optional<std::chrono::milliseconds> seriesDay;
    friend bool operator==(const HistorySettings &, const HistorySettings &) = default;
};

// A metrics endpoint (node_exporter, an application's /metrics) scraped on an interval
// (`metrics: scrape:`): its counters become rates, node_exporter's byte counters bandwidth
// (MetricsCollector), all kept in the series store.
struct ScrapeTarget
{
    QString id;  // unique among the workspace's scrape targets and series; the `target` label of its series
    QString url; // http(s)
    std::chrono::milliseconds interval = 30s;
    std::chrono::milliseconds timeout = 10s; // default: the interval or 10 s, whichever is shorter
    QString service;                         // the service whose charts show its series; may be empty
    QString dashboard;                       // or a dashboard of its own (a name); at most one of the two
    HttpAuth auth;
    // The network interfaces whose bandwidth its charts show (node_exporter's device label); empty:
    // every one but the loopback, or the loopback when it is all there is.
    QStringList devices;
    SourceLocation location;
    friend bool operator==(const ScrapeTarget &, const ScrapeTarget &) = default;
};

// A series written in PromQL (`metrics: series:`), fetched from a Prometheus with query_range when a
// chart shows it (PromqlSeriesSource).
struct MetricSeriesSpec
{
    QString id;         // unique among the workspace's scrape targets and series
    QString prometheus; // the server's http(s) URL
    QString query;      // PromQL, as written
    QString title;      // the chart's title; default: the id
    QString unit;       // shown on the axis: ms, %, Mbit/s or any text; may be empty
    QString service;    // the service whose charts show it; may be empty
    QString dashboard;  // or a dashboard of its own (a name); at most one of the two
    HttpAuth auth;      // to the Prometheus server
    SourceLocation location;
    friend bool operator==(const MetricSeriesSpec &, const MetricSeriesSpec &) = default;
};

// The workspace's `metrics:`.
struct MetricsSettings
{
    QList<ScrapeTarget> scrape;
    QList<MetricSeriesSpec> series;
    friend bool operator==(const MetricsSettings &, const MetricsSettings &) = default;
};

// A status site that notices are published to (`status_sites:`), running apart from what it
// reports on. Its credentials live in the keychain only, named here.
struct StatusSite
{
    enum class Kind : quint8 { Statuspage, WebDav, Cachet };
    QString id; // unique among the workspace's status sites
    Kind kind = Kind::Statuspage;
    // Statuspage: the API's base URL (default https://api.statuspage.io/v1); WebDAV: the folder the
    // site is uploaded to; Cachet: the API's base URL.
    QString url;
    QString pageId;      // Statuspage: the page's id
    QString tokenSecret; // Statuspage, Cachet: the name of the secret holding the API token
    HttpAuth auth;       // WebDAV: as for probes
    QString siteUrl;     // WebDAV: where the public reads the site
    // The workspace's service ids mapped to the site's component ids (Statuspage, Cachet); the
    // static site uses the services' names.
    QList<std::pair<QString, QString>> components;
    SourceLocation location;
    friend bool operator==(const StatusSite &, const StatusSite &) = default;
};

// Where alerts go (`alerts: channels:`). Secrets are named, never written: `secret` is looked up in
// the OS keychain at run time.
struct AlertChannelSpec
{
    enum class Kind : quint8 { Webhook, Smtp, Command };
    enum class SmtpSecurity : quint8 { StartTls, Tls, None }; // Tls: implicit TLS (port 465)
    QString id;                                               // unique among the workspace's channels
    Kind kind = Kind::Webhook;
    // Webhook: the URL a JSON document is POSTed to (http or https), with its extra headers.
    QString url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    // SMTP: the relay, the envelope and the login (the password is the keychain's `secret`).
    QString host;
    int port = 587;
    SmtpSecurity security = SmtpSecurity::StartTls;
    QString from;
    QStringList to;
    QString username;
    QString secret;
    // SMTP: a PEM file of the certificate authorities to trust instead of the system's (a private
    // relay's own CA; the tests' throwaway one). Empty: the system's. Not read from the workspace
    // file yet.
    QString caFile;
    // Command: the program and its arguments, run without a shell; the alert comes in environment
    // variables (VIGIE_ALERT_*) and as JSON on standard input.
    QStringList command;
    std::chrono::milliseconds timeout = 30s; // a delivery taking longer is abandoned (a command is killed)
    SourceLocation location;
    friend bool operator==(const AlertChannelSpec &, const AlertChannelSpec &) = default;
};

// Which alerts go to which channels (`alerts: routes:`): those of `services` or of `groups`
// (neither: every service).
struct AlertRoute
{
    QStringList channels;
    QStringList groups;
    QStringList services;
    SourceLocation location;
    friend bool operator==(const AlertRoute &, const AlertRoute &) = default;
};

// The workspace's `alerts:`.
struct AlertSettings
{
    QList<AlertChannelSpec> channels;
    QList<AlertRoute> routes;
    // A service's alerts wait this long before they go, so that the services failing because of
    // one root cause are told in one alert about it (Alertmanager's group_wait).
    std::chrono::milliseconds groupWait = 30s;
    // At most one alert a service within this long; changes in between are told as flapping.
    std::chrono::milliseconds flapInterval = 10min;
    friend bool operator==(const AlertSettings &, const AlertSettings &) = default;
};

struct Workspace
{
    QString name;
    QString filePath; // absolute path of the file it was loaded from
    QList<Service> services;
    QList<MaintenanceWindow> maintenance;
    HistorySettings history;
    MetricsSettings metrics;
    QList<StatusSite> statusSites;
    AlertSettings alerts;

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
    // The names of every secret the probes, the metrics, the status sites and the alert channels use (to fetch them
    // from the keychain once).
    QStringList secretNames() const
    {
        QStringList names;
        for (const Service &s : services)
            for (const ProbeSpec &p : s.probes)
                if (const HttpAuth *auth = p.httpAuth();
                    auth && auth->type != HttpAuthType::None && !names.contains(auth->secretName))
                    names.append(auth->secretName);
        const auto add = [&names](const HttpAuth &auth) {
            if (auth.type != HttpAuthType::None && !names.contains(auth.secretName))
                names.append(auth.secretName);
        };
        for (const ScrapeTarget &target : metrics.scrape)
            add(target.auth);
        for (const MetricSeriesSpec &series : metrics.series)
            add(series.auth);
        for (const StatusSite &site : statusSites) {
            add(site.auth);
            if (!site.tokenSecret.isEmpty() && !names.contains(site.tokenSecret))
                names.append(site.tokenSecret);
        }
        for (const AlertChannelSpec &channel : alerts.channels)
            if (!channel.secret.isEmpty() && !names.contains(channel.secret))
                names.append(channel.secret);
        return names;
    }
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::Workspace)
