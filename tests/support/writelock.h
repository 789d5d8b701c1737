#pragma once

#include "store/sqliteconnection.h"

#include <QSqlQuery>
#include <QString>

namespace Vigie::Test {

// Another writer on a SQLite database that holds its write lock (BEGIN IMMEDIATE) while it lives,
// or until release(): the store's writes wait behind it (up to SqliteConnection::busyTimeoutMs,
// then fail), and so do the calls queued after them on the store's thread. Lets a test see what
// a view says before a commit, or when a save fails.
class WriteLock
{
    Q_DISABLE_COPY_MOVE(WriteLock)

public:
    explicit WriteLock(const QString &path)
    {
        if (!m_connection.open(path, SqliteConnection::Role::Writer))
            return;
        m_held = QSqlQuery(m_connection.database()).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteLock() { release(); }

    bool isHeld() const { return m_held; }
    // The rows of `table` as this connection sees them (nothing the waiting writer wants is in).
    int rowCount(const QString &table)
    {
        QSqlQuery count(m_connection.database());
        if (!count.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !count.next())
            return -1;
        return count.value(0).toInt();
    }
    void release()
    {
        if (!m_held)
            return;
        QSqlQuery(m_connection.database()).exec(QStringLiteral("ROLLBACK"));
        m_held = false;
    }

private:
    SqliteConnection m_connection;
    bool m_held = false;
};

} // namespace Vigie::Test
