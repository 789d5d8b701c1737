#include "serviceboardmodel.h"

#include "core/numbertext.h"
#include "eventlogmodel.h"
#include "monitor/monitor.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {
// Group rows carry no parent; service rows carry their group's row + 1 in the internal id, so
// that parent() needs no lookup.
constexpr quintptr GroupMarker = 0;

constexpr std::chrono::milliseconds NotifyInterval{100}; // at most ten repaints a second

HealthState worst(HealthState a, HealthState b)
{
    return std::max(a, b);
}
} // namespace

ServiceBoardModel::ServiceBoardModel(Clock *clock, QObject *parent)
    : QAbstractItemModel(parent)
    , m_clock(clock)
{
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(NotifyInterval);
    connect(&m_notifyTimer, &QTimer::timeout, this, &ServiceBoardModel::flushPendingChanges);
}

QString ServiceBoardModel::stateText(HealthState state)
{
    // The board says it has seen nothing yet; a state it has seen reads as in the event log.
    return state == HealthState::Unknown ? tr("No data yet") : EventLogModel::stateName(state);
}

bool ServiceBoardModel::isStale(const QDateTime &lastResult, std::chrono::milliseconds staleAfter, const QDateTime &now)
{
    if (!lastResult.isValid() || staleAfter.count() <= 0)
        return false;
    return lastResult.msecsTo(now) > staleAfter.count();
}

void ServiceBoardModel::setWorkspace(const Workspace &workspace)
{
    beginResetModel();
    m_groups.clear();
    m_services.clear();
    m_serviceById.clear();
    m_dirty.clear();
    m_notifyTimer.stop();

    QHash<QString, int> groupByName;
    for (const Service &service : workspace.services) {
        auto group = groupByName.constFind(service.group);
        if (group == groupByName.cend()) {
            group = groupByName.insert(service.group, int(m_groups.size()));
            m_groups.append(GroupRow{service.group, {}});
        }
        ServiceRow row;
        row.service = service;
        row.groupRow = *group;
        QStringList insecure;
        for (const ProbeSpec &probe : service.probes)
            if (const TlsTrust *trust = probe.tlsTrust();
                trust && !trust->insecureReason.isEmpty() && !insecure.contains(trust->insecureReason))
                insecure.append(trust->insecureReason);
        row.insecure = insecure.join(u"; "_s);
        row.latest.resize(service.probes.size());
        std::chrono::milliseconds shortest{0};
        for (const ProbeSpec &probe : service.probes)
            if (shortest.count() == 0 || probe.interval < shortest) {
                shortest = probe.interval;
                row.staleAfter = 2 * probe.interval + probe.timeout;
            }
        for (int i = 0; i < service.probes.size(); ++i) {
            row.latest[i].key = ProbeKey{service.id, i};
            row.latest[i].kind = service.probes[i].kindName();
            row.latest[i].target = service.probes[i].target;
        }
        for (const Acknowledgement &acknowledgement : std::as_const(m_acknowledgements))
            if (acknowledgement.serviceId == service.id)
                row.acknowledgement = acknowledgement;
        m_groups[*group].services.append(int(m_services.size()));
        m_serviceById.insert(service.id, int(m_services.size()));
        m_services.append(std::move(row));
    }
    endResetModel();
}

void ServiceBoardModel::follow(Monitor *monitor)
{
    connect(monitor, &Monitor::resultsReady, this, &ServiceBoardModel::applyResults);
    connect(monitor, &Monitor::healthChanged, this, &ServiceBoardModel::applyHealth);
}

void ServiceBoardModel::applyResults(const QList<ProbeResult> &results)
{
    for (const ProbeResult &result : results) {
        const auto it = m_serviceById.constFind(result.key.serviceId);
        if (it == m_serviceById.cend())
            continue; // a result from a workspace that was replaced meanwhile
        ServiceRow &row = m_services[*it];
        if (result.key.index < 0 || result.key.index >= row.latest.size())
            continue;
        ProbeResult &latest = row.latest[result.key.index];
        // Results can arrive out of order (a slow probe finishing after a newer one, history
        // seeded from the store after live results): the newest wins.
        if (latest.timestampMs > result.timestampMs)
            continue;
        latest = result;

        // The sparkline follows the service's first probe: mixing an HTTP total with a TCP
        // connect time in one line would draw a shape that means nothing.
        if (result.key.index == 0) {
            row.sparkline.append(result.latencyMs);
            row.sparklineStates.append(int(result.status));
            if (row.sparkline.size() > SparklineLength) {
                row.sparkline.removeFirst();
                row.sparklineStates.removeFirst();
            }
        }
        const QDateTime resultTime = QDateTime::fromMSecsSinceEpoch(result.timestampMs, QTimeZone::UTC);
        row.lastResult = std::max(row.lastResult, resultTime);

        if (!row.hasHealth) {
            HealthState state = HealthState::Unknown;
            for (const ProbeResult &probe : std::as_const(row.latest))
                state = worst(state, probe.status);
            setState(row, state, resultTime);
        }
        markChanged(*it);
    }
}

