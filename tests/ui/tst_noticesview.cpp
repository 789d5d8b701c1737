// The notices view, offscreen, over a real notice store in a temporary folder: autosave within half
// a second and "Saved" only once the commit is in, a failed save that keeps the text, restoring a
// revision, the limits counted as one types, the publish confirmation, the outbox's retry and
// cancel, the preview's rendering, and a new notice from a template.
#include "manualclock.h"
#include "models/noticelistmodel.h"
#include "models/outboxmodel.h"
#include "notices/noticestore.h"
#include "notices/noticetemplates.h"
#include "noticesview.h"
#include "palettes.h"
#include "publishdialog.h"
#include "stateicons.h"
#include "store/sqliteconnection.h"
#include "writelock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

Workspace sampleWorkspace()
{
    Workspace ws;
    ws.name = u"ACME"_s;
    Service extranet;
    extranet.id = u"extranet"_s;
    extranet.name = u"Extranet"_s;
    Service mail;
    mail.id = u"mail"_s;
    mail.name = u"Mail"_s;
    ws.services = {extranet, mail};
    StatusSite statuspage;
    statuspage.id = u"statuspage"_s;
    statuspage.kind = StatusSite::Kind::Statuspage;
    statuspage.url = u"https://api.statuspage.io/v1"_s;
    statuspage.pageId = u"p1"_s;
    StatusSite site;
    site.id = u"static"_s;
    site.kind = StatusSite::Kind::WebDav;
    site.url = u"https://dav.example/status/"_s;
    site.siteUrl = u"https://status.example/"_s;
    ws.statusSites = {statuspage, site};
    return ws;
}

} // namespace

