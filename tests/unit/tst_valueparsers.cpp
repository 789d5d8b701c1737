#include "workspace/valueparsers.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

class tst_ValueParsers : public QObject
{
    Q_OBJECT

private slots:
    void boundedInt();
    void historyAge();
    void statusRange_data();
    void statusRange();
    void size_data();
    void size();
    void hostPort_data();
    void hostPort();
    void nameServer_data();
    void nameServer();
    void serviceId();
    void hostName();
    void httpUrl();
    void headerNameAndValue();
    void secretName_data();
    void secretName();
    void enumerations();
    void timeOfDay();
    void dateAndWeekday();
    void closestMatchFindsTypos();
};

void tst_ValueParsers::boundedInt()
{
    QCOMPARE(parseBoundedInt(u"0", 0, 10), 0);
    QCOMPARE(parseBoundedInt(u"10", 0, 10), 10);
    QCOMPARE(parseBoundedInt(u"007", 0, 10), 7);
    QCOMPARE(parseBoundedInt(u"11", 0, 10), std::nullopt);
    QCOMPARE(parseBoundedInt(u"", 0, 10), std::nullopt);
    QCOMPARE(parseBoundedInt(u"-1", -5, 10), std::nullopt); // no sign
    QCOMPARE(parseBoundedInt(u" 1", 0, 10), std::nullopt);
    QCOMPARE(parseBoundedInt(u"1.0", 0, 10), std::nullopt);
    QCOMPARE(parseBoundedInt(u"9999999999", 0, 10), std::nullopt); // too many digits, no overflow
}

void tst_ValueParsers::historyAge()
{
    using std::chrono::days;
    using std::chrono::milliseconds;
    using Age = std::optional<milliseconds>;
    QCOMPARE(parseHistoryAge(u"2y"), Age(days(730)));
    QCOMPARE(parseHistoryAge(u"1y180d"), Age(days(545)));
    QCOMPARE(parseHistoryAge(u"1y12h"), Age(days(365) + std::chrono::hours(12)));
    QCOMPARE(parseHistoryAge(u"0y"), Age(milliseconds(0)));
    // Without years, a duration as every other key reads it.
    QCOMPARE(parseHistoryAge(u"90d"), Age(days(90)));
    QCOMPARE(parseHistoryAge(u"36h"), Age(std::chrono::hours(36)));
    QCOMPARE(parseHistoryAge(u"1.5d"), Age(std::chrono::hours(36)));
    QCOMPARE(parseHistoryAge(u""), std::nullopt);
    QCOMPARE(parseHistoryAge(u"y"), std::nullopt);
    QCOMPARE(parseHistoryAge(u"2Y"), std::nullopt);
    QCOMPARE(parseHistoryAge(u"1.5y"), std::nullopt); // whole years only
    QCOMPARE(parseHistoryAge(u"-1y"), std::nullopt);
    QCOMPARE(parseHistoryAge(u"1d1y"), std::nullopt); // largest unit first, as in every duration
    QCOMPARE(parseHistoryAge(u"1y1y"), std::nullopt);
    QCOMPARE(parseHistoryAge(u"1y "), std::nullopt);
    QCOMPARE(parseHistoryAge(u"999999999y"), std::nullopt); // beyond a 64-bit count of milliseconds
    QCOMPARE(parseHistoryAge(u"1000000000y"), std::nullopt);
}

