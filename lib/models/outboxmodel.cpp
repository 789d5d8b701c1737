#include "outboxmodel.h"

#include "rowsync.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Vigie {

OutboxModel::OutboxModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

OutboxModel::~OutboxModel() = default;

void OutboxModel::setStore(NoticeStore *store)
{
    m_store = store;
    ++m_request; // answers from the previous store are dropped
    if (!m_store) {
        beginResetModel();
        m_entries.clear();
        m_titles.clear();
        endResetModel();
        return;
    }
    refresh();
}

NoticeStore *OutboxModel::store() const
{
    return m_store;
}

void OutboxModel::refresh()
{
    if (!m_store)
        return;
    const quint64 request = ++m_request;
    // Both reads run on the store's thread, one after the other; the titles come with the entries
    // so that a notice queued since the last read is named.
    QFuture<NoticeStore::Result<QList<Notice>>> notices = m_store->notices();
    m_store->outbox().then(
        this, [this, request, notices](const NoticeStore::Result<QList<OutboxEntry>> &entries) mutable {
            notices.then(this, [this, request, entries](const NoticeStore::Result<QList<Notice>> &read) {
                if (request != m_request)
                    return;
                if (!entries || !read) {
                    m_error = !entries ? entries.error() : read.error();
                    Q_EMIT refreshed();
                    return;
                }
                m_error.clear();
                m_titles.clear();
                for (const Notice &notice : *read)
                    m_titles.insert(notice.id, notice.title);
                syncRows(this, m_entries, *entries, [](const OutboxEntry &e) { return e.id; });
                // Titles may have changed under unchanged entries.
                if (!m_entries.isEmpty())
                    Q_EMIT dataChanged(index(0, NoticeColumn), index(int(m_entries.size()) - 1, NoticeColumn),
                                       {Qt::DisplayRole});
                Q_EMIT refreshed();
            });
        });
}

void OutboxModel::applyEntry(const OutboxEntry &entry)
{
    const int row = rowOf(entry.id);
    if (row >= 0) {
        m_entries[row] = entry;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // Newest first: before the first older entry.
    qsizetype at = 0;
    while (at < m_entries.size() && m_entries.at(at).id > entry.id)
        ++at;
    beginInsertRows({}, int(at), int(at));
    m_entries.insert(at, entry);
    endInsertRows();
}

OutboxEntry OutboxModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row) : OutboxEntry{};
}

int OutboxModel::rowOf(qint64 entryId) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).id == entryId)
            return int(i);
    return -1;
}

QString OutboxModel::error() const
{
    return m_error;
}

bool OutboxModel::canRetry(OutboxEntry::State state)
{
    using State = OutboxEntry::State;
    return state == State::Queued || state == State::Failed || state == State::NeedsAttention;
}

bool OutboxModel::canCancel(OutboxEntry::State state)
{
    using State = OutboxEntry::State;
    return state == State::Queued || state == State::Failed || state == State::NeedsAttention;
}

int OutboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutboxEntry &e = m_entries.at(index.row());
    switch (role) {
    case EntryIdRole:
        return e.id;
    case NoticeIdRole:
        return e.noticeId;
    case StateRole:
        return int(e.state);
    case EntryRole:
        return QVariant::fromValue(e);
    case Qt::TextAlignmentRole:
        return index.column() == AttemptsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == ErrorColumn && !e.lastError.isEmpty() ? QVariant(e.lastError) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case NoticeColumn: {
        const QString title = m_titles.value(e.noticeId);
        return title.isEmpty() ? tr("Notice %1").arg(e.noticeId) : title;
    }
    case SiteColumn:
        return e.siteId;
    case StateColumn:
        return outboxStateText(e.state);
    case AttemptsColumn:
        return e.attempts;
    case NextAttemptColumn:
        // Only a queued entry waits for a time; the others are being sent or done.
        if (e.state != OutboxEntry::State::Queued)
            return QString();
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(e.nextAttemptMs).toLocalTime(), QLocale::ShortFormat);
    case ErrorColumn:
        return e.lastError;
    case RemoteIdColumn:
        return e.remoteId;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NoticeColumn:
        return tr("Notice");
    case SiteColumn:
        return tr("Site");
    case StateColumn:
        return tr("State");
    case AttemptsColumn:
        return tr("Attempts");
    case NextAttemptColumn:
        return tr("Next attempt");
    case ErrorColumn:
        return tr("Last error or reason");
    case RemoteIdColumn:
        return tr("Remote id");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Vigie
