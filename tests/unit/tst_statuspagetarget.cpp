#include "notices/statuspagetarget.h"
#include "statuspageserver.h"
#include "testservers.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Vigie::AffectedComponent;
using Vigie::ComponentStatus;
using Vigie::Notice;
using Vigie::NoticeImpact;
using Vigie::NoticeKind;
using Vigie::NoticeStatus;
using Vigie::NoticeUpdate;
using Vigie::Publication;
using Vigie::PublishOutcome;
using Vigie::StatuspageTarget;
using Vigie::StatusSite;
using Vigie::StatusTarget;
using Vigie::Test::StatuspageServer;

namespace {

const QByteArray token = "sp0a7b9d4aac30956d537ac76850f4d78de30994703680056cc1";
const QString pageId = u"qfn30z5r6s5h"_s;

// Every line logged while the tests run, to look for the token in.
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
    site.id = u"public"_s;
    site.kind = StatusSite::Kind::Statuspage;
    site.url = api;
    site.pageId = pageId;
    site.tokenSecret = u"sp-key"_s;
    site.components = {{u"web"_s, u"cweb00000001"_s}, {u"api"_s, u"capi00000002"_s}};
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
    p.siteId = u"public"_s;
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

int requestsWith(const QList<Vigie::Test::HttpRequest> &requests, const QByteArray &method)
{
    return int(std::count_if(requests.cbegin(), requests.cend(),
                             [&](const Vigie::Test::HttpRequest &request) { return request.method == method; }));
}

} // namespace

class tst_StatuspageTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void publishesAnIncidentEndToEnd();
    void publishesAMaintenance();
    void refusesWhatIsOverTheLimitsBeforeSending();
    void refusedTokenNeedsAttention();
    void missingTokenNeedsAttention();
    void validationShowsTheSitesMessage();
    void timeoutAfterApplyingIsFoundInsteadOfRepeated();
    void resetAfterApplyingIsFoundInsteadOfRepeated();
    void resetAfterCreatingIsFoundInsteadOfRepeated();
    void timeoutBeforeApplyingIsNotFound();
    void serverErrorAndRefusalRetryLater();
    void honoursRetryAfter();
    void pacesRequestsAtOnePerSecond();
    void scrubsTheTokenFromWhatTheSiteSays();
    void neverFollowsARedirectToAnotherOrigin();

private:
    std::unique_ptr<StatuspageServer> m_server;
    std::unique_ptr<StatuspageTarget> m_target;
};

void tst_StatuspageTarget::initTestCase()
{
    // The target's debug lines too: they must not hold the token either.
    QLoggingCategory::setFilterRules(u"vigie.notices.statuspage.debug=true"_s);
    previousHandler = qInstallMessageHandler(keepMessage);
}

void tst_StatuspageTarget::init()
{
    m_server = std::make_unique<StatuspageServer>(pageId, token);
    m_server->setRateInterval(50ms);
    m_target = std::make_unique<StatuspageTarget>(siteFor(m_server->apiUrl()));
    m_target->setSecrets({{u"sp-key"_s, token}, {u"other"_s, "x"_ba}});
    m_target->setRequestInterval(60ms);
    m_target->setTimeout(1500ms);
}

void tst_StatuspageTarget::cleanup()
{
    m_target.reset();
    m_server.reset();
    const QMutexLocker lock(&logMutex);
    QVERIFY(!logLines.isEmpty()); // the requests were logged...
    for (const QString &line : std::as_const(logLines))
        QVERIFY2(!line.contains(QString::fromUtf8(token)), qPrintable(line)); // ...without the token
    logLines.clear();
}

