#pragma once

#include <QAccessibleWidget>
#include <QHash>
#include <QList>
#include <QMetaObject>
#include <QModelIndex>
#include <QPointer>

class QAbstractItemModel;

namespace Vigie {

class BoardView;

// What a screen reader sees of the board. Qt's stand-in for an item view it does not know walks
// the root's rows only (the groups), so Orca and NVDA never reached a service. Here the board is a
// flat list of its tiles in reading order (group after group), each tile a list item named by the
// model's Qt::AccessibleTextRole ("Customer portal, Down for 3 min, connection refused by
// db1:5432") and described by Qt::AccessibleDescriptionRole and its group. Group headers are not
// items: their name is in each tile's description, and their counts only repeat the tiles.
//
// Tiles are numbered through prefix sums of the group sizes, so that finding the tile at a
// position is a binary search, not a walk over 11,000 services. A tile's interface is made when
// an assistive technology asks for it, then kept under a unique id until the model is reset or
// rows come or go; those drop them all, so that no id outlives the index it stood for.
class BoardAccessible final : public QAccessibleWidget
{
public:
    explicit BoardAccessible(BoardView *view);
    ~BoardAccessible() override;

    // Installs the factory that gives every BoardView this interface (once; BoardView's
    // constructor calls it, before anything may ask for the view's interface).
    static void install();

    // Whether anyone listens: an assistive technology (QAccessible::isActive()) or a test.
    static bool isListening();
    // Tests: the board's events go to `handler` instead of QAccessible::updateAccessibility(),
    // which drops them unless an assistive technology is active (never on the offscreen platform).
    using EventHandler = void (*)(QAccessibleEvent *event);
    static void setTestEventHandler(EventHandler handler);

    // Called by the view, only when isListening(): the current tile changed (a Focus
    // event for it when the view has the focus) and tiles changed (a NameChanged and a
    // DescriptionChanged each, for the tiles an assistive technology has seen).
    static void currentChanged(BoardView *view, const QModelIndex &current);
    static void dataChanged(BoardView *view, const QModelIndex &topLeft, const QModelIndex &bottomRight);

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;
    QAccessibleInterface *focusChild() const override;

    // The position of a service's tile among the children; -1 for anything else.
    int childIndex(const QModelIndex &index) const;
    // The service at a position among the children.
    QModelIndex serviceAt(int child) const;

private:
    BoardView *view() const;
    // Follows the view's model: the prefix sums and the tiles are dropped when its shape changes.
    void syncModel() const;
    void invalidate() const;
    void ensureOffsets() const;

    mutable QPointer<QAbstractItemModel> m_model;
    mutable QList<QMetaObject::Connection> m_connections;
    // m_offsets[g] is the position of group g's first tile; the last entry is the number of tiles.
    mutable QList<int> m_offsets;
    mutable bool m_offsetsValid = false;
    mutable QHash<int, QAccessible::Id> m_children;
};

} // namespace Vigie
