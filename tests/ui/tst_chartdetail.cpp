// The detail panel's charts read from a real series store: a line per probe, phases on demand,
// bandwidth where the service has it, gaps where nothing was measured.

#include "chartpanel.h"
#include "metrics/bandwidth.h"
#include "models/serviceboardmodel.h"
#include "series/probeseries.h"
#include "series/seriesstore.h"
#include "servicedetailpanel.h"
#include "store/resultstore.h"
#include "timechart.h"

#include <QLineSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

Workspace workspace()
{
    Workspace ws;
    ws.name = u"ACME"_s;
    Service s;
    s.id = u"portal"_s;
    s.name = u"Portal"_s;
    for (int i = 0; i < 2; ++i) {
        ProbeSpec p;
        p.setKind(i == 0 ? ProbeKind::Http : ProbeKind::Tcp);
        p.target = u"target-%1"_s.arg(i);
        p.interval = std::chrono::seconds(60);
        s.probes.append(p);
    }
    ws.services = {s};
    // Its bandwidth comes from a scrape target attached to it.
    ScrapeTarget edge;
    edge.id = u"edge"_s;
    edge.url = u"http://192.0.2.1:9100/metrics"_s;
    edge.service = u"portal"_s;
    ws.metrics.scrape = {edge};
    return ws;
}

} // namespace

class tst_ChartDetail : public QObject
{
    Q_OBJECT

private slots:
    void oneLinePerProbeFromTheSeriesStore();
    void bandsAreTheReportsOutagesAndMaintenance();
};

