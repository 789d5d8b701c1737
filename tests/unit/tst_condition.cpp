#include "probes/conditioncheck.h"
#include "workspace/condition.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

QStringList texts(const QList<Message> &messages)
{
    QStringList shown;
    for (const Message &message : messages)
        shown.append(message.toString());
    return shown;
}

constexpr qint64 day = 24 * 60 * 60 * 1000;

const QByteArray &jsonBody()
{
    static const QByteArray body = R"({
  "status": "UP",
  "count": 3,
  "ratio": 1.5,
  "version": "1.10",
  "numeric": "42",
  "ok": true,
  "nothing": null,
  "name": "api-eu-1",
  "items": [{"id": 1, "name": "api-eu"}, {"id": 2, "name": "web"}],
  "tags": ["a", "b", "c"],
  "empty": [],
  "nested": {"a": {"b": [10, 20]}},
  "multiline": "first\nsecond",
  "long": "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
})"_ba;
    return body;
}

ConditionContext contextNamed(const QString &name)
{
    static const QByteArray arrayBody = R"([{"id": 1, "tags": ["x"]}, {"id": 2}])"_ba;
    static const QByteArray notJson = "Service Unavailable\n"_ba;
    static const QByteArray brokenJson = "{\n  \"status\": UP\n}"_ba;
    static const QByteArray emptyBody;
    static const QByteArray plainBody = "OK 17\n"_ba;

    ConditionContext context;
    if (name == "http"_L1 || name == "expired"_L1) {
        context.status = 200;
        context.responseTimeMs = 123.4;
        context.body = &jsonBody();
        context.headers.insert("content-type"_ba, "application/json; charset=utf-8"_ba);
        context.headers.insert("x-count"_ba, "17"_ba);
        context.certificateExpiresInMs = name == "expired"_L1 ? -2 * day : 10 * day + 3 * 60 * 60 * 1000 + 1234;
        context.connected = true;
        context.ip = u"192.0.2.10"_s;
    } else if (name == "http503"_L1) {
        context.status = 503;
        context.responseTimeMs = 2500;
        context.body = &notJson;
    } else if (name == "broken"_L1) {
        context.status = 200;
        context.body = &brokenJson;
    } else if (name == "array"_L1) {
        context.status = 200;
        context.body = &arrayBody;
    } else if (name == "empty"_L1) {
        context.status = 204;
        context.body = &emptyBody;
    } else if (name == "plain"_L1) {
        context.status = 200;
        context.body = &plainBody;
    } else if (name == "tcp"_L1) {
        context.connected = false;
        context.ip = u"2001:db8::1"_s;
        context.responseTimeMs = 12;
    } else if (name == "dns"_L1) {
        context.dnsRcode = u"NOERROR"_s;
        context.dnsAnswers = {u"192.0.2.1"_s, u"192.0.2.2"_s};
        context.responseTimeMs = 3;
    } else if (name == "nxdomain"_L1) {
        context.dnsRcode = u"NXDOMAIN"_s;
    }
    return context;
}

} // namespace

class tst_Condition : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void evaluates_data();
    void evaluates();
    void keepsTextAndWarningFlag();
    void copiesShareTheParsedForm();
    void emptyConditionHolds();
    void verdictSplitsCriticalAndWarnings();
    void verdictSharesOneParsedBodyAcrossConditions();
    void conditionsFoldIntoAResult_data();
    void conditionsFoldIntoAResult();
};

