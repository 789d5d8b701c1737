#include "noticelistmodel.h"

#include "rowsync.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// The store's order: the last changed first, then the newest.
bool before(const Notice &a, const Notice &b)
{
    return a.modifiedMs != b.modifiedMs ? a.modifiedMs > b.modifiedMs : a.id > b.id;
}

} // namespace

NoticeListModel::NoticeListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

NoticeListModel::~NoticeListModel() = default;

void NoticeListModel::setStore(NoticeStore *store)
{
    m_store = store;
    ++m_request;
    if (!m_store) {
        beginResetModel();
        m_notices.clear();
        endResetModel();
        return;
    }
    refresh();
}

void NoticeListModel::refresh()
{
    if (!m_store)
        return;
    const quint64 request = ++m_request;
    m_store->notices().then(this, [this, request](const NoticeStore::Result<QList<Notice>> &read) {
        if (request != m_request)
            return;
        if (!read) {
            m_error = read.error();
        } else {
            m_error.clear();
            syncRows(this, m_notices, *read, [](const Notice &n) { return n.id; });
        }
        Q_EMIT refreshed();
    });
}

void NoticeListModel::applyNotice(const Notice &notice)
{
    QList<Notice> fresh = m_notices;
    const int row = rowOf(notice.id);
    if (row >= 0)
        fresh[row] = notice;
    else
        fresh.append(notice);
    std::stable_sort(fresh.begin(), fresh.end(), before);
    syncRows(this, m_notices, fresh, [](const Notice &n) { return n.id; });
}

Notice NoticeListModel::notice(int row) const
{
    return row >= 0 && row < m_notices.size() ? m_notices.at(row) : Notice{};
}

int NoticeListModel::rowOf(qint64 noticeId) const
{
    for (qsizetype i = 0; i < m_notices.size(); ++i)
        if (m_notices.at(i).id == noticeId)
            return int(i);
    return -1;
}

QString NoticeListModel::error() const
{
    return m_error;
}

int NoticeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_notices.size());
}

int NoticeListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NoticeListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Notice &n = m_notices.at(index.row());
    switch (role) {
    case NoticeIdRole:
        return n.id;
    case NoticeRole:
        return QVariant::fromValue(n);
    case ModifiedRole:
        return QDateTime::fromMSecsSinceEpoch(n.modifiedMs, QTimeZone::UTC);
    case Qt::ToolTipRole:
        return index.column() == TitleColumn ? QVariant(n.title) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case TitleColumn:
        return n.title.isEmpty() ? tr("(untitled)") : n.title;
    case KindColumn:
        return noticeKindText(n.kind);
    case StatusColumn:
        // A notice with nothing posted yet is a draft, whatever status it will start with.
        return n.updates.isEmpty() ? tr("Draft") : noticeStatusText(n.status);
    case ModifiedColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(n.modifiedMs).toLocalTime(), QLocale::ShortFormat);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant NoticeListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TitleColumn:
        return tr("Title");
    case KindColumn:
        return tr("Kind");
    case StatusColumn:
        return tr("Status");
    case ModifiedColumn:
        return tr("Changed");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Vigie