void tst_StatuspageTarget::publishesAnIncidentEndToEnd()
{
    Notice notice = incident();
    const PublishOutcome created = await(m_target->publish(publication(7, notice)));
    QCOMPARE(created.kind, PublishOutcome::Kind::Published);
    QVERIFY(!created.remoteId.isEmpty());
    QCOMPARE(m_server->incidents().size(), 1);
    QJsonObject remote = m_server->incident(created.remoteId);
    QCOMPARE(remote.value(u"name").toString(), u"Portal unreachable"_s);
    QCOMPARE(remote.value(u"status").toString(), u"investigating"_s);
    QCOMPARE(remote.value(u"impact_override").toString(), u"major"_s);
    QCOMPARE(remote.value(u"metadata").toObject().value(u"vigie").toObject().value(u"outbox_id").toInteger(), 7);
    const QJsonArray updates = remote.value(u"incident_updates").toArray();
    QCOMPARE(updates.size(), 1);
    QVERIFY(updates.at(0).toObject().value(u"body").toString().startsWith(u"**When**: 10:02."_s));
    QVERIFY(updates.at(0).toObject().value(u"body").toString().endsWith(StatuspageTarget::marker(7, 1)));
    QCOMPARE(updates.at(0).toObject().value(u"deliver_notifications").toBool(), false); // the choice made
    // The service mapped to a component; `mail`, which this site does not show, left out.
    QCOMPARE(m_server->componentStatuses(), (QHash<QString, QString>{{u"cweb00000001"_s, u"major_outage"_s}}));
    const Vigie::Test::HttpRequest first = m_server->requests().at(0);
    QCOMPARE(first.method, "POST"_ba);
    QCOMPARE(first.path, QByteArray("/v1/pages/" + pageId.toLatin1() + "/incidents"));
    QCOMPARE(first.header("Authorization"), QByteArray("OAuth " + token));

    // Two updates later: each becomes an incident update, in order.
    notice.updates.append(update(2, NoticeStatus::Identified, u"A disk is full."_s));
    notice.updates.append(
        update(4, NoticeStatus::Resolved, u"Space freed, all is well."_s, {{u"web"_s, ComponentStatus::Operational}}));
    notice.status = NoticeStatus::Resolved;
    notice.postmortem = u"## Cause\n\nLogs filled the disk."_s;
    Publication next = publication(8, notice, created.remoteId);
    next.deliverNotifications = true;
    const PublishOutcome resolved = await(m_target->publish(next));
    QCOMPARE(resolved.kind, PublishOutcome::Kind::Published);
    QCOMPARE(resolved.remoteId, created.remoteId);
    remote = m_server->incident(created.remoteId);
    QCOMPARE(remote.value(u"status").toString(), u"resolved"_s);
    QStringList statuses;
    for (const QJsonValue &u : remote.value(u"incident_updates").toArray())
        statuses.prepend(u.toObject().value(u"status").toString());
    QCOMPARE(statuses, (QStringList{u"investigating"_s, u"identified"_s, u"resolved"_s}));
    QCOMPARE(m_server->componentStatuses().value(u"cweb00000001"_s), u"operational"_s);
    QCOMPARE(remote.value(u"postmortem_body").toString(), notice.postmortem);
    QVERIFY(!remote.value(u"postmortem_published_at").toString().isEmpty());
    QCOMPARE(remote.value(u"postmortem_notified_subscribers").toBool(), true);

    // Sent again as it is: the site has it all, nothing is written.
    const qsizetype before = m_server->requests().size();
    const PublishOutcome again = await(m_target->publish(publication(9, notice, created.remoteId)));
    QCOMPARE(again.kind, PublishOutcome::Kind::Published);
    const QList<Vigie::Test::HttpRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), before + 1);
    QCOMPARE(requests.last().method, "GET"_ba);
    QCOMPARE(m_server->incident(created.remoteId).value(u"incident_updates").toArray().size(), 3);

    // A new title alone is sent without a new update.
    notice.title = u"Portal unreachable for 40 minutes"_s;
    QCOMPARE(await(m_target->publish(publication(10, notice, created.remoteId))).kind, PublishOutcome::Kind::Published);
    remote = m_server->incident(created.remoteId);
    QCOMPARE(remote.value(u"name").toString(), notice.title);
    QCOMPARE(remote.value(u"incident_updates").toArray().size(), 3);
}

