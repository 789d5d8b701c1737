// The static status site: its pages, feed and summary from the published notices, the same bytes
// for the same input, and nothing an engineer typed ever runs in a reader's browser.

#include "notices/markdown.h"
#include "notices/staticsite.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <tuple>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

qint64 utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

NoticeUpdate update(const QString &at, NoticeStatus status, const QString &body)
{
    NoticeUpdate u;
    u.timestampMs = utc(at);
    u.status = status;
    u.body = body;
    return u;
}

Notice notice(qint64 id, NoticeKind kind, const QString &title, QList<NoticeUpdate> updates,
              QList<AffectedComponent> components = {}, NoticeImpact impact = NoticeImpact::None)
{
    Notice n;
    n.id = id;
    n.kind = kind;
    n.title = title;
    n.impact = impact;
    n.updates = updates;
    n.status = updates.constLast().status;
    n.components = components;
    n.createdMs = updates.constFirst().timestampMs;
    n.modifiedMs = updates.constLast().timestampMs;
    return n;
}

const QString scriptTitle = u"<script>alert(1)</script> API & \"quotes\""_s;

StaticSiteInput sampleInput()
{
    StaticSiteInput input;
    input.siteId = u"public"_s;
    input.title = u"Example & Co"_s;
    input.siteUrl = u"https://status.example.org"_s;
    input.timeZone = QTimeZone("Europe/Paris");

    QList<Notice> notices;
    notices.append(notice(1, NoticeKind::Incident, u"Database failover"_s,
                          {update(u"2026-09-01T08:00:00Z"_s, NoticeStatus::Investigating, u"Looking."_s),
                           update(u"2026-09-01T09:30:00Z"_s, NoticeStatus::Resolved, u"Fixed."_s)},
                          {{u"web"_s, ComponentStatus::MajorOutage}}, NoticeImpact::Critical));
    notices.append(
        notice(2, NoticeKind::Incident, scriptTitle,
               {update(u"2026-10-09T14:00:00Z"_s, NoticeStatus::Investigating, u"We are **looking** into it."_s),
                update(u"2026-10-09T14:30:00Z"_s, NoticeStatus::Identified,
                       u"| When | What |\n|---|---|\n| 14:00 | ~~all~~ some calls fail |\n\n"
                       "See www.example.org for more.\n\n<script>evil()</script>\n\n<b>raw</b> and "
                       "[a link](javascript:alert(2))"_s)},
               {{u"api"_s, ComponentStatus::PartialOutage}}, NoticeImpact::Major));
    Notice ongoing = notice(3, NoticeKind::Maintenance, u"Mail server upgrade"_s,
                            {update(u"2026-10-08T10:00:00Z"_s, NoticeStatus::Scheduled, u"Planned."_s),
                             update(u"2026-10-09T14:00:00Z"_s, NoticeStatus::InProgress, u"Started."_s)},
                            {{u"mail"_s, ComponentStatus::UnderMaintenance}});
    ongoing.window = NoticeWindow{utc(u"2026-10-09T14:00:00Z"_s), utc(u"2026-10-09T16:00:00Z"_s)};
    notices.append(ongoing);
    Notice upcoming = notice(4, NoticeKind::Maintenance, u"Version 1.22.5"_s,
                             {update(u"2026-10-08T11:00:00Z"_s, NoticeStatus::Scheduled, u"We will install it."_s)},
                             {{u"web"_s, ComponentStatus::UnderMaintenance}});
    upcoming.window = NoticeWindow{utc(u"2026-10-20T14:00:00Z"_s), utc(u"2026-10-20T16:00:00Z"_s)};
    notices.append(upcoming);
    notices.append(notice(5, NoticeKind::Incident, u"Slow logins"_s,
                          {update(u"2026-09-20T08:00:00Z"_s, NoticeStatus::Resolved, u"Done."_s)},
                          {{u"web"_s, ComponentStatus::DegradedPerformance}}, NoticeImpact::Minor));
    input.notices = notices;

    QList<Service> services;
    for (const auto &[id, name, group] :
         {std::tuple{u"web"_s, u"Extranet"_s, u"Customers"_s}, std::tuple{u"api"_s, u"API"_s, u"Customers"_s},
          std::tuple{u"mail"_s, u"Mail"_s, QString()}, std::tuple{u"internal"_s, u"Build farm"_s, u"Staff"_s}}) {
        Service service;
        service.id = id;
        service.name = name;
        service.group = group;
        services.append(service);
    }
    StatusSite site;
    site.id = u"public"_s;
    site.kind = StatusSite::Kind::WebDav;
    site.components = {{u"web"_s, {}}, {u"api"_s, {}}, {u"mail"_s, {}}};
    input.components = staticSiteComponents(services, site, input.notices);
    return input;
}

