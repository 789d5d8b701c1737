#include "manualclock.h"
#include "models/availabilitymodel.h"
#include "reportsview.h"
#include "store/resultstore.h"
#include "timechart.h"

#include <QChart>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

Workspace sampleWorkspace()
{
    Workspace ws;
    ws.name = u"ACME"_s;
    const auto service = [](const QString &id, const QString &name, const QString &group) {
        Service s;
        s.id = id;
        s.name = name;
        s.group = group;
        ProbeSpec p;
        p.setKind(ProbeKind::Tcp);
        p.target = u"%1.example:443"_s.arg(id);
        s.probes = {p};
        return s;
    };
    ws.services = {service(u"portal"_s, u"Customer portal"_s, u"Web"_s), service(u"cas"_s, u"CAS"_s, u"Web"_s),
                   service(u"db"_s, u"Orders database"_s, u"Data"_s)};
    return ws;
}

HealthEvent change(qint64 atMs, const QString &service, const QString &group, int probe, HealthState from,
                   HealthState to)
{
    HealthEvent e;
    e.timestampMs = atMs;
    e.kind = probe < 0 ? HealthEvent::Kind::ServiceState : HealthEvent::Kind::ProbeState;
    e.serviceId = service;
    e.group = group;
    e.probeIndex = probe;
    e.from = from;
    e.to = to;
    return e;
}

} // namespace

