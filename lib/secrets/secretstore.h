#pragma once

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <expected>

namespace Vigie {

// Secrets named in workspaces (HTTP auth passwords and tokens), kept in the OS keychain through
// QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows), under
// the service name "Vigie". Never written to a workspace, a log or the store.
class SecretStore
{
public:
    // Reads every named secret without blocking the caller (QtKeychain's jobs run on a thread of
    // their own). The future's value maps each name found to its secret; `missing` lists the
    // names the keychain does not have, and `error` says why the keychain could not be read at all.
    struct Lookup
    {
        QHash<QString, QByteArray> secrets;
        QStringList missing;
        QString error;
    };
    static QFuture<Lookup> read(const QStringList &names);
    // Blocking, for the command line (`vigie secret set NAME`, reading the secret from stdin).
    static std::expected<void, QString> write(const QString &name, const QByteArray &secret);
    static std::expected<void, QString> remove(const QString &name);
};

} // namespace Vigie
