#include "smtpchannel.h"

#include "notices/httponce.h"

#include "channelpool.h"
#include "core/numbertext.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QLocale>
#include <QPromise>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

struct Texts
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::SmtpChannel)
};

void initCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The relay's words quoted in a reason: its reply line, never a page of it.
constexpr qsizetype quotedChars = 300;

// A header's value never carries a line break of its own: a service name or an address with one
// would start a header of its own choosing.
QString oneLine(const QString &text)
{
    QString line = text;
    for (QChar &c : line)
        if (c.category() == QChar::Other_Control)
            c = u' ';
    return line.simplified();
}

bool isPlainAscii(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    return true;
}

// A display name as RFC 5322 allows it: as is when it is only atoms, quoted when it holds
// specials, encoded when it is not ASCII.
QByteArray phrase(const QString &name)
{
    if (!isPlainAscii(name) || name.contains("=?"_L1))
        return SmtpChannel::encodedHeaderText(name);
    static const QString specials = u"()<>[]:;@\\,.\""_s;
    for (const QChar c : name)
        if (specials.contains(c)) {
            QString quoted = name;
            quoted.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
            return '"' + quoted.toLatin1() + '"';
        }
    return name.toLatin1();
}

// "Name <address>" or "address", as a header's mailbox.
QByteArray mailbox(const QString &text)
{
    const QString line = oneLine(text);
    const QString address = SmtpChannel::address(line);
    const qsizetype open = line.lastIndexOf(u'<');
    const QString name = open > 0 ? line.left(open).trimmed().remove(u'"') : QString();
    if (name.isEmpty())
        return address.toUtf8();
    return phrase(name) + " <" + address.toUtf8() + '>';
}

QString domainOf(const QString &address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    const QString domain = at >= 0 ? address.mid(at + 1) : QString();
    // A Message-ID's right-hand side is a dot-atom: anything else gets a name that is no one's.
    static const QString allowed = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"_s;
    if (domain.isEmpty() || !std::all_of(domain.cbegin(), domain.cend(), [](QChar c) { return allowed.contains(c); }))
        return u"vigie.invalid"_s;
    return domain;
}

