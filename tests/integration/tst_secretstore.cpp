// Secrets in a real keychain: gnome-keyring's Secret Service, on a private D-Bus session bus and
// in a temporary home, so that the user's own keyring is never touched. The test re-executes
// itself under dbus-run-session to get that bus.
#include "secrets/secretstore.h"
#include "statuspageserver.h"
#include "vigieprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

// Set in the re-executed test, on its private bus.
constexpr char PrivateBusMarker[] = "VIGIE_TST_SECRETSTORE_PRIVATE_BUS";
// Set when no private bus could be had, with the reason, for the test to skip with.
constexpr char NoBusReason[] = "VIGIE_TST_SECRETSTORE_NO_BUS";

SecretStore::Lookup lookup(const QStringList &names)
{
    QFuture<SecretStore::Lookup> future = SecretStore::read(names);
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, 30000))
        return {{}, {}, u"the keychain did not answer within 30 s"_s};
    if (future.resultCount() == 0)
        return {{}, {}, u"the read finished without a result"_s};
    return future.result();
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

    QProcess m_keyring;

    static QByteArray busCall(const QStringList &arguments)
    {
        QProcess query;
        query.start(u"dbus-send"_s, QStringList{u"--session"_s, u"--print-reply"_s} + arguments);
        return query.waitForFinished(5000) && query.exitCode() == 0 ? query.readAllStandardOutput() : QByteArray();
    }

    // Our daemon owns the Secret Service name and has a default collection (the login keyring) to
    // write to. Asks the bus first: a call to an unowned name would have D-Bus start another daemon.
    static bool defaultCollectionReady()
    {
        if (!busCall({u"--dest=org.freedesktop.DBus"_s, u"/org/freedesktop/DBus"_s,
                      u"org.freedesktop.DBus.NameHasOwner"_s, u"string:org.freedesktop.secrets"_s})
                 .contains("boolean true"))
            return false;
        return busCall({u"--dest=org.freedesktop.secrets"_s, u"/org/freedesktop/secrets"_s,
                        u"org.freedesktop.Secret.Service.ReadAlias"_s, u"string:default"_s})
            .contains("/org/freedesktop/secrets/collection/");
    }

#ifdef VIGIE_BINARY
    using Run = Vigie::Test::VigieRun;
    static Run vigie(const QStringList &arguments, const QByteArray &input = {})
    {
        return Vigie::Test::runVigie(QString::fromUtf8(VIGIE_BINARY), arguments, {.input = input});
    }
