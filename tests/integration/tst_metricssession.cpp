#include "metrics/metricscollector.h"
#include "realservers.h"
#include "series/seriesstore.h"
#include "session/session.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace Vigie::Test;

// A Session whose workspace scrapes a real prometheus-node-exporter on loopback every second: the
// bandwidth of the loopback reaches the session's series store.
class tst_MetricsSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scrapesNodeExporterIntoTheSeriesStore();
};

void tst_MetricsSession::scrapesNodeExporterIntoTheSeriesStore()
{
    NodeExporter exporter;
    QVERIFY2(exporter.start(), exporter.output().constData());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"workspace.yaml"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name: Scraping\n"
               "services:\n"
               "  - id: uplink\n"
               "    probes: [{tcp: '" +
               exporter.hostPort().toUtf8() +
               "', interval: 1m}]\n"
               "metrics:\n"
               "  scrape:\n"
               "    - id: lab-node\n"
               "      url: " +
               exporter.metricsUrl().toUtf8() +
               "\n"
               "      interval: 1s\n"
               "      service: uplink\n");
    file.close();

    Session session;
    session.setDataDir(dir.filePath(u"data"_s));
    QSignalSpy scraped(session.metricsCollector(), &MetricsCollector::scraped);
    QSignalSpy failed(&session, &Session::scrapeFailed);
    QSignalSpy started(&session, &Session::started);
    session.open(path);
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 10000);
    // The first scrape gives counters only; the second, a second later, the first rates.
    QTRY_VERIFY_WITH_TIMEOUT(scraped.size() >= 2, 10000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(scraped.at(0).at(0).toString(), u"lab-node"_s);

    SeriesStore *store = session.seriesStore();
    QTRY_VERIFY_WITH_TIMEOUT(session.isSeriesStoreOpen(), 10000);
    QVERIFY(store->flush());
    const QString in = u"vigie_bandwidth_mbps{device=\"lo\",direction=\"in\",target=\"lab-node\"}"_s;
    const SeriesRange range = store->rangeAt(in, SeriesLevel::Raw, 0, std::numeric_limits<qint64>::max()).result();
    QVERIFY2(!range.samples.isEmpty(), qPrintable(store->seriesNames(u"vigie_bandwidth"_s).result().join(u' ')));
    for (const Sample &sample : range.samples) {
        QVERIFY(!sample.isGap());
        QVERIFY(sample.value >= 0);
    }
    const QStringList names = store->seriesNames(u"vigie_bandwidth_mbps"_s).result();
    QVERIFY(names.contains(u"vigie_bandwidth_mbps{device=\"lo\",direction=\"out\",target=\"lab-node\"}"_s));

    // Closing writes a gap marker: the time nothing scrapes is a gap in a chart.
    QVERIFY(session.close());
    const QList<Sample> after =
        store->rangeAt(in, SeriesLevel::Raw, 0, std::numeric_limits<qint64>::max()).result().samples;
    QVERIFY(after.last().isGap());
}

QTEST_GUILESS_MAIN(tst_MetricsSession)
#include "tst_metricssession.moc"
