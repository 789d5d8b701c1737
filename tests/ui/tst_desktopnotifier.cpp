// The desktop notifier against a notification server of the test's own, on a private session bus:
// what a notification carries (summary, body, actions, hints), a resolution replacing the firing
// notification, clicks coming back as requests, the sound switch, and nothing sent while disabled.

#include "desktopnotifier.h"
#include "privatesessionbus.h"

#include <QApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusError>
#include <QDBusMessage>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Vigie::Alert;
using Vigie::DesktopNotifier;
using Vigie::HealthState;

namespace {

const QString notificationsService = u"org.freedesktop.Notifications"_s;
const QString notificationsPath = u"/org/freedesktop/Notifications"_s;
const QString serverConnection = u"notification server"_s;

// The server's side of org.freedesktop.Notifications, on a connection of its own to the private
// bus (as a desktop's would be): it records each call and answers with ids as the specification
// says (a new one, or the replaced one), and sends the signals a person's clicks would.
class NotificationRecorder : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Notification
    {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
        uint id = 0; // the one answered
    };

    explicit NotificationRecorder(const QDBusConnection &bus)
        : m_bus(bus)
    {}

    QStringList capabilities{u"actions"_s, u"body"_s, u"body-markup"_s, u"sound"_s, u"persistence"_s};
    QList<Notification> notifications;
    QList<uint> closed;
    int capabilityQueries = 0;

    void invokeAction(uint id, const QString &action)
    {
        QDBusMessage signal = QDBusMessage::createSignal(notificationsPath, notificationsService, u"ActionInvoked"_s);
        signal << id << action;
        QVERIFY(m_bus.send(signal));
    }

    // reason 2: dismissed by the user.
    void closeByUser(uint id)
    {
        QDBusMessage signal =
            QDBusMessage::createSignal(notificationsPath, notificationsService, u"NotificationClosed"_s);
        signal << id << 2u;
        QVERIFY(m_bus.send(signal));
    }

public Q_SLOTS:
    QStringList GetCapabilities()
    {
        ++capabilityQueries;
        return capabilities;
    }

    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int expireTimeout)
    {
        static uint nextId = 1;
        bool known = false;
        for (const Notification &shown : std::as_const(notifications))
            known = known || shown.id == replacesId;
        const uint id = replacesId != 0 && known ? replacesId : nextId++;
        notifications.append({appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout, id});
        return id;
    }

    void CloseNotification(uint id) { closed.append(id); }

    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = u"Vigie tests"_s;
        version = u"1"_s;
        specVersion = u"1.2"_s;
        return u"recorder"_s;
    }

private:
    QDBusConnection m_bus;
};

Vigie::Test::PrivateBus &privateBus()
{
    static Vigie::Test::PrivateBus bus;
    return bus;
}

Alert downAlert()
{
    Alert alert;
    alert.key = u"service:portal"_s;
    alert.kind = Alert::Kind::Down;
    alert.timestampMs = QDateTime::currentMSecsSinceEpoch();
    alert.sinceMs = alert.timestampMs - 5 * 60'000;
    alert.serviceId = u"portal"_s;
    alert.serviceName = u"Customer portal"_s;
    alert.group = u"Web"_s;
    alert.state = HealthState::Down;
    alert.cause = u"connection refused by <db1> & db2"_s;
    alert.impacted = {u"Checkout"_s, u"Search"_s};
    return alert;
}

Alert resolutionOf(Alert alert)
{
    alert.resolved = true;
    alert.state = HealthState::Up;
    alert.timestampMs += 60'000;
    alert.cause.clear();
    alert.impacted.clear();
    return alert;
}

} // namespace

