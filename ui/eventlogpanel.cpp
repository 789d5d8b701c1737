#include "eventlogpanel.h"

#include "analytics/csvtext.h"
#include "analytics/exportfile.h"
#include "flowlayout.h"
#include "models/eventlogmodel.h"
#include "stateicons.h"
#include "store/resultstore.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr std::array filterStates{HealthState::Up, HealthState::Degraded, HealthState::Down, HealthState::Unknown};

HealthState toState(const QVariant &value)
{
    return HealthState(std::clamp(value.toInt(), 0, 3));
}

} // namespace

// Puts the icon of the state an event moved to before its change, so that the column reads at a
// glance and never by colour alone.
class EventLogDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The icons follow the palette: lighter colours on a dark one.
    void setPalette(const QPalette &palette)
    {
        for (HealthState state : filterStates)
            m_icons[int(state)] = StateIcons::icon(state, palette);
        m_maintenance = StateIcons::icon(StateIcons::Explained::Maintenance, palette);
        m_impacted = StateIcons::icon(StateIcons::Explained::Impacted, palette);
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != EventLogModel::ChangeColumn)
            return;
        option->features |= QStyleOptionViewItem::HasDecoration;
        // A maintenance or an impact is no change of state: its own sign, as on the tiles.
        switch (index.data(EventLogModel::EventRole).value<HealthEvent>().kind) {
        case HealthEvent::Kind::MaintenanceStart:
        case HealthEvent::Kind::MaintenanceEnd:
            option->icon = m_maintenance;
            break;
        case HealthEvent::Kind::ImpactStart:
        case HealthEvent::Kind::ImpactEnd:
            option->icon = m_impacted;
            break;
        default:
            option->icon = m_icons[int(toState(index.data(EventLogModel::StateRole)))];
            break;
        }
        const int side = option->fontMetrics.height();
        option->decorationSize = QSize(side, side);
    }

private:
    std::array<QIcon, 4> m_icons;
    QIcon m_maintenance;
    QIcon m_impacted;
};

EventLogPanel::EventLogPanel(Clock *clock, QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(clock, this))
    , m_delegate(new EventLogDelegate(this))
    , m_service(new QComboBox(this))
    , m_group(new QComboBox(this))
    , m_span(new QComboBox(this))
    , m_probeChanges(new QCheckBox(tr("&Probe changes"), this))
    , m_export(new QToolButton(this))
    , m_view(new QTableView(this))
    , m_count(new QLabel(this))
{
    setAccessibleName(tr("Event log"));

    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    for (QComboBox *combo : {m_service, m_group}) {
        // A long service name must not push the rest of the bar out of sight.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(combo == m_service ? 20 : 14);
    }
    m_service->setObjectName(u"serviceFilter"_s);
    m_service->setAccessibleName(tr("Service"));
    m_group->setObjectName(u"groupFilter"_s);
    m_group->setAccessibleName(tr("Group"));
    m_span->setObjectName(u"timeFilter"_s);
    m_span->setAccessibleName(tr("Time span"));
    m_span->addItem(tr("Last hour"), int(Span::LastHour));
    m_span->addItem(tr("Last 24 hours"), int(Span::LastDay));
    m_span->addItem(tr("Last 7 days"), int(Span::LastWeek));
    m_span->addItem(tr("Everything"), int(Span::Everything));
    m_span->setCurrentIndex(int(Span::LastDay));

    // The filters flow: one line on a wall screen, two on a laptop or in French, never cut off.
    // Each label stays with its control, and the states with their caption.
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
    group({label(tr("&Service:"), m_service), m_service});
    group({label(tr("&Group:"), m_group), m_group});
    QList<QWidget *> states{new QLabel(tr("Moved to:"), this)};
    for (HealthState state : filterStates) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::StrongFocus);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setText(EventLogModel::stateName(state));
        button->setObjectName(u"stateFilter-%1"_s.arg(healthStateName(state)));
        button->setToolTip(tr("Show only the events that moved to %1 (with the other states checked). "
                              "None checked: every state.")
                               .arg(EventLogModel::stateName(state)));
        states.append(button);
        m_states.append(button);
        connect(button, &QToolButton::toggled, this, &EventLogPanel::applyFilter);
    }
    group(states);
    group({label(tr("&Time:"), m_span), m_span});
    m_probeChanges->setObjectName(u"probeChangesFilter"_s);
    m_probeChanges->setToolTip(tr("Also list each probe's own changes of state, not only its service's."));
    flow->addWidget(m_probeChanges);

    auto *bar = new QHBoxLayout;
    // The table runs edge to edge; the controls above it keep off the panel's edges.
    const int gap = fontMetrics().height() / 3;
    bar->setContentsMargins(gap, gap, gap, 0);
    bar->addWidget(filters, 1);
    m_count->setObjectName(u"eventCount"_s);
    // Level with the first line of filters, at the right.
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_count->setMinimumHeight(m_span->sizeHint().height());
    bar->addWidget(m_count, 0, Qt::AlignTop);
    m_export->setObjectName(u"exportEvents"_s);
    m_export->setText(tr("E&xport CSV…"));
    m_export->setToolTip(tr("Save the events shown as a CSV file."));
    m_export->setAutoRaise(true);
    m_export->setMinimumHeight(m_span->sizeHint().height());
    bar->addWidget(m_export, 0, Qt::AlignTop);

    m_view->setObjectName(u"eventTable"_s);
    m_view->setAccessibleName(tr("Health events"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows can be selected, to copy them (Ctrl+C) into a ticket or a spreadsheet.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    // Tab leaves the table for the next control instead of walking its cells.
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights keep ten thousand rows cheap to lay out.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    // Column widths are measured on the first rows only, not on the whole log.
    header->setResizeContentsPrecision(200);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    setTabOrder(m_service, m_group);
    QWidget *previous = m_group;
    for (QToolButton *button : std::as_const(m_states)) {
        setTabOrder(previous, button);
        previous = button;
    }
    setTabOrder(previous, m_span);
    setTabOrder(m_span, m_probeChanges);
    setTabOrder(m_probeChanges, m_view);

    connect(m_service, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_group, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_span, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_probeChanges, &QCheckBox::toggled, this, [this](bool checked) {
        // Only probe changes name a probe: without them the column would be empty.
        m_view->setColumnHidden(EventLogModel::ProbeColumn, !checked);
        applyFilter();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateCount();
        fitColumns();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        // The log was empty: its columns were measured on nothing.
        if (m_model->rowCount() == last - first + 1)
            fitColumns();
        else
            widenColumns(first, last);
        updateCount();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EventLogPanel::updateCount);
    connect(m_model, &EventLogModel::loadingChanged, this, &EventLogPanel::updateCount);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventLogPanel::onCurrentRowChanged);
    connect(m_view, &QAbstractItemView::activated, this, &EventLogPanel::onCurrentRowChanged);

    auto *copy = new QAction(tr("&Copy"), m_view);
    copy->setObjectName(u"copyEvents"_s);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &EventLogPanel::copySelection);
    auto *exportAction = new QAction(tr("E&xport CSV…"), m_view);
    connect(exportAction, &QAction::triggered, this, &EventLogPanel::exportCsv);
    m_view->addAction(copy);
    m_view->addAction(exportAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_export, &QToolButton::clicked, this, &EventLogPanel::exportCsv);

    m_delegate->setPalette(palette());
    for (qsizetype i = 0; i < m_states.size(); ++i)
        m_states.at(i)->setIcon(StateIcons::icon(filterStates.at(i), palette()));
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 2);
    m_view->setColumnHidden(EventLogModel::ProbeColumn, !m_probeChanges->isChecked());
    setWorkspace({});
}