#endif

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsSet(NoBusReason))
            QSKIP(qPrintable(qEnvironmentVariable(NoBusReason)));
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("dbus-run-session ran the test without a session bus (DBUS_SESSION_BUS_ADDRESS is unset)");
        const QString daemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
        if (daemon.isEmpty())
            QSKIP("gnome-keyring-daemon is not installed: there is no Secret Service to test against");
        if (!QDir(qEnvironmentVariable("HOME")).exists(u"runtime"_s))
            QSKIP("the private home was not set up: HOME does not hold the test's runtime folder");
        if (QStandardPaths::findExecutable(u"dbus-send"_s).isEmpty())
            QSKIP("dbus-send is not installed: the test cannot tell when the keyring is on the bus");

        // --unlock creates the login keyring, unlocked, with the password read from stdin. It is
        // incompatible with --start, and an empty stdin creates no keyring at all: an empty line does.
        m_keyring.start(daemon, {u"--foreground"_s, u"--components=secrets"_s, u"--unlock"_s});
        if (!m_keyring.waitForStarted(10000))
            QSKIP(qPrintable(u"gnome-keyring-daemon could not be started: %1"_s.arg(m_keyring.errorString())));
        m_keyring.write("\n");
        m_keyring.closeWriteChannel();
        const bool ready = QTest::qWaitFor(
            [this] { return m_keyring.state() == QProcess::NotRunning || defaultCollectionReady(); }, 20000);
        if (m_keyring.state() == QProcess::NotRunning)
            QSKIP(
                qPrintable(u"gnome-keyring-daemon exited (code %1) before it was ready: %2"_s.arg(m_keyring.exitCode())
                               .arg(QString::fromLocal8Bit(m_keyring.readAllStandardError()).trimmed())));
        if (!ready)
            QSKIP("gnome-keyring-daemon did not offer a default collection on the private bus within 20 s");
    }

    void cleanupTestCase()
    {
        if (m_keyring.state() != QProcess::NotRunning) {
            m_keyring.terminate();
            if (!m_keyring.waitForFinished(5000))
                m_keyring.kill();
        }
    }

    void writeReadAndRemove()
    {
        const QString name = u"vigie-test-token"_s;
        const QString absent = u"vigie-test-absent"_s;
        const QByteArray secret("to\0k\xff"
                                "en",
                                7); // any bytes, not just text

        const auto written = SecretStore::write(name, secret);
        QVERIFY2(written, qPrintable(written ? QString() : written.error()));
        SecretStore::Lookup found = lookup({name, absent});
        QCOMPARE(found.error, QString());
        QCOMPARE(found.secrets.size(), 1);
        QCOMPARE(found.secrets.value(name), secret);
        QCOMPARE(found.missing, QStringList{absent});

        QVERIFY(SecretStore::write(name, QByteArrayLiteral("second")));
        found = lookup({name});
        QCOMPARE(found.secrets.value(name), QByteArrayLiteral("second"));

        const auto removed = SecretStore::remove(name);
        QVERIFY2(removed, qPrintable(removed ? QString() : removed.error()));
        found = lookup({name});
        QCOMPARE(found.error, QString());
        QVERIFY(found.secrets.isEmpty());
        QCOMPARE(found.missing, QStringList{name});
        // Removing what is not there is not a failure: the keychain is as asked.
        QVERIFY(SecretStore::remove(name));
    }

    void readFromAnotherThread()
    {
        const QString name = u"vigie-test-thread"_s;
        QVERIFY(SecretStore::write(name, QByteArrayLiteral("from afar")));
        // The jobs run on the application's thread, whichever thread asks.
        QFuture<QFuture<SecretStore::Lookup>> asked = QtConcurrent::run([name] { return SecretStore::read({name}); });
        QFuture<SecretStore::Lookup> future = asked.result();
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 30000);
        QCOMPARE(future.resultCount(), 1);
        QCOMPARE(future.result().secrets.value(name), QByteArrayLiteral("from afar"));
        QVERIFY(SecretStore::remove(name));
    }

    void readingNothingFinishes()
    {
        const SecretStore::Lookup found = lookup({});
        QCOMPARE(found.error, QString());
        QVERIFY(found.secrets.isEmpty());
        QVERIFY(found.missing.isEmpty());
    }

    void commandLine()
    {
#ifndef VIGIE_BINARY
        QSKIP("built without the vigie executable (VIGIE_BUILD_UI=OFF)");
#else
        const QString name = u"vigie-test-cli"_s;
        const Run set = vigie({u"secret"_s, u"set"_s, name}, QByteArrayLiteral("hunter2\n"));
        QVERIFY2(set.exitCode == 0, set.err.constData());
        QCOMPARE(lookup({name}).secrets.value(name), QByteArrayLiteral("hunter2"));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ws = dir.filePath(u"ws.yaml"_s);
        QFile file(ws);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArrayLiteral(R"(name: Secrets
services:
  - id: portal
    probes:
      - http: http://127.0.0.1:1/
        auth: {type: basic, username: ops, secret: vigie-test-cli}
  - id: api
    probes:
      - http: http://127.0.0.1:1/api
        auth: {type: bearer, secret: vigie-test-never-set}
)"));
        file.close();
        const Run check = vigie({u"secret"_s, u"check"_s, u"--workspace"_s, ws});
        QCOMPARE(check.exitCode, 1);
        const QString listed = QString::fromUtf8(check.out);
        const auto lineMatches = [&listed](const QString &pattern) {
            return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(listed).hasMatch();
        };
        QVERIFY2(lineMatches(u"^vigie-test-cli +present$"_s), check.out.constData());
        QVERIFY2(lineMatches(u"^vigie-test-never-set +missing"_s), check.out.constData());
        QVERIFY(check.out.contains("vigie secret set vigie-test-never-set"));

        // watch reads the same keychain, and names what is missing and how to add it.
        const Run watch =
            vigie({u"watch"_s, u"--workspace"_s, ws, u"--for"_s, u"1s"_s, u"--data-dir"_s, dir.filePath(u"data"_s)});
        QVERIFY2(watch.exitCode == 0, watch.err.constData());
        QVERIFY2(watch.err.contains("\"vigie-test-never-set\" is not in the keychain"), watch.err.constData());
        QVERIFY(watch.err.contains("vigie secret set vigie-test-never-set"));
        QVERIFY2(!watch.err.contains("\"vigie-test-cli\""), "a secret that is there is not reported");

        const Run removed = vigie({u"secret"_s, u"delete"_s, name});
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QCOMPARE(lookup({name}).missing, QStringList{name});

        const Run empty = vigie({u"secret"_s, u"set"_s, name}, QByteArrayLiteral("\n"));
        QCOMPARE(empty.exitCode, 2);
        QVERIFY(lookup({name}).secrets.isEmpty());
#endif
    }

    void publishingKeepsTheTokenInTheKeychainOnly()
    {
#ifndef VIGIE_BINARY
        QSKIP("built without the vigie executable");
#else
        // A notice published through the command line to a Statuspage API, with the token in the
        // keychain: it reaches the site, and nothing Vigie writes or prints holds it.
        const QByteArray token = "sp7e0c1d2b3a49f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1";
        Vigie::Test::StatuspageServer site(u"qfn30z5r6s5h"_s, token);
        site.setRateInterval(std::chrono::milliseconds(900));
        QList<QByteArray> printed;
        const Run set = vigie({u"secret"_s, u"set"_s, u"vigie-test-statuspage"_s}, token + '\n');
        QVERIFY2(set.exitCode == 0, set.err.constData());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ws = dir.filePath(u"ws.yaml"_s);
        QFile file(ws);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(u"name: Publishing\nservices:\n"
                   "  - id: portal\n"
                   "    probes:\n"
                   "      - http: http://127.0.0.1:1/\n"
                   "status_sites:\n"
                   "  - id: public\n"
                   "    statuspage: {page_id: qfn30z5r6s5h, token: vigie-test-statuspage, api: '%1'}\n"
                   "    components: {portal: cportal00001}\n"_s.arg(site.apiUrl())
                       .toUtf8());
        file.close();
        QFile notice(dir.filePath(u"notice.md"_s));
        QVERIFY(notice.open(QIODevice::WriteOnly));
        notice.write("---\ntitle: Portal unreachable\nkind: incident\nimpact: major\ncomponents: [portal]\n---\n"
                     "**When:** since 19:23.\n");
        notice.close();
        const QString data = dir.filePath(u"data"_s);
        const QStringList where{u"--workspace"_s, ws, u"--data-dir"_s, data};
        for (const QStringList &arguments :
             {QStringList{u"notice"_s, u"new"_s, u"--from"_s, notice.fileName(), u"--data-dir"_s, data},
              QStringList{u"notice"_s, u"publish"_s, u"1"_s} + where, QStringList{u"outbox"_s, u"flush"_s} + where}) {
            // Every log line too, down to the targets' debug lines.
            qputenv("QT_LOGGING_RULES", "vigie.*.debug=true");
            const Run run = vigie(arguments);
            qunsetenv("QT_LOGGING_RULES");
            QVERIFY2(run.exitCode == 0,
                     QByteArray(arguments.join(u' ').toUtf8() + ": " + run.out + run.err).constData());
            printed << run.out << run.err;
        }
        QCOMPARE(site.incidents().size(), 1);
        QCOMPARE(site.requests().constFirst().header("Authorization"), QByteArray("OAuth " + token));

        for (const QByteArray &text : std::as_const(printed))
            QVERIFY2(!text.contains(token), text.constData());
        // The workspace, the notices database and its journal, whatever else is in the folder.
        QDirIterator files(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(token), qPrintable(f.fileName()));
            ++read;
        }
        QVERIFY(read >= 3);
        QVERIFY(SecretStore::remove(u"vigie-test-statuspage"_s).has_value());
