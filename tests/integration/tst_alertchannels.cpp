// The alert channels end to end against real receivers on loopback: a webhook POSTed to an in-test
// QHttpServer (and to receivers that fail, stall, refuse or speak TLS with an unknown CA), e-mail
// through aiosmtpd requiring STARTTLS and a login (read back by Python's own email package), and a
// command run without a shell, its arguments, environment and standard input recorded by the
// script it runs. First, what an alert says: its title, body and webhook document.

#include "alerts/alertchannel.h"
#include "alerts/commandchannel.h"
#include "alerts/smtpchannel.h"
#include "alerts/webhookchannel.h"
#include "realservers.h"
#include "testservers.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

using Kind = DeliveryOutcome::Kind;

const QString smtpUser = u"vigie-alerts"_s;
const QByteArray smtpPassword = "c0rrect horse"_ba;

qint64 utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

QString localTime(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const QString zone = local.timeZoneAbbreviation();
    const QString time = QLocale().toString(local, QLocale::ShortFormat);
    return zone.isEmpty() ? time : time + u' ' + zone;
}

// A root cause with a French name, two services failing because of it, and a cause that tries
// every trick: Slack mark-up, shell syntax, a quote of each kind.
Alert portalDown(const QString &marker = u"/tmp/vigie-never-created"_s)
{
    Alert a;
    a.id = 42;
    a.key = u"service:portal"_s;
    a.kind = Alert::Kind::Down;
    a.timestampMs = utc(u"2026-10-09T14:05:30Z"_s);
    a.sinceMs = utc(u"2026-10-09T14:03:00Z"_s);
    a.serviceId = u"portal"_s;
    a.serviceName = u"Portail client — Île-de-France"_s;
    a.group = u"Clients"_s;
    a.state = HealthState::Down;
    a.cause = u"HTTP 503 <!channel> & co; touch %1; $(touch %1) `touch %1` | cat > %1 'x' \"y\""_s.arg(marker);
    a.impacted = {u"Facturation"_s, u"API publique"_s};
    return a;
}

Alert resolutionOf(const Alert &firing)
{
    Alert a = firing;
    a.id = 43;
    a.resolved = true;
    a.timestampMs = firing.sinceMs + 12 * 60 * 1000;
    a.state = HealthState::Up;
    a.cause = u"HTTP 200 in 87 ms"_s;
    return a;
}

template<typename T>
std::optional<T> await(QFuture<T> future)
{
    // A guard against a hang, not a measure: every delivery here ends well within it.
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 60000) || future.resultCount() != 1)
        return std::nullopt;
    return future.result();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeScript(const QString &path, const QByteArray &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(text);
    file.close();
    return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

// Gone: no such process, or a zombie its parent has yet to reap (it runs nothing).
bool processGone(qint64 pid)
{
    const QByteArray stat = readFile(u"/proc/%1/stat"_s.arg(pid));
    if (stat.isEmpty())
        return true;
    const qsizetype close = stat.lastIndexOf(')');
    return close > 0 && stat.mid(close + 2, 1) == "Z";
}

// aiosmtpd (tests/integration/smtpreceiver.py) as a child process on a free loopback port.
class SmtpReceiver final : public RealServer
{
public:
    bool start(const TestCertificates &certificates, const QString &outDir)
    {
        const QString script = QStringLiteral(VIGIE_SOURCE_DIR "/tests/integration/smtpreceiver.py");
        for (int attempt = 0; attempt < 3; ++attempt) {
            const quint16 port = freePort();
            const QStringList arguments{script,
                                        u"--port"_s,
                                        QString::number(port),
                                        u"--cert"_s,
                                        certificates.certFile,
                                        u"--key"_s,
                                        certificates.keyFile,
                                        u"--user"_s,
                                        smtpUser,
                                        u"--password"_s,
                                        QString::fromUtf8(smtpPassword),
                                        u"--out"_s,
                                        outDir};
            if (RealServer::start(u"python3"_s, arguments, port, "READY"_ba))
                return true;
        }
        return false;
    }
};

} // namespace

class tst_AlertChannels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // What an alert says.
    void titles();
    void bodies();
    void webhookDocumentRoundTrips();
    void retryAfter();
    void mailEncodings();

    // Webhook.
    void webhookDelivers();
    void webhookServerErrorIsRetried();
    void webhookRateLimitedHonoursRetryAfter();
    void webhookNotFoundFails();
    void webhookSilentReceiverTimesOut();
    void webhookStoppedReceiverIsRetried();
    void webhookUntrustedCertificateFails();

    // SMTP.
    void smtpDeliversAndThreadsTheResolution();
    void smtpWrongPasswordFails();
    void smtpRefusedRecipient_data();
    void smtpRefusedRecipient();
    void smtpServerDownIsRetried();
    void smtpSilentServerTimesOut();
    void smtpUntrustedCertificateFails();
    void smtpMissingPasswordFails();

    // Command.
    void commandGetsArgumentsEnvironmentAndInput();
    void commandFailureIsRetriedWithItsWords();
    void commandRunningPastItsTimeoutIsKilled();
    void missingCommandFails();