EventLogPanel::~EventLogPanel() = default;

EventLogModel *EventLogPanel::model() const
{
    return m_model;
}

QTableView *EventLogPanel::view() const
{
    return m_view;
}

QList<int> EventLogPanel::shownColumns() const
{
    QList<int> columns;
    for (int column = 0; column < EventLogModel::ColumnCount; ++column)
        if (!m_view->isColumnHidden(column))
            columns.append(column);
    return columns;
}

QStringList EventLogPanel::rowFields(int row, bool isoTimes) const
{
    QStringList fields;
    for (int column : shownColumns()) {
        const QModelIndex index = m_model->index(row, column);
        if (column == EventLogModel::TimeColumn && isoTimes)
            fields.append(index.data(EventLogModel::TimestampRole).toDateTime().toLocalTime().toString(Qt::ISODate));
        else
            fields.append(index.data(Qt::DisplayRole).toString());
    }
    return fields;
}

QString EventLogPanel::rowsAsCsv(const QList<int> &rows) const
{
    QStringList header;
    for (int column : shownColumns())
        header.append(m_model->headerData(column, Qt::Horizontal).toString());
    QString text = csvRecord(header);
    for (int row : rows)
        text += csvRecord(rowFields(row, true));
    return text;
}

QString EventLogPanel::rowsAsTabSeparated(const QList<int> &rows) const
{
    QString text;
    for (int row : rows)
        text += tsvRecord(rowFields(row, false));
    return text;
}

QList<int> EventLogPanel::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::ranges::sort(rows);
    if (rows.isEmpty())
        for (int row = 0; row < m_model->rowCount(); ++row)
            rows.append(row);
    return rows;
}

void EventLogPanel::copySelection()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    auto *mime = new QMimeData;
    mime->setText(rowsAsTabSeparated(rows));
    mime->setData(u"text/csv"_s, rowsAsCsv(rows).toUtf8());
    QGuiApplication::clipboard()->setMimeData(mime);
}

