#pragma once

#include "core/clock.h"

#include <QPoint>
#include <QWidget>

#include <chrono>
#include <memory>

namespace Vigie {

class BoardView;
class Freshness;
class ProblemsModel;
class ServiceBoardModel;
class Session;

// What a NOC wall shows, read from across the room: a top line (workspace, page, when the last
// result came, a clock), a band of the current alarms with their durations, and the board in
// compact tiles sized to the screen. Every text is a fraction of the screen's height (a state
// word at least 2 %), so that it reads the same on a 1080p and a 4K screen.
//
// It is honest about its own freshness (Session::freshness): when no result has come for two
// intervals, probing stopped or the store cannot write, a banner across the wall says so and every
// tile is drawn as stale. It never opens a dialog: what fails is a banner. When the board does not
// fit, its pages turn on an interval, and the alarm band stays on every page.
class WallView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WallView)

public:
    // Shows `model`, honest by `freshness` (a session's, usually); neither is owned.
    WallView(ServiceBoardModel *model, Freshness *freshness, QWidget *parent = nullptr);
    ~WallView() override;

    // The workspace's name, and what fails in the session (workspace, store, secrets) as banners.
    void followSession(Session *session);

    // The workspace's name, top left (followSession sets it).
    void setTitle(const QString &title);
    // The height of the screen it is shown on: text sizes are fractions of it.
    void setReferenceHeight(int pixels);
    int referenceHeight() const;
    void setPageInterval(std::chrono::milliseconds interval);
    void setClock(Clock *clock);
    // Moves everything by a few pixels (burn-in protection on screens that show the same for weeks).
    void setPixelShift(QPoint shift);

    BoardView *board() const;
    ProblemsModel *problems() const;
    // Whether the stale banner is up, and what the banners say (for tests and the screenshot dump).
    bool isStaleShown() const;
    QString bannerText() const;
    // How many alarms the band shows, and how many it leaves to its "and N more".
    int alarmsShown() const;
    // The smallest text on the wall that is meant to be read from afar (the tiles' state words):
    // its pixel height.
    int stateTextHeight() const;
    // Re-reads the freshness, the clock and the band now (also every second).
    void refresh();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
