#pragma once

#include "models/serviceboardmodel.h"
#include "probes/proberesult.h"

#include <QDateTime>
#include <QIcon>
#include <QObject>
#include <QSystemTrayIcon>

#include <chrono>
#include <memory>

class QAction;
class QMenu;

namespace Vigie {

// Vigie in the system tray: an icon in the colour and shape of the worst state on the board, a
// tooltip with the counts, and a menu (the counts again, Show Vigie, mute alerts for an hour or
// unmute, Quit). It
// decides nothing itself: every choice is a signal, for the window and the alert engine to act on,
// and what they decide comes back through the slots.
//
// The icon exists only when the desktop has a system tray when the controller is made
// (isAvailable()); the menu, the tooltip and the icon are kept up to date either way, so that they
// can be read (and tested) without one.
class TrayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayController)

public:
    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;

    // Whether the icon is shown: the desktop had a system tray when this was made.
    bool isAvailable() const;

    // The state the icon shows: down, degraded, up when nothing raises an alarm, unknown when
    // nothing has a result yet (or there is no service).
    HealthState worstState() const;
    QIcon icon() const;
    QString toolTip() const;
    QMenu *menu() const;
    QAction *statusAction() const; // the counts, as a line at the top of the menu (disabled)
    QAction *showAction() const;
    QAction *muteAction() const;   // shown while not muted
    QAction *unmuteAction() const; // shown while muted
    QAction *quitAction() const;
    bool isMuted() const;
    QDateTime mutedUntil() const;

    // A message from the icon (a balloon, or the desktop's notification for it); false when there
    // is no tray to show it. A click on it is messageClicked().
    bool showMessage(const QString &title, const QString &text, const QIcon &icon,
                     std::chrono::milliseconds duration = std::chrono::seconds(10));

    // How long "Mute all alerts" mutes them.
    static constexpr std::chrono::minutes MuteDuration{60};

public Q_SLOTS:
    // The board's counts, summed over its groups (ServiceBoardModel::CountsRole).
    void setSummary(const Vigie::StateCounts &counts);
    // Alerts are muted until `until` (local time is shown), or not muted.
    void setMuted(bool muted, const QDateTime &until = {});
    // What a click on the icon does: the left button shows or hides the window. Called by the
    // icon; public so that a click can be made without a tray.
    void handleActivation(QSystemTrayIcon::ActivationReason reason);

Q_SIGNALS:
    void showRequested();
    void toggleWindowRequested();
    void muteForRequested(std::chrono::minutes duration);
    void unmuteRequested();
    void quitRequested();
    void messageClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
