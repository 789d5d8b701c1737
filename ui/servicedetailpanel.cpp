#include "servicedetailpanel.h"

#include "analytics/availability.h"
#include "chartpanel.h"
#include "core/numbertext.h"
#include "metrics/metriccharts.h"
#include "models/serviceboardmodel.h"
#include "series/series.h"
#include "series/seriesstore.h"
#include "stateicons.h"
#include "store/resultstore.h"
#include "tiledelegate.h"

#include <QDateTime>
#include <QEvent>
#include <QFrame>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

HealthState toState(const QVariant &value)
{
    return HealthState(std::clamp(value.toInt(), 0, 3));
}

QString phaseText(const std::optional<double> &ms)
{
    return ms ? formatLatency(*ms) : u"—"_s;
}

QFont scaledBold(QFont font, qreal scale)
{
    font.setBold(true);
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    return font;
}

} // namespace

ServiceDetailPanel::ServiceDetailPanel(ServiceBoardModel *model, ResultStore *store, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_pages(new QStackedWidget(this))
    , m_stateIcon(new QLabel(this))
    , m_name(new QLabel(this))
    , m_group(new QLabel(this))
    , m_state(new QLabel(this))
    , m_probeLayout(new QVBoxLayout)
    , m_probeScroll(new QScrollArea(this))
    , m_chart(new ChartPanel(this))
{
    setAccessibleName(tr("Service detail"));

    auto *placeholder = new QLabel(tr("Select a service on the board to see its probes and response times."));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    placeholder->setMargin(fontMetrics().height());
    m_pages->addWidget(placeholder);

    auto *detail = new QWidget;
    auto *detailLayout = new QVBoxLayout(detail);
    const int line = fontMetrics().height();
    detailLayout->setContentsMargins(line / 2, line / 2, line / 2, line / 2);

    auto *titleRow = new QHBoxLayout;
    m_name->setWordWrap(true);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_stateIcon, 0, Qt::AlignVCenter);
    titleRow->addWidget(m_name, 1);
    detailLayout->addLayout(titleRow);
    m_group->setForegroundRole(QPalette::PlaceholderText);
    detailLayout->addWidget(m_group);
    m_state->setWordWrap(true);
    detailLayout->addWidget(m_state);

    // See fitProbes() for its height; the chart has the rest.
    QScrollArea *scroll = m_probeScroll;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    auto *probesHost = new QWidget;
    probesHost->setLayout(m_probeLayout);
    m_probeLayout->setContentsMargins(0, 0, 0, 0);
    m_probeLayout->addStretch(1);
    scroll->setWidget(probesHost);
    detailLayout->addWidget(scroll, 0);
    detailLayout->addSpacing(line / 2);
    detailLayout->addWidget(m_chart, 1);
    m_pages->addWidget(detail);
    // What the page holds may come to need more room (an acknowledgement's comment above the
    // probes, the charts' controls once loaded): the probes' box gives it up then.
    detail->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_chart, &ChartPanel::loaded, this, [this] {
        if (m_serviceId.isEmpty())
            return;
        qint64 newest = 0;
        const QList<TimeChart *> charts = m_chart->timeCharts();
        if (!charts.isEmpty())
            for (const ChartLine &drawn : charts.constFirst()->lines())
                for (const Sample &sample : drawn.samples)
                    if (!sample.isGap())
                        newest = std::max(newest, sample.timestampMs);
        if (newest < latestResultMs() && m_chart->toMs() >= latestResultMs())
            m_chartStale = true; // the store had not committed them yet
        Q_EMIT chartLoaded(m_serviceId, pointCount());
    });
    connect(m_chart, &ChartPanel::rangeChanged, this, [this](qint64 fromMs, qint64 toMs) {
        // Bands are known a width on each side of the view they were asked for.
        if (!m_serviceId.isEmpty() && (fromMs < m_bandsFrom || toMs > m_bandsTo))
            m_bandsTimer.start();
    });
    m_bandsTimer.setSingleShot(true);
    m_bandsTimer.setInterval(100);
    connect(&m_bandsTimer, &QTimer::timeout, this, &ServiceDetailPanel::requestBands);
    m_chartTimer.setSingleShot(true);
    connect(&m_chartTimer, &QTimer::timeout, this, &ServiceDetailPanel::requestChart);
    if (m_model) {
        connect(m_model, &QAbstractItemModel::dataChanged, this, &ServiceDetailPanel::onModelDataChanged);
        connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
            // The service may be gone from the new workspace.
            if (m_model && !m_model->serviceIndex(m_serviceId).isValid())
                setServiceId({});
            else
                rebuildProbes();
        });
    }
    applyFonts();
    setStore(store);
    setServiceId({});
}

