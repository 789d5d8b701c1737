#include "problemsmodel.h"

#include "serviceboardmodel.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>

namespace Vigie {

namespace {

// Why a service is listed, in the list's order.
enum Bucket { AlarmDown, AlarmDegraded, ImpactedDown, ImpactedDegraded, NotListed };

// Where a service stands in the list: everything the order reads, kept so that only the services
// the board says changed are read again.
struct Key
{
    QString id;
    int bucket = NotListed;
    qint64 since = 0; // the last state change (ms since the epoch); the largest value when unknown
    QString name;
    friend bool operator==(const Key &, const Key &) = default;
};

bool before(const Key &a, const Key &b)
{
    if (a.bucket != b.bucket)
        return a.bucket < b.bucket;
    if (a.since != b.since)
        return a.since < b.since; // the longest failing first
    if (a.name != b.name) {
        if (const int byName = QString::localeAwareCompare(a.name, b.name))
            return byName < 0;
    }
    return a.id < b.id; // ids are unique: the order is total
}

Key keyOf(const QModelIndex &service)
{
    using Board = ServiceBoardModel;
    Key key;
    key.id = service.data(Board::IdRole).toString();
    const auto state = HealthState(service.data(Board::StateRole).toInt());
    if (state != HealthState::Down && state != HealthState::Degraded)
        return key; // up, or no data yet
    const bool down = state == HealthState::Down;
    if (service.data(Board::AlarmRole).toBool())
        key.bucket = down ? AlarmDown : AlarmDegraded;
    else if (service.data(Board::PresentationRole).toInt() == int(Board::Presentation::Impacted))
        key.bucket = down ? ImpactedDown : ImpactedDegraded;
    else
        return key; // explained by maintenance
    const QDateTime since = service.data(Board::LastChangeRole).toDateTime();
    key.since = since.isValid() ? since.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    key.name = service.data(Qt::DisplayRole).toString();
    return key;
}

struct Row
{
    QModelIndex board; // valid until the board's rows change (then read again)
    Key key;
};

bool rowBefore(const Row &a, const Row &b)
{
    return before(a.key, b.key);
}

// Which of `values` (distinct) form a longest increasing subsequence: the rows that stay put
// while the others move around them. O(n log n).
QList<bool> longestIncreasing(const QList<qsizetype> &values)
{
    QList<qsizetype> tails; // tails[l]: the index of the smallest last value of an increasing run of l + 1
    QList<qsizetype> previous(values.size(), -1);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const auto at = std::lower_bound(tails.begin(), tails.end(), values[i],
                                         [&](qsizetype tail, qsizetype value) { return values[tail] < value; });
        const qsizetype length = at - tails.begin();
        previous[i] = length > 0 ? tails[length - 1] : -1;
        if (at == tails.end())
            tails.append(i);
        else
            *at = i;
    }
    QList<bool> in(values.size(), false);
    for (qsizetype i = tails.isEmpty() ? -1 : tails.last(); i >= 0; i = previous[i])
        in[i] = true;
    return in;
}

// Beyond this many steps (runs of rows removed, moved or inserted) a change resets the list; see
// ProblemsModel::Private::apply().
constexpr qsizetype MaxSteps = 64;
// Up to this many services changing place in one notification are moved one at a time; more are
// merged in and brought in runs (ProblemsModel::Private::apply()).
constexpr qsizetype FewMoves = 16;

} // namespace

} // namespace Vigie

// Rows are moved in blocks (QList's memmove, std::rotate): a QModelIndex and QStrings relocate.
Q_DECLARE_TYPEINFO(Vigie::Row, Q_RELOCATABLE_TYPE);

namespace Vigie {

class ProblemsModel::Private
{
public:
    explicit Private(ProblemsModel *q)
        : q(q)
    {}

    enum class Changed { Nothing, Touched, Everything };

    void attach(ServiceBoardModel *newBoard);
    QList<Row> collect() const;
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void refresh(Changed changed);
    void apply(QList<Row> fresh, Changed changed, const QSet<QString> &touched, const QList<int> &roles);
    void emitDataChanged(QList<qsizetype> changedRows, const QList<int> &roles);
    void relist();
    void tellCount(qsizetype oldCount);