private:
    AlertChannelSpec webhook(const QString &url) const
    {
        AlertChannelSpec spec;
        spec.id = u"chat"_s;
        spec.kind = AlertChannelSpec::Kind::Webhook;
        spec.url = url;
        spec.headers = {{"Authorization"_ba, "Bearer hook-token"_ba}, {"X-Team"_ba, "ops"_ba}};
        spec.timeout = 10s;
        return spec;
    }
    QString hookUrl(const QString &path) const { return u"http://127.0.0.1:%1%2"_s.arg(m_httpPort).arg(path); }
    AlertChannelSpec smtp() const
    {
        AlertChannelSpec spec;
        spec.id = u"mail"_s;
        spec.kind = AlertChannelSpec::Kind::Smtp;
        spec.host = u"127.0.0.1"_s;
        spec.port = m_smtp.port();
        spec.security = AlertChannelSpec::SmtpSecurity::StartTls;
        spec.from = u"Vigie — Supervision <vigie@example.test>"_s;
        spec.to = {u"ops@example.test"_s, u"Astreinte <astreinte@example.test>"_s};
        spec.username = smtpUser;
        spec.secret = u"smtp-password"_s;
        spec.caFile = m_certificates.caFile;
        spec.timeout = 20s;
        return spec;
    }
    std::optional<DeliveryOutcome> deliver(const AlertChannelSpec &spec, const Alert &alert,
                                           const QHash<QString, QByteArray> &secrets = {})
    {
        const std::unique_ptr<AlertChannel> channel = makeAlertChannel(spec, secrets);
        if (!channel || channel->id() != spec.id)
            return std::nullopt;
        return await(channel->deliver(alert));
    }
    QHash<QString, QByteArray> smtpSecrets(const QByteArray &password = smtpPassword) const
    {
        return {{u"smtp-password"_s, password}};
    }
    // The messages the SMTP receiver accepted, in order.
    QList<QJsonObject> receivedMail() const
    {
        QList<QJsonObject> messages;
        for (int n = 1;; ++n) {
            const QByteArray text = readFile(m_mailDir.filePath(u"message-%1.json"_s.arg(n)));
            if (text.isEmpty())
                return messages;
            messages.append(QJsonDocument::fromJson(text).object());
        }
    }

    QTemporaryDir m_dir;
    QDir m_mailDir;
    TestCertificates m_certificates;
    SmtpReceiver m_smtp;

    QHttpServer m_http;
    quint16 m_httpPort = 0;
    QList<QJsonObject> m_hookBodies;
    QList<QHttpHeaders> m_hookHeaders;
};

void tst_AlertChannels::initTestCase()
{
    QVERIFY(m_dir.isValid());

    // The webhook receiver: /hook takes the alert; the others answer as a receiver in trouble does.
    m_http.route(u"/hook"_s, QHttpServerRequest::Method::Post, [this](const QHttpServerRequest &request) {
        m_hookBodies.append(QJsonDocument::fromJson(request.body()).object());
        m_hookHeaders.append(request.headers());
        return QHttpServerResponse("text/plain"_ba, "ok"_ba);
    });
    m_http.route(u"/fail"_s, QHttpServerRequest::Method::Post, [] {
        return QHttpServerResponse("text/html"_ba, "<html><title>Internal error in the chat</title></html>"_ba,
                                   QHttpServerResponse::StatusCode::InternalServerError);
    });
    m_http.route(u"/busy"_s, QHttpServerRequest::Method::Post, [] {
        QHttpServerResponse response("application/json"_ba, R"({"error":"rate_limited"})"_ba,
                                     QHttpServerResponse::StatusCode::TooManyRequests);
        QHttpHeaders headers = response.headers();
        headers.append(QHttpHeaders::WellKnownHeader::RetryAfter, "7");
        response.setHeaders(std::move(headers));
        return response;
    });
    m_http.route(u"/gone"_s, QHttpServerRequest::Method::Post, [] {
        return QHttpServerResponse("text/plain"_ba, "no_such_hook: this webhook was deleted"_ba,
                                   QHttpServerResponse::StatusCode::NotFound);
    });
    auto *tcp = new QTcpServer(&m_http);
    QVERIFY(tcp->listen(QHostAddress::LocalHost));
    QVERIFY(m_http.bind(tcp));
    m_httpPort = tcp->serverPort();

    // The SMTP receiver: a certificate of a private CA, aiosmtpd writing what it accepts.
    QString error;
    const std::optional<TestCertificates> certificates = makeTestCertificates(m_dir.path(), 30, &error);
    QVERIFY2(certificates, qPrintable(error));
    m_certificates = *certificates;
    QVERIFY(QDir(m_dir.path()).mkpath(u"mail"_s));
    m_mailDir = QDir(m_dir.filePath(u"mail"_s));
    QVERIFY2(!QStandardPaths::findExecutable(u"python3"_s).isEmpty(), "python3 is not installed");
    QVERIFY2(m_smtp.start(m_certificates, m_mailDir.path()),
             QByteArray("aiosmtpd did not start (python3-aiosmtpd missing?): " + m_smtp.output()).constData());
}

