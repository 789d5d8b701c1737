#include "metriccharts.h"

#include "probes/proberesult.h"
#include "series/probeseries.h"
#include "series/seriesstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QPromise>
#include <QThread>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// The charts' own words (titles, units, line labels).
struct MetricCharts
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::MetricCharts)
};

// A line breaks where more than two and a half rounds went by without a sample.
qint64 maxStepFor(std::chrono::milliseconds interval)
{
    return interval.count() * 5 / 2;
}

// The value of `label` in a series name written by seriesName() (values without quotes or escapes:
// devices, directions and ids).
QString labelOf(const QString &series, QLatin1StringView label)
{
    const QString key = label + "=\""_L1;
    qsizetype at = series.indexOf(u'{');
    while (at >= 0) {
        at = series.indexOf(key, at + 1);
        if (at < 0)
            return {};
        const QChar before = series.at(at - 1);
        if (before == u'{' || before == u',') {
            const qsizetype start = at + key.size();
            const qsizetype end = series.indexOf(u'"', start);
            return end < 0 ? QString() : series.mid(start, end - start);
        }
    }
    return {};
}

MetricChart bandwidthChart(const QList<const ScrapeTarget *> &targets, const QStringList &stored)
{
    MetricChart chart;
    chart.kind = MetricChart::Kind::Bandwidth;
    chart.title = MetricCharts::tr("Bandwidth");
    chart.unit = MetricCharts::tr("Mbit/s");
    QList<MetricChartLine> loopback;
    for (const ScrapeTarget *target : targets) {
        chart.maxStepMs = std::max(chart.maxStepMs, maxStepFor(target->interval));
        for (const QString &series : bandwidthSeriesOf(target->id, stored)) {
            const QString device = labelOf(series, "device"_L1);
            if (!target->devices.isEmpty() && !target->devices.contains(device))
                continue;
            const bool in = labelOf(series, "direction"_L1) == "in"_L1;
            QString label = in ? MetricCharts::tr("%1 in", "bandwidth of an interface").arg(device)
                               : MetricCharts::tr("%1 out", "bandwidth of an interface").arg(device);
            if (targets.size() > 1)
                label = MetricCharts::tr("%1 (%2)", "a line's label and its scrape target").arg(label, target->id);
            (device == "lo"_L1 && target->devices.isEmpty() ? loopback : chart.lines).append({series, label});
        }
    }
    // The loopback is the machine talking to itself: shown only when it is all there is (the lab).
    if (chart.lines.isEmpty())
        chart.lines = loopback;
    return chart;
}

MetricChart promqlChart(const MetricSeriesSpec &spec)
{
    MetricChart chart;
    chart.kind = MetricChart::Kind::Promql;
    chart.title = spec.title;
    chart.unit = spec.unit;
    chart.promqlId = spec.id;
    chart.lines = {{promqlSeriesName(spec.id), spec.title}};
    return chart;
}

} // namespace

QString promqlSeriesName(const QString &seriesId)
{
    return "promql:"_L1 + seriesId;
}

const MetricSeriesSpec *promqlSeriesSpec(const Workspace &workspace, const QString &series)
{
    if (!series.startsWith("promql:"_L1))
        return nullptr;
    const QStringView id = QStringView(series).mid(7);
    for (const MetricSeriesSpec &spec : workspace.metrics.series)
        if (spec.id == id)
            return &spec;
    return nullptr;
}

QStringList bandwidthSeriesOf(const QString &targetId, const QStringList &storedSeries)
{
    QStringList out;
    for (const QString &series : storedSeries)
        if (series.startsWith("vigie_bandwidth_mbps{"_L1) && labelOf(series, "target"_L1) == targetId)
            out.append(series);
    out.sort();
    return out;
}

