#include "metrics/metriccharts.h"
#include "series/probeseries.h"
#include "testservers.h"
#include "workspace/workspaceloader.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

// Two services, one scrape target for `web` and one on a dashboard, a PromQL series for `api` and
// one on the same dashboard.
Workspace workspace(const QString &prometheus = u"http://127.0.0.1:9090"_s)
{
    const QByteArray yaml = "name: Charts\n"
                            "services:\n"
                            "  - id: web\n"
                            "    probes: [{http: 'http://127.0.0.1/'}, {tcp: '127.0.0.1:80', interval: 2m}]\n"
                            "  - id: api\n"
                            "    probes: [{http: 'http://127.0.0.1/api', interval: 10s}]\n"
                            "metrics:\n"
                            "  scrape:\n"
                            "    - {id: node, url: 'http://127.0.0.1:9100/metrics', interval: 15s, service: web}\n"
                            "    - {id: edge, url: 'http://127.0.0.1:9101/metrics', dashboard: Network}\n"
                            "  series:\n"
                            "    - {id: api-errors, prometheus: '" +
                            prometheus.toUtf8() +
                            "', query: 'sum(rate(errors_total[1m]))', title: API errors, unit: '%', service: api}\n"
                            "    - {id: links, prometheus: '" +
                            prometheus.toUtf8() + "', query: up, dashboard: Network}\n";
    auto loaded = WorkspaceLoader::parse(yaml, u"inline.yaml"_s);
    if (!loaded)
        qFatal("%s", qPrintable(loaded.error().first().toString()));
    return *loaded;
}

QByteArray json(int status, const QByteArray &body)
{
    return httpResponse(status, body, {{"Content-Type", "application/json"}});
}

template<typename T>
T waitFor(QFuture<T> future)
{
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, 15000))
        qFatal("a fetch did not end in 15 s");
    return future.result();
}

} // namespace

class tst_MetricCharts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serviceChartsListProbesBandwidthAndPromql();
    void loopbackOnlyWhenItIsAllThereIs();
    void devicesChooseTheInterfaces();
    void dashboards();
    void promqlFetchAsksAStepPerPixel();
    void promqlKeepsTheServersError();
    void fetchDispatchesPromqlAndStore();
};

