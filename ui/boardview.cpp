#include "boardview.h"

#include "boardaccessible.h"
#include "core/numbertext.h"
#include "models/serviceboardmodel.h"
#include "tiledelegate.h"

#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Vigie {

using namespace std::chrono_literals;

BoardView::BoardView(QWidget *parent)
    : QAbstractItemView(parent)
    , m_tiles(new TileDelegate(Clock::system(), this))
    , m_clock(Clock::system())
{
    // Before anything asks for this view's accessible interface, which Qt then keeps.
    BoardAccessible::install();
    setItemDelegate(m_tiles);
    setSelectionMode(SingleSelection);
    setSelectionBehavior(SelectItems);
    setEditTriggers(NoEditTriggers);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollMode(ScrollPerPixel);
    setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Window);
    setFrameShape(QFrame::NoFrame);

    m_ageTimer.setInterval(1s);
    connect(&m_ageTimer, &QTimer::timeout, this, &BoardView::tick);
    m_ageTimer.start();
}

BoardView::~BoardView() = default;

void BoardView::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemView::model())
        disconnect(QAbstractItemView::model(), nullptr, this, nullptr);
    QAbstractItemView::setModel(model);
    if (model) {
        // rowsAboutToBeRemoved comes too early for the new layout: lay out again once they are gone.
        connect(model, &QAbstractItemModel::rowsRemoved, this, &BoardView::invalidateLayout);
        connect(model, &QAbstractItemModel::rowsMoved, this, &BoardView::invalidateLayout);
    }
    invalidateLayout();
}

void BoardView::setPlaceholderText(const QString &text)
{
    m_placeholderText = text;
    viewport()->update();
}

QString BoardView::placeholderText() const
{
    return m_placeholderText;
}

void BoardView::setCompact(bool compact)
{
    if (m_compact == compact)
        return;
    m_compact = compact;
    m_tiles->setCompact(compact);
    invalidateLayout();
}

bool BoardView::isCompact() const
{
    return m_compact;
}

void BoardView::setFontSizeRange(int minimumPixelSize, int maximumPixelSize)
{
    m_minPixelSize = std::max(0, minimumPixelSize);
    m_maxPixelSize = std::max(m_minPixelSize, maximumPixelSize);
    invalidateLayout();
}

void BoardView::setPaging(bool paging)
{
    m_paging = paging;
    invalidateLayout();
}

bool BoardView::isPaging() const
{
    return m_paging;
}

int BoardView::pageCount() const
{
    ensureLayout();
    return m_layout.pages;
}

int BoardView::currentPage() const
{
    ensureLayout();
    return m_page;
}

void BoardView::setCurrentPage(int page)
{
    ensureLayout();
    page = std::clamp(page, 0, m_layout.pages - 1);
    if (page == m_page)
        return;
    m_page = page;
    m_shownAges.clear();
    viewport()->update();
    Q_EMIT pagesChanged();
}

void BoardView::setAllStale(bool stale)
{
    if (m_tiles->allStale() == stale)
        return;
    m_tiles->setAllStale(stale);
    viewport()->update();
}

void BoardView::setClock(Clock *clock)
{
    m_clock = clock;
    m_tiles->setClock(clock);
    viewport()->update();
}

QFont BoardView::tileFont() const
{
    ensureLayout();
    return m_layout.font;
}

int BoardView::columnCount() const
{
    ensureLayout();
    return m_columns;
}

int BoardView::layoutPassCount() const
{
    return m_layoutPasses;
}

void BoardView::invalidateLayout()
{
    m_layoutDirty = true;
    scheduleDelayedItemsLayout();
    viewport()->update();
}

void BoardView::ensureLayout() const
{
    // Geometry queries are const, but the layout is a cache of the model's shape: computing it
    // lazily on the first query after a change keeps every query consistent with the model.
    if (m_layoutDirty || m_layoutWidth != viewport()->width() ||
        ((m_maxPixelSize > 0 || m_paging) && m_layoutHeight != viewport()->height()))
        const_cast<BoardView *>(this)->computeLayout();
}

