#include "probeonce.h"
#include "probes/tcpprober.h"
#include "silentnameserver.h"
#include "testservers.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QLocale>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

ProbeSpec tcpSpec(const QString &target, const QString &banner = {}, std::chrono::milliseconds timeout = 5s)
{
    ProbeSpec spec;
    spec.setKind(ProbeKind::Tcp);
    spec.target = target;
    spec.options<TcpOptions>().expectBanner = banner;
    spec.timeout = timeout;
    return spec;
}

std::optional<ProbeResult> probeOnce(const ProbeSpec &spec, qint64 *elapsedMs = nullptr)
{
    return Test::probeOnce<TcpProber>(spec, elapsedMs);
}

TcpStep send(const QByteArray &bytes)
{
    TcpStep step;
    step.kind = TcpStep::Kind::Send;
    step.send = bytes;
    return step;
}

TcpStep expect(const QString &pattern)
{
    TcpStep step;
    step.kind = TcpStep::Kind::Expect;
    step.expectPattern = pattern;
    return step;
}

// A line-based server that plays a script: it greets each client, then answers each line it
// receives (without its line break) as the script says; lines the script does not know get no
// answer. Replies may come in two writes, to cut lines across packets.
class ScriptedServer final : public QObject
{
    Q_DISABLE_COPY_MOVE(ScriptedServer)

public:
    struct Answer
    {
        QByteArray reply;
        bool close = false;     // close the connection after the reply
        qsizetype splitAt = -1; // send reply.left(splitAt), the rest a moment later
    };

    ScriptedServer(QByteArray greeting, QHash<QByteArray, Answer> script)
        : m_greeting(std::move(greeting))
        , m_script(std::move(script))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                onConnection(socket);
        });
    }

    QString hostPort() const { return u"127.0.0.1:%1"_s.arg(m_server.serverPort()); }
    QList<QByteArray> received() const { return m_received; }
    Answer &answer(const QByteArray &line) { return m_script[line]; }
    int openConnections() const { return m_open; }

private:
    void onConnection(QTcpSocket *socket)
    {
        ++m_open;
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_open;
            socket->deleteLater();
        });
        socket->write(m_greeting);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            qsizetype newline;
            while ((newline = buffer->indexOf('\n')) >= 0) {
                QByteArray line = buffer->left(newline);
                buffer->remove(0, newline + 1);
                if (line.endsWith('\r'))
                    line.chop(1);
                m_received.append(line);
                const auto answer = m_script.constFind(line);
                if (answer == m_script.cend())
                    continue;
                if (answer->splitAt < 0) {
                    socket->write(answer->reply);
                    if (answer->close)
                        socket->disconnectFromHost();
                    continue;
                }
                socket->write(answer->reply.left(answer->splitAt));
                const QByteArray rest = answer->reply.mid(answer->splitAt);
                const bool close = answer->close;
                QTimer::singleShot(50ms, socket, [socket, rest, close] {
                    socket->write(rest);
                    if (close)
                        socket->disconnectFromHost();
                });
            }
        });
    }

    QTcpServer m_server;
    QByteArray m_greeting;
    QHash<QByteArray, Answer> m_script;
    QList<QByteArray> m_received;
    int m_open = 0;
};

const QByteArray smtpGreeting = "220 mail.example.org ESMTP Postfix\r\n"_ba;
const QByteArray ehloReply = "250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
                             "250-STARTTLS\r\n250 CHUNKING\r\n"_ba;

ProbeSpec smtpSpec(const QString &target, std::chrono::milliseconds timeout = 5s)
{
    ProbeSpec spec = tcpSpec(target, u"^220 "_s, timeout);
    spec.options<TcpOptions>().steps = {send("EHLO vigie.example.org\r\n"_ba),
                                        expect(u"^250 "_s),
                                        send("MAIL FROM:<probe@example.org>\r\n"_ba),
                                        expect(u"^250 "_s),
                                        send("RCPT TO:<someone@example.net>\r\n"_ba),
                                        expect(u"^250 "_s),
                                        send("QUIT\r\n"_ba),
                                        expect(u"^221 "_s)};
    return spec;
}

