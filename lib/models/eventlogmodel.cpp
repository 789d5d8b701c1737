#include "eventlogmodel.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QLocale>
#include <QTimeZone>
#include <QTimer>

#include <utility>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// The order of the log: newest first, and among events of the same millisecond the one the
// store saved last first, as ResultStore::events() sorts them.
bool newerFirst(const HealthEvent &a, const HealthEvent &b)
{
    return std::tie(a.timestampMs, a.id) > std::tie(b.timestampMs, b.id);
}

// How often a span's start catches up with the clock: the time column shows seconds, but an event
// that left "the last hour" a minute ago misleads no one.
constexpr std::chrono::minutes slideInterval{1};

} // namespace

EventLogModel::EventLogModel(Clock *clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
    , m_slideTimer(new QTimer(this))
{
    m_slideTimer->setInterval(slideInterval);
    m_slideTimer->setTimerType(Qt::VeryCoarseTimer);
    connect(m_slideTimer, &QTimer::timeout, this, &EventLogModel::slide);
}

EventLogModel::~EventLogModel() = default;

QString EventLogModel::stateName(HealthState state)
{
    switch (state) {
    case HealthState::Up:
        return tr("Up");
    case HealthState::Degraded:
        return tr("Degraded");
    case HealthState::Down:
        return tr("Down");
    case HealthState::Unknown:
        break;
    }
    return tr("Unknown");
}

bool EventLogModel::matches(const HealthEvent &event, const EventFilter &filter)
{
    if (event.timestampMs < filter.fromMs || event.timestampMs > filter.toMs)
        return false;
    if (!filter.probeChanges && event.kind == HealthEvent::Kind::ProbeState)
        return false;
    if (!filter.serviceIds.isEmpty() && !filter.serviceIds.contains(event.serviceId))
        return false;
    // The store keeps "no group" as an empty text: a null and an empty group are the same here.
    if (!filter.groups.isEmpty() && !filter.groups.contains(event.group.isNull() ? u""_s : event.group))
        return false;
    return filter.states.isEmpty() || filter.states.contains(event.to);
}

void EventLogModel::setWorkspace(const Workspace &workspace)
{
    m_services.clear();
    for (const Service &service : workspace.services) {
        ServiceInfo info{service.name, {}};
        for (const ProbeSpec &probe : service.probes)
            info.probeKinds.append(probe.kindName());
        m_services.insert(service.id, std::move(info));
    }
    if (!m_events.isEmpty())
        Q_EMIT dataChanged(index(0, ServiceColumn), index(rowCount() - 1, ChangeColumn));
}

void EventLogModel::setStore(ResultStore *store)
{
    if (m_store == store)
        return;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store)
        connect(m_store, &ResultStore::eventsCommitted, this, &EventLogModel::onEventsCommitted);
    reload();
}

void EventLogModel::setFilter(const EventFilter &filter, std::chrono::milliseconds span)
{
    m_filter = filter;
    m_span = std::max(span, std::chrono::milliseconds::zero());
    if (m_span > std::chrono::milliseconds::zero())
        m_slideTimer->start();
    else
        m_slideTimer->stop();
    reload();
}

EventFilter EventLogModel::filter() const
{
    return m_filter;
}

std::chrono::milliseconds EventLogModel::span() const
{
    return m_span;
}

void EventLogModel::slide()
{
    if (m_span <= std::chrono::milliseconds::zero())
        return;
    const qint64 fromMs = m_clock->nowMs() - m_span.count();
    if (fromMs < m_filter.fromMs) {
        // The clock went back: the span now holds events the rows never had.
        reload();
        return;
    }
    m_filter.fromMs = fromMs;
    // A query still running read with the earlier start: applyLoaded() trims its answer.
    removeOlderThan(fromMs);
}

void EventLogModel::removeOlderThan(qint64 fromMs)
{
    // Newest first: the rows that fell out of the span are the last ones.
    const auto first =
        std::ranges::partition_point(m_events, [fromMs](const HealthEvent &e) { return e.timestampMs >= fromMs; });
    if (first == m_events.end())
        return;
    const int row = int(first - m_events.begin());
    beginRemoveRows({}, row, int(m_events.size()) - 1);
    m_events.resize(row);
    endRemoveRows();
}

bool EventLogModel::isLoading() const
{
    return m_loading;
}

void EventLogModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void EventLogModel::reload()
{
    const quint64 request = ++m_request;
    m_liveDuringLoad.clear();
    if (m_span > std::chrono::milliseconds::zero())
        m_filter.fromMs = m_clock->nowMs() - m_span.count();
    if (!m_store) {
        applyLoaded({});
        return;
    }
    setLoading(true);
    auto *watcher = new QFutureWatcher<QList<HealthEvent>>(this);
    connect(watcher, &QFutureWatcher<QList<HealthEvent>>::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request != m_request)
            return; // a newer filter was set meanwhile: its own query answers
        applyLoaded(watcher->future().resultCount() > 0 ? watcher->result() : QList<HealthEvent>());
    });
    watcher->setFuture(m_store->events(m_filter));
}

