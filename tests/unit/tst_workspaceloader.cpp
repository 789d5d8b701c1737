#include "workspace/workspaceloader.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTime>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Vigie::DnsOptions;
using Vigie::DnsRecordType;
using Vigie::HttpAuthType;
using Vigie::HttpOptions;
using Vigie::HttpVersion;
using Vigie::ProbeKind;
using Vigie::SourceLocation;
using Vigie::StatuspageOptions;
using Vigie::StatusRange;
using Vigie::TcpOptions;
using Vigie::TlsOptions;
using Vigie::WorkspaceError;
using Vigie::WorkspaceLoader;

namespace {

QString dataPath(const QString &relative)
{
    return QDir::cleanPath(QString::fromUtf8(VIGIE_TEST_DATA) + u'/' + relative);
}

QString examplePath()
{
    return QDir::cleanPath(QString::fromUtf8(VIGIE_TEST_DATA) + u"/../../resources/workspaces/acme.yaml"_s);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(path));
    return file.readAll();
}

// "line:column: message", the form the expectations are written in.
QString withoutFile(const WorkspaceError &error)
{
    return QString::number(error.location.line) + u':' + QString::number(error.location.column) + u": " + error.message;
}

// A valid workspace that a `history:` key can follow.
const QByteArray historyHead = "name: History\nservices:\n  - id: a\n    probes:\n      - tcp: 127.0.0.1:22\n";

QStringList describe(const QList<WorkspaceError> &errors)
{
    QStringList out;
    for (const WorkspaceError &error : errors)
        out.append(withoutFile(error));
    return out;
}

} // namespace

class tst_WorkspaceLoader : public QObject
{
    Q_OBJECT

private slots:
    void loadsExample();
    void loadsGoodFiles_data();
    void loadsGoodFiles();
    void readsEveryKey();
    void readsEveryKind();
    void readsHistory();
    void reportsBadHistory_data();
    void reportsBadHistory();
    void keysFollowTheTableOfKinds();
    void readsCaFileRelativeToTheWorkspace();
    void reportsConditionErrorsAtTheirColumn_data();
    void reportsConditionErrorsAtTheirColumn();
    void reportsLongDependencyCycle();
    void reportsBadFiles_data();
    void reportsBadFiles();
    void reportsBadText_data();
    void reportsBadText();
    void reportsSeveralErrorsInFileOrder();
    void countsColumnsInCharacters();
    void acceptsByteOrderMarkAndCrlf();
    void shortIntervalShortensDefaultTimeout();
    void boundsAliasExpansion();
    void capsTheNumberOfErrors();
    void loadFileReportsMissingFile();
    void loadFileReportsDirectory();
    void loadFileReportsOversizedFile();
    void loadFileRefusesFifo();
    void loadFileRefusesDevice();
    void loadsFiftyThousandServices();
    void readsLongSequenceInChunks();
    void readsLongSequenceWithAnchorsInOnePiece();
    void reportsSyntaxErrorsInLongSequence();
    void boundsErrorsOfLongFlowSequence();
    void refusesBillionLaughs();
    void survivesMutations();
    void readsMetrics();
    void reportsBadMetrics_data();
    void reportsBadMetrics();
    void readsStatusSites();
    void reportsBadStatusSites_data();
    void reportsBadStatusSites();
    void readsAlerts();
    void readsAlertsCaFileRelativeToTheWorkspace();
    void reportsBadAlerts_data();
    void reportsBadAlerts();
};

void tst_WorkspaceLoader::loadsExample()
{
    const QString path = examplePath();
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    const Vigie::Workspace &ws = *loaded;

    QCOMPARE(ws.name, u"ACME production"_s);
    QCOMPARE(ws.filePath, QFileInfo(path).absoluteFilePath());
    QVERIFY(QFileInfo(ws.filePath).isAbsolute());
    QCOMPARE(ws.services.size(), 6);
    QCOMPARE(ws.probeCount(), 7);

    const Vigie::Service &portal = ws.services[0];
    QCOMPARE(portal.id, u"portal"_s);
    QCOMPARE(portal.name, u"Customer portal"_s);
    QCOMPARE(portal.group, u"Web"_s);
    QCOMPARE(portal.dependsOn, QStringList{u"cas"_s});
    QCOMPARE(portal.location, (SourceLocation{path, 5, 5}));
    QCOMPARE(portal.probes.size(), 2);
    const Vigie::ProbeSpec &http = portal.probes[0];
    QCOMPARE(http.kind(), ProbeKind::Http);
    QCOMPARE(http.kindName(), u"http"_s);
    QCOMPARE(http.target, u"https://portal.example.org/"_s);
    QCOMPARE(http.interval, 30s);
    QCOMPARE(http.timeout, 10s);
    QCOMPARE(http.options<HttpOptions>().expectStatus, (QList<StatusRange>{{200, 200}, {302, 302}}));
    QCOMPARE(http.options<HttpOptions>().expectBodyContains, u"Connexion"_s);
    QVERIFY(http.options<HttpOptions>().maxLatency.has_value());
    QCOMPARE(*http.options<HttpOptions>().maxLatency, 800ms);
    QCOMPARE(http.options<HttpOptions>().maxRedirects, 10);
    QCOMPARE(http.options<HttpOptions>().maxBodyBytes, 1024 * 1024);
    QCOMPARE(http.options<HttpOptions>().method, "GET");
    QCOMPARE(http.downAfter, 3);
    QCOMPARE(http.upAfter, 2);
    QVERIFY(http.conditions.isEmpty());
    QVERIFY(std::holds_alternative<HttpOptions>(http.kindOptions));
    QCOMPARE(http.location, (SourceLocation{path, 10, 9}));
    const Vigie::ProbeSpec &tls = portal.probes[1];
    QCOMPARE(tls.kind(), ProbeKind::Tls);
    QCOMPARE(tls.target, u"portal.example.org:443"_s);
    QCOMPARE(tls.interval, 1h);
    QCOMPARE(tls.options<TlsOptions>().warnDays, 30);
    QCOMPARE(tls.options<TlsOptions>().criticalDays, 7);

    const Vigie::Service &cas = ws.services[1];
    QCOMPARE(cas.id, u"cas"_s);
    QCOMPARE(cas.name, u"CAS authentication"_s);
    QCOMPARE(cas.group, u"Web"_s);
    QVERIFY(cas.dependsOn.isEmpty());
    QCOMPARE(cas.location, (SourceLocation{path, 20, 5}));
    QCOMPARE(cas.probes.size(), 1);
    const Vigie::ProbeSpec &casProbe = cas.probes[0];
    QCOMPARE(casProbe.kind(), ProbeKind::Http);
    QCOMPARE(casProbe.target, u"https://cas.example.org/cas/login"_s);
    QCOMPARE(casProbe.interval, 60s);
    QCOMPARE(casProbe.timeout, 10s);
    QCOMPARE(casProbe.options<HttpOptions>().expectStatus, (QList<StatusRange>{{200, 399}}));
    QVERIFY(casProbe.options<HttpOptions>().expectBodyContains.isEmpty());
    QVERIFY(!casProbe.options<HttpOptions>().maxLatency.has_value());
    QCOMPARE(casProbe.conditions.size(), 2);
    QCOMPARE(casProbe.conditions[0].text(), u"[STATUS] == 200"_s);
    QVERIFY(!casProbe.conditions[0].isWarning());
    QCOMPARE(casProbe.conditions[1].text(), u"[RESPONSE_TIME] < 500"_s);
    QVERIFY(casProbe.conditions[1].isWarning());
    QCOMPARE(casProbe.location, (SourceLocation{path, 24, 9}));

    const Vigie::Service &api = ws.services[2];
    QCOMPARE(api.dependsOn, (QStringList{u"cas"_s, u"github"_s}));
    const Vigie::ProbeSpec &apiProbe = api.probes[0];
    QCOMPARE(apiProbe.options<HttpOptions>().headers,
             (QList<std::pair<QByteArray, QByteArray>>{{"Accept", "application/json"}}));
    QCOMPARE(apiProbe.options<HttpOptions>().auth,
             (Vigie::HttpAuth{HttpAuthType::Bearer, QString(), u"acme-orders-api-token"_s}));
    QCOMPARE(apiProbe.conditions.size(), 3);
    QCOMPARE(apiProbe.downAfter, 2);
    QCOMPARE(ws.secretNames(), (QStringList{u"acme-orders-api-token"_s, u"acme-smtp-password"_s}));

    const Vigie::Service &smtp = ws.services[3];
    QCOMPARE(smtp.id, u"smtp"_s);
    QCOMPARE(smtp.name, u"Outgoing mail"_s);
    QCOMPARE(smtp.group, u"Mail"_s);
    QCOMPARE(smtp.probes.size(), 1);
    const Vigie::ProbeSpec &tcp = smtp.probes[0];
    QCOMPARE(tcp.kind(), ProbeKind::Tcp);
    QCOMPARE(tcp.kindName(), u"tcp"_s);
    QCOMPARE(tcp.target, u"mail.example.org:25"_s);
    QCOMPARE(tcp.options<TcpOptions>().expectBanner, u"^220 "_s);
    QCOMPARE(tcp.interval, 60s);
    QCOMPARE(tcp.timeout, 10s);
    QCOMPARE(tcp.options<TcpOptions>().steps.size(), 3);
    QCOMPARE(tcp.options<TcpOptions>().steps[0].send, "EHLO vigie.example.org\r\n");
    QCOMPARE(tcp.options<TcpOptions>().steps[1].expectPattern, u"^250 "_s);
    QCOMPARE(tcp.location, (SourceLocation{path, 48, 9}));

    const Vigie::ProbeSpec &dns = ws.services[4].probes[0];
    QCOMPARE(dns.kind(), ProbeKind::Dns);
    QCOMPARE(dns.target, u"www.example.org"_s);
    QCOMPARE(dns.options<DnsOptions>().expectValues, QStringList{u"203.0.113.10"_s});

    const Vigie::Service &github = ws.services[5];
    QCOMPARE(github.group, u"Providers"_s);
    QCOMPARE(github.probes[0].kind(), ProbeKind::Statuspage);
    QCOMPARE(github.probes[0].kindName(), u"statuspage"_s);
    QCOMPARE(github.probes[0].target, u"https://www.githubstatus.com"_s);
    QCOMPARE(github.probes[0].options<StatuspageOptions>().components,
             (QStringList{u"Git Operations"_s, u"Actions"_s}));

    QCOMPARE(ws.maintenance.size(), 1);
    const Vigie::MaintenanceWindow &window = ws.maintenance[0];
    QCOMPARE(window.name, u"Weekly database upgrade"_s);
    QCOMPARE(window.services, (QStringList{u"portal"_s, u"api"_s}));
    QCOMPARE(window.timeZone, "Europe/Paris");
    QVERIFY(!window.date.has_value());
    QCOMPARE(window.weekdays, QList<int>{7});
    QCOMPARE(window.at, QTime(2, 30));
    QCOMPARE(window.duration, 2h);
    QCOMPARE(window.location, (SourceLocation{path, 68, 5}));

    QCOMPARE(ws.service(u"smtp"_s), &ws.services[3]);

    QCOMPARE(ws.alerts.groupWait, 30s);
    QCOMPARE(ws.alerts.flapInterval, 10min);
    QCOMPARE(ws.alerts.channels.size(), 2);
    QCOMPARE(ws.alerts.channels[0].url, u"https://chat.example.org/hooks/acme-ops"_s);
    QCOMPARE(ws.alerts.channels[1].port, 587);
    QCOMPARE(ws.alerts.channels[1].timeout, 20s);
    QCOMPARE(ws.alerts.routes.size(), 2);
    QCOMPARE(ws.alerts.routes[1].groups, QStringList{u"Web"_s});
}

void tst_WorkspaceLoader::loadsGoodFiles_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(dataPath(u"workspaces/good"_s));
    const QStringList files = dir.entryList({u"*.yaml"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 4);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_WorkspaceLoader::loadsGoodFiles()
{
    QFETCH(QString, path);
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QVERIFY(!loaded->name.isEmpty());
    QVERIFY(loaded->probeCount() > 0);
    for (const Vigie::Service &service : loaded->services) {
        QVERIFY(!service.id.isEmpty());
        QVERIFY(service.location.isValid());
        for (const Vigie::ProbeSpec &probe : service.probes) {
            QVERIFY(!probe.target.isEmpty());
            QVERIFY(probe.location.isValid());
            QVERIFY(probe.timeout <= probe.interval);
        }
    }
}

void tst_WorkspaceLoader::readsEveryKey()
{
    const auto loaded = WorkspaceLoader::loadFile(dataPath(u"workspaces/good/every-key.yaml"_s));
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->name, u"Every key: all of them"_s);
    QCOMPARE(loaded->services.size(), 2);

    const Vigie::Service &web = loaded->services[0];
    QCOMPARE(web.id, u"web-1"_s);
    QCOMPARE(web.name, u"Public web site"_s);
    QCOMPARE(web.group, u"Front"_s);
    QCOMPARE(web.probes.size(), 2);
    const Vigie::ProbeSpec &full = web.probes[0];
    QCOMPARE(full.target, u"http://www.example.org:8080/health?full=1"_s);
    QCOMPARE(full.interval, 90s);
    QCOMPARE(full.timeout, 1500ms);
    QCOMPARE(full.options<HttpOptions>().expectStatus, (QList<StatusRange>{{200, 299}, {301, 308}, {418, 418}}));
    QCOMPARE(full.options<HttpOptions>().expectBodyContains, u"status: ok"_s);
    QCOMPARE(full.options<HttpOptions>().maxLatency, std::optional(250ms));
    QCOMPARE(full.options<HttpOptions>().maxRedirects, 0);
    QCOMPARE(full.options<HttpOptions>().maxBodyBytes, 512 * 1024);
    const Vigie::ProbeSpec &single = web.probes[1];
    QCOMPARE(single.options<HttpOptions>().expectStatus, (QList<StatusRange>{{204, 204}}));
    QCOMPARE(single.options<HttpOptions>().maxBodyBytes, 2'000'000);

    const Vigie::Service &db = loaded->services[1];
    QCOMPARE(db.id, u"db_2"_s);
    QCOMPARE(db.name, u"db_2"_s);      // the id when no name is given
    QCOMPARE(db.group, u"Services"_s); // the default group
    QCOMPARE(db.probes.size(), 2);
    QCOMPARE(db.probes[0].kind(), ProbeKind::Tcp);
    QCOMPARE(db.probes[0].target, u"[2001:db8::1]:5432"_s);
    QCOMPARE(db.probes[0].interval, 5s);
    QCOMPARE(db.probes[0].timeout, 5s); // the default 10s, shortened to the interval
    QCOMPARE(db.probes[0].options<TcpOptions>().expectBanner, uR"(^\d{3} (ready|ok)$)"_s);
    QCOMPARE(db.probes[1].target, u"192.0.2.10:22"_s);
    QCOMPARE(db.probes[1].timeout, 3s);
    QCOMPARE(db.probes[1].interval, 60s);
}

