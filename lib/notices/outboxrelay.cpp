#include "outboxrelay.h"

#include "core/backoff.h"
#include "core/clock.h"
#include "statustargets.h"
#include "workspace/workspace.h"

#include <QLoggingCategory>
#include <QPromise>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcRelay, "vigie.outbox", QtInfoMsg)

namespace Vigie {

struct OutboxRelay::Private
{
    OutboxRelay *q = nullptr;
    NoticeStore *store = nullptr;
    const Clock *clock = nullptr;
    QString owner;
    std::chrono::milliseconds lease = 60s;
    std::chrono::milliseconds backoffFirst = 5s;
    std::chrono::milliseconds backoffCap = 15min;
    QTimer poll;
    bool running = false;

    // The sites, rebuilt by setWorkspace(); a send under way keeps its target alive.
    QList<StatusSite> sites;
    std::shared_ptr<const Workspace> workspace = std::make_shared<Workspace>();
    QHash<QString, QByteArray> secrets;
    TargetFactory factory;
    QHash<QString, std::shared_ptr<StatusTarget>> targets;
    QHash<QString, QString> unavailable; // site id → why it has no target
    bool targetsStale = true;

    bool roundRunning = false;
    bool roundAgain = false;
    int inFlight = 0;

    struct Flush
    {
        QPromise<FlushReport> promise;
        FlushReport report;
        qint64 deadlineMs = 0;
        QTimer *waiting = nullptr;
        // An entry came due between the round that leased nothing and the look at what is left: it
        // is looked at once more before being called blocked (reset by each attempt).
        bool dueRechecked = false;
    };
    std::unique_ptr<Flush> flush;

    qint64 now() const { return clock->nowMs(); }

    void buildTargets()
    {
        if (!targetsStale)
            return;
        targetsStale = false;
        targets.clear();
        unavailable.clear();
        for (const StatusSite &site : std::as_const(sites)) {
            // Only a factory of the caller's may have nothing for a site.
            std::unique_ptr<StatusTarget> target =
                factory ? factory(site) : makeStatusTarget(site, *workspace, secrets);
            if (target)
                targets.insert(site.id, std::shared_ptr<StatusTarget>(target.release()));
            else
                unavailable.insert(site.id, tr("Vigie cannot publish to %1 yet").arg(site.id));
        }
    }

    std::chrono::milliseconds backoff(int attempts) const { return retryBackoff(attempts, backoffFirst, backoffCap); }

    void round()
    {
        if (roundRunning) {
            roundAgain = true;
            return;
        }
        roundRunning = true;
        roundAgain = false;
        buildTargets();
        QStringList siteIds;
        for (const StatusSite &site : std::as_const(sites))
            siteIds.append(site.id);
        store->leaseDue(owner, lease.count(), 16, siteIds)
            .then(q, [this](const NoticeStore::Result<QList<OutboxEntry>> &due) {
                roundRunning = false;
                if (!due) {
                    qCWarning(lcRelay).noquote() << due.error();
                    Q_EMIT q->storeError(due.error());
                    if (flush) {
                        flush->report.error = due.error();
                        finishFlush();
                    }
                    return;
                }
                for (const OutboxEntry &entry : *due)
                    send(entry);
                if (roundAgain)
                    round();
                else if (due->isEmpty() && inFlight == 0)
                    idle();
            });
    }

    // Nothing due, nothing being sent: a flush looks at what is left.
    void idle()
    {
        if (!flush)
            return;
        store->outbox(true).then(q, [this](const NoticeStore::Result<QList<OutboxEntry>> &pending) {
            if (!flush)
                return;
            if (!pending) {
                flush->report.error = pending.error();
                return finishFlush();
            }
            // The earliest moment something left could be sent by this relay: a deferred entry's next
            // attempt, or the end of another relay's lease. What is due already and was not leased
            // waits for an earlier entry an engineer must see to, or for a site this workspace does
            // not declare: it stays pending.
            std::optional<qint64> nextMs;
            bool dueNow = false;
            const qint64 at = now();
            for (const OutboxEntry &entry : *pending) {
                if (!std::any_of(sites.cbegin(), sites.cend(),
                                 [&](const StatusSite &s) { return s.id == entry.siteId; }))
                    continue;
                std::optional<qint64> when;
                if (entry.state == OutboxEntry::State::Queued)
                    when = entry.nextAttemptMs;
                else if (entry.state == OutboxEntry::State::Sending)
                    when = entry.leaseUntilMs;
                if (when && *when > at)
                    nextMs = std::min(nextMs.value_or(*when), *when);
                else if (when)
                    dueNow = true;
            }
            // A slow store (a loaded machine) can make the retry due by the time this is read:
            // one more round leases it; if that round sends nothing, it is waiting on an earlier
            // entry and stays pending.
            if (dueNow && !flush->dueRechecked && at <= flush->deadlineMs) {
                flush->dueRechecked = true;
                flush->waiting->start(0);
                return;
            }
            if (nextMs && *nextMs <= flush->deadlineMs) {
                flush->waiting->start(std::chrono::milliseconds(std::max<qint64>(0, *nextMs - now()) + 10));
                return;
            }
            flush->report.pending = *pending;
            finishFlush();
        });
    }

