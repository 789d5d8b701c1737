#pragma once

#include <QString>
#include <QStringList>

namespace Vigie {

// One field of a CSV file (RFC 4180): quoted when it holds a comma, a double quote, a line break
// or a leading or trailing space, with its double quotes doubled.
QString csvField(const QString &text);
// One record: its fields joined by commas, ended by CRLF as RFC 4180 writes it.
QString csvRecord(const QStringList &fields);
// One line of tab-separated text for a spreadsheet's paste: tabs and line breaks inside a field
// become spaces (a spreadsheet would split the cell on them).
QString tsvRecord(const QStringList &fields);

} // namespace Vigie
