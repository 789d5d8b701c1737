#pragma once

#include <QString>
#include <QWidget>

#include <chrono>
#include <memory>

class QScreen;

namespace Vigie {

class ServiceBoardModel;
class Session;
class WallView;
struct Preferences;

// The wall display as a window: full screen on a chosen screen, no menus, the mouse cursor hidden
// while it is still, the screen saver held off, and everything shifted by a few pixels now and
// then against burn-in. A screen that is unplugged moves it to one that remains; it goes back
// when that screen returns. Opened from the console (F11, Esc or F11 to leave) or by
// `vigie --wall` (Ctrl+Q quits).
class WallWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WallWindow)

public:
    // Shows the session's board model, with its freshness and its failures as banners.
    WallWindow(Session *session, ServiceBoardModel *model, QWidget *parent = nullptr);
    ~WallWindow() override;

    // The screen to show on: its index in QGuiApplication::screens() (-1: the primary one).
    void setPreferredScreen(int index);
    // The screen to show on by its name (QScreen::name(), as the settings keep it); empty: the
    // primary one. One that is not connected now is used when it comes.
    void setPreferredScreenName(const QString &name);
    // How long the cursor may stay still before it hides (3 s unless told); zero: it never hides.
    void setCursorHideDelay(std::chrono::milliseconds delay);
    // The wall's settings (its screen, the cursor's delay): the screen `screen` when one is given
    // (>= 0, from the command line), else the one the settings name, else `fallbackScreen`.
    void applyPreferences(const Preferences &preferences, int screen, int fallbackScreen);
    // Whether Esc and F11 close it (from the console) or only Ctrl+Q quits (a dedicated wall).
    void setLeaveKeys(bool leave);
    // Full screen on the preferred screen (or the one that remains).
    void showOnScreen();

    WallView *view() const;

    // The screen to use among `available` (by name): the preferred one when it is there, else the
    // primary, else the first. Empty when there is none.
    static QString chooseScreen(const QString &preferred, const QStringList &available, const QString &primary);

Q_SIGNALS:
    // Esc or F11 (when leave keys are on).
    void leaveRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