    void finishFlush()
    {
        std::unique_ptr<Flush> done = std::move(flush);
        delete done->waiting;
        done->promise.addResult(done->report);
        done->promise.finish();
    }

    void send(const OutboxEntry &entry)
    {
        ++inFlight;
        if (flush) {
            ++flush->report.attempts;
            flush->dueRechecked = false;
        }
        Q_EMIT q->entryChanged(entry);
        // A send may outlast its lease: hold it while it runs.
        auto *renew = new QTimer(q);
        renew->callOnTimeout(q, [this, id = entry.id] {
            store->renewLease(id, owner, lease.count()).then(q, [id](const NoticeStore::Result<OutboxEntry> &renewed) {
                if (!renewed)
                    qCWarning(lcRelay).noquote() << "outbox entry" << id << ":" << renewed.error();
            });
        });
        renew->start(std::max<std::chrono::milliseconds>(lease / 3, 10ms));

        store->publication(entry.id).then(q, [this, entry, renew](const NoticeStore::Result<Publication> &loaded) {
            if (!loaded) {
                PublishOutcome out;
                out.kind = PublishOutcome::Kind::RetryLater;
                out.message = loaded.error();
                return end(entry, out, renew);
            }
            const Publication publication = *loaded;
            const std::shared_ptr<StatusTarget> target = targets.value(entry.siteId);
            if (!target) {
                PublishOutcome out;
                out.kind = PublishOutcome::Kind::NeedsAttention;
                out.message = unavailable.value(
                    entry.siteId, tr("the workspace has no status site \u201c%1\u201d").arg(entry.siteId));
                return end(entry, out, renew);
            }
            // A send tried before may have reached the site: look for its marker first.
            const bool look = publication.remoteId.isEmpty() && (entry.interrupted || entry.attempts > 1);
            if (!look)
                return publish(entry, publication, target, renew);
            target->findPublished(publication)
                .then(q, [this, entry, publication, target, renew](const StatusTarget::Found &found) {
                    if (!found.asked)
                        return end(entry, found.error, renew);
                    if (found.remoteId) {
                        qCInfo(lcRelay).noquote() << "outbox entry" << entry.id << ": found on" << entry.siteId << "as"
                                                  << *found.remoteId << "; continuing from there";
                        Publication known = publication;
                        known.remoteId = *found.remoteId;
                        return publish(entry, known, target, renew);
                    }
                    publish(entry, publication, target, renew);
                });
        });
    }

    void publish(const OutboxEntry &entry, const Publication &publication, const std::shared_ptr<StatusTarget> &target,
                 QTimer *renew)
    {
        target->publish(publication).then(q, [this, entry, publication, target, renew](const PublishOutcome &outcome) {
            if (outcome.kind == PublishOutcome::Kind::Published) {
                // Reading the public's copy back is part of the send: a flush waits for it.
                ++inFlight;
                readBack(publication, outcome.remoteId.isEmpty() ? publication.remoteId : outcome.remoteId, target);
            }
            end(entry, outcome, renew);
        });
    }

