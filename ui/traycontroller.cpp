#include "traycontroller.h"

#include "stateicons.h"
#include "tiledelegate.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QLocale>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace Vigie {

struct TrayController::Private
{
    std::unique_ptr<QMenu> menu; // no parent widget: the tray shows it where it is clicked
    std::unique_ptr<QSystemTrayIcon> tray;
    QAction *status = nullptr;
    QAction *show = nullptr;
    QAction *mute = nullptr;
    QAction *unmute = nullptr;
    QAction *quit = nullptr;
    StateCounts counts;
    bool muted = false;
    QDateTime mutedUntil;
    QIcon icon;
    QString toolTip;
};

TrayController::TrayController(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->menu = std::make_unique<QMenu>();
    d->menu->setObjectName(u"trayMenu"_s);
    // What the tooltip says, for those who open the menu rather than wait for the tooltip.
    d->status = d->menu->addAction(QString());
    d->status->setObjectName(u"trayStatus"_s);
    d->status->setEnabled(false);
    d->menu->addSeparator();
    d->show = d->menu->addAction(tr("&Show Vigie"));
    d->show->setObjectName(u"trayShow"_s);
    d->menu->addSeparator();
    d->mute = d->menu->addAction(tr("&Mute All Alerts for 1 Hour"));
    d->mute->setObjectName(u"trayMute"_s);
    d->unmute = d->menu->addAction(QString());
    d->unmute->setObjectName(u"trayUnmute"_s);
    d->unmute->setVisible(false);
    d->menu->addSeparator();
    d->quit = d->menu->addAction(tr("&Quit"));
    d->quit->setObjectName(u"trayQuit"_s);
    d->quit->setMenuRole(QAction::NoRole); // the tray's own, not the application menu's Quit on macOS
    connect(d->show, &QAction::triggered, this, &TrayController::showRequested);
    connect(d->mute, &QAction::triggered, this, [this] { Q_EMIT muteForRequested(MuteDuration); });
    connect(d->unmute, &QAction::triggered, this, &TrayController::unmuteRequested);
    connect(d->quit, &QAction::triggered, this, &TrayController::quitRequested);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        d->tray = std::make_unique<QSystemTrayIcon>();
        d->tray->setContextMenu(d->menu.get());
        connect(d->tray.get(), &QSystemTrayIcon::activated, this, &TrayController::handleActivation);
        connect(d->tray.get(), &QSystemTrayIcon::messageClicked, this, &TrayController::messageClicked);
    }
    setSummary({});
    if (d->tray)
        d->tray->show();
    // The icon's colours follow the palette, as the board's do. Only the application is told of a
    // new one: the menu, never shown, has no window to be told through.
    qApp->installEventFilter(this);
}

TrayController::~TrayController()
{
    qApp->removeEventFilter(this);
    // The icon goes before the menu it points to.
    d->tray.reset();
}

bool TrayController::isAvailable() const
{
    return d->tray != nullptr;
}

HealthState TrayController::worstState() const
{
    const StateCounts &c = d->counts;
    if (c.down > 0)
        return HealthState::Down;
    if (c.degraded > 0)
        return HealthState::Degraded;
    // Maintenance and failures impacted by a dependency raise no alarm of their own.
    if (c.up > 0 || c.maintenance > 0 || c.impacted > 0)
        return HealthState::Up;
    return HealthState::Unknown;
}

QIcon TrayController::icon() const
{
    return d->icon;
}

QString TrayController::toolTip() const
{
    return d->toolTip;
}

QMenu *TrayController::menu() const
{
    return d->menu.get();
}

QAction *TrayController::statusAction() const
{
    return d->status;
}

QAction *TrayController::showAction() const
{
    return d->show;
}

QAction *TrayController::muteAction() const
{
    return d->mute;
}

QAction *TrayController::unmuteAction() const
{
    return d->unmute;
}

QAction *TrayController::quitAction() const
{
    return d->quit;
}

bool TrayController::isMuted() const
{
    return d->muted;
}

QDateTime TrayController::mutedUntil() const
{
    return d->mutedUntil;
}

bool TrayController::showMessage(const QString &title, const QString &text, const QIcon &icon,
                                 std::chrono::milliseconds duration)
{
    if (!d->tray)
        return false;
    d->tray->showMessage(title, text, icon, int(duration.count()));
    return true;
}

void TrayController::setSummary(const StateCounts &counts)
{
    d->counts = counts;
    d->icon = StateIcons::icon(worstState(), QApplication::palette());

    const QString shown = TileDelegate::formatCounts(counts);
    QStringList lines{shown.isEmpty() ? tr("Vigie: no service to watch") : tr("Vigie: %1").arg(shown)};
    d->status->setText(shown.isEmpty() ? tr("No service to watch") : shown);
    // In colour although the line is disabled: a greyed state icon would say nothing.
    QIcon statusIcon;
    for (const int size : {16, 24, 32}) {
        for (const qreal ratio : {1.0, 2.0}) {
            const QPixmap pixmap = StateIcons::pixmap(worstState(), size, ratio, QApplication::palette());
            statusIcon.addPixmap(pixmap, QIcon::Normal);
            statusIcon.addPixmap(pixmap, QIcon::Disabled);
        }
    }
    d->status->setIcon(statusIcon);
    d->unmute->setText(tr("&Unmute Alerts"));
    if (d->muted) {
        const QDateTime until = d->mutedUntil.toLocalTime();
        const QLocale locale;
        // The time alone when it is today, which it mostly is for an hour's mute.
        const QString when = until.date() == QDate::currentDate() ? locale.toString(until.time(), QLocale::ShortFormat)
                                                                  : locale.toString(until, QLocale::ShortFormat);
        lines << (d->mutedUntil.isValid() ? tr("Alerts muted until %1").arg(when) : tr("Alerts muted"));
        if (d->mutedUntil.isValid())
            d->unmute->setText(tr("&Unmute Alerts (Muted Until %1)").arg(when));
    }
    d->toolTip = lines.join(u'\n');

    if (d->tray) {
        d->tray->setIcon(d->icon);
        d->tray->setToolTip(d->toolTip);
    }
}

void TrayController::setMuted(bool muted, const QDateTime &until)
{
    d->muted = muted;
    d->mutedUntil = muted ? until : QDateTime();
    d->mute->setVisible(!muted);
    d->unmute->setVisible(muted);
    setSummary(d->counts); // the tooltip says until when
}

void TrayController::handleActivation(QSystemTrayIcon::ActivationReason reason)
{
    // The context menu opens by itself; a double click is two triggers on some desktops and
    // would show then hide the window.
    if (reason == QSystemTrayIcon::Trigger)
        Q_EMIT toggleWindowRequested();
}

bool TrayController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
        setSummary(d->counts);
    return QObject::eventFilter(watched, event);
}

} // namespace Vigie
