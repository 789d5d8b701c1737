// The tray controller without a tray (offscreen has none): what its menu does, what its tooltip
// says and which icon it chooses, read through its accessors; and the pictures of its menu.

#include "palettes.h"
#include "screenshots.h"
#include "stateicons.h"
#include "traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Vigie::HealthState;
using Vigie::StateCounts;
using Vigie::StateIcons;
using Vigie::TrayController;

namespace {

QImage imageOf(const QIcon &icon, int size, QIcon::Mode mode = QIcon::Normal)
{
    return icon.pixmap(QSize(size, size), 1.0, mode).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

} // namespace

class tst_TrayController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(QApplication::style()->standardPalette());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void noTrayOffscreen()
    {
        // The seam the rest of this test relies on: everything is kept, nothing is shown.
        TrayController tray;
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
        QVERIFY(!tray.isAvailable());
        QVERIFY(!tray.showMessage(u"Title"_s, u"Text"_s, QIcon()));
    }

    void menuActionsAreSignals()
    {
        TrayController tray;
        QSignalSpy show(&tray, &TrayController::showRequested);
        QSignalSpy mute(&tray, &TrayController::muteForRequested);
        QSignalSpy unmute(&tray, &TrayController::unmuteRequested);
        QSignalSpy quit(&tray, &TrayController::quitRequested);

        const QList<QAction *> actions = tray.menu()->actions();
        QStringList texts;
        for (const QAction *action : actions)
            if (!action->isSeparator() && action->isVisible())
                texts << action->text();
        QCOMPARE(texts, (QStringList{u"No service to watch"_s, u"&Show Vigie"_s, u"&Mute All Alerts for 1 Hour"_s,
                                     u"&Quit"_s}));
        // The counts' line is there to be read, not chosen.
        QVERIFY(!tray.statusAction()->isEnabled());

        tray.showAction()->trigger();
        QCOMPARE(show.count(), 1);
        tray.muteAction()->trigger();
        QCOMPARE(mute.count(), 1);
        QCOMPARE(mute.at(0).at(0).value<std::chrono::minutes>(), 60min);
        tray.quitAction()->trigger();
        QCOMPARE(quit.count(), 1);
        // Nothing decides for the window: no other signal came.
        QCOMPARE(show.count(), 1);
        QVERIFY(unmute.isEmpty());

        // Muted (as the alert engine says back): the menu offers to unmute, and the tooltip says until when.
        const QDateTime until = QDateTime::currentDateTime().addSecs(3600);
        tray.setMuted(true, until);
        QVERIFY(tray.isMuted());
        QCOMPARE(tray.mutedUntil(), until);
        QVERIFY(!tray.muteAction()->isVisible());
        QVERIFY(tray.unmuteAction()->isVisible());
        const QString untilText = until.date() == QDate::currentDate()
                                      ? QLocale().toString(until.time(), QLocale::ShortFormat)
                                      : QLocale().toString(until, QLocale::ShortFormat);
        QVERIFY2(tray.toolTip().contains(u"Alerts muted until "_s + untilText), qPrintable(tray.toolTip()));
        QCOMPARE(tray.unmuteAction()->text(), u"&Unmute Alerts (Muted Until %1)"_s.arg(untilText));
        tray.unmuteAction()->trigger();
        QCOMPARE(unmute.count(), 1);

        tray.setMuted(false);
        QVERIFY(!tray.isMuted());
        QVERIFY(tray.muteAction()->isVisible());
        QVERIFY(!tray.unmuteAction()->isVisible());
        QVERIFY(!tray.toolTip().contains(u"muted"_s));
    }

    void leftClickTogglesTheWindow()
    {
        TrayController tray;
        QSignalSpy toggle(&tray, &TrayController::toggleWindowRequested);
        tray.handleActivation(QSystemTrayIcon::Trigger);
        QCOMPARE(toggle.count(), 1);
        // The context menu opens by itself; a double click is not two toggles.
        tray.handleActivation(QSystemTrayIcon::Context);
        tray.handleActivation(QSystemTrayIcon::DoubleClick);
        tray.handleActivation(QSystemTrayIcon::MiddleClick);
        QCOMPARE(toggle.count(), 1);
    }

