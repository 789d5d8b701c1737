#include "metricscollector.h"

#include "core/clock.h"
#include "series/seriesstore.h"
#include "workspace/httpauthorization.h"

#include <QFutureSynchronizer>
#include <QFutureWatcher>
#include <QMutex>
#include <QMutexLocker>
#include <QTimer>
#include <QUrl>
#include <QtConcurrentRun>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr double gapValue = std::numeric_limits<double>::quiet_NaN();

// The scraped labels with the target's: a `target` the exporter wrote itself becomes
// `exported_target`, as Prometheus renames a label its own would overwrite.
QList<SeriesLabel> withTarget(QList<SeriesLabel> labels, const QString &targetId)
{
    for (SeriesLabel &label : labels)
        if (label.first == "target"_L1)
            label.first = u"exported_target"_s;
    labels.append({u"target"_s, targetId});
    return labels;
}

} // namespace

ScrapeSeries::ScrapeSeries(QString targetId)
    : m_target(std::move(targetId))
    , m_bandwidth(m_target)
{}

QString ScrapeSeries::rateSeries(const QString &sampleName, QList<SeriesLabel> labels, const QString &targetId)
{
    return seriesName(sampleName + ":rate"_L1, withTarget(std::move(labels), targetId));
}

QString ScrapeSeries::gaugeSeries(const QString &sampleName, QList<SeriesLabel> labels, const QString &targetId)
{
    return seriesName(sampleName, withTarget(std::move(labels), targetId));
}

QList<SeriesSamples> ScrapeSeries::add(const ScrapeResult &scrape)
{
    if (!scrape.ok())
        return gap(scrape.timestampMs);
    QList<SeriesSamples> out = m_bandwidth.add(scrape);
    out.reserve(out.size() + scrape.samples.size());
    for (const ScrapedSample &sample : scrape.samples) {
        const qint64 at = sample.timestampMs.value_or(scrape.timestampMs);
        bool rate = false;
        switch (sample.type) {
        case MetricType::Gauge:
        case MetricType::Unknown:
            break;
        case MetricType::Counter:
            if (sample.name.endsWith("_created"_L1))
                continue;
            rate = true;
            break;
        case MetricType::Histogram:
        case MetricType::Summary:
            if (!sample.name.endsWith("_count"_L1) && !sample.name.endsWith("_sum"_L1))
                continue;
            rate = true;
            break;
        case MetricType::GaugeHistogram:
        case MetricType::Info:
        case MetricType::StateSet:
            continue;
        }
        if (!rate) {
            QString series = gaugeSeries(sample.name, sample.labels, m_target);
            m_gauges.insert(series);
            out.append(SeriesSamples{std::move(series), {Sample{at, sample.value}}});
            continue;
        }
        QString series = rateSeries(sample.name, sample.labels, m_target);
        if (const std::optional<double> perSecond = m_rates[series].add(at, sample.value))
            out.append(SeriesSamples{std::move(series), {Sample{at, *perSecond}}});
    }
    return out;
}

QList<SeriesSamples> ScrapeSeries::gap(qint64 timestampMs)
{
    QList<SeriesSamples> out = m_bandwidth.gap(timestampMs);
    for (auto it = m_rates.begin(); it != m_rates.end(); ++it) {
        if (it->hasPrevious())
            out.append(SeriesSamples{it.key(), {Sample{timestampMs, gapValue}}});
        it->reset();
    }
    for (const QString &series : std::as_const(m_gauges))
        out.append(SeriesSamples{series, {Sample{timestampMs, gapValue}}});
    m_gauges.clear();
    return out;
}

// What a conversion on the thread pool shares with the collector: the target's series, one scrape
// at a time.
struct TargetSeries
{
    explicit TargetSeries(const QString &id)
        : series(id)
    {}
    QMutex mutex;
    ScrapeSeries series;
};

