#include "metrics/prometheusclient.h"
#include "probeonce.h"
#include "probes/prometheusprober.h"
#include "realservers.h"
#include "testservers.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

// The Prometheus HTTP API client and the prometheus probe against a real prometheus scraping a real
// prometheus-node-exporter every second, both on loopback.
class TestPrometheus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void queryRangeOfACounter();
    void rateOfACounter();
    void invalidQueryShowsPrometheusError();
    void nanAndInfinities();
    void probeUp();
    void probeDownNamesTheSeries();
    void probeNoSeries();

private:
    PrometheusReply run(const std::function<quint64(PrometheusClient &)> &request);
    ProbeSpec probe(const QString &query) const;

    NodeExporter m_exporter;
    PrometheusServer m_prometheus;
    quint16 m_deadPort = 0;
};

void TestPrometheus::initTestCase()
{
    QVERIFY(m_exporter.start());
    m_deadPort = closedPort();
    QVERIFY(m_prometheus.start(
        {{u"node"_s, {m_exporter.hostPort()}}, {u"dead"_s, {u"127.0.0.1:"_s + QString::number(m_deadPort)}}}));
    // A rate needs two scrapes of the counter; the dead job one failed scrape.
    QVERIFY(m_prometheus.waitForSeries(u"rate(node_network_receive_bytes_total{device=\"lo\"}[5s])"_s));
    QVERIFY(m_prometheus.waitForSeries(u"up{job=\"dead\"}"_s));
}

PrometheusReply TestPrometheus::run(const std::function<quint64(PrometheusClient &)> &request)
{
    PrometheusEndpoint endpoint;
    endpoint.baseUrl = QUrl(m_prometheus.url());
    endpoint.timeout = 10s;
    PrometheusClient client(endpoint);
    QSignalSpy spy(&client, &PrometheusClient::finished);
    const quint64 id = request(client);
    if (!spy.wait(15000) || spy.at(0).at(0).value<quint64>() != id)
        return std::unexpected(PrometheusError{PrometheusFailure::Timeout, 0, {}, {}, Message::verbatim(u"none"_s)});
    return spy.at(0).at(1).value<PrometheusReply>();
}

ProbeSpec TestPrometheus::probe(const QString &query) const
{
    ProbeSpec spec;
    spec.setKind(ProbeKind::Prometheus);
    spec.target = m_prometheus.url();
    spec.timeout = 10s;
    spec.options<PrometheusOptions>().query = query;
    return spec;
}

void TestPrometheus::queryRangeOfACounter()
{
    const QDateTime to = QDateTime::currentDateTimeUtc();
    const QDateTime from = to.addSecs(-60);
    const std::chrono::seconds step = prometheusStep(60s, 60);
    QCOMPARE(step, 1s);
    const PrometheusReply reply = run([&](PrometheusClient &client) {
        return client.queryRange(u"node_network_receive_bytes_total{device=\"lo\"}"_s, from, to, step);
    });
    QVERIFY2(reply, reply ? "" : qPrintable(reply.error().message.toSourceString()));
    QCOMPARE(reply->type, PrometheusResultType::Matrix);
    QCOMPARE(reply->series.size(), 1);
    const PrometheusSeries &series = reply->series.first();
    QCOMPARE(series.metric(), u"node_network_receive_bytes_total"_s);
    QVERIFY2(series.labels.contains(SeriesLabel(u"device"_s, u"lo"_s)), qPrintable(series.name()));
    QVERIFY(series.labels.contains(SeriesLabel(u"job"_s, u"node"_s)));
    QVERIFY(series.samples.size() >= 2);
    for (qsizetype i = 1; i < series.samples.size(); ++i) {
        // One sample a step, inside the range, and a counter that only grows (scrapes add bytes on lo).
        QCOMPARE(series.samples.at(i).timestampMs - series.samples.at(i - 1).timestampMs, 1000);
        QVERIFY(series.samples.at(i).value >= series.samples.at(i - 1).value);
    }
    QVERIFY(series.samples.first().timestampMs >= from.toMSecsSinceEpoch());
    QVERIFY(series.samples.last().timestampMs <= to.toMSecsSinceEpoch());
    QVERIFY(!series.hasInfinity);
}

