// The static status site published to a real nginx with its WebDAV methods, behind basic auth:
// what the public then reads, only changed files uploaded, a wrong password uploading nothing,
// credentials never following a redirect elsewhere, and Vigie's own Statuspage probe reading the
// site's summary.json.

#include "notices/staticsite.h"
#include "notices/webdavtarget.h"
#include "probeonce.h"
#include "probes/statuspageprober.h"
#include "testservers.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

const QByteArray password = "s3cret-webdav";
const QString secretName = u"status-site-password"_s;

qint64 utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

NoticeUpdate update(const QString &at, NoticeStatus status, const QString &body,
                    QList<AffectedComponent> components = {})
{
    NoticeUpdate u;
    u.timestampMs = utc(at);
    u.status = status;
    u.body = body;
    u.components = components;
    return u;
}

Notice failover()
{
    Notice n;
    n.id = 1;
    n.title = u"Database failover"_s;
    n.impact = NoticeImpact::Critical;
    n.updates = {update(u"2026-09-01T08:00:00Z"_s, NoticeStatus::Investigating, u"Looking."_s),
                 update(u"2026-09-01T09:30:00Z"_s, NoticeStatus::Resolved, u"Fixed."_s)};
    n.status = NoticeStatus::Resolved;
    n.createdMs = n.updates.constFirst().timestampMs;
    return n;
}

Notice apiOutage()
{
    Notice n;
    n.id = 2;
    n.title = u"API errors <b>for some</b> customers"_s;
    n.impact = NoticeImpact::Major;
    n.components = {{u"api"_s, ComponentStatus::PartialOutage}};
    n.updates = {update(u"2026-10-09T14:00:00Z"_s, NoticeStatus::Investigating,
                        u"**When**: since 16:00.\n\n**Nature of the incident**: errors on /orders."_s, n.components)};
    n.status = NoticeStatus::Investigating;
    n.createdMs = n.updates.constFirst().timestampMs;
    return n;
}

Workspace workspace()
{
    Workspace ws;
    ws.name = u"Example Co"_s;
    for (const auto &[id, name, group] :
         {std::tuple{u"web"_s, u"Extranet"_s, u"Customers"_s}, std::tuple{u"api"_s, u"API"_s, u"Customers"_s},
          std::tuple{u"mail"_s, u"Mail"_s, QString()}}) {
        Service service;
        service.id = id;
        service.name = name;
        service.group = group;
        ws.services.append(service);
    }
    return ws;
}

WebDavTarget::SecretReader secrets(QHash<QString, QByteArray> known)
{
    return [known](const QStringList &names) {
        SecretStore::Lookup lookup;
        for (const QString &name : names) {
            if (known.contains(name))
                lookup.secrets.insert(name, known.value(name));
            else
                lookup.missing.append(name);
        }
        return QtFuture::makeReadyValueFuture(lookup);
    };
}

template<typename T>
std::optional<T> await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 30000) || future.resultCount() != 1)
        return std::nullopt;
    return future.result();
}

} // namespace

class tst_WebDavTarget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void publishesTheSiteThatThePublicReads();
    void aChangeUploadsOnlyTheChangedFiles();
    void filesNoLongerGeneratedAreDeleted();
    void vigiesOwnProbeReadsTheSummary();
    void wrongPasswordNeedsAttentionAndUploadsNothing();
    void missingSecretNeedsAttention();
    void credentialsNeverFollowARedirectElsewhere();
    void unreachableServerIsRetriedLater();
    void whatThePublicSeesIsReadBackFromTheSite();
    void thePagesReadOnAPhoneWithoutJavaScript();

