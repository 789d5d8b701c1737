#include "wallview.h"

#include "boardview.h"
#include "models/problemsmodel.h"
#include "models/serviceboardmodel.h"
#include "problemdelegate.h"
#include "session/freshness.h"
#include "session/session.h"
#include "stateicons.h"
#include "tiledelegate.h"
#include "workspace/workspaceloader.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Vigie {

using namespace std::chrono_literals;

namespace {

// Rows of alarms the band keeps at most: the board keeps the rest of the screen.
constexpr int BandRows = 2;

// The smallest pixel size at which a bold state word is at least `height` pixels high.
int pixelSizeForHeight(const QFont &base, int height)
{
    QFont font = TileDelegate::stateFont(base);
    int size = std::max(6, height * 3 / 4);
    for (;; ++size) {
        font.setPixelSize(size);
        if (QFontMetrics(font).height() >= height || size > height * 2)
            return size;
    }
}

QFont withPixelSize(QFont font, int pixelSize, bool bold = false)
{
    font.setPixelSize(std::max(6, pixelSize));
    font.setBold(bold);
    return font;
}

} // namespace

struct WallView::Private
{
    Private(WallView *wall, Freshness *fresh)
        : q(wall)
        , freshness(fresh)
    {}

    WallView *q;
    Freshness *freshness;
    Clock *clock = Clock::system();
    ProblemsModel problems;
    ProblemDelegate *problemDelegate = nullptr;

    QVBoxLayout *layout = nullptr;
    QLabel *title = nullptr;
    QLabel *page = nullptr;
    QLabel *updated = nullptr;
    QLabel *time = nullptr;
    QLabel *stale = nullptr;
    QLabel *errors = nullptr;
    QListView *band = nullptr;
    QLabel *more = nullptr;
    QLabel *calm = nullptr;
    BoardView *board = nullptr;
    QTimer ticker;
    QTimer pageTimer;

    int referenceHeight = 1080;
    int readablePixelSize = 0;
    QPoint shift;
    // The banners' sentences, by source: the workspace, the store, the secrets.
    QString workspaceError;
    QString storeError;
    QString secretsError;

    void applySizes();
    void applyFreshness();
    void updateBand();
    void updateErrors();
    void updatePage();
    void restyleBanner(QLabel *banner, HealthState colourOf);
};

WallView::WallView(ServiceBoardModel *model, Freshness *freshness, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, freshness))
{
    setObjectName(u"wall"_s);
    setAccessibleName(tr("Wall display"));
    setAutoFillBackground(true);
    d->problems.setSourceModel(model);

    d->title = new QLabel;
    d->title->setObjectName(u"wallTitle"_s);
    d->page = new QLabel;
    d->page->setObjectName(u"wallPage"_s);
    d->updated = new QLabel;
    d->updated->setObjectName(u"wallUpdated"_s);
    d->time = new QLabel;
    d->time->setObjectName(u"wallClock"_s);
    d->more = new QLabel;
    d->more->setObjectName(u"wallMoreAlarms"_s);
    auto *top = new QHBoxLayout;
    top->addWidget(d->title, 1);
    top->addWidget(d->more);
    top->addSpacing(24);
    top->addWidget(d->page);
    top->addSpacing(24);
    top->addWidget(d->updated);
    top->addSpacing(24);
    top->addWidget(d->time);

    d->stale = new QLabel;
    d->stale->setObjectName(u"wallStale"_s);
    d->stale->setWordWrap(true);
    d->stale->setAutoFillBackground(true);
    d->stale->setMargin(8);
    d->stale->hide();
    d->errors = new QLabel;
    d->errors->setObjectName(u"wallErrors"_s);
    d->errors->setWordWrap(true);
    d->errors->setAutoFillBackground(true);
    d->errors->setMargin(8);
    d->errors->hide();

    d->band = new QListView;
    d->band->setObjectName(u"wallAlarms"_s);
    d->band->setAccessibleName(tr("Current alarms"));
    d->problemDelegate = new ProblemDelegate(d->band);
    d->problemDelegate->setCompact(true);
    d->band->setItemDelegate(d->problemDelegate);
    d->band->setModel(&d->problems);
    d->band->setViewMode(QListView::ListMode);
    d->band->setFlow(QListView::LeftToRight);
    d->band->setWrapping(true);
    d->band->setResizeMode(QListView::Adjust);
    d->band->setUniformItemSizes(true);
    d->band->setSelectionMode(QAbstractItemView::NoSelection);
    d->band->setFocusPolicy(Qt::NoFocus);
    d->band->setFrameShape(QFrame::NoFrame);
    d->band->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    d->band->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    d->band->viewport()->setBackgroundRole(QPalette::Window);
    d->calm = new QLabel(tr("No alarm"));
    d->calm->setObjectName(u"wallNoAlarm"_s);

    d->board = new BoardView;
    d->board->setObjectName(u"wallBoard"_s);
    d->board->setAccessibleName(tr("Service board"));
    d->board->setModel(model);
    d->board->setCompact(true);
    d->board->setPaging(true);
    d->board->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    d->board->setSelectionMode(QAbstractItemView::NoSelection);
    d->board->setFocusPolicy(Qt::NoFocus);
    d->board->setPlaceholderText(tr("No workspace is open."));

    d->layout = new QVBoxLayout(this);
    d->layout->addLayout(top);
    d->layout->addWidget(d->stale);
    d->layout->addWidget(d->errors);
    d->layout->addWidget(d->calm);
    d->layout->addWidget(d->band);
    d->layout->addWidget(d->board, 1);

    connect(freshness, &Freshness::changed, this, [this] { d->applyFreshness(); });
    // "Updated 0 s ago" as results come (the model tells at most ten times a second).
    connect(model, &QAbstractItemModel::dataChanged, this, &WallView::refresh);
    connect(&d->problems, &ProblemsModel::countChanged, this, [this] { d->updateBand(); });
    connect(d->board, &BoardView::pagesChanged, this, [this] { d->updatePage(); });

    d->ticker.setInterval(1s);
    connect(&d->ticker, &QTimer::timeout, this, &WallView::refresh);
    d->ticker.start();
    d->pageTimer.setInterval(20s);
    connect(&d->pageTimer, &QTimer::timeout, this, [this] {
        const int pages = d->board->pageCount();
        if (pages > 1)
            d->board->setCurrentPage((d->board->currentPage() + 1) % pages);
    });
    d->pageTimer.start();

    d->applySizes();
    d->applyFreshness();
    d->updateBand();
    d->updatePage();
}

