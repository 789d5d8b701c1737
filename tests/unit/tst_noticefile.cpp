// Notices written as Markdown with a YAML front matter: what a valid file gives, and an error at
// file:line:column, naming what is allowed, for everything else.
#include "notices/noticefile.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

Workspace workspaceWith(const QStringList &ids)
{
    Workspace workspace;
    for (const QString &id : ids) {
        Service service;
        service.id = id;
        workspace.services.append(service);
    }
    return workspace;
}

QString errorsOf(const std::expected<NoticeFile, QList<WorkspaceError>> &parsed)
{
    QStringList lines;
    if (!parsed)
        for (const WorkspaceError &error : parsed.error())
            lines.append(error.toString());
    return lines.join(u'\n');
}

} // namespace

class TestNoticeFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void incidentWithComponentsMap()
    {
        const QByteArray text = "---\n"
                                "title: Extranet unreachable\n"
                                "kind: incident\n"
                                "status: identified\n"
                                "impact: major\n"
                                "components:\n"
                                "  extranet: major_outage\n"
                                "  portal: degraded_performance\n"
                                "---\n"
                                "\n"
                                "**When**: since 14:05.\n"
                                "\n"
                                "    code stays indented\n"
                                "\n\n";
        const auto workspace = workspaceWith({u"extranet"_s, u"portal"_s});
        const auto parsed = NoticeFile::parse(text, u"n.md"_s, NoticeFile::Use::NewNotice, &workspace);
        QVERIFY2(parsed.has_value(), qPrintable(errorsOf(parsed)));
        QCOMPARE(parsed->title, u"Extranet unreachable"_s);
        QCOMPARE(parsed->kind, NoticeKind::Incident);
        QCOMPARE(parsed->status, NoticeStatus::Identified);
        QCOMPARE(parsed->impact, NoticeImpact::Major);
        QCOMPARE(parsed->components, (QList<AffectedComponent>{{u"extranet"_s, ComponentStatus::MajorOutage},
                                                               {u"portal"_s, ComponentStatus::DegradedPerformance}}));
        QVERIFY(!parsed->window);
        QCOMPARE(parsed->body, u"**When**: since 14:05.\n\n    code stays indented"_s);

        const Notice notice = parsed->toNotice();
        QCOMPARE(notice.title, u"Extranet unreachable"_s);
        QCOMPARE(notice.updates.size(), 1);
        QCOMPARE(notice.updates[0].status, NoticeStatus::Identified);
        QCOMPARE(notice.updates[0].body, parsed->body);
        QCOMPARE(notice.updates[0].components, *parsed->components);
    }

    void componentsListAndDefaults()
    {
        const auto parsed = NoticeFile::parse("\xEF\xBB\xBF---\r\ntitle: Mail\r\ncomponents: [smtp, imap]\r\n---\r\n"
                                              "Body\r\n",
                                              u"n.md"_s, NoticeFile::Use::NewNotice);
        QVERIFY2(parsed.has_value(), qPrintable(errorsOf(parsed)));
        QCOMPARE(parsed->components, (QList<AffectedComponent>{{u"smtp"_s, ComponentStatus::MajorOutage},
                                                               {u"imap"_s, ComponentStatus::MajorOutage}}));
        QVERIFY(!parsed->kind);
        QVERIFY(!parsed->status);
        const Notice notice = parsed->toNotice();
        QCOMPARE(notice.kind, NoticeKind::Incident);
        QCOMPARE(notice.status, NoticeStatus::Investigating);
        QCOMPARE(notice.impact, NoticeImpact::None);
        QCOMPARE(parsed->body, u"Body"_s);
    }

    void maintenanceWithWindow()
    {
        const auto parsed = NoticeFile::parse("---\n"
                                              "title: Version 1.22.5\n"
                                              "kind: maintenance\n"
                                              "components: {portal: under_maintenance}\n"
                                              "window:\n"
                                              "  start: 2026-10-09T16:00:00+02:00\n"
                                              "  end: 2026-10-09T18:00:00Z\n"
                                              "---\n"
                                              "Installed between 16:00 and 18:00.\n",
                                              u"m.md"_s, NoticeFile::Use::NewNotice);
        QVERIFY2(parsed.has_value(), qPrintable(errorsOf(parsed)));
        QCOMPARE(parsed->kind, NoticeKind::Maintenance);
        QVERIFY(parsed->window);
        QCOMPARE(parsed->window->startMs,
                 QDateTime(QDate(2026, 10, 9), QTime(14, 0), QTimeZone::UTC).toMSecsSinceEpoch());
        QCOMPARE(parsed->window->endMs,
                 QDateTime(QDate(2026, 10, 9), QTime(18, 0), QTimeZone::UTC).toMSecsSinceEpoch());
        QCOMPARE(parsed->toNotice().status, NoticeStatus::Scheduled);
    }

    void anUpdateNeedsNoFrontMatter()
    {
        const auto parsed = NoticeFile::parse("We have found the cause.\n", u"u.md"_s, NoticeFile::Use::Update);
        QVERIFY2(parsed.has_value(), qPrintable(errorsOf(parsed)));
        QVERIFY(!parsed->title);
        QVERIFY(!parsed->components);
        QCOMPARE(parsed->body, u"We have found the cause."_s);

        const auto partial =
            NoticeFile::parse("---\nimpact: minor\ncomponents:\n---\nBetter.\n", u"u.md"_s, NoticeFile::Use::Update);
        QVERIFY2(partial.has_value(), qPrintable(errorsOf(partial)));
        QCOMPARE(partial->impact, NoticeImpact::Minor);
        QCOMPARE(partial->components, QList<AffectedComponent>()); // every component back to normal
        QVERIFY(!partial->title);
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("use");
        QTest::addColumn<QString>("error");
        const int create = int(NoticeFile::Use::NewNotice);
        const int update = int(NoticeFile::Use::Update);

        QTest::newRow("misspelt key") << QByteArray("---\ntitle: X\nstatut: identified\n---\n") << create
                                      << u"f.md:3:1: unknown key 'statut'; did you mean 'status'?"_s;
        QTest::newRow("unknown key")
            << QByteArray("---\ntitle: X\nseverity: high\n---\n") << create
            << u"f.md:3:1: unknown key 'severity'; the front matter accepts: title, kind, status, impact, "
               "components, window"_s;
        QTest::newRow("status of the other kind")
            << QByteArray("---\ntitle: X\nkind: incident\nstatus: completed\n---\n") << create
            << u"f.md:4:9: 'completed' is not a status of incident; expected one of: investigating, identified, "
               "monitoring, resolved"_s;
        QTest::newRow("unknown status")
            << QByteArray("---\ntitle: X\nkind: maintenance\nstatus: ongoing\nwindow: {start: 2026-01-01T10:00, "
                          "end: 2026-01-01T11:00}\n---\n")
            << create
            << u"f.md:4:9: 'ongoing' is not a status of maintenance; expected one of: scheduled, in_progress, "
               "verifying, completed"_s;
        QTest::newRow("impact")
            << QByteArray("---\ntitle: X\nimpact: majr\n---\n") << create
            << u"f.md:3:9: 'majr' is not a valid impact; did you mean 'major'? expected one of: none, minor, major, "
               "critical"_s;
        QTest::newRow("kind") << QByteArray("---\ntitle: X\nkind: outage\n---\n") << create
                              << u"f.md:3:7: 'outage' is not a valid kind; expected one of: incident, maintenance"_s;
        QTest::newRow("component status")
            << QByteArray("---\ntitle: X\ncomponents:\n  portal: down\n---\n") << create
            << u"f.md:4:11: 'down' is not a valid component status; expected one of: operational, "
               "degraded_performance, partial_outage, major_outage, under_maintenance"_s;
        QTest::newRow("unknown service")
            << QByteArray("---\ntitle: X\ncomponents: [portl]\n---\n") << create
            << u"f.md:3:14: the workspace has no service 'portl'; did you mean 'portal'?"_s;
        QTest::newRow("service twice") << QByteArray("---\ntitle: X\ncomponents: [portal, portal]\n---\n") << create
                                       << u"f.md:3:22: the service 'portal' is listed twice"_s;
        QTest::newRow("components scalar")
            << QByteArray("---\ntitle: X\ncomponents: portal\n---\n") << create
            << u"f.md:3:13: 'components' should be a mapping (service-id: status) or a list of service ids, "
               "found the value 'portal'"_s;
        QTest::newRow("window on an incident")
            << QByteArray("---\ntitle: X\nwindow: {start: 2026-01-01T10:00, end: 2026-01-01T11:00}\n---\n") << create
            << u"f.md:3:1: an incident has no 'window'; only a maintenance is planned"_s;
        QTest::newRow("bad time")
            << QByteArray(
                   "---\ntitle: X\nkind: maintenance\nwindow:\n  start: tomorrow\n  end: 2026-01-01T11:00\n---\n")
            << create
            << u"f.md:5:10: 'tomorrow' is not a date and time; write ISO 8601, such as 2026-10-09T16:00 (local "
               "time) or 2026-10-09T16:00+02:00"_s;
        QTest::newRow("window backwards")
            << QByteArray("---\ntitle: X\nkind: maintenance\nwindow:\n  start: 2026-01-01T11:00\n  end: "
                          "2026-01-01T10:00\n---\n")
            << create << u"f.md:6:8: the window should end after it starts"_s;
        QTest::newRow("maintenance without window")
            << QByteArray("---\ntitle: X\nkind: maintenance\n---\n") << create
            << u"f.md:1:1: a maintenance needs its 'window', for example: window: {start: 2026-10-09T16:00, end: "
               "2026-10-09T18:00}"_s;
        QTest::newRow("no title") << QByteArray("---\nimpact: minor\n---\nBody\n") << create
                                  << u"f.md:1:1: the notice has no 'title'; add one, for example: title: Extranet "
                                     "unreachable"_s;
        QTest::newRow("empty title") << QByteArray("---\ntitle: \"  \"\n---\n") << create
                                     << u"f.md:2:8: 'title' should not be empty"_s;
        QTest::newRow("no front matter")
            << QByteArray("Just a body\n") << create
            << u"f.md:1:1: a new notice starts with a front matter between two '---' lines that gives at least its "
               "title, for example: title: Extranet unreachable"_s;
        QTest::newRow("unclosed") << QByteArray("---\ntitle: X\nBody\n") << update
                                  << u"f.md:1:1: the front matter that starts here is not closed: end it with a line "
                                     "'---' before the body"_s;
        QTest::newRow("duplicate key") << QByteArray("---\ntitle: X\ntitle: Y\n---\n") << update
                                       << u"f.md:3:1: duplicate key 'title' (first defined at f.md:2:1)"_s;
        QTest::newRow("title list") << QByteArray("---\ntitle: [a, b]\n---\n") << update
                                    << u"f.md:2:8: 'title' should be a single value, found a sequence"_s;
        QTest::newRow("not a mapping") << QByteArray("---\n- a\n- b\n---\n") << update
                                       << u"f.md:2:1: the front matter should be a mapping (key: value lines), "
                                          "found a sequence"_s;
        QTest::newRow("yaml syntax, at the file's line")
            << QByteArray("---\ntitle: X\ncomponents: [portal\n---\nBody\n") << update
            << u"f.md:3:13: invalid YAML: this '[' is not closed by a matching ']'"_s;
    }

    void invalid()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, use);
        QFETCH(QString, error);
        const auto workspace = workspaceWith({u"portal"_s, u"extranet"_s});
        const auto parsed = NoticeFile::parse(text, u"f.md"_s, NoticeFile::Use(use), &workspace);
        QVERIFY(!parsed.has_value());
        QCOMPARE(errorsOf(parsed), error);
    }

    void serviceIdsWithoutAWorkspace()
    {
        // Without a workspace only the form of an id is checked.
        QVERIFY(NoticeFile::parse("---\ntitle: X\ncomponents: [anything-goes]\n---\n", u"f.md"_s,
                                  NoticeFile::Use::NewNotice)
                    .has_value());
        const auto parsed =
            NoticeFile::parse("---\ntitle: X\ncomponents: [Not An Id]\n---\n", u"f.md"_s, NoticeFile::Use::NewNotice);
        QCOMPARE(errorsOf(parsed),
                 u"f.md:3:14: 'Not An Id' is not a service id (lower-case letters, digits, '-' and '_')"_s);
    }

    void everyErrorAtOnce()
    {
        const auto parsed = NoticeFile::parse("---\ntitle: X\nimpact: huge\nkind: outage\n---\n", u"f.md"_s,
                                              NoticeFile::Use::NewNotice);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().size(), 2);
        QCOMPARE(parsed.error()[0].location.line, 3);
        QCOMPARE(parsed.error()[1].location.line, 4);
    }
};

QTEST_GUILESS_MAIN(TestNoticeFile)
#include "tst_noticefile.moc"