    void end(const OutboxEntry &entry, const PublishOutcome &outcome, QTimer *renew)
    {
        delete renew;
        QFuture<NoticeStore::Result<OutboxEntry>> marked;
        switch (outcome.kind) {
        case PublishOutcome::Kind::Published:
            marked = store->markPublished(entry.id, owner, outcome.remoteId);
            break;
        case PublishOutcome::Kind::RetryLater:
        case PublishOutcome::Kind::Ambiguous: {
            // After an ambiguous end the next attempt looks before sending (attempts > 1): soon.
            const std::chrono::milliseconds wait = outcome.kind == PublishOutcome::Kind::Ambiguous
                                                       ? std::max(outcome.retryAfter, backoffFirst)
                                                       : std::max(outcome.retryAfter, backoff(entry.attempts));
            marked = store->markRetryLater(entry.id, owner, outcome.message, now() + wait.count());
            break;
        }
        case PublishOutcome::Kind::NeedsAttention:
            marked = store->markNeedsAttention(
                entry.id, owner, outcome.credentials ? tr("credentials: %1").arg(outcome.message) : outcome.message);
            break;
        case PublishOutcome::Kind::Failed:
            marked = store->markFailed(entry.id, owner, outcome.message);
            break;
        }
        if (outcome.kind != PublishOutcome::Kind::Published)
            qCInfo(lcRelay).noquote() << "outbox entry" << entry.id << "to" << entry.siteId << ":" << outcome.message;
        marked.then(q, [this, entry](const NoticeStore::Result<OutboxEntry> &updated) {
            --inFlight;
            if (updated) {
                if (flush && updated->state == OutboxEntry::State::Published)
                    ++flush->report.published;
                Q_EMIT q->entryChanged(*updated);
            } else {
                // Another relay took the entry over (our lease ran out): its outcome is the one kept.
                qCWarning(lcRelay).noquote() << "outbox entry" << entry.id << ":" << updated.error();
                Q_EMIT q->storeError(updated.error());
            }
            // The entries that waited for this one may be due now.
            round();
        });
    }

    void readBack(const Publication &publication, const QString &remoteId, const std::shared_ptr<StatusTarget> &target)
    {
        target->fetchPublic(publication, remoteId).then(q, [this, target](PublicCopy copy) {
            copy.fetchedMs = now(); // the relay's clock: tests give their own
            store->savePublicCopy(copy).then(q, [this, copy](const NoticeStore::Result<void> &saved) {
                if (!saved)
                    Q_EMIT q->storeError(saved.error());
                Q_EMIT q->publicCopyFetched(copy);
                --inFlight;
                round();
            });
        });
    }
};

OutboxRelay::OutboxRelay(NoticeStore *store, const Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    qRegisterMetaType<OutboxEntry>();
    qRegisterMetaType<PublicCopy>();
    d->q = this;
    d->store = store;
    d->clock = clock ? clock : Clock::system();
    d->owner = leaseOwnerName();
    d->poll.setInterval(5s);
    d->poll.callOnTimeout(this, [this] { d->round(); });
}

OutboxRelay::~OutboxRelay()
{
    if (d->flush) {
        d->flush->report.error = tr("the relay stopped");
        d->finishFlush();
    }
}

void OutboxRelay::setWorkspace(const Workspace &workspace, const QHash<QString, QByteArray> &secrets)
{
    d->sites = workspace.statusSites;
    d->workspace = std::make_shared<Workspace>(workspace);
    d->secrets = secrets;
    d->targetsStale = true;
}

void OutboxRelay::setTargetFactory(TargetFactory factory)
{
    d->factory = std::move(factory);
    d->targetsStale = true;
}

QString OutboxRelay::owner() const
{
    return d->owner;
}

void OutboxRelay::setLeaseDuration(std::chrono::milliseconds lease)
{
    d->lease = lease;
}

void OutboxRelay::setPollInterval(std::chrono::milliseconds interval)
{
    d->poll.setInterval(interval);
}

void OutboxRelay::setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap)
{
    d->backoffFirst = first;
    d->backoffCap = cap;
}

void OutboxRelay::start()
{
    d->running = true;
    d->poll.start();
    d->round();
}

void OutboxRelay::stop()
{
    d->running = false;
    d->poll.stop();
}

bool OutboxRelay::isRunning() const
{
    return d->running;
}

void OutboxRelay::wake()
{
    d->round();
}

QFuture<OutboxRelay::FlushReport> OutboxRelay::flush(std::chrono::milliseconds wait)
{
    if (d->flush)
        return d->flush->promise.future();
    d->flush = std::make_unique<Private::Flush>();
    d->flush->promise.start();
    d->flush->deadlineMs = d->now() + wait.count();
    d->flush->waiting = new QTimer(this);
    d->flush->waiting->setSingleShot(true);
    d->flush->waiting->callOnTimeout(this, [this] { d->round(); });
    QFuture<FlushReport> future = d->flush->promise.future();
    d->round();
    return future;
}

} // namespace Vigie
