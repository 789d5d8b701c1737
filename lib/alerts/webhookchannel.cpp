#include "webhookchannel.h"

#include "core/numbertext.h"
#include "notices/httponce.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

struct Texts
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::WebhookChannel)
};

// How much of a receiver's answer a reason quotes: enough for "invalid token" or a proxy's error
// page title, not a whole page.
constexpr qsizetype quotedChars = 160;

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
}

// IMF-fixdate, the HTTP-date every server sends today: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<QDateTime> parseHttpDate(const QString &text)
{
    static const QRegularExpression fixdate(
        u"^[A-Za-z]{3}, (\\d{2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$"_s);
    const QRegularExpressionMatch m = fixdate.match(text);
    if (m.hasMatch()) {
        static const QStringList months{u"jan"_s, u"feb"_s, u"mar"_s, u"apr"_s, u"may"_s, u"jun"_s,
                                        u"jul"_s, u"aug"_s, u"sep"_s, u"oct"_s, u"nov"_s, u"dec"_s};
        const int month = int(months.indexOf(m.captured(2).toLower())) + 1;
        const QDate date(m.captured(3).toInt(), month, m.captured(1).toInt());
        const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
        if (month > 0 && date.isValid() && time.isValid())
            return QDateTime(date, time, QTimeZone::UTC);
        return std::nullopt;
    }
    // The obsolete forms, as far as RFC 2822's parser reads them.
    const QDateTime other = QDateTime::fromString(text, Qt::RFC2822Date);
    if (other.isValid())
        return other;
    return std::nullopt;
}

} // namespace

WebhookChannel::WebhookChannel(AlertChannelSpec spec)
    : m_spec(std::move(spec))
{}

WebhookChannel::~WebhookChannel() = default;

QFuture<DeliveryOutcome> WebhookChannel::deliver(const Alert &alert)
{
    HttpCall call;
    call.method = "POST";
    call.url = QUrl(m_spec.url);
    // The workspace reader checks the address; a channel made otherwise still never sends one curl
    // would refuse each time, which the outbox would take for a receiver out of reach.
    if (!call.url.isValid() || call.url.host().isEmpty() ||
        (call.url.scheme() != "http"_L1 && call.url.scheme() != "https"_L1))
        return QtFuture::makeReadyValueFuture(
            DeliveryOutcome{DeliveryOutcome::Kind::Failed,
                            Texts::tr("“%1” is not an http or https address").arg(m_spec.url), std::nullopt});
    call.timeout = m_spec.timeout;
    call.body = QJsonDocument(alert.toJson()).toJson(QJsonDocument::Compact);
    bool typed = false;
    for (const auto &[name, value] : m_spec.headers)
        typed = typed || name.compare("content-type", Qt::CaseInsensitive) == 0;
    // The workspace may name its own Content-Type (a receiver that insists on a charset): then it
    // alone is sent.
    if (!typed)
        call.headers.append({"Content-Type"_ba, "application/json"_ba});
    call.headers.append(m_spec.headers);
    const QString host = hostOf(call.url);
    // The continuation runs on sendOnce's thread: it reads only the answer and copies.
    return sendOnce(std::move(call)).then([host, timeout = m_spec.timeout](const HttpAnswer &answer) {
        return outcome(answer, host, timeout);
    });
}

DeliveryOutcome WebhookChannel::outcome(const HttpAnswer &answer, const QString &host,
                                        std::chrono::milliseconds timeout)
{
    using Kind = DeliveryOutcome::Kind;
    const int status = answer.status;
    if (status == 0) {
        // A certificate that does not verify, a protocol the receiver does not speak: trying again
        // will not change it. answer.error names the phase ("TLS: ...", "connect: ...").
        if (answer.tlsFailed)
            return {Kind::Failed, Texts::tr("the TLS connection to %1 failed (%2)").arg(host, answer.error),
                    std::nullopt};
        if (answer.timedOut)
            return {Kind::RetryLater,
                    Texts::tr("no answer from %1 within %2 s (%3)").arg(host, formatSeconds(timeout), answer.error),
                    std::nullopt};
        return {Kind::RetryLater, Texts::tr("%1 could not be reached (%2)").arg(host, answer.error), std::nullopt};
    }
    const QString said = answerExcerpt(answer.body, quotedChars);
    const QString answered = said.isEmpty() ? Texts::tr("%1 answered HTTP %2").arg(host).arg(status)
                                            : Texts::tr("%1 answered HTTP %2: %3").arg(host).arg(status).arg(said);
    if (status >= 200 && status < 300)
        return {Kind::Delivered, Texts::tr("%1 answered HTTP %2").arg(host).arg(status), std::nullopt};
    if (status == 408 || status == 429 || status >= 500)
        return {Kind::RetryLater, answered, parseRetryAfter(answer.retryAfter, QDateTime::currentMSecsSinceEpoch())};
    if (status >= 300 && status < 400 && !answer.location.isEmpty())
        return {Kind::Failed,
                Texts::tr("%1 answered HTTP %2, a redirect to %3 (not followed: the workspace should name the "
                          "final address)")
                    .arg(host)
                    .arg(status)
                    .arg(answerExcerpt(answer.location, quotedChars)),
                std::nullopt};
    return {Kind::Failed, answered, std::nullopt};
}

std::optional<std::chrono::milliseconds> WebhookChannel::parseRetryAfter(const QByteArray &value, qint64 nowUtcMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional(std::chrono::milliseconds(std::chrono::seconds(seconds))) : std::nullopt;
    const std::optional<QDateTime> at = parseHttpDate(QString::fromLatin1(trimmed));
    if (!at)
        return std::nullopt;
    // A date already past: at once.
    return std::chrono::milliseconds(std::max<qint64>(0, at->toMSecsSinceEpoch() - nowUtcMs));
}

} // namespace Vigie