// RFC 5322's date: "Wed, 02 Dec 2026 19:16:08 +0100", in English whatever the locale.
QByteArray rfc5322Date(const QDateTime &now)
{
    const int offset = now.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    const QString zone = QString::asprintf("%c%02d%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
    return (QLocale::c().toString(now, u"ddd, dd MMM yyyy HH:mm:ss "_s) + zone).toLatin1();
}

// The steps of an SMTP exchange, as a reason names them.
enum class Step : quint8 { Connect, Greeting, StartTls, Tls, Login, Sender, Recipient, Message };

QString stepText(Step step)
{
    switch (step) {
    case Step::Connect:
        return Texts::tr("connect");
    case Step::Greeting:
        return Texts::tr("greeting");
    case Step::StartTls:
        return Texts::tr("STARTTLS");
    case Step::Tls:
        return Texts::tr("TLS handshake");
    case Step::Login:
        return Texts::tr("login");
    case Step::Sender:
        return Texts::tr("sender (MAIL FROM)");
    case Step::Recipient:
        return Texts::tr("recipient (RCPT TO)");
    case Step::Message:
        return Texts::tr("message (DATA)");
    }
    return {};
}

// Everything one delivery needs, copied: it outlives the channel if need be.
struct Job
{
    QByteArray url;
    QString server; // "host:port", for reasons
    QByteArray from;
    QList<QByteArray> recipients;
    QByteArray username;
    QByteArray password;
    QByteArray caFile;
    bool requireTls = false;
    std::chrono::milliseconds timeout{30'000};
    QByteArray message;
};

// What curl's exchange with the relay went through, from its debug callback.
struct Exchange
{
    QPromise<DeliveryOutcome> *promise = nullptr;
    const QByteArray *message = nullptr;
    qsizetype sent = 0;
    Step step = Step::Connect;
    bool greeted = false;
    // curl says QUIT on its way out, a failed exchange too: the reply to it says nothing of how the
    // message fared.
    bool quitting = false;
    QByteArray pendingReply; // the lines of a multi-line reply so far
    QByteArray lastReply;    // the relay's last whole reply, its lines joined
    int lastCode = 0;        // and its code
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

size_t onRead(char *buffer, size_t size, size_t count, void *userp)
{
    auto *e = static_cast<Exchange *>(userp);
    const qsizetype n = std::min<qsizetype>(qsizetype(size * count), e->message->size() - e->sent);
    memcpy(buffer, e->message->constData() + e->sent, size_t(n));
    e->sent += n;
    return size_t(n);
}

int onProgress(void *userp, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *e = static_cast<const Exchange *>(userp);
    return e->promise->isCanceled() ? 1 : 0; // non-zero: CURLE_ABORTED_BY_CALLBACK
}

// Follows the exchange: which command went last (the step a failure happened in) and the relay's
// replies. Only the command's verb is looked at: what follows AUTH (the credentials) is never kept.
int onDebug(CURL *, curl_infotype type, char *data, size_t size, void *userp)
{
    auto *e = static_cast<Exchange *>(userp);
    if (type == CURLINFO_HEADER_OUT) {
        const QByteArray verb = QByteArray(data, qsizetype(std::min<size_t>(size, 16))).trimmed().toUpper();
        if (verb.startsWith("EHLO") || verb.startsWith("HELO"))
            e->step = Step::Greeting;
        else if (verb.startsWith("STARTTLS"))
            e->step = Step::StartTls;
        else if (verb.startsWith("AUTH"))
            e->step = Step::Login;
        else if (verb.startsWith("MAIL FROM"))
            e->step = Step::Sender;
        else if (verb.startsWith("RCPT TO"))
            e->step = Step::Recipient;
        else if (verb.startsWith("DATA"))
            e->step = Step::Message;
        else if (verb.startsWith("QUIT"))
            e->quitting = true;
    } else if (type == CURLINFO_HEADER_IN && !e->quitting) {
        for (const QByteArray &raw : QByteArray(data, qsizetype(size)).split('\n')) {
            const QByteArray line = raw.trimmed();
            if (line.size() < 3)
                continue;
            e->greeted = true;
            e->pendingReply += (e->pendingReply.isEmpty() ? "" : " ") + line;
            // "250-..." goes on; "250 ..." (or a bare "250") ends the reply.
            if (line.size() == 3 || line.at(3) == ' ') {
                e->lastReply = e->pendingReply;
                e->lastCode = line.left(3).toInt();
                e->pendingReply.clear();
                // The relay said yes to STARTTLS: what fails next is the handshake.
                if (e->step == Step::StartTls && e->lastCode == 220)
                    e->step = Step::Tls;
            }
        }
    }
    return 0;
}

QString relayWords(const QByteArray &reply)
{
    QString words = oneLine(QString::fromUtf8(reply));
    if (words.size() > quotedChars)
        words = words.left(quotedChars) + u'…';
    return words;
}

DeliveryOutcome send(QPromise<DeliveryOutcome> &promise, const Job &job)
{
    using Kind = DeliveryOutcome::Kind;
    Exchange e;
    e.promise = &promise;
    e.message = &job.message;
    CURL *easy = curl_easy_init();
    if (!easy)
        return {Kind::RetryLater, u"libcurl could not be initialised"_s, std::nullopt};
    curl_easy_setopt(easy, CURLOPT_URL, job.url.constData());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, e.errorBuffer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(std::max<qint64>(1, job.timeout.count())));
    curl_easy_setopt(easy, CURLOPT_USE_SSL, long(job.requireTls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!job.caFile.isEmpty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, job.caFile.constData());
    if (!job.username.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_USERNAME, job.username.constData());
        curl_easy_setopt(easy, CURLOPT_PASSWORD, job.password.constData());
    }
    curl_easy_setopt(easy, CURLOPT_MAIL_FROM, job.from.constData());
    curl_slist *recipients = nullptr;
    for (const QByteArray &rcpt : job.recipients)
        recipients = curl_slist_append(recipients, rcpt.constData());
    curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(job.message.size()));
    curl_easy_setopt(easy, CURLOPT_READFUNCTION, &onRead);
    curl_easy_setopt(easy, CURLOPT_READDATA, &e);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &e);
    // The debug callback is how the relay's replies and the exchange's step are known; nothing of
    // it goes to standard error.
    curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, &onDebug);
    curl_easy_setopt(easy, CURLOPT_DEBUGDATA, &e);
    curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L);

    const CURLcode code = curl_easy_perform(easy);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(easy);

    QString detail = QString::fromUtf8(e.errorBuffer).trimmed();
    if (detail.isEmpty())
        detail = QString::fromUtf8(curl_easy_strerror(code));
    // Connected, but the relay never said a word: it is the greeting that did not come.
    Step step = e.step;
    if (step == Step::Connect && code != CURLE_COULDNT_CONNECT && code != CURLE_COULDNT_RESOLVE_HOST &&
        !isCurlTlsError(code) && !e.greeted)
        step = job.url.startsWith("smtps:") ? Step::Tls : Step::Greeting;
    if (isCurlTlsError(code) && step == Step::Connect)
        step = Step::Tls;
    const QString where = stepText(step);

    if (code == CURLE_OK)
        return {Kind::Delivered, Texts::tr("%1 accepted the message: %2").arg(job.server, relayWords(e.lastReply)),
                std::nullopt};
    // The relay's own refusal says whether to try again: 4xx is for now, 5xx for good.
    if (e.lastCode >= 400 && e.lastCode < 500)
        return {Kind::RetryLater,
                Texts::tr("%1 refused the %2 for now: %3").arg(job.server, where, relayWords(e.lastReply)),
                std::nullopt};
    if (e.lastCode >= 500)
        return {Kind::Failed, Texts::tr("%1 refused the %2: %3").arg(job.server, where, relayWords(e.lastReply)),
                std::nullopt};
    if (code == CURLE_USE_SSL_FAILED)
        return {Kind::Failed, Texts::tr("%1 does not offer STARTTLS (%2)").arg(job.server, detail), std::nullopt};
    if (isCurlTlsError(code))
        return {Kind::Failed, Texts::tr("the TLS connection to %1 failed (%2: %3)").arg(job.server, where, detail),
                std::nullopt};
    if (code == CURLE_LOGIN_DENIED)
        return {Kind::Failed, Texts::tr("%1 refused the %2: %3").arg(job.server, where, detail), std::nullopt};
    if (code == CURLE_OPERATION_TIMEDOUT)
        return {Kind::RetryLater,
                Texts::tr("no answer from %1 within %2 s (%3)").arg(job.server, formatSeconds(job.timeout), where),
                std::nullopt};
    return {Kind::RetryLater, Texts::tr("%1 could not be reached (%2: %3)").arg(job.server, where, detail),
            std::nullopt};
}

} // namespace

