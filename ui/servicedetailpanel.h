#pragma once

#include "workspace/workspace.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <chrono>

class QFrame;
class QLabel;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;

namespace Vigie {

class ChartPanel;
class PromqlSeriesSource;
struct ChartSpec;
class ResultStore;
class SeriesStore;
class ServiceBoardModel;

// What the on-call engineer reads about the selected service: its state, each probe's last
// result (status, error, phase timings) and its charts (a ChartPanel: response time and error
// rate over a range from an hour to a year, with its outages and maintenance windows as bands).
// The charts load off the GUI thread and refresh, at most every few seconds, as results arrive.
class ServiceDetailPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceDetailPanel)

public:
    static constexpr std::chrono::milliseconds ChartRefreshInterval = std::chrono::seconds(5);

    ServiceDetailPanel(ServiceBoardModel *model, ResultStore *store, QWidget *parent = nullptr);
    ~ServiceDetailPanel() override;

    // The specs give each probe its kind and target even before its first result.
    void setWorkspace(const Workspace &workspace);
    // The store the chart reads from; null until it is open (reads then wait for it).
    void setStore(ResultStore *store);
    // The numeric series the charts read (each probe its own line, phases on demand, bandwidth
    // where the service has it); until it is set, they read the result store's response times,
    // all of a service's probes on one line.
    // PromQL series of the workspace are asked of `promql` (the session's), when it is given.
    void setSeriesStore(SeriesStore *store, PromqlSeriesSource *promql = nullptr);
    // An empty id shows the invitation to select a service.
    void setServiceId(const QString &serviceId);
    // What the panel shows while no service is selected (it takes it); by default a hint.
    void setOverview(QWidget *overview);
    QString serviceId() const;

    ChartPanel *charts() const;
    // The points the charts show (every line of every chart).
    int pointCount() const;

Q_SIGNALS:
    // The charts now show the store's points for `serviceId` (tests, diagnostics): pointCount().
    void chartLoaded(const QString &serviceId, int pointCount);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The widgets showing one probe's last result.
    struct ProbeWidgets
    {
        QFrame *frame = nullptr;
        QLabel *title = nullptr;
        QLabel *stateIcon = nullptr;
        QLabel *state = nullptr;
        QLabel *checked = nullptr;
        QLabel *error = nullptr;
        QLabel *detail = nullptr; // what the probe found; and when TLS is not verified, why
        QList<QLabel *> phases;   // resolve, connect, TLS, processing, transfer, total
    };

    void applyFonts();
    void rebuildProbes();
    void fitProbes();
    void refreshDetails();
    void requestChart();
    void scheduleChart();
    void rebuildCharts();
    void rebuildSeriesCharts();
    // The charts of the service shown, the bandwidth of its scrape targets among these store series.
    QList<ChartSpec> chartSpecs(const QStringList &storedBandwidthSeries) const;
    void requestBands();
    void onModelDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    qint64 latestResultMs() const;

    QPointer<ServiceBoardModel> m_model;
    QPointer<ResultStore> m_store;
    QPointer<SeriesStore> m_seriesStore;
    QPointer<PromqlSeriesSource> m_promql;
    Workspace m_workspace;
    QString m_serviceId;

    QStackedWidget *m_pages;
    QLabel *m_stateIcon;
    QLabel *m_name;
    QLabel *m_group;
    QLabel *m_state;
    QVBoxLayout *m_probeLayout;
    QScrollArea *m_probeScroll;
    QList<ProbeWidgets> m_probes;
    ChartPanel *m_chart;

    // Chart loading: the id of the latest band request (older answers are dropped), the throttle,
    // and whether the store may hold results the charts do not show yet.
    quint64 m_requestId = 0;
    quint64 m_namesRequestId = 0; // the series names a bandwidth chart is looked for in
    QElapsedTimer m_lastRequest;
    QTimer m_chartTimer;
    bool m_chartStale = false;
    // The range the bands were last asked for, and the throttle of asking again when the view
    // leaves it.
    qint64 m_bandsFrom = 0;
    qint64 m_bandsTo = 0;
    QTimer m_bandsTimer;
};

} // namespace Vigie
