#pragma once

#include <QLatin1StringView>
#include <QString>

#include <chrono>

class QSettings;

namespace Vigie {

// The console's own settings, kept in the user's QSettings and edited in the Settings dialog.
// Every key the console reads or writes is named here, with what it holds:
//
//   appearance/language      "" (the system's), "en" or "fr". Read when the console starts, so a
//                            change applies at the next start (--lang wins over it).
//   appearance/theme         "system", "light" or "dark": applied at once (applyTheme()).
//   notifications/desktop    bool, true by default: alerts are shown as desktop notifications.
//   notifications/sound      bool, true by default: with the desktop theme's sound.
//   data/folder              where the history is kept, "" for the default; a change applies at
//                            the next start (--data-dir wins over it).
//   wall/screen              the name of the screen the console's wall display goes to (QScreen::
//                            name()), "" for the screen the console is on.
//   wall/cursorHideSeconds   int, 3 by default, 0 for never: the wall hides a still cursor then.
//   desktop/trayHintShown    bool: the console said once that closing its window keeps Vigie
//                            running in the system tray.
//   workspace/last           the workspace opened last, opened again at start (MainWindow).
namespace PreferenceKeys {
inline constexpr QLatin1StringView language("appearance/language");
inline constexpr QLatin1StringView theme("appearance/theme");
inline constexpr QLatin1StringView desktopNotifications("notifications/desktop");
inline constexpr QLatin1StringView notificationSound("notifications/sound");
inline constexpr QLatin1StringView dataFolder("data/folder");
inline constexpr QLatin1StringView wallScreen("wall/screen");
inline constexpr QLatin1StringView cursorHideSeconds("wall/cursorHideSeconds");
inline constexpr QLatin1StringView trayHintShown("desktop/trayHintShown");
inline constexpr QLatin1StringView lastWorkspace("workspace/last");
} // namespace PreferenceKeys

// What the Settings dialog edits, as one value: read from and written to QSettings in one place.
struct Preferences
{
    enum class Theme { System, Light, Dark };

    QString language; // "", "en", "fr"
    Theme theme = Theme::System;
    bool desktopNotifications = true;
    bool notificationSound = true;
    QString dataFolder;                      // empty: the default
    QString wallScreen;                      // empty: the console's screen
    std::chrono::seconds cursorHideDelay{3}; // 0: never

    // Unknown or missing values read as their defaults.
    static Preferences load(const QSettings &settings);
    static Preferences load(); // from QSettings()
    void save(QSettings &settings) const;
    void save() const; // to QSettings()

    static QString themeName(Theme theme); // "system", "light", "dark"
    friend bool operator==(const Preferences &, const Preferences &) = default;
};

// Gives the whole application the theme's palette at once: the console's dark one (darkPalette()),
// the style's light one, or back to the system's. Where the platform follows a colour scheme
// (window frames on Windows and macOS, portals on Linux), it is asked for the same.
void applyTheme(Preferences::Theme theme);

} // namespace Vigie