private:
    StatusSite site(const QString &davPath = u"/dav/"_s) const
    {
        StatusSite s;
        s.id = u"public"_s;
        s.kind = StatusSite::Kind::WebDav;
        s.url = u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(davPath);
        s.siteUrl = u"http://127.0.0.1:%1/site/"_s.arg(m_port);
        s.auth.type = HttpAuthType::Basic;
        s.auth.username = u"vigie"_s;
        s.auth.secretName = secretName;
        return s;
    }
    std::unique_ptr<WebDavTarget> target(const QByteArray &secret = password) const
    {
        auto t = std::make_unique<WebDavTarget>(site(), workspace(), secrets({{secretName, secret}}));
        t->setTimeZone(QTimeZone("Europe/Paris"));
        t->setRequestTimeout(10s);
        return t;
    }
    std::optional<PublishOutcome> publish(WebDavTarget &t, qint64 outboxId, const Notice &notice) const
    {
        Publication publication;
        publication.outboxId = outboxId;
        publication.siteId = u"public"_s;
        publication.notice = notice;
        return await(t.publish(publication));
    }
    // The public side: what nginx serves without credentials.
    QByteArray fetch(const QString &path, int *status = nullptr)
    {
        QNetworkReply *reply = m_network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/site/"_s.arg(m_port) + path)));
        QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000);
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }
    // The WebDAV requests nginx logged since the last call: "PUT index.html", "MKCOL incidents/".
    QStringList newWrites()
    {
        QFile log(m_dir.filePath(u"access.log"_s));
        if (!log.open(QIODevice::ReadOnly))
            return {};
        const QList<QByteArray> lines = log.readAll().split('\n');
        QStringList writes;
        for (qsizetype i = m_seenLogLines; i < lines.size(); ++i) {
            const QList<QByteArray> words = lines.at(i).split(' ');
            if (words.size() < 2 || !words.at(1).startsWith("/dav/"))
                continue;
            if (words.at(0) != "GET")
                writes.append(QString::fromLatin1(words.at(0) + ' ' + words.at(1).mid(5)));
        }
        m_seenLogLines = std::max<qsizetype>(lines.size() - 1, 0);
        return writes;
    }
    static QSet<QString> puts(const QStringList &writes)
    {
        QSet<QString> paths;
        for (const QString &write : writes)
            if (write.startsWith("PUT "_L1))
                paths.insert(write.mid(4));
        return paths;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<NginxServer> m_nginx;
    quint16 m_port = 0;
    qsizetype m_seenLogLines = 0;
    QNetworkAccessManager m_network;
};

void tst_WebDavTarget::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(u"www"_s));
    QFile users(m_dir.filePath(u"htpasswd"_s));
    QVERIFY(users.open(QIODevice::WriteOnly));
    users.write("vigie:{PLAIN}" + password + "\n");
    users.close();

    m_port = closedPort();
    const QByteArray port = QByteArray::number(m_port);
    const QByteArray dir = QFile::encodeName(m_dir.path());
    // The log's first two words are the method and the path, to count uploads.
    const QByteArray block = "log_format writes '$request_method $uri $status';\n"
                             "server {\n"
                             "  listen 127.0.0.1:" +
                             port +
                             ";\n"
                             "  access_log " +
                             dir +
                             "/access.log writes;\n"
                             "  location /dav/ {\n"
                             "    alias " +
                             dir +
                             "/www/;\n"
                             "    dav_methods PUT DELETE MKCOL;\n"
                             "    client_max_body_size 16m;\n"
                             "    auth_basic \"status site\";\n"
                             "    auth_basic_user_file " +
                             dir +
                             "/htpasswd;\n"
                             "  }\n"
                             "  location /moved/ { return 307 http://127.0.0.2:" +
                             port +
                             "/dav/; }\n"
                             "  location /site/ { alias " +
                             dir +
                             "/www/; }\n"
                             "}\n"
                             "server {\n"
                             "  listen 127.0.0.2:" +
                             port +
                             ";\n"
                             "  access_log " +
                             dir +
                             "/elsewhere.log writes;\n"
                             "  location / { return 200 \"elsewhere\\n\"; }\n"
                             "}\n";
    m_nginx = std::make_unique<NginxServer>(m_dir.path());
    QString error;
    QVERIFY2(m_nginx->start(block, m_port, &error), qPrintable(error));
}

void tst_WebDavTarget::cleanupTestCase()
{
    m_nginx.reset();
}