QFont BoardView::fontOfSize(int pixelSize) const
{
    QFont f = font();
    if (pixelSize > 0)
        f.setPixelSize(pixelSize);
    return f;
}

BoardView::Layout BoardView::layoutFor(const QFont &tileFont, int width, int pageHeight, int nameChars) const
{
    Layout layout;
    layout.font = tileFont;
    const QFontMetrics fm(tileFont);
    layout.spacing = m_compact ? std::max(2, qRound(fm.height() * 0.12)) : std::max(4, qRound(fm.height() * 0.6));
    layout.margin = m_compact ? layout.spacing * 2 : layout.spacing;
    layout.tile = TileDelegate::tileSize(tileFont, m_compact, nameChars);
    layout.headerHeight = m_compact ? layout.tile.height() : TileDelegate::headerHeight(tileFont);

    QAbstractItemModel *m = model();
    const int groupCount = m ? m->rowCount(rootIndex()) : 0;
    // Ask the delegate in case it is not a TileDelegate; every tile has the size of the first.
    if (m && !m_compact) {
        QStyleOptionViewItem option;
        const_cast<BoardView *>(this)->initViewItemOption(&option);
        option.font = tileFont;
        for (int g = 0; g < groupCount; ++g) {
            const QModelIndex group = m->index(g, 0, rootIndex());
            if (g == 0)
                layout.headerHeight = itemDelegateForIndex(group)->sizeHint(option, group).height();
            if (m->rowCount(group) > 0) {
                const QModelIndex first = m->index(0, 0, group);
                layout.tile = itemDelegateForIndex(first)->sizeHint(option, first);
                break;
            }
        }
    }

    const int available = std::max(1, width - 2 * layout.margin);
    const int sp = layout.spacing;
    layout.columns = std::max(1, (available + sp) / (layout.tile.width() + sp));
    // Tiles stretch to fill the row, so that the board has no ragged right edge.
    const int minimumWidth = fm.averageCharWidth() * (m_compact ? 8 : 12);
    layout.tile.setWidth(std::max(minimumWidth, (available - (layout.columns - 1) * sp) / layout.columns));
    const int pitchX = layout.tile.width() + sp;
    const int pitchY = layout.tile.height() + sp;
    layout.groups.reserve(groupCount);

    if (m_compact) {
        // One flow of cells. When paged, a group that would straddle two pages starts the next one,
        // unless it is larger than a page anyway.
        const int columns = layout.columns;
        const int linesPerPage = std::max(1, (pageHeight - 2 * layout.margin + sp) / pitchY);
        const int cellsPerPage = linesPerPage * columns;
        int cell = 0;
        for (int g = 0; g < groupCount; ++g) {
            GroupBox box;
            box.count = m->rowCount(m->index(g, 0, rootIndex()));
            const int cells = box.count + 1;
            if (pageHeight > 0) {
                const int pageEnd = (cell / cellsPerPage + 1) * cellsPerPage;
                if (cell + cells > pageEnd && cells <= cellsPerPage && cell % cellsPerPage != 0)
                    cell = pageEnd;
            }
            box.firstCell = cell;
            box.columns = columns;
            box.top = layout.margin + (cell / columns) * pitchY;
            box.tilesTop = box.top;
            box.left = layout.margin;
            box.width = available;
            cell += cells;
            box.bottom = layout.margin + ((cell - 1) / columns) * pitchY + layout.tile.height();
            layout.groups.append(box);
        }
        const int lines = (cell + columns - 1) / columns;
        layout.contentHeight = lines > 0 ? 2 * layout.margin + lines * pitchY - sp : 0;
        if (pageHeight > 0) {
            layout.linesPerPage = linesPerPage;
            layout.pages = std::max(1, (lines + linesPerPage - 1) / linesPerPage);
        }
        return layout;
    }

    // Blocks on shelves: groups narrower than the row share it, each under its own header. A
    // shelf may be one, two or three tiles high: ten groups of four on six columns sit three to a
    // shelf as blocks of two by two rather than one to a row with a third of it empty. The height
    // that fills the shelf best wins (the lower one on a tie); a group as wide as the row is alone.
    const int columns = layout.columns;
    QList<int> counts(groupCount);
    for (int g = 0; g < groupCount; ++g)
        counts[g] = m->rowCount(m->index(g, 0, rootIndex()));
    const auto blockColumns = [columns](int count, int rows) {
        return std::clamp((count + rows - 1) / rows, 1, columns);
    };
    Shelf shelf{layout.margin, layout.margin, 0};
    const int headerGap = sp / 2 + sp / 4;
    for (int g = 0; g < groupCount;) {
        int bestRows = 1;
        int bestGroups = 1;
        if (counts[g] < columns) {
            double bestFill = -1;
            for (int rows = 1; rows <= 3; ++rows) {
                int used = 0;
                int tiles = 0;
                int groups = 0;
                for (int k = g; k < groupCount && counts[k] < columns; ++k) {
                    const int blockWidth = blockColumns(counts[k], rows);
                    if (used + blockWidth > columns)
                        break;
                    used += blockWidth;
                    tiles += counts[k];
                    ++groups;
                }
                if (groups == 0)
                    break;
                const double fill = double(tiles) / double(columns * rows);
                if (fill > bestFill + 1e-9) {
                    bestFill = fill;
                    bestRows = rows;
                    bestGroups = groups;
                }
            }
        }
        int column = 0;
        for (int k = g; k < g + bestGroups; ++k) {
            GroupBox box;
            box.count = counts[k];
            box.columns = counts[k] >= columns ? columns : blockColumns(counts[k], bestRows);
            box.shelf = int(layout.shelves.size());
            box.top = shelf.top;
            box.left = layout.margin + column * pitchX;
            box.width = box.columns * pitchX - sp;
            box.tilesTop = box.top + layout.headerHeight + headerGap;
            const int rows = (box.count + box.columns - 1) / box.columns;
            box.bottom = rows > 0 ? box.tilesTop + rows * pitchY - sp : box.top + layout.headerHeight;
            shelf.bottom = std::max(shelf.bottom, box.bottom);
            column += box.columns;
            layout.groups.append(box);
        }
        g += bestGroups;
        if (g < groupCount) {
            layout.shelves.append(shelf);
            shelf = Shelf{shelf.bottom + sp * 2, shelf.bottom + sp * 2, g};
        }
    }
    if (groupCount > 0)
        layout.shelves.append(shelf);
    layout.contentHeight = layout.groups.isEmpty() ? 0 : shelf.bottom + layout.margin;
    return layout;
}