Condition condition(const QString &text, bool warning = false)
{
    const auto parsed = Condition::parse(text, warning);
    if (!parsed)
        qFatal("condition %s does not parse: %s", qPrintable(text), qPrintable(parsed.error().message));
    return *parsed;
}

} // namespace

class TestTcpProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bannerMatches();
    void bannerMismatch();
    void bannerWithoutLineBreakBeforeClose();
    void longBannerIsJudgedOnItsFirst4KiB();
    void closedBeforeBanner();
    void connectionRefused();
    void silentServerTimesOutWaitingForTheBanner();
    void secondsFollowTheLocale();
    void connectOnlyWhenNoBannerExpected();
    void unresolvableHost();
    void timeoutWhileResolvingReportsItsLatency();
    void badSpecFailsLater_data();
    void badSpecFailsLater();
    void cancelStopsWithoutEmitting();
    void destructorClosesEveryConnection();
    void smtpConversation();
    void imapConversation();
    void bannerRemainderFeedsTheFirstExpect();
    void relayDenied();
    void relayDeniedThenClosed();
    void silentMidConversationEndsAtTheDeadline();
    void closedMidSequence();
    void closedBeforeASend();
    void credentialsAreMaskedInErrors_data();
    void credentialsAreMaskedInErrors();
    void overlongLineFailsTheStep();
    void stepsWithoutBanner();
    void badStepPattern();
    void conditions();
};

void TestTcpProber::bannerMatches()
{
    BannerServer server("220 mail.example.org ESMTP ready\r\n"_ba);
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QVERIFY(result->error.toString().isEmpty());
    const PhaseTimings &p = result->phases;
    QVERIFY(p.resolveMs && p.connectMs && p.processingMs && p.totalMs);
    QVERIFY(!p.tlsMs && !p.transferMs);
    QVERIFY(qAbs(result->latencyMs - (*p.connectMs + *p.processingMs)) < 0.01);
    QVERIFY(qAbs(*p.totalMs - (*p.resolveMs + result->latencyMs)) < 0.01);
}

void TestTcpProber::bannerMismatch()
{
    BannerServer server("554 go away\r\n"_ba);
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Banner);
    QCOMPARE(result->error.toString(), u"banner \"554 go away\" does not match ^220 "_s);
    QVERIFY(result->phases.connectMs);
}

void TestTcpProber::bannerWithoutLineBreakBeforeClose()
{
    BannerServer server("+OK POP3 ready"_ba, true);
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^\\+OK"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);

    BannerServer lf("* OK IMAP4rev1\n"_ba);
    const auto imap = probeOnce(tcpSpec(lf.hostPort(), u"^\\* OK IMAP4rev1$"_s));
    QVERIFY(imap);
    QCOMPARE(imap->status, HealthState::Up);
}

void TestTcpProber::longBannerIsJudgedOnItsFirst4KiB()
{
    BannerServer server(QByteArray(10000, 'a'));
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^a{4096}$"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);

    const auto mismatch = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s));
    QVERIFY(mismatch);
    QCOMPARE(mismatch->status, HealthState::Down);
    QCOMPARE(mismatch->error.toString(), u"banner \"%1…\" does not match ^220 "_s.arg(QString(200, u'a')));
}

void TestTcpProber::closedBeforeBanner()
{
    BannerServer server({}, true);
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Banner);
    QCOMPARE(result->error.toString(), u"connection closed by %1 before a banner"_s.arg(server.hostPort()));
}