QString text(const QMap<QString, QByteArray> &files, const QString &path)
{
    return QString::fromUtf8(files.value(path));
}

// A few French texts, enough to see that every page's words go through the translation.
class FrenchStrings final : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        static const QHash<QString, QString> french{
            {u"en"_s, u"fr"_s},
            {u"All systems operational"_s, u"Tous les systèmes sont opérationnels"_s},
            {u"Components"_s, u"Composants"_s},
            {u"History"_s, u"Historique"_s},
            {u"Updates"_s, u"Mises à jour"_s},
            {u"Operational"_s, u"Opérationnel"_s},
        };
        if (qstrcmp(context, "Vigie::StaticSite") != 0 && qstrcmp(context, "Vigie::Notice") != 0)
            return {};
        return french.value(QString::fromUtf8(source));
    }
};

} // namespace

class tst_StaticSite : public QObject
{
    Q_OBJECT

private slots:
    void theSiteIsItsFilesAndTheSameInputGivesTheSameBytes()
    {
        const StaticSiteInput input = sampleInput();
        const QMap<QString, QByteArray> files = generateStaticSite(input);
        const QStringList expected{u"api/v2/incidents.json"_s,
                                   u"api/v2/scheduled-maintenances.json"_s,
                                   u"api/v2/summary.json"_s,
                                   u"feed.atom"_s,
                                   u"history.html"_s,
                                   u"incidents/1.html"_s,
                                   u"incidents/2.html"_s,
                                   u"incidents/3.html"_s,
                                   u"incidents/4.html"_s,
                                   u"incidents/5.html"_s,
                                   u"index.html"_s};
        QCOMPARE(files.keys(), expected);
        QCOMPARE(generateStaticSite(input), files);
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            QVERIFY2(!it.value().isEmpty(), qPrintable(it.key()));
    }

    void everyNoticeIsListedInTheSchemaOfStatuspagesPublicApi()
    {
        const StaticSiteInput input = sampleInput();
        const QMap<QString, QByteArray> files = generateStaticSite(input);
        const QJsonObject incidents = QJsonDocument::fromJson(files.value(u"api/v2/incidents.json"_s)).object();
        const QJsonObject maintenances =
            QJsonDocument::fromJson(files.value(u"api/v2/scheduled-maintenances.json"_s)).object();
        QCOMPARE(incidents.value(u"page").toObject().value(u"id").toString(), input.siteId);
        // Every notice of each kind, resolved ones too (the summary lists only the active ones),
        // newest first.
        QList<qint64> incidentIds;
        QList<qint64> maintenanceIds;
        for (const Notice &notice : input.notices)
            (notice.kind == NoticeKind::Incident ? incidentIds : maintenanceIds).append(notice.id);
        QStringList listed;
        for (const QJsonValue &value : incidents.value(u"incidents").toArray())
            listed.append(value.toObject().value(u"id").toString());
        QCOMPARE(listed.size(), incidentIds.size());
        QStringList listedMaintenances;
        for (const QJsonValue &value : maintenances.value(u"scheduled_maintenances").toArray())
            listedMaintenances.append(value.toObject().value(u"id").toString());
        QCOMPARE(listedMaintenances.size(), maintenanceIds.size());
        for (const QJsonValue &value : incidents.value(u"incidents").toArray()) {
            const QJsonObject incident = value.toObject();
            const bool resolved = incident.value(u"status").toString() == u"resolved"_s;
            // A resolved incident says when; an open one has null, as Statuspage writes it.
            QCOMPARE(incident.value(u"resolved_at").isString(), resolved);
            QVERIFY(incident.value(u"incident_updates").isArray());
        }
    }