void tst_WebDavTarget::publishesTheSiteThatThePublicReads()
{
    const auto t = target();
    QCOMPARE(t->siteId(), u"public"_s);
    const auto first = publish(*t, 101, failover());
    QVERIFY(first);
    QVERIFY2(first->kind == PublishOutcome::Kind::Published, qPrintable(first->message));
    QCOMPARE(first->remoteId, u"1"_s);
    QStringList writes = newWrites();
    // Every file, the folders first, the marker last.
    QCOMPARE(writes.mid(0, 3), (QStringList{u"MKCOL api/"_s, u"MKCOL api/v2/"_s, u"MKCOL incidents/"_s}));
    QCOMPARE(writes.constLast(), u"PUT .vigie-manifest.json"_s);
    QCOMPARE(puts(writes), (QSet<QString>{u"index.html"_s, u"history.html"_s, u"incidents/1.html"_s, u"feed.atom"_s,
                                          u"api/v2/summary.json"_s, u"api/v2/incidents.json"_s,
                                          u"api/v2/scheduled-maintenances.json"_s, u".vigie-manifest.json"_s}));

    const auto second = publish(*t, 102, apiOutage());
    QVERIFY(second);
    QVERIFY2(second->kind == PublishOutcome::Kind::Published, qPrintable(second->message));
    QVERIFY(!newWrites().join(u' ').contains(u"MKCOL"_s)); // the folders are there

    int status = 0;
    const QString index = QString::fromUtf8(fetch(u"index.html"_s, &status));
    QCOMPARE(status, 200);
    QVERIFY(index.contains(u"<h1>Example Co</h1>"_s));
    QVERIFY(index.contains(u"<p class=\"banner ind-major\">Partial system outage</p>"_s));
    QVERIFY(index.contains(u"<li><span>API</span><span class=\"st st-partial_outage\">Partial outage</span></li>"_s));
    QVERIFY(index.contains(u"API errors &lt;b&gt;for some&lt;/b&gt; customers"_s));

    const QString page = QString::fromUtf8(fetch(u"incidents/2.html"_s, &status));
    QCOMPARE(status, 200);
    QVERIFY(page.contains(u"<strong>Nature of the incident</strong>: errors on /orders."_s));
    QVERIFY(page.contains(u"2026-10-09 16:00 UTC+02:00 (2026-10-09 14:00 UTC)"_s));
    QCOMPARE(fetch(u"incidents/1.html"_s, &status).contains("Database failover"), true);

    const QByteArray feed = fetch(u"feed.atom"_s, &status);
    QCOMPARE(status, 200);
    QVERIFY(feed.contains(
        QByteArray("<id>http://127.0.0.1:" + QByteArray::number(m_port) + "/site/incidents/2.html#update-1</id>")));
    QVERIFY(feed.contains(
        QByteArray("<id>http://127.0.0.1:" + QByteArray::number(m_port) + "/site/incidents/1.html#update-2</id>")));

    const QJsonObject summary = QJsonDocument::fromJson(fetch(u"api/v2/summary.json"_s, &status)).object();
    QCOMPARE(status, 200);
    QCOMPARE(summary.value("status"_L1).toObject().value("indicator"_L1).toString(), u"major"_s);
    QCOMPARE(summary.value("incidents"_L1).toArray().size(), 1);
    QCOMPARE(summary.value("incidents"_L1).toArray().at(0).toObject().value("id"_L1).toString(), u"2"_s);

    // The marker: each publication's outbox id is found on the site, and no other.
    Publication asked;
    asked.notice = apiOutage();
    asked.outboxId = 102;
    const auto found = await(t->findPublished(asked));
    QVERIFY(found);
    QVERIFY(found->asked);
    QCOMPARE(found->remoteId, std::optional<QString>(u"2"_s));
    asked.outboxId = 999;
    const auto notFound = await(t->findPublished(asked));
    QVERIFY(notFound);
    QVERIFY(notFound->asked);
    QVERIFY(!notFound->remoteId);
    QVERIFY(newWrites().isEmpty()); // looking writes nothing
}

void tst_WebDavTarget::aChangeUploadsOnlyTheChangedFiles()
{
    const auto t = target();
    Notice outage = apiOutage();
    outage.updates.append(
        update(u"2026-10-09T15:00:00Z"_s, NoticeStatus::Identified, u"**Cause**: a full disk."_s, outage.components));
    outage.status = NoticeStatus::Identified;
    const auto outcome = publish(*t, 103, outage);
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == PublishOutcome::Kind::Published, qPrintable(outcome->message));
    const QStringList writes = newWrites();
    QCOMPARE(puts(writes),
             (QSet<QString>{u"incidents/2.html"_s, u"index.html"_s, u"feed.atom"_s, u"api/v2/summary.json"_s,
                            u"api/v2/incidents.json"_s, u".vigie-manifest.json"_s}));
    QCOMPARE(writes.size(), 6); // no MKCOL, no DELETE
    QVERIFY(fetch(u"incidents/2.html"_s).contains("<strong>Cause</strong>: a full disk."));

    // The same publication again changes nothing but the marker.
    const auto again = publish(*t, 104, outage);
    QVERIFY(again);
    QCOMPARE(again->kind, PublishOutcome::Kind::Published);
    QCOMPARE(newWrites(), QStringList{u"PUT .vigie-manifest.json"_s});
}

