#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Vigie {

// The commands' tables: rows of cells (the header first), each column padded to its widest cell
// plus two spaces, the last column unpadded, trailing spaces trimmed, one line per row.
QString formatTextTable(const QList<QStringList> &rows);

} // namespace Vigie
