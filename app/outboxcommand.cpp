#include "outboxcommand.h"

#include "core/terminaltext.h"
#include "notices/noticestore.h"
#include "notices/outboxrelay.h"
#include "options.h"
#include "secrets/secretstore.h"
#include "workspace/workspaceloader.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

int fail(QTextStream &err, const QString &message, int code)
{
    err << u"vigie: "_s << terminalSafe(message) << '\n';
    err.flush();
    return code;
}

QString entryLine(const OutboxEntry &entry)
{
    QString line = OutboxCommand::tr("Outbox entry %1: notice %2 to %3, %4")
                       .arg(entry.id)
                       .arg(entry.noticeId)
                       .arg(entry.siteId, outboxStateText(entry.state).toLower());
    if (!entry.lastError.isEmpty() && entry.state != OutboxEntry::State::Published)
        line += OutboxCommand::tr(": %1").arg(entry.lastError.simplified());
    return terminalSafe(line);
}

// Waits, in an event loop, for a future whose continuations run on this thread.
template<typename T>
T await(QFuture<T> future)
{
    QEventLoop loop;
    future.then(&loop, [&loop](const T &) { loop.quit(); });
    if (!future.isFinished())
        loop.exec();
    return future.result();
}

int flush(const Options &options, const QString &dataDir, QTextStream &out, QTextStream &err)
{
    auto workspace = WorkspaceLoader::loadFile(options.workspace);
    if (!workspace) {
        for (const WorkspaceError &error : workspace.error())
            err << terminalSafe(error.toString()) << '\n';
        err.flush();
        return 2;
    }
    if (!QFileInfo::exists(QDir(dataDir).filePath(NoticeStore::fileName()))) {
        out << OutboxCommand::tr("The outbox is empty.") << '\n';
        out.flush();
        return 0;
    }
    NoticeStore store;
    if (const auto opened = store.open(dataDir); !opened)
        return fail(err, opened.error(), 1);

    const QStringList names = workspace->secretNames();
    SecretStore::Lookup secrets;
    if (!names.isEmpty()) {
        secrets = await(SecretStore::read(names));
        if (!secrets.error.isEmpty())
            err << terminalSafe(OutboxCommand::tr("The system keychain could not be read: %1").arg(secrets.error))
                << '\n';
    }

    OutboxRelay relay(&store);
    relay.setWorkspace(*workspace, secrets.secrets);
    QObject::connect(&relay, &OutboxRelay::entryChanged, &relay, [&out, json = options.json](const OutboxEntry &e) {
        if (json || e.state == OutboxEntry::State::Sending)
            return;
        out << entryLine(e) << '\n';
        out.flush();
    });
    const OutboxRelay::FlushReport report = await(relay.flush(options.outboxWait.value_or(std::chrono::seconds(60))));
    if (!report.error.isEmpty())
        return fail(err, report.error, 1);
    if (options.json) {
        QJsonArray pending;
        for (const OutboxEntry &entry : report.pending)
            pending.append(QJsonObject{{u"id"_s, entry.id},
                                       {u"notice"_s, entry.noticeId},
                                       {u"site"_s, entry.siteId},
                                       {u"state"_s, outboxStateName(entry.state)},
                                       {u"attempts"_s, entry.attempts},
                                       {u"last_error"_s, entry.lastError}});
        const QJsonObject object{
            {u"published"_s, report.published}, {u"attempts"_s, report.attempts}, {u"pending"_s, pending}};
        out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        out.flush();
    } else {
        out << OutboxCommand::tr("%n published", nullptr, report.published)
            << OutboxCommand::tr(", %n left pending.", nullptr, int(report.pending.size())) << '\n';
        out.flush();
    }
    for (const OutboxEntry &entry : report.pending)
        err << entryLine(entry) << '\n';
    err.flush();
    return report.pending.isEmpty() ? 0 : 3;
}

} // namespace

int OutboxCommand::run(const Options &options, QTextStream &out, QTextStream &err)
{
    const QString dataDir = options.dataDir.isEmpty() ? Options::defaultDataDir() : options.dataDir;
    if (options.mode == Options::Mode::OutboxFlush)
        return flush(options, dataDir, out, err);

    if (!QFileInfo::exists(QDir(dataDir).filePath(NoticeStore::fileName())))
        return fail(err, tr("There is no outbox entry %1.").arg(options.outboxEntryId), 2);
    NoticeStore store;
    if (const auto opened = store.open(dataDir); !opened)
        return fail(err, opened.error(), 1);
    const auto changed = options.mode == Options::Mode::OutboxRetry ? store.retry(options.outboxEntryId).result()
                                                                    : store.cancel(options.outboxEntryId).result();
    if (!changed)
        return fail(err, changed.error(), 2);
    out << entryLine(*changed) << '\n';
    out.flush();
    return 0;
}

} // namespace Vigie