void tst_AlertChannels::titles()
{
    Alert alert = portalDown();
    QCOMPARE(alert.title(), u"Down: Portail client — Île-de-France"_s);
    alert.kind = Alert::Kind::Degraded;
    QCOMPARE(alert.title(), u"Degraded: Portail client — Île-de-France"_s);
    alert.kind = Alert::Kind::Certificate;
    QCOMPARE(alert.title(), u"Certificate expiring: Portail client — Île-de-France"_s);
    alert.kind = Alert::Kind::Flapping;
    QCOMPARE(alert.title(), u"Flapping: Portail client — Île-de-France"_s);
    QCOMPARE(resolutionOf(portalDown()).title(), u"Resolved: Portail client — Île-de-France"_s);
}

void tst_AlertChannels::bodies()
{
    const Alert down = portalDown();
    QCOMPARE(down.text().split(u'\n'), QStringList({down.cause, u"Since %1."_s.arg(localTime(down.sinceMs)),
                                                    u"Also failing because of it: Facturation, API publique."_s}));

    const Alert resolved = resolutionOf(down);
    QCOMPARE(resolved.text().split(u'\n'),
             QStringList({u"HTTP 200 in 87 ms"_s, u"Was down for 12 min, since %1."_s.arg(localTime(down.sinceMs)),
                          u"Also failed because of it: Facturation, API publique."_s}));

    Alert flapping = down;
    flapping.kind = Alert::Kind::Flapping;
    flapping.changes = 6;
    flapping.cause.clear();
    flapping.impacted.clear();
    QCOMPARE(flapping.text().split(u'\n'),
             QStringList({u"Changed state 6 times since %1."_s.arg(localTime(down.sinceMs)), u"Now down."_s}));
}

void tst_AlertChannels::webhookDocumentRoundTrips()
{
    const Alert alert = portalDown();
    const QJsonObject json = alert.toJson();
    QCOMPARE(json.value(u"version"_s).toInt(), 1);
    QCOMPARE(json.value(u"id"_s).toInteger(), qint64(42));
    QCOMPARE(json.value(u"key"_s).toString(), u"service:portal"_s);
    QCOMPARE(json.value(u"kind"_s).toString(), u"down"_s);
    QCOMPARE(json.value(u"resolved"_s).toBool(true), false);
    QCOMPARE(json.value(u"status"_s).toString(), u"firing"_s);
    QCOMPARE(json.value(u"timestamp"_s).toString(), u"2026-10-09T14:05:30.000Z"_s);
    QCOMPARE(json.value(u"since"_s).toString(), u"2026-10-09T14:03:00.000Z"_s);
    QCOMPARE(json.value(u"service"_s).toObject(),
             QJsonObject({{u"id"_s, u"portal"_s}, {u"name"_s, alert.serviceName}, {u"group"_s, u"Clients"_s}}));
    QCOMPARE(json.value(u"state"_s).toString(), u"down"_s);
    QCOMPARE(json.value(u"cause"_s).toString(), alert.cause);
    QCOMPARE(json.value(u"impacted"_s).toArray(), QJsonArray({u"Facturation"_s, u"API publique"_s}));
    QCOMPARE(json.value(u"changes"_s).toInt(-1), 0);
    QCOMPARE(json.value(u"title"_s).toString(), alert.title());
    // What Slack and Mattermost show: the title in bold, the body; their mark-up escaped, so that
    // a cause never pings a channel.
    const QString text = json.value(u"text"_s).toString();
    QVERIFY2(
        text.startsWith(u":red_circle: *Down: Portail client — Île-de-France*\nHTTP 503 &lt;!channel&gt; &amp; co;"_s),
        qPrintable(text));
    QVERIFY(!text.contains(u"<!channel>"_s));
    QVERIFY(text.contains(u"Also failing because of it: Facturation, API publique."_s));

    QCOMPARE(Alert::fromJson(json), std::optional(alert));
    const Alert resolved = resolutionOf(alert);
    QCOMPARE(resolved.toJson().value(u"status"_s).toString(), u"resolved"_s);
    QVERIFY(resolved.toJson().value(u"text"_s).toString().startsWith(u":white_check_mark: *Resolved: "_s));
    QCOMPARE(Alert::fromJson(resolved.toJson()), std::optional(resolved));
    // Through text, as the store keeps it.
    QCOMPARE(Alert::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object()), std::optional(alert));

    QJsonObject future = json;
    future[u"version"_s] = 2;
    QVERIFY(!Alert::fromJson(future));
    QJsonObject unknownKind = json;
    unknownKind[u"kind"_s] = u"eclipse"_s;
    QVERIFY(!Alert::fromJson(unknownKind));

    for (const Alert::Kind kind :
         {Alert::Kind::Down, Alert::Kind::Degraded, Alert::Kind::Certificate, Alert::Kind::Flapping})
        QCOMPARE(alertKindFromName(alertKindName(kind)), std::optional(kind));
    QCOMPARE(alertKindName(Alert::Kind::Certificate), u"certificate"_s);
    QVERIFY(!alertKindFromName(u"Down"));
}