void tst_Condition::parses_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("status") << u"[STATUS] == 200"_s;
    QTest::newRow("no spaces") << u"[STATUS]==200"_s;
    QTest::newRow("surrounding spaces") << u"  [RESPONSE_TIME] < 300  "_s;
    QTest::newRow("json path") << u"[BODY].a.b[0].c == x"_s;
    QTest::newRow("json path from an array") << u"[BODY][0].id == 1"_s;
    QTest::newRow("json path, two indexes") << u"[BODY].m[1][2] == 3"_s;
    QTest::newRow("header") << u"[HEADER].Content-Type =~ json"_s;
    QTest::newRow("certificate in days") << u"[CERTIFICATE_EXPIRATION] > 30d"_s;
    QTest::newRow("certificate mixed units") << u"[CERTIFICATE_EXPIRATION] >= 1h30m"_s;
    QTest::newRow("response time duration") << u"[RESPONSE_TIME] <= 1.5s"_s;
    QTest::newRow("connected") << u"[CONNECTED] == true"_s;
    QTest::newRow("ip") << u"[IP] == 192.0.2.10"_s;
    QTest::newRow("dns rcode") << u"[DNS_RCODE] != NXDOMAIN"_s;
    QTest::newRow("dns answers") << u"[DNS_ANSWERS] =~ ^192\\.0\\.2\\."_s;
    QTest::newRow("len") << u"len([BODY].items) > 0"_s;
    QTest::newRow("len with spaces") << u"len( [BODY] ) < 1000"_s;
    QTest::newRow("has") << u"has([BODY].errors) == false"_s;
    QTest::newRow("has header") << u"has([HEADER].ETag) == true"_s;
    QTest::newRow("pat") << u"[BODY].name == pat(api-*)"_s;
    QTest::newRow("pat quoted") << u"[BODY].name != pat(\"a b?\")"_s;
    QTest::newRow("any") << u"[STATUS] == any(200, 204)"_s;
    QTest::newRow("any quoted with comma") << u"[BODY].status == any(\"UP, mostly\", UP)"_s;
    QTest::newRow("quoted string") << u"[BODY].msg == \"all good\""_s;
    QTest::newRow("escaped quote") << u"[BODY].msg == \"say \\\"hi\\\"\""_s;
    QTest::newRow("regex not matching") << u"[BODY] !~ \"(?i)error\""_s;
    QTest::newRow("null") << u"[BODY].nothing == null"_s;
    QTest::newRow("status pattern") << u"[STATUS] == pat(2*)"_s;
}

void tst_Condition::parses()
{
    QFETCH(QString, text);
    const auto condition = Condition::parse(text);
    QVERIFY2(condition.has_value(), qPrintable(condition ? QString() : condition.error().message));
    QCOMPARE(condition->text(), text);
}