class tst_DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    // Before the application exists: it (and the notifier) must only ever see the private bus.
    static void initMain()
    {
        privateBus().start();
        if (!privateBus().address.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", privateBus().address);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (privateBus().daemonMissing)
            QSKIP("dbus-daemon is not installed: this test needs it for a private session bus");
        QVERIFY2(privateBus().problem.isEmpty(), qPrintable(privateBus().problem));
        QVERIFY(QDBusConnection::sessionBus().isConnected());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QDBusConnection server =
            QDBusConnection::connectToBus(QString::fromLocal8Bit(privateBus().address), serverConnection);
        QVERIFY2(server.isConnected(), qPrintable(server.lastError().message()));
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus(serverConnection);
        privateBus().stop();
    }

    void init()
    {
        QDBusConnection bus(serverConnection);
        m_server = std::make_unique<NotificationRecorder>(bus);
        QVERIFY(bus.registerObject(notificationsPath, m_server.get(), QDBusConnection::ExportAllSlots));
        QVERIFY(bus.registerService(notificationsService));
    }

    void cleanup()
    {
        QDBusConnection bus(serverConnection);
        bus.unregisterObject(notificationsPath);
        QVERIFY(bus.unregisterService(notificationsService));
        m_server.reset();
    }

    void firingAlert()
    {
        DesktopNotifier notifier;
        QVERIFY(notifier.isEnabled());
        QVERIFY(notifier.isSoundEnabled());
        const Alert alert = downAlert();
        notifier.notify(alert);
        QTRY_COMPARE(m_server->notifications.size(), 1);
        QCOMPARE(m_server->capabilityQueries, 1);

        const NotificationRecorder::Notification &shown = m_server->notifications.first();
        QCOMPARE(shown.appName, u"Vigie"_s);
        QCOMPARE(shown.replacesId, 0u);
        QCOMPARE(shown.appIcon, u"org.vigie.Vigie"_s);
        QCOMPARE(shown.summary, u"Down: Customer portal"_s);
        // The server reads markup (body-markup): what would be taken for it is escaped.
        QVERIFY2(shown.body.startsWith(u"connection refused by &lt;db1&gt; &amp; db2\nSince "_s),
                 qPrintable(shown.body));
        QVERIFY2(shown.body.endsWith(u".\nAlso failing because of it: Checkout, Search."_s), qPrintable(shown.body));
        QCOMPARE(shown.actions, (QStringList{u"default"_s, u"Show in Vigie"_s, u"acknowledge"_s, u"Acknowledge"_s}));
        QCOMPARE(shown.expireTimeout, -1);
        QCOMPARE(shown.hints.value(u"urgency"_s).metaType(), QMetaType::fromType<uchar>());
        QCOMPARE(shown.hints.value(u"urgency"_s).value<uchar>(), uchar(2)); // critical
        QCOMPARE(shown.hints.value(u"category"_s).toString(), u"network.error"_s);
        QCOMPARE(shown.hints.value(u"desktop-entry"_s).toString(), u"org.vigie.Vigie"_s);
        QCOMPARE(shown.hints.value(u"sound-name"_s).toString(), u"dialog-warning"_s);
        QVERIFY(!shown.hints.contains(u"suppress-sound"_s));

        // The state's icon, as raw RGBA (iiibiiay).
        const auto image = shown.hints.value(u"image-data"_s).value<QDBusArgument>();
        QCOMPARE(image.currentSignature(), u"(iiibiiay)"_s);
        int width = 0, height = 0, rowStride = 0, bitsPerSample = 0, channels = 0;
        bool hasAlpha = false;
        QByteArray data;
        image.beginStructure();
        image >> width >> height >> rowStride >> hasAlpha >> bitsPerSample >> channels >> data;
        image.endStructure();
        QCOMPARE(width, 64);
        QCOMPARE(height, 64);
        QVERIFY(hasAlpha);
        QCOMPARE(bitsPerSample, 8);
        QCOMPARE(channels, 4);
        QCOMPARE(rowStride, 64 * 4);
        QCOMPARE(data.size(), qsizetype(rowStride) * height);

        // A degraded service's notification is of normal urgency.
        Alert degraded = downAlert();
        degraded.key = u"service:search"_s;
        degraded.kind = Alert::Kind::Degraded;
        degraded.state = HealthState::Degraded;
        degraded.serviceName = u"Search"_s;
        notifier.notify(degraded);
        QTRY_COMPARE(m_server->notifications.size(), 2);
        QCOMPARE(m_server->notifications.at(1).summary, u"Degraded: Search"_s);
        QCOMPARE(m_server->notifications.at(1).replacesId, 0u);
        QCOMPARE(m_server->notifications.at(1).hints.value(u"urgency"_s).value<uchar>(), uchar(1));
        // Asked once per server.
        QCOMPARE(m_server->capabilityQueries, 1);
    }

    void plainBodyWithoutMarkup()
    {
        m_server->capabilities = {u"actions"_s, u"body"_s};
        DesktopNotifier notifier;
        notifier.notify(downAlert());
        QTRY_COMPARE(m_server->notifications.size(), 1);
        QVERIFY2(m_server->notifications.first().body.startsWith(u"connection refused by <db1> & db2\n"_s),
                 qPrintable(m_server->notifications.first().body));
    }

    void resolutionReplacesTheFiring()
    {
        DesktopNotifier notifier;
        const Alert firing = downAlert();
        notifier.notify(firing);
        QTRY_COMPARE(m_server->notifications.size(), 1);
        const uint id = m_server->notifications.first().id;
        QVERIFY(id != 0);

        const Alert resolved = resolutionOf(firing);
        notifier.notify(resolved);
        QTRY_COMPARE(m_server->notifications.size(), 2);
        const NotificationRecorder::Notification &shown = m_server->notifications.at(1);
        QCOMPARE(shown.replacesId, id);
        QCOMPARE(shown.id, id);
        QCOMPARE(shown.summary, u"Resolved: Customer portal"_s);
        // How long it lasted and since when, as every channel says it (Alert::text()).
        QCOMPARE(shown.body, resolved.text());
        QVERIFY2(shown.body.startsWith(u"Was down for "_s), qPrintable(shown.body));
        // Nothing to acknowledge any more; a click still opens the service.
        QCOMPARE(shown.actions, (QStringList{u"default"_s, u"Show in Vigie"_s}));
        QCOMPARE(shown.hints.value(u"urgency"_s).value<uchar>(), uchar(0)); // low
        QCOMPARE(shown.hints.value(u"category"_s).toString(), u"network"_s);
        QCOMPARE(shown.hints.value(u"sound-name"_s).toString(), u"complete"_s);
    }

    // The resolution comes before the server has answered for the firing: it waits for the id.
    void resolutionRightAfterTheFiring()
    {
        DesktopNotifier notifier;
        const Alert firing = downAlert();
        notifier.notify(firing);
        notifier.notify(resolutionOf(firing));
        QTRY_COMPARE(m_server->notifications.size(), 2);
        QCOMPARE(m_server->notifications.at(0).replacesId, 0u);
        QCOMPARE(m_server->notifications.at(1).replacesId, m_server->notifications.at(0).id);
        QCOMPARE(m_server->notifications.at(1).summary, u"Resolved: Customer portal"_s);
    }

    void clicksComeBack()
    {
        DesktopNotifier notifier;
        QSignalSpy open(&notifier, &DesktopNotifier::openServiceRequested);
        QSignalSpy acknowledge(&notifier, &DesktopNotifier::acknowledgeRequested);
        notifier.notify(downAlert());
        Alert other = downAlert();
        other.key = u"service:mail"_s;
        other.serviceId = u"mail"_s;
        other.serviceName = u"Mail relay"_s;
        notifier.notify(other);
        QTRY_COMPARE(m_server->notifications.size(), 2);
        const uint portal = m_server->notifications.at(0).id;
        const uint mail = m_server->notifications.at(1).id;

        // Another application's notification is none of the notifier's business; the signals
        // arrive in the order sent, so the click after it tells when it has been passed over.
        m_server->invokeAction(portal + mail + 100, u"default"_s);
        m_server->invokeAction(portal, u"default"_s);
        QTRY_COMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toString(), u"portal"_s);

        m_server->invokeAction(mail, u"acknowledge"_s);
        QTRY_COMPARE(acknowledge.count(), 1);
        QCOMPARE(acknowledge.at(0).at(0).toString(), u"mail"_s);
        QCOMPARE(open.count(), 1);

        // Dismissed: the resolution shows afresh rather than replacing what is gone.
        m_server->closeByUser(portal);
        m_server->invokeAction(mail, u"default"_s);
        QTRY_COMPARE(open.count(), 2);
        QCOMPARE(open.at(1).at(0).toString(), u"mail"_s);
        notifier.notify(resolutionOf(downAlert()));
        QTRY_COMPARE(m_server->notifications.size(), 3);
        QCOMPARE(m_server->notifications.at(2).replacesId, 0u);
        QVERIFY(m_server->notifications.at(2).id != portal);
    }

    void soundFollowsTheSetting()
    {
        DesktopNotifier notifier;
        notifier.setSoundEnabled(false);
        QVERIFY(!notifier.isSoundEnabled());
        notifier.notify(downAlert());
        QTRY_COMPARE(m_server->notifications.size(), 1);
        QVERIFY(!m_server->notifications.at(0).hints.contains(u"sound-name"_s));
        QCOMPARE(m_server->notifications.at(0).hints.value(u"suppress-sound"_s).toBool(), true);

        notifier.setSoundEnabled(true);
        notifier.notify(resolutionOf(downAlert()));
        QTRY_COMPARE(m_server->notifications.size(), 2);
        QCOMPARE(m_server->notifications.at(1).hints.value(u"sound-name"_s).toString(), u"complete"_s);
        QVERIFY(!m_server->notifications.at(1).hints.contains(u"suppress-sound"_s));
    }

    void disabledSendsNothing()
    {
        DesktopNotifier notifier;
        notifier.setEnabled(false);
        QVERIFY(!notifier.isEnabled());
        notifier.notify(downAlert());
        // Enabled again, the next alert is the first the server hears of (calls arrive in order).
        notifier.setEnabled(true);
        Alert next = downAlert();
        next.key = u"service:mail"_s;
        next.serviceName = u"Mail relay"_s;
        notifier.notify(next);
        QTRY_COMPARE(m_server->notifications.size(), 1);
        QCOMPARE(m_server->notifications.at(0).summary, u"Down: Mail relay"_s);

        // Disabled while the capabilities are being asked: what waited is dropped too.
        DesktopNotifier second;
        second.notify(downAlert());
        second.setEnabled(false);
        second.setEnabled(true);
        second.notify(next);
        QTRY_COMPARE(m_server->notifications.size(), 2);
        QCOMPARE(m_server->notifications.at(1).summary, u"Down: Mail relay"_s);
    }

    void textsOfEachKind()
    {
        Alert certificate = downAlert();
        certificate.kind = Alert::Kind::Certificate;
        certificate.key = u"certificate:portal:0"_s;
        certificate.state = HealthState::Degraded;
        certificate.cause = u"certificate expires in 9 days"_s;
        certificate.impacted.clear();
        certificate.sinceMs = 0;
        QCOMPARE(certificate.title(), u"Certificate expiring: Customer portal"_s);
        QCOMPARE(certificate.text(5), u"certificate expires in 9 days"_s);
        QCOMPARE(resolutionOf(certificate).title(), u"Resolved: Customer portal"_s);

        Alert flapping = downAlert();
        flapping.kind = Alert::Kind::Flapping;
        flapping.changes = 6;
        flapping.cause.clear();
        flapping.impacted.clear();
        QCOMPARE(flapping.title(), u"Flapping: Customer portal"_s);
        QVERIFY2(flapping.text(5).startsWith(u"Changed state 6 times since "_s), qPrintable(flapping.text(5)));

        // A name missing: the id; many impacted: the first few, and how many more.
        Alert many = downAlert();
        many.serviceName.clear();
        many.cause.clear();
        many.sinceMs = 0;
        many.impacted = {u"A"_s, u"B"_s, u"C"_s, u"D"_s, u"E"_s, u"F"_s, u"G"_s};
        QCOMPARE(many.title(), u"Down: portal"_s);
        QCOMPARE(many.text(5), u"Also failing because of it: A, B, C, D, E and 2 more."_s);
        QCOMPARE(many.text(), u"Also failing because of it: A, B, C, D, E, F, G."_s);
    }

private:
    std::unique_ptr<NotificationRecorder> m_server;
};

QTEST_MAIN(tst_DesktopNotifier)
#include "tst_desktopnotifier.moc"