void tst_WorkspaceLoader::readsEveryKind()
{
    const QString path = dataPath(u"workspaces/good/every-kind.yaml"_s);
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    const QString caFile = dataPath(u"workspaces/certs/test-ca.pem"_s);
    QCOMPARE(loaded->services.size(), 5);

    const Vigie::Service &api = loaded->services[0];
    QCOMPARE(api.dependsOn, (QStringList{u"auth"_s, u"github"_s}));
    QCOMPARE(api.probes.size(), 2);
    const Vigie::ProbeSpec &post = api.probes[0];
    QCOMPARE(post.kind(), ProbeKind::Http);
    QCOMPARE(post.options<HttpOptions>().method, "POST");
    QCOMPARE(post.options<HttpOptions>().headers,
             (QList<std::pair<QByteArray, QByteArray>>{{"Content-Type", "application/json"},
                                                       {"X-Request-Id", "vigie-probe"}}));
    QCOMPARE(post.options<HttpOptions>().body, R"({"dry_run": true})");
    QCOMPARE(post.options<HttpOptions>().auth,
             (Vigie::HttpAuth{HttpAuthType::Basic, u"probe"_s, u"api.probe-password_1"_s}));
    QCOMPARE(post.options<HttpOptions>().httpVersion, HttpVersion::Http1_1);
    QCOMPARE(post.tlsTrust()->caFile, caFile);
    QVERIFY(QFileInfo(post.tlsTrust()->caFile).isAbsolute());
    QCOMPARE(post.tlsTrust()->insecureReason, u"self-signed certificate of the staging box"_s);
    QCOMPARE(post.conditions.size(), 3);
    QCOMPARE(post.conditions[0].text(), u"[STATUS] == any(200, 201)"_s);
    QVERIFY(!post.conditions[0].isWarning());
    QCOMPARE(post.conditions[1].text(), u"[RESPONSE_TIME] < 300"_s);
    QVERIFY(post.conditions[1].isWarning());
    QCOMPARE(post.conditions[2].text(), u"len([BODY].items) > 0"_s);
    QVERIFY(!post.conditions[2].isWarning());
    QCOMPARE(post.downAfter, 5);
    QCOMPARE(post.upAfter, 1);
    const Vigie::ProbeSpec &head = api.probes[1];
    QCOMPARE(head.options<HttpOptions>().method, "HEAD");
    QCOMPARE(head.options<HttpOptions>().httpVersion, HttpVersion::Http2);
    QCOMPARE(head.options<HttpOptions>().auth, (Vigie::HttpAuth{HttpAuthType::Bearer, QString(), u"api-token"_s}));
    QVERIFY(head.options<HttpOptions>().headers.isEmpty());
    QVERIFY(head.options<HttpOptions>().body.isEmpty());
    QVERIFY(head.tlsTrust()->caFile.isEmpty());
    QVERIFY(head.tlsTrust()->insecureReason.isEmpty());
    QCOMPARE(head.downAfter, 3);
    QCOMPARE(head.upAfter, 2);

    const Vigie::Service &auth = loaded->services[1];
    QCOMPARE(auth.dependsOn, QStringList{u"github"_s});
    QCOMPARE(auth.probes[0].options<HttpOptions>().httpVersion, HttpVersion::Http3);
    const Vigie::ProbeSpec &tls = auth.probes[1];
    QCOMPARE(tls.kind(), ProbeKind::Tls);
    QCOMPARE(tls.kindName(), u"tls"_s);
    QCOMPARE(tls.target, u"auth.example.org:443"_s);
    QCOMPARE(tls.options<TlsOptions>().serverName, u"login.example.org"_s);
    QCOMPARE(tls.options<TlsOptions>().warnDays, 30);
    QCOMPARE(tls.options<TlsOptions>().criticalDays, 0);
    QCOMPARE(tls.tlsTrust()->caFile, caFile);
    QCOMPARE(tls.conditions.size(), 1);
    QCOMPARE(tls.location, (SourceLocation{path, 37, 9}));

    const Vigie::Service &mail = loaded->services[2];
    const Vigie::ProbeSpec &tcp = mail.probes[0];
    QCOMPARE(tcp.options<TcpOptions>().expectBanner, u"^220 "_s);
    using Step = Vigie::TcpStep;
    QCOMPARE(tcp.options<TcpOptions>().steps,
             (QList<Step>{{Step::Kind::Send, "EHLO vigie.example.org\r\n", QString(), SourceLocation{path, 50, 13}},
                          {Step::Kind::Expect, QByteArray(), u"^250 "_s, SourceLocation{path, 51, 13}},
                          {Step::Kind::Send, "QUIT\r\n", QString(), SourceLocation{path, 52, 14}},
                          {Step::Kind::Expect, QByteArray(), u"^221"_s, SourceLocation{path, 53, 13}}}));
    QCOMPARE(tcp.conditions.size(), 1);
    const Vigie::ProbeSpec &relay = mail.probes[1];
    QCOMPARE(relay.kind(), ProbeKind::Tls);
    QCOMPARE(relay.target, u"[2001:db8::25]:465"_s);
    QCOMPARE(relay.tlsTrust()->insecureReason, u"lab relay, certificate issued to a retired name"_s);
    QCOMPARE(relay.options<TlsOptions>().warnDays, 21);
    QCOMPARE(relay.options<TlsOptions>().criticalDays, 7);
    QVERIFY(relay.options<TlsOptions>().serverName.isEmpty());

    const Vigie::Service &resolver = loaded->services[3];
    QCOMPARE(resolver.probes.size(), 4);
    const Vigie::ProbeSpec &aaaa = resolver.probes[0];
    QCOMPARE(aaaa.kind(), ProbeKind::Dns);
    QCOMPARE(aaaa.kindName(), u"dns"_s);
    QCOMPARE(aaaa.target, u"www.example.org."_s);
    QCOMPARE(aaaa.options<DnsOptions>().recordType, DnsRecordType::AAAA);
    QCOMPARE(aaaa.options<DnsOptions>().dnsServer, u"[2001:db8::53]:5353"_s);
    QCOMPARE(aaaa.options<DnsOptions>().expectValues, (QStringList{u"2001:db8::80"_s, u"2001:db8::81"_s}));
    QCOMPARE(aaaa.options<DnsOptions>().expectMatches, u"^2001:db8::"_s);
    QCOMPARE(aaaa.conditions.size(), 1);
    QCOMPARE(resolver.probes[1].target, u"_sip._tcp.example.org"_s);
    QCOMPARE(resolver.probes[1].options<DnsOptions>().recordType, DnsRecordType::SRV);
    QCOMPARE(resolver.probes[1].options<DnsOptions>().dnsServer, u"192.0.2.53"_s);
    QCOMPARE(resolver.probes[2].options<DnsOptions>().recordType, DnsRecordType::MX);
    QCOMPARE(resolver.probes[2].options<DnsOptions>().dnsServer, u"192.0.2.53:53"_s);
    QCOMPARE(resolver.probes[3].options<DnsOptions>().recordType, DnsRecordType::A);
    QCOMPARE(resolver.probes[3].options<DnsOptions>().dnsServer, u"2001:db8::53"_s);
    QVERIFY(resolver.probes[3].options<DnsOptions>().expectValues.isEmpty());
    QVERIFY(resolver.probes[3].options<DnsOptions>().expectMatches.isEmpty());

    const Vigie::ProbeSpec &status = loaded->services[4].probes[0];
    QCOMPARE(status.kind(), ProbeKind::Statuspage);
    QCOMPARE(status.target, u"https://www.githubstatus.com"_s);
    QCOMPARE(status.options<StatuspageOptions>().components,
             (QStringList{u"Git Operations"_s, u"API Requests"_s, u"Actions"_s}));
    QCOMPARE(status.tlsTrust()->caFile, caFile);
    QCOMPARE(status.tlsTrust()->insecureReason, u"corporate proxy re-signs it"_s);
    QCOMPARE(loaded->secretNames(), (QStringList{u"api.probe-password_1"_s, u"api-token"_s}));

    QCOMPARE(loaded->maintenance.size(), 4);
    const Vigie::MaintenanceWindow &weekly = loaded->maintenance[0];
    QCOMPARE(weekly.name, u"Weekly database upgrade"_s);
    QCOMPARE(weekly.services, (QStringList{u"api"_s, u"auth"_s}));
    QVERIFY(weekly.groups.isEmpty());
    QCOMPARE(weekly.timeZone, "Europe/Paris");
    QVERIFY(!weekly.date.has_value());
    QCOMPARE(weekly.weekdays, (QList<int>{3, 7})); // sorted, whatever the order written
    QCOMPARE(weekly.at, QTime(2, 30));
    QCOMPARE(weekly.duration, 2h);
    QCOMPARE(weekly.location, (SourceLocation{path, 85, 5}));

    const Vigie::MaintenanceWindow &once = loaded->maintenance[1];
    QCOMPARE(once.groups, QStringList{u"Mail"_s});
    QVERIFY(once.services.isEmpty());
    QCOMPARE(once.timeZone, "UTC");
    QCOMPARE(once.date, std::optional(QDate(2026, 12, 24)));
    QVERIFY(once.weekdays.isEmpty());
    QCOMPARE(once.at, QTime(23, 0));
    QCOMPARE(once.duration, 7 * 24h);
    QVERIFY(once.covers(u"mail"_s, u"Mail"_s));
    QVERIFY(!once.covers(u"api"_s, u"Web"_s));

    const Vigie::MaintenanceWindow &daily = loaded->maintenance[2];
    QVERIFY(!daily.date.has_value());
    QVERIFY(daily.weekdays.isEmpty());
    QCOMPARE(daily.at, QTime(3, 5));
    QCOMPARE(daily.duration, 30min);
    QVERIFY(daily.covers(u"anything"_s, u"Anywhere"_s));

    const Vigie::MaintenanceWindow &friday = loaded->maintenance[3];
    QCOMPARE(friday.services, QStringList{u"resolver"_s});
    QCOMPARE(friday.groups, (QStringList{u"Network"_s, u"Providers"_s}));
    QCOMPARE(friday.timeZone, "America/New_York");
    QCOMPARE(friday.weekdays, QList<int>{5});
    QCOMPARE(friday.at, QTime(17, 0));
    QCOMPARE(friday.duration, 90min);
}

// Every key of the table of kinds is refused, by name, on a probe of a kind that does not list it.
void tst_WorkspaceLoader::readsHistory()
{
    const auto full = WorkspaceLoader::parse(historyHead + "history:\n"
                                                           "  results: 30d\n"
                                                           "  events: 2y\n"
                                                           "  max_results_per_probe: 100000\n",
                                             u"inline.yaml"_s);
    QVERIFY2(full.has_value(), qPrintable(full ? QString() : describe(full.error()).join(u'\n')));
    QCOMPARE(full->history.results, std::optional<std::chrono::milliseconds>(std::chrono::days(30)));
    QCOMPARE(full->history.events, std::optional<std::chrono::milliseconds>(std::chrono::days(730)));
    QCOMPARE(full->history.maxResultsPerProbe, std::optional(100000));

    // The shortest and longest accepted, and years with days.
    const auto bounds =
        WorkspaceLoader::parse(historyHead + "history: {results: 1h, events: 100y}\n", u"inline.yaml"_s);
    QVERIFY2(bounds.has_value(), qPrintable(bounds ? QString() : describe(bounds.error()).join(u'\n')));
    QCOMPARE(bounds->history.results, std::optional<std::chrono::milliseconds>(1h));
    QCOMPARE(bounds->history.events, std::optional<std::chrono::milliseconds>(std::chrono::days(36500)));
    QCOMPARE(bounds->history.maxResultsPerProbe, std::nullopt);
    const auto mixed = WorkspaceLoader::parse(historyHead + "history: {events: 1y180d}\n", u"inline.yaml"_s);
    QVERIFY(mixed.has_value());
    QCOMPARE(mixed->history.events, std::optional<std::chrono::milliseconds>(std::chrono::days(545)));
    QCOMPARE(mixed->history.results, std::nullopt);

    // The levels of the numeric series.
    const auto series = WorkspaceLoader::parse(historyHead + "history:\n"
                                                             "  series:\n"
                                                             "    raw: 14d\n"
                                                             "    minute: 30d\n"
                                                             "    hour: 2y\n"
                                                             "    day: 10y\n",
                                               u"inline.yaml"_s);
    QVERIFY2(series.has_value(), qPrintable(series ? QString() : describe(series.error()).join(u'\n')));
    QCOMPARE(series->history.seriesRaw, std::optional<std::chrono::milliseconds>(std::chrono::days(14)));
    QCOMPARE(series->history.seriesMinute, std::optional<std::chrono::milliseconds>(std::chrono::days(30)));
    QCOMPARE(series->history.seriesHour, std::optional<std::chrono::milliseconds>(std::chrono::days(730)));
    QCOMPARE(series->history.seriesDay, std::optional<std::chrono::milliseconds>(std::chrono::days(3650)));
    QCOMPARE(series->history.results, std::nullopt);
    const auto someSeries = WorkspaceLoader::parse(historyHead + "history: {series: {hour: 1h}}\n", u"inline.yaml"_s);
    QVERIFY(someSeries.has_value());
    QCOMPARE(someSeries->history.seriesHour, std::optional<std::chrono::milliseconds>(1h));
    QCOMPARE(someSeries->history.seriesRaw, std::nullopt);

    // Absent, empty, or with nothing under it: every value is the store's default.
    for (const QByteArray &tail :
         {QByteArray(), QByteArray("history: {}\n"), QByteArray("history:\n#  results: 30d\n")}) {
        const auto plain = WorkspaceLoader::parse(historyHead + tail, u"inline.yaml"_s);
        QVERIFY(plain.has_value());
        QCOMPARE(plain->history, Vigie::HistorySettings{});
    }
    const auto example = WorkspaceLoader::loadFile(examplePath());
    QVERIFY(example.has_value());
    QCOMPARE(example->history.results, std::optional<std::chrono::milliseconds>(std::chrono::days(90)));
    QCOMPARE(example->history.events, std::optional<std::chrono::milliseconds>(std::chrono::days(730)));
}