void tst_Condition::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << u"   "_s << 1 << u"the condition is empty"_s;
    QTest::newRow("unknown placeholder") << u"[STAUTS] == 200"_s << 1
                                         << u"unknown placeholder [STAUTS]; did you mean [STATUS]?"_s;
    QTest::newRow("placeholders are case-sensitive")
        << u"[body].status == UP"_s << 1 << u"unknown placeholder [body]; did you mean [BODY]?"_s;
    QTest::newRow("unknown placeholder after spaces")
        << u"  [RESPONSETIME] < 3"_s << 3 << u"unknown placeholder [RESPONSETIME]; did you mean [RESPONSE_TIME]?"_s;
    QTest::newRow("unterminated placeholder") << u"[STATUS == 200"_s << 1 << u"unterminated placeholder: missing ]"_s;
    QTest::newRow("no placeholder") << u"200 == [STATUS]"_s << 1
                                    << u"a condition starts with a placeholder such as [STATUS] or [BODY].status, or "
                                       u"with len() or has()"_s;
    QTest::newRow("missing operator") << u"[STATUS] 200"_s << 10
                                      << u"missing operator after [STATUS]: expected ==, !=, <, <=, >, >=, =~ or !~"_s;
    QTest::newRow("single equals") << u"[STATUS] = 200"_s << 10
                                   << u"a single = is not an operator: write == to compare"_s;
    QTest::newRow("missing value") << u"[STATUS] ==  "_s << 14 << u"a value is missing after [STATUS] =="_s;
    QTest::newRow("unterminated string") << u"[BODY].msg == \"open"_s << 15
                                         << u"unterminated string: the closing \" is missing"_s;
    QTest::newRow("text after string") << u"[BODY].msg == \"a\" b"_s << 19
                                       << u"unexpected text after the closing quote"_s;
    QTest::newRow("bad regex") << u"[BODY] =~ \"a(b\""_s << 15
                               << u"the regular expression is not valid at character 4: missing closing parenthesis"_s;
    QTest::newRow("bad bare regex") << u"[BODY] =~ x[a"_s << 14
                                    << u"the regular expression is not valid at character 4: missing terminating ] "
                                       u"for character class"_s;
    QTest::newRow("pat on the left") << u"pat([BODY]) == x"_s << 1
                                     << u"pat() goes on the right side of == or !=, as in [BODY].name == pat(api-*)"_s;
    QTest::newRow("any on the left") << u"any([STATUS]) == 200"_s << 1
                                     << u"any() goes on the right side of == or !=, as in [BODY].name == pat(api-*)"_s;
    QTest::newRow("pat with <") << u"[BODY].name < pat(a*)"_s << 15 << u"pat() only works with == and !="_s;
    QTest::newRow("unclosed pat") << u"[BODY].name == pat(a*"_s << 22 << u"missing ) to close pat("_s;
    QTest::newRow("empty any value") << u"[STATUS] == any(200, , 204)"_s << 22 << u"a value is missing in any()"_s;
    QTest::newRow("unclosed len") << u"len([BODY] > 3"_s << 12 << u"missing ) to close len("_s;
    QTest::newRow("len without placeholder")
        << u"len(3) > 3"_s << 5 << u"len() takes a placeholder, as in len([BODY].items)"_s;
    QTest::newRow("len of status") << u"len([STATUS]) > 1"_s << 1
                                   << u"len() measures [BODY], a [BODY] path, a [HEADER], [IP], [DNS_RCODE] or "
                                      u"[DNS_ANSWERS], not [STATUS]"_s;
    QTest::newRow("has of ip") << u"has([IP]) == true"_s << 1
                               << u"has() checks a [BODY] path or a [HEADER], not [IP]"_s;
    QTest::newRow("has with a number") << u"has([BODY].x) == 1"_s << 18
                                       << u"has() is compared with true or false, as in has([BODY].id) == true"_s;
    QTest::newRow("header without name") << u"[HEADER] == x"_s << 9
                                         << u"[HEADER] needs a header name, as in [HEADER].Content-Type"_s;
    QTest::newRow("path on status") << u"[STATUS].code == 200"_s << 9 << u"[STATUS] takes no path"_s;
    QTest::newRow("empty path name") << u"[BODY]..a == 1"_s << 8
                                     << u"a name is missing in the JSON path after the dot"_s;
    QTest::newRow("bad index") << u"[BODY].a[x] == 1"_s << 9
                               << u"an index in a JSON path is a number between brackets, as in [BODY].items[0]"_s;
    QTest::newRow("placeholder on the right") << u"[BODY].a == [STATUS]"_s << 13
                                              << u"the right side is a value such as 200, UP or \"text\", not a "
                                                 u"placeholder"_s;
    QTest::newRow("status against a word")
        << u"[STATUS] == OK"_s << 13 << u"[STATUS] is a number: compare it with a number, not \"OK\""_s;
    QTest::newRow("certificate against a word")
        << u"[CERTIFICATE_EXPIRATION] > 2 weeks"_s << 28
        << u"[CERTIFICATE_EXPIRATION] is a duration: compare it with a duration such as 48h, 30d or 1h30m, or with "
           u"milliseconds, not \"2 weeks\""_s;
    QTest::newRow("ordering true") << u"[BODY].ok < true"_s << 13
                                   << u"true cannot be ordered: compare it with == or !="_s;
    QTest::newRow("connected against a word")
        << u"[CONNECTED] == yes"_s << 16 << u"[CONNECTED] is compared with true or false"_s;
}

void tst_Condition::rejects()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    QFETCH(QString, message);
    const auto condition = Condition::parse(text);
    QVERIFY2(!condition.has_value(), "parsed a condition that should be refused");
    QCOMPARE(condition.error().message, message);
    QCOMPARE(condition.error().column, column);
}

