// The outbox relay against an in-test Statuspage API: a notice queued while the site cannot be
// reached, or whose send fails in any way (refused, a timeout before or after the site applied it,
// 500, 429, a reset after it was applied), is published exactly once; two relays on one data folder
// never send one entry twice; a send interrupted by a dead relay is found, not repeated; refusals an
// engineer must read are kept, not retried.
#include "manualclock.h"
#include "notices/noticestore.h"
#include "notices/outboxrelay.h"
#include "notices/statuspagetarget.h"
#include "statuspageserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using Vigie::Test::StatuspageServer;

namespace {

const QByteArray token = "sp0a7b9d4aac30956d537ac76850f4d78de30994703680056cc1";
const QString pageId = u"qfn30z5r6s5h"_s;

template<typename T>
T await(QFuture<T> future, int timeoutMs = 30'000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        qFatal("a future never finished");
    return future.result();
}

template<typename T>
T valueOf(const NoticeStore::Result<T> &result)
{
    if (!result)
        qFatal("%s", qPrintable(result.error()));
    return *result;
}

// A store's clock on a loaded machine: "now" stays at the start until armed, answers it once
// more, then jumps, as if the store thread had been slow to run its next query.
class JumpingClock final : public Clock
{
public:
    explicit JumpingClock(QDateTime start)
        : m_start(start)
    {}
    QDateTime now() const override
    {
        if (!m_armed.load())
            return m_start;
        return m_reads.fetch_add(1) == 0 ? m_start : m_later;
    }
    void jumpAfterNextRead(QDateTime later)
    {
        m_later = later;
        m_armed.store(true);
    }

private:
    QDateTime m_start;
    QDateTime m_later;
    std::atomic<bool> m_armed{false};
    mutable std::atomic<int> m_reads{0};
};

StatusSite siteFor(const QString &api)
{
    StatusSite site;
    site.id = u"public"_s;
    site.kind = StatusSite::Kind::Statuspage;
    site.url = api;
    site.pageId = pageId;
    site.tokenSecret = u"sp-key"_s;
    site.components = {{u"web"_s, u"cweb00000001"_s}};
    return site;
}

Notice incident(const QString &title)
{
    Notice notice;
    notice.kind = NoticeKind::Incident;
    notice.title = title;
    notice.impact = NoticeImpact::Major;
    NoticeUpdate first;
    first.status = NoticeStatus::Investigating;
    first.body = u"**When:** since 19:23.\n\nThe extranet is unreachable."_s;
    first.components = {{u"web"_s, ComponentStatus::MajorOutage}};
    notice.updates = {first};
    return notice;
}

int requestsOf(const StatuspageServer &server, const QByteArray &method)
{
    int n = 0;
    for (const Vigie::Test::HttpRequest &request : server.requests())
        n += request.method == method ? 1 : 0;
    return n;
}

} // namespace

