#include "cachetserver.h"
#include "notices/cachettarget.h"
#include "notices/statustargets.h"
#include "testservers.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Vigie::AffectedComponent;
using Vigie::CachetTarget;
using Vigie::ComponentStatus;
using Vigie::Notice;
using Vigie::NoticeImpact;
using Vigie::NoticeKind;
using Vigie::NoticeStatus;
using Vigie::NoticeUpdate;
using Vigie::Publication;
using Vigie::PublishOutcome;
using Vigie::StatusSite;
using Vigie::StatusTarget;
using Vigie::Test::CachetServer;

namespace {

const QByteArray token = "9yMHsdioQosnyVK4iCVR";

QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void keepMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&logMutex);
        logLines.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

StatusSite siteFor(const QString &api)
{
    StatusSite site;
    site.id = u"cachet"_s;
    site.kind = StatusSite::Kind::Cachet;
    site.url = api;
    site.tokenSecret = u"cachet-token"_s;
    site.components = {{u"web"_s, u"1"_s}, {u"api"_s, u"2"_s}};
    return site;
}

NoticeUpdate update(qint64 id, NoticeStatus status, const QString &body, QList<AffectedComponent> components = {})
{
    NoticeUpdate u;
    u.id = id;
    u.timestampMs = 1'774'000'000'000 + id * 60'000;
    u.status = status;
    u.body = body;
    u.components = std::move(components);
    return u;
}

Notice incident()
{
    Notice notice;
    notice.id = 3;
    notice.kind = NoticeKind::Incident;
    notice.title = u"Portal unreachable"_s;
    notice.impact = NoticeImpact::Major;
    notice.updates = {update(1, NoticeStatus::Investigating, u"**When**: 10:02. We are looking into it."_s,
                             {{u"web"_s, ComponentStatus::MajorOutage}, {u"mail"_s, ComponentStatus::PartialOutage}})};
    notice.status = NoticeStatus::Investigating;
    return notice;
}

Publication publication(qint64 outboxId, const Notice &notice, const QString &remoteId = {})
{
    Publication p;
    p.outboxId = outboxId;
    p.siteId = u"cachet"_s;
    p.notice = notice;
    p.remoteId = remoteId;
    return p;
}

template<typename T>
T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20'000))
        qFatal("the target never finished");
    return future.result();
}

} // namespace

class tst_CachetTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void mapsVigiesWordsToCachetsNumbers();
    void publishesAnIncidentEndToEnd();
    void publishesAMaintenanceAsASchedule();
    void isMadeFromTheWorkspace();
    void refusesWhatIsOverTheLimitsBeforeSending();
    void refusedTokenNeedsAttention();
    void missingTokenNeedsAttention();
    void validationShowsCachetsMessage();
    void timeoutAfterCreatingIsFoundInsteadOfRepeated();
    void timeoutBeforeCreatingIsNotFound();
    void resetAfterCreatingIsFoundInsteadOfRepeated();
    void resetAfterAnUpdateIsFoundInsteadOfRepeated();
    void serverErrorAndRefusalRetryLater();
    void honoursRetryAfter();
    void neverFollowsARedirect();
    void scrubsTheTokenFromWhatTheSiteSays();

private:
    std::unique_ptr<CachetServer> m_server;
    std::unique_ptr<CachetTarget> m_target;
};

void tst_CachetTarget::initTestCase()
{
    QLoggingCategory::setFilterRules(u"vigie.notices.cachet.debug=true"_s);
    previousHandler = qInstallMessageHandler(keepMessage);
}

void tst_CachetTarget::init()
{
    m_server = std::make_unique<CachetServer>(token);
    m_server->addComponent(1, u"Portal"_s);
    m_server->addComponent(2, u"API"_s);
    m_target = std::make_unique<CachetTarget>(siteFor(m_server->apiUrl()));
    m_target->setSecrets({{u"cachet-token"_s, token}, {u"other"_s, "x"_ba}});
    m_target->setTimeout(1500ms);
}

