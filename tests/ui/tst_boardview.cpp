#include "boardaccessible.h"
#include "boardview.h"
#include "core/numbertext.h"
#include "models/serviceboardmodel.h"
#include "paintcache.h"
#include "screenshots.h"
#include "tiledelegate.h"

#include <QAccessible>
#include <QAccessibleActionInterface>
#include <QApplication>
#include <QPainter>
#include <QPixmapCache>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>

using namespace Qt::StringLiterals;
using Vigie::BoardView;
using Vigie::formatSince;
using Vigie::HealthState;
using Vigie::ProbeResult;
using Vigie::ServiceBoardModel;
using Vigie::TileDelegate;
using Vigie::Workspace;

namespace {

Workspace makeWorkspace(const QStringList &groups, int servicesPerGroup)
{
    Workspace workspace;
    workspace.name = u"Board test"_s;
    for (const QString &group : groups) {
        for (int i = 0; i < servicesPerGroup; ++i) {
            Vigie::Service service;
            service.id = group.toLower() + u'-' + QString::number(i);
            service.name = group + u" service "_s + QString::number(i);
            service.group = group;
            Vigie::ProbeSpec probe;
            probe.setKind(Vigie::ProbeKind::Tcp);
            probe.target = u"127.0.0.1:"_s + QString::number(1000 + i);
            service.probes.append(probe);
            workspace.services.append(service);
        }
    }
    return workspace;
}

// The service's probe timing out now: a Down result.
ProbeResult timedOut(const Vigie::Service &service)
{
    ProbeResult result;
    result.key = {service.id, 0};
    result.kind = u"tcp"_s;
    result.target = service.probes.first().target;
    result.timestampMs = QDateTime::currentMSecsSinceEpoch();
    result.status = HealthState::Down;
    result.error = Vigie::Message::verbatim(u"Connecting to 127.0.0.1 timed out after 10 s."_s);
    return result;
}

// A few results per service, ending in a state that depends on its position.
QList<ProbeResult> fakeResults(const Workspace &workspace)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<ProbeResult> results;
    for (qsizetype s = 0; s < workspace.services.size(); ++s) {
        const Vigie::Service &service = workspace.services.at(s);
        const HealthState last = s % 5 == 3 ? HealthState::Down : s % 7 == 4 ? HealthState::Degraded : HealthState::Up;
        for (int k = 0; k < 12; ++k) {
            ProbeResult result;
            result.key = {service.id, 0};
            result.kind = u"tcp"_s;
            result.target = service.probes.first().target;
            result.timestampMs = now - (12 - k) * 30'000 - qint64(s) * 7;
            result.status = k == 11 ? last : (k == 5 && s % 2 ? HealthState::Down : HealthState::Up);
            result.latencyMs = result.status == HealthState::Down ? 0 : 20.0 + (k * 37 + s * 11) % 90;
            if (result.status == HealthState::Down)
                result.error =
                    Vigie::Message::verbatim(u"Connecting to 127.0.0.1 was refused: nothing listens on that port."_s);
            results.append(result);
        }
    }
    return results;
}

// Paints like the real delegate and counts what it is asked to paint.
class CountingDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        ++paints;
        painted.append(QPersistentModelIndex(index));
        m_real.paint(painter, option, index);
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return m_real.sizeHint(option, index);
    }
    mutable int paints = 0;
    mutable QList<QPersistentModelIndex> painted;

private:
    TileDelegate m_real;
};

QList<QModelIndex> allIndexes(const QAbstractItemModel &model)
{
    QList<QModelIndex> out;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        out.append(group);
        for (int s = 0; s < model.rowCount(group); ++s)
            out.append(model.index(s, 0, group));
    }
    return out;
}

// Records what the board tells assistive technologies (QAccessible drops events on the offscreen
// platform, where none is active), as qtbase's own accessibility tests do.
class AccessibilityRecorder
{
public:
    struct Event
    {
        QAccessible::Event type;
        QObject *object;
        int child;
        QAccessible::Id id;
    };

    AccessibilityRecorder()
    {
        s_events.clear();
        Vigie::BoardAccessible::setTestEventHandler(record);
    }
    ~AccessibilityRecorder()
    {
        Vigie::BoardAccessible::setTestEventHandler(nullptr);
        s_events.clear();
    }
    Q_DISABLE_COPY_MOVE(AccessibilityRecorder)