void tst_WorkspaceLoader::reportsBadHistory_data()
{
    QTest::addColumn<QByteArray>("history");
    QTest::addColumn<QString>("expected");
    // The history starts on line 6.
    QTest::newRow("not a mapping") << QByteArray("history: 30d\n")
                                   << u"6:10: 'history' should be a mapping (key: value lines), found the value "
                                      "'30d'"_s;
    QTest::newRow("misspelt key") << QByteArray("histroy: {results: 30d}\n")
                                  << u"6:1: unknown key 'histroy'; did you mean 'history'?"_s;
    QTest::newRow("misspelt sub-key") << QByteArray("history:\n  result: 30d\n")
                                      << u"7:3: unknown key 'result'; did you mean 'results'?"_s;
    QTest::newRow("unknown sub-key")
        << QByteArray("history:\n  probes: 30d\n")
        << u"7:3: unknown key 'probes'; 'history' accepts: results, events, max_results_per_probe, series"_s;
    QTest::newRow("series not a mapping")
        << QByteArray("history:\n  series: 30d\n")
        << u"7:11: 'series' should be a mapping (key: value lines), found the value '30d'"_s;
    QTest::newRow("unknown series level") << QByteArray("history:\n  series:\n    week: 30d\n")
                                          << u"8:5: unknown key 'week'; 'series' accepts: raw, minute, hour, day"_s;
    QTest::newRow("misspelt series level")
        << QByteArray("history:\n  series:\n    hours: 30d\n") << u"8:5: unknown key 'hours'; did you mean 'hour'?"_s;
    QTest::newRow("series level shorter than an hour")
        << QByteArray("history:\n  series:\n    raw: 10m\n")
        << u"8:10: a level of the series should keep at least 1h, found 10m: a chart shows at least the last hour"_s;
    QTest::newRow("series level not a length")
        << QByteArray("history:\n  series: {day: forever}\n")
        << u"7:17: 'forever' is not a length of time; expected a number and a unit: y (365 days), d, h, m or s "
           "(for example 90d or 2y)"_s;
    QTest::newRow("zero") << QByteArray("history:\n  results: 0d\n")
                          << u"7:12: results should be longer than zero, found 0d"_s;
    QTest::newRow("zero years") << QByteArray("history:\n  events: 0y\n")
                                << u"7:11: events should be longer than zero, found 0y"_s;
    QTest::newRow("negative") << QByteArray("history:\n  events: -1d\n")
                              << u"7:11: '-1d' is not a length of time; expected a number and a unit: y (365 days), "
                                 "d, h, m or s (for example 90d or 2y)"_s;
    QTest::newRow("no unit") << QByteArray("history:\n  results: 30\n")
                             << u"7:12: '30' is not a length of time; expected a number and a unit: y (365 days), "
                                "d, h, m or s (for example 90d or 2y)"_s;
    QTest::newRow("years after days")
        << QByteArray("history:\n  results: 1d1y\n")
        << u"7:12: '1d1y' is not a length of time; expected a number and a unit: y (365 days), d, h, m or s (for "
           "example 90d or 2y)"_s;
    QTest::newRow("results shorter than an hour")
        << QByteArray("history:\n  results: 30m\n")
        << u"7:12: results should be at least 1h, found 30m: a service's chart shows its last hour of results, "
           "which a shorter history would leave empty"_s;
    QTest::newRow("events shorter than a day")
        << QByteArray("history:\n  events: 23h\n")
        << u"7:11: events should be at least 1d, found 23h: the event log shows the last 24 hours of changes, which "
           "a shorter history would leave empty"_s;
    QTest::newRow("more than a century") << QByteArray("history:\n  results: 101y\n")
                                         << u"7:12: results can be at most 100y, found 101y"_s;
    QTest::newRow("a century in days and more")
        << QByteArray("history:\n  events: 36501d\n") << u"7:11: events can be at most 100y, found 36501d"_s;
    QTest::newRow("years beyond counting")
        << QByteArray("history:\n  events: 999999999y\n")
        << u"7:11: '999999999y' is not a length of time; expected a number and a unit: y (365 days), d, h, m or s "
           "(for example 90d or 2y)"_s;
    QTest::newRow("a sequence") << QByteArray("history:\n  results: [30d]\n")
                                << u"7:12: 'results' should be a single value, found a sequence"_s;
    QTest::newRow("too few results a probe")
        << QByteArray("history:\n  max_results_per_probe: 10\n")
        << u"7:26: max_results_per_probe should be a whole number from 1000 to 100000000, found '10'"_s;
    QTest::newRow("twice") << QByteArray("history:\n  events: 1y\n  events: 2y\n")
                           << u"8:3: duplicate key 'events' (first defined at inline.yaml:7:3)"_s;
}

void tst_WorkspaceLoader::reportsBadHistory()
{
    QFETCH(QByteArray, history);
    QFETCH(QString, expected);
    const auto loaded = WorkspaceLoader::parse(historyHead + history, u"inline.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(describe(loaded.error()).join(u'\n'), expected);
}

void tst_WorkspaceLoader::keysFollowTheTableOfKinds()
{
    const QHash<ProbeKind, QByteArray> targets{
        {ProbeKind::Http, "http://portal.example.org"},
        {ProbeKind::Tcp, "mail.example.org:25"},
        {ProbeKind::Tls, "portal.example.org:443"},
        {ProbeKind::Dns, "portal.example.org"},
        {ProbeKind::Statuspage, "https://status.example.org"},
        {ProbeKind::Prometheus, "http://prometheus.example.org:9090"},
    };
    // The keys a kind cannot go without, written after the key under test.
    const QHash<ProbeKind, QByteArray> required{{ProbeKind::Prometheus, "        query: up\n"}};
    QCOMPARE(targets.size(), Vigie::probeKindCount);
    int refused = 0;
    for (const Vigie::ProbeKindInfo &kind : Vigie::probeKinds()) {
        QCOMPARE(Vigie::probeKindFromName(kind.name.toString()), std::optional(kind.kind));
        QCOMPARE(kind.reportsMaintenance, kind.kind == ProbeKind::Statuspage);
        for (const Vigie::ProbeKindInfo &other : Vigie::probeKinds()) {
            for (QLatin1StringView key : other.keys) {
                if (kind.keys.contains(key))
                    continue;
                const QByteArray yaml = "name: Kinds\nservices:\n  - id: web\n    probes:\n      - " +
                                        kind.name.toString().toUtf8() + ": " + targets.value(kind.kind) + "\n        " +
                                        key.toString().toUtf8() + ": x\n" + required.value(kind.kind);
                const auto loaded = WorkspaceLoader::parse(yaml, u"inline.yaml"_s);
                QVERIFY2(!loaded.has_value(), yaml.constData());
                const QStringList errors = describe(loaded.error());
                QVERIFY2(errors.size() == 1, qPrintable(errors.join(u'\n')));
                QVERIFY2(errors.first().startsWith(u"6:9: '%1' applies to "_s.arg(key)) &&
                             errors.first().contains(other.name) && errors.first().endsWith(u" probe"_s),
                         qPrintable(errors.first()));
                ++refused;
            }
        }
    }
    QVERIFY(refused > 40);
}

void tst_WorkspaceLoader::readsCaFileRelativeToTheWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"certs"_s));
    QVERIFY(QDir(dir.path()).mkpath(u"teams/web"_s));
    QVERIFY(QFile::copy(dataPath(u"workspaces/certs/test-ca.pem"_s), dir.filePath(u"certs/ca.pem"_s)));

    const QString workspace = dir.filePath(u"teams/web/ws.yaml"_s);
    const auto write = [&](const QByteArray &caFile) {
        QFile file(workspace);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("name: CA\nservices:\n  - id: a\n    probes:\n      - tls: a.example.org:443\n        ca_file: " +
                   caFile + "\n");
    };

    write("../../certs/ca.pem");
    const auto loaded = WorkspaceLoader::loadFile(workspace);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->services[0].probes[0].tlsTrust()->caFile,
             QFileInfo(dir.filePath(u"certs/ca.pem"_s)).absoluteFilePath());

    // The folder of the workspace, not the current one, even when the workspace is named relatively.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.filePath(u"teams"_s)));
    const auto relative = WorkspaceLoader::loadFile(u"web/ws.yaml"_s);
    QVERIFY(QDir::setCurrent(previous));
    QVERIFY2(relative.has_value(), qPrintable(relative ? QString() : describe(relative.error()).join(u'\n')));
    QCOMPARE(relative->services[0].probes[0].tlsTrust()->caFile,
             QFileInfo(dir.filePath(u"certs/ca.pem"_s)).absoluteFilePath());

    write("certs/ca.pem");
    const auto missing = WorkspaceLoader::loadFile(workspace);
    QVERIFY(!missing.has_value());
    QCOMPARE(missing.error().size(), 1);
    QCOMPARE(missing.error().first().toString(),
             workspace + u":6:18: the CA file "_s +
                 QFileInfo(dir.filePath(u"teams/web/certs/ca.pem"_s)).absoluteFilePath() +
                 u" does not exist (ca_file is read relative to the workspace file's folder)"_s);
}

void tst_WorkspaceLoader::reportsConditionErrorsAtTheirColumn_data()
{
    QTest::addColumn<QByteArray>("item");     // the sequence item, written at column 13 of line 7
    QTest::addColumn<QString>("condition");   // the condition's text, as YAML reads it
    QTest::addColumn<int>("conditionColumn"); // where Condition::parse reports the error
    QTest::addColumn<int>("column");          // where the loader must report it

    QTest::newRow("plain") << QByteArray("len([STAUS]) > 0") << u"len([STAUS]) > 0"_s << 5 << 17;
    QTest::newRow("plain, at the start") << QByteArray("pat(api-*) == [BODY].name") << u"pat(api-*) == [BODY].name"_s
                                         << 1 << 13;
    QTest::newRow("double-quoted") << QByteArray("\"has([STATS].x)\"") << u"has([STATS].x)"_s << 5 << 18;
    QTest::newRow("single-quoted, leading spaces")
        << QByteArray("'  [STAUS] == 200'") << u"  [STAUS] == 200"_s << 3 << 16;
    QTest::newRow("warning") << QByteArray(R"(warn: "len([STAUS]) > 0")") << u"len([STAUS]) > 0"_s << 5 << 24;
    QTest::newRow("warning, flow mapping") << QByteArray("{warn: '[STAUS] == 1'}") << u"[STAUS] == 1"_s << 1 << 21;
}

void tst_WorkspaceLoader::reportsConditionErrorsAtTheirColumn()
{
    QFETCH(QByteArray, item);
    QFETCH(QString, condition);
    QFETCH(int, conditionColumn);
    QFETCH(int, column);

    const auto parsed = Vigie::Condition::parse(condition);
    QVERIFY(!parsed.has_value());
    QCOMPARE(parsed.error().column, conditionColumn);

    const QByteArray yaml = "name: Conditions\n"
                            "services:\n"
                            "  - id: a\n"
                            "    probes:\n"
                            "      - http: https://a.example.org/\n"
                            "        conditions:\n"
                            "          - " +
                            item + "\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"conditions.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(describe(loaded.error()),
             QStringList{u"7:%1: invalid condition '%2': %3"_s.arg(column).arg(condition, parsed.error().message)});
}

// Ten thousand services in a chain: the cycle check neither recurses that deep nor prints the
// whole chain.
void tst_WorkspaceLoader::reportsLongDependencyCycle()
{
    constexpr int count = 10'000;
    QByteArray yaml = "name: Chain\nservices:\n";
    for (int i = 0; i < count; ++i) {
        yaml += "  - id: s" + QByteArray::number(i) + "\n    depends_on: s" + QByteArray::number((i + 1) % count) +
                "\n    probes: [{tcp: 'a.example.org:22'}]\n";
    }
    const auto cycle = WorkspaceLoader::parse(yaml, u"chain.yaml"_s);
    QVERIFY(!cycle.has_value());
    QCOMPARE(describe(cycle.error()),
             QStringList{u"%1:17: depends_on makes a cycle: s0 → s1 → s2 → … → s9998 → s9999 → s0; a service cannot "
                         "depend on itself, even through others"_s.arg(2 + 3 * (count - 1) + 2)});

    // The last one depending on nothing breaks the cycle.
    yaml.replace("depends_on: s0\n", "depends_on: []\n");
    const auto chain = WorkspaceLoader::parse(yaml, u"chain.yaml"_s);
    QVERIFY2(chain.has_value(), qPrintable(chain ? QString() : describe(chain.error()).first()));
    QCOMPARE(chain->services.size(), count);
    QCOMPARE(chain->services[0].dependsOn, QStringList{u"s1"_s});
    QVERIFY(chain->services[count - 1].dependsOn.isEmpty());
}

