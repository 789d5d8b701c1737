#pragma once

#include "core/clock.h"
#include "notices/noticestore.h"
#include "notices/noticetemplates.h"
#include "notices/publiccopy.h"
#include "workspace/workspace.h"

#include <QWidget>

#include <chrono>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;
class QToolButton;
class QTreeView;
class QTreeWidget;
class QCheckBox;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace Vigie {

class NoticeListModel;
class OutboxModel;
class PublishDialog;

// The console's notices: the list of incidents and maintenances, and the editor of the one chosen.
// The editor writes the notice's next update (title, status, impact, components, a maintenance's
// window, the Markdown body, highlighted) beside a live preview rendered as the static site renders
// it, with each status site's limits counted as the engineer types. Every edit is saved as a new
// revision within half a second, and "Saved" is said only once the store has committed it; any
// revision can be restored. "Post update" adds the draft to the timeline; "Publish…" asks which
// sites (and whether Statuspage notifies subscribers), then queues it in the outbox, whose entries
// (the selected notice's, or all) can be retried or cancelled.
//
// Nothing here waits for the store: every call goes through its futures and comes back here.
class NoticesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NoticesView)

public:
    // An edit is saved this long after the last keystroke; the preview follows after previewDelay.
    static constexpr std::chrono::milliseconds autosaveDelay{300};
    static constexpr std::chrono::milliseconds previewDelay{150};
    // While the view is shown, the outbox is read again this often.
    static constexpr std::chrono::milliseconds outboxInterval{3000};

    enum class SaveState { Idle, Saving, Saved, Failed };
    Q_ENUM(SaveState)

    explicit NoticesView(Clock *clock = Clock::system(), QWidget *parent = nullptr);
    ~NoticesView() override;

    // The store to read and write (not owned; it outlives the view); null until it is open.
    void setStore(NoticeStore *store);
    // The services (the components a notice can affect) and the status sites (limits, publishing).
    void setWorkspace(const Workspace &workspace);

    // Shows notice `noticeId` in the editor (selecting it in the list); 0: none.
    void showNotice(qint64 noticeId);
    qint64 currentNoticeId() const;
    // Creates a notice of `kind` from the template of the chosen language and shows it.
    void newNotice(NoticeKind kind);
    // Creates a notice from one drafted elsewhere (from history): its fields, and its first update's
    // text as the first revision of the draft, nothing posted; and shows it.
    void newNoticeFrom(const Vigie::Notice &notice);
    // The language new notices are written in (the readers', chosen in the view).
    NoticeLanguage templateLanguage() const;
    // The draft as the editor holds it now.
    NoticeDraft draft() const;
    // The notice as last read or returned by the store.
    Notice notice() const;

    SaveState saveState() const;
    QString saveStateText() const;
    // Why Publish… is disabled now; empty when it is enabled.
    QString publishBlocker() const;

    NoticeListModel *noticeModel() const;
    OutboxModel *outboxModel() const;

    // Says why there is no store to write to (the notices database could not be opened).
    void setStoreError(const QString &reason);

public Q_SLOTS:
    // Reads the outbox again (the relay's news, or a timer while shown).
    void refreshOutbox();
    // A relay's news of one entry (OutboxRelay::entryChanged): its row changes at once.
    void applyOutboxEntry(const Vigie::OutboxEntry &entry);
    // Reads again what each site showed of the notice shown (after OutboxRelay::publicCopyFetched).
    void refreshPublicCopies();
    void applyPublicCopy(const Vigie::PublicCopy &copy);
    // Saves what the editor holds now if it has unsaved edits (leaving, switching notices).
    void saveNow();
    void postUpdate();
    // Opens the confirmation (non-modal to the event loop: its answer queues the entries).
    void publish();

Q_SIGNALS:
    // The editor shows notice `noticeId` (its latest revision, or the notice itself).
    void noticeLoaded(qint64 noticeId);
    void saveStateChanged(Vigie::NoticesView::SaveState state);
    // A save of notice `noticeId` was handed to the store (its commit is yet to come).
    void saving(qint64 noticeId);
    void draftSaved(const Vigie::NoticeRevision &revision);
    void previewUpdated();
    // "What the public sees" shows the store's latest readings of the notice shown.
    void publicCopiesShown(int count);
    // Outbox entries were written: the relay has something to send.
    void queued();
    // A store call failed: its sentence (also shown in the view).
    void failed(const QString &reason);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createWithDraft(const Notice &notice, const NoticeDraft &draft);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
