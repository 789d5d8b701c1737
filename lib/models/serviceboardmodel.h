#pragma once

#include "alerts/silence.h"
#include "core/clock.h"
#include "health/healthevent.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QTimer>

namespace Vigie {

class Monitor;

// How many services of a group show each state. A failure explained by maintenance or by a
// dependency is counted apart: up to unknown count the services that show their own state.
struct StateCounts
{
    int up = 0;
    int degraded = 0;
    int down = 0;
    int unknown = 0;
    int maintenance = 0;
    int impacted = 0;

    StateCounts &operator+=(const StateCounts &other)
    {
        up += other.up;
        degraded += other.degraded;
        down += other.down;
        unknown += other.unknown;
        maintenance += other.maintenance;
        impacted += other.impacted;
        return *this;
    }
    friend bool operator==(const StateCounts &, const StateCounts &) = default;
};

// The health board: a two-level tree, groups at the top (in the order the workspace first names
// them), their services below (in workspace order). Results arrive through applyResults() at any
// rate; the model folds them in at once but tells views at most ten times a second, with one
// dataChanged per changed range.
class ServiceBoardModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceBoardModel)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // QString; service id (empty on group rows)
        IsGroupRole,               // bool
        GroupRole,                 // QString
        StateRole,                 // int (HealthState); on groups: the worst of its services
        StateTextRole,             // QString, translated: "Up", "Degraded", "Down", "No data yet"
        LastLatencyRole,           // double ms, or invalid QVariant when no result yet
        SparklineRole, // QList<double>: recent latencies of the first probe, oldest first (at most SparklineLength)
        SparklineStatesRole, // QList<int>: HealthState of each sparkline point
        LastChangeRole,      // QDateTime (UTC) of the last state change; invalid if none yet
        LastResultTimeRole,  // QDateTime (UTC) of the last result
        ErrorRole,           // QString: the error of the worst failing probe, empty if none
        ProbeCountRole,      // int
        CountsRole,          // on groups: StateCounts
        PresentationRole,    // int (Presentation): how the tile explains its state
        MaintenanceRole,     // QString: the maintenance window's name (or the upstream's) when in maintenance
        ImpactedByRole,      // QString: the name of the service down that explains this one's failure
        InsecureRole,        // QString: why TLS verification is off, in the workspace's words; empty if on
        DetailRole,          // QString: what the probes found (certificate expiry, DNS answers, provider status)
        AlarmRole,           // bool: down or degraded, not explained by maintenance or a dependency
        StaleRole,           // bool: its last result is older than two of its probes' intervals (isStale)
        // QString, translated: who acknowledged its failure and why ("Acknowledged by alice:
        // restarting db1"); empty when nobody did.
        AcknowledgementRole,
    };
    Q_ENUM(Role)

    // A failing service in maintenance, or impacted by a dependency, raises no alarm: its tile says
    // why instead. The group header and the status bar count alarms only.
    enum class Presentation { Normal, Maintenance, Impacted };
    Q_ENUM(Presentation)

    static constexpr int SparklineLength = 30;

    explicit ServiceBoardModel(Clock *clock = Clock::system(), QObject *parent = nullptr);

    void setWorkspace(const Workspace &workspace);
    // Fed by `monitor` alone: its results (live ones, and at start the last stored ones) and its
    // health verdicts. The console's board and a dedicated wall follow their session's monitor so.
    void follow(Monitor *monitor);
    void applyResults(const QList<ProbeResult> &results);
    // The health tracker's verdicts (hysteresis, maintenance, dependencies). Until a service has
    // one, its state is the worst of its latest raw results.
    void applyHealth(const QHash<QString, ServiceHealth> &health);
    // The acknowledgements in force (the alert center's, as last read from its store): each shows on
    // its service's tile until the service recovers.
    void setAcknowledgements(const QList<Acknowledgement> &acknowledgements);
    // Forces pending change notifications out now (tests, and before a screenshot).
    void flushPendingChanges();

    QModelIndex serviceIndex(const QString &serviceId) const;
    // The latest result of each probe of a service (index = probe index; status Unknown if none).
    QList<ProbeResult> latestResults(const QString &serviceId) const;
    int countInState(HealthState state) const; // over services
    int alarmCount() const;                    // services raising an alarm (AlarmRole)
    int countInPresentation(Presentation presentation) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString stateText(HealthState state); // translated
    // A service's results are stale when the newest is older than two of its shortest probe
    // interval, plus that probe's timeout: the probe has missed two turns. Never before a first result.
    static bool isStale(const QDateTime &lastResult, std::chrono::milliseconds staleAfter, const QDateTime &now);

Q_SIGNALS:
    // A service's state changed (emitted at once, not coalesced).
    void serviceStateChanged(const QString &serviceId, Vigie::HealthState from, Vigie::HealthState to);

private:
    struct ServiceRow
    {
        Service service;
        int groupRow = 0;
        QList<ProbeResult> latest; // per probe
        HealthState state = HealthState::Unknown;
        ServiceHealth health;
        bool hasHealth = false;
        QString insecure;
        QList<double> sparkline;
        QList<int> sparklineStates;
        QDateTime lastChange;
        QDateTime lastResult;
        std::chrono::milliseconds staleAfter{0}; // 2 × the shortest probe interval + its timeout
        std::optional<Acknowledgement> acknowledgement;
    };
    struct GroupRow
    {
        QString name;
        QList<int> services; // indexes into m_services
    };

    HealthState groupState(const GroupRow &group) const;
    void markChanged(int serviceIndex);
    void setState(ServiceRow &row, HealthState state, const QDateTime &at);
    static Presentation presentation(const ServiceRow &row);
    static bool isAlarm(const ServiceRow &row);
    QString stateTextOf(const ServiceRow &row) const;
    static QString acknowledgementText(const ServiceRow &row);
    QString errorOf(const ServiceRow &row) const;
    // What a screen reader says of a tile: "Customer portal, Down for 3 min, connection refused by db1:5432".
    QString accessibleText(const ServiceRow &row) const;

    Clock *m_clock;
    QList<GroupRow> m_groups;
    QList<ServiceRow> m_services;
    QHash<QString, int> m_serviceById;
    QList<Acknowledgement> m_acknowledgements;
    QSet<int> m_dirty;
    QTimer m_notifyTimer;
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::StateCounts)
