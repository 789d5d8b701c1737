#pragma once

#include <QCoreApplication>
#include <QTextStream>

namespace Vigie {

// `vigie validate`: loads a workspace and reports its errors (file:line:column), without running a
// probe, for CI pipelines. Returns the exit code (0 valid, 2 invalid).
class ValidateCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::ValidateCommand)

public:
    static int run(const QString &workspacePath, bool json, QTextStream &out, QTextStream &err);
};

} // namespace Vigie