void tst_AlertChannels::retryAfter()
{
    const qint64 now = utc(u"2026-10-09T14:00:00Z"_s);
    QCOMPARE(WebhookChannel::parseRetryAfter("7", now), std::optional(std::chrono::milliseconds(7s)));
    QCOMPARE(WebhookChannel::parseRetryAfter(" 120 ", now), std::optional(std::chrono::milliseconds(120s)));
    QCOMPARE(WebhookChannel::parseRetryAfter("Fri, 09 Oct 2026 14:00:30 GMT", now),
             std::optional(std::chrono::milliseconds(30s)));
    QCOMPARE(WebhookChannel::parseRetryAfter("Fri, 09 Oct 2026 13:00:00 GMT", now),
             std::optional(std::chrono::milliseconds(0)));
    QVERIFY(!WebhookChannel::parseRetryAfter("", now));
    QVERIFY(!WebhookChannel::parseRetryAfter("soon", now));
    QVERIFY(!WebhookChannel::parseRetryAfter("-5", now));
}

void tst_AlertChannels::mailEncodings()
{
    QCOMPARE(SmtpChannel::encodedHeaderText(u"Down: Customer portal"_s), "Down: Customer portal"_ba);
    // Words that would read as encoded ones are encoded themselves.
    QVERIFY(SmtpChannel::encodedHeaderText(u"Down: =?x?="_s).startsWith("=?UTF-8?B?"));
    const QString longName = u"Down: "_s + QString(u"Portail client — Île-de-France "_s).repeated(4);
    const QByteArray subject = "Subject: " + SmtpChannel::encodedHeaderText(longName);
    QVERIFY(subject.startsWith("Subject: =?UTF-8?B?"));
    QByteArray decoded;
    for (const QByteArray &line : subject.split('\n')) {
        QVERIFY2(line.size() <= 79, line.constData()); // 78 and the CR
        const qsizetype start = line.indexOf("=?UTF-8?B?") + 10;
        const qsizetype end = line.indexOf("?=", start);
        QVERIFY(start >= 10 && end > start);
        decoded += QByteArray::fromBase64(line.mid(start, end - start));
    }
    QCOMPARE(QString::fromUtf8(decoded), longName);

    const QString body = u"tarif = 5 €, "_s.repeated(12) + u"\nend with a space \n.dot"_s;
    const QByteArray qp = SmtpChannel::quotedPrintable(body);
    for (const QByteArray &line : qp.split('\n'))
        QVERIFY2(line.size() <= 77, line.constData()); // 76 and the CR
    QVERIFY(qp.contains("tarif =3D 5 =E2=82=AC"));
    QVERIFY(qp.contains("end with a space=20\r\n"));
    QVERIFY(qp.endsWith(".dot\r\n"));

    Alert firing = portalDown();
    const Alert resolved = resolutionOf(firing);
    const QByteArray id = SmtpChannel::messageId(firing, u"example.test"_s);
    QVERIFY2(id.startsWith("<alert-") && id.endsWith("-down@example.test>"), id.constData());
    QCOMPARE(SmtpChannel::messageId(resolved, u"example.test"_s, true), id);
    QVERIFY(SmtpChannel::messageId(resolved, u"example.test"_s) != id);
    firing.sinceMs += 1000; // another problem of the same service
    QVERIFY(SmtpChannel::messageId(firing, u"example.test"_s) != id);
    QCOMPARE(SmtpChannel::address(u"Astreinte <astreinte@example.test>"_s), u"astreinte@example.test"_s);
    QCOMPARE(SmtpChannel::address(u" ops@example.test "_s), u"ops@example.test"_s);
}

