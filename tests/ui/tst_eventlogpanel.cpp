#include "eventlogpanel.h"
#include "manualclock.h"
#include "models/eventlogmodel.h"
#include "screenshots.h"
#include "stateicons.h"
#include "store/resultstore.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <memory>
#include <ranges>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 Hour = 60 * Minute;

Workspace sampleWorkspace()
{
    Workspace ws;
    ws.name = u"ACME"_s;
    const auto service = [](const QString &id, const QString &name, const QString &group, ProbeKind kind) {
        Service s;
        s.id = id;
        s.name = name;
        s.group = group;
        ProbeSpec p;
        p.setKind(kind);
        p.target = u"%1.example:443"_s.arg(id);
        s.probes = {p, p};
        return s;
    };
    ws.services = {service(u"portal"_s, u"Customer portal"_s, u"Web"_s, ProbeKind::Http),
                   service(u"cas"_s, u"CAS"_s, u"Web"_s, ProbeKind::Http),
                   service(u"smtp"_s, u"Mail relay"_s, u"Mail"_s, ProbeKind::Tcp),
                   service(u"db"_s, u"Orders database"_s, u"Data"_s, ProbeKind::Tcp)};
    return ws;
}

HealthEvent makeEvent(HealthEvent::Kind kind, const QString &service, const QString &group, qint64 ts, HealthState from,
                      HealthState to, const QString &cause, int probeIndex = -1)
{
    HealthEvent e;
    e.kind = kind;
    e.serviceId = service;
    e.group = group;
    e.timestampMs = ts;
    e.from = from;
    e.to = to;
    e.probeIndex = probeIndex;
    e.cause = Message::verbatim(cause);
    return e;
}

} // namespace