    static QList<Event> events(QAccessible::Event type)
    {
        QList<Event> out;
        for (const Event &event : std::as_const(s_events))
            if (event.type == type)
                out.append(event);
        return out;
    }
    static void clear() { s_events.clear(); }

private:
    static void record(QAccessibleEvent *event)
    {
        s_events.append({event->type(), event->object(), event->child(), event->object() ? 0 : event->uniqueId()});
    }
    static inline QList<Event> s_events;
};

} // namespace

class tst_BoardView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void tilesStayInsideAndDoNotOverlap();
    void indexAtFindsEachItem();
    void keyboardMovesTheCurrentTile();
    void selectingATileMakesItCurrent();
    void relayoutsWhenTheModelChanges();
    void dataChangedRepaintsWithoutRelayout();
    void elevenThousandServicesPaintOnlyWhatIsVisible();
    void formatsForPeople();
    void tilesGrowToTheRoomTheyHave();
    void smallGroupsShareARow();
    void causeKeepsItsPort();
    void compactTilesPageWhenTheyDoNotFit();
    void screenReadersSeeEveryTile();
    void screenReadersFollowTheCurrentTile();
    void screenReadersHearOfChangedTiles();
    void accessibleTilesDoNotOutliveAReset();
    void cachedFramesAreCrispAtEveryScale_data();
    void cachedFramesAreCrispAtEveryScale();
    void saveScreenshots();

private:
    std::unique_ptr<ServiceBoardModel> m_model;
    std::unique_ptr<BoardView> m_view;
    Workspace m_workspace;
};

void tst_BoardView::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_BoardView::init()
{
    // 3 groups of uneven sizes, 10 services.
    m_workspace = makeWorkspace({u"Edge"_s}, 4);
    m_workspace.services += makeWorkspace({u"Mail"_s}, 2).services;
    m_workspace.services += makeWorkspace({u"Data"_s}, 4).services;
    m_model = std::make_unique<ServiceBoardModel>();
    m_model->setWorkspace(m_workspace);
    m_model->applyResults(fakeResults(m_workspace));
    m_model->flushPendingChanges();
    m_view = std::make_unique<BoardView>();
    m_view->setModel(m_model.get());
    m_view->resize(900, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void tst_BoardView::cleanup()
{
    m_view.reset();
    m_model.reset();
}

void tst_BoardView::tilesStayInsideAndDoNotOverlap()
{
    QCOMPARE(m_model->rowCount(), 3);
    const QList<QModelIndex> indexes = allIndexes(*m_model);
    QCOMPARE(indexes.size(), 13);
    const QRect content(0, -m_view->verticalScrollBar()->value(), m_view->viewport()->width(),
                        std::numeric_limits<int>::max() / 2);
    QList<QRect> rects;
    for (const QModelIndex &index : indexes) {
        const QRect rect = m_view->visualRect(index);
        QVERIFY2(rect.isValid() && !rect.isEmpty(), qPrintable(index.data().toString()));
        QVERIFY2(content.contains(rect), qPrintable(index.data().toString()));
        for (qsizetype i = 0; i < rects.size(); ++i)
            QVERIFY2(!rects.at(i).intersects(rect),
                     qPrintable(index.data().toString() + u" overlaps "_s + indexes.at(i).data().toString()));
        rects.append(rect);
    }
    // Several tiles share a row at this width, and a group starts below the previous one's tiles.
    QVERIFY(m_view->columnCount() >= 2);
    const QModelIndex edge = m_model->index(0, 0);
    const QModelIndex mail = m_model->index(1, 0);
    QCOMPARE(m_view->visualRect(m_model->index(1, 0, edge)).top(),
             m_view->visualRect(m_model->index(0, 0, edge)).top());
    QVERIFY(m_view->visualRect(mail).top() > m_view->visualRect(m_model->index(3, 0, edge)).bottom());
}

void tst_BoardView::indexAtFindsEachItem()
{
    for (const QModelIndex &index : allIndexes(*m_model))
        QCOMPARE(m_view->indexAt(m_view->visualRect(index).center()), index);
    // The gap between two tiles is nothing.
    const QModelIndex edge = m_model->index(0, 0);
    const QRect first = m_view->visualRect(m_model->index(0, 0, edge));
    const QRect second = m_view->visualRect(m_model->index(1, 0, edge));
    QVERIFY(second.left() > first.right() + 1);
    QVERIFY(!m_view->indexAt(QPoint(first.right() + 1 + (second.left() - first.right()) / 2, first.center().y()))
                 .isValid());
}

void tst_BoardView::keyboardMovesTheCurrentTile()
{
    // Two columns: Edge's 4 tiles on two rows.
    m_view->resize(TileDelegate::tileSize(m_view->font()).width() * 2 + 60, 700);
    const int columns = m_view->columnCount();
    QCOMPARE(columns, 2);
    const QModelIndex edge = m_model->index(0, 0);
    const QModelIndex mail = m_model->index(1, 0);
    const QModelIndex data = m_model->index(2, 0);
    m_view->setFocus();
    m_view->setCurrentIndex(m_model->index(0, 0, edge));

    QTest::keyClick(m_view.get(), Qt::Key_Right);
    QCOMPARE(m_view->currentIndex(), m_model->index(1, 0, edge));
    QTest::keyClick(m_view.get(), Qt::Key_Left);
    QCOMPARE(m_view->currentIndex(), m_model->index(0, 0, edge));
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->currentIndex(), m_model->index(columns, 0, edge));
    // Down from the last row of a group goes into the next group, same column when it exists.
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->currentIndex(), m_model->index(0, 0, mail));
    QTest::keyClick(m_view.get(), Qt::Key_Up);
    QCOMPARE(m_view->currentIndex().parent(), edge);
    QTest::keyClick(m_view.get(), Qt::Key_End);
    QCOMPARE(m_view->currentIndex(), m_model->index(3, 0, data));
    QTest::keyClick(m_view.get(), Qt::Key_Right); // already last: stays
    QCOMPARE(m_view->currentIndex(), m_model->index(3, 0, data));
    QTest::keyClick(m_view.get(), Qt::Key_Home);
    QCOMPARE(m_view->currentIndex(), m_model->index(0, 0, edge));
    // Right at the end of a group continues into the next one.
    m_view->setCurrentIndex(m_model->index(3, 0, edge));
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    QCOMPARE(m_view->currentIndex(), m_model->index(0, 0, mail));
    QVERIFY(m_view->selectionModel()->isSelected(m_model->index(0, 0, mail)));
    QCOMPARE(m_view->selectionModel()->selectedIndexes().size(), 1);
}

