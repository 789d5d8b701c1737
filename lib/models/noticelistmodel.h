#pragma once

#include "notices/noticestore.h"

#include <QAbstractTableModel>

namespace Vigie {

// The notices, most recently changed first: title, kind, status and when last changed, for the
// console's notices view. refresh() reads the store off this thread and brings the rows to its
// answer in place (moved, inserted, removed, changed), so that the selected notice stays selected
// while it moves to the top; applyNotice() shows one notice the view just saved without a re-read.
class NoticeListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NoticeListModel)

public:
    enum Column { TitleColumn, KindColumn, StatusColumn, ModifiedColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        NoticeIdRole = Qt::UserRole + 1, // qint64
        NoticeRole,                      // Notice
        ModifiedRole,                    // QDateTime, UTC
    };
    Q_ENUM(Role)

    explicit NoticeListModel(QObject *parent = nullptr);
    ~NoticeListModel() override;

    // The store to read (not owned; it outlives the model); null empties the model.
    void setStore(NoticeStore *store);
    void refresh();
    // A notice as the store returned it: its row changes, moves to its place, or appears.
    void applyNotice(const Notice &notice);

    Notice notice(int row) const;
    int rowOf(qint64 noticeId) const;
    QString error() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void refreshed();

private:
    template<typename Model, typename Row, typename IdOf>
    friend void syncRows(Model *, QList<Row> &, const QList<Row> &, IdOf);

    NoticeStore *m_store = nullptr;
    QList<Notice> m_notices; // most recently changed first
    QString m_error;
    quint64 m_request = 0;
};

} // namespace Vigie
