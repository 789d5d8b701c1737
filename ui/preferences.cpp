#include "preferences.h"

#include "palettes.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleHints>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

Preferences::Theme themeFromName(const QString &name)
{
    if (name == "light"_L1)
        return Preferences::Theme::Light;
    if (name == "dark"_L1)
        return Preferences::Theme::Dark;
    return Preferences::Theme::System;
}

} // namespace

QString Preferences::themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return u"light"_s;
    case Theme::Dark:
        return u"dark"_s;
    case Theme::System:
        break;
    }
    return u"system"_s;
}

Preferences Preferences::load(const QSettings &settings)
{
    namespace Keys = PreferenceKeys;
    Preferences preferences;
    const QString language = settings.value(Keys::language).toString();
    // A language the console has no translation for would be its English anyway.
    if (language == "en"_L1 || language == "fr"_L1)
        preferences.language = language;
    preferences.theme = themeFromName(settings.value(Keys::theme).toString());
    preferences.desktopNotifications = settings.value(Keys::desktopNotifications, true).toBool();
    preferences.notificationSound = settings.value(Keys::notificationSound, true).toBool();
    preferences.dataFolder = settings.value(Keys::dataFolder).toString();
    preferences.wallScreen = settings.value(Keys::wallScreen).toString();
    bool ok = false;
    const int seconds = settings.value(Keys::cursorHideSeconds).toInt(&ok);
    if (ok && seconds >= 0)
        preferences.cursorHideDelay = std::chrono::seconds(seconds);
    return preferences;
}

Preferences Preferences::load()
{
    return load(QSettings());
}

void Preferences::save(QSettings &settings) const
{
    namespace Keys = PreferenceKeys;
    settings.setValue(Keys::language, language);
    settings.setValue(Keys::theme, themeName(theme));
    settings.setValue(Keys::desktopNotifications, desktopNotifications);
    settings.setValue(Keys::notificationSound, notificationSound);
    settings.setValue(Keys::dataFolder, dataFolder);
    settings.setValue(Keys::wallScreen, wallScreen);
    settings.setValue(Keys::cursorHideSeconds, int(cursorHideDelay.count()));
}

void Preferences::save() const
{
    QSettings settings;
    save(settings);
}

void applyTheme(Preferences::Theme theme)
{
    // The platform's own parts (window frames, native dialogs) follow where it can.
    QStyleHints *hints = QGuiApplication::styleHints();
    switch (theme) {
    case Preferences::Theme::System:
        hints->unsetColorScheme();
        // A palette that sets no role is the system's: every role comes from the platform theme
        // (and the style where it has none).
        QApplication::setPalette(QPalette());
        break;
    case Preferences::Theme::Light:
        hints->setColorScheme(Qt::ColorScheme::Light);
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Preferences::Theme::Dark:
        hints->setColorScheme(Qt::ColorScheme::Dark);
        QApplication::setPalette(darkPalette());
        break;
    }
}

} // namespace Vigie
