#pragma once

#include "metrics/prometheusclient.h"
#include "series/series.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <expected>
#include <functional>
#include <memory>

namespace Vigie {

class SeriesStore;

// What a service's charts (or a dashboard's) show, in one place: the series the Session writes for
// its probes, the bandwidth of its scrape targets and its PromQL series.

// One line of a chart: a series of the store (seriesName() form), or a PromQL series
// (promqlSeriesName()), and its label for people (translated).
struct MetricChartLine
{
    QString series;
    QString label;
    friend bool operator==(const MetricChartLine &, const MetricChartLine &) = default;
};

struct MetricChart
{
    enum class Kind {
        ResponseTime, // vigie_probe_latency_ms per probe; splitLines: vigie_probe_phase_ms per probe and phase
        ErrorRate,    // vigie_probe_success per probe: a chart draws (1 - mean) x 100 (errorRatePercent())
        Bandwidth,    // vigie_bandwidth_mbps of the scrape targets, in and out per device
        Promql,       // one MetricSeriesSpec, fetched from its Prometheus (PromqlSeriesSource)
    };
    Kind kind = Kind::ResponseTime;
    QString title; // translated, or the workspace's own title for Promql
    QString unit;  // "ms", "%", "Mbit/s", or the workspace's unit
    QList<MetricChartLine> lines;
    QList<MetricChartLine> splitLines; // ResponseTime: each probe's phases
    // Break a raw line where two samples are further apart than this (a probe or scrape that
    // missed more than two of its rounds without a gap marker); 0: only at gap markers.
    qint64 maxStepMs = 0;
    QString promqlId; // Promql: the MetricSeriesSpec's id
    friend bool operator==(const MetricChart &, const MetricChart &) = default;
};

// The name a chart line gives a PromQL series: "promql:<id>".
QString promqlSeriesName(const QString &seriesId);
// The PromQL series a chart line names, or null (a store series, or an id the workspace lacks).
const MetricSeriesSpec *promqlSeriesSpec(const Workspace &workspace, const QString &series);

// The bandwidth series of one scrape target among `storedSeries` (the store's names, e.g. from
// SeriesStore::seriesNames(u"vigie_bandwidth_mbps"_s)): their devices are only known once scraped.
QStringList bandwidthSeriesOf(const QString &targetId, const QStringList &storedSeries);

// The charts of a service, in order: response time (a line per probe, its phases as splitLines),
// error rate (a line per probe), bandwidth (when one of its scrape targets has bandwidth series in
// `storedBandwidthSeries`; the loopback is left out but when it is all there is), then a chart per
// PromQL series attached to it. An unknown service has none.
QList<MetricChart> serviceCharts(const Workspace &workspace, const QString &serviceId,
                                 const QStringList &storedBandwidthSeries);
// The dashboards `metrics:` names (scrape targets and series with `dashboard:`), in file order.
QStringList metricDashboards(const Workspace &workspace);
// The charts of a dashboard: the bandwidth of its scrape targets, then its PromQL series.
QList<MetricChart> dashboardCharts(const Workspace &workspace, const QString &dashboard,
                                   const QStringList &storedBandwidthSeries);

// A PromQL series over a range, one SeriesRange per series the query returned (named
// PrometheusSeries::name(), raw samples; NaN kept as gap markers, ±Inf left out), or the server's
// error (PrometheusError::message keeps its own text).
using PromqlRanges = std::expected<QList<SeriesRange>, PrometheusError>;

// Fetches PromQL series for charts with query_range at a step of the range divided by the chart's
// pixel width (prometheusStep(): at least 1 s, never more than 11,000 points). The requests and
// the JSON parsing run on a thread of its own: fetch() may be called from any thread, and its
// future is fulfilled on that thread (chain with .then(), or watch it with a QFutureWatcher).
class PromqlSeriesSource final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromqlSeriesSource)

public:
    explicit PromqlSeriesSource(QObject *parent = nullptr);
    ~PromqlSeriesSource() override; // cancels what runs, stops the thread

    // The secrets of the series' `auth`, by name (Session reads them from the keychain). Thread-safe.
    void setSecrets(const QHash<QString, QByteArray> &secrets);
    // Per request (default 30 s).
    void setTimeout(std::chrono::milliseconds timeout);

    // Thread-safe.
    QFuture<PromqlRanges> fetch(const MetricSeriesSpec &spec, qint64 fromMs, qint64 toMs, int pixelColumns);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// A chart's range query for any line serviceCharts() gives (the signature of ui's SeriesFetch): a
// store series from `store` (its level picked for the pixel width), a PromQL series from `promql`
// (the first series its query returns; an error or no result is an empty range). Either may be
// null: its lines are then empty. Both must outlive the function.
using MetricSeriesFetch =
    std::function<QFuture<SeriesRange>(const QString &series, qint64 fromMs, qint64 toMs, int pixelColumns)>;
MetricSeriesFetch metricSeriesFetch(const SeriesStore *store, PromqlSeriesSource *promql, const Workspace &workspace);

} // namespace Vigie