QList<MetricChart> serviceCharts(const Workspace &workspace, const QString &serviceId,
                                 const QStringList &storedBandwidthSeries)
{
    const Service *service = workspace.service(serviceId);
    if (!service)
        return {};
    MetricChart latency;
    latency.kind = MetricChart::Kind::ResponseTime;
    latency.title = MetricCharts::tr("Response time");
    latency.unit = MetricCharts::tr("ms");
    MetricChart errors;
    errors.kind = MetricChart::Kind::ErrorRate;
    errors.title = MetricCharts::tr("Error rate");
    errors.unit = u"%"_s;
    for (int i = 0; i < service->probes.size(); ++i) {
        const ProbeSpec &probe = service->probes.at(i);
        const QString label =
            MetricCharts::tr("#%1 %2", "probe number and kind").arg(i + 1).arg(probe.kindName().toUpper());
        latency.lines.append({probeLatencySeries(serviceId, i), label});
        for (ProbePhase phase : probeSeriesPhases())
            latency.splitLines.append(
                {probePhaseSeries(serviceId, i, phase),
                 MetricCharts::tr("%1 %2", "probe and phase").arg(label, probePhaseDisplayName(phase))});
        errors.lines.append({probeSuccessSeries(serviceId, i), label});
        latency.maxStepMs = std::max(latency.maxStepMs, maxStepFor(probe.interval));
    }
    errors.maxStepMs = latency.maxStepMs;
    QList<MetricChart> charts{latency, errors};

    QList<const ScrapeTarget *> targets;
    for (const ScrapeTarget &target : workspace.metrics.scrape)
        if (target.service == serviceId)
            targets.append(&target);
    if (MetricChart bandwidth = bandwidthChart(targets, storedBandwidthSeries); !bandwidth.lines.isEmpty())
        charts.append(bandwidth);
    for (const MetricSeriesSpec &spec : workspace.metrics.series)
        if (spec.service == serviceId)
            charts.append(promqlChart(spec));
    return charts;
}

QStringList metricDashboards(const Workspace &workspace)
{
    QStringList names;
    const auto add = [&names](const QString &name) {
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
    };
    for (const ScrapeTarget &target : workspace.metrics.scrape)
        add(target.dashboard);
    for (const MetricSeriesSpec &spec : workspace.metrics.series)
        add(spec.dashboard);
    return names;
}

QList<MetricChart> dashboardCharts(const Workspace &workspace, const QString &dashboard,
                                   const QStringList &storedBandwidthSeries)
{
    QList<MetricChart> charts;
    if (dashboard.isEmpty())
        return charts;
    QList<const ScrapeTarget *> targets;
    for (const ScrapeTarget &target : workspace.metrics.scrape)
        if (target.dashboard == dashboard)
            targets.append(&target);
    if (MetricChart bandwidth = bandwidthChart(targets, storedBandwidthSeries); !bandwidth.lines.isEmpty())
        charts.append(bandwidth);
    for (const MetricSeriesSpec &spec : workspace.metrics.series)
        if (spec.dashboard == dashboard)
            charts.append(promqlChart(spec));
    return charts;
}

struct PromqlSeriesSource::Private
{
    QThread thread;
    QObject *context = nullptr;               // lives on `thread`
    QNetworkAccessManager *network = nullptr; // on `thread`, made at the first request
    mutable QMutex mutex;
    QHash<QString, QByteArray> secrets;
    std::chrono::milliseconds timeout{30'000};
};

PromqlSeriesSource::PromqlSeriesSource(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->thread.setObjectName(u"PromqlSeriesSource"_s);
    d->context = new QObject;
    d->context->moveToThread(&d->thread);
    QObject::connect(&d->thread, &QThread::finished, d->context, &QObject::deleteLater);
    d->thread.start();
}

PromqlSeriesSource::~PromqlSeriesSource()
{
    // The clients and the network manager are children of the context: deleted on their thread,
    // their requests aborted; the promises of those requests end cancelled.
    d->thread.quit();
    d->thread.wait();
}

void PromqlSeriesSource::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    QMutexLocker lock(&d->mutex);
    d->secrets = secrets;
}