void tst_CachetTarget::cleanup()
{
    m_target.reset();
    m_server.reset();
    const QMutexLocker lock(&logMutex);
    for (const QString &line : std::as_const(logLines))
        QVERIFY2(!line.contains(QString::fromUtf8(token)), qPrintable(line));
    logLines.clear();
}

void tst_CachetTarget::mapsVigiesWordsToCachetsNumbers()
{
    QCOMPARE(CachetTarget::incidentStatus(NoticeStatus::Investigating), 1);
    QCOMPARE(CachetTarget::incidentStatus(NoticeStatus::Identified), 2);
    QCOMPARE(CachetTarget::incidentStatus(NoticeStatus::Monitoring), 3);
    QCOMPARE(CachetTarget::incidentStatus(NoticeStatus::Resolved), 4);
    QCOMPARE(CachetTarget::componentStatus(ComponentStatus::Operational), 1);
    QCOMPARE(CachetTarget::componentStatus(ComponentStatus::DegradedPerformance), 2);
    QCOMPARE(CachetTarget::componentStatus(ComponentStatus::PartialOutage), 3);
    QCOMPARE(CachetTarget::componentStatus(ComponentStatus::MajorOutage), 4);
    QCOMPARE(CachetTarget::componentStatus(ComponentStatus::UnderMaintenance), 2);
    QCOMPARE(CachetTarget::scheduleStatus(NoticeStatus::Scheduled), 0);
    QCOMPARE(CachetTarget::scheduleStatus(NoticeStatus::InProgress), 1);
    QCOMPARE(CachetTarget::scheduleStatus(NoticeStatus::Verifying), 1);
    QCOMPARE(CachetTarget::scheduleStatus(NoticeStatus::Completed), 2);
}

