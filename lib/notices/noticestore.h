#pragma once

#include "notice.h"
#include "statustarget.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include <expected>
#include <memory>
#include <optional>

namespace Vigie {

class Clock;

// One saved state of a notice being edited: its own fields (title, impact, window, postmortem) and
// the update being written (status, Markdown body, components). Every save is kept, so that any
// earlier one can be restored.
struct NoticeDraft
{
    QString title;
    NoticeImpact impact = NoticeImpact::None;
    NoticeStatus status = NoticeStatus::Investigating;
    QString body; // Markdown
    QList<AffectedComponent> components;
    std::optional<NoticeWindow> window;
    QString postmortem;
    friend bool operator==(const NoticeDraft &, const NoticeDraft &) = default;
};

struct NoticeRevision
{
    qint64 noticeId = 0;
    int number = 0;       // 1, 2... for each notice, in the order saved
    qint64 savedMs = 0;   // UTC, when it was committed
    int restoredFrom = 0; // the revision this one restored; 0: an edit
    NoticeDraft draft;
    friend bool operator==(const NoticeRevision &, const NoticeRevision &) = default;
};

// An update to add to a notice's timeline, and what it changes of the notice's own fields.
struct NoticeEdit
{
    NoticeUpdate update; // its timestamp: 0 for now
    std::optional<QString> title;
    std::optional<NoticeImpact> impact;
    std::optional<NoticeWindow> window;
};

// One send of one update of a notice to one status site, kept until it is done.
struct OutboxEntry
{
    enum class State : quint8 { Queued, Sending, Published, Failed, NeedsAttention, Cancelled };
    qint64 id = 0;
    qint64 noticeId = 0;
    qint64 updateId = 0;
    QString siteId;
    bool deliverNotifications = false;
    State state = State::Queued;
    int attempts = 0;         // sends begun (leases taken)
    qint64 nextAttemptMs = 0; // UTC: not before
    QString lastError;        // why the last attempt did not publish; empty: none
    QString remoteId;         // the site's id of the notice, once known
    QString leaseOwner;       // while Sending
    qint64 leaseUntilMs = 0;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    // Set by leaseDue() on an entry whose earlier lease ran out while it was being sent: the send
    // may have reached the site, so look for its marker before sending again.
    bool interrupted = false;
    friend bool operator==(const OutboxEntry &, const OutboxEntry &) = default;
};

// Stable names: "queued", "sending", "published", "failed", "needs_attention", "cancelled".
QString outboxStateName(OutboxEntry::State state);
std::optional<OutboxEntry::State> outboxStateFromName(QStringView name);
// Translated, for people.
QString outboxStateText(OutboxEntry::State state);

// The notices and their outbox: dataDir/vigie-notices.sqlite, apart from the results database
// (Migrations, WAL). Offline first: every call commits before its future finishes, with
// synchronous=FULL, so that what a caller was told is saved survives the process being killed
// (and the machine losing power).
//
// Every call runs on the store's own thread, one at a time, with one connection; the futures finish
// there (the GUI watches them; the command line waits on them with result()). Two processes on one
// data folder share the file: each write takes SQLite's write lock first (BEGIN IMMEDIATE), so that
// leaseDue() never gives one entry to two owners.
class NoticeStore final
{
    Q_DISABLE_COPY_MOVE(NoticeStore)

public:
    template<typename T>
    using Result = std::expected<T, QString>; // a sentence on failure

    // `clock`: where "now" comes from (not owned; the system clock when null).
    explicit NoticeStore(const Clock *clock = nullptr);
    ~NoticeStore(); // waits for the calls under way

    // Opens (creating and migrating as needed) `dataDir`/vigie-notices.sqlite. Blocking: call it
    // off the GUI thread. Returns a sentence naming the file on failure.
    Result<void> open(const QString &dataDir);
    bool isOpen() const;
    QString databasePath() const;
    static QString fileName(); // "vigie-notices.sqlite"
    static int schemaVersion();