#endif
    }

    void checkAuthenticatesWithTheKeychain()
    {
#ifndef VIGIE_BINARY
        QSKIP("built without the vigie executable");
#else
        // A server that wants the token, and the token in the keychain: `vigie check` must read it.
        QHttpServer server;
        server.route(u"/"_s, [](const QHttpServerRequest &request) {
            if (request.value("Authorization") == QByteArrayLiteral("Bearer s3cret-token"))
                return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("welcome"));
            return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("who are you?"),
                                       QHttpServerResponse::StatusCode::Unauthorized);
        });
        auto *tcp = new QTcpServer;
        QVERIFY(tcp->listen(QHostAddress::LocalHost));
        QVERIFY(server.bind(tcp));
        const QString name = u"vigie-test-check"_s;
        QVERIFY(SecretStore::write(name, QByteArrayLiteral("s3cret-token")).has_value());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ws = dir.filePath(u"ws.yaml"_s);
        QFile file(ws);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(u"name: Keychain check\nservices:\n"
                   "  - id: portal\n"
                   "    probes:\n"
                   "      - http: http://127.0.0.1:%1/\n"
                   "        auth: {type: bearer, secret: vigie-test-check}\n"_s.arg(tcp->serverPort())
                       .toUtf8());
        file.close();
        const Run check = vigie({u"check"_s, u"--workspace"_s, ws, u"--json"_s});
        QVERIFY2(check.exitCode == 0, QByteArray(check.out + check.err).constData());
        QVERIFY2(check.out.contains("\"status\": \"up\""), check.out.constData());
        QVERIFY(!check.out.contains("s3cret-token"));
        QVERIFY(SecretStore::remove(name).has_value());
