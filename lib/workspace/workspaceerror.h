#pragma once

#include "core/sourcelocation.h"

#include <QString>

namespace Vigie {

// One problem found in a workspace file, at a place the user can jump to.
struct WorkspaceError
{
    SourceLocation location;
    QString message; // what was found and what was expected, translated

    // "file:line:column: message"
    QString toString() const
    {
        using namespace Qt::StringLiterals;
        return location.toString() + u": "_s + message;
    }
};

} // namespace Vigie