void tst_ValueParsers::statusRange_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("from"); // 0: invalid
    QTest::addColumn<int>("to");
    QTest::newRow("code") << u"200"_s << 200 << 200;
    QTest::newRow("class") << u"2xx"_s << 200 << 299;
    QTest::newRow("class in capitals") << u"5XX"_s << 500 << 599;
    QTest::newRow("range") << u"200-299"_s << 200 << 299;
    QTest::newRow("range with spaces") << u"200 - 204"_s << 200 << 204;
    QTest::newRow("lowest") << u"100"_s << 100 << 100;
    QTest::newRow("highest") << u"599"_s << 599 << 599;
    QTest::newRow("too low") << u"99"_s << 0 << 0;
    QTest::newRow("too high") << u"600"_s << 0 << 0;
    QTest::newRow("class 6xx") << u"6xx"_s << 0 << 0;
    QTest::newRow("reversed range") << u"300-200"_s << 0 << 0;
    QTest::newRow("open range") << u"200-"_s << 0 << 0;
    QTest::newRow("word") << u"ok"_s << 0 << 0;
    QTest::newRow("empty") << QString() << 0 << 0;
}

void tst_ValueParsers::statusRange()
{
    QFETCH(QString, text);
    QFETCH(int, from);
    QFETCH(int, to);
    const auto range = parseStatusRange(text);
    if (from == 0) {
        QVERIFY(!range);
        return;
    }
    QVERIFY(range);
    QCOMPARE(range->from, from);
    QCOMPARE(range->to, to);
}

void tst_ValueParsers::size_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes"); // -1: invalid
    QTest::newRow("bytes") << u"512"_s << qint64(512);
    QTest::newRow("B") << u"512B"_s << qint64(512);
    QTest::newRow("KB") << u"2KB"_s << qint64(2000);
    QTest::newRow("kB") << u"2kB"_s << qint64(2000);
    QTest::newRow("MB") << u"2MB"_s << qint64(2'000'000);
    QTest::newRow("KiB") << u"512KiB"_s << qint64(512 * 1024);
    QTest::newRow("MiB with space") << u"1 MiB"_s << qint64(1024 * 1024);
    QTest::newRow("unknown unit") << u"1GB"_s << qint64(-1);
    QTest::newRow("fraction") << u"1.5MiB"_s << qint64(-1);
    QTest::newRow("no number") << u"MiB"_s << qint64(-1);
    QTest::newRow("negative") << u"-1"_s << qint64(-1);
    QTest::newRow("too many digits") << u"1234567890123"_s << qint64(-1);
}

void tst_ValueParsers::size()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    const auto value = parseSize(text);
    if (bytes < 0)
        QVERIFY(!value);
    else
        QCOMPARE(value, bytes);
}

void tst_ValueParsers::hostPort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host"); // null: invalid
    QTest::addColumn<int>("port");
    QTest::newRow("name") << u"mail.example.org:25"_s << u"mail.example.org"_s << 25;
    QTest::newRow("IPv4") << u"192.0.2.1:443"_s << u"192.0.2.1"_s << 443;
    QTest::newRow("IPv6 in brackets") << u"[2001:db8::1]:443"_s << u"2001:db8::1"_s << 443;
    QTest::newRow("loopback IPv6") << u"[::1]:25"_s << u"::1"_s << 25;
    QTest::newRow("international name") << u"café.example:80"_s << u"café.example"_s << 80;
    QTest::newRow("lowest port") << u"a:1"_s << u"a"_s << 1;
    QTest::newRow("highest port") << u"a:65535"_s << u"a"_s << 65535;
    QTest::newRow("port 0") << u"a:0"_s << QString() << 0;
    QTest::newRow("port 65536") << u"a:65536"_s << QString() << 0;
    QTest::newRow("missing port") << u"mail.example.org"_s << QString() << 0;
    QTest::newRow("empty port") << u"mail.example.org:"_s << QString() << 0;
    QTest::newRow("empty host") << u":25"_s << QString() << 0;
    QTest::newRow("empty brackets") << u"[]:25"_s << QString() << 0;
    QTest::newRow("empty") << QString() << QString() << 0;
    QTest::newRow("IPv6 without brackets") << u"2001:db8::1:443"_s << QString() << 0;
    QTest::newRow("IPv4 in brackets") << u"[192.0.2.1]:443"_s << QString() << 0;
    QTest::newRow("name in brackets") << u"[example.org]:443"_s << QString() << 0;
    QTest::newRow("unclosed bracket") << u"[::1:25"_s << QString() << 0;
    QTest::newRow("brackets without port") << u"[::1]"_s << QString() << 0;
    QTest::newRow("garbage after the brackets") << u"[::1]x:25"_s << QString() << 0;
    QTest::newRow("garbage after the port") << u"a:25x"_s << QString() << 0;
    QTest::newRow("space after the port") << u"a:25 "_s << QString() << 0;
    QTest::newRow("signed port") << u"a:+25"_s << QString() << 0;
    QTest::newRow("path") << u"a/b:25"_s << QString() << 0;
    QTest::newRow("space in the host") << u"a b:25"_s << QString() << 0;
}

