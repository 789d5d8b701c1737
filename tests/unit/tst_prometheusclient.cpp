#include "metrics/prometheusclient.h"
#include "probeonce.h"
#include "probes/prometheusprober.h"
#include "testservers.h"
#include "workspace/workspaceloader.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

QByteArray json(int status, const QByteArray &body)
{
    return httpResponse(status, body, {{"Content-Type", "application/json"}});
}

QByteArray vector(const QByteArray &items)
{
    return json(200, R"({"status":"success","data":{"resultType":"vector","result":[)" + items + "]}}");
}

QByteArray blackbox(const char *instance, const char *value)
{
    return QByteArray(R"({"metric":{"__name__":"probe_success","instance":")") + instance +
           R"(","job":"blackbox"},"value":[1700000000.5,")" + value + "\"]}";
}

// Runs one request to its end.
PrometheusReply waitFor(PrometheusClient &client, quint64 id)
{
    QSignalSpy spy(&client, &PrometheusClient::finished);
    if (!spy.wait(15000) || spy.at(0).at(0).value<quint64>() != id)
        return std::unexpected(
            PrometheusError{PrometheusFailure::Config, 0, {}, {}, Message::verbatim(u"no answer"_s)});
    return spy.at(0).at(1).value<PrometheusReply>();
}

ProbeSpec prometheusProbe(const QString &target, const QString &query)
{
    ProbeSpec spec;
    spec.setKind(ProbeKind::Prometheus);
    spec.target = target;
    spec.timeout = 5s;
    spec.options<PrometheusOptions>().query = query;
    return spec;
}

// The query string of a request as the server decodes it (a `+` is a space, as Go reads it).
QString queryItem(const QByteArray &encoded, const QString &name)
{
    QByteArray plusAsSpace = encoded;
    plusAsSpace.replace('+', ' ');
    return QUrlQuery(QString::fromLatin1(plusAsSpace)).queryItemValue(name, QUrl::FullyDecoded);
}

} // namespace

class TestPrometheusClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesVector();
    void parsesMatrixWithNaNAndInfinities();
    void parsesScalarAndString();
    void keepsWarnings();
    void apiErrorIsShownVerbatim();
    void httpErrorWithoutApiBody();
    void notJson();
    void step_data();
    void step();

    void sendsQueryRangeEncoded();
    void postsAForm();
    void sendsBearerToken();
    void connectionRefused();
    void timesOut();

    void proberAllUp();
    void proberNoSeries();
    void proberNamesFailingSeries();
    void proberEachSeriesCondition();
    void proberShowsPrometheusError();
    void proberConditionOnValue();
    void proberMissingSecret();

    void workspaceReadsPrometheusProbe();
    void workspaceErrors_data();
    void workspaceErrors();
};

void TestPrometheusClient::parsesVector()
{
    const QByteArray body = R"({"status":"success","data":{"resultType":"vector","result":[
        {"metric":{"job":"node","__name__":"up","instance":"127.0.0.1:9100"},"value":[1700000000.123,"1"]}]}})";
    const PrometheusReply reply = parsePrometheusResponse(200, body, u"http://p"_s);
    QVERIFY(reply);
    QCOMPARE(reply->type, PrometheusResultType::Vector);
    QCOMPARE(reply->series.size(), 1);
    const PrometheusSeries &series = reply->series.first();
    QCOMPARE(series.metric(), u"up"_s);
    QCOMPARE(series.name(), u"up{instance=\"127.0.0.1:9100\",job=\"node\"}"_s);
    QCOMPARE(series.labelText(), u"instance=\"127.0.0.1:9100\", job=\"node\""_s);
    QCOMPARE(series.samples, (QList<Sample>{{1700000000123, 1.0}}));
    QVERIFY(!series.hasInfinity);
}

void TestPrometheusClient::parsesMatrixWithNaNAndInfinities()
{
    const QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{},"values":[[1700000000,"0.5"],[1700000015,"NaN"],[1700000030,"+Inf"],[1700000045,"-Inf"],
                               [1700000060,"2e3"]]},
        {"metric":{"a":"b"},"values":[[1700000000,"1"]]}]}})";
    const PrometheusReply reply = parsePrometheusResponse(200, body, u"http://p"_s);
    QVERIFY(reply);
    QCOMPARE(reply->type, PrometheusResultType::Matrix);
    QCOMPARE(reply->series.size(), 2);
    const QList<Sample> &samples = reply->series.at(0).samples;
    QCOMPARE(samples.size(), 5);
    QCOMPARE(samples.at(0).timestampMs, 1700000000000);
    QCOMPARE(samples.at(0).value, 0.5);
    QVERIFY(samples.at(1).isGap());
    QVERIFY(std::isinf(samples.at(2).value) && samples.at(2).value > 0);
    QVERIFY(std::isinf(samples.at(3).value) && samples.at(3).value < 0);
    QCOMPARE(samples.at(4).value, 2000.0);
    QVERIFY(reply->series.at(0).hasInfinity);
    QVERIFY(!reply->series.at(1).hasInfinity);
    QCOMPARE(reply->series.at(0).name(), u"{}"_s);
}