void ServiceBoardModel::applyHealth(const QHash<QString, ServiceHealth> &health)
{
    const QDateTime now = m_clock->now();
    for (auto it = health.cbegin(); it != health.cend(); ++it) {
        const auto found = m_serviceById.constFind(it.key());
        if (found == m_serviceById.cend())
            continue;
        ServiceRow &row = m_services[*found];
        row.hasHealth = true;
        if (row.health == it.value())
            continue;
        row.health = it.value();
        const QDateTime since = row.health.sinceMs > 0
                                    ? QDateTime::fromMSecsSinceEpoch(row.health.sinceMs, QTimeZone::UTC)
                                    : (row.lastResult.isValid() ? row.lastResult : now);
        setState(row, row.health.state, since);
        // A state restored at start began when the stored event says, not when this run first
        // saw it (the last stored results may have shown it already).
        if (row.health.sinceMs > 0 && row.state == row.health.state)
            row.lastChange = since;
        markChanged(*found);
    }
}

void ServiceBoardModel::setAcknowledgements(const QList<Acknowledgement> &acknowledgements)
{
    m_acknowledgements = acknowledgements; // for the next workspace
    QHash<QString, Acknowledgement> byService;
    for (const Acknowledgement &acknowledgement : acknowledgements)
        byService.insert(acknowledgement.serviceId, acknowledgement);
    for (int i = 0; i < m_services.size(); ++i) {
        ServiceRow &row = m_services[i];
        const auto found = byService.constFind(row.service.id);
        std::optional<Acknowledgement> next;
        if (found != byService.cend())
            next = *found;
        if (row.acknowledgement == next)
            continue;
        row.acknowledgement = std::move(next);
        markChanged(i);
    }
}

QString ServiceBoardModel::acknowledgementText(const ServiceRow &row)
{
    if (!row.acknowledgement)
        return {};
    const Acknowledgement &a = *row.acknowledgement;
    const QString author = a.author.isEmpty() ? tr("someone") : a.author;
    return a.comment.isEmpty() ? tr("Acknowledged by %1").arg(author)
                               : tr("Acknowledged by %1: %2").arg(author, a.comment);
}

void ServiceBoardModel::setState(ServiceRow &row, HealthState state, const QDateTime &at)
{
    if (state == row.state)
        return;
    const HealthState from = row.state;
    row.state = state;
    row.lastChange = at.isValid() ? at : m_clock->now();
    Q_EMIT serviceStateChanged(row.service.id, from, state);
}

ServiceBoardModel::Presentation ServiceBoardModel::presentation(const ServiceRow &row)
{
    if (row.health.inMaintenance)
        return Presentation::Maintenance;
    if (!row.health.impactedBy.isEmpty())
        return Presentation::Impacted;
    return Presentation::Normal;
}

// The tracker's rule (ServiceHealth::isAlarm) over the state the tile shows: the raw results'
// until the tracker's first verdict.
bool ServiceBoardModel::isAlarm(const ServiceRow &row)
{
    ServiceHealth shown = row.health;
    shown.state = row.state;
    return shown.isAlarm();
}

QString ServiceBoardModel::stateTextOf(const ServiceRow &row) const
{
    switch (presentation(row)) {
    case Presentation::Maintenance:
        return row.health.maintenanceName.isEmpty() ? tr("Maintenance")
                                                    : tr("Maintenance: %1").arg(row.health.maintenanceName);
    case Presentation::Impacted: {
        const auto cause = m_serviceById.constFind(row.health.impactedBy);
        const QString name = cause == m_serviceById.cend() ? row.health.impactedBy : m_services[*cause].service.name;
        return tr("Impacted by %1").arg(name);
    }
    case Presentation::Normal:
        break;
    }
    return stateText(row.state);
}

QString ServiceBoardModel::errorOf(const ServiceRow &row) const
{
    const ProbeResult *worstFailing = nullptr;
    for (const ProbeResult &result : row.latest)
        if (!result.error.isEmpty() && (!worstFailing || result.status > worstFailing->status))
            worstFailing = &result;
    return worstFailing ? worstFailing->error.toString() : QString();
}

