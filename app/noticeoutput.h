#pragma once

#include "workspace/workspace.h"
#include "workspace/workspaceerror.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTextStream>

#include <optional>

namespace Vigie {

struct OutboxEntry;
struct Options;

// What `vigie notice` and `vigie outbox` share: their error lines, their JSON, where the notices are.
namespace NoticeOutput {

// A UTC time as the JSON output writes it: ISO 8601 with milliseconds.
QString isoTime(qint64 ms);
// A time as a table shows it to people: local, to the minute ("2026-12-03 08:00").
QString localTime(qint64 ms);
// "vigie: MESSAGE" on standard error; returns `code`.
int fail(QTextStream &err, const QString &message, int code);
void printErrors(QTextStream &err, const QList<WorkspaceError> &errors);
void printJson(QTextStream &out, const QJsonDocument &document);
// An outbox entry as `vigie outbox --json` and `vigie outbox flush --json` print it.
QJsonObject entryJson(const OutboxEntry &entry);
// "Outbox entry 3: notice 1 to public, queued", with the last error of an entry not published.
QString entryLine(const OutboxEntry &entry);
QString dataDirOf(const Options &options);
// The workspace --workspace names, into `workspace`; nothing when none is given. False, with its
// errors printed, when it cannot be loaded.
bool loadGivenWorkspace(const Options &options, QTextStream &err, std::optional<Workspace> &workspace);
// Whether the data folder holds notices yet: the commands that only read do not create a store.
bool hasStore(const QString &dataDir);

// Waits in an event loop for a future whose work finishes on this thread (the keychain, the relay);
// a future cancelled without a result gives `fallback`.
template<typename T>
T waitFor(QFuture<T> future, T fallback = {})
{
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<T>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!watcher.isFinished())
        loop.exec();
    return watcher.future().resultCount() > 0 ? watcher.result() : fallback;
}

} // namespace NoticeOutput

} // namespace Vigie
