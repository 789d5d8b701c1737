#pragma once

#include <QAbstractItemView>
#include <QList>
#include <QTimer>

namespace Vigie {

// The health board: over a two-level model (groups, then their services), each group is a header
// line followed by its services as tiles, flowing left to right and wrapping. The layout is pure
// arithmetic over the group sizes, and painting touches only what intersects the viewport, so
// tens of thousands of tiles scroll smoothly. A dataChanged repaints only the tiles it names.
class BoardView final : public QAbstractItemView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardView)

public:
    explicit BoardView(QWidget *parent = nullptr);
    ~BoardView() override;

    void setModel(QAbstractItemModel *model) override;

    QRect visualRect(const QModelIndex &index) const override;
    QModelIndex indexAt(const QPoint &point) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    void reset() override;
    void doItemsLayout() override;

    // Shown in the middle of the board while the model has no rows.
    void setPlaceholderText(const QString &text);
    QString placeholderText() const;

    // The tiles per row for the current width.
    int columnCount() const;
    // How many times the layout has been computed: a cheap way for tests and diagnostics to see
    // that data changes do not relayout.
    int layoutPassCount() const;

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void updateGeometries() override;

    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;

    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct GroupBox
    {
        int top = 0;      // content coordinates
        int tilesTop = 0; // first row of tiles
        int bottom = 0;   // exclusive
        int count = 0;    // services
    };

    void invalidateLayout();
    void ensureLayout() const;
    void computeLayout();
    // Content coordinates (before scrolling).
    QRect contentRect(const QModelIndex &index) const;
    QRect tileRect(int group, int row) const;
    QRect headerRect(int group) const;
    int groupAtY(int y) const;
    QModelIndex serviceIndex(int group, int row) const;
    QModelIndex firstService() const;
    QModelIndex lastService() const;
    QModelIndex neighbourService(const QModelIndex &current, int rowDelta, int columnDelta) const;
    QStyleOptionViewItem optionFor(const QModelIndex &index) const;

    QList<GroupBox> m_groups;
    QSize m_tile;
    int m_headerHeight = 0;
    int m_spacing = 0;
    int m_margin = 0;
    int m_columns = 1;
    int m_contentHeight = 0;
    int m_layoutWidth = -1;
    bool m_layoutDirty = true;
    int m_layoutPasses = 0;
    QString m_placeholderText;
    // Repaints the "for 3 min" texts of the visible tiles as time passes.
    QTimer m_ageTimer;
};

} // namespace Vigie