void tst_BoardView::selectingATileMakesItCurrent()
{
    QSignalSpy current(m_view->selectionModel(), &QItemSelectionModel::currentChanged);
    const QModelIndex target = m_model->index(1, 0, m_model->index(2, 0));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->visualRect(target).center());
    QCOMPARE(m_view->currentIndex(), target);
    QCOMPARE(current.size(), 1);
    QCOMPARE(m_view->selectionModel()->selectedIndexes(), QModelIndexList{target});
}

void tst_BoardView::relayoutsWhenTheModelChanges()
{
    const int before = m_view->layoutPassCount();
    m_model->setWorkspace(makeWorkspace({u"Solo"_s}, 3));
    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex solo = m_model->index(0, 0);
    QVERIFY(m_view->visualRect(m_model->index(2, 0, solo)).isValid());
    QVERIFY(!m_view->indexAt(QPoint(m_view->viewport()->width() / 2, m_view->viewport()->height() - 5)).isValid());
    QVERIFY(m_view->layoutPassCount() > before);

    // A narrower view has fewer columns and a taller layout.
    const int wideColumns = m_view->columnCount();
    m_view->resize(m_view->visualRect(m_model->index(0, 0, solo)).width() + 40, 700);
    QTRY_VERIFY(m_view->columnCount() < wideColumns);
    QCOMPARE(m_view->columnCount(), 1);
    QVERIFY(m_view->visualRect(m_model->index(1, 0, solo)).top() >
            m_view->visualRect(m_model->index(0, 0, solo)).bottom());
}