class TestEventLogPanel final : public QObject
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

        HealthEvent impact = makeEvent(HealthEvent::Kind::ImpactStart, u"portal"_s, u"Web"_s, m_now - 9 * Minute,
                                       HealthState::Down, HealthState::Down, u"CAS is down"_s);
        impact.impactedBy = u"cas"_s;
        HealthEvent maintenance =
            makeEvent(HealthEvent::Kind::MaintenanceStart, u"smtp"_s, u"Mail"_s, m_now - 40 * Minute, HealthState::Up,
                      HealthState::Up, u"maintenance \"Kernel update\" began"_s);
        maintenance.inMaintenance = true;
        // Newest first: 4 in the last hour, 6 in the last 24 hours, 7 in the last week, 8 in all.
        m_store->appendEvents({
            makeEvent(HealthEvent::Kind::ServiceState, u"db"_s, u"Data"_s, m_now - 30 * 24 * Hour, HealthState::Unknown,
                      HealthState::Up, u"2 consecutive successes"_s),
            makeEvent(HealthEvent::Kind::ServiceState, u"db"_s, u"Data"_s, m_now - 3 * 24 * Hour, HealthState::Up,
                      HealthState::Degraded, u"3 consecutive slow responses (latency)"_s),
            makeEvent(HealthEvent::Kind::ProbeState, u"smtp"_s, u"Mail"_s, m_now - 5 * Hour, HealthState::Up,
                      HealthState::Down, u"3 consecutive failures: connection refused (connect)"_s, 0),
            makeEvent(HealthEvent::Kind::ProbeState, u"smtp"_s, u"Mail"_s, m_now - 4 * Hour, HealthState::Down,
                      HealthState::Up, u"2 consecutive successes"_s, 0),
            maintenance,
            makeEvent(HealthEvent::Kind::ProbeState, u"cas"_s, u"Web"_s, m_now - 12 * Minute, HealthState::Up,
                      HealthState::Down, u"3 consecutive failures: HTTP 503 (status)"_s, 1),
            makeEvent(HealthEvent::Kind::ServiceState, u"cas"_s, u"Web"_s, m_now - 12 * Minute, HealthState::Up,
                      HealthState::Down, u"probe #2 is down"_s),
            impact,
        });
        QVERIFY(m_store->flush());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void filtersChangeTheRows()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        QSignalSpy loaded(panel.model(), &EventLogModel::loaded);
        panel.setStore(m_store.get());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.model()->isLoading() && !loaded.isEmpty(), 10'000);

        auto *service = panel.findChild<QComboBox *>(u"serviceFilter"_s);
        auto *group = panel.findChild<QComboBox *>(u"groupFilter"_s);
        auto *time = panel.findChild<QComboBox *>(u"timeFilter"_s);
        auto *down = panel.findChild<QToolButton *>(u"stateFilter-down"_s);
        auto *up = panel.findChild<QToolButton *>(u"stateFilter-up"_s);
        auto *count = panel.findChild<QLabel *>(u"eventCount"_s);
        auto *probeChanges = panel.findChild<QCheckBox *>(u"probeChangesFilter"_s);
        QVERIFY(service && group && time && down && up && count && probeChanges);

        // The last 24 hours by default, without the probes' own changes: 3 of the 6 events.
        // (No translator is loaded here: plurals read "(s)".)
        QCOMPARE(time->currentText(), u"Last 24 hours"_s);
        QVERIFY(!probeChanges->isChecked());
        QCOMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(count->text(), u"3 event(s)"_s);

        const auto waitForRows = [&](int rows) {
            return QTest::qWaitFor([&] { return !panel.model()->isLoading() && panel.model()->rowCount() == rows; },
                                   10'000);
        };
        // The rest of this test counts them too.
        probeChanges->click();
        QVERIFY(waitForRows(6));
        QCOMPARE(count->text(), u"6 event(s)"_s);

        // Services by name after "All services"; groups in the workspace's order.
        QCOMPARE(service->count(), 5);
        QCOMPARE(service->itemText(0), u"All services"_s);
        QCOMPARE(service->itemText(1), u"CAS"_s);
        QCOMPARE(service->itemText(4), u"Orders database"_s);
        QCOMPARE(group->count(), 4);
        QCOMPARE(group->itemText(1), u"Web"_s);

        time->setCurrentIndex(time->findText(u"Last hour"_s));
        QVERIFY(waitForRows(4));
        time->setCurrentIndex(time->findText(u"Last 7 days"_s));
        QVERIFY(waitForRows(7));
        time->setCurrentIndex(time->findText(u"Everything"_s));
        QVERIFY(waitForRows(8));
        QCOMPARE(count->text(), u"8 event(s)"_s);

        service->setCurrentIndex(service->findText(u"Orders database"_s));
        QVERIFY(waitForRows(2));
        QCOMPARE(panel.model()->index(0, EventLogModel::ServiceColumn).data().toString(), u"Orders database"_s);
        service->setCurrentIndex(0);
        QVERIFY(waitForRows(8));

        group->setCurrentIndex(group->findText(u"Mail"_s));
        QVERIFY(waitForRows(3));
        down->click();
        QVERIFY(waitForRows(1));
        QCOMPARE(panel.model()->index(0, EventLogModel::ProbeColumn).data().toString(), u"#1 tcp"_s);
        up->click(); // down or up
        QVERIFY(waitForRows(3));
        group->setCurrentIndex(0);
        QVERIFY(waitForRows(7)); // all but the one that moved to Degraded
        down->click();
        up->click();
        QVERIFY(waitForRows(8));

        // A new workspace keeps the selected service when it still has it.
        service->setCurrentIndex(service->findText(u"CAS"_s));
        QVERIFY(waitForRows(2));
        Workspace renamed = sampleWorkspace();
        renamed.services[1].name = u"Central auth"_s;
        panel.setWorkspace(renamed);
        QCOMPARE(service->currentText(), u"Central auth"_s);
        QVERIFY(waitForRows(2));
    }

    void liveEventsAppearOnTop()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        panel.setStore(m_store.get());
        auto *count = panel.findChild<QLabel *>(u"eventCount"_s);
        // The last 24 hours without the probes' own changes: 3 of its 6 events.
        QTRY_COMPARE_WITH_TIMEOUT(count->text(), u"3 event(s)"_s, 10'000);

        // The service's change comes with its probe's, which stays out of the log.
        m_store->appendEvents({makeEvent(HealthEvent::Kind::ProbeState, u"cas"_s, u"Web"_s, m_now, HealthState::Down,
                                         HealthState::Up, u"2 consecutive successes"_s, 1),
                               makeEvent(HealthEvent::Kind::ServiceState, u"cas"_s, u"Web"_s, m_now, HealthState::Down,
                                         HealthState::Up, u"2 consecutive successes"_s)});
        QTRY_COMPARE_WITH_TIMEOUT(count->text(), u"4 event(s)"_s, 10'000);
        QVERIFY(m_store->flush());
        QCoreApplication::processEvents();
        QCOMPARE(panel.model()->rowCount(), 4);
        QCOMPARE(panel.model()->index(0, EventLogModel::ChangeColumn).data().toString(), u"Down → Up"_s);
        QCOMPARE(panel.model()->index(0, EventLogModel::ServiceColumn).data().toString(), u"CAS"_s);
    }

    void theLastHourSlides()
    {
        using namespace std::chrono_literals;
        Test::ManualClock clock(m_clock.now());
        EventLogPanel panel(&clock);
        panel.setWorkspace(sampleWorkspace());
        auto *time = panel.findChild<QComboBox *>(u"timeFilter"_s);
        auto *count = panel.findChild<QLabel *>(u"eventCount"_s);
        QVERIFY(time && count);
        time->setCurrentIndex(time->findText(u"Last hour"_s));
        panel.setStore(m_store.get());
        // 4 events in the last hour, one of them a probe's own change, left out by default.
        QTRY_COMPARE_WITH_TIMEOUT(count->text(), u"3 event(s)"_s, 10'000);

        // Half an hour on, the maintenance that began 40 minutes ago is out of the last hour.
        clock.advance(30min);
        panel.model()->slide();
        QCOMPARE(count->text(), u"2 event(s)"_s);
        QCOMPARE(panel.model()->index(1, EventLogModel::ChangeColumn).data().toString(), u"Up → Down"_s);
    }

    void selectingARowActivatesItsService()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        panel.setStore(m_store.get());
        // The last 24 hours without the probes' own changes: 3 of its 6 events.
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 3, 10'000);
        QSignalSpy activated(&panel, &EventLogPanel::serviceActivated);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        QTableView *view = panel.view();
        view->setFocus();
        view->setCurrentIndex(panel.model()->index(0, 0));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.last().at(0).toString(), u"portal"_s);
        // The keyboard moves the selection, and the service follows.
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.last().at(0).toString(), u"cas"_s);
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    }

    void copySelectedRowsForASpreadsheet()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        panel.setStore(m_store.get());
        // The last 24 hours without the probes' own changes: portal's impact, CAS down, the maintenance.
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 3, 10'000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTableView *view = panel.view();
        view->setFocus();
        // The first and the last row, picked as a mouse would with Ctrl.
        view->selectionModel()->select(panel.model()->index(2, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->selectionModel()->select(panel.model()->index(0, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(panel.selectedRows(), (QList<int>{0, 2}));
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);

        const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime);
        const QStringList lines = mime->text().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const QStringList first = lines.at(0).split(u'\t');
        QCOMPARE(first.size(), 5); // time, service, group, change, cause: no probe column
        QCOMPARE(first.at(1), u"Customer portal"_s);
        QCOMPARE(first.at(2), u"Web"_s);
        QCOMPARE(first.at(4), u"CAS is down"_s);
        QCOMPARE(lines.at(1).split(u'\t').at(1), u"Mail relay"_s);
        QCOMPARE(lines.at(1).split(u'\t').at(4), u"maintenance \"Kernel update\" began"_s);
        // The same rows as CSV, for the applications that take it.
        const QString csv = QString::fromUtf8(mime->data(u"text/csv"_s));
        QCOMPARE(csv.split(u"\r\n"_s, Qt::SkipEmptyParts).size(), 3);
        QVERIFY(csv.contains(u"\"maintenance \"\"Kernel update\"\" began\""_s));
    }

    void exportShownEventsAsCsv()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        panel.setStore(m_store.get());
        auto *time = panel.findChild<QComboBox *>(u"timeFilter"_s);
        auto *probeChanges = panel.findChild<QCheckBox *>(u"probeChangesFilter"_s);
        QVERIFY(time && probeChanges && panel.findChild<QToolButton *>(u"exportEvents"_s));
        time->setCurrentIndex(time->findText(u"Everything"_s));
        probeChanges->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 8, 10'000);

        const QString path = m_dir->filePath(u"events.csv"_s);
        QFuture<QString> saved = panel.saveCsv(path);
        QTRY_VERIFY_WITH_TIMEOUT(saved.isFinished(), 10'000);
        QCOMPARE(saved.result(), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.endsWith(u"\r\n"_s));
        const QStringList records = text.split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(records.size(), 9); // the header and every event shown
        QCOMPARE(records.at(0), u"Time,Service,Group,Probe,Change,Cause"_s);
        // Times in ISO 8601 with their offset; quotes doubled inside a quoted field.
        const QString impactTime =
            QDateTime::fromMSecsSinceEpoch(m_now - 9 * Minute).toLocalTime().toString(Qt::ISODate);
        QVERIFY2(records.at(1).startsWith(impactTime + u",Customer portal,Web,"_s), qPrintable(records.at(1)));
        QVERIFY(text.contains(u",\"maintenance \"\"Kernel update\"\" began\"\r\n"_s));
        QVERIFY(text.contains(u"3 consecutive failures: HTTP 503 (status)"_s));

        // A folder that cannot be written: a sentence naming the file, and no crash.
        QFuture<QString> failed = panel.saveCsv(m_dir->filePath(u"missing/folder/events.csv"_s));
        QTRY_VERIFY_WITH_TIMEOUT(failed.isFinished(), 10'000);
        QVERIFY2(failed.result().contains(u"events.csv"_s), qPrintable(failed.result()));
    }

    void probeChangesToggleTheRowsAndTheProbeColumn()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        auto *time = panel.findChild<QComboBox *>(u"timeFilter"_s);
        auto *probeChanges = panel.findChild<QCheckBox *>(u"probeChangesFilter"_s);
        auto *count = panel.findChild<QLabel *>(u"eventCount"_s);
        QVERIFY(time && probeChanges && count);
        time->setCurrentIndex(time->findText(u"Everything"_s));
        QSignalSpy loaded(panel.model(), &EventLogModel::loaded);
        panel.setStore(m_store.get());
        QVERIFY(loaded.wait(10'000));
        QTableView *view = panel.view();

        const auto kinds = [&panel] {
            QList<HealthEvent::Kind> shown;
            for (int row = 0; row < panel.model()->rowCount(); ++row)
                shown.append(panel.model()->event(row).kind);
            return shown;
        };
        using Kind = HealthEvent::Kind;
        // Off: the services' changes, the impact and the maintenance; no probe, so no Probe column.
        QVERIFY(!probeChanges->isChecked());
        QCOMPARE(kinds(), (QList<Kind>{Kind::ImpactStart, Kind::ServiceState, Kind::MaintenanceStart,
                                       Kind::ServiceState, Kind::ServiceState}));
        QCOMPARE(count->text(), u"5 event(s)"_s);
        QVERIFY(view->isColumnHidden(EventLogModel::ProbeColumn));
        QCOMPARE(panel.model()->filter().probeChanges, false);

        // On: the three probe changes join them, and the column that names their probe.
        probeChanges->click();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(kinds(), (QList<Kind>{Kind::ImpactStart, Kind::ServiceState, Kind::ProbeState, Kind::MaintenanceStart,
                                       Kind::ProbeState, Kind::ProbeState, Kind::ServiceState, Kind::ServiceState}));
        QCOMPARE(count->text(), u"8 event(s)"_s);
        QVERIFY(!view->isColumnHidden(EventLogModel::ProbeColumn));
        QCOMPARE(panel.model()->index(2, EventLogModel::ProbeColumn).data().toString(), u"#2 http"_s);

        // Off again: the same five as before.
        probeChanges->click();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(count->text(), u"5 event(s)"_s);
        QVERIFY(view->isColumnHidden(EventLogModel::ProbeColumn));
        for (int row = 0; row < panel.model()->rowCount(); ++row)
            QVERIFY(panel.model()->event(row).kind != Kind::ProbeState);
    }

    // A maintenance or an impact is not a change of state: its row carries the same sign as the
    // tile (a blue "pause", a grey arrow), not the icon of the state the service was in.
    void maintenanceAndImpactRowsShowTheirOwnSign()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        QSignalSpy loaded(panel.model(), &EventLogModel::loaded);
        panel.setStore(m_store.get());
        QVERIFY(loaded.wait(10'000));
        panel.resize(1280, 320);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *table = panel.findChild<QTableView *>(u"eventTable"_s);
        QVERIFY(table);
        const QImage shot = table->viewport()->grab().toImage();
        const auto signOf = [&](HealthEvent::Kind kind) {
            QSet<QRgb> colours;
            for (int row = 0; row < panel.model()->rowCount(); ++row) {
                if (panel.model()->event(row).kind != kind)
                    continue;
                const QRect cell = table->visualRect(panel.model()->index(row, EventLogModel::ChangeColumn));
                const qreal dpr = shot.devicePixelRatio();
                for (int y = cell.top(); y <= cell.bottom(); ++y)
                    for (int x = cell.left(); x < cell.left() + cell.height(); ++x)
                        colours.insert(shot.pixel(QPoint(int(x * dpr), int(y * dpr))) & 0xffffff);
                break;
            }
            return colours;
        };
        const QPalette palette = table->palette();
        const auto rgb = [](const QColor &colour) { return colour.rgb() & 0xffffff; };
        const QSet<QRgb> impact = signOf(HealthEvent::Kind::ImpactStart);
        QVERIFY(impact.contains(rgb(StateIcons::color(StateIcons::Explained::Impacted, palette))));
        QVERIFY(!impact.contains(rgb(StateIcons::color(HealthState::Down, palette))));
        const QSet<QRgb> maintenance = signOf(HealthEvent::Kind::MaintenanceStart);
        QVERIFY(maintenance.contains(rgb(StateIcons::color(StateIcons::Explained::Maintenance, palette))));
        QVERIFY(!maintenance.contains(rgb(StateIcons::color(HealthState::Up, palette))));
        const QSet<QRgb> change = signOf(HealthEvent::Kind::ServiceState);
        QVERIFY(!change.isEmpty());
        QVERIFY(!change.contains(rgb(StateIcons::color(StateIcons::Explained::Maintenance, palette))));
    }

    // The filters fit a wall screen on one line, and wrap rather than leave controls out of sight
    // in a narrow window (a laptop's half screen, or French, whose words are longer).
    void filtersWrapInsteadOfHiding()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        const QList<QWidget *> controls{
            panel.findChild<QComboBox *>(u"serviceFilter"_s),         panel.findChild<QComboBox *>(u"groupFilter"_s),
            panel.findChild<QToolButton *>(u"stateFilter-unknown"_s), panel.findChild<QComboBox *>(u"timeFilter"_s),
            panel.findChild<QCheckBox *>(u"probeChangesFilter"_s),    panel.findChild<QLabel *>(u"eventCount"_s),
        };
        for (QWidget *control : controls)
            QVERIFY(control);
        auto *table = panel.findChild<QTableView *>(u"eventTable"_s);
        QVERIFY(table);
        const auto inSight = [&panel](QWidget *control) {
            const QRect shown(control->mapTo(&panel, QPoint(0, 0)), control->size());
            return control->isVisible() && panel.rect().contains(shown);
        };
        const auto top = [&panel](QWidget *control) { return control->mapTo(&panel, QPoint(0, 0)).y(); };

        panel.resize(1920, 320);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        for (QWidget *control : controls)
            QVERIFY2(inSight(control), qPrintable(control->objectName()));
        const int line = controls.first()->height();
        QVERIFY2(std::abs(top(controls.at(4)) - top(controls.first())) < line,
                 "on a wall screen the filters take one line");

        // As a dock in a window on a laptop, the panel gets the width it is given: its filters must
        // not demand more.
        QVERIFY2(panel.minimumSizeHint().width() <= 640, qPrintable(QString::number(panel.minimumSizeHint().width())));
        panel.resize(640, 320);
        QTRY_COMPARE(panel.width(), 640);
        QTRY_VERIFY(std::ranges::all_of(controls, inSight));
        QVERIFY2(top(controls.at(4)) >= top(controls.first()) + line, "in a narrow window they wrap");
        // The table starts below the last line of filters.
        const int filtersBottom =
            std::ranges::max(controls | std::views::transform([&](QWidget *c) { return top(c) + c->height(); }));
        QVERIFY(table->mapTo(&panel, QPoint(0, 0)).y() >= filtersBottom);
        QVERIFY(panel.grab().save(Test::screenshotPath(u"eventlogpanel-narrow"_s)));
    }

    // A log that fills live measures its columns on its first row, a service's change with a short
    // name and no probe: the rows that come later widen the columns they would not fit.
    void liveRowsWidenTheColumns()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ResultStore empty;
        QVERIFY(empty.open(dir.path()).has_value());
        Workspace workspace = sampleWorkspace();
        workspace.services[0].probes[1].setKind(ProbeKind::Statuspage);
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(workspace);
        auto *probeChanges = panel.findChild<QCheckBox *>(u"probeChangesFilter"_s);
        QVERIFY(probeChanges);
        probeChanges->click();
        QSignalSpy loaded(panel.model(), &EventLogModel::loaded);
        panel.setStore(&empty);
        QVERIFY(loaded.wait(10'000));
        panel.resize(1280, 320);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        QSignalSpy inserted(panel.model(), &QAbstractItemModel::rowsInserted);
        empty.appendEvents({makeEvent(HealthEvent::Kind::ServiceState, u"cas"_s, u"Web"_s, m_now - Minute,
                                      HealthState::Unknown, HealthState::Up, u"first result: up"_s)});
        QVERIFY(empty.flush());
        QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 1, 10'000);
        QHeaderView *header = panel.view()->horizontalHeader();
        const int serviceBefore = header->sectionSize(EventLogModel::ServiceColumn);
        const int probeBefore = header->sectionSize(EventLogModel::ProbeColumn);

        empty.appendEvents({makeEvent(HealthEvent::Kind::ProbeState, u"portal"_s, u"Web"_s, m_now, HealthState::Up,
                                      HealthState::Down, u"3 consecutive failures: HTTP 503 (status)"_s, 1),
                            makeEvent(HealthEvent::Kind::ServiceState, u"portal"_s, u"Web"_s, m_now, HealthState::Up,
                                      HealthState::Down, u"probe #2 is down"_s)});
        QVERIFY(empty.flush());
        QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 3, 10'000);
        QCOMPARE(panel.model()->index(1, EventLogModel::ProbeColumn).data().toString(), u"#2 statuspage"_s);
        QCOMPARE(panel.model()->index(1, EventLogModel::ServiceColumn).data().toString(), u"Customer portal"_s);

        // Public in QAbstractItemView: what fitting a column to its contents measures.
        const QAbstractItemView *view = panel.view();
        for (const auto &[column, before] : {std::pair{int(EventLogModel::ServiceColumn), serviceBefore},
                                             {int(EventLogModel::ProbeColumn), probeBefore}}) {
            const int needed = view->sizeHintForColumn(column);
            // The first row alone left it too narrow, or this would prove nothing.
            QVERIFY(needed > before);
            QVERIFY2(
                header->sectionSize(column) >= needed,
                qPrintable(u"column %1: %2 px for %3 px"_s.arg(column).arg(header->sectionSize(column)).arg(needed)));
        }
    }

    void screenshot()
    {
        EventLogPanel panel(&m_clock);
        panel.setWorkspace(sampleWorkspace());
        panel.setStore(m_store.get());
        auto *time = panel.findChild<QComboBox *>(u"timeFilter"_s);
        auto *probeChanges = panel.findChild<QCheckBox *>(u"probeChangesFilter"_s);
        QVERIFY(time && probeChanges);
        time->setCurrentIndex(time->findText(u"Everything"_s));
        panel.resize(1100, 320);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        // Every column shown but the cause is wide enough for its text.
        const auto checkWidths = [&panel] {
            QHeaderView *header = panel.view()->horizontalHeader();
            const QFontMetrics metrics = panel.view()->fontMetrics();
            for (int column = 0; column < EventLogModel::CauseColumn; ++column) {
                if (panel.view()->isColumnHidden(column))
                    continue;
                int widest = 0;
                for (int row = 0; row < panel.model()->rowCount(); ++row)
                    widest = std::max(widest,
                                      metrics.horizontalAdvance(panel.model()->index(row, column).data().toString()));
                QVERIFY2(header->sectionSize(column) > widest,
                         qPrintable(u"column %1: %2 px for %3 px of text"_s.arg(column)
                                        .arg(header->sectionSize(column))
                                        .arg(widest)));
            }
        };
        const auto shoot = [&panel](const QString &name) {
            const QString path = Test::screenshotPath(name);
            QVERIFY(panel.grab().save(path));
            qInfo().noquote() << "Screenshot:" << path;
        };

        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 5, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.model()->isLoading(), 10'000);
        panel.view()->selectRow(1);
        checkWidths();
        shoot(u"eventlogpanel"_s);

        probeChanges->click();
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 8, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.model()->isLoading(), 10'000);
        QCoreApplication::processEvents();
        panel.view()->selectRow(2);
        checkWidths();
        shoot(u"eventlogpanel-probe-changes"_s);
    }

private:
    Test::ManualClock m_clock{QDateTime(QDate(2026, 3, 29), QTime(14, 30), QTimeZone::UTC)};
    qint64 m_now = 0;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ResultStore> m_store;
};

QTEST_MAIN(TestEventLogPanel)
#include "tst_eventlogpanel.moc"
