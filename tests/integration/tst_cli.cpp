// The command line as a script or a person meets it: the real `vigie` binary, run against servers
// on loopback, with its output and exit status checked.
#include "alerts/alertstore.h"
#include "store/resultstore.h"
#include "testservers.h"
#include "vigieprocess.h"

#include <QDateTime>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

#ifndef VIGIE_BINARY
#error "tst_cli needs the vigie executable (VIGIE_BUILD_UI=ON)"
#endif

using namespace Qt::StringLiterals;

class TestCli : public QObject
{
    Q_OBJECT

    using Run = Vigie::Test::VigieRun;
    // Runs vigie without blocking the event loop, so that the in-process servers keep answering;
    // `noPlatform`: not even a platform plugin chosen for it.
    static Run vigie(const QStringList &arguments, bool noPlatform = false)
    {
        Vigie::Test::VigieRunOptions options;
        options.withoutPlatform = noPlatform;
        return Vigie::Test::runVigie(QString::fromUtf8(VIGIE_BINARY), arguments, options);
    }

    // As an on-call engineer logged in as `user`: vigie ack and mute stamp that name.
    static Run vigieAs(const QString &user, const QStringList &arguments)
    {
        Vigie::Test::VigieRunOptions options;
        options.environment = {{u"USER"_s, user}, {u"SUDO_USER"_s, QString()}};
        return Vigie::Test::runVigie(QString::fromUtf8(VIGIE_BINARY), arguments, options);
    }

    // Two services in two groups, for vigie ack, mute and unmute to check names against.
    QString writeAlertsWorkspace()
    {
        return writeWorkspace(u"name: Alerts\nservices:\n  - id: api\n    group: Core\n    probes:\n"
                              "      - tcp: 127.0.0.1:%1\n  - id: shop\n    group: Edge\n    probes:\n"
                              "      - tcp: 127.0.0.1:%1\n"_s.arg(m_closedPort)
                                  .toUtf8());
    }

    QString writeWorkspace(const QByteArray &yaml)
    {
        const QString path = m_dir.filePath(u"ws-%1.yaml"_s.arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(yaml);
        return path;
    }

    QTemporaryDir m_dir;
    int m_files = 0;
    QHttpServer m_http;
    quint16 m_httpPort = 0;
    Vigie::Test::BannerServer m_banner{QByteArrayLiteral("220 test.example ESMTP\r\n")};
    quint16 m_closedPort = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_http.route(u"/"_s, [] {
            return QHttpServerResponse(QByteArrayLiteral("text/html"), QByteArrayLiteral("<a>Connexion</a>"));
        });
        m_http.route(u"/broken"_s, [] {
            return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("maintenance"),
                                       QHttpServerResponse::StatusCode::ServiceUnavailable);
        });
        auto *tcp = new QTcpServer;
        QVERIFY(tcp->listen(QHostAddress::LocalHost));
        m_httpPort = tcp->serverPort();
        QVERIFY(m_http.bind(tcp));

