#include "sqliteconnection.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

std::atomic<quint64> connectionCounter{0};

} // namespace

QString sqlErrorText(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

// SQLite's primary result code (SQLITE_BUSY, SQLITE_CORRUPT...): the driver gives the result
// code, perhaps an extended one, whose low byte is the primary; -1 when it gives none.
int primaryResultCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1;
}

// SQLite returns "busy" at once, without calling the busy handler, where waiting could deadlock:
// two connections switching a new database to WAL together, for instance. Those are retried.
bool isBusy(const QSqlError &error)
{
    constexpr int sqliteBusy = 5;
    constexpr int sqliteLocked = 6;
    const int code = primaryResultCode(error);
    return code == sqliteBusy || code == sqliteLocked;
}

bool isDamaged(const QSqlError &error)
{
    constexpr int sqliteCorrupt = 11;
    constexpr int sqliteNotADatabase = 26;
    const int code = primaryResultCode(error);
    return code == sqliteCorrupt || code == sqliteNotADatabase;
}

QString damagedDatabaseText(const QString &path, const QString &detail)
{
    return QCoreApplication::translate("Vigie::ResultStore",
                                       "The database %1 is damaged or is not a SQLite database (%2): move "
                                       "it aside to start a new one.")
        .arg(path, detail);
}

SqliteConnection::~SqliteConnection()
{
    close();
}

void SqliteConnection::close()
{
    if (m_name.isEmpty())
        return;
    m_db.close();
    // removeDatabase() wants no QSqlDatabase copy of the connection left alive.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
    m_name.clear();
}

std::expected<void, QString> SqliteConnection::open(const QString &path, Role role)
{
    close();
    const auto driver = u"QSQLITE"_s;
    if (!QSqlDatabase::isDriverAvailable(driver))
        return std::unexpected(
            QCoreApplication::translate("Vigie::ResultStore",
                                        "Cannot open the database %1: the SQLite driver of Qt (QSQLITE) "
                                        "is not installed.")
                .arg(path));

    m_name = u"vigie-store-%1-%2"_s.arg(role == Role::Reader ? u"reader"_s : u"writer"_s)
                 .arg(connectionCounter.fetch_add(1, std::memory_order_relaxed));
    m_db = QSqlDatabase::addDatabase(driver, m_name);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
    if (!m_db.open()) {
        const QString detail = sqlErrorText(m_db.lastError());
        close();
        return std::unexpected(
            QCoreApplication::translate("Vigie::ResultStore", "Cannot open the database %1: %2.").arg(path, detail));
    }

    QStringList pragmas;
    switch (role) {
    case Role::Writer:
    case Role::DurableWriter:
        pragmas = {u"PRAGMA foreign_keys = ON"_s, u"PRAGMA journal_mode = WAL"_s,
                   role == Role::DurableWriter ? u"PRAGMA synchronous = FULL"_s : u"PRAGMA synchronous = NORMAL"_s};
        break;
    case Role::Reader:
        pragmas = {u"PRAGMA query_only = ON"_s};
        break;
    }
    QSqlQuery query(m_db);
    QElapsedTimer waiting;
    waiting.start();
    for (const QString &pragma : std::as_const(pragmas)) {
        bool done = query.exec(pragma);
        while (!done && isBusy(query.lastError()) && waiting.elapsed() < busyTimeoutMs) {
            QThread::msleep(20);
            done = query.exec(pragma);
        }
        if (!done) {
            const QSqlError error = query.lastError();
            const QString detail = sqlErrorText(error);
            query = QSqlQuery();
            close();
            if (isDamaged(error))
                return std::unexpected(damagedDatabaseText(path, detail));
            return std::unexpected(
                QCoreApplication::translate("Vigie::ResultStore",
                                            "Cannot use the database %1 (is it a SQLite database?): %2.")
                    .arg(path, detail));
        }
        // journal_mode answers with the mode in force, which stays "delete" on media without
        // shared memory: say so rather than lose the concurrent reads silently.
        if (pragma.contains(u"journal_mode"_s) && query.next() &&
            query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
            const QString mode = query.value(0).toString();
            query = QSqlQuery();
            close();
            return std::unexpected(
                QCoreApplication::translate("Vigie::ResultStore",
                                            "Cannot switch the database %1 to write-ahead logging: SQLite "
                                            "kept the journal mode \"%2\" (is the data folder on a network share?).")
                    .arg(path, mode));
        }
    }
    return {};
}

} // namespace Vigie
