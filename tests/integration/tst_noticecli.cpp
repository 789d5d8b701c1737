// `vigie notice` and `vigie outbox` as a script or a person meets them: the real binary on a
// temporary data folder, its output, its exit status, and nothing written on a bad file. Publishing
// to status sites is also driven in-process with a workspace whose sites are filled in directly.
#include "noticecommand.h"
#include "notices/noticestore.h"
#include "vigieprocess.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#ifndef VIGIE_BINARY
#error "tst_noticecli needs the vigie executable"
#endif

using namespace Qt::StringLiterals;
using namespace Vigie;

class TestNoticeCli : public QObject
{
    Q_OBJECT

    using Run = Vigie::Test::VigieRun;
    static Run vigie(const QStringList &arguments)
    {
        return Vigie::Test::runVigie(QString::fromUtf8(VIGIE_BINARY), arguments, {.timeZone = u"UTC"_s});
    }

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(text);
        return path;
    }

    QString dataDir(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_workspace;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = write(u"ws.yaml"_s, "name: Notices\n"
                                          "services:\n"
                                          "  - id: extranet\n"
                                          "    probes:\n"
                                          "      - tcp: 127.0.0.1:9\n"
                                          "  - id: portal\n"
                                          "    probes:\n"
                                          "      - tcp: 127.0.0.1:9\n");
        QVERIFY(!m_workspace.isEmpty());
    }

    void newListShowUpdate()
    {
        const QString data = dataDir(u"flow"_s);
        const QString file = write(u"new.md"_s, "---\n"
                                                "title: Extranet unreachable\n"
                                                "impact: major\n"
                                                "components:\n"
                                                "  extranet: major_outage\n"
                                                "---\n"
                                                "**When**: since 14:05.\n");
        const Run created = vigie({u"notice"_s, u"new"_s, u"--from"_s, file, u"--workspace"_s, m_workspace,
                                   u"--data-dir"_s, data, u"--json"_s});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QJsonObject notice = QJsonDocument::fromJson(created.out).object();
        const qint64 id = notice.value(u"id"_s).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(notice.value(u"title"_s).toString(), u"Extranet unreachable"_s);
        QCOMPARE(notice.value(u"kind"_s).toString(), u"incident"_s);
        QCOMPARE(notice.value(u"status"_s).toString(), u"investigating"_s);
        QCOMPARE(notice.value(u"impact"_s).toString(), u"major"_s);
        const QJsonArray updates = notice.value(u"updates"_s).toArray();
        QCOMPARE(updates.size(), 1);
        QCOMPARE(updates[0].toObject().value(u"body"_s).toString(), u"**When**: since 14:05."_s);
        QCOMPARE(notice.value(u"components"_s).toArray()[0].toObject().value(u"status"_s).toString(),
                 u"major_outage"_s);

        const QString next = write(u"update.md"_s, "---\n"
                                                   "components: {extranet: degraded_performance}\n"
                                                   "impact: minor\n"
                                                   "---\n"
                                                   "**Cause**: a full disk.\n");
        const Run updated = vigie({u"notice"_s, u"update"_s, QString::number(id), u"--status"_s, u"identified"_s,
                                   u"--from"_s, next, u"--data-dir"_s, data});
        QVERIFY2(updated.exitCode == 0, updated.err.constData());
        QVERIFY2(updated.out.contains("Identified"), updated.out.constData());
        QVERIFY(updated.out.contains("  **Cause**: a full disk."));

        const Run shown = vigie({u"notice"_s, u"show"_s, QString::number(id), u"--data-dir"_s, data, u"--json"_s});
        QCOMPARE(shown.exitCode, 0);
        const QJsonObject after = QJsonDocument::fromJson(shown.out).object();
        QCOMPARE(after.value(u"status"_s).toString(), u"identified"_s);
        QCOMPARE(after.value(u"impact"_s).toString(), u"minor"_s);
        QCOMPARE(after.value(u"updates"_s).toArray().size(), 2);
        QCOMPARE(after.value(u"components"_s).toArray()[0].toObject().value(u"status"_s).toString(),
                 u"degraded_performance"_s);

        const Run listed = vigie({u"notice"_s, u"list"_s, u"--data-dir"_s, data});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(listed.out.startsWith("ID"), listed.out.constData());
        QVERIFY(listed.out.contains("Extranet unreachable"));
        const Run listedJson = vigie({u"notice"_s, u"list"_s, u"--data-dir"_s, data, u"--json"_s});
        const QJsonArray list = QJsonDocument::fromJson(listedJson.out).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value(u"id"_s).toInteger(), id);

        // A status of the other kind, an unknown notice.
        const Run wrong = vigie({u"notice"_s, u"update"_s, QString::number(id), u"--status"_s, u"completed"_s,
                                 u"--from"_s, next, u"--data-dir"_s, data});
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains("investigating, identified, monitoring, resolved"), wrong.err.constData());
        const Run missing = vigie({u"notice"_s, u"show"_s, u"999"_s, u"--data-dir"_s, data});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("There is no notice 999."));
        QCOMPARE(QJsonDocument::fromJson(
                     vigie({u"notice"_s, u"show"_s, QString::number(id), u"--data-dir"_s, data, u"--json"_s}).out)
                     .object()
                     .value(u"updates"_s)
                     .toArray()
                     .size(),
                 2);
    }

    void badFrontMatterWritesNothing()
    {
        const QString data = dataDir(u"bad"_s);
        const QString file = write(u"bad.md"_s, "---\n"
                                                "title: Portal slow\n"
                                                "components:\n"
                                                "  portl: degraded_performance\n"
                                                "---\n"
                                                "Body\n");
        const Run run =
            vigie({u"notice"_s, u"new"_s, u"--from"_s, file, u"--workspace"_s, m_workspace, u"--data-dir"_s, data});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(
            run.err.contains((file + u":4:3: the workspace has no service 'portl'; did you mean 'portal'?"_s).toUtf8()),
            run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY(!QFile::exists(data + u"/vigie-notices.sqlite"_s));

        // With a store already there: still nothing written.
        const QString good = write(u"good.md"_s, "---\ntitle: Fine\n---\n");
        QCOMPARE(vigie({u"notice"_s, u"new"_s, u"--from"_s, good, u"--data-dir"_s, data}).exitCode, 0);
        const QString badUpdate = write(u"badupdate.md"_s, "---\nimpact: huge\n---\n");
        const Run refused = vigie({u"notice"_s, u"update"_s, u"1"_s, u"--status"_s, u"identified"_s, u"--from"_s,
                                   badUpdate, u"--data-dir"_s, data});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains((badUpdate + u":2:9: 'huge' is not a valid impact"_s).toUtf8()),
                 refused.err.constData());
        const QJsonObject notice =
            QJsonDocument::fromJson(vigie({u"notice"_s, u"show"_s, u"1"_s, u"--data-dir"_s, data, u"--json"_s}).out)
                .object();
        QCOMPARE(notice.value(u"updates"_s).toArray().size(), 1);
    }

    void usageErrors()
    {
        const Run noAction = vigie({u"notice"_s});
        QCOMPARE(noAction.exitCode, 2);
        QVERIFY(noAction.err.contains("vigie notice needs an action"));
        const Run noFile = vigie({u"notice"_s, u"new"_s});
        QCOMPARE(noFile.exitCode, 2);
        QVERIFY(noFile.err.contains("--from FILE.md"));
        const Run noId = vigie({u"notice"_s, u"show"_s});
        QCOMPARE(noId.exitCode, 2);
        const Run badId = vigie({u"notice"_s, u"show"_s, u"x1"_s});
        QCOMPARE(badId.exitCode, 2);
        QVERIFY(badId.err.contains("whole number"));
        const Run publishWithoutWorkspace = vigie({u"notice"_s, u"publish"_s, u"1"_s});
        QCOMPARE(publishWithoutWorkspace.exitCode, 2);
        QVERIFY(publishWithoutWorkspace.err.contains("--workspace FILE"));
        const Run help = vigie({u"notice"_s, u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--deliver-notifications"));
        QVERIFY(help.out.contains("Exit status"));
    }

    void publishWithoutStatusSites()
    {
        const QString data = dataDir(u"nosites"_s);
        const QString file = write(u"n.md"_s, "---\ntitle: Down\n---\n");
        QCOMPARE(vigie({u"notice"_s, u"new"_s, u"--from"_s, file, u"--data-dir"_s, data}).exitCode, 0);
        const Run run =
            vigie({u"notice"_s, u"publish"_s, u"1"_s, u"--workspace"_s, m_workspace, u"--data-dir"_s, data});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("declares no status site"), run.err.constData());
        const Run outbox = vigie({u"outbox"_s, u"--data-dir"_s, data, u"--json"_s});
        QCOMPARE(outbox.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(outbox.out).array().size(), 0);
    }

    void publishQueuesOneEntryPerSite()
    {
        const QString data = dataDir(u"sites"_s);
        const QString file = write(u"p.md"_s, "---\ntitle: Down\n---\nWe are on it.\n");
        QCOMPARE(vigie({u"notice"_s, u"new"_s, u"--from"_s, file, u"--data-dir"_s, data}).exitCode, 0);

        Workspace workspace;
        workspace.filePath = m_workspace;
        StatusSite statuspage;
        statuspage.id = u"statuspage"_s;
        StatusSite site;
        site.id = u"public-site"_s;
        site.kind = StatusSite::Kind::WebDav;
        workspace.statusSites = {statuspage, site};
        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        QCOMPARE(NoticeCommand::publish(workspace, data, 1, true, false, outStream, errStream), 0);
        QVERIFY2(out.contains(u"notice 1 to statuspage, queued"_s), qPrintable(out));
        QVERIFY(out.contains(u"notice 1 to public-site, queued"_s));
        QVERIFY(out.contains(u"Subscribers will be notified."_s));
        QCOMPARE(NoticeCommand::publish(workspace, data, 42, false, false, outStream, errStream), 2);
        QVERIFY(err.contains(u"There is no notice 42."_s));

        // A title Statuspage would refuse is refused before anything is queued.
        const QString longTitle = write(u"long.md"_s, "---\ntitle: " + QByteArray(300, 'x') + "\n---\nBody.\n");
        QCOMPARE(vigie({u"notice"_s, u"new"_s, u"--from"_s, longTitle, u"--data-dir"_s, data}).exitCode, 0);
        err.clear();
        QCOMPARE(NoticeCommand::publish(workspace, data, 2, false, false, outStream, errStream), 2);
        QVERIFY2(
            err.contains(u"Notice 2 is not queued: The title has 300 characters; Statuspage accepts at most 255."_s),
            qPrintable(err));

        const Run outbox = vigie({u"outbox"_s, u"--data-dir"_s, data, u"--json"_s});
        QCOMPARE(outbox.exitCode, 0);
        const QJsonArray entries = QJsonDocument::fromJson(outbox.out).array();
        QCOMPARE(entries.size(), 2);
        QStringList sites;
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            QCOMPARE(entry.value(u"state"_s).toString(), u"queued"_s);
            QCOMPARE(entry.value(u"notice"_s).toInteger(), 1);
            QCOMPARE(entry.value(u"attempts"_s).toInt(), 0);
            QVERIFY(entry.value(u"deliver_notifications"_s).toBool());
            sites.append(entry.value(u"site"_s).toString());
        }
        sites.sort();
        QCOMPARE(sites, (QStringList{u"public-site"_s, u"statuspage"_s}));

        // A failure the relay recorded shows in the table with its reason.
        {
            NoticeStore store;
            QVERIFY(store.open(data).has_value());
            const auto leased = store.leaseDue(u"test"_s, 60'000, 1, {u"public-site"_s, u"statuspage"_s}).result();
            QCOMPARE(leased->size(), 1);
            QVERIFY(store.markNeedsAttention(leased->constFirst().id, u"test"_s, u"credentials: HTTP 401"_s)
                        .result()
                        .has_value());
        }
        const Run table = vigie({u"outbox"_s, u"--data-dir"_s, data});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("Needs attention"), table.out.constData());
        QVERIFY(table.out.contains("credentials: HTTP 401"));
        QVERIFY(table.out.contains("Queued"));
    }
};

QTEST_GUILESS_MAIN(TestNoticeCli)
#include "tst_noticecli.moc"
