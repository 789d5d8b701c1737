#include "wallwindow.h"

#include "preferences.h"
#include "screensaverinhibitor.h"
#include "session/session.h"
#include "wallview.h"

#include <QApplication>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QScreen>
#include <QTimer>
#include <QVBoxLayout>
#include <QWindow>

using namespace Qt::StringLiterals;

namespace Vigie {

using namespace std::chrono_literals;

namespace {
// The cursor hides after this long without moving, unless told otherwise.
constexpr auto CursorIdle = 3s;
// Burn-in protection: a step of a few pixels every few minutes, around a small square.
constexpr auto ShiftInterval = 4min;
const QPoint ShiftSteps[] = {{0, 0}, {2, 0}, {2, 2}, {0, 2}, {-2, 2}, {-2, 0}, {-2, -2}, {0, -2}, {2, -2}};
} // namespace

struct WallWindow::Private
{
    WallView *view = nullptr;
    ScreenSaverInhibitor inhibitor;
    QTimer cursorTimer;
    QTimer shiftTimer;
    int shiftStep = 0;
    // The screen asked for, by name: when it goes away the wall moves, and comes back with it.
    QString preferredName;
    bool leaveKeys = false;

    // A delay of zero never hides the cursor.
    void restartCursorTimer()
    {
        if (cursorTimer.interval() > 0)
            cursorTimer.start();
    }
};

WallWindow::WallWindow(Session *session, ServiceBoardModel *model, QWidget *parent)
    : QWidget(parent, Qt::Window | Qt::FramelessWindowHint)
    , d(std::make_unique<Private>())
{
    setObjectName(u"wallWindow"_s);
    setWindowTitle(tr("Vigie wall display"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    d->view = new WallView(model, session->freshness());
    d->view->followSession(session);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);

    // The cursor hides when still; any movement brings it back.
    setMouseTracking(true);
    qApp->installEventFilter(this);
    d->cursorTimer.setSingleShot(true);
    d->cursorTimer.setInterval(CursorIdle);
    connect(&d->cursorTimer, &QTimer::timeout, this, [this] { setCursor(Qt::BlankCursor); });

    d->shiftTimer.setInterval(ShiftInterval);
    connect(&d->shiftTimer, &QTimer::timeout, this, [this] {
        d->shiftStep = (d->shiftStep + 1) % int(std::size(ShiftSteps));
        d->view->setPixelShift(ShiftSteps[d->shiftStep]);
    });

    // A failure to hold the screen saver off is said on the wall, never in a dialog.
    connect(&d->inhibitor, &ScreenSaverInhibitor::failed, this,
            [](const QString &reason) { qWarning("vigie: %s", qPrintable(reason)); });

    connect(qApp, &QGuiApplication::screenRemoved, this, [this] {
        // Placed again once the list of screens no longer holds the one that went.
        QTimer::singleShot(0, this, [this] {
            if (isVisible())
                showOnScreen();
        });
    });
    connect(qApp, &QGuiApplication::screenAdded, this, [this](QScreen *added) {
        if (isVisible() && added->name() == d->preferredName)
            showOnScreen();
    });
}

WallWindow::~WallWindow()
{
    qApp->removeEventFilter(this);
}

void WallWindow::setPreferredScreen(int index)
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    d->preferredName = index >= 0 && index < screens.size() ? screens.at(index)->name() : QString();
}

void WallWindow::setPreferredScreenName(const QString &name)
{
    d->preferredName = name;
}

void WallWindow::applyPreferences(const Preferences &preferences, int screen, int fallbackScreen)
{
    if (screen >= 0)
        setPreferredScreen(screen);
    else if (!preferences.wallScreen.isEmpty())
        setPreferredScreenName(preferences.wallScreen);
    else
        setPreferredScreen(fallbackScreen);
    setCursorHideDelay(preferences.cursorHideDelay);
}

void WallWindow::setCursorHideDelay(std::chrono::milliseconds delay)
{
    d->cursorTimer.setInterval(delay);
    if (delay <= 0ms) {
        d->cursorTimer.stop();
        unsetCursor();
    }
}

void WallWindow::setLeaveKeys(bool leave)
{
    d->leaveKeys = leave;
}

WallView *WallWindow::view() const
{
    return d->view;
}

QString WallWindow::chooseScreen(const QString &preferred, const QStringList &available, const QString &primary)
{
    if (!preferred.isEmpty() && available.contains(preferred))
        return preferred;
    if (!primary.isEmpty() && available.contains(primary))
        return primary;
    return available.value(0);
}

void WallWindow::showOnScreen()
{
    QStringList names;
    const QList<QScreen *> screens = QGuiApplication::screens();
    for (const QScreen *screen : screens)
        names << screen->name();
    const QScreen *primary = QGuiApplication::primaryScreen();
    const QString chosen = chooseScreen(d->preferredName, names, primary ? primary->name() : QString());
    QScreen *target = nullptr;
    for (QScreen *screen : screens)
        if (screen->name() == chosen)
            target = screen;
    if (!target)
        return;
    if (!windowHandle())
        create();
    windowHandle()->setScreen(target);
    setGeometry(target->geometry());
    d->view->setReferenceHeight(target->geometry().height());
    showFullScreen();
    d->inhibitor.inhibit(tr("A wall display is shown"));
    d->shiftTimer.start();
    d->restartCursorTimer();
}

void WallWindow::keyPressEvent(QKeyEvent *event)
{
    if (d->leaveKeys && (event->key() == Qt::Key_Escape || event->key() == Qt::Key_F11)) {
        Q_EMIT leaveRequested();
        return;
    }
    if (event->matches(QKeySequence::Quit) || (event->key() == Qt::Key_Q && event->modifiers() & Qt::ControlModifier)) {
        qApp->quit();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool WallWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseMove && isVisible()) {
        if (cursor().shape() == Qt::BlankCursor)
            unsetCursor();
        d->restartCursorTimer();
    }
    return QWidget::eventFilter(watched, event);
}

void WallWindow::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    d->inhibitor.release();
    d->shiftTimer.stop();
    d->cursorTimer.stop();
    unsetCursor();
}

} // namespace Vigie
