#pragma once

#include "core/clock.h"
#include "stateicons.h"

#include <QStyledItemDelegate>

#include <optional>

namespace Vigie {

struct StateCounts;

// Paints the health board (ServiceBoardModel): a tile per service (state band, icon and text,
// name, last latency, sparkline, time in the state, error) and a header line per group (name and
// counts). Every size derives from the font metrics, so tiles grow with the font and the DPI.
//
// Compact tiles, for a wall display, are one line (state band, icon, name, state in words) and
// their group header is a cell of the same size in the flow of tiles. A service whose results
// stopped arriving (StaleRole), or every service when the whole screen is stale, is drawn as
// stale (dim, a clock icon, "Stale"), never in its last colour.
class TileDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TileDelegate)

public:
    explicit TileDelegate(Clock *clock = Clock::system(), QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // How a service of the board looks: its state, or what explains it (maintenance, a dependency,
    // no recent result), the colour and icon that go with it, and whether it is an alarm. One
    // place for the tiles, compact or not, and the problem rows.
    struct Look
    {
        Look(const QModelIndex &index, const QPalette &palette, bool stale);
        HealthState state;
        std::optional<StateIcons::Explained> why; // set when the state is explained, or stale
        QColor colour;
        bool alarm; // tinted: down or degraded, not explained, not stale
        void paintIcon(QPainter *painter, const QRectF &rect, const QPalette &palette) const;
    };

    void setCompact(bool compact);
    bool isCompact() const;
    // Every tile drawn as stale: the screen's own data is not live (Freshness).
    void setAllStale(bool stale);
    bool allStale() const;
    void setClock(Clock *clock);

    // The smallest tile and the group header height for a font; views lay out with these.
    // A compact tile has room for `nameChars` average characters of its name.
    static QSize tileSize(const QFont &font, bool compact = false, int nameChars = 15);
    static int headerHeight(const QFont &font);
    // The font of a compact tile's state word for a view font: what a wall's readability rule measures.
    static QFont stateFont(const QFont &font);
    // The state word of a compact tile ("Up" is shorter in some languages there than on the console).
    static QString compactStateWord(HealthState state);
    // What a tile says about time: how long its state has lasted ("for 3 min"), or, stale, how
    // long nothing has come ("no result for 3 min").
    QString timeText(const QModelIndex &index) const;

    // `text` on at most `maxLines` lines of `width`, wrapped at words; when it does not fit, it is
    // elided in the middle so that both ends stay: "connection refused by 10.0.0.7:5433" keeps
    // its port, which tells a primary from its replica.
    static QStringList wrapCause(const QString &text, const QFont &font, int width, int maxLines);

    // "3 up · 1 down": only the states that have services (ServiceBoardModel::CountsRole).
    static QString formatCounts(const StateCounts &counts);

private:
    void paintTile(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintCompactTile(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintCompactHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    bool isStale(const QModelIndex &index) const;

    Clock *m_clock;
    bool m_compact = false;
    bool m_allStale = false;
};

} // namespace Vigie
