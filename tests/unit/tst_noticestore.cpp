// The notice store, headless, with an injected clock: notices and their timeline, draft revisions
// and their restore, the outbox written in the update's transaction, leases that two stores on one
// data folder never share, and the relay's marks.
#include "manualclock.h"
#include "notices/noticestore.h"
#include "store/sqliteconnection.h"

#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace std::chrono_literals;

namespace {

// The error of a result, or nothing: QVERIFY2 evaluates its message even when the check passes.
template<typename Result>
QString errorOf(const Result &result)
{
    return result ? QString() : result.error();
}

Notice incident(const QString &title)
{
    Notice notice;
    notice.kind = NoticeKind::Incident;
    notice.title = title;
    notice.impact = NoticeImpact::Major;
    NoticeUpdate first;
    first.status = NoticeStatus::Investigating;
    first.body = u"We are looking into **it**."_s;
    first.components = {{u"extranet"_s, ComponentStatus::MajorOutage}};
    notice.updates = {first};
    return notice;
}

NoticeEdit edit(NoticeStatus status, const QString &body)
{
    NoticeEdit e;
    e.update.status = status;
    e.update.body = body;
    return e;
}

} // namespace

class TestNoticeStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Test::ManualClock m_clock;

    QString freshDir()
    {
        static int n = 0;
        return m_dir.filePath(u"data-%1"_s.arg(++n));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createsAndReadsBack()
    {
        const QString dir = freshDir();
        Notice stored;
        {
            NoticeStore store(&m_clock);
            QVERIFY(store.open(dir).has_value());
            QCOMPARE(QFileInfo(store.databasePath()).fileName(), u"vigie-notices.sqlite"_s);
            const auto created = store.create(incident(u"Extranet unreachable"_s)).result();
            QVERIFY2(created.has_value(), qPrintable(errorOf(created)));
            stored = *created;
        }
        QVERIFY(stored.id > 0);
        QCOMPARE(stored.updates.size(), 1);
        QVERIFY(stored.updates[0].id > 0);
        QCOMPARE(stored.updates[0].timestampMs, m_clock.nowMs()); // 0 is "now"
        QCOMPARE(stored.status, NoticeStatus::Investigating);
        QCOMPARE(stored.components, (QList<AffectedComponent>{{u"extranet"_s, ComponentStatus::MajorOutage}}));
        QCOMPARE(stored.createdMs, m_clock.nowMs());

        // Another process, later: the same notice.
        NoticeStore reopened(&m_clock);
        QVERIFY(reopened.open(dir).has_value());
        const auto read = reopened.notice(stored.id).result();
        QVERIFY(read.has_value());
        QCOMPARE(*read, stored);
        QVERIFY(!reopened.notice(stored.id + 1).result().has_value());
    }

    void updatesMakeTheTimeline()
    {
        NoticeStore store(&m_clock);
        QVERIFY(store.open(freshDir()).has_value());
        const auto created = store.create(incident(u"Mail delayed"_s)).result();
        QVERIFY2(created.has_value(), qPrintable(errorOf(created)));
        const Notice notice = *created;
        m_clock.advance(10min);
        NoticeEdit identified = edit(NoticeStatus::Identified, u"A full disk."_s);
        identified.update.components = {{u"smtp"_s, ComponentStatus::DegradedPerformance}};
        identified.impact = NoticeImpact::Minor;
        const auto updated = store.addUpdate(notice.id, identified).result();
        QVERIFY2(updated.has_value(), qPrintable(errorOf(updated)));
        QCOMPARE(updated->updates.size(), 2);
        QCOMPARE(updated->status, NoticeStatus::Identified);
        QCOMPARE(updated->impact, NoticeImpact::Minor);
        QCOMPARE(updated->title, u"Mail delayed"_s);
        QCOMPARE(updated->components, identified.update.components);
        QCOMPARE(updated->updates[1].timestampMs, m_clock.nowMs());
        QCOMPARE(updated->modifiedMs, m_clock.nowMs());

        // A maintenance's status on an incident is refused, and nothing is written.
        const auto wrong = store.addUpdate(notice.id, edit(NoticeStatus::Completed, u"x"_s)).result();
        QVERIFY(!wrong.has_value());
        QVERIFY2(wrong.error().contains(u"investigating, identified, monitoring, resolved"_s),
                 qPrintable(errorOf(wrong)));
        QCOMPARE(store.notice(notice.id).result()->updates.size(), 2);

        // The list: the most recently changed first.
        m_clock.advance(1min);
        const Notice other = *store.create(incident(u"Second"_s)).result();
        const auto all = store.notices().result();
        QVERIFY(all.has_value());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).id, other.id);
        QCOMPARE(all->at(1).updates.size(), 2);
    }

    void draftsAreRevisionsThatCanBeRestored()
    {
        NoticeStore store(&m_clock);
        QVERIFY(store.open(freshDir()).has_value());
        const Notice notice = *store.create(incident(u"Draft"_s)).result();
        QList<NoticeDraft> drafts;
        for (int i = 1; i <= 3; ++i) {
            NoticeDraft draft;
            draft.title = u"Title %1"_s.arg(i);
            draft.body = u"Body %1\n\n- point"_s.arg(i);
            draft.status = NoticeStatus::Identified;
            draft.impact = NoticeImpact::Critical;
            draft.components = {{u"portal"_s, ComponentStatus::PartialOutage}};
            draft.postmortem = i == 3 ? u"Root cause"_s : QString();
            m_clock.advance(1s);
            const auto saved = store.saveDraft(notice.id, draft).result();
            QVERIFY2(saved.has_value(), qPrintable(errorOf(saved)));
            QCOMPARE(saved->number, i);
            QCOMPARE(saved->savedMs, m_clock.nowMs());
            QCOMPARE(saved->draft, draft);
            drafts.append(draft);
        }
        // The notice's own fields follow the latest draft; its timeline does not.
        Notice now = *store.notice(notice.id).result();
        QCOMPARE(now.title, u"Title 3"_s);
        QCOMPARE(now.impact, NoticeImpact::Critical);
        QCOMPARE(now.postmortem, u"Root cause"_s);
        QCOMPARE(now.updates.size(), 1);

        const auto restored = store.restoreRevision(notice.id, 1).result();
        QVERIFY2(restored.has_value(), qPrintable(errorOf(restored)));
        QCOMPARE(restored->number, 4);
        QCOMPARE(restored->restoredFrom, 1);
        QCOMPARE(restored->draft, drafts[0]);
        now = *store.notice(notice.id).result();
        QCOMPARE(now.title, u"Title 1"_s);

        const auto revisions = store.revisions(notice.id).result();
        QVERIFY(revisions.has_value());
        QCOMPARE(revisions->size(), 4);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(revisions->at(i).draft, drafts[i]);
        QCOMPARE(revisions->at(3).draft, drafts[0]);

        QVERIFY(!store.restoreRevision(notice.id, 9).result().has_value());
        QVERIFY(!store.saveDraft(notice.id + 100, drafts[0]).result().has_value());
        NoticeDraft wrongStatus = drafts[0];
        wrongStatus.status = NoticeStatus::Scheduled;
        QVERIFY(!store.saveDraft(notice.id, wrongStatus).result().has_value());
        QCOMPARE(store.revisions(notice.id).result()->size(), 4);
    }

    void publishQueuesOneEntryPerSiteOnce()
    {
        NoticeStore store(&m_clock);
        QVERIFY(store.open(freshDir()).has_value());
        const Notice notice = *store.create(incident(u"Published"_s)).result();
        const auto entries = store.publish(notice.id, {u"statuspage"_s, u"static"_s}, true).result();
        QVERIFY2(entries.has_value(), qPrintable(errorOf(entries)));
        QCOMPARE(entries->size(), 2);
        QCOMPARE(entries->at(0).siteId, u"statuspage"_s);
        QCOMPARE(entries->at(1).siteId, u"static"_s);
        for (const OutboxEntry &entry : *entries) {
            QCOMPARE(entry.state, OutboxEntry::State::Queued);
            QCOMPARE(entry.updateId, notice.updates[0].id);
            QCOMPARE(entry.noticeId, notice.id);
            QVERIFY(entry.deliverNotifications);
            QCOMPARE(entry.attempts, 0);
            QCOMPARE(entry.nextAttemptMs, m_clock.nowMs());
        }
        // Publishing the same update again queues nothing more.
        const auto again = store.publish(notice.id, {u"statuspage"_s, u"static"_s}, true).result();
        QVERIFY(again.has_value());
        QCOMPARE(*again, *entries);
        QCOMPARE(store.outbox().result()->size(), 2);

        // A notice without an update has nothing to publish.
        Notice bare = incident(u"Bare"_s);
        bare.updates.clear();
        const Notice stored = *store.create(bare).result();
        QCOMPARE(stored.status, NoticeStatus::Investigating);
        QVERIFY(!store.publish(stored.id, {u"statuspage"_s}, false).result().has_value());
    }

    void anUpdateAndItsEntriesAreOneTransaction()
    {
        const QString dir = freshDir();
        NoticeStore store(&m_clock);
        QVERIFY(store.open(dir).has_value());
        const Notice notice = *store.create(incident(u"Atomic"_s)).result();

        const auto published =
            store.addUpdate(notice.id, edit(NoticeStatus::Identified, u"Found"_s), {u"a"_s, u"b"_s}, false).result();
        QVERIFY(published.has_value());
        auto entries = *store.outbox().result();
        QCOMPARE(entries.size(), 2);
        for (const OutboxEntry &entry : entries)
            QCOMPARE(entry.updateId, published->updates.last().id);

        // When writing an entry fails, the update is not written either.
        {
            SqliteConnection other;
            QVERIFY(other.open(store.databasePath(), SqliteConnection::Role::Writer).has_value());
            QSqlQuery query(other.database());
            QVERIFY(query.exec(u"CREATE TRIGGER refuse_site_c BEFORE INSERT ON outbox WHEN NEW.site_id = 'c' "
                               "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"_s));
        }
        const auto refused =
            store.addUpdate(notice.id, edit(NoticeStatus::Monitoring, u"Fixed"_s), {u"a"_s, u"c"_s}, false).result();
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().contains(u"refused for the test"_s), qPrintable(errorOf(refused)));
        const Notice after = *store.notice(notice.id).result();
        QCOMPARE(after.updates.size(), 2);
        QCOMPARE(after.status, NoticeStatus::Identified);
        QCOMPARE(store.outbox().result()->size(), 2);
    }

    void twoStoresNeverLeaseTheSameEntry()
    {
        const QString dir = freshDir();
        NoticeStore first(&m_clock);
        NoticeStore second(&m_clock);
        QVERIFY(first.open(dir).has_value());
        QVERIFY(second.open(dir).has_value());
        QSet<qint64> all;
        for (int round = 0; round < 10; ++round) {
            // Entries of different notices, so that all are due at once.
            for (int i = 0; i < 20; ++i) {
                const Notice notice = *first.create(incident(u"N%1"_s.arg(i))).result();
                const auto queued = first.publish(notice.id, {u"site"_s}, false).result();
                QVERIFY(queued.has_value());
                for (const OutboxEntry &entry : *queued)
                    all.insert(entry.id);
            }
            QFuture<NoticeStore::Result<QList<OutboxEntry>>> a = first.leaseDue(u"a"_s, 60'000, 15, {u"site"_s});
            QFuture<NoticeStore::Result<QList<OutboxEntry>>> b = second.leaseDue(u"b"_s, 60'000, 15, {u"site"_s});
            const auto leasedA = a.result();
            const auto leasedB = b.result();
            QVERIFY2(leasedA.has_value(), qPrintable(errorOf(leasedA)));
            QVERIFY2(leasedB.has_value(), qPrintable(errorOf(leasedB)));
            QSet<qint64> idsA;
            for (const OutboxEntry &entry : *leasedA) {
                QCOMPARE(entry.leaseOwner, u"a"_s);
                QCOMPARE(entry.state, OutboxEntry::State::Sending);
                QCOMPARE(entry.attempts, 1);
                idsA.insert(entry.id);
            }
            for (const OutboxEntry &entry : *leasedB)
                QVERIFY2(!idsA.contains(entry.id), qPrintable(u"entry %1 leased twice"_s.arg(entry.id)));
            QCOMPARE(leasedA->size() + leasedB->size(), 20);
            for (const OutboxEntry &entry : *leasedA)
                QVERIFY(first.markPublished(entry.id, u"a"_s, u"r%1"_s.arg(entry.id)).result().has_value());
            for (const OutboxEntry &entry : *leasedB)
                QVERIFY(second.markPublished(entry.id, u"b"_s, u"r%1"_s.arg(entry.id)).result().has_value());
        }
        QCOMPARE(all.size(), 200);
        QVERIFY(first.outbox(true).result()->isEmpty());
    }

    void entriesOfOneNoticeGoToASiteInOrder()
    {
        NoticeStore store(&m_clock);
        QVERIFY(store.open(freshDir()).has_value());
        const Notice notice = *store.create(incident(u"Ordered"_s)).result();
        const OutboxEntry firstEntry = store.publish(notice.id, {u"site"_s}, false).result()->constFirst();
        m_clock.advance(1min);
        const Notice updated =
            *store.addUpdate(notice.id, edit(NoticeStatus::Resolved, u"Done"_s), {u"site"_s}, false).result();
        const qint64 secondId = store.outbox().result()->constFirst().id;

        auto leased = *store.leaseDue(u"relay"_s, 60'000, 10, {u"site"_s}).result();
        QCOMPARE(leased.size(), 1);
        QCOMPARE(leased[0].id, firstEntry.id);
        QVERIFY(store.leaseDue(u"relay"_s, 60'000, 10, {u"site"_s}).result()->isEmpty());

        const auto first = *store.publication(firstEntry.id).result();
        QCOMPARE(first.notice.updates.size(), 1); // the updates up to its own
        QVERIFY(first.remoteId.isEmpty());
        QVERIFY(store.markPublished(firstEntry.id, u"relay"_s, u"inc-42"_s).result().has_value());

        leased = *store.leaseDue(u"relay"_s, 60'000, 10, {u"site"_s}).result();
        QCOMPARE(leased.size(), 1);
        QCOMPARE(leased[0].id, secondId);
        const auto second = *store.publication(secondId).result();
        QCOMPARE(second.notice.updates, updated.updates);
        QCOMPARE(second.remoteId, u"inc-42"_s); // the site's id from the first send
        QCOMPARE(second.siteId, u"site"_s);
    }

    void aLeaseThatRanOutIsTakenOver()
    {
        NoticeStore store(&m_clock);
        QVERIFY(store.open(freshDir()).has_value());
        const Notice notice = *store.create(incident(u"Lease"_s)).result();
        const qint64 id = store.publish(notice.id, {u"site"_s}, false).result()->constFirst().id;
        const auto taken = *store.leaseDue(u"dead"_s, 30'000, 10, {u"site"_s}).result();
        QCOMPARE(taken.size(), 1);
        QVERIFY(!taken[0].interrupted);
        QCOMPARE(taken[0].leaseUntilMs, m_clock.nowMs() + 30'000);
        // Cancelling while it is being sent is refused.
        QVERIFY(!store.cancel(id).result().has_value());

        m_clock.advance(29s);
        QVERIFY(store.leaseDue(u"alive"_s, 30'000, 10, {u"site"_s}).result()->isEmpty());
        m_clock.advance(2s);
        const auto retaken = *store.leaseDue(u"alive"_s, 30'000, 10, {u"site"_s}).result();
        QCOMPARE(retaken.size(), 1);
        QVERIFY(retaken[0].interrupted); // look for the marker before sending again
        QCOMPARE(retaken[0].attempts, 2);
        // The first owner's late answer changes nothing.
        QVERIFY(!store.markPublished(id, u"dead"_s, u"x"_s).result().has_value());
        QCOMPARE(store.outboxEntry(id).result()->state, OutboxEntry::State::Sending);
        QVERIFY(store.markPublished(id, u"alive"_s, u"remote"_s).result().has_value());
        const OutboxEntry done = *store.outboxEntry(id).result();
        QCOMPARE(done.state, OutboxEntry::State::Published);
        QCOMPARE(done.remoteId, u"remote"_s);
        QVERIFY(done.leaseOwner.isEmpty());
        QVERIFY(!store.cancel(id).result().has_value());
        QVERIFY(!store.retry(id).result().has_value());
    }

    void failuresRetriesAndCancels()
    {
        NoticeStore store(&m_clock);
        QVERIFY(store.open(freshDir()).has_value());
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i) {
            const Notice notice = *store.create(incident(u"F%1"_s.arg(i))).result();
            ids.append(store.publish(notice.id, {u"site"_s}, false).result()->constFirst().id);
        }
        QCOMPARE(store.leaseDue(u"r"_s, 60'000, 10, {u"site"_s}).result()->size(), 3);

        // Deferred: not due before its time.
        auto deferred = store.markRetryLater(ids[0], u"r"_s, u"HTTP 503"_s, m_clock.nowMs() + 5000).result();
        QVERIFY(deferred.has_value());
        QCOMPARE(deferred->state, OutboxEntry::State::Queued);
        QCOMPARE(deferred->lastError, u"HTTP 503"_s);
        auto failed = store.markFailed(ids[1], u"r"_s, u"title is too long"_s).result();
        QCOMPARE(failed->state, OutboxEntry::State::Failed);
        auto attention = store.markNeedsAttention(ids[2], u"r"_s, u"credentials: HTTP 401"_s).result();
        QCOMPARE(attention->state, OutboxEntry::State::NeedsAttention);
        QCOMPARE(store.outbox(true).result()->size(), 3);
        QVERIFY(store.leaseDue(u"r"_s, 60'000, 10, {u"site"_s}).result()->isEmpty());

        m_clock.advance(5s);
        auto again = *store.leaseDue(u"r"_s, 60'000, 10, {u"site"_s}).result();
        QCOMPARE(again.size(), 1);
        QCOMPARE(again[0].id, ids[0]);
        QCOMPARE(again[0].attempts, 2);

        // The engineer retries the failed one, cancels the one that needs attention.
        const auto retried = store.retry(ids[1]).result();
        QVERIFY(retried.has_value());
        QCOMPARE(retried->state, OutboxEntry::State::Queued);
        QCOMPARE(retried->lastError, u"title is too long"_s); // kept until the next attempt says otherwise
        QVERIFY(!store.retry(ids[0]).result().has_value());   // being sent
        const auto cancelled = store.cancel(ids[2]).result();
        QCOMPARE(cancelled->state, OutboxEntry::State::Cancelled);
        again = *store.leaseDue(u"r"_s, 60'000, 10, {u"site"_s}).result();
        QCOMPARE(again.size(), 1);
        QCOMPARE(again[0].id, ids[1]);
        QCOMPARE(outboxStateName(OutboxEntry::State::NeedsAttention), u"needs_attention"_s);
        QCOMPARE(outboxStateFromName(u"cancelled"), OutboxEntry::State::Cancelled);
    }

    void aNewerSchemaIsRefused()
    {
        const QString dir = freshDir();
        {
            NoticeStore store(&m_clock);
            QVERIFY(store.open(dir).has_value());
        }
        {
            SqliteConnection connection;
            QVERIFY(connection.open(QDir(dir).filePath(NoticeStore::fileName()), SqliteConnection::Role::Writer));
            QSqlQuery query(connection.database());
            QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(NoticeStore::schemaVersion() + 1)));
        }
        NoticeStore store(&m_clock);
        const auto opened = store.open(dir);
        QVERIFY(!opened.has_value());
        QVERIFY2(opened.error().contains(u"newer version"_s), qPrintable(errorOf(opened)));
        QVERIFY(!store.notices().result().has_value());
    }
};

QTEST_GUILESS_MAIN(TestNoticeStore)
#include "tst_noticestore.moc"
