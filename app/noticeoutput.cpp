#include "noticeoutput.h"

#include "core/terminaltext.h"
#include "noticecommand.h"
#include "notices/noticestore.h"
#include "options.h"
#include "workspace/workspaceloader.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Vigie::NoticeOutput {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
}

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

int fail(QTextStream &err, const QString &message, int code)
{
    err << u"vigie: "_s << terminalSafe(message) << '\n';
    err.flush();
    return code;
}

void printErrors(QTextStream &err, const QList<WorkspaceError> &errors)
{
    for (const WorkspaceError &error : errors)
        err << terminalSafe(error.toString()) << '\n';
    err.flush();
}

void printJson(QTextStream &out, const QJsonDocument &document)
{
    out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    out.flush();
}

QJsonObject entryJson(const OutboxEntry &entry)
{
    QJsonObject object{{u"id"_s, entry.id},
                       {u"notice"_s, entry.noticeId},
                       {u"update"_s, entry.updateId},
                       {u"site"_s, entry.siteId},
                       {u"state"_s, outboxStateName(entry.state)},
                       {u"attempts"_s, entry.attempts},
                       {u"deliver_notifications"_s, entry.deliverNotifications},
                       {u"next_attempt"_s, isoTime(entry.nextAttemptMs)},
                       {u"created"_s, isoTime(entry.createdMs)},
                       {u"updated"_s, isoTime(entry.updatedMs)}};
    if (!entry.lastError.isEmpty())
        object.insert(u"last_error"_s, entry.lastError);
    if (!entry.remoteId.isEmpty())
        object.insert(u"remote_id"_s, entry.remoteId);
    return object;
}

bool loadGivenWorkspace(const Options &options, QTextStream &err, std::optional<Workspace> &workspace)
{
    if (options.workspace.isEmpty())
        return true;
    auto loaded = WorkspaceLoader::loadFile(options.workspace);
    if (!loaded) {
        printErrors(err, loaded.error());
        return false;
    }
    workspace = std::move(*loaded);
    return true;
}

QString dataDirOf(const Options &options)
{
    return options.dataDir.isEmpty() ? Options::defaultDataDir() : options.dataDir;
}

bool hasStore(const QString &dataDir)
{
    return QFileInfo::exists(QDir(dataDir).filePath(NoticeStore::fileName()));
}

QString entryLine(const OutboxEntry &entry)
{
    QString line = NoticeCommand::tr("Outbox entry %1: notice %2 to %3, %4.")
                       .arg(entry.id)
                       .arg(entry.noticeId)
                       .arg(entry.siteId, outboxStateText(entry.state).toLower());
    if (!entry.lastError.isEmpty() && entry.state != OutboxEntry::State::Published)
        line += u' ' + entry.lastError.simplified();
    return terminalSafe(line);
}

} // namespace Vigie::NoticeOutput