SmtpChannel::SmtpChannel(AlertChannelSpec spec, std::optional<QByteArray> password)
    : m_spec(std::move(spec))
    , m_password(std::move(password))
{}

SmtpChannel::~SmtpChannel() = default;

QFuture<DeliveryOutcome> SmtpChannel::deliver(const Alert &alert)
{
    const auto failed = [](const QString &reason) {
        return QtFuture::makeReadyValueFuture(DeliveryOutcome{DeliveryOutcome::Kind::Failed, reason, std::nullopt});
    };
    if (!m_spec.username.isEmpty() && !m_password)
        return failed(Texts::tr("the password “%1” is not in the keychain").arg(m_spec.secret));
    if (m_spec.to.isEmpty())
        return failed(Texts::tr("the channel has no recipient"));
    initCurl();

    Job job;
    QUrl url;
    url.setScheme(m_spec.security == AlertChannelSpec::SmtpSecurity::Tls ? u"smtps"_s : u"smtp"_s);
    url.setHost(m_spec.host);
    url.setPort(m_spec.port);
    job.url = url.toEncoded();
    job.server = m_spec.host + u':' + QString::number(m_spec.port);
    job.from = '<' + address(m_spec.from).toUtf8() + '>';
    for (const QString &to : m_spec.to)
        job.recipients.append('<' + address(to).toUtf8() + '>');
    job.username = m_spec.username.toUtf8();
    job.password = m_password.value_or(QByteArray());
    job.caFile = QFile::encodeName(m_spec.caFile);
    job.requireTls = m_spec.security != AlertChannelSpec::SmtpSecurity::None;
    job.timeout = m_spec.timeout;
    // Written here, on the caller's thread, in its language and time zone.
    job.message = message(alert, m_spec, QDateTime::currentDateTime());
    return QtConcurrent::run(alertChannelPool(), [job = std::move(job)](QPromise<DeliveryOutcome> &promise) {
        const DeliveryOutcome outcome = send(promise, job);
        if (!promise.isCanceled())
            promise.addResult(outcome);
    });
}