void tst_WebDavTarget::filesNoLongerGeneratedAreDeleted()
{
    // A file an earlier version of the site had.
    const QString manifestPath = m_dir.filePath(u"www/.vigie-manifest.json"_s);
    QFile manifestFile(manifestPath);
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    manifestFile.close();
    QJsonObject files = manifest.value("files"_L1).toObject();
    files.insert(u"incidents/old.html"_s, u"0000"_s);
    manifest.insert(u"files"_s, files);
    QVERIFY(manifestFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    manifestFile.write(QJsonDocument(manifest).toJson());
    manifestFile.close();
    QFile old(m_dir.filePath(u"www/incidents/old.html"_s));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();

    const auto t = target();
    const auto outcome = publish(*t, 105, failover());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == PublishOutcome::Kind::Published, qPrintable(outcome->message));
    QCOMPARE(newWrites(), (QStringList{u"DELETE incidents/old.html"_s, u"PUT .vigie-manifest.json"_s}));
    QVERIFY(!QFile::exists(m_dir.filePath(u"www/incidents/old.html"_s)));
}

void tst_WebDavTarget::vigiesOwnProbeReadsTheSummary()
{
    ProbeSpec spec;
    spec.setKind(ProbeKind::Statuspage);
    spec.target = u"http://127.0.0.1:%1/site/"_s.arg(m_port);
    spec.timeout = 5s;
    const auto whole = probeOnce<StatuspageProber>(spec);
    QVERIFY(whole);
    QCOMPARE(whole->failedPhase, ProbePhase::Provider); // read, and found a major incident
    QCOMPARE(whole->status, HealthState::Down);
    QVERIFY2(whole->error.toString().contains(u"API partial outage"_s), qPrintable(whole->error.toString()));
    QVERIFY2(whole->detail.toString().contains(u"API errors <b>for some</b> customers"_s),
             qPrintable(whole->detail.toString()));

    spec.options<StatuspageOptions>().components = {u"Extranet"_s};
    const auto extranet = probeOnce<StatuspageProber>(spec);
    QVERIFY(extranet);
    QCOMPARE(extranet->status, HealthState::Up);
    spec.options<StatuspageOptions>().components = {u"API"_s};
    const auto api = probeOnce<StatuspageProber>(spec);
    QVERIFY(api);
    QCOMPARE(api->status, HealthState::Degraded);
}

void tst_WebDavTarget::wrongPasswordNeedsAttentionAndUploadsNothing()
{
    const QByteArray before = fetch(u"index.html"_s);
    const auto t = target("not-the-password");
    Notice outage = apiOutage();
    outage.title = u"Something else entirely"_s;
    const auto outcome = publish(*t, 106, outage);
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY(outcome->credentials);
    QVERIFY2(outcome->message.contains(u"401"_s), qPrintable(outcome->message));
    QVERIFY(!outcome->message.contains(u"not-the-password"_s));
    QVERIFY(newWrites().isEmpty());
    QCOMPARE(fetch(u"index.html"_s), before);
}

void tst_WebDavTarget::missingSecretNeedsAttention()
{
    WebDavTarget t(site(), workspace(), secrets({}));
    const auto outcome = publish(t, 107, apiOutage());
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY(outcome->credentials);
    QVERIFY2(outcome->message.contains(u"vigie secret set "_s + secretName), qPrintable(outcome->message));
    QVERIFY(newWrites().isEmpty());
}

void tst_WebDavTarget::credentialsNeverFollowARedirectElsewhere()
{
    WebDavTarget t(site(u"/moved/"_s), workspace(), secrets({{secretName, password}}));
    const auto outcome = publish(t, 108, apiOutage());
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY2(outcome->message.contains(u"127.0.0.2"_s), qPrintable(outcome->message));
    QFile elsewhere(m_dir.filePath(u"elsewhere.log"_s));
    QVERIFY(!elsewhere.exists() || elsewhere.size() == 0);
}

void tst_WebDavTarget::unreachableServerIsRetriedLater()
{
    StatusSite closed = site();
    closed.url = u"http://127.0.0.1:%1/dav/"_s.arg(closedPort());
    WebDavTarget t(closed, workspace(), secrets({{secretName, password}}));
    const auto outcome = publish(t, 109, apiOutage());
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, PublishOutcome::Kind::RetryLater);
    Publication asked;
    asked.outboxId = 109;
    const auto found = await(t.findPublished(asked));
    QVERIFY(found);
    QVERIFY(!found->asked);
    QCOMPARE(found->error.kind, PublishOutcome::Kind::RetryLater);
}

