#include "boardaccessible.h"

#include "boardview.h"

#include <QAbstractItemModel>
#include <QItemSelectionModel>
#include <QWindow>

#include <algorithm>
#include <utility>

namespace Vigie {

namespace {

// One tile: a service of the board. It holds a persistent index, so that it follows its service
// while rows around it do not move, and says it is invalid once the service is gone.
class BoardTileAccessible final : public QAccessibleInterface, public QAccessibleActionInterface
{
public:
    BoardTileAccessible(BoardView *view, const QModelIndex &index)
        : m_view(view)
        , m_index(index)
    {}

    BoardView *view() const { return m_view; }
    QModelIndex index() const { return m_index; }

    bool isValid() const override { return m_view && m_index.isValid() && m_index.model() == m_view->model(); }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override
    {
        QAccessibleInterface *board = parent();
        return board ? board->window() : nullptr;
    }
    QAccessibleInterface *parent() const override
    {
        return m_view ? QAccessible::queryAccessibleInterface(m_view.data()) : nullptr;
    }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }

    QString text(QAccessible::Text t) const override
    {
        if (!isValid())
            return {};
        switch (t) {
        case QAccessible::Name: {
            const QString name = m_index.data(Qt::AccessibleTextRole).toString();
            return name.isEmpty() ? m_index.data(Qt::DisplayRole).toString() : name;
        }
        case QAccessible::Description: {
            // The group header is not an item of its own: its name comes with each of its tiles.
            const QString description = m_index.data(Qt::AccessibleDescriptionRole).toString();
            const QString group = m_index.parent().data(Qt::DisplayRole).toString();
            if (group.isEmpty())
                return description;
            if (description.isEmpty())
                return BoardView::tr("Group %1").arg(group);
            return BoardView::tr("%1; group %2", "a tile's description: what the probes found, then its group")
                .arg(description, group);
        }
        default:
            return {};
        }
    }
    void setText(QAccessible::Text, const QString &) override {}

    QRect rect() const override
    {
        if (!isValid())
            return {};
        const QRect rect = m_view->visualRect(m_index);
        if (rect.isNull())
            return {};
        return {m_view->viewport()->mapToGlobal(rect.topLeft()), rect.size()};
    }

    QAccessible::Role role() const override { return QAccessible::ListItem; }

    QAccessible::State state() const override
    {
        QAccessible::State state;
        if (!isValid()) {
            state.invalid = true;
            return state;
        }
        // A wall's board takes neither the focus nor a selection.
        state.focusable = m_view->focusPolicy() != Qt::NoFocus;
        state.selectable = m_view->selectionMode() != QAbstractItemView::NoSelection;
        if (!m_view->isEnabled())
            state.disabled = true;
        if (const QItemSelectionModel *selection = m_view->selectionModel();
            selection && selection->isSelected(m_index))
            state.selected = true;
        if (m_view->hasFocus() && m_view->currentIndex() == m_index)
            state.focused = true;
        // Scrolled out of the viewport, or on another page of a wall: there, but not showing.
        if (!m_view->isVisible())
            state.invisible = true;
        else if (!m_view->viewport()->rect().intersects(m_view->visualRect(m_index)))
            state.offscreen = true;
        return state;
    }

    void *interface_cast(QAccessible::InterfaceType type) override
    {
        if (type == QAccessible::ActionInterface)
            return static_cast<QAccessibleActionInterface *>(this);
        return nullptr;
    }