void tst_Condition::evaluates_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");

    const auto pass = [](const char *name, const char *context, const QString &text) {
        QTest::newRow(name) << QString::fromLatin1(context) << text << true << QString();
    };
    const auto fail = [](const char *name, const char *context, const QString &text, const QString &message) {
        QTest::newRow(name) << QString::fromLatin1(context) << text << false << message;
    };

    // [STATUS] and the comparison operators
    pass("status ==", "http", u"[STATUS] == 200"_s);
    fail("status == fails", "http503", u"[STATUS] == 200"_s, u"[STATUS] == 200 failed: [STATUS] was 503"_s);
    pass("status !=", "http503", u"[STATUS] != 200"_s);
    pass("status <", "http", u"[STATUS] < 300"_s);
    fail("status < fails", "http503", u"[STATUS] < 300"_s, u"[STATUS] < 300 failed: [STATUS] was 503"_s);
    pass("status <=", "http", u"[STATUS] <= 200"_s);
    pass("status >", "http503", u"[STATUS] > 499"_s);
    pass("status >=", "http", u"[STATUS] >= 200"_s);
    fail("status >= fails", "http", u"[STATUS] >= 201"_s, u"[STATUS] >= 201 failed: [STATUS] was 200"_s);
    pass("status regex", "http", u"[STATUS] =~ ^2"_s);
    pass("status not regex", "http", u"[STATUS] !~ ^5"_s);
    fail("status not regex fails", "http503", u"[STATUS] !~ ^5"_s, u"[STATUS] !~ ^5 failed: [STATUS] was 503"_s);
    pass("status any", "empty", u"[STATUS] == any(200, 204)"_s);
    fail("status any fails", "http503", u"[STATUS] == any(200, 204)"_s,
         u"[STATUS] == any(200, 204) failed: [STATUS] was 503"_s);
    pass("status not any", "http503", u"[STATUS] != any(200, 204)"_s);
    pass("status pattern", "empty", u"[STATUS] == pat(2?\?)"_s);
    fail("status absent", "tcp", u"[STATUS] == 200"_s,
         u"[STATUS] == 200 failed: [STATUS] is not available for this probe"_s);

    // [RESPONSE_TIME]: milliseconds, or a duration
    pass("response time in ms", "http", u"[RESPONSE_TIME] < 300"_s);
    pass("response time duration", "http", u"[RESPONSE_TIME] < 1s"_s);
    fail("response time too slow", "http503", u"[RESPONSE_TIME] < 1s"_s,
         u"[RESPONSE_TIME] < 1s failed: [RESPONSE_TIME] was 2.5s"_s);
    pass("response time fraction", "http", u"[RESPONSE_TIME] > 123.3"_s);

    // [CERTIFICATE_EXPIRATION]
    pass("certificate days", "http", u"[CERTIFICATE_EXPIRATION] > 7d"_s);
    fail("certificate too close", "http", u"[CERTIFICATE_EXPIRATION] > 30d"_s,
         u"[CERTIFICATE_EXPIRATION] > 30d failed: [CERTIFICATE_EXPIRATION] was 10d3h"_s);
    pass("certificate hours", "http", u"[CERTIFICATE_EXPIRATION] > 48h"_s);
    pass("certificate ms", "http", u"[CERTIFICATE_EXPIRATION] > 86400000"_s);
    fail("certificate expired", "expired", u"[CERTIFICATE_EXPIRATION] > 0"_s,
         u"[CERTIFICATE_EXPIRATION] > 0 failed: [CERTIFICATE_EXPIRATION] was -2d"_s);
    fail("certificate absent", "http503", u"[CERTIFICATE_EXPIRATION] > 7d"_s,
         u"[CERTIFICATE_EXPIRATION] > 7d failed: [CERTIFICATE_EXPIRATION] is not available for this probe"_s);

    // [BODY] as a whole
    pass("body regex", "plain", u"[BODY] =~ \"^OK \\d+\""_s);
    fail("body regex fails", "http503", u"[BODY] =~ ^OK"_s,
         u"[BODY] =~ ^OK failed: [BODY] was \"Service Unavailable\\n\""_s);
    pass("body len in bytes", "plain", u"len([BODY]) == 6"_s);
    pass("empty body", "empty", u"len([BODY]) == 0"_s);
    pass("body quoted text", "http503", u"[BODY] != \"OK\""_s);
    fail("body absent", "tcp", u"[BODY] =~ OK"_s, u"[BODY] =~ OK failed: [BODY] is not available for this probe"_s);

    // JSON paths: strings, numbers, booleans, null, arrays
    pass("json string", "http", u"[BODY].status == UP"_s);
    fail("json string fails", "http", u"[BODY].status == DOWN"_s,
         u"[BODY].status == DOWN failed: [BODY].status was \"UP\""_s);
    pass("json quoted string", "http", u"[BODY].status == \"UP\""_s);
    pass("json number", "http", u"[BODY].count == 3"_s);
    pass("json number as 3.0", "http", u"[BODY].count == 3.0"_s);
    pass("json number ordering", "http", u"[BODY].ratio > 1.25"_s);
    fail("json number ordering fails", "http", u"[BODY].ratio > 2"_s,
         u"[BODY].ratio > 2 failed: [BODY].ratio was 1.5"_s);
    pass("json string is not a number", "http", u"[BODY].version != 1.1"_s);
    pass("json string equal as text", "http", u"[BODY].version == 1.10"_s);
    pass("json numeric string as text", "http", u"[BODY].numeric == 42"_s);
    pass("json number vs quoted text", "http", u"[BODY].count == \"3\""_s);
    pass("json true", "http", u"[BODY].ok == true"_s);
    fail("json true fails", "http", u"[BODY].ok == false"_s, u"[BODY].ok == false failed: [BODY].ok was true"_s);
    pass("json null", "http", u"[BODY].nothing == null"_s);
    fail("json null fails", "http", u"[BODY].status == null"_s,
         u"[BODY].status == null failed: [BODY].status was \"UP\""_s);
    pass("json array element", "http", u"[BODY].items[1].name == web"_s);
    pass("json nested arrays", "http", u"[BODY].nested.a.b[1] == 20"_s);
    pass("json root array", "array", u"[BODY][1].id == 2"_s);
    pass("json root array nested", "array", u"[BODY][0].tags[0] == x"_s);
    fail("json missing key", "http", u"[BODY].state == UP"_s,
         u"[BODY].state == UP failed: the body has no \"state\""_s);
    fail("json missing index", "http", u"[BODY].items[5].name == web"_s,
         u"[BODY].items[5].name == web failed: the body has no \"items[5]\""_s);
    fail("json missing nested key", "http", u"[BODY].nested.a.c == 1"_s,
         u"[BODY].nested.a.c == 1 failed: the body has no \"nested.a.c\""_s);
    fail("json key into a string", "http", u"[BODY].status.code == 1"_s,
         u"[BODY].status.code == 1 failed: the body has no \"status.code\""_s);
    fail("json object shown compactly", "http", u"[BODY].nested == x"_s,
         u"[BODY].nested == x failed: [BODY].nested was {\"a\":{\"b\":[10,20]}}"_s);
    fail("json long value truncated", "http", u"[BODY].long == x"_s,
         u"[BODY].long == x failed: [BODY].long was \"" + u"0123456789"_s.repeated(8).left(79) + u"…\""_s);
    fail("json line breaks escaped", "http", u"[BODY].multiline == x"_s,
         u"[BODY].multiline == x failed: [BODY].multiline was \"first\\nsecond\""_s);
    fail("not json", "http503", u"[BODY].status == UP"_s,
         u"[BODY].status == UP failed: the body is not JSON (line 1, column 2: illegal value)"_s);
    fail("broken json", "broken", u"[BODY].status == UP"_s,
         u"[BODY].status == UP failed: the body is not JSON (line 2, column 13: illegal number)"_s);
    fail("json on an empty body", "empty", u"[BODY].status == UP"_s,
         u"[BODY].status == UP failed: the body is empty"_s);
    pass("json regex", "http", u"[BODY].name =~ \"^api-(eu|us)-\\d$\""_s);
    pass("json regex on a number", "http", u"[BODY].count =~ ^3$"_s);

    // len() and has()
    pass("len of array", "http", u"len([BODY].items) == 2"_s);
    fail("len of empty array", "http", u"len([BODY].empty) > 0"_s,
         u"len([BODY].empty) > 0 failed: len([BODY].empty) was 0"_s);
    pass("len of object", "http", u"len([BODY].nested.a) == 1"_s);
    pass("len of string", "http", u"len([BODY].status) == 2"_s);
    pass("len of header", "http", u"len([HEADER].X-Count) == 2"_s);
    pass("len of answers", "dns", u"len([DNS_ANSWERS]) == 2"_s);
    pass("has path", "http", u"has([BODY].items[0].id) == true"_s);
    pass("has missing path", "http", u"has([BODY].errors) == false"_s);
    fail("has fails", "http", u"has([BODY].errors) == true"_s,
         u"has([BODY].errors) == true failed: has([BODY].errors) was false"_s);
    pass("has with !=", "http", u"has([BODY].status) != false"_s);
    pass("has on a non-JSON body", "http503", u"has([BODY].status) == false"_s);
    pass("has header", "http", u"has([HEADER].content-type) == true"_s);
    pass("has missing header", "http", u"has([HEADER].ETag) == false"_s);

    // pat() and any()
    pass("pat star", "http", u"[BODY].name == pat(api-*)"_s);
    pass("pat question mark", "http", u"[BODY].name == pat(api-?\?-1)"_s);
    fail("pat anchored", "http", u"[BODY].name == pat(eu*)"_s,
         u"[BODY].name == pat(eu*) failed: [BODY].name was \"api-eu-1\""_s);
    pass("pat dot is literal", "http", u"[BODY].version != pat(1x10)"_s);
    pass("pat negated", "http", u"[BODY].name != pat(web-*)"_s);
    pass("any of texts", "http", u"[BODY].status == any(UP, DEGRADED)"_s);
    pass("any of quoted", "http", u"[BODY].status == any(\"DOWN, really\", \"UP\")"_s);
    pass("not any", "http", u"[BODY].status != any(DOWN, DEGRADED)"_s);

    // [HEADER]
    pass("header case-insensitive name", "http", u"[HEADER].Content-Type =~ ^application/json"_s);
    pass("header numeric", "http", u"[HEADER].X-Count > 9"_s);
    fail("header missing", "http", u"[HEADER].ETag == abc"_s,
         u"[HEADER].ETag == abc failed: the response has no ETag header"_s);

    // [CONNECTED], [IP]
    pass("connected", "http", u"[CONNECTED] == true"_s);
    fail("not connected", "tcp", u"[CONNECTED] == true"_s, u"[CONNECTED] == true failed: [CONNECTED] was false"_s);
    fail("connected absent", "dns", u"[CONNECTED] == true"_s,
         u"[CONNECTED] == true failed: [CONNECTED] is not available for this probe"_s);
    pass("ip", "http", u"[IP] == 192.0.2.10"_s);
    pass("ipv6 pattern", "tcp", u"[IP] == pat(2001:db8:*)"_s);
    fail("ip differs", "http", u"[IP] == 192.0.2.11"_s, u"[IP] == 192.0.2.11 failed: [IP] was \"192.0.2.10\""_s);

    // DNS
    pass("rcode", "dns", u"[DNS_RCODE] == NOERROR"_s);
    fail("rcode fails", "nxdomain", u"[DNS_RCODE] == NOERROR"_s,
         u"[DNS_RCODE] == NOERROR failed: [DNS_RCODE] was \"NXDOMAIN\""_s);
    pass("answers any equal", "dns", u"[DNS_ANSWERS] == 192.0.2.2"_s);
    fail("answers none equal", "dns", u"[DNS_ANSWERS] == 192.0.2.3"_s,
         u"[DNS_ANSWERS] == 192.0.2.3 failed: [DNS_ANSWERS] were 192.0.2.1, 192.0.2.2"_s);
    pass("answers regex", "dns", u"[DNS_ANSWERS] =~ \\.2$"_s);
    fail("no answers", "nxdomain", u"[DNS_ANSWERS] == 192.0.2.1"_s,
         u"[DNS_ANSWERS] == 192.0.2.1 failed: there were no DNS answers"_s);
    fail("answers absent", "http", u"[DNS_ANSWERS] == 192.0.2.1"_s,
         u"[DNS_ANSWERS] == 192.0.2.1 failed: [DNS_ANSWERS] is not available for this probe"_s);
    fail("rcode absent", "http", u"[DNS_RCODE] == NOERROR"_s,
         u"[DNS_RCODE] == NOERROR failed: [DNS_RCODE] is not available for this probe"_s);

    // messages quote the condition without its surrounding spaces
    fail("trimmed in messages", "http503", u"  [STATUS]==200 "_s, u"[STATUS]==200 failed: [STATUS] was 503"_s);
}

