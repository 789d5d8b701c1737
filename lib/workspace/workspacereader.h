#pragma once

#include "workspace.h"
#include "yamlsource.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace Vigie {

// The readers: they turn the YAML nodes of a workspace file into a Workspace, adding an error at
// file:line:column to the source for everything that does not fit the format (README.md,
// "Workspaces"). Unknown keys, keys given twice, keys of another probe kind and values of the wrong
// type are all errors: a typo in a monitoring file must not silently drop a check.
class WorkspaceReader
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::WorkspaceLoader)

public:
    explicit WorkspaceReader(YamlSource &source)
        : m_source(source)
    {}

    // Reads the whole workspace and checks the references between its parts.
    std::optional<Workspace> readWorkspace(const YamlNode &root);

private:
    struct Entry
    {
        QString key;
        YamlNode keyNode;
        YamlNode value;
    };

    // A name that refers to something defined elsewhere in the file, checked once all is read.
    struct Reference
    {
        QString name;
        SourceLocation location;
    };

    enum class Expected { Mapping, Sequence, Scalar };

    void addError(const SourceLocation &where, const QString &message) { m_source.addError(where, message); }
    SourceLocation locationOf(const YamlNode &node) const { return m_source.locationOf(node); }
    SourceLocation locationInScalar(const YamlNode &node, int column) const
    {
        return m_source.locationInScalar(node, column);
    }
    static QString describe(const YamlNode &node);

    bool expectType(const YamlNode &node, Expected type, const QString &subject);
    QString keyText(const YamlNode &key);
    QList<Entry> entries(const YamlNode &mapping);
    QList<YamlNode> items(const YamlNode &sequence, const QString &subject);
    std::optional<QString> scalar(const Entry &entry);
    std::optional<QString> nonEmptyText(const Entry &entry);
    std::optional<QString> secretName(const Entry &entry);
    std::optional<std::chrono::milliseconds> duration(const Entry &entry, std::chrono::milliseconds longest);
    bool lengthInRange(const Entry &entry, const QString &text, std::chrono::milliseconds value,
                       std::chrono::milliseconds longest, const QString &longestText);
    std::optional<int> boundedInt(const Entry &entry, int low, int high);
    std::optional<QString> pattern(const YamlNode &node, const QString &subject);
    QList<Reference> names(const Entry &entry, bool singleAllowed);
    void readReferences(const Entry &entry, QStringList &into, QList<Reference> &checked);
    void unknownKey(const Entry &entry, const QList<QLatin1StringView> &known, const QString &owner);
    void unknownReference(const Reference &reference, const QString &what, const QStringList &known);

    std::optional<Service> readService(const YamlNode &node, QList<Reference> &dependencies);
    std::optional<ProbeSpec> readProbe(const YamlNode &node);
    void readTarget(const Entry &entry, ProbeSpec &probe);
    void readExpect(const YamlNode &node, HttpOptions &probe, std::optional<Entry> &maxLatency);
    void readStatus(const YamlNode &node, HttpOptions &probe);
    void readConditions(const YamlNode &node, ProbeSpec &probe);
    // `authorization` says what to write instead of an Authorization header, which is refused.
    void readHeaders(const YamlNode &node, QList<std::pair<QByteArray, QByteArray>> &headers,
                     const QString &authorization);
    void readAuth(const YamlNode &node, HttpOptions &probe);
    void readEachSeries(const Entry &entry, PrometheusOptions &probe);
    void readSteps(const YamlNode &node, TcpOptions &probe);
    void readCaFile(const Entry &entry, TlsTrust &trust);
    void readInsecure(const Entry &entry, TlsTrust &trust);
    std::optional<MaintenanceWindow> readMaintenance(const YamlNode &node);
    void readEvery(const Entry &entry, MaintenanceWindow &window);
    void readHistory(const Entry &entry, HistorySettings &history);
    void readMetrics(const Entry &entry, MetricsSettings &metrics);
    std::optional<ScrapeTarget> readScrapeTarget(const YamlNode &node);
    std::optional<MetricSeriesSpec> readMetricSeries(const YamlNode &node);
    // The keys a scrape target and a PromQL series share: id, service, dashboard, auth. False when
    // `entry` is none of them.
    bool readMetricCommon(const Entry &entry, QString &id, QString &service, QString &dashboard, HttpAuth &auth,
                          std::optional<Entry> &serviceEntry, std::optional<Entry> &dashboardEntry);
    std::optional<QString> metricUrl(const Entry &entry, const QString &what);
    std::optional<StatusSite> readStatusSite(const YamlNode &node);
    void readStatuspageSite(const Entry &entry, StatusSite &site);
    std::optional<QString> statusSiteUrl(const Entry &entry, bool authenticated, const QString &what);
    std::optional<QString> tokenSecret(const Entry &entry);
    void readSiteComponents(const Entry &entry, StatusSite &site);
    void readSeriesHistory(const Entry &entry, HistorySettings &history);
    std::optional<std::chrono::milliseconds> historyAge(const Entry &entry, std::chrono::milliseconds shortest,
                                                        const QString &tooShort);
    void readAlerts(const Entry &entry, AlertSettings &alerts);
    std::optional<AlertChannelSpec> readAlertChannel(const YamlNode &node);
    void readWebhook(const Entry &entry, AlertChannelSpec &channel);
    std::optional<QString> webhookUrl(const Entry &entry);
    void readSmtp(const Entry &entry, AlertChannelSpec &channel);
    std::optional<QString> mailbox(const YamlNode &node, const QString &subject);
    void readCommand(const Entry &entry, AlertChannelSpec &channel);
    std::optional<AlertRoute> readAlertRoute(const YamlNode &node, QList<Reference> &channels);
    void checkReferences(const Workspace &workspace, const QList<QList<Reference>> &dependencies);
    void checkDependencyCycles(const Workspace &workspace, const QList<QList<Reference>> &dependencies);

    QString probeNoun(ProbeKind kind) const;
    QString kindList(unsigned kinds) const;

    YamlSource &m_source;
    QHash<QString, SourceLocation> m_serviceIds;
    QList<Reference> m_maintenanceServices;
    QList<Reference> m_maintenanceGroups;
    QList<Reference> m_metricServices;          // the services `metrics:` attaches series to
    QHash<QString, SourceLocation> m_metricIds; // of scrape targets and series
    QHash<QString, SourceLocation> m_statusSiteIds;
    QList<Reference> m_statusSiteServices;       // the services the status sites' components map
    QHash<QString, SourceLocation> m_channelIds; // of `alerts: channels:`
    QStringList m_channelNames;                  // every channel's id as written, valid or not
    QList<Reference> m_routeServices;            // the services and groups `alerts: routes:` name
    QList<Reference> m_routeGroups;
    QHash<QByteArray, bool> m_timeZones; // ids looked up so far, and whether the system knows them
    QStringList m_timeZoneNames;         // the system's, once one was not found
    static constexpr qsizetype maxInternedKeys = 256;
    QHash<QByteArrayView, QString> m_keys; // keys as read so far, by their UTF-8 text in the source's tree
};

} // namespace Vigie
