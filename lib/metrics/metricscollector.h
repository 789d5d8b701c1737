#pragma once

#include "core/message.h"
#include "metrics/bandwidth.h"
#include "metrics/counterrate.h"
#include "metrics/scraper.h"
#include "series/series.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

namespace Vigie {

class Clock;
class SeriesStore;

// The series one scrape of a target gives, from its samples (ScrapeResult), named with the
// target's id in a `target` label:
//   gauges and untyped samples      as they are:                  node_load1{target="node"}
//   counters                        per-second rates (CounterRate):
//   node_cpu_seconds_total:rate{cpu="0",mode="idle",target="node"} histograms and summaries        their _count and
//   _sum as rates: http_request_duration_seconds_count:rate{...}
//                                   (buckets and quantiles are left out)
//   node_exporter's byte counters   bandwidth in Mbit/s (BandwidthMeter): vigie_bandwidth_mbps{device,direction,target}
// Counters' _created samples, gauge histograms, infos and state sets are left out. A rate needs two
// scrapes: the first gives gauges only.
//
// Not thread-safe: one per target, fed its scrapes in order (MetricsCollector feeds it on the thread
// pool, one scrape at a time).
class ScrapeSeries
{
public:
    explicit ScrapeSeries(QString targetId);

    QList<SeriesSamples> add(const ScrapeResult &scrape);
    // A NaN gap marker in every series written so far, and rates start over: a scrape that failed,
    // or the end of a run, is a gap in a chart, never a line bridging it.
    QList<SeriesSamples> gap(qint64 timestampMs);

    // The name a counter's rate is stored under: `name:rate{labels...,target="id"}`.
    static QString rateSeries(const QString &sampleName, QList<SeriesLabel> labels, const QString &targetId);
    static QString gaugeSeries(const QString &sampleName, QList<SeriesLabel> labels, const QString &targetId);

private:
    QString m_target;
    BandwidthMeter m_bandwidth;
    QHash<QString, CounterRate> m_rates; // by series name
    QSet<QString> m_gauges;              // series written since the last gap
};

// Scrapes each of the workspace's scrape targets on its interval and appends what it measured to a
// series store: the Session owns one, restarted with each workspace. Fetching is asynchronous on the
// collector's thread (Scraper); parsing, rates and bandwidth run on the thread pool, and the samples
// go to SeriesStore::append() from there: the collector's thread never parses or computes. A
// target's next scrape waits for its previous one (a tick that finds it still running is skipped).
//
// A scrape that fails writes a gap marker in each of the target's series (ScrapeSeries::gap()) and
// is reported by scrapeFailed(). stop() writes a gap marker in every series, so that the time
// nothing scraped is a gap in a chart.
class MetricsCollector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsCollector)

public:
    // `clock` stamps the samples (the system's by default; not owned).
    explicit MetricsCollector(const Clock *clock = nullptr, QObject *parent = nullptr);
    ~MetricsCollector() override; // stop()

    // Where the samples go (not owned; null: they are computed and dropped). Before start().
    void setStore(SeriesStore *store);
    // The targets to scrape. A running collector restarts with them; a target whose settings did
    // not change keeps its rates (no gap), the others start afresh.
    void setTargets(const QList<ScrapeTarget> &targets);
    // The secrets of the targets' `auth`, by name (Session reads them from the keychain). Before
    // setTargets(): the scrapers take them when they are made.
    void setSecrets(const QHash<QString, QByteArray> &secrets);
    QList<ScrapeTarget> targets() const;

    // Scrapes every target now, then on its interval.
    void start();
    // Stops the timers, drops the scrapes in flight, and writes a gap marker (at the clock's now) in
    // every series the targets wrote. Waits for conversions running on the thread pool (a few ms).
    void stop();
    bool isRunning() const;
    // Starts one scrape of each target now (those not already running), whether started or not:
    // tests drive the collector with it and a ManualClock.
    void scrapeNow();

Q_SIGNALS:
    // A scrape was turned into samples and handed to the store: how many.
    void scraped(const QString &targetId, qint64 timestampMs, qsizetype samples);
    // A scrape failed; `message` names the phase (fetching, or the text at line:column).
    void scrapeFailed(const QString &targetId, const Vigie::Message &message);

private:
    struct Target;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
