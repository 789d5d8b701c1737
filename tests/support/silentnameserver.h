#pragma once

#include <QByteArray>
#include <QString>
#include <QTest>

// A name server that never answers, for probes whose host name lookup must hang as it does when a
// resolver is down: the test program runs one of its own test functions again in a child process
// placed in a mount namespace of its own (unshare -m), where /etc/resolv.conf names a loopback
// address on which the parent holds a UDP socket that reads nothing. The system's resolver then
// gives up after 10 s ("options timeout:5 attempts:2"), as the one that stalled probes in the field
// did. Binding port 53 and mounting need root: without it, or without unshare, the test is skipped
// (CI runs as root).
namespace Vigie::Test {

using namespace Qt::StringLiterals;

// A host name that only the name server could answer, so that looking it up hangs.
inline const QString silentHostName = u"probe-target.vigie-test.example"_s;

// True in the child process, once /etc/resolv.conf names the silent server.
bool underSilentNameServer();

struct ChildRun
{
    QString skipped;     // why the child could not run; empty when it ran
    bool passed = false; // it ran, and its test function passed
    QByteArray output;   // what it printed, for the failure message
};

// In the parent: runs `testFunction` of this program in the child, and waits for it.
ChildRun runUnderSilentNameServer(const char *testFunction);

} // namespace Vigie::Test

// At the top of a test function whose body must run under the silent name server: in the
// parent, runs the function in the child and reports its outcome; in the child, goes on with the
// body.
#define VIGIE_UNDER_SILENT_NAME_SERVER()                                                                               \
    do {                                                                                                               \
        if (!Vigie::Test::underSilentNameServer()) {                                                                   \
            const Vigie::Test::ChildRun run = Vigie::Test::runUnderSilentNameServer(QTest::currentTestFunction());     \
            if (!run.skipped.isEmpty())                                                                                \
                QSKIP(qPrintable(run.skipped));                                                                        \
            QVERIFY2(run.passed, run.output.constData());                                                              \
            return;                                                                                                    \
        }                                                                                                              \
    } while (false)
