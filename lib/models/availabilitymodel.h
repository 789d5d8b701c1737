#pragma once

#include "analytics/availability.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Vigie {

class ResultStore;

// The Reports view's table of services: availability and outages over a range, one row per
// service, from the store. Asking (refresh()) never blocks: the read and the computation run on
// the thread pool (queryAvailability()), and an answer to a request that a newer one superseded
// is dropped. Sorting roles carry numbers; the display is ReportFormat's, as `vigie report` prints.
class AvailabilityModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AvailabilityModel)

public:
    enum Column {
        ServiceColumn,
        GroupColumn,
        AvailabilityColumn,
        OutagesColumn,
        DowntimeColumn,
        LongestColumn,
        MttrColumn,
        MtbfColumn,
        MaintenanceColumn,
        NoDataColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        ServiceIdRole = Qt::UserRole + 1, // QString
        SortRole,                         // a number for the numeric columns, the text otherwise
    };
    Q_ENUM(Role)

    explicit AvailabilityModel(QObject *parent = nullptr);
    ~AvailabilityModel() override;

    // The store to read; null: nothing to read (the report stays empty).
    void setStore(ResultStore *store);
    // The services reported on (the workspace's, or a group's, or one).
    void setServices(const QList<ReportService> &services);
    QList<ReportService> services() const;
    // Reads and computes the report over [fromMs, toMs] (UTC ms) for the services set.
    void refresh(qint64 fromMs, qint64 toMs);
    bool isLoading() const;

    AvailabilityReport report() const;
    // The figures of a row's service, or null.
    const AvailabilityFigures *figures(int row) const;
    const ReportService *service(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A report arrived and the rows show it.
    void reportReady();

private:
    void setReport(const AvailabilityReport &report);

    QPointer<ResultStore> m_store;
    QList<ReportService> m_services;
    AvailabilityReport m_report;
    quint64 m_generation = 0;
    bool m_loading = false;
};

// The outage episodes of one service (or of a group, or of all of them), oldest first.
class OutageEpisodeModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutageEpisodeModel)

public:
    enum Column { StartColumn, EndColumn, DurationColumn, CauseColumn, ColumnCount };
    Q_ENUM(Column)

    explicit OutageEpisodeModel(QObject *parent = nullptr);
    ~OutageEpisodeModel() override;

    // A service's episodes list their failed probes (`service` names them); a group's or the
    // whole workspace's, the service that failed first and the others.
    void setEpisodes(const QList<OutageEpisode> &episodes, const ReportService *service);
    QList<OutageEpisode> episodes() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<OutageEpisode> m_episodes;
    std::optional<ReportService> m_service;
};

} // namespace Vigie
