// The outbox and notice-list models over a real notice store in a temporary folder: what each
// column says, rows updated in place on a re-read (the selection survives), a relay's news of one
// entry, and stale answers dropped.
#include "manualclock.h"
#include "models/noticelistmodel.h"
#include "models/outboxmodel.h"
#include "notices/noticestore.h"
#include "notices/statussitelimits.h"
#include "writelock.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace std::chrono_literals;

namespace {

Notice incident(const QString &title)
{
    Notice notice;
    notice.kind = NoticeKind::Incident;
    notice.title = title;
    NoticeUpdate first;
    first.status = NoticeStatus::Investigating;
    first.body = u"Looking into it."_s;
    notice.updates = {first};
    return notice;
}

// Waits for the next answer: a store's future that has already finished answers at once, within
// the call that asked, so the count is taken before asking.
#define ASK_AND_WAIT(spy, call)                                                                                        \
    do {                                                                                                               \
        const qsizetype before = spy.size();                                                                           \
        call;                                                                                                          \
        QTRY_COMPARE(spy.size(), before + 1);                                                                          \
    } while (false)

} // namespace

class TestOutboxModel final : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    Test::ManualClock m_clock;
    std::unique_ptr<NoticeStore> m_store;
    Notice m_notice;

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<NoticeStore>(&m_clock);
        QVERIFY(m_store->open(m_dir->filePath(u"data"_s)).has_value());
        const auto created = m_store->create(incident(u"Extranet unreachable"_s)).result();
        QVERIFY(created.has_value());
        m_notice = *created;
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void showsEachEntryAndUpdatesItInPlace()
    {
        QVERIFY(m_store->publish(m_notice.id, {u"statuspage"_s, u"static"_s}, false).result().has_value());
        OutboxModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&model, &OutboxModel::refreshed);
        ASK_AND_WAIT(refreshed, model.setStore(m_store.get()));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(OutboxModel::ColumnCount));
        // Newest first: the second site's entry, then the first's.
        QCOMPARE(model.index(0, OutboxModel::SiteColumn).data().toString(), u"static"_s);
        QCOMPARE(model.index(1, OutboxModel::SiteColumn).data().toString(), u"statuspage"_s);
        QCOMPARE(model.index(1, OutboxModel::NoticeColumn).data().toString(), u"Extranet unreachable"_s);
        QCOMPARE(model.index(1, OutboxModel::StateColumn).data().toString(),
                 outboxStateText(OutboxEntry::State::Queued));
        QCOMPARE(model.index(1, 0).data(OutboxModel::NoticeIdRole).toLongLong(), m_notice.id);
        QVERIFY(!model.index(1, OutboxModel::NextAttemptColumn).data().toString().isEmpty());
        QCOMPARE(model.index(1, OutboxModel::AttemptsColumn).data().toInt(), 0);

        // The relay takes the oldest and the site refuses it: failed, with the site's words.
        const qint64 first = model.index(1, 0).data(OutboxModel::EntryIdRole).toLongLong();
        const auto leased = m_store->leaseDue(u"relay"_s, 60'000, 1, {u"statuspage"_s, u"static"_s}).result();
        QVERIFY(leased.has_value());
        QCOMPARE(leased->size(), 1);
        QCOMPARE(leased->constFirst().id, first);
        QVERIFY(m_store->markFailed(first, u"relay"_s, u"Statuspage said: name is too long"_s).result().has_value());

        QItemSelectionModel selection(&model);
        selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        ASK_AND_WAIT(refreshed, model.refresh());
        QCOMPARE(resets.size(), 0);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(model.index(1, OutboxModel::StateColumn).data().toString(),
                 outboxStateText(OutboxEntry::State::Failed));
        QCOMPARE(model.index(1, OutboxModel::ErrorColumn).data().toString(), u"Statuspage said: name is too long"_s);
        QCOMPARE(model.index(1, OutboxModel::AttemptsColumn).data().toInt(), 1);
        QCOMPARE(model.index(1, 0).data(OutboxModel::StateRole).toInt(), int(OutboxEntry::State::Failed));
        // A failed entry waits for no time.
        QVERIFY(model.index(1, OutboxModel::NextAttemptColumn).data().toString().isEmpty());
        QCOMPARE(selection.currentIndex().row(), 1);
        QCOMPARE(selection.currentIndex().data(OutboxModel::EntryIdRole).toLongLong(), first);

        // A new update queued: its entry comes on top, and the selected one moves down with it.
        NoticeEdit edit;
        edit.update.status = NoticeStatus::Identified;
        edit.update.body = u"A full disk."_s;
        QVERIFY(m_store->addUpdate(m_notice.id, edit, {u"statuspage"_s}).result().has_value());
        ASK_AND_WAIT(refreshed, model.refresh());
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(selection.currentIndex().row(), 2);
        QCOMPARE(selection.currentIndex().data(OutboxModel::EntryIdRole).toLongLong(), first);
        QVERIFY(OutboxModel::canRetry(OutboxEntry::State::Failed));
        QVERIFY(!OutboxModel::canRetry(OutboxEntry::State::Published));
        QVERIFY(!OutboxModel::canCancel(OutboxEntry::State::Sending));
    }

    void aRelaysNewsIsShownAtOnce()
    {
        const auto queued = m_store->publish(m_notice.id, {u"statuspage"_s}, true).result();
        QVERIFY(queued.has_value());
        OutboxModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&model, &OutboxModel::refreshed);
        ASK_AND_WAIT(refreshed, model.setStore(m_store.get()));
        OutboxEntry published = queued->constFirst();
        published.state = OutboxEntry::State::Published;
        published.remoteId = u"p0x1"_s;
        model.applyEntry(published);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, OutboxModel::StateColumn).data().toString(),
                 outboxStateText(OutboxEntry::State::Published));
        QCOMPARE(model.index(0, OutboxModel::RemoteIdColumn).data().toString(), u"p0x1"_s);
        // An entry the model has not read yet is inserted in its place (newest first).
        OutboxEntry newer = published;
        newer.id += 10;
        newer.siteId = u"static"_s;
        model.applyEntry(newer);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, OutboxModel::SiteColumn).data().toString(), u"static"_s);
        QCOMPARE(model.rowOf(published.id), 1);
    }

    void aStaleAnswerIsDropped()
    {
        QVERIFY(m_store->publish(m_notice.id, {u"statuspage"_s}, false).result().has_value());
        OutboxModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&model, &OutboxModel::refreshed);
        // The store's thread is held by a save waiting for another writer's lock: the model's reads
        // queue behind it, and their answer comes after the model moved to another store.
        Test::WriteLock lock(m_store->databasePath());
        QVERIFY(lock.isHeld());
        auto held = m_store->saveDraft(m_notice.id, NoticeDraft{});
        model.setStore(m_store.get());
        NoticeStore other(&m_clock);
        QTemporaryDir empty;
        QVERIFY(other.open(empty.path()).has_value());
        ASK_AND_WAIT(refreshed, model.setStore(&other));
        QCOMPARE(model.rowCount(), 0);
        lock.release();
        // Once the first store has answered (a call queued after the model's has finished), the
        // model still shows the second store's empty outbox.
        auto after = m_store->outbox();
        QTRY_VERIFY(after.isFinished());
        QVERIFY(held.result().has_value());
        QCoreApplication::processEvents();
        QCOMPARE(refreshed.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        model.setStore(nullptr);
    }

    void noticesNewestFirstMovedInPlace()
    {
        m_clock.advance(1min);
        const auto second = m_store->create(incident(u"Mail delayed"_s)).result();
        QVERIFY(second.has_value());
        NoticeListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&model, &NoticeListModel::refreshed);
        ASK_AND_WAIT(refreshed, model.setStore(m_store.get()));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, NoticeListModel::TitleColumn).data().toString(), u"Mail delayed"_s);
        QCOMPARE(model.index(0, NoticeListModel::KindColumn).data().toString(), noticeKindText(NoticeKind::Incident));
        QCOMPARE(model.index(0, NoticeListModel::StatusColumn).data().toString(),
                 noticeStatusText(NoticeStatus::Investigating));
        QVERIFY(!model.index(0, NoticeListModel::ModifiedColumn).data().toString().isEmpty());

        QItemSelectionModel selection(&model);
        selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        // The older notice is edited: it moves to the top, still selected, without a reset.
        m_clock.advance(1min);
        NoticeDraft draft;
        draft.title = u"Extranet unreachable since 14:02"_s;
        draft.status = NoticeStatus::Identified;
        QVERIFY(m_store->saveDraft(m_notice.id, draft).result().has_value());
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        ASK_AND_WAIT(refreshed, model.refresh());
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.index(0, NoticeListModel::TitleColumn).data().toString(), u"Extranet unreachable since 14:02"_s);
        QCOMPARE(selection.currentIndex().row(), 0);
        QCOMPARE(selection.currentIndex().data(NoticeListModel::NoticeIdRole).toLongLong(), m_notice.id);

        // What the view just saved, without a re-read: the other one to the top.
        Notice renamed = *second;
        renamed.title = u"Mail delayed by a full disk"_s;
        renamed.modifiedMs = m_clock.nowMs() + 1;
        model.applyNotice(renamed);
        QCOMPARE(model.index(0, NoticeListModel::TitleColumn).data().toString(), u"Mail delayed by a full disk"_s);
        QCOMPARE(selection.currentIndex().row(), 1);
        QCOMPARE(model.rowOf(m_notice.id), 1);

        // A notice with nothing posted is a draft.
        Notice empty;
        empty.kind = NoticeKind::Maintenance;
        empty.title = u"Upgrade"_s;
        const auto draftOnly = m_store->create(empty).result();
        QVERIFY(draftOnly.has_value());
        model.applyNotice(*draftOnly);
        // Changed at the same time as the first notice, and newer: between the two.
        QCOMPARE(model.rowOf(draftOnly->id), 1);
        QCOMPARE(model.index(1, NoticeListModel::StatusColumn).data().toString(), u"Draft"_s);
        QCOMPARE(model.rowOf(m_notice.id), 2);
    }

    void limitsOfTheSitesPresent()
    {
        StatusSite statuspage;
        statuspage.id = u"sp"_s;
        statuspage.kind = StatusSite::Kind::Statuspage;
        StatusSite webdav;
        webdav.id = u"static"_s;
        webdav.kind = StatusSite::Kind::WebDav;
        QCOMPARE(statusSiteLimits(statuspage), (StatusSiteLimits{255, 25'000}));
        QCOMPARE(statusSiteLimits(webdav), StatusSiteLimits{});
        QVERIFY(measureAgainstLimits({webdav}, u"t"_s, u"b"_s).isEmpty());
        const auto uses = measureAgainstLimits({webdav, statuspage, statuspage}, QString(256, u'x'), u"body"_s);
        QCOMPARE(uses.size(), 1);
        QCOMPARE(uses[0].titleLength, 256);
        QVERIFY(uses[0].titleOver());
        QVERIFY(!uses[0].bodyOver());
        QCOMPARE(limitUseText(uses[0]), u"Statuspage: title 256 / 255, body 4 / 25,000"_s);
        QCOMPARE(limitProblems(uses), QStringList{u"The title has 256 characters; Statuspage accepts at most 255."_s});
        // Cachet's title is refused before it is queued too (its body is measured in bytes, when sent).
        StatusSite cachet;
        cachet.id = u"cachet"_s;
        cachet.kind = StatusSite::Kind::Cachet;
        QCOMPARE(statusSiteLimits(cachet), (StatusSiteLimits{255, 0}));
        const auto cachetUses = measureAgainstLimits({cachet}, QString(300, u'x'), u"body"_s);
        QCOMPARE(limitUseText(cachetUses.at(0)), u"Cachet: title 300 / 255"_s);
        QCOMPARE(limitProblems(cachetUses),
                 QStringList{u"The title has 300 characters; Cachet accepts at most 255."_s});
    }
};

QTEST_GUILESS_MAIN(TestOutboxModel)
#include "tst_outboxmodel.moc"