QByteArray SmtpChannel::message(const Alert &alert, const AlertChannelSpec &spec, const QDateTime &now)
{
    const QString domain = domainOf(address(spec.from));
    QByteArrayList to;
    for (const QString &recipient : spec.to)
        to.append(mailbox(recipient));
    QByteArray m;
    const auto header = [&m](const char *name, const QByteArray &value) { m += name + ": "_ba + value + "\r\n"; };
    header("Date", rfc5322Date(now));
    header("From", mailbox(spec.from));
    header("To", to.join(", "));
    header("Subject", encodedHeaderText(oneLine(alert.title())));
    header("Message-ID", messageId(alert, domain));
    if (alert.resolved) {
        const QByteArray firing = messageId(alert, domain, true);
        header("In-Reply-To", firing);
        header("References", firing);
    }
    // RFC 3834: no vacation notice or auto-reply comes back for an alert.
    header("Auto-Submitted", "auto-generated");
    header("MIME-Version", "1.0");
    header("Content-Type", "text/plain; charset=UTF-8");
    header("Content-Transfer-Encoding", "quoted-printable");
    m += "\r\n";
    m += quotedPrintable(alert.text());
    return m;
}

QByteArray SmtpChannel::messageId(const Alert &alert, const QString &domain, bool firingOf)
{
    // The key and since name one problem; the kind tells a degraded alert from the down one that
    // may follow it within the same problem, so that no relay takes the second for a copy of the
    // first.
    const QByteArray problem = alert.key.toUtf8() + '\n' + QByteArray::number(alert.sinceMs);
    const QByteArray hash = QCryptographicHash::hash(problem, QCryptographicHash::Sha256).toHex().left(32);
    const QByteArray kind = alertKindName(alert.kind).toLatin1();
    const QByteArray suffix = alert.resolved && !firingOf ? "-resolved" : "";
    return "<alert-" + hash + '-' + kind + suffix + '@' + domain.toLatin1() + '>';
}

QString SmtpChannel::address(const QString &mailbox)
{
    const QString text = mailbox.trimmed();
    const qsizetype open = text.lastIndexOf(u'<');
    const qsizetype close = text.lastIndexOf(u'>');
    if (open >= 0 && close > open)
        return text.mid(open + 1, close - open - 1).trimmed();
    return text;
}

QByteArray SmtpChannel::encodedHeaderText(const QString &text)
{
    if (isPlainAscii(text) && !text.contains("=?"_L1))
        return text.toLatin1();
    // Encoded words of at most 39 bytes of UTF-8 (52 characters of base64, 64 with the markers), cut
    // between characters, one per folded line: "Subject: " and the first word stay within 78.
    const QByteArray utf8 = text.toUtf8();
    QByteArrayList words;
    qsizetype start = 0;
    while (start < utf8.size()) {
        qsizetype end = std::min<qsizetype>(start + 39, utf8.size());
        // Never in the middle of a character: back off continuation bytes (10xxxxxx).
        while (end < utf8.size() && end > start + 1 && (uchar(utf8.at(end)) & 0xc0) == 0x80)
            --end;
        words.append("=?UTF-8?B?" + utf8.mid(start, end - start).toBase64() + "?=");
        start = end;
    }
    return words.join("\r\n ");
}

QByteArray SmtpChannel::quotedPrintable(const QString &text)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    QString normalised = text;
    normalised.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    const QList<QByteArray> lines = normalised.toUtf8().split('\n');
    for (qsizetype l = 0; l < lines.size(); ++l) {
        const QByteArray &line = lines.at(l);
        QByteArray encoded;
        qsizetype width = 0;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const uchar c = uchar(line.at(i));
            const bool last = i == line.size() - 1;
            // Printable ASCII but '=' as is; a space or tab too, unless it ends the line (a relay
            // may strip trailing white space).
            const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
            const char escaped[] = {'=', hex[c >> 4], hex[c & 15]};
            const QByteArray piece = literal ? QByteArray(1, char(c)) : QByteArray(escaped, 3);
            // A soft line break ("=") keeps every line within 76 characters.
            if (width + piece.size() > 75) {
                encoded += "=\r\n";
                width = 0;
            }
            encoded += piece;
            width += piece.size();
        }
        out += encoded;
        out += "\r\n";
    }
    return out;
}

} // namespace Vigie
