#pragma once

#include "core/clock.h"

#include <QStyledItemDelegate>

namespace Vigie {

// Paints a row of ProblemsModel: the service's state icon and name, its state in words and for how
// long ("Down for 12 min"), its group, and the cause of the failure in full. In the console the
// cause wraps on as many lines as it needs (it is the row's point); compact rows (a wall's alarm
// band) are one line, the cause elided in the middle so that its host:port stays.
class ProblemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemDelegate)

public:
    explicit ProblemDelegate(QObject *parent = nullptr);

    void setCompact(bool compact);
    bool isCompact() const;
    void setClock(Clock *clock);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "Down for 12 min", "Impacted by Database for 3 min": the state and how long it has lasted.
    static QString stateSince(const QModelIndex &index, const QDateTime &now);
    // The cause shown under it: the probe's error, else what explains the state.
    static QString causeOf(const QModelIndex &index);

private:
    Clock *m_clock;
    bool m_compact = false;
};

} // namespace Vigie
