#pragma once

#include "notices/noticestore.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Vigie {

// The outbox, newest first: each send of an update of a notice to a status site and where it
// stands (queued, sending, published, failed with the reason, needs attention, cancelled), for the
// console's notices view. Reading never blocks: refresh() asks the store, whose thread answers, and
// the rows are brought to the answer in place (an answer older than the latest request is dropped),
// so that the selected entry stays selected. A relay's news of one entry (applyEntry()) is shown at
// once, without asking the store.
class OutboxModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxModel)

public:
    enum Column {
        NoticeColumn,
        SiteColumn,
        StateColumn,
        AttemptsColumn,
        NextAttemptColumn,
        ErrorColumn,
        RemoteIdColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        EntryIdRole = Qt::UserRole + 1, // qint64
        NoticeIdRole,                   // qint64
        StateRole,                      // int (OutboxEntry::State)
        EntryRole,                      // OutboxEntry
    };
    Q_ENUM(Role)

    explicit OutboxModel(QObject *parent = nullptr);
    ~OutboxModel() override;

    // The store to read (not owned; it outlives the model); null empties the model.
    void setStore(NoticeStore *store);
    NoticeStore *store() const;
    // Reads the outbox and the notices' titles again, off this thread.
    void refresh();
    // One entry as a relay or an action reports it: its row changes (or appears) now.
    void applyEntry(const OutboxEntry &entry);

    OutboxEntry entry(int row) const;
    // The row of entry `entryId`, -1 when it is not shown.
    int rowOf(qint64 entryId) const;
    // The last read failed: why; empty after a read that worked.
    QString error() const;

    // Whether the engineer may retry or cancel an entry in `state` (the store has the last word).
    static bool canRetry(OutboxEntry::State state);
    static bool canCancel(OutboxEntry::State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The answer to the latest refresh() is shown (or its error kept).
    void refreshed();

private:
    template<typename Model, typename Row, typename IdOf>
    friend void syncRows(Model *, QList<Row> &, const QList<Row> &, IdOf);

    NoticeStore *m_store = nullptr;
    QList<OutboxEntry> m_entries; // newest first (by id)
    QHash<qint64, QString> m_titles;
    QString m_error;
    quint64 m_request = 0;
};

} // namespace Vigie
