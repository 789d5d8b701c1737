#include "settingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// A sentence under a field, in the field's column.
QLabel *addNote(QFormLayout *form, const QString &text, const QString &objectName)
{
    auto *note = new QLabel(text);
    note->setObjectName(objectName);
    note->setWordWrap(true);
    form->setWidget(form->rowCount(), QFormLayout::FieldRole, note);
    return note;
}

} // namespace

struct SettingsDialog::Private
{
    QComboBox *language = nullptr;
    QComboBox *theme = nullptr;
    QCheckBox *notifications = nullptr;
    QCheckBox *sound = nullptr;
    QLineEdit *dataFolder = nullptr;
    QLabel *dataNote = nullptr;
    QComboBox *wallScreen = nullptr;
    QSpinBox *cursorDelay = nullptr;
    QDialogButtonBox *buttons = nullptr;

    // What Cancel puts back once a theme has been tried: the palette and theme in effect before.
    QPalette paletteBefore;
    Preferences::Theme themeBefore = Preferences::Theme::System;
    bool themeTried = false;

    void selectScreen(const QString &name)
    {
        int index = wallScreen->findData(name);
        if (index < 0) {
            // A screen unplugged now is still the wall's when it comes back.
            wallScreen->addItem(QCoreApplication::translate("Vigie::SettingsDialog", "%1 (not connected)").arg(name),
                                name);
            index = wallScreen->count() - 1;
        }
        wallScreen->setCurrentIndex(index);
    }
};

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , d(std::make_unique<Private>())
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);

    auto *appearance = new QGroupBox(tr("Appearance"));
    auto *appearanceForm = new QFormLayout(appearance);
    d->language = new QComboBox;
    d->language->setObjectName(u"language"_s);
    d->language->addItem(tr("System default"), QString());
    // Each language in its own words, so that it can be found by someone who does not read the
    // one shown.
    d->language->addItem(u"English"_s, u"en"_s);
    d->language->addItem(u"Français"_s, u"fr"_s);
    appearanceForm->addRow(tr("&Language:"), d->language);
    addNote(appearanceForm, tr("Applies after a restart."), u"languageNote"_s);
    d->theme = new QComboBox;
    d->theme->setObjectName(u"theme"_s);
    d->theme->addItem(tr("System"), int(Preferences::Theme::System));
    d->theme->addItem(tr("Light"), int(Preferences::Theme::Light));
    d->theme->addItem(tr("Dark"), int(Preferences::Theme::Dark));
    appearanceForm->addRow(tr("&Theme:"), d->theme);
    layout->addWidget(appearance);

    auto *notifications = new QGroupBox(tr("Alerts on this desktop"));
    auto *notificationsLayout = new QVBoxLayout(notifications);
    d->notifications = new QCheckBox(tr("Show desktop &notifications"));
    d->notifications->setObjectName(u"desktopNotifications"_s);
    d->sound = new QCheckBox(tr("Play a &sound with them"));
    d->sound->setObjectName(u"notificationSound"_s);
    // The sound is the notification's: without one there is none to play.
    connect(d->notifications, &QCheckBox::toggled, d->sound, &QWidget::setEnabled);
    notificationsLayout->addWidget(d->notifications);
    notificationsLayout->addWidget(d->sound);
    layout->addWidget(notifications);

    auto *data = new QGroupBox(tr("History"));
    auto *dataForm = new QFormLayout(data);
    d->dataFolder = new QLineEdit;
    d->dataFolder->setObjectName(u"dataFolder"_s);
    d->dataFolder->setPlaceholderText(tr("Default location"));
    d->dataFolder->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("&Browse…"));
    browse->setObjectName(u"browseDataFolder"_s);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getExistingDirectory(this, tr("Data Folder"), d->dataFolder->text());
        if (!chosen.isEmpty())
            d->dataFolder->setText(QDir::toNativeSeparators(chosen));
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(d->dataFolder, 1);
    folderRow->addWidget(browse);
    dataForm->addRow(tr("Data &folder:"), folderRow);
    // addRow() makes the label a buddy of a widget only: the field's is the line edit.
    if (auto *label = qobject_cast<QLabel *>(dataForm->labelForField(folderRow)))
        label->setBuddy(d->dataFolder);
    d->dataNote = addNote(dataForm, tr("Applies after a restart."), u"dataFolderNote"_s);
    layout->addWidget(data);

    auto *wall = new QGroupBox(tr("Wall display"));
    auto *wallForm = new QFormLayout(wall);
    d->wallScreen = new QComboBox;
    d->wallScreen->setObjectName(u"wallScreen"_s);
    d->wallScreen->addItem(tr("The console's screen"), QString());
    for (const QScreen *screen : QGuiApplication::screens()) {
        const QSize size = screen->size();
        d->wallScreen->addItem(tr("%1 (%2 × %3)").arg(screen->name()).arg(size.width()).arg(size.height()),
                               screen->name());
    }
    wallForm->addRow(tr("Scr&een:"), d->wallScreen);
    d->cursorDelay = new QSpinBox;
    d->cursorDelay->setObjectName(u"cursorHideDelay"_s);
    d->cursorDelay->setRange(0, 600);
    d->cursorDelay->setSpecialValueText(tr("Never"));
    d->cursorDelay->setSuffix(tr(" s"));
    wallForm->addRow(tr("Hide a still c&ursor after:"), d->cursorDelay);
    layout->addWidget(wall);
    layout->addStretch(1);

    // The fields of the three forms in one column, as if they were one form.
    QList<QWidget *> labels;
    int labelWidth = 0;
    for (const QFormLayout *form : {appearanceForm, dataForm, wallForm}) {
        for (int row = 0; row < form->rowCount(); ++row) {
            if (const QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
                labels << item->widget();
                labelWidth = std::max(labelWidth, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget *label : std::as_const(labels))
        label->setMinimumWidth(labelWidth);

    d->buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply);
    d->buttons->setObjectName(u"buttons"_s);
    connect(d->buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(d->buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(d->buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    layout->addWidget(d->buttons);

    const Preferences stored = Preferences::load();
    d->themeBefore = stored.theme;
    d->paletteBefore = QApplication::palette();
    setPreferences(stored);
    // The theme shows as soon as it is chosen; Cancel puts the one before back.
    connect(d->theme, &QComboBox::currentIndexChanged, this, [this] {
        d->themeTried = true;
        applyTheme(preferences().theme);
    });
    setMinimumWidth(fontMetrics().averageCharWidth() * 76);
}

SettingsDialog::~SettingsDialog() = default;

Preferences SettingsDialog::preferences() const
{
    Preferences preferences;
    preferences.language = d->language->currentData().toString();
    preferences.theme = Preferences::Theme(d->theme->currentData().toInt());
    preferences.desktopNotifications = d->notifications->isChecked();
    preferences.notificationSound = d->sound->isChecked();
    const QString folder = d->dataFolder->text().trimmed();
    preferences.dataFolder = folder.isEmpty() ? QString() : QDir::fromNativeSeparators(folder);
    preferences.wallScreen = d->wallScreen->currentData().toString();
    preferences.cursorHideDelay = std::chrono::seconds(d->cursorDelay->value());
    return preferences;
}

void SettingsDialog::setPreferences(const Preferences &preferences)
{
    const QSignalBlocker blockTheme(d->theme); // shown, not tried
    d->language->setCurrentIndex(std::max(0, d->language->findData(preferences.language)));
    d->theme->setCurrentIndex(std::max(0, d->theme->findData(int(preferences.theme))));
    d->notifications->setChecked(preferences.desktopNotifications);
    d->sound->setChecked(preferences.notificationSound);
    d->sound->setEnabled(preferences.desktopNotifications);
    d->dataFolder->setText(QDir::toNativeSeparators(preferences.dataFolder));
    d->selectScreen(preferences.wallScreen);
    d->cursorDelay->setValue(int(preferences.cursorHideDelay.count()));
}

void SettingsDialog::setCurrentDataFolder(const QString &path)
{
    d->dataNote->setText(path.isEmpty() ? tr("Applies after a restart.")
                                        : tr("Applies after a restart.") + u'\n' +
                                              tr("In use now: %1").arg(QDir::toNativeSeparators(path)));
}

void SettingsDialog::apply()
{
    const Preferences chosen = preferences();
    chosen.save();
    // Tried already, unless set by setPreferences(); the palette is left alone when the theme is
    // the one in effect.
    if (d->themeTried || chosen.theme != d->themeBefore)
        applyTheme(chosen.theme);
    // Applied: Cancel keeps it from now on.
    d->themeBefore = chosen.theme;
    d->paletteBefore = QApplication::palette();
    d->themeTried = false;
    Q_EMIT applied(chosen);
}

void SettingsDialog::accept()
{
    apply();
    QDialog::accept();
}

void SettingsDialog::reject()
{
    if (d->themeTried) {
        applyTheme(d->themeBefore);
        QApplication::setPalette(d->paletteBefore);
        d->themeTried = false;
    }
    QDialog::reject();
}

} // namespace Vigie
