// The Settings dialog over a QSettings of the test's own (an INI file in a temporary folder): what
// it shows, what it keeps, the theme applied at once and put back by Cancel, its keyboard access;
// and its pictures.

#include "palettes.h"
#include "preferences.h"
#include "screenshots.h"
#include "settingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Vigie::Preferences;
using Vigie::SettingsDialog;

namespace {

template<typename T>
T *child(const QWidget &dialog, const QString &name)
{
    T *found = dialog.findChild<T *>(name);
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

QColor windowColour()
{
    return QApplication::palette().color(QPalette::Window);
}

} // namespace

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        // Nothing of a real user's settings is read or written: an organisation of the test's own,
        // in INI files under a temporary folder.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"Vigie Tests"_s);
        QCoreApplication::setApplicationName(u"tst_settingsdialog"_s);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        m_light = QApplication::style()->standardPalette();
        QApplication::setPalette(m_light);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        QSettings().clear();
        QApplication::setPalette(m_light);
    }

    void defaultsWhenNothingIsKept()
    {
        const Preferences preferences = Preferences::load();
        QCOMPARE(preferences, Preferences{});
        SettingsDialog dialog;
        QCOMPARE(dialog.preferences(), Preferences{});
        QCOMPARE(child<QComboBox>(dialog, u"language"_s)->currentText(), u"System default"_s);
        QCOMPARE(child<QComboBox>(dialog, u"theme"_s)->currentText(), u"System"_s);
        QVERIFY(child<QCheckBox>(dialog, u"desktopNotifications"_s)->isChecked());
        QVERIFY(child<QCheckBox>(dialog, u"notificationSound"_s)->isChecked());
        QCOMPARE(child<QLineEdit>(dialog, u"dataFolder"_s)->text(), QString());
        QCOMPARE(child<QComboBox>(dialog, u"wallScreen"_s)->currentData().toString(), QString());
        QCOMPARE(child<QSpinBox>(dialog, u"cursorHideDelay"_s)->value(), 3);
        // What applies later says so.
        QCOMPARE(child<QLabel>(dialog, u"languageNote"_s)->text(), u"Applies after a restart."_s);
        dialog.setCurrentDataFolder(u"/var/lib/vigie"_s);
        QVERIFY(child<QLabel>(dialog, u"dataFolderNote"_s)->text().contains(u"/var/lib/vigie"_s));
        // No Help button: there is no help to open.
        const auto *buttons = child<QDialogButtonBox>(dialog, u"buttons"_s);
        QCOMPARE(buttons->standardButtons(), QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply);
    }

    void themeAppliesAtOnce()
    {
        SettingsDialog dialog;
        auto *theme = child<QComboBox>(dialog, u"theme"_s);
        theme->setCurrentIndex(theme->findData(int(Preferences::Theme::Dark)));
        QCOMPARE(windowColour(), Vigie::darkPalette().color(QPalette::Window));
        theme->setCurrentIndex(theme->findData(int(Preferences::Theme::Light)));
        QCOMPARE(windowColour(), m_light.color(QPalette::Window));
        // The system's: offscreen has no palette of its own, so the style's is the system's.
        theme->setCurrentIndex(theme->findData(int(Preferences::Theme::Dark)));
        theme->setCurrentIndex(theme->findData(int(Preferences::Theme::System)));
        QCOMPARE(windowColour(), m_light.color(QPalette::Window));
        QCOMPARE(QApplication::palette().color(QPalette::Text), m_light.color(QPalette::Text));
        theme->setCurrentIndex(theme->findData(int(Preferences::Theme::Dark)));
        QCOMPARE(windowColour(), Vigie::darkPalette().color(QPalette::Window));

        // Cancel puts back the palette there was, and keeps nothing.
        dialog.reject();
        QCOMPARE(windowColour(), m_light.color(QPalette::Window));
        QVERIFY(!QSettings().contains(Vigie::PreferenceKeys::theme));

        // OK keeps it.
        SettingsDialog again;
        auto *theme2 = child<QComboBox>(again, u"theme"_s);
        theme2->setCurrentIndex(theme2->findData(int(Preferences::Theme::Dark)));
        again.accept();
        QCOMPARE(windowColour(), Vigie::darkPalette().color(QPalette::Window));
        QCOMPARE(QSettings().value(Vigie::PreferenceKeys::theme).toString(), u"dark"_s);
        QCOMPARE(Preferences::load().theme, Preferences::Theme::Dark);

        // Shown as kept next time; a Cancel then leaves the dark theme alone.
        SettingsDialog third;
        QCOMPARE(child<QComboBox>(third, u"theme"_s)->currentData().toInt(), int(Preferences::Theme::Dark));
        third.reject();
        QCOMPARE(windowColour(), Vigie::darkPalette().color(QPalette::Window));
    }

    void valuesPersist()
    {
        SettingsDialog dialog;
        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        auto *language = child<QComboBox>(dialog, u"language"_s);
        language->setCurrentIndex(language->findData(u"fr"_s));
        child<QCheckBox>(dialog, u"notificationSound"_s)->setChecked(false);
        child<QCheckBox>(dialog, u"desktopNotifications"_s)->setChecked(false);
        // No notification, no sound to play with it.
        QVERIFY(!child<QCheckBox>(dialog, u"notificationSound"_s)->isEnabled());
        const QString folder = m_settingsDir.filePath(u"history"_s);
        child<QLineEdit>(dialog, u"dataFolder"_s)->setText(folder);
        child<QSpinBox>(dialog, u"cursorHideDelay"_s)->setValue(0);
        QCOMPARE(child<QSpinBox>(dialog, u"cursorHideDelay"_s)->text(), u"Never"_s);
        auto *buttons = child<QDialogButtonBox>(dialog, u"buttons"_s);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);

        QCOMPARE(applied.count(), 1);
        Preferences expected;
        expected.language = u"fr"_s;
        expected.desktopNotifications = false;
        expected.notificationSound = false;
        expected.dataFolder = folder;
        expected.cursorHideDelay = 0s;
        QCOMPARE(applied.at(0).at(0).value<Preferences>(), expected);
        QCOMPARE(Preferences::load(), expected);

        // In the file, under the keys documented in preferences.h.
        QSettings settings;
        settings.sync();
        QVERIFY2(settings.fileName().startsWith(m_settingsDir.path()), qPrintable(settings.fileName()));
        QVERIFY(QFile::exists(settings.fileName()));
        QCOMPARE(settings.value(u"appearance/language"_s).toString(), u"fr"_s);
        QCOMPARE(settings.value(u"notifications/desktop"_s).toBool(), false);
        QCOMPARE(settings.value(u"notifications/sound"_s).toBool(), false);
        QCOMPARE(settings.value(u"data/folder"_s).toString(), folder);
        QCOMPARE(settings.value(u"wall/cursorHideSeconds"_s).toInt(), 0);

        // A screen that is not connected now stays chosen.
        expected.wallScreen = u"DP-7"_s;
        expected.save();
        SettingsDialog again;
        auto *screen = child<QComboBox>(again, u"wallScreen"_s);
        QCOMPARE(screen->currentData().toString(), u"DP-7"_s);
        QCOMPARE(screen->currentText(), u"DP-7 (not connected)"_s);
        QCOMPARE(again.preferences(), expected);
    }

    void unknownValuesReadAsDefaults()
    {
        QSettings settings;
        settings.setValue(Vigie::PreferenceKeys::language, u"tlh"_s);
        settings.setValue(Vigie::PreferenceKeys::theme, u"sepia"_s);
        settings.setValue(Vigie::PreferenceKeys::cursorHideSeconds, -4);
        QCOMPARE(Preferences::load(), Preferences{});
    }

    // Every field is reached from the keyboard: by its mnemonic, and in order with Tab.
    void keyboard()
    {
        SettingsDialog dialog;
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        const QList<std::pair<Qt::Key, QString>> mnemonics{
            {Qt::Key_L, u"language"_s},
            {Qt::Key_T, u"theme"_s},
            {Qt::Key_N, u"desktopNotifications"_s},
            {Qt::Key_S, u"notificationSound"_s},
            {Qt::Key_F, u"dataFolder"_s},
            {Qt::Key_B, u"browseDataFolder"_s},
            {Qt::Key_E, u"wallScreen"_s},
            {Qt::Key_U, u"cursorHideDelay"_s},
        };
        for (const auto &[key, name] : mnemonics) {
            // Alt+B would click Browse…, which opens a dialog: its focus is checked through Tab below.
            if (key == Qt::Key_B)
                continue;
            QTest::keyClick(&dialog, key, Qt::AltModifier);
            QVERIFY2(QApplication::focusWidget() && QApplication::focusWidget()->objectName() == name,
                     qPrintable(name));
        }
        // Tab goes down the dialog in the order it reads.
        child<QComboBox>(dialog, u"language"_s)->setFocus();
        QStringList order;
        for (int i = 0; i < 8; ++i) {
            order << QApplication::focusWidget()->objectName();
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        }
        QCOMPARE(order, (QStringList{u"language"_s, u"theme"_s, u"desktopNotifications"_s, u"notificationSound"_s,
                                     u"dataFolder"_s, u"browseDataFolder"_s, u"wallScreen"_s, u"cursorHideDelay"_s}));
        dialog.reject();
    }

    // The pictures a person looks at: set VIGIE_DESKTOP_SCREENSHOTS=1 for all of them (light and
    // dark, English and French); by default, the English light one.
    void saveScreenshots()
    {
        const bool all = qEnvironmentVariableIsSet("VIGIE_DESKTOP_SCREENSHOTS");
        Vigie::Test::forEachLook(all, [&](const QString &language, bool dark) {
            QApplication::setPalette(dark ? Vigie::darkPalette() : m_light);
            SettingsDialog dialog;
            dialog.setCurrentDataFolder(u"/home/oncall/.local/share/vigie"_s);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(
                Vigie::Test::screenshotPath(u"settings-"_s + language + (dark ? u"-dark"_s : u"-light"_s))));
            dialog.reject();
        });
        QApplication::setPalette(m_light);
    }

private:
    QTemporaryDir m_settingsDir;
    QPalette m_light;
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