void tst_StatuspageTarget::publishesAMaintenance()
{
    Notice notice;
    notice.id = 5;
    notice.kind = NoticeKind::Maintenance;
    notice.title = u"Version 1.22.5"_s;
    notice.impact = NoticeImpact::Minor;
    const qint64 start = QDateTime(QDate(2026, 10, 9), QTime(16, 0), QTimeZone::UTC).toMSecsSinceEpoch();
    notice.window = Vigie::NoticeWindow{start, start + 2 * 3'600'000};
    notice.updates = {update(11, NoticeStatus::Scheduled, u"Version 1.22.5 is installed from 16:00 to 18:00."_s,
                             {{u"api"_s, ComponentStatus::UnderMaintenance}})};
    const PublishOutcome scheduled = await(m_target->publish(publication(20, notice)));
    QCOMPARE(scheduled.kind, PublishOutcome::Kind::Published);
    QJsonObject remote = m_server->incident(scheduled.remoteId);
    QCOMPARE(remote.value(u"status").toString(), u"scheduled"_s);
    QCOMPARE(remote.value(u"scheduled_for").toString(), u"2026-10-09T16:00:00Z"_s);
    QCOMPARE(remote.value(u"scheduled_until").toString(), u"2026-10-09T18:00:00Z"_s);
    // Vigie moves it along with its own updates; Statuspage must not do it as well.
    QCOMPARE(remote.value(u"scheduled_auto_in_progress").toBool(true), false);
    QCOMPARE(remote.value(u"scheduled_auto_completed").toBool(true), false);
    QCOMPARE(m_server->componentStatuses().value(u"capi00000002"_s), u"under_maintenance"_s);

    notice.updates.append(update(12, NoticeStatus::InProgress, u"Started."_s));
    notice.updates.append(update(13, NoticeStatus::Completed, u"Done."_s, {{u"api"_s, ComponentStatus::Operational}}));
    notice.window->endMs = start + 3'600'000; // finished early: the window follows
    const PublishOutcome completed = await(m_target->publish(publication(21, notice, scheduled.remoteId)));
    QCOMPARE(completed.kind, PublishOutcome::Kind::Published);
    remote = m_server->incident(scheduled.remoteId);
    QCOMPARE(remote.value(u"status").toString(), u"completed"_s);
    QCOMPARE(remote.value(u"incident_updates").toArray().size(), 3);
    QCOMPARE(remote.value(u"scheduled_until").toString(), u"2026-10-09T17:00:00Z"_s);
    QCOMPARE(m_server->componentStatuses().value(u"capi00000002"_s), u"operational"_s);
}

