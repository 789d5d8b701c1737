#pragma once

#include "probes/proberesult.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Vigie {

// Incident and maintenance notices, in the concepts of Atlassian Statuspage (the de facto standard
// that status sites and their readers share): the words below are Statuspage's own, and every
// target (Statuspage, the static site Vigie generates, Cachet) maps them to its vocabulary.
//
// The one home of these words: their stable names (for files, JSON and the targets), their
// parsing, and their translated text for people.

enum class NoticeKind : quint8 { Incident, Maintenance };

// An incident goes Investigating → Identified → Monitoring → Resolved; a maintenance Scheduled →
// InProgress → Verifying → Completed. Each update of a notice carries one.
enum class NoticeStatus : quint8 {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    Scheduled,
    InProgress,
    Verifying,
    Completed,
};

enum class NoticeImpact : quint8 { None, Minor, Major, Critical };

enum class ComponentStatus : quint8 {
    Operational,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
    UnderMaintenance,
};

// Stable names, as Statuspage writes them: "incident", "in_progress", "major_outage"...
QString noticeKindName(NoticeKind kind);
QString noticeStatusName(NoticeStatus status);
QString noticeImpactName(NoticeImpact impact);
QString componentStatusName(ComponentStatus status);
std::optional<NoticeKind> noticeKindFromName(QStringView name);
std::optional<NoticeStatus> noticeStatusFromName(QStringView name);
std::optional<NoticeImpact> noticeImpactFromName(QStringView name);
std::optional<ComponentStatus> componentStatusFromName(QStringView name);
// Every name of each, in order (for error messages: "expected one of ...").
QStringList noticeStatusNames(NoticeKind kind);
QStringList noticeImpactNames();
QStringList componentStatusNames();

// Translated, for people: "Investigating", "En cours d'analyse"...
QString noticeKindText(NoticeKind kind);
QString noticeStatusText(NoticeStatus status);
QString noticeImpactText(NoticeImpact impact);
QString componentStatusText(ComponentStatus status);

// The statuses a kind of notice goes through, in order; its first; whether it has ended.
QList<NoticeStatus> noticeStatuses(NoticeKind kind);
NoticeStatus initialNoticeStatus(NoticeKind kind);
bool isFinalNoticeStatus(NoticeStatus status);
bool noticeStatusFits(NoticeKind kind, NoticeStatus status);

// How bad a component's status is, to find the worst of several: operational 0, under maintenance 1
// (planned, not an outage), degraded performance 2, partial outage 3, major outage 4.
int componentStatusSeverity(ComponentStatus status);
// The impact Statuspage gives an incident whose worst component is `worst`: degraded performance
// is minor, a partial outage major, a major outage critical; anything else none.
NoticeImpact noticeImpactOf(ComponentStatus worst);
// A service's health as a component's status: down is a major outage, or a partial one when some
// of its probes still passed (`someProbesUp`); degraded is degraded performance; in maintenance,
// under maintenance whatever it did; up (or unknown) is operational.
ComponentStatus componentStatusOf(HealthState state, bool inMaintenance, bool someProbesUp = false);

// A service of the workspace that the notice affects, and how. Each target maps the service id to
// its own component id (status_sites: components:).
struct AffectedComponent
{
    QString serviceId;
    ComponentStatus status = ComponentStatus::MajorOutage;
    friend bool operator==(const AffectedComponent &, const AffectedComponent &) = default;
};

// The planned window of a maintenance (UTC ms).
struct NoticeWindow
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    friend bool operator==(const NoticeWindow &, const NoticeWindow &) = default;
};

// One entry of a notice's timeline: when, which status, what was said (Markdown), and the state
// of the components from then on.
struct NoticeUpdate
{
    qint64 id = 0;          // set by the store; 0 before
    qint64 timestampMs = 0; // UTC: when it was posted (or is to be shown as posted)
    NoticeStatus status = NoticeStatus::Investigating;
    QString body; // Markdown
    QList<AffectedComponent> components;
    friend bool operator==(const NoticeUpdate &, const NoticeUpdate &) = default;
};

struct Notice
{
    qint64 id = 0; // set by the store; 0 before
    NoticeKind kind = NoticeKind::Incident;
    QString title;
    NoticeImpact impact = NoticeImpact::None;
    NoticeStatus status = NoticeStatus::Investigating; // its latest update's
    QList<AffectedComponent> components;               // as of its latest update
    std::optional<NoticeWindow> window;                // a maintenance's
    QList<NoticeUpdate> updates;                       // oldest first
    QString postmortem;                                // Markdown; empty: none
    qint64 createdMs = 0;
    qint64 modifiedMs = 0;
    friend bool operator==(const Notice &, const Notice &) = default;
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::Notice)