void tst_ValueParsers::hostPort()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto parsed = HostPort::parse(text);
    if (host.isNull()) {
        QVERIFY2(!parsed, qPrintable(parsed ? parsed->host : QString()));
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed->host, host);
    QCOMPARE(parsed->port, port);
}

void tst_ValueParsers::nameServer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("address"); // null: invalid
    QTest::addColumn<int>("port");
    QTest::newRow("IPv4") << u"192.0.2.53"_s << u"192.0.2.53"_s << 0;
    QTest::newRow("IPv4 and port") << u"192.0.2.53:5353"_s << u"192.0.2.53"_s << 5353;
    QTest::newRow("bare IPv6") << u"2001:db8::53"_s << u"2001:db8::53"_s << 0;
    QTest::newRow("IPv6 in brackets") << u"[2001:db8::53]"_s << u"2001:db8::53"_s << 0;
    QTest::newRow("IPv6 and port") << u"[2001:db8::53]:53"_s << u"2001:db8::53"_s << 53;
    QTest::newRow("port 0") << u"192.0.2.53:0"_s << QString() << 0;
    QTest::newRow("port 65536") << u"192.0.2.53:65536"_s << QString() << 0;
    QTest::newRow("empty port") << u"192.0.2.53:"_s << QString() << 0;
    QTest::newRow("host name") << u"dns.example.org"_s << QString() << 0;
    QTest::newRow("host name and port") << u"dns.example.org:53"_s << QString() << 0;
    QTest::newRow("empty host") << u":53"_s << QString() << 0;
    QTest::newRow("empty brackets") << u"[]:53"_s << QString() << 0;
    QTest::newRow("IPv4 in brackets") << u"[192.0.2.53]:53"_s << QString() << 0;
    QTest::newRow("unclosed bracket") << u"[2001:db8::53:53"_s << QString() << 0;
    QTest::newRow("garbage after the brackets") << u"[2001:db8::53]x"_s << QString() << 0;
    QTest::newRow("garbage after the port") << u"192.0.2.53:53x"_s << QString() << 0;
    QTest::newRow("empty") << QString() << QString() << 0;
}

void tst_ValueParsers::nameServer()
{
    QFETCH(QString, text);
    QFETCH(QString, address);
    QFETCH(int, port);
    const auto parsed = NameServer::parse(text);
    if (address.isNull()) {
        QVERIFY2(!parsed, qPrintable(parsed ? parsed->address.toString() : QString()));
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed->address, QHostAddress(address));
    QCOMPARE(parsed->port, port);
}

void tst_ValueParsers::serviceId()
{
    QVERIFY(isValidServiceId(u"portal"));
    QVERIFY(isValidServiceId(u"2fa_api-v2"));
    QVERIFY(!isValidServiceId(u""));
    QVERIFY(!isValidServiceId(u"-portal"));
    QVERIFY(!isValidServiceId(u"_portal"));
    QVERIFY(!isValidServiceId(u"Portal"));
    QVERIFY(!isValidServiceId(u"por tal"));
    QVERIFY(!isValidServiceId(u"portal.example"));
}

