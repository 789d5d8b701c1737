#include "reportsview.h"

#include "analytics/exportfile.h"
#include "flowlayout.h"
#include "models/availabilitymodel.h"
#include "stateicons.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr qint64 DayMs = 86'400'000;

// The scope combo's data: "" every service, "group:NAME" a group, "service:ID" one service.
const QString groupPrefix = u"group:"_s;
const QString servicePrefix = u"service:"_s;

QTableView *makeTable(QWidget *parent, const QString &name, const QString &accessibleName)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setShowGrid(false);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

} // namespace

ReportsView::ReportsView(Clock *clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_model(new AvailabilityModel(this))
    , m_episodes(new OutageEpisodeModel(this))
    , m_preset(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_scope(new QComboBox(this))
    , m_refresh(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_summary(new QLabel(this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_timeAxis(new QDateTimeAxis(this))
    , m_shareAxis(new QValueAxis(this))
    , m_table(makeTable(this, u"reportServices"_s, tr("Availability of the services")))
    , m_episodesTitle(new QLabel(this))
    , m_episodeTable(makeTable(this, u"reportEpisodes"_s, tr("Outages")))
{
    setAccessibleName(tr("Reports"));
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    m_preset->setObjectName(u"reportRange"_s);
    m_preset->setAccessibleName(tr("Range"));
    m_preset->addItem(tr("Last 24 hours"), int(Preset::LastDay));
    m_preset->addItem(tr("Last 7 days"), int(Preset::LastWeek));
    m_preset->addItem(tr("Last 30 days"), int(Preset::LastMonth));
    m_preset->addItem(tr("Last year"), int(Preset::LastYear));
    m_preset->addItem(tr("Custom"), int(Preset::Custom));
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        edit->setEnabled(false);
    }
    m_from->setObjectName(u"reportFrom"_s);
    m_from->setAccessibleName(tr("From"));
    m_to->setObjectName(u"reportTo"_s);
    m_to->setAccessibleName(tr("To"));
    m_scope->setObjectName(u"reportScope"_s);
    m_scope->setAccessibleName(tr("Services"));
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scope->setMinimumContentsLength(20);
    m_refresh->setObjectName(u"reportRefresh"_s);
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Read the history again, up to now."));
    m_refresh->setAutoRaise(true);
    m_export->setObjectName(u"reportExport"_s);
    m_export->setText(tr("E&xport"));
    m_export->setToolTip(tr("Save this report as CSV (one row per outage), Markdown (for a postmortem) or JSON, "
                            "as vigie report prints it."));
    m_export->setAutoRaise(true);
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("&CSV…"), this, [this] { exportReport(ReportFormat::Kind::Csv); });
    exportMenu->addAction(tr("&Markdown…"), this, [this] { exportReport(ReportFormat::Kind::Markdown); });
    exportMenu->addAction(tr("&JSON…"), this, [this] { exportReport(ReportFormat::Kind::Json); });
    m_export->setMenu(exportMenu);

    auto *filters = new QWidget(this);
    auto *flow = new FlowLayout(filters);
    flow->setContentsMargins(0, 0, 0, 0);
    const auto group = [filters, flow](const QList<QWidget *> &widgets) {
        auto *chunk = new QWidget(filters);
        auto *row = new QHBoxLayout(chunk);
        row->setContentsMargins(0, 0, 0, 0);
        for (QWidget *widget : widgets)
            row->addWidget(widget);
        flow->addWidget(chunk);
    };
    group({label(tr("R&ange:"), m_preset), m_preset});
    group({label(tr("&From:"), m_from), m_from, label(tr("&To:"), m_to), m_to});
    group({label(tr("&Services:"), m_scope), m_scope});
    group({m_refresh, m_export});

    m_summary->setObjectName(u"reportSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(AvailabilityModel::SortRole);
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AvailabilityModel::AvailabilityColumn, Qt::AscendingOrder); // the worst first
    m_episodeTable->setModel(m_episodes);
    m_episodesTitle->setObjectName(u"reportEpisodesTitle"_s);
    m_episodesTitle->setBuddy(m_episodeTable);

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_episodesTitle);
    lowerLayout->addWidget(m_episodeTable, 1);
    m_chartView->setObjectName(u"reportOperationalChart"_s);
    m_chartView->setAccessibleName(tr("Share of services operational"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFrameShape(QFrame::NoFrame);
    m_chartView->setMinimumHeight(fontMetrics().height() * 8);
    m_chart->setTitle(tr("Services operational"));
    m_chart->legend()->hide();
    // Local time on the axis, as the other charts: people read it against their own clock.
    m_timeAxis->setFormat(u"yyyy-MM-dd HH:mm"_s);
    m_timeAxis->setTickCount(5);
    m_shareAxis->setRange(0, 100);
    m_shareAxis->setLabelFormat(u"%.0f %%"_s);
    m_shareAxis->setTickCount(6);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_shareAxis, Qt::AlignLeft);
    applyChartTheme();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chartView);
    splitter->addWidget(m_table);
    splitter->addWidget(lower);
    splitter->setChildrenCollapsible(false);

    const int gap = fontMetrics().height() / 3;
    auto *top = new QVBoxLayout;
    top->setContentsMargins(gap, gap, gap, 0);
    top->addWidget(filters);
    top->addWidget(m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        updateCustomRange();
        refresh();
    });
    connect(m_from, &QDateTimeEdit::editingFinished, this, &ReportsView::refresh);
    connect(m_to, &QDateTimeEdit::editingFinished, this, &ReportsView::refresh);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &ReportsView::refresh);
    connect(m_refresh, &QToolButton::clicked, this, &ReportsView::refresh);
    connect(m_model, &AvailabilityModel::reportReady, this, [this] {
        showSummary();
        showOperational();
        showEpisodes();
        m_table->resizeColumnsToContents();
    });
    connect(m_model, &AvailabilityModel::loadingChanged, this, &ReportsView::showSummary);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReportsView::showEpisodes);

    updateCustomRange();
    setWorkspace({});
}