void tst_BoardView::dataChangedRepaintsWithoutRelayout()
{
    auto *counting = new CountingDelegate(m_view.get());
    m_view->setItemDelegate(counting);
    // Runs the layout the new delegate asked for now, and lets the full repaint it causes pass.
    m_view->doItemsLayout();
    QTRY_VERIFY(counting->paints >= 13);
    QCoreApplication::processEvents();
    const int passes = m_view->layoutPassCount();
    counting->paints = 0;
    counting->painted.clear();

    const Vigie::Service &service = m_workspace.services.at(1);
    m_model->applyResults({timedOut(service)});
    m_model->flushPendingChanges();

    const QModelIndex changed = m_model->serviceIndex(service.id);
    QTRY_VERIFY(counting->paints > 0);
    QCOMPARE(m_view->layoutPassCount(), passes);
    QVERIFY(counting->painted.contains(QPersistentModelIndex(changed)));
    // The tile and its group header (whose counts changed), nothing else.
    for (const QPersistentModelIndex &index : std::as_const(counting->painted))
        QVERIFY2(index == changed || index == changed.parent(), qPrintable(index.data().toString()));
}

void tst_BoardView::elevenThousandServicesPaintOnlyWhatIsVisible()
{
    QStringList groups;
    for (int g = 0; g < 22; ++g)
        groups << u"Region "_s + QString::number(g);
    const Workspace big = makeWorkspace(groups, 500);
    QCOMPARE(big.services.size(), 11000);
    m_model->setWorkspace(big);
    m_model->applyResults(fakeResults(big));
    m_model->flushPendingChanges();

    auto *counting = new CountingDelegate(m_view.get());
    m_view->setItemDelegate(counting);
    m_view->resize(1280, 800);
    const int childWidgets = int(m_view->findChildren<QWidget *>().size());

    const QImage frame = m_view->grab().toImage();
    QVERIFY(!frame.isNull());
    const int perFrame = counting->paints;
    QVERIFY(perFrame > 0);
    QVERIFY2(perFrame < 200, qPrintable(QString::number(perFrame)));

    // Scrolling to the very last service shows it, still painting only one screenful.
    const QModelIndex last = m_model->index(499, 0, m_model->index(21, 0));
    m_view->scrollTo(last);
    QVERIFY(m_view->verticalScrollBar()->value() > 0);
    QVERIFY(m_view->viewport()->rect().contains(m_view->visualRect(last)));
    QCOMPARE(m_view->indexAt(m_view->visualRect(last).center()), last);
    counting->paints = 0;
    counting->painted.clear();
    QVERIFY(!m_view->grab().isNull());
    QVERIFY(counting->paints < 200);
    QVERIFY(counting->painted.contains(QPersistentModelIndex(last)));

    // No widget per tile.
    QCOMPARE(int(m_view->findChildren<QWidget *>().size()), childWidgets);
    QVERIFY(childWidgets < 20);

    // A screen reader reaches every tile, the last one too, and it is the one in view.
    QAccessibleInterface *board = QAccessible::queryAccessibleInterface(m_view.get());
    QCOMPARE(board->childCount(), 11000);
    QAccessibleInterface *lastTile = board->child(10999);
    QVERIFY(lastTile->text(QAccessible::Name).startsWith(u"Region 21 service 499, "_s));
    QVERIFY(!lastTile->state().offscreen);
    QVERIFY(board->child(0)->state().offscreen);
    QCOMPARE(board->indexOfChild(lastTile), 10999);
}

void tst_BoardView::formatsForPeople()
{
    QCOMPARE(Vigie::formatLatency(123.4), u"123 ms"_s);
    QCOMPARE(Vigie::formatLatency(1240), u"1.24 s"_s);
    QCOMPARE(Vigie::formatLatency(4.56), u"4.6 ms"_s);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(formatSince(now.addSecs(-180), now), u"for 3 min"_s);
    QCOMPARE(formatSince(now.addSecs(-(2 * 3600 + 5 * 60)), now), u"for 2 h 5 min"_s);
    QCOMPARE(formatSince(now.addSecs(-40), now), u"for 40 s"_s);
    QCOMPARE(formatSince(QDateTime(), now), QString());
    QCOMPARE(TileDelegate::formatCounts({.up = 3, .down = 1}), u"3 up · 1 down"_s);
    // Tiles grow with the font.
    QFont small = QApplication::font();
    small.setPointSize(9);
    QFont large = small;
    large.setPointSize(16);
    QVERIFY(TileDelegate::tileSize(large).width() > TileDelegate::tileSize(small).width());
    QVERIFY(TileDelegate::tileSize(large).height() > TileDelegate::tileSize(small).height());
}