    void componentsOnlyTheListedOnesWithTheirCurrentState()
    {
        const StaticSiteInput input = sampleInput();
        QCOMPARE(input.components.size(), 3); // "internal" is not listed under components:
        QCOMPARE(input.components.at(0).id, u"web"_s);
        // The upcoming maintenance has not started: the extranet is operational.
        QCOMPARE(input.components.at(0).status, ComponentStatus::Operational);
        QCOMPARE(input.components.at(1).status, ComponentStatus::PartialOutage);
        QCOMPARE(input.components.at(2).status, ComponentStatus::UnderMaintenance);

        // Resolved notices leave nothing behind; the worst of two active ones wins.
        QList<Notice> notices = input.notices;
        notices.append(notice(9, NoticeKind::Incident, u"Down"_s,
                              {update(u"2026-10-09T15:00:00Z"_s, NoticeStatus::Monitoring, {})},
                              {{u"api"_s, ComponentStatus::MajorOutage}}));
        const QHash<QString, ComponentStatus> statuses = currentComponentStatuses(notices);
        QCOMPARE(statuses.value(u"api"_s), ComponentStatus::MajorOutage);
        QCOMPARE(statuses.value(u"mail"_s), ComponentStatus::UnderMaintenance);
        QVERIFY(!statuses.contains(u"web"_s));
    }