class tst_OutboxRelay : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<StatuspageServer> m_server;
    std::unique_ptr<NoticeStore> m_store;
    QString m_dataDir;

    Workspace workspace() const
    {
        Workspace w;
        w.name = u"Lab"_s;
        Service web;
        web.id = u"web"_s;
        web.name = u"Extranet"_s;
        w.services = {web};
        w.statusSites = {siteFor(m_server->apiUrl())};
        return w;
    }

    // A relay as the console's, with a site that answers fast and backoffs a test can wait for.
    std::unique_ptr<OutboxRelay> relayOn(NoticeStore *store, const QByteArray &key = token,
                                         const Clock *clock = nullptr)
    {
        auto relay = std::make_unique<OutboxRelay>(store, clock);
        relay->setWorkspace(workspace(), {{u"sp-key"_s, key}});
        relay->setTargetFactory([key](const StatusSite &site) {
            auto target = std::make_unique<StatuspageTarget>(site);
            target->setSecrets({{u"sp-key"_s, key}});
            target->setRequestInterval(20ms);
            target->setTimeout(700ms);
            return target;
        });
        relay->setBackoff(50ms, 400ms);
        relay->setLeaseDuration(10s);
        return relay;
    }

    // A new incident, queued for the site; returns its id.
    qint64 queueIncident(NoticeStore &store, const QString &title)
    {
        const Notice created = valueOf(await(store.create(incident(title))));
        const QList<OutboxEntry> entries = valueOf(await(store.publish(created.id, {u"public"_s}, false)));
        if (entries.size() != 1)
            qFatal("not queued");
        return created.id;
    }

    OutboxEntry onlyEntry(NoticeStore &store, qint64 noticeId)
    {
        OutboxEntry found;
        for (const OutboxEntry &entry : valueOf(await(store.outbox())))
            if (entry.noticeId == noticeId)
                found = entry; // newest first: the oldest is kept
        return found;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        static int n = 0;
        m_dataDir = m_dir.filePath(u"data-%1"_s.arg(++n));
        m_server = std::make_unique<StatuspageServer>(pageId, token);
        m_server->setRateInterval(10ms);
        m_store = std::make_unique<NoticeStore>();
        QVERIFY(m_store->open(m_dataDir).has_value());
    }

    void cleanup()
    {
        m_store.reset();
        m_server.reset();
    }

    void publishesExactlyOnceWhateverFails_data()
    {
        QTest::addColumn<int>("fault"); // -1: the site refuses connections until the first failure
        QTest::addColumn<QByteArray>("method");
        const QList<std::pair<const char *, int>> faults{
            {"refused", -1},
            {"timeout before applying", int(StatuspageServer::Fault::TimeoutBeforeApply)},
            {"timeout after applying", int(StatuspageServer::Fault::TimeoutAfterApply)},
            {"500", int(StatuspageServer::Fault::ServerError)},
            {"429", int(StatuspageServer::Fault::RateLimited)},
            {"reset after applying", int(StatuspageServer::Fault::ResetAfterApply)},
        };
        for (const QByteArray &method : {"POST"_ba, "PATCH"_ba})
            for (const auto &[name, fault] : faults)
                QTest::addRow("%s, %s", method.constData(), name) << fault << method;
    }

    void publishesExactlyOnceWhateverFails()
    {
        QFETCH(int, fault);
        QFETCH(QByteArray, method);
        auto relay = relayOn(m_store.get());
        const qint64 id = queueIncident(*m_store, u"Extranet unreachable"_s);
        int expectedUpdates = 1;
        if (method == "PATCH") {
            // The incident exists; the fault hits the next update.
            QVERIFY(await(relay->flush()).pending.isEmpty());
            NoticeEdit edit;
            edit.update.status = NoticeStatus::Identified;
            edit.update.body = u"**Cause:** a boot disk failed during a kernel update."_s;
            valueOf(await(m_store->addUpdate(id, edit, {u"public"_s})));
            expectedUpdates = 2;
        }
        if (fault < 0) {
            m_server->setRefusing(true);
            // The site comes back once the relay has failed to reach it.
            connect(relay.get(), &OutboxRelay::entryChanged, this, [this](const OutboxEntry &entry) {
                if (entry.state == OutboxEntry::State::Queued && !entry.lastError.isEmpty())
                    m_server->setRefusing(false);
            });
        } else {
            m_server->injectFault(StatuspageServer::Fault(fault), method);
        }

        const OutboxRelay::FlushReport report = await(relay->flush(20s));
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QVERIFY2(report.pending.isEmpty(), qPrintable(report.pending.value(0).lastError));
        QVERIFY(report.attempts >= 2); // the fault happened, and was got over

        // Exactly once: one incident, one incident update per update of the notice.
        const QJsonArray incidents = m_server->incidents();
        QCOMPARE(incidents.size(), 1);
        const QJsonObject remote = incidents.at(0).toObject();
        QCOMPARE(remote.value(u"incident_updates").toArray().size(), expectedUpdates);
        for (const OutboxEntry &entry : valueOf(await(m_store->outbox()))) {
            QCOMPARE(entry.state, OutboxEntry::State::Published);
            QCOMPARE(entry.remoteId, remote.value(u"id").toString());
        }
    }

    // A retry that comes due between the round that leased nothing and the flush's look at what is
    // left (a slow store on a loaded machine) is sent, not reported as pending.
    void aRetryDueWhileTheFlushLooksIsSent()
    {
        const QDateTime start(QDate(2026, 12, 3), QTime(3, 0), QTimeZone::UTC);
        JumpingClock storeClock(start);
        NoticeStore store(&storeClock);
        QVERIFY(store.open(m_dataDir + u"-slow"_s).has_value());
        queueIncident(store, u"Extranet unreachable"_s);
        // Deferred by a second, as a 429 would defer it.
        const QList<OutboxEntry> leased = valueOf(await(store.leaseDue(u"earlier"_s, 10'000, 16, {u"public"_s})));
        QCOMPARE(leased.size(), 1);
        valueOf(await(
            store.markRetryLater(leased.first().id, u"earlier"_s, u"HTTP 429"_s, start.toMSecsSinceEpoch() + 1000)));
        // The relay's first round reads the store's clock before the retry is due, and the relay
        // looks at what is left after it is.
        Vigie::Test::ManualClock relayClock(start.addSecs(2));
        storeClock.jumpAfterNextRead(start.addSecs(2));
        auto relay = relayOn(&store, token, &relayClock);
        const OutboxRelay::FlushReport report = await(relay->flush(20s));
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QVERIFY2(report.pending.isEmpty(), qPrintable(report.pending.value(0).lastError));
        QCOMPARE(m_server->incidents().size(), 1);
    }

    void draftedOfflineIsPublishedWhenTheSiteComesBack()
    {
        // The console's relay runs while the site is down: the entry waits, deferred, and goes out
        // once on its own when the site is back.
        m_server->setRefusing(true);
        auto relay = relayOn(m_store.get());
        relay->setPollInterval(100ms);
        QSignalSpy changes(relay.get(), &OutboxRelay::entryChanged);
        relay->start();
        const qint64 id = queueIncident(*m_store, u"Mail delayed"_s);
        relay->wake();
        QTRY_VERIFY_WITH_TIMEOUT(onlyEntry(*m_store, id).attempts >= 2, 10'000);
        QCOMPARE(onlyEntry(*m_store, id).state, OutboxEntry::State::Queued);
        QVERIFY2(onlyEntry(*m_store, id).lastError.contains(u"could not be reached"_s),
                 qPrintable(onlyEntry(*m_store, id).lastError));
        QCOMPARE(m_server->incidents().size(), 0);

        m_server->setRefusing(false);
        QTRY_COMPARE_WITH_TIMEOUT(onlyEntry(*m_store, id).state, OutboxEntry::State::Published, 10'000);
        relay->stop();
        QCOMPARE(m_server->incidents().size(), 1);
        QCOMPARE(requestsOf(*m_server, "POST"), 1);
        // The console saw it go through its states.
        QList<OutboxEntry::State> states;
        for (const QList<QVariant> &change : std::as_const(changes))
            states.append(change.at(0).value<OutboxEntry>().state);
        QVERIFY(states.contains(OutboxEntry::State::Sending));
        QCOMPARE(states.constLast(), OutboxEntry::State::Published);
    }

    void refusedCredentialsNeedAttentionAndAreNeverRetriedBlindly()
    {
        auto relay = relayOn(m_store.get(), "wrong-token-0000");
        const qint64 id = queueIncident(*m_store, u"API errors"_s);
        OutboxRelay::FlushReport report = await(relay->flush(2s));
        QCOMPARE(report.pending.size(), 1);
        OutboxEntry entry = report.pending.at(0);
        QCOMPARE(entry.state, OutboxEntry::State::NeedsAttention);
        QVERIFY2(entry.lastError.startsWith(u"credentials: "_s), qPrintable(entry.lastError));
        QVERIFY2(entry.lastError.contains(u"401"_s), qPrintable(entry.lastError));
        const qsizetype requests = m_server->requests().size();
        QCOMPARE(requests, 1);
        // Flushed again: nothing is sent.
        report = await(relay->flush(500ms));
        QCOMPARE(report.attempts, 0);
        QCOMPARE(m_server->requests().size(), requests);

        // The engineer fixes the token and retries: published once.
        valueOf(await(m_store->retry(entry.id)));
        auto fixed = relayOn(m_store.get());
        QVERIFY(await(fixed->flush()).pending.isEmpty());
        QCOMPARE(onlyEntry(*m_store, id).state, OutboxEntry::State::Published);
        QCOMPARE(m_server->incidents().size(), 1);
    }

    void overTheLimitFailsWithoutSending()
    {
        auto relay = relayOn(m_store.get());
        const qint64 id = queueIncident(*m_store, QString(300, u'x'));
        const OutboxRelay::FlushReport report = await(relay->flush(2s));
        QCOMPARE(report.pending.size(), 1);
        QCOMPARE(report.pending.at(0).state, OutboxEntry::State::Failed);
        QVERIFY2(report.pending.at(0).lastError.contains(u"255"_s), qPrintable(report.pending.at(0).lastError));
        QCOMPARE(m_server->requests().size(), 0);
        QCOMPARE(onlyEntry(*m_store, id).attempts, 1);
    }

    void anotherWorkspacesEntriesWaitForTheirSite()
    {
        // Queued with a workspace that has the site "other"; this relay's workspace does not: the
        // entry is neither sent nor marked, and stays pending for a relay that knows its site.
        const Notice created = valueOf(await(m_store->create(incident(u"Portal down"_s))));
        valueOf(await(m_store->publish(created.id, {u"other"_s}, false)));
        auto relay = relayOn(m_store.get());
        const OutboxRelay::FlushReport report = await(relay->flush(1s));
        QCOMPARE(report.attempts, 0);
        QCOMPARE(report.pending.size(), 1);
        QCOMPARE(report.pending.at(0).state, OutboxEntry::State::Queued);
        QVERIFY(report.pending.at(0).lastError.isEmpty());
        QCOMPARE(m_server->requests().size(), 0);
    }

    void twoRelaysOnOneDataFolderNeverSendOneEntryTwice()
    {
        // Two processes' worth: two stores (two connections to the file), two relays.
        NoticeStore other;
        QVERIFY(other.open(m_dataDir).has_value());
        constexpr int notices = 8;
        for (int i = 0; i < notices; ++i)
            queueIncident(i % 2 ? other : *m_store, u"Incident %1"_s.arg(i));
        auto first = relayOn(m_store.get());
        auto second = relayOn(&other);
        QFuture<OutboxRelay::FlushReport> a = first->flush(20s);
        QFuture<OutboxRelay::FlushReport> b = second->flush(20s);
        const OutboxRelay::FlushReport ra = await(a);
        const OutboxRelay::FlushReport rb = await(b);
        QVERIFY(ra.pending.isEmpty() && rb.pending.isEmpty());
        QCOMPARE(ra.published + rb.published, notices);
        QCOMPARE(m_server->incidents().size(), notices);
        QCOMPARE(requestsOf(*m_server, "POST"), notices);
    }

    void aSendCutShortByADeadRelayIsFoundNotRepeated()
    {
        Test::ManualClock clock(QDateTime::currentDateTimeUtc());
        NoticeStore store(&clock);
        const QString dir = m_dataDir + u"-dead"_s;
        QVERIFY(store.open(dir).has_value());
        const qint64 id = queueIncident(store, u"Hypervisor down"_s);
        // A relay leased the entry and sent it, then was killed before it could say so.
        const QList<OutboxEntry> leased = valueOf(await(store.leaseDue(u"dead-relay"_s, 60'000, 1, {u"public"_s})));
        QCOMPARE(leased.size(), 1);
        const Publication publication = valueOf(await(store.publication(leased.at(0).id)));
        StatuspageTarget target(siteFor(m_server->apiUrl()));
        target.setSecrets({{u"sp-key"_s, token}});
        const PublishOutcome sent = await(target.publish(publication));
        QCOMPARE(sent.kind, PublishOutcome::Kind::Published);
        QCOMPARE(requestsOf(*m_server, "POST"), 1);

        // Its lease runs out; the next relay takes the entry over and looks before sending.
        clock.advance(61s);
        auto relay = relayOn(&store, token, &clock);
        const OutboxRelay::FlushReport report = await(relay->flush(0s));
        QVERIFY2(report.pending.isEmpty(), qPrintable(report.pending.value(0).lastError));
        QCOMPARE(requestsOf(*m_server, "POST"), 1);
        QCOMPARE(m_server->incidents().size(), 1);
        const OutboxEntry entry = onlyEntry(store, id);
        QCOMPARE(entry.state, OutboxEntry::State::Published);
        QCOMPARE(entry.remoteId, sent.remoteId);
        QCOMPARE(entry.attempts, 2);
    }

    void whatThePublicSeesIsReadBackAndKept()
    {
        auto relay = relayOn(m_store.get());
        QSignalSpy copies(relay.get(), &OutboxRelay::publicCopyFetched);
        const qint64 id = queueIncident(*m_store, u"Extranet unreachable"_s);
        QVERIFY(await(relay->flush()).pending.isEmpty());
        QCOMPARE(copies.size(), 1);
        const QList<PublicCopy> kept = valueOf(await(m_store->publicCopies(id)));
        QCOMPARE(kept.size(), 1);
        const PublicCopy copy = kept.at(0);
        QVERIFY2(copy.error.isEmpty(), qPrintable(copy.error));
        QCOMPARE(copy.siteId, u"public"_s);
        QCOMPARE(copy.title, u"Extranet unreachable"_s);
        QCOMPARE(copy.updates.size(), 1);
        // The site's copy, without Vigie's marker: the same as the notice.
        QVERIFY(!copy.updates.at(0).body.contains(u"vigie:outbox"_s));
        const Notice notice = valueOf(await(m_store->notice(id)));
        QCOMPARE(publicCopyDifferences(notice, copy), QStringList());
    }

    void differencesAreNamed()
    {
        Notice notice = incident(u"Extranet unreachable"_s);
        NoticeUpdate second;
        second.status = NoticeStatus::Resolved;
        second.body = u"Fixed."_s;
        notice.updates.append(second);
        notice.status = NoticeStatus::Resolved;
        PublicCopy copy;
        copy.title = notice.title;
        copy.status = NoticeStatus::Resolved;
        // Trailing spaces and a final newline are not differences.
        copy.updates = {{NoticeStatus::Investigating, notice.updates.at(0).body + u"  \n"_s},
                        {NoticeStatus::Resolved, u"Fixed."_s}};
        QCOMPARE(publicCopyDifferences(notice, copy), QStringList());
        copy.title = u"Extranet slow"_s;
        copy.updates.removeLast();
        copy.updates[0].body = u"Something else."_s;
        const QStringList differences = publicCopyDifferences(notice, copy);
        QCOMPARE(differences.size(), 3);
        QVERIFY(differences.at(0).contains(u"Extranet slow"_s));
        QVERIFY(differences.at(1).contains(u"1"_s) && differences.at(1).contains(u"2"_s));
        QVERIFY(differences.at(2).startsWith(u"update 1"_s));
        copy.error = u"the site could not be read"_s;
        QCOMPARE(publicCopyDifferences(notice, copy), QStringList{copy.error});
    }
};

QTEST_GUILESS_MAIN(tst_OutboxRelay)
#include "tst_outboxrelay.moc"