void TestPrometheusClient::parsesScalarAndString()
{
    const PrometheusReply scalar = parsePrometheusResponse(
        200, R"({"status":"success","data":{"resultType":"scalar","result":[1700000000,"NaN"]}})", u"p"_s);
    QVERIFY(scalar);
    QCOMPARE(scalar->type, PrometheusResultType::Scalar);
    QCOMPARE(scalar->series.size(), 1);
    QVERIFY(scalar->series.first().labels.isEmpty());
    QVERIFY(scalar->series.first().samples.first().isGap());

    const PrometheusReply text = parsePrometheusResponse(
        200, R"({"status":"success","data":{"resultType":"string","result":[1700000000,"hello"]}})", u"p"_s);
    QVERIFY(text);
    QCOMPARE(text->type, PrometheusResultType::String);
    QCOMPARE(text->text, u"hello"_s);
    QVERIFY(text->series.isEmpty());
}

void TestPrometheusClient::keepsWarnings()
{
    const PrometheusReply reply = parsePrometheusResponse(
        200,
        R"({"status":"success","warnings":["partial response"],"infos":["metric might not be a counter"],
            "data":{"resultType":"vector","result":[]}})",
        u"p"_s);
    QVERIFY(reply);
    QCOMPARE(reply->warnings, (QStringList{u"partial response"_s, u"metric might not be a counter"_s}));
    QVERIFY(reply->series.isEmpty());
}

void TestPrometheusClient::apiErrorIsShownVerbatim()
{
    const QString serverText = u"1:6: parse error: unexpected right parenthesis ')'"_s;
    const PrometheusReply reply = parsePrometheusResponse(
        400,
        R"({"status":"error","errorType":"bad_data","error":"1:6: parse error: unexpected right parenthesis ')'"})",
        u"http://prom:9090"_s);
    QVERIFY(!reply);
    QCOMPARE(reply.error().failure, PrometheusFailure::Query);
    QCOMPARE(reply.error().httpStatus, 400);
    QCOMPARE(reply.error().errorType, u"bad_data"_s);
    QCOMPARE(reply.error().serverMessage, serverText);
    QCOMPARE(reply.error().message.toSourceString(), u"http://prom:9090 refused the query (bad_data): "_s + serverText);
}

void TestPrometheusClient::httpErrorWithoutApiBody()
{
    const PrometheusReply reply = parsePrometheusResponse(502, "Bad Gateway\n", u"http://prom"_s);
    QVERIFY(!reply);
    QCOMPARE(reply.error().failure, PrometheusFailure::HttpStatus);
    QCOMPARE(reply.error().message.toSourceString(), u"http://prom answered HTTP 502: Bad Gateway"_s);
}

void TestPrometheusClient::notJson()
{
    const PrometheusReply reply = parsePrometheusResponse(200, "<html>login</html>", u"http://prom"_s);
    QVERIFY(!reply);
    QCOMPARE(reply.error().failure, PrometheusFailure::Json);
    QVERIFY2(
        reply.error().message.toSourceString().startsWith(u"http://prom did not answer as the Prometheus API does: "_s),
        qPrintable(reply.error().message.toSourceString()));

    const PrometheusReply malformed = parsePrometheusResponse(
        200, R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}})",
        u"http://prom"_s);
    QVERIFY(!malformed);
    QCOMPARE(malformed.error().failure, PrometheusFailure::Json);
}

