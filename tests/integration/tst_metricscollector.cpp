#include "manualclock.h"
#include "metrics/metricscollector.h"
#include "series/seriesstore.h"
#include "testservers.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Vigie::MetricsCollector;
using Vigie::Sample;
using Vigie::ScrapeSeries;
using Vigie::ScrapeTarget;
using Vigie::SeriesLevel;
using Vigie::SeriesStore;
using Vigie::Test::HttpRequest;
using Vigie::Test::httpResponse;
using Vigie::Test::ManualClock;
using Vigie::Test::RawHttpServer;

// The collector against a metrics endpoint served by the test: time is a ManualClock, scrapes are
// started with scrapeNow() (and, once, by a one-second interval), what they give is read back from
// a real series store.
class tst_MetricsCollector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void storesGaugesRatesAndBandwidth();
    void failedScrapeIsAGapAndIsReported();
    void invalidTextNamesLineAndColumn();
    void stopWritesGaps();
    void scrapesOnItsInterval();
    void reloadKeepsUnchangedTargets();
    void leavesOutWhatIsNotANumberSeries();

private:
    // The exposition the server sends next; `status` other than 200 fails the fetch.
    QByteArray m_body;
    int m_status = 200;
    std::unique_ptr<RawHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SeriesStore> m_store;
    ManualClock m_clock;

    ScrapeTarget target(const QString &id = u"node"_s, std::chrono::milliseconds interval = 1h) const;
    QList<Sample> raw(const QString &series);
    static QByteArray nodeText(double rxBytes, double txBytes, double load, double cpuSeconds);
};

ScrapeTarget tst_MetricsCollector::target(const QString &id, std::chrono::milliseconds interval) const
{
    ScrapeTarget t;
    t.id = id;
    t.url = m_server->url(u"/metrics"_s);
    t.interval = interval;
    t.timeout = 5s;
    return t;
}

QList<Sample> tst_MetricsCollector::raw(const QString &series)
{
    if (!m_store->flush())
        qWarning("the series store did not write everything");
    return m_store->rangeAt(series, SeriesLevel::Raw, 0, std::numeric_limits<qint64>::max()).result().samples;
}

QByteArray tst_MetricsCollector::nodeText(double rxBytes, double txBytes, double load, double cpuSeconds)
{
    return QByteArray("# HELP node_network_receive_bytes_total Network device statistic receive_bytes.\n"
                      "# TYPE node_network_receive_bytes_total counter\n"
                      "node_network_receive_bytes_total{device=\"eth0\"} ") +
           QByteArray::number(rxBytes, 'f', 0) +
           "\n# TYPE node_network_transmit_bytes_total counter\n"
           "node_network_transmit_bytes_total{device=\"eth0\"} " +
           QByteArray::number(txBytes, 'f', 0) +
           "\n# TYPE node_load1 gauge\n"
           "node_load1 " +
           QByteArray::number(load) +
           "\n# TYPE node_cpu_seconds_total counter\n"
           "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} " +
           QByteArray::number(cpuSeconds) + "\n";
}

void tst_MetricsCollector::init()
{
    m_status = 200;
    m_body = nodeText(0, 0, 0, 0);
    m_server = std::make_unique<RawHttpServer>([this](const HttpRequest &) {
        return httpResponse(m_status, m_body, {{"Content-Type", "text/plain; version=0.0.4"}});
    });
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<SeriesStore>();
    m_store->setClock(&m_clock);
    const auto opened = m_store->open(m_dir->path());
    QVERIFY2(opened.has_value(), qPrintable(opened ? QString() : opened.error()));
}

void tst_MetricsCollector::cleanup()
{
    m_store.reset();
    m_dir.reset();
    m_server.reset();
}

