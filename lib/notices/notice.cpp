#include "notice.h"

#include <QCoreApplication>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

template<typename Enum, size_t N>
QString nameOf(const std::array<std::pair<Enum, QLatin1StringView>, N> &names, Enum value)
{
    for (const auto &[e, name] : names)
        if (e == value)
            return QString(name);
    return {};
}

template<typename Enum, size_t N>
std::optional<Enum> fromName(const std::array<std::pair<Enum, QLatin1StringView>, N> &names, QStringView text)
{
    for (const auto &[e, name] : names)
        if (text == name)
            return e;
    return std::nullopt;
}

constexpr std::array kinds{
    std::pair{NoticeKind::Incident, "incident"_L1},
    std::pair{NoticeKind::Maintenance, "maintenance"_L1},
};

constexpr std::array statuses{
    std::pair{NoticeStatus::Investigating, "investigating"_L1}, std::pair{NoticeStatus::Identified, "identified"_L1},
    std::pair{NoticeStatus::Monitoring, "monitoring"_L1},       std::pair{NoticeStatus::Resolved, "resolved"_L1},
    std::pair{NoticeStatus::Scheduled, "scheduled"_L1},         std::pair{NoticeStatus::InProgress, "in_progress"_L1},
    std::pair{NoticeStatus::Verifying, "verifying"_L1},         std::pair{NoticeStatus::Completed, "completed"_L1},
};

constexpr std::array impacts{
    std::pair{NoticeImpact::None, "none"_L1},
    std::pair{NoticeImpact::Minor, "minor"_L1},
    std::pair{NoticeImpact::Major, "major"_L1},
    std::pair{NoticeImpact::Critical, "critical"_L1},
};

constexpr std::array componentStatuses{
    std::pair{ComponentStatus::Operational, "operational"_L1},
    std::pair{ComponentStatus::DegradedPerformance, "degraded_performance"_L1},
    std::pair{ComponentStatus::PartialOutage, "partial_outage"_L1},
    std::pair{ComponentStatus::MajorOutage, "major_outage"_L1},
    std::pair{ComponentStatus::UnderMaintenance, "under_maintenance"_L1},
};

} // namespace

QString noticeKindName(NoticeKind kind)
{
    return nameOf(kinds, kind);
}

QString noticeStatusName(NoticeStatus status)
{
    return nameOf(statuses, status);
}

QString noticeImpactName(NoticeImpact impact)
{
    return nameOf(impacts, impact);
}

QString componentStatusName(ComponentStatus status)
{
    return nameOf(componentStatuses, status);
}

std::optional<NoticeKind> noticeKindFromName(QStringView name)
{
    return fromName(kinds, name);
}

std::optional<NoticeStatus> noticeStatusFromName(QStringView name)
{
    return fromName(statuses, name);
}

std::optional<NoticeImpact> noticeImpactFromName(QStringView name)
{
    return fromName(impacts, name);
}

std::optional<ComponentStatus> componentStatusFromName(QStringView name)
{
    return fromName(componentStatuses, name);
}

QList<NoticeStatus> noticeStatuses(NoticeKind kind)
{
    if (kind == NoticeKind::Incident)
        return {NoticeStatus::Investigating, NoticeStatus::Identified, NoticeStatus::Monitoring,
                NoticeStatus::Resolved};
    return {NoticeStatus::Scheduled, NoticeStatus::InProgress, NoticeStatus::Verifying, NoticeStatus::Completed};
}

QStringList noticeStatusNames(NoticeKind kind)
{
    QStringList names;
    for (NoticeStatus status : noticeStatuses(kind))
        names.append(noticeStatusName(status));
    return names;
}

QStringList noticeImpactNames()
{
    QStringList names;
    for (const auto &[impact, name] : impacts)
        names.append(QString(name));
    return names;
}

QStringList componentStatusNames()
{
    QStringList names;
    for (const auto &[status, name] : componentStatuses)
        names.append(QString(name));
    return names;
}

NoticeStatus initialNoticeStatus(NoticeKind kind)
{
    return kind == NoticeKind::Incident ? NoticeStatus::Investigating : NoticeStatus::Scheduled;
}

bool isFinalNoticeStatus(NoticeStatus status)
{
    return status == NoticeStatus::Resolved || status == NoticeStatus::Completed;
}

