#include "privatesessionbus.h"
#include "screensaverinhibitor.h"

#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusError>
#include <QDBusMessage>
#include <QGuiApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <utility>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

const QString screenSaverService = u"org.freedesktop.ScreenSaver"_s;
const QString specPath = u"/org/freedesktop/ScreenSaver"_s;
const QString oldPath = u"/ScreenSaver"_s;
const QString reason = u"Wall display: NOC overview"_s;
const QString fakeConnection = u"fake desktop"_s;

// Set in the environment of the copy of this test that runs without a session bus.
constexpr char noBusVariable[] = "VIGIE_TEST_NO_SESSION_BUS";

bool isNoBusChild()
{
    return qEnvironmentVariableIsSet(noBusVariable);
}

Vigie::Test::PrivateBus &privateBus()
{
    static Vigie::Test::PrivateBus bus;
    return bus;
}

// The desktop's side of org.freedesktop.ScreenSaver, on a connection of its own to the private bus
// (as a desktop would be): it records what it is asked, answers Inhibit with cookies of its own,
// or holds its answers until told, or refuses.
class FakeScreenSaver : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.ScreenSaver")

public:
    struct Inhibition
    {
        QString applicationName;
        QString reason;
        QString path;
        uint cookie;
    };

    explicit FakeScreenSaver(const QDBusConnection &bus)
        : m_bus(bus)
    {}

    QList<Inhibition> inhibitions;
    QList<uint> unInhibited;
    bool holdAnswers = false;
    QString refusal; // when set, Inhibit fails with it

    // Answers the held Inhibit calls.
    bool answer()
    {
        bool sent = true;
        for (const auto &[call, cookie] : std::as_const(m_held))
            sent = m_bus.send(call.createReply(QVariant::fromValue(cookie))) && sent;
        m_held.clear();
        return sent;
    }

public Q_SLOTS:
    uint Inhibit(const QString &applicationName, const QString &reason)
    {
        // Cookies differ from one test to the next, so that none is taken for another's.
        static uint nextCookie = 4100;
        const uint cookie = nextCookie++;
        inhibitions.append({applicationName, reason, message().path(), cookie});
        if (!refusal.isEmpty()) {
            sendErrorReply(QDBusError::AccessDenied, refusal);
            return 0;
        }
        if (holdAnswers) {
            setDelayedReply(true);
            m_held.append({message(), cookie});
        }
        return cookie;
    }

    void UnInhibit(uint cookie) { unInhibited.append(cookie); }

private:
    QDBusConnection m_bus;
    QList<std::pair<QDBusMessage, uint>> m_held;
};

} // namespace