int BoardView::typicalNameChars() const
{
    QAbstractItemModel *m = model();
    if (!m)
        return 15;
    QList<int> lengths;
    for (int g = 0, groups = m->rowCount(rootIndex()); g < groups; ++g) {
        const QModelIndex group = m->index(g, 0, rootIndex());
        for (int r = 0, n = m->rowCount(group); r < n; ++r)
            lengths.append(int(m->index(r, 0, group).data().toString().size()));
    }
    if (lengths.isEmpty())
        return 15;
    // Nine names in ten fit whole; the longest few are cut.
    const auto at = lengths.begin() + lengths.size() * 9 / 10;
    std::nth_element(lengths.begin(), at, lengths.end());
    return std::clamp(*at + 1, 8, 28);
}

void BoardView::computeLayout()
{
    m_layoutDirty = false;
    m_layoutWidth = viewport()->width();
    m_layoutHeight = viewport()->height();
    ++m_layoutPasses;
    m_shownAges.clear();

    const int width = m_layoutWidth;
    const int height = m_layoutHeight;
    const int pagesBefore = m_layout.pages;
    const int typical = m_compact ? typicalNameChars() : 15;
    if (m_maxPixelSize <= 0) {
        m_layout = layoutFor(font(), width, m_paging && m_compact ? height : 0, typical);
    } else {
        // The largest size at which everything fits, by bisection: a larger font never needs less
        // height. Compact tiles first try to keep most names whole, then give up characters of
        // the names before a page: a wall shows everything at once when it can. At the smallest
        // size and the shortest names, the board scrolls, or pages.
        const int smallest = m_minPixelSize > 0 ? m_minPixelSize : QFontInfo(font()).pixelSize();
        std::optional<Layout> best;
        for (int chars = typical; !best && chars >= (m_compact ? std::min(typical, 8) : typical); --chars) {
            int low = smallest;
            int high = std::max(low, m_maxPixelSize);
            Layout candidate = layoutFor(fontOfSize(low), width, 0, chars);
            if (candidate.contentHeight > height)
                continue;
            best = std::move(candidate);
            while (low < high) {
                const int mid = (low + high + 1) / 2;
                Layout larger = layoutFor(fontOfSize(mid), width, 0, chars);
                if (larger.contentHeight <= height) {
                    low = mid;
                    best = std::move(larger);
                } else {
                    high = mid - 1;
                }
            }
        }
        if (!best)
            best = layoutFor(fontOfSize(smallest), width, m_paging && m_compact ? height : 0, typical);
        m_layout = std::move(*best);
    }
    const int page = std::clamp(m_page, 0, m_layout.pages - 1);
    if (page != m_page || pagesBefore != m_layout.pages) {
        m_page = page;
        Q_EMIT pagesChanged();
    }
}