void ServiceDetailPanel::applyFonts()
{
    // Set from the panel's own font each time it changes, so that titles follow the application
    // font (a wall screen's larger one) instead of keeping the size they had at creation.
    m_name->setFont(scaledBold(font(), 1.35));
    m_state->setFont(scaledBold(font(), 1.0));
    for (const ProbeWidgets &probe : std::as_const(m_probes))
        probe.title->setFont(scaledBold(font(), 1.0));
}

void ServiceDetailPanel::setStore(ResultStore *store)
{
    if (m_store == store)
        return;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (!m_serviceId.isEmpty())
        rebuildCharts(); // the charts read from the new store
    if (!m_store)
        return;
    // The store commits in batches after the model has the results: the chart catches up then.
    connect(m_store, &ResultStore::committed, this, [this] {
        if (m_chartStale)
            scheduleChart();
    });
    if (!m_serviceId.isEmpty())
        requestChart();
}

ServiceDetailPanel::~ServiceDetailPanel() = default;

void ServiceDetailPanel::setWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
    if (!m_serviceId.isEmpty())
        rebuildProbes();
}

QString ServiceDetailPanel::serviceId() const
{
    return m_serviceId;
}

ChartPanel *ServiceDetailPanel::charts() const
{
    return m_chart;
}

int ServiceDetailPanel::pointCount() const
{
    int count = 0;
    for (const TimeChart *chart : m_chart->timeCharts())
        for (const ChartLine &line : chart->lines())
            count += int(std::ranges::count_if(line.samples, [](const Sample &s) { return !s.isGap(); }));
    return count;
}

void ServiceDetailPanel::setOverview(QWidget *overview)
{
    QWidget *previous = m_pages->widget(0);
    const bool shown = m_pages->currentIndex() == 0;
    m_pages->insertWidget(0, overview);
    m_pages->removeWidget(previous);
    previous->deleteLater();
    if (shown)
        m_pages->setCurrentIndex(0);
}

void ServiceDetailPanel::setServiceId(const QString &serviceId)
{
    const bool changed = serviceId != m_serviceId;
    m_serviceId = serviceId;
    if (m_serviceId.isEmpty() || !m_model || !m_model->serviceIndex(m_serviceId).isValid()) {
        m_serviceId.clear();
        ++m_requestId;
        m_chartTimer.stop();
        m_pages->setCurrentIndex(0);
        return;
    }
    m_pages->setCurrentIndex(1);
    rebuildProbes();
    if (changed) {
        // The previous service's charts must not linger while the new ones load.
        rebuildCharts();
        m_chartTimer.stop();
        requestChart();
    }
}

void ServiceDetailPanel::rebuildProbes()
{
    for (const ProbeWidgets &probe : std::as_const(m_probes))
        delete probe.frame;
    m_probes.clear();
    if (m_serviceId.isEmpty() || !m_model)
        return;

    const int count = int(m_model->latestResults(m_serviceId).size());
    const QStringList phaseNames = {tr("Resolve"),    tr("Connect"),  tr("TLS"),
                                    tr("Processing"), tr("Transfer"), tr("Total")};
    for (int i = 0; i < count; ++i) {
        ProbeWidgets probe;
        probe.frame = new QFrame;
        probe.frame->setFrameShape(QFrame::StyledPanel);
        auto *box = new QVBoxLayout(probe.frame);
        probe.title = new QLabel;
        probe.title->setFont(scaledBold(font(), 1.0));
        probe.title->setWordWrap(true);
        probe.title->setTextInteractionFlags(Qt::TextSelectableByMouse);
        box->addWidget(probe.title);

        auto *stateRow = new QHBoxLayout;
        probe.stateIcon = new QLabel;
        probe.state = new QLabel;
        probe.checked = new QLabel;
        probe.checked->setForegroundRole(QPalette::PlaceholderText);
        stateRow->addWidget(probe.stateIcon);
        stateRow->addWidget(probe.state, 1);
        stateRow->addWidget(probe.checked);
        box->addLayout(stateRow);

        probe.error = new QLabel;
        probe.error->setWordWrap(true);
        probe.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
        box->addWidget(probe.error);

        probe.detail = new QLabel;
        probe.detail->setWordWrap(true);
        probe.detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
        probe.detail->setForegroundRole(QPalette::PlaceholderText);
        box->addWidget(probe.detail);

        auto *phases = new QGridLayout;
        phases->setHorizontalSpacing(fontMetrics().height());
        for (int p = 0; p < phaseNames.size(); ++p) {
            auto *name = new QLabel(phaseNames.at(p));
            name->setForegroundRole(QPalette::PlaceholderText);
            auto *value = new QLabel;
            value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            phases->addWidget(name, p / 2, (p % 2) * 2);
            phases->addWidget(value, p / 2, (p % 2) * 2 + 1);
            probe.phases.append(value);
        }
        phases->setColumnStretch(1, 1);
        phases->setColumnStretch(3, 1);
        box->addLayout(phases);

        m_probeLayout->insertWidget(m_probeLayout->count() - 1, probe.frame);
        m_probes.append(probe);
    }
    refreshDetails();
}