// Each file in tests/data/workspaces/bad ends with "# expect: LINE:COLUMN: MESSAGE" lines, the
// exact errors it must produce in order; FILE in a message stands for the file's path.
void tst_WorkspaceLoader::reportsBadFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("expected");
    const QDir dir(dataPath(u"workspaces/bad"_s));
    const QStringList files = dir.entryList({u"*.yaml"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 20);
    for (const QString &file : files) {
        const QString path = dir.filePath(file);
        QStringList expected;
        for (const QString &line : QString::fromUtf8(readAll(path)).split(u'\n')) {
            if (line.startsWith(u"# expect: "))
                expected.append(line.sliced(10).replace(u"FILE"_s, path));
        }
        QVERIFY2(!expected.isEmpty(), qPrintable(file));
        QTest::newRow(qPrintable(file)) << path << expected;
    }
}

void tst_WorkspaceLoader::reportsBadFiles()
{
    QFETCH(QString, path);
    QFETCH(QStringList, expected);
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY(!loaded.has_value());
    for (const WorkspaceError &error : loaded.error())
        QCOMPARE(error.location.file, path);
    QCOMPARE(describe(loaded.error()).join(u'\n'), expected.join(u'\n'));
    QCOMPARE(loaded.error().first().toString(), path + u':' + expected.first());
}

void tst_WorkspaceLoader::reportsBadText_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected");

    const QByteArray head = "name: Text\nservices:\n  - id: a\n    probes:\n      - http: https://a.example.org/\n";
    QTest::newRow("no bytes") << QByteArray()
                              << u"1:1: the workspace file is empty; expected a mapping with 'name' and 'services'"_s;
    QTest::newRow("only spaces")
        << QByteArray("  \n\n   \n")
        << u"1:1: the workspace file is empty; expected a mapping with 'name' and 'services'"_s;
    QTest::newRow("null document")
        << QByteArray("~\n") << u"1:1: the workspace file is empty; expected a mapping with 'name' and 'services'"_s;
    QTest::newRow("invalid UTF-8") << QByteArray("name: caf\xE9\n")
                                   << u"1:10: this is not UTF-8 text (byte 0xe9); save the file as UTF-8"_s;
    QTest::newRow("truncated UTF-8 sequence")
        << QByteArray("name: \xC3") << u"1:7: this is not UTF-8 text (byte 0xc3); save the file as UTF-8"_s;
    QTest::newRow("overlong UTF-8") << QByteArray("name: \xC0\xAF\n")
                                    << u"1:7: this is not UTF-8 text (byte 0xc0); save the file as UTF-8"_s;
    QTest::newRow("UTF-16 surrogate in UTF-8")
        << QByteArray("name: \xED\xA0\x80\n") << u"1:7: this is not UTF-8 text (byte 0xed); save the file as UTF-8"_s;
    QTest::newRow("UTF-16 file") << QByteArray("\xFF\xFEn\0a\0", 6)
                                 << u"1:1: this is not UTF-8 text (byte 0xff); save the file as UTF-8"_s;
    QTest::newRow("NUL byte") << QByteArray("name: a\0b\n", 10)
                              << u"1:8: control character U+0000 is not allowed in a workspace file; is this a "
                                 "binary file?"_s;
    QTest::newRow("escape character after a multi-byte one")
        << QByteArray("name: \xC3\xA9t\xC3\xA9\x1B\n")
        << u"1:10: control character U+001b is not allowed in a workspace file; is this a binary file?"_s;
    QTest::newRow("deep flow nesting") << QByteArray(100'000, '[')
                                       << u"1:65: the document is nested more than 64 levels deep here; a workspace "
                                          "needs only a few levels"_s;
    QTest::newRow("deep flow nesting after text")
        << head + "        expect: " + QByteArray(100'000, '{')
        << u"6:76: the document is nested more than 64 levels deep here; a workspace needs only a few levels"_s;
    QByteArray blockNesting;
    for (int level = 0; level < 200; ++level)
        blockNesting += QByteArray(level, ' ') + "k:\n";
    QTest::newRow("deep block nesting")
        << blockNesting
        << u"65:65: the document is nested more than 64 levels deep here; a workspace needs only a few levels"_s;
    QTest::newRow("deep compact sequences")
        << QByteArray("- ").repeated(1000) + "x\n"
        << u"1:129: the document is nested more than 64 levels deep here; a workspace needs only a few levels"_s;
    // Inputs near those on which yaml-cpp 0.8's LoadAll() allocates until the system kills the process.
    QTest::newRow("stray comma before a quote") << QByteArray(" ,\"a") << u"1:2: invalid YAML: unexpected ',' here"_s;
    QTest::newRow("stray bracket after a document")
        << QByteArray("name: x\n]\n") << u"2:1: invalid YAML: this ']' or '}' closes nothing"_s;
    // yaml-cpp ends a quoted value at the end of the text without a word; the file's last line
    // would then read as a complete value, and the error land elsewhere (at 1:1, "no 'services'").
    QTest::newRow("truncated quoted value")
        << QByteArray("name: \"abc") << u"1:7: invalid YAML: a quoted value is not closed before the end of the file"_s;
    QTest::newRow("truncated single-quoted value over lines")
        << QByteArray("name: x\nservices: 'abc\n  def\n")
        << u"2:11: invalid YAML: a quoted value is not closed before the end of the file"_s;
    QTest::newRow("alias inside the node it names")
        << QByteArray("services: &a [*a]\nname: loop\n")
        << u"1:15: this alias (*name) is inside the node it names, which would make the document endless"_s;
    // Credentials in a URL would be printed by check and stored with every result.
    const QByteArray probeHead = "name: Text\nservices:\n  - id: a\n    probes:\n";
    QTest::newRow("http URL with user and password")
        << probeHead + "      - http: https://user:s3cret@a.example.org/health\n"
        << u"5:15: a URL with a user name or password (user:password@) would keep a secret in the workspace file; "
           "write https://a.example.org/health and use 'auth' instead, with the name of a secret stored in the "
           "system keychain"_s;
    QTest::newRow("http URL with a user name")
        << probeHead + "      - http: http://admin@a.example.org/\n"
        << u"5:15: a URL with a user name or password (user:password@) would keep a secret in the workspace file; "
           "write http://a.example.org/ and use 'auth' instead, with the name of a secret stored in the system "
           "keychain"_s;
    QTest::newRow("statuspage URL with user and password")
        << probeHead + "      - statuspage: \"https://u:p@status.example.org\"\n"
        << u"5:21: a URL with a user name or password (user:password@) would keep a secret in the workspace file; "
           "a status page is read without credentials: write https://status.example.org"_s;
    QTest::newRow("file too large") << QByteArray(16 * 1024 * 1024 + 1, ' ')
                                    << u"1:1: the file is 16.0 MiB; a workspace file can be at most 16 MiB"_s;
}

void tst_WorkspaceLoader::reportsBadText()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    const auto loaded = WorkspaceLoader::parse(yaml, u"inline.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(describe(loaded.error()).join(u'\n'), expected);
    QCOMPARE(loaded.error().first().location.file, u"inline.yaml"_s);
}

void tst_WorkspaceLoader::reportsSeveralErrorsInFileOrder()
{
    const auto loaded = WorkspaceLoader::loadFile(dataPath(u"workspaces/bad/many-errors.yaml"_s));
    QVERIFY(!loaded.has_value());
    const QList<WorkspaceError> &errors = loaded.error();
    QVERIFY(errors.size() >= 5);
    for (qsizetype i = 1; i < errors.size(); ++i) {
        const auto before = std::pair(errors[i - 1].location.line, errors[i - 1].location.column);
        const auto after = std::pair(errors[i].location.line, errors[i].location.column);
        QVERIFY2(before <= after, qPrintable(describe(errors).join(u'\n')));
    }
}

void tst_WorkspaceLoader::countsColumnsInCharacters()
{
    const QByteArray yaml = "name: Éé\n"
                            "services:\n"
                            "  - id: a\n"
                            "    name: «Portail» é\n"
                            "    probes:\n"
                            "      - http: https://a.example.org/\n"
                            "        expect: {body_contains: «x», max_latency: 3 ans}\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"utf8.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(
        describe(loaded.error()),
        QStringList{
            u"7:51: '3 ans' is not a duration; expected a number and a unit: ms, s, m, h, d (for example 30s or 1m30s)"_s});
}

void tst_WorkspaceLoader::acceptsByteOrderMarkAndCrlf()
{
    QByteArray yaml = readAll(examplePath());
    yaml.replace("\n", "\r\n");
    yaml.prepend("\xEF\xBB\xBF");
    const auto loaded = WorkspaceLoader::parse(yaml, u"crlf.yaml"_s);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->filePath, u"crlf.yaml"_s);
    QCOMPARE(loaded->services[3].probes[0].location, (Vigie::SourceLocation{u"crlf.yaml"_s, 48, 9}));
    QCOMPARE(loaded->maintenance[0].location, (Vigie::SourceLocation{u"crlf.yaml"_s, 68, 5}));

    yaml.replace("interval: 30s", "interval: 30x");
    const auto broken = WorkspaceLoader::parse(yaml, u"crlf.yaml"_s);
    QVERIFY(!broken.has_value());
    QCOMPARE(broken.error().size(), 1);
    QCOMPARE(broken.error().first().location, (Vigie::SourceLocation{u"crlf.yaml"_s, 11, 19}));
}

void tst_WorkspaceLoader::shortIntervalShortensDefaultTimeout()
{
    const QByteArray yaml = "name: Short\n"
                            "services:\n"
                            "  - id: a\n"
                            "    probes:\n"
                            "      - tcp: a.example.org:22\n"
                            "        interval: 2s\n"
                            "      - tcp: a.example.org:22\n"
                            "        interval: 20s\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"short.yaml"_s);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->services[0].probes[0].timeout, 2s);
    QCOMPARE(loaded->services[0].probes[1].timeout, 10s);
}

void tst_WorkspaceLoader::boundsAliasExpansion()
{
    // 2,000 services, each naming 2,000 probes: four million probes from 20 KB of text.
    QByteArray yaml = "name: Aliases\n"
                      "probe: &p {tcp: 'a.example.org:22'}\n"
                      "service: &s {id: a, probes: [" +
                      QByteArray("*p, ").repeated(1999) + "*p]}\n" + "services: [" + QByteArray("*s, ").repeated(1999) +
                      "*s]\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"aliases.yaml"_s);
    QVERIFY(!loaded.has_value());
    const QStringList errors = describe(loaded.error());
    QVERIFY2(errors.filter(u"aliases (*name)"_s).size() == 1, qPrintable(errors.join(u'\n')));
    QVERIFY(errors.size() <= 101);
}

void tst_WorkspaceLoader::capsTheNumberOfErrors()
{
    QByteArray yaml = "name: Many\nservices:\n";
    for (int i = 0; i < 300; ++i)
        yaml += "  - id: s" + QByteArray::number(i) + "\n    probes: []\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"many.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(loaded.error().size(), 101);
    QCOMPARE(withoutFile(loaded.error().at(99)),
             u"202:13: 'probes' is empty; add at least one probe (http, tcp, tls, dns, statuspage or prometheus)"_s);
    QCOMPARE(withoutFile(loaded.error().at(100)), u"204:13: and 200 more problem(s) from here on, not shown"_s);
}

void tst_WorkspaceLoader::loadFileReportsMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"missing.yaml"_s);
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY(!loaded.has_value());
    QCOMPARE(loaded.error().size(), 1);
    QCOMPARE(loaded.error().first().toString(),
             path + u":1:1: cannot read the workspace file: No such file or directory"_s);
}

void tst_WorkspaceLoader::loadFileReportsDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto loaded = WorkspaceLoader::loadFile(dir.path());
    QVERIFY(!loaded.has_value());
    QCOMPARE(loaded.error().first().toString(),
             dir.path() + u":1:1: cannot read the workspace file: it is a directory"_s);
}

void tst_WorkspaceLoader::loadFileReportsOversizedFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"huge.yaml"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(20 * 1024 * 1024));
    file.close();
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY(!loaded.has_value());
    QCOMPARE(loaded.error().first().toString(),
             path + u":1:1: the file is 20.0 MiB; a workspace file can be at most 16 MiB"_s);
}

// Opening a FIFO blocks until a writer comes: check, watch and secret check hung on one.
void tst_WorkspaceLoader::loadFileRefusesFifo()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"fifo.yaml"_s);
    QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);

    std::optional<std::expected<Vigie::Workspace, QList<WorkspaceError>>> loaded;
    std::unique_ptr<QThread> thread(QThread::create([&] { loaded = WorkspaceLoader::loadFile(path); }));
    thread->start();
    if (!thread->wait(QDeadlineTimer(5s))) {
        // Release the reader blocked in open(): a writer that comes and goes gives it an end of file.
        const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0)
            ::close(fd);
        thread->wait();
        QFAIL("loading a FIFO blocked until a writer came");
    }
    QVERIFY(loaded && !loaded->has_value());
    QCOMPARE(loaded->error().size(), 1);
    QCOMPARE(loaded->error().first().toString(),
             path + u":1:1: cannot read the workspace file: it is not a regular file (a FIFO, a device or a socket)"_s);
}

void tst_WorkspaceLoader::loadFileRefusesDevice()
{
    const auto loaded = WorkspaceLoader::loadFile(u"/dev/zero"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(
        loaded.error().first().toString(),
        u"/dev/zero:1:1: cannot read the workspace file: it is not a regular file (a FIFO, a device or a socket)"_s);
}

// A large workspace without a single alias was refused as if aliases repeated its values.
void tst_WorkspaceLoader::loadsFiftyThousandServices()
{
    constexpr int count = 50'000;
    QByteArray yaml = "name: Large\nservices:\n";
    yaml.reserve(4 * 1024 * 1024);
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        yaml += "  - id: s" + n + "\n    group: G" + QByteArray::number(i % 50) + "\n    probes:\n      - tcp: h" + n +
                ".example.org:443\n";
    }
    QVERIFY(yaml.size() > 3'000'000);
    const auto loaded = WorkspaceLoader::parse(yaml, u"large.yaml"_s);
    QVERIFY2(loaded.has_value(), loaded ? "" : qPrintable(describe(loaded.error()).first(1).join(u'\n')));
    QCOMPARE(loaded->services.size(), count);
    QCOMPARE(loaded->services.last().id, u"s49999"_s);
    QCOMPARE(loaded->services.last().probes.first().target, u"h49999.example.org:443"_s);
}

