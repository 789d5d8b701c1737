#pragma once

#include "core/clock.h"

#include <QStyledItemDelegate>

namespace Vigie {

struct StateCounts;

// Paints the health board (ServiceBoardModel): a tile per service (state band, icon and text,
// name, last latency, sparkline, time in the state, error) and a header line per group (name and
// counts). Every size derives from the font metrics, so tiles grow with the font and the DPI.
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

    // The smallest tile and the group header height for a font; views lay out with these.
    static QSize tileSize(const QFont &font);
    static int headerHeight(const QFont &font);

    // "123 ms", "4.5 ms", "1.24 s".
    // "for 40 s", "for 3 min", "for 2 h 5 min", "for 3 d"; empty for an invalid or future time.
    static QString formatSince(const QDateTime &since, const QDateTime &now);
    // "3 up · 1 down": only the states that have services (ServiceBoardModel::CountsRole).
    static QString formatCounts(const StateCounts &counts);

private:
    void paintTile(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;

    Clock *m_clock;
};

} // namespace Vigie