void ServiceDetailPanel::refreshDetails()
{
    if (m_serviceId.isEmpty() || !m_model)
        return;
    const QModelIndex index = m_model->serviceIndex(m_serviceId);
    if (!index.isValid())
        return;
    const QList<ProbeResult> results = m_model->latestResults(m_serviceId);
    if (results.size() != m_probes.size()) {
        rebuildProbes();
        return;
    }

    const QPalette pal = palette();
    const qreal dpr = devicePixelRatioF();
    const int line = fontMetrics().height();
    const HealthState state = toState(index.data(ServiceBoardModel::StateRole));
    m_stateIcon->setPixmap(StateIcons::pixmap(state, qRound(line * 1.4), dpr, pal));
    m_name->setText(index.data(Qt::DisplayRole).toString());
    const QString group = index.data(ServiceBoardModel::GroupRole).toString();
    m_group->setText(group.isEmpty() ? tr("No group") : tr("Group: %1").arg(group));
    QString stateLine = index.data(ServiceBoardModel::StateTextRole).toString();
    const QString since =
        formatSince(index.data(ServiceBoardModel::LastChangeRole).toDateTime(), QDateTime::currentDateTimeUtc());
    if (!since.isEmpty())
        stateLine = tr("%1 %2").arg(stateLine, since);
    // Someone is on it: said under the state, until the service recovers.
    if (const QString acknowledgement = index.data(ServiceBoardModel::AcknowledgementRole).toString();
        !acknowledgement.isEmpty())
        stateLine += u'\n' + acknowledgement;
    m_state->setText(stateLine);
    QPalette statePalette = m_state->palette();
    statePalette.setColor(QPalette::WindowText, state == HealthState::Unknown ? pal.color(QPalette::WindowText)
                                                                              : StateIcons::color(state, pal));
    m_state->setPalette(statePalette);

    const Service *spec = m_workspace.service(m_serviceId);
    for (qsizetype i = 0; i < results.size(); ++i) {
        const ProbeResult &result = results.at(i);
        const ProbeWidgets &probe = m_probes.at(i);
        QString kind = result.kind;
        QString target = result.target;
        QString insecure;
        if (spec && i < spec->probes.size()) {
            kind = spec->probes.at(i).kindName();
            target = spec->probes.at(i).target;
            if (const TlsTrust *trust = spec->probes.at(i).tlsTrust())
                insecure = trust->insecureReason;
        }
        probe.title->setText(tr("%1 %2").arg(kind.toUpper(), target));

        probe.stateIcon->setPixmap(StateIcons::pixmap(result.status, line, dpr, pal));
        QString status = ServiceBoardModel::stateText(result.status);
        if (result.httpStatus > 0)
            status = tr("%1 · HTTP %2").arg(status).arg(result.httpStatus);
        else if (result.status != HealthState::Unknown && result.latencyMs > 0)
            status = tr("%1 · %2").arg(status, formatLatency(result.latencyMs));
        probe.state->setText(status);
        probe.checked->setText(
            result.timestampMs > 0
                ? tr("checked at %1")
                      .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(result.timestampMs).time(),
                                              QLocale::ShortFormat))
                : QString());

        probe.error->setVisible(!result.error.isEmpty());
        probe.error->setText(result.error.toString());
        QPalette errorPalette = probe.error->palette();
        errorPalette.setColor(QPalette::WindowText,
                              StateIcons::color(std::max(result.status, HealthState::Degraded), pal));
        probe.error->setPalette(errorPalette);

        QStringList detailLines;
        if (!result.detail.isEmpty())
            detailLines << result.detail.toString();
        if (!insecure.isEmpty())
            detailLines << tr("TLS not verified: %1").arg(insecure);
        probe.detail->setVisible(!detailLines.isEmpty());
        probe.detail->setText(detailLines.join(u'\n'));

        const PhaseTimings &t = result.phases;
        const std::optional<double> values[] = {t.resolveMs,    t.connectMs,  t.tlsMs,
                                                t.processingMs, t.transferMs, t.totalMs};
        for (int p = 0; p < probe.phases.size(); ++p)
            probe.phases.at(p)->setText(result.status == HealthState::Unknown ? u"—"_s : phaseText(values[p]));
    }
    fitProbes();
}