WallView::~WallView() = default;

void WallView::followSession(Session *session)
{
    connect(session, &Session::workspaceOpened, this, [this](const QString &, const Workspace &workspace) {
        d->title->setText(workspace.name);
        d->workspaceError.clear();
        d->updateErrors();
    });
    connect(session, &Session::workspaceFailed, this, [this](const QString &path, const QList<WorkspaceError> &list) {
        d->workspaceError = tr("%1 could not be reloaded (%2): the wall shows the workspace as it was.")
                                .arg(path, list.isEmpty() ? QString() : list.first().toString());
        d->updateErrors();
    });
    connect(session, &Session::storeFailed, this, [this](const QString &reason) {
        d->storeError = tr("Results are not kept: %1").arg(reason);
        d->updateErrors();
    });
    connect(session, &Session::storeOpened, this, [this] {
        d->storeError.clear();
        d->updateErrors();
    });
    connect(session, &Session::secretsRead, this, [this](const QStringList &missing, const QString &error) {
        d->secretsError = !error.isEmpty()    ? error
                          : missing.isEmpty() ? QString()
                                              : tr("Secrets missing from the keychain: %1").arg(missing.join(u", "_s));
        d->updateErrors();
    });
    if (!session->workspacePath().isEmpty())
        d->title->setText(session->workspace().name);
}

void WallView::setTitle(const QString &title)
{
    d->title->setText(title);
}

void WallView::setReferenceHeight(int pixels)
{
    d->referenceHeight = std::max(200, pixels);
    d->applySizes();
}

int WallView::referenceHeight() const
{
    return d->referenceHeight;
}

void WallView::setPageInterval(std::chrono::milliseconds interval)
{
    d->pageTimer.setInterval(std::max<std::chrono::milliseconds>(interval, 2s));
}

void WallView::setClock(Clock *clock)
{
    d->clock = clock;
    d->board->setClock(clock);
    d->problemDelegate->setClock(clock);
    refresh();
}

void WallView::setPixelShift(QPoint shift)
{
    d->shift = shift;
    d->applySizes();
}

BoardView *WallView::board() const
{
    return d->board;
}

ProblemsModel *WallView::problems() const
{
    return &d->problems;
}

bool WallView::isStaleShown() const
{
    return !d->stale->isHidden();
}

QString WallView::bannerText() const
{
    QStringList texts;
    if (!d->stale->isHidden())
        texts << d->stale->text();
    if (!d->errors->isHidden())
        texts << d->errors->text();
    return texts.join(u'\n');
}

int WallView::alarmsShown() const
{
    if (d->band->isHidden() || d->problems.rowCount() == 0)
        return 0;
    const QSize grid = d->band->gridSize();
    const int columns = std::max(1, d->band->viewport()->width() / std::max(1, grid.width()));
    return std::min(d->problems.rowCount(), columns * BandRows);
}

int WallView::stateTextHeight() const
{
    return QFontMetrics(TileDelegate::stateFont(d->board->tileFont())).height();
}

