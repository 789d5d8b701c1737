// The Session as the console, `vigie watch` and `vigie check` drive it: real probes against servers
// on loopback, a real store in a temporary folder, workspaces written as files.
#include "alerts/alertcenter.h"
#include "monitor/monitor.h"
#include "series/probeseries.h"
#include "series/seriesstore.h"
#include "session/session.h"
#include "spies.h"
#include "store/resultstore.h"
#include "testservers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Vigie;
using Vigie::Test::allEvents;
using Vigie::Test::allResults;

namespace {

constexpr int Timeout = 20000;

qsizetype countStates(const QList<HealthEvent> &events, HealthEvent::Kind kind, const QString &service, HealthState to)
{
    return std::ranges::count_if(
        events, [&](const HealthEvent &e) { return e.kind == kind && e.serviceId == service && e.to == to; });
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    Test::BannerServer m_banner{"SSH-2.0-VigieTest\r\n"};
    quint16 m_closedPort = 0;

    QString writeFile(const QByteArray &contents, const QString &name = {})
    {
        const QString path = m_dir.filePath(name.isEmpty() ? u"ws-%1.yaml"_s.arg(++m_files) : name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
            return {};
        return path;
    }

    // A bastion that answers and a relay that refuses, probed every `interval`.
    QString labWorkspace(const QByteArray &interval = "300ms", const QByteArray &extra = {})
    {
        return writeFile("name: Session lab\n"
                         "services:\n"
                         "  - id: bastion\n"
                         "    probes:\n"
                         "      - tcp: 127.0.0.1:" +
                         QByteArray::number(m_banner.port()) +
                         "\n"
                         "        interval: " +
                         interval +
                         "\n"
                         "  - id: relay\n"
                         "    probes:\n"
                         "      - tcp: 127.0.0.1:" +
                         QByteArray::number(m_closedPort) +
                         "\n"
                         "        interval: " +
                         interval +
                         "\n"
                         "        down_after: 1\n" +
                         extra);
    }

    QString dataDir(const QString &name) const { return m_dir.filePath(name); }

    static qint64 storedResults(const QString &folder)
    {
        ResultStore store;
        if (!store.open(folder))
            return -1;
        return store.resultCount().result();
    }

    // How many results of `serviceId` the session's store holds, from the beginning of time.
    static qsizetype storedPoints(const Session &session, const QString &serviceId)
    {
        return session.store()->latencySeries(serviceId, 0, std::numeric_limits<qint64>::max()).result().size();
    }

    static QList<HealthEvent> storedEvents(const QString &folder)
    {
        ResultStore store;
        if (!store.open(folder))
            return {};
        return store.events(EventFilter{}).result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_closedPort = Test::closedPort();
    }

    void opensStoresAndProbes()
    {
        Session session;
        session.setDataDir(dataDir(u"open"_s));
        QSignalSpy opened(&session, &Session::workspaceOpened);
        QSignalSpy storeOpened(&session, &Session::storeOpened);
        QSignalSpy started(&session, &Session::started);
        QSignalSpy events(session.monitor(), &Monitor::eventsRaised);
        const QString path = labWorkspace();
        session.open(path);
        QVERIFY(started.wait(Timeout));
        QCOMPARE(storeOpened.size(), 1);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(0).toString(), path);
        QCOMPARE(session.workspacePath(), path);
        QCOMPARE(session.workspace().services.size(), 2);
        QVERIFY(session.isStoreOpen());
        QTRY_VERIFY_WITH_TIMEOUT(
            countStates(allEvents(events), HealthEvent::Kind::ServiceState, u"relay"_s, HealthState::Down) == 1 &&
                countStates(allEvents(events), HealthEvent::Kind::ServiceState, u"bastion"_s, HealthState::Up) == 1,
            Timeout);
        QVERIFY(session.close());
        const QList<HealthEvent> stored = storedEvents(dataDir(u"open"_s));
        QCOMPARE(countStates(stored, HealthEvent::Kind::ServiceState, u"relay"_s, HealthState::Down), 1);
    }

    // The session runs the alert center on its monitor's health: the relay's failure is raised and
    // sent through the workspace's command channel (run without a shell of Vigie's making: the
    // script is the workspace's), and an acknowledgement made here is one line of the event log.
    void alertsComeFromTheSessionsHealth()
    {
        const QString received = m_dir.filePath(u"alerts.jsonl"_s);
        const QString path = labWorkspace("300ms", "alerts:\n"
                                                   "  group_wait: 100ms\n"
                                                   "  channels:\n"
                                                   "    - id: log\n"
                                                   "      command: [/bin/sh, -c, 'cat >> \"$0\"', \"" +
                                                       received.toUtf8() +
                                                       "\"]\n"
                                                       "  routes:\n"
                                                       "    - {channels: [log]}\n");
        Session session;
        session.setDataDir(dataDir(u"alerts"_s));
        AlertCenter *center = session.alertCenter();
        QVERIFY(center);
        QSignalSpy raised(center, &AlertCenter::alertRaised);
        QSignalSpy delivered(center, &AlertCenter::deliveryChanged);
        session.open(path);
        QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, Timeout);
        const Alert alert = raised.first().first().value<Alert>();
        QCOMPARE(alert.serviceId, u"relay"_s);
        QCOMPARE(alert.kind, Alert::Kind::Down);
        QTRY_VERIFY_WITH_TIMEOUT(!delivered.isEmpty(), Timeout);
        QCOMPARE(delivered.last().first().value<AlertDelivery>().state, AlertDelivery::State::Delivered);
        QFile file(received);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains("\"relay\""), lines.first().constData());