void ServiceDetailPanel::fitProbes()
{
    // QScrollArea's own size hint is taken once and capped: the probes' height is given here so
    // that a service with few probes shows them whole, and one with many scrolls past a third of
    // the panel's usual height. On a short panel (a laptop's, above the event log), the probes
    // give up what the header above them (an acknowledgement's comment, say) and the charts' least
    // need, down to a few lines, and scroll: below the page's minimum, Qt lays the charts over them.
    QWidget *host = m_probeScroll->widget();
    host->layout()->activate();
    const int line = fontMetrics().height();
    // The probes' height at the width they are shown at (their texts wrap), which the box never
    // squeezes them below: it scrolls.
    const int width = m_probeScroll->viewport()->width();
    const int needed = host->hasHeightForWidth() && width > 0 ? host->heightForWidth(width) : host->sizeHint().height();
    host->setMinimumHeight(needed);
    const int wanted = needed + 2 * m_probeScroll->frameWidth();
    int least = std::min(wanted, line * 16);
    QWidget *page = m_probeScroll->parentWidget();
    if (auto *layout = qobject_cast<QBoxLayout *>(page->layout()); layout && page->height() > 0) {
        // What the others take at this width: the header's wrapped lines whole, the charts their
        // least. The layout's own minimum leaves the wrapping out, which is how the charts came to
        // be laid over the probes under a two-line acknowledgement.
        const QMargins margins = layout->contentsMargins();
        const int pageWidth = page->width() - margins.left() - margins.right();
        int others = margins.top() + margins.bottom();
        bool below = false;
        for (int i = 0; i < layout->count(); ++i) {
            QLayoutItem *item = layout->itemAt(i);
            if (item->widget() == m_probeScroll) {
                below = true;
                continue;
            }
            if (QSpacerItem *spacer = item->spacerItem()) {
                others += spacer->sizeHint().height();
                continue;
            }
            if (item->isEmpty())
                continue;
            others += std::max(layout->spacing(), 0);
            if (below)
                others += item->minimumSize().height();
            else
                others += item->hasHeightForWidth() ? item->heightForWidth(pageWidth) : item->sizeHint().height();
        }
        least = std::min(least, std::max(page->height() - others, line * 4));
    }
    m_probeScroll->setMaximumHeight(wanted);
    m_probeScroll->setMinimumHeight(least);
}

bool ServiceDetailPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::LayoutRequest && watched == m_probeScroll->parentWidget() && !m_serviceId.isEmpty())
        fitProbes();
    return QWidget::eventFilter(watched, event);
}

void ServiceDetailPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_serviceId.isEmpty())
        fitProbes();
}

qint64 ServiceDetailPanel::latestResultMs() const
{
    qint64 latest = 0;
    if (m_model)
        for (const ProbeResult &result : m_model->latestResults(m_serviceId))
            latest = std::max(latest, result.timestampMs);
    return latest;
}

void ServiceDetailPanel::onModelDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (m_serviceId.isEmpty() || !m_model)
        return;
    const QModelIndex index = m_model->serviceIndex(m_serviceId);
    if (!index.isValid() || topLeft.parent() != index.parent() || index.row() < topLeft.row() ||
        index.row() > bottomRight.row())
        return;
    refreshDetails();
    m_chartStale = true;
    scheduleChart();
}