    // Pressing a tile makes it current, which shows its service in the detail panel.
    QStringList actionNames() const override { return {pressAction(), setFocusAction()}; }
    QString localizedActionName(const QString &name) const override
    {
        if (name == pressAction())
            return BoardView::tr("Show details");
        return QAccessibleActionInterface::localizedActionName(name);
    }
    void doAction(const QString &name) override
    {
        if (!isValid())
            return;
        if (name == setFocusAction())
            m_view->setFocus(Qt::OtherFocusReason);
        if (name == pressAction() || name == setFocusAction())
            m_view->setCurrentIndex(m_index);
    }
    QStringList keyBindingsForAction(const QString &) const override { return {}; }

private:
    QPointer<BoardView> m_view;
    QPersistentModelIndex m_index;
};

QAccessibleInterface *boardFactory(const QString &className, QObject *object)
{
    // Asked once per class up the object's hierarchy: answer for the board itself only, so that
    // Qt's own factories keep answering for everything else.
    if (className != QLatin1StringView(BoardView::staticMetaObject.className()))
        return nullptr;
    if (auto *view = qobject_cast<BoardView *>(object))
        return new BoardAccessible(view);
    return nullptr;
}

BoardAccessible::EventHandler testEventHandler = nullptr;

void send(QAccessibleEvent *event)
{
    if (testEventHandler)
        testEventHandler(event);
    else
        QAccessible::updateAccessibility(event);
}

BoardAccessible *boardInterface(BoardView *view)
{
    return dynamic_cast<BoardAccessible *>(QAccessible::queryAccessibleInterface(view));
}

} // namespace

BoardAccessible::BoardAccessible(BoardView *view)
    : QAccessibleWidget(view, QAccessible::List)
{}

BoardAccessible::~BoardAccessible()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        QObject::disconnect(connection);
    for (QAccessible::Id id : std::as_const(m_children))
        QAccessible::deleteAccessibleInterface(id);
}

void BoardAccessible::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(boardFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

bool BoardAccessible::isListening()
{
    return testEventHandler || QAccessible::isActive();
}

void BoardAccessible::setTestEventHandler(EventHandler handler)
{
    testEventHandler = handler;
}

BoardView *BoardAccessible::view() const
{
    return static_cast<BoardView *>(widget());
}

void BoardAccessible::syncModel() const
{
    QAbstractItemModel *model = view()->model();
    if (model == m_model && !m_connections.isEmpty())
        return;
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        QObject::disconnect(connection);
    m_connections.clear();
    invalidate();
    m_model = model;
    if (!model)
        return;
    // Positions shift when rows come, go or move: the tiles made so far stood for other services.
    const auto drop = [this] { invalidate(); };
    // The view as the context: the interface goes with it (and disconnects before that).
    QObject *context = view();
    m_connections = {
        QObject::connect(model, &QAbstractItemModel::modelReset, context, drop),
        QObject::connect(model, &QAbstractItemModel::rowsInserted, context, drop),
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, context, drop),
        QObject::connect(model, &QAbstractItemModel::rowsMoved, context, drop),
        QObject::connect(model, &QAbstractItemModel::layoutChanged, context, drop),
    };
}

void BoardAccessible::invalidate() const
{
    m_offsetsValid = false;
    const QHash<int, QAccessible::Id> children = std::exchange(m_children, {});
    for (QAccessible::Id id : children)
        QAccessible::deleteAccessibleInterface(id);
}

void BoardAccessible::ensureOffsets() const
{
    syncModel();
    if (m_offsetsValid)
        return;
    m_offsetsValid = true;
    m_offsets.clear();
    const QAbstractItemModel *model = view()->model();
    if (!model)
        return;
    const QModelIndex root = view()->rootIndex();
    const int groups = model->rowCount(root);
    m_offsets.reserve(groups + 1);
    int tiles = 0;
    for (int g = 0; g < groups; ++g) {
        m_offsets.append(tiles);
        tiles += model->rowCount(model->index(g, 0, root));
    }
    m_offsets.append(tiles);
}

int BoardAccessible::childCount() const
{
    ensureOffsets();
    return m_offsets.isEmpty() ? 0 : m_offsets.last();
}

int BoardAccessible::childIndex(const QModelIndex &index) const
{
    ensureOffsets();
    if (!index.isValid() || index.model() != view()->model() || index.column() != 0)
        return -1;
    const QModelIndex group = index.parent();
    if (!group.isValid() || group.parent() != view()->rootIndex() || group.row() >= m_offsets.size() - 1)
        return -1;
    return m_offsets.at(group.row()) + index.row();
}

