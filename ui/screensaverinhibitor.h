#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace Vigie {

// Keeps the display awake while a wall display is shown, for as long as the inhibition is held.
//
// - Linux and the BSDs: org.freedesktop.ScreenSaver on the session bus (KDE Plasma, GNOME and
//   others serve it), which holds off the screen saver, the screen lock and display sleep. Inhibit
//   is asked asynchronously at /org/freedesktop/ScreenSaver, then at /ScreenSaver, which is all
//   some desktops serve; the inhibition is active once the cookie comes back. A release() before
//   then un-inhibits that cookie when it arrives, and so does the destructor. Desktops also drop
//   an inhibition when its application leaves the bus (Vigie quits or crashes).
// - Windows: SetThreadExecutionState (display and system required) on the calling thread, which
//   must be the one that releases. The state is the thread's, not this object's: one inhibitor
//   per thread. Windows documents that it does not stop a screen saver set up on the machine.
// - macOS: a PreventUserIdleDisplaySleep power assertion (IOKit).
//
// Nothing here blocks the calling thread, and nothing opens a dialog: a refusal is the failed()
// signal, a sentence for a banner.
class ScreenSaverInhibitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenSaverInhibitor)

public:
    explicit ScreenSaverInhibitor(QObject *parent = nullptr);
    ~ScreenSaverInhibitor() override; // releases

    // Asks the platform to keep the screen on; never blocks the calling (GUI) thread. `reason` is
    // what the desktop shows next to the application's name (Linux, macOS). No-op while an
    // inhibition is held or asked for: release() first to give another reason.
    void inhibit(const QString &reason);
    // Lets the screen sleep again; no-op when nothing is held or asked for.
    void release();
    // The platform granted it (Linux: a cookie came back).
    bool isActive() const;

Q_SIGNALS:
    // isActive() changed: true when the platform granted an inhibit(), false on release().
    void activeChanged(bool active);
    // The platform refused or has no such service: said once per inhibit(), as a sentence for a
    // banner. Emitted from inside inhibit() when the platform answers at once (Windows, macOS, no
    // session bus), later otherwise; never for an inhibit() released before its answer.
    void failed(const QString &reason);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