struct MetricsCollector::Target
{
    ScrapeTarget spec;
    std::shared_ptr<TargetSeries> series;
    Scraper *scraper = nullptr;
    QTimer *timer = nullptr;
    quint64 inFlight = 0; // the scrape being fetched, 0: none
    bool converting = false;
};

struct MetricsCollector::Private
{
    MetricsCollector *q = nullptr;
    const Clock *clock = nullptr;
    SeriesStore *store = nullptr;
    QHash<QString, QByteArray> secrets;
    QList<std::shared_ptr<Target>> targets;
    bool running = false;
    QFutureSynchronizer<qsizetype> conversions;

    void arm(const std::shared_ptr<Target> &target);
    void disarm(Target &target);
    void scrape(const std::shared_ptr<Target> &target);
    void convert(const std::shared_ptr<Target> &target, const ScrapeResult &result);
    void waitForConversions();
    void writeGaps(const QList<std::shared_ptr<TargetSeries>> &series);
};

void MetricsCollector::Private::arm(const std::shared_ptr<Target> &target)
{
    target->scraper = new Scraper(q, clock);
    target->scraper->setTimeout(target->spec.timeout);
    if (target->spec.auth.type != HttpAuthType::None)
        target->scraper->setAuthorization(
            httpAuthorization(target->spec.auth, secrets.value(target->spec.auth.secretName)));
    std::weak_ptr<Target> weak = target;
    QObject::connect(target->scraper, &Scraper::finished, q, [this, weak](quint64 id, const ScrapeResult &result) {
        const std::shared_ptr<Target> scraped = weak.lock();
        if (!scraped || id != scraped->inFlight)
            return;
        scraped->inFlight = 0;
        convert(scraped, result);
    });
    target->timer = new QTimer(q);
    target->timer->setInterval(target->spec.interval);
    QObject::connect(target->timer, &QTimer::timeout, q, [this, weak] {
        if (const std::shared_ptr<Target> due = weak.lock())
            scrape(due);
    });
}

void MetricsCollector::Private::disarm(Target &target)
{
    // Deleting the scraper drops its scrape in flight without a signal.
    delete std::exchange(target.scraper, nullptr);
    delete std::exchange(target.timer, nullptr);
    target.inFlight = 0;
}

void MetricsCollector::Private::scrape(const std::shared_ptr<Target> &target)
{
    if (!target->scraper)
        arm(target);
    if (target->inFlight != 0 || target->converting)
        return;
    target->inFlight = target->scraper->scrape(QUrl(target->spec.url));
}

void MetricsCollector::Private::convert(const std::shared_ptr<Target> &target, const ScrapeResult &result)
{
    target->converting = true;
    SeriesStore *sink = store;
    std::shared_ptr<TargetSeries> series = target->series;
    QFuture<qsizetype> future = QtConcurrent::run([series, sink, result]() -> qsizetype {
        QList<SeriesSamples> samples;
        {
            QMutexLocker lock(&series->mutex);
            samples = series->series.add(result);
        }
        if (sink && !samples.isEmpty())
            sink->append(samples);
        qsizetype count = 0;
        for (const SeriesSamples &s : std::as_const(samples))
            count += s.samples.size();
        return count;
    });
    conversions.addFuture(future);
    auto *watcher = new QFutureWatcher<qsizetype>(q);
    std::weak_ptr<Target> weak = target;
    QObject::connect(watcher, &QFutureWatcher<qsizetype>::finished, q, [this, watcher, weak, result] {
        watcher->deleteLater();
        const std::shared_ptr<Target> converted = weak.lock();
        if (!converted)
            return;
        converted->converting = false;
        const QString &id = converted->spec.id;
        if (result.ok()) {
            Q_EMIT q->scraped(id, result.timestampMs, watcher->future().resultCount() > 0 ? watcher->result() : 0);
            return;
        }
        const ScrapeError &error = *result.error;
        if (error.phase == ScrapeError::Phase::Parse) {
            Q_EMIT q->scrapeFailed(id, trMessage("Vigie::MetricsCollector",
                                                 "scraping %1: the metrics are invalid at line %2, column %3: %4")
                                           .arg(id)
                                           .arg(error.line)
                                           .arg(error.column)
                                           .arg(error.message));
        } else {
            Q_EMIT q->scrapeFailed(
                id,
                trMessage("Vigie::MetricsCollector", "scraping %1: the fetch failed: %2").arg(id).arg(error.message));
        }
    });
    watcher->setFuture(future);
}