namespace {

// A workspace long enough for its services to be read in chunks on several threads, with
// what can hide an item's line: quoted values and flows over several lines, block scalars, comments
// at column 0, CRLF line ends, characters of several bytes. `lines` gets the line of each service.
QByteArray longWorkspace(int count, QList<int> *lines)
{
    QByteArray yaml = "# A long workspace\r\nname: Fleet\nservices:\n";
    int line = 4;
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        if (lines)
            lines->append(line);
        yaml += "  - id: s" + n + "\n";
        yaml += "    name: \"Café " + n + "\n  - id: quoted" + n + "\"\n";
        yaml += "    group: 'G " + QByteArray::number(i % 7) + "'\r\n";
        line += 4;
        if (i > 1) {
            yaml += "    depends_on: [s" + QByteArray::number(i - 1) + ",\n  s" + QByteArray::number(i - 2) + "]\n";
            line += 2;
        }
        if (i % 10 == 0) {
            yaml += "# a comment at column 0\n";
            line += 1;
        }
        yaml += "    probes:\n      - http: https://h" + n + ".example.org/\n        method: POST\n";
        yaml += "        body: |\n          first line\n\n            - id: in-a-block-scalar\n";
        line += 7;
    }
    yaml += "maintenance:\n  - name: Night\n    services: [s1]\n    every: day\n    at: \"02:00\"\n    duration: 1h\n";
    return yaml;
}

} // namespace

// A long top-level sequence is read in chunks on several threads: the same workspace, with the same
// places, as read in one piece; nothing an item's line shows inside a value starts a chunk.
void tst_WorkspaceLoader::readsLongSequenceInChunks()
{
    constexpr int count = 3000;
    QList<int> lines;
    const QByteArray yaml = longWorkspace(count, &lines);
    QVERIFY(yaml.size() > 512 * 1024);
    const auto loaded = WorkspaceLoader::parse(yaml, u"long.yaml"_s);
    QVERIFY2(loaded.has_value(), loaded ? "" : qPrintable(describe(loaded.error()).first(1).join(u'\n')));
    QCOMPARE(loaded->services.size(), count);
    for (int i = 0; i < count; ++i) {
        const Vigie::Service &service = loaded->services[i];
        const QString n = QString::number(i);
        QCOMPARE(service.id, u's' + n);
        QCOMPARE(service.name, u"Café "_s + n + u" - id: quoted"_s + n);
        QCOMPARE(service.group, u"G "_s + QString::number(i % 7));
        QCOMPARE(service.location, (SourceLocation{u"long.yaml"_s, lines[i], 5}));
        const QStringList dependsOn =
            i > 1 ? QStringList{u's' + QString::number(i - 1), u's' + QString::number(i - 2)} : QStringList();
        QCOMPARE(service.dependsOn, dependsOn);
        QCOMPARE(service.probes.size(), 1);
        QCOMPARE(std::get<HttpOptions>(service.probes[0].kindOptions).body,
                 "first line\n\n  - id: in-a-block-scalar\n");
    }
    QCOMPARE(loaded->maintenance.size(), 1);
    QCOMPARE(loaded->maintenance[0].services, QStringList{u"s1"_s});

    // What the readers find wrong deep in the file is reported at its place.
    QByteArray broken = yaml;
    const QByteArray target = "https://h2345.example.org/";
    broken.replace(target, "ftp://h2345.example.org/");
    const auto refused = WorkspaceLoader::parse(broken, u"long.yaml"_s);
    QVERIFY(!refused.has_value());
    QCOMPARE(describe(refused.error()).size(), 1);
    QCOMPARE(describe(refused.error()).first(),
             QString::number(lines[2345] + 7) +
                 u":15: 'ftp://h2345.example.org/' is not an http target; expected a URL that starts with http:// or "
                 "https:// and names a host"_s);
}

// Anchors and aliases tie parts of the file together: such a file is read in one piece.
void tst_WorkspaceLoader::readsLongSequenceWithAnchorsInOnePiece()
{
    constexpr int count = 3000;
    QByteArray yaml = longWorkspace(count, nullptr);
    yaml.replace("    group: 'G 1'", "    group: &one 'G 1'");
    yaml.replace("    group: 'G 6'", "    group: *one");
    const auto loaded = WorkspaceLoader::parse(yaml, u"anchors.yaml"_s);
    QVERIFY2(loaded.has_value(), loaded ? "" : qPrintable(describe(loaded.error()).first(1).join(u'\n')));
    QCOMPARE(loaded->services.size(), count);
    QCOMPARE(loaded->services[6].group, u"G 1"_s);
    QCOMPARE(loaded->services[2995].group, u"G 1"_s); // 2995 % 7 == 6
    QCOMPARE(loaded->services[2999].group, u"G 3"_s);
}

// A syntax error in a chunk is reported as a reading in one piece reports it: same place, same words.
void tst_WorkspaceLoader::reportsSyntaxErrorsInLongSequence()
{
    QList<int> lines;
    QByteArray yaml = longWorkspace(3000, &lines);
    yaml.replace("  - id: s2345\n", "  - id: s2345: x\n");
    const auto loaded = WorkspaceLoader::parse(yaml, u"long.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(describe(loaded.error()),
             QStringList{QString::number(lines[2345]) +
                         u":14: invalid YAML: a ':' where none can be; a value that contains ': ' must be quoted"_s});

    // A quote left open in one chunk would swallow the next ones.
    yaml = longWorkspace(3000, &lines);
    yaml.replace("  - id: quoted2000\"\n", "  - id: quoted2000\n");
    const auto unclosed = WorkspaceLoader::parse(yaml, u"long.yaml"_s);
    QVERIFY(!unclosed.has_value());
    QCOMPARE(describe(unclosed.error()),
             QStringList{QString::number(lines[2001] + 1) +
                         u":12: invalid YAML: this does not fit the structure above it (end of map not found); check "
                         "the indentation, and quote a value that starts with [, {, *, & or !"_s});
}

// services: [1,1,1,...] on one line: every item is an error. The errors stop at a bound, and so does
// the time: counting each error's column from the start of the line made it quadratic (10 s for
// 256 KiB). The deadline is a hang guard far above the time it takes; the speed is benchmarked.
void tst_WorkspaceLoader::boundsErrorsOfLongFlowSequence()
{
    const QByteArray yaml = "name: Flow\nservices: [" + QByteArray("1,").repeated(128 * 1024) + "1]\n";
    QElapsedTimer clock;
    clock.start();
    const auto loaded = WorkspaceLoader::parse(yaml, u"flow.yaml"_s);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!loaded.has_value());
    const QStringList errors = describe(loaded.error());
    QCOMPARE(errors.size(), 101);
    QCOMPARE(errors.first(),
             u"2:12: each item of 'services' should be a mapping (key: value lines), found the value '1'"_s);
    QVERIFY2(errors.last().startsWith(u"2:212: and more than 900 problem(s) from here on, not shown"_s),
             qPrintable(errors.last()));
}

void tst_WorkspaceLoader::refusesBillionLaughs()
{
    QByteArray yaml = "name: Laughs\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int level = 1; level < 10; ++level) {
        const QByteArray previous = "*l" + QByteArray::number(level - 1);
        yaml += "l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " [" +
                QByteArray(previous + ", ").repeated(9) + previous + "]\n";
    }
    yaml += "services: *l9\n";
    QElapsedTimer clock;
    clock.start();
    const auto loaded = WorkspaceLoader::parse(yaml, u"laughs.yaml"_s);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!loaded.has_value());
    const QStringList errors = describe(loaded.error());
    QVERIFY2(errors.filter(u"through aliases (*name)"_s).size() == 1, qPrintable(errors.join(u'\n')));
}