void PromqlSeriesSource::setTimeout(std::chrono::milliseconds timeout)
{
    QMutexLocker lock(&d->mutex);
    d->timeout = timeout;
}

QFuture<PromqlRanges> PromqlSeriesSource::fetch(const MetricSeriesSpec &spec, qint64 fromMs, qint64 toMs,
                                                int pixelColumns)
{
    auto promise = std::make_shared<QPromise<PromqlRanges>>();
    QFuture<PromqlRanges> future = promise->future();
    promise->start();
    PrometheusEndpoint endpoint;
    endpoint.baseUrl = QUrl(spec.prometheus);
    endpoint.auth = spec.auth;
    {
        QMutexLocker lock(&d->mutex);
        endpoint.timeout = d->timeout;
        if (spec.auth.type != HttpAuthType::None)
            endpoint.secret = d->secrets.value(spec.auth.secretName);
    }
    const QString query = spec.query;
    const std::chrono::seconds step =
        prometheusStep(std::chrono::milliseconds(std::max<qint64>(0, toMs - fromMs)), std::max(1, pixelColumns));
    Private *p = d.get();
    const bool posted = QMetaObject::invokeMethod(
        d->context,
        [p, promise, endpoint, query, step, fromMs, toMs] {
            if (!p->network)
                p->network = new QNetworkAccessManager(p->context);
            auto *client = new PrometheusClient(endpoint, p->network, p->context);
            QObject::connect(client, &PrometheusClient::finished, client,
                             [client, promise, fromMs, toMs](quint64, const PrometheusReply &reply) {
                                 client->deleteLater();
                                 if (!reply) {
                                     promise->addResult(PromqlRanges(std::unexpect, reply.error()));
                                     promise->finish();
                                     return;
                                 }
                                 QList<SeriesRange> ranges;
                                 ranges.reserve(reply->series.size());
                                 for (const PrometheusSeries &series : reply->series) {
                                     SeriesRange range{series.name(), fromMs, toMs, SeriesLevel::Raw, {}, {}};
                                     range.samples.reserve(series.samples.size());
                                     for (const Sample &sample : series.samples)
                                         if (!std::isinf(sample.value))
                                             range.samples.append(sample);
                                     ranges.append(std::move(range));
                                 }
                                 promise->addResult(PromqlRanges(std::move(ranges)));
                                 promise->finish();
                             });
            // A client deleted before it answered (the source going away) drops the last copy of the
            // promise: its future ends cancelled.
            client->queryRange(query, QDateTime::fromMSecsSinceEpoch(fromMs, QTimeZone::UTC),
                               QDateTime::fromMSecsSinceEpoch(toMs, QTimeZone::UTC), step);
        },
        Qt::QueuedConnection);
    if (!posted) {
        promise->future().cancel();
        promise->finish();
    }
    return future;
}

MetricSeriesFetch metricSeriesFetch(const SeriesStore *store, PromqlSeriesSource *promql, const Workspace &workspace)
{
    return [store, promql, workspace](const QString &series, qint64 fromMs, qint64 toMs, int pixelColumns) {
        const SeriesRange empty{series, fromMs, toMs, SeriesLevel::Raw, {}, {}};
        if (const MetricSeriesSpec *spec = promqlSeriesSpec(workspace, series)) {
            if (!promql)
                return QtFuture::makeReadyValueFuture(empty);
            return promql->fetch(*spec, fromMs, toMs, pixelColumns)
                .then([empty](const PromqlRanges &ranges) {
                    if (!ranges || ranges->isEmpty())
                        return empty;
                    SeriesRange first = ranges->first();
                    first.series = empty.series;
                    return first;
                })
                .onCanceled([empty] { return empty; });
        }
        if (!store)
            return QtFuture::makeReadyValueFuture(empty);
        return store->range(series, fromMs, toMs, pixelColumns);
    };
}

} // namespace Vigie