void tst_ValueParsers::hostName()
{
    QVERIFY(isValidHostName(u"www.example.org", false));
    QVERIFY(isValidHostName(u"_sip._tcp.example.org", false));
    QVERIFY(isValidHostName(u"localhost", false));
    QVERIFY(isValidHostName(u"café.example", false)); // checked in its ASCII form
    QVERIFY(isValidHostName(u"www.example.org.", true));
    QVERIFY(!isValidHostName(u"www.example.org.", false));
    QVERIFY(!isValidHostName(u"", true));
    QVERIFY(!isValidHostName(u".", true));
    QVERIFY(!isValidHostName(u"a..b", false));
    QVERIFY(!isValidHostName(u"-a.example", false));
    QVERIFY(!isValidHostName(u"a-.example", false));
    QVERIFY(!isValidHostName(u"a b.example", false));
    QVERIFY(isValidHostName(QString(63, u'a'), false));
    QVERIFY(!isValidHostName(QString(64, u'a'), false));
    QVERIFY(!isValidHostName(QString(QString(60, u'a') + u'.').repeated(5), true)); // 305 characters
}

void tst_ValueParsers::httpUrl()
{
    QVERIFY(isValidHttpUrl(u"https://portal.example.org/"_s));
    QVERIFY(isValidHttpUrl(u"http://192.0.2.1:8080/health?x=1"_s));
    QVERIFY(isValidHttpUrl(u"http://[::1]/"_s));
    QVERIFY(!isValidHttpUrl(u"ftp://example.org/"_s));
    QVERIFY(!isValidHttpUrl(u"portal.example.org"_s));
    QVERIFY(!isValidHttpUrl(u"https:///path"_s));
    QVERIFY(!isValidHttpUrl(u"https://exa mple.org/"_s));
    QVERIFY(!isValidHttpUrl(QString()));

    QVERIFY(hasUserInfo(u"https://user:s3cret@portal.example.org/"));
    QVERIFY(hasUserInfo(u"http://admin@portal.example.org"));
    QVERIFY(hasUserInfo(u"https://@portal.example.org/"));
    QVERIFY(hasUserInfo(u"https://us er:p@ss@portal.example.org/")); // not a valid URL, still a secret
    QVERIFY(!hasUserInfo(u"https://portal.example.org/"));
    QVERIFY(!hasUserInfo(u"https://portal.example.org/users/@me?to=a@b#c@d"));
    QVERIFY(!hasUserInfo(u"mailto:a@example.org"));
    QCOMPARE(withoutUserInfo(u"https://user:s3cret@portal.example.org:8443/x"), u"https://portal.example.org:8443/x"_s);
    QCOMPARE(withoutUserInfo(u"https://us er:p@ss@portal.example.org/"), u"https://portal.example.org/"_s);
    QCOMPARE(withoutUserInfo(u"https://portal.example.org/a@b"), u"https://portal.example.org/a@b"_s);
}

void tst_ValueParsers::headerNameAndValue()
{
    QVERIFY(isHttpToken(u"X-Request-Id"));
    QVERIFY(isHttpToken(u"x!#$%&'*+-.^_`|~1"));
    QVERIFY(!isHttpToken(u""));
    QVERIFY(!isHttpToken(u"X Request"));
    QVERIFY(!isHttpToken(u"X-Request:"));
    QVERIFY(!isHttpToken(u"Ünïcode"));
    QVERIFY(isValidHeaderValue(u"text/html; charset=utf-8"));
    QVERIFY(isValidHeaderValue(u""));
    QVERIFY(!isValidHeaderValue(u"a\r\nX-Injected: 1"));
    QVERIFY(!isValidHeaderValue(u"a\nb"));
    QVERIFY(!isValidHeaderValue(QStringView(u"a\0b", 3)));
}

