#include "screensaverinhibitor.h"

// VIGIE_SCREENSAVER_DBUS comes from ui/CMakeLists.txt, which links QtDBus only where it is set.
#if defined(VIGIE_SCREENSAVER_DBUS)
#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QGuiApplication>
#include <QPointer>

#include <array>
#elif defined(Q_OS_WIN)
#include <windows.h>
#elif defined(Q_OS_MACOS)
#include <CoreFoundation/CoreFoundation.h>
#include <IOKit/pwr_mgt/IOPMLib.h>
#endif

using namespace Qt::StringLiterals;

namespace Vigie {

#if defined(VIGIE_SCREENSAVER_DBUS)

namespace {

const QString screenSaverService = u"org.freedesktop.ScreenSaver"_s;
// Where desktops serve it: the specification's path first, then the older one that some serve alone.
const std::array screenSaverPaths{u"/org/freedesktop/ScreenSaver"_s, u"/ScreenSaver"_s};

// One inhibit() asked of the desktop. The watcher of its call has no parent, so that the answer is
// still handled once the inhibitor is released or gone: the cookie is then un-inhibited at once.
struct Request
{
    QPointer<ScreenSaverInhibitor> owner; // null once released (or destroyed) before the answer
    QString applicationName;
    QString reason;
};

// Nobody owns the name: no desktop service at all, so no other path is worth asking.
bool isServiceMissing(const QDBusError &error)
{
    return error.type() == QDBusError::ServiceUnknown || error.name() == "org.freedesktop.DBus.Error.NameHasNoOwner"_L1;
}

// The service has nothing at this path (or not this interface there): the other path may.
bool isPathMissing(const QDBusError &error)
{
    return error.type() == QDBusError::UnknownObject || error.type() == QDBusError::UnknownMethod ||
           error.type() == QDBusError::UnknownInterface;
}

void unInhibit(const QString &path, uint cookie)
{
    QDBusMessage call = QDBusMessage::createMethodCall(screenSaverService, path, screenSaverService, u"UnInhibit"_s);
    call << cookie;
    // Nothing to do with the answer: if the service went away, so did the inhibition.
    QDBusConnection::sessionBus().send(call);
}

} // namespace

struct ScreenSaverInhibitor::Private
{
    std::shared_ptr<Request> pending; // asked, not answered yet
    bool active = false;
    uint cookie = 0;
    QString path; // where the cookie came from, and goes back to

    // Asks the desktop at screenSaverPaths[pathIndex].
    static void ask(const std::shared_ptr<Request> &request, qsizetype pathIndex)
    {
        QDBusMessage call = QDBusMessage::createMethodCall(screenSaverService, screenSaverPaths[pathIndex],
                                                           screenSaverService, u"Inhibit"_s);
        call << request->applicationName << request->reason;
        auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call));
        QObject::connect(watcher, &QDBusPendingCallWatcher::finished, watcher,
                         [request, pathIndex](QDBusPendingCallWatcher *finished) {
                             finished->deleteLater();
                             answered(*request, pathIndex, *finished);
                         });
    }

    // The desktop answered the Inhibit asked at screenSaverPaths[pathIndex]: the cookie is taken,
    // or given back when nobody wants it any more; nothing at that path, the next path is asked.
    static void answered(Request &request, qsizetype pathIndex, const QDBusPendingReply<uint> &reply)
    {
        const QString &path = screenSaverPaths[pathIndex];
        ScreenSaverInhibitor *owner = request.owner;
        if (!owner) {
            if (reply.isValid())
                unInhibit(path, reply.value());
            return;
        }
        Private &d = *owner->d;
        Q_ASSERT(d.pending.get() == &request);
        if (reply.isValid()) {
            d.pending.reset(); // the last reference to the request but the watcher's
            d.cookie = reply.value();
            d.path = path;
            d.active = true;
            Q_EMIT owner->activeChanged(true);
            return;
        }
        const QDBusError error = reply.error();
        if (isPathMissing(error) && pathIndex + 1 < qsizetype(screenSaverPaths.size())) {
            ask(d.pending, pathIndex + 1);
            return;
        }
        d.pending.reset();
        if (isServiceMissing(error))
            Q_EMIT owner->failed(
                ScreenSaverInhibitor::tr("The screen may go to sleep: this desktop offers no screen "
                                         "saver service (org.freedesktop.ScreenSaver) to keep it on."));
        else
            Q_EMIT owner->failed(
                ScreenSaverInhibitor::tr("The screen may go to sleep: the desktop did not keep it on (%1).")
                    .arg(error.message().isEmpty() ? error.name() : error.message()));
    }

    // Whether an inhibition was held.
    bool release()
    {
        if (pending) {
            pending->owner = nullptr;
            pending.reset();
        }
        if (!active)
            return false;
        unInhibit(path, cookie);
        active = false;
        return true;
    }
};