void tst_AlertChannels::webhookDelivers()
{
    m_hookBodies.clear();
    m_hookHeaders.clear();
    const Alert alert = portalDown();
    const std::optional<DeliveryOutcome> outcome = deliver(webhook(hookUrl(u"/hook"_s)), alert);
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::Delivered, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"HTTP 200"_s), qPrintable(outcome->reason));
    QCOMPARE(m_hookBodies.size(), 1);
    QCOMPARE(m_hookBodies.constFirst(), alert.toJson());
    QCOMPARE(Alert::fromJson(m_hookBodies.constFirst()), std::optional(alert));
    const QHttpHeaders headers = m_hookHeaders.constFirst();
    QCOMPARE(headers.values(QHttpHeaders::WellKnownHeader::ContentType), QList<QByteArray>({"application/json"_ba}));
    QCOMPARE(headers.value(QHttpHeaders::WellKnownHeader::Authorization), "Bearer hook-token"_ba);
    QCOMPARE(headers.value("X-Team"), "ops"_ba);

    // A workspace that names its own Content-Type sends that one alone.
    AlertChannelSpec typed = webhook(hookUrl(u"/hook"_s));
    typed.headers.append({"content-type"_ba, "application/json; charset=utf-8"_ba});
    QCOMPARE(deliver(typed, alert)->kind, Kind::Delivered);
    QCOMPARE(m_hookHeaders.size(), 2);
    QCOMPARE(m_hookHeaders.at(1).values(QHttpHeaders::WellKnownHeader::ContentType),
             QList<QByteArray>({"application/json; charset=utf-8"_ba}));
}

void tst_AlertChannels::webhookServerErrorIsRetried()
{
    const std::optional<DeliveryOutcome> outcome = deliver(webhook(hookUrl(u"/fail"_s)), portalDown());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::RetryLater, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"HTTP 500"_s) && outcome->reason.contains(u"Internal error in the chat"_s),
             qPrintable(outcome->reason));
    QVERIFY(!outcome->retryAfter);
}

void tst_AlertChannels::webhookRateLimitedHonoursRetryAfter()
{
    const std::optional<DeliveryOutcome> outcome = deliver(webhook(hookUrl(u"/busy"_s)), portalDown());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::RetryLater, qPrintable(outcome->reason));
    QCOMPARE(outcome->retryAfter, std::optional(std::chrono::milliseconds(7s)));
    QVERIFY2(outcome->reason.contains(u"HTTP 429"_s) && outcome->reason.contains(u"rate_limited"_s),
             qPrintable(outcome->reason));
}

void tst_AlertChannels::webhookNotFoundFails()
{
    const std::optional<DeliveryOutcome> outcome = deliver(webhook(hookUrl(u"/gone"_s)), portalDown());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::Failed, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"HTTP 404"_s) && outcome->reason.contains(u"this webhook was deleted"_s),
             qPrintable(outcome->reason));

    AlertChannelSpec notHttp = webhook(u"ftp://127.0.0.1/hook"_s);
    QCOMPARE(deliver(notHttp, portalDown())->kind, Kind::Failed);
}

void tst_AlertChannels::webhookSilentReceiverTimesOut()
{
    SilentServer silent;
    AlertChannelSpec spec = webhook(silent.url(u"/hook"_s));
    spec.timeout = 1s;
    const std::optional<DeliveryOutcome> outcome = deliver(spec, portalDown());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::RetryLater, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"no answer from %1 within 1.0 s"_s.arg(silent.hostPort())),
             qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(probePhaseDisplayName(ProbePhase::Processing)), qPrintable(outcome->reason));
    QCOMPARE(silent.connectionCount(), 1); // sent once, never again
}

void tst_AlertChannels::webhookStoppedReceiverIsRetried()
{
    const quint16 port = closedPort();
    const std::optional<DeliveryOutcome> outcome =
        deliver(webhook(u"http://127.0.0.1:%1/hook"_s.arg(port)), portalDown());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::RetryLater, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(probePhaseDisplayName(ProbePhase::Connect) + u": "_s),
             qPrintable(outcome->reason));
}

void tst_AlertChannels::webhookUntrustedCertificateFails()
{
    OpensslTlsServer tls;
    QVERIFY2(tls.start(m_certificates.certFile, m_certificates.keyFile), tls.output().constData());
    const std::optional<DeliveryOutcome> outcome =
        deliver(webhook(u"https://127.0.0.1:%1/hook"_s.arg(tls.port())), portalDown());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::Failed, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"TLS"_s), qPrintable(outcome->reason));
}