// The one rule for a secret's name, the workspace's `secret:` and `vigie secret set|delete` alike.
void tst_ValueParsers::secretName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("letters and dashes") << u"portal-api-token"_s << true;
    QTest::newRow("dots, underscores, digits") << u"Team.Secret_2"_s << true;
    QTest::newRow("capitals") << u"GRAFANA"_s << true;
    QTest::newRow("one character") << u"x"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space and bang") << u"bad name!"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("colon") << u"user:pass"_s << false;
    QTest::newRow("accent") << u"clé"_s << false;
    QTest::newRow("escape") << u"a\x1b[2J"_s << false;
    QTest::newRow("trailing newline") << u"token\n"_s << false;
}

void tst_ValueParsers::secretName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(isValidSecretName(name), valid);
}

void tst_ValueParsers::enumerations()
{
    QCOMPARE(parseHttpMethod(u"get"), QByteArray("GET"));
    QCOMPARE(parseHttpMethod(u"Options"), QByteArray("OPTIONS"));
    QCOMPARE(parseHttpMethod(u"TRACE"), std::nullopt);
    QCOMPARE(parseHttpMethod(u""), std::nullopt);
    QCOMPARE(parseHttpVersion(u"1.1"), HttpVersion::Http1_1);
    QCOMPARE(parseHttpVersion(u"2"), HttpVersion::Http2);
    QCOMPARE(parseHttpVersion(u"3"), HttpVersion::Http3);
    QCOMPARE(parseHttpVersion(u"1.0"), std::nullopt);
    QCOMPARE(parseHttpVersion(u"2.0"), std::nullopt);
    QCOMPARE(parseDnsRecordType(u"aaaa"), DnsRecordType::AAAA);
    QCOMPARE(parseDnsRecordType(u"SRV"), DnsRecordType::SRV);
    QCOMPARE(parseDnsRecordType(u"PTR"), std::nullopt);
}

void tst_ValueParsers::timeOfDay()
{
    QCOMPARE(parseTimeOfDay(u"02:30"), QTime(2, 30));
    QCOMPARE(parseTimeOfDay(u"2:30"), QTime(2, 30));
    QCOMPARE(parseTimeOfDay(u"23:59"), QTime(23, 59));
    QCOMPARE(parseTimeOfDay(u"24:00"), std::nullopt);
    QCOMPARE(parseTimeOfDay(u"12:60"), std::nullopt);
    QCOMPARE(parseTimeOfDay(u"12:5"), std::nullopt);
    QCOMPARE(parseTimeOfDay(u"12h30"), std::nullopt);
    QCOMPARE(parseTimeOfDay(u"123:00"), std::nullopt);
    QCOMPARE(parseTimeOfDay(u""), std::nullopt);
}

void tst_ValueParsers::dateAndWeekday()
{
    QCOMPARE(parseDate(u"2026-12-24"), QDate(2026, 12, 24));
    QCOMPARE(parseDate(u"2028-02-29"), QDate(2028, 2, 29));
    QCOMPARE(parseDate(u"2026-02-29"), std::nullopt);
    QCOMPARE(parseDate(u"2026-1-5"), std::nullopt);
    QCOMPARE(parseDate(u"24/12/2026"), std::nullopt);
    QCOMPARE(parseWeekday(u"monday"), 1);
    QCOMPARE(parseWeekday(u"Sunday"), 7);
    QCOMPARE(parseWeekday(u"mon"), std::nullopt);
    QCOMPARE(parseWeekday(u"day"), std::nullopt);
}

void tst_ValueParsers::closestMatchFindsTypos()
{
    const QStringList keys{u"interval"_s, u"timeout"_s, u"conditions"_s};
    QCOMPARE(closestMatch(u"intreval", keys), u"interval"_s); // a swapped pair is one edit
    QCOMPARE(closestMatch(u"timout", keys), u"timeout"_s);
    QCOMPARE(closestMatch(u"colour", keys), QString());
    QCOMPARE(editDistance(u"abc", u"abc"), 0);
    QCOMPARE(editDistance(u"abc", u"acb"), 1);
    QCOMPARE(editDistance(u"", u"abc"), 3);
}

QTEST_GUILESS_MAIN(tst_ValueParsers)
#include "tst_valueparsers.moc"