void BoardView::doItemsLayout()
{
    m_layoutDirty = true;
    ensureLayout();
    QAbstractItemView::doItemsLayout();
}

void BoardView::reset()
{
    QAbstractItemView::reset();
    invalidateLayout();
}

void BoardView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    invalidateLayout();
}

void BoardView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    invalidateLayout();
}

void BoardView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QAbstractItemView::currentChanged(current, previous);
    if (BoardAccessible::isListening())
        BoardAccessible::currentChanged(this, current);
}

QRect BoardView::cellRect(int cell) const
{
    return {m_margin + (cell % m_columns) * (m_tile.width() + m_spacing),
            m_margin + (cell / m_columns) * (m_tile.height() + m_spacing), m_tile.width(), m_tile.height()};
}

int BoardView::cellAt(const QPoint &p) const
{
    const int x = p.x() - m_margin;
    const int y = p.y() - m_margin;
    if (x < 0 || y < 0)
        return -1;
    const int column = x / (m_tile.width() + m_spacing);
    if (column >= m_columns || x % (m_tile.width() + m_spacing) >= m_tile.width() ||
        y % (m_tile.height() + m_spacing) >= m_tile.height())
        return -1;
    return y / (m_tile.height() + m_spacing) * m_columns + column;
}

int BoardView::groupOfCell(int cell) const
{
    const auto it = std::upper_bound(m_groups.cbegin(), m_groups.cend(), cell,
                                     [](int value, const GroupBox &box) { return value < box.firstCell; });
    const int g = int(it - m_groups.cbegin()) - 1;
    if (g < 0 || cell > m_groups.at(g).firstCell + m_groups.at(g).count)
        return -1;
    return g;
}

QRect BoardView::headerRect(int group) const
{
    const GroupBox &box = m_groups.at(group);
    if (m_compact)
        return cellRect(box.firstCell);
    return {box.left, box.top, std::max(1, box.width), m_headerHeight};
}

QRect BoardView::tileRect(int group, int row) const
{
    const GroupBox &box = m_groups.at(group);
    if (m_compact)
        return cellRect(box.firstCell + 1 + row);
    const int line = row / box.columns;
    const int column = row % box.columns;
    return {box.left + column * (m_tile.width() + m_spacing), box.tilesTop + line * (m_tile.height() + m_spacing),
            m_tile.width(), m_tile.height()};
}

bool BoardView::onCurrentPage(const QRect &rect) const
{
    if (m_layout.linesPerPage <= 0)
        return true;
    const int pitch = m_tile.height() + m_spacing;
    const int top = m_margin + m_page * m_layout.linesPerPage * pitch;
    return rect.top() >= top && rect.top() < top + m_layout.linesPerPage * pitch;
}