    ProblemsModel *const q;
    ServiceBoardModel *board = nullptr;
    QList<Row> rows;            // sorted by key, except while syncing
    QHash<QString, Key> listed; // the key of each row's service
    bool stale = false;         // the board is changing its rows: the indexes kept are not to be read
    bool syncing = false;       // the rows are being brought to a new order
};

void ProblemsModel::Private::attach(ServiceBoardModel *newBoard)
{
    const qsizetype oldCount = rows.size();
    q->beginResetModel();
    if (board)
        QObject::disconnect(board, nullptr, q, nullptr);
    board = newBoard;
    stale = false;
    if (board) {
        using Model = QAbstractItemModel;
        QObject::connect(board, &Model::dataChanged, q,
                         [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                             onDataChanged(topLeft, bottomRight, roles);
                         });
        // While the board changes its rows, the indexes kept here may point anywhere: nothing is
        // read through them until they are found again.
        const auto goStale = [this] { stale = true; };
        QObject::connect(board, &Model::modelAboutToBeReset, q, goStale);
        QObject::connect(board, &Model::rowsAboutToBeInserted, q, goStale);
        QObject::connect(board, &Model::rowsAboutToBeRemoved, q, goStale);
        QObject::connect(board, &Model::rowsAboutToBeMoved, q, goStale);
        QObject::connect(board, &Model::layoutAboutToBeChanged, q, goStale);
        QObject::connect(board, &Model::modelReset, q, [this] { refresh(Changed::Everything); });
        const auto restructured = [this] { refresh(Changed::Nothing); };
        QObject::connect(board, &Model::rowsInserted, q, restructured);
        QObject::connect(board, &Model::rowsRemoved, q, restructured);
        QObject::connect(board, &Model::rowsMoved, q, restructured);
        QObject::connect(board, &Model::layoutChanged, q, restructured);
        QObject::connect(board, &QObject::destroyed, q, [this] {
            const qsizetype count = rows.size();
            q->beginResetModel();
            board = nullptr;
            rows.clear();
            listed.clear();
            q->endResetModel();
            tellCount(count);
        });
    }
    rows = collect();
    relist();
    q->endResetModel();
    tellCount(oldCount);
}

// Every service of the board that is listed, in order: O(services) reads, then the sort.
QList<Row> ProblemsModel::Private::collect() const
{
    QList<Row> found;
    if (!board)
        return found;
    for (int g = 0, groups = board->rowCount(); g < groups; ++g) {
        const QModelIndex group = board->index(g, 0);
        for (int s = 0, services = board->rowCount(group); s < services; ++s) {
            const QModelIndex service = board->index(s, 0, group);
            Key key = keyOf(service);
            if (key.bucket != NotListed)
                found.append(Row{service, std::move(key)});
        }
    }
    std::sort(found.begin(), found.end(), rowBefore);
    return found;
}

// The board tells one run of services of one group at a time (and then the group's row, which
// lists nothing here). Only those services are read again; the others keep their place.
void ProblemsModel::Private::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                           const QList<int> &roles)
{
    const QModelIndex group = topLeft.parent();
    if (stale || !topLeft.isValid() || !group.isValid())
        return;
    QSet<QString> touched;
    QList<Row> changedRows;            // the touched services listed now
    QList<Row> stayingRows;            // those of them listed before too
    QList<std::pair<Key, Row>> moving; // from the key they had to the row they make (NotListed: none)
    for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
        const QModelIndex service = board->index(r, 0, group);
        Row row{service, keyOf(service)};
        const auto was = listed.constFind(row.key.id);
        const bool wasListed = was != listed.cend();
        const bool isListed = row.key.bucket != NotListed;
        touched.insert(row.key.id);
        if (wasListed != isListed || (isListed && *was != row.key))
            moving.append({wasListed ? *was : Key{}, row});
        if (wasListed && isListed)
            stayingRows.append(row);
        if (isListed)
            changedRows.append(std::move(row));
    }

    if (moving.size() <= FewMoves) {
        // The usual case: nothing moves (a latency, an error text), or a few services fail or
        // recover. Each is found by its key in O(log n) and moved alone, at the cost of the list's
        // memmove; the rows stay in order between steps.
        const qsizetype oldCount = rows.size();
        const auto at = [this](const Key &key) {
            return qsizetype(std::lower_bound(rows.cbegin(), rows.cend(), Row{{}, key}, rowBefore) - rows.cbegin());
        };
        for (const auto &[was, row] : std::as_const(moving)) {
            const bool wasListed = was.bucket != NotListed;
            const bool isListed = row.key.bucket != NotListed;
            if (wasListed && !isListed) {
                const qsizetype from = at(was);
                Q_ASSERT(rows.at(from).key.id == was.id);
                q->beginRemoveRows({}, int(from), int(from));
                rows.remove(from);
                listed.remove(was.id);
                q->endRemoveRows();
            } else if (!wasListed) {
                const qsizetype to = at(row.key);
                q->beginInsertRows({}, int(to), int(to));
                rows.insert(to, row);
                listed.insert(row.key.id, row.key);
                q->endInsertRows();
            } else {
                const qsizetype from = at(was);
                Q_ASSERT(rows.at(from).key.id == was.id);
                const qsizetype to = at(row.key); // among the rows, this one still where it was
                if (to == from || to == from + 1) {
                    rows[from] = row;
                    listed.insert(row.key.id, row.key);
                    continue;
                }
                q->beginMoveRows({}, int(from), int(from), {}, int(to));
                const qsizetype landing = to > from ? to - 1 : to;
                rows.move(from, landing);
                rows[landing] = row;
                listed.insert(row.key.id, row.key);
                q->endMoveRows();
            }
        }
        QList<qsizetype> changedAt;
        for (const Row &row : std::as_const(stayingRows))
            changedAt.append(at(row.key));
        tellCount(oldCount);
        emitDataChanged(std::move(changedAt), roles);
        return;
    }

    // The rows the board did not mention keep their keys and their order: merge the touched ones
    // in (O(rows) plus the sort of the touched ones).
    std::sort(changedRows.begin(), changedRows.end(), rowBefore);
    QList<Row> fresh;
    fresh.reserve(rows.size() + changedRows.size());
    auto next = changedRows.cbegin();
    for (const Row &row : std::as_const(rows)) {
        if (touched.contains(row.key.id))
            continue;
        while (next != changedRows.cend() && rowBefore(*next, row))
            fresh.append(*next++);
        fresh.append(row);
    }
    for (; next != changedRows.cend(); ++next)
        fresh.append(*next);
    apply(std::move(fresh), Changed::Touched, touched, roles);
}

