#pragma once

#include <QAbstractItemModel>
#include <QList>

#include <algorithm>

namespace Vigie {

// Brings a list model's rows to `fresh` row by row (removals, moves, insertions, dataChanged)
// instead of resetting it, so that views keep their selection and current row across a re-read.
// `rows` is the model's list; `idOf` gives a row's identity. The model declares this a friend (it
// calls the model's protected begin/end functions).
template<typename Model, typename Row, typename IdOf>
void syncRows(Model *model, QList<Row> &rows, const QList<Row> &fresh, IdOf idOf)
{
    const auto idAt = [&](const QList<Row> &list, qsizetype i) { return idOf(list.at(i)); };
    // The rows that are gone, from the bottom so that the indexes still to remove stay valid.
    for (qsizetype i = rows.size() - 1; i >= 0; --i) {
        const auto id = idAt(rows, i);
        const bool kept = std::any_of(fresh.cbegin(), fresh.cend(), [&](const Row &r) { return idOf(r) == id; });
        if (kept)
            continue;
        model->beginRemoveRows({}, int(i), int(i));
        rows.removeAt(i);
        model->endRemoveRows();
    }
    const int lastColumn = model->columnCount() - 1;
    for (qsizetype j = 0; j < fresh.size(); ++j) {
        const auto id = idAt(fresh, j);
        qsizetype at = -1;
        for (qsizetype k = j; k < rows.size(); ++k)
            if (idAt(rows, k) == id) {
                at = k;
                break;
            }
        if (at < 0) {
            model->beginInsertRows({}, int(j), int(j));
            rows.insert(j, fresh.at(j));
            model->endInsertRows();
            continue;
        }
        if (at != j) {
            model->beginMoveRows({}, int(at), int(at), {}, int(j));
            rows.move(at, j);
            model->endMoveRows();
        }
        if (!(rows.at(j) == fresh.at(j))) {
            rows[j] = fresh.at(j);
            Q_EMIT model->dataChanged(model->index(int(j), 0), model->index(int(j), lastColumn));
        }
    }
}

} // namespace Vigie