// Eight services on a wall-sized window get large tiles; three hundred get the smallest size the
// range allows, and still fit if they can.
void tst_BoardView::tilesGrowToTheRoomTheyHave()
{
    const int base = QFontInfo(m_view->font()).pixelSize();
    m_view->setFontSizeRange(base, base * 2);
    m_view->resize(1600, 900);
    m_model->setWorkspace(makeWorkspace({u"Edge"_s, u"Data"_s}, 4));
    const int few = m_view->tileFont().pixelSize();
    QVERIFY2(few > base, qPrintable(QString::number(few)));
    QCOMPARE(m_view->verticalScrollBar()->maximum(), 0);

    m_model->setWorkspace(makeWorkspace({u"A"_s, u"B"_s, u"C"_s}, 100));
    const int many = m_view->tileFont().pixelSize();
    QVERIFY(many < few);
    QVERIFY(many >= base);
    // Too many for the smallest size: the board scrolls, at that size.
    m_model->setWorkspace(makeWorkspace({u"A"_s, u"B"_s, u"C"_s}, 400));
    QCOMPARE(m_view->tileFont().pixelSize(), base);
    QTRY_VERIFY(m_view->verticalScrollBar()->maximum() > 0);
    // Hiding a side panel widens the board: more columns, never narrower tiles.
    const int columns = m_view->columnCount();
    const int width = m_view->visualRect(m_model->index(0, 0, m_model->index(0, 0))).width();
    m_view->resize(2000, 900);
    QVERIFY(m_view->columnCount() >= columns);
    QVERIFY(m_view->visualRect(m_model->index(0, 0, m_model->index(0, 0))).width() >= width * 9 / 10);
}

// Groups of one or two tiles sit side by side under their own headers instead of a row each.
void tst_BoardView::smallGroupsShareARow()
{
    Workspace workspace = makeWorkspace({u"DNS"_s}, 1);
    workspace.services += makeWorkspace({u"Mail"_s}, 2).services;
    workspace.services += makeWorkspace({u"Web"_s}, 1).services;
    m_model->setWorkspace(workspace);
    m_view->resize(1400, 700);
    QVERIFY(m_view->columnCount() >= 4);
    const QRect dns = m_view->visualRect(m_model->index(0, 0));
    const QRect mail = m_view->visualRect(m_model->index(1, 0));
    const QRect web = m_view->visualRect(m_model->index(2, 0));
    QCOMPARE(mail.top(), dns.top());
    QCOMPARE(web.top(), dns.top());
    QVERIFY(mail.left() > dns.right());
    QVERIFY(web.left() > mail.right());
    const QRect mailTile = m_view->visualRect(m_model->index(1, 0, m_model->index(1, 0)));
    QVERIFY(mailTile.left() >= mail.left() && mailTile.right() <= mail.right() + 1);
    for (const QModelIndex &index : allIndexes(*m_model))
        QCOMPARE(m_view->indexAt(m_view->visualRect(index).center()), index);
}

// A long cause wraps on two lines; cut, it loses its middle, never the host:port at its end.
void tst_BoardView::causeKeepsItsPort()
{
    const QFont font = m_view->font();
    const int width = QFontMetrics(font).averageCharWidth() * 30;
    const QString primary = u"Connecting to the primary database server of the authentication cluster was refused: "
                            u"nothing listens on that port (connection refused by 127.0.0.1:5432)"_s;
    const QString replica = QString(primary).replace(u"5432"_s, u"5433"_s);
    const QStringList a = TileDelegate::wrapCause(primary, font, width, 2);
    const QStringList b = TileDelegate::wrapCause(replica, font, width, 2);
    QCOMPARE(a.size(), 2);
    QVERIFY2(a.join(u' ').contains(u"5432"_s), qPrintable(a.join(u'|')));
    QVERIFY2(b.join(u' ').contains(u"5433"_s), qPrintable(b.join(u'|')));
    QVERIFY(a != b);
    QVERIFY(a.join(u' ').contains(u"…"_s));
    for (const QString &line : a)
        QVERIFY(QFontMetrics(font).horizontalAdvance(line) <= width);
    // A short one is left whole.
    QCOMPARE(TileDelegate::wrapCause(u"timed out"_s, font, width, 2), QStringList{u"timed out"_s});
}