void tst_Condition::evaluates()
{
    QFETCH(QString, context);
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, message);
    const auto condition = Condition::parse(text);
    QVERIFY2(condition.has_value(), qPrintable(condition ? QString() : condition.error().message));
    const Condition::Outcome outcome = condition->evaluate(contextNamed(context));
    QCOMPARE(outcome.message.toString(), message);
    QCOMPARE(outcome.ok, ok);
}

void tst_Condition::keepsTextAndWarningFlag()
{
    const auto critical = Condition::parse(u" [STATUS] == 200"_s);
    const auto warning = Condition::parse(u" [STATUS] == 200"_s, true);
    QVERIFY(critical && warning);
    QCOMPARE(critical->text(), u" [STATUS] == 200"_s);
    QVERIFY(!critical->isWarning());
    QVERIFY(warning->isWarning());
    QVERIFY(!(*critical == *warning));
}

void tst_Condition::copiesShareTheParsedForm()
{
    const auto parsed = Condition::parse(u"[BODY].status == UP"_s, true);
    QVERIFY(parsed);
    const Condition copy = *parsed;
    QVERIFY(copy == *parsed);
    QVERIFY(copy.isWarning());
    QVERIFY(copy.evaluate(contextNamed(u"http"_s)).ok);
    QVERIFY(!copy.evaluate(contextNamed(u"http503"_s)).ok);
}

