#pragma once

#include <QString>

namespace Vigie {

// A place in a file the user wrote: 1-based line and column, as editors show them.
struct SourceLocation
{
    QString file;
    int line = 0;
    int column = 0;

    bool isValid() const { return line > 0; }
    // "file:line:column", the form compilers use, so that editors and terminals link to it.
    QString toString() const { return file + u':' + QString::number(line) + u':' + QString::number(column); }
    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

} // namespace Vigie