void ScreenSaverInhibitor::inhibit(const QString &reason)
{
    if (d->active || d->pending)
        return;
    // The bus is connected once per process (quickly: a local socket), then shared; asking it
    // anything afterwards is asynchronous.
    if (!QDBusConnection::sessionBus().isConnected()) {
        Q_EMIT failed(
            tr("The screen may go to sleep: there is no session bus (D-Bus) to ask the desktop to keep it on."));
        return;
    }
    // The name the desktop may show next to the reason, in its power or screen saver settings.
    d->pending = std::make_shared<Request>(Request{this, QGuiApplication::applicationDisplayName(), reason});
    Private::ask(d->pending, 0);
}

#elif defined(Q_OS_WIN)

struct ScreenSaverInhibitor::Private
{
    bool active = false;

    bool release()
    {
        if (!active)
            return false;
        // ES_CONTINUOUS alone clears what the inhibition set on this thread.
        ::SetThreadExecutionState(ES_CONTINUOUS);
        active = false;
        return true;
    }
};

void ScreenSaverInhibitor::inhibit(const QString &reason)
{
    Q_UNUSED(reason) // Windows takes no reason for this (PowerCreateRequest would, with more to manage)
    if (d->active)
        return;
    // Returns the previous state, or 0 when refused.
    if (::SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED) == 0) {
        Q_EMIT failed(tr("The screen may go to sleep: Windows did not keep it on."));
        return;
    }
    d->active = true;
    Q_EMIT activeChanged(true);
}

#elif defined(Q_OS_MACOS)

struct ScreenSaverInhibitor::Private
{
    bool active = false;
    IOPMAssertionID assertion = kIOPMNullAssertionID;

    bool release()
    {
        if (!active)
            return false;
        IOPMAssertionRelease(assertion);
        assertion = kIOPMNullAssertionID;
        active = false;
        return true;
    }
};

void ScreenSaverInhibitor::inhibit(const QString &reason)
{
    if (d->active)
        return;
    // The name shown by `pmset -g assertions`, at most 128 characters.
    const CFStringRef name = reason.left(128).toCFString();
    const IOReturn result = IOPMAssertionCreateWithName(kIOPMAssertionTypePreventUserIdleDisplaySleep,
                                                        kIOPMAssertionLevelOn, name, &d->assertion);
    CFRelease(name);
    if (result != kIOReturnSuccess) {
        d->assertion = kIOPMNullAssertionID;
        Q_EMIT failed(tr("The screen may go to sleep: macOS did not keep it on (IOKit error 0x%1).")
                          .arg(quint32(result), 8, 16, QLatin1Char('0')));
        return;
    }
    d->active = true;
    Q_EMIT activeChanged(true);
}

#else

struct ScreenSaverInhibitor::Private
{
    bool active = false;

    bool release() { return false; }
};

void ScreenSaverInhibitor::inhibit(const QString &reason)
{
    Q_UNUSED(reason)
    Q_EMIT failed(tr("The screen may go to sleep: this system offers Vigie no way to keep it on."));
}

#endif

ScreenSaverInhibitor::ScreenSaverInhibitor(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{}

ScreenSaverInhibitor::~ScreenSaverInhibitor()
{
    // No activeChanged(false) from a dying object: nobody should have to handle it.
    d->release();
}

void ScreenSaverInhibitor::release()
{
    if (d->release())
        Q_EMIT activeChanged(false);
}

bool ScreenSaverInhibitor::isActive() const
{
    return d->active;
}

} // namespace Vigie
