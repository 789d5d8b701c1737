#include "workspacereader.h"

#include "duration.h"
#include "valueparsers.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <type_traits>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

constexpr std::chrono::milliseconds longestInterval = 24h;
constexpr std::chrono::milliseconds longestMaintenance = 7 * 24h;
constexpr qint64 largestMaxBody = 64 * 1024 * 1024;
constexpr int largestMaxRedirects = 50;
constexpr int largestHysteresis = 100;
constexpr int largestCertificateDays = 3650;
// What `history:` accepts: shorter would empty what the console shows by default (a service's
// chart covers its last hour, the event log the last 24 hours); a century is plenty.
constexpr std::chrono::milliseconds shortestResultsHistory = 1h;
constexpr std::chrono::milliseconds shortestEventsHistory = 24h;
constexpr std::chrono::milliseconds shortestSeriesHistory = 1h;
constexpr std::chrono::milliseconds longestHistory = std::chrono::days(100 * 365);
constexpr int fewestResultsPerProbe = 1000;
constexpr int mostResultsPerProbe = 100'000'000;

const QList<QLatin1StringView> workspaceKeys{"name"_L1,    "services"_L1,     "maintenance"_L1, "history"_L1,
                                             "metrics"_L1, "status_sites"_L1, "alerts"_L1};
// `alerts:`. The flapping interval is a plain key beside group_wait (`flap_interval: 10m`), not a
// `flapping:` mapping: it is the only flapping setting there is.
const QList<QLatin1StringView> alertsKeys{"group_wait"_L1, "flap_interval"_L1, "channels"_L1, "routes"_L1};
// A channel: its id, one kind key, and the timeout every kind has.
const QList<QLatin1StringView> alertChannelKeys{"id"_L1, "webhook"_L1, "smtp"_L1, "command"_L1, "timeout"_L1};
const QList<QLatin1StringView> webhookKeys{"url"_L1, "headers"_L1};
const QList<QLatin1StringView> smtpKeys{"host"_L1, "port"_L1,     "security"_L1, "from"_L1,
                                        "to"_L1,   "username"_L1, "secret"_L1,   "ca_file"_L1};
const QList<QLatin1StringView> alertRouteKeys{"channels"_L1, "services"_L1, "groups"_L1};
// Waiting longer than an hour to tell an outage defeats the alert; a service that flaps for a day is
// better silenced. A delivery that needs minutes is a stuck receiver (the lease of a delivery grows
// with the longest timeout, so it is kept short).
constexpr std::chrono::milliseconds longestGroupWait = 1h;
constexpr std::chrono::milliseconds longestFlapInterval = 24h;
constexpr std::chrono::milliseconds longestChannelTimeout = 10min;
constexpr int smtpSubmissionPort = 587; // STARTTLS, or nothing
constexpr int smtpsPort = 465;          // implicit TLS
// A status site: its id, one kind key, and the keys of its kind.
const QList<QLatin1StringView> statusSiteKeys{"id"_L1,         "statuspage"_L1, "webdav"_L1,   "cachet"_L1,
                                              "components"_L1, "auth"_L1,       "site_url"_L1, "token"_L1};
const QList<QLatin1StringView> statuspageSiteKeys{"page_id"_L1, "token"_L1, "api"_L1};
const QString defaultStatuspageApi = u"https://api.statuspage.io/v1"_s;
const QList<QLatin1StringView> metricsKeys{"scrape"_L1, "series"_L1};
const QList<QLatin1StringView> scrapeKeys{"id"_L1,      "url"_L1,       "interval"_L1, "timeout"_L1,
                                          "service"_L1, "dashboard"_L1, "auth"_L1,     "devices"_L1};
const QList<QLatin1StringView> metricSeriesKeys{"id"_L1,   "prometheus"_L1, "query"_L1,     "title"_L1,
                                                "unit"_L1, "service"_L1,    "dashboard"_L1, "auth"_L1};
// A scrape more often than every second measures the scraper more than the target.
constexpr std::chrono::milliseconds shortestScrapeInterval = 1s;
constexpr std::chrono::milliseconds defaultScrapeInterval = 30s;
constexpr std::chrono::milliseconds longestScrapeTimeout = 10s;
const QList<QLatin1StringView> historyKeys{"results"_L1, "events"_L1, "max_results_per_probe"_L1, "series"_L1};
const QList<QLatin1StringView> seriesHistoryKeys{"raw"_L1, "minute"_L1, "hour"_L1, "day"_L1};
const QList<QLatin1StringView> serviceKeys{"id"_L1, "name"_L1, "group"_L1, "depends_on"_L1, "probes"_L1};
const QList<QLatin1StringView> expectKeys{"status"_L1, "body_contains"_L1, "max_latency"_L1};
const QList<QLatin1StringView> authKeys{"type"_L1, "username"_L1, "secret"_L1};
const QList<QLatin1StringView> stepKeys{"send"_L1, "expect"_L1};
const QList<QLatin1StringView> conditionKeys{"warn"_L1};
const QList<QLatin1StringView> maintenanceKeys{"name"_L1, "services"_L1, "groups"_L1, "timezone"_L1,
                                               "date"_L1, "every"_L1,    "at"_L1,     "duration"_L1};
constexpr unsigned kindBit(ProbeKind kind)
{
    return 1u << unsigned(kind);
}
constexpr unsigned everyKind = (1u << unsigned(probeKindCount)) - 1;

// The kinds that accept `key` besides their target (every kind for the common keys); 0: none.
unsigned kindsAccepting(QStringView key)
{
    if (commonProbeKeys().contains(key))
        return everyKind;
    unsigned kinds = 0;
    for (const ProbeKindInfo &info : probeKinds()) {
        if (info.keys.contains(key))
            kinds |= kindBit(info.kind);
    }
    return kinds;
}

// The keys probes of `kinds` accept: their targets, the common keys, then their own.
QList<QLatin1StringView> probeKeysFor(unsigned kinds)
{
    QList<QLatin1StringView> names;
    for (const ProbeKindInfo &info : probeKinds()) {
        if (kinds & kindBit(info.kind))
            names.append(info.name);
    }
    names += commonProbeKeys();
    for (const ProbeKindInfo &info : probeKinds()) {
        if (!(kinds & kindBit(info.kind)))
            continue;
        for (QLatin1StringView key : info.keys) {
            if (!names.contains(key))
                names.append(key);
        }
    }
    return names;
}