class TestScreenSaverInhibitor : public QObject
{
    Q_OBJECT

public:
    // Before the application exists: it (and the inhibitor) must only ever see the private bus.
    static void initMain()
    {
        if (isNoBusChild())
            return;
        privateBus().start();
        if (!privateBus().address.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", privateBus().address);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (isNoBusChild())
            return;
        if (privateBus().daemonMissing)
            QSKIP("dbus-daemon is not installed: this test needs it for a private session bus");
        QVERIFY2(privateBus().problem.isEmpty(), qPrintable(privateBus().problem));
        QVERIFY(QDBusConnection::sessionBus().isConnected());
        QGuiApplication::setApplicationDisplayName(u"Vigie"_s);
        const QDBusConnection fake =
            QDBusConnection::connectToBus(QString::fromLocal8Bit(privateBus().address), fakeConnection);
        QVERIFY2(fake.isConnected(), qPrintable(fake.lastError().message()));
    }

    void cleanupTestCase()
    {
        if (isNoBusChild())
            return;
        QDBusConnection::disconnectFromBus(fakeConnection);
        privateBus().stop();
    }

    void cleanup()
    {
        if (!m_fake)
            return;
        QDBusConnection bus = QDBusConnection(fakeConnection);
        bus.unregisterObject(specPath);
        bus.unregisterObject(oldPath);
        QVERIFY(bus.unregisterService(screenSaverService));
        m_fake.reset();
    }

    void inhibitAndRelease()
    {
        QVERIFY(serve({specPath}));
        FakeScreenSaver &fake = *m_fake;
        ScreenSaverInhibitor inhibitor;
        QSignalSpy activeChanged(&inhibitor, &ScreenSaverInhibitor::activeChanged);
        QSignalSpy failed(&inhibitor, &ScreenSaverInhibitor::failed);

        inhibitor.inhibit(reason);
        QVERIFY(!inhibitor.isActive()); // until the desktop answers
        QTRY_VERIFY(inhibitor.isActive());
        QCOMPARE(activeChanged.count(), 1);
        QCOMPARE(activeChanged.at(0).at(0).toBool(), true);
        QCOMPARE(fake.inhibitions.size(), 1);
        QCOMPARE(fake.inhibitions.at(0).applicationName, u"Vigie"_s);
        QCOMPARE(fake.inhibitions.at(0).reason, reason);
        QCOMPARE(fake.inhibitions.at(0).path, specPath);

        // Held already: nothing more is asked. (A second Inhibit would reach the desktop before
        // the UnInhibit below, sent after it on the same connection.)
        inhibitor.inhibit(u"Another reason"_s);

        inhibitor.release();
        QVERIFY(!inhibitor.isActive());
        QCOMPARE(activeChanged.count(), 2);
        QCOMPARE(activeChanged.at(1).at(0).toBool(), false);
        QTRY_COMPARE(fake.unInhibited, QList<uint>{fake.inhibitions.at(0).cookie});
        QCOMPARE(fake.inhibitions.size(), 1);
        QVERIFY(failed.isEmpty());

        // Released: nothing to release any more.
        inhibitor.release();
        QCOMPARE(activeChanged.count(), 2);

        // And it inhibits again.
        inhibitor.inhibit(reason);
        QTRY_VERIFY(inhibitor.isActive());
        QCOMPARE(fake.inhibitions.size(), 2);
        inhibitor.release();
        QTRY_COMPARE(fake.unInhibited.size(), 2);
        QCOMPARE(fake.unInhibited.at(1), fake.inhibitions.at(1).cookie);
    }

    void releasedBeforeTheAnswer_data()
    {
        QTest::addColumn<bool>("destroy");
        QTest::newRow("release()") << false;
        QTest::newRow("destructor") << true;
    }

    void releasedBeforeTheAnswer()
    {
        QFETCH(bool, destroy);
        QVERIFY(serve({specPath}));
        FakeScreenSaver &fake = *m_fake;
        fake.holdAnswers = true;
        auto inhibitor = std::make_unique<ScreenSaverInhibitor>();
        QSignalSpy activeChanged(inhibitor.get(), &ScreenSaverInhibitor::activeChanged);
        QSignalSpy failed(inhibitor.get(), &ScreenSaverInhibitor::failed);

        inhibitor->inhibit(reason);
        QTRY_COMPARE(fake.inhibitions.size(), 1);
        QVERIFY(!inhibitor->isActive());
        if (destroy) {
            inhibitor.reset();
        } else {
            inhibitor->release();
            QVERIFY(!inhibitor->isActive());
        }

        // The cookie that comes back is given back at once, and nothing was ever active.
        QVERIFY(fake.answer());
        QTRY_COMPARE(fake.unInhibited, QList<uint>{fake.inhibitions.at(0).cookie});
        QVERIFY(activeChanged.isEmpty());
        QVERIFY(failed.isEmpty());
        if (!destroy)
            QVERIFY(!inhibitor->isActive());
    }

    void destructorReleases()
    {
        QVERIFY(serve({specPath}));
        FakeScreenSaver &fake = *m_fake;
        auto inhibitor = std::make_unique<ScreenSaverInhibitor>();
        inhibitor->inhibit(reason);
        QTRY_VERIFY(inhibitor->isActive());
        inhibitor.reset();
        QTRY_COMPARE(fake.unInhibited, QList<uint>{fake.inhibitions.at(0).cookie});
    }

    void onlyTheOldPath()
    {
        QVERIFY(serve({oldPath}));
        FakeScreenSaver &fake = *m_fake;
        ScreenSaverInhibitor inhibitor;
        QSignalSpy activeChanged(&inhibitor, &ScreenSaverInhibitor::activeChanged);
        QSignalSpy failed(&inhibitor, &ScreenSaverInhibitor::failed);

        inhibitor.inhibit(reason);
        QTRY_VERIFY(inhibitor.isActive());
        QCOMPARE(activeChanged.count(), 1);
        QCOMPARE(fake.inhibitions.size(), 1);
        QCOMPARE(fake.inhibitions.at(0).path, oldPath);
        QCOMPARE(fake.inhibitions.at(0).reason, reason);

        // The cookie goes back where it came from (nothing else is served).
        inhibitor.release();
        QTRY_COMPARE(fake.unInhibited, QList<uint>{fake.inhibitions.at(0).cookie});
        QVERIFY(failed.isEmpty());
    }

    void noService()
    {
        ScreenSaverInhibitor inhibitor;
        QSignalSpy activeChanged(&inhibitor, &ScreenSaverInhibitor::activeChanged);
        QSignalSpy failed(&inhibitor, &ScreenSaverInhibitor::failed);

        inhibitor.inhibit(reason);
        QTRY_COMPARE(failed.count(), 1);
        const QString sentence = failed.at(0).at(0).toString();
        QVERIFY2(sentence.contains(u"org.freedesktop.ScreenSaver"_s), qPrintable(sentence));
        QVERIFY(!inhibitor.isActive());
        QVERIFY(activeChanged.isEmpty());

        // Failed, then asked again: said again, once.
        inhibitor.inhibit(reason);
        QTRY_COMPARE(failed.count(), 2);
        QVERIFY(!inhibitor.isActive());
        inhibitor.release();
        QVERIFY(activeChanged.isEmpty());
    }

    void refused()
    {
        QVERIFY(serve({specPath, oldPath}));
        FakeScreenSaver &fake = *m_fake;
        fake.refusal = u"Inhibition is disabled by the administrator"_s;
        ScreenSaverInhibitor inhibitor;
        QSignalSpy activeChanged(&inhibitor, &ScreenSaverInhibitor::activeChanged);
        QSignalSpy failed(&inhibitor, &ScreenSaverInhibitor::failed);

        inhibitor.inhibit(reason);
        QTRY_COMPARE(failed.count(), 1);
        const QString sentence = failed.at(0).at(0).toString();
        QVERIFY2(sentence.contains(fake.refusal), qPrintable(sentence));
        // A refusal is an answer: the other path is not asked too.
        QCOMPARE(fake.inhibitions.size(), 1);
        QVERIFY(!inhibitor.isActive());
        QVERIFY(activeChanged.isEmpty());
    }

    // A copy of this test runs with a session bus address that leads nowhere, so that the
    // inhibitor finds no bus at all (the one of this process is connected for good).
    void noSessionBus()
    {
        if (isNoBusChild()) {
            QVERIFY(!QDBusConnection::sessionBus().isConnected());
            ScreenSaverInhibitor inhibitor;
            QSignalSpy activeChanged(&inhibitor, &ScreenSaverInhibitor::activeChanged);
            QSignalSpy failed(&inhibitor, &ScreenSaverInhibitor::failed);
            inhibitor.inhibit(reason);
            QCOMPARE(failed.count(), 1);
            QVERIFY(failed.at(0).at(0).toString().contains(u"session bus"_s));
            QVERIFY(!inhibitor.isActive());
            QVERIFY(activeChanged.isEmpty());
            return;
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(noBusVariable), u"1"_s);
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + dir.filePath(u"no-bus"_s));
        QProcess child;
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {u"noSessionBus"_s});
        QVERIFY(child.waitForFinished(60'000));
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, child.readAll().constData());
    }

private:
    // A fake desktop (m_fake) that owns org.freedesktop.ScreenSaver and serves it at these paths.
    bool serve(const QStringList &paths)
    {
        QDBusConnection bus(fakeConnection);
        m_fake = std::make_unique<FakeScreenSaver>(bus);
        for (const QString &path : paths) {
            if (!bus.registerObject(path, m_fake.get(), QDBusConnection::ExportAllSlots))
                return false;
        }
        return bus.registerService(screenSaverService);
    }

    std::unique_ptr<FakeScreenSaver> m_fake;
};

QTEST_MAIN(TestScreenSaverInhibitor)
#include "tst_screensaverinhibitor.moc"
