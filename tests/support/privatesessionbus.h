#pragma once

// A D-Bus session bus of a test's own (Linux and the BSDs; the tests that include this are built
// only there), for the tests that talk to a fake desktop service over QtDBus.

#include <QByteArray>
#include <QFile>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

#include <csignal>
#include <memory>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Vigie::Test {

using namespace Qt::StringLiterals;

// The session bus of the whole test: a dbus-daemon of its own, started before the application
// (and anything in it) connects to one. It serves no activatable services, so that a name nobody
// owns is an error at once, whatever is installed. It dies with the test, even a crashed one.
struct PrivateBus
{
    std::unique_ptr<QTemporaryDir> dir;
    pid_t pid = -1;
    QByteArray address;
    QString problem; // why there is none
    bool daemonMissing = false;

    void start()
    {
        const QString daemon = QStandardPaths::findExecutable(u"dbus-daemon"_s);
        if (daemon.isEmpty()) {
            daemonMissing = true;
            return;
        }
        dir = std::make_unique<QTemporaryDir>();
        QFile config(dir->filePath(u"session.conf"_s));
        if (!dir->isValid() || !config.open(QIODevice::WriteOnly)) {
            problem = u"cannot write the bus configuration in %1"_s.arg(dir->path());
            return;
        }
        config.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                     " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                     "<busconfig>\n"
                     "  <type>session</type>\n"
                     "  <listen>unix:dir=" +
                     dir->path().toUtf8() +
                     "</listen>\n"
                     "  <auth>EXTERNAL</auth>\n"
                     "  <policy context=\"default\">\n"
                     "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                     "    <allow eavesdrop=\"true\"/>\n"
                     "    <allow own=\"*\"/>\n"
                     "  </policy>\n"
                     "</busconfig>\n");
        config.close();

        const QByteArray program = daemon.toLocal8Bit();
        const QByteArray configArgument = "--config-file=" + config.fileName().toLocal8Bit();
        int output[2];
        if (::pipe(output) != 0) {
            problem = u"pipe() failed"_s;
            return;
        }
        const pid_t parent = ::getpid();
        pid = ::fork();
        if (pid == 0) {
            // The daemon goes when the test does, however it ends.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != parent)
                ::_exit(1);
            ::dup2(output[1], STDOUT_FILENO);
            ::close(output[0]);
            ::close(output[1]);
            const char *const arguments[] = {program.constData(), "--nofork", "--print-address=1",
                                             configArgument.constData(), nullptr};
            ::execv(program.constData(), const_cast<char *const *>(arguments));
            ::_exit(127);
        }
        ::close(output[1]);
        if (pid < 0) {
            ::close(output[0]);
            problem = u"fork() failed"_s;
            return;
        }
        // The daemon prints its address once it listens.
        char c;
        while (::read(output[0], &c, 1) == 1 && c != '\n')
            address += c;
        ::close(output[0]);
        if (address.isEmpty())
            problem = u"%1 printed no address"_s.arg(daemon);
    }

    void stop()
    {
        if (pid > 0) {
            ::kill(pid, SIGTERM);
            ::waitpid(pid, nullptr, 0);
            pid = -1;
        }
    }
};

} // namespace Vigie::Test
