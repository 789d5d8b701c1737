#include "alertchannel.h"

#include "commandchannel.h"
#include "smtpchannel.h"
#include "webhookchannel.h"

namespace Vigie {

AlertChannel::~AlertChannel() = default;

std::unique_ptr<AlertChannel> makeAlertChannel(const AlertChannelSpec &spec, const QHash<QString, QByteArray> &secrets)
{
    switch (spec.kind) {
    case AlertChannelSpec::Kind::Webhook:
        return std::make_unique<WebhookChannel>(spec);
    case AlertChannelSpec::Kind::Smtp:
        // A password missing from the keychain is told apart from an empty one: the channel then
        // fails each delivery naming the secret, without asking the relay.
        return std::make_unique<SmtpChannel>(
            spec, secrets.contains(spec.secret) ? std::optional(secrets.value(spec.secret)) : std::nullopt);
    case AlertChannelSpec::Kind::Command:
        return std::make_unique<CommandChannel>(spec);
    }
    return nullptr;
}

} // namespace Vigie
