#pragma once

#include <QCoreApplication>
#include <QTextStream>

namespace Vigie {

// `vigie secret set|delete|check`: the secrets workspaces name, in the system keychain. Each
// returns the exit code (0 done, 1 the keychain failed or a secret is missing, 2 invalid workspace).
class SecretCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::SecretCommand)

public:
    // Reads the secret from standard input (without echo on a terminal; one trailing line break
    // dropped) and stores it under `name`.
    static int set(const QString &name, QTextStream &out, QTextStream &err);
    static int remove(const QString &name, QTextStream &out, QTextStream &err);
    // Lists the workspace's secrets as present or missing.
    static int check(const QString &workspacePath, QTextStream &out, QTextStream &err);
};

} // namespace Vigie
