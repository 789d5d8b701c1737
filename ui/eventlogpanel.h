#pragma once

#include "core/clock.h"
#include "workspace/workspace.h"

#include <QFuture>
#include <QWidget>

#include <chrono>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;
class QToolButton;

namespace Vigie {

class EventLogModel;
class EventLogDelegate;
class ResultStore;

// The event log: what happened to the services, newest first, narrowed by service, group, the
// state moved to and a time span. Filters apply as they change; the store answers off the GUI
// thread, and events it commits afterwards appear on top. A span counts back from now, as now
// moves (the clock is the model's). A service's change of state is one row: the change of the
// probe that caused it is listed only when "Probe changes" is checked, and so is the Probe column.
class EventLogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogPanel)

public:
    // The choices of the time filter, in the combo's order.
    enum class Span { LastHour, LastDay, LastWeek, Everything };
    Q_ENUM(Span)

    explicit EventLogPanel(Clock *clock = Clock::system(), QWidget *parent = nullptr);
    ~EventLogPanel() override;

    // The services and groups the filters offer, and the names the log shows.
    void setWorkspace(const Workspace &workspace);
    // The store to read and follow; null until it is open.
    void setStore(ResultStore *store);

    EventLogModel *model() const;
    QTableView *view() const;

    // The rows shown (model rows, in that order) and their shown columns: CSV (RFC 4180, a header
    // line first, times in ISO 8601 with their offset) and tab-separated text for a spreadsheet
    // (no header, times as the log shows them).
    QString rowsAsCsv(const QList<int> &rows) const;
    QString rowsAsTabSeparated(const QList<int> &rows) const;
    // The selected rows, in the log's order (all of them when none is selected: Ctrl+C copies
    // what is shown).
    QList<int> selectedRows() const;
    // Puts the selected rows on the clipboard, as tab-separated text and as text/csv (Ctrl+C).
    void copySelection();
    // Asks where, then saves every event shown as CSV (off the GUI thread).
    void exportCsv();
    // Saves every event shown to `path` as CSV, off the GUI thread: a sentence when it failed,
    // empty when it worked.
    QFuture<QString> saveCsv(const QString &path) const;

Q_SIGNALS:
    // The engineer selected an event of this service.
    void serviceActivated(const QString &serviceId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFilter();
    void updateCount();
    void fitColumns();
    void widenColumns(int first, int last);
    void onCurrentRowChanged(const QModelIndex &current);
    QList<int> shownColumns() const;
    QStringList rowFields(int row, bool isoTimes) const;

    EventLogModel *m_model;
    EventLogDelegate *m_delegate;
    QComboBox *m_service;
    QComboBox *m_group;
    QList<QToolButton *> m_states; // Up, Degraded, Down, Unknown
    QComboBox *m_span;
    QCheckBox *m_probeChanges;
    QToolButton *m_export;
    QTableView *m_view;
    QLabel *m_count;
};

} // namespace Vigie
