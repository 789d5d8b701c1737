#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <expected>

namespace Vigie {

// A QSqlDatabase connection with a name of its own, set up the way the store needs it, and removed
// from Qt's registry when this object goes. Like every QSqlDatabase connection, it must be opened,
// used and destroyed on one thread.
class SqliteConnection final
{
    Q_DISABLE_COPY_MOVE(SqliteConnection)

public:
    enum class Role {
        Writer,        // WAL, synchronous=NORMAL, foreign keys on
        DurableWriter, // as Writer, synchronous=FULL: a committed write survives a power cut too
        Reader,        // query_only, so that a bug in a read cannot write
    };

    SqliteConnection() = default;
    ~SqliteConnection();

    // Returns a sentence naming the file and what SQLite said on failure.
    std::expected<void, QString> open(const QString &path, Role role);
    void close();
    QSqlDatabase &database() { return m_db; }

    // How long a connection waits for another one's lock before giving up.
    static constexpr int busyTimeoutMs = 2000;

private:
    QString m_name;
    QSqlDatabase m_db;
};

// What SQLite said ("database is locked"), without the driver's own words when SQLite said something.
QString sqlErrorText(const QSqlError &error);
// Whether SQLite said that the file is damaged or is no database (SQLITE_CORRUPT, SQLITE_NOTADB):
// trying again cannot help.
bool isDamaged(const QSqlError &error);
// The sentence for a damaged file at `path`, with what SQLite said.
QString damagedDatabaseText(const QString &path, const QString &detail);

} // namespace Vigie
