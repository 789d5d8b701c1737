#include "outboxcommand.h"

#include "core/terminaltext.h"
#include "noticeoutput.h"
#include "notices/noticestore.h"
#include "notices/outboxrelay.h"
#include "options.h"
#include "secrets/secretstore.h"
#include "workspace/workspaceloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace Vigie::NoticeOutput;

namespace Vigie {

namespace {

int flush(const Options &options, const QString &dataDir, QTextStream &out, QTextStream &err)
{
    auto workspace = WorkspaceLoader::loadFile(options.workspace);
    if (!workspace) {
        printErrors(err, workspace.error());
        return 2;
    }
    if (!hasStore(dataDir)) {
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
        secrets = waitFor(SecretStore::read(names));
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
    OutboxRelay::FlushReport stopped;
    stopped.error = OutboxCommand::tr("The relay stopped before the outbox was flushed.");
    const OutboxRelay::FlushReport report =
        waitFor(relay.flush(options.outboxWait.value_or(std::chrono::seconds(60))), stopped);
    if (!report.error.isEmpty())
        return fail(err, report.error, 1);
    if (options.json) {
        QJsonArray pending;
        for (const OutboxEntry &entry : report.pending)
            pending.append(entryJson(entry));
        printJson(out,
                  QJsonDocument(QJsonObject{
                      {u"published"_s, report.published}, {u"attempts"_s, report.attempts}, {u"pending"_s, pending}}));
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
    const QString dataDir = dataDirOf(options);
    if (options.mode == Options::Mode::OutboxFlush)
        return flush(options, dataDir, out, err);

    if (!hasStore(dataDir))
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
