#pragma once

#include "alerts/alert.h"

#include <QObject>
#include <QString>

#include <memory>

namespace Vigie {

class TrayController;

// Tells the person at the desk: each alert as a desktop notification, so that nobody has to watch
// the board to learn that something went down.
//
// - Linux and the BSDs: the freedesktop notification service (org.freedesktop.Notifications on the
//   session bus, served by every desktop and by notification daemons such as dunst and mako). A
//   notification has the state's icon (colour and shape), an urgency (critical for down, low for a
//   resolution), a "default" action (a click opens the service) and Acknowledge while firing. The
//   resolution of an alert replaces the notification of its firing (same key), so that a
//   recovered service leaves one notification, not two. The server's capabilities are asked once
//   (and again when another server takes over): a body with markup is escaped only for servers that
//   read markup. With no notification service, the tray's message is used when there is a tray.
// - Windows and macOS: the tray icon's message (QSystemTrayIcon::showMessage); a click on it opens
//   the service of the last alert shown.
//
// Nothing blocks: the service is called asynchronously, and nothing is shown while disabled.
class DesktopNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    explicit DesktopNotifier(QObject *parent = nullptr);
    ~DesktopNotifier() override;

    // The tray whose messages are used where there is no notification service. Not owned.
    void setTray(TrayController *tray);
    bool isEnabled() const;
    bool isSoundEnabled() const;

    // A notification's summary is the alert's title ("Down: Customer portal"), its body the
    // alert's text with the first few impacted services named.

    // The identity that desktops use to group and configure Vigie's notifications: the name of
    // the installed .desktop file and icon (packaging/linux).
    static constexpr char DesktopEntry[] = "org.vigie.Vigie";

public Q_SLOTS:
    // Shows the alert (or its resolution, replacing the firing one's notification).
    void notify(const Vigie::Alert &alert);
    // Off: nothing is shown until it is on again (what was asked meanwhile is dropped).
    void setEnabled(bool enabled);
    // With the desktop theme's sound ("dialog-warning", "complete" for a resolution), or asking
    // the server for silence.
    void setSoundEnabled(bool enabled);

Q_SIGNALS:
    // A click on a notification (its default action): show this service.
    void openServiceRequested(const QString &serviceId);
    // Its Acknowledge action.
    void acknowledgeRequested(const QString &serviceId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