void tst_AlertChannels::smtpDeliversAndThreadsTheResolution()
{
    const qsizetype before = receivedMail().size();
    const Alert firing = portalDown();
    const std::optional<DeliveryOutcome> sent = deliver(smtp(), firing, smtpSecrets());
    QVERIFY(sent);
    QVERIFY2(sent->kind == Kind::Delivered, qPrintable(sent->reason + u"\n"_s + QString::fromUtf8(m_smtp.output())));
    QVERIFY2(sent->reason.contains(u"250 2.0.0 Queued as"_s), qPrintable(sent->reason));
    const Alert resolved = resolutionOf(firing);
    const std::optional<DeliveryOutcome> sentToo = deliver(smtp(), resolved, smtpSecrets());
    QVERIFY(sentToo);
    QCOMPARE(sentToo->kind, Kind::Delivered);

    const QList<QJsonObject> mail = receivedMail();
    QCOMPARE(mail.size(), before + 2);
    const QJsonObject first = mail.at(before);
    const QJsonObject second = mail.at(before + 1);
    for (const QJsonObject &m : {first, second}) {
        // The envelope, over TLS, logged in.
        QCOMPARE(m.value(u"mail_from"_s).toString(), u"vigie@example.test"_s);
        QCOMPARE(m.value(u"rcpt_tos"_s).toArray(), QJsonArray({u"ops@example.test"_s, u"astreinte@example.test"_s}));
        QCOMPARE(m.value(u"tls"_s).toBool(), true);
        QCOMPARE(m.value(u"login"_s).toString(), smtpUser);
        QCOMPARE(m.value(u"defects"_s).toArray(), QJsonArray());
        const QJsonObject headers = m.value(u"headers"_s).toObject();
        QCOMPARE(headers.value(u"from"_s).toString(), u"Vigie — Supervision <vigie@example.test>"_s);
        QCOMPARE(headers.value(u"to"_s).toString(), u"ops@example.test, Astreinte <astreinte@example.test>"_s);
        QCOMPARE(headers.value(u"mime-version"_s).toString(), u"1.0"_s);
        QCOMPARE(headers.value(u"content-type"_s).toString().remove(u'"').toLower(), u"text/plain; charset=utf-8"_s);
        QCOMPARE(headers.value(u"content-transfer-encoding"_s).toString(), u"quoted-printable"_s);
        QCOMPARE(headers.value(u"auto-submitted"_s).toString(), u"auto-generated"_s);
        QVERIFY(QDateTime::fromString(headers.value(u"date"_s).toString(), Qt::RFC2822Date).isValid());
        // The French name is encoded (RFC 2047), and reads back whole.
        QVERIFY2(m.value(u"raw"_s).toString().contains(u"\r\nSubject: =?UTF-8?B?"_s),
                 qPrintable(m.value(u"raw"_s).toString()));
    }
    const QJsonObject firstHeaders = first.value(u"headers"_s).toObject();
    const QJsonObject secondHeaders = second.value(u"headers"_s).toObject();
    QCOMPARE(firstHeaders.value(u"subject"_s).toString(), u"Down: Portail client — Île-de-France"_s);
    QCOMPARE(secondHeaders.value(u"subject"_s).toString(), u"Resolved: Portail client — Île-de-France"_s);
    // The body is the alert's text (the cause's shell syntax and mark-up as they are).
    QCOMPARE(first.value(u"body"_s).toString(), firing.text() + u'\n');
    QCOMPARE(second.value(u"body"_s).toString(), resolved.text() + u'\n');
    // The resolution threads under its alert.
    const QString firingId = firstHeaders.value(u"message-id"_s).toString();
    QCOMPARE(firingId, QString::fromLatin1(SmtpChannel::messageId(firing, u"example.test"_s)));
    QVERIFY(!firstHeaders.contains(u"in-reply-to"_s));
    QVERIFY(secondHeaders.value(u"message-id"_s).toString() != firingId);
    QCOMPARE(secondHeaders.value(u"in-reply-to"_s).toString(), firingId);
    QCOMPARE(secondHeaders.value(u"references"_s).toString(), firingId);
}

void tst_AlertChannels::smtpWrongPasswordFails()
{
    const qsizetype before = receivedMail().size();
    const std::optional<DeliveryOutcome> outcome = deliver(smtp(), portalDown(), smtpSecrets("wrong"_ba));
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::Failed, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"535"_s) && outcome->reason.contains(u"login"_s), qPrintable(outcome->reason));
    QCOMPARE(receivedMail().size(), before);
}

void tst_AlertChannels::smtpRefusedRecipient_data()
{
    QTest::addColumn<QString>("recipient");
    QTest::addColumn<DeliveryOutcome::Kind>("kind");
    QTest::addColumn<QString>("reply");
    QTest::newRow("451 for now") << u"tempfail@example.test"_s << Kind::RetryLater << u"451 4.3.0 Mailbox busy"_s;
    QTest::newRow("550 for good") << u"nobody@example.test"_s << Kind::Failed << u"550 5.1.1 No such user here"_s;
}

