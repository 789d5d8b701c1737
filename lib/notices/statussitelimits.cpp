#include "statussitelimits.h"

#include "cachettarget.h"
#include "statuspagetarget.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

struct Texts
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::StatusSiteLimits)
};

} // namespace

StatusSiteLimits statusSiteLimits(StatusSite::Kind kind)
{
    switch (kind) {
    case StatusSite::Kind::Statuspage:
        return {StatuspageTarget::maxTitle, StatuspageTarget::maxBody};
    case StatusSite::Kind::Cachet:
        // Its message column holds 65,535 UTF-8 bytes, which the target checks when it sends:
        // characters are what is counted here.
        return {CachetTarget::maxTitle, 0};
    case StatusSite::Kind::WebDav: // pages Vigie writes itself
        break;
    }
    return {};
}

QString statusSiteKindText(StatusSite::Kind kind)
{
    switch (kind) {
    case StatusSite::Kind::Statuspage:
        return u"Statuspage"_s;
    case StatusSite::Kind::WebDav:
        return Texts::tr("Static site");
    case StatusSite::Kind::Cachet:
        return u"Cachet"_s;
    }
    return {};
}

QList<StatusSiteLimitUse> measureAgainstLimits(const QList<StatusSite> &sites, const QString &title,
                                               const QString &body)
{
    QList<StatusSiteLimitUse> uses;
    for (const StatusSite &site : sites) {
        const StatusSiteLimits limits = statusSiteLimits(site);
        if (limits == StatusSiteLimits{})
            continue;
        if (std::any_of(uses.cbegin(), uses.cend(), [&](const StatusSiteLimitUse &u) { return u.kind == site.kind; }))
            continue;
        uses.append({site.kind, limits, int(title.size()), int(body.size())});
    }
    return uses;
}

QString limitUseText(const StatusSiteLimitUse &use)
{
    const QLocale locale;
    QStringList parts;
    if (use.limits.title > 0)
        parts << Texts::tr("title %1 / %2").arg(locale.toString(use.titleLength), locale.toString(use.limits.title));
    if (use.limits.body > 0)
        parts << Texts::tr("body %1 / %2").arg(locale.toString(use.bodyLength), locale.toString(use.limits.body));
    return Texts::tr("%1: %2").arg(statusSiteKindText(use.kind), parts.join(u", "_s));
}

QStringList limitProblems(const QList<StatusSiteLimitUse> &uses)
{
    const QLocale locale;
    QStringList problems;
    for (const StatusSiteLimitUse &use : uses) {
        if (use.titleOver())
            problems << Texts::tr("The title has %1 characters; %2 accepts at most %3.")
                            .arg(locale.toString(use.titleLength), statusSiteKindText(use.kind),
                                 locale.toString(use.limits.title));
        if (use.bodyOver())
            problems << Texts::tr("The body has %1 characters; %2 accepts at most %3.")
                            .arg(locale.toString(use.bodyLength), statusSiteKindText(use.kind),
                                 locale.toString(use.limits.body));
    }
    return problems;
}

} // namespace Vigie