ReportsView::~ReportsView() = default;

AvailabilityModel *ReportsView::model() const
{
    return m_model;
}

OutageEpisodeModel *ReportsView::episodeModel() const
{
    return m_episodes;
}

void ReportsView::setStore(ResultStore *store)
{
    m_model->setStore(store);
    refresh();
}

void ReportsView::setWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
    const QVariant scope = m_scope->currentData();
    {
        const QSignalBlocker block(m_scope);
        m_scope->clear();
        m_scope->addItem(tr("All services"), QString());
        QStringList groups;
        for (const Service &s : workspace.services)
            if (!s.group.isEmpty() && !groups.contains(s.group))
                groups.append(s.group);
        for (const QString &g : std::as_const(groups))
            m_scope->addItem(tr("Group %1").arg(g), QString(groupPrefix + g));
        for (const Service &s : workspace.services)
            m_scope->addItem(s.name.isEmpty() ? s.id : s.name, QString(servicePrefix + s.id));
        m_scope->setCurrentIndex(scope.isValid() ? std::max(0, m_scope->findData(scope)) : 0);
    }
    refresh();
}

std::pair<qint64, qint64> ReportsView::range() const
{
    const qint64 now = m_clock->now().toMSecsSinceEpoch();
    switch (Preset(m_preset->currentData().toInt())) {
    case Preset::LastDay:
        return {now - DayMs, now};
    case Preset::LastWeek:
        return {now - 7 * DayMs, now};
    case Preset::LastMonth:
        return {now - 30 * DayMs, now};
    case Preset::LastYear:
        return {now - 365 * DayMs, now};
    case Preset::Custom:
        break;
    }
    const qint64 from = m_from->dateTime().toMSecsSinceEpoch();
    const qint64 to = m_to->dateTime().toMSecsSinceEpoch();
    return {std::min(from, to), std::max(from, to)};
}

void ReportsView::updateCustomRange()
{
    const bool custom = Preset(m_preset->currentData().toInt()) == Preset::Custom;
    if (custom && !m_from->isEnabled()) {
        // A custom range starts as the last one shown, to be adjusted.
        const QDateTime now = m_clock->now().toLocalTime();
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_to->setDateTime(now);
        m_from->setDateTime(now.addDays(-1));
    }
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
}

void ReportsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void ReportsView::refresh()
{
    // A hidden view reads nothing: a year of history is read when someone looks.
    m_stale = !isVisible();
    if (m_stale)
        return;
    const QString scope = m_scope->currentData().toString();
    QList<ReportService> services = reportServices(m_workspace);
    if (scope.startsWith(groupPrefix)) {
        const QString group = scope.mid(groupPrefix.size());
        services.removeIf([&](const ReportService &s) { return s.group != group; });
    } else if (scope.startsWith(servicePrefix)) {
        const QString id = scope.mid(servicePrefix.size());
        services.removeIf([&](const ReportService &s) { return s.id != id; });
    }
    m_model->setServices(services);
    const auto [from, to] = range();
    m_model->refresh(from, to);
}

QList<QList<QPointF>> ReportsView::operationalLines() const
{
    QList<QList<QPointF>> lines;
    const QList<QAbstractSeries *> series = m_chart->series();
    for (QAbstractSeries *s : series)
        if (auto *line = qobject_cast<QLineSeries *>(s))
            lines.append(line->points());
    return lines;
}

std::pair<qint64, qint64> ReportsView::chartTimeRange() const
{
    return {m_timeAxis->min().toMSecsSinceEpoch(), m_timeAxis->max().toMSecsSinceEpoch()};
}

std::pair<double, double> ReportsView::chartShareRange() const
{
    return {m_shareAxis->min(), m_shareAxis->max()};
}