// Loading must return, never crash nor throw, whatever the bytes; every error must point into the
// text. Deterministic: a fixed seed, so that a failure reproduces.
void tst_WorkspaceLoader::survivesMutations()
{
    const QByteArray example = readAll(examplePath());
    QList<QByteArray> variants;
    for (qsizetype length = 0; length <= example.size(); ++length)
        variants.append(example.first(length));

    for (const QString &file : {u"workspaces/good/every-key.yaml"_s, u"workspaces/good/every-kind.yaml"_s}) {
        const QByteArray good = readAll(dataPath(file));
        for (qsizetype length = 0; length <= good.size(); ++length)
            variants.append(good.first(length));
    }

    QRandomGenerator random(20'240'611);
    for (int i = 0; i < 3000; ++i) {
        QByteArray flipped = example;
        const int flips = 1 + random.bounded(4);
        for (int k = 0; k < flips; ++k)
            flipped[random.bounded(int(flipped.size()))] = char(random.bounded(256));
        variants.append(flipped);
    }
    const QByteArray structural = "[]{}:-?,&*!|>#'\"\n\t %@`\\";
    for (int i = 0; i < 2000; ++i) {
        QByteArray inserted = example;
        const int inserts = 1 + random.bounded(6);
        for (int k = 0; k < inserts; ++k) {
            inserted.insert(random.bounded(int(inserted.size() + 1)),
                            structural.at(random.bounded(int(structural.size()))));
        }
        variants.append(inserted);
    }
    for (int i = 0; i < 300; ++i) {
        QByteArray garbage(random.bounded(4096), Qt::Uninitialized);
        for (char &c : garbage)
            c = char(random.bounded(256));
        variants.append(garbage);
        // Garbage made of YAML's own characters gets further into the parser.
        for (char &c : garbage)
            c = structural.at(random.bounded(int(structural.size())));
        variants.append(garbage);
    }
    for (const char *opener : {"[", "{", "- ", "? ", "[{", "a: [", "{a: ", "&a [", "!t {"}) {
        variants.append(QByteArray(opener).repeated(100'000));
        variants.append(QByteArray(opener).repeated(64));
        variants.append(example + "\nextra: " + QByteArray(opener).repeated(70));
    }
    QByteArray indentation;
    for (int level = 0; level < 5000; ++level)
        indentation += QByteArray(level, ' ') + "- a:\n";
    variants.append(indentation);
    variants.append(QByteArray("services: &a [*a]\nname: loop\n"));
    variants.append(QByteArray("name: &n x\nservices: *undefined\n"));

    for (const QByteArray &yaml : std::as_const(variants)) {
        const auto loaded = WorkspaceLoader::parse(yaml, u"mutant.yaml"_s);
        if (loaded) {
            QVERIFY(!loaded->services.isEmpty());
            continue;
        }
        const qsizetype lines = yaml.count('\n') + yaml.count('\r') + 1;
        QVERIFY(!loaded.error().isEmpty());
        for (const WorkspaceError &error : loaded.error()) {
            const QString context = u"%1 in:\n%2"_s.arg(
                error.toString(), QString::fromUtf8(yaml.first(std::min<qsizetype>(yaml.size(), 300))));
            QVERIFY2(error.location.file == u"mutant.yaml"_s, qPrintable(context));
            QVERIFY2(error.location.line >= 1 && error.location.line <= lines, qPrintable(context));
            QVERIFY2(error.location.column >= 1, qPrintable(context));
            QVERIFY2(!error.message.isEmpty(), qPrintable(context));
        }
    }
}

// A valid workspace with services `web` and `api`, that a `metrics:` key can follow (on line 8).
const QByteArray metricsHead = "name: Metrics\n"
                               "services:\n"
                               "  - id: web\n"
                               "    probes: [{http: 'http://127.0.0.1/'}]\n"
                               "  - id: api\n"
                               "    probes: [{http: 'http://127.0.0.1/api'}]\n"
                               "metrics:\n";

void tst_WorkspaceLoader::readsMetrics()
{
    const auto loaded = WorkspaceLoader::parse(metricsHead + "  scrape:\n"
                                                             "    - id: lab-node\n"
                                                             "      url: http://127.0.0.1:9100/metrics\n"
                                                             "      interval: 15s\n"
                                                             "      service: web\n"
                                                             "      devices: [eth0, lo, eth0]\n"
                                                             "    - id: app\n"
                                                             "      url: https://app.example.org/metrics\n"
                                                             "      interval: 5s\n"
                                                             "      timeout: 2s\n"
                                                             "      dashboard: Network\n"
                                                             "      auth: {type: bearer, secret: app-token}\n"
                                                             "    - id: slow\n"
                                                             "      url: http://127.0.0.1:9101/metrics\n"
                                                             "  series:\n"
                                                             "    - id: api-error-rate\n"
                                                             "      prometheus: http://127.0.0.1:9090\n"
                                                             "      query: 'sum(rate(errors_total[5m]))'\n"
                                                             "      title: API error rate\n"
                                                             "      unit: '%'\n"
                                                             "      service: api\n"
                                                             "    - id: links\n"
                                                             "      prometheus: http://127.0.0.1:9090/prefix\n"
                                                             "      query: up\n"
                                                             "      dashboard: Network\n",
                                               u"inline.yaml"_s);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    const Vigie::MetricsSettings &metrics = loaded->metrics;
    QCOMPARE(metrics.scrape.size(), 3);
    const Vigie::ScrapeTarget &node = metrics.scrape.at(0);
    QCOMPARE(node.id, u"lab-node"_s);
    QCOMPARE(node.url, u"http://127.0.0.1:9100/metrics"_s);
    QCOMPARE(node.interval, 15s);
    QCOMPARE(node.timeout, 10s); // the interval or 10 s, whichever is shorter
    QCOMPARE(node.service, u"web"_s);
    QCOMPARE(node.dashboard, QString());
    QCOMPARE(node.auth.type, HttpAuthType::None);
    QCOMPARE(node.devices, (QStringList{u"eth0"_s, u"lo"_s})); // each once
    QCOMPARE(node.location.line, 9);
    const Vigie::ScrapeTarget &app = metrics.scrape.at(1);
    QCOMPARE(app.interval, 5s);
    QCOMPARE(app.timeout, 2s);
    QCOMPARE(app.dashboard, u"Network"_s);
    QCOMPARE(app.auth.type, HttpAuthType::Bearer);
    QCOMPARE(app.auth.secretName, u"app-token"_s);
    const Vigie::ScrapeTarget &slow = metrics.scrape.at(2);
    QCOMPARE(slow.interval, 30s); // the default
    QCOMPARE(slow.timeout, 10s);
    QCOMPARE(slow.service, QString());

    QCOMPARE(metrics.series.size(), 2);
    const Vigie::MetricSeriesSpec &errors = metrics.series.at(0);
    QCOMPARE(errors.id, u"api-error-rate"_s);
    QCOMPARE(errors.prometheus, u"http://127.0.0.1:9090"_s);
    QCOMPARE(errors.query, u"sum(rate(errors_total[5m]))"_s);
    QCOMPARE(errors.title, u"API error rate"_s);
    QCOMPARE(errors.unit, u"%"_s);
    QCOMPARE(errors.service, u"api"_s);
    const Vigie::MetricSeriesSpec &links = metrics.series.at(1);
    QCOMPARE(links.title, u"links"_s); // the id when it has none
    QCOMPARE(links.unit, QString());
    QCOMPARE(links.dashboard, u"Network"_s);
    QCOMPARE(loaded->secretNames(), QStringList{u"app-token"_s});

    // A short interval shortens the default timeout; `metrics:` may come before the services it names.
    const auto early = WorkspaceLoader::parse("name: Early\n"
                                              "metrics: {scrape: [{id: n, url: 'http://[::1]:9100/metrics', "
                                              "interval: 1s, service: late}]}\n"
                                              "services:\n"
                                              "  - id: late\n"
                                              "    probes: [{tcp: '127.0.0.1:22'}]\n",
                                              u"inline.yaml"_s);
    QVERIFY2(early.has_value(), qPrintable(early ? QString() : describe(early.error()).join(u'\n')));
    QCOMPARE(early->metrics.scrape.at(0).interval, 1s);
    QCOMPARE(early->metrics.scrape.at(0).timeout, 1s);

    // Absent or empty: nothing scraped, nothing queried.
    for (const QByteArray &tail : {QByteArray("  scrape: []\n"), QByteArray("  series: []\n")}) {
        const auto empty = WorkspaceLoader::parse(metricsHead + tail, u"inline.yaml"_s);
        QVERIFY(empty.has_value());
        QCOMPARE(empty->metrics, Vigie::MetricsSettings{});
    }
}

void tst_WorkspaceLoader::reportsBadMetrics_data()
{
    QTest::addColumn<QByteArray>("metrics");
    QTest::addColumn<QString>("expected");
    const QByteArray scrape = "  scrape:\n    - id: node\n      url: http://127.0.0.1:9100/metrics\n";
    const QByteArray series = "  series:\n    - id: errors\n      prometheus: http://127.0.0.1:9090\n      query: up\n";
    // `metrics:` is line 7; its first key line 8, a scrape target's or series' id line 9, its next key line 10.
    QTest::newRow("not a mapping") << QByteArray(" [a]\n")
                                   << u"8:2: 'metrics' should be a mapping (key: value lines), found a sequence"_s;
    QTest::newRow("misspelt section") << QByteArray("  scrapes: []\n")
                                      << u"8:3: unknown key 'scrapes'; did you mean 'scrape'?"_s;
    QTest::newRow("unknown section") << QByteArray("  alerts: []\n")
                                     << u"8:3: unknown key 'alerts'; 'metrics' accepts: scrape, series"_s;
    QTest::newRow("misspelt scrape key") << scrape + "      intervall: 15s\n"
                                         << u"11:7: unknown key 'intervall'; did you mean 'interval'?"_s;
    QTest::newRow("misspelt series key") << series + "      querry: up\n"
                                         << u"12:7: unknown key 'querry'; did you mean 'query'?"_s;
    QTest::newRow("scrape not a sequence")
        << QByteArray("  scrape: {id: a}\n")
        << u"8:11: 'scrape' should be a sequence (a list of '- ' items), found a mapping"_s;
    QTest::newRow("duplicate scrape id")
        << scrape + "    - id: node\n      url: http://127.0.0.1:9101/metrics\n"
        << u"11:11: duplicate id 'node' in 'metrics' (first defined at inline.yaml:9:11)"_s;
    QTest::newRow("series id of a scrape target")
        << scrape + "  series:\n    - id: node\n      prometheus: http://127.0.0.1:9090\n      query: up\n"
        << u"12:11: duplicate id 'node' in 'metrics' (first defined at inline.yaml:9:11)"_s;
    QTest::newRow("bad id") << QByteArray("  scrape:\n    - id: Node One\n      url: http://127.0.0.1:9100/metrics\n")
                            << u"9:11: 'Node One' is not a valid id; use lower-case letters, digits, '-' and '_', "
                               "starting with a letter or digit"_s;
    QTest::newRow("unknown service") << scrape + "      service: wbe\n"
                                     << u"11:16: there is no service 'wbe' in this workspace; did you mean 'web'?"_s;
    QTest::newRow("series of an unknown service") << series + "      service: payments\n"
                                                  << u"12:16: there is no service 'payments' in this workspace"_s;
    QTest::newRow("service and dashboard")
        << series + "      service: api\n      dashboard: Network\n"
        << u"13:7: give 'service' or 'dashboard', not both; 'service' is at inline.yaml:12:7"_s;
    QTest::newRow("scrape scheme")
        << QByteArray("  scrape:\n    - id: node\n      url: ftp://127.0.0.1/metrics\n")
        << u"10:12: 'ftp://127.0.0.1/metrics' is not a metrics endpoint; expected a URL that starts with http:// "
           "or https://, for example http://127.0.0.1:9100/metrics"_s;
    QTest::newRow("series scheme")
        << QByteArray("  series:\n    - id: e\n      prometheus: 127.0.0.1:9090\n      query: up\n")
        << u"10:19: '127.0.0.1:9090' is not a Prometheus address; expected the URL of a Prometheus server (or of "
           "anything that speaks its HTTP API), for example http://prometheus.example.org:9090"_s;
    QTest::newRow("password in the URL")
        << QByteArray("  scrape:\n    - id: node\n      url: http://me:pw@127.0.0.1:9100/metrics\n")
        << u"10:12: a URL with a user name or password (user:password@) would keep a secret in the workspace file; "
           "write http://127.0.0.1:9100/metrics and use 'auth' instead, with the name of a secret stored in the "
           "system keychain"_s;
    QTest::newRow("interval under a second") << scrape + "      interval: 500ms\n"
                                             << u"11:17: interval should be at least 1s, found 500ms"_s;
    QTest::newRow("interval over a day") << scrape + "      interval: 2d\n"
                                         << u"11:17: interval can be at most 1d, found 2d"_s;
    QTest::newRow("interval not a duration")
        << scrape + "      interval: often\n"
        << u"11:17: 'often' is not a duration; expected a number and a unit: ms, s, m, h, d (for example 30s or "
           "1m30s)"_s;
    QTest::newRow("timeout over the interval")
        << scrape + "      interval: 5s\n      timeout: 6s\n"
        << u"12:16: timeout 6s is longer than interval 5s; a scrape must finish before the next one starts"_s;
    QTest::newRow("secret in auth")
        << scrape + "      auth: {type: bearer, token: abc}\n"
        << u"11:13: 'auth' has no 'secret'; name the secret stored in the system keychain, for example secret: "
           "portal-password\n11:28: 'token' would keep a secret in the workspace file; store it in the system "
           "keychain and give its name with 'secret'"_s;
    QTest::newRow("devices not a list")
        << scrape + "      devices: eth0\n"
        << u"11:16: 'devices' should be a sequence (a list of '- ' items), found the value 'eth0'"_s;
    QTest::newRow("empty device") << scrape + "      devices: [eth0, '']\n"
                                  << u"11:23: a device is a network interface's name, such as eth0; found nothing"_s;
    QTest::newRow("scrape without url")
        << QByteArray("  scrape:\n    - id: node\n")
        << u"9:7: this scrape target has no 'url'; add the address of its metrics, for example url: "
           "http://127.0.0.1:9100/metrics"_s;
    QTest::newRow("scrape without id") << QByteArray("  scrape:\n    - url: http://127.0.0.1:9100/metrics\n")
                                       << u"9:7: this scrape target has no 'id'; add one, for example: id: node"_s;
    QTest::newRow("series without query")
        << QByteArray("  series:\n    - id: e\n      prometheus: http://127.0.0.1:9090\n")
        << u"9:7: this series has no 'query'; add the PromQL expression to draw, for example query: "
           "'rate(http_requests_total[5m])'"_s;
    QTest::newRow("empty query") << QByteArray("  series:\n    - id: e\n      prometheus: http://127.0.0.1:9090\n"
                                               "      query: ''\n")
                                 << u"11:14: 'query' should not be empty"_s;
}

void tst_WorkspaceLoader::reportsBadMetrics()
{
    QFETCH(QByteArray, metrics);
    QFETCH(QString, expected);
    const auto loaded = WorkspaceLoader::parse(metricsHead + metrics, u"inline.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(describe(loaded.error()).join(u'\n'), expected);
}

// A valid workspace that a `status_sites:` list can follow (line 5).
const QByteArray sitesHead = "name: Sites\n"
                             "services:\n"
                             "  - id: web\n"
                             "    probes: [{http: 'http://127.0.0.1/'}]\n"
                             "status_sites:\n";

void tst_WorkspaceLoader::readsStatusSites()
{
    const auto good = WorkspaceLoader::parse("name: Sites\n"
                                             "status_sites:\n"
                                             "  - id: public\n"
                                             "    statuspage: {page_id: qfn30z5r6s5h, token: sp-key}\n"
                                             "    components: {web: 8kbf7d35c070, api: vtnh60py4yd7}\n"
                                             "  - id: lab\n"
                                             "    statuspage:\n"
                                             "      page_id: lab-page\n"
                                             "      token: lab.token\n"
                                             "      api: http://127.0.0.1:8081/v1\n"
                                             "  - id: static\n"
                                             "    webdav: https://dav.example.org/status/\n"
                                             "    auth: {type: basic, username: vigie, secret: dav-pw}\n"
                                             "    site_url: https://status.example.org/\n"
                                             "  - id: cachet\n"
                                             "    cachet: https://cachet.example.org/api/v1\n"
                                             "    token: cachet-token\n"
                                             "    components: {web: '3'}\n"
                                             "services:\n" // after the sites that name them
                                             "  - id: web\n"
                                             "    probes: [{http: 'http://127.0.0.1/'}]\n"
                                             "  - id: api\n"
                                             "    probes: [{http: 'http://127.0.0.1/'}]\n",
                                             u"inline.yaml"_s);
    QVERIFY2(good.has_value(), qPrintable(good ? QString() : describe(good.error()).join(u'\n')));
    QCOMPARE(good->statusSites.size(), 4);
    const Vigie::StatusSite &statuspage = good->statusSites.at(0);
    QCOMPARE(statuspage.id, u"public"_s);
    QCOMPARE(statuspage.kind, Vigie::StatusSite::Kind::Statuspage);
    QCOMPARE(statuspage.url, u"https://api.statuspage.io/v1"_s); // the default
    QCOMPARE(statuspage.pageId, u"qfn30z5r6s5h"_s);
    QCOMPARE(statuspage.tokenSecret, u"sp-key"_s);
    const QList<std::pair<QString, QString>> components{{u"web"_s, u"8kbf7d35c070"_s}, {u"api"_s, u"vtnh60py4yd7"_s}};
    QCOMPARE(statuspage.components, components);
    QCOMPARE(statuspage.location.line, 3);
    const Vigie::StatusSite &lab = good->statusSites.at(1);
    QCOMPARE(lab.url, u"http://127.0.0.1:8081/v1"_s); // plain http to loopback
    QCOMPARE(lab.tokenSecret, u"lab.token"_s);
    const Vigie::StatusSite &dav = good->statusSites.at(2);
    QCOMPARE(dav.kind, Vigie::StatusSite::Kind::WebDav);
    QCOMPARE(dav.url, u"https://dav.example.org/status/"_s);
    QCOMPARE(dav.auth.type, HttpAuthType::Basic);
    QCOMPARE(dav.auth.username, u"vigie"_s);
    QCOMPARE(dav.auth.secretName, u"dav-pw"_s);
    QCOMPARE(dav.siteUrl, u"https://status.example.org/"_s);
    const Vigie::StatusSite &cachet = good->statusSites.at(3);
    QCOMPARE(cachet.kind, Vigie::StatusSite::Kind::Cachet);
    QCOMPARE(cachet.url, u"https://cachet.example.org/api/v1"_s);
    QCOMPARE(cachet.tokenSecret, u"cachet-token"_s);
    QCOMPARE(cachet.components, (QList<std::pair<QString, QString>>{{u"web"_s, u"3"_s}}));
    // Their secrets are fetched with the probes'.
    QCOMPARE(good->secretNames(), (QStringList{u"sp-key"_s, u"lab.token"_s, u"dav-pw"_s, u"cachet-token"_s}));

    // A WebDAV site without credentials may use plain http anywhere.
    const auto open = WorkspaceLoader::parse(sitesHead + "  - id: s\n    webdav: http://dav.example.org/\n"
                                                         "    site_url: http://status.example.org/\n",
                                             u"inline.yaml"_s);
    QVERIFY2(open.has_value(), qPrintable(open ? QString() : describe(open.error()).join(u'\n')));
    QCOMPARE(open->statusSites.at(0).auth.type, HttpAuthType::None);
}

void tst_WorkspaceLoader::reportsBadStatusSites_data()
{
    QTest::addColumn<QByteArray>("sites");
    QTest::addColumn<QString>("expected");
    const QByteArray statuspage = "  - id: public\n    statuspage: {page_id: p1, token: sp-key}\n";
    // `status_sites:` is line 5; a site's first line is line 6.
    QTest::newRow("not a sequence")
        << QByteArray("  id: public\n")
        << u"6:3: 'status_sites' should be a sequence (a list of '- ' items), found a mapping"_s;
    QTest::newRow("no kind") << QByteArray("  - id: public\n")
                             << u"6:5: this status site has no kind; add one of 'statuspage: {page_id: ..., token: "
                                "SECRET-NAME}', 'webdav: URL' or 'cachet: URL'"_s;
    QTest::newRow("two kinds") << statuspage + "    cachet: https://cachet.example.org/\n"
                               << u"8:5: a status site has exactly one kind; this one already has 'statuspage' at "
                                  "inline.yaml:7:5"_s;
    QTest::newRow("no id") << QByteArray("  - statuspage: {page_id: p1, token: sp-key}\n")
                           << u"6:5: this status site has no 'id'; add one, for example: id: public-status"_s;
    QTest::newRow("duplicate id") << statuspage + statuspage
                                  << u"8:9: duplicate status site id 'public' (first defined at inline.yaml:6:9)"_s;
    QTest::newRow("misspelt key") << statuspage + "    component: {web: c1}\n"
                                  << u"8:5: unknown key 'component'; did you mean 'components'?"_s;
    QTest::newRow("unknown key")
        << statuspage + "    colour: blue\n"
        << u"8:5: unknown key 'colour'; a status site accepts: id, statuspage, webdav, cachet, "
           "components, auth, site_url, token"_s;
    QTest::newRow("unknown statuspage key")
        << QByteArray("  - id: public\n    statuspage: {page_id: p1, token: sp-key, page: x}\n")
        << u"7:46: unknown key 'page'; 'statuspage' accepts: page_id, token, api"_s;
    QTest::newRow("key of another kind") << statuspage + "    site_url: https://status.example.org/\n"
                                         << u"8:5: 'site_url' does not apply to a statuspage site"_s;
    QTest::newRow("component of an unknown service")
        << statuspage + "    components: {wbe: c1}\n"
        << u"8:18: there is no service 'wbe' in this workspace; did you mean 'web'?"_s;
    QTest::newRow("inline token")
        << QByteArray("  - id: public\n    statuspage: {page_id: p1, token: "
                      "2a7b9d4aac30956d537ac76850f4d78de30994703680056cc103862d53cf8074}\n")
        << u"7:38: 'token' names a secret stored in the system keychain, and this looks like a token itself: a token "
           "must never be in the workspace; store it with 'vigie secret set NAME' and write that name here, for "
           "example token: statuspage-key"_s;
    QTest::newRow("token that is no name")
        << QByteArray("  - id: c\n    cachet: https://cachet.example.org/api/v1\n    token: 'abc def/123'\n")
        << u"8:12: 'token' names a secret stored in the system keychain, and this looks like a token itself: a token "
           "must never be in the workspace; store it with 'vigie secret set NAME' and write that name here, for "
           "example token: statuspage-key"_s;
    QTest::newRow("http to a remote api")
        << QByteArray(
               "  - id: public\n    statuspage: {page_id: p1, token: sp-key, api: 'http://api.example.org/v1'}\n")
        << u"7:51: 'http://api.example.org/v1' would send the site's token unencrypted; use https:// (http:// is "
           "accepted for a loopback address only)"_s;
    QTest::newRow("http to a remote cachet")
        << QByteArray("  - id: c\n    cachet: http://cachet.example.org/api/v1\n    token: cachet-token\n")
        << u"7:13: 'http://cachet.example.org/api/v1' would send the site's token unencrypted; use https:// (http:// "
           "is accepted for a loopback address only)"_s;
    QTest::newRow("http to a remote webdav with auth")
        << QByteArray("  - id: s\n    webdav: http://dav.example.org/\n    auth: {type: basic, username: u, secret: "
                      "dav-pw}\n    site_url: https://status.example.org/\n")
        << u"7:13: 'http://dav.example.org/' would send the credentials of 'auth' unencrypted; use https:// (http:// "
           "is accepted for a loopback address only)"_s;
    QTest::newRow("password in auth")
        << QByteArray("  - id: s\n    webdav: https://dav.example.org/\n    auth: {type: basic, username: u, "
                      "secret: dav-pw, password: hunter2}\n    site_url: https://status.example.org/\n")
        << u"8:54: 'password' would keep a secret in the workspace file; store it in the system keychain and give "
           "its name with 'secret'"_s;
    QTest::newRow("statuspage without token")
        << QByteArray("  - id: public\n    statuspage: {page_id: p1}\n")
        << u"7:17: 'statuspage' has no 'token'; name the secret stored in the system keychain that holds its API "
           "key, for example token: statuspage-key"_s;
    QTest::newRow("token beside statuspage")
        << QByteArray("  - id: public\n    statuspage: {page_id: p1, token: sp-key}\n    token: sp-key\n")
        << u"8:5: a Statuspage site names its token inside 'statuspage': statuspage: {page_id: ..., token: "
           "SECRET-NAME}"_s;
    QTest::newRow("webdav without site_url")
        << QByteArray("  - id: s\n    webdav: https://dav.example.org/\n")
        << u"6:5: this WebDAV site has no 'site_url'; add the address the public reads it at, for example site_url: "
           "https://status.example.org/"_s;
    QTest::newRow("cachet without token")
        << QByteArray("  - id: c\n    cachet: https://cachet.example.org/api/v1\n")
        << u"6:5: this Cachet site has no 'token'; name the secret stored in the system keychain that holds its API "
           "token, for example token: cachet-token"_s;
    QTest::newRow("user info in the api")
        << QByteArray("  - id: public\n    statuspage: {page_id: p1, token: sp-key, api: "
                      "'https://me:pw@api.example.org/v1'}\n")
        << u"7:51: a URL with a user name or password (user:password@) would keep a secret in the workspace file; "
           "write https://api.example.org/v1 and name the secret stored in the system keychain instead"_s;
}

void tst_WorkspaceLoader::reportsBadStatusSites()
{
    QFETCH(QByteArray, sites);
    QFETCH(QString, expected);
    const auto loaded = WorkspaceLoader::parse(sitesHead + sites, u"inline.yaml"_s);
    QVERIFY(!loaded.has_value());
    const QString errors = describe(loaded.error()).join(u'\n');
    QCOMPARE(errors, expected);
    // Whatever the mistake, a token written in the file is never quoted back.
    QVERIFY(!errors.contains(u"2a7b9d4aac30956d"_s));
}

void tst_WorkspaceLoader::readsAlerts()
{
    const QString ca = dataPath(u"workspaces/certs/test-ca.pem"_s);
    const auto loaded = WorkspaceLoader::parse(
        "name: Alerts\n"
        "alerts:\n"
        "  group_wait: 45s\n"
        "  flap_interval: 20m\n"
        "  routes:\n" // before the channels they name
        "    - {channels: [ops-hook, ops-mail], groups: [Web]}\n"
        "    - {channels: pager, services: [web, db]}\n"
        "    - channels: [ops-hook2, relay, local]\n"
        "  channels:\n"
        "    - {id: ops-hook, webhook: 'https://chat.example.org/hooks/abc'}\n"
        "    - id: ops-hook2\n"
        "      webhook:\n"
        "        url: http://127.0.0.1:8080/alert\n"
        "        headers: {X-Token-Name: abc, Content-Type: 'application/json; charset=utf-8'}\n"
        "      timeout: 5s\n"
        "    - id: ops-mail\n"
        "      smtp:\n"
        "        host: smtp.example.org\n"
        "        port: 2525\n"
        "        security: starttls\n"
        "        from: Vigie <vigie@example.org>\n"
        "        to: [oncall@example.org, ops@example.org]\n"
        "        username: vigie\n"
        "        secret: smtp-password\n"
        "        ca_file: " +
            ca.toUtf8() +
            "\n"
            "    - {id: relay, smtp: {host: smtp.example.org, security: tls, from: vigie@example.org, to: "
            "oncall@example.org}}\n"
            "    - {id: local, smtp: {host: 127.0.0.1, security: none, from: vigie@example.org, to: [a@example.org], "
            "username: u, secret: local-pw}}\n"
            "    - {id: pager, command: [/usr/local/bin/page, --team, ops], timeout: 10s}\n"
            "services:\n" // after the routes that name them
            "  - id: web\n"
            "    group: Web\n"
            "    probes: [{http: 'http://127.0.0.1/'}]\n"
            "  - id: db\n"
            "    group: Data\n"
            "    probes: [{tcp: '127.0.0.1:5432'}]\n",
        u"inline.yaml"_s);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    using Spec = Vigie::AlertChannelSpec;
    const Vigie::AlertSettings &alerts = loaded->alerts;
    QCOMPARE(alerts.groupWait, 45s);
    QCOMPARE(alerts.flapInterval, 20min);

    QCOMPARE(alerts.routes.size(), 3);
    QCOMPARE(alerts.routes.at(0).channels, (QStringList{u"ops-hook"_s, u"ops-mail"_s}));
    QCOMPARE(alerts.routes.at(0).groups, QStringList{u"Web"_s});
    QCOMPARE(alerts.routes.at(0).services, QStringList());
    QCOMPARE(alerts.routes.at(0).location, (SourceLocation{u"inline.yaml"_s, 6, 7}));
    QCOMPARE(alerts.routes.at(1).channels, QStringList{u"pager"_s}); // one name on its own
    QCOMPARE(alerts.routes.at(1).services, (QStringList{u"web"_s, u"db"_s}));
    QCOMPARE(alerts.routes.at(2).channels, (QStringList{u"ops-hook2"_s, u"relay"_s, u"local"_s}));
    QCOMPARE(alerts.routes.at(2).groups, QStringList()); // neither: every service
    QCOMPARE(alerts.routes.at(2).services, QStringList());
    QCOMPARE(alerts.routes.at(2).location.line, 8);

    QCOMPARE(alerts.channels.size(), 6);
    const Spec &hook = alerts.channels.at(0);
    QCOMPARE(hook.id, u"ops-hook"_s);
    QCOMPARE(hook.kind, Spec::Kind::Webhook);
    QCOMPARE(hook.url, u"https://chat.example.org/hooks/abc"_s);
    QVERIFY(hook.headers.isEmpty());
    QCOMPARE(hook.timeout, 30s); // the default
    QCOMPARE(hook.location, (SourceLocation{u"inline.yaml"_s, 10, 7}));
    const Spec &hook2 = alerts.channels.at(1);
    QCOMPARE(hook2.kind, Spec::Kind::Webhook);
    QCOMPARE(hook2.url, u"http://127.0.0.1:8080/alert"_s);
    const QList<std::pair<QByteArray, QByteArray>> headers{{"X-Token-Name", "abc"},
                                                           {"Content-Type", "application/json; charset=utf-8"}};
    QCOMPARE(hook2.headers, headers);
    QCOMPARE(hook2.timeout, 5s);
    QCOMPARE(hook2.location.line, 11);
    const Spec &mail = alerts.channels.at(2);
    QCOMPARE(mail.kind, Spec::Kind::Smtp);
    QCOMPARE(mail.host, u"smtp.example.org"_s);
    QCOMPARE(mail.port, 2525);
    QCOMPARE(mail.security, Spec::SmtpSecurity::StartTls);
    QCOMPARE(mail.from, u"Vigie <vigie@example.org>"_s);
    QCOMPARE(mail.to, (QStringList{u"oncall@example.org"_s, u"ops@example.org"_s}));
    QCOMPARE(mail.username, u"vigie"_s);
    QCOMPARE(mail.secret, u"smtp-password"_s);
    QCOMPARE(mail.caFile, ca);
    QCOMPARE(mail.location.line, 16);
    const Spec &relay = alerts.channels.at(3);
    QCOMPARE(relay.security, Spec::SmtpSecurity::Tls);
    QCOMPARE(relay.port, 465); // implicit TLS's port when none is given
    QCOMPARE(relay.to, QStringList{u"oncall@example.org"_s});
    QCOMPARE(relay.username, QString());
    QCOMPARE(relay.caFile, QString()); // the system's
    const Spec &local = alerts.channels.at(4);
    QCOMPARE(local.security, Spec::SmtpSecurity::None); // a login in plain text, to loopback only
    QCOMPARE(local.port, 587);
    QCOMPARE(local.host, u"127.0.0.1"_s);
    const Spec &pager = alerts.channels.at(5);
    QCOMPARE(pager.kind, Spec::Kind::Command);
    QCOMPARE(pager.command, (QStringList{u"/usr/local/bin/page"_s, u"--team"_s, u"ops"_s}));
    QCOMPARE(pager.timeout, 10s);
    QCOMPARE(pager.location, (SourceLocation{u"inline.yaml"_s, 28, 7}));
    // The channels' passwords are fetched from the keychain with the probes' secrets (`vigie secret check`
    // lists them).
    QCOMPARE(loaded->secretNames(), (QStringList{u"smtp-password"_s, u"local-pw"_s}));

    // Without `alerts:`, or with nothing under it: the defaults, no channel.
    for (const QByteArray &tail : {QByteArray(), QByteArray("alerts:\n"), QByteArray("alerts: {channels: []}\n")}) {
        const auto none = WorkspaceLoader::parse(historyHead + tail, u"inline.yaml"_s);
        QVERIFY2(none.has_value(), qPrintable(none ? QString() : describe(none.error()).join(u'\n')));
        QCOMPARE(none->alerts, Vigie::AlertSettings{});
        QCOMPARE(none->alerts.groupWait, 30s);
        QCOMPARE(none->alerts.flapInterval, 10min);
    }
}

void tst_WorkspaceLoader::readsAlertsCaFileRelativeToTheWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"certs"_s));
    QVERIFY(QDir(dir.path()).mkpath(u"ops"_s));
    QVERIFY(QFile::copy(dataPath(u"workspaces/certs/test-ca.pem"_s), dir.filePath(u"certs/relay-ca.pem"_s)));
    const QString workspace = dir.filePath(u"ops/ws.yaml"_s);
    QFile file(workspace);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(historyHead + "alerts:\n  channels:\n    - id: mail\n      smtp: {host: smtp.example.org, from: "
                             "v@example.org, to: o@example.org, ca_file: ../certs/relay-ca.pem}\n");
    file.close();
    // From another folder: the workspace's counts, not the current one.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.filePath(u"certs"_s)));
    const auto loaded = WorkspaceLoader::loadFile(u"../ops/ws.yaml"_s);
    QVERIFY(QDir::setCurrent(previous));
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->alerts.channels.at(0).caFile, QFileInfo(dir.filePath(u"certs/relay-ca.pem"_s)).absoluteFilePath());
}