bool noticeStatusFits(NoticeKind kind, NoticeStatus status)
{
    return noticeStatuses(kind).contains(status);
}

QString noticeKindText(NoticeKind kind)
{
    switch (kind) {
    case NoticeKind::Incident:
        return QCoreApplication::translate("Vigie::Notice", "Incident");
    case NoticeKind::Maintenance:
        return QCoreApplication::translate("Vigie::Notice", "Maintenance");
    }
    return {};
}

QString noticeStatusText(NoticeStatus status)
{
    switch (status) {
    case NoticeStatus::Investigating:
        return QCoreApplication::translate("Vigie::Notice", "Investigating");
    case NoticeStatus::Identified:
        return QCoreApplication::translate("Vigie::Notice", "Identified");
    case NoticeStatus::Monitoring:
        return QCoreApplication::translate("Vigie::Notice", "Monitoring");
    case NoticeStatus::Resolved:
        return QCoreApplication::translate("Vigie::Notice", "Resolved");
    case NoticeStatus::Scheduled:
        return QCoreApplication::translate("Vigie::Notice", "Scheduled");
    case NoticeStatus::InProgress:
        return QCoreApplication::translate("Vigie::Notice", "In progress");
    case NoticeStatus::Verifying:
        return QCoreApplication::translate("Vigie::Notice", "Verifying");
    case NoticeStatus::Completed:
        return QCoreApplication::translate("Vigie::Notice", "Completed");
    }
    return {};
}

QString noticeImpactText(NoticeImpact impact)
{
    switch (impact) {
    case NoticeImpact::None:
        return QCoreApplication::translate("Vigie::Notice", "No impact");
    case NoticeImpact::Minor:
        return QCoreApplication::translate("Vigie::Notice", "Minor");
    case NoticeImpact::Major:
        return QCoreApplication::translate("Vigie::Notice", "Major");
    case NoticeImpact::Critical:
        return QCoreApplication::translate("Vigie::Notice", "Critical");
    }
    return {};
}

QString componentStatusText(ComponentStatus status)
{
    switch (status) {
    case ComponentStatus::Operational:
        return QCoreApplication::translate("Vigie::Notice", "Operational");
    case ComponentStatus::DegradedPerformance:
        return QCoreApplication::translate("Vigie::Notice", "Degraded performance");
    case ComponentStatus::PartialOutage:
        return QCoreApplication::translate("Vigie::Notice", "Partial outage");
    case ComponentStatus::MajorOutage:
        return QCoreApplication::translate("Vigie::Notice", "Major outage");
    case ComponentStatus::UnderMaintenance:
        return QCoreApplication::translate("Vigie::Notice", "Under maintenance");
    }
    return {};
}

int componentStatusSeverity(ComponentStatus status)
{
    switch (status) {
    case ComponentStatus::Operational:
        return 0;
    case ComponentStatus::UnderMaintenance:
        return 1;
    case ComponentStatus::DegradedPerformance:
        return 2;
    case ComponentStatus::PartialOutage:
        return 3;
    case ComponentStatus::MajorOutage:
        return 4;
    }
    return 0;
}

NoticeImpact noticeImpactOf(ComponentStatus worst)
{
    switch (worst) {
    case ComponentStatus::DegradedPerformance:
        return NoticeImpact::Minor;
    case ComponentStatus::PartialOutage:
        return NoticeImpact::Major;
    case ComponentStatus::MajorOutage:
        return NoticeImpact::Critical;
    case ComponentStatus::Operational:
    case ComponentStatus::UnderMaintenance:
        break;
    }
    return NoticeImpact::None;
}

ComponentStatus componentStatusOf(HealthState state, bool inMaintenance, bool someProbesUp)
{
    if (inMaintenance)
        return ComponentStatus::UnderMaintenance;
    switch (state) {
    case HealthState::Down:
        return someProbesUp ? ComponentStatus::PartialOutage : ComponentStatus::MajorOutage;
    case HealthState::Degraded:
        return ComponentStatus::DegradedPerformance;
    case HealthState::Up:
    case HealthState::Unknown:
        break;
    }
    return ComponentStatus::Operational;
}

} // namespace Vigie