QRect BoardView::contentRect(const QModelIndex &index) const
{
    ensureLayout();
    if (!index.isValid() || index.model() != model())
        return {};
    const QModelIndex parent = index.parent();
    if (parent == rootIndex()) {
        if (index.row() >= m_groups.size())
            return {};
        return headerRect(index.row());
    }
    if (parent.parent() != rootIndex() || parent.row() >= m_groups.size() ||
        index.row() >= m_groups.at(parent.row()).count)
        return {};
    return tileRect(parent.row(), index.row());
}

QRect BoardView::visualRect(const QModelIndex &index) const
{
    const QRect rect = contentRect(index);
    if (rect.isNull())
        return {};
    return rect.translated(-horizontalOffset(), -verticalOffset());
}

int BoardView::groupAtY(int y) const
{
    // The first group that can reach y: the first of its shelf, or of its line of cells.
    if (m_compact) {
        const int line = std::max(0, (y - m_margin) / (m_tile.height() + m_spacing));
        for (int cell = line * m_columns; cell >= 0; --cell)
            if (const int g = groupOfCell(cell); g >= 0)
                return g;
        return m_groups.isEmpty() ? -1 : 0;
    }
    const auto it = std::upper_bound(m_layout.shelves.cbegin(), m_layout.shelves.cend(), y,
                                     [](int value, const Shelf &shelf) { return value < shelf.top; });
    if (it == m_layout.shelves.cbegin())
        return m_groups.isEmpty() ? -1 : 0;
    return std::prev(it)->firstGroup;
}

QModelIndex BoardView::serviceIndex(int group, int row) const
{
    if (!model() || group < 0 || group >= m_groups.size() || row < 0 || row >= m_groups.at(group).count)
        return {};
    return model()->index(row, 0, model()->index(group, 0, rootIndex()));
}

QModelIndex BoardView::indexAt(const QPoint &point) const
{
    ensureLayout();
    const QPoint p = point + QPoint(horizontalOffset(), verticalOffset());
    if (m_compact) {
        const int cell = cellAt(p);
        const int g = cell < 0 ? -1 : groupOfCell(cell);
        if (g < 0 || !onCurrentPage(cellRect(cell)))
            return {};
        const int row = cell - m_groups.at(g).firstCell - 1;
        return row < 0 ? model()->index(g, 0, rootIndex()) : serviceIndex(g, row);
    }
    const int first = groupAtY(p.y());
    for (int g = std::max(0, first); g < m_groups.size() && m_groups.at(g).top <= p.y(); ++g) {
        const GroupBox &box = m_groups.at(g);
        if (p.y() >= box.bottom || p.x() < box.left || p.x() >= box.left + box.width)
            continue;
        if (headerRect(g).contains(p))
            return model()->index(g, 0, rootIndex());
        const int x = p.x() - box.left;
        const int y = p.y() - box.tilesTop;
        if (y < 0)
            return {};
        const int column = x / (m_tile.width() + m_spacing);
        const int line = y / (m_tile.height() + m_spacing);
        if (column >= box.columns || x % (m_tile.width() + m_spacing) >= m_tile.width() ||
            y % (m_tile.height() + m_spacing) >= m_tile.height())
            return {};
        return serviceIndex(g, line * box.columns + column);
    }
    return {};
}

void BoardView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    const QRect rect = visualRect(index);
    if (rect.isNull())
        return;
    QScrollBar *bar = verticalScrollBar();
    const int height = viewport()->height();
    // A tile brought into view keeps its group header visible when that fits.
    int top = rect.top() - m_margin;
    if (m_layout.linesPerPage > 0) {
        // Paged: the page that holds it.
        const int line = (contentRect(index).top() - m_margin) / (m_tile.height() + m_spacing);
        setCurrentPage(line / m_layout.linesPerPage);
        return;
    }
    if (index.parent() != rootIndex() && !m_compact && index.row() < m_groups.at(index.parent().row()).columns)
        top = visualRect(index.parent()).top() - m_margin;
    switch (hint) {
    case PositionAtTop:
        bar->setValue(bar->value() + top);
        break;
    case PositionAtBottom:
        bar->setValue(bar->value() + rect.bottom() + m_margin - height);
        break;
    case PositionAtCenter:
        bar->setValue(bar->value() + rect.center().y() - height / 2);
        break;
    case EnsureVisible:
        if (top < 0)
            bar->setValue(bar->value() + top);
        else if (rect.bottom() + m_margin > height)
            bar->setValue(bar->value() + std::min(rect.bottom() + m_margin - height, top));
        break;
    }
    viewport()->update();
}