QString ServiceBoardModel::accessibleText(const ServiceRow &row) const
{
    const QDateTime now = m_clock->now();
    QStringList parts{row.service.name};
    QString state = stateTextOf(row);
    const QString since = formatSince(row.lastChange, now);
    if (!since.isEmpty())
        state += u' ' + since;
    parts << state;
    if (isStale(row.lastResult, row.staleAfter, now))
        parts << tr("no recent result");
    const QString error = errorOf(row);
    if (!error.isEmpty())
        parts << error;
    if (row.acknowledgement)
        parts << acknowledgementText(row);
    return parts.join(u", "_s);
}

void ServiceBoardModel::markChanged(int serviceIndex)
{
    m_dirty.insert(serviceIndex);
    if (!m_notifyTimer.isActive())
        m_notifyTimer.start();
}

void ServiceBoardModel::flushPendingChanges()
{
    m_notifyTimer.stop();
    if (m_dirty.isEmpty())
        return;
    // One dataChanged per run of consecutive changed services within a group, then the group rows.
    QList<int> dirty(m_dirty.cbegin(), m_dirty.cend());
    m_dirty.clear();
    std::sort(dirty.begin(), dirty.end());
    QSet<int> dirtyGroups;
    for (int index : std::as_const(dirty))
        dirtyGroups.insert(m_services[index].groupRow);

    for (int groupRow : std::as_const(dirtyGroups)) {
        const GroupRow &group = m_groups[groupRow];
        const QModelIndex parentIndex = index(groupRow, 0);
        int runStart = -1;
        for (int row = 0; row <= group.services.size(); ++row) {
            const bool changed = row < group.services.size() && dirty.contains(group.services[row]);
            if (changed && runStart < 0)
                runStart = row;
            if (!changed && runStart >= 0) {
                Q_EMIT dataChanged(index(runStart, 0, parentIndex), index(row - 1, 0, parentIndex));
                runStart = -1;
            }
        }
        Q_EMIT dataChanged(parentIndex, parentIndex);
    }
}

QModelIndex ServiceBoardModel::serviceIndex(const QString &serviceId) const
{
    const auto it = m_serviceById.constFind(serviceId);
    if (it == m_serviceById.cend())
        return {};
    const ServiceRow &row = m_services[*it];
    const int rowInGroup = int(m_groups[row.groupRow].services.indexOf(*it));
    return createIndex(rowInGroup, 0, quintptr(row.groupRow) + 1);
}

QList<ProbeResult> ServiceBoardModel::latestResults(const QString &serviceId) const
{
    const auto it = m_serviceById.constFind(serviceId);
    return it == m_serviceById.cend() ? QList<ProbeResult>{} : m_services[*it].latest;
}

int ServiceBoardModel::countInState(HealthState state) const
{
    return int(std::count_if(m_services.cbegin(), m_services.cend(),
                             [state](const ServiceRow &row) { return row.state == state; }));
}

int ServiceBoardModel::alarmCount() const
{
    return int(std::count_if(m_services.cbegin(), m_services.cend(), &ServiceBoardModel::isAlarm));
}

int ServiceBoardModel::countInPresentation(Presentation which) const
{
    return int(std::count_if(m_services.cbegin(), m_services.cend(),
                             [which](const ServiceRow &row) { return presentation(row) == which; }));
}

// A group's header shows its worst alarm: services in maintenance or impacted by a dependency
// count as up there, so that a provider outage turns one header red, not every group.
HealthState ServiceBoardModel::groupState(const GroupRow &group) const
{
    HealthState state = HealthState::Unknown;
    for (int index : group.services) {
        const ServiceRow &row = m_services[index];
        state = worst(state, presentation(row) == Presentation::Normal ? row.state : HealthState::Up);
    }
    return state;
}

QModelIndex ServiceBoardModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, 0, GroupMarker) : QModelIndex();
    if (parent.internalId() != GroupMarker || parent.row() >= m_groups.size())
        return {};
    if (row >= m_groups[parent.row()].services.size())
        return {};
    return createIndex(row, 0, quintptr(parent.row()) + 1);
}

QModelIndex ServiceBoardModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupMarker)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupMarker);
}

int ServiceBoardModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != GroupMarker)
        return 0;
    return int(m_groups[parent.row()].services.size());
}

int ServiceBoardModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return 1;
}

