#pragma once

#include "alert.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace Vigie {

// How one delivery of an alert to a channel ended.
struct DeliveryOutcome
{
    enum class Kind : quint8 {
        Delivered,  // the receiver took it (2xx, the SMTP server queued it, the command exited 0)
        RetryLater, // unreachable, a timeout, 5xx, 429, a 4xx SMTP reply, a command that failed or hung
        Failed,     // refused for good (4xx other than 408/429, a 5xx SMTP reply, a bad address): kept
                    // for an engineer, never retried on its own
    };
    Kind kind = Kind::Delivered;
    QString reason; // a sentence naming what failed and where (the phase, the SMTP reply, the exit code)
    std::optional<std::chrono::milliseconds> retryAfter; // the receiver's own Retry-After
};

// Where alerts go: a webhook, an SMTP relay, a command. deliver() never blocks the calling thread:
// the work runs on a pool of threads of the channels' own, and the future finishes there.
class AlertChannel
{
public:
    virtual ~AlertChannel();
    virtual QString id() const = 0;
    virtual QFuture<DeliveryOutcome> deliver(const Alert &alert) = 0;
};

// The channel a workspace declares; `secrets` holds the keychain's values by name (the SMTP
// password).
std::unique_ptr<AlertChannel> makeAlertChannel(const AlertChannelSpec &spec, const QHash<QString, QByteArray> &secrets);

} // namespace Vigie
