#pragma once

#include "alertchannel.h"

#include <QByteArray>

#include <chrono>
#include <optional>

namespace Vigie {

struct HttpAnswer;

// POSTs the alert's JSON document (Alert::toJson) to AlertChannelSpec::url with the spec's extra
// headers, once per delivery (sendOnce: no request is ever repeated behind the outbox's back). A
// 2xx is delivered; 408, 429, a 5xx or no answer is tried again later (after the receiver's
// Retry-After when it sends one); any other answer (3xx, 4xx) or a TLS failure is an error the
// receiver will repeat, kept for an engineer.
class WebhookChannel final : public AlertChannel
{
public:
    explicit WebhookChannel(AlertChannelSpec spec);
    ~WebhookChannel() override;

    QString id() const override { return m_spec.id; }
    QFuture<DeliveryOutcome> deliver(const Alert &alert) override;

    // How an answer from `host` ends a delivery.
    static DeliveryOutcome outcome(const HttpAnswer &answer, const QString &host, std::chrono::milliseconds timeout);
    // A Retry-After header: seconds, or an HTTP-date (then how long from `nowUtcMs`); nothing when
    // it is neither.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, qint64 nowUtcMs);

private:
    AlertChannelSpec m_spec;
};

} // namespace Vigie