void MetricsCollector::Private::waitForConversions()
{
    conversions.waitForFinished();
    conversions.clearFutures();
}

void MetricsCollector::Private::writeGaps(const QList<std::shared_ptr<TargetSeries>> &series)
{
    const qint64 now = clock->nowMs();
    QList<SeriesSamples> gaps;
    for (const std::shared_ptr<TargetSeries> &one : series) {
        QMutexLocker lock(&one->mutex);
        gaps += one->series.gap(now);
    }
    if (store && !gaps.isEmpty())
        store->append(gaps);
}

MetricsCollector::MetricsCollector(const Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->clock = clock ? clock : Clock::system();
    qRegisterMetaType<Vigie::Message>();
}

MetricsCollector::~MetricsCollector()
{
    stop();
}

void MetricsCollector::setStore(SeriesStore *store)
{
    d->store = store;
}

void MetricsCollector::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    d->secrets = secrets;
}

void MetricsCollector::setTargets(const QList<ScrapeTarget> &targets)
{
    const bool wasRunning = d->running;
    // What ran goes: its scrapes in flight are dropped, its conversions finish first.
    for (const std::shared_ptr<Target> &target : std::as_const(d->targets))
        d->disarm(*target);
    d->waitForConversions();
    QList<std::shared_ptr<Target>> next;
    QList<std::shared_ptr<TargetSeries>> ended;
    for (const std::shared_ptr<Target> &old : std::as_const(d->targets)) {
        const auto same = std::find_if(targets.cbegin(), targets.cend(),
                                       [&old](const ScrapeTarget &spec) { return spec == old->spec; });
        if (same == targets.cend())
            ended.append(old->series);
    }
    for (const ScrapeTarget &spec : targets) {
        auto target = std::make_shared<Target>();
        target->spec = spec;
        const auto kept = std::find_if(d->targets.cbegin(), d->targets.cend(),
                                       [&spec](const std::shared_ptr<Target> &old) { return old->spec == spec; });
        target->series = kept != d->targets.cend() ? (*kept)->series : std::make_shared<TargetSeries>(spec.id);
        next.append(std::move(target));
    }
    // A target removed or changed: the time from here on is not measured by it.
    if (wasRunning)
        d->writeGaps(ended);
    d->targets = std::move(next);
    d->running = false;
    if (wasRunning)
        start();
}

QList<ScrapeTarget> MetricsCollector::targets() const
{
    QList<ScrapeTarget> out;
    for (const std::shared_ptr<Target> &target : std::as_const(d->targets))
        out.append(target->spec);
    return out;
}

void MetricsCollector::start()
{
    if (d->running)
        return;
    d->running = true;
    for (const std::shared_ptr<Target> &target : std::as_const(d->targets)) {
        if (!target->scraper)
            d->arm(target);
        target->timer->start();
        d->scrape(target);
    }
}

void MetricsCollector::stop()
{
    if (!d->running)
        return;
    d->running = false;
    QList<std::shared_ptr<TargetSeries>> all;
    for (const std::shared_ptr<Target> &target : std::as_const(d->targets)) {
        d->disarm(*target);
        target->converting = false;
        all.append(target->series);
    }
    d->waitForConversions();
    d->writeGaps(all);
}

bool MetricsCollector::isRunning() const
{
    return d->running;
}

void MetricsCollector::scrapeNow()
{
    for (const std::shared_ptr<Target> &target : std::as_const(d->targets))
        d->scrape(target);
}

} // namespace Vigie