void tst_AlertChannels::smtpRefusedRecipient()
{
    QFETCH(QString, recipient);
    QFETCH(DeliveryOutcome::Kind, kind);
    QFETCH(QString, reply);
    const qsizetype before = receivedMail().size();
    AlertChannelSpec spec = smtp();
    spec.to = {recipient};
    const std::optional<DeliveryOutcome> outcome = deliver(spec, portalDown(), smtpSecrets());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == kind, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(reply) && outcome->reason.contains(u"recipient (RCPT TO)"_s),
             qPrintable(outcome->reason));
    QCOMPARE(receivedMail().size(), before);
}

void tst_AlertChannels::smtpServerDownIsRetried()
{
    AlertChannelSpec spec = smtp();
    spec.port = closedPort();
    const std::optional<DeliveryOutcome> outcome = deliver(spec, portalDown(), smtpSecrets());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::RetryLater, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"could not be reached (connect: "_s), qPrintable(outcome->reason));
}

void tst_AlertChannels::smtpSilentServerTimesOut()
{
    SilentServer silent;
    AlertChannelSpec spec = smtp();
    spec.port = silent.port();
    spec.timeout = 1s;
    const std::optional<DeliveryOutcome> outcome = deliver(spec, portalDown(), smtpSecrets());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::RetryLater, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"within 1.0 s (greeting)"_s), qPrintable(outcome->reason));
}

void tst_AlertChannels::smtpUntrustedCertificateFails()
{
    const qsizetype before = receivedMail().size();
    AlertChannelSpec spec = smtp();
    spec.caFile.clear(); // the system's CAs: the receiver's private one is not among them
    const std::optional<DeliveryOutcome> outcome = deliver(spec, portalDown(), smtpSecrets());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::Failed, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"(TLS handshake: "_s), qPrintable(outcome->reason));
    QCOMPARE(receivedMail().size(), before);
}

void tst_AlertChannels::smtpMissingPasswordFails()
{
    const std::optional<DeliveryOutcome> outcome = deliver(smtp(), portalDown(), {});
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::Failed, qPrintable(outcome->reason));
    QVERIFY2(outcome->reason.contains(u"smtp-password"_s), qPrintable(outcome->reason));
}

void tst_AlertChannels::commandGetsArgumentsEnvironmentAndInput()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString marker = dir.filePath(u"interpreted"_s);
    const QString out = dir.filePath(u"out"_s);
    QVERIFY(QDir().mkpath(out));
    // The test's own recorder (sh is the test's, the channel starts it directly): each argument, the
    // environment and standard input, byte for byte.
    const QString script = dir.filePath(u"record.sh"_s);
    QVERIFY(writeScript(script, "#!/bin/sh\n"
                                "out='" +
                                    QFile::encodeName(out) +
                                    "'\n"
                                    "for a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$out/argv\"\n"
                                    "env -0 > \"$out/env\"\n"
                                    "cat > \"$out/stdin\"\n"
                                    "ls -l /proc/$$/fd/ > \"$out/fds\"\n"));
    // A file of the console's opened without O_CLOEXEC (as a library might): the command never has it.
    const QString console = dir.filePath(u"console-database"_s);
    QVERIFY(writeScript(console, "data"));
    const int leaked = ::open(QFile::encodeName(console).constData(), O_RDONLY);
    QVERIFY(leaked >= 0);
    const auto closeLeaked = qScopeGuard([leaked] { ::close(leaked); });

    const Alert alert = portalDown(marker);
    AlertChannelSpec spec;
    spec.id = u"pager"_s;
    spec.kind = AlertChannelSpec::Kind::Command;
    const QStringList arguments{
        u"--to"_s, u"ops team"_s, u"$(touch %1)"_s.arg(marker), u"`touch %1`; touch %1"_s.arg(marker), u"*"_s, u""_s};
    spec.command = QStringList{script} + arguments;
    const std::optional<DeliveryOutcome> outcome = deliver(spec, alert);
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::Delivered, qPrintable(outcome->reason));

    QList<QByteArray> argv = readFile(out + u"/argv"_s).split('\0');
    QCOMPARE(argv.takeLast(), QByteArray()); // after the last NUL
    QStringList received;
    for (const QByteArray &a : argv)
        received.append(QString::fromUtf8(a));
    QCOMPARE(received, arguments);

    QHash<QString, QString> env;
    for (const QByteArray &entry : readFile(out + u"/env"_s).split('\0')) {
        const qsizetype equals = entry.indexOf('=');
        if (equals > 0)
            env.insert(QString::fromUtf8(entry.left(equals)), QString::fromUtf8(entry.mid(equals + 1)));
    }
    QCOMPARE(env.value(u"VIGIE_ALERT_KIND"_s), u"down"_s);
    QCOMPARE(env.value(u"VIGIE_ALERT_STATUS"_s), u"firing"_s);
    QCOMPARE(env.value(u"VIGIE_ALERT_SERVICE"_s), u"portal"_s);
    QCOMPARE(env.value(u"VIGIE_ALERT_SERVICE_NAME"_s), u"Portail client — Île-de-France"_s);
    QCOMPARE(env.value(u"VIGIE_ALERT_GROUP"_s), u"Clients"_s);
    QCOMPARE(env.value(u"VIGIE_ALERT_STATE"_s), u"down"_s);
    QCOMPARE(env.value(u"VIGIE_ALERT_TITLE"_s), alert.title());
    QCOMPARE(env.value(u"VIGIE_ALERT_CAUSE"_s), alert.cause);
    QCOMPARE(env.value(u"VIGIE_ALERT_KEY"_s), u"service:portal"_s);
    QVERIFY(env.contains(u"PATH"_s)); // added to the environment, not instead of it

    QCOMPARE(Alert::fromJson(QJsonDocument::fromJson(readFile(out + u"/stdin"_s)).object()), std::optional(alert));
    // Nothing of the arguments nor of the cause was run.
    QVERIFY(!QFile::exists(marker));
    const QByteArray fds = readFile(out + u"/fds"_s);
    QVERIFY2(fds.contains(" 0 -> ") && !fds.contains(QFile::encodeName(console)), fds.constData());

    // A resolution says so.
    QVERIFY(deliver(spec, resolutionOf(alert)));
    QCOMPARE(Alert::fromJson(QJsonDocument::fromJson(readFile(out + u"/stdin"_s)).object()),
             std::optional(resolutionOf(alert)));
    QVERIFY(readFile(out + u"/env"_s).contains("\0VIGIE_ALERT_STATUS=resolved\0"_ba));
}

