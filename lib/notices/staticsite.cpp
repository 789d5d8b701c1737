#include "staticsite.h"

#include "markdown.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// How bad a component's state is, for "the worst": maintenance is planned, not an outage.
int severity(ComponentStatus status)
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

bool isActive(const Notice &notice)
{
    return !isFinalNoticeStatus(notice.status);
}

// Whether the notice's components are affected now: a scheduled maintenance has not started.
bool affectsComponents(const Notice &notice)
{
    return isActive(notice) && notice.status != NoticeStatus::Scheduled;
}

qint64 lastUpdateMs(const Notice &notice)
{
    qint64 last = notice.createdMs;
    for (const NoticeUpdate &update : notice.updates)
        last = std::max(last, update.timestampMs);
    return last;
}

qint64 firstUpdateMs(const Notice &notice)
{
    return notice.updates.isEmpty() ? notice.createdMs : notice.updates.constFirst().timestampMs;
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// "2026-10-09 16:00 UTC+02:00 (14:00 UTC)", inside a <time> element.
QString timeHtml(qint64 ms, const QTimeZone &zone)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    const QString utcText = utc.toString(u"yyyy-MM-dd HH:mm"_s) + u" UTC"_s;
    QString text = utcText;
    if (zone.isValid() && zone.offsetFromUtc(utc) != 0) {
        const QDateTime local = utc.toTimeZone(zone);
        const int offset = local.offsetFromUtc();
        const QString sign = offset < 0 ? u"-"_s : u"+"_s;
        const int minutes = std::abs(offset) / 60;
        const QString offsetText =
            u"UTC%1%2:%3"_s.arg(sign).arg(minutes / 60, 2, 10, QChar(u'0')).arg(minutes % 60, 2, 10, QChar(u'0'));
        text = local.toString(u"yyyy-MM-dd HH:mm"_s) + u' ' + offsetText + u" ("_s + utcText + u')';
    }
    return u"<time datetime=\""_s + isoUtc(ms) + u"\">"_s + esc(text) + u"</time>"_s;
}

// The page's overall state in Statuspage's words (none, minor, major, critical, maintenance).
QString indicatorOf(const StaticSiteInput &input)
{
    int level = 0; // none, minor, major, critical
    bool maintenance = false;
    for (const StaticSiteComponent &component : input.components) {
        switch (component.status) {
        case ComponentStatus::Operational:
            break;
        case ComponentStatus::UnderMaintenance:
            maintenance = true;
            break;
        case ComponentStatus::DegradedPerformance:
        case ComponentStatus::PartialOutage:
            level = std::max(level, 1);
            break;
        case ComponentStatus::MajorOutage:
            level = std::max(level, 2);
            break;
        }
    }
    for (const Notice &notice : input.notices) {
        if (!isActive(notice))
            continue;
        if (notice.kind == NoticeKind::Incident)
            level = std::max(level, int(notice.impact));
        else if (notice.status == NoticeStatus::InProgress || notice.status == NoticeStatus::Verifying)
            maintenance = true;
    }
    static const QString names[] = {u"none"_s, u"minor"_s, u"major"_s, u"critical"_s};
    if (level == 0 && maintenance)
        return u"maintenance"_s;
    return names[level];
}

QString indicatorText(const QString &indicator)
{
    if (indicator == "minor"_L1)
        return QCoreApplication::translate("Vigie::StaticSite", "Minor service outage");
    if (indicator == "major"_L1)
        return QCoreApplication::translate("Vigie::StaticSite", "Partial system outage");
    if (indicator == "critical"_L1)
        return QCoreApplication::translate("Vigie::StaticSite", "Major system outage");
    if (indicator == "maintenance"_L1)
        return QCoreApplication::translate("Vigie::StaticSite", "Service under maintenance");
    return QCoreApplication::translate("Vigie::StaticSite", "All systems operational");
}

QString componentName(const StaticSiteInput &input, const QString &serviceId)
{
    for (const StaticSiteComponent &component : input.components)
        if (component.id == serviceId)
            return component.name;
    return serviceId;
}