void tst_BoardView::compactTilesPageWhenTheyDoNotFit()
{
    m_view->setCompact(true);
    m_view->setPaging(true);
    const int base = QFontInfo(m_view->font()).pixelSize();
    m_view->setFontSizeRange(base, base * 3);
    m_view->resize(800, 400);
    QCOMPARE(m_view->pageCount(), 1);
    m_model->setWorkspace(makeWorkspace({u"A"_s, u"B"_s, u"C"_s, u"D"_s}, 60));
    QVERIFY(m_view->pageCount() > 1);
    QCOMPARE(m_view->tileFont().pixelSize(), base);
    QCOMPARE(m_view->verticalScrollBar()->maximum(), 0);
    // A group that fits on a page is not split: all of B is on one page.
    const QModelIndex b = m_model->index(1, 0);
    int pageOfB = -1;
    for (int page = 0; page < m_view->pageCount(); ++page) {
        m_view->setCurrentPage(page);
        const bool headerHere = m_view->viewport()->rect().contains(m_view->visualRect(b));
        if (headerHere)
            pageOfB = page;
    }
    QVERIFY(pageOfB >= 0);
    m_view->setCurrentPage(pageOfB);
    for (int row = 0; row < m_model->rowCount(b); ++row)
        QVERIFY(m_view->viewport()->rect().contains(m_view->visualRect(m_model->index(row, 0, b))));
}

// Qt's stand-in for an unknown item view lists the root's rows, the groups: every service must be
// an item instead, named as the model names it for screen readers.
void tst_BoardView::screenReadersSeeEveryTile()
{
    m_view->setAccessibleName(u"Service board"_s);
    QAccessibleInterface *board = QAccessible::queryAccessibleInterface(m_view.get());
    QVERIFY(board);
    QCOMPARE(board->role(), QAccessible::List);
    QCOMPARE(board->text(QAccessible::Name), u"Service board"_s);
    QCOMPARE(board->childCount(), int(m_workspace.services.size()));

    // In reading order, group after group, each tile where the view draws it.
    int downTiles = 0;
    for (int i = 0; i < board->childCount(); ++i) {
        const Vigie::Service &service = m_workspace.services.at(i);
        const QModelIndex index = m_model->serviceIndex(service.id);
        QAccessibleInterface *tile = board->child(i);
        QVERIFY(tile);
        QVERIFY(tile->isValid());
        QCOMPARE(tile->role(), QAccessible::ListItem);
        QCOMPARE(tile->parent(), board);
        QCOMPARE(board->indexOfChild(tile), i);
        QCOMPARE(board->child(i), tile); // kept, not made again
        QCOMPARE(tile->text(QAccessible::Name), index.data(Qt::AccessibleTextRole).toString());
        QVERIFY(tile->text(QAccessible::Description).contains(service.group));
        const QRect visual = m_view->visualRect(index);
        QCOMPARE(tile->rect(), QRect(m_view->viewport()->mapToGlobal(visual.topLeft()), visual.size()));
        QCOMPARE(board->childAt(tile->rect().center().x(), tile->rect().center().y()), tile);
        const QAccessible::State state = tile->state();
        QVERIFY(state.focusable);
        QVERIFY(state.selectable);
        QVERIFY(!state.offscreen);
        QVERIFY(!state.selected);

        if (index.data(ServiceBoardModel::StateRole).toInt() != int(HealthState::Down))
            continue;
        ++downTiles;
        // What Orca reads: the service, its state, and the cause.
        const QString name = tile->text(QAccessible::Name);
        QVERIFY2(name.startsWith(service.name + u", "_s), qPrintable(name));
        QVERIFY2(name.contains(u"Down"_s), qPrintable(name));
        QVERIFY2(name.contains(u"refused"_s), qPrintable(name));
        // The description adds the group, and never the cause again.
        const QString description = tile->text(QAccessible::Description);
        QVERIFY2(description.contains(service.group), qPrintable(description));
        QVERIFY2(!description.contains(u"refused"_s), qPrintable(description));
    }
    QCOMPARE(downTiles, 2);
    // The gap between tiles and the headers are no item.
    const QRect header = m_view->visualRect(m_model->index(0, 0));
    const QPoint onHeader = m_view->viewport()->mapToGlobal(header.center());
    QCOMPARE(board->childAt(onHeader.x(), onHeader.y()), nullptr);
    QCOMPARE(board->child(board->childCount()), nullptr);
    QCOMPARE(board->child(-1), nullptr);

    // Scrolled out of view: still there, not showing.
    Workspace big = makeWorkspace({u"A"_s, u"B"_s, u"C"_s}, 100);
    m_model->setWorkspace(big);
    QCOMPARE(board->childCount(), 300);
    QTRY_VERIFY(m_view->verticalScrollBar()->maximum() > 0);
    QVERIFY(!board->child(0)->state().offscreen);
    QVERIFY(board->child(299)->state().offscreen);
    QCOMPARE(board->child(299)->text(QAccessible::Name).section(u',', 0, 0), u"C service 99"_s);
}