class TestReportsView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<ResultStore>();
        QVERIFY(m_store->open(m_dir->path()).has_value());
        m_now = m_clock.nowMs();
        QList<HealthEvent> events;
        for (const auto &[id, group] :
             {std::pair(u"portal"_s, u"Web"_s), std::pair(u"cas"_s, u"Web"_s), std::pair(u"db"_s, u"Data"_s)}) {
            events.append(change(m_now - 40 * Day, id, group, 0, HealthState::Unknown, HealthState::Up));
            events.append(change(m_now - 40 * Day, id, group, -1, HealthState::Unknown, HealthState::Up));
        }
        // CAS: down 2 hours ago for 30 minutes; the database: down 10 days ago for an hour.
        const auto outage = [&events](qint64 at, qint64 length, const QString &id, const QString &group) {
            events.append(change(at, id, group, 0, HealthState::Up, HealthState::Down));
            events.append(change(at, id, group, -1, HealthState::Up, HealthState::Down));
            events.append(change(at + length, id, group, 0, HealthState::Down, HealthState::Up));
            events.append(change(at + length, id, group, -1, HealthState::Down, HealthState::Up));
        };
        outage(m_now - 10 * Day, Hour, u"db"_s, u"Data"_s);
        outage(m_now - 2 * Hour, 30 * Minute, u"cas"_s, u"Web"_s);
        m_store->appendEvents(events);
        QVERIFY(m_store->flush());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void showsTheRangeAndTheSelection()
    {
        ReportsView view(&m_clock);
        view.setWorkspace(sampleWorkspace());
        view.setStore(m_store.get());
        // Hidden, it reads nothing.
        QVERIFY(!view.model()->isLoading());
        view.resize(1000, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 3, 10'000);
        QTRY_VERIFY(!view.model()->isLoading());

        auto *range = view.findChild<QComboBox *>(u"reportRange"_s);
        auto *scope = view.findChild<QComboBox *>(u"reportScope"_s);
        auto *from = view.findChild<QDateTimeEdit *>(u"reportFrom"_s);
        auto *summary = view.findChild<QLabel *>(u"reportSummary"_s);
        auto *table = view.findChild<QTableView *>(u"reportServices"_s);
        QVERIFY(range && scope && from && summary && table && view.findChild<QToolButton *>(u"reportExport"_s));

        // The last 24 hours: CAS's half hour, the database's hour ten days ago is out of range.
        QCOMPARE(range->currentText(), u"Last 24 hours"_s);
        QVERIFY(!from->isEnabled());
        QCOMPARE(view.range(), std::pair(m_now - Day, m_now));
        AvailabilityReport report = view.model()->report();
        QCOMPARE(report.overall.outages(), 1);
        QCOMPARE(report.overall.downtimeMs, 30 * Minute);
        QVERIFY2(summary->text().contains(u"30 min in all"_s), qPrintable(summary->text()));
        // The worst first.
        QCOMPARE(table->model()->index(0, AvailabilityModel::ServiceColumn).data().toString(), u"CAS"_s);

        // Selecting a service shows its episodes.
        table->setCurrentIndex(table->model()->index(0, 0));
        QCOMPARE(view.episodeModel()->rowCount(), 1);
        QCOMPARE(view.episodeModel()->index(0, OutageEpisodeModel::DurationColumn).data().toString(), u"30 min"_s);
        QCOMPARE(view.episodeModel()->index(0, OutageEpisodeModel::CauseColumn).data().toString(),
                 u"#1 tcp cas.example:443"_s);

        // "Draft a notice…" on it asks for the run of cuts around it, within the report's range.
        auto *draft = view.findChild<QToolButton *>(u"reportDraftNotice"_s);
        QVERIFY(draft);
        QVERIFY(!draft->isEnabled());
        auto *episodes = view.findChild<QTableView *>(u"reportEpisodes"_s);
        episodes->setCurrentIndex(episodes->model()->index(0, 0));
        QVERIFY(draft->isEnabled());
        QSignalSpy asked(&view, &ReportsView::draftNoticeRequested);
        draft->click();
        QCOMPARE(asked.size(), 1);
        const auto request = asked.at(0).at(0).value<HistoryDraftRequest>();
        const OutageEpisode episode = view.episodeModel()->episodes().at(0);
        QCOMPARE(request.serviceIds, QStringList{episode.serviceId});
        QCOMPARE(request.episodeMs, std::optional(episode.startMs));
        QCOMPARE(std::pair(request.fromMs, request.toMs), std::pair(report.fromMs, report.toMs));
        QVERIFY(!view.draftRequest(1));

        // 30 days: the database's hour comes in.
        range->setCurrentIndex(range->findText(u"Last 30 days"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading() && view.model()->report().fromMs == m_now - 30 * Day,
                                 10'000);
        QCOMPARE(view.model()->report().overall.outages(), 2);

        // One group: only its services.
        scope->setCurrentIndex(scope->findText(u"Group Data"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading() && view.model()->rowCount() == 1, 10'000);
        QCOMPARE(view.model()->report().services.first().id, u"db"_s);
        QCOMPARE(view.model()->report().services.first().downtimeMs, Hour);

        // A custom range, edited.
        range->setCurrentIndex(range->findText(u"Custom"_s));
        QVERIFY(from->isEnabled());
        from->setDateTime(QDateTime::fromMSecsSinceEpoch(m_now - 11 * Day));
        Q_EMIT from->editingFinished();
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading() && view.model()->report().fromMs == view.range().first,
                                 10'000);
        QCOMPARE(view.model()->report().services.first().outages(), 1);
    }

    void exportsWhatVigieReportPrints()
    {
        ReportsView view(&m_clock);
        view.setWorkspace(sampleWorkspace());
        view.setStore(m_store.get());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() == 3 && !view.model()->isLoading(), 10'000);

        const AvailabilityReport report = view.model()->report();
        const QList<ReportService> services = reportServices(sampleWorkspace());
        for (const auto kind : {ReportFormat::Kind::Csv, ReportFormat::Kind::Markdown, ReportFormat::Kind::Json}) {
            const QString expected = ReportFormat::format(report, services, kind);
            QCOMPARE(view.exportText(kind), expected);
            const QString path = m_dir->filePath(u"report."_s + ReportFormat::fileSuffix(kind));
            QFuture<QString> saved = view.saveReport(path, kind);
            QTRY_VERIFY_WITH_TIMEOUT(saved.isFinished(), 10'000);
            QCOMPARE(saved.result(), QString());
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromUtf8(file.readAll()), expected);
        }
        const QJsonObject json = QJsonDocument::fromJson(view.exportText(ReportFormat::Kind::Json).toUtf8()).object();
        QCOMPARE(json.value("services"_L1).toArray().size(), 3);
        QCOMPARE(json.value("overall"_L1).toObject().value("outages"_L1).toInt(), 1);
    }

    void chartsTheShareOfServicesOperational()
    {
        ReportsView view(&m_clock);
        view.setWorkspace(sampleWorkspace());
        view.setStore(m_store.get());
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() == 3 && !view.model()->isLoading(), 10'000);
        QVERIFY(view.findChild<TimeChart *>(u"reportOperationalChart"_s));

        // The last 24 hours: 3 of 3 services up, 2 of 3 while CAS was down, then 3 of 3 again.
        const QList<Sample> samples = view.model()->report().operational.samples;
        QCOMPARE(samples.size(), 4);
        const double twoThirds = samples.at(1).value;
        QVERIFY(std::abs(twoThirds - 200.0 / 3.0) < 1e-9);
        const QList<QList<QPointF>> expected{{
            {double(m_now - Day), 100.0},
            {double(m_now - 2 * Hour), 100.0},
            {double(m_now - 2 * Hour), twoThirds},
            {double(m_now - 90 * Minute), twoThirds},
            {double(m_now - 90 * Minute), 100.0},
            {double(m_now), 100.0},
        }};
        QCOMPARE(view.operationalLines(), expected);
        QCOMPARE(view.chartTimeRange(), std::pair(m_now - Day, m_now));
        QCOMPARE(view.chartShareRange(), std::pair(0.0, 100.0));

        // Before the first recorded state nothing counts: a gap, not a line from 0 or a bridge.
        auto *range = view.findChild<QComboBox *>(u"reportRange"_s);
        auto *from = view.findChild<QDateTimeEdit *>(u"reportFrom"_s);
        auto *to = view.findChild<QDateTimeEdit *>(u"reportTo"_s);
        QVERIFY(range && from && to);
        range->setCurrentIndex(range->findText(u"Custom"_s));
        to->setDateTime(QDateTime::fromMSecsSinceEpoch(m_now - 30 * Day));
        from->setDateTime(QDateTime::fromMSecsSinceEpoch(m_now - 45 * Day));
        Q_EMIT from->editingFinished();
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading() && view.model()->report().fromMs == view.range().first &&
                                     view.model()->report().toMs == view.range().second,
                                 10'000);
        const auto [fromMs, toMs] = view.range();
        QCOMPARE(view.operationalLines(),
                 (QList<QList<QPointF>>{{{double(m_now - 40 * Day), 100.0}, {double(toMs), 100.0}}}));
        QCOMPARE(view.chartTimeRange(), std::pair(fromMs, toMs));

        // Light and dark: the chart follows the palette.
        auto *chart = view.findChild<TimeChart *>(u"reportOperationalChart"_s);
        QPalette dark = view.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        view.setPalette(dark);
        QCOMPARE(chart->chart()->theme(), QChart::ChartThemeDark);
        const QColor darkLine = chart->segmentSeries(0).first()->pen().color();
        QCOMPARE(darkLine, chart->lineColor(0));
        QPalette light = dark;
        light.setColor(QPalette::Window, Qt::white);
        light.setColor(QPalette::WindowText, Qt::black);
        view.setPalette(light);
        QCOMPARE(chart->chart()->theme(), QChart::ChartThemeLight);
        QVERIFY(chart->segmentSeries(0).first()->pen().color() != darkLine);

        // A year of changes is decimated to the chart's width: at most four points a pixel column.
        range->setCurrentIndex(range->findText(u"Last year"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading() &&
                                     view.chartTimeRange().second - view.chartTimeRange().first > 300 * Day,
                                 10'000);
        qsizetype points = 0;
        for (const QList<QPointF> &line : view.operationalLines())
            points += line.size();
        QVERIFY(points <= 4 * chart->plotWidth());
    }

private:
    Test::ManualClock m_clock;
    qint64 m_now = 0;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ResultStore> m_store;
};

QTEST_MAIN(TestReportsView)
#include "tst_reportsview.moc"
