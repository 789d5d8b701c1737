#include "desktopnotifier.h"

#include "stateicons.h"
#include "traycontroller.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPointer>

#include <functional>
#include <utility>

// VIGIE_NOTIFICATIONS_DBUS comes from ui/CMakeLists.txt, which links QtDBus only where it is set.
#if defined(VIGIE_NOTIFICATIONS_DBUS)
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QHash>
#include <QImage>

#include <optional>
#endif

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// The services named in a body at most; the rest are counted.
constexpr qsizetype ImpactedShown = 5;

#if defined(VIGIE_NOTIFICATIONS_DBUS)

const QString notificationsService = u"org.freedesktop.Notifications"_s;
const QString notificationsPath = u"/org/freedesktop/Notifications"_s;
const QString notificationsInterface = u"org.freedesktop.Notifications"_s;

// The "image-data" hint, (iiibiiay): the state's icon as raw RGBA, which servers show in place of
// the application's icon.
struct NotificationImage
{
    int width = 0;
    int height = 0;
    int rowStride = 0;
    bool hasAlpha = true;
    int bitsPerSample = 8;
    int channels = 4;
    QByteArray data;
};

QDBusArgument &operator<<(QDBusArgument &argument, const NotificationImage &image)
{
    argument.beginStructure();
    argument << image.width << image.height << image.rowStride << image.hasAlpha << image.bitsPerSample
             << image.channels << image.data;
    argument.endStructure();
    return argument;
}

const QDBusArgument &operator>>(const QDBusArgument &argument, NotificationImage &image)
{
    argument.beginStructure();
    argument >> image.width >> image.height >> image.rowStride >> image.hasAlpha >> image.bitsPerSample >>
        image.channels >> image.data;
    argument.endStructure();
    return argument;
}

NotificationImage stateImage(HealthState state)
{
    // Large enough for the servers that show it big (GNOME, KDE); they scale it down.
    constexpr int size = 64;
    const QImage image = StateIcons::pixmap(state, size, 1.0, QApplication::palette())
                             .toImage()
                             .convertToFormat(QImage::Format_RGBA8888);
    NotificationImage converted;
    converted.width = image.width();
    converted.height = image.height();
    converted.rowStride = int(image.bytesPerLine());
    converted.data = QByteArray(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes());
    return converted;
}

// Servers that read markup in the body read a small subset of HTML: what would be taken for it is
// escaped. Quotes are left alone, which some servers would otherwise show as entities.
QString escapeMarkup(QString text)
{
    return text.replace(u'&', "&amp;"_L1).replace(u'<', "&lt;"_L1).replace(u'>', "&gt;"_L1);
}

bool isServiceMissing(const QDBusError &error)
{
    return error.type() == QDBusError::ServiceUnknown || error.name() == "org.freedesktop.DBus.Error.NameHasNoOwner"_L1;
}

// The service's signals, which QtDBus delivers to slots named by their signature.
class NotificationSignals final : public QObject
{
    Q_OBJECT

public:
    std::function<void(uint, const QString &)> actionInvoked;
    std::function<void(uint, const QString &)> activationToken;
    std::function<void(uint)> closed;

public Q_SLOTS:
    void onActionInvoked(uint id, const QString &action) { actionInvoked(id, action); }
    void onActivationToken(uint id, const QString &token) { activationToken(id, token); }
    void onNotificationClosed(uint id, uint reason)
    {
        Q_UNUSED(reason) // expired, dismissed, closed by a call: gone all the same
        closed(id);
    }
};

#endif

} // namespace

} // namespace Vigie

#if defined(VIGIE_NOTIFICATIONS_DBUS)
Q_DECLARE_METATYPE(Vigie::NotificationImage)
#endif

namespace Vigie {

struct DesktopNotifier::Private
{
    explicit Private(DesktopNotifier *notifier)
        : q(notifier)
    {}

    DesktopNotifier *q;
    QPointer<TrayController> tray;
    bool enabled = true;
    bool sound = true;
    QString trayServiceId; // the service of the last message shown by the tray