void tst_CachetTarget::publishesAnIncidentEndToEnd()
{
    Notice notice = incident();
    const PublishOutcome created = await(m_target->publish(publication(7, notice)));
    QCOMPARE(created.kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
    const int id = created.remoteId.toInt();
    QJsonObject remote = m_server->incident(id);
    QCOMPARE(remote.value(u"name").toString(), u"Portal unreachable"_s);
    QCOMPARE(remote.value(u"status").toInt(), 1);
    QCOMPARE(remote.value(u"notifications").toBool(), false); // the choice made
    QCOMPARE(remote.value(u"component_id").toInt(), 1);
    const QString message = remote.value(u"message").toString();
    QVERIFY(message.startsWith(u"**When**: 10:02. We are looking into it."_s));
    QVERIFY(message.endsWith(Vigie::publicationMarker(7, 1)));
    QCOMPARE(m_server->componentStatus(1), 4); // `mail` is not on this site
    QCOMPARE(m_server->componentStatus(2), 1);
    const Vigie::Test::HttpRequest first = m_server->requests().at(0);
    QCOMPARE(first.method, "POST"_ba);
    QCOMPARE(first.path, "/api/v1/incidents"_ba);
    QCOMPARE(first.header("X-Cachet-Token"), token);

    // Two updates later: each becomes an incident update, in order, and the component follows.
    notice.updates.append(update(2, NoticeStatus::Identified, u"A disk is full."_s));
    notice.updates.append(
        update(4, NoticeStatus::Resolved, u"Space freed, all is well."_s, {{u"web"_s, ComponentStatus::Operational}}));
    notice.status = NoticeStatus::Resolved;
    const PublishOutcome resolved = await(m_target->publish(publication(8, notice, created.remoteId)));
    QCOMPARE(resolved.kind, PublishOutcome::Kind::Published);
    QCOMPARE(resolved.remoteId, created.remoteId);
    const QList<QJsonObject> updates = m_server->updates(id);
    QCOMPARE(updates.size(), 2);
    QCOMPARE(updates.at(0).value(u"status").toInt(), 2);
    QVERIFY(updates.at(0).value(u"message").toString().endsWith(Vigie::publicationMarker(8, 2)));
    QCOMPARE(updates.at(1).value(u"status").toInt(), 4);
    QCOMPARE(m_server->incident(id).value(u"status").toInt(), 4);
    QCOMPARE(m_server->componentStatus(1), 1);

    // Sent again as it is: the site has it all, nothing is written.
    const qsizetype before = m_server->requests().size();
    QCOMPARE(await(m_target->publish(publication(9, notice, created.remoteId))).kind, PublishOutcome::Kind::Published);
    for (qsizetype i = before; i < m_server->requests().size(); ++i)
        QCOMPARE(m_server->requests().at(i).method, "GET"_ba);
    QCOMPARE(m_server->updates(id).size(), 2);

    // A new title alone is a PUT of the incident, without a new update.
    notice.title = u"Portal unreachable for 40 minutes"_s;
    QCOMPARE(await(m_target->publish(publication(10, notice, created.remoteId))).kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incident(id).value(u"name").toString(), notice.title);
    QCOMPARE(m_server->updates(id).size(), 2);
    QCOMPARE(m_server->requestsWith("PUT", u"/incidents/"_s), 1);

    // What the public sees: the notice as written, without the markers.
    const Vigie::PublicCopy copy = await(m_target->fetchPublic(publication(10, notice), created.remoteId));
    QVERIFY2(copy.error.isEmpty(), qPrintable(copy.error));
    QCOMPARE(copy.title, notice.title);
    QCOMPARE(copy.status, NoticeStatus::Resolved);
    QCOMPARE(copy.url, u"http://127.0.0.1:%1/incidents/%2"_s.arg(m_server->port()).arg(id));
    QCOMPARE(copy.updates.size(), 3);
    QCOMPARE(copy.updates.at(0).body, u"**When**: 10:02. We are looking into it."_s);
    QCOMPARE(copy.updates.at(2).body, u"Space freed, all is well."_s);
    QCOMPARE(copy.updates.at(1).status, NoticeStatus::Identified);
    QCOMPARE(Vigie::publicCopyDifferences(notice, copy), QStringList());
}

void tst_CachetTarget::publishesAMaintenanceAsASchedule()
{
    Notice notice;
    notice.id = 5;
    notice.kind = NoticeKind::Maintenance;
    notice.title = u"Version 1.22.5"_s;
    const qint64 start = QDateTime(QDate(2026, 10, 9), QTime(16, 0), QTimeZone::UTC).toMSecsSinceEpoch();
    notice.window = Vigie::NoticeWindow{start, start + 2 * 3'600'000};
    notice.updates = {update(11, NoticeStatus::Scheduled, u"Version 1.22.5 is installed from 16:00 to 18:00."_s,
                             {{u"api"_s, ComponentStatus::UnderMaintenance}})};
    notice.status = NoticeStatus::Scheduled;
    const PublishOutcome scheduled = await(m_target->publish(publication(20, notice)));
    QCOMPARE(scheduled.kind, PublishOutcome::Kind::Published);
    QVERIFY(scheduled.remoteId.startsWith(u"schedule:"_s));
    QCOMPARE(m_server->incidents().size(), 0);
    QCOMPARE(m_server->schedules().size(), 1);
    QJsonObject remote = m_server->schedules().at(0);
    QCOMPARE(remote.value(u"name").toString(), u"Version 1.22.5"_s);
    QCOMPARE(remote.value(u"status").toInt(), 0);
    QCOMPARE(remote.value(u"scheduled_at").toString(), u"2026-10-09 16:00:00"_s);
    QCOMPARE(remote.value(u"completed_at").toString(), u"2026-10-09 18:00:00"_s);
    QCOMPARE(m_server->componentStatus(2), 2);

    notice.updates.append(update(12, NoticeStatus::InProgress, u"Started."_s));
    notice.updates.append(update(13, NoticeStatus::Completed, u"Done."_s, {{u"api"_s, ComponentStatus::Operational}}));
    notice.status = NoticeStatus::Completed;
    notice.window->endMs = start + 3'600'000; // finished early: the window follows
    const PublishOutcome completed = await(m_target->publish(publication(21, notice, scheduled.remoteId)));
    QCOMPARE(completed.kind, PublishOutcome::Kind::Published);
    QCOMPARE(completed.remoteId, scheduled.remoteId);
    QCOMPARE(m_server->schedules().size(), 1);
    remote = m_server->schedules().at(0);
    QCOMPARE(remote.value(u"status").toInt(), 2);
    QCOMPARE(remote.value(u"completed_at").toString(), u"2026-10-09 17:00:00"_s);
    QVERIFY(remote.value(u"message").toString().startsWith(u"Done."_s));
    QCOMPARE(m_server->componentStatus(2), 1);

    // A send whose answer was lost is found by its marker.
    const auto found = await(m_target->findPublished(publication(21, notice)));
    QVERIFY(found.asked);
    QCOMPARE(found.remoteId, std::optional<QString>(scheduled.remoteId));
    const Vigie::PublicCopy copy = await(m_target->fetchPublic(publication(21, notice), scheduled.remoteId));
    QCOMPARE(copy.status, NoticeStatus::Completed);
    QCOMPARE(copy.updates.size(), 1);
    QCOMPARE(copy.updates.at(0).body, u"Done."_s);
}

void tst_CachetTarget::isMadeFromTheWorkspace()
{
    const StatusSite site = siteFor(m_server->apiUrl());
    Vigie::Workspace workspace;
    workspace.statusSites = {site};
    QString why;
    std::unique_ptr<StatusTarget> target = Vigie::makeStatusTarget(site, workspace, {{u"cachet-token"_s, token}}, &why);
    QVERIFY2(target, qPrintable(why));
    QVERIFY(qobject_cast<CachetTarget *>(target.get()));
    QCOMPARE(target->siteId(), u"cachet"_s);
    QCOMPARE(target->titleLimit(), 255);
    // With the secret given: it publishes.
    QCOMPARE(await(target->publish(publication(1, incident()))).kind, PublishOutcome::Kind::Published);
}

void tst_CachetTarget::refusesWhatIsOverTheLimitsBeforeSending()
{
    Notice longTitle = incident();
    longTitle.title = QString(256, u'é');
    const PublishOutcome title = await(m_target->publish(publication(1, longTitle)));
    QCOMPARE(title.kind, PublishOutcome::Kind::Failed);
    QCOMPARE(title.message, u"the title has 256 characters; Cachet accepts at most 255"_s);
    Notice longBody = incident();
    longBody.updates.append(update(2, NoticeStatus::Identified, QString(40'000, u'é')));
    const PublishOutcome body = await(m_target->publish(publication(2, longBody)));
    QCOMPARE(body.kind, PublishOutcome::Kind::Failed);
    QCOMPARE(body.message, u"update 2 takes 80000 bytes; Cachet keeps at most 65535"_s);
    QCOMPARE(m_server->requests().size(), 0);
}

void tst_CachetTarget::refusedTokenNeedsAttention()
{
    m_target->setSecrets({{u"cachet-token"_s, "not-the-token-0123"_ba}});
    const PublishOutcome outcome = await(m_target->publish(publication(1, incident())));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY(outcome.credentials);
    QCOMPARE(outcome.message,
             u"127.0.0.1:%1 refused the token (HTTP 401): You are not authorized to view this content."_s.arg(
                 m_server->port()));
    QCOMPARE(m_server->incidents().size(), 0);
    const auto found = await(m_target->findPublished(publication(1, incident())));
    QVERIFY(!found.asked);
    QCOMPARE(found.error.kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY(found.error.credentials);
}

void tst_CachetTarget::missingTokenNeedsAttention()
{
    m_target->setSecrets({});
    const PublishOutcome outcome = await(m_target->publish(publication(1, incident())));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY(outcome.credentials);
    QCOMPARE(outcome.message, u"the system keychain has no secret 'cachet-token' for the token of cachet"_s);
    QCOMPARE(m_server->requests().size(), 0);
}

void tst_CachetTarget::validationShowsCachetsMessage()
{
    Notice untitled = incident();
    untitled.title = u"  "_s;
    const PublishOutcome outcome = await(m_target->publish(publication(1, untitled)));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Failed);
    QCOMPARE(outcome.message,
             u"127.0.0.1:%1 refused the request (HTTP 400): The name field is required."_s.arg(m_server->port()));
}

void tst_CachetTarget::timeoutAfterCreatingIsFoundInsteadOfRepeated()
{
    m_server->injectFault(CachetServer::Fault::TimeoutAfterApply, "POST");
    m_target->setTimeout(700ms);
    const Publication first = publication(31, incident());
    const PublishOutcome outcome = await(m_target->publish(first));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Ambiguous);
    QCOMPARE(m_server->incidents().size(), 1);
    const auto found = await(m_target->findPublished(first));
    QVERIFY(found.asked);
    QCOMPARE(found.remoteId, std::optional<QString>(QString::number(m_server->incidents().at(0).value(u"id").toInt())));
    const PublishOutcome again = await(m_target->publish(publication(31, incident(), *found.remoteId)));
    QCOMPARE(again.kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
    QCOMPARE(m_server->updates(found.remoteId->toInt()).size(), 0);
    QCOMPARE(m_server->requestsWith("POST"), 1);
}

void tst_CachetTarget::timeoutBeforeCreatingIsNotFound()
{
    m_server->injectFault(CachetServer::Fault::TimeoutBeforeApply, "POST");
    m_target->setTimeout(700ms);
    const Publication first = publication(32, incident());
    QCOMPARE(await(m_target->publish(first)).kind, PublishOutcome::Kind::Ambiguous);
    QCOMPARE(m_server->incidents().size(), 0);
    const auto found = await(m_target->findPublished(first));
    QVERIFY(found.asked);
    QVERIFY(!found.remoteId.has_value());
    QCOMPARE(await(m_target->publish(first)).kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
}

void tst_CachetTarget::resetAfterCreatingIsFoundInsteadOfRepeated()
{
    m_server->injectFault(CachetServer::Fault::ResetAfterApply, "POST");
    const Publication first = publication(33, incident());
    const PublishOutcome lost = await(m_target->publish(first));
    QCOMPARE(lost.kind, PublishOutcome::Kind::Ambiguous);
    QCOMPARE(m_server->requestsWith("POST"), 1);
    QCOMPARE(m_server->incidents().size(), 1);
    const auto found = await(m_target->findPublished(first));
    QVERIFY(found.asked);
    QVERIFY(found.remoteId.has_value());
    QCOMPARE(await(m_target->publish(publication(33, incident(), *found.remoteId))).kind,
             PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
    QCOMPARE(m_server->requestsWith("POST"), 1);
}

void tst_CachetTarget::resetAfterAnUpdateIsFoundInsteadOfRepeated()
{
    Notice notice = incident();
    const PublishOutcome created = await(m_target->publish(publication(40, notice)));
    QCOMPARE(created.kind, PublishOutcome::Kind::Published);
    notice.updates.append(update(2, NoticeStatus::Monitoring, u"Fixed, watching."_s));
    m_server->injectFault(CachetServer::Fault::ResetAfterApply, "POST");
    const PublishOutcome lost = await(m_target->publish(publication(41, notice, created.remoteId)));
    QCOMPARE(lost.kind, PublishOutcome::Kind::Ambiguous);
    QCOMPARE(lost.remoteId, created.remoteId);
    QCOMPARE(m_server->requestsWith("POST", u"/incidents/%1/updates"_s.arg(created.remoteId)), 1);
    const auto found = await(m_target->findPublished(publication(41, notice, created.remoteId)));
    QVERIFY(found.asked);
    QCOMPARE(found.remoteId, std::optional<QString>(created.remoteId));
    QCOMPARE(await(m_target->publish(publication(41, notice, created.remoteId))).kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->updates(created.remoteId.toInt()).size(), 1);
    QCOMPARE(m_server->requestsWith("POST", u"/incidents/%1/updates"_s.arg(created.remoteId)), 1);
    // A later entry that was never sent is not found there.
    const auto other = await(m_target->findPublished(publication(42, notice, created.remoteId)));
    QVERIFY(other.asked);
    QVERIFY(!other.remoteId.has_value());
}

void tst_CachetTarget::serverErrorAndRefusalRetryLater()
{
    m_server->injectFault(CachetServer::Fault::ServerError);
    const PublishOutcome failed = await(m_target->publish(publication(1, incident())));
    QCOMPARE(failed.kind, PublishOutcome::Kind::RetryLater);
    QCOMPARE(failed.message,
             u"127.0.0.1:%1 failed (HTTP 500): Something went wrong on our servers."_s.arg(m_server->port()));
    QCOMPARE(m_server->incidents().size(), 0);

    m_server->setRefusing(true);
    const PublishOutcome refused = await(m_target->publish(publication(1, incident())));
    QCOMPARE(refused.kind, PublishOutcome::Kind::RetryLater);
    QVERIFY2(refused.message.startsWith(u"127.0.0.1:%1 could not be reached: connect: "_s.arg(m_server->port())),
             qPrintable(refused.message));
    m_server->setRefusing(false);
    QCOMPARE(await(m_target->publish(publication(1, incident()))).kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
}

void tst_CachetTarget::honoursRetryAfter()
{
    m_server->setRetryAfterSeconds(2);
    m_server->injectFault(CachetServer::Fault::RateLimited);
    const PublishOutcome limited = await(m_target->publish(publication(1, incident())));
    QCOMPARE(limited.kind, PublishOutcome::Kind::RetryLater);
    QCOMPARE(limited.retryAfter, 2000ms);
    QCOMPARE(limited.message,
             u"127.0.0.1:%1 limits the rate of requests (HTTP 429); trying again in 2 s"_s.arg(m_server->port()));
    // Whatever asks next waits for the end of the Retry-After.
    const qsizetype sent = m_server->requests().size();
    QFuture<PublishOutcome> next = m_target->publish(publication(1, incident()));
    QTest::qWait(1000);
    QCOMPARE(m_server->requests().size(), sent);
    QCOMPARE(await(next).kind, PublishOutcome::Kind::Published);
}

void tst_CachetTarget::neverFollowsARedirect()
{
    Vigie::Test::RawHttpServer elsewhere(Vigie::Test::httpResponse(200, R"({"data":{"id":1}})"));
    Vigie::Test::RawHttpServer redirecting(
        Vigie::Test::httpResponse(302, {}, {{"Location", elsewhere.url(u"/api/v1/incidents"_s).toLatin1()}}));
    CachetTarget target(siteFor(redirecting.url(u"/api/v1"_s)));
    target.setSecrets({{u"cachet-token"_s, token}});
    const PublishOutcome outcome = await(target.publish(publication(1, incident())));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::NeedsAttention);
    QCOMPARE(outcome.message,
             u"127.0.0.1:%1 redirected the request to another address; Vigie does not send the token there"_s.arg(
                 redirecting.port()));
    QCOMPARE(redirecting.requestCount(), 1);
    QCOMPARE(elsewhere.requestCount(), 0);
}

void tst_CachetTarget::scrubsTheTokenFromWhatTheSiteSays()
{
    // A site that quotes the token back in its error: the message and the log show it masked.
    Vigie::Test::RawHttpServer echo([](const Vigie::Test::HttpRequest &request) {
        return Vigie::Test::httpResponse(400,
                                         R"({"errors":[{"status":400,"title":"Bad Request","detail":"token )" +
                                             request.header("X-Cachet-Token") + R"( may not post here"}]})",
                                         {{"Content-Type", "application/json"}});
    });
    CachetTarget target(siteFor(echo.url(u"/api/v1"_s)));
    target.setSecrets({{u"cachet-token"_s, token}});
    const PublishOutcome outcome = await(target.publish(publication(1, incident())));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Failed);
    QCOMPARE(outcome.message,
             u"127.0.0.1:%1 refused the request (HTTP 400): token [token] may not post here"_s.arg(echo.port()));
    const QMutexLocker lock(&logMutex);
    QVERIFY(std::any_of(logLines.cbegin(), logLines.cend(),
                        [](const QString &line) { return line.contains(u"[token] may not post here"_s); }));
}

QTEST_GUILESS_MAIN(tst_CachetTarget)
#include "tst_cachettarget.moc"