#endif
    }
};

// Sets up a home of its own (keyring files, the keyring's control socket, QtKeychain's choice of
// backend all follow it) before the private bus starts, so that the bus, the keyring and anything
// D-Bus activates never see the user's.
std::optional<QString> privateEnvironment(const QTemporaryDir &home, QProcessEnvironment &env)
{
    if (!home.isValid())
        return u"no temporary folder for the private home: %1"_s.arg(home.errorString());
    const QString root = home.path();
    const QString runtime = root + u"/runtime"_s;
    for (const QString &dir : {u"/.local/share"_s, u"/.config"_s, u"/.cache"_s, u"/runtime"_s})
        if (!QDir().mkpath(root + dir))
            return u"cannot create %1"_s.arg(root + dir);
    if (!QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return u"cannot make %1 private"_s.arg(runtime);
    env.insert(u"HOME"_s, root);
    env.insert(u"XDG_DATA_HOME"_s, root + u"/.local/share"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, root + u"/.config"_s);
    env.insert(u"XDG_CACHE_HOME"_s, root + u"/.cache"_s);
    env.insert(u"XDG_RUNTIME_DIR"_s, runtime);
    // QtKeychain prefers KWallet on a KDE desktop: this test is about the Secret Service.
    for (const char *name : {"XDG_CURRENT_DESKTOP", "KDE_FULL_SESSION", "DESKTOP_SESSION", "GNOME_KEYRING_CONTROL"})
        env.remove(QString::fromLatin1(name));
    env.insert(QString::fromLatin1(PrivateBusMarker), u"1"_s);
    return std::nullopt;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!qEnvironmentVariableIsSet(PrivateBusMarker)) {
        const QString runner = QStandardPaths::findExecutable(u"dbus-run-session"_s);
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const std::optional<QString> problem = privateEnvironment(home, env);
        if (runner.isEmpty()) {
            qputenv(NoBusReason, "dbus-run-session is not installed: no private session bus for the keyring");
        } else if (problem) {
            qputenv(NoBusReason, problem->toLocal8Bit());
        } else {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedChannels);
            child.setInputChannelMode(QProcess::ForwardedInputChannel);
            child.setProcessEnvironment(env);
            child.start(runner, QStringList{u"--"_s, QCoreApplication::applicationFilePath()} + app.arguments().mid(1));
            if (child.waitForStarted()) {
                child.waitForFinished(-1);
                return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : 1;
            }
            qputenv(NoBusReason,
                    QByteArray("dbus-run-session could not be started: " + child.errorString().toLocal8Bit()));
        }
    }
    TestSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
