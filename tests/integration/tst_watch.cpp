// `vigie watch` end to end: the real binary against servers on loopback, its history read back
// with ResultStore as the console reads it.
#include "health/healthtracker.h"
#include "store/resultstore.h"
#include "testservers.h"
#include "watchcommand.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <csignal>
#include <sys/types.h>

#ifndef VIGIE_BINARY
#error "tst_watch needs the vigie executable (VIGIE_BUILD_UI=ON)"
#endif

using namespace Qt::StringLiterals;
using namespace Vigie;

class TestWatch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    Test::RawHttpServer m_up{Test::httpResponse(200, QByteArrayLiteral("fine"))};
    quint16 m_closedPort = 0;

    QString writeWorkspace(const QByteArray &yaml)
    {
        const QString path = m_dir.filePath(u"ws-%1.yaml"_s.arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(yaml);
        return path;
    }

    QString goodWorkspace()
    {
        return writeWorkspace(uR"(name: Watch test
services:
  - id: portal
    group: Web
    probes:
      - http: %1
        interval: 1s
        timeout: 1s
  - id: extranet
    group: Web
    probes:
      - http: http://127.0.0.1:%2/
        interval: 1s
        timeout: 1s
        down_after: 1
)"_s.arg(m_up.url())
                                  .arg(m_closedPort)
                                  .toUtf8());
    }

    static void prepare(QProcess &process)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s); // watch must not need one
        env.insert(u"QT_QPA_PLATFORM"_s, u"minimal"_s);
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        process.setProcessEnvironment(env);
    }

    // Waits without blocking the event loop: the servers answer on this thread.
    static bool finish(QProcess &process, int timeoutMs = 30000)
    {
        if (QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs))
            return true;
        process.kill();
        process.waitForFinished();
        return false;
    }

    struct History
    {
        qint64 results = 0;
        QList<HealthEvent> events;
    };
    static History readHistory(const QString &dataDir)
    {
        ResultStore store;
        if (!store.open(dataDir))
            return {};
        return {store.resultCount().result(), store.events(EventFilter{}).result()};
    }

    static bool hasState(const QList<HealthEvent> &events, const QString &service, HealthState to)
    {
        return std::ranges::any_of(events, [&](const HealthEvent &e) {
            return e.kind == HealthEvent::Kind::ServiceState && e.serviceId == service && e.to == to;
        });
    }

    // "Stored 7 results and 4 events in …": the numbers the command says it kept.
    static std::pair<qint64, qint64> summary(const QByteArray &out)
    {
        // English plural forms, in the C locale too.
        static const QRegularExpression pattern(u"Stored (\\d+) results? and (\\d+) events? in "_s);
        const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(out));
        if (!match.hasMatch())
            return {-1, -1};
        return {match.captured(1).toLongLong(), match.captured(2).toLongLong()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_closedPort = Test::closedPort();
    }

    void runsForADurationAndKeepsHistory()
    {
        const QString dataDir = m_dir.filePath(u"data-for"_s);
        QProcess process;
        prepare(process);
        process.start(QString::fromUtf8(VIGIE_BINARY),
                      {u"watch"_s, u"--workspace"_s, goodWorkspace(), u"--for"_s, u"3s"_s, u"--data-dir"_s, dataDir});
        QVERIFY(process.waitForStarted());
        QVERIFY(finish(process));
        const QByteArray out = process.readAllStandardOutput();
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, err.constData());

        // What it watches, in English with its plural forms although the locale is C.
        QVERIFY2(err.contains("Watching 2 probes of"), err.constData());
        // One line per event, as it happened, then the summary.
        QVERIFY2(out.contains("portal  unknown → up"), out.constData());
        QVERIFY2(out.contains("extranet  unknown → down"), out.constData());
        QVERIFY2(out.contains("refused"), out.constData());

        const History history = readHistory(dataDir);
        QVERIFY2(history.results >= 4, "each probe ran at least twice in 3 s at 1 s intervals");
        QVERIFY(hasState(history.events, u"portal"_s, HealthState::Up));
        QVERIFY(hasState(history.events, u"extranet"_s, HealthState::Down));
        const auto [results, events] = summary(out);
        QCOMPARE(results, history.results);
        QCOMPARE(events, qint64(history.events.size()));
    }

    // `vigie watch` tells alerts as the console does: through the workspace's channels (here a
    // command appending the alert's JSON to a file), said on the error stream.
    void alertsGoThroughTheWorkspacesChannels()
    {
        const QString dataDir = m_dir.filePath(u"data-alerts"_s);
        const QString received = m_dir.filePath(u"alerts.jsonl"_s);
        QFile good(goodWorkspace());
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QString ws = writeWorkspace(good.readAll() +
                                          "alerts:\n"
                                          "  group_wait: 200ms\n"
                                          "  channels:\n"
                                          "    - id: log\n"
                                          "      command: [/bin/sh, -c, 'cat >> \"$0\"; echo >> \"$0\"', \"" +
                                          received.toUtf8() +
                                          "\"]\n"
                                          "  routes:\n"
                                          "    - {channels: [log]}\n");
        QProcess process;
        prepare(process);
        process.start(QString::fromUtf8(VIGIE_BINARY),
                      {u"watch"_s, u"--workspace"_s, ws, u"--for"_s, u"3s"_s, u"--data-dir"_s, dataDir});
        QVERIFY(process.waitForStarted());
        QVERIFY(finish(process));
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(process.exitCode() == 0, err.constData());
        QVERIFY2(err.contains("alert: Down: extranet"), err.constData());
        QFile file(received);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const QJsonObject alert = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(alert.value(u"service"_s).toObject().value(u"id"_s).toString(), u"extranet"_s);
        QCOMPARE(alert.value(u"status"_s).toString(), u"firing"_s);
    }

    void sigtermFlushesAndExitsZero()
    {
        const QString dataDir = m_dir.filePath(u"data-term"_s);
        QProcess process;
        prepare(process);
        process.start(QString::fromUtf8(VIGIE_BINARY),
                      {u"watch"_s, u"--workspace"_s, goodWorkspace(), u"--data-dir"_s, dataDir});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("extranet  unknown → down") &&
                                     out.contains("portal  unknown → up"),
                                 20000);
        process.terminate(); // SIGTERM
        QVERIFY(finish(process));
        out += process.readAllStandardOutput();
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, err.constData());

        // Everything it had when told to stop is in the database.
        const History history = readHistory(dataDir);
        QVERIFY(history.results >= 2);
        QVERIFY(hasState(history.events, u"portal"_s, HealthState::Up));
        QVERIFY(hasState(history.events, u"extranet"_s, HealthState::Down));
        const auto [results, events] = summary(out);
        QCOMPARE(results, history.results);
        QCOMPARE(events, qint64(history.events.size()));
    }

    void printsEachChangeOnce()
    {
        // Services' changes by default; probes' too with --probes.
        for (const bool probes : {false, true}) {
            QProcess process;
            prepare(process);
            QStringList arguments{u"watch"_s,
                                  u"--workspace"_s,
                                  goodWorkspace(),
                                  u"--for"_s,
                                  u"3s"_s,
                                  u"--data-dir"_s,
                                  m_dir.filePath(probes ? u"data-probes"_s : u"data-lines"_s)};
            if (probes)
                arguments << u"--probes"_s;
            process.start(QString::fromUtf8(VIGIE_BINARY), arguments);
            QVERIFY(process.waitForStarted());
            QVERIFY(finish(process));
            const QByteArray out = process.readAllStandardOutput();
            QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
            QCOMPARE(out.count("extranet  unknown → down"), 1);
            QCOMPARE(out.count("portal  unknown → up"), 1);
            QCOMPARE(out.count("extranet probe 1 (http)  unknown → down"), probes ? 1 : 0);
            QCOMPARE(out.count("portal probe 1 (http)  unknown → up"), probes ? 1 : 0);
        }
    }

    void aDependentFailingWithItsDependencyIsOneLine()
    {
        // The portal's result came first in the batch; the relay it depends on is down too.
        Workspace workspace;
        for (const QString &id : {u"portal"_s, u"relay"_s}) {
            Service service;
            service.id = id;
            service.name = id;
            ProbeSpec spec;
            spec.setKind(ProbeKind::Tcp);
            spec.target = u"127.0.0.1:%1"_s.arg(m_closedPort);
            spec.downAfter = 1;
            service.probes.append(spec);
            if (id == u"portal"_s)
                service.dependsOn = {u"relay"_s};
            workspace.services.append(service);
        }
        HealthTracker tracker(workspace);
        QList<ProbeResult> batch;
        for (const QString &id : {u"portal"_s, u"relay"_s}) {
            ProbeResult result;
            result.key = ProbeKey{id, 0};
            result.kind = u"tcp"_s;
            result.timestampMs = 1'780'000'000'000 + batch.size();
            result.status = HealthState::Down;
            result.error = Message::verbatim(u"connection refused"_s);
            batch.append(result);
        }
        const QStringList lines = WatchCommand::eventLines(workspace, tracker.apply(batch), false);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).contains(u"  relay  unknown → down  "_s), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).contains(u"  portal  unknown → down, impacted by relay  "_s), qPrintable(lines.at(1)));
    }

    void secondInterruptExitsAtOnce()
    {
        QProcess process;
        prepare(process);
        process.start(QString::fromUtf8(VIGIE_BINARY),
                      {u"watch"_s, u"--workspace"_s, goodWorkspace(), u"--data-dir"_s, m_dir.filePath(u"data-int"_s)});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("portal  unknown → up"), 20000);
        // Two requests to stop, back to back (two of the same signal may merge into one while
        // pending, hence Ctrl+C then SIGTERM): the second does not wait for the orderly stop the
        // first began, which would print its summary and exit 0. Both are made pending while the
        // process is stopped, so that the orderly stop cannot finish between them, whatever the
        // machine's load; on resuming, two threads may take one each at the same moment.
        const auto pid = pid_t(process.processId());
        QCOMPARE(::kill(pid, SIGSTOP), 0);
        QCOMPARE(::kill(pid, SIGINT), 0);
        QCOMPARE(::kill(pid, SIGTERM), 0);
        QCOMPARE(::kill(pid, SIGCONT), 0);
        QVERIFY(finish(process, 5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 128 + SIGINT || process.exitCode() == 128 + SIGTERM,
                 qPrintable(QString::number(process.exitCode())));
        QVERIFY2(!process.readAllStandardOutput().contains("Stored "), "no orderly summary after a forced exit");
    }

    void invalidWorkspaceExitsTwoWithThePlace()
    {
        const QString ws =
            writeWorkspace(QByteArrayLiteral("name: Broken\nservices:\n  - id: portal\n    probes:\n"
                                             "      - http: http://127.0.0.1/\n        intervall: 30s\n"));
        const QString dataDir = m_dir.filePath(u"data-bad"_s);
        QProcess process;
        prepare(process);
        process.start(QString::fromUtf8(VIGIE_BINARY),
                      {u"watch"_s, u"--workspace"_s, ws, u"--for"_s, u"1s"_s, u"--data-dir"_s, dataDir});
        QVERIFY(process.waitForStarted());
        QVERIFY(finish(process));
        QCOMPARE(process.exitCode(), 2);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains(QByteArray(ws.toUtf8() + ":6:9:")), err.constData());
        QVERIFY(process.readAllStandardOutput().isEmpty());
        QVERIFY2(!QFile::exists(dataDir), "nothing is created for a workspace that cannot run");
    }
};

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