// The board's rows changed (or it was reset): every service is read again and every index found
// again.
void ProblemsModel::Private::refresh(Changed changed)
{
    stale = false;
    apply(collect(), changed, {}, {});
}

// Brings the rows to `fresh` with row removals, moves and insertions, so that a view keeps its
// current row, then tells the kept rows whose data changed (the `touched` services, or every row).
//
// rowsync.h's syncRows() finds each row by scanning the list, which is quadratic: a whole site
// going down can bring the bench workspace's 11,000 services here at once. This finds them with a
// hash of the ids and picks the rows that stay put as a longest increasing subsequence (O(n log n)),
// and removes, moves and inserts in runs of adjacent rows. A step still costs O(rows) (the list's
// memmove, the persistent indexes, a view's layout), so a change of more than MaxSteps runs resets
// the list instead. The mass changes that happen make few runs: the services of a site failing
// together land together at the end of their bucket (the latest failures), they recover together,
// and services turning impacted by a dependency keep their order and move as a block. A change
// scattered over thousands of places costs one reset (the view loses its current row) rather than
// thousands of O(rows) steps.
void ProblemsModel::Private::apply(QList<Row> fresh, Changed changed, const QSet<QString> &touched,
                                   const QList<int> &roles)
{
    const qsizetype oldCount = rows.size();
    QHash<QString, qsizetype> freshRow;
    freshRow.reserve(fresh.size());
    for (qsizetype j = 0; j < fresh.size(); ++j)
        freshRow.insert(fresh.at(j).key.id, j);

    // Where each row goes (-1: it leaves), and which fresh rows are new.
    QList<qsizetype> target(rows.size());
    QList<bool> isNew(fresh.size(), true);
    qsizetype steps = 0;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        target[i] = freshRow.value(rows.at(i).key.id, -1);
        if (target[i] >= 0)
            isNew[target[i]] = false;
        else if (i == 0 || target[i - 1] >= 0)
            ++steps; // a run of rows removed
    }
    for (qsizetype j = 0; j < fresh.size(); ++j)
        if (isNew[j] && (j == 0 || !isNew[j - 1]))
            ++steps; // a run of rows inserted

    // The kept rows, in their order now (by where they go); the longest increasing run of them
    // stays put, the others move in blocks of rows adjacent both now and in the end.
    QList<qsizetype> kept;
    kept.reserve(rows.size());
    for (qsizetype t : std::as_const(target))
        if (t >= 0)
            kept.append(t);
    const QList<bool> stays = longestIncreasing(kept);
    QList<qsizetype> keptAt(fresh.size(), -1); // a fresh row's place among the kept rows now
    for (qsizetype p = 0; p < kept.size(); ++p)
        keptAt[kept[p]] = p;
    QList<qsizetype> byTarget; // the kept rows' places now, in their final order
    byTarget.reserve(kept.size());
    for (qsizetype j = 0; j < fresh.size(); ++j)
        if (keptAt[j] >= 0)
            byTarget.append(keptAt[j]);
    QList<qsizetype> blockStarts; // ranks (indexes into byTarget) where a moving block begins
    for (qsizetype r = 0; r < byTarget.size(); ++r) {
        const qsizetype p = byTarget[r];
        if (stays[p])
            continue;
        if (r == 0 || stays[byTarget[r - 1]] || byTarget[r - 1] != p - 1)
            blockStarts.append(r);
    }
    steps += blockStarts.size();

    if (steps > MaxSteps) {
        q->beginResetModel();
        rows = std::move(fresh);
        relist();
        q->endResetModel();
        tellCount(oldCount);
        return;
    }

    syncing = true;
    // The kept rows take their fresh keys and indexes before anything is told: a view reading a
    // row during the steps reads the board's row of its service. Rows about to leave read nothing.
    for (qsizetype i = 0; i < rows.size(); ++i)
        rows[i] = target[i] >= 0 ? fresh.at(target[i]) : Row{{}, rows.at(i).key};

    // Removals, from the bottom so that the rows above keep their numbers.
    for (qsizetype i = rows.size() - 1; i >= 0; --i) {
        if (target[i] >= 0)
            continue;
        const qsizetype last = i;
        while (i > 0 && target[i - 1] < 0)
            --i;
        q->beginRemoveRows({}, int(i), int(last));
        rows.remove(i, last - i + 1);
        q->endRemoveRows();
    }

    // Moves, in final order: each block goes right after the row that precedes it in the end
    // (already in place, or the top). Blocks stay whole: a block is only ever put after a row
    // that is in place, never between rows still to move.
    for (qsizetype b = 0; b < blockStarts.size(); ++b) {
        const qsizetype first = blockStarts[b];
        qsizetype end = first + 1;
        while (end < byTarget.size() && !stays[byTarget[end]] && byTarget[end] == byTarget[end - 1] + 1)
            ++end;
        const qsizetype length = end - first;
        const auto place = [&](qsizetype rank) {
            const QString &id = fresh.at(kept[byTarget[rank]]).key.id;
            return qsizetype(std::find_if(rows.cbegin(), rows.cend(), [&](const Row &r) { return r.key.id == id; }) -
                             rows.cbegin());
        };
        const qsizetype from = place(first);
        const qsizetype to = first == 0 ? 0 : place(first - 1) + 1;
        if (to == from)
            continue; // already right after its predecessor
        q->beginMoveRows({}, int(from), int(from + length - 1), {}, int(to));
        if (to > from)
            std::rotate(rows.begin() + from, rows.begin() + from + length, rows.begin() + to);
        else
            std::rotate(rows.begin() + to, rows.begin() + from, rows.begin() + from + length);
        q->endMoveRows();
    }

    // Insertions, top down: above row j the rows are already the fresh ones.
    for (qsizetype j = 0; j < fresh.size(); ++j) {
        if (!isNew[j])
            continue;
        const qsizetype first = j;
        while (j + 1 < fresh.size() && isNew[j + 1])
            ++j;
        q->beginInsertRows({}, int(first), int(j));
        rows.insert(first, j - first + 1, Row{});
        std::copy(fresh.cbegin() + first, fresh.cbegin() + j + 1, rows.begin() + first);
        q->endInsertRows();
    }
    Q_ASSERT(rows.size() == fresh.size());
    relist();
    syncing = false;

    QList<qsizetype> changedRows;
    if (changed != Changed::Nothing)
        for (qsizetype j = 0; j < rows.size(); ++j)
            if (!isNew[j] && (changed == Changed::Everything || touched.contains(rows.at(j).key.id)))
                changedRows.append(j);
    tellCount(oldCount);
    emitDataChanged(std::move(changedRows), roles);
}

