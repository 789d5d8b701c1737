#include "reportsview.h"

#include "series/decimation.h"
#include "timechart.h"

#include "analytics/exportfile.h"
#include "flowlayout.h"
#include "models/availabilitymodel.h"
#include "series/decimation.h"
#include "stateicons.h"
#include "timechart.h"

#include <QEvent>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QResizeEvent>
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
    , m_chart(new TimeChart(this))
    , m_table(makeTable(this, u"reportServices"_s, tr("Availability of the services")))
    , m_episodesTitle(new QLabel(this))
    , m_episodeTable(makeTable(this, u"reportEpisodes"_s, tr("Outages")))
    , m_draft(new QToolButton(this))
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

    m_draft->setObjectName(u"reportDraftNotice"_s);
    m_draft->setText(tr("&Draft a notice…"));
    m_draft->setToolTip(tr("Draft an incident notice from the selected outage and the cuts around it: the "
                           "services, their times, the facts and the timeline, for you to edit."));
    m_draft->setAutoRaise(true);
    m_draft->setEnabled(false);
    m_episodeTable->setContextMenuPolicy(Qt::CustomContextMenu);

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto *episodesHeader = new QHBoxLayout;
    episodesHeader->addWidget(m_episodesTitle, 1);
    episodesHeader->addWidget(m_draft);
    lowerLayout->addLayout(episodesHeader);
    lowerLayout->addWidget(m_episodeTable, 1);
    m_chart->setObjectName(u"reportOperationalChart"_s);
    m_chart->setAccessibleName(tr("Share of services operational"));
    m_chart->setTitle(tr("Services operational"));
    m_chart->setUnit(u"%"_s);
    m_chart->setFixedValueRange(0, 100);
    m_chart->installEventFilter(this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
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
    const auto updateDraft = [this] {
        const QModelIndex current = m_episodeTable->currentIndex();
        m_draft->setEnabled(current.isValid() && draftRequest(current.row()).has_value());
    };
    connect(m_episodeTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, updateDraft);
    connect(m_episodes, &QAbstractItemModel::modelReset, this, updateDraft);
    connect(m_draft, &QToolButton::clicked, this, [this] {
        if (const QModelIndex current = m_episodeTable->currentIndex(); current.isValid())
            requestDraft(current.row());
    });
    connect(m_episodeTable, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_episodeTable->indexAt(at);
        if (!index.isValid() || !draftRequest(index.row()))
            return;
        QMenu menu(this);
        menu.addAction(tr("&Draft a notice…"), this, [this, row = index.row()] { requestDraft(row); });
        menu.exec(m_episodeTable->viewport()->mapToGlobal(at));
    });

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
    if (m_chart->lines().isEmpty())
        return lines;
    for (const QList<Sample> &run : splitAtGaps(m_chart->lines().constFirst().samples)) {
        QList<QPointF> points;
        points.reserve(run.size());
        for (const Sample &sample : run)
            points.append(QPointF(double(sample.timestampMs), sample.value));
        lines.append(points);
    }
    return lines;
}

std::pair<qint64, qint64> ReportsView::chartTimeRange() const
{
    return {m_chart->fromMs(), m_chart->toMs()};
}

std::pair<double, double> ReportsView::chartShareRange() const
{
    return m_chart->valueRange();
}

void ReportsView::showOperational()
{
    // A step line: each sample's share holds until the next sample; a gap (no service counted)
    // breaks the line instead of bridging it. Decimated (M4) to the chart's width: a year of
    // changes is drawn with a few points per pixel column, never every step.
    const AvailabilityReport report = m_model->report();
    const QList<Sample> &samples = report.operational.samples;
    QList<Sample> steps;
    steps.reserve(samples.size() * 2);
    for (qsizetype i = 0; i < samples.size(); ++i) {
        const Sample &s = samples[i];
        if (s.isGap()) {
            if (!steps.isEmpty() && !steps.constLast().isGap())
                steps.append(s);
            continue;
        }
        const auto add = [&steps](qint64 atMs, double value) {
            if (steps.isEmpty() || steps.constLast().timestampMs != atMs || steps.constLast().value != value)
                steps.append({atMs, value});
        };
        add(s.timestampMs, s.value);
        if (i + 1 < samples.size())
            add(samples[i + 1].timestampMs, s.value);
    }
    const int columns = std::max(1, m_chart->plotWidth());
    m_chart->setLines({{report.operational.series, tr("Services operational"),
                        decimateM4(steps, report.fromMs, report.toMs, columns)}},
                      report.fromMs, report.toMs);
}

bool ReportsView::eventFilter(QObject *watched, QEvent *event)
{
    // Decimated for the chart's width: again when it changes.
    if (watched == m_chart && event->type() == QEvent::Resize &&
        static_cast<QResizeEvent *>(event)->size().width() != static_cast<QResizeEvent *>(event)->oldSize().width())
        showOperational();
    return QWidget::eventFilter(watched, event);
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

std::optional<HistoryDraftRequest> ReportsView::draftRequest(int episodeRow) const
{
    const QList<OutageEpisode> episodes = m_episodes->episodes();
    if (episodeRow < 0 || episodeRow >= episodes.size())
        return std::nullopt;
    const AvailabilityReport report = m_model->report();
    return HistoryDraftRequest::forEpisode(episodes.at(episodeRow), report.fromMs, report.toMs);
}

void ReportsView::requestDraft(int episodeRow)
{
    if (const std::optional<HistoryDraftRequest> request = draftRequest(episodeRow))
        Q_EMIT draftNoticeRequested(*request);
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
