#include "silentnameserver.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUdpSocket>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Vigie::Test {

namespace {

constexpr auto childVariable = "VIGIE_TEST_SILENT_NAME_SERVER";
constexpr int childTimeoutMs = 120'000;
const QString resolvConf = u"/etc/resolv.conf"_s;

// What the child's /etc/resolv.conf says; the marker tells it from the real one.
QByteArray resolvConfFor(const QHostAddress &server)
{
    return "# vigie-test: a name server that never answers\nnameserver " + server.toString().toLatin1() +
           "\noptions timeout:5 attempts:2\n";
}

} // namespace

bool underSilentNameServer()
{
    if (!qEnvironmentVariableIsSet(childVariable))
        return false;
    QFile file(resolvConf);
    return file.open(QIODevice::ReadOnly) && file.readAll().startsWith("# vigie-test:");
}

ChildRun runUnderSilentNameServer(const char *testFunction)
{
    ChildRun run;
    if (qEnvironmentVariableIsSet(childVariable)) {
        // The child was started, but the mount did not take.
        run.output = "the child's " + resolvConf.toLatin1() + " does not name the silent server";
        return run;
    }
    if (geteuid() != 0) {
        run.skipped = u"needs root, to bind port 53 and mount over %1"_s.arg(resolvConf);
        return run;
    }
    const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
    const QString mount = QStandardPaths::findExecutable(u"mount"_s);
    if (unshare.isEmpty() || mount.isEmpty()) {
        run.skipped = u"needs unshare and mount (util-linux)"_s;
        return run;
    }
    if (!QFileInfo(resolvConf).isFile()) {
        run.skipped = u"%1 is missing: there is nothing to mount over"_s.arg(resolvConf);
        return run;
    }

    // Port 53 of a loopback address of its own: another test may hold one at the same time.
    QUdpSocket server;
    QHostAddress address;
    for (quint32 last = 53; last < 53 + 32; ++last) {
        const QHostAddress candidate((127u << 24) | (53u << 8) | last); // 127.0.53.x
        if (server.bind(candidate, 53)) {
            address = candidate;
            break;
        }
    }
    if (address.isNull()) {
        run.skipped = u"could not bind UDP port 53 on 127.0.53.x: %1"_s.arg(server.errorString());
        return run;
    }

    QTemporaryDir dir;
    QFile conf(dir.filePath(u"resolv.conf"_s));
    if (!dir.isValid() || !conf.open(QIODevice::WriteOnly) || conf.write(resolvConfFor(address)) < 0) {
        run.output = "could not write the child's resolv.conf: " + conf.errorString().toUtf8();
        return run;
    }
    conf.close();

    // The new namespace's mounts must stay in it. unshare makes them private by default, which
    // needs / to be a mount point: in a chroot it is not, but there, with no shared mount at all
    // (a private namespace already), nothing can propagate and the propagation is left as it is.
    QFile mountInfo(u"/proc/self/mountinfo"_s);
    const bool noSharedMount = mountInfo.open(QIODevice::ReadOnly) && !mountInfo.readAll().contains(" shared:");
    const QString propagation = noSharedMount ? u"unchanged"_s : u"private"_s;

    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(childVariable), u"1"_s);
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(unshare, {u"--mount"_s, u"--propagation"_s, propagation, u"sh"_s, u"-c"_s,
                          u"\"$1\" --bind \"$2\" \"$3\" && shift 3 && exec \"$@\""_s, u"sh"_s, mount, conf.fileName(),
                          resolvConf, QCoreApplication::applicationFilePath(), QString::fromLatin1(testFunction)});
    if (!child.waitForFinished(childTimeoutMs)) {
        child.kill();
        child.waitForFinished();
        run.output = "the child did not finish within " + QByteArray::number(childTimeoutMs / 1000) + " s:\n";
    }
    run.output += child.readAll();
    if (run.output.startsWith("unshare: ")) {
        // Root without the right to make namespaces (a container that forbids it).
        run.skipped = u"cannot make a mount namespace: %1"_s.arg(QString::fromLocal8Bit(run.output).trimmed());
        return run;
    }
    run.passed = child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
    if (!run.passed)
        run.output.prepend("the child failed:\n");
    return run;
}

} // namespace Vigie::Test
