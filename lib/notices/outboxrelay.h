#pragma once

#include "noticestore.h"
#include "publiccopy.h"
#include "statustarget.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace Vigie {

class Clock;

// Sends the outbox (noticestore.h) to the status sites, exactly once each, whatever fails on the
// way: the console runs one while it is open, `vigie outbox flush` runs one until nothing is due.
//
// Each round takes a lease on the entries that are due (at most one per notice and site, in order;
// two relays, in one process or two, never hold one entry), asks each entry's site to publish it,
// and ends the lease with the outcome:
// - Published: the site's id is kept, and the public's copy is read back (fetchPublic) and saved
//   beside the notice;
// - RetryLater (unreachable, 5xx, 420/429): queued again after the site's Retry-After or an
//   exponential backoff (5 s doubling to 15 min, ±20 %), whichever is later;
// - Ambiguous (a timeout or a reset after the request went out): queued again soon; the next
//   attempt looks for its marker on the site before sending anything;
// - NeedsAttention (credentials, a redirect, a notice removed from the site) and Failed (refused
//   for good, with the site's own message): kept for an engineer, never retried on their own.
// Before sending an entry that was tried before (or whose lease ran out while it was being sent),
// the relay asks the site whether it holds the entry's marker (findPublished); a hit continues from
// what the site has instead of creating the notice again.
//
// Leases are renewed while a send lasts, so that a slow site is not taken over by another relay;
// a relay that dies (kill -9) leaves its leases to run out, and the next one looks before sending.
//
// Lives on one thread (the GUI's in the console: every step is asynchronous).
class OutboxRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxRelay)

public:
    // Makes the target of a site; the default is makeStatusTarget (statustargets.h). Tests give
    // their own (a target on a fake server, with short timeouts).
    using TargetFactory = std::function<std::unique_ptr<StatusTarget>(const StatusSite &site)>;

    // `store` must be open and outlive the relay; `clock` gives "now" for backoffs (not owned).
    explicit OutboxRelay(NoticeStore *store, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~OutboxRelay() override;

    // The sites to publish to, their secrets (from the keychain, by name), and how targets are made.
    // Entries of a site the workspace no longer declares need attention. Applies from the next round.
    void setWorkspace(const Workspace &workspace, const QHash<QString, QByteArray> &secrets);
    void setTargetFactory(TargetFactory factory);
    // A unique name for this relay's leases (default: host, process id and a random part).
    QString owner() const;
    // How long a lease lasts before it is renewed (default 60 s; a third of it between renewals).
    void setLeaseDuration(std::chrono::milliseconds lease);
    // How often the console's relay looks for due entries on its own (default 5 s): entries queued by
    // another process (`vigie notice publish`) and deferred ones come due without a wake().
    void setPollInterval(std::chrono::milliseconds interval);
    // The first backoff after a failure (default 5 s), doubled at each attempt up to `cap` (15 min).
    void setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap);

    // Polls until stop() (the console).
    void start();
    void stop();
    bool isRunning() const;
    // Looks for due entries now (after the engineer queued some).
    void wake();

    // What a flush did.
    struct FlushReport
    {
        int published = 0;
        int attempts = 0;
        QList<OutboxEntry> pending; // not done when the flush ended (deferred, needing attention, failed)
        QString error;              // the store failed
    };
    // Delivers what is due now, and what comes due within `wait` (a short Retry-After, a backoff),
    // then finishes: with every entry not done listed in the report. For `vigie outbox flush`.
    QFuture<FlushReport> flush(std::chrono::milliseconds wait = std::chrono::seconds(60));

Q_SIGNALS:
    // An entry changed state (leased, published, deferred, failed...).
    void entryChanged(const Vigie::OutboxEntry &entry);
    // A site's copy of a notice was read back after publishing (and saved in the store).
    void publicCopyFetched(const Vigie::PublicCopy &copy);
    // The store failed; the relay tries again at the next round.
    void storeError(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::OutboxRelay::FlushReport)
