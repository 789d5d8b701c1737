#pragma once

#include <QAbstractListModel>

#include <memory>

namespace Vigie {

class ServiceBoardModel;

// The services that need someone, worst first: the on-call engineer's first view, the side panel's
// alarm list and a wall's alarm band. A flat list over the health board's services that raise an
// alarm (down or degraded, not explained by maintenance or a dependency) and those impacted by a
// dependency; up, in maintenance or not heard from yet are left out. Alarms come before impacted
// services, down before degraded within each, then the longest failing first (then by name, then
// by id, so that the order is total and does not flicker).
//
// Each row is a board service: every role reads through to the board's index (same role numbers,
// same names). The list follows the board's notifications with row removals, moves and
// insertions rather than resets, so that a view keeps its current row while services fail and
// recover around it.
class ProblemsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsModel)

public:
    explicit ProblemsModel(QObject *parent = nullptr);
    ~ProblemsModel() override;

    // The board to read (not owned); null empties the list. A board destroyed first empties it too.
    void setSourceModel(ServiceBoardModel *board);
    ServiceBoardModel *sourceModel() const;

    // The board's index of a row, and a service's row here (-1 if it has no problem).
    QModelIndex boardIndex(int row) const;
    int rowOf(const QString &serviceId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override; // the board's

Q_SIGNALS:
    // The number of rows changed (once per board notification, after the rows moved).
    void countChanged(int count);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