void tst_MetricCharts::serviceChartsListProbesBandwidthAndPromql()
{
    const Workspace ws = workspace();
    const QStringList stored{
        u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"in\",target=\"node\"}"_s,
        u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"out\",target=\"node\"}"_s,
        u"vigie_bandwidth_mbps{device=\"lo\",direction=\"in\",target=\"node\"}"_s,
        u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"in\",target=\"edge\"}"_s,
        u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"in\",target=\"node-2\"}"_s,
    };
    const QList<MetricChart> web = serviceCharts(ws, u"web"_s, stored);
    QCOMPARE(web.size(), 3);
    QCOMPARE(web.at(0).kind, MetricChart::Kind::ResponseTime);
    QCOMPARE(web.at(0).lines, (QList<MetricChartLine>{{probeLatencySeries(u"web"_s, 0), u"#1 HTTP"_s},
                                                      {probeLatencySeries(u"web"_s, 1), u"#2 TCP"_s}}));
    QCOMPARE(web.at(0).splitLines.size(), 2 * probeSeriesPhases().size());
    QCOMPARE(web.at(0).splitLines.first().series, probePhaseSeries(u"web"_s, 0, probeSeriesPhases().first()));
    QCOMPARE(web.at(0).maxStepMs, qint64(300'000)); // 2.5 rounds of the slowest probe
    QCOMPARE(web.at(1).kind, MetricChart::Kind::ErrorRate);
    QCOMPARE(web.at(1).unit, u"%"_s);
    QCOMPARE(web.at(1).lines.at(1).series, probeSuccessSeries(u"web"_s, 1));
    // The bandwidth of its own scrape target, the loopback left out.
    QCOMPARE(web.at(2).kind, MetricChart::Kind::Bandwidth);
    QCOMPARE(web.at(2).unit, u"Mbit/s"_s);
    QCOMPARE(web.at(2).lines, (QList<MetricChartLine>{{stored.at(0), u"eth0 in"_s}, {stored.at(1), u"eth0 out"_s}}));
    QCOMPARE(web.at(2).maxStepMs, qint64(37'500));

    const QList<MetricChart> api = serviceCharts(ws, u"api"_s, stored);
    QCOMPARE(api.size(), 3); // no bandwidth: no scrape target
    QCOMPARE(api.at(2).kind, MetricChart::Kind::Promql);
    QCOMPARE(api.at(2).title, u"API errors"_s);
    QCOMPARE(api.at(2).unit, u"%"_s);
    QCOMPARE(api.at(2).promqlId, u"api-errors"_s);
    QCOMPARE(api.at(2).lines, (QList<MetricChartLine>{{u"promql:api-errors"_s, u"API errors"_s}}));
    QCOMPARE(promqlSeriesSpec(ws, u"promql:api-errors"_s), &ws.metrics.series.at(0));
    QVERIFY(!promqlSeriesSpec(ws, u"promql:nope"_s));
    QVERIFY(!promqlSeriesSpec(ws, probeLatencySeries(u"api"_s, 0)));

    QVERIFY(serviceCharts(ws, u"nope"_s, stored).isEmpty());
    // Nothing scraped yet: no bandwidth chart.
    QCOMPARE(serviceCharts(ws, u"web"_s, {}).size(), 2);
}

void tst_MetricCharts::loopbackOnlyWhenItIsAllThereIs()
{
    const QStringList stored{u"vigie_bandwidth_mbps{device=\"lo\",direction=\"in\",target=\"node\"}"_s,
                             u"vigie_bandwidth_mbps{device=\"lo\",direction=\"out\",target=\"node\"}"_s};
    const QList<MetricChart> web = serviceCharts(workspace(), u"web"_s, stored);
    QCOMPARE(web.size(), 3);
    QCOMPARE(web.at(2).lines, (QList<MetricChartLine>{{stored.at(0), u"lo in"_s}, {stored.at(1), u"lo out"_s}}));
    QCOMPARE(bandwidthSeriesOf(u"node"_s, stored), stored);
    QVERIFY(bandwidthSeriesOf(u"nod"_s, stored).isEmpty());
}

void tst_MetricCharts::devicesChooseTheInterfaces()
{
    // A machine with an uplink, a bridge and the loopback: all but the loopback by default; the
    // workspace's `devices:` names the ones to chart, the loopback included (the lab's traffic).
    const auto series = [](const char *device, const char *direction) {
        return u"vigie_bandwidth_mbps{device=\"%1\",direction=\"%2\",target=\"node\"}"_s.arg(
            QLatin1StringView(device), QLatin1StringView(direction));
    };
    const QStringList stored{series("docker0", "in"), series("eth0", "in"), series("eth0", "out"), series("lo", "in"),
                             series("lo", "out")};
    Workspace ws = workspace();
    QCOMPARE(serviceCharts(ws, u"web"_s, stored).at(2).lines.size(), 3);
    ws.metrics.scrape.first().devices = {u"lo"_s};
    QCOMPARE(serviceCharts(ws, u"web"_s, stored).at(2).lines,
             (QList<MetricChartLine>{{series("lo", "in"), u"lo in"_s}, {series("lo", "out"), u"lo out"_s}}));
    ws.metrics.scrape.first().devices = {u"eth0"_s, u"lo"_s};
    QCOMPARE(serviceCharts(ws, u"web"_s, stored).at(2).lines.size(), 4);
}

void tst_MetricCharts::dashboards()
{
    const Workspace ws = workspace();
    QCOMPARE(metricDashboards(ws), QStringList{u"Network"_s});
    const QStringList stored{u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"in\",target=\"edge\"}"_s};
    const QList<MetricChart> network = dashboardCharts(ws, u"Network"_s, stored);
    QCOMPARE(network.size(), 2);
    QCOMPARE(network.at(0).kind, MetricChart::Kind::Bandwidth);
    QCOMPARE(network.at(0).lines.size(), 1);
    QCOMPARE(network.at(1).promqlId, u"links"_s);
    QCOMPARE(network.at(1).title, u"links"_s);
    QVERIFY(dashboardCharts(ws, u"Other"_s, stored).isEmpty());
}

void tst_MetricCharts::promqlFetchAsksAStepPerPixel()
{
    RawHttpServer server(json(200, R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"instance":"a"},"values":[[1700000000,"1"],[1700000060,"NaN"],[1700000120,"+Inf"],[1700000180,"2.5"]]},
        {"metric":{"instance":"b"},"values":[[1700000000,"0"]]}]}})"));
    const Workspace ws = workspace(server.url(u"/"_s).chopped(1));
    PromqlSeriesSource source;
    const qint64 from = 1'700'000'000'000;
    const qint64 to = from + 3'600'000;
    // An hour on 600 pixels: a point every 6 s.
    const PromqlRanges ranges = waitFor(source.fetch(ws.metrics.series.at(0), from, to, 600));
    QVERIFY2(ranges.has_value(), qPrintable(ranges ? QString() : ranges.error().message.toString()));
    QCOMPARE(ranges->size(), 2);
    QCOMPARE(ranges->at(0).series, u"{instance=\"a\"}"_s);
    QCOMPARE(ranges->at(0).fromMs, from);
    QCOMPARE(ranges->at(0).toMs, to);
    QCOMPARE(ranges->at(0).level, SeriesLevel::Raw);
    const QList<Sample> samples = ranges->at(0).samples;
    QCOMPARE(samples.size(), 3); // +Inf left out, NaN kept as a gap
    QCOMPARE(samples.at(0), (Sample{1'700'000'000'000, 1}));
    QVERIFY(samples.at(1).isGap());
    QCOMPARE(samples.at(2), (Sample{1'700'000'180'000, 2.5}));
    QCOMPARE(server.requestCount(), 1);
    const QByteArray path = server.requests().first().path;
    const QUrlQuery query(QString::fromUtf8(path.mid(path.indexOf('?') + 1)));
    QCOMPARE(query.queryItemValue(u"step"_s), u"6"_s);
    QCOMPARE(query.queryItemValue(u"query"_s, QUrl::FullyDecoded), u"sum(rate(errors_total[1m]))"_s);

    // A year on 1,000 pixels: never more than 11,000 points.
    const qint64 year = 365LL * 24 * 3'600'000;
    QVERIFY(waitFor(source.fetch(ws.metrics.series.at(0), to - year, to, 100'000)).has_value());
    const QByteArray yearPath = server.requests().last().path;
    const qint64 step =
        QUrlQuery(QString::fromUtf8(yearPath.mid(yearPath.indexOf('?') + 1))).queryItemValue(u"step"_s).toLongLong();
    QVERIFY(year / 1000 / step <= 11'000);
}

void tst_MetricCharts::promqlKeepsTheServersError()
{
    RawHttpServer server(
        json(400, R"({"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \")\""})"));
    const Workspace ws = workspace(server.url(u"/"_s).chopped(1));
    PromqlSeriesSource source;
    const PromqlRanges ranges = waitFor(source.fetch(ws.metrics.series.at(0), 0, 3'600'000, 100));
    QVERIFY(!ranges.has_value());
    QCOMPARE(ranges.error().failure, PrometheusFailure::Query);
    QCOMPARE(ranges.error().serverMessage, u"1:5: parse error: unexpected \")\""_s);
    QVERIFY(ranges.error().message.toString().contains(u"1:5: parse error: unexpected \")\""_s));

    // Nobody there: a connection failure, not a hang.
    const Workspace closed = workspace(u"http://127.0.0.1:%1"_s.arg(closedPort()));
    const PromqlRanges refused = waitFor(source.fetch(closed.metrics.series.at(0), 0, 3'600'000, 100));
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().failure, PrometheusFailure::Connect);
}

void tst_MetricCharts::fetchDispatchesPromqlAndStore()
{
    RawHttpServer server(json(200, R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{},"values":[[1700000000,"0.5"]]}]}})"));
    const Workspace ws = workspace(server.url(u"/"_s).chopped(1));
    PromqlSeriesSource source;
    const MetricSeriesFetch fetch = metricSeriesFetch(nullptr, &source, ws);
    const SeriesRange promql = waitFor(fetch(u"promql:api-errors"_s, 1'699'999'000'000, 1'700'001'000'000, 100));
    QCOMPARE(promql.series, u"promql:api-errors"_s); // the name the chart asked for
    QCOMPARE(promql.samples, (QList<Sample>{{1'700'000'000'000, 0.5}}));
    // Without a store, a store series is empty (and asks nothing).
    const SeriesRange latency = waitFor(fetch(probeLatencySeries(u"api"_s, 0), 0, 1000, 100));
    QCOMPARE(latency.series, probeLatencySeries(u"api"_s, 0));
    QVERIFY(latency.samples.isEmpty());
    QCOMPARE(server.requestCount(), 1);
}

QTEST_GUILESS_MAIN(tst_MetricCharts)
#include "tst_metriccharts.moc"