void EventLogModel::applyLoaded(QList<HealthEvent> events)
{
    // The span may have slid while the query ran.
    events.removeIf([this](const HealthEvent &e) { return e.timestampMs < m_filter.fromMs; });
    beginResetModel();
    m_events = std::move(events);
    endResetModel();
    // Events committed while the query ran may be missing from its answer (it read before their
    // commit); insertEvent() skips those it has.
    for (const HealthEvent &event : std::exchange(m_liveDuringLoad, {}))
        insertEvent(event);
    trimToLimit();
    setLoading(false);
    Q_EMIT loaded(rowCount());
}

void EventLogModel::onEventsCommitted(const QList<HealthEvent> &events)
{
    for (const HealthEvent &event : events) {
        if (!matches(event, m_filter))
            continue;
        if (m_loading)
            m_liveDuringLoad.append(event);
        else
            insertEvent(event);
    }
    trimToLimit();
}

void EventLogModel::insertEvent(const HealthEvent &event)
{
    // Almost always row 0; an event dated earlier (a maintenance window's edge) goes where its
    // time puts it.
    const auto at = std::ranges::lower_bound(m_events, event, newerFirst);
    if (at != m_events.end() && at->id == event.id)
        return; // the store's answer already had it
    const int row = int(at - m_events.begin());
    beginInsertRows({}, row, row);
    m_events.insert(row, event);
    endInsertRows();
}

void EventLogModel::trimToLimit()
{
    const int limit = std::max(0, m_filter.limit);
    if (m_events.size() <= limit)
        return;
    beginRemoveRows({}, limit, int(m_events.size()) - 1);
    m_events.resize(limit);
    endRemoveRows();
}

HealthEvent EventLogModel::event(int row) const
{
    return row >= 0 && row < m_events.size() ? m_events.at(row) : HealthEvent();
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::serviceName(const QString &id) const
{
    const auto it = m_services.constFind(id);
    return it == m_services.cend() || it->name.isEmpty() ? id : it->name;
}

QString EventLogModel::probeText(const HealthEvent &event) const
{
    if (event.kind != HealthEvent::Kind::ProbeState || event.probeIndex < 0)
        return {};
    // Counted from 1, as people count the probes they wrote.
    const auto it = m_services.constFind(event.serviceId);
    if (it == m_services.cend() || event.probeIndex >= it->probeKinds.size())
        return tr("#%1").arg(event.probeIndex + 1);
    return tr("#%1 %2").arg(event.probeIndex + 1).arg(it->probeKinds.at(event.probeIndex));
}

QString EventLogModel::changeText(const HealthEvent &event) const
{
    switch (event.kind) {
    case HealthEvent::Kind::ProbeState:
    case HealthEvent::Kind::ServiceState:
        if (event.inMaintenance)
            return tr("%1 → %2 (in maintenance)").arg(stateName(event.from), stateName(event.to));
        return tr("%1 → %2").arg(stateName(event.from), stateName(event.to));
    case HealthEvent::Kind::MaintenanceStart:
        return tr("Maintenance began");
    case HealthEvent::Kind::MaintenanceEnd:
        return tr("Maintenance ended");
    case HealthEvent::Kind::ImpactStart:
        return tr("Impacted by %1").arg(serviceName(event.impactedBy));
    case HealthEvent::Kind::ImpactEnd:
        return event.impactedBy.isEmpty() ? tr("No longer impacted")
                                          : tr("No longer impacted by %1").arg(serviceName(event.impactedBy));
    case HealthEvent::Kind::Acknowledged:
        return tr("Acknowledged");
    }
    return {};
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HealthEvent &event = m_events.at(index.row());
    switch (role) {
    case EventRole:
        return QVariant::fromValue(event);
    case StateRole:
        return int(event.to);
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(event.timestampMs, QTimeZone::UTC);
    case ServiceIdRole:
        return event.serviceId;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case TimeColumn: {
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(event.timestampMs).toLocalTime();
            const QLocale locale;
            // Seconds matter when events are read against each other.
            const QString text = tr("%1 %2").arg(locale.toString(local.date(), QLocale::ShortFormat),
                                                 local.time().toString(u"HH:mm:ss"_s));
            if (role == Qt::ToolTipRole)
                return tr("%1 (%2 UTC)")
                    .arg(text, QDateTime::fromMSecsSinceEpoch(event.timestampMs, QTimeZone::UTC)
                                   .toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s));
            return text;
        }
        case ServiceColumn:
            if (role == Qt::ToolTipRole)
                return event.serviceId;
            return serviceName(event.serviceId);
        case GroupColumn:
            return event.group;
        case ProbeColumn:
            return probeText(event);
        case ChangeColumn:
            return changeText(event);
        case CauseColumn:
            return event.cause.toString();
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case ServiceColumn:
        return tr("Service");
    case GroupColumn:
        return tr("Group");
    case ProbeColumn:
        return tr("Probe");
    case ChangeColumn:
        return tr("Change");
    case CauseColumn:
        return tr("Cause");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> EventLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(EventRole, "event");
    names.insert(StateRole, "state");
    names.insert(TimestampRole, "timestamp");
    names.insert(ServiceIdRole, "serviceId");
    return names;
}

} // namespace Vigie
