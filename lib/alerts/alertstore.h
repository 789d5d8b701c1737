#pragma once

#include "alert.h"
#include "silence.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <expected>
#include <memory>

namespace Vigie {

class Clock;

// One alert to deliver to one channel, kept until it is done.
struct AlertDelivery
{
    enum class State : quint8 { Queued, Sending, Delivered, Failed };
    qint64 id = 0;
    Alert alert;
    QString channelId;
    State state = State::Queued;
    int attempts = 0;         // sends begun
    qint64 nextAttemptMs = 0; // UTC: not before
    QString lastError;
    QString leaseOwner; // while Sending
    qint64 leaseUntilMs = 0;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
};

// "queued", "sending", "delivered", "failed": stable, stored.
QString alertDeliveryStateName(AlertDelivery::State state);

// What the console and `vigie watch` share about alerts, in dataDir/vigie-alerts.sqlite: the
// acknowledgements and mutes (so that `vigie ack` and `vigie mute` reach a running console), the
// alerts told, and their outbox: one delivery per alert and channel, leased by one sender at a time
// (two processes on one data folder never send one twice), retried with backoff, kept across a
// restart until delivered or failed for good.
//
// Every call blocks on SQLite: make them off the GUI thread, all on one thread (a connection
// belongs to the thread that opened it). Every write commits before it returns, with
// synchronous=FULL.
class AlertStore final
{
    Q_DISABLE_COPY_MOVE(AlertStore)

public:
    template<typename T>
    using Result = std::expected<T, QString>; // a sentence on failure

    explicit AlertStore(const Clock *clock = nullptr);
    ~AlertStore();

    Result<void> open(const QString &dataDir);
    bool isOpen() const;
    QString databasePath() const;
    static QString fileName(); // "vigie-alerts.sqlite"

    // Acknowledging again replaces the comment.
    Result<void> acknowledge(const Acknowledgement &acknowledgement);
    // Whether there was one.
    Result<bool> clearAcknowledgement(const QString &serviceId);
    Result<QList<Acknowledgement>> acknowledgements();

    // Returns it with its id.
    Result<Mute> addMute(const Mute &mute);
    // Ends the mutes of that scope and target now; returns how many were active.
    Result<int> unmute(Mute::Scope scope, const QString &target);
    // The mutes still in force at `nowMs`.
    Result<QList<Mute>> activeMutes(qint64 nowMs);

    // Keeps `alert` and queues it for each of `channelIds`, in one transaction; returns it with its
    // id. With `sameWithinMs`, an alert of the same key, kind and resolution kept less than that
    // before it (by another process on this folder) is returned instead, and nothing is queued.
    Result<Alert> enqueue(const Alert &alert, const QStringList &channelIds, qint64 sameWithinMs = 0);
    // The latest alerts told, newest first.
    Result<QList<Alert>> recentAlerts(int limit);

    // For a sender: up to `limit` deliveries that are due (queued and not deferred, or sending with
    // a lease run out) of `channelIds`, oldest first, marked Sending for `owner` until now +
    // `leaseMs`, with an attempt counted. Atomic across processes.
    Result<QList<AlertDelivery>> leaseDue(const QString &owner, qint64 leaseMs, int limit,
                                          const QStringList &channelIds);
    // The end of a lease; each fails (changing nothing) when `owner` no longer holds it.
    Result<AlertDelivery> markDelivered(qint64 deliveryId, const QString &owner);
    Result<AlertDelivery> markRetryLater(qint64 deliveryId, const QString &owner, const QString &reason,
                                         qint64 nextAttemptMs);
    Result<AlertDelivery> markFailed(qint64 deliveryId, const QString &owner, const QString &reason);
    // Newest first; only those not delivered when `pendingOnly`.
    Result<QList<AlertDelivery>> deliveries(bool pendingOnly = false);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