    void indexShowsTheStateGroupedAndWhatIsGoingOn()
    {
        const QString index = text(generateStaticSite(sampleInput()), u"index.html"_s);
        QVERIFY(index.startsWith(u"<!DOCTYPE html>\n<html lang=\"en\">"_s));
        QVERIFY(index.contains(u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"_s));
        QVERIFY(index.contains(u"prefers-color-scheme:dark"_s));
        QVERIFY(!index.contains(u"<script"_s)); // no JavaScript at all
        // The major incident sets the banner.
        QVERIFY(index.contains(u"<p class=\"banner ind-major\">Partial system outage</p>"_s));
        QVERIFY(
            index.contains(u"<h3>Customers</h3>\n<ul class=\"components\">\n"
                           "<li><span>Extranet</span><span class=\"st st-operational\">Operational</span></li>\n"
                           "<li><span>API</span><span class=\"st st-partial_outage\">Partial outage</span></li>"_s));
        QVERIFY(index.contains(u"<li><span>Mail</span><span class=\"st st-under_maintenance\">"_s));
        QVERIFY(!index.contains(u"Build farm"_s));
        // Active incidents and maintenance with their latest update; past ones are in the history.
        QVERIFY(index.contains(u"<h2>Current incidents</h2>"_s));
        QVERIFY(index.contains(u"href=\"incidents/2.html\""_s));
        QVERIFY(index.contains(u"some calls fail"_s));
        QVERIFY(!index.contains(u"We are <strong>looking</strong>"_s)); // not the latest update
        QVERIFY(index.contains(u"<h2>Maintenance</h2>"_s));
        QVERIFY(index.contains(u"href=\"incidents/3.html\""_s));
        QVERIFY(index.contains(u"href=\"incidents/4.html\""_s));
        QVERIFY(!index.contains(u"incidents/1.html"_s));
        QVERIFY(index.contains(u"Planned from <time datetime=\"2026-10-20T14:00:00.000Z\">2026-10-20 16:00 UTC+02:00 "
                               "(2026-10-20 14:00 UTC)</time>"_s));
    }

    void allOperationalWithoutActiveNotices()
    {
        StaticSiteInput input = sampleInput();
        input.notices.remove(1, 3); // keep the resolved ones
        input.components = {{u"web"_s, u"Extranet"_s, {}, ComponentStatus::Operational}};
        const QMap<QString, QByteArray> files = generateStaticSite(input);
        QVERIFY(text(files, u"index.html"_s).contains(u"<p class=\"banner ind-none\">All systems operational</p>"_s));
        QVERIFY(!text(files, u"index.html"_s).contains(u"Current incidents"_s));
        const QJsonObject summary = QJsonDocument::fromJson(files.value(u"api/v2/summary.json"_s)).object();
        QCOMPARE(summary.value("status"_L1).toObject().value("indicator"_L1).toString(), u"none"_s);
        QVERIFY(summary.value("incidents"_L1).toArray().isEmpty());
    }

    void whatEngineersTypeStaysText()
    {
        const QMap<QString, QByteArray> files = generateStaticSite(sampleInput());
        const QString escapedTitle = u"&lt;script&gt;alert(1)&lt;/script&gt; API &amp; &quot;quotes&quot;"_s;
        QVERIFY(text(files, u"index.html"_s).contains(escapedTitle));
        QVERIFY(text(files, u"incidents/2.html"_s).contains(u"<h1>"_s + escapedTitle + u"</h1>"_s));
        QVERIFY(text(files, u"index.html"_s).contains(u"<title>Example &amp; Co</title>"_s));
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            if (!it.key().endsWith(".html"_L1))
                continue;
            const QString page = QString::fromUtf8(it.value());
            QVERIFY2(!page.contains(u"<script"_s, Qt::CaseInsensitive), qPrintable(it.key()));
            QVERIFY2(!page.contains(u"javascript:"_s, Qt::CaseInsensitive), qPrintable(it.key()));
            QVERIFY2(!page.contains(u"<b>raw</b>"_s), qPrintable(it.key()));
        }
        // In the feed the title is XML text, and the HTML content escaped once more.
        QVERIFY(!text(files, u"feed.atom"_s).contains(u"<script"_s));
        QVERIFY(markdownToHtml(u"<img src=x onerror=alert(1)>"_s).indexOf(u"onerror"_s) < 0);
    }

    void noticePageHasTheWholeTimeline()
    {
        const QString page = text(generateStaticSite(sampleInput()), u"incidents/2.html"_s);
        QVERIFY(page.contains(u"<a href=\"../index.html\">"_s));
        QVERIFY(page.contains(u"<p class=\"muted\">Incident · Identified · Impact: Major</p>"_s));
        QVERIFY(
            page.contains(u"<li><span>API</span><span class=\"st st-partial_outage\">Partial outage</span></li>"_s));
        // Newest first, each with its status word, its time in UTC and with the site's offset.
        const qsizetype identified = page.indexOf(u"<li id=\"update-2\">\n<p><strong>Identified</strong> · "
                                                  "<time datetime=\"2026-10-09T14:30:00.000Z\">2026-10-09 16:30 "
                                                  "UTC+02:00 (2026-10-09 14:30 UTC)</time></p>"_s);
        const qsizetype investigating = page.indexOf(u"<li id=\"update-1\">\n<p><strong>Investigating</strong>"_s);
        QVERIFY(identified > 0);
        QVERIFY(investigating > identified);
        // Markdown with GitHub's tables, strikethrough and autolinks.
        QVERIFY(page.contains(u"We are <strong>looking</strong> into it."_s));
        QVERIFY(page.contains(u"<table>"_s));
        QVERIFY(page.contains(u"<del>all</del> some calls fail"_s));
        QVERIFY(page.contains(u"<a href=\"http://www.example.org\">www.example.org</a>"_s));

        const QString maintenance = text(generateStaticSite(sampleInput()), u"incidents/3.html"_s);
        QVERIFY(maintenance.contains(u"<p class=\"muted\">Maintenance · In progress</p>"_s));
        QVERIFY(maintenance.contains(u"<p class=\"window\">Planned from "_s));
    }

    void historyListsPastNoticesNewestFirst()
    {
        const QString history = text(generateStaticSite(sampleInput()), u"history.html"_s);
        const qsizetype slowLogins = history.indexOf(u"href=\"incidents/5.html\""_s);
        const qsizetype failover = history.indexOf(u"href=\"incidents/1.html\""_s);
        QVERIFY(slowLogins > 0);
        QVERIFY(failover > slowLogins);
        QVERIFY(!history.contains(u"incidents/2.html"_s));
        QVERIFY(!history.contains(u"incidents/4.html"_s));
    }

    void atomFeedIsWellFormed()
    {
        const StaticSiteInput input = sampleInput();
        const QByteArray feed = generateStaticSite(input).value(u"feed.atom"_s);
        QXmlStreamReader xml(feed);
        QStringList ids;
        QStringList updated;
        int depth = 0;
        bool sawFeed = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isEndElement()) {
                --depth;
                continue;
            }
            if (!xml.isStartElement())
                continue;
            ++depth;
            if (depth == 1) {
                QCOMPARE(xml.name().toString(), u"feed"_s);
                QCOMPARE(xml.namespaceUri().toString(), u"http://www.w3.org/2005/Atom"_s);
                sawFeed = true;
            } else if (depth == 3 && xml.name() == "content"_L1) {
                QCOMPARE(xml.attributes().value("type"_L1).toString(), u"html"_s);
            } else if (depth == 3 && (xml.name() == "id"_L1 || xml.name() == "updated"_L1)) {
                (xml.name() == "id"_L1 ? ids : updated).append(xml.readElementText());
                --depth; // readElementText() consumed the end element
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawFeed);
        int updates = 0;
        for (const Notice &n : input.notices)
            updates += int(n.updates.size());
        QCOMPARE(ids.size(), updates);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), updates); // stable and unique
        QVERIFY(ids.contains(u"https://status.example.org/incidents/2.html#update-2"_s));
        QCOMPARE(updated.constFirst(), u"2026-10-09T14:30:00.000Z"_s); // newest first
        for (const QString &time : std::as_const(updated))
            QVERIFY2(QDateTime::fromString(time, Qt::ISODateWithMs).isValid(), qPrintable(time));
        QVERIFY(feed.contains("<updated>2026-10-09T14:30:00.000Z</updated>"));
        QVERIFY(feed.contains("<link rel=\"self\" href=\"https://status.example.org/feed.atom\"/>"));
    }

    void summaryHasStatuspageFields()
    {
        const QByteArray bytes = generateStaticSite(sampleInput()).value(u"api/v2/summary.json"_s);
        QJsonParseError error{};
        const QJsonObject summary = QJsonDocument::fromJson(bytes, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const auto hasFields = [](const QJsonObject &object, const QStringList &fields) {
            for (const QString &field : fields)
                if (!object.contains(field)) {
                    qWarning() << "missing" << field << "in" << object.keys();
                    return false;
                }
            return true;
        };
        const QJsonObject page = summary.value("page"_L1).toObject();
        QVERIFY(hasFields(page, {u"id"_s, u"name"_s, u"url"_s, u"time_zone"_s, u"updated_at"_s}));
        QCOMPARE(page.value("time_zone"_L1).toString(), u"Europe/Paris"_s);
        QCOMPARE(page.value("updated_at"_L1).toString(), u"2026-10-09T14:30:00.000Z"_s);
        const QJsonObject status = summary.value("status"_L1).toObject();
        QCOMPARE(status.value("indicator"_L1).toString(), u"major"_s);
        QCOMPARE(status.value("description"_L1).toString(), u"Partial system outage"_s);

        const QStringList componentFields{u"id"_s,
                                          u"name"_s,
                                          u"status"_s,
                                          u"created_at"_s,
                                          u"updated_at"_s,
                                          u"position"_s,
                                          u"description"_s,
                                          u"showcase"_s,
                                          u"start_date"_s,
                                          u"group_id"_s,
                                          u"page_id"_s,
                                          u"group"_s,
                                          u"only_show_if_degraded"_s};
        const QJsonArray components = summary.value("components"_L1).toArray();
        QCOMPARE(components.size(), 4); // the group "Customers", its two members, Mail
        const QJsonObject group = components.at(0).toObject();
        QVERIFY(hasFields(group, componentFields));
        QVERIFY(group.value("group"_L1).toBool());
        QCOMPARE(group.value("name"_L1).toString(), u"Customers"_s);
        QCOMPARE(group.value("status"_L1).toString(), u"partial_outage"_s);
        QCOMPARE(group.value("components"_L1).toArray(), (QJsonArray{u"web"_s, u"api"_s}));
        for (qsizetype i = 1; i < components.size(); ++i) {
            const QJsonObject component = components.at(i).toObject();
            QVERIFY(hasFields(component, componentFields));
            QVERIFY(componentStatusFromName(component.value("status"_L1).toString()));
            QCOMPARE(component.value("position"_L1).toInt(), int(i + 1));
        }
        QCOMPARE(components.at(1).toObject().value("group_id"_L1), group.value("id"_L1));
        QVERIFY(components.at(3).toObject().value("group_id"_L1).isNull());

        const QStringList incidentFields{u"id"_s,         u"name"_s,       u"status"_s,        u"impact"_s,
                                         u"created_at"_s, u"updated_at"_s, u"monitoring_at"_s, u"resolved_at"_s,
                                         u"shortlink"_s,  u"started_at"_s, u"page_id"_s,       u"incident_updates"_s,
                                         u"components"_s};
        const QJsonArray incidents = summary.value("incidents"_L1).toArray();
        QCOMPARE(incidents.size(), 1);
        const QJsonObject incident = incidents.at(0).toObject();
        QVERIFY(hasFields(incident, incidentFields));
        QCOMPARE(incident.value("id"_L1).toString(), u"2"_s);
        QCOMPARE(incident.value("name"_L1).toString(), scriptTitle);
        QCOMPARE(incident.value("status"_L1).toString(), u"identified"_s);
        QCOMPARE(incident.value("impact"_L1).toString(), u"major"_s);
        QCOMPARE(incident.value("shortlink"_L1).toString(), u"https://status.example.org/incidents/2.html"_s);
        const QJsonArray updates = incident.value("incident_updates"_L1).toArray();
        QCOMPARE(updates.size(), 2);
        QVERIFY(hasFields(updates.at(0).toObject(),
                          {u"id"_s, u"status"_s, u"body"_s, u"incident_id"_s, u"created_at"_s, u"updated_at"_s,
                           u"display_at"_s, u"affected_components"_s, u"deliver_notifications"_s}));
        QCOMPARE(updates.at(0).toObject().value("status"_L1).toString(), u"identified"_s); // newest first
        QCOMPARE(incident.value("components"_L1).toArray().at(0).toObject().value("name"_L1).toString(), u"API"_s);

        const QJsonArray maintenances = summary.value("scheduled_maintenances"_L1).toArray();
        QCOMPARE(maintenances.size(), 2);
        for (const QJsonValue &value : maintenances) {
            const QJsonObject maintenance = value.toObject();
            QVERIFY(hasFields(maintenance, incidentFields + QStringList{u"scheduled_for"_s, u"scheduled_until"_s}));
            QCOMPARE(maintenance.value("impact"_L1).toString(), u"maintenance"_s);
        }
        QCOMPARE(maintenances.at(0).toObject().value("status"_L1).toString(), u"in_progress"_s);
        QCOMPARE(maintenances.at(0).toObject().value("scheduled_for"_L1).toString(), u"2026-10-09T14:00:00.000Z"_s);
        QCOMPARE(maintenances.at(1).toObject().value("status"_L1).toString(), u"scheduled"_s);
    }

    void pagesAreInTheTranslationsLanguage()
    {
        FrenchStrings french;
        QCoreApplication::installTranslator(&french);
        StaticSiteInput input = sampleInput();
        input.notices.clear();
        input.components = {{u"web"_s, u"Extranet"_s, {}, ComponentStatus::Operational}};
        const QMap<QString, QByteArray> files = generateStaticSite(input);
        QCoreApplication::removeTranslator(&french);
        const QString index = text(files, u"index.html"_s);
        QVERIFY(index.startsWith(u"<!DOCTYPE html>\n<html lang=\"fr\">"_s));
        QVERIFY(index.contains(u"Tous les systèmes sont opérationnels"_s));
        QVERIFY(index.contains(u"<h2>Composants</h2>"_s));
        QVERIFY(index.contains(u"<span class=\"st st-operational\">Opérationnel</span>"_s));
        QVERIFY(index.contains(u">Historique</a>"_s));
        QVERIFY(text(files, u"history.html"_s).contains(u"<h1>Historique</h1>"_s));
        const QJsonObject summary = QJsonDocument::fromJson(files.value(u"api/v2/summary.json"_s)).object();
        // The machine-read names stay Statuspage's.
        QCOMPARE(summary.value("components"_L1).toArray().at(0).toObject().value("status"_L1).toString(),
                 u"operational"_s);
    }
};

QTEST_GUILESS_MAIN(tst_StaticSite)
#include "tst_staticsite.moc"