QModelIndex BoardView::firstService() const
{
    for (int g = 0; g < m_groups.size(); ++g)
        if (m_groups.at(g).count > 0)
            return serviceIndex(g, 0);
    return {};
}

QModelIndex BoardView::lastService() const
{
    for (int g = int(m_groups.size()) - 1; g >= 0; --g)
        if (m_groups.at(g).count > 0)
            return serviceIndex(g, m_groups.at(g).count - 1);
    return {};
}

QModelIndex BoardView::neighbourService(const QModelIndex &current, int rowDelta, int columnDelta) const
{
    const int g = current.parent().row();
    const int r = current.row();
    const int count = m_groups.at(g).count;
    if (columnDelta != 0) {
        const int next = r + columnDelta;
        if (next >= 0 && next < count)
            return serviceIndex(g, next);
        // Past either end of a group, the walk continues into the next non-empty group.
        for (int other = g + columnDelta; other >= 0 && other < m_groups.size(); other += columnDelta)
            if (m_groups.at(other).count > 0)
                return serviceIndex(other, columnDelta > 0 ? 0 : m_groups.at(other).count - 1);
        return current;
    }

    if (m_compact) {
        // The cell above or below; a header cell or an empty one is passed over.
        const int lastCell = m_groups.last().firstCell + m_groups.last().count;
        for (int cell = m_groups.at(g).firstCell + 1 + r + rowDelta * m_columns; cell >= 0 && cell <= lastCell;
             cell += rowDelta * m_columns) {
            const int other = groupOfCell(cell);
            if (other >= 0 && cell > m_groups.at(other).firstCell)
                return serviceIndex(other, cell - m_groups.at(other).firstCell - 1);
        }
        return current;
    }

    const int columns = m_groups.at(g).columns;
    const int column = r % columns;
    const int line = r / columns + rowDelta;
    const int lines = (count + columns - 1) / columns;
    if (line >= 0 && line < lines)
        return serviceIndex(g, std::min(line * columns + column, count - 1));
    for (int other = g + rowDelta; other >= 0 && other < m_groups.size(); other += rowDelta) {
        const int otherCount = m_groups.at(other).count;
        if (otherCount == 0)
            continue;
        const int otherColumns = m_groups.at(other).columns;
        const int otherLine = rowDelta > 0 ? 0 : (otherCount - 1) / otherColumns;
        return serviceIndex(other,
                            std::min(otherLine * otherColumns + std::min(column, otherColumns - 1), otherCount - 1));
    }
    return current;
}

QModelIndex BoardView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    Q_UNUSED(modifiers);
    ensureLayout();
    const QModelIndex current = currentIndex();
    const bool onService = current.isValid() && current.parent().isValid() && current.parent().parent() == rootIndex();

    switch (cursorAction) {
    case MoveHome:
        return firstService();
    case MoveEnd:
        return lastService();
    default:
        break;
    }
    if (!onService) {
        // From a group header the cursor enters that group's first tile.
        if (current.isValid() && current.parent() == rootIndex() && current.row() < m_groups.size()) {
            for (int g = current.row(); g < m_groups.size(); ++g)
                if (m_groups.at(g).count > 0)
                    return serviceIndex(g, 0);
        }
        return firstService();
    }

    switch (cursorAction) {
    case MoveLeft:
    case MovePrevious:
        return neighbourService(current, 0, -1);
    case MoveRight:
    case MoveNext:
        return neighbourService(current, 0, 1);
    case MoveUp:
        return neighbourService(current, -1, 0);
    case MoveDown:
        return neighbourService(current, 1, 0);
    case MovePageUp:
    case MovePageDown: {
        const int lines = std::max(1, viewport()->height() / (m_tile.height() + m_spacing));
        QModelIndex target = current;
        for (int i = 0; i < lines; ++i)
            target = neighbourService(target, cursorAction == MovePageUp ? -1 : 1, 0);
        return target;
    }
    case MoveHome:
    case MoveEnd:
        break;
    }
    return current;
}