void ReportsView::showOperational()
{
    // A step line: each sample's share holds until the next sample; a gap (no service counted)
    // breaks the line instead of bridging it. One QLineSeries per stretch, handed whole.
    const AvailabilityReport report = m_model->report();
    const QList<Sample> &samples = report.operational.samples;
    QList<QList<QPointF>> stretches;
    for (qsizetype i = 0; i < samples.size(); ++i) {
        const Sample &s = samples[i];
        if (s.isGap())
            continue;
        if (i == 0 || samples[i - 1].isGap())
            stretches.append(QList<QPointF>());
        QList<QPointF> &points = stretches.last();
        const auto add = [&points](qint64 atMs, double value) {
            const QPointF point(double(atMs), value);
            if (points.isEmpty() || points.last() != point)
                points.append(point);
        };
        add(s.timestampMs, s.value);
        if (i + 1 < samples.size())
            add(samples[i + 1].timestampMs, s.value);
    }
    m_chart->removeAllSeries();
    const QPen pen = [this] {
        QPen p(palette().color(QPalette::Highlight), 2);
        p.setCosmetic(true);
        return p;
    }();
    for (const QList<QPointF> &points : std::as_const(stretches)) {
        auto *line = new QLineSeries(m_chart);
        line->setName(tr("Services operational"));
        line->replace(points);
        line->setPen(pen);
        m_chart->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_shareAxis);
    }
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(report.fromMs), QDateTime::fromMSecsSinceEpoch(report.toMs));
    m_timeAxis->setFormat(report.toMs - report.fromMs <= DayMs ? u"HH:mm"_s : u"yyyy-MM-dd"_s);
    m_shareAxis->setRange(0, 100);
}

void ReportsView::applyChartTheme()
{
    // setTheme() resets colours and fonts: what the palette drives is set again after it.
    const QPalette pal = palette();
    m_chart->setTheme(StateIcons::isDark(pal) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    const QColor window = pal.color(QPalette::Window);
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.12);
    m_chart->setBackgroundBrush(window);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(text);
    m_chart->setTitleFont(font());
    m_chartView->setBackgroundBrush(window);
    for (QAbstractAxis *axis : std::initializer_list<QAbstractAxis *>{m_timeAxis, m_shareAxis}) {
        axis->setLabelsBrush(text);
        axis->setLabelsFont(font());
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    QPen pen(pal.color(QPalette::Highlight), 2);
    pen.setCosmetic(true);
    const QList<QAbstractSeries *> series = m_chart->series();
    for (QAbstractSeries *s : series)
        if (auto *line = qobject_cast<QLineSeries *>(s))
            line->setPen(pen);
}

void ReportsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyChartTheme();
}

void ReportsView::showSummary()
{
    if (m_model->isLoading()) {
        m_summary->setText(tr("Reading the history…"));
        return;
    }
    const AvailabilityReport report = m_model->report();
    const AvailabilityFigures &all = report.overall;
    QString text =
        tr("%1 to %2 (UTC): availability %3 over %n service(s); %4.", "", all.services)
            .arg(ReportFormat::shortTime(report.fromMs), ReportFormat::shortTime(report.toMs, report.fromMs),
                 ReportFormat::percent(all.availabilityPct), ReportFormat::episodesSummary(all, report.fromMs));
    text += u' ' + tr("Maintenance (%1) and time without data (%2) are left out; degraded counts as available.")
                       .arg(ReportFormat::duration(all.maintenanceMs), ReportFormat::duration(all.noDataMs));
    m_summary->setText(text);
}

void ReportsView::showEpisodes()
{
    const QModelIndex current = m_table->currentIndex();
    const QString id = current.isValid() ? current.data(AvailabilityModel::ServiceIdRole).toString() : QString();
    const AvailabilityReport report = m_model->report();
    for (const AvailabilityFigures &f : report.services) {
        if (f.id != id)
            continue;
        m_episodesTitle->setText(
            tr("Outages of %1: %2")
                .arg(f.name.isEmpty() ? f.id : f.name, ReportFormat::episodesSummary(f, report.fromMs)));
        m_episodes->setEpisodes(f.episodes, m_model->service(f.id));
        m_episodeTable->resizeColumnsToContents();
        return;
    }
    m_episodesTitle->setText(tr("Outages of the services shown (select a service for its own): %1")
                                 .arg(ReportFormat::episodesSummary(report.overall, report.fromMs)));
    m_episodes->setEpisodes(report.overall.episodes, nullptr);
    m_episodeTable->resizeColumnsToContents();
}

QString ReportsView::exportText(ReportFormat::Kind kind) const
{
    return ReportFormat::format(m_model->report(), m_model->services(), kind);
}

QFuture<QString> ReportsView::saveReport(const QString &path, ReportFormat::Kind kind) const
{
    // Formatted here (a few hundred rows at most); written on the pool.
    return ExportFile::save(path, exportText(kind).toUtf8());
}

void ReportsView::exportReport(ReportFormat::Kind kind)
{
    const QString suffix = ReportFormat::fileSuffix(kind);
    const QString start = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                              .filePath(tr("vigie-report.%1").arg(suffix));
    const QString filter = kind == ReportFormat::Kind::Csv        ? tr("CSV files (*.csv)")
                           : kind == ReportFormat::Kind::Markdown ? tr("Markdown files (*.md)")
                                                                  : tr("JSON files (*.json)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Report"), start, filter);
    if (path.isEmpty())
        return;
    saveReport(path, kind).then(this, [this](const QString &error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export Report"), error);
    });
}

} // namespace Vigie