void tst_Condition::emptyConditionHolds()
{
    const Condition none;
    QVERIFY(none.text().isEmpty());
    QVERIFY(!none.isWarning());
    QVERIFY(none.evaluate(contextNamed(u"http503"_s)).ok);
}

void tst_Condition::verdictSplitsCriticalAndWarnings()
{
    QList<Condition> conditions;
    for (const auto &[text, warning] :
         {std::pair{u"[STATUS] == 200"_s, false}, std::pair{u"[RESPONSE_TIME] < 1s"_s, true},
          std::pair{u"[BODY].status == UP"_s, false}, std::pair{u"[BODY].count > 5"_s, true},
          std::pair{u"[CONNECTED] == true"_s, false}}) {
        const auto condition = Condition::parse(text, warning);
        QVERIFY(condition);
        conditions.append(*condition);
    }

    const ConditionsVerdict good = evaluateConditions(conditions.mid(0, 3), contextNamed(u"http"_s));
    QVERIFY(good.failedCritical.isEmpty());
    QVERIFY(good.failedWarnings.isEmpty());

    const ConditionsVerdict verdict = evaluateConditions(conditions, contextNamed(u"http"_s));
    QCOMPARE(texts(verdict.failedCritical), QStringList());
    QCOMPARE(texts(verdict.failedWarnings), QStringList{u"[BODY].count > 5 failed: [BODY].count was 3"_s});

    const ConditionsVerdict bad = evaluateConditions(conditions, contextNamed(u"http503"_s));
    QCOMPARE(texts(bad.failedCritical),
             (QStringList{u"[STATUS] == 200 failed: [STATUS] was 503"_s,
                          u"[BODY].status == UP failed: the body is not JSON (line 1, column 2: illegal value)"_s,
                          u"[CONNECTED] == true failed: [CONNECTED] is not available for this probe"_s}));
    QCOMPARE(texts(bad.failedWarnings),
             (QStringList{u"[RESPONSE_TIME] < 1s failed: [RESPONSE_TIME] was 2.5s"_s,
                          u"[BODY].count > 5 failed: the body is not JSON (line 1, column 2: illegal value)"_s}));
}

