#pragma once

#include "alertchannel.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Vigie {

// Sends the alert as an e-mail through an SMTP relay, with libcurl's SMTP (STARTTLS required,
// implicit TLS, or none, as the spec says; the peer's certificate and name always verified), logged
// in with AlertChannelSpec::username and the keychain's password. The message is plain text
// (Alert::text()) with the title as its subject; its Message-ID comes from the alert's key and
// since, so a retry carries the same one and a resolution threads under its alert (In-Reply-To,
// References).
//
// The relay's 4xx reply, a relay out of reach or silent is tried again later; a 5xx reply (a
// recipient refused, the login denied) or a TLS failure is kept for an engineer, with the relay's
// own words and the step it refused (login, sender, recipient, message).
class SmtpChannel final : public AlertChannel
{
public:
    // `password`: the keychain's value of AlertChannelSpec::secret; nothing when it is not there.
    SmtpChannel(AlertChannelSpec spec, std::optional<QByteArray> password);
    ~SmtpChannel() override;

    QString id() const override { return m_spec.id; }
    QFuture<DeliveryOutcome> deliver(const Alert &alert) override;

    // The message as it goes out (RFC 5322 and MIME, CRLF line ends), dated `now`.
    static QByteArray message(const Alert &alert, const AlertChannelSpec &spec, const QDateTime &now);
    // "<alert-HASH-KIND@DOMAIN>": the same for every attempt at one alert. A resolution's is its
    // own; `firingOf` gives, for a resolution, the id of the alert it resolves.
    static QByteArray messageId(const Alert &alert, const QString &domain, bool firingOf = false);
    // The address alone out of "Name <address>" or "address".
    static QString address(const QString &mailbox);
    // A header's text as RFC 2047 encoded words (UTF-8, base64) when it is not plain ASCII, folded.
    static QByteArray encodedHeaderText(const QString &text);
    // The body in quoted-printable, CRLF line ends, lines of at most 76 characters.
    static QByteArray quotedPrintable(const QString &text);

private:
    AlertChannelSpec m_spec;
    std::optional<QByteArray> m_password;
};

} // namespace Vigie