void tst_MetricsCollector::storesGaugesRatesAndBandwidth()
{
    MetricsCollector collector(&m_clock);
    collector.setStore(m_store.get());
    collector.setTargets({target()});
    QSignalSpy scraped(&collector, &MetricsCollector::scraped);
    QSignalSpy failed(&collector, &MetricsCollector::scrapeFailed);

    const qint64 t0 = m_clock.nowMs();
    m_body = nodeText(1'000'000'000, 500'000'000, 0.5, 100);
    collector.scrapeNow();
    QTRY_COMPARE(scraped.size(), 1);
    QCOMPARE(scraped.at(0).at(0).toString(), u"node"_s);
    QCOMPARE(scraped.at(0).at(1).toLongLong(), t0);
    QCOMPARE(scraped.at(0).at(2).toLongLong(), 1); // the gauge: a rate needs two scrapes

    // Ten seconds later: 250 MB more received (200 Mbit/s), 62.5 MB more sent (50 Mbit/s).
    m_clock.advance(10s);
    m_body = nodeText(1'250'000'000, 562'500'000, 1.25, 107.5);
    collector.scrapeNow();
    QTRY_COMPARE(scraped.size(), 2);
    QCOMPARE(scraped.at(1).at(2).toLongLong(), 1 + 2 + 2 + 1); // gauge, 2 counters' rates, bandwidth in and out, cpu
    QCOMPARE(failed.size(), 0);

    const qint64 t1 = t0 + 10'000;
    QCOMPARE(raw(u"node_load1{target=\"node\"}"_s), (QList<Sample>{{t0, 0.5}, {t1, 1.25}}));
    QCOMPARE(raw(u"node_cpu_seconds_total:rate{cpu=\"0\",mode=\"idle\",target=\"node\"}"_s),
             (QList<Sample>{{t1, 0.75}}));
    QCOMPARE(raw(u"node_network_receive_bytes_total:rate{device=\"eth0\",target=\"node\"}"_s),
             (QList<Sample>{{t1, 25'000'000}}));
    QCOMPARE(raw(u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"in\",target=\"node\"}"_s),
             (QList<Sample>{{t1, 200}}));
    QCOMPARE(raw(u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"out\",target=\"node\"}"_s),
             (QList<Sample>{{t1, 50}}));

    // A counter that went back (the exporter restarted) counts from zero.
    m_clock.advance(10s);
    m_body = nodeText(100'000'000, 562'500'000, 1, 108.5);
    collector.scrapeNow();
    QTRY_COMPARE(scraped.size(), 3);
    QCOMPARE(raw(u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"in\",target=\"node\"}"_s).last(),
             (Sample{t1 + 10'000, 80}));
}

void tst_MetricsCollector::failedScrapeIsAGapAndIsReported()
{
    MetricsCollector collector(&m_clock);
    collector.setStore(m_store.get());
    collector.setTargets({target()});
    QSignalSpy scraped(&collector, &MetricsCollector::scraped);
    QSignalSpy failed(&collector, &MetricsCollector::scrapeFailed);
    const qint64 t0 = m_clock.nowMs();
    collector.scrapeNow();
    QTRY_COMPARE(scraped.size(), 1);
    m_clock.advance(10s);
    m_body = nodeText(125'000'000, 0, 1, 1);
    collector.scrapeNow();
    QTRY_COMPARE(scraped.size(), 2);

    m_clock.advance(10s);
    m_status = 503;
    collector.scrapeNow();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), u"node"_s);
    const QString message = failed.at(0).at(1).value<Vigie::Message>().toString();
    QVERIFY2(message.startsWith(u"scraping node: the fetch failed: "_s), qPrintable(message));
    QVERIFY2(message.contains(u"HTTP 503"_s), qPrintable(message));

    // A gap marker in every series: no line bridges the time nothing was measured.
    const QString in = u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"in\",target=\"node\"}"_s;
    const QList<Sample> bandwidth = raw(in);
    QCOMPARE(bandwidth.size(), 2);
    QCOMPARE(bandwidth.at(0), (Sample{t0 + 10'000, 100}));
    QCOMPARE(bandwidth.at(1).timestampMs, t0 + 20'000);
    QVERIFY(bandwidth.at(1).isGap());
    const QList<Sample> load = raw(u"node_load1{target=\"node\"}"_s);
    QCOMPARE(load.size(), 3);
    QVERIFY(load.last().isGap());

    // Back: the rate starts over (no rate across the gap), then goes on.
    m_status = 200;
    m_clock.advance(10s);
    m_body = nodeText(250'000'000, 0, 1, 1);
    collector.scrapeNow();
    QTRY_COMPARE(scraped.size(), 3);
    QCOMPARE(raw(in).size(), 2);
    m_clock.advance(10s);
    m_body = nodeText(375'000'000, 0, 1, 1);
    collector.scrapeNow();
    QTRY_COMPARE(scraped.size(), 4);
    QCOMPARE(raw(in).last(), (Sample{t0 + 40'000, 100}));

    // A connection refused is a fetch failure too.
    ScrapeTarget closed = target(u"closed"_s);
    closed.url = u"http://127.0.0.1:%1/metrics"_s.arg(Vigie::Test::closedPort());
    collector.setTargets({closed});
    collector.scrapeNow();
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(failed.at(1).at(0).toString(), u"closed"_s);
    QVERIFY(failed.at(1).at(1).value<Vigie::Message>().toString().startsWith(u"scraping closed: the fetch failed: "_s));
}

void tst_MetricsCollector::invalidTextNamesLineAndColumn()
{
    MetricsCollector collector(&m_clock);
    collector.setStore(m_store.get());
    collector.setTargets({target()});
    QSignalSpy scraped(&collector, &MetricsCollector::scraped);
    QSignalSpy failed(&collector, &MetricsCollector::scrapeFailed);
    collector.scrapeNow();
    QTRY_COMPARE(scraped.size(), 1);
    m_clock.advance(5s);
    m_body = "# TYPE up gauge\nup{job=\"a\" 1\n";
    collector.scrapeNow();
    QTRY_COMPARE(failed.size(), 1);
    const QString message = failed.at(0).at(1).value<Vigie::Message>().toString();
    QVERIFY2(message.startsWith(u"scraping node: the metrics are invalid at line 2, column "_s), qPrintable(message));
    QVERIFY(raw(u"node_load1{target=\"node\"}"_s).last().isGap());
}

void tst_MetricsCollector::stopWritesGaps()
{
    MetricsCollector collector(&m_clock);
    collector.setStore(m_store.get());
    collector.setTargets({target()});
    QSignalSpy scraped(&collector, &MetricsCollector::scraped);
    collector.start(); // scrapes at once
    QVERIFY(collector.isRunning());
    QTRY_COMPARE(scraped.size(), 1);
    m_clock.advance(30s);
    collector.stop();
    QVERIFY(!collector.isRunning());
    const QList<Sample> load = raw(u"node_load1{target=\"node\"}"_s);
    QCOMPARE(load.size(), 2);
    QCOMPARE(load.last().timestampMs, m_clock.nowMs());
    QVERIFY(load.last().isGap());
    // Stopping again writes nothing more.
    collector.stop();
    QCOMPARE(raw(u"node_load1{target=\"node\"}"_s).size(), 2);
}

void tst_MetricsCollector::scrapesOnItsInterval()
{
    MetricsCollector collector(&m_clock);
    collector.setStore(m_store.get());
    collector.setTargets({target(u"node"_s, 1s)});
    QSignalSpy scraped(&collector, &MetricsCollector::scraped);
    collector.start();
    // One at once, the next a second later (a bounded wait, not a sleep).
    QTRY_VERIFY_WITH_TIMEOUT(scraped.size() >= 2, 5000);
    QVERIFY(m_server->requestCount() >= 2);
    collector.stop();
}

void tst_MetricsCollector::reloadKeepsUnchangedTargets()
{
    MetricsCollector collector(&m_clock);
    collector.setStore(m_store.get());
    const ScrapeTarget node = target();
    ScrapeTarget other = target(u"other"_s);
    collector.setTargets({node, other});
    QSignalSpy scraped(&collector, &MetricsCollector::scraped);
    collector.start();
    QTRY_COMPARE(scraped.size(), 2);
    m_clock.advance(10s);
    // `other` changes its interval: its series get a gap; `node` goes on without one.
    other.interval = 2h;
    collector.setTargets({node, other});
    QCOMPARE(collector.targets(), (QList<ScrapeTarget>{node, other}));
    QTRY_COMPARE(scraped.size(), 4);
    const QList<Sample> nodeLoad = raw(u"node_load1{target=\"node\"}"_s);
    QCOMPARE(nodeLoad.size(), 2);
    QVERIFY(!nodeLoad.last().isGap());
    const QList<Sample> otherLoad = raw(u"node_load1{target=\"other\"}"_s);
    QCOMPARE(otherLoad.size(), 3);
    QVERIFY(otherLoad.at(1).isGap());
    collector.stop();
}

void tst_MetricsCollector::leavesOutWhatIsNotANumberSeries()
{
    ScrapeSeries series(u"app"_s);
    Vigie::ScrapeResult scrape;
    scrape.timestampMs = 1000;
    const auto add = [&scrape](const QString &family, Vigie::MetricType type, const QString &name,
                               QList<Vigie::SeriesLabel> labels, double value) {
        scrape.samples.append(Vigie::ScrapedSample{family, type, name, labels, value, std::nullopt});
    };
    using Vigie::MetricType;
    add(u"requests"_s, MetricType::Counter, u"requests_total"_s, {{u"target"_s, u"x"_s}}, 10);
    add(u"requests"_s, MetricType::Counter, u"requests_created"_s, {}, 1);
    add(u"latency"_s, MetricType::Histogram, u"latency_bucket"_s, {{u"le"_s, u"1"_s}}, 4);
    add(u"latency"_s, MetricType::Histogram, u"latency_count"_s, {}, 4);
    add(u"latency"_s, MetricType::Histogram, u"latency_sum"_s, {}, 2);
    add(u"build"_s, MetricType::Info, u"build_info"_s, {{u"version"_s, u"1"_s}}, 1);
    add(u"temp"_s, MetricType::Unknown, u"temp"_s, {}, 21.5);
    QCOMPARE(series.add(scrape).size(), 1); // the untyped sample, as a gauge
    scrape.timestampMs = 3000;
    for (Vigie::ScrapedSample &sample : scrape.samples)
        sample.value *= 2;
    QStringList names;
    for (const Vigie::SeriesSamples &s : series.add(scrape))
        names.append(s.series);
    names.sort();
    // The exporter's own `target` label is kept as exported_target.
    QCOMPARE(names,
             (QStringList{u"latency_count:rate{target=\"app\"}"_s, u"latency_sum:rate{target=\"app\"}"_s,
                          u"requests_total:rate{exported_target=\"x\",target=\"app\"}"_s, u"temp{target=\"app\"}"_s}));
}

QTEST_GUILESS_MAIN(tst_MetricsCollector)
#include "tst_metricscollector.moc"