    bool showOnTray(const Alert &alert)
    {
        if (!tray)
            return false;
        trayServiceId = alert.serviceId;
        return tray->showMessage(
            alert.title(), alert.text(ImpactedShown),
            StateIcons::icon(alert.resolved ? HealthState::Up : alert.state, QApplication::palette()));
    }

#if defined(VIGIE_NOTIFICATIONS_DBUS)
    // What the server can do, asked before the first notification and again when another server
    // takes the name over. Alerts wait for the answer.
    enum class Capabilities { Unknown, Asking, Known };
    Capabilities capabilitiesState = Capabilities::Unknown;
    QStringList capabilities;
    QList<Alert> waiting;

    // The notification shown for each alert key. One call at a time per key: a resolution that
    // comes while the firing is still being shown waits for its id, so as to replace it.
    struct Shown
    {
        uint id = 0;
        QString serviceId;
        bool awaiting = false;
        std::optional<Alert> next;
    };
    QHash<QString, Shown> shown;
    QHash<uint, QString> keyById;
    NotificationSignals signalReceiver;
    std::unique_ptr<QDBusServiceWatcher> serverWatcher;

    // The bus is connected to at the first notification, not before: a console that shows none
    // never touches it.
    bool connectSignals()
    {
        if (serverWatcher)
            return true;
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected())
            return false;
        qDBusRegisterMetaType<NotificationImage>();
        signalReceiver.actionInvoked = [this](uint id, const QString &action) { actionInvoked(id, action); };
        signalReceiver.activationToken = [](uint, const QString &token) {
            // Wayland lets the window that the click is about take the focus with this token.
            qputenv("XDG_ACTIVATION_TOKEN", token.toUtf8());
        };
        signalReceiver.closed = [this](uint id) { closed(id); };
        bus.connect(notificationsService, notificationsPath, notificationsInterface, u"ActionInvoked"_s,
                    &signalReceiver, SLOT(onActionInvoked(uint, QString)));
        bus.connect(notificationsService, notificationsPath, notificationsInterface, u"ActivationToken"_s,
                    &signalReceiver, SLOT(onActivationToken(uint, QString)));
        bus.connect(notificationsService, notificationsPath, notificationsInterface, u"NotificationClosed"_s,
                    &signalReceiver, SLOT(onNotificationClosed(uint, uint)));
        // Another server (a desktop restarted, a daemon started) knows none of the ids shown, and
        // may read markup differently.
        serverWatcher =
            std::make_unique<QDBusServiceWatcher>(notificationsService, bus, QDBusServiceWatcher::WatchForOwnerChange);
        QObject::connect(serverWatcher.get(), &QDBusServiceWatcher::serviceOwnerChanged, q, [this] {
            if (capabilitiesState == Capabilities::Known)
                capabilitiesState = Capabilities::Unknown;
            keyById.clear();
            for (Shown &entry : shown)
                entry.id = 0;
        });
        return true;
    }

    void notify(const Alert &alert)
    {
        if (!connectSignals()) {
            showOnTray(alert);
            return;
        }
        if (capabilitiesState == Capabilities::Known) {
            send(alert);
            return;
        }
        waiting.append(alert);
        if (capabilitiesState == Capabilities::Unknown)
            askCapabilities();
    }

