#pragma once

#include "analytics/reportformat.h"
#include "core/clock.h"
#include "notices/historydraft.h"
#include "workspace/workspace.h"

#include <QFuture>
#include <QList>
#include <QPointF>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QTableView;
class QToolButton;

namespace Vigie {

class TimeChart;

class AvailabilityModel;
class OutageEpisodeModel;
class ResultStore;

// The Reports view: availability and outages over a range (24 hours, 7 days, 30 days, a year,
// or a custom one), for every service, a group or one service, from the history. A table of
// services, the outage episodes of the selected one (or, with none selected, those of the whole
// selection, with the service that failed first), and an export to CSV, Markdown or JSON: the
// same text as `vigie report` (ReportFormat). Above them, a chart of the share of services
// operational over the range (a step line, 0-100 %, broken where no service had data). The store is read and the report
// computed off the GUI thread (AvailabilityModel).
class ReportsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportsView)

public:
    // The choices of the range, in the combo's order.
    enum class Preset { LastDay, LastWeek, LastMonth, LastYear, Custom };
    Q_ENUM(Preset)

    explicit ReportsView(Clock *clock = Clock::system(), QWidget *parent = nullptr);
    ~ReportsView() override;

    void setWorkspace(const Workspace &workspace);
    // The store to read; null until it is open.
    void setStore(ResultStore *store);

    // Reads the history again for the range and selection shown.
    void refresh();
    AvailabilityModel *model() const;
    OutageEpisodeModel *episodeModel() const;
    // The range asked for now (UTC ms).
    std::pair<qint64, qint64> range() const;

    // The report shown, as `vigie report --format` prints it.
    QString exportText(ReportFormat::Kind kind) const;
    // Saves it to `path`, off the GUI thread: a sentence when it failed, empty when it worked.
    QFuture<QString> saveReport(const QString &path, ReportFormat::Kind kind) const;

    // The lines of the operational-share chart, as drawn: a list per stretch with data, each point
    // (UTC ms, %), a step at each change of the share.
    QList<QList<QPointF>> operationalLines() const;
    // The chart's axes: the range (UTC ms) and the share (%).
    std::pair<qint64, qint64> chartTimeRange() const;
    std::pair<double, double> chartShareRange() const;

    // What "Draft a notice…" asks for an episode of the table (its row): the run of cuts of its
    // services around it within the report's range (HistoryDraftRequest::forEpisode); none when
    // the row holds no episode.
    std::optional<HistoryDraftRequest> draftRequest(int episodeRow) const;
    // Emits draftNoticeRequested for the episode of that row (the context menu and the button do).
    void requestDraft(int episodeRow);

Q_SIGNALS:
    // The engineer asked for a notice drafted from an episode: whoever owns the notice editor
    // computes the draft (computeHistoryDraft, off the GUI thread) and opens it there. Nothing is
    // read or written here.
    void draftNoticeRequested(const Vigie::HistoryDraftRequest &request);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void exportReport(ReportFormat::Kind kind);
    void showSummary();
    void showEpisodes();
    void updateCustomRange();
    void showOperational();

    Clock *m_clock;
    Workspace m_workspace;
    AvailabilityModel *m_model;
    OutageEpisodeModel *m_episodes;
    QComboBox *m_preset;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QComboBox *m_scope;
    QToolButton *m_refresh;
    QToolButton *m_export;
    QLabel *m_summary;
    TimeChart *m_chart;
    QTableView *m_table;
    QLabel *m_episodesTitle;
    QTableView *m_episodeTable;
    QToolButton *m_draft;
    bool m_stale = true; // asked while hidden: read when shown
};

} // namespace Vigie