QModelIndex BoardAccessible::serviceAt(int child) const
{
    if (child < 0 || child >= childCount())
        return {};
    // The last group starting at or before `child`: an empty group shares its offset with the
    // next one, which is the one holding the tile.
    const auto groupsEnd = m_offsets.cend() - 1;
    const int g = int(std::upper_bound(m_offsets.cbegin(), groupsEnd, child) - m_offsets.cbegin()) - 1;
    const QAbstractItemModel *model = view()->model();
    return model->index(child - m_offsets.at(g), 0, model->index(g, 0, view()->rootIndex()));
}

QAccessibleInterface *BoardAccessible::child(int index) const
{
    const QModelIndex service = serviceAt(index);
    if (!service.isValid())
        return nullptr;
    if (const auto it = m_children.constFind(index); it != m_children.cend()) {
        if (QAccessibleInterface *tile = QAccessible::accessibleInterface(*it))
            return tile;
    }
    auto *tile = new BoardTileAccessible(view(), service);
    m_children.insert(index, QAccessible::registerAccessibleInterface(tile));
    return tile;
}

int BoardAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    const auto *tile = dynamic_cast<const BoardTileAccessible *>(child);
    if (!tile || tile->view() != view() || !tile->isValid())
        return -1;
    return childIndex(tile->index());
}

QAccessibleInterface *BoardAccessible::childAt(int x, int y) const
{
    const QWidget *viewport = view()->viewport();
    const QPoint point = viewport->mapFromGlobal(QPoint(x, y));
    if (!viewport->rect().contains(point))
        return nullptr;
    const int index = childIndex(view()->indexAt(point));
    return index >= 0 ? child(index) : nullptr;
}

QAccessibleInterface *BoardAccessible::focusChild() const
{
    const int index = childIndex(view()->currentIndex());
    return index >= 0 ? child(index) : nullptr;
}

void BoardAccessible::currentChanged(BoardView *view, const QModelIndex &current)
{
    // As QListView does: the focus moves to a tile only while the board has the keyboard focus;
    // otherwise a screen reader would leave whatever the user is in.
    if (!view->hasFocus())
        return;
    BoardAccessible *board = boardInterface(view);
    const int index = board ? board->childIndex(current) : -1;
    if (index < 0)
        return;
    QAccessibleEvent event(view, QAccessible::Focus);
    event.setChild(index);
    send(&event);
}

void BoardAccessible::dataChanged(BoardView *view, const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    BoardAccessible *board = boardInterface(view);
    if (!board)
        return;
    board->syncModel();
    if (board->m_children.isEmpty())
        return;
    // Only the tiles an assistive technology has been given hear of it: announcing the others
    // would make an interface for each. A range is one run of a group (the model coalesces its
    // changes), walked or looked up, whichever of it and the cache is smaller.
    int first = board->childIndex(topLeft.siblingAtColumn(0));
    int last = board->childIndex(bottomRight.siblingAtColumn(0));
    if (topLeft.parent() != bottomRight.parent()) {
        first = 0;
        last = board->childCount() - 1;
    }
    if (first < 0 || last < first)
        return;
    QList<QAccessible::Id> changed;
    if (last - first + 1 <= board->m_children.size()) {
        for (int i = first; i <= last; ++i)
            if (const auto it = board->m_children.constFind(i); it != board->m_children.cend())
                changed.append(*it);
    } else {
        for (auto it = board->m_children.cbegin(); it != board->m_children.cend(); ++it)
            if (it.key() >= first && it.key() <= last)
                changed.append(it.value());
    }
    // Collected first: a listener may ask for more tiles, which adds to the cache.
    for (QAccessible::Id id : std::as_const(changed)) {
        QAccessibleInterface *tile = QAccessible::accessibleInterface(id);
        if (!tile)
            continue;
        QAccessibleEvent name(tile, QAccessible::NameChanged);
        send(&name);
        QAccessibleEvent description(tile, QAccessible::DescriptionChanged);
        send(&description);
    }
}

} // namespace Vigie