// A valid workspace that the keys of `alerts:` can follow (line 7), with a channel to route to
// (line 9) once `channelsHead` comes first.
const QByteArray alertsHead = "name: Alerts\n"
                              "services:\n"
                              "  - id: web\n"
                              "    group: Web\n"
                              "    probes: [{http: 'http://127.0.0.1/'}]\n"
                              "alerts:\n";
const QByteArray channelsHead = "  channels:\n"
                                "    - {id: ops-hook, webhook: 'https://chat.example.org/hooks/abc'}\n";
const QByteArray mailFrom = "from: vigie@example.org, to: [oncall@example.org]";

void tst_WorkspaceLoader::reportsBadAlerts_data()
{
    QTest::addColumn<QByteArray>("alerts");
    QTest::addColumn<QString>("expected");
    // `alerts:` is line 6; its first key line 7, a channel of channelsHead line 8, what follows line 9.
    QTest::newRow("not a mapping") << QByteArray("  - ops\n")
                                   << u"7:3: 'alerts' should be a mapping (key: value lines), found a sequence"_s;
    QTest::newRow("unknown key")
        << QByteArray("  flapping: {interval: 10m}\n")
        << u"7:3: unknown key 'flapping'; 'alerts' accepts: group_wait, flap_interval, channels, routes"_s;
    QTest::newRow("misspelt key") << QByteArray("  group_wiat: 30s\n")
                                  << u"7:3: unknown key 'group_wiat'; did you mean 'group_wait'?"_s;
    QTest::newRow("bad duration")
        << QByteArray("  group_wait: soon\n")
        << u"7:15: 'soon' is not a duration; expected a number and a unit: ms, s, m, h, d (for example 30s or "
           "1m30s)"_s;
    QTest::newRow("zero flap interval") << QByteArray("  flap_interval: 0s\n")
                                        << u"7:18: flap_interval should be longer than zero, found 0s"_s;
    QTest::newRow("group wait over an hour")
        << QByteArray("  group_wait: 2h\n") << u"7:15: group_wait can be at most 1h, found 2h"_s;
    QTest::newRow("channel timeout too long") << channelsHead + "    - {id: pager, command: [page], timeout: 1h}\n"
                                              << u"9:45: timeout can be at most 10m, found 1h"_s;
    QTest::newRow("unknown channel key")
        << channelsHead + "    - {id: pager, command: [page], colour: red}\n"
        << u"9:36: unknown key 'colour'; a channel accepts: id, webhook, smtp, command, timeout"_s;
    QTest::newRow("misspelt channel key") << channelsHead + "    - {id: pager, command: [page], timout: 5s}\n"
                                          << u"9:36: unknown key 'timout'; did you mean 'timeout'?"_s;
    QTest::newRow("duplicate id") << channelsHead + "    - {id: ops-hook, command: [page]}\n"
                                  << u"9:12: duplicate channel id 'ops-hook' (first defined at inline.yaml:8:12)"_s;
    QTest::newRow("bad id") << QByteArray("  channels:\n    - {id: Ops Hook, command: [page]}\n")
                            << u"8:12: 'Ops Hook' is not a valid id; use lower-case letters, digits, '-' and '_', "
                               "starting with a letter or digit"_s;
    QTest::newRow("no id") << QByteArray("  channels:\n    - {command: [page]}\n")
                           << u"8:7: this channel has no 'id'; add one, for example: id: ops-mail"_s;
    QTest::newRow("two kinds in one channel")
        << QByteArray("  channels:\n    - id: pager\n      command: [page]\n      webhook: https://example.org/\n")
        << u"10:7: a channel has exactly one kind; this one already has 'command' at inline.yaml:9:7"_s;
    QTest::newRow("no kind") << QByteArray("  channels:\n    - {id: pager, timeout: 5s}\n")
                             << u"8:7: this channel has no kind; add one of 'webhook: URL', 'smtp: {host: ..., from: "
                                "..., to: [...]}' or 'command: [PROGRAM, ARGUMENTS...]'"_s;
    QTest::newRow("channels not a sequence")
        << QByteArray("  channels: {id: pager}\n")
        << u"7:13: 'channels' should be a sequence (a list of '- ' items), found a mapping"_s;
    // Webhooks.
    QTest::newRow("URL of another scheme")
        << QByteArray("  channels:\n    - {id: hook, webhook: 'ftp://chat.example.org/hooks/abc'}\n")
        << u"8:27: 'ftp://chat.example.org/hooks/abc' is not a webhook address: it should start with http:// or "
           "https://, for example https://chat.example.org/hooks/..."_s;
    QTest::newRow("URL without scheme")
        << QByteArray("  channels:\n    - {id: hook, webhook: chat.example.org/hooks/abc}\n")
        << u"8:27: 'chat.example.org/hooks/abc' is not a webhook address: it should start with http:// or https://, "
           "for example https://chat.example.org/hooks/..."_s;
    QTest::newRow("URL without host")
        << QByteArray("  channels:\n    - {id: hook, webhook: 'https:///hooks/abc'}\n")
        << u"8:27: 'https:///hooks/abc' names no host; a webhook address is a URL such as "
           "https://chat.example.org/hooks/..."_s;
    QTest::newRow("URL with a space")
        << QByteArray("  channels:\n    - {id: hook, webhook: 'https://chat.exa mple.org/hooks'}\n")
        << u"8:27: 'https://chat.exa mple.org/hooks' is not a valid URL; look for a space or a character a URL "
           "cannot hold"_s;
    QTest::newRow("URL with a password")
        << QByteArray("  channels:\n    - id: hook\n      webhook: {url: 'https://me:pw@chat.example.org/hooks'}\n")
        << u"9:22: a URL with a user name or password (user:password@) would keep a secret in the workspace file; "
           "a webhook sends no credentials of its own: write https://chat.example.org/hooks"_s;
    QTest::newRow("webhook without url") << QByteArray("  channels:\n    - {id: hook, webhook: {headers: {A: b}}}\n")
                                         << u"8:27: 'webhook' has no 'url'; add the address alerts are posted to, for "
                                            "example url: https://chat.example.org/hooks/..."_s;
    QTest::newRow("unknown webhook key")
        << QByteArray("  channels:\n    - {id: hook, webhook: {url: 'https://example.org/', method: PUT}}\n")
        << u"8:57: unknown key 'method'; 'webhook' accepts: url, headers"_s;
    QTest::newRow("Authorization header")
        << QByteArray("  channels:\n    - id: hook\n      webhook:\n        url: https://example.org/\n"
                      "        headers: {Authorization: Bearer abc}\n")
        << u"11:19: an Authorization header would keep a secret in the workspace file; a webhook sends no "
           "credentials of its own: use the address the receiver gives, which holds its token"_s;
    QTest::newRow("webhook of a sequence")
        << QByteArray("  channels:\n    - {id: hook, webhook: [a]}\n")
        << u"8:27: 'webhook' should be a URL, or a mapping with 'url' and 'headers', found a sequence"_s;
    // SMTP.
    QTest::newRow("missing smtp host")
        << QByteArray("  channels:\n    - {id: mail, smtp: {" + mailFrom + "}}\n")
        << u"8:24: 'smtp' has no 'host'; add the relay's name, for example host: smtp.example.org"_s;
    QTest::newRow("missing from and to")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: smtp.example.org}}\n")
        << u"8:24: 'smtp' has no 'from'; add the sender's address, for example from: vigie@example.org\n"
           "8:24: 'smtp' has no 'to'; add at least one recipient, for example to: [oncall@example.org]"_s;
    QTest::newRow("empty to")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, from: v@example.org, to: []}}\n")
        << u"8:71: 'to' is empty; add at least one recipient, for example to: [oncall@example.org]"_s;
    QTest::newRow("not an address")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, from: v@example.org, to: [oncall]}}\n")
        << u"8:72: 'oncall' is not an e-mail address; expected one such as oncall@example.org, or Name "
           "<oncall@example.org>"_s;
    QTest::newRow("recipient twice")
        << QByteArray(
               "  channels:\n    - {id: mail, smtp: {host: h.example.org, from: v@example.org, to: [a@example.org, "
               "a@example.org]}}\n")
        << u"8:87: 'a@example.org' is listed twice in 'to'"_s;
    QTest::newRow("host with a port")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: 'smtp.example.org:587', " + mailFrom + "}}\n")
        << u"8:31: 'smtp.example.org:587' is not a host name; expected the relay's name or address, for example "
           "smtp.example.org (the port goes in 'port')"_s;
    QTest::newRow("bad port") << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, port: 0, " +
                                            mailFrom + "}}\n")
                              << u"8:52: port should be a whole number from 1 to 65535, found '0'"_s;
    QTest::newRow("bad security")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, security: ssl, " + mailFrom + "}}\n")
        << u"8:56: 'ssl' is not an SMTP security; expected starttls, tls or none"_s;
    QTest::newRow("username without secret")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, username: v, " + mailFrom + "}}\n")
        << u"8:24: 'smtp' has a 'username' but no 'secret'; name the secret stored in the system keychain that holds "
           "its password, for example secret: smtp-password"_s;
    QTest::newRow("secret without username")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, secret: pw, " + mailFrom + "}}\n")
        << u"8:46: 'secret' is the password of 'username', which 'smtp' does not give; add the login's user name"_s;
    QTest::newRow("password written")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, username: v, secret: pw, password: "
                      "hunter2, " +
                      mailFrom + "}}\n")
        << u"8:71: 'password' would keep a secret in the workspace file; store it in the system keychain and give "
           "its name with 'secret'"_s;
    QTest::newRow("plain-text login to a remote relay")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, security: none, username: v, secret: "
                      "pw, " +
                      mailFrom + "}}\n")
        << u"8:56: security: none would send the login of 'username' unencrypted to h.example.org; use starttls or "
           "tls (none is accepted for a loopback relay only)"_s;
    QTest::newRow("ca_file without TLS")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: 127.0.0.1, security: none, ca_file: " VIGIE_TEST_DATA
                      "/workspaces/certs/test-ca.pem, " +
                      mailFrom + "}}\n")
        << u"8:58: 'ca_file' verifies the relay's certificate, and security: none uses no TLS; use starttls or tls, or "
           "remove 'ca_file'"_s;
    QTest::newRow("unknown smtp key")
        << QByteArray("  channels:\n    - {id: mail, smtp: {host: h.example.org, colour: red, " + mailFrom + "}}\n")
        << u"8:46: unknown key 'colour'; 'smtp' accepts: host, port, security, from, to, username, secret, ca_file"_s;
    // Commands.
    QTest::newRow("command as one line")
        << QByteArray("  channels:\n    - {id: pager, command: '/usr/local/bin/page --team ops'}\n")
        << u"8:28: 'command' should be a sequence, the program then its arguments, run without a shell (for "
           "example command: [/usr/local/bin/page, --team, ops]), found the value '/usr/local/bin/page --team ops'"_s;
    QTest::newRow("empty command") << QByteArray("  channels:\n    - {id: pager, command: []}\n")
                                   << u"8:28: 'command' is empty; give the program to run, then its arguments, for "
                                      "example command: [/usr/local/bin/page, --team, ops]"_s;
    QTest::newRow("no program") << QByteArray("  channels:\n    - {id: pager, command: ['', --team]}\n")
                                << u"8:29: the first item of 'command' is the program to run; found nothing"_s;
    QTest::newRow("argument not a string")
        << QByteArray("  channels:\n    - {id: pager, command: [page, {team: ops}]}\n")
        << u"8:35: each item of 'command' should be a single value, found a mapping"_s;
    // Routes.
    QTest::newRow("unknown channel in route")
        << channelsHead + "  routes:\n    - {channels: [ops-hook, pager]}\n"
        << u"10:29: this route names channel 'pager', which alerts: channels does not declare"_s;
    QTest::newRow("misspelt channel in route")
        << QByteArray("  routes:\n    - {channels: ops-hok}\n") + channelsHead
        << u"8:18: this route names channel 'ops-hok', which alerts: channels does not declare; did you mean "
           "'ops-hook'?"_s;
    QTest::newRow("unknown service in route")
        << channelsHead + "  routes:\n    - {channels: [ops-hook], services: [wbe]}\n"
        << u"10:41: there is no service 'wbe' in this workspace; did you mean 'web'?"_s;
    QTest::newRow("unknown group in route") << channelsHead + "  routes:\n    - {channels: [ops-hook], groups: Mail}\n"
                                            << u"10:38: no service is in a group 'Mail'"_s;
    QTest::newRow("route without channels") << channelsHead + "  routes:\n    - {groups: [Web]}\n"
                                            << u"10:7: this route has no 'channels'; name the channels its alerts go "
                                               "to, for example channels: [ops-mail]"_s;
    QTest::newRow("route with no channel") << channelsHead + "  routes:\n    - {channels: []}\n"
                                           << u"10:18: 'channels' is empty; name the channels this route's alerts go "
                                              "to, for example channels: [ops-mail]"_s;
    QTest::newRow("channel in no route")
        << channelsHead + "    - {id: pager, command: [page]}\n  routes:\n    - {channels: ops-hook}\n"
        << u"9:12: no route names channel 'pager', so it would never be sent an alert; add it to a route's "
           "'channels', or remove it"_s;
    QTest::newRow("unknown route key") << channelsHead + "  routes:\n    - {channels: ops-hook, service: web}\n"
                                       << u"10:28: unknown key 'service'; did you mean 'services'?"_s;
}

void tst_WorkspaceLoader::reportsBadAlerts()
{
    QFETCH(QByteArray, alerts);
    QFETCH(QString, expected);
    const auto loaded = WorkspaceLoader::parse(alertsHead + alerts, u"inline.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(describe(loaded.error()).join(u'\n'), expected);
}

QTEST_GUILESS_MAIN(tst_WorkspaceLoader)
#include "tst_workspaceloader.moc"