void tst_Condition::verdictSharesOneParsedBodyAcrossConditions()
{
    // The body is parsed once for all the conditions: each one must still see the same document.
    QList<Condition> conditions;
    for (const QString &text :
         {u"[BODY].items[0].id == 1"_s, u"len([BODY].tags) == 3"_s, u"[BODY].nested.a.b[0] < 11"_s,
          u"has([BODY].nothing) == true"_s, u"[BODY] =~ \"\\\"status\\\": \\\"UP\\\"\""_s}) {
        const auto condition = Condition::parse(text);
        QVERIFY2(condition, qPrintable(text));
        conditions.append(*condition);
    }
    const ConditionsVerdict verdict = evaluateConditions(conditions, contextNamed(u"http"_s));
    QCOMPARE(texts(verdict.failedCritical), QStringList());
    QCOMPARE(texts(verdict.failedWarnings), QStringList());
}

void tst_Condition::conditionsFoldIntoAResult_data()
{
    QTest::addColumn<HealthState>("ownStatus");
    QTest::addColumn<ProbePhase>("ownPhase");
    QTest::addColumn<QString>("ownError");
    QTest::addColumn<QStringList>("critical");
    QTest::addColumn<QStringList>("warnings");
    QTest::addColumn<HealthState>("status");
    QTest::addColumn<ProbePhase>("phase");
    QTest::addColumn<QStringList>("errors"); // how each part of the error starts, in order

    const QString passes = u"[STATUS] == 200"_s;
    const QString failsCritical = u"[STATUS] == 204"_s;
    const QString failsAlso = u"[STATUS] == 201"_s;
    const QString failsWarning = u"[STATUS] == 299"_s;
    const auto up = HealthState::Up;
    const auto degraded = HealthState::Degraded;
    const auto down = HealthState::Down;

    QTest::newRow("up, conditions pass") << up << ProbePhase::None << QString() << QStringList{passes}
                                         << QStringList{passes} << up << ProbePhase::None << QStringList{};
    QTest::newRow("up, a warning fails") << up << ProbePhase::None << QString() << QStringList{passes}
                                         << QStringList{failsWarning} << degraded << ProbePhase::Condition
                                         << QStringList{failsWarning};
    QTest::newRow("up, critical ones fail, in the order written")
        << up << ProbePhase::None << QString() << QStringList{failsCritical, passes, failsAlso}
        << QStringList{failsWarning} << down << ProbePhase::Condition << QStringList{failsCritical, failsAlso};
    QTest::newRow("degraded on its own, a warning fails too")
        << degraded << ProbePhase::Latency << u"slow: 900 ms"_s << QStringList{} << QStringList{failsWarning}
        << degraded << ProbePhase::Latency << QStringList{u"slow: 900 ms"_s, failsWarning};
    QTest::newRow("degraded on its own, conditions pass")
        << degraded << ProbePhase::Certificate << u"expires in 10 days"_s << QStringList{passes} << QStringList{passes}
        << degraded << ProbePhase::Certificate << QStringList{u"expires in 10 days"_s};
    QTest::newRow("degraded on its own, a critical one fails")
        << degraded << ProbePhase::Certificate << u"expires in 10 days"_s << QStringList{failsCritical}
        << QStringList{failsWarning} << down << ProbePhase::Condition << QStringList{failsCritical};
    QTest::newRow("down on its own: not judged further")
        << down << ProbePhase::Status << u"HTTP status 503"_s << QStringList{failsCritical} << QStringList{failsWarning}
        << down << ProbePhase::Status << QStringList{u"HTTP status 503"_s};
}

