// Counter rates as Prometheus's rate() reads them, and node_exporter's byte counters as bandwidth.
#include "metrics/bandwidth.h"
#include "metrics/counterrate.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Vigie;

class tst_ExpositionRates : public QObject
{
    Q_OBJECT

private slots:
    void firstSampleGivesNoRate();
    void ratePerSecond();
    void resetCountsFromZero();
    void timeThatDoesNotAdvance();
    void nanStartsOver();
    void bandwidthInMegabitsPerSecond();
    void bandwidthResetAndGap();
    void bandwidthUsesTheExpositionTimestamp();
};

void tst_ExpositionRates::firstSampleGivesNoRate()
{
    CounterRate rate;
    QVERIFY(!rate.add(1'000, 5));
    QVERIFY(rate.hasPrevious());
}

void tst_ExpositionRates::ratePerSecond()
{
    CounterRate rate;
    rate.add(10'000, 100);
    QCOMPARE(*rate.add(20'000, 150), 5.0);
    QCOMPARE(*rate.add(20'500, 150), 0.0);
}

void tst_ExpositionRates::resetCountsFromZero()
{
    CounterRate rate;
    rate.add(0, 1000);
    // The process restarted and counted 30 since: as rate() does, the new value is the increase.
    QCOMPARE(*rate.add(10'000, 30), 3.0);
    QCOMPARE(*rate.add(20'000, 80), 5.0);
}

void tst_ExpositionRates::timeThatDoesNotAdvance()
{
    CounterRate rate;
    rate.add(10'000, 100);
    QVERIFY(!rate.add(10'000, 200));
    QVERIFY(!rate.add(9'000, 200));
    // The older point is kept.
    QCOMPARE(*rate.add(20'000, 200), 10.0);
}

void tst_ExpositionRates::nanStartsOver()
{
    CounterRate rate;
    rate.add(0, 10);
    QVERIFY(!rate.add(1'000, std::numeric_limits<double>::quiet_NaN()));
    QVERIFY(!rate.hasPrevious());
    QVERIFY(!rate.add(2'000, 20));
    QCOMPARE(*rate.add(3'000, 30), 10.0);
}

namespace {

ScrapeResult scrape(qint64 atMs, double eth0In, double eth0Out, double loIn = 0)
{
    ScrapeResult r;
    r.timestampMs = atMs;
    auto sample = [](const char *name, const char *device, double value) {
        return ScrapedSample{QString::fromLatin1(name).chopped(6),
                             MetricType::Counter,
                             QString::fromLatin1(name),
                             {{u"device"_s, QString::fromLatin1(device)}},
                             value,
                             std::nullopt};
    };
    r.samples = {sample("node_network_receive_bytes_total", "eth0", eth0In),
                 sample("node_network_transmit_bytes_total", "eth0", eth0Out),
                 sample("node_network_receive_bytes_total", "lo", loIn),
                 ScrapedSample{u"node_load1"_s, MetricType::Gauge, u"node_load1"_s, {}, 0.5, std::nullopt}};
    return r;
}

double valueOf(const QList<SeriesSamples> &all, const QString &series)
{
    for (const SeriesSamples &s : all)
        if (s.series == series && s.samples.size() == 1)
            return s.samples.first().value;
    return -1;
}

} // namespace

void tst_ExpositionRates::bandwidthInMegabitsPerSecond()
{
    BandwidthMeter meter(u"node1"_s);
    QVERIFY(meter.add(scrape(0, 1e9, 5e8)).isEmpty());
    // 25 MB in 1 s is 200 Mbit/s; 6.25 MB out is 50 Mbit/s.
    const QList<SeriesSamples> got = meter.add(scrape(1'000, 1e9 + 25e6, 5e8 + 6.25e6, 0));
    QCOMPARE(got.size(), 3);
    const QString in = u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"in\",target=\"node1\"}"_s;
    QCOMPARE(BandwidthMeter::seriesFor(u"node1"_s, u"eth0"_s, true), in);
    QCOMPARE(valueOf(got, in), 200.0);
    QCOMPARE(valueOf(got, u"vigie_bandwidth_mbps{device=\"eth0\",direction=\"out\",target=\"node1\"}"_s), 50.0);
    QCOMPARE(valueOf(got, u"vigie_bandwidth_mbps{device=\"lo\",direction=\"in\",target=\"node1\"}"_s), 0.0);
    QCOMPARE(got.first().samples.first().timestampMs, 1'000);
}

void tst_ExpositionRates::bandwidthResetAndGap()
{
    BandwidthMeter meter(u"n"_s);
    const QString in = BandwidthMeter::seriesFor(u"n"_s, u"eth0"_s, true);
    meter.add(scrape(0, 1e9, 0));
    // node_exporter restarted? No: the interface's counter reset; 1.25 MB since is 10 Mbit/s over 1 s.
    QCOMPARE(valueOf(meter.add(scrape(1'000, 1.25e6, 0)), in), 10.0);
    // A failed scrape is a gap, and the next scrape gives no rate (it would span the gap).
    ScrapeResult failed;
    failed.timestampMs = 2'000;
    failed.error = ScrapeError{};
    const QList<SeriesSamples> gap = meter.add(failed);
    QCOMPARE(gap.size(), 3);
    for (const SeriesSamples &s : gap) {
        QCOMPARE(s.samples.size(), 1);
        QVERIFY(s.samples.first().isGap());
        QCOMPARE(s.samples.first().timestampMs, 2'000);
    }
    QVERIFY(meter.add(scrape(3'000, 5e6, 0)).isEmpty());
    QCOMPARE(valueOf(meter.add(scrape(4'000, 5e6 + 125e3, 0)), in), 1.0);
}

void tst_ExpositionRates::bandwidthUsesTheExpositionTimestamp()
{
    BandwidthMeter meter(u"n"_s);
    ScrapeResult a = scrape(0, 0, 0);
    ScrapeResult b = scrape(1'000, 1e6, 0);
    for (ScrapedSample &s : a.samples)
        s.timestampMs = 10'000;
    for (ScrapedSample &s : b.samples)
        s.timestampMs = 12'000;
    meter.add(a);
    // 1 MB over the 2 s the exposition says, not the 1 s between the scrapes: 4 Mbit/s.
    QCOMPARE(valueOf(meter.add(b), BandwidthMeter::seriesFor(u"n"_s, u"eth0"_s, true)), 4.0);
}

QTEST_GUILESS_MAIN(tst_ExpositionRates)
#include "tst_expositionrates.moc"