    void summary_data()
    {
        QTest::addColumn<StateCounts>("counts");
        QTest::addColumn<HealthState>("worst");
        QTest::addColumn<QString>("toolTip");
        QTest::newRow("nothing") << StateCounts{} << HealthState::Unknown << u"Vigie: no service to watch"_s;
        QTest::newRow("waiting") << StateCounts{.unknown = 4} << HealthState::Unknown << u"Vigie: 4 without data"_s;
        QTest::newRow("all up") << StateCounts{.up = 5} << HealthState::Up << u"Vigie: 5 up"_s;
        QTest::newRow("degraded") << StateCounts{.up = 5, .degraded = 1} << HealthState::Degraded
                                  << u"Vigie: 5 up · 1 degraded"_s;
        QTest::newRow("down") << StateCounts{.up = 3, .degraded = 1, .down = 2, .impacted = 1} << HealthState::Down
                              << u"Vigie: 3 up · 1 degraded · 2 down · 1 impacted"_s;
        // Maintenance raises no alarm: the icon stays up.
        QTest::newRow("maintenance") << StateCounts{.maintenance = 2} << HealthState::Up
                                     << u"Vigie: 2 in maintenance"_s;
    }

    void summary()
    {
        QFETCH(StateCounts, counts);
        QFETCH(HealthState, worst);
        QFETCH(QString, toolTip);
        TrayController tray;
        tray.setSummary(counts);
        QCOMPARE(tray.worstState(), worst);
        QCOMPARE(tray.toolTip(), toolTip);
        QCOMPARE(tray.statusAction()->text(), counts == StateCounts{} ? u"No service to watch"_s : toolTip.mid(7));
        // The icon is the state's own: colour and shape.
        for (const int size : {16, 22, 32})
            QCOMPARE(imageOf(tray.icon(), size), imageOf(StateIcons::icon(worst, QApplication::palette()), size));
        // The menu's line shows it in colour, although it is disabled.
        const QIcon status = tray.statusAction()->icon();
        for (const int size : {16, 32}) {
            const QImage expected = StateIcons::pixmap(worst, size, 1.0, QApplication::palette())
                                        .toImage()
                                        .convertToFormat(QImage::Format_ARGB32_Premultiplied);
            QCOMPARE(imageOf(status, size, QIcon::Normal), expected);
            QCOMPARE(imageOf(status, size, QIcon::Disabled), expected);
        }
    }

    void iconFollowsThePalette()
    {
        TrayController tray;
        tray.setSummary({.up = 1, .down = 1});
        const QImage light = imageOf(tray.icon(), 32);
        QApplication::setPalette(Vigie::darkPalette());
        const QImage dark = imageOf(tray.icon(), 32);
        QApplication::setPalette(QApplication::style()->standardPalette());
        QCOMPARE(dark, imageOf(StateIcons::icon(HealthState::Down, Vigie::darkPalette()), 32));
        QVERIFY(dark != light);
        QCOMPARE(imageOf(tray.icon(), 32), light);
    }