void TestPrometheusClient::step_data()
{
    QTest::addColumn<qint64>("rangeMs");
    QTest::addColumn<int>("width");
    QTest::addColumn<qint64>("step");
    QTest::newRow("an hour on 1200 px: 3 s") << qint64(3600'000) << 1200 << qint64(3);
    QTest::newRow("rounded up to a whole second") << qint64(3600'000) << 1000 << qint64(4);
    QTest::newRow("never under a second") << qint64(60'000) << 1920 << qint64(1);
    QTest::newRow("a year on 1920 px") << qint64(365LL * 86400'000) << 1920 << qint64(16425);
    // 4 hours on 20,000 columns would be 1 s, 14,400 points: over the limit, so 2 s.
    QTest::newRow("at most 11,000 points") << qint64(4 * 3600'000) << 20000 << qint64(2);
    QTest::newRow("no width") << qint64(3600'000) << 0 << qint64(3600);
}

void TestPrometheusClient::step()
{
    QFETCH(qint64, rangeMs);
    QFETCH(int, width);
    QFETCH(qint64, step);
    const std::chrono::seconds chosen = prometheusStep(std::chrono::milliseconds(rangeMs), width);
    QCOMPARE(chosen.count(), step);
    QVERIFY(rangeMs / 1000 / chosen.count() <= prometheusMaxPoints);
}

void TestPrometheusClient::sendsQueryRangeEncoded()
{
    RawHttpServer server(json(200, R"({"status":"success","data":{"resultType":"matrix","result":[]}})"));
    PrometheusEndpoint endpoint;
    endpoint.baseUrl = QUrl(server.url(u"/prefix/"_s));
    PrometheusClient client(endpoint);
    const QString expression = u"rate(node_network_receive_bytes_total{device=\"lo\"}[1m]) * 8 + 1"_s;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(1700000000000, QTimeZone::UTC);
    const QDateTime to = from.addSecs(3600);
    const quint64 id = client.queryRange(expression, from, to, 3s);
    const PrometheusReply reply = waitFor(client, id);
    QVERIFY(reply);
    QCOMPARE(reply->type, PrometheusResultType::Matrix);
    QCOMPARE(server.requestCount(), 1);
    const HttpRequest request = server.requests().first();
    QCOMPARE(request.method, "GET");
    const qsizetype mark = request.path.indexOf('?');
    QCOMPARE(request.path.left(mark), "/prefix/api/v1/query_range");
    const QByteArray query = request.path.mid(mark + 1);
    QCOMPARE(queryItem(query, u"query"_s), expression);
    QCOMPARE(queryItem(query, u"start"_s), u"1700000000.000"_s);
    QCOMPARE(queryItem(query, u"end"_s), u"1700003600.000"_s);
    QCOMPARE(queryItem(query, u"step"_s), u"3"_s);
    QCOMPARE(client.runningCount(), 0);
}

void TestPrometheusClient::postsAForm()
{
    RawHttpServer server(vector({}));
    PrometheusEndpoint endpoint;
    endpoint.baseUrl = QUrl(server.url(u"/"_s));
    endpoint.post = true;
    PrometheusClient client(endpoint);
    const quint64 id = client.query(u"up == 1"_s, QDateTime::fromMSecsSinceEpoch(1700000000500, QTimeZone::UTC));
    QVERIFY(waitFor(client, id));
    const HttpRequest request = server.requests().first();
    QCOMPARE(request.method, "POST");
    QCOMPARE(request.path, "/api/v1/query");
    QCOMPARE(request.header("Content-Type"), "application/x-www-form-urlencoded");
    QCOMPARE(queryItem(request.body, u"query"_s), u"up == 1"_s);
    QCOMPARE(queryItem(request.body, u"time"_s), u"1700000000.500"_s);
}

void TestPrometheusClient::sendsBearerToken()
{
    RawHttpServer server(vector({}));
    PrometheusEndpoint endpoint;
    endpoint.baseUrl = QUrl(server.url(u"/"_s));
    endpoint.auth = {HttpAuthType::Bearer, {}, u"prom-token"_s};
    endpoint.secret = "s3cret";
    PrometheusClient client(endpoint);
    QVERIFY(waitFor(client, client.query(u"up"_s)));
    QCOMPARE(server.requests().first().header("Authorization"), "Bearer s3cret");
}

void TestPrometheusClient::connectionRefused()
{
    PrometheusEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:"_s + QString::number(closedPort()));
    PrometheusClient client(endpoint);
    const PrometheusReply reply = waitFor(client, client.query(u"up"_s));
    QVERIFY(!reply);
    QCOMPARE(reply.error().failure, PrometheusFailure::Connect);
    QVERIFY2(reply.error().message.toSourceString().startsWith(u"connection refused by 127.0.0.1:"_s),
             qPrintable(reply.error().message.toSourceString()));
}

void TestPrometheusClient::timesOut()
{
    SilentServer server;
    PrometheusEndpoint endpoint;
    endpoint.baseUrl = QUrl(server.url());
    endpoint.timeout = 300ms;
    PrometheusClient client(endpoint);
    const PrometheusReply reply = waitFor(client, client.query(u"up"_s));
    QVERIFY(!reply);
    QCOMPARE(reply.error().failure, PrometheusFailure::Timeout);
    QCOMPARE(reply.error().message.toSourceString(),
             u"timed out after 0.3 s waiting for "_s + server.url() + u" to answer"_s);
}

void TestPrometheusClient::proberAllUp()
{
    RawHttpServer server(vector(blackbox("a:9115", "1") + ',' + blackbox("b:9115", "1")));
    const auto result = probeOnce<PrometheusProber>(prometheusProbe(server.url(u"/"_s), u"probe_success"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QVERIFY(result->error.isEmpty());
    QCOMPARE(result->detail.toSourceString(), u"2 series"_s);
    QCOMPARE(queryItem(server.requests().first().path.mid(server.requests().first().path.indexOf('?') + 1), u"query"_s),
             u"probe_success"_s);
}

void TestPrometheusClient::proberNoSeries()
{
    RawHttpServer server(vector({}));
    const auto result = probeOnce<PrometheusProber>(prometheusProbe(server.url(u"/"_s), u"probe_success"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Condition);
    QCOMPARE(result->error.toSourceString(), u"the query returned no series"_s);
}

void TestPrometheusClient::proberNamesFailingSeries()
{
    QByteArray items;
    for (int i = 0; i < 14; ++i) {
        const QByteArray instance = "host" + QByteArray::number(i) + ":9115";
        items += (i ? "," : "") + blackbox(instance.constData(), i == 3 || i == 7 || i == 9 || i == 12 ? "0" : "1");
    }
    RawHttpServer server(vector(items));
    const auto result = probeOnce<PrometheusProber>(prometheusProbe(server.url(u"/"_s), u"probe_success"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Condition);
    QCOMPARE(result->error.toSourceString(),
             u"4 of 14 series fail (value 0 or NaN): "
             "probe_success{instance=\"host3:9115\", job=\"blackbox\"} = 0, "
             "probe_success{instance=\"host7:9115\", job=\"blackbox\"} = 0, "
             "probe_success{instance=\"host9:9115\", job=\"blackbox\"} = 0, and 1 more"_s);

    RawHttpServer nan(vector(blackbox("a:9115", "NaN")));
    const auto gap = probeOnce<PrometheusProber>(prometheusProbe(nan.url(u"/"_s), u"probe_success"_s));
    QVERIFY(gap);
    QCOMPARE(gap->status, HealthState::Down);
}

void TestPrometheusClient::proberEachSeriesCondition()
{
    RawHttpServer server(vector(blackbox("a:9115", "0.2") + ',' + blackbox("b:9115", "0.01")));
    ProbeSpec spec = prometheusProbe(server.url(u"/"_s), u"error_ratio"_s);
    spec.options<PrometheusOptions>().eachSeries = *Condition::parse(u"[VALUE] < 0.05"_s);
    const auto result = probeOnce<PrometheusProber>(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->error.toSourceString(),
             u"1 of 2 series fail [VALUE] < 0.05: probe_success{instance=\"a:9115\", job=\"blackbox\"} = 0.2"_s);

    spec.options<PrometheusOptions>().eachSeries = *Condition::parse(u"[VALUE] < 0.5"_s);
    const auto passing = probeOnce<PrometheusProber>(spec);
    QVERIFY(passing);
    QCOMPARE(passing->status, HealthState::Up);
}

void TestPrometheusClient::proberShowsPrometheusError()
{
    RawHttpServer server(json(
        400, R"({"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:8: parse error"})"));
    const auto result = probeOnce<PrometheusProber>(prometheusProbe(server.url(u"/"_s), u"sum(up))"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->httpStatus, 400);
    QCOMPARE(result->error.toSourceString(), server.url(u"/"_s) +
                                                 u" refused the query (bad_data): invalid parameter \"query\": 1:8: "
                                                 "parse error"_s);
}

void TestPrometheusClient::proberConditionOnValue()
{
    RawHttpServer server(json(200, R"({"status":"success","data":{"resultType":"scalar","result":[1,"0.03"]}})"));
    ProbeSpec spec = prometheusProbe(server.url(u"/"_s), u"scalar(error_ratio)"_s);
    spec.conditions.append(*Condition::parse(u"[VALUE] < 0.01"_s, true));
    const auto result = probeOnce<PrometheusProber>(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Degraded);
    QCOMPARE(result->failedPhase, ProbePhase::Condition);
    QCOMPARE(result->error.toSourceString(), u"[VALUE] < 0.01 failed: [VALUE] was 0.03"_s);
    QCOMPARE(result->detail.toSourceString(), u"value 0.03"_s);
}

void TestPrometheusClient::proberMissingSecret()
{
    ProbeSpec spec = prometheusProbe(u"http://127.0.0.1:9"_s, u"up"_s);
    spec.options<PrometheusOptions>().auth = {HttpAuthType::Bearer, {}, u"prom-token"_s};
    const auto result = probeOnce<PrometheusProber>(spec);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error.toSourceString(),
             u"the secret \"prom-token\" is not in the keychain; add it with: vigie secret set prom-token"_s);
}

void TestPrometheusClient::workspaceReadsPrometheusProbe()
{
    const QByteArray yaml = R"(name: fleet
services:
  - id: edge
    probes:
      - prometheus: http://127.0.0.1:9090
        query: 'probe_success{job="blackbox"}'
        each_series: '[VALUE] >= 1'
        auth: {type: bearer, secret: prom-token}
        conditions: ['[RESPONSE_TIME] < 2000']
        interval: 30s
)";
    const auto workspace = WorkspaceLoader::parse(yaml, u"fleet.yaml"_s);
    QVERIFY2(workspace, workspace ? "" : qPrintable(workspace.error().first().toString()));
    const ProbeSpec &probe = workspace->services.first().probes.first();
    QCOMPARE(probe.kind(), ProbeKind::Prometheus);
    QCOMPARE(probe.kindName(), u"prometheus"_s);
    QCOMPARE(probe.target, u"http://127.0.0.1:9090"_s);
    const PrometheusOptions &options = probe.options<PrometheusOptions>();
    QCOMPARE(options.query, u"probe_success{job=\"blackbox\"}"_s);
    QVERIFY(options.eachSeries);
    QCOMPARE(options.eachSeries->text(), u"[VALUE] >= 1"_s);
    QCOMPARE(options.auth.type, HttpAuthType::Bearer);
    QCOMPARE(options.auth.secretName, u"prom-token"_s);
    QCOMPARE(probe.conditions.size(), 1);
    QCOMPARE(workspace->secretNames(), QStringList{u"prom-token"_s});
}

void TestPrometheusClient::workspaceErrors_data()
{
    QTest::addColumn<QByteArray>("probe");
    QTest::addColumn<QString>("error");
    QTest::newRow("no query") << QByteArray("      - prometheus: http://127.0.0.1:9090\n")
                              << u"w.yaml:5:9: this prometheus probe has no 'query'; add the PromQL expression whose "
                                 "result decides its state, for example query: 'probe_success{job=\"blackbox\"}'"_s;
    QTest::newRow("not a URL") << QByteArray("      - prometheus: 127.0.0.1:9090\n        query: up\n")
                               << u"w.yaml:5:21: '127.0.0.1:9090' is not a prometheus target; expected the address "
                                  "of a Prometheus server (or of anything that speaks its HTTP API), for example "
                                  "http://prometheus.example.org:9090"_s;
    QTest::newRow("each_series without [VALUE]")
        << QByteArray("      - prometheus: http://p:9090\n        query: up\n        each_series: '[STATUS] == 1'\n")
        << u"w.yaml:7:22: each_series checks [VALUE], each series' value: write it as [VALUE] >= 1, [VALUE] == 0 "
           "or [VALUE] < 0.05, not '[STATUS] == 1'"_s;
    QTest::newRow("each_series invalid")
        << QByteArray("      - prometheus: http://p:9090\n        query: up\n        each_series: '[VALUE] >= high'\n")
        << u"w.yaml:7:34: invalid condition '[VALUE] >= high': [VALUE] is a number: "
           "compare it with a number, not \"high\""_s;
    QTest::newRow("key of another kind")
        << QByteArray("      - prometheus: http://p:9090\n        query: up\n        components: [API]\n")
        << u"w.yaml:7:9: 'components' applies to statuspage probes only; this is a "
           "prometheus probe"_s;
    QTest::newRow("query on an http probe") << QByteArray("      - http: http://p\n        query: up\n")
                                            << u"w.yaml:6:9: 'query' applies to prometheus probes only; this is an "
                                               "http probe"_s;
}

void TestPrometheusClient::workspaceErrors()
{
    QFETCH(QByteArray, probe);
    QFETCH(QString, error);
    const QByteArray yaml = "name: w\nservices:\n  - id: s\n    probes:\n" + probe;
    const auto workspace = WorkspaceLoader::parse(yaml, u"w.yaml"_s);
    QVERIFY(!workspace);
    QCOMPARE(workspace.error().first().toString(), error);
}

QTEST_GUILESS_MAIN(TestPrometheusClient)
#include "tst_prometheusclient.moc"