// One dataChanged per run of adjacent rows.
void ProblemsModel::Private::emitDataChanged(QList<qsizetype> changedRows, const QList<int> &roles)
{
    std::sort(changedRows.begin(), changedRows.end());
    for (qsizetype i = 0; i < changedRows.size(); ++i) {
        const qsizetype first = changedRows[i];
        while (i + 1 < changedRows.size() && changedRows[i + 1] == changedRows[i] + 1)
            ++i;
        Q_EMIT q->dataChanged(q->index(int(first)), q->index(int(changedRows[i])), roles);
    }
}

// Before the rows are told done: a slot that asks rowOf() then finds them.
void ProblemsModel::Private::relist()
{
    listed.clear();
    listed.reserve(rows.size());
    for (const Row &row : std::as_const(rows))
        listed.insert(row.key.id, row.key);
}

void ProblemsModel::Private::tellCount(qsizetype oldCount)
{
    if (rows.size() != oldCount)
        Q_EMIT q->countChanged(int(rows.size()));
}

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractListModel(parent)
    , d(std::make_unique<Private>(this))
{}

ProblemsModel::~ProblemsModel() = default;

void ProblemsModel::setSourceModel(ServiceBoardModel *board)
{
    if (board == d->board)
        return;
    d->attach(board);
}

ServiceBoardModel *ProblemsModel::sourceModel() const
{
    return d->board;
}

QModelIndex ProblemsModel::boardIndex(int row) const
{
    if (row < 0 || row >= d->rows.size() || d->stale)
        return {};
    return d->rows.at(row).board;
}

int ProblemsModel::rowOf(const QString &serviceId) const
{
    if (d->syncing) {
        // Asked from a slot while the rows move: they are not in key order yet.
        for (qsizetype i = 0; i < d->rows.size(); ++i)
            if (d->rows.at(i).key.id == serviceId)
                return int(i);
        return -1;
    }
    const auto key = d->listed.constFind(serviceId);
    if (key == d->listed.cend())
        return -1;
    const auto at = std::lower_bound(d->rows.cbegin(), d->rows.cend(), Row{{}, *key}, rowBefore);
    return at != d->rows.cend() && at->key.id == serviceId ? int(at - d->rows.cbegin()) : -1;
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(d->rows.size());
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || d->stale)
        return {};
    return d->rows.at(index.row()).board.data(role);
}

QHash<int, QByteArray> ProblemsModel::roleNames() const
{
    return d->board ? d->board->roleNames() : QAbstractListModel::roleNames();
}

} // namespace Vigie