QFuture<QString> EventLogPanel::saveCsv(const QString &path) const
{
    QList<int> rows;
    for (int row = 0; row < m_model->rowCount(); ++row)
        rows.append(row);
    // The text is made here (the model lives on this thread); the disk is written on the pool.
    return ExportFile::save(path, rowsAsCsv(rows).toUtf8());
}

void EventLogPanel::exportCsv()
{
    const QString start =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(tr("vigie-events.csv"));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Events"), start, tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    saveCsv(path).then(this, [this](const QString &error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export Events"), error);
    });
}

void EventLogPanel::setStore(ResultStore *store)
{
    // The model counts the time span back from the now of each query.
    m_model->setStore(store);
}

void EventLogPanel::setWorkspace(const Workspace &workspace)
{
    m_model->setWorkspace(workspace);

    const QVariant service = m_service->currentData();
    const QVariant group = m_group->currentData();
    {
        const QSignalBlocker blockService(m_service);
        const QSignalBlocker blockGroup(m_group);
        m_service->clear();
        m_group->clear();
        m_service->addItem(tr("All services"));
        m_group->addItem(tr("All groups"));

        QList<const Service *> services;
        for (const Service &s : workspace.services)
            services.append(&s);
        // Sorted by name: an engineer looks a service up by the name the board shows.
        std::ranges::stable_sort(services, [](const Service *a, const Service *b) {
            return QString::localeAwareCompare(a->name, b->name) < 0;
        });
        for (const Service *s : std::as_const(services))
            m_service->addItem(s->name.isEmpty() ? s->id : s->name, s->id);

        // Groups in the order the board shows them: the order the workspace first names them.
        QStringList groups;
        for (const Service &s : workspace.services)
            if (!groups.contains(s.group))
                groups.append(s.group);
        for (const QString &name : std::as_const(groups))
            m_group->addItem(name.isEmpty() ? tr("No group") : name, name);

        m_service->setCurrentIndex(service.isValid() ? std::max(0, m_service->findData(service)) : 0);
        m_group->setCurrentIndex(group.isValid() ? std::max(0, m_group->findData(group)) : 0);
    }
    applyFilter();
}

void EventLogPanel::applyFilter()
{
    EventFilter filter;
    if (const QVariant service = m_service->currentData(); service.isValid())
        filter.serviceIds = {service.toString()};
    if (const QVariant group = m_group->currentData(); group.isValid())
        filter.groups = {group.toString()};
    for (qsizetype i = 0; i < m_states.size(); ++i)
        if (m_states.at(i)->isChecked())
            filter.states.append(filterStates.at(i));
    filter.probeChanges = m_probeChanges->isChecked();
    // Relative to now, and sliding with it: the model moves the span's start as time passes.
    std::chrono::milliseconds span{0};
    switch (Span(m_span->currentData().toInt())) {
    case Span::LastHour:
        span = std::chrono::hours(1);
        break;
    case Span::LastDay:
        span = std::chrono::hours(24);
        break;
    case Span::LastWeek:
        span = std::chrono::days(7);
        break;
    case Span::Everything:
        break;
    }
    m_model->setFilter(filter, span);
}

void EventLogPanel::updateCount()
{
    const int count = m_model->rowCount();
    const EventFilter filter = m_model->filter();
    QString text;
    if (m_model->isLoading() && count == 0)
        text = tr("Loading events…");
    else if (count >= filter.limit)
        text = tr("The newest %n event(s)", nullptr, count);
    else
        text = tr("%n event(s)", nullptr, count);
    m_count->setText(text);
}

void EventLogPanel::fitColumns()
{
    if (m_model->rowCount() == 0)
        return;
    for (int column = 0; column < EventLogModel::CauseColumn; ++column)
        m_view->resizeColumnToContents(column);
}

void EventLogPanel::widenColumns(int first, int last)
{
    // A log that fills live was measured on its first row: often a service's change, with no probe
    // and a short name. Later rows widen a column they would not fit, and never narrow one.
    QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < EventLogModel::CauseColumn; ++column) {
        if (m_view->isColumnHidden(column))
            continue;
        int width = header->sectionSize(column);
        for (int row = first; row <= last; ++row)
            width = std::max(width, m_view->sizeHintForIndex(m_model->index(row, column)).width());
        if (width > header->sectionSize(column))
            header->resizeSection(column, width);
    }
}

void EventLogPanel::onCurrentRowChanged(const QModelIndex &current)
{
    const QString serviceId = current.data(EventLogModel::ServiceIdRole).toString();
    if (!serviceId.isEmpty())
        Q_EMIT serviceActivated(serviceId);
}

void EventLogPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
        m_delegate->setPalette(palette());
        for (qsizetype i = 0; i < m_states.size(); ++i)
            m_states.at(i)->setIcon(StateIcons::icon(filterStates.at(i), palette()));
        m_view->viewport()->update();
        break;
    case QEvent::FontChange:
        m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 2);
        fitColumns();
        break;
    default:
        break;
    }
}

} // namespace Vigie