int BoardView::horizontalOffset() const
{
    return horizontalScrollBar()->value();
}

int BoardView::verticalOffset() const
{
    if (m_layout.linesPerPage > 0)
        return m_page * m_layout.linesPerPage * (m_tile.height() + m_spacing);
    return verticalScrollBar()->value();
}

void BoardView::visit(const QRect &area, const std::function<bool(const QModelIndex &, const QRect &)> &visitor) const
{
    if (!model() || m_groups.isEmpty())
        return;
    const int pitch = m_tile.height() + m_spacing;
    if (m_compact) {
        const int firstLine = std::max(0, (area.top() - m_margin) / pitch);
        const int lastCell = m_groups.last().firstCell + m_groups.last().count;
        for (int line = firstLine; line * m_columns <= lastCell && m_margin + line * pitch <= area.bottom(); ++line) {
            for (int cell = line * m_columns; cell < (line + 1) * m_columns && cell <= lastCell; ++cell) {
                const int g = groupOfCell(cell);
                const QRect rect = cellRect(cell);
                if (g < 0 || !rect.intersects(area) || !onCurrentPage(rect))
                    continue;
                const int row = cell - m_groups.at(g).firstCell - 1;
                const QModelIndex index = row < 0 ? model()->index(g, 0, rootIndex()) : serviceIndex(g, row);
                if (!visitor(index, rect))
                    return;
            }
        }
        return;
    }
    for (int g = std::max(0, groupAtY(area.top())); g < m_groups.size() && m_groups.at(g).top <= area.bottom(); ++g) {
        const GroupBox &box = m_groups.at(g);
        if (box.left > area.right() || box.left + box.width <= area.left() || box.bottom <= area.top())
            continue;
        const QRect header = headerRect(g);
        if (header.intersects(area) && !visitor(model()->index(g, 0, rootIndex()), header))
            return;
        const int lines = (box.count + box.columns - 1) / box.columns;
        const int firstLine = std::max(0, (area.top() - box.tilesTop) / pitch);
        for (int line = firstLine; line < lines && box.tilesTop + line * pitch <= area.bottom(); ++line) {
            for (int column = 0; column < box.columns; ++column) {
                const int row = line * box.columns + column;
                if (row >= box.count)
                    break;
                const QRect tile = tileRect(g, row);
                if (tile.intersects(area) && !visitor(serviceIndex(g, row), tile))
                    return;
            }
        }
    }
}

QString BoardView::ageText(const QModelIndex &index) const
{
    return m_tiles->timeText(index);
}

void BoardView::tick()
{
    if (!isVisible() || !model())
        return;
    ensureLayout();
    const QRect area = viewport()->rect().translated(horizontalOffset(), verticalOffset());
    visit(area, [this](const QModelIndex &index, const QRect &rect) {
        if (!index.parent().isValid())
            return true;
        const quint64 key = (quint64(index.parent().row()) << 32) | quint32(index.row());
        const QString text = ageText(index);
        auto shown = m_shownAges.find(key);
        if (shown == m_shownAges.end()) {
            m_shownAges.insert(key, text);
        } else if (*shown != text) {
            *shown = text;
            viewport()->update(rect.translated(-horizontalOffset(), -verticalOffset()));
        }
        return true;
    });
}

bool BoardView::isIndexHidden(const QModelIndex &index) const
{
    Q_UNUSED(index);
    return false;
}

void BoardView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    ensureLayout();
    // Single selection: the first tile the rectangle touches; headers are not selectable.
    const QRect area = rect.normalized().translated(horizontalOffset(), verticalOffset());
    QModelIndex touched;
    visit(area, [&touched](const QModelIndex &index, const QRect &) {
        if (!index.parent().isValid())
            return true;
        touched = index;
        return false;
    });
    if (touched.isValid())
        selectionModel()->select(touched, command);
    else if (command & QItemSelectionModel::Clear)
        selectionModel()->clearSelection();
}

