#include "boardview.h"

#include "tiledelegate.h"

#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace Vigie {

using namespace std::chrono_literals;

BoardView::BoardView(QWidget *parent)
    : QAbstractItemView(parent)
{
    setItemDelegate(new TileDelegate(Clock::system(), this));
    setSelectionMode(SingleSelection);
    setSelectionBehavior(SelectItems);
    setEditTriggers(NoEditTriggers);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollMode(ScrollPerPixel);
    setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Window);
    setFrameShape(QFrame::NoFrame);

    m_ageTimer.setInterval(30s);
    connect(&m_ageTimer, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
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
    if (m_layoutDirty || m_layoutWidth != viewport()->width())
        const_cast<BoardView *>(this)->computeLayout();
}

void BoardView::computeLayout()
{
    m_layoutDirty = false;
    m_layoutWidth = viewport()->width();
    ++m_layoutPasses;
    m_groups.clear();

    const QFontMetrics fm(font());
    m_spacing = std::max(4, qRound(fm.height() * 0.6));
    m_margin = m_spacing;
    m_tile = TileDelegate::tileSize(font());
    m_headerHeight = TileDelegate::headerHeight(font());

    QAbstractItemModel *m = model();
    const int groupCount = m ? m->rowCount(rootIndex()) : 0;
    // Ask the delegate in case it is not a TileDelegate; every tile has the size of the first.
    if (m) {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        for (int g = 0; g < groupCount; ++g) {
            const QModelIndex group = m->index(g, 0, rootIndex());
            if (g == 0)
                m_headerHeight = itemDelegateForIndex(group)->sizeHint(option, group).height();
            if (m->rowCount(group) > 0) {
                const QModelIndex first = m->index(0, 0, group);
                m_tile = itemDelegateForIndex(first)->sizeHint(option, first);
                break;
            }
        }
    }

    const int available = std::max(1, m_layoutWidth - 2 * m_margin);
    m_columns = std::max(1, (available + m_spacing) / (m_tile.width() + m_spacing));
    // Tiles stretch to fill the row, so that the board has no ragged right edge.
    const int minimumWidth = fm.averageCharWidth() * 12;
    m_tile.setWidth(std::max(minimumWidth, (available - (m_columns - 1) * m_spacing) / m_columns));

    m_groups.reserve(groupCount);
    int y = m_margin;
    for (int g = 0; g < groupCount; ++g) {
        GroupBox box;
        box.top = y;
        box.count = m->rowCount(m->index(g, 0, rootIndex()));
        box.tilesTop = y + m_headerHeight + m_spacing / 2 + m_spacing / 4;
        const int rows = (box.count + m_columns - 1) / m_columns;
        box.bottom = rows > 0 ? box.tilesTop + rows * m_tile.height() + (rows - 1) * m_spacing : y + m_headerHeight;
        m_groups.append(box);
        y = box.bottom + m_spacing * 2;
    }
    m_contentHeight = m_groups.isEmpty() ? 0 : m_groups.last().bottom + m_margin;
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

QRect BoardView::headerRect(int group) const
{
    const GroupBox &box = m_groups.at(group);
    return {m_margin, box.top, std::max(1, m_layoutWidth - 2 * m_margin), m_headerHeight};
}

QRect BoardView::tileRect(int group, int row) const
{
    const GroupBox &box = m_groups.at(group);
    const int line = row / m_columns;
    const int column = row % m_columns;
    return {m_margin + column * (m_tile.width() + m_spacing), box.tilesTop + line * (m_tile.height() + m_spacing),
            m_tile.width(), m_tile.height()};
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
    // The last group starting at or above y.
    const auto it = std::upper_bound(m_groups.cbegin(), m_groups.cend(), y,
                                     [](int value, const GroupBox &box) { return value < box.top; });
    return int(it - m_groups.cbegin()) - 1;
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
    const int g = groupAtY(p.y());
    if (g < 0 || p.y() >= m_groups.at(g).bottom)
        return {};
    if (headerRect(g).contains(p))
        return model()->index(g, 0, rootIndex());

    const GroupBox &box = m_groups.at(g);
    const int x = p.x() - m_margin;
    const int y = p.y() - box.tilesTop;
    if (x < 0 || y < 0)
        return {};
    const int column = x / (m_tile.width() + m_spacing);
    const int line = y / (m_tile.height() + m_spacing);
    if (column >= m_columns || x % (m_tile.width() + m_spacing) >= m_tile.width() ||
        y % (m_tile.height() + m_spacing) >= m_tile.height())
        return {};
    return serviceIndex(g, line * m_columns + column);
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
    if (index.parent() != rootIndex() && index.row() < m_columns)
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

    const int column = r % m_columns;
    const int line = r / m_columns + rowDelta;
    const int lines = (count + m_columns - 1) / m_columns;
    if (line >= 0 && line < lines)
        return serviceIndex(g, std::min(line * m_columns + column, count - 1));
    for (int other = g + rowDelta; other >= 0 && other < m_groups.size(); other += rowDelta) {
        const int otherCount = m_groups.at(other).count;
        if (otherCount == 0)
            continue;
        const int otherLine = rowDelta > 0 ? 0 : (otherCount - 1) / m_columns;
        return serviceIndex(other, std::min(otherLine * m_columns + column, otherCount - 1));
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
    return verticalScrollBar()->value();
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
    for (int g = std::max(0, groupAtY(area.top())); g < m_groups.size() && m_groups.at(g).top <= area.bottom(); ++g) {
        const GroupBox &box = m_groups.at(g);
        const int pitch = m_tile.height() + m_spacing;
        const int firstLine = std::max(0, (area.top() - box.tilesTop) / pitch);
        const int lines = (box.count + m_columns - 1) / m_columns;
        for (int line = firstLine; line < lines && box.tilesTop + line * pitch <= area.bottom(); ++line) {
            for (int column = 0; column < m_columns; ++column) {
                const int row = line * m_columns + column;
                if (row >= box.count)
                    break;
                if (tileRect(g, row).intersects(area)) {
                    selectionModel()->select(serviceIndex(g, row), command);
                    return;
                }
            }
        }
    }
    if (command & QItemSelectionModel::Clear)
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
    bar->setRange(0, std::max(0, m_contentHeight - viewport()->height()));
    horizontalScrollBar()->setRange(0, 0);
    QAbstractItemView::updateGeometries();
}

void BoardView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    Q_UNUSED(roles);
    if (!topLeft.isValid() || !bottomRight.isValid())
        return;
    const QModelIndex parent = topLeft.parent();
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

    const int pitch = m_tile.height() + m_spacing;
    for (int g = std::max(0, groupAtY(area.top())); g < m_groups.size() && m_groups.at(g).top <= area.bottom(); ++g) {
        const GroupBox &box = m_groups.at(g);
        const QRect header = headerRect(g);
        if (region.intersects(header))
            paintItem(model()->index(g, 0, rootIndex()), header);
        const int lines = (box.count + m_columns - 1) / m_columns;
        const int firstLine = std::max(0, (area.top() - box.tilesTop) / pitch);
        for (int line = firstLine; line < lines && box.tilesTop + line * pitch <= area.bottom(); ++line) {
            for (int column = 0; column < m_columns; ++column) {
                const int row = line * m_columns + column;
                if (row >= box.count)
                    break;
                const QRect tile = tileRect(g, row);
                if (region.intersects(tile))
                    paintItem(serviceIndex(g, row), tile);
            }
        }
    }
}

void BoardView::changeEvent(QEvent *event)
{
    QAbstractItemView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        invalidateLayout();
}

} // namespace Vigie