void ServiceDetailPanel::scheduleChart()
{
    if (m_serviceId.isEmpty() || m_chartTimer.isActive())
        return;
    const qint64 throttle = ChartRefreshInterval.count();
    const qint64 wait = m_lastRequest.isValid() ? std::max<qint64>(0, throttle - m_lastRequest.elapsed()) : 0;
    m_chartTimer.start(std::chrono::milliseconds(wait));
}

void ServiceDetailPanel::setSeriesStore(SeriesStore *store, PromqlSeriesSource *promql)
{
    if (m_seriesStore == store && m_promql == promql)
        return;
    m_promql = promql;
    if (m_seriesStore)
        disconnect(m_seriesStore, nullptr, this, nullptr);
    m_seriesStore = store;
    if (m_seriesStore)
        // The series are committed in batches after the model has the results: the charts catch up.
        connect(m_seriesStore, &SeriesStore::committed, this, [this] {
            if (m_chartStale)
                scheduleChart();
        });
    if (!m_serviceId.isEmpty()) {
        rebuildCharts();
        requestChart();
    }
}

void ServiceDetailPanel::rebuildCharts()
{
    m_chart->setBands({});
    if (m_serviceId.isEmpty()) {
        m_chart->setCharts({});
        return;
    }
    if (m_seriesStore) {
        rebuildSeriesCharts();
        return;
    }
    // A line breaks where a probe missed more than two of its rounds.
    qint64 interval = 60'000;
    if (const Service *spec = m_workspace.service(m_serviceId))
        for (const ProbeSpec &probe : spec->probes)
            interval = std::max<qint64>(interval, probe.interval.count());
    const qint64 maxStep = interval * 5 / 2;

    // The result store has one response time per result, all of a service's probes together.
    const QList<SeriesLabel> labels{{u"service"_s, m_serviceId}};
    ChartSpec latency;
    latency.title = tr("Response time");
    latency.unit = tr("ms");
    latency.lines = {{seriesName(u"vigie_probe_latency_ms"_s, labels), tr("All probes")}};
    latency.maxStepMs = maxStep;
    ChartSpec errors;
    errors.title = tr("Error rate");
    errors.unit = u"%"_s;
    errors.lines = {{seriesName(u"vigie_probe_success"_s, labels), tr("All probes")}};
    errors.reduction = ChartSpec::Reduction::ErrorRate;
    errors.maxStepMs = maxStep;

    const QString serviceId = m_serviceId;
    QPointer<ResultStore> store = m_store;
    m_chart->setFetch([store, serviceId](const QString &series, qint64 fromMs, qint64 toMs, int) {
        if (!store)
            return QtFuture::makeReadyValueFuture(SeriesRange{series, fromMs, toMs, SeriesLevel::Raw, {}, {}});
        const bool success = series.startsWith(u"vigie_probe_success"_s);
        return store->latencySeries(serviceId, fromMs, toMs)
            .then(QtFuture::Launch::Async, [series, fromMs, toMs, success](const QList<LatencyPoint> &points) {
                SeriesRange range{series, fromMs, toMs, SeriesLevel::Raw, {}, {}};
                range.samples.reserve(points.size());
                for (const LatencyPoint &point : points) {
                    if (success)
                        range.samples.append({point.timestampMs, point.status == HealthState::Down ? 0.0 : 1.0});
                    else if (point.status != HealthState::Down) // a failure has no response time
                        range.samples.append({point.timestampMs, point.latencyMs});
                }
                return range;
            });
    });
    m_chart->setCharts({latency, errors});
}

namespace {

bool hasScrapeTargets(const Workspace &workspace, const QString &serviceId)
{
    return std::ranges::any_of(workspace.metrics.scrape,
                               [&](const ScrapeTarget &target) { return target.service == serviceId; });
}

} // namespace

