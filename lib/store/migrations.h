#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <expected>
#include <span>

namespace Vigie::Migrations {

// One step of the schema's history: the statements that take the schema from version - 1 to
// version. Steps are never edited once released; a change of schema is a new step.
struct Step
{
    int version = 0;
    QStringList statements;
};

// How long a migration waits for another process's migration of the same file to end.
constexpr int migrationBusyTimeoutMs = 120'000;

// The steps of this build, in order; the last one's version is the schema version it writes.
std::span<const Step> steps();
int latestVersion();

// Brings the database of `db` (open, at `path` for the messages) up to the last of `steps`, one
// transaction per step, recording progress in PRAGMA user_version. A database newer than the last
// step is refused and left untouched. Returns a sentence on failure.
std::expected<void, QString> migrate(QSqlDatabase &db, const QString &path, std::span<const Step> steps = steps());

// PRAGMA user_version, or a sentence when the file cannot be read as a SQLite database.
std::expected<int, QString> userVersion(QSqlDatabase &db, const QString &path);

} // namespace Vigie::Migrations