// User text quoted back in a message: long values would drown the message.
QString shown(const QString &text)
{
    constexpr qsizetype longest = 60;
    return text.size() > longest ? text.left(longest - 1) + QChar(0x2026) : text;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Whether credentials may go to `url`: over https, or over http to this machine only.
bool isSafeForCredentials(const QString &url)
{
    const QUrl parsed(url);
    return parsed.scheme() == "https"_L1 || isLoopbackHost(parsed.host());
}

// An e-mail address as SMTP sends it (local@domain), alone or in a mailbox ("Name <local@domain>"),
// which the SMTP channel reads the same way. Nothing that could end a header line or a command.
bool isMailbox(QStringView text)
{
    if (std::any_of(text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return false;
    QStringView address = text;
    if (text.endsWith(u'>')) {
        const qsizetype open = text.lastIndexOf(u'<');
        if (open < 0)
            return false;
        address = text.sliced(open + 1, text.size() - open - 2).trimmed();
    }
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at == address.size() - 1)
        return false;
    if (std::any_of(address.begin(), address.end(), [](QChar c) {
            return c.isSpace() || c == u'<' || c == u'>' || c == u',' || c == u';' || c == u'"';
        }))
        return false;
    const QStringView domain = address.sliced(at + 1);
    return isValidHostName(domain, false) || (domain.startsWith(u'[') && domain.endsWith(u']'));
}

// A secret name that is rather the secret: a long run of letters and digits with no word break,
// as API keys are (Statuspage's are 64 hexadecimal digits).
bool looksLikeToken(QStringView name)
{
    constexpr qsizetype shortestToken = 24;
    if (name.size() < shortestToken)
        return false;
    bool letters = false;
    bool digits = false;
    for (QChar c : name) {
        if (c == u'-' || c == u'_' || c == u'.')
            return false;
        letters = letters || c.isLetter();
        digits = digits || c.isDigit();
    }
    return letters && digits;
}

} // namespace

QString WorkspaceReader::describe(const YamlNode &node)
{
    switch (node.type()) {
    case YamlNode::Type::Map:
        return tr("a mapping");
    case YamlNode::Type::Sequence:
        return tr("a sequence");
    case YamlNode::Type::Scalar:
        return tr("the value '%1'").arg(shown(node.scalar()));
    case YamlNode::Type::Null:
        break;
    }
    return tr("nothing");
}

bool WorkspaceReader::expectType(const YamlNode &node, Expected type, const QString &subject)
{
    QString wanted;
    switch (type) {
    case Expected::Mapping:
        if (node.isMap())
            return true;
        wanted = tr("a mapping (key: value lines)");
        break;
    case Expected::Sequence:
        if (node.isSequence())
            return true;
        wanted = tr("a sequence (a list of '- ' items)");
        break;
    case Expected::Scalar:
        if (node.isScalar())
            return true;
        wanted = tr("a single value");
        break;
    }
    addError(locationOf(node), tr("%1 should be %2, found %3").arg(subject, wanted, describe(node)));
    return false;
}

// The same few keys come back in every service and probe: each is made a QString once.
QString WorkspaceReader::keyText(const YamlNode &key)
{
    const QByteArrayView bytes = key.scalarBytes();
    if (const auto known = m_keys.constFind(bytes); known != m_keys.cend())
        return *known;
    const QString text = key.scalar();
    if (m_keys.size() < maxInternedKeys)
        m_keys.insert(bytes, text);
    return text;
}

QList<WorkspaceReader::Entry> WorkspaceReader::entries(const YamlNode &mapping)
{
    // Most mappings hold a few keys, compared one by one; a long one gets a hash of those seen.
    constexpr qsizetype hashedFrom = 16;
    QList<Entry> out;
    out.reserve(mapping.size());
    QHash<QString, YamlNode> seen;
    for (qsizetype i = 0; i < mapping.size() && !m_source.hasTooManyErrors(); ++i) {
        const YamlNode keyNode = mapping.key(i);
        if (!keyNode.isScalar()) {
            addError(locationOf(keyNode),
                     tr("a key should be a single word such as 'name', found %1").arg(describe(keyNode)));
            continue;
        }
        const QString key = keyText(keyNode);
        // yaml-cpp keeps both entries of a repeated key; which one a reader sees is an accident.
        std::optional<YamlNode> first;
        if (out.size() < hashedFrom) {
            const auto same = std::find_if(out.cbegin(), out.cend(), [&](const Entry &e) { return e.key == key; });
            if (same != out.cend())
                first = same->keyNode;
        } else {
            if (seen.isEmpty()) {
                for (const Entry &e : std::as_const(out))
                    seen.insert(e.key, e.keyNode);
            }
            if (const auto found = seen.constFind(key); found != seen.cend())
                first = *found;
            else
                seen.insert(key, keyNode);
        }
        if (first) {
            addError(locationOf(keyNode),
                     tr("duplicate key '%1' (first defined at %2)").arg(shown(key), locationOf(*first).toString()));
            continue;
        }
        out.append({key, keyNode, mapping.value(i)});
    }
    return out;
}

QList<YamlNode> WorkspaceReader::items(const YamlNode &sequence, const QString &subject)
{
    QList<YamlNode> out;
    if (!expectType(sequence, Expected::Sequence, subject))
        return out;
    out.reserve(sequence.size());
    for (qsizetype i = 0; i < sequence.size() && !m_source.hasTooManyErrors(); ++i)
        out.append(sequence.item(i));
    return out;
}

std::optional<QString> WorkspaceReader::scalar(const Entry &entry)
{
    if (!expectType(entry.value, Expected::Scalar, u'\'' + entry.key + u'\''))
        return std::nullopt;
    return entry.value.scalar();
}

std::optional<QString> WorkspaceReader::nonEmptyText(const Entry &entry)
{
    std::optional<QString> text = scalar(entry);
    if (text && text->trimmed().isEmpty()) {
        addError(locationOf(entry.value), tr("'%1' should not be empty").arg(entry.key));
        return std::nullopt;
    }
    return text;
}

// A `secret:` names a keychain entry; it never holds the secret.
std::optional<QString> WorkspaceReader::secretName(const Entry &entry)
{
    const std::optional<QString> text = scalar(entry);
    if (!text)
        return std::nullopt;
    if (isValidSecretName(text->trimmed()))
        return text->trimmed();
    addError(locationOf(entry.value),
             tr("'%1' is not a secret name; 'secret' names a secret stored in the system keychain, "
                "with letters, digits, '.', '_' and '-' (for example portal-api-token), and never holds "
                "the secret itself")
                 .arg(shown(*text)));
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> WorkspaceReader::duration(const Entry &entry,
                                                                   std::chrono::milliseconds longest)
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
    if (!lengthInRange(entry, *text, *value, longest, formatDuration(longest)))
        return std::nullopt;
    return value;
}

// What every length of time checks once read: longer than zero, at most `longest` (written
// `longestText` in the error).
bool WorkspaceReader::lengthInRange(const Entry &entry, const QString &text, std::chrono::milliseconds value,
                                    std::chrono::milliseconds longest, const QString &longestText)
{
    if (value <= 0ms) {
        addError(locationOf(entry.value), tr("%1 should be longer than zero, found %2").arg(entry.key, text));
        return false;
    }
    if (value > longest) {
        addError(locationOf(entry.value),
                 tr("%1 can be at most %2, found %3").arg(entry.key, longestText, shown(text)));
        return false;
    }
    return true;
}

std::optional<int> WorkspaceReader::boundedInt(const Entry &entry, int low, int high)
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

std::optional<QString> WorkspaceReader::pattern(const YamlNode &node, const QString &subject)
{
    if (!expectType(node, Expected::Scalar, subject))
        return std::nullopt;
    const QString text = node.scalar();
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
// The names `entry` lists (one, or a sequence), into `into`; each kept in `checked` with its place,
// checked once the whole file is read (services and groups may come after what names them).
void WorkspaceReader::readReferences(const Entry &entry, QStringList &into, QList<Reference> &checked)
{
    for (const Reference &reference : names(entry, true)) {
        into.append(reference.name);
        checked.append(reference);
    }
}

QList<WorkspaceReader::Reference> WorkspaceReader::names(const Entry &entry, bool singleAllowed)
{
    const QString subject = u'\'' + entry.key + u'\'';
    QList<YamlNode> nodes;
    if (singleAllowed && entry.value.isScalar()) {
        nodes.append(entry.value);
    } else if (singleAllowed && !entry.value.isSequence()) {
        addError(locationOf(entry.value),
                 tr("%1 should be a name or a sequence of names, found %2").arg(subject, describe(entry.value)));
        return {};
    } else {
        nodes = items(entry.value, subject);
    }
    QList<Reference> out;
    QHash<QString, SourceLocation> seen;
    for (const YamlNode &node : nodes) {
        if (!expectType(node, Expected::Scalar, tr("each item of %1").arg(subject)))
            continue;
        const QString name = node.scalar().trimmed();
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

void WorkspaceReader::unknownKey(const Entry &entry, const QList<QLatin1StringView> &known, const QString &owner)
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
void WorkspaceReader::unknownReference(const Reference &reference, const QString &what, const QStringList &known)
{
    const QString closest = closestMatch(reference.name, known);
    if (closest.isEmpty())
        addError(reference.location, what.arg(shown(reference.name)));
    else
        addError(reference.location, tr("%1; did you mean '%2'?").arg(what.arg(shown(reference.name)), closest));
}

QString WorkspaceReader::probeNoun(ProbeKind kind) const
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
    case ProbeKind::Prometheus:
        return tr("a prometheus probe");
    }
    return tr("a probe");
}

// "tcp", "http and tls", "http, tls and statuspage".
QString WorkspaceReader::kindList(unsigned kinds) const
{
    QStringList names;
    for (int kind = 0; kind < probeKindCount; ++kind) {
        if (kinds & kindBit(ProbeKind(kind)))
            names.append(probeKindName(ProbeKind(kind)));
    }
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return tr("%1 and %2").arg(names.join(", "_L1), last);
}

std::optional<Workspace> WorkspaceReader::readWorkspace(const YamlNode &root)
{
    if (!expectType(root, Expected::Mapping, tr("the top of a workspace file")))
        return std::nullopt;
    Workspace workspace;
    workspace.filePath = m_source.fileName();
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
            const QList<YamlNode> services = items(entry.value, tr("'services'"));
            if (services.isEmpty() && entry.value.isSequence())
                addError(locationOf(entry.value), tr("'services' is empty; add at least one service"));
            workspace.services.reserve(workspace.services.size() + services.size());
            dependencies.reserve(dependencies.size() + services.size());
            m_serviceIds.reserve(m_serviceIds.size() + services.size());
            for (const YamlNode &node : services) {
                if (m_source.hasTooManyErrors())
                    break;
                QList<Reference> dependsOn;
                if (auto service = readService(node, dependsOn)) {
                    workspace.services.append(std::move(*service));
                    dependencies.append(std::move(dependsOn));
                }
            }
        } else if (entry.key == "history"_L1) {
            readHistory(entry, workspace.history);
        } else if (entry.key == "metrics"_L1) {
            readMetrics(entry, workspace.metrics);
        } else if (entry.key == "status_sites"_L1) {
            for (const YamlNode &node : items(entry.value, tr("'status_sites'"))) {
                if (m_source.hasTooManyErrors())
                    break;
                if (auto site = readStatusSite(node))
                    workspace.statusSites.append(std::move(*site));
            }
        } else if (entry.key == "alerts"_L1) {
            readAlerts(entry, workspace.alerts);
        } else if (entry.key == "maintenance"_L1) {
            for (const YamlNode &node : items(entry.value, tr("'maintenance'"))) {
                if (m_source.hasTooManyErrors())
                    break;
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

std::optional<Service> WorkspaceReader::readService(const YamlNode &node, QList<Reference> &dependencies)
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
            const QList<YamlNode> probes = items(entry.value, tr("'probes'"));
            if (probes.isEmpty() && entry.value.isSequence())
                addError(locationOf(entry.value), tr("'probes' is empty; add at least one probe (http, tcp, tls, dns, "
                                                     "statuspage or prometheus)"));
            for (const YamlNode &probeNode : probes) {
                if (m_source.hasTooManyErrors())
                    break;
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
                                      "tcp, tls, dns, statuspage or prometheus)"));
    if (service.name.isEmpty())
        service.name = service.id;
    if (service.group.isEmpty())
        service.group = tr("Services");
    return service;
}

std::optional<ProbeSpec> WorkspaceReader::readProbe(const YamlNode &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'probes'")))
        return std::nullopt;
    ProbeSpec probe;
    probe.location = locationOf(node);
    const QList<Entry> all = entries(node);

    // The target decides which of the other keys apply, so it is found first.
    const Entry *target = nullptr;
    for (const Entry &entry : all) {
        const std::optional<ProbeKind> kind = probeKindFromName(entry.key);
        if (!kind)
            continue;
        if (target) {
            addError(locationOf(entry.keyNode), tr("a probe has exactly one target; this one already has '%1' at %2")
                                                    .arg(target->key, locationOf(target->keyNode).toString()));
            continue;
        }
        target = &entry;
        probe.setKind(*kind);
    }
    if (!target) {
        addError(probe.location, tr("this probe has no target; add one of 'http: URL', 'tcp: HOST:PORT', "
                                    "'tls: HOST:PORT', 'dns: NAME', 'statuspage: URL' or 'prometheus: URL'"));
    }
    // Without a target every key is read, so that its own errors still show.
    const unsigned kinds = target ? kindBit(probe.kind()) : everyKind;
    // Each kind's options are read apart, then the probe keeps its own kind's.
    HttpOptions http;
    TcpOptions tcp;
    TlsOptions tls;
    DnsOptions dns;
    StatuspageOptions statuspage;
    PrometheusOptions prometheus;
    TlsTrust trust;
    bool hasQuery = false;

    std::optional<std::chrono::milliseconds> interval;
    std::optional<std::chrono::milliseconds> timeout;
    std::optional<Entry> timeoutEntry;
    std::optional<Entry> maxLatencyEntry;
    std::optional<Entry> warnDaysEntry;
    std::optional<Entry> criticalDaysEntry;

    for (const Entry &entry : all) {
        if (probeKindFromName(entry.key)) { // a second target was reported above
            if (&entry == target)
                readTarget(entry, probe);
            continue;
        }
        const unsigned accepting = kindsAccepting(entry.key);
        if (!accepting) {
            unknownKey(entry, probeKeysFor(kinds), target ? probeNoun(probe.kind()) : tr("a probe"));
            continue;
        }
        if (!(accepting & kinds)) {
            addError(locationOf(entry.keyNode), tr("'%1' applies to %2 probes only; this is %3")
                                                    .arg(entry.key, kindList(accepting), probeNoun(probe.kind())));
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
            if (const auto method = parseHttpMethod(text->trimmed())) {
                http.method = *method;
            } else {
                addError(locationOf(entry.value), tr("'%1' is not an HTTP method Vigie sends; expected GET, HEAD, "
                                                     "POST, PUT, PATCH, DELETE or OPTIONS")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "headers"_L1) {
            readHeaders(entry.value, http.headers,
                        tr("an Authorization header would keep a secret in the workspace file; use 'auth' "
                           "instead, with the name of a secret stored in the system keychain"));
        } else if (entry.key == "body"_L1) {
            if (const auto text = scalar(entry))
                http.body = text->toUtf8();
        } else if (entry.key == "auth"_L1) {
            readAuth(entry.value, http);
        } else if (entry.key == "http_version"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (const auto version = parseHttpVersion(text->trimmed())) {
                http.httpVersion = *version;
            } else {
                addError(locationOf(entry.value),
                         tr("'%1' is not an HTTP version; expected 1.1, 2 or 3").arg(shown(*text)));
            }
        } else if (entry.key == "expect"_L1) {
            if (expectType(entry.value, Expected::Mapping, tr("'expect'")))
                readExpect(entry.value, http, maxLatencyEntry);
        } else if (entry.key == "max_redirects"_L1) {
            http.maxRedirects = boundedInt(entry, 0, largestMaxRedirects).value_or(http.maxRedirects);
        } else if (entry.key == "max_body"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            const auto value = parseSize(*text);
            if (value && *value > 0 && *value <= largestMaxBody) {
                http.maxBodyBytes = *value;
            } else {
                addError(locationOf(entry.value), tr("'%1' is not a valid max_body; expected a size from 1 byte to "
                                                     "64MiB, in bytes or with a unit: B, KB, MB, KiB, MiB (for "
                                                     "example 512KiB)")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "ca_file"_L1) {
            readCaFile(entry, trust);
        } else if (entry.key == "insecure"_L1) {
            readInsecure(entry, trust);
        } else if (entry.key == "expect_banner"_L1) {
            if (const auto text = pattern(entry.value, u'\'' + entry.key + u'\''))
                tcp.expectBanner = *text;
        } else if (entry.key == "steps"_L1) {
            readSteps(entry.value, tcp);
        } else if (entry.key == "server_name"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (isValidHostName(text->trimmed(), false)) {
                tls.serverName = text->trimmed();
            } else {
                addError(locationOf(entry.value), tr("'%1' is not a host name; server_name is the name the "
                                                     "certificate must hold, for example portal.example.org")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "warn_days"_L1) {
            warnDaysEntry = entry;
            tls.warnDays = boundedInt(entry, 1, largestCertificateDays).value_or(tls.warnDays);
        } else if (entry.key == "critical_days"_L1) {
            criticalDaysEntry = entry;
            tls.criticalDays = boundedInt(entry, 0, largestCertificateDays).value_or(tls.criticalDays);
        } else if (entry.key == "record"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (const auto type = parseDnsRecordType(text->trimmed())) {
                dns.recordType = *type;
            } else {
                addError(locationOf(entry.value), tr("'%1' is not a DNS record type Vigie asks for; expected A, "
                                                     "AAAA, CNAME, MX, TXT, NS or SRV")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "server"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (NameServer::parse(text->trimmed())) {
                dns.dnsServer = text->trimmed();
            } else {
                addError(locationOf(entry.value),
                         tr("'%1' is not a DNS server address; expected an IP address, optionally with a port: "
                            "192.0.2.53, 192.0.2.53:5353, 2001:db8::53 or \"[2001:db8::53]:53\"")
                             .arg(shown(*text)));
            }
        } else if (entry.key == "expect_values"_L1) {
            for (const Reference &value : names(entry, false))
                dns.expectValues.append(value.name);
        } else if (entry.key == "expect_matches"_L1) {
            if (const auto text = pattern(entry.value, u'\'' + entry.key + u'\''))
                dns.expectMatches = *text;
        } else if (entry.key == "components"_L1) {
            for (const Reference &component : names(entry, false))
                statuspage.components.append(component.name);
        } else if (entry.key == "query"_L1) {
            hasQuery = true;
            if (const auto text = nonEmptyText(entry))
                prometheus.query = text->trimmed();
        } else if (entry.key == "each_series"_L1) {
            readEachSeries(entry, prometheus);
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
    if (http.maxLatency && *http.maxLatency > probe.timeout) {
        addError(locationOf(maxLatencyEntry->value),
                 tr("max_latency %1 is longer than the timeout %2; the probe would time out before it could be "
                    "called slow")
                     .arg(formatDuration(*http.maxLatency), formatDuration(probe.timeout)));
    }
    if (tls.criticalDays >= tls.warnDays) {
        if (criticalDaysEntry) {
            addError(locationOf(criticalDaysEntry->value),
                     tr("critical_days %1 should be below warn_days %2: a certificate near its expiry is first "
                        "degraded, then down")
                         .arg(QString::number(tls.criticalDays), QString::number(tls.warnDays)));
        } else if (warnDaysEntry) {
            addError(locationOf(warnDaysEntry->value),
                     tr("warn_days %1 should be above critical_days, which is %2 by default; raise warn_days or "
                        "set critical_days lower")
                         .arg(QString::number(tls.warnDays), QString::number(tls.criticalDays)));
        }
    }
    http.tls = trust;
    tls.tls = trust;
    statuspage.tls = trust;
    prometheus.tls = trust;
    prometheus.auth = http.auth;
    if (target && probe.kind() == ProbeKind::Prometheus && !hasQuery) {
        addError(probe.location, tr("this prometheus probe has no 'query'; add the PromQL expression whose result "
                                    "decides its state, for example query: 'probe_success{job=\"blackbox\"}'"));
    }
    const auto keep = [&probe](auto &options) {
        if (std::holds_alternative<std::remove_reference_t<decltype(options)>>(probe.kindOptions))
            probe.kindOptions = std::move(options);
    };
    keep(http);
    keep(tcp);
    keep(tls);
    keep(dns);
    keep(statuspage);
    keep(prometheus);
    return probe;
}

void WorkspaceReader::readTarget(const Entry &entry, ProbeSpec &probe)
{
    const auto text = scalar(entry);
    if (!text)
        return;
    const QString trimmed = text->trimmed();
    const SourceLocation where = locationOf(entry.value);
    // Like an Authorization header: a secret in the file would be printed and stored with every result.
    const bool http = probe.kind() == ProbeKind::Http || probe.kind() == ProbeKind::Statuspage ||
                      probe.kind() == ProbeKind::Prometheus;
    if (http && hasUserInfo(trimmed)) {
        const QString clean = shown(withoutUserInfo(trimmed));
        if (probe.kind() == ProbeKind::Http || probe.kind() == ProbeKind::Prometheus)
            addError(where, tr("a URL with a user name or password (user:password@) would keep a secret in the "
                               "workspace file; write %1 and use 'auth' instead, with the name of a secret stored in "
                               "the system keychain")
                                .arg(clean));
        else
            addError(where, tr("a URL with a user name or password (user:password@) would keep a secret in the "
                               "workspace file; a status page is read without credentials: write %1")
                                .arg(clean));
        return;
    }
    switch (probe.kind()) {
    case ProbeKind::Http:
        if (isValidHttpUrl(trimmed)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not an http target; expected a URL that starts with http:// or https:// and "
                           "names a host")
                            .arg(shown(*text)));
        return;
    case ProbeKind::Statuspage:
        if (isValidHttpUrl(trimmed)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not a statuspage target; expected the address of the provider's status page, a "
                           "URL that starts with http:// or https://, for example https://www.githubstatus.com")
                            .arg(shown(*text)));
        return;
    case ProbeKind::Prometheus:
        if (isValidHttpUrl(trimmed)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not a prometheus target; expected the address of a Prometheus server (or of "
                           "anything that speaks its HTTP API), for example http://prometheus.example.org:9090")
                            .arg(shown(*text)));
        return;
    case ProbeKind::Tcp:
        if (HostPort::parse(trimmed)) {
            probe.target = trimmed;
            return;
        }
        addError(where, tr("'%1' is not a tcp target; expected HOST:PORT with a port from 1 to 65535, for example "
                           "mail.example.org:25 (an IPv6 address goes in brackets and quotes: \"[::1]:25\")")
                            .arg(shown(*text)));
        return;
    case ProbeKind::Tls:
        if (HostPort::parse(trimmed)) {
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
    }
}

void WorkspaceReader::readExpect(const YamlNode &node, HttpOptions &probe, std::optional<Entry> &maxLatency)
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

void WorkspaceReader::readStatus(const YamlNode &node, HttpOptions &probe)
{
    QList<YamlNode> codes;
    if (node.isScalar()) {
        codes.append(node);
    } else if (node.isSequence()) {
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
    for (const YamlNode &code : codes) {
        const std::optional<StatusRange> range =
            code.isScalar() ? parseStatusRange(code.scalar().trimmed()) : std::nullopt;
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

void WorkspaceReader::readConditions(const YamlNode &node, ProbeSpec &probe)
{
    for (const YamlNode &item : items(node, tr("'conditions'"))) {
        YamlNode text = item;
        bool warning = false;
        if (item.isMap()) {
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
        } else if (!item.isScalar()) {
            addError(locationOf(item), tr("each item of 'conditions' should be a condition such as "
                                          "'[STATUS] == 200', or warn: and a condition, found %1")
                                           .arg(describe(item)));
            continue;
        }
        if (!expectType(text, Expected::Scalar, tr("'warn'")))
            continue;
        const QString condition = text.scalar();
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

void WorkspaceReader::readEachSeries(const Entry &entry, PrometheusOptions &probe)
{
    const auto text = scalar(entry);
    if (!text)
        return;
    if (text->trimmed().isEmpty()) {
        addError(locationOf(entry.value), tr("an empty each_series; write a condition on [VALUE], each series' "
                                             "value, for example [VALUE] >= 1"));
        return;
    }
    auto parsed = Condition::parse(*text);
    if (!parsed) {
        addError(locationInScalar(entry.value, parsed.error().column),
                 tr("invalid condition '%1': %2").arg(shown(*text), parsed.error().message));
        return;
    }
    if (!text->trimmed().startsWith("[VALUE]"_L1)) {
        addError(locationOf(entry.value), tr("each_series checks [VALUE], each series' value: write it as "
                                             "[VALUE] >= 1, [VALUE] == 0 or [VALUE] < 0.05, not '%1'")
                                              .arg(shown(*text)));
        return;
    }
    probe.eachSeries = std::move(*parsed);
}

void WorkspaceReader::readHeaders(const YamlNode &node, QList<std::pair<QByteArray, QByteArray>> &headers,
                                  const QString &authorization)
{
    if (!expectType(node, Expected::Mapping, tr("'headers'")))
        return;
    for (const Entry &entry : entries(node)) {
        const SourceLocation where = locationOf(entry.keyNode);
        if (entry.key.compare("Authorization"_L1, Qt::CaseInsensitive) == 0) {
            addError(where, authorization);
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
        if (!isValidHeaderValue(*value)) {
            addError(locationOf(entry.value),
                     tr("the value of header '%1' holds a line break; a header value is a single line").arg(entry.key));
            continue;
        }
        headers.append({entry.key.toLatin1(), value->toUtf8()});
    }
}

void WorkspaceReader::readAuth(const YamlNode &node, HttpOptions &probe)
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
            if (auto name = secretName(entry))
                auth.secretName = std::move(*name);
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

void WorkspaceReader::readSteps(const YamlNode &node, TcpOptions &probe)
{
    const QList<YamlNode> steps = items(node, tr("'steps'"));
    if (steps.isEmpty() && node.isSequence()) {
        addError(locationOf(node), tr("'steps' is empty; add send: and expect: steps, or remove it"));
        return;
    }
    for (const YamlNode &item : steps) {
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

void WorkspaceReader::readCaFile(const Entry &entry, TlsTrust &trust)
{
    const auto text = nonEmptyText(entry);
    if (!text)
        return;
    // Relative to the workspace, not to wherever Vigie was started, so that the pair moves together.
    const QString path = QDir::cleanPath(QFileInfo(m_source.fileName()).absoluteDir().filePath(text->trimmed()));
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
        trust.caFile = path;
}

void WorkspaceReader::readInsecure(const Entry &entry, TlsTrust &trust)
{
    // A reason, not a switch: the tile shows it, so that nobody forgets why verification is off.
    static const QStringList switches{u"true"_s, u"false"_s, u"yes"_s, u"no"_s, u"on"_s, u"off"_s};
    const QString reason = entry.value.isScalar() ? entry.value.scalar().trimmed() : QString();
    if (entry.value.isScalar() && !reason.isEmpty() && !switches.contains(reason, Qt::CaseInsensitive)) {
        trust.insecureReason = reason;
        return;
    }
    if (!entry.value.isScalar() && !entry.value.isNull()) {
        scalar(entry);
        return;
    }
    addError(entry.value.isNull() ? locationOf(entry.keyNode) : locationOf(entry.value),
             tr("'insecure' turns TLS verification off and takes the reason, which the tile shows; write it, for "
                "example insecure: \"self-signed certificate of the lab\", or remove the key to keep verification "
                "on"));
}

std::optional<MaintenanceWindow> WorkspaceReader::readMaintenance(const YamlNode &node)
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
            readReferences(entry, window.services, m_maintenanceServices);
        } else if (entry.key == "groups"_L1) {
            readReferences(entry, window.groups, m_maintenanceGroups);
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
            if (m_timeZoneNames.isEmpty()) {
                for (const QByteArray &zone : QTimeZone::availableTimeZoneIds())
                    m_timeZoneNames.append(QString::fromUtf8(zone));
            }
            unknownReference({text->trimmed(), locationOf(entry.value)},
                             tr("'%1' is not a time zone this system knows; expected an IANA id such as "
                                "Europe/Paris or UTC"),
                             m_timeZoneNames);
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
            if (const auto date = parseDate(text->trimmed())) {
                window.date = *date;
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

void WorkspaceReader::readHistory(const Entry &entry, HistorySettings &history)
{
    // Nothing under it (its lines commented out, say): the defaults, as without the key.
    if (entry.value.isNull() || !expectType(entry.value, Expected::Mapping, tr("'history'")))
        return;
    for (const Entry &item : entries(entry.value)) {
        if (item.key == "results"_L1) {
            history.results =
                historyAge(item, shortestResultsHistory,
                           tr("results should be at least 1h, found %1: a service's chart shows its last hour of "
                              "results, which a shorter history would leave empty"));
        } else if (item.key == "events"_L1) {
            history.events =
                historyAge(item, shortestEventsHistory,
                           tr("events should be at least 1d, found %1: the event log shows the last 24 hours of "
                              "changes, which a shorter history would leave empty"));
        } else if (item.key == "max_results_per_probe"_L1) {
            history.maxResultsPerProbe = boundedInt(item, fewestResultsPerProbe, mostResultsPerProbe);
        } else if (item.key == "series"_L1) {
            readSeriesHistory(item, history);
        } else {
            unknownKey(item, historyKeys, tr("'history'"));
        }
    }
}

void WorkspaceReader::readSeriesHistory(const Entry &entry, HistorySettings &history)
{
    if (entry.value.isNull() || !expectType(entry.value, Expected::Mapping, tr("'series'")))
        return;
    const QString tooShort = tr("a level of the series should keep at least 1h, found %1: a chart shows at least "
                                "the last hour");
    for (const Entry &item : entries(entry.value)) {
        if (item.key == "raw"_L1)
            history.seriesRaw = historyAge(item, shortestSeriesHistory, tooShort);
        else if (item.key == "minute"_L1)
            history.seriesMinute = historyAge(item, shortestSeriesHistory, tooShort);
        else if (item.key == "hour"_L1)
            history.seriesHour = historyAge(item, shortestSeriesHistory, tooShort);
        else if (item.key == "day"_L1)
            history.seriesDay = historyAge(item, shortestSeriesHistory, tooShort);
        else
            unknownKey(item, seriesHistoryKeys, tr("'series'"));
    }
}

// `tooShort` is a sentence with %1 for the value, saying why it may not be shorter than `shortest`.
std::optional<std::chrono::milliseconds>
WorkspaceReader::historyAge(const Entry &entry, std::chrono::milliseconds shortest, const QString &tooShort)
{
    const std::optional<QString> text = scalar(entry);
    if (!text)
        return std::nullopt;
    const auto value = parseHistoryAge(text->trimmed());
    const SourceLocation where = locationOf(entry.value);
    if (!value) {
        addError(where, tr("'%1' is not a length of time; expected a number and a unit: y (365 days), d, h, m or s "
                           "(for example 90d or 2y)")
                            .arg(shown(*text)));
        return std::nullopt;
    }
    if (!lengthInRange(entry, *text, *value, longestHistory, u"100y"_s))
        return std::nullopt;
    if (*value < shortest) {
        addError(where, tooShort.arg(shown(*text)));
        return std::nullopt;
    }
    return value;
}

void WorkspaceReader::readEvery(const Entry &entry, MaintenanceWindow &window)
{
    const auto weekday = [](const YamlNode &node) { return parseWeekday(node.scalar().trimmed()).value_or(0); };
    const QString expected = tr("expected day, a weekday name (monday to sunday) or a sequence of weekday names");
    if (entry.value.isScalar()) {
        const QString text = entry.value.scalar().trimmed();
        if (text.compare("day"_L1, Qt::CaseInsensitive) == 0)
            return;
        if (const int day = weekday(entry.value); day > 0)
            window.weekdays = {day};
        else
            addError(locationOf(entry.value), tr("'%1' is not a day; %2").arg(shown(text), expected));
        return;
    }
    if (!entry.value.isSequence()) {
        addError(
            locationOf(entry.value),
            tr("'every' should be a day or a sequence of days; %1, found %2").arg(expected, describe(entry.value)));
        return;
    }
    const QList<YamlNode> days = items(entry.value, tr("'every'"));
    if (days.isEmpty()) {
        addError(locationOf(entry.value), tr("'every' is empty; %1").arg(expected));
        return;
    }
    QList<int> weekdays;
    for (const YamlNode &node : days) {
        if (!expectType(node, Expected::Scalar, tr("each item of 'every'")))
            continue;
        const QString text = node.scalar().trimmed();
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

void WorkspaceReader::readMetrics(const Entry &entry, MetricsSettings &metrics)
{
    if (entry.value.isNull() || !expectType(entry.value, Expected::Mapping, tr("'metrics'")))
        return;
    for (const Entry &item : entries(entry.value)) {
        if (item.key == "scrape"_L1) {
            for (const YamlNode &node : items(item.value, tr("'scrape'"))) {
                if (m_source.hasTooManyErrors())
                    break;
                if (auto target = readScrapeTarget(node))
                    metrics.scrape.append(std::move(*target));
            }
        } else if (item.key == "series"_L1) {
            for (const YamlNode &node : items(item.value, tr("'series'"))) {
                if (m_source.hasTooManyErrors())
                    break;
                if (auto series = readMetricSeries(node))
                    metrics.series.append(std::move(*series));
            }
        } else {
            unknownKey(item, metricsKeys, tr("'metrics'"));
        }
    }
}

bool WorkspaceReader::readMetricCommon(const Entry &entry, QString &id, QString &service, QString &dashboard,
                                       HttpAuth &auth, std::optional<Entry> &serviceEntry,
                                       std::optional<Entry> &dashboardEntry)
{
    if (entry.key == "id"_L1) {
        const auto text = scalar(entry);
        if (!text)
            return true;
        const QString trimmed = text->trimmed();
        const SourceLocation where = locationOf(entry.value);
        if (!isValidServiceId(trimmed)) {
            addError(where, tr("'%1' is not a valid id; use lower-case letters, digits, '-' and '_', starting with a "
                               "letter or digit")
                                .arg(shown(*text)));
        } else if (const auto first = m_metricIds.constFind(trimmed); first != m_metricIds.cend()) {
            addError(where, tr("duplicate id '%1' in 'metrics' (first defined at %2)").arg(trimmed, first->toString()));
        } else {
            m_metricIds.insert(trimmed, where);
            id = trimmed;
        }
    } else if (entry.key == "service"_L1) {
        serviceEntry = entry;
        if (const auto text = nonEmptyText(entry)) {
            service = text->trimmed();
            // Checked once every service is read: `metrics:` may come before `services:`.
            m_metricServices.append({service, locationOf(entry.value)});
        }
    } else if (entry.key == "dashboard"_L1) {
        dashboardEntry = entry;
        if (const auto text = nonEmptyText(entry))
            dashboard = text->trimmed();
    } else if (entry.key == "auth"_L1) {
        HttpOptions options;
        readAuth(entry.value, options);
        auth = options.auth;
    } else {
        return false;
    }
    return true;
}

std::optional<QString> WorkspaceReader::metricUrl(const Entry &entry, const QString &what)
{
    const auto text = scalar(entry);
    if (!text)
        return std::nullopt;
    const QString trimmed = text->trimmed();
    const SourceLocation where = locationOf(entry.value);
    if (hasUserInfo(trimmed)) {
        addError(where, tr("a URL with a user name or password (user:password@) would keep a secret in the "
                           "workspace file; write %1 and use 'auth' instead, with the name of a secret stored in "
                           "the system keychain")
                            .arg(shown(withoutUserInfo(trimmed))));
        return std::nullopt;
    }
    if (!isValidHttpUrl(trimmed)) {
        addError(where, what.arg(shown(*text)));
        return std::nullopt;
    }
    return trimmed;
}

std::optional<ScrapeTarget> WorkspaceReader::readScrapeTarget(const YamlNode &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'scrape'")))
        return std::nullopt;
    ScrapeTarget target;
    target.location = locationOf(node);
    target.interval = defaultScrapeInterval;
    bool hasId = false;
    bool hasUrl = false;
    std::optional<std::chrono::milliseconds> timeout;
    std::optional<Entry> intervalEntry;
    std::optional<Entry> timeoutEntry;
    std::optional<Entry> serviceEntry;
    std::optional<Entry> dashboardEntry;
    for (const Entry &entry : entries(node)) {
        if (entry.key == "id"_L1)
            hasId = true;
        if (readMetricCommon(entry, target.id, target.service, target.dashboard, target.auth, serviceEntry,
                             dashboardEntry))
            continue;
        if (entry.key == "url"_L1) {
            hasUrl = true;
            if (const auto url = metricUrl(entry, tr("'%1' is not a metrics endpoint; expected a URL that starts with "
                                                     "http:// or https://, for example http://127.0.0.1:9100/metrics")))
                target.url = *url;
        } else if (entry.key == "interval"_L1) {
            intervalEntry = entry;
            if (const auto value = duration(entry, longestInterval)) {
                if (*value < shortestScrapeInterval)
                    addError(locationOf(entry.value),
                             tr("interval should be at least 1s, found %1").arg(formatDuration(*value)));
                else
                    target.interval = *value;
            }
        } else if (entry.key == "timeout"_L1) {
            timeoutEntry = entry;
            timeout = duration(entry, longestInterval);
        } else if (entry.key == "devices"_L1) {
            for (const YamlNode &item : items(entry.value, tr("'devices'"))) {
                if (!expectType(item, Expected::Scalar, tr("each item of 'devices'")))
                    continue;
                const QString device = item.scalar().trimmed();
                if (device.isEmpty())
                    addError(locationOf(item), tr("a device is a network interface's name, such as eth0; found "
                                                  "nothing"));
                else if (!target.devices.contains(device))
                    target.devices.append(device);
            }
        } else {
            unknownKey(entry, scrapeKeys, tr("a scrape target"));
        }
    }
    target.timeout = timeout ? *timeout : std::min(longestScrapeTimeout, target.interval);
    if (timeout && *timeout > target.interval) {
        addError(locationOf(timeoutEntry->value), tr("timeout %1 is longer than interval %2; a scrape must finish "
                                                     "before the next one starts")
                                                      .arg(formatDuration(*timeout), formatDuration(target.interval)));
    }
    if (serviceEntry && dashboardEntry)
        addError(locationOf(dashboardEntry->keyNode), tr("give 'service' or 'dashboard', not both; 'service' is at %1")
                                                          .arg(locationOf(serviceEntry->keyNode).toString()));
    if (!hasId)
        addError(target.location, tr("this scrape target has no 'id'; add one, for example: id: node"));
    if (!hasUrl)
        addError(target.location, tr("this scrape target has no 'url'; add the address of its metrics, for example "
                                     "url: http://127.0.0.1:9100/metrics"));
    return target;
}

std::optional<MetricSeriesSpec> WorkspaceReader::readMetricSeries(const YamlNode &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'series'")))
        return std::nullopt;
    MetricSeriesSpec series;
    series.location = locationOf(node);
    bool hasId = false;
    bool hasPrometheus = false;
    bool hasQuery = false;
    std::optional<Entry> serviceEntry;
    std::optional<Entry> dashboardEntry;
    for (const Entry &entry : entries(node)) {
        if (entry.key == "id"_L1)
            hasId = true;
        if (readMetricCommon(entry, series.id, series.service, series.dashboard, series.auth, serviceEntry,
                             dashboardEntry))
            continue;
        if (entry.key == "prometheus"_L1) {
            hasPrometheus = true;
            if (const auto url = metricUrl(entry, tr("'%1' is not a Prometheus address; expected the URL of a "
                                                     "Prometheus server (or of anything that speaks its HTTP API), "
                                                     "for example http://prometheus.example.org:9090")))
                series.prometheus = *url;
        } else if (entry.key == "query"_L1) {
            hasQuery = true;
            if (const auto text = nonEmptyText(entry))
                series.query = text->trimmed();
        } else if (entry.key == "title"_L1) {
            if (const auto text = nonEmptyText(entry))
                series.title = text->trimmed();
        } else if (entry.key == "unit"_L1) {
            if (const auto text = scalar(entry))
                series.unit = text->trimmed();
        } else {
            unknownKey(entry, metricSeriesKeys, tr("a series"));
        }
    }
    if (serviceEntry && dashboardEntry)
        addError(locationOf(dashboardEntry->keyNode), tr("give 'service' or 'dashboard', not both; 'service' is at %1")
                                                          .arg(locationOf(serviceEntry->keyNode).toString()));
    if (!hasId)
        addError(series.location, tr("this series has no 'id'; add one, for example: id: api-error-rate"));
    if (!hasPrometheus)
        addError(series.location, tr("this series has no 'prometheus'; add the address of the Prometheus server to "
                                     "ask, for example prometheus: http://127.0.0.1:9090"));
    if (!hasQuery)
        addError(series.location, tr("this series has no 'query'; add the PromQL expression to draw, for example "
                                     "query: 'rate(http_requests_total[5m])'"));
    if (series.title.isEmpty())
        series.title = series.id;
    return series;
}

// A status site: an id and exactly one kind key (statuspage, webdav, cachet), then the keys of its
// kind. Its credentials are named, never written: a token found in the file is an error that says so.
std::optional<StatusSite> WorkspaceReader::readStatusSite(const YamlNode &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'status_sites'")))
        return std::nullopt;
    StatusSite site;
    site.location = locationOf(node);
    const QList<Entry> all = entries(node);

    // The kind decides which of the other keys apply, so it is found first.
    const Entry *kind = nullptr;
    for (const Entry &entry : all) {
        std::optional<StatusSite::Kind> found;
        if (entry.key == "statuspage"_L1)
            found = StatusSite::Kind::Statuspage;
        else if (entry.key == "webdav"_L1)
            found = StatusSite::Kind::WebDav;
        else if (entry.key == "cachet"_L1)
            found = StatusSite::Kind::Cachet;
        if (!found)
            continue;
        if (kind) {
            addError(locationOf(entry.keyNode),
                     tr("a status site has exactly one kind; this one already has '%1' at %2")
                         .arg(kind->key, locationOf(kind->keyNode).toString()));
            continue;
        }
        kind = &entry;
        site.kind = *found;
    }
    if (!kind) {
        addError(site.location, tr("this status site has no kind; add one of 'statuspage: {page_id: ..., token: "
                                   "SECRET-NAME}', 'webdav: URL' or 'cachet: URL'"));
        return std::nullopt;
    }

    bool hasId = false;
    bool hasToken = false;
    bool hasSiteUrl = false;
    std::optional<Entry> authEntry;
    const auto applies = [&](const Entry &entry, std::initializer_list<StatusSite::Kind> kinds) {
        if (std::find(kinds.begin(), kinds.end(), site.kind) != kinds.end())
            return true;
        addError(locationOf(entry.keyNode), tr("'%1' does not apply to a %2 site").arg(entry.key, kind->key));
        return false;
    };
    for (const Entry &entry : all) {
        if (&entry == kind) {
            if (site.kind == StatusSite::Kind::Statuspage) {
                readStatuspageSite(entry, site);
            } else if (site.kind == StatusSite::Kind::WebDav) {
                // Authenticated or not is known once `auth` is read: checked below.
                if (const auto url = statusSiteUrl(entry, false,
                                                   tr("'%1' is not a WebDAV address; expected the URL "
                                                      "of the folder the site is uploaded to, for "
                                                      "example https://dav.example.org/status/")))
                    site.url = *url;
            } else {
                if (const auto url = statusSiteUrl(entry, true,
                                                   tr("'%1' is not a Cachet address; expected the URL "
                                                      "of its API, for example "
                                                      "https://status.example.org/api/v1")))
                    site.url = *url;
            }
            continue;
        }
        if (entry.key == "statuspage"_L1 || entry.key == "webdav"_L1 || entry.key == "cachet"_L1)
            continue; // a second kind, reported above
        if (entry.key == "id"_L1) {
            hasId = true;
            const auto text = scalar(entry);
            if (!text)
                continue;
            const QString trimmed = text->trimmed();
            const SourceLocation where = locationOf(entry.value);
            if (!isValidServiceId(trimmed)) {
                addError(where, tr("'%1' is not a valid id; use lower-case letters, digits, '-' and '_', starting with "
                                   "a letter or digit")
                                    .arg(shown(*text)));
            } else if (const auto first = m_statusSiteIds.constFind(trimmed); first != m_statusSiteIds.cend()) {
                addError(where,
                         tr("duplicate status site id '%1' (first defined at %2)").arg(trimmed, first->toString()));
            } else {
                m_statusSiteIds.insert(trimmed, where);
                site.id = trimmed;
            }
        } else if (entry.key == "components"_L1) {
            if (applies(entry, {StatusSite::Kind::Statuspage, StatusSite::Kind::Cachet}))
                readSiteComponents(entry, site);
        } else if (entry.key == "auth"_L1) {
            if (applies(entry, {StatusSite::Kind::WebDav})) {
                authEntry = entry;
                HttpOptions options;
                readAuth(entry.value, options);
                site.auth = options.auth;
            }
        } else if (entry.key == "site_url"_L1) {
            if (applies(entry, {StatusSite::Kind::WebDav})) {
                hasSiteUrl = true;
                if (const auto url = statusSiteUrl(entry, false,
                                                   tr("'%1' is not the address of a site; expected the "
                                                      "URL the public reads it at, for example "
                                                      "https://status.example.org/")))
                    site.siteUrl = *url;
            }
        } else if (entry.key == "token"_L1) {
            if (site.kind == StatusSite::Kind::Statuspage) {
                addError(locationOf(entry.keyNode),
                         tr("a Statuspage site names its token inside 'statuspage': statuspage: {page_id: ..., "
                            "token: SECRET-NAME}"));
            } else if (applies(entry, {StatusSite::Kind::Cachet})) {
                hasToken = true;
                if (const auto name = tokenSecret(entry))
                    site.tokenSecret = *name;
            }
        } else {
            unknownKey(entry, statusSiteKeys, tr("a status site"));
        }
    }
    if (!hasId)
        addError(site.location, tr("this status site has no 'id'; add one, for example: id: public-status"));
    if (site.kind == StatusSite::Kind::Cachet && !hasToken)
        addError(site.location, tr("this Cachet site has no 'token'; name the secret stored in the system keychain "
                                   "that holds its API token, for example token: cachet-token"));
    if (site.kind == StatusSite::Kind::WebDav) {
        if (!hasSiteUrl)
            addError(site.location, tr("this WebDAV site has no 'site_url'; add the address the public reads it at, "
                                       "for example site_url: https://status.example.org/"));
        // Credentials go over TLS only, but to this machine.
        if (authEntry && !site.url.isEmpty() && !isSafeForCredentials(site.url))
            addError(locationOf(kind->value), tr("'%1' would send the credentials of 'auth' unencrypted; use "
                                                 "https:// (http:// is accepted for a loopback address only)")
                                                  .arg(shown(site.url)));
    }
    return site;
}

void WorkspaceReader::readStatuspageSite(const Entry &entry, StatusSite &site)
{
    site.url = defaultStatuspageApi;
    if (!expectType(entry.value, Expected::Mapping, tr("'statuspage'")))
        return;
    bool hasPageId = false;
    bool hasToken = false;
    for (const Entry &item : entries(entry.value)) {
        if (item.key == "page_id"_L1) {
            hasPageId = true;
            if (const auto text = nonEmptyText(item))
                site.pageId = text->trimmed();
        } else if (item.key == "token"_L1) {
            hasToken = true;
            if (const auto name = tokenSecret(item))
                site.tokenSecret = *name;
        } else if (item.key == "api"_L1) {
            if (const auto url = statusSiteUrl(item, true,
                                               tr("'%1' is not a Statuspage API address; expected a URL "
                                                  "such as https://api.statuspage.io/v1")))
                site.url = *url;
        } else {
            unknownKey(item, statuspageSiteKeys, tr("'statuspage'"));
        }
    }
    const SourceLocation where = locationOf(entry.value);
    if (!hasPageId)
        addError(where, tr("'statuspage' has no 'page_id'; add the id of the page, as its API settings show it"));
    if (!hasToken)
        addError(where, tr("'statuspage' has no 'token'; name the secret stored in the system keychain that holds "
                           "its API key, for example token: statuspage-key"));
}

// An http(s) URL without credentials in it; an `authenticated` one over https, or http to loopback.
std::optional<QString> WorkspaceReader::statusSiteUrl(const Entry &entry, bool authenticated, const QString &what)
{
    const auto text = scalar(entry);
    if (!text)
        return std::nullopt;
    const QString trimmed = text->trimmed();
    const SourceLocation where = locationOf(entry.value);
    if (hasUserInfo(trimmed)) {
        addError(where, tr("a URL with a user name or password (user:password@) would keep a secret in the "
                           "workspace file; write %1 and name the secret stored in the system keychain instead")
                            .arg(shown(withoutUserInfo(trimmed))));
        return std::nullopt;
    }
    if (!isValidHttpUrl(trimmed)) {
        addError(where, what.arg(shown(trimmed)));
        return std::nullopt;
    }
    if (authenticated && !isSafeForCredentials(trimmed)) {
        addError(where, tr("'%1' would send the site's token unencrypted; use https:// (http:// is accepted for a "
                           "loopback address only)")
                            .arg(shown(trimmed)));
        return std::nullopt;
    }
    return trimmed;
}

// The name of the secret that holds a token. A value that looks like the token itself is refused
// without being quoted back: it must not travel further than the file it was written in.
std::optional<QString> WorkspaceReader::tokenSecret(const Entry &entry)
{
    const auto text = scalar(entry);
    if (!text)
        return std::nullopt;
    const QString name = text->trimmed();
    if (!isValidSecretName(name) || looksLikeToken(name)) {
        addError(locationOf(entry.value),
                 tr("'token' names a secret stored in the system keychain, and this looks like a token itself: a "
                    "token must never be in the workspace; store it with 'vigie secret set NAME' and write that "
                    "name here, for example token: statuspage-key"));
        return std::nullopt;
    }
    return name;
}

void WorkspaceReader::readSiteComponents(const Entry &entry, StatusSite &site)
{
    if (!expectType(entry.value, Expected::Mapping, tr("'components'")))
        return;
    for (const Entry &item : entries(entry.value)) {
        const QString service = item.key.trimmed();
        const auto component = nonEmptyText(item);
        // Checked once every service is read: `status_sites:` may come before `services:`.
        m_statusSiteServices.append({service, locationOf(item.keyNode)});
        if (component)
            site.components.append({service, component->trimmed()});
    }
}

// `alerts:`: where alerts go (channels) and which go where (routes). The routes name channels that
// may be declared after them, so those names are checked once the whole section is read; the
// services and groups they name, once the whole file is.
void WorkspaceReader::readAlerts(const Entry &entry, AlertSettings &alerts)
{
    // Nothing under it (its lines commented out, say): the defaults, as without the key.
    if (entry.value.isNull() || !expectType(entry.value, Expected::Mapping, tr("'alerts'")))
        return;
    QList<Reference> routed; // the channels the routes name
    bool routesRead = true;  // every route was read without an error
    for (const Entry &item : entries(entry.value)) {
        if (item.key == "group_wait"_L1) {
            if (const auto value = duration(item, longestGroupWait))
                alerts.groupWait = *value;
        } else if (item.key == "flap_interval"_L1) {
            if (const auto value = duration(item, longestFlapInterval))
                alerts.flapInterval = *value;
        } else if (item.key == "channels"_L1) {
            for (const YamlNode &node : items(item.value, tr("'channels'"))) {
                if (m_source.hasTooManyErrors())
                    break;
                if (auto channel = readAlertChannel(node))
                    alerts.channels.append(std::move(*channel));
            }
        } else if (item.key == "routes"_L1) {
            for (const YamlNode &node : items(item.value, tr("'routes'"))) {
                if (m_source.hasTooManyErrors())
                    break;
                auto route = readAlertRoute(node, routed);
                // A route without its channels was reported: which it meant is unknown.
                if (!route || route->channels.isEmpty())
                    routesRead = false;
                if (route)
                    alerts.routes.append(std::move(*route));
            }
        } else {
            unknownKey(item, alertsKeys, tr("'alerts'"));
        }
    }
    QStringList ids; // for suggestions, once a name is not found
    for (const Reference &reference : std::as_const(routed)) {
        // A channel whose id is itself wrong was reported where it is declared.
        if (m_channelNames.contains(reference.name))
            continue;
        routesRead = false;
        if (ids.isEmpty())
            ids = m_channelIds.keys();
        unknownReference(reference, tr("this route names channel '%1', which alerts: channels does not declare"), ids);
    }
    // Without routes every channel is sent every alert; with them, a channel no route names would
    // never be sent anything, which is a mistake rather than a way to turn a channel off. Not said
    // on top of a mistake in the routes (a misspelt name is the likelier story).
    if (alerts.routes.isEmpty() || !routesRead)
        return;
    for (const AlertChannelSpec &channel : std::as_const(alerts.channels)) {
        const bool named = std::ranges::any_of(
            routed, [&channel](const Reference &reference) { return reference.name == channel.id; });
        if (!channel.id.isEmpty() && !named)
            addError(m_channelIds.value(channel.id, channel.location),
                     tr("no route names channel '%1', so it would never be sent an alert; add it to a route's "
                        "'channels', or remove it")
                         .arg(channel.id));
    }
}

// A channel: an id and exactly one kind key (webhook, smtp, command), then the keys every kind has.
std::optional<AlertChannelSpec> WorkspaceReader::readAlertChannel(const YamlNode &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'channels'")))
        return std::nullopt;
    AlertChannelSpec channel;
    channel.location = locationOf(node);
    const QList<Entry> all = entries(node);
    const auto kindOf = [](const QString &key) -> std::optional<AlertChannelSpec::Kind> {
        if (key == "webhook"_L1)
            return AlertChannelSpec::Kind::Webhook;
        if (key == "smtp"_L1)
            return AlertChannelSpec::Kind::Smtp;
        if (key == "command"_L1)
            return AlertChannelSpec::Kind::Command;
        return std::nullopt;
    };

    const Entry *kind = nullptr;
    for (const Entry &entry : all) {
        const std::optional<AlertChannelSpec::Kind> found = kindOf(entry.key);
        if (!found)
            continue;
        if (kind) {
            addError(locationOf(entry.keyNode), tr("a channel has exactly one kind; this one already has '%1' at %2")
                                                    .arg(kind->key, locationOf(kind->keyNode).toString()));
            continue;
        }
        kind = &entry;
        channel.kind = *found;
    }
    if (!kind)
        addError(channel.location, tr("this channel has no kind; add one of 'webhook: URL', 'smtp: {host: ..., "
                                      "from: ..., to: [...]}' or 'command: [PROGRAM, ARGUMENTS...]'"));

    bool hasId = false;
    for (const Entry &entry : all) {
        if (&entry == kind) {
            switch (channel.kind) {
            case AlertChannelSpec::Kind::Webhook:
                readWebhook(entry, channel);
                break;
            case AlertChannelSpec::Kind::Smtp:
                readSmtp(entry, channel);
                break;
            case AlertChannelSpec::Kind::Command:
                readCommand(entry, channel);
                break;
            }
            continue;
        }
        if (kindOf(entry.key))
            continue; // a second kind, reported above
        if (entry.key == "id"_L1) {
            hasId = true;
            const auto text = scalar(entry);
            if (!text)
                continue;
            const QString trimmed = text->trimmed();
            const SourceLocation where = locationOf(entry.value);
            m_channelNames.append(trimmed);
            if (!isValidServiceId(trimmed)) {
                addError(where, tr("'%1' is not a valid id; use lower-case letters, digits, '-' and '_', starting with "
                                   "a letter or digit")
                                    .arg(shown(*text)));
            } else if (const auto first = m_channelIds.constFind(trimmed); first != m_channelIds.cend()) {
                addError(where, tr("duplicate channel id '%1' (first defined at %2)").arg(trimmed, first->toString()));
            } else {
                m_channelIds.insert(trimmed, where);
                channel.id = trimmed;
            }
        } else if (entry.key == "timeout"_L1) {
            if (const auto value = duration(entry, longestChannelTimeout))
                channel.timeout = *value;
        } else {
            unknownKey(entry, alertChannelKeys, tr("a channel"));
        }
    }
    if (!hasId)
        addError(channel.location, tr("this channel has no 'id'; add one, for example: id: ops-mail"));
    return channel;
}

// `webhook: URL`, or `webhook: {url: URL, headers: {...}}` for a receiver that wants headers.
void WorkspaceReader::readWebhook(const Entry &entry, AlertChannelSpec &channel)
{
    if (entry.value.isScalar()) {
        if (const auto url = webhookUrl(entry))
            channel.url = *url;
        return;
    }
    if (!entry.value.isMap()) {
        addError(locationOf(entry.value),
                 tr("'webhook' should be a URL, or a mapping with 'url' and 'headers', found %1")
                     .arg(describe(entry.value)));
        return;
    }
    bool hasUrl = false;
    for (const Entry &item : entries(entry.value)) {
        if (item.key == "url"_L1) {
            hasUrl = true;
            if (const auto url = webhookUrl(item))
                channel.url = *url;
        } else if (item.key == "headers"_L1) {
            readHeaders(item.value, channel.headers,
                        tr("an Authorization header would keep a secret in the workspace file; a webhook sends "
                           "no credentials of its own: use the address the receiver gives, which holds its token"));
        } else {
            unknownKey(item, webhookKeys, tr("'webhook'"));
        }
    }
    if (!hasUrl)
        addError(locationOf(entry.value), tr("'webhook' has no 'url'; add the address alerts are posted to, for "
                                             "example url: https://chat.example.org/hooks/..."));
}

// An http(s) URL that names a host, without user info; the error says which of these it is not.
std::optional<QString> WorkspaceReader::webhookUrl(const Entry &entry)
{
    const auto text = scalar(entry);
    if (!text)
        return std::nullopt;
    const QString trimmed = text->trimmed();
    const SourceLocation where = locationOf(entry.value);
    if (hasUserInfo(trimmed)) {
        addError(where, tr("a URL with a user name or password (user:password@) would keep a secret in the "
                           "workspace file; a webhook sends no credentials of its own: write %1")
                            .arg(shown(withoutUserInfo(trimmed))));
        return std::nullopt;
    }
    if (isValidHttpUrl(trimmed))
        return trimmed;
    const QUrl url(trimmed, QUrl::StrictMode);
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        addError(where, tr("'%1' is not a webhook address: it should start with http:// or https://, for example "
                           "https://chat.example.org/hooks/...")
                            .arg(shown(trimmed)));
    else if (!url.isValid())
        addError(where,
                 tr("'%1' is not a valid URL; look for a space or a character a URL cannot hold").arg(shown(trimmed)));
    else
        addError(where, tr("'%1' names no host; a webhook address is a URL such as "
                           "https://chat.example.org/hooks/...")
                            .arg(shown(trimmed)));
    return std::nullopt;
}

void WorkspaceReader::readSmtp(const Entry &entry, AlertChannelSpec &channel)
{
    if (!expectType(entry.value, Expected::Mapping, tr("'smtp'")))
        return;
    bool hasHost = false;
    bool hasFrom = false;
    bool hasTo = false;
    bool hasPort = false;
    std::optional<Entry> username;
    std::optional<Entry> secret;
    std::optional<Entry> security;
    std::optional<Entry> caFile;
    for (const Entry &item : entries(entry.value)) {
        if (item.key == "host"_L1) {
            hasHost = true;
            const auto text = scalar(item);
            if (!text)
                continue;
            const QString host = text->trimmed();
            if (isValidHostName(host, false) || !QHostAddress(host).isNull())
                channel.host = host;
            else
                addError(locationOf(item.value), tr("'%1' is not a host name; expected the relay's name or address, "
                                                    "for example smtp.example.org (the port goes in 'port')")
                                                     .arg(shown(*text)));
        } else if (item.key == "port"_L1) {
            hasPort = true;
            channel.port = boundedInt(item, 1, 65535).value_or(channel.port);
        } else if (item.key == "security"_L1) {
            security = item;
            const auto text = scalar(item);
            if (!text)
                continue;
            const QString value = text->trimmed().toLower();
            if (value == "starttls"_L1)
                channel.security = AlertChannelSpec::SmtpSecurity::StartTls;
            else if (value == "tls"_L1)
                channel.security = AlertChannelSpec::SmtpSecurity::Tls;
            else if (value == "none"_L1)
                channel.security = AlertChannelSpec::SmtpSecurity::None;
            else
                addError(locationOf(item.value),
                         tr("'%1' is not an SMTP security; expected starttls, tls or none").arg(shown(*text)));
        } else if (item.key == "from"_L1) {
            hasFrom = true;
            if (const auto from = mailbox(item.value, tr("'from'")))
                channel.from = *from;
        } else if (item.key == "to"_L1) {
            hasTo = true;
            if (!item.value.isScalar() && !item.value.isSequence()) {
                addError(
                    locationOf(item.value),
                    tr("'to' should be an address or a sequence of addresses, found %1").arg(describe(item.value)));
                continue;
            }
            const QList<YamlNode> recipients =
                item.value.isScalar() ? QList<YamlNode>{item.value} : items(item.value, tr("'to'"));
            if (recipients.isEmpty())
                addError(locationOf(item.value),
                         tr("'to' is empty; add at least one recipient, for example to: [oncall@example.org]"));
            for (const YamlNode &node : recipients) {
                const auto to = mailbox(node, tr("each item of 'to'"));
                if (!to)
                    continue;
                if (channel.to.contains(*to))
                    addError(locationOf(node), tr("'%1' is listed twice in 'to'").arg(shown(*to)));
                else
                    channel.to.append(*to);
            }
        } else if (item.key == "username"_L1) {
            username = item;
            if (const auto text = nonEmptyText(item))
                channel.username = text->trimmed();
        } else if (item.key == "secret"_L1) {
            secret = item;
            if (auto name = secretName(item))
                channel.secret = std::move(*name);
        } else if (item.key == "ca_file"_L1) {
            caFile = item;
            TlsTrust trust;
            readCaFile(item, trust);
            channel.caFile = trust.caFile;
        } else if (item.key == "password"_L1) {
            addError(locationOf(item.keyNode),
                     tr("'%1' would keep a secret in the workspace file; store it in the system keychain and give "
                        "its name with 'secret'")
                         .arg(item.key));
        } else {
            unknownKey(item, smtpKeys, tr("'smtp'"));
        }
    }
    // Implicit TLS has a port of its own; STARTTLS and plain text share submission's.
    if (!hasPort)
        channel.port = channel.security == AlertChannelSpec::SmtpSecurity::Tls ? smtpsPort : smtpSubmissionPort;
    const SourceLocation where = locationOf(entry.value);
    if (!hasHost)
        addError(where, tr("'smtp' has no 'host'; add the relay's name, for example host: smtp.example.org"));
    if (!hasFrom)
        addError(where, tr("'smtp' has no 'from'; add the sender's address, for example from: vigie@example.org"));
    if (!hasTo)
        addError(where, tr("'smtp' has no 'to'; add at least one recipient, for example to: [oncall@example.org]"));
    if (username && !secret)
        addError(where, tr("'smtp' has a 'username' but no 'secret'; name the secret stored in the system keychain "
                           "that holds its password, for example secret: smtp-password"));
    if (secret && !username)
        addError(locationOf(secret->keyNode),
                 tr("'secret' is the password of 'username', which 'smtp' does not give; add the login's user name"));
    // A login goes over TLS only, but to this machine.
    if (username && security && channel.security == AlertChannelSpec::SmtpSecurity::None && !channel.host.isEmpty() &&
        !isLoopbackHost(channel.host))
        addError(locationOf(security->value),
                 tr("security: none would send the login of 'username' unencrypted to %1; use starttls or tls (none "
                    "is accepted for a loopback relay only)")
                     .arg(shown(channel.host)));
    // A CA verifies the relay's certificate, which plain text never sees.
    if (caFile && channel.security == AlertChannelSpec::SmtpSecurity::None)
        addError(locationOf(caFile->keyNode), tr("'ca_file' verifies the relay's certificate, and security: none "
                                                 "uses no TLS; use starttls or tls, or remove 'ca_file'"));
}

// An address as `from` and `to` take it: oncall@example.org, or Name <oncall@example.org>.
std::optional<QString> WorkspaceReader::mailbox(const YamlNode &node, const QString &subject)
{
    if (!expectType(node, Expected::Scalar, subject))
        return std::nullopt;
    const QString text = node.scalar().trimmed();
    if (isMailbox(text))
        return text;
    addError(locationOf(node), tr("'%1' is not an e-mail address; expected one such as oncall@example.org, or "
                                  "Name <oncall@example.org>")
                                   .arg(shown(text)));
    return std::nullopt;
}

// The program and its arguments, each a word of its own: no shell reads them.
void WorkspaceReader::readCommand(const Entry &entry, AlertChannelSpec &channel)
{
    if (!entry.value.isSequence()) {
        addError(locationOf(entry.value),
                 tr("'command' should be a sequence, the program then its arguments, run without a shell (for "
                    "example command: [/usr/local/bin/page, --team, ops]), found %1")
                     .arg(describe(entry.value)));
        return;
    }
    const QList<YamlNode> words = items(entry.value, tr("'command'"));
    if (words.isEmpty()) {
        addError(locationOf(entry.value), tr("'command' is empty; give the program to run, then its arguments, for "
                                             "example command: [/usr/local/bin/page, --team, ops]"));
        return;
    }
    QStringList command;
    for (const YamlNode &word : words) {
        if (expectType(word, Expected::Scalar, tr("each item of 'command'")))
            command.append(word.scalar());
    }
    if (command.size() != words.size())
        return;
    if (command.constFirst().trimmed().isEmpty()) {
        addError(locationOf(words.constFirst()),
                 tr("the first item of 'command' is the program to run; found nothing"));
        return;
    }
    channel.command = command;
}

// A route: the channels its alerts go to, for the services or groups it names (neither: every one).
std::optional<AlertRoute> WorkspaceReader::readAlertRoute(const YamlNode &node, QList<Reference> &channels)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'routes'")))
        return std::nullopt;
    AlertRoute route;
    route.location = locationOf(node);
    bool hasChannels = false;
    for (const Entry &entry : entries(node)) {
        if (entry.key == "channels"_L1) {
            hasChannels = true;
            if (entry.value.isSequence() && entry.value.size() == 0)
                addError(locationOf(entry.value), tr("'channels' is empty; name the channels this route's alerts go "
                                                     "to, for example channels: [ops-mail]"));
            for (const Reference &reference : names(entry, true)) {
                route.channels.append(reference.name);
                channels.append(reference);
            }
        } else if (entry.key == "services"_L1) {
            // Checked once every service is read: `alerts:` may come before `services:`.
            readReferences(entry, route.services, m_routeServices);
        } else if (entry.key == "groups"_L1) {
            readReferences(entry, route.groups, m_routeGroups);
        } else {
            unknownKey(entry, alertRouteKeys, tr("a route"));
        }
    }
    if (!hasChannels)
        addError(route.location, tr("this route has no 'channels'; name the channels its alerts go to, for example "
                                    "channels: [ops-mail]"));
    return route;
}

void WorkspaceReader::checkReferences(const Workspace &workspace, const QList<QList<Reference>> &dependencies)
{
    QStringList ids; // for suggestions, once a name is not found
    const auto serviceIds = [&]() -> const QStringList & {
        if (ids.isEmpty())
            ids = m_serviceIds.keys();
        return ids;
    };
    for (qsizetype i = 0; i < workspace.services.size(); ++i) {
        for (const Reference &reference : dependencies[i]) {
            if (!m_serviceIds.contains(reference.name))
                unknownReference(reference, tr("depends_on names '%1', which is not a service of this workspace"),
                                 serviceIds());
        }
    }
    for (const Reference &reference : std::as_const(m_maintenanceServices)) {
        if (!m_serviceIds.contains(reference.name))
            unknownReference(reference, tr("there is no service '%1' in this workspace"), serviceIds());
    }
    for (const Reference &reference : std::as_const(m_metricServices)) {
        if (!m_serviceIds.contains(reference.name))
            unknownReference(reference, tr("there is no service '%1' in this workspace"), serviceIds());
    }
    for (const Reference &reference : std::as_const(m_statusSiteServices)) {
        if (!m_serviceIds.contains(reference.name))
            unknownReference(reference, tr("there is no service '%1' in this workspace"), serviceIds());
    }
    for (const Reference &reference : std::as_const(m_routeServices)) {
        if (!m_serviceIds.contains(reference.name))
            unknownReference(reference, tr("there is no service '%1' in this workspace"), serviceIds());
    }
    if (!m_maintenanceGroups.isEmpty() || !m_routeGroups.isEmpty()) {
        QStringList groups;
        for (const Service &service : workspace.services) {
            if (!groups.contains(service.group))
                groups.append(service.group);
        }
        for (const QList<Reference> *references : {&m_maintenanceGroups, &m_routeGroups}) {
            for (const Reference &reference : *references) {
                if (!groups.contains(reference.name))
                    unknownReference(reference, tr("no service is in a group '%1'"), groups);
            }
        }
    }
    checkDependencyCycles(workspace, dependencies);
}

// A depth-first walk over depends_on, in file order: an edge back to a service still on the path
// closes a cycle, reported at the entry that names it.
void WorkspaceReader::checkDependencyCycles(const Workspace &workspace, const QList<QList<Reference>> &dependencies)
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

} // namespace Vigie
