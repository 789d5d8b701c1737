#pragma once

#include "core/clock.h"

#include <QAbstractItemView>
#include <QHash>
#include <QList>
#include <QTimer>

#include <functional>

namespace Vigie {

class TileDelegate;

// The health board: over a two-level model (groups, then their services), each group is a header
// followed by its services as tiles, flowing left to right and wrapping. The layout is pure
// arithmetic over the group sizes, and painting touches only what intersects the viewport, so
// tens of thousands of tiles scroll smoothly. A dataChanged repaints only the tiles it names.
//
// The tiles use the space they have: between a smallest and a largest font size, the view picks
// the largest with which every service fits, so that eight services fill a wall screen and three
// hundred still fit a laptop when they can. Small groups share a row (each under its own header)
// instead of starting one each. Compact tiles (one line, their group header a cell in the flow)
// serve wall displays; there, when the smallest size does not fit either, the board is cut into
// pages (a group is not split when it fits on one page) and shows one at a time.
//
// Times on the tiles ("for 40 s") tick every second; only the tiles whose text changed repaint.
//
// Screen readers see the tiles as a list (BoardAccessible), told when the current tile moves and
// when a tile they know changes.
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

    // Compact tiles (one line each) for wall displays.
    void setCompact(bool compact);
    bool isCompact() const;
    // The range of pixel sizes the tiles' font may take to fit (0, 0: the view's font, fixed).
    void setFontSizeRange(int minimumPixelSize, int maximumPixelSize);
    // Pages instead of a scroll bar when the smallest size does not fit (compact tiles only).
    void setPaging(bool paging);
    bool isPaging() const;
    int pageCount() const;
    int currentPage() const;
    void setCurrentPage(int page);
    // Every tile drawn as stale: what the view shows is no longer live.
    void setAllStale(bool stale);
    // Where the tiles read the time from (the system clock unless set).
    void setClock(Clock *clock);
    // The font the tiles are drawn with, after fitting.
    QFont tileFont() const;

    // The tiles per row for the current width.
    int columnCount() const;
    // How many times the layout has been computed: a cheap way for tests and diagnostics to see
    // that data changes do not relayout.
    int layoutPassCount() const;

Q_SIGNALS:
    // The number of pages or the page shown changed.
    void pagesChanged();

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
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;

    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // A group's place. Comfortable tiles: a block (header line, then `columns` tiles a row) on a
    // shelf shared with its neighbours. Compact tiles: cells in one flow, the header cell first.
    struct GroupBox
    {
        int top = 0;      // content coordinates
        int tilesTop = 0; // first row of tiles
        int bottom = 0;   // exclusive
        int left = 0;
        int width = 0;
        int count = 0;     // services
        int columns = 1;   // tiles per row in the block
        int firstCell = 0; // compact: the header's cell
        int shelf = 0;     // comfortable: the shelf it sits on
    };
    struct Shelf
    {
        int top = 0;
        int bottom = 0;
        int firstGroup = 0;
    };
    struct Layout
    {
        QFont font;
        QSize tile;
        int headerHeight = 0;
        int spacing = 0;
        int margin = 0;
        int columns = 1;
        int contentHeight = 0;
        int linesPerPage = 0; // compact, paged
        int pages = 1;
        QList<GroupBox> groups;
        QList<Shelf> shelves;
    };

    void invalidateLayout();
    void ensureLayout() const;
    void computeLayout();
    Layout layoutFor(const QFont &font, int width, int pageHeight, int nameChars = 15) const;
    // The name length compact tiles make room for: most of the names, whole.
    int typicalNameChars() const;
    QFont fontOfSize(int pixelSize) const;
    QRect cellRect(int cell) const;
    int cellAt(const QPoint &contentPoint) const;
    int groupOfCell(int cell) const;
    bool onCurrentPage(const QRect &contentRect) const;
    // Calls `visitor` with each header and tile of the current page that meets `area` (content
    // coordinates), in reading order, until it returns false.
    void visit(const QRect &area, const std::function<bool(const QModelIndex &, const QRect &)> &visitor) const;
    QString ageText(const QModelIndex &index) const;
    void tick();
    // Content coordinates (before scrolling).
    QRect contentRect(const QModelIndex &index) const;
    QRect tileRect(int group, int row) const;
    QRect headerRect(int group) const;
    int groupAtY(int y) const;
    QModelIndex serviceIndex(int group, int row) const;
    QModelIndex firstService() const;
    QModelIndex lastService() const;
    QModelIndex neighbourService(const QModelIndex &current, int rowDelta, int columnDelta) const;

    TileDelegate *m_tiles;
    Layout m_layout;
    // Shorthands into m_layout.
    QList<GroupBox> &m_groups = m_layout.groups;
    QSize &m_tile = m_layout.tile;
    int &m_headerHeight = m_layout.headerHeight;
    int &m_spacing = m_layout.spacing;
    int &m_margin = m_layout.margin;
    int &m_columns = m_layout.columns;
    int &m_contentHeight = m_layout.contentHeight;
    int m_layoutWidth = -1;
    int m_layoutHeight = -1;
    bool m_layoutDirty = true;
    int m_layoutPasses = 0;
    bool m_compact = false;
    bool m_paging = false;
    int m_minPixelSize = 0;
    int m_maxPixelSize = 0;
    int m_page = 0;
    Clock *m_clock;
    QString m_placeholderText;
    // Repaints the "for 3 min" texts of the visible tiles as time passes: each second, the tiles
    // whose text changed since they were painted.
    QTimer m_ageTimer;
    mutable QHash<quint64, QString> m_shownAges;
};

} // namespace Vigie