Qt::ItemFlags ServiceBoardModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == GroupMarker)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant ServiceBoardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};

    if (index.internalId() == GroupMarker) {
        const GroupRow &group = m_groups[index.row()];
        switch (role) {
        case Qt::DisplayRole:
        case GroupRole:
            return group.name;
        case IsGroupRole:
            return true;
        case StateRole:
            return int(groupState(group));
        case StateTextRole:
            return stateText(groupState(group));
        case CountsRole: {
            StateCounts counts;
            for (int i : group.services) {
                const Presentation shown = presentation(m_services[i]);
                if (shown != Presentation::Normal) {
                    ++(shown == Presentation::Maintenance ? counts.maintenance : counts.impacted);
                    continue;
                }
                switch (m_services[i].state) {
                case HealthState::Up:
                    ++counts.up;
                    break;
                case HealthState::Degraded:
                    ++counts.degraded;
                    break;
                case HealthState::Down:
                    ++counts.down;
                    break;
                case HealthState::Unknown:
                    ++counts.unknown;
                    break;
                }
            }
            return QVariant::fromValue(counts);
        }
        default:
            return {};
        }
    }

    const ServiceRow &row = m_services[m_groups[int(index.internalId() - 1)].services[index.row()]];
    switch (role) {
    case Qt::DisplayRole:
        return row.service.name;
    case Qt::ToolTipRole: {
        QString tip = row.service.name + u" — "_s + stateTextOf(row);
        if (!row.insecure.isEmpty())
            tip += u'\n' + tr("TLS verification off: %1").arg(row.insecure);
        for (const ProbeResult &result : row.latest)
            if (!result.error.isEmpty())
                tip += u'\n' + result.target + u": "_s + result.error.toString();
        return tip;
    }
    case IdRole:
        return row.service.id;
    case IsGroupRole:
        return false;
    case GroupRole:
        return row.service.group;
    case StateRole:
        return int(row.state);
    case StateTextRole:
        return stateTextOf(row);
    case PresentationRole:
        return int(presentation(row));
    case MaintenanceRole:
        return row.health.inMaintenance ? row.health.maintenanceName : QString();
    case ImpactedByRole: {
        if (row.health.impactedBy.isEmpty())
            return QString();
        const auto cause = m_serviceById.constFind(row.health.impactedBy);
        return cause == m_serviceById.cend() ? row.health.impactedBy : m_services[*cause].service.name;
    }
    case InsecureRole:
        return row.insecure;
    case DetailRole: {
        QStringList details;
        for (const ProbeResult &result : row.latest)
            if (!result.detail.isEmpty())
                details.append(result.detail.toString());
        return details.join(u" · "_s);
    }
    case AlarmRole:
        return isAlarm(row);
    case LastLatencyRole: {
        // The latest result of the probe that ran last.
        const ProbeResult *last = nullptr;
        for (const ProbeResult &result : row.latest)
            if (result.status != HealthState::Unknown && (!last || result.timestampMs > last->timestampMs))
                last = &result;
        return last ? QVariant(last->latencyMs) : QVariant();
    }
    case SparklineRole:
        return QVariant::fromValue(row.sparkline);
    case SparklineStatesRole:
        return QVariant::fromValue(row.sparklineStates);
    case LastChangeRole:
        return row.lastChange;
    case LastResultTimeRole:
        return row.lastResult;
    case ErrorRole:
        return errorOf(row);
    case StaleRole:
        return isStale(row.lastResult, row.staleAfter, m_clock->now());
    case AcknowledgementRole:
        return acknowledgementText(row);
    case Qt::AccessibleTextRole:
        return accessibleText(row);
    case Qt::AccessibleDescriptionRole:
        // What the probes found besides the cause, which the name already ends with.
        return data(index, DetailRole);
    case ProbeCountRole:
        return int(row.service.probes.size());
    default:
        return {};
    }
}

QHash<int, QByteArray> ServiceBoardModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(IdRole, "serviceId");
    names.insert(IsGroupRole, "isGroup");
    names.insert(GroupRole, "group");
    names.insert(StateRole, "state");
    names.insert(StateTextRole, "stateText");
    names.insert(AcknowledgementRole, "acknowledgement");
    names.insert(LastLatencyRole, "lastLatency");
    names.insert(SparklineRole, "sparkline");
    names.insert(SparklineStatesRole, "sparklineStates");
    names.insert(LastChangeRole, "lastChange");
    names.insert(LastResultTimeRole, "lastResultTime");
    names.insert(ErrorRole, "error");
    names.insert(ProbeCountRole, "probeCount");
    names.insert(CountsRole, "counts");
    names.insert(PresentationRole, "presentation");
    names.insert(MaintenanceRole, "maintenance");
    names.insert(ImpactedByRole, "impactedBy");
    names.insert(InsecureRole, "insecure");
    names.insert(DetailRole, "detail");
    names.insert(AlarmRole, "alarm");
    names.insert(StaleRole, "stale");
    return names;
}

} // namespace Vigie