void tst_WebDavTarget::whatThePublicSeesIsReadBackFromTheSite()
{
    const auto t = target();
    Publication publication;
    publication.outboxId = 150;
    publication.siteId = u"public"_s;
    publication.notice = failover();
    const auto published = await(t->publish(publication));
    QVERIFY(published);
    QCOMPARE(published->kind, PublishOutcome::Kind::Published);
    // Read from the public address (site_url), without credentials.
    const auto copy = await(t->fetchPublic(publication, published->remoteId));
    QVERIFY(copy);
    QVERIFY2(copy->error.isEmpty(), qPrintable(copy->error));
    QCOMPARE(copy->title, u"Database failover"_s);
    QCOMPARE(copy->status, NoticeStatus::Resolved);
    QCOMPARE(copy->updates.size(), 2);
    QVERIFY(copy->url.startsWith(u"http://127.0.0.1:%1/site/"_s.arg(m_port)));
    QCOMPARE(publicCopyDifferences(failover(), *copy), QStringList());
    // A notice the site does not list says so.
    const auto missing = await(t->fetchPublic(publication, u"999"_s));
    QVERIFY(missing);
    QVERIFY2(missing->error.contains(u"999"_s), qPrintable(missing->error));
}

void tst_WebDavTarget::thePagesReadOnAPhoneWithoutJavaScript()
{
    const QString chromium = QStandardPaths::findExecutable(u"chromium"_s);
    if (chromium.isEmpty())
        QSKIP("Chromium is not installed (tools/dev's environment has it)");
    // The site as published by the tests above: two notices. A page of the test's own, next to the
    // site (same origin), lays each page out in a phone-sized frame and reports what a reader gets:
    // the pages themselves carry no script.
    QFile measure(m_dir.filePath(u"www/measure.html"_s));
    QVERIFY(measure.open(QIODevice::WriteOnly));
    measure.write(R"(<!DOCTYPE html><html><body>
<iframe id="f" style="width:390px;height:844px;border:0"></iframe><pre id="out">pending</pre>
<script>
var f = document.getElementById('f');
f.onload = function () {
  var d = f.contentDocument, root = d.documentElement;
  var text = d.body.innerText;
  document.getElementById('out').textContent = JSON.stringify({
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
    fontSize: parseFloat(getComputedStyle(d.body).fontSize),
    scripts: d.scripts.length, text: text.length });
};
f.src = location.search.substring(1);
</script></body></html>)");
    measure.close();
    const QStringList pages{u"index.html"_s, u"history.html"_s, u"incidents/1.html"_s, u"incidents/2.html"_s};
    for (const QString &page : pages) {
        QProcess browser;
        browser.start(chromium, {u"--headless"_s, u"--no-sandbox"_s, u"--disable-gpu"_s, u"--disable-dev-shm-usage"_s,
                                 u"--no-first-run"_s, u"--virtual-time-budget=5000"_s, u"--dump-dom"_s,
                                 u"http://127.0.0.1:%1/site/measure.html?%2"_s.arg(m_port).arg(page)});
        QVERIFY2(browser.waitForFinished(60'000), "Chromium did not finish");
        const QString dom = QString::fromUtf8(browser.readAllStandardOutput());
        const qsizetype start = dom.indexOf(u"<pre id=\"out\">"_s);
        QVERIFY2(start >= 0, qPrintable(QString::fromUtf8(browser.readAllStandardError()).left(2000)));
        const qsizetype from = start + QStringLiteral("<pre id=\"out\">").size();
        const QJsonObject seen =
            QJsonDocument::fromJson(dom.mid(from, dom.indexOf(u"</pre>"_s, from) - from).toUtf8()).object();
        QVERIFY2(!seen.isEmpty(), qPrintable(page + u": "_s + dom.mid(from, 200)));
        // Nothing wider than a phone: no sideways scrolling.
        QVERIFY2(seen.value(u"scrollWidth").toInt() <= seen.value(u"clientWidth").toInt(),
                 qPrintable(page + u": "_s + QString::fromUtf8(QJsonDocument(seen).toJson(QJsonDocument::Compact))));
        QCOMPARE(seen.value(u"clientWidth").toInt(), 390);
        // Text a phone's reader can read without zooming, and all of it there without a script.
        QVERIFY2(seen.value(u"fontSize").toDouble() >= 15, qPrintable(page));
        QCOMPARE(seen.value(u"scripts").toInt(), 0);
        QVERIFY(seen.value(u"text").toInt() > 50);
    }
    QFile::remove(measure.fileName());
}

QTEST_GUILESS_MAIN(tst_WebDavTarget)

#include "tst_webdavtarget.moc"