void TestTcpProber::connectionRefused()
{
    const quint16 port = closedPort();
    const auto result = probeOnce(tcpSpec(u"127.0.0.1:%1"_s.arg(port)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Connect);
    QCOMPARE(result->error.toString(), u"connection refused by 127.0.0.1:%1"_s.arg(port));
    QVERIFY(result->phases.resolveMs);
    QVERIFY(!result->phases.connectMs);
    QVERIFY(!result->phases.processingMs);
}

void TestTcpProber::secondsFollowTheLocale()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    const auto restore = qScopeGuard([&] { QLocale::setDefault(before); });
    SilentServer server;
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s, 500ms));
    QVERIFY(result);
    QCOMPARE(result->error.toString(), u"no banner within 0,5 s"_s);
}

void TestTcpProber::silentServerTimesOutWaitingForTheBanner()
{
    SilentServer server;
    qint64 elapsed = 0;
    const auto result = probeOnce(tcpSpec(server.hostPort(), u"^220 "_s, 500ms), &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Banner);
    QCOMPARE(result->error.toString(), u"no banner within 0.5 s"_s);
    QVERIFY2(elapsed >= 500 && elapsed <= 750, qPrintable(QString::number(elapsed)));
    QVERIFY(result->phases.connectMs);
    QVERIFY(*result->phases.processingMs >= 450);
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestTcpProber::connectOnlyWhenNoBannerExpected()
{
    SilentServer server;
    const auto result = probeOnce(tcpSpec(server.hostPort()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QVERIFY(result->phases.connectMs);
    QVERIFY(!result->phases.processingMs);
    QVERIFY(qAbs(result->latencyMs - *result->phases.connectMs) < 0.01);
    QCOMPARE(server.connectionCount(), 1);
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestTcpProber::unresolvableHost()
{
    const auto result = probeOnce(tcpSpec(u"vigie-probe.invalid:25"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Resolve);
    QCOMPARE(result->error.toString(), u"could not resolve host 'vigie-probe.invalid'"_s);
    QVERIFY(!result->phases.connectMs);
}

// A name server that never answers: the probe ends at its deadline, in phase resolve, and its
// latency is the time it spent, not 0 (which would read as the fastest service of all).
void TestTcpProber::timeoutWhileResolvingReportsItsLatency()
{
    VIGIE_UNDER_SILENT_NAME_SERVER();

    qint64 elapsedMs = 0;
    const auto result = probeOnce(tcpSpec(silentHostName + u":25"_s, u"^220 "_s, 1500ms), &elapsedMs);
    QVERIFY(result);
    QVERIFY2(elapsedMs >= 1500 && elapsedMs <= 1650, qPrintable(u"ended after %1 ms"_s.arg(elapsedMs)));
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Resolve);
    QCOMPARE(result->error.toString(), u"timed out after 1.5 s resolving host '%1'"_s.arg(silentHostName));
    // elapsedMs is whole milliseconds, truncated.
    QVERIFY2(result->latencyMs >= 1500 && result->latencyMs < double(elapsedMs + 1),
             qPrintable(QString::number(result->latencyMs)));
    QVERIFY(result->phases.totalMs);
    QCOMPARE(result->latencyMs, *result->phases.totalMs);
    QVERIFY(!result->phases.connectMs);
}

void TestTcpProber::badSpecFailsLater_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("banner");
    QTest::addColumn<QString>("error");
    QTest::newRow("no port") << u"example.org"_s << QString() << u"'example.org' is not a host:port target"_s;
    QTest::newRow("port out of range") << u"example.org:70000"_s << QString()
                                       << u"'example.org:70000' is not a host:port target"_s;
    QTest::newRow("bare IPv6") << u"::1:25"_s << QString() << u"'::1:25' is not a host:port target"_s;
    QTest::newRow("bad pattern")
        << u"127.0.0.1:25"_s << u"(220"_s
        << u"the banner pattern (220 is not a valid regular expression: missing closing parenthesis"_s;
}

void TestTcpProber::badSpecFailsLater()
{
    QFETCH(QString, target);
    QFETCH(QString, banner);
    QFETCH(QString, error);
    const auto result = probeOnce(tcpSpec(target, banner));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error.toString(), error);
}

void TestTcpProber::cancelStopsWithoutEmitting()
{
    SilentServer silent;
    BannerServer banner("220 hi\r\n"_ba);
    TcpProber prober;
    QSignalSpy spy(&prober, &TcpProber::finished);

    prober.start(1, tcpSpec(silent.hostPort(), u"^220 "_s, 10s));
    QTRY_COMPARE(silent.connectionCount(), 1);
    prober.cancel(1);
    QCOMPARE(prober.runningCount(), 0);
    QTRY_COMPARE(silent.openConnections(), 0);

    prober.start(2, tcpSpec(u"no port"_s));
    prober.cancel(2);
    prober.start(3, tcpSpec(u"vigie-probe.invalid:25"_s)); // cancelled while resolving
    prober.cancel(3);
    QCOMPARE(prober.runningCount(), 0);

    prober.start(4, tcpSpec(banner.hostPort(), u"^220 "_s));
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<quint64>(), quint64(4));
}

void TestTcpProber::destructorClosesEveryConnection()
{
    SilentServer server;
    auto prober = std::make_unique<TcpProber>();
    QSignalSpy spy(prober.get(), &TcpProber::finished);
    for (quint64 id = 0; id < 3; ++id)
        prober->start(id, tcpSpec(server.hostPort(), u"^220 "_s, 10s));
    QTRY_COMPARE(server.connectionCount(), 3);
    prober.reset();
    QTRY_COMPARE(server.openConnections(), 0);
    QCOMPARE(spy.size(), 0);
}

void TestTcpProber::smtpConversation()
{
    // The EHLO reply comes in two packets, cut in the middle of a line.
    ScriptedServer server(smtpGreeting, {{"EHLO vigie.example.org"_ba, {ehloReply, false, 30}},
                                         {"MAIL FROM:<probe@example.org>"_ba, {"250 2.1.0 Ok\r\n"_ba}},
                                         {"RCPT TO:<someone@example.net>"_ba, {"250 2.1.5 Ok\r\n"_ba}},
                                         {"QUIT"_ba, {"221 2.0.0 Bye\r\n"_ba, true}}});
    const auto result = probeOnce(smtpSpec(server.hostPort()));
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QVERIFY(result->error.toString().isEmpty());
    QCOMPARE(server.received(), (QList<QByteArray>{"EHLO vigie.example.org"_ba, "MAIL FROM:<probe@example.org>"_ba,
                                                   "RCPT TO:<someone@example.net>"_ba, "QUIT"_ba}));
    const PhaseTimings &p = result->phases;
    QVERIFY(p.connectMs && p.processingMs);
    QVERIFY(*p.processingMs >= 50); // the split reply's second half came 50 ms later
    QVERIFY(qAbs(result->latencyMs - (*p.connectMs + *p.processingMs)) < 0.01);
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestTcpProber::imapConversation()
{
    ScriptedServer server(
        "* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n"_ba,
        {{"a1 CAPABILITY"_ba,
          {"* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\na1 OK Pre-login capabilities listed\r\n"_ba}},
         {"a2 LOGOUT"_ba, {"* BYE Logging out\r\na2 OK Logout completed.\r\n"_ba, true}}});
    ProbeSpec spec = tcpSpec(server.hostPort(), u"^\\* OK"_s);
    spec.options<TcpOptions>().steps = {send("a1 CAPABILITY\r\n"_ba), expect(u"^a1 OK"_s), send("a2 LOGOUT\r\n"_ba),
                                        expect(u"^a2 OK"_s)};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QCOMPARE(server.received(), (QList<QByteArray>{"a1 CAPABILITY"_ba, "a2 LOGOUT"_ba}));

    // The same conversation expecting what the server does not say.
    spec.options<TcpOptions>().steps[1] = expect(u"IMAP4rev2"_s);
    const auto mismatch = probeOnce([&] {
        ProbeSpec s = spec;
        s.timeout = 1s;
        return s;
    }());
    QVERIFY(mismatch);
    QCOMPARE(mismatch->status, HealthState::Down);
    QCOMPARE(mismatch->failedPhase, ProbePhase::Expect);
    QCOMPARE(mismatch->error.toString(),
             u"step 2 (expect \"IMAP4rev2\"): got \"a1 OK Pre-login capabilities listed\", then no matching line "
             "within 1.0 s"_s);
}

void TestTcpProber::bannerRemainderFeedsTheFirstExpect()
{
    // Greeting and more in one packet: the line after the banner is there for the first expect.
    ScriptedServer server("220 ready\r\n250 early\r\n"_ba, {});
    ProbeSpec spec = tcpSpec(server.hostPort(), u"^220 "_s, 2s);
    spec.options<TcpOptions>().steps = {expect(u"^250 early$"_s)};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
}

void TestTcpProber::relayDenied()
{
    // Postfix keeps the connection after a refused recipient: the probe waits for its deadline,
    // then says what it got instead.
    ScriptedServer server(smtpGreeting, {{"EHLO vigie.example.org"_ba, {ehloReply}},
                                         {"MAIL FROM:<probe@example.org>"_ba, {"250 2.1.0 Ok\r\n"_ba}},
                                         {"RCPT TO:<someone@example.net>"_ba,
                                          {"554 5.7.1 <someone@example.net>: Relay access denied\r\n"_ba}}});
    const auto result = probeOnce(smtpSpec(server.hostPort(), 1s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Expect);
    QCOMPARE(result->error.toString(),
             u"step 6 (expect \"^250 \"): got \"554 5.7.1 <someone@example.net>: Relay access "
             "denied\", then no matching line within 1.0 s"_s);
    QCOMPARE(server.received().size(), 3); // QUIT was never sent
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestTcpProber::relayDeniedThenClosed()
{
    ScriptedServer server(smtpGreeting,
                          {{"EHLO vigie.example.org"_ba, {ehloReply}},
                           {"MAIL FROM:<probe@example.org>"_ba, {"250 2.1.0 Ok\r\n"_ba}},
                           {"RCPT TO:<someone@example.net>"_ba, {"554 5.7.1 Relay access denied\r\n"_ba, true}}});
    qint64 elapsed = 0;
    const auto result = probeOnce(smtpSpec(server.hostPort(), 10s), &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Expect);
    QCOMPARE(result->error.toString(),
             u"step 6 (expect \"^250 \"): got \"554 5.7.1 Relay access denied\", then %1 closed the "
             "connection"_s.arg(server.hostPort()));
    QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed))); // the close ends it, not the deadline
}

void TestTcpProber::silentMidConversationEndsAtTheDeadline()
{
    // Answers EHLO, then never says another word.
    ScriptedServer server(smtpGreeting, {{"EHLO vigie.example.org"_ba, {ehloReply}}});
    qint64 elapsed = 0;
    const auto result = probeOnce(smtpSpec(server.hostPort(), 1s), &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Expect);
    QCOMPARE(result->error.toString(), u"step 4 (expect \"^250 \"): no reply within 1.0 s"_s);
    QVERIFY2(elapsed >= 1000 && elapsed <= 1100, qPrintable(QString::number(elapsed)));
    QVERIFY(*result->phases.processingMs >= 900);
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestTcpProber::closedMidSequence()
{
    // Takes EHLO and hangs up without a word.
    ScriptedServer server(smtpGreeting, {{"EHLO vigie.example.org"_ba, {{}, true}}});
    const auto result = probeOnce(smtpSpec(server.hostPort()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Expect);
    QCOMPARE(result->error.toString(),
             u"step 2 (expect \"^250 \"): %1 closed the connection without replying"_s.arg(server.hostPort()));
}

void TestTcpProber::closedBeforeASend()
{
    // Its last reply lacks a line break before the close: it still counts, and the next send fails.
    ScriptedServer server(smtpGreeting, {{"EHLO vigie.example.org"_ba, {"250 mail.example.org"_ba, true}}});
    const auto result = probeOnce(smtpSpec(server.hostPort()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Send);
    QCOMPARE(result->error.toString(),
             u"step 3 (send \"MAIL FROM:<probe@example.org>\"): %1 closed the connection"_s.arg(server.hostPort()));
}

void TestTcpProber::credentialsAreMaskedInErrors_data()
{
    // The server closes the connection after its reply to `closesAfter`: the send step that follows
    // fails, and its error quotes it.
    QTest::addColumn<QByteArray>("greeting");
    QTest::addColumn<QByteArray>("closesAfter");
    QTest::addColumn<QList<TcpStep>>("steps");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("SMTP AUTH PLAIN") << smtpGreeting << "EHLO vigie"_ba
                                     << QList<TcpStep>{send("EHLO vigie\r\n"_ba), expect(u"^250 "_s),
                                                       send("AUTH PLAIN AGJvYgBodW50ZXIy\r\n"_ba)}
                                     << u"step 3 (send \"AUTH PLAIN ****\")"_s << "AGJvYgBodW50ZXIy"_ba;
    QTest::newRow("SMTP AUTH LOGIN, then base64 lines")
        << smtpGreeting << "dXNlcg=="_ba
        << QList<TcpStep>{send("AUTH LOGIN\r\n"_ba), expect(u"^334 "_s), send("dXNlcg==\r\n"_ba), expect(u"^334 "_s),
                          send("aHVudGVyMg==\r\n"_ba)}
        << u"step 5 (send \"****\")"_s << "aHVudGVyMg=="_ba;
    QTest::newRow("POP3 PASS") << "+OK POP3 ready\r\n"_ba
                               << "USER bob"_ba
                               << QList<TcpStep>{send("USER bob\r\n"_ba), expect(u"^\\+OK$"_s),
                                                 send("PASS hunter2\r\n"_ba)}
                               << u"step 3 (send \"PASS ****\")"_s << "hunter2"_ba;
    QTest::newRow("IMAP LOGIN") << "* OK IMAP4rev1 ready\r\n"_ba
                                << "a1 CAPABILITY"_ba
                                << QList<TcpStep>{send("a1 CAPABILITY\r\n"_ba), expect(u"^a1 OK"_s),
                                                  send("a2 LOGIN bob hunter2\r\n"_ba)}
                                << u"step 3 (send \"a2 LOGIN ****\")"_s << "hunter2"_ba;
    QTest::newRow("no credentials") << smtpGreeting << "EHLO vigie"_ba
                                    << QList<TcpStep>{send("EHLO vigie\r\n"_ba), expect(u"^250 "_s),
                                                      send("MAIL FROM:<probe@example.org>\r\n"_ba)}
                                    << u"step 3 (send \"MAIL FROM:<probe@example.org>\")"_s << QByteArray();
}

void TestTcpProber::credentialsAreMaskedInErrors()
{
    QFETCH(QByteArray, greeting);
    QFETCH(QByteArray, closesAfter);
    QFETCH(QList<TcpStep>, steps);
    QFETCH(QString, shown);
    QFETCH(QByteArray, secret);
    ScriptedServer server(greeting, {{"EHLO vigie"_ba, {"250 mail.example.org\r\n"_ba}},
                                     {"AUTH LOGIN"_ba, {"334 VXNlcm5hbWU6\r\n"_ba}},
                                     {"USER bob"_ba, {"+OK\r\n"_ba}},
                                     {"a1 CAPABILITY"_ba, {"a1 OK done\r\n"_ba}},
                                     {"dXNlcg=="_ba, {"334 UGFzc3dvcmQ6\r\n"_ba}}});
    // Without its line break, the reply is only complete once the server has closed: the send
    // that follows always finds the connection gone.
    ScriptedServer::Answer &last = server.answer(closesAfter);
    last.reply.chop(2);
    last.close = true;
    ProbeSpec spec = tcpSpec(server.hostPort());
    spec.options<TcpOptions>().steps = steps;
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Send);
    QCOMPARE(result->error.toString(), u"%1: %2 closed the connection"_s.arg(shown, server.hostPort()));
    if (!secret.isEmpty())
        QVERIFY(!result->error.toString().contains(QString::fromLatin1(secret)));
}

void TestTcpProber::overlongLineFailsTheStep()
{
    ScriptedServer server("220 ready\r\n"_ba, {{"HELLO"_ba, {QByteArray(70 * 1024, 'x')}}});
    ProbeSpec spec = tcpSpec(server.hostPort(), u"^220 "_s);
    spec.options<TcpOptions>().steps = {send("HELLO\r\n"_ba), expect(u"^250"_s)};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Expect);
    QCOMPARE(result->error.toString(),
             u"step 2 (expect \"^250\"): got a line longer than 64 KiB: \"%1…\""_s.arg(QString(200, u'x')));
}

void TestTcpProber::stepsWithoutBanner()
{
    // Protocols where the client speaks first (Redis): no banner, straight to the steps.
    ScriptedServer server({}, {{"PING"_ba, {"+PONG\r\n"_ba}}});
    ProbeSpec spec = tcpSpec(server.hostPort());
    spec.options<TcpOptions>().steps = {send("PING\r\n"_ba), expect(u"^\\+PONG$"_s)};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));
    QVERIFY(result->phases.processingMs);
    QCOMPARE(server.received(), QList<QByteArray>{"PING"_ba});
}