void tst_BoardView::screenReadersFollowTheCurrentTile()
{
    AccessibilityRecorder recorder;
    QAccessibleInterface *board = QAccessible::queryAccessibleInterface(m_view.get());
    QVERIFY(board);
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());
    AccessibilityRecorder::clear();

    // Data's second service: the 8th tile.
    const QModelIndex target = m_model->index(1, 0, m_model->index(2, 0));
    m_view->setCurrentIndex(target);
    QAccessibleInterface *focused = board->focusChild();
    QVERIFY(focused);
    QCOMPARE(board->indexOfChild(focused), 7);
    QCOMPARE(focused->text(QAccessible::Name), target.data(Qt::AccessibleTextRole).toString());
    QVERIFY(focused->state().focused);
    QVERIFY(focused->state().selected);
    const QList<AccessibilityRecorder::Event> focus = AccessibilityRecorder::events(QAccessible::Focus);
    QCOMPARE(focus.size(), 1);
    QCOMPARE(focus.first().object, m_view.get());
    QCOMPARE(focus.first().child, 7);
    QVERIFY(!board->child(0)->state().focused);

    // Arrow keys move it too; pressing a tile makes it current (and shows its details).
    AccessibilityRecorder::clear();
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    QCOMPARE(AccessibilityRecorder::events(QAccessible::Focus).size(), 1);
    QCOMPARE(AccessibilityRecorder::events(QAccessible::Focus).first().child, 8);
    QAccessibleInterface *first = board->child(0);
    QAccessibleActionInterface *actions = first->actionInterface();
    QVERIFY(actions);
    QVERIFY(actions->actionNames().contains(QAccessibleActionInterface::pressAction()));
    QCOMPARE(actions->localizedActionName(QAccessibleActionInterface::pressAction()), u"Show details"_s);
    actions->doAction(QAccessibleActionInterface::pressAction());
    QCOMPARE(m_view->currentIndex(), m_model->index(0, 0, m_model->index(0, 0)));
    QCOMPARE(board->focusChild(), first);

    // Without the keyboard focus, a new current tile does not pull the screen reader there.
    m_view->clearFocus();
    AccessibilityRecorder::clear();
    m_view->setCurrentIndex(target);
    QVERIFY(AccessibilityRecorder::events(QAccessible::Focus).isEmpty());
}

void tst_BoardView::screenReadersHearOfChangedTiles()
{
    AccessibilityRecorder recorder;
    QAccessibleInterface *board = QAccessible::queryAccessibleInterface(m_view.get());
    QVERIFY(board);
    // A screen reader has looked at the first two tiles only.
    QAccessibleInterface *watched = board->child(1);
    QVERIFY(board->child(0));
    const QAccessible::Id watchedId = QAccessible::uniqueId(watched);
    AccessibilityRecorder::clear();

    // Service 1 (watched) and service 5 (never asked for) go down, in one notification.
    m_model->applyResults({timedOut(m_workspace.services.at(1)), timedOut(m_workspace.services.at(5))});
    m_model->flushPendingChanges();

    const QList<AccessibilityRecorder::Event> names = AccessibilityRecorder::events(QAccessible::NameChanged);
    QCOMPARE(names.size(), 1);
    QCOMPARE(names.first().id, watchedId);
    QVERIFY(watched->text(QAccessible::Name).contains(u"timed out"_s));
    QCOMPARE(AccessibilityRecorder::events(QAccessible::DescriptionChanged).size(), 1);
}