void WallView::refresh()
{
    const QDateTime now = d->clock->now();
    d->time->setText(QLocale().toString(now.toLocalTime().time(), u"HH:mm:ss"_s));
    const QDateTime last = d->freshness->lastResult();
    if (!last.isValid()) {
        d->updated->setText(tr("No result yet"));
    } else {
        const qint64 age = std::max<qint64>(0, last.secsTo(now));
        if (age < 60)
            d->updated->setText(tr("Updated %n s ago", nullptr, int(age)));
        else if (age < 3600)
            d->updated->setText(tr("Updated %n min ago", nullptr, int(age / 60)));
        else
            d->updated->setText(tr("Updated at %1").arg(QLocale().toString(last.toLocalTime(), QLocale::ShortFormat)));
    }
    d->freshness->recheck();
    d->band->viewport()->update();
}

void WallView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    d->updateBand();
}

void WallView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        d->restyleBanner(d->stale, HealthState::Unknown);
        d->restyleBanner(d->errors, HealthState::Down);
    }
}

void WallView::Private::applySizes()
{
    const int h = referenceHeight;
    // The state words: at least 2 % of the screen's height (readable from about 5 m at 1080p).
    readablePixelSize = pixelSizeForHeight(q->font(), int(std::ceil(h * 0.02)));
    const int pad = std::max(4, h / 120);
    layout->setContentsMargins(pad + shift.x(), pad + shift.y(), pad - shift.x(), pad - shift.y());
    layout->setSpacing(pad);

    const QFont base = q->font();
    title->setFont(withPixelSize(base, h * 30 / 1000, true));
    for (QLabel *label : {page, updated, time})
        label->setFont(withPixelSize(base, readablePixelSize));
    time->setFont(withPixelSize(base, h * 30 / 1000, true));
    for (QLabel *label : {stale, errors})
        label->setFont(withPixelSize(base, h * 28 / 1000, true));
    // The alarms a little larger than the smallest tiles: they are what the room reads first.
    const int alarmPixels = readablePixelSize * 5 / 4;
    band->setFont(withPixelSize(base, alarmPixels));
    more->setFont(withPixelSize(base, readablePixelSize, true));
    calm->setFont(withPixelSize(base, alarmPixels));
    // Tiles between the readable size and 6 % of the screen: as large as the services allow.
    board->setFontSizeRange(readablePixelSize, std::max(readablePixelSize, h * 6 / 100));
    updateBand();
    restyleBanner(stale, HealthState::Unknown);
    restyleBanner(errors, HealthState::Down);
}

void WallView::Private::restyleBanner(QLabel *banner, HealthState colourOf)
{
    QPalette pal = q->palette();
    // A stale wall is not an alarm about a service: a strong neutral band, unlike any state.
    const QColor colour = colourOf == HealthState::Unknown ? StateIcons::color(StateIcons::Explained::Stale, pal)
                                                           : StateIcons::color(colourOf, pal);
    pal.setColor(QPalette::Window, colour);
    pal.setColor(QPalette::WindowText, StateIcons::isDark(pal) ? QColor(0x10, 0x10, 0x10) : QColor(Qt::white));
    banner->setPalette(pal);
}

void WallView::Private::applyFreshness()
{
    const bool isStale = freshness->isStale();
    stale->setText(isStale ? WallView::tr("Not live — %1").arg(freshness->reason()) : QString());
    stale->setVisible(isStale);
    board->setAllStale(isStale);
    // "No result yet" turns into "Updated 0 s ago" with the first live result, not a second later.
    q->refresh();
}

void WallView::Private::updateErrors()
{
    QStringList lines;
    for (const QString &line : {workspaceError, storeError, secretsError})
        if (!line.isEmpty())
            lines << line;
    errors->setText(lines.join(u'\n'));
    errors->setVisible(!lines.isEmpty());
}

void WallView::Private::updateBand()
{
    const int count = problems.rowCount();
    calm->setVisible(count == 0);
    band->setVisible(count > 0);
    if (count == 0) {
        more->hide();
        return;
    }
    // Two alarms a row where they have room for a name, a state and a cause (about 40 characters).
    const QFontMetrics metrics(band->font());
    const int width = std::max(1, band->width());
    const int columns = std::clamp(width / std::max(1, metrics.averageCharWidth() * 40), 1, 2);
    const QSize item(width / columns, metrics.height() + 2 * std::max(3, qRound(metrics.height() * 0.4)));
    const QSize grid((width - 1) / columns, item.height() + 2);
    band->setGridSize(grid);
    const int rows = std::min(BandRows, (count + columns - 1) / columns);
    band->setFixedHeight(rows * grid.height());
    const int hidden = count - std::min(count, rows * columns);
    more->setText(WallView::tr("and %n more alarm(s)", nullptr, hidden));
    more->setVisible(hidden > 0);
}

void WallView::Private::updatePage()
{
    const int pages = board->pageCount();
    page->setText(pages > 1 ? WallView::tr("Page %1 of %2").arg(board->currentPage() + 1).arg(pages) : QString());
    page->setVisible(pages > 1);
}

} // namespace Vigie