void tst_ChartDetail::oneLinePerProbeFromTheSeriesStore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SeriesStore store;
    QVERIFY(store.open(dir.path()));

    // The last hour, a sample a minute for each probe; probe 0 stopped for 10 minutes (a gap
    // marker when it came back), probe 1 failed a quarter of the time; bandwidth in and out.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 start = now - 3'500'000;
    QList<SeriesSamples> batch;
    SeriesSamples latency0{probeLatencySeries(u"portal"_s, 0), {}};
    SeriesSamples latency1{probeLatencySeries(u"portal"_s, 1), {}};
    SeriesSamples success1{probeSuccessSeries(u"portal"_s, 1), {}};
    SeriesSamples connect0{probePhaseSeries(u"portal"_s, 0, ProbePhase::Connect), {}};
    // The names a scrape of node_exporter writes (BandwidthMeter), as the console finds them.
    SeriesSamples in{BandwidthMeter::seriesFor(u"edge"_s, u"eth0"_s, true), {}};
    SeriesSamples out{BandwidthMeter::seriesFor(u"edge"_s, u"eth0"_s, false), {}};
    for (int i = 0; i < 58; ++i) {
        const qint64 t = start + i * 60'000;
        if (i < 20 || i >= 30) {
            if (i == 30)
                latency0.samples.append({t - 1, std::numeric_limits<double>::quiet_NaN()});
            latency0.samples.append({t, 100.0 + i});
            connect0.samples.append({t, 10.0});
        }
        latency1.samples.append({t, 50.0});
        success1.samples.append({t, i % 4 == 0 ? 0.0 : 1.0});
        in.samples.append({t, 200.0});
        out.samples.append({t, 60.0});
    }
    batch = {latency0, latency1, success1, connect0, in, out};
    store.append(batch);
    QVERIFY(store.flush());

    ServiceBoardModel model;
    model.setWorkspace(workspace());
    ServiceDetailPanel panel(&model, nullptr);
    panel.setWorkspace(workspace());
    panel.setSeriesStore(&store);
    panel.resize(700, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setServiceId(u"portal"_s);

    ChartPanel *charts = panel.charts();
    // Bandwidth is found among the store's series, then every chart loads.
    QTRY_COMPARE_WITH_TIMEOUT(charts->timeCharts().size(), 3, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.pointCount() > 0 && charts->timeCharts().at(2)->lines().size() == 2 &&
                                 !charts->timeCharts().at(2)->lines().at(0).samples.isEmpty(),
                             5000);
    TimeChart *latency = charts->timeCharts().at(0);
    QTRY_VERIFY_WITH_TIMEOUT(!latency->lines().isEmpty() && !latency->lines().at(0).samples.isEmpty(), 5000);
    QCOMPARE(latency->lines().size(), 2);
    QCOMPARE(latency->lines().at(0).label, u"#1 HTTP"_s);
    QCOMPARE(latency->lines().at(1).label, u"#2 TCP"_s);
    // Probe 0's ten silent minutes are a break in its line, never a bridge.
    QCOMPARE(latency->segmentSeries(0).size(), 2);
    QCOMPARE(latency->segmentSeries(1).size(), 1);

    // The error rate of probe 1: a quarter of its results failed.
    // Once the charts are laid out at their width (a first query may be answered for a narrower
    // plot while the stack is being built), each point is one column's rate.
    TimeChart *errors = charts->timeCharts().at(1);
    const auto failedShare = [errors] {
        double failed = 0;
        double total = 0;
        for (const Sample &s : errors->lines().at(1).samples)
            if (!s.isGap()) {
                failed += s.value;
                total += 100;
            }
        return total > 0 ? failed / total : -1.0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(std::abs(failedShare() - 0.25) < 0.05, 5000);

    TimeChart *bandwidth = charts->timeCharts().at(2);
    QCOMPARE(bandwidth->lines().at(0).label, u"eth0 in"_s);
    QCOMPARE(bandwidth->lines().at(1).label, u"eth0 out"_s);

    // Phases on demand: the response time splits into each probe's phases.
    QSignalSpy loaded(charts, &ChartPanel::loaded);
    charts->setSplit(true);
    QVERIFY(loaded.wait(5000));
    latency = charts->timeCharts().at(0);
    QCOMPARE(latency->lines().size(), 2 * probeSeriesPhases().size());
    QVERIFY(latency->lines().at(1).label.startsWith(u"#1 HTTP"_s));
    bool connectShown = false;
    for (const ChartLine &line : latency->lines())
        if (line.series == connect0.series)
            connectShown = !line.samples.isEmpty();
    QVERIFY(connectShown);
}

void tst_ChartDetail::bandsAreTheReportsOutagesAndMaintenance()
{
    // Recorded states of the last hour: down 10 minutes; then a maintenance window of 20 minutes
    // in which it failed again (no outage: the report leaves it out), then down again, still now.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ResultStore results;
    QVERIFY(results.open(dir.path()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 minute = 60'000;
    const qint64 t0 = now - 55 * minute;
    const auto event = [](qint64 at, HealthEvent::Kind kind, HealthState from, HealthState to, bool inMaintenance) {
        HealthEvent e;
        e.timestampMs = at;
        e.kind = kind;
        e.serviceId = u"portal"_s;
        e.from = from;
        e.to = to;
        e.inMaintenance = inMaintenance;
        return e;
    };
    using K = HealthEvent::Kind;
    using S = HealthState;
    results.appendEvents({
        event(t0, K::ServiceState, S::Unknown, S::Up, false),
        event(t0 + 5 * minute, K::ServiceState, S::Up, S::Down, false),
        event(t0 + 15 * minute, K::ServiceState, S::Down, S::Up, false),
        event(t0 + 20 * minute, K::MaintenanceStart, S::Up, S::Up, true),
        event(t0 + 25 * minute, K::ServiceState, S::Up, S::Down, true),
        event(t0 + 30 * minute, K::ServiceState, S::Down, S::Up, true),
        event(t0 + 40 * minute, K::MaintenanceEnd, S::Up, S::Up, false),
        event(t0 + 45 * minute, K::ServiceState, S::Up, S::Down, false),
    });
    QVERIFY(results.flush());

    ServiceBoardModel model;
    model.setWorkspace(workspace());
    ServiceDetailPanel panel(&model, &results);
    panel.setWorkspace(workspace());
    panel.resize(700, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setServiceId(u"portal"_s);

    TimeChart *chart = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(!panel.charts()->timeCharts().isEmpty() &&
                                 (chart = panel.charts()->timeCharts().first())->bands().size() == 3,
                             5000);
    const QList<ChartBand> &bands = chart->bands();
    QCOMPARE(bands.at(0).kind, ChartBand::Kind::Outage);
    QCOMPARE(bands.at(0).fromMs, t0 + 5 * minute);
    QCOMPARE(bands.at(0).toMs, t0 + 15 * minute);
    QCOMPARE(bands.at(1).kind, ChartBand::Kind::Outage); // still going: to the end of the range
    QCOMPARE(bands.at(1).fromMs, t0 + 45 * minute);
    QVERIFY(bands.at(1).toMs >= now);
    QCOMPARE(bands.at(2).kind, ChartBand::Kind::Maintenance);
    QCOMPARE(bands.at(2).fromMs, t0 + 20 * minute);
    QCOMPARE(bands.at(2).toMs, t0 + 40 * minute);
}

QTEST_MAIN(tst_ChartDetail)
#include "tst_chartdetail.moc"