class TestNoticesView final : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    Test::ManualClock m_clock;
    std::unique_ptr<NoticeStore> m_store;
    std::unique_ptr<NoticesView> m_view;

    template<typename T>
    T *child(const QString &name)
    {
        auto *found = m_view->findChild<T *>(name);
        if (!found)
            qWarning() << "no child" << name;
        return found;
    }

    qint64 createIncident(const QString &title, const QString &body = {})
    {
        Notice notice;
        notice.kind = NoticeKind::Incident;
        notice.title = title;
        if (!body.isEmpty()) {
            NoticeUpdate first;
            first.status = NoticeStatus::Investigating;
            first.body = body;
            notice.updates = {first};
        }
        const auto created = m_store->create(notice).result();
        return created ? created->id : 0;
    }

    bool showNotice(qint64 id)
    {
        // A store's future that has already finished answers within the call that asked: the
        // spies count, rather than wait for a signal still to come.
        QSignalSpy loaded(m_view.get(), &NoticesView::noticeLoaded);
        QSignalSpy refreshed(m_view->noticeModel(), &NoticeListModel::refreshed);
        m_view->noticeModel()->refresh();
        if (!QTest::qWaitFor([&] { return !refreshed.isEmpty(); }))
            return false;
        m_view->showNotice(id);
        return QTest::qWaitFor([&] { return !loaded.isEmpty(); }) && m_view->currentNoticeId() == id;
    }

    NoticeRevision lastRevision(qint64 id)
    {
        const auto list = m_store->revisions(id).result();
        return list && !list->isEmpty() ? list->constLast() : NoticeRevision{};
    }

    void typeInBody(const QString &text)
    {
        auto *body = child<QPlainTextEdit>(u"noticeBody"_s);
        body->setFocus();
        body->moveCursor(QTextCursor::End);
        QTest::keyClicks(body, text);
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<NoticeStore>(&m_clock);
        QVERIFY(m_store->open(m_dir->path()).has_value());
        m_view = std::make_unique<NoticesView>(&m_clock);
        m_view->setWorkspace(sampleWorkspace());
        m_view->setStore(m_store.get());
        m_view->resize(1280, 600);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup()
    {
        m_view.reset();
        m_store.reset();
        m_dir.reset();
    }

    void typingIsSavedAndSavedIsSaidOnlyAfterTheCommit()
    {
        QVERIFY(NoticesView::autosaveDelay <= std::chrono::milliseconds(300));
        const qint64 id = createIncident(u"Extranet unreachable"_s);
        QVERIFY(showNotice(id));
        auto *label = child<QLabel>(u"noticeSaveState"_s);
        QSignalSpy states(m_view.get(), &NoticesView::saveStateChanged);
        QSignalSpy saving(m_view.get(), &NoticesView::saving);

        auto lock = std::make_unique<Test::WriteLock>(m_store->databasePath());
        typeInBody(u"The disk is **full**."_s);
        QCOMPARE(label->text(), u"Saving…"_s);
        // The save is handed to the store, which waits for the lock: no commit, so no "Saved".
        QTRY_COMPARE(saving.size(), 1);
        QVERIFY(lock->isHeld()); // one save for the whole burst of keystrokes
        QCOMPARE(lock->rowCount(u"notice_revisions"_s), 0);
        QCOMPARE(label->text(), u"Saving…"_s);
        QCOMPARE(m_view->saveState(), NoticesView::SaveState::Saving);

        lock->release();
        QTRY_VERIFY(label->text().startsWith(u"Saved at "_s));
        // Said once the store has it.
        QCOMPARE(lastRevision(id).draft.body, u"The disk is **full**."_s);
        QCOMPARE(lastRevision(id).draft.title, u"Extranet unreachable"_s);
        QCOMPARE(
            label->text(),
            u"Saved at %1"_s.arg(
                QDateTime::fromMSecsSinceEpoch(lastRevision(id).savedMs).toLocalTime().time().toString(u"HH:mm:ss"_s)));
        QCOMPARE(states.size(), 2);
        QCOMPARE(states[0][0].value<NoticesView::SaveState>(), NoticesView::SaveState::Saving);
        QCOMPARE(states[1][0].value<NoticesView::SaveState>(), NoticesView::SaveState::Saved);

        // Without a lock, the whole round is within half a second of the last keystroke (the
        // debounce is 300 ms); measured, reported, not asserted against a busy machine's clock.
        QElapsedTimer elapsed;
        elapsed.start();
        typeInBody(u" Cleaning up."_s);
        QTRY_COMPARE(lastRevision(id).draft.body, u"The disk is **full**. Cleaning up."_s);
        qInfo("saved %lld ms after the last keystroke", qint64(elapsed.elapsed()));
    }

    void aFailedSaveKeepsTheTextAndTheNextEditSavesIt()
    {
        const qint64 id = createIncident(u"Mail delayed"_s);
        QVERIFY(showNotice(id));
        auto *label = child<QLabel>(u"noticeSaveState"_s);
        auto *body = child<QPlainTextEdit>(u"noticeBody"_s);
        auto lock = std::make_unique<Test::WriteLock>(m_store->databasePath());
        typeInBody(u"Queue at 40,000 messages"_s);
        // The store gives up waiting for the lock (SqliteConnection::busyTimeoutMs).
        QTRY_COMPARE_WITH_TIMEOUT(m_view->saveState(), NoticesView::SaveState::Failed,
                                  SqliteConnection::busyTimeoutMs + 5000);
        QVERIFY2(label->text().startsWith(u"Not saved: "_s), qPrintable(label->text()));
        QCOMPARE(label->palette().color(QPalette::WindowText),
                 StateIcons::color(HealthState::Down, label->parentWidget()->palette()));
        QCOMPARE(body->toPlainText(), u"Queue at 40,000 messages"_s);
        lock->release();
        QCOMPARE(lastRevision(id).number, 0);

        typeInBody(u"."_s);
        QTRY_VERIFY(label->text().startsWith(u"Saved at "_s));
        QCOMPARE(lastRevision(id).draft.body, u"Queue at 40,000 messages."_s);
        QCOMPARE(label->palette().color(QPalette::WindowText),
                 label->parentWidget()->palette().color(QPalette::WindowText));
    }

    void restoringARevisionPutsItsTextBack()
    {
        const qint64 id = createIncident(u"Portal slow"_s);
        NoticeDraft first;
        first.title = u"Portal slow"_s;
        first.body = u"First version: investigating."_s;
        NoticeDraft second = first;
        second.body = u"Second version: a slow query."_s;
        second.status = NoticeStatus::Identified;
        QVERIFY(m_store->saveDraft(id, first).result().has_value());
        QVERIFY(m_store->saveDraft(id, second).result().has_value());
        QVERIFY(showNotice(id));
        auto *body = child<QPlainTextEdit>(u"noticeBody"_s);
        QCOMPARE(body->toPlainText(), second.body); // the latest revision is the draft
        QCOMPARE(m_view->draft().status, NoticeStatus::Identified);

        auto *list = child<QTreeWidget>(u"noticeRevisions"_s);
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(0), u"2"_s); // newest first
        list->setCurrentItem(list->topLevelItem(1));
        QSignalSpy saved(m_view.get(), &NoticesView::draftSaved);
        QTest::mouseClick(child<QPushButton>(u"restoreRevision"_s), Qt::LeftButton);
        QTRY_COMPARE(body->toPlainText(), first.body);
        QCOMPARE(m_view->draft().status, NoticeStatus::Investigating);
        QCOMPARE(list->topLevelItemCount(), 3);
        QCOMPARE(list->topLevelItem(0)->text(2), u"restored from 1"_s);
        const NoticeRevision restored = lastRevision(id);
        QCOMPARE(restored.number, 3);
        QCOMPARE(restored.restoredFrom, 1);
        QCOMPARE(restored.draft.body, first.body);
        // Restoring is not an edit: nothing more is saved.
        QCOMPARE(saved.size(), 1);
        QCOMPARE(m_view->saveState(), NoticesView::SaveState::Saved);
    }

    void theTitleCounterTurnsToErrorOverTheLimit()
    {
        const qint64 id = createIncident(u"x"_s);
        QVERIFY(showNotice(id));
        auto *title = child<QLineEdit>(u"noticeTitle"_s);
        auto *limits = child<QLabel>(u"noticeLimits"_s);
        auto *publish = child<QPushButton>(u"publishNotice"_s);
        typeInBody(u"Body"_s);
        QVERIFY(limits->isVisible());
        QCOMPARE(limits->text(), u"Statuspage: title 1 / 255, body 4 / 25,000"_s);
        QVERIFY(publish->isEnabled());
        const QColor ordinary = limits->palette().color(QPalette::WindowText);

        title->setFocus();
        QTest::keyClicks(title, QString(255, u'y'));
        QCOMPARE(limits->text(), u"Statuspage: title 256 / 255, body 4 / 25,000"_s);
        QVERIFY(limits->property("over").toBool());
        QCOMPARE(limits->palette().color(QPalette::WindowText),
                 StateIcons::color(HealthState::Down, limits->parentWidget()->palette()));
        QVERIFY(limits->palette().color(QPalette::WindowText) != ordinary);
        QVERIFY(!publish->isEnabled());
        QCOMPARE(m_view->publishBlocker(), u"The title has 256 characters; Statuspage accepts at most 255."_s);
        QCOMPARE(publish->toolTip(), m_view->publishBlocker());

        QTest::keyClick(title, Qt::Key_Backspace);
        QCOMPARE(limits->text(), u"Statuspage: title 255 / 255, body 4 / 25,000"_s);
        QVERIFY(!limits->property("over").toBool());
        QVERIFY(publish->isEnabled());
        QVERIFY(m_view->publishBlocker().isEmpty());
    }

    void publishingAsksForTheSitesAndNeverNotifiesByDefault()
    {
        const qint64 id = createIncident(u"Extranet unreachable"_s);
        QVERIFY(showNotice(id));
        typeInBody(u"We are looking into it."_s);
        QSignalSpy queued(m_view.get(), &NoticesView::queued);
        QTest::mouseClick(child<QPushButton>(u"publishNotice"_s), Qt::LeftButton);
        PublishDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_view->findChild<PublishDialog *>()) && dialog->isVisible());
        QVERIFY(dialog->siteBox(u"statuspage"_s));
        QVERIFY(dialog->siteBox(u"static"_s));
        QVERIFY(dialog->siteBox(u"statuspage"_s)->isChecked());
        QVERIFY(dialog->siteBox(u"static"_s)->isChecked());
        QVERIFY(dialog->siteBox(u"static"_s)->text().contains(u"https://status.example/"_s));
        QVERIFY(dialog->notifyBox());
        QVERIFY(dialog->notifyBox()->isVisible());
        QVERIFY(!dialog->notifyBox()->isChecked());
        QVERIFY(dialog->notifyBox()->text().contains(u"deliver_notifications"_s));
        QCOMPARE(dialog->siteIds(), (QStringList{u"statuspage"_s, u"static"_s}));
        // Without Statuspage among the sites chosen, there is nothing to notify.
        dialog->siteBox(u"statuspage"_s)->setChecked(false);
        QVERIFY(!dialog->notifyBox()->isEnabled());
        dialog->siteBox(u"statuspage"_s)->setChecked(true);
        QVERIFY(dialog->notifyBox()->isEnabled());
        dialog->accept();

        QTRY_COMPARE(queued.size(), 1);
        const auto entries = m_store->outbox().result();
        QVERIFY(entries.has_value());
        QCOMPARE(entries->size(), 2);
        QSet<QString> sites;
        for (const OutboxEntry &e : *entries) {
            QCOMPARE(e.noticeId, id);
            QVERIFY(!e.deliverNotifications);
            QCOMPARE(e.state, OutboxEntry::State::Queued);
            sites.insert(e.siteId);
        }
        QCOMPARE(sites, (QSet<QString>{u"statuspage"_s, u"static"_s}));
        // The draft went out as the notice's update.
        const auto notice = m_store->notice(id).result();
        QVERIFY(notice.has_value());
        QCOMPARE(notice->updates.size(), 1);
        QCOMPARE(notice->updates[0].body, u"We are looking into it."_s);
        QTRY_COMPARE(m_view->outboxModel()->rowCount(), 2);
    }

    void retryAndCancelChangeTheEntries()
    {
        const qint64 id = createIncident(u"Extranet unreachable"_s, u"Looking into it."_s);
        const auto entries = m_store->publish(id, {u"statuspage"_s, u"static"_s}, false).result();
        QVERIFY(entries.has_value());
        const qint64 failedId = entries->at(0).id;
        const qint64 queuedId = entries->at(1).id;
        QVERIFY(m_store->leaseDue(u"relay"_s, 60'000, 1, {u"statuspage"_s, u"static"_s}).result().has_value());
        QVERIFY(
            m_store->markFailed(failedId, u"relay"_s, u"Statuspage said: invalid component"_s).result().has_value());
        QVERIFY(showNotice(id));
        QSignalSpy refreshed(m_view->outboxModel(), &OutboxModel::refreshed);
        m_view->refreshOutbox();
        QTRY_VERIFY(!refreshed.isEmpty());

        auto *table = child<QTableView>(u"outboxTable"_s);
        auto *retry = child<QPushButton>(u"outboxRetry"_s);
        auto *cancel = child<QPushButton>(u"outboxCancel"_s);
        const auto rowOf = [table](qint64 entryId) {
            for (int r = 0; r < table->model()->rowCount(); ++r)
                if (table->model()->index(r, 0).data(OutboxModel::EntryIdRole).toLongLong() == entryId)
                    return r;
            return -1;
        };
        QVERIFY(rowOf(failedId) >= 0);
        const QModelIndex failedRow = table->model()->index(rowOf(failedId), OutboxModel::ErrorColumn);
        QCOMPARE(failedRow.data().toString(), u"Statuspage said: invalid component"_s);
        table->setCurrentIndex(failedRow);
        QVERIFY(retry->isEnabled());
        QSignalSpy queued(m_view.get(), &NoticesView::queued);
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_COMPARE(m_store->outboxEntry(failedId).result()->state, OutboxEntry::State::Queued);
        QTRY_COMPARE(table->model()->index(rowOf(failedId), OutboxModel::StateColumn).data().toString(),
                     outboxStateText(OutboxEntry::State::Queued));
        QCOMPARE(queued.size(), 1); // the relay is woken for it

        table->setCurrentIndex(table->model()->index(rowOf(queuedId), 0));
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE(m_store->outboxEntry(queuedId).result()->state, OutboxEntry::State::Cancelled);
        QTRY_VERIFY(!cancel->isEnabled()); // a cancelled entry is done
        QVERIFY(!retry->isEnabled());
    }

    void thePreviewShowsTheRenderedMarkdown()
    {
        const qint64 id = createIncident(u"Preview"_s);
        QVERIFY(showNotice(id));
        auto *preview = child<QTextBrowser>(u"noticePreview"_s);
        QSignalSpy updated(m_view.get(), &NoticesView::previewUpdated);
        typeInBody(u"The **bold** word and a [link](https://example.com)."_s);
        // A table pasted in (keyClicks types no line breaks).
        child<QPlainTextEdit>(u"noticeBody"_s)->insertPlainText(u"\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"_s);
        QTRY_VERIFY(preview->toPlainText().contains(u"The bold word"_s));
        const QString html = preview->toHtml();
        QVERIFY2(html.contains(QRegularExpression(u"font-weight:[67]00[^>]*>bold<"_s)), qPrintable(html));
        QVERIFY(html.contains(u"href=\"https://example.com\""_s));
        QVERIFY(html.contains(u"<table"_s));
        QVERIFY(!preview->toPlainText().contains(u"**"_s));
        // Debounced: one rendering for the burst, not one a keystroke.
        QVERIFY(updated.size() < 5);
    }

    void aPaletteChangeIsNotAnEdit()
    {
        const qint64 id = createIncident(u"Dark"_s, u"Some **Markdown**."_s);
        QVERIFY(showNotice(id));
        QSignalSpy saving(m_view.get(), &NoticesView::saving);
        QSignalSpy updated(m_view.get(), &NoticesView::previewUpdated);
        // The highlighter restyles the text for the dark palette (textChanged), and the preview
        // follows; nothing is saved.
        m_view->setPalette(darkPalette());
        QTRY_VERIFY(!updated.isEmpty());
        m_view->saveNow();
        QCOMPARE(saving.size(), 0);
        QCOMPARE(m_view->saveState(), NoticesView::SaveState::Idle);
        QCOMPARE(lastRevision(id).number, 0);
    }

    void aNewIncidentStartsFromTheTemplate()
    {
        auto *language = child<QComboBox>(u"noticeLanguage"_s);
        language->setCurrentIndex(language->findData(int(NoticeLanguage::French)));
        QSignalSpy loaded(m_view.get(), &NoticesView::noticeLoaded);
        QTest::mouseClick(child<QPushButton>(u"newIncident"_s), Qt::LeftButton);
        QTRY_COMPARE(loaded.size(), 1);
        NoticeTemplateFields fields;
        fields.startMs = m_clock.nowMs();
        const NoticeTemplate expected = noticeTemplate(NoticeKind::Incident, NoticeLanguage::French, fields);
        // As written, no-break spaces included (French typography).
        QVERIFY(expected.body.contains(QChar::Nbsp));
        QCOMPARE(m_view->draft().body, expected.body);
        QCOMPARE(child<QLineEdit>(u"noticeTitle"_s)->text(), expected.title);
        // The template is revision 1, so that it can be restored after any edit.
        const NoticeRevision first = lastRevision(m_view->currentNoticeId());
        QCOMPARE(first.number, 1);
        QCOMPARE(first.draft.body, expected.body);
        QCOMPARE(m_view->noticeModel()->rowCount(), 1);
        // An edit saves the text with its no-break spaces.
        typeInBody(u"."_s);
        QTRY_COMPARE(lastRevision(m_view->currentNoticeId()).number, 2);
        QCOMPARE(lastRevision(m_view->currentNoticeId()).draft.body, expected.body + u'.');
    }

    void aNoticeDraftedFromHistoryOpensAsADraftNothingPosted()
    {
        Notice drafted;
        drafted.kind = NoticeKind::Incident;
        drafted.title = u"Disruption of Extranet"_s;
        drafted.impact = NoticeImpact::Critical;
        drafted.components = {{u"web"_s, ComponentStatus::Operational}};
        NoticeUpdate update;
        update.status = NoticeStatus::Resolved;
        update.body = u"**When:** 14 successive cuts from 19:23 to 20:46, 54 minutes in all."_s;
        update.components = drafted.components;
        drafted.updates = {update};
        drafted.status = NoticeStatus::Resolved;
        QSignalSpy loaded(m_view.get(), &NoticesView::noticeLoaded);
        m_view->newNoticeFrom(drafted);
        QTRY_COMPARE(loaded.size(), 1);
        const qint64 id = m_view->currentNoticeId();
        // Nothing goes out before the engineer has read it: no update in the timeline, the draft
        // is revision 1.
        QVERIFY(m_store->notice(id).result()->updates.isEmpty());
        const NoticeRevision first = lastRevision(id);
        QCOMPARE(first.number, 1);
        QCOMPARE(first.draft.body, update.body);
        QCOMPARE(first.draft.status, NoticeStatus::Resolved);
        QCOMPARE(first.draft.impact, NoticeImpact::Critical);
        QCOMPARE(m_view->draft().body, update.body);
        QCOMPARE(child<QLineEdit>(u"noticeTitle"_s)->text(), drafted.title);
    }

    void anIncidentsPostmortemIsWrittenAndSavedWithTheDraft()
    {
        QSignalSpy loaded(m_view.get(), &NoticesView::noticeLoaded);
        QTest::mouseClick(child<QPushButton>(u"newIncident"_s), Qt::LeftButton);
        QTRY_COMPARE(loaded.size(), 1);
        const qint64 id = m_view->currentNoticeId();
        auto *postmortem = child<QPlainTextEdit>(u"noticePostmortem"_s);
        QVERIFY(postmortem->isEnabled());
        postmortem->setFocus();
        QTest::keyClicks(postmortem, u"## Cause"_s);
        QTRY_COMPARE(lastRevision(id).draft.postmortem, u"## Cause"_s);
        // The notice carries it, for the sites that publish postmortems.
        QCOMPARE(m_store->notice(id).result()->postmortem, u"## Cause"_s);
        // A maintenance has none.
        QTest::mouseClick(child<QPushButton>(u"newMaintenance"_s), Qt::LeftButton);
        QTRY_COMPARE(loaded.size(), 2);
        QVERIFY(!postmortem->isEnabled());
    }
};

QTEST_MAIN(TestNoticesView)
#include "tst_noticesview.moc"
