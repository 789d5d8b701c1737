#include "availabilitymodel.h"

#include "analytics/availabilityquery.h"
#include "analytics/reportformat.h"
#include "store/resultstore.h"

using namespace Qt::StringLiterals;

namespace Vigie {

AvailabilityModel::AvailabilityModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

AvailabilityModel::~AvailabilityModel() = default;

void AvailabilityModel::setStore(ResultStore *store)
{
    m_store = store;
}

void AvailabilityModel::setServices(const QList<ReportService> &services)
{
    m_services = services;
}

QList<ReportService> AvailabilityModel::services() const
{
    return m_services;
}

bool AvailabilityModel::isLoading() const
{
    return m_loading;
}

void AvailabilityModel::refresh(qint64 fromMs, qint64 toMs)
{
    const quint64 generation = ++m_generation;
    if (!m_store) {
        setReport(computeAvailability({}, m_services, fromMs, toMs));
        return;
    }
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    // Off this thread, read and computed; back on it, kept unless a newer request came meanwhile.
    queryAvailability(*m_store, m_services, fromMs, toMs)
        .then(this, [this, generation](const AvailabilityReport &report) {
            if (generation != m_generation)
                return;
            m_loading = false;
            setReport(report);
            Q_EMIT loadingChanged(false);
        });
}

void AvailabilityModel::setReport(const AvailabilityReport &report)
{
    beginResetModel();
    m_report = report;
    endResetModel();
    Q_EMIT reportReady();
}

AvailabilityReport AvailabilityModel::report() const
{
    return m_report;
}

const AvailabilityFigures *AvailabilityModel::figures(int row) const
{
    return row >= 0 && row < m_report.services.size() ? &m_report.services[row] : nullptr;
}

const ReportService *AvailabilityModel::service(const QString &id) const
{
    for (const ReportService &s : m_services)
        if (s.id == id)
            return &s;
    return nullptr;
}

int AvailabilityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.services.size());
}

int AvailabilityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AvailabilityModel::data(const QModelIndex &index, int role) const
{
    const AvailabilityFigures *f = figures(index.row());
    if (!f || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const auto optionalMs = [](const std::optional<qint64> &ms) { return ms ? QVariant(*ms) : QVariant(-1); };
    const auto optionalText = [](const std::optional<qint64> &ms) { return ms ? ReportFormat::duration(*ms) : u"–"_s; };
    switch (role) {
    case ServiceIdRole:
        return f->id;
    case Qt::TextAlignmentRole:
        return index.column() >= AvailabilityColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
        switch (Column(index.column())) {
        case ServiceColumn:
            return f->name.isEmpty() ? f->id : f->name;
        case GroupColumn:
            return f->group;
        case AvailabilityColumn:
            return f->availabilityPct.value_or(-1.0);
        case OutagesColumn:
            return f->outages();
        case DowntimeColumn:
            return f->downtimeMs;
        case LongestColumn:
            return f->longestMs;
        case MttrColumn:
            return optionalMs(f->mttrMs);
        case MtbfColumn:
            return optionalMs(f->mtbfMs);
        case MaintenanceColumn:
            return f->maintenanceMs;
        case NoDataColumn:
            return f->noDataMs;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case ServiceColumn:
            return f->name.isEmpty() ? f->id : f->name;
        case GroupColumn:
            return f->group;
        case AvailabilityColumn:
            return ReportFormat::percent(f->availabilityPct);
        case OutagesColumn:
            return f->outages();
        case DowntimeColumn:
            return ReportFormat::duration(f->downtimeMs);
        case LongestColumn:
            return ReportFormat::duration(f->longestMs);
        case MttrColumn:
            return optionalText(f->mttrMs);
        case MtbfColumn:
            return optionalText(f->mtbfMs);
        case MaintenanceColumn:
            return ReportFormat::duration(f->maintenanceMs);
        case NoDataColumn:
            return ReportFormat::duration(f->noDataMs);
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant AvailabilityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case ServiceColumn:
        return tr("Service");
    case GroupColumn:
        return tr("Group");
    case AvailabilityColumn:
        return tr("Availability");
    case OutagesColumn:
        return tr("Outages");
    case DowntimeColumn:
        return tr("Downtime");
    case LongestColumn:
        return tr("Longest");
    case MttrColumn:
        return tr("MTTR");
    case MtbfColumn:
        return tr("MTBF");
    case MaintenanceColumn:
        return tr("Maintenance");
    case NoDataColumn:
        return tr("No data");
    case ColumnCount:
        break;
    }
    return {};
}

OutageEpisodeModel::OutageEpisodeModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

OutageEpisodeModel::~OutageEpisodeModel() = default;

void OutageEpisodeModel::setEpisodes(const QList<OutageEpisode> &episodes, const ReportService *service)
{
    beginResetModel();
    m_episodes = episodes;
    m_service = service ? std::optional<ReportService>(*service) : std::nullopt;
    endResetModel();
}

QList<OutageEpisode> OutageEpisodeModel::episodes() const
{
    return m_episodes;
}

int OutageEpisodeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_episodes.size());
}

int OutageEpisodeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutageEpisodeModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= m_episodes.size() || role != Qt::DisplayRole)
        return {};
    const OutageEpisode &e = m_episodes[index.row()];
    switch (Column(index.column())) {
    case StartColumn:
        return e.beganBeforeRange ? tr("%1 (began before)").arg(ReportFormat::shortTime(e.startMs))
                                  : ReportFormat::shortTime(e.startMs);
    case EndColumn:
        return e.open ? tr("still going") : ReportFormat::shortTime(e.endMs, e.startMs);
    case DurationColumn:
        return ReportFormat::duration(e.durationMs());
    case CauseColumn:
        if (m_service)
            return ReportFormat::failedProbes(e, &*m_service);
        if (e.services.size() > 1)
            return tr("%1 first, then %2").arg(e.serviceId, e.services.mid(1).join(u", "_s));
        return e.serviceId;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant OutageEpisodeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case StartColumn:
        return tr("Start (UTC)");
    case EndColumn:
        return tr("End (UTC)");
    case DurationColumn:
        return tr("Duration");
    case CauseColumn:
        return m_service ? tr("Failed probes") : tr("Services down");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Vigie