void tst_Condition::conditionsFoldIntoAResult()
{
    QFETCH(HealthState, ownStatus);
    QFETCH(ProbePhase, ownPhase);
    QFETCH(QString, ownError);
    QFETCH(QStringList, critical);
    QFETCH(QStringList, warnings);
    QFETCH(HealthState, status);
    QFETCH(ProbePhase, phase);
    QFETCH(QStringList, errors);

    QList<Condition> conditions;
    for (const QString &text : critical)
        conditions.append(Condition::parse(text).value());
    for (const QString &text : warnings)
        conditions.append(Condition::parse(text, true).value());
    ProbeResult result;
    result.status = ownStatus;
    result.failedPhase = ownPhase;
    result.error = Message::verbatim(ownError);
    applyConditions(result, conditions, contextNamed(u"http"_s));

    QCOMPARE(result.status, status);
    QCOMPARE(result.failedPhase, phase);
    const QStringList parts =
        result.error.toString().isEmpty() ? QStringList{} : result.error.toString().split(u"; "_s);
    QCOMPARE(parts.size(), errors.size());
    for (qsizetype i = 0; i < parts.size(); ++i)
        QVERIFY2(parts.at(i).startsWith(errors.at(i)), qPrintable(result.error.toString()));
}

QTEST_GUILESS_MAIN(tst_Condition)
#include "tst_condition.moc"
