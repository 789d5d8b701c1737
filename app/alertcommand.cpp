#include "alertcommand.h"

#include "alerts/alertstore.h"
#include "core/terminaltext.h"
#include "noticeoutput.h"
#include "options.h"
#include "store/resultstore.h"
#include "texttable.h"
#include "workspace/workspaceloader.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

using namespace Qt::StringLiterals;
using namespace Vigie::NoticeOutput;

namespace Vigie {

namespace {

// The acknowledgement's line in the event log, written by whoever acknowledges (the console
// writes its own): into the history the console and `watch` keep, when there is one. The service's
// group and state come from the workspace and the last stored state when known.
std::expected<void, QString> logAcknowledgement(const QString &dataDir, const Acknowledgement &ack,
                                                const std::optional<Workspace> &workspace)
{
    if (!QFileInfo::exists(QDir(dataDir).filePath(u"vigie.sqlite"_s)))
        return {};
    ResultStore results;
    if (auto opened = results.open(dataDir); !opened)
        return opened;
    HealthState state = HealthState::Unknown;
    for (const HealthEvent &event : results.latestStateEvents().result())
        if (event.serviceId == ack.serviceId && event.kind == HealthEvent::Kind::ServiceState)
            state = event.to;
    const Service *service = workspace ? workspace->service(ack.serviceId) : nullptr;
    results.appendEvents({acknowledgementEvent(ack, service ? service->group : QString(), state)});
    if (!results.flush())
        return std::unexpected(AlertCommand::tr("The acknowledgement is kept, but its line in the event log could "
                                                "not be written to %1.")
                                   .arg(QDir::toNativeSeparators(results.databasePath())));
    return {};
}

// The commands that only read, or only remove, do not create an alerts database where there is none.
bool hasAlertStore(const QString &dataDir)
{
    return QFileInfo::exists(QDir(dataDir).filePath(AlertStore::fileName()));
}

Mute::Scope scopeOf(const Options &options)
{
    return options.alertAll                ? Mute::Scope::All
           : !options.alertGroup.isEmpty() ? Mute::Scope::Group
                                           : Mute::Scope::Service;
}

QString targetOf(const Options &options)
{
    return options.alertAll ? QString() : !options.alertGroup.isEmpty() ? options.alertGroup : options.alertService;
}

// What a mute holds back, as the table shows it.
QString mutedText(const Mute &mute)
{
    switch (mute.scope) {
    case Mute::Scope::All:
        return AlertCommand::tr("all alerts");
    case Mute::Scope::Group:
        return AlertCommand::tr("group %1").arg(mute.target);
    case Mute::Scope::Service:
        return AlertCommand::tr("service %1").arg(mute.target);
    }
    return {};
}

// A mute's end with its preposition, for a sentence.
QString endText(qint64 untilMs)
{
    return untilMs == 0 ? AlertCommand::tr("until unmuted") : AlertCommand::tr("until %1").arg(localTime(untilMs));
}

// The sentence naming what the workspace lacks, or nothing when it has the service or the group
// (or there is no workspace to check against: the database takes any name).
std::optional<QString> unknownTarget(const std::optional<Workspace> &workspace, Mute::Scope scope,
                                     const QString &target)
{
    if (!workspace || scope == Mute::Scope::All)
        return std::nullopt;
    const QString file = QDir::toNativeSeparators(workspace->filePath);
    if (scope == Mute::Scope::Service) {
        if (workspace->service(target))
            return std::nullopt;
        QStringList ids;
        for (const Service &service : workspace->services)
            ids.append(service.id);
        return AlertCommand::tr("%1 has no service \"%2\"; its services are: %3.").arg(file, target, ids.join(u", "_s));
    }
    QStringList groups;
    for (const Service &service : workspace->services)
        if (!service.group.isEmpty() && !groups.contains(service.group))
            groups.append(service.group);
    if (groups.contains(target))
        return std::nullopt;
    return AlertCommand::tr("%1 has no group \"%2\"; its groups are: %3.").arg(file, target, groups.join(u", "_s));
}

int listAcknowledgements(AlertStore *store, bool json, QTextStream &out, QTextStream &err)
{
    QList<Acknowledgement> acknowledgements;
    if (store) {
        auto read = store->acknowledgements();
        if (!read)
            return fail(err, read.error(), 1);
        acknowledgements = std::move(*read);
    }
    if (json) {
        QJsonArray array;
        for (const Acknowledgement &a : std::as_const(acknowledgements))
            array.append(QJsonObject{{u"service"_s, a.serviceId},
                                     {u"comment"_s, a.comment},
                                     {u"author"_s, a.author},
                                     {u"at"_s, isoTime(a.atMs)}});
        printJson(out, QJsonDocument(array));
        return 0;
    }
    if (acknowledgements.isEmpty()) {
        out << AlertCommand::tr("No service is acknowledged.") << '\n';
        out.flush();
        return 0;
    }
    QList<QStringList> rows{
        {AlertCommand::tr("SERVICE"), AlertCommand::tr("SINCE"), AlertCommand::tr("BY"), AlertCommand::tr("COMMENT")}};
    for (const Acknowledgement &a : std::as_const(acknowledgements))
        rows.append({terminalSafe(a.serviceId), localTime(a.atMs), terminalSafe(a.author),
                     terminalSafe(a.comment.simplified())});
    out << formatTextTable(rows);
    out.flush();
    return 0;
}

int listMutes(AlertStore *store, bool json, QTextStream &out, QTextStream &err)
{
    QList<Mute> mutes;
    if (store) {
        auto read = store->activeMutes(QDateTime::currentMSecsSinceEpoch());
        if (!read)
            return fail(err, read.error(), 1);
        mutes = std::move(*read);
    }
    if (json) {
        QJsonArray array;
        for (const Mute &m : std::as_const(mutes))
            array.append(QJsonObject{{u"id"_s, m.id},
                                     {u"scope"_s, muteScopeName(m.scope)},
                                     {u"target"_s, m.scope == Mute::Scope::All ? QJsonValue() : QJsonValue(m.target)},
                                     {u"until"_s, m.untilMs == 0 ? QJsonValue() : QJsonValue(isoTime(m.untilMs))},
                                     {u"comment"_s, m.comment},
                                     {u"author"_s, m.author},
                                     {u"created"_s, isoTime(m.createdMs)}});
        printJson(out, QJsonDocument(array));
        return 0;
    }
    if (mutes.isEmpty()) {
        out << AlertCommand::tr("No mute is in force.") << '\n';
        out.flush();
        return 0;
    }
    QList<QStringList> rows{{AlertCommand::tr("ID"), AlertCommand::tr("MUTED"), AlertCommand::tr("UNTIL"),
                             AlertCommand::tr("BY"), AlertCommand::tr("COMMENT")}};
    for (const Mute &m : std::as_const(mutes))
        rows.append({QString::number(m.id), terminalSafe(mutedText(m)),
                     m.untilMs == 0 ? AlertCommand::tr("unmuted") : localTime(m.untilMs), terminalSafe(m.author),
                     terminalSafe(m.comment.simplified())});
    out << formatTextTable(rows);
    out.flush();
    return 0;
}

} // namespace

int AlertCommand::run(const Options &options, QTextStream &out, QTextStream &err)
{
    std::optional<Workspace> workspace;
    if (!loadGivenWorkspace(options, err, workspace))
        return 2;
    const QString dataDir = dataDirOf(options);
    const bool exists = hasAlertStore(dataDir);
    const Mute::Scope scope = options.mode == Options::Mode::Ack || options.mode == Options::Mode::AckClear
                                  ? Mute::Scope::Service
                                  : scopeOf(options);
    const QString target = options.mode == Options::Mode::Ack || options.mode == Options::Mode::AckClear
                               ? options.alertService
                               : targetOf(options);

    // What adds a silence names a service or a group the workspace has. What removes one is checked
    // only when there was nothing to remove: a silence outlives its service leaving the workspace.
    const bool adds = options.mode == Options::Mode::Ack || options.mode == Options::Mode::Mute;
    if (adds) {
        if (const auto unknown = unknownTarget(workspace, scope, target))
            return fail(err, *unknown, 2);
    }

    AlertStore store;
    const bool opens = adds || exists;
    if (opens) {
        if (const auto opened = store.open(dataDir); !opened)
            return fail(err, opened.error(), 1);
    }

    switch (options.mode) {
    case Options::Mode::AckList:
        return listAcknowledgements(opens ? &store : nullptr, options.json, out, err);
    case Options::Mode::MuteList:
        return listMutes(opens ? &store : nullptr, options.json, out, err);
    case Options::Mode::Ack: {
        const Acknowledgement ack{target, options.alertComment, silenceAuthor(), QDateTime::currentMSecsSinceEpoch()};
        if (const auto done = store.acknowledge(ack); !done)
            return fail(err, done.error(), 1);
        if (const auto logged = logAcknowledgement(dataDir, ack, workspace); !logged)
            err << terminalSafe(logged.error()) << '\n';
        out << terminalSafe(tr("Acknowledged %1: its alerts are held back until it recovers.").arg(target)) << '\n';
        break;
    }
    case Options::Mode::AckClear: {
        bool cleared = false;
        if (opens) {
            const auto done = store.clearAcknowledgement(target);
            if (!done)
                return fail(err, done.error(), 1);
            cleared = *done;
        }
        if (!cleared) {
            if (const auto unknown = unknownTarget(workspace, scope, target))
                return fail(err, *unknown, 2);
        }
        out << terminalSafe(cleared ? tr("%1 is no longer acknowledged: its alerts are told again.").arg(target)
                                    : tr("%1 was not acknowledged.").arg(target))
            << '\n';
        break;
    }
    case Options::Mode::Mute: {
        Mute mute;
        mute.scope = scope;
        mute.target = target;
        mute.untilMs = options.muteUntilMs;
        mute.comment = options.alertComment;
        mute.author = silenceAuthor();
        mute.createdMs = QDateTime::currentMSecsSinceEpoch();
        const auto added = store.addMute(mute);
        if (!added)
            return fail(err, added.error(), 1);
        const QString end = endText(added->untilMs);
        out << terminalSafe(scope == Mute::Scope::All     ? tr("All alerts muted %1.").arg(end)
                            : scope == Mute::Scope::Group ? tr("Alerts of group %1 muted %2.").arg(target, end)
                                                          : tr("Alerts of service %1 muted %2.").arg(target, end))
            << '\n';
        break;
    }
    case Options::Mode::Unmute: {
        int ended = 0;
        if (opens) {
            const auto done = store.unmute(scope, target);
            if (!done)
                return fail(err, done.error(), 1);
            ended = *done;
        }
        if (ended == 0) {
            if (const auto unknown = unknownTarget(workspace, scope, target))
                return fail(err, *unknown, 2);
        }
        out << tr("%n mute(s) ended.", nullptr, ended) << '\n';
        break;
    }
    default:
        return 2;
    }
    out.flush();
    return 0;
}

} // namespace Vigie