    // The pictures a person looks at: set VIGIE_DESKTOP_SCREENSHOTS=1 for all of them (light and
    // dark, English and French); by default, the English light ones.
    void saveScreenshots()
    {
        const bool all = qEnvironmentVariableIsSet("VIGIE_DESKTOP_SCREENSHOTS");
        Vigie::Test::forEachLook(all, [&](const QString &language, bool dark) {
            QApplication::setPalette(dark ? Vigie::darkPalette() : QApplication::style()->standardPalette());
            const QString suffix = language + (dark ? u"-dark"_s : u"-light"_s);
            TrayController tray;
            tray.setSummary({.up = 12, .degraded = 1, .down = 2});
            saveMenu(tray, u"tray-menu-"_s + suffix);
            tray.setMuted(true, QDateTime::currentDateTime().addSecs(3600));
            saveMenu(tray, u"tray-menu-muted-"_s + suffix);
            saveIcons(u"tray-icons-"_s + suffix);
        });
        QApplication::setPalette(QApplication::style()->standardPalette());
    }

private:
    // The menu as the tray shows it, with the tooltip's lines under it.
    void saveMenu(TrayController &tray, const QString &name)
    {
        QMenu *menu = tray.menu();
        menu->ensurePolished();
        menu->resize(menu->sizeHint());
        const QPixmap shown = menu->grab();
        const QFontMetrics metrics(QApplication::font());
        const QStringList tip = tray.toolTip().split(u'\n');
        int tipWidth = 0;
        for (const QString &line : tip)
            tipWidth = std::max(tipWidth, metrics.horizontalAdvance(line));
        const int margin = 8;
        QPixmap picture(std::max(shown.width(), tipWidth + 2 * margin) + 2 * margin,
                        shown.height() + int(tip.size()) * metrics.lineSpacing() + 4 * margin);
        picture.fill(QApplication::palette().color(QPalette::Window));
        QPainter painter(&picture);
        painter.drawPixmap(margin, margin, shown);
        painter.setPen(QApplication::palette().color(QPalette::ToolTipText));
        QRect tipRect(margin, shown.height() + 2 * margin, tipWidth + 2 * margin,
                      int(tip.size()) * metrics.lineSpacing() + margin);
        painter.fillRect(tipRect, QApplication::palette().color(QPalette::ToolTipBase));
        painter.drawRect(tipRect.adjusted(0, 0, -1, -1));
        for (qsizetype i = 0; i < tip.size(); ++i)
            painter.drawText(margin * 2, tipRect.top() + margin / 2 + int(i) * metrics.lineSpacing() + metrics.ascent(),
                             tip.at(i));
        painter.end();
        QVERIFY(picture.save(Vigie::Test::screenshotPath(name)));
    }

    // Each state's icon at the tray's usual sizes, on a light and a dark panel.
    void saveIcons(const QString &name)
    {
        const QList<HealthState> states{HealthState::Down, HealthState::Degraded, HealthState::Up,
                                        HealthState::Unknown};
        const QList<int> sizes{16, 22, 24, 32};
        const int cell = 40;
        QPixmap picture(cell * int(states.size()), cell * int(sizes.size()) * 2);
        QPainter painter(&picture);
        for (int panel = 0; panel < 2; ++panel) {
            const QColor background = panel == 0 ? QColor(0xef, 0xf0, 0xf1) : QColor(0x20, 0x22, 0x26);
            painter.fillRect(0, panel * cell * int(sizes.size()), picture.width(), cell * int(sizes.size()),
                             background);
            for (qsizetype s = 0; s < states.size(); ++s) {
                TrayController tray;
                const StateCounts counts = states.at(s) == HealthState::Down       ? StateCounts{.down = 1}
                                           : states.at(s) == HealthState::Degraded ? StateCounts{.degraded = 1}
                                           : states.at(s) == HealthState::Up       ? StateCounts{.up = 1}
                                                                                   : StateCounts{};
                tray.setSummary(counts);
                for (qsizetype z = 0; z < sizes.size(); ++z) {
                    const int size = sizes.at(z);
                    const QPoint at(int(s) * cell + (cell - size) / 2,
                                    (panel * int(sizes.size()) + int(z)) * cell + (cell - size) / 2);
                    painter.drawPixmap(at, tray.icon().pixmap(QSize(size, size), 1.0));
                }
            }
        }
        painter.end();
        QVERIFY(picture.save(Vigie::Test::screenshotPath(name)));
    }
};

QTEST_MAIN(tst_TrayController)
#include "tst_traycontroller.moc"
