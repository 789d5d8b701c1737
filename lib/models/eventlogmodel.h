#pragma once

#include "core/clock.h"
#include "health/healthevent.h"
#include "store/resultstore.h"
#include "workspace/workspace.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <chrono>

class QTimer;

namespace Vigie {

// The event log: health events, newest first, as the store has them for a filter, then the new
// ones the store commits that match it. Reading the store never blocks: a query runs on the
// thread pool and the model is reset when it answers (a newer filter supersedes a query still
// running). Names come from the workspace; events of services no longer in it show their ids.
// A span such as "the last hour" slides with the clock: once a minute, the rows that fell out of
// it go, without asking the store again.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column { TimeColumn, ServiceColumn, GroupColumn, ProbeColumn, ChangeColumn, CauseColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        EventRole = Qt::UserRole + 1, // HealthEvent
        StateRole,                    // int (HealthState): the state the event moved to
        TimestampRole,                // QDateTime, UTC
        ServiceIdRole,                // QString
    };
    Q_ENUM(Role)

    explicit EventLogModel(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~EventLogModel() override;

    void setWorkspace(const Workspace &workspace);
    // The store to read and follow; null empties the log. Reloads with the current filter.
    void setStore(ResultStore *store);
    // Reloads from the store, asynchronously; until then the rows are the previous filter's. A
    // positive `span` keeps only the events of that long back from now, as now moves: it sets the
    // filter's fromMs, at each query and at each slide().
    void setFilter(const EventFilter &filter, std::chrono::milliseconds span = std::chrono::milliseconds::zero());
    // With a span, fromMs is the start of the span at the latest query or slide.
    EventFilter filter() const;
    std::chrono::milliseconds span() const;
    // Moves the span's start to now: the rows older than it go (the store is not asked again
    // unless the clock went back). Runs once a minute while there is a span.
    void slide();
    // A query is running: the rows are about to be replaced.
    bool isLoading() const;

    HealthEvent event(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Translated: "Up", "Degraded", "Down", "Unknown".
    static QString stateName(HealthState state);
    // Whether `event` passes `filter` (the store's rules, for live events).
    static bool matches(const HealthEvent &event, const EventFilter &filter);

Q_SIGNALS:
    // The answer of the store to the latest filter is in (the model was reset to it).
    void loaded(int count);
    void loadingChanged(bool loading);

private:
    void reload();
    void removeOlderThan(qint64 fromMs);
    void applyLoaded(QList<HealthEvent> events);
    void onEventsCommitted(const QList<HealthEvent> &events);
    void insertEvent(const HealthEvent &event);
    void trimToLimit();
    void setLoading(bool loading);
    QString serviceName(const QString &id) const;
    QString probeText(const HealthEvent &event) const;
    QString changeText(const HealthEvent &event) const;

    Clock *m_clock;
    QPointer<ResultStore> m_store;
    EventFilter m_filter;
    std::chrono::milliseconds m_span{0};
    QTimer *m_slideTimer;
    struct ServiceInfo
    {
        QString name;
        QStringList probeKinds; // by probe index
    };

    QList<HealthEvent> m_events; // newest first
    QHash<QString, ServiceInfo> m_services;
    // The id of the latest query: answers to older ones are dropped.
    quint64 m_request = 0;
    bool m_loading = false;
    // Live events committed while a query runs: the answer may or may not hold them.
    QList<HealthEvent> m_liveDuringLoad;
};

} // namespace Vigie
