#pragma once

#include "workspace/workspace.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Vigie {

// The longest title and body each kind of status site accepts (0: no limit), as its target checks
// them before a notice is queued: the editor shows them as the engineer types, the targets refuse
// what is over them. Lengths are counted as the targets count them (QString::size()).
struct StatusSiteLimits
{
    int title = 0;
    int body = 0;
    friend bool operator==(const StatusSiteLimits &, const StatusSiteLimits &) = default;
};

StatusSiteLimits statusSiteLimits(StatusSite::Kind kind);
inline StatusSiteLimits statusSiteLimits(const StatusSite &site)
{
    return statusSiteLimits(site.kind);
}

// For people: "Statuspage", "Static site", "Cachet".
QString statusSiteKindText(StatusSite::Kind kind);

// A draft's title and body measured against the limits of one kind of site among `sites`.
struct StatusSiteLimitUse
{
    StatusSite::Kind kind = StatusSite::Kind::Statuspage;
    StatusSiteLimits limits;
    int titleLength = 0;
    int bodyLength = 0;
    bool titleOver() const { return limits.title > 0 && titleLength > limits.title; }
    bool bodyOver() const { return limits.body > 0 && bodyLength > limits.body; }
    bool over() const { return titleOver() || bodyOver(); }
};

// One entry per kind of site present in `sites` that has a limit, in the order first seen.
QList<StatusSiteLimitUse> measureAgainstLimits(const QList<StatusSite> &sites, const QString &title,
                                               const QString &body);
// "Statuspage: title 40 / 255, body 1,234 / 25,000", in the locale's digits.
QString limitUseText(const StatusSiteLimitUse &use);
// A sentence per limit exceeded: "The body has 25,120 characters; Statuspage accepts at most 25,000."
QStringList limitProblems(const QList<StatusSiteLimitUse> &uses);

} // namespace Vigie