QString noticePath(const Notice &notice)
{
    return u"incidents/"_s + QString::number(notice.id) + u".html"_s;
}

QString absoluteBase(const StaticSiteInput &input)
{
    QString base = input.siteUrl;
    if (!base.isEmpty() && !base.endsWith(u'/'))
        base += u'/';
    return base;
}

// Newest first: by the latest update, then the id.
QList<Notice> newestFirst(QList<Notice> notices)
{
    std::stable_sort(notices.begin(), notices.end(), [](const Notice &a, const Notice &b) {
        const qint64 aLast = lastUpdateMs(a);
        const qint64 bLast = lastUpdateMs(b);
        return aLast != bLast ? aLast > bLast : a.id > b.id;
    });
    return notices;
}

// ---------------------------------------------------------------------------------------------
// HTML

const QString style =
    uR"(:root{color-scheme:light dark;--bg:#fff;--fg:#1d2125;--muted:#5e6c77;--line:#dde1e5;--ok:#1f7a3d;--minor:#8a6100;--major:#b34700;--critical:#b3261e;--maint:#1a5fb4}
@media (prefers-color-scheme:dark){:root{--bg:#16191c;--fg:#e6e8ea;--muted:#a3adb5;--line:#30363b;--ok:#57c27a;--minor:#e5b53a;--major:#f08c4a;--critical:#f2726b;--maint:#78a9f0}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main,header,footer{max-width:46rem;margin:0 auto;padding:0 1rem}header{padding-top:1rem}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem}h3{font-size:1.05rem;margin:1rem 0 .25rem}
a{color:inherit}.muted,time{color:var(--muted);font-size:.9rem}.banner{padding:.9rem 1rem;border-radius:.4rem;font-weight:600;color:#fff;background:var(--ok)}
.ind-minor{background:var(--minor)}.ind-major{background:var(--major)}.ind-critical{background:var(--critical)}.ind-maintenance{background:var(--maint)}
ul.components{list-style:none;padding:0;margin:0;border:1px solid var(--line);border-radius:.4rem}ul.components li{display:flex;justify-content:space-between;gap:1rem;padding:.6rem 1rem;border-top:1px solid var(--line)}ul.components li:first-child{border-top:0}
.st-operational{color:var(--ok)}.st-degraded_performance{color:var(--minor)}.st-partial_outage{color:var(--major)}.st-major_outage{color:var(--critical)}.st-under_maintenance{color:var(--maint)}
article{border-left:4px solid var(--line);padding:0 0 0 1rem;margin:1rem 0}ol.timeline{list-style:none;padding:0}ol.timeline li{border-top:1px solid var(--line);padding:.5rem 0}
.body{overflow-wrap:anywhere}.body table{border-collapse:collapse}.body td,.body th{border:1px solid var(--line);padding:.2rem .5rem}pre{overflow-x:auto}footer{margin:3rem auto 2rem;color:var(--muted);font-size:.9rem}
)"_s;

// The page around `body`; `root` leads from the page back to the site's root ("" or "../").
QString page(const StaticSiteInput &input, const QString &title, const QString &root, const QString &body)
{
    // The language of the pages follows the translation installed.
    const QString language =
        QCoreApplication::translate("Vigie::StaticSite", "en", "the language code of the status site's pages");
    QString html;
    html += u"<!DOCTYPE html>\n<html lang=\""_s + esc(language) + u"\">\n<head>\n<meta charset=\"utf-8\">\n"_s;
    html += u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"_s;
    html += u"<title>"_s + esc(title) + u"</title>\n"_s;
    html += u"<link rel=\"alternate\" type=\"application/atom+xml\" href=\""_s + root + u"feed.atom\" title=\""_s +
            esc(input.title) + u"\">\n"_s;
    html += u"<style>\n"_s + style + u"</style>\n</head>\n<body>\n"_s;
    html += u"<header><p class=\"muted\"><a href=\""_s + root + u"index.html\">"_s + esc(input.title) +
            u"</a></p></header>\n<main>\n"_s;
    html += body;
    html += u"</main>\n<footer><a href=\""_s + root + u"index.html\">"_s +
            esc(QCoreApplication::translate("Vigie::StaticSite", "Current status")) + u"</a> · <a href=\""_s + root +
            u"history.html\">"_s + esc(QCoreApplication::translate("Vigie::StaticSite", "History")) +
            u"</a> · <a href=\""_s + root + u"feed.atom\">"_s +
            esc(QCoreApplication::translate("Vigie::StaticSite", "Atom feed")) + u"</a> · <a href=\""_s + root +
            u"api/v2/summary.json\">summary.json</a></footer>\n</body>\n</html>\n"_s;
    return html;
}

QString statusSpan(ComponentStatus status)
{
    return u"<span class=\"st st-"_s + componentStatusName(status) + u"\">"_s + esc(componentStatusText(status)) +
           u"</span>"_s;
}

QString windowHtml(const Notice &notice, const QTimeZone &zone)
{
    if (!notice.window)
        return {};
    return u"<p class=\"window\">"_s +
           esc(QCoreApplication::translate("Vigie::StaticSite", "Planned from %1 to %2"))
               .arg(timeHtml(notice.window->startMs, zone), timeHtml(notice.window->endMs, zone)) +
           u"</p>\n"_s;
}

QString updateHtml(const NoticeUpdate &update, const QTimeZone &zone)
{
    return u"<p><strong>"_s + esc(noticeStatusText(update.status)) + u"</strong> · "_s +
           timeHtml(update.timestampMs, zone) + u"</p>\n<div class=\"body\">"_s + markdownToHtml(update.body) +
           u"</div>\n"_s;
}

// A notice on the front page: its title, where it stands and what was last said.
QString noticeSummaryHtml(const StaticSiteInput &input, const Notice &notice)
{
    QString html =
        u"<article>\n<h3><a href=\""_s + noticePath(notice) + u"\">"_s + esc(notice.title) + u"</a></h3>\n"_s;
    html += u"<p class=\"muted\">"_s + esc(noticeStatusText(notice.status));
    if (notice.kind == NoticeKind::Incident)
        html +=
            u" · "_s +
            esc(QCoreApplication::translate("Vigie::StaticSite", "Impact: %1").arg(noticeImpactText(notice.impact)));
    html += u"</p>\n"_s + windowHtml(notice, input.timeZone);
    if (!notice.updates.isEmpty())
        html += updateHtml(notice.updates.constLast(), input.timeZone);
    html += u"</article>\n"_s;
    return html;
}

QByteArray indexPage(const StaticSiteInput &input)
{
    const QString indicator = indicatorOf(input);
    QString body = u"<h1>"_s + esc(input.title) + u"</h1>\n<p class=\"banner ind-"_s + indicator + u"\">"_s +
                   esc(indicatorText(indicator)) + u"</p>\n"_s;

    const QList<Notice> notices = newestFirst(input.notices);
    QString incidents;
    QString maintenances;
    for (const Notice &notice : notices) {
        if (!isActive(notice))
            continue;
        (notice.kind == NoticeKind::Incident ? incidents : maintenances) += noticeSummaryHtml(input, notice);
    }
    if (!incidents.isEmpty())
        body += u"<section>\n<h2>"_s + esc(QCoreApplication::translate("Vigie::StaticSite", "Current incidents")) +
                u"</h2>\n"_s + incidents + u"</section>\n"_s;
    if (!maintenances.isEmpty())
        body += u"<section>\n<h2>"_s + esc(QCoreApplication::translate("Vigie::StaticSite", "Maintenance")) +
                u"</h2>\n"_s + maintenances + u"</section>\n"_s;

    body += u"<section>\n<h2>"_s + esc(QCoreApplication::translate("Vigie::StaticSite", "Components")) + u"</h2>\n"_s;
    QStringList groups; // in the order they first appear
    for (const StaticSiteComponent &component : input.components)
        if (!groups.contains(component.group))
            groups.append(component.group);
    for (const QString &group : std::as_const(groups)) {
        if (!group.isEmpty())
            body += u"<h3>"_s + esc(group) + u"</h3>\n"_s;
        body += u"<ul class=\"components\">\n"_s;
        for (const StaticSiteComponent &component : input.components)
            if (component.group == group)
                body +=
                    u"<li><span>"_s + esc(component.name) + u"</span>"_s + statusSpan(component.status) + u"</li>\n"_s;
        body += u"</ul>\n"_s;
    }
    body += u"</section>\n"_s;
    return page(input, input.title, QString(), body).toUtf8();
}

QByteArray noticePage(const StaticSiteInput &input, const Notice &notice)
{
    QString body = u"<h1>"_s + esc(notice.title) + u"</h1>\n<p class=\"muted\">"_s + esc(noticeKindText(notice.kind)) +
                   u" · "_s + esc(noticeStatusText(notice.status));
    if (notice.kind == NoticeKind::Incident)
        body +=
            u" · "_s +
            esc(QCoreApplication::translate("Vigie::StaticSite", "Impact: %1").arg(noticeImpactText(notice.impact)));
    body += u"</p>\n"_s + windowHtml(notice, input.timeZone);
    if (!notice.components.isEmpty()) {
        body += u"<h2>"_s + esc(QCoreApplication::translate("Vigie::StaticSite", "Affected components")) +
                u"</h2>\n<ul class=\"components\">\n"_s;
        for (const AffectedComponent &component : notice.components)
            body += u"<li><span>"_s + esc(componentName(input, component.serviceId)) + u"</span>"_s +
                    statusSpan(component.status) + u"</li>\n"_s;
        body += u"</ul>\n"_s;
    }
    body += u"<h2>"_s + esc(QCoreApplication::translate("Vigie::StaticSite", "Updates")) +
            u"</h2>\n<ol class=\"timeline\">\n"_s;
    for (qsizetype i = notice.updates.size() - 1; i >= 0; --i)
        body += u"<li id=\"update-"_s + QString::number(i + 1) + u"\">\n"_s +
                updateHtml(notice.updates.at(i), input.timeZone) + u"</li>\n"_s;
    body += u"</ol>\n"_s;
    if (!notice.postmortem.trimmed().isEmpty())
        body += u"<h2>"_s + esc(QCoreApplication::translate("Vigie::StaticSite", "Postmortem")) +
                u"</h2>\n<div class=\"body\">"_s + markdownToHtml(notice.postmortem) + u"</div>\n"_s;
    return page(input, notice.title + u" · "_s + input.title, u"../"_s, body).toUtf8();
}

QByteArray historyPage(const StaticSiteInput &input)
{
    const QString title = QCoreApplication::translate("Vigie::StaticSite", "History");
    QString body = u"<h1>"_s + esc(title) + u"</h1>\n"_s;
    QString items;
    for (const Notice &notice : newestFirst(input.notices)) {
        if (isActive(notice))
            continue;
        items +=
            u"<article>\n<h3><a href=\""_s + noticePath(notice) + u"\">"_s + esc(notice.title) +
            u"</a></h3>\n<p class=\"muted\">"_s + esc(noticeKindText(notice.kind)) + u" · "_s +
            esc(noticeStatusText(notice.status)) + u"</p>\n<p>"_s +
            esc(QCoreApplication::translate("Vigie::StaticSite", "From %1 to %2"))
                .arg(timeHtml(firstUpdateMs(notice), input.timeZone), timeHtml(lastUpdateMs(notice), input.timeZone)) +
            u"</p>\n</article>\n"_s;
    }
    if (items.isEmpty())
        items = u"<p>"_s + esc(QCoreApplication::translate("Vigie::StaticSite", "No past incidents or maintenance.")) +
                u"</p>\n"_s;
    return page(input, title + u" · "_s + input.title, QString(), body + items).toUtf8();
}

// ---------------------------------------------------------------------------------------------
// Atom (RFC 4287): one entry per update, newest first.

QByteArray atomFeed(const StaticSiteInput &input)
{
    const QString base = absoluteBase(input);
    const QString feedId = base.isEmpty() ? u"urn:vigie:status-site:"_s + input.siteId : base;
    const auto link = [&base](const QString &path) { return base + path; };

    struct Entry
    {
        const Notice *notice;
        qsizetype index;
    };
    QList<Entry> entries;
    qint64 updatedMs = 0;
    for (const Notice &notice : input.notices)
        for (qsizetype i = 0; i < notice.updates.size(); ++i) {
            entries.append({&notice, i});
            updatedMs = std::max(updatedMs, notice.updates.at(i).timestampMs);
        }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        const qint64 aMs = a.notice->updates.at(a.index).timestampMs;
        const qint64 bMs = b.notice->updates.at(b.index).timestampMs;
        if (aMs != bMs)
            return aMs > bMs;
        if (a.notice->id != b.notice->id)
            return a.notice->id > b.notice->id;
        return a.index > b.index;
    });

    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(u"feed"_s);
    xml.writeDefaultNamespace(u"http://www.w3.org/2005/Atom"_s);
    xml.writeTextElement(u"id"_s, feedId);
    xml.writeTextElement(u"title"_s, input.title);
    xml.writeTextElement(u"updated"_s, isoUtc(updatedMs));
    xml.writeStartElement(u"author"_s);
    xml.writeTextElement(u"name"_s, input.title);
    xml.writeEndElement();
    if (!base.isEmpty()) {
        xml.writeEmptyElement(u"link"_s);
        xml.writeAttribute(u"rel"_s, u"self"_s);
        xml.writeAttribute(u"href"_s, link(u"feed.atom"_s));
        xml.writeEmptyElement(u"link"_s);
        xml.writeAttribute(u"href"_s, base);
    }
    for (const Entry &entry : std::as_const(entries)) {
        const Notice &notice = *entry.notice;
        const NoticeUpdate &update = notice.updates.at(entry.index);
        const QString anchor = noticePath(notice) + u"#update-"_s + QString::number(entry.index + 1);
        xml.writeStartElement(u"entry"_s);
        xml.writeTextElement(u"id"_s, base.isEmpty() ? QString(feedId + u':' + anchor) : link(anchor));
        xml.writeTextElement(u"title"_s, notice.title + u" · "_s + noticeStatusText(update.status));
        xml.writeTextElement(u"updated"_s, isoUtc(update.timestampMs));
        if (!base.isEmpty()) {
            xml.writeEmptyElement(u"link"_s);
            xml.writeAttribute(u"href"_s, link(noticePath(notice)));
        }
        xml.writeStartElement(u"content"_s);
        xml.writeAttribute(u"type"_s, u"html"_s);
        xml.writeCharacters(markdownToHtml(update.body));
        xml.writeEndElement();
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

// ---------------------------------------------------------------------------------------------
// api/v2/summary.json, in the schema of Statuspage's public summary.

QString groupId(const QString &group)
{
    return u"group-"_s +
           QString::fromLatin1(QCryptographicHash::hash(group.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject componentJson(const StaticSiteInput &input, const StaticSiteComponent &component, int position,
                          const QString &updatedAt)
{
    return QJsonObject{
        {u"id"_s, component.id},
        {u"name"_s, component.name},
        {u"status"_s, componentStatusName(component.status)},
        {u"created_at"_s, updatedAt},
        {u"updated_at"_s, updatedAt},
        {u"position"_s, position},
        {u"description"_s, QJsonValue::Null},
        {u"showcase"_s, false},
        {u"start_date"_s, QJsonValue::Null},
        {u"group_id"_s,
         component.group.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(groupId(component.group))},
        {u"page_id"_s, input.siteId},
        {u"group"_s, false},
        {u"only_show_if_degraded"_s, false},
    };
}

QJsonObject noticeJson(const StaticSiteInput &input, const Notice &notice)
{
    const QString id = QString::number(notice.id);
    QJsonArray affected;
    for (const AffectedComponent &component : notice.components)
        affected.append(QJsonObject{{u"code"_s, component.serviceId},
                                    {u"name"_s, componentName(input, component.serviceId)},
                                    {u"new_status"_s, componentStatusName(component.status)}});
    QJsonArray updates;
    std::optional<qint64> monitoringMs;
    for (qsizetype i = notice.updates.size() - 1; i >= 0; --i) {
        const NoticeUpdate &update = notice.updates.at(i);
        const QString at = isoUtc(update.timestampMs);
        updates.append(QJsonObject{
            {u"id"_s, QString(id + u'-' + QString::number(i + 1))},
            {u"status"_s, noticeStatusName(update.status)},
            {u"body"_s, update.body},
            {u"incident_id"_s, id},
            {u"created_at"_s, at},
            {u"updated_at"_s, at},
            {u"display_at"_s, at},
            {u"affected_components"_s, affected},
            {u"deliver_notifications"_s, false},
            {u"custom_tweet"_s, QJsonValue::Null},
            {u"tweet_id"_s, QJsonValue::Null},
        });
    }
    std::optional<qint64> resolvedMs;
    for (const NoticeUpdate &update : notice.updates) {
        if (update.status == NoticeStatus::Monitoring && !monitoringMs)
            monitoringMs = update.timestampMs;
        if (isFinalNoticeStatus(update.status) && !resolvedMs)
            resolvedMs = update.timestampMs;
    }
    QJsonArray components;
    const QString updatedAt = isoUtc(lastUpdateMs(notice));
    for (const AffectedComponent &affectedComponent : notice.components) {
        StaticSiteComponent component{affectedComponent.serviceId,
                                      componentName(input, affectedComponent.serviceId),
                                      {},
                                      affectedComponent.status};
        for (const StaticSiteComponent &known : input.components)
            if (known.id == component.id)
                component.group = known.group;
        components.append(componentJson(input, component, 0, updatedAt));
    }
    QJsonObject json{
        {u"id"_s, id},
        {u"name"_s, notice.title},
        {u"status"_s, noticeStatusName(notice.status)},
        {u"impact"_s, notice.kind == NoticeKind::Maintenance ? u"maintenance"_s : noticeImpactName(notice.impact)},
        {u"created_at"_s, isoUtc(notice.createdMs)},
        {u"updated_at"_s, updatedAt},
        {u"started_at"_s, isoUtc(firstUpdateMs(notice))},
        {u"monitoring_at"_s, monitoringMs ? QJsonValue(isoUtc(*monitoringMs)) : QJsonValue(QJsonValue::Null)},
        {u"resolved_at"_s, resolvedMs ? QJsonValue(isoUtc(*resolvedMs)) : QJsonValue(QJsonValue::Null)},
        {u"shortlink"_s,
         nullable(absoluteBase(input).isEmpty() ? QString() : absoluteBase(input) + noticePath(notice))},
        {u"page_id"_s, input.siteId},
        {u"incident_updates"_s, updates},
        {u"components"_s, components},
    };
    if (notice.kind == NoticeKind::Maintenance) {
        json.insert(u"scheduled_for"_s,
                    notice.window ? QJsonValue(isoUtc(notice.window->startMs)) : QJsonValue(QJsonValue::Null));
        json.insert(u"scheduled_until"_s,
                    notice.window ? QJsonValue(isoUtc(notice.window->endMs)) : QJsonValue(QJsonValue::Null));
    }
    return json;
}

QString siteUpdatedAt(const StaticSiteInput &input)
{
    qint64 updatedMs = 0;
    for (const Notice &notice : input.notices)
        updatedMs = std::max(updatedMs, lastUpdateMs(notice));
    return isoUtc(updatedMs);
}

QJsonObject pageJson(const StaticSiteInput &input)
{
    return QJsonObject{{u"id"_s, input.siteId},
                       {u"name"_s, input.title},
                       {u"url"_s, input.siteUrl},
                       {u"time_zone"_s, QString::fromUtf8(input.timeZone.id())},
                       {u"updated_at"_s, siteUpdatedAt(input)}};
}

// api/v2/incidents.json and api/v2/scheduled-maintenances.json: every notice of a kind, newest
// first, as Statuspage's public API lists them (the console reads its own copy back from them).
QByteArray noticesJson(const StaticSiteInput &input, NoticeKind kind)
{
    QJsonArray notices;
    for (const Notice &notice : newestFirst(input.notices))
        if (notice.kind == kind)
            notices.append(noticeJson(input, notice));
    const QJsonObject list{
        {u"page"_s, pageJson(input)},
        {kind == NoticeKind::Incident ? u"incidents"_s : u"scheduled_maintenances"_s, notices},
    };
    return QJsonDocument(list).toJson(QJsonDocument::Indented);
}

QByteArray summaryJson(const StaticSiteInput &input)
{
    const QString updatedAt = siteUpdatedAt(input);
    const QString indicator = indicatorOf(input);

    QJsonArray components;
    QStringList groups;
    for (const StaticSiteComponent &component : input.components)
        if (!groups.contains(component.group))
            groups.append(component.group);
    int position = 1;
    for (const QString &group : std::as_const(groups)) {
        QJsonArray members;
        ComponentStatus worst = ComponentStatus::Operational;
        for (const StaticSiteComponent &component : input.components)
            if (component.group == group) {
                members.append(component.id);
                if (severity(component.status) > severity(worst))
                    worst = component.status;
            }
        if (!group.isEmpty()) {
            // A group is a component that holds others, as Statuspage writes it.
            QJsonObject container = componentJson(input, {groupId(group), group, {}, worst}, position++, updatedAt);
            container.insert(u"group"_s, true);
            container.insert(u"components"_s, members);
            components.append(container);
        }
        for (const StaticSiteComponent &component : input.components)
            if (component.group == group)
                components.append(componentJson(input, component, position++, updatedAt));
    }

    QJsonArray incidents;
    QJsonArray maintenances;
    for (const Notice &notice : newestFirst(input.notices)) {
        if (!isActive(notice))
            continue;
        (notice.kind == NoticeKind::Incident ? incidents : maintenances).append(noticeJson(input, notice));
    }

    const QJsonObject summary{
        {u"page"_s, pageJson(input)},
        {u"status"_s, QJsonObject{{u"indicator"_s, indicator}, {u"description"_s, indicatorText(indicator)}}},
        {u"components"_s, components},
        {u"incidents"_s, incidents},
        {u"scheduled_maintenances"_s, maintenances},
    };
    return QJsonDocument(summary).toJson(QJsonDocument::Indented);
}

} // namespace

QHash<QString, ComponentStatus> currentComponentStatuses(const QList<Notice> &notices)
{
    QHash<QString, ComponentStatus> statuses;
    for (const Notice &notice : notices) {
        if (!affectsComponents(notice))
            continue;
        for (const AffectedComponent &component : notice.components) {
            const auto it = statuses.constFind(component.serviceId);
            if (it == statuses.cend() || severity(component.status) > severity(*it))
                statuses.insert(component.serviceId, component.status);
        }
    }
    return statuses;
}

QList<StaticSiteComponent> staticSiteComponents(const QList<Service> &services, const StatusSite &site,
                                                const QList<Notice> &notices)
{
    const QHash<QString, ComponentStatus> statuses = currentComponentStatuses(notices);
    QList<StaticSiteComponent> components;
    for (const Service &service : services) {
        const bool listed =
            site.components.isEmpty() || std::any_of(site.components.cbegin(), site.components.cend(),
                                                     [&service](const auto &pair) { return pair.first == service.id; });
        if (!listed)
            continue;
        components.append({service.id, service.name.isEmpty() ? service.id : service.name, service.group,
                           statuses.value(service.id, ComponentStatus::Operational)});
    }
    return components;
}

QMap<QString, QByteArray> generateStaticSite(const StaticSiteInput &input)
{
    QMap<QString, QByteArray> files;
    files.insert(u"index.html"_s, indexPage(input));
    files.insert(u"history.html"_s, historyPage(input));
    for (const Notice &notice : input.notices)
        files.insert(noticePath(notice), noticePage(input, notice));
    files.insert(u"feed.atom"_s, atomFeed(input));
    files.insert(u"api/v2/summary.json"_s, summaryJson(input));
    files.insert(u"api/v2/incidents.json"_s, noticesJson(input, NoticeKind::Incident));
    files.insert(u"api/v2/scheduled-maintenances.json"_s, noticesJson(input, NoticeKind::Maintenance));
    return files;
}

} // namespace Vigie