void tst_AlertChannels::commandFailureIsRetriedWithItsWords()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString script = dir.filePath(u"fail.sh"_s);
    QVERIFY(writeScript(script, "#!/bin/sh\n"
                                "echo 'sending the page' >&2\n"
                                "echo 'pager gateway refused: quota exceeded' >&2\n"
                                "exit 3\n"));
    AlertChannelSpec spec;
    spec.id = u"pager"_s;
    spec.kind = AlertChannelSpec::Kind::Command;
    spec.command = {script};
    const std::optional<DeliveryOutcome> outcome = deliver(spec, portalDown());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::RetryLater, qPrintable(outcome->reason));
    QCOMPARE(outcome->reason, u"%1 exited with code 3: pager gateway refused: quota exceeded"_s.arg(script));
}

void tst_AlertChannels::commandRunningPastItsTimeoutIsKilled()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString script = dir.filePath(u"hang.sh"_s);
    const QByteArray out = QFile::encodeName(dir.path());
    // It starts a child of its own and waits for it: both must go.
    QVERIFY(writeScript(script, "#!/bin/sh\n"
                                "sleep 60 &\n"
                                "echo $! > '" +
                                    out +
                                    "/child'\n"
                                    "echo $$ > '" +
                                    out +
                                    "/pid'\n"
                                    "wait\n"));
    AlertChannelSpec spec;
    spec.id = u"pager"_s;
    spec.kind = AlertChannelSpec::Kind::Command;
    spec.command = {script};
    spec.timeout = 1s;
    const std::optional<DeliveryOutcome> outcome = deliver(spec, portalDown());
    QVERIFY(outcome);
    QVERIFY2(outcome->kind == Kind::RetryLater, qPrintable(outcome->reason));
    QCOMPARE(outcome->reason, u"%1 was killed after 1 s"_s.arg(script));

    const qint64 pid = readFile(dir.filePath(u"pid"_s)).trimmed().toLongLong();
    const qint64 child = readFile(dir.filePath(u"child"_s)).trimmed().toLongLong();
    QVERIFY(pid > 0 && child > 0);
    QVERIFY(processGone(pid));
    // The orphaned child is reaped by whoever adopted it.
    QTRY_VERIFY(processGone(child));
}

void tst_AlertChannels::missingCommandFails()
{
    AlertChannelSpec spec;
    spec.id = u"pager"_s;
    spec.kind = AlertChannelSpec::Kind::Command;
    for (const QString &program : {m_dir.filePath(u"no-such-program"_s), u"vigie-no-such-program"_s}) {
        spec.command = {program, u"--flag"_s};
        const std::optional<DeliveryOutcome> outcome = deliver(spec, portalDown());
        QVERIFY(outcome);
        QVERIFY2(outcome->kind == Kind::Failed, qPrintable(outcome->reason));
        QVERIFY2(outcome->reason.startsWith(program + u" could not be started"_s), qPrintable(outcome->reason));
    }
    spec.command.clear();
    QCOMPARE(deliver(spec, portalDown())->kind, Kind::Failed);
}

QTEST_GUILESS_MAIN(tst_AlertChannels)
#include "tst_alertchannels.moc"
