#pragma once

#include "preferences.h"

#include <QDialog>

#include <memory>

namespace Vigie {

// Tools › Settings: the console's preferences (see Preferences for the keys), saved to QSettings
// with OK or Apply. A theme shows at once when it is chosen, and Cancel puts back the one that was
// there; the language and the data folder apply at the next start, which the dialog says beside
// them. Applying emits applied(), for the window to pass on (the notifier's switches).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // Shows Preferences::load().
    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // What the dialog shows, as it would be saved.
    Preferences preferences() const;
    void setPreferences(const Preferences &preferences);
    // The data folder in use now, said under the chooser (a new one applies at the next start).
    void setCurrentDataFolder(const QString &path);

    // Saves what is shown to QSettings, applies the theme and emits applied() (OK and Apply).
    void apply();

    void accept() override;
    void reject() override; // the theme in effect before the dialog comes back

Q_SIGNALS:
    void applied(const Vigie::Preferences &preferences);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