void TestTcpProber::badStepPattern()
{
    ProbeSpec spec = tcpSpec(u"127.0.0.1:25"_s, u"^220 "_s);
    spec.options<TcpOptions>().steps = {send("EHLO x\r\n"_ba), expect(u"^250 "_s), send("QUIT\r\n"_ba),
                                        expect(u"^(221"_s)};
    const auto result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error.toString(),
             u"step 4: the pattern ^(221 is not a valid regular expression: missing closing parenthesis"_s);
}

void TestTcpProber::conditions()
{
    BannerServer server("220 ready\r\n"_ba);
    ProbeSpec spec = tcpSpec(server.hostPort(), u"^220 "_s);
    spec.conditions = {condition(u"[CONNECTED] == true"_s), condition(u"[IP] == 127.0.0.1"_s),
                       condition(u"[RESPONSE_TIME] < 5000"_s)};
    auto result = probeOnce(spec);
    QVERIFY(result);
    QVERIFY2(result->status == HealthState::Up, qPrintable(result->error.toString()));

    spec.conditions = {condition(u"[CONNECTED] == true"_s), condition(u"[RESPONSE_TIME] < 0"_s, true)};
    result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Degraded);
    QCOMPARE(result->failedPhase, ProbePhase::Condition);
    QVERIFY2(result->error.toString().startsWith(u"[RESPONSE_TIME] < 0"_s), qPrintable(result->error.toString()));

    spec.conditions = {condition(u"[IP] == 192.0.2.1"_s), condition(u"[RESPONSE_TIME] < 0"_s, true)};
    result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Condition);
    QVERIFY2(result->error.toString().startsWith(u"[IP] == 192.0.2.1"_s), qPrintable(result->error.toString()));
    QVERIFY2(result->error.toString().contains(u"127.0.0.1"_s), qPrintable(result->error.toString()));

    // A probe that already failed keeps its own reason.
    BannerServer wrong("554 no\r\n"_ba);
    spec.target = wrong.hostPort();
    result = probeOnce(spec);
    QVERIFY(result);
    QCOMPARE(result->failedPhase, ProbePhase::Banner);
}

QTEST_GUILESS_MAIN(TestTcpProber)
#include "tst_tcpprober.moc"