        m_closedPort = Vigie::Test::closedPort();
    }

    void versionAndHelp()
    {
        const Run version = vigie({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith("vigie " VIGIE_VERSION), version.out.constData());

        const Run help = vigie({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("check"));
        QVERIFY(help.out.contains("--workspace"));

        const Run checkHelp = vigie({u"check"_s, u"--help"_s});
        QCOMPARE(checkHelp.exitCode, 0);
        QVERIFY(checkHelp.out.contains("--json"));
        QVERIFY(checkHelp.out.contains("Exit status"));

        const Run french = vigie({u"check"_s, u"--help"_s, u"--lang"_s, u"fr"_s});
        QCOMPARE(french.exitCode, 0);
        QVERIFY2(french.out.contains("Code de sortie"), french.out.constData());
    }

    void checkJsonReportsEveryProbe()
    {
        const QString ws = writeWorkspace(uR"(name: CLI test
services:
  - id: portal
    name: Customer portal
    group: Web
    probes:
      - http: http://127.0.0.1:%1/
        expect:
          status: [200]
          body_contains: "Connexion"
  - id: smtp
    name: Outgoing mail
    group: Mail
    probes:
      - tcp: 127.0.0.1:%2
        expect_banner: "^220 "
  - id: extranet
    name: Extranet
    group: Web
    probes:
      - http: http://127.0.0.1:%3/
        timeout: 5s
  - id: status
    name: Status page
    group: Web
    probes:
      - http: http://127.0.0.1:%1/broken
)"_s.arg(m_httpPort)
                                              .arg(m_banner.port())
                                              .arg(m_closedPort)
                                              .toUtf8());
        const Run run = vigie({u"check"_s, u"--workspace"_s, ws, u"--json"_s});
        QCOMPARE(run.exitCode, 1);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, run.out.constData());
        const QJsonArray results = doc.array();
        QCOMPARE(results.size(), 4);

        // Workspace order, whatever order the probes finished in.
        const QJsonObject portal = results.at(0).toObject();
        QCOMPARE(portal.value(u"service").toString(), u"portal"_s);
        QCOMPARE(portal.value(u"probe").toString(), u"http"_s);
        QCOMPARE(portal.value(u"target").toString(), u"http://127.0.0.1:%1/"_s.arg(m_httpPort));
        QCOMPARE(portal.value(u"status").toString(), u"up"_s);
        QCOMPARE(portal.value(u"http_status").toInt(), 200);
        QVERIFY(portal.value(u"error").isNull());
        QVERIFY(portal.value(u"latency_ms").toDouble() > 0);
        const QJsonObject phases = portal.value(u"phases").toObject();
        for (const char *phase : {"resolve_ms", "connect_ms", "processing_ms", "transfer_ms", "total_ms"})
            QVERIFY2(phases.value(QLatin1StringView(phase)).isDouble(), phase);
        QVERIFY2(phases.value(u"tls_ms").isNull(), "plain HTTP has no TLS phase");
        QCOMPARE(phases.value(u"total_ms").toDouble(), portal.value(u"latency_ms").toDouble());

        const QJsonObject smtp = results.at(1).toObject();
        QCOMPARE(smtp.value(u"probe").toString(), u"tcp"_s);
        QCOMPARE(smtp.value(u"status").toString(), u"up"_s);
        QVERIFY(smtp.value(u"http_status").isNull());

        const QJsonObject extranet = results.at(2).toObject();
        QCOMPARE(extranet.value(u"status").toString(), u"down"_s);
        QCOMPARE(extranet.value(u"failed_phase").toString(), u"connect"_s);
        QVERIFY2(extranet.value(u"error").toString().contains("refused"_L1),
                 qPrintable(extranet.value(u"error").toString()));

        const QJsonObject status = results.at(3).toObject();
        QCOMPARE(status.value(u"status").toString(), u"down"_s);
        QCOMPARE(status.value(u"http_status").toInt(), 503);
        QVERIFY(status.value(u"error").toString().contains("503"_L1));
    }

    void checkTableAndExitZeroWhenAllPass()
    {
        const QString ws = writeWorkspace(uR"(name: All good
services:
  - id: portal
    probes:
      - http: http://127.0.0.1:%1/
  - id: smtp
    probes:
      - tcp: 127.0.0.1:%2
        expect_banner: "^220 "
)"_s.arg(m_httpPort)
                                              .arg(m_banner.port())
                                              .toUtf8());
        const Run run = vigie({u"check"_s, u"--workspace"_s, ws});
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header + two probes
        QVERIFY(lines.at(0).startsWith("SERVICE"));
        QVERIFY(lines.at(1).startsWith("portal"));
        QVERIFY(lines.at(1).contains(" up "));
        QVERIFY(lines.at(2).startsWith("smtp"));
    }

    void invalidWorkspaceExitsTwoWithThePlace()
    {
        const QString ws =
            writeWorkspace(QByteArrayLiteral("name: Broken\nservices:\n  - id: portal\n    probes:\n"
                                             "      - http: http://127.0.0.1/\n        intervall: 30s\n"));
        const Run run = vigie({u"check"_s, u"--workspace"_s, ws, u"--json"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(QByteArray(ws.toUtf8() + ":6:9:")), run.err.constData());
        QVERIFY(run.err.contains("intervall"));

        const Run missing = vigie({u"check"_s, u"--workspace"_s, m_dir.filePath(u"nope.yaml"_s)});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("nope.yaml"));

        const Run noWorkspace = vigie({u"check"_s});
        QCOMPARE(noWorkspace.exitCode, 2);
        QVERIFY(noWorkspace.err.contains("--workspace"));
    }

    void watchAndSecretHelp()
    {
        const Run help = vigie({u"--help"_s});
        QVERIFY2(help.out.contains("watch") && help.out.contains("secret"), help.out.constData());

        const Run watchHelp = vigie({u"watch"_s, u"--help"_s});
        QCOMPARE(watchHelp.exitCode, 0);
        QVERIFY(watchHelp.out.contains("--for"));
        QVERIFY(watchHelp.out.contains("--data-dir"));
        QVERIFY(watchHelp.out.contains("SIGTERM"));
        QVERIFY(watchHelp.out.contains("Exit status"));
        QVERIFY2(!watchHelp.out.contains("--screenshot"), "console options are not watch's");

        const Run secretHelp = vigie({u"secret"_s, u"--help"_s});
        QCOMPARE(secretHelp.exitCode, 0);
        for (const char *usage :
             {"vigie secret set NAME", "vigie secret delete NAME", "vigie secret check --workspace"})
            QVERIFY2(secretHelp.out.contains(usage), usage);
    }

    void watchAndSecretUsageErrors()
    {
        const auto expectUsageError = [this](const QStringList &arguments, const QByteArray &mention) {
            const Run run = vigie(arguments);
            QCOMPARE(run.exitCode, 2);
            QVERIFY(run.out.isEmpty());
            QVERIFY2(run.err.startsWith("vigie: ") && run.err.contains(mention), run.err.constData());
        };
        expectUsageError({u"watch"_s}, "vigie watch --workspace FILE");
        expectUsageError({u"watch"_s, u"--workspace"_s, u"ws.yaml"_s, u"--for"_s, u"banana"_s}, "\"banana\"");
        expectUsageError({u"watch"_s, u"--workspace"_s, u"ws.yaml"_s, u"--for"_s, u"0s"_s}, "--for needs a duration");
        expectUsageError({u"watch"_s, u"--workspace"_s, u"ws.yaml"_s, u"extra"_s}, "Unexpected argument: extra");
        expectUsageError({u"secret"_s}, "vigie secret needs an action");
        expectUsageError({u"secret"_s, u"rotate"_s}, "Unknown secret action: rotate");
        expectUsageError({u"secret"_s, u"set"_s}, "vigie secret set NAME");
        expectUsageError({u"secret"_s, u"delete"_s}, "vigie secret delete NAME");
        expectUsageError({u"secret"_s, u"check"_s}, "vigie secret check --workspace FILE");
        expectUsageError({u"frobnicate"_s}, "check, watch, validate, report, scrape, secret");

        // Invalid workspaces are reported by place, whichever command reads them.
        const QString broken = writeWorkspace(QByteArrayLiteral("name: Broken\nservices: 3\n"));
        const Run watch = vigie({u"watch"_s, u"--workspace"_s, broken, u"--data-dir"_s, m_dir.filePath(u"never"_s)});
        QCOMPARE(watch.exitCode, 2);
        QVERIFY2(watch.err.contains(QByteArray(broken.toUtf8() + ":2:")), watch.err.constData());
        const Run secrets = vigie({u"secret"_s, u"check"_s, u"--workspace"_s, broken});
        QCOMPARE(secrets.exitCode, 2);
        QVERIFY2(secrets.err.contains(QByteArray(broken.toUtf8() + ":2:")), secrets.err.constData());
    }

    void mistakesGetTheUsageWithoutADisplay()
    {
        // With no display and no platform plugin chosen: a mistake is a usage error, never an abort.
        const QList<QStringList> mistakes{
            {u"chek"_s},
            {u"--json"_s, u"check"_s},
            {u"check"_s, u"--workspace"_s},
            {u"watch"_s, u"--probes-please"_s, u"--workspace"_s, u"ws.yaml"_s},
            {u"validate"_s},
            {u"--screenshot"_s},
        };
        for (const QStringList &arguments : mistakes) {
            const Run run = vigie(arguments, true);
            QVERIFY2(run.exitCode == 2, qPrintable(arguments.join(u' ') + u": "_s + QString::fromUtf8(run.err)));
            QVERIFY2(run.err.startsWith("vigie: "), run.err.constData());
            QVERIFY2(run.err.contains("Usage: "), run.err.constData());
            QVERIFY(!run.err.contains("display"));
        }
    }

    void validateReportsWithoutProbing()
    {
        const int connectionsBefore = m_banner.connectionCount();
        const QString good = writeWorkspace(u"name: Valid\nservices:\n  - id: smtp\n    probes:\n"
                                            "      - tcp: 127.0.0.1:%1\n  - id: dns\n    probes:\n"
                                            "      - tcp: 127.0.0.1:%1\n"_s.arg(m_banner.port())
                                                .toUtf8());
        const Run valid = vigie({u"validate"_s, u"--workspace"_s, good}, true);
        QVERIFY2(valid.exitCode == 0, valid.err.constData());
        QVERIFY2(valid.out.contains("is valid: 2 service") && valid.out.contains(", 2 probe"), valid.out.constData());

        const QString bad =
            writeWorkspace(QByteArrayLiteral("name: Broken\nservices:\n  - id: portal\n    probes:\n"
                                             "      - http: http://127.0.0.1/\n        intervall: 30s\n"));
        const Run invalid = vigie({u"validate"_s, u"--workspace"_s, bad}, true);
        QCOMPARE(invalid.exitCode, 2);
        QVERIFY2(invalid.err.contains(QByteArray(bad.toUtf8() + ":6:9:")), invalid.err.constData());

        const Run json = vigie({u"validate"_s, u"--workspace"_s, bad, u"--json"_s});
        QCOMPARE(json.exitCode, 2);
        const QJsonObject verdict = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(verdict.value(u"valid").toBool(true), false);
        const QJsonObject first = verdict.value(u"errors").toArray().at(0).toObject();
        QCOMPARE(first.value(u"line").toInt(), 6);
        QCOMPARE(first.value(u"column").toInt(), 9);
        QVERIFY(first.value(u"message").toString().contains("intervall"_L1));
        const Run goodJson = vigie({u"validate"_s, u"--workspace"_s, good, u"--json"_s});
        QCOMPARE(goodJson.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(goodJson.out).object().value(u"probes").toInt(), 2);

        // A status site's mistakes too; a token written in the file is never printed back.
        const QByteArray key = "2a7b9d4aac30956d537ac76850f4d78de30994703680056cc103862d53cf8074";
        const QString sites = writeWorkspace("name: Sites\nservices:\n  - id: portal\n    probes:\n"
                                             "      - tcp: 127.0.0.1:1\nstatus_sites:\n  - id: public\n"
                                             "    statuspage: {page_id: p1, token: " +
                                             key + "}\n    components: {portl: c1}\n");
        const Run badSites = vigie({u"validate"_s, u"--workspace"_s, sites}, true);
        QCOMPARE(badSites.exitCode, 2);
        QVERIFY2(badSites.err.contains(QByteArray(sites.toUtf8() + ":8:38: 'token' names a secret stored in the "
                                                                   "system keychain")),
                 badSites.err.constData());
        QVERIFY2(badSites.err.contains(QByteArray(sites.toUtf8() + ":9:18: there is no service 'portl' in this "
                                                                   "workspace; did you mean 'portal'?")),
                 badSites.err.constData());
        QVERIFY(!badSites.err.contains(key) && !badSites.out.contains(key));

        // And the alerts': a route to a channel that is not declared.
        const QString alerts = writeWorkspace("name: Alerts\nservices:\n  - id: portal\n    probes:\n"
                                              "      - tcp: 127.0.0.1:1\nalerts:\n  channels:\n"
                                              "    - {id: ops-hook, webhook: 'https://chat.example.org/hooks/abc'}\n"
                                              "  routes:\n    - {channels: [ops-hok]}\n");
        const Run badAlerts = vigie({u"validate"_s, u"--workspace"_s, alerts}, true);
        QCOMPARE(badAlerts.exitCode, 2);
        QVERIFY2(badAlerts.err.contains(QByteArray(alerts.toUtf8() + ":10:19: this route names channel 'ops-hok', "
                                                                     "which alerts: channels does not declare; did "
                                                                     "you mean 'ops-hook'?")),
                 badAlerts.err.constData());

        // Not one probe ran.
        QCOMPARE(m_banner.connectionCount(), connectionsBefore);
    }

    void reportReadsTheHistory()
    {
        // A history written by a test: api down 10:10-10:25 (its second probe) and from 10:50 on.
        const QString ws = writeWorkspace(u"name: Report\nservices:\n  - id: api\n    group: Core\n    probes:\n"
                                          "      - tcp: 127.0.0.1:%1\n      - tcp: 127.0.0.1:%1\n"
                                          "  - id: db\n    group: Core\n    probes:\n"
                                          "      - tcp: 127.0.0.1:%1\n"_s.arg(m_closedPort)
                                              .toUtf8());
        const QString dataDir = m_dir.filePath(u"report-data"_s);
        const auto at = [](int hour, int minute) {
            return QDateTime(QDate(2026, 3, 29), QTime(hour, minute), QTimeZone::UTC).toMSecsSinceEpoch();
        };
        const auto change = [](qint64 ms, const QString &service, int probe, Vigie::HealthState from,
                               Vigie::HealthState to) {
            Vigie::HealthEvent e;
            e.timestampMs = ms;
            e.kind = probe < 0 ? Vigie::HealthEvent::Kind::ServiceState : Vigie::HealthEvent::Kind::ProbeState;
            e.serviceId = service;
            e.group = u"Core"_s;
            e.probeIndex = probe;
            e.from = from;
            e.to = to;
            return e;
        };
        using Vigie::HealthState;
        {
            Vigie::ResultStore store;
            QVERIFY(store.open(dataDir).has_value());
            store.appendEvents({
                change(at(9, 0), u"api"_s, 0, HealthState::Unknown, HealthState::Up),
                change(at(9, 0), u"api"_s, 1, HealthState::Unknown, HealthState::Up),
                change(at(9, 0), u"api"_s, -1, HealthState::Unknown, HealthState::Up),
                change(at(9, 0), u"db"_s, 0, HealthState::Unknown, HealthState::Up),
                change(at(9, 0), u"db"_s, -1, HealthState::Unknown, HealthState::Up),
                change(at(10, 10), u"api"_s, 1, HealthState::Up, HealthState::Down),
                change(at(10, 10), u"api"_s, -1, HealthState::Up, HealthState::Down),
                change(at(10, 25), u"api"_s, 1, HealthState::Down, HealthState::Up),
                change(at(10, 25), u"api"_s, -1, HealthState::Down, HealthState::Up),
                change(at(10, 50), u"api"_s, 0, HealthState::Up, HealthState::Down),
                change(at(10, 50), u"api"_s, -1, HealthState::Up, HealthState::Down),
            });
            QVERIFY(store.flush());
        }
        const QStringList range{u"report"_s,
                                u"--workspace"_s,
                                ws,
                                u"--data-dir"_s,
                                dataDir,
                                u"--from"_s,
                                u"2026-03-29T10:00:00Z"_s,
                                u"--to"_s,
                                u"2026-03-29T12:00+01:00"_s};

        const Run json = vigie(range + QStringList{u"--format"_s, u"json"_s}, true);
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(root.value(u"from").toString(), u"2026-03-29T10:00:00Z"_s);
        QCOMPARE(root.value(u"to").toString(), u"2026-03-29T11:00:00Z"_s);
        const QJsonObject api = root.value(u"services").toArray().at(0).toObject();
        QCOMPARE(api.value(u"id").toString(), u"api"_s);
        QCOMPARE(api.value(u"outages").toInt(), 2);
        QCOMPARE(api.value(u"downtime_s").toDouble(), 1500.0);
        QCOMPARE(api.value(u"longest_outage_s").toDouble(), 900.0);
        QCOMPARE(api.value(u"mttr_s").toDouble(), 750.0);
        QCOMPARE(api.value(u"availability_pct").toDouble(), 58.3333);
        const QJsonArray episodes = api.value(u"episodes").toArray();
        QCOMPARE(episodes.at(0).toObject().value(u"start").toString(), u"2026-03-29T10:10:00Z"_s);
        QCOMPARE(episodes.at(0).toObject().value(u"duration_s").toDouble(), 900.0);
        QCOMPARE(episodes.at(0).toObject().value(u"failed_probes").toArray().at(0).toObject().value(u"index").toInt(),
                 1);
        QVERIFY(episodes.at(1).toObject().value(u"open").toBool());
        QCOMPARE(root.value(u"services").toArray().at(1).toObject().value(u"availability_pct").toDouble(), 100.0);
        QCOMPARE(root.value(u"overall").toObject().value(u"outages").toInt(), 2);

        const Run md = vigie(range, true); // Markdown by default
        QVERIFY2(md.exitCode == 0, md.err.constData());
        QVERIFY2(md.out.contains("from 10:10 to 11:00 (still going), 25 min in all"), md.out.constData());

        const Run csv = vigie(range + QStringList{u"--format"_s, u"csv"_s, u"--service"_s, u"api"_s}, true);
        QVERIFY2(csv.exitCode == 0, csv.err.constData());
        const QList<QByteArray> rows = csv.out.split('\n');
        QCOMPARE(rows.size(), 4); // the header, two episodes, and the end of the last line
        QVERIFY(rows.at(1).startsWith("api,api,Core,2026-03-29T10:10:00Z,2026-03-29T10:25:00Z,900.000,0,0,"));

        // Mistakes: exit 2, naming the option; no history: exit 1, naming the folder.
        const Run badFrom = vigie({u"report"_s, u"--workspace"_s, ws, u"--from"_s, u"yesterday"_s}, true);
        QCOMPARE(badFrom.exitCode, 2);
        QVERIFY2(badFrom.err.contains("--from") && badFrom.err.contains("yesterday"), badFrom.err.constData());
        const Run badTo = vigie({u"report"_s, u"--workspace"_s, ws, u"--to"_s, u"-3x"_s}, true);
        QCOMPARE(badTo.exitCode, 2);
        QVERIFY2(badTo.err.contains("--to"), badTo.err.constData());
        const Run badFormat = vigie(range + QStringList{u"--format"_s, u"pdf"_s}, true);
        QCOMPARE(badFormat.exitCode, 2);
        QVERIFY(badFormat.err.contains("--format"));
        const Run unknown = vigie(range + QStringList{u"--service"_s, u"nope"_s}, true);
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("nope"), unknown.err.constData());
        const Run empty = vigie({u"report"_s, u"--workspace"_s, ws, u"--data-dir"_s, m_dir.filePath(u"none"_s)}, true);
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.err.contains("no history"), empty.err.constData());
        QVERIFY(!QFile::exists(m_dir.filePath(u"none/vigie.sqlite"_s)));
        const Run help = vigie({u"report"_s, u"--help"_s}, true);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--from") && help.out.contains("--format") && help.out.contains("Default: now"));
    }

    void secretNamesFollowTheWorkspaceRule()
    {
        for (const QString &action : {u"set"_s, u"delete"_s}) {
            const Run run = vigie({u"secret"_s, action, u"bad name!"_s});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains("\"bad name!\" is not a secret name"), run.err.constData());
        }
    }

    void checkExplainsMaintenanceAndImpact()
    {
        // A window that covers every moment.
        static const QString ArchiveInMaintenance = uR"(maintenance:
  - name: Archive move
    services: archive
    timezone: UTC
    every: day
    at: "00:00"
    duration: 24h
)"_s;
        // The relay refuses; the portal, which depends on it, fails with it; the archive refuses
        // too, inside a window that covers every moment; the mail server answers.
        const QString withAlarm = writeWorkspace(QString(uR"(name: Explained
services:
  - id: relay
    probes:
      - tcp: 127.0.0.1:%1
  - id: portal
    depends_on: relay
    probes:
      - tcp: 127.0.0.1:%1
  - id: archive
    probes:
      - tcp: 127.0.0.1:%1
  - id: smtp
    probes:
      - tcp: 127.0.0.1:%2
)"_s + ArchiveInMaintenance)
                                                     .arg(m_closedPort)
                                                     .arg(m_banner.port())
                                                     .toUtf8());
        const Run json = vigie({u"check"_s, u"--workspace"_s, withAlarm, u"--json"_s});
        QCOMPARE(json.exitCode, 1); // the relay is a real alarm
        const QJsonArray results = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(results.size(), 4);
        QCOMPARE(results.at(0).toObject().value(u"status").toString(), u"down"_s);
        QCOMPARE(results.at(1).toObject().value(u"status").toString(), u"impacted"_s);
        QCOMPARE(results.at(1).toObject().value(u"impacted_by").toString(), u"relay"_s);
        QCOMPARE(results.at(2).toObject().value(u"status").toString(), u"maintenance"_s);
        QCOMPARE(results.at(2).toObject().value(u"maintenance").toString(), u"Archive move"_s);
        QCOMPARE(results.at(3).toObject().value(u"status").toString(), u"up"_s);

        const Run table = vigie({u"check"_s, u"--workspace"_s, withAlarm});
        QCOMPARE(table.exitCode, 1);
        const QList<QByteArray> lines = table.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY2(lines.at(2).startsWith("portal") && lines.at(2).contains(" impacted "), lines.at(2).constData());
        QVERIFY2(lines.at(3).startsWith("archive") && lines.at(3).contains(" maintenance "), lines.at(3).constData());

        // Without the relay's own alarm, nothing counts against the exit status.
        const QString explained = writeWorkspace(QString(uR"(name: Explained
services:
  - id: archive
    probes:
      - tcp: 127.0.0.1:%1
  - id: smtp
    probes:
      - tcp: 127.0.0.1:%2
)"_s + ArchiveInMaintenance)
                                                     .arg(m_closedPort)
                                                     .arg(m_banner.port())
                                                     .toUtf8());
        const Run quiet = vigie({u"check"_s, u"--workspace"_s, explained});
        QVERIFY2(quiet.exitCode == 0, quiet.out.constData());
    }

    void serverTextCannotDriveTheTerminal()
    {
        // A banner that would clear the screen and retitle the window.
        Vigie::Test::BannerServer hostile{QByteArrayLiteral("\x1b[2J\x1b]0;owned\x07SSH-2.0-evil\r\n")};
        const QString ws = writeWorkspace(u"name: Hostile\nservices:\n  - id: bastion\n    probes:\n"
                                          "      - tcp: 127.0.0.1:%1\n"
                                          "        expect_banner: \"^220 \"\n"_s.arg(hostile.port())
                                              .toUtf8());
        const Run table = vigie({u"check"_s, u"--workspace"_s, ws});
        QCOMPARE(table.exitCode, 1);
        QVERIFY2(!table.out.contains('\x1b') && !table.out.contains('\x07'), table.out.constData());
        QVERIFY2(table.out.contains("\\x1b[2J"), table.out.constData());

        const Run watch = vigie(
            {u"watch"_s, u"--workspace"_s, ws, u"--for"_s, u"2s"_s, u"--data-dir"_s, m_dir.filePath(u"hostile"_s)});
        QVERIFY2(watch.exitCode == 0, watch.err.constData());
        QVERIFY2(watch.out.contains("bastion  unknown → down"), watch.out.constData());
        QVERIFY2(!watch.out.contains('\x1b') && !watch.out.contains('\x07'), watch.out.constData());
        QVERIFY(!watch.err.contains('\x1b'));
    }

    // Where the console or `watch` keep a history, `vigie ack` writes its line in the event log
    // (once: the console writes only its own acknowledgements).
    void ackWritesItsLineInTheEventLog()
    {
        const QString ws = writeAlertsWorkspace();
        const QString dataDir = m_dir.filePath(u"ack-log"_s);
        {
            Vigie::ResultStore history;
            QVERIFY(history.open(dataDir));
        }
        const Run ack = vigieAs(u"marie"_s, QStringList{u"ack"_s, u"api"_s, u"--comment"_s, u"on it"_s,
                                                        u"--workspace"_s, ws, u"--data-dir"_s, dataDir});
        QVERIFY2(ack.exitCode == 0, ack.err.constData());
        QVERIFY2(ack.err.isEmpty(), ack.err.constData());
        Vigie::ResultStore history;
        QVERIFY(history.open(dataDir));
        const QList<Vigie::HealthEvent> events = history.events(Vigie::EventFilter{}).result();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kind, Vigie::HealthEvent::Kind::Acknowledged);
        QCOMPARE(events.first().serviceId, u"api"_s);
        QCOMPARE(events.first().cause.toSourceString(), u"by marie: on it"_s);
    }

    void ackListsWhoAndWhy()
    {
        const QString ws = writeAlertsWorkspace();
        const QString dataDir = m_dir.filePath(u"ack-data"_s);
        const QStringList where{u"--workspace"_s, ws, u"--data-dir"_s, dataDir};

        const Run ack =
            vigieAs(u"marie"_s, QStringList{u"ack"_s, u"api"_s, u"--comment"_s, u"DB failover under way"_s} + where);
        QVERIFY2(ack.exitCode == 0, ack.err.constData());
        QVERIFY2(ack.out.contains("api"), ack.out.constData());

        const Run list = vigie({u"ack"_s, u"--list"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        const QList<QByteArray> rows = list.out.trimmed().split('\n');
        QCOMPARE(rows.size(), 2); // the header and api
        QVERIFY2(rows.at(1).startsWith("api ") && rows.at(1).contains(" marie ") &&
                     rows.at(1).endsWith("DB failover under way"),
                 list.out.constData());

        const Run json = vigie({u"ack"_s, u"--list"_s, u"--json"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonArray acks = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(acks.size(), 1);
        QCOMPARE(acks.at(0).toObject().value(u"service").toString(), u"api"_s);
        QCOMPARE(acks.at(0).toObject().value(u"author").toString(), u"marie"_s);
        QCOMPARE(acks.at(0).toObject().value(u"comment").toString(), u"DB failover under way"_s);

        // A service the workspace does not have is named, and nothing is stored.
        const Run unknown = vigieAs(u"marie"_s, QStringList{u"ack"_s, u"apii"_s} + where);
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.out.isEmpty());
        QVERIFY2(unknown.err.startsWith("vigie: ") && unknown.err.contains("no service \"apii\""),
                 unknown.err.constData());
        QCOMPARE(QJsonDocument::fromJson(vigie({u"ack"_s, u"--list"_s, u"--json"_s, u"--data-dir"_s, dataDir}).out)
                     .array()
                     .size(),
                 1);

        const Run clear = vigie(QStringList{u"ack"_s, u"--clear"_s, u"api"_s} + where);
        QVERIFY2(clear.exitCode == 0, clear.err.constData());
        const Run empty = vigie({u"ack"_s, u"--list"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(empty.exitCode == 0 && empty.out.contains("No service is acknowledged."), empty.out.constData());

        // Listing where nothing was ever stored creates no database.
        const Run none = vigie({u"ack"_s, u"--list"_s, u"--data-dir"_s, m_dir.filePath(u"no-alerts"_s)});
        QVERIFY2(none.exitCode == 0, none.err.constData());
        QVERIFY(!QFile::exists(m_dir.filePath(u"no-alerts/"_s + Vigie::AlertStore::fileName())));
    }

    void muteAndUnmuteAGroup()
    {
        const QString ws = writeAlertsWorkspace();
        const QString dataDir = m_dir.filePath(u"mute-data"_s);
        const QStringList where{u"--workspace"_s, ws, u"--data-dir"_s, dataDir};

        // A date and time far enough ahead, in local time as written and as listed.
        const Run mute = vigieAs(u"marie"_s, QStringList{u"mute"_s, u"--group"_s, u"Core"_s, u"--until"_s,
                                                         u"2031-05-04 08:30"_s, u"--comment"_s, u"failover"_s} +
                                                 where);
        QVERIFY2(mute.exitCode == 0, mute.err.constData());
        QVERIFY2(mute.out.contains("Core") && mute.out.contains("2031-05-04 08:30"), mute.out.constData());

        const Run list = vigie({u"mute"_s, u"--list"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        const QList<QByteArray> rows = list.out.trimmed().split('\n');
        QCOMPARE(rows.size(), 2);
        QVERIFY2(rows.at(1).contains("group Core") && rows.at(1).contains("2031-05-04 08:30") &&
                     rows.at(1).contains(" marie ") && rows.at(1).endsWith("failover"),
                 list.out.constData());
        const Run json = vigie({u"mute"_s, u"--list"_s, u"--json"_s, u"--data-dir"_s, dataDir});
        const QJsonObject listed = QJsonDocument::fromJson(json.out).array().at(0).toObject();
        QCOMPARE(listed.value(u"scope").toString(), u"group"_s);
        QCOMPARE(listed.value(u"target").toString(), u"Core"_s);
        QCOMPARE(QDateTime::fromString(listed.value(u"until").toString(), Qt::ISODateWithMs),
                 QDateTime(QDate(2031, 5, 4), QTime(8, 30), QTimeZone::LocalTime));

        // An end that cannot be read gets the parser's own sentence; an unknown group is named.
        const Run garbage = vigie(QStringList{u"mute"_s, u"--group"_s, u"Core"_s, u"--until"_s, u"garbage"_s} + where);
        QCOMPARE(garbage.exitCode, 2);
        const auto parsed = Vigie::parseMuteEnd(u"garbage"_s, QDateTime::currentDateTime());
        QVERIFY(!parsed);
        const QByteArray sentence = "vigie: " + parsed.error().toUtf8();
        QVERIFY2(garbage.err.startsWith(sentence), garbage.err.constData());
        const Run unknown = vigie(QStringList{u"mute"_s, u"--group"_s, u"Cor"_s} + where);
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no group \"Cor\"") && unknown.err.contains("Core, Edge"),
                 unknown.err.constData());
        const Run help = vigie({u"mute"_s, u"--help"_s});
        QVERIFY2(help.exitCode == 0 && help.out.contains("Without --for or --until a mute lasts 1h."),
                 help.out.constData());

        const Run unmute = vigie(QStringList{u"unmute"_s, u"--group"_s, u"Core"_s} + where);
        QVERIFY2(unmute.exitCode == 0, unmute.err.constData());
        QVERIFY2(unmute.out.startsWith("1 mute") && unmute.out.contains("ended"), unmute.out.constData());
        const Run after = vigie({u"mute"_s, u"--list"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(after.exitCode == 0 && after.out.contains("No mute is in force."), after.out.constData());
        const Run again = vigie(QStringList{u"unmute"_s, u"--group"_s, u"Core"_s} + where);
        QVERIFY2(again.exitCode == 0 && again.out.startsWith("0 mute"), again.out.constData());
    }

    void muteAllIsSharedWithTheStore()
    {
        const QString dataDir = m_dir.filePath(u"mute-all-data"_s);
        const Run mute = vigieAs(u"marie"_s, {u"mute"_s, u"--all"_s, u"--for"_s, u"1h"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(mute.exitCode == 0, mute.err.constData());
        {
            Vigie::AlertStore store;
            QVERIFY(store.open(dataDir).has_value());
            const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
            const auto mutes = store.activeMutes(nowMs);
            QVERIFY2(mutes.has_value(), qPrintable(mutes.error()));
            QCOMPARE(mutes->size(), 1);
            const Vigie::Mute &m = mutes->constFirst();
            QCOMPARE(m.scope, Vigie::Mute::Scope::All);
            QCOMPARE(m.author, u"marie"_s);
            // An hour from when the command ran, which was before now.
            QVERIFY(m.untilMs > nowMs && m.untilMs <= nowMs + 3600 * 1000);
            QVERIFY(m.untilMs - m.createdMs <= 3600 * 1000);
            QVERIFY(m.covers(u"api"_s, u"Core"_s, nowMs));
        }
        const Run unmute = vigie({u"unmute"_s, u"--all"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(unmute.exitCode == 0 && unmute.out.startsWith("1 mute"), unmute.out.constData());

        // Under sudo the author is who ran sudo (as root only: sudo is what sets SUDO_USER).
        Vigie::Test::VigieRunOptions sudo;
        sudo.environment = {{u"USER"_s, u"root"_s}, {u"SUDO_USER"_s, u"marie"_s}};
        const Run sudoMute =
            Vigie::Test::runVigie(QString::fromUtf8(VIGIE_BINARY),
                                  {u"mute"_s, u"--all"_s, u"--for"_s, u"1h"_s, u"--data-dir"_s, dataDir}, sudo);
        QVERIFY2(sudoMute.exitCode == 0, sudoMute.err.constData());
        {
            Vigie::AlertStore store;
            QVERIFY(store.open(dataDir).has_value());
            const auto mutes = store.activeMutes(QDateTime::currentMSecsSinceEpoch());
            QVERIFY2(mutes.has_value(), qPrintable(mutes.error()));
            QCOMPARE(mutes->size(), 1);
#if defined(Q_OS_UNIX)
            QCOMPARE(mutes->constFirst().author, geteuid() == 0 ? u"marie"_s : u"root"_s);
#endif
        }
        const Run unmuteAgain = vigie({u"unmute"_s, u"--all"_s, u"--data-dir"_s, dataDir});
        QVERIFY2(unmuteAgain.exitCode == 0, unmuteAgain.err.constData());
        Vigie::AlertStore store;
        QVERIFY(store.open(dataDir).has_value());
        QCOMPARE(store.activeMutes(QDateTime::currentMSecsSinceEpoch())->size(), 0);
    }

    void secretCheckWithoutSecretsNeedsNoKeychain()
    {
        const QString ws = writeWorkspace(QByteArrayLiteral(
            "name: Plain\nservices:\n  - id: portal\n    probes:\n      - http: http://127.0.0.1/\n"));
        const Run run = vigie({u"secret"_s, u"check"_s, u"--workspace"_s, ws});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("names no secrets"), run.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