void tst_BoardView::accessibleTilesDoNotOutliveAReset()
{
    QAccessibleInterface *board = QAccessible::queryAccessibleInterface(m_view.get());
    QVERIFY(board);
    QCOMPARE(board->childCount(), 10);
    const QAccessible::Id oldId = QAccessible::uniqueId(board->child(8));
    QVERIFY(QAccessible::accessibleInterface(oldId));

    m_model->setWorkspace(makeWorkspace({u"Solo"_s}, 3));
    QCOMPARE(board->childCount(), 3);
    // The old tile is gone with its service, not left pointing at a row that no longer exists.
    QCOMPARE(QAccessible::accessibleInterface(oldId), nullptr);
    QCOMPARE(board->child(8), nullptr);
    QAccessibleInterface *first = board->child(0);
    QVERIFY(first && first->isValid());
    QVERIFY(first->text(QAccessible::Name).startsWith(u"Solo service 0"_s));
    QCOMPARE(board->indexOfChild(first), 0);

    // A group appearing shifts positions: the tiles are made again.
    const QAccessible::Id soloId = QAccessible::uniqueId(first);
    Workspace grown = makeWorkspace({u"Alpha"_s}, 2);
    grown.services += makeWorkspace({u"Solo"_s}, 3).services;
    m_model->setWorkspace(grown);
    QCOMPARE(board->childCount(), 5);
    QCOMPARE(QAccessible::accessibleInterface(soloId), nullptr);
    QVERIFY(board->child(2)->text(QAccessible::Name).startsWith(u"Solo service 0"_s));

    // And a board going away takes its tiles with it.
    const QAccessible::Id lastId = QAccessible::uniqueId(board->child(4));
    m_view.reset();
    QCOMPARE(QAccessible::accessibleInterface(lastId), nullptr);
}

void tst_BoardView::cachedFramesAreCrispAtEveryScale_data()
{
    QTest::addColumn<qreal>("ratio");
    QTest::addColumn<QPointF>("topLeft");
    QTest::newRow("1x") << 1.0 << QPointF(3, 5);
    QTest::newRow("1.5x, odd") << 1.5 << QPointF(3, 5);
    QTest::newRow("1.5x, even") << 1.5 << QPointF(4, 8);
    QTest::newRow("2x") << 2.0 << QPointF(3, 5);
}

// A tile's frame comes from a pixmap cached at the device's pixel ratio and drawn on whole device
// pixels: at 1.5x, a tile at an odd logical x starts between two device pixels, and the frame
// must look as if painted there directly, not blurred or shifted by half a pixel.
void tst_BoardView::cachedFramesAreCrispAtEveryScale()
{
    QFETCH(qreal, ratio);
    QFETCH(QPointF, topLeft);
    QPixmapCache::clear();
    const QSizeF size(40, 24);
    qreal drawnAt = 0;
    const auto frame = [&](QPainter *p) {
        drawnAt = p->device()->devicePixelRatioF();
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(Qt::black, 1));
        p->setBrush(Qt::darkGreen);
        p->drawRoundedRect(QRectF(QPointF(0, 0), size).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    };
    const auto canvas = [ratio] {
        QImage image((QSizeF(60, 40) * ratio).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(ratio);
        image.fill(Qt::white);
        return image;
    };

    QImage direct = canvas();
    {
        QPainter painter(&direct);
        painter.translate(topLeft);
        frame(&painter);
    }
    QImage cached = canvas();
    for (int pass = 0; pass < 2; ++pass) { // drawn, then copied from the cache
        cached = canvas();
        QPainter painter(&cached);
        painter.setRenderHint(QPainter::Antialiasing);
        Vigie::paintCached(&painter, topLeft, size, u"test-frame"_s, frame);
    }
    // The cached pixmap was painted at the device's ratio...
    QCOMPARE(drawnAt, ratio);
    // ...and lands where direct painting would have put each device pixel.
    int differing = 0;
    for (int y = 0; y < direct.height(); ++y)
        for (int x = 0; x < direct.width(); ++x) {
            const QRgb a = direct.pixel(x, y);
            const QRgb b = cached.pixel(x, y);
            if (std::abs(qRed(a) - qRed(b)) > 8 || std::abs(qGreen(a) - qGreen(b)) > 8 ||
                std::abs(qBlue(a) - qBlue(b)) > 8)
                ++differing;
        }
    QVERIFY2(differing == 0, qPrintable(QString::number(differing) + u" device pixels differ"_s));
}

void tst_BoardView::saveScreenshots()
{
    QVERIFY(m_view->grab().save(Vigie::Test::screenshotPath(u"board-light"_s)));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa0));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    m_view->setPalette(dark);
    QVERIFY(m_view->grab().save(Vigie::Test::screenshotPath(u"board-dark"_s)));
}

QTEST_MAIN(tst_BoardView)
#include "tst_boardview.moc"