void ServiceDetailPanel::rebuildSeriesCharts()
{
    // What a service's charts show is decided in one place (serviceCharts): a line per probe, the
    // phases on demand, the error rate, the bandwidth of its scrape targets and its PromQL series.
    QPointer<SeriesStore> store = m_seriesStore;
    const MetricSeriesFetch fetch = metricSeriesFetch(m_seriesStore, m_promql, m_workspace);
    m_chart->setFetch([store, fetch](const QString &series, qint64 fromMs, qint64 toMs, int columns) {
        if (!store)
            return QtFuture::makeReadyValueFuture(SeriesRange{series, fromMs, toMs, SeriesLevel::Raw, {}, {}});
        return fetch(series, fromMs, toMs, columns);
    });
    m_chart->setCharts(chartSpecs({}));

    // The devices of a scrape target's bandwidth are known once it has been scraped.
    if (!hasScrapeTargets(m_workspace, m_serviceId))
        return;
    const QString serviceId = m_serviceId;
    const quint64 request = ++m_namesRequestId;
    auto *watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcher<QStringList>::finished, this, [this, watcher, request, serviceId] {
        watcher->deleteLater();
        if (request != m_namesRequestId || serviceId != m_serviceId || watcher->future().resultCount() == 0)
            return;
        const QList<ChartSpec> specs = chartSpecs(watcher->result());
        if (specs != m_chart->charts())
            m_chart->setCharts(specs);
    });
    watcher->setFuture(m_seriesStore->seriesNames(u"vigie_bandwidth_mbps"_s));
}

QList<ChartSpec> ServiceDetailPanel::chartSpecs(const QStringList &storedBandwidthSeries) const
{
    QList<ChartSpec> specs;
    for (const MetricChart &chart : serviceCharts(m_workspace, m_serviceId, storedBandwidthSeries)) {
        ChartSpec spec;
        spec.title = chart.title;
        spec.unit = chart.unit;
        for (const MetricChartLine &line : chart.lines)
            spec.lines.append({line.series, line.label});
        for (const MetricChartLine &line : chart.splitLines)
            spec.splitLines.append({line.series, line.label});
        spec.reduction =
            chart.kind == MetricChart::Kind::ErrorRate ? ChartSpec::Reduction::ErrorRate : ChartSpec::Reduction::M4;
        spec.maxStepMs = chart.maxStepMs;
        specs.append(spec);
    }
    return specs;
}

void ServiceDetailPanel::requestBands()
{
    if (m_serviceId.isEmpty() || !m_store)
        return;
    // The outage episodes and maintenance windows of the service, as a report computes them
    // (analytics/availability.h: down outside maintenance, clipped to the range), over the view and
    // a width on each side of it, so that a pan does not ask again at once.
    const quint64 request = ++m_requestId;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 width = std::max<qint64>(1, m_chart->toMs() - m_chart->fromMs());
    const qint64 from = m_chart->fromMs() - width;
    const qint64 to = std::min(m_chart->toMs() + width, now);
    m_bandsFrom = from;
    m_bandsTo = to;
    QList<ReportService> services;
    for (const ReportService &service : reportServices(m_workspace))
        if (service.id == m_serviceId)
            services.append(service);
    if (services.isEmpty())
        services.append({m_serviceId, m_serviceId, {}, {}});
    QFuture<AvailabilityFigures> figures =
        m_store->stateHistory({m_serviceId}, from, to)
            .then(QtFuture::Launch::Async, [services, from, to](StateHistory history) {
                return computeAvailabilityFromHistory(std::move(history), services, from, to).services.value(0);
            });
    auto *watcher = new QFutureWatcher<AvailabilityFigures>(this);
    connect(watcher, &QFutureWatcher<AvailabilityFigures>::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request != m_requestId || watcher->isCanceled() || watcher->future().resultCount() == 0)
            return;
        const AvailabilityFigures service = watcher->result();
        QList<ChartBand> bands;
        for (const OutageEpisode &episode : service.episodes)
            bands.append({episode.startMs, episode.endMs, ChartBand::Kind::Outage, tr("Down")});
        for (const MaintenanceSpan &window : service.maintenance)
            bands.append({window.startMs, window.endMs, ChartBand::Kind::Maintenance, tr("Maintenance")});
        m_chart->setBands(bands);
    });
    watcher->setFuture(figures);
}

void ServiceDetailPanel::requestChart()
{
    if (m_serviceId.isEmpty() || (!m_store && !m_seriesStore)) {
        m_chartStale = true;
        return;
    }
    m_lastRequest.start();
    m_chartStale = false;
    if (m_chart->charts().isEmpty())
        rebuildCharts();
    m_chart->refresh();
    requestBands();
}

void ServiceDetailPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyFonts();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        refreshDetails();
}

} // namespace Vigie