void tst_StatuspageTarget::refusesWhatIsOverTheLimitsBeforeSending()
{
    QCOMPARE(m_target->titleLimit(), 255);
    QCOMPARE(m_target->bodyLimit(), 25'000);
    Notice longTitle = incident();
    longTitle.title = QString(256, u'é');
    const PublishOutcome title = await(m_target->publish(publication(1, longTitle)));
    QCOMPARE(title.kind, PublishOutcome::Kind::Failed);
    QCOMPARE(title.message, u"the title has 256 characters; Statuspage accepts at most 255"_s);

    Notice longBody = incident();
    longBody.updates.append(update(2, NoticeStatus::Identified, QString(25'001, u'x')));
    const PublishOutcome body = await(m_target->publish(publication(2, longBody)));
    QCOMPARE(body.kind, PublishOutcome::Kind::Failed);
    QCOMPARE(body.message, u"update 2 has 25001 characters; Statuspage accepts at most 25000"_s);
    QCOMPARE(m_server->requests().size(), 0);

    // At the limit exactly: sent, without the marker that would not fit (the metadata has the id).
    Notice full = incident();
    full.updates.first().body = QString(25'000, u'x');
    const PublishOutcome sent = await(m_target->publish(publication(3, full)));
    QCOMPARE(sent.kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incident(sent.remoteId)
                 .value(u"incident_updates")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"body")
                 .toString(),
             full.updates.first().body);
    const auto found = await(m_target->findPublished(publication(3, full)));
    QVERIFY(found.asked);
    QCOMPARE(found.remoteId, std::optional<QString>(sent.remoteId));
}

void tst_StatuspageTarget::refusedTokenNeedsAttention()
{
    m_target->setSecrets({{u"sp-key"_s, "not-the-key-0123456789"_ba}});
    const PublishOutcome outcome = await(m_target->publish(publication(1, incident())));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY(outcome.credentials);
    QCOMPARE(outcome.message,
             u"127.0.0.1:%1 refused the token (HTTP 401): Could not authenticate"_s.arg(m_server->port()));
    QVERIFY(!outcome.message.contains(u"not-the-key"_s));
    QCOMPARE(m_server->incidents().size(), 0);
    const auto found = await(m_target->findPublished(publication(1, incident())));
    QVERIFY(!found.asked);
    QCOMPARE(found.error.kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY(found.error.credentials);
}

void tst_StatuspageTarget::missingTokenNeedsAttention()
{
    m_target->setSecrets({});
    const PublishOutcome outcome = await(m_target->publish(publication(1, incident())));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::NeedsAttention);
    QVERIFY(outcome.credentials);
    QCOMPARE(outcome.message, u"the system keychain has no secret 'sp-key' for the token of public"_s);
    QCOMPARE(m_server->requests().size(), 0);
}

void tst_StatuspageTarget::validationShowsTheSitesMessage()
{
    Notice untitled = incident();
    untitled.title = u"  "_s;
    const PublishOutcome outcome = await(m_target->publish(publication(1, untitled)));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Failed);
    QVERIFY(!outcome.credentials);
    QCOMPARE(outcome.message,
             u"127.0.0.1:%1 refused the request (HTTP 422): Name can't be blank"_s.arg(m_server->port()));
}

void tst_StatuspageTarget::timeoutAfterApplyingIsFoundInsteadOfRepeated()
{
    m_server->injectFault(StatuspageServer::Fault::TimeoutAfterApply, "POST");
    m_target->setTimeout(700ms);
    const Publication first = publication(31, incident());
    const PublishOutcome outcome = await(m_target->publish(first));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Ambiguous);
    QVERIFY(outcome.remoteId.isEmpty());
    QCOMPARE(m_server->incidents().size(), 1); // it was applied

    const StatusTarget::Found found = await(m_target->findPublished(first));
    QVERIFY(found.asked);
    QVERIFY(found.remoteId.has_value());
    QCOMPARE(*found.remoteId, m_server->incidents().at(0).toObject().value(u"id").toString());
    // Sent again with what was found: nothing is repeated.
    const PublishOutcome again = await(m_target->publish(publication(31, incident(), *found.remoteId)));
    QCOMPARE(again.kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
    QCOMPARE(m_server->incident(*found.remoteId).value(u"incident_updates").toArray().size(), 1);
}

void tst_StatuspageTarget::resetAfterApplyingIsFoundInsteadOfRepeated()
{
    // The site's rate limit out of the way: a repeat of the request would be applied.
    m_server->setRateInterval(0ms);
    // Created, then an update whose answer is lost in a reset.
    Notice notice = incident();
    const PublishOutcome created = await(m_target->publish(publication(40, notice)));
    QCOMPARE(created.kind, PublishOutcome::Kind::Published);
    notice.updates.append(update(2, NoticeStatus::Monitoring, u"Fixed, watching."_s));
    m_server->injectFault(StatuspageServer::Fault::ResetAfterApply, "PATCH");
    const PublishOutcome lost = await(m_target->publish(publication(41, notice, created.remoteId)));
    // Sent once, never again behind the relay's back: its fate is for the marker to tell.
    QCOMPARE(requestsWith(m_server->requests(), "PATCH"), 1);
    QCOMPARE(lost.kind, PublishOutcome::Kind::Ambiguous);
    QVERIFY2(lost.message.startsWith(
                 u"the connection to 127.0.0.1:%1 broke after the request was sent ("_s.arg(m_server->port())),
             qPrintable(lost.message));
    QCOMPARE(lost.remoteId, created.remoteId);
    QCOMPARE(m_server->incident(created.remoteId).value(u"incident_updates").toArray().size(), 2);

    const auto found = await(m_target->findPublished(publication(41, notice, created.remoteId)));
    QVERIFY(found.asked);
    QCOMPARE(found.remoteId, std::optional<QString>(created.remoteId));
    const PublishOutcome again = await(m_target->publish(publication(41, notice, created.remoteId)));
    QCOMPARE(again.kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incident(created.remoteId).value(u"incident_updates").toArray().size(), 2);
    QCOMPARE(requestsWith(m_server->requests(), "PATCH"), 1);
}

void tst_StatuspageTarget::resetAfterCreatingIsFoundInsteadOfRepeated()
{
    m_server->setRateInterval(0ms);
    m_server->injectFault(StatuspageServer::Fault::ResetAfterApply, "POST");
    const Publication first = publication(42, incident());
    const PublishOutcome lost = await(m_target->publish(first));
    QCOMPARE(requestsWith(m_server->requests(), "POST"), 1);
    QCOMPARE(lost.kind, PublishOutcome::Kind::Ambiguous);
    QVERIFY(lost.remoteId.isEmpty());
    QCOMPARE(m_server->incidents().size(), 1);

    const auto found = await(m_target->findPublished(first));
    QVERIFY(found.asked);
    QCOMPARE(found.remoteId, std::optional<QString>(m_server->incidents().at(0).toObject().value(u"id").toString()));
    const PublishOutcome again = await(m_target->publish(publication(42, incident(), *found.remoteId)));
    QCOMPARE(again.kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
    QCOMPARE(m_server->incident(*found.remoteId).value(u"incident_updates").toArray().size(), 1);
    QCOMPARE(requestsWith(m_server->requests(), "POST"), 1);
}

void tst_StatuspageTarget::timeoutBeforeApplyingIsNotFound()
{
    m_server->injectFault(StatuspageServer::Fault::TimeoutBeforeApply, "POST");
    m_target->setTimeout(700ms);
    const Publication first = publication(32, incident());
    const PublishOutcome outcome = await(m_target->publish(first));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Ambiguous);
    QCOMPARE(m_server->incidents().size(), 0);
    const StatusTarget::Found found = await(m_target->findPublished(first));
    QVERIFY(found.asked);
    QVERIFY(!found.remoteId.has_value());
    // Safe to send again: one incident.
    QCOMPARE(await(m_target->publish(first)).kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
}

void tst_StatuspageTarget::serverErrorAndRefusalRetryLater()
{
    m_server->injectFault(StatuspageServer::Fault::ServerError);
    const PublishOutcome failed = await(m_target->publish(publication(1, incident())));
    QCOMPARE(failed.kind, PublishOutcome::Kind::RetryLater);
    QCOMPARE(failed.message, u"127.0.0.1:%1 failed (HTTP 500): Internal Server Error"_s.arg(m_server->port()));
    QCOMPARE(m_server->incidents().size(), 0);

    m_server->setRefusing(true);
    const PublishOutcome refused = await(m_target->publish(publication(1, incident())));
    QCOMPARE(refused.kind, PublishOutcome::Kind::RetryLater);
    QVERIFY2(refused.message.startsWith(u"127.0.0.1:%1 could not be reached: "_s.arg(m_server->port())),
             qPrintable(refused.message));
    m_server->setRefusing(false);
    QCOMPARE(await(m_target->publish(publication(1, incident()))).kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->incidents().size(), 1);
}

void tst_StatuspageTarget::honoursRetryAfter()
{
    m_server->setRetryAfterSeconds(2);
    m_server->injectFault(StatuspageServer::Fault::RateLimited);
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
    QCOMPARE(m_server->requests().size(), sent + 1);
}

void tst_StatuspageTarget::pacesRequestsAtOnePerSecond()
{
    // Statuspage's own limit, on both sides: three requests in a row, none refused.
    m_server->setRateInterval(1000ms);
    m_target->setRequestInterval(1000ms);
    Notice notice = incident();
    notice.updates.append(update(2, NoticeStatus::Identified, u"Found."_s));
    notice.updates.append(update(3, NoticeStatus::Resolved, u"Fixed."_s));
    const PublishOutcome outcome = await(m_target->publish(publication(50, notice)));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Published);
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(m_server->rateLimited(), 0);
}

void tst_StatuspageTarget::scrubsTheTokenFromWhatTheSiteSays()
{
    // A site that quotes the key back in its error: the message and the log show it masked.
    Vigie::Test::RawHttpServer echo([](const Vigie::Test::HttpRequest &request) {
        return Vigie::Test::httpResponse(
            422, R"({"error": "key )" + request.header("Authorization").mid(6) + R"( may not post here"})",
            {{"Content-Type", "application/json"}});
    });
    StatuspageTarget target(siteFor(echo.url(u"/v1"_s)));
    target.setSecrets({{u"sp-key"_s, token}});
    const PublishOutcome outcome = await(target.publish(publication(1, incident())));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Failed);
    QCOMPARE(outcome.message,
             u"127.0.0.1:%1 refused the request (HTTP 422): key [token] may not post here"_s.arg(echo.port()));
}

void tst_StatuspageTarget::neverFollowsARedirectToAnotherOrigin()
{
    Vigie::Test::RawHttpServer elsewhere(Vigie::Test::httpResponse(201, "{}"));
    Vigie::Test::RawHttpServer redirecting(Vigie::Test::httpResponse(
        307, {}, {{"Location", u"http://localhost:%1/v1/pages/x/incidents"_s.arg(elsewhere.port()).toLatin1()}}));
    StatuspageTarget target(siteFor(redirecting.url(u"/v1"_s)));
    target.setSecrets({{u"sp-key"_s, token}});
    const PublishOutcome outcome = await(target.publish(publication(1, incident())));
    QCOMPARE(outcome.kind, PublishOutcome::Kind::NeedsAttention);
    QCOMPARE(outcome.message,
             u"127.0.0.1:%1 redirected the request to another address; Vigie does not send the token there"_s.arg(
                 redirecting.port()));
    QCOMPARE(redirecting.requestCount(), 1);
    QCOMPARE(elsewhere.requestCount(), 0);
}

QTEST_GUILESS_MAIN(tst_StatuspageTarget)
#include "tst_statuspagetarget.moc"
