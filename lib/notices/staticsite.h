#pragma once

#include "notice.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QTimeZone>

namespace Vigie {

struct Service;
struct StatusSite;

// A component of the static status site: a service of the workspace, under its name and group.
struct StaticSiteComponent
{
    QString id; // the service's id (stable: the summary's component id)
    QString name;
    QString group; // empty: none
    ComponentStatus status = ComponentStatus::Operational;
    friend bool operator==(const StaticSiteComponent &, const StaticSiteComponent &) = default;
};

// Everything a static status site is made of. The site shows only what is here: the notices as
// published (never a draft), and no clock, so the same input always gives the same bytes and only
// what changed is uploaded.
struct StaticSiteInput
{
    QString siteId;                     // the workspace's status_sites: id (the summary's page id)
    QString title;                      // the workspace's name
    QString siteUrl;                    // where the public reads it (absolute links of the Atom feed and the summary)
    QTimeZone timeZone{QTimeZone::UTC}; // the offset shown beside each UTC time
    QList<StaticSiteComponent> components; // in the workspace's order
    QList<Notice> notices;
};

// A notice's current effect on the services: for each service an active notice names (an incident
// not resolved, a maintenance started and not completed), the worst status it gives it.
QHash<QString, ComponentStatus> currentComponentStatuses(const QList<Notice> &notices);

// The site's components: the services `site` lists under components: (all of them when it lists
// none), in the workspace's order, with their current status from `notices`.
QList<StaticSiteComponent> staticSiteComponents(const QList<Service> &services, const StatusSite &site,
                                                const QList<Notice> &notices);

// The site's files, by path relative to its root: index.html, incidents/<id>.html, history.html,
// feed.atom, and in the schemas of Statuspage's public v2 API api/v2/summary.json,
// api/v2/incidents.json and api/v2/scheduled-maintenances.json. Pure: no I/O, no clock; the
// texts are those of the translator installed now. Thread-safe.
QMap<QString, QByteArray> generateStaticSite(const StaticSiteInput &input);

} // namespace Vigie