        center->acknowledge(u"relay"_s, u"cable pulled on purpose"_s);
        QTRY_VERIFY_WITH_TIMEOUT(center->acknowledgement(u"relay"_s).has_value(), Timeout);
        QVERIFY(session.close());
        const QList<HealthEvent> stored = storedEvents(dataDir(u"alerts"_s));
        const auto acknowledged = std::ranges::find_if(
            stored, [](const HealthEvent &e) { return e.kind == HealthEvent::Kind::Acknowledged; });
        QVERIFY(acknowledged != stored.end());
        QCOMPARE(acknowledged->serviceId, u"relay"_s);
        QCOMPARE(acknowledged->to, HealthState::Down);
        QVERIFY(acknowledged->cause.toSourceString().endsWith(u": cable pulled on purpose"_s));
    }

    void invalidWorkspaceIsReportedWithItsPlaces()
    {
        Session session;
        session.setDataDir(dataDir(u"invalid"_s));
        QSignalSpy failed(&session, &Session::workspaceFailed);
        QSignalSpy started(&session, &Session::started);
        const QString path = writeFile("name: Broken\nservices:\n  - id: web\n    probes:\n"
                                       "      - tcp: 127.0.0.1:1\n        intervl: 5s\n");
        session.open(path);
        QVERIFY(failed.wait(Timeout));
        QCOMPARE(failed.first().at(0).toString(), path);
        const auto errors = failed.first().at(1).value<QList<WorkspaceError>>();
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.first().toString().startsWith(path + u":6:9:"_s), qPrintable(errors.first().toString()));
        QCOMPARE(started.size(), 0);
        QVERIFY(session.workspacePath().isEmpty());
        // Nothing is created on disk for a workspace that cannot run.
        QVERIFY(!QFile::exists(dataDir(u"invalid"_s)));
    }

    void brokenReloadKeepsTheRunningWorkspace()
    {
        Session session;
        QSignalSpy started(&session, &Session::started);
        const QString path = labWorkspace();
        session.open(path);
        QVERIFY(started.wait(Timeout));
        QSignalSpy failed(&session, &Session::workspaceFailed);
        QSignalSpy results(session.monitor(), &Monitor::resultsReady);
        session.open(writeFile("services: [\n"));
        QVERIFY(failed.wait(Timeout));
        QCOMPARE(session.workspacePath(), path);
        // Still probing.
        QVERIFY(results.wait(Timeout));
        QCOMPARE(started.size(), 1);
    }

    void unusableStoreLeavesProbingOn()
    {
        // A file where the data folder should be.
        const QString blocker = writeFile("not a folder", u"blocker"_s);
        Session session;
        session.setDataDir(blocker + u"/data"_s);
        QSignalSpy storeFailed(&session, &Session::storeFailed);
        QSignalSpy started(&session, &Session::started);
        QSignalSpy results(session.monitor(), &Monitor::resultsReady);
        session.open(labWorkspace());
        QVERIFY(started.wait(Timeout));
        QCOMPARE(storeFailed.size(), 1);
        QVERIFY(!storeFailed.first().at(0).toString().isEmpty());
        QVERIFY(!session.isStoreOpen());
        QVERIFY(results.wait(Timeout));
        QVERIFY(session.close());
    }

    void missingSecretIsReported()
    {
        // A name no keychain holds: either the keychain says it is missing, or it cannot be read at
        // all (no Secret Service in the test's session); both are reported, and probing goes on.
        const QString name = u"vigie-tst-session-absent-%1"_s.arg(QCoreApplication::applicationPid());
        const QString path = writeFile("name: Session test\n"
                                       "services:\n"
                                       "  - id: portal\n"
                                       "    probes:\n"
                                       "      - http: http://127.0.0.1:" +
                                       QByteArray::number(m_closedPort) +
                                       "/\n"
                                       "        interval: 1s\n"
                                       "        auth:\n"
                                       "          type: bearer\n"
                                       "          secret: " +
                                       name.toUtf8() + "\n");
        Session session;
        QSignalSpy secrets(&session, &Session::secretsRead);
        QSignalSpy started(&session, &Session::started);
        session.open(path);
        QVERIFY(started.wait(Timeout));
        QCOMPARE(secrets.size(), 1);
        const QStringList missing = secrets.first().at(0).toStringList();
        const QString keychainError = secrets.first().at(1).toString();
        QVERIFY2(missing == QStringList{name} || !keychainError.isEmpty(), qPrintable(keychainError));
    }

    void reloadAnnouncesNothingTwice()
    {
        // A reload right after the first changes: the new run's restore must read them, and no batch
        // of the first run may reach the second.
        const QString folder = dataDir(u"reload"_s);
        Session session;
        session.setDataDir(folder);
        QSignalSpy started(&session, &Session::started);
        QSignalSpy events(session.monitor(), &Monitor::eventsRaised);
        QSignalSpy results(session.monitor(), &Monitor::resultsReady);
        const QString path = labWorkspace("100ms");
        session.open(path);
        QVERIFY(started.wait(Timeout));
        QTRY_VERIFY_WITH_TIMEOUT(
            countStates(allEvents(events), HealthEvent::Kind::ServiceState, u"relay"_s, HealthState::Down) == 1,
            Timeout);
        session.open(path);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, Timeout);
        // Several batches of the second run.
        const qsizetype before = allResults(results).size();
        QTRY_VERIFY_WITH_TIMEOUT(allResults(results).size() >= before + 6, Timeout);
        QVERIFY(session.close());

        const QList<HealthEvent> raised = allEvents(events);
        for (const QString &service : {u"relay"_s, u"bastion"_s}) {
            QCOMPARE(countStates(raised, HealthEvent::Kind::ServiceState, service,
                                 service == u"relay"_s ? HealthState::Down : HealthState::Up),
                     1);
            QCOMPARE(countStates(raised, HealthEvent::Kind::ProbeState, service,
                                 service == u"relay"_s ? HealthState::Down : HealthState::Up),
                     1);
        }
        const QList<HealthEvent> stored = storedEvents(folder);
        QCOMPARE(countStates(stored, HealthEvent::Kind::ServiceState, u"relay"_s, HealthState::Down), 1);
        QCOMPARE(countStates(stored, HealthEvent::Kind::ServiceState, u"bastion"_s, HealthState::Up), 1);
    }

    void closeStoresTheLastBatch()
    {
        const QString folder = dataDir(u"close"_s);
        qsizetype seen = 0;
        {
            Session session;
            session.setDataDir(folder);
            QSignalSpy started(&session, &Session::started);
            QSignalSpy live(session.monitor(), &Monitor::resultsReady);
            session.open(labWorkspace("100ms"));
            QVERIFY(started.wait(Timeout));
            QTRY_VERIFY_WITH_TIMEOUT(allResults(live).size() >= 4, Timeout);
            // Closed while probes are in flight and a batch is held on the probe thread.
            QVERIFY(session.close());
            seen = allResults(live).size();
            QCOMPARE(storedResults(folder), qint64(seen));
        }
        QCOMPARE(storedResults(folder), qint64(seen));
    }

    void runsOnceWithMaintenanceAndDependencies()
    {
        // The relay is down; the portal, which depends on it, fails too; the archive is in a window
        // that covers every moment.
        const QString path = writeFile("name: Session test\n"
                                       "services:\n"
                                       "  - id: relay\n"
                                       "    probes:\n"
                                       "      - tcp: 127.0.0.1:" +
                                       QByteArray::number(m_closedPort) +
                                       "\n"
                                       "  - id: portal\n"
                                       "    depends_on: relay\n"
                                       "    probes:\n"
                                       "      - tcp: 127.0.0.1:" +
                                       QByteArray::number(m_closedPort) +
                                       "\n"
                                       "  - id: archive\n"
                                       "    probes:\n"
                                       "      - tcp: 127.0.0.1:" +
                                       QByteArray::number(m_closedPort) +
                                       "\n"
                                       "  - id: bastion\n"
                                       "    probes:\n"
                                       "      - tcp: 127.0.0.1:" +
                                       QByteArray::number(m_banner.port()) +
                                       "\n"
                                       "maintenance:\n"
                                       "  - name: Archive move\n"
                                       "    services: archive\n"
                                       "    timezone: UTC\n"
                                       "    every: day\n"
                                       "    at: \"00:00\"\n"
                                       "    duration: 24h\n");
        Session session(Session::Mode::Once);
        session.setDataDir(dataDir(u"once"_s));
        QSignalSpy finished(&session, &Session::finished);
        QSignalSpy started(&session, &Session::started);
        session.open(path);
        QVERIFY(finished.wait(Timeout));
        const auto report = finished.first().at(0).value<Session::Report>();
        QCOMPARE(report.results.size(), 4);
        QCOMPARE(report.health.value(u"relay"_s).state, HealthState::Down);
        QVERIFY(report.health.value(u"relay"_s).isAlarm());
        QCOMPARE(report.health.value(u"portal"_s).impactedBy, u"relay"_s);
        QVERIFY(!report.health.value(u"portal"_s).isAlarm());
        QVERIFY(report.health.value(u"archive"_s).inMaintenance);
        QVERIFY(!report.health.value(u"archive"_s).isAlarm());
        QCOMPARE(report.health.value(u"bastion"_s).state, HealthState::Up);
        // Once runs keep nothing and never start a schedule.
        QCOMPARE(started.size(), 0);
        QVERIFY(!QFile::exists(dataDir(u"once"_s)));
    }

    void probeResultsReachTheSeriesStore()
    {
        const QString folder = dataDir(u"series"_s);
        Session session;
        session.setDataDir(folder);
        QSignalSpy started(&session, &Session::started);
        QSignalSpy seriesOpened(&session, &Session::seriesStoreOpened);
        QSignalSpy results(session.monitor(), &Monitor::resultsReady);
        session.open(labWorkspace("300ms", "history:\n  series: {raw: 3d, hour: 2y}\n"));
        QVERIFY(started.wait(Timeout));
        QTRY_VERIFY_WITH_TIMEOUT(allResults(results).size() >= 6, Timeout);
        QVERIFY(session.close());
        QCOMPARE(seriesOpened.size(), 1);
        QVERIFY(session.isSeriesStoreOpen());
        SeriesRetention retention;
        retention.rawMaxAge = std::chrono::days(3);
        retention.hourMaxAge = std::chrono::days(730);
        QCOMPARE(session.seriesStore()->retention(), retention);
        QCOMPARE(session.seriesStore()->databasePath(), QDir(folder).filePath(u"vigie-series.sqlite"_s));

        SeriesStore series;
        QVERIFY(series.open(folder));
        const QStringList names = series.seriesNames(u"vigie_probe_"_s).result();
        for (const QString &name : {u"vigie_probe_latency_ms{probe=\"0\",service=\"bastion\"}"_s,
                                    u"vigie_probe_success{probe=\"0\",service=\"bastion\"}"_s,
                                    u"vigie_probe_success{probe=\"0\",service=\"relay\"}"_s,
                                    u"vigie_probe_phase_ms{phase=\"connect\",probe=\"0\",service=\"bastion\"}"_s})
            QVERIFY2(names.contains(name), qPrintable(names.join(u' ')));
        const qint64 end = std::numeric_limits<qint64>::max() / 2;
        // Each run starts with a gap marker; then 1 for the bastion that answers, 0 for the relay.
        for (const auto &[service, expected] : {std::pair{u"bastion"_s, 1.0}, std::pair{u"relay"_s, 0.0}}) {
            const QList<Sample> samples =
                series.rangeAt(probeSuccessSeries(service, 0), SeriesLevel::Raw, 0, end).result().samples;
            QVERIFY2(samples.size() >= 3, qPrintable(service));
            QVERIFY(samples.first().isGap());
            for (const Sample &sample : samples.mid(1))
                QCOMPARE(sample.value, expected);
        }
        const QList<Sample> latency =
            series.rangeAt(probeLatencySeries(u"bastion"_s, 0), SeriesLevel::Raw, 0, end).result().samples;
        QVERIFY(latency.size() >= 3);
        QVERIFY(latency.first().isGap());
        QVERIFY(latency.last().value > 0);
    }

    void unusableSeriesStoreLeavesProbingAndResultsOn()
    {
        // A folder where the series file should be: it cannot be opened as a database.
        const QString folder = dataDir(u"series-blocked"_s);
        QVERIFY(QDir().mkpath(QDir(folder).filePath(u"vigie-series.sqlite"_s)));
        Session session;
        session.setDataDir(folder);
        QSignalSpy started(&session, &Session::started);
        QSignalSpy storeOpened(&session, &Session::storeOpened);
        QSignalSpy seriesFailed(&session, &Session::seriesStoreFailed);
        QSignalSpy results(session.monitor(), &Monitor::resultsReady);
        session.open(labWorkspace());
        QVERIFY(started.wait(Timeout));
        QTRY_COMPARE_WITH_TIMEOUT(seriesFailed.size(), 1, Timeout);
        QVERIFY2(seriesFailed.first().at(0).toString().contains(u"vigie-series.sqlite"_s),
                 qPrintable(seriesFailed.first().at(0).toString()));
        QCOMPARE(storeOpened.size(), 1);
        QVERIFY(!session.isSeriesStoreOpen());
        QTRY_VERIFY_WITH_TIMEOUT(allResults(results).size() >= 4, Timeout);
        QVERIFY(session.close());
        QVERIFY(storedResults(folder) >= 4);
    }

    void historyIsTheStoresRetention()
    {
        Session session;
        session.setDataDir(dataDir(u"history"_s));
        QSignalSpy started(&session, &Session::started);
        session.open(labWorkspace("1h", "history:\n"
                                        "  results: 1h\n"
                                        "  events: 1d\n"
                                        "  max_results_per_probe: 5000\n"));
        QVERIFY(started.wait(Timeout));
        QVERIFY(session.isStoreOpen());
        QCOMPARE(session.store()->retention(), (RetentionPolicy{std::chrono::hours(1), std::chrono::days(1), 5000}));
        QVERIFY(session.close());

        // Without the key: the store's defaults.
        Session plain;
        plain.setDataDir(dataDir(u"history-default"_s));
        QSignalSpy plainStarted(&plain, &Session::started);
        plain.open(labWorkspace("1h"));
        QVERIFY(plainStarted.wait(Timeout));
        QCOMPARE(plain.store()->retention(), RetentionPolicy{});
    }

    void reloadAppliesAChangedHistoryAtOnce()
    {
        // Results of a probe gone from the workspace, 3 and 2 days old: the 90 days kept by default
        // cover both; a day covers neither, and only the probe's newest result stays.
        const QString folder = dataDir(u"history-reload"_s);
        {
            ResultStore seed;
            QVERIFY(seed.open(folder));
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            QList<ProbeResult> old;
            for (const qint64 daysAgo : {3, 2}) {
                ProbeResult result;
                result.key = {u"gone"_s, 0};
                result.kind = u"tcp"_s;
                result.target = u"127.0.0.1:1"_s;
                result.timestampMs = now - std::chrono::milliseconds(std::chrono::days(daysAgo)).count();
                result.status = HealthState::Up;
                result.latencyMs = 1;
                old.append(result);
            }
            seed.append(old);
            QVERIFY(seed.flush());
        }
        Session session;
        session.setDataDir(folder);
        QSignalSpy started(&session, &Session::started);
        session.open(labWorkspace("1h"));
        QVERIFY(started.wait(Timeout));
        QCOMPARE(session.store()->retention(), RetentionPolicy{});
        QCOMPARE(storedPoints(session, u"gone"_s), 2);

        session.open(labWorkspace("1h", "history:\n  results: 1d\n  events: 30d\n"));
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, Timeout);
        QCOMPARE(session.store()->retention(), (RetentionPolicy{std::chrono::days(1), std::chrono::days(30), 0}));
        // Pruned now, not at the next hourly pass.
        QTRY_COMPARE_WITH_TIMEOUT(storedPoints(session, u"gone"_s), 1, Timeout);

        // The key removed: the defaults again.
        session.open(labWorkspace("1h"));
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 3, Timeout);
        QCOMPARE(session.store()->retention(), RetentionPolicy{});
    }

    void reloadsWhenTheFileChanges()
    {
        Session session;
        session.setReloadOnChange(true);
        QSignalSpy opened(&session, &Session::workspaceOpened);
        QSignalSpy failed(&session, &Session::workspaceFailed);
        const QString path = labWorkspace("1h");
        session.open(path);
        QVERIFY(opened.wait(Timeout));

        // Written in place.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray yaml = file.readAll();
        file.close();
        yaml.replace("name: Session lab", "name: Edited lab");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(yaml);
        file.close();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, Timeout);
        QCOMPARE(session.workspace().name, u"Edited lab"_s);

        // Replaced by another file, as editors that save atomically do: still followed.
        const QString replacement = path + u".new"_s;
        yaml.replace("name: Edited lab", "name: Replaced lab");
        QFile next(replacement);
        QVERIFY(next.open(QIODevice::WriteOnly));
        next.write(yaml);
        next.close();
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(replacement, path));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 3, Timeout);
        QCOMPARE(session.workspace().name, u"Replaced lab"_s);

        // Broken: reported, and what runs goes on.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("services: [\n");
        file.close();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, Timeout);
        QCOMPARE(session.workspace().name, u"Replaced lab"_s);
        QCOMPARE(opened.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