    // A new notice: its kind, title, impact, window and postmortem, and its updates (may be none:
    // a draft not yet posted; its status is then the kind's first). Returns it as stored, with ids.
    QFuture<Result<Notice>> create(const Notice &notice);
    // Adds an update (and the changes of `edit`) to the timeline; with `publishTo`, also queues it
    // for those sites in the same transaction. Returns the notice as stored.
    QFuture<Result<Notice>> addUpdate(qint64 noticeId, const NoticeEdit &edit, const QStringList &publishTo = {},
                                      bool deliverNotifications = false);
    QFuture<Result<Notice>> notice(qint64 noticeId) const;
    // Newest first (by last change), with their updates.
    QFuture<Result<QList<Notice>>> notices() const;

    // Saves a draft as the notice's next revision, and its title, impact, window and postmortem as
    // the notice's; answers once committed.
    QFuture<Result<NoticeRevision>> saveDraft(qint64 noticeId, const NoticeDraft &draft);
    // Oldest first.
    QFuture<Result<QList<NoticeRevision>>> revisions(qint64 noticeId) const;
    // Saves revision `number` again as the newest one (history is never rewritten); returns it.
    QFuture<Result<NoticeRevision>> restoreRevision(qint64 noticeId, int number);

    // Queues the notice's latest update for each of `siteIds`, one entry a site, in one
    // transaction. An update already queued or sent to a site is not queued twice: its entry is
    // returned as it is. Returns the entries in the order of `siteIds`.
    QFuture<Result<QList<OutboxEntry>>> publish(qint64 noticeId, const QStringList &siteIds, bool deliverNotifications);

    // The outbox, newest first; only the entries not yet done (queued, sending, failed, needs
    // attention) when `pendingOnly`.
    QFuture<Result<QList<OutboxEntry>>> outbox(bool pendingOnly = false) const;
    QFuture<Result<OutboxEntry>> outboxEntry(qint64 entryId) const;
    // For the relay: takes up to `limit` entries that are due (queued and not deferred, or sending
    // with a lease run out), oldest first and at most one a notice and site (an entry waits for the
    // earlier ones of its notice on its site), marks them Sending for `owner` until now + `leaseMs`,
    // and counts an attempt. Atomic across processes. Only the entries of `siteIds` (the sites the
    // relay's workspace declares): another workspace's entries wait for a relay that knows their site.
    QFuture<Result<QList<OutboxEntry>>> leaseDue(const QString &owner, qint64 leaseMs, int limit,
                                                 const QStringList &siteIds);
    // What the relay gives the site for an entry: the notice with its updates up to the entry's,
    // and the site's id of it from an earlier entry.
    QFuture<Result<Publication>> publication(qint64 entryId) const;
    // While a send takes longer than its lease: holds the entry for `leaseMs` more from now. Fails
    // when `owner` no longer holds it.
    QFuture<Result<OutboxEntry>> renewLease(qint64 entryId, const QString &owner, qint64 leaseMs);
    // The end of a lease: each fails (and changes nothing) when `owner` no longer holds the entry.
    QFuture<Result<OutboxEntry>> markPublished(qint64 entryId, const QString &owner, const QString &remoteId);
    // Back to Queued, not before `nextAttemptMs`, with why.
    QFuture<Result<OutboxEntry>> markRetryLater(qint64 entryId, const QString &owner, const QString &reason,
                                                qint64 nextAttemptMs);
    QFuture<Result<OutboxEntry>> markFailed(qint64 entryId, const QString &owner, const QString &reason);
    QFuture<Result<OutboxEntry>> markNeedsAttention(qint64 entryId, const QString &owner, const QString &reason);
    // The engineer's: a failed, deferred or attention-needing entry is queued for now; one not yet
    // published, and not being sent, is cancelled.
    QFuture<Result<OutboxEntry>> retry(qint64 entryId);
    QFuture<Result<OutboxEntry>> cancel(qint64 entryId);

    // What a site showed of a notice when it was read back after publishing (the latest reading of
    // each site replaces the one before), and every site's latest reading of a notice.
    QFuture<Result<void>> savePublicCopy(const PublicCopy &copy);
    QFuture<Result<QList<PublicCopy>>> publicCopies(qint64 noticeId) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::OutboxEntry)
Q_DECLARE_METATYPE(Vigie::NoticeRevision)