QRegion BoardView::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    for (const QItemSelectionRange &range : selection) {
        if (!range.isValid())
            continue;
        const QRect first = visualRect(model()->index(range.top(), 0, range.parent()));
        const QRect last = visualRect(model()->index(range.bottom(), 0, range.parent()));
        if (range.top() == range.bottom())
            region += first;
        else
            region += QRect(0, first.top(), viewport()->width(), last.bottom() - first.top() + 1);
    }
    return region;
}

void BoardView::updateGeometries()
{
    ensureLayout();
    QScrollBar *bar = verticalScrollBar();
    bar->setSingleStep(std::max(1, (m_tile.height() + m_spacing) / 3));
    bar->setPageStep(viewport()->height());
    // Paged, the pages turn and nothing scrolls.
    bar->setRange(0, m_layout.linesPerPage > 0 ? 0 : std::max(0, m_contentHeight - viewport()->height()));
    horizontalScrollBar()->setRange(0, 0);
    QAbstractItemView::updateGeometries();
}

void BoardView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    Q_UNUSED(roles);
    if (!topLeft.isValid() || !bottomRight.isValid())
        return;
    const QModelIndex parent = topLeft.parent();
    if (BoardAccessible::isListening())
        BoardAccessible::dataChanged(this, topLeft, bottomRight);
    if (bottomRight.parent() != parent) {
        viewport()->update();
        return;
    }
    // Only the changed tiles (as one band when many) and their group header, whose counts follow.
    const QRect first = visualRect(topLeft.siblingAtColumn(0));
    const QRect last = visualRect(bottomRight.siblingAtColumn(0));
    if (topLeft.row() == bottomRight.row())
        viewport()->update(first);
    else
        viewport()->update(QRect(0, first.top(), viewport()->width(), last.bottom() - first.top() + 1));
    if (parent.isValid())
        viewport()->update(visualRect(parent));
}

void BoardView::paintEvent(QPaintEvent *event)
{
    ensureLayout();
    QPainter painter(viewport());
    const QRect exposed = event->rect();

    if (m_groups.isEmpty()) {
        if (!m_placeholderText.isEmpty()) {
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(viewport()->rect().adjusted(m_margin, m_margin, -m_margin, -m_margin),
                             Qt::AlignCenter | Qt::TextWordWrap, m_placeholderText);
        }
        return;
    }

    const QRect area = exposed.translated(horizontalOffset(), verticalOffset());
    // The exposed region, not its bounding rectangle: a tile and its group header changing
    // together must not repaint every tile between them.
    const QRegion region = event->region().translated(horizontalOffset(), verticalOffset());
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.font = m_layout.font;
    option.fontMetrics = QFontMetrics(m_layout.font);
    const QModelIndex current = currentIndex();
    const bool focused = hasFocus();
    const auto paintItem = [&](const QModelIndex &index, const QRect &contentRect) {
        QStyleOptionViewItem itemOption = option;
        itemOption.rect = contentRect.translated(-horizontalOffset(), -verticalOffset());
        itemOption.state |= QStyle::State_Enabled;
        if (selectionModel() && selectionModel()->isSelected(index))
            itemOption.state |= QStyle::State_Selected;
        if (focused && index == current)
            itemOption.state |= QStyle::State_HasFocus;
        itemDelegateForIndex(index)->paint(&painter, itemOption, index);
    };

    visit(area, [&](const QModelIndex &index, const QRect &rect) {
        if (!region.intersects(rect))
            return true;
        paintItem(index, rect);
        if (index.parent().isValid())
            m_shownAges.insert((quint64(index.parent().row()) << 32) | quint32(index.row()), ageText(index));
        return true;
    });
}

void BoardView::changeEvent(QEvent *event)
{
    QAbstractItemView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        invalidateLayout();
}

} // namespace Vigie