void TestPrometheus::rateOfACounter()
{
    const PrometheusReply reply = run([](PrometheusClient &client) {
        return client.query(u"rate(node_network_receive_bytes_total{device=\"lo\"}[5s]) * 8"_s);
    });
    QVERIFY2(reply, reply ? "" : qPrintable(reply.error().message.toSourceString()));
    QCOMPARE(reply->type, PrometheusResultType::Vector);
    QCOMPARE(reply->series.size(), 1);
    // rate() drops the metric's name; the scrapes themselves cross lo, so the rate is above 0.
    QCOMPARE(reply->series.first().metric(), QString());
    const double bitsPerSecond = reply->series.first().samples.first().value;
    QVERIFY2(std::isfinite(bitsPerSecond) && bitsPerSecond > 0, qPrintable(QString::number(bitsPerSecond)));
}

void TestPrometheus::invalidQueryShowsPrometheusError()
{
    const PrometheusReply reply = run([](PrometheusClient &client) { return client.query(u"sum(up))"_s); });
    QVERIFY(!reply);
    QCOMPARE(reply.error().failure, PrometheusFailure::Query);
    QCOMPARE(reply.error().httpStatus, 400);
    QCOMPARE(reply.error().errorType, u"bad_data"_s);
    QVERIFY2(reply.error().serverMessage.contains(u"parse error"_s), qPrintable(reply.error().serverMessage));
    // Prometheus's own words, as it wrote them.
    QCOMPARE(reply.error().message.toSourceString(),
             m_prometheus.url() + u" refused the query (bad_data): "_s + reply.error().serverMessage);
}

void TestPrometheus::nanAndInfinities()
{
    const PrometheusReply nan = run([](PrometheusClient &client) { return client.query(u"0/0"_s); });
    QVERIFY(nan);
    QCOMPARE(nan->type, PrometheusResultType::Scalar);
    QVERIFY(nan->series.first().samples.first().isGap());
    QVERIFY(!nan->series.first().hasInfinity);

    const PrometheusReply inf = run([](PrometheusClient &client) { return client.query(u"1/0"_s); });
    QVERIFY(inf);
    QVERIFY(std::isinf(inf->series.first().samples.first().value) && inf->series.first().samples.first().value > 0);
    QVERIFY(inf->series.first().hasInfinity);

    const QDateTime to = QDateTime::currentDateTimeUtc();
    const PrometheusReply range =
        run([&](PrometheusClient &client) { return client.queryRange(u"-1/0"_s, to.addSecs(-10), to, 5s); });
    QVERIFY(range);
    QCOMPARE(range->type, PrometheusResultType::Matrix);
    QCOMPARE(range->series.size(), 1);
    QCOMPARE(range->series.first().samples.size(), 3);
    for (const Sample &sample : range->series.first().samples)
        QVERIFY(std::isinf(sample.value) && sample.value < 0);
    QVERIFY(range->series.first().hasInfinity);
}

void TestPrometheus::probeUp()
{
    const auto result = probeOnce<PrometheusProber>(probe(u"up{job=\"node\"}"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QVERIFY(result->error.isEmpty());
    QCOMPARE(result->detail.toSourceString(), u"value 1"_s);
    QCOMPARE(result->httpStatus, 200);
}

void TestPrometheus::probeDownNamesTheSeries()
{
    const auto result = probeOnce<PrometheusProber>(probe(u"up"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Condition);
    QCOMPARE(result->error.toSourceString(), u"1 of 2 series fail (value 0 or NaN): up{instance=\"127.0.0.1:"_s +
                                                 QString::number(m_deadPort) + u"\", job=\"dead\"} = 0"_s);

    const auto invalid = probeOnce<PrometheusProber>(probe(u"up{job=}"_s));
    QVERIFY(invalid);
    QCOMPARE(invalid->status, HealthState::Down);
    QCOMPARE(invalid->failedPhase, ProbePhase::Config);
    QVERIFY2(invalid->error.toSourceString().contains(u"refused the query (bad_data): "_s),
             qPrintable(invalid->error.toSourceString()));
}

void TestPrometheus::probeNoSeries()
{
    const auto result = probeOnce<PrometheusProber>(probe(u"up{job=\"nothing\"}"_s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->error.toSourceString(), u"the query returned no series"_s);
}

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