    void askCapabilities()
    {
        capabilitiesState = Capabilities::Asking;
        const QDBusMessage call = QDBusMessage::createMethodCall(notificationsService, notificationsPath,
                                                                 notificationsInterface, u"GetCapabilities"_s);
        auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), q);
        QObject::connect(watcher, &QDBusPendingCallWatcher::finished, q, [this](QDBusPendingCallWatcher *finished) {
            finished->deleteLater();
            const QDBusPendingReply<QStringList> reply = *finished;
            // No server at all: the notifications fail too, and go to the tray.
            capabilities = reply.isValid() ? reply.value() : QStringList();
            capabilitiesState = Capabilities::Known;
            const QList<Alert> ready = std::exchange(waiting, {});
            for (const Alert &alert : ready)
                send(alert);
        });
    }

    void send(const Alert &alert)
    {
        const QString key = alert.key.isEmpty() ? alert.serviceId : alert.key;
        Shown &entry = shown[key];
        if (entry.awaiting) {
            entry.next = alert; // the latest news about the key is the one worth showing
            return;
        }
        entry.awaiting = true;

        QStringList actions{u"default"_s, DesktopNotifier::tr("Show in Vigie")};
        if (!alert.resolved)
            actions << u"acknowledge"_s << DesktopNotifier::tr("Acknowledge");
        QVariantMap hints;
        const bool down = !alert.resolved && alert.kind == Alert::Kind::Down;
        // Low, normal, critical: a critical notification stays until it is dismissed.
        hints.insert(u"urgency"_s, QVariant::fromValue(uchar(alert.resolved ? 0 : down ? 2 : 1)));
        hints.insert(u"category"_s, alert.resolved ? u"network"_s : u"network.error"_s);
        hints.insert(u"desktop-entry"_s, QString::fromLatin1(DesktopEntry));
        hints.insert(u"image-data"_s, QVariant::fromValue(stateImage(alert.resolved ? HealthState::Up : alert.state)));
        if (sound)
            hints.insert(u"sound-name"_s, alert.resolved ? u"complete"_s : u"dialog-warning"_s);
        else
            hints.insert(u"suppress-sound"_s, true);
        const QString body = alert.text(ImpactedShown);

        QDBusMessage call = QDBusMessage::createMethodCall(notificationsService, notificationsPath,
                                                           notificationsInterface, u"Notify"_s);
        call << u"Vigie"_s << entry.id << QString::fromLatin1(DesktopEntry) << alert.title()
             << (capabilities.contains("body-markup"_L1) ? escapeMarkup(body) : body) << actions << hints
             << -1; // the server's own timeout
        auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), q);
        QObject::connect(watcher, &QDBusPendingCallWatcher::finished, q,
                         [this, key, alert](QDBusPendingCallWatcher *finished) {
                             finished->deleteLater();
                             answered(key, alert, *finished);
                         });
    }

    void answered(const QString &key, const Alert &alert, const QDBusPendingReply<uint> &reply)
    {
        Shown &entry = shown[key];
        entry.awaiting = false;
        if (reply.isValid()) {
            if (entry.id != 0 && entry.id != reply.value())
                keyById.remove(entry.id);
            entry.id = reply.value();
            entry.serviceId = alert.serviceId;
            keyById.insert(entry.id, key);
        } else if (!isServiceMissing(reply.error()) || !showOnTray(alert)) {
            qWarning("vigie: the desktop did not show the notification \"%s\": %s", qPrintable(alert.title()),
                     qPrintable(reply.error().message()));
        }
        if (entry.next) {
            const Alert next = *std::exchange(entry.next, std::nullopt);
            send(next);
        }
    }

    void actionInvoked(uint id, const QString &action)
    {
        // The service's signals are for every application's notifications: only ours are known.
        const auto key = keyById.constFind(id);
        if (key == keyById.cend())
            return;
        const QString serviceId = shown.value(*key).serviceId;
        if (action == "default"_L1)
            Q_EMIT q->openServiceRequested(serviceId);
        else if (action == "acknowledge"_L1)
            Q_EMIT q->acknowledgeRequested(serviceId);
    }

    void closed(uint id)
    {
        const QString key = keyById.take(id);
        if (key.isEmpty())
            return;
        Shown &entry = shown[key];
        if (entry.id == id)
            entry.id = 0;
        // A resolution that comes later shows afresh.
        if (!entry.awaiting && !entry.next)
            shown.remove(key);
    }
#endif
};

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::setTray(TrayController *tray)
{
    if (d->tray)
        disconnect(d->tray, nullptr, this, nullptr);
    d->tray = tray;
    if (tray)
        connect(tray, &TrayController::messageClicked, this, [this] {
            if (!d->trayServiceId.isEmpty())
                Q_EMIT openServiceRequested(d->trayServiceId);
        });
}

bool DesktopNotifier::isEnabled() const
{
    return d->enabled;
}

bool DesktopNotifier::isSoundEnabled() const
{
    return d->sound;
}

void DesktopNotifier::setEnabled(bool enabled)
{
    d->enabled = enabled;
#if defined(VIGIE_NOTIFICATIONS_DBUS)
    if (!enabled)
        d->waiting.clear();
#endif
}

void DesktopNotifier::setSoundEnabled(bool enabled)
{
    d->sound = enabled;
}

void DesktopNotifier::notify(const Alert &alert)
{
    if (!d->enabled)
        return;
#if defined(VIGIE_NOTIFICATIONS_DBUS)
    d->notify(alert);
#else
    d->showOnTray(alert);
#endif
}

// Until Alert::title() and text() are there to share with the other channels, the desktop says
// it in its own words, from the alert's fields.
} // namespace Vigie

#if defined(VIGIE_NOTIFICATIONS_DBUS)
#include "desktopnotifier.moc"
#endif
