#include "noticecommand.h"

#include "core/clock.h"
#include "core/terminaltext.h"
#include "noticeoutput.h"
#include "notices/historydraft.h"
#include "notices/noticefile.h"
#include "notices/noticestore.h"
#include "notices/statussitelimits.h"
#include "options.h"
#include "series/seriesstore.h"
#include "store/resultstore.h"
#include "texttable.h"
#include "workspace/workspaceloader.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Vigie::NoticeOutput;

namespace Vigie {

namespace {

QJsonArray componentsJson(const QList<AffectedComponent> &components)
{
    QJsonArray array;
    for (const AffectedComponent &c : components)
        array.append(QJsonObject{{u"service"_s, c.serviceId}, {u"status"_s, componentStatusName(c.status)}});
    return array;
}

QJsonObject noticeJson(const Notice &notice, bool withUpdates)
{
    QJsonObject object{{u"id"_s, notice.id},
                       {u"kind"_s, noticeKindName(notice.kind)},
                       {u"title"_s, notice.title},
                       {u"status"_s, noticeStatusName(notice.status)},
                       {u"impact"_s, noticeImpactName(notice.impact)},
                       {u"components"_s, componentsJson(notice.components)},
                       {u"created"_s, isoTime(notice.createdMs)},
                       {u"modified"_s, isoTime(notice.modifiedMs)}};
    if (notice.window)
        object.insert(u"window"_s, QJsonObject{{u"start"_s, isoTime(notice.window->startMs)},
                                               {u"end"_s, isoTime(notice.window->endMs)}});
    if (!notice.postmortem.isEmpty())
        object.insert(u"postmortem"_s, notice.postmortem);
    if (withUpdates) {
        QJsonArray updates;
        for (const NoticeUpdate &update : notice.updates)
            updates.append(QJsonObject{{u"id"_s, update.id},
                                       {u"time"_s, isoTime(update.timestampMs)},
                                       {u"status"_s, noticeStatusName(update.status)},
                                       {u"body"_s, update.body},
                                       {u"components"_s, componentsJson(update.components)}});
        object.insert(u"updates"_s, updates);
    } else {
        object.insert(u"updates"_s, notice.updates.size());
    }
    return object;
}

QString componentsText(const QList<AffectedComponent> &components)
{
    QStringList parts;
    for (const AffectedComponent &c : components)
        parts.append(NoticeCommand::tr("%1 (%2)").arg(c.serviceId, componentStatusText(c.status).toLower()));
    return parts.join(u", "_s);
}

void printNotice(QTextStream &out, const Notice &notice)
{
    out << terminalSafe(NoticeCommand::tr("Notice %1: %2").arg(notice.id).arg(notice.title)) << '\n';
    out << NoticeCommand::tr("%1, %2, impact: %3")
               .arg(noticeKindText(notice.kind), noticeStatusText(notice.status),
                    noticeImpactText(notice.impact).toLower())
        << '\n';
    if (!notice.components.isEmpty())
        out << terminalSafe(NoticeCommand::tr("Components: %1").arg(componentsText(notice.components))) << '\n';
    if (notice.window)
        out << NoticeCommand::tr("Window: %1 to %2")
                   .arg(localTime(notice.window->startMs), localTime(notice.window->endMs))
            << '\n';
    for (const NoticeUpdate &update : notice.updates) {
        out << '\n' << localTime(update.timestampMs) << u"  "_s << noticeStatusText(update.status) << '\n';
        for (const QString &line : update.body.split(u'\n'))
            out << (line.isEmpty() ? QString() : u"  "_s + terminalSafe(line)) << '\n';
    }
    out.flush();
}

QJsonValue isoOrNull(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(isoTime(*ms)) : QJsonValue();
}

QJsonValue numberOrNull(const std::optional<double> &value)
{
    return value && std::isfinite(*value) ? QJsonValue(*value) : QJsonValue();
}

// The draft's facts for machines: times in UTC, names stable, causes in English whatever --lang says.
QJsonObject draftJson(const HistoryDraft &draft, const NoticeFile &notice, NoticeLanguage language)
{
    QJsonArray services;
    for (const HistoryDraftService &s : draft.services)
        services.append(QJsonObject{{u"id"_s, s.id},
                                    {u"name"_s, s.name},
                                    {u"cuts"_s, s.cuts},
                                    {u"downtime_ms"_s, s.downtimeMs},
                                    {u"longest_ms"_s, s.longestMs},
                                    {u"first_start"_s, isoOrNull(s.firstStartMs)},
                                    {u"last_end"_s, isoOrNull(s.lastEndMs)},
                                    {u"worst"_s, healthStateName(s.worst)},
                                    {u"worst_status"_s, componentStatusName(s.worstStatus)}});
    QJsonArray operational;
    for (const Sample &sample : draft.operational.samples)
        operational.append(
            QJsonObject{{u"time"_s, isoTime(sample.timestampMs)}, {u"pct"_s, numberOrNull(sample.value)}});
    QJsonArray steps;
    for (double step : draft.operationalSteps)
        steps.append(step);
    QJsonArray timeline;
    for (const HistoryDraftChange &c : draft.timeline) {
        QJsonObject change{
            {u"time"_s, isoTime(c.timestampMs)}, {u"service"_s, c.serviceId}, {u"kind"_s, healthEventKindName(c.kind)}};
        if (c.kind == HealthEvent::Kind::ServiceState) {
            change.insert(u"from"_s, healthStateName(c.from));
            change.insert(u"to"_s, healthStateName(c.to));
        }
        if (!c.cause.isEmpty())
            change.insert(u"cause"_s, c.cause.toSourceString());
        timeline.append(change);
    }
    return QJsonObject{
        {u"from"_s, isoTime(draft.fromMs)},
        {u"to"_s, isoTime(draft.toMs)},
        {u"as_of"_s, isoTime(draft.asOfMs)},
        {u"services"_s, services},
        {u"cuts"_s, draft.cuts},
        {u"start"_s, isoTime(draft.startMs)},
        {u"first_start"_s, isoTime(draft.firstStartMs)},
        {u"last_end"_s, isoTime(draft.lastEndMs)},
        {u"downtime_ms"_s, draft.downtimeMs},
        {u"longest_ms"_s, draft.longestMs},
        {u"open"_s, draft.open},
        {u"operational_steps_pct"_s, steps},
        {u"operational"_s, operational},
        {u"before"_s, QJsonObject{{u"from"_s, isoTime(draft.beforeFromMs)},
                                  {u"to"_s, isoTime(draft.duringFromMs)},
                                  {u"latency_mean_ms"_s, numberOrNull(draft.latencyBeforeMs)},
                                  {u"error_rate_pct"_s, numberOrNull(draft.errorRateBeforePct)}}},
        {u"during"_s, QJsonObject{{u"from"_s, isoTime(draft.duringFromMs)},
                                  {u"to"_s, isoTime(draft.duringToMs)},
                                  {u"latency_mean_ms"_s, numberOrNull(draft.latencyDuringMs)},
                                  {u"error_rate_pct"_s, numberOrNull(draft.errorRateDuringPct)}}},
        {u"timeline"_s, timeline},
        {u"notice"_s,
         QJsonObject{{u"language"_s, noticeLanguageName(language)},
                     {u"title"_s, notice.title.value_or(QString())},
                     {u"kind"_s, noticeKindName(notice.kind.value_or(NoticeKind::Incident))},
                     {u"status"_s, noticeStatusName(notice.status.value_or(NoticeStatus::Investigating))},
                     {u"impact"_s, noticeImpactName(notice.impact.value_or(NoticeImpact::None))},
                     {u"components"_s, componentsJson(notice.components.value_or(QList<AffectedComponent>()))},
                     {u"body"_s, notice.body},
                     {u"file"_s, QString::fromUtf8(notice.toText())}}}};
}

} // namespace

int NoticeCommand::run(const Options &options, QTextStream &out, QTextStream &err)
{
    const QString dataDir = dataDirOf(options);
    std::optional<Workspace> workspace;
    if (!loadGivenWorkspace(options, err, workspace))
        return 2;
    const Workspace *services = workspace ? &*workspace : nullptr;
    if (options.mode == Options::Mode::NoticeDraft) {
        if (!workspace)
            return fail(err, tr("vigie notice draft needs a workspace: vigie notice draft --workspace FILE"), 2);
        return draft(options, *workspace, out, err);
    }

    const bool reads = options.mode == Options::Mode::NoticeList || options.mode == Options::Mode::NoticeShow ||
                       options.mode == Options::Mode::Outbox;
    if (reads && !hasStore(dataDir)) {
        if (options.mode == Options::Mode::NoticeShow)
            return fail(err, tr("There is no notice %1.").arg(options.noticeId), 2);
        if (options.json)
            printJson(out, QJsonDocument(QJsonArray()));
        else
            out << (options.mode == Options::Mode::Outbox ? tr("The outbox is empty.") : tr("No notices yet.")) << '\n';
        out.flush();
        return 0;
    }
    if (options.mode == Options::Mode::NoticePublish) {
        if (!workspace)
            return fail(err, tr("vigie notice publish needs a workspace: vigie notice publish ID --workspace FILE"), 2);
        return publish(*workspace, dataDir, options.noticeId, options.deliverNotifications, options.json, out, err);
    }

    // Files are read before the store is opened: a bad one writes nothing.
    std::optional<NoticeFile> file;
    if (options.mode == Options::Mode::NoticeNew || options.mode == Options::Mode::NoticeUpdate) {
        auto parsed = NoticeFile::loadFile(
            options.noticeFile,
            options.mode == Options::Mode::NoticeNew ? NoticeFile::Use::NewNotice : NoticeFile::Use::Update, services);
        if (!parsed) {
            printErrors(err, parsed.error());
            return 2;
        }
        file = std::move(*parsed);
    }

    NoticeStore store;
    if (const auto opened = store.open(dataDir); !opened)
        return fail(err, opened.error(), 1);

    switch (options.mode) {
    case Options::Mode::NoticeNew: {
        const auto created = store.create(file->toNotice()).result();
        if (!created)
            return fail(err, created.error(), 1);
        if (options.json)
            printJson(out, QJsonDocument(noticeJson(*created, true)));
        else
            printNotice(out, *created);
        return 0;
    }
    case Options::Mode::NoticeUpdate: {
        const auto notice = store.notice(options.noticeId).result();
        if (!notice)
            return fail(err, notice.error(), 2);
        if (file->kind && *file->kind != notice->kind)
            return fail(err,
                        tr("%1: notice %2 is %3; its kind cannot change")
                            .arg(QDir::toNativeSeparators(options.noticeFile))
                            .arg(notice->id)
                            .arg(noticeKindText(notice->kind).toLower()),
                        2);
        if (file->window && notice->kind == NoticeKind::Incident)
            return fail(err,
                        tr("%1: notice %2 is an incident, which has no window; only a maintenance is planned.")
                            .arg(QDir::toNativeSeparators(options.noticeFile))
                            .arg(notice->id),
                        2);
        std::optional<NoticeStatus> status = file->status;
        if (!options.noticeStatus.isEmpty()) {
            const std::optional<NoticeStatus> given = noticeStatusFromName(options.noticeStatus);
            if (!given || !noticeStatusFits(notice->kind, *given))
                return fail(err,
                            tr("--status needs a status of %1: %2; not \"%3\".")
                                .arg(noticeKindText(notice->kind).toLower(),
                                     noticeStatusNames(notice->kind).join(u", "_s), options.noticeStatus),
                            2);
            if (status && *status != *given)
                return fail(err,
                            tr("--status %1 and the file's status: %2 disagree; give one.")
                                .arg(options.noticeStatus, noticeStatusName(*status)),
                            2);
            status = given;
        }
        if (!status)
            return fail(err,
                        tr("vigie notice update needs the new status: --status %1")
                            .arg(noticeStatusNames(notice->kind).join(u"|"_s)),
                        2);
        if (!noticeStatusFits(notice->kind, *status))
            return fail(err,
                        tr("%1 is not a status of %2; expected one of: %3.")
                            .arg(noticeStatusName(*status), noticeKindText(notice->kind).toLower(),
                                 noticeStatusNames(notice->kind).join(u", "_s)),
                        2);
        NoticeEdit edit;
        edit.update.status = *status;
        edit.update.body = file->body;
        // Components the file leaves out stay as they were.
        edit.update.components = file->components.value_or(notice->components);
        edit.title = file->title;
        edit.impact = file->impact;
        edit.window = file->window;
        const auto updated = store.addUpdate(notice->id, edit).result();
        if (!updated)
            return fail(err, updated.error(), 1);
        if (options.json)
            printJson(out, QJsonDocument(noticeJson(*updated, true)));
        else
            printNotice(out, *updated);
        return 0;
    }
    case Options::Mode::NoticeShow: {
        const auto notice = store.notice(options.noticeId).result();
        if (!notice)
            return fail(err, notice.error(), 2);
        if (options.json)
            printJson(out, QJsonDocument(noticeJson(*notice, true)));
        else
            printNotice(out, *notice);
        return 0;
    }
    case Options::Mode::NoticeList: {
        const auto notices = store.notices().result();
        if (!notices)
            return fail(err, notices.error(), 1);
        if (options.json) {
            QJsonArray array;
            for (const Notice &notice : *notices)
                array.append(noticeJson(notice, false));
            printJson(out, QJsonDocument(array));
            return 0;
        }
        if (notices->isEmpty()) {
            out << tr("No notices yet.") << '\n';
            out.flush();
            return 0;
        }
        QList<QStringList> rows{{tr("ID"), tr("KIND"), tr("STATUS"), tr("IMPACT"), tr("MODIFIED"), tr("TITLE")}};
        for (const Notice &notice : *notices)
            rows.append({QString::number(notice.id), noticeKindText(notice.kind), noticeStatusText(notice.status),
                         noticeImpactText(notice.impact), localTime(notice.modifiedMs), terminalSafe(notice.title)});
        out << formatTextTable(rows);
        out.flush();
        return 0;
    }
    case Options::Mode::Outbox: {
        const auto entries = store.outbox().result();
        if (!entries)
            return fail(err, entries.error(), 1);
        if (options.json) {
            QJsonArray array;
            for (const OutboxEntry &entry : *entries)
                array.append(entryJson(entry));
            printJson(out, QJsonDocument(array));
            return 0;
        }
        if (entries->isEmpty()) {
            out << tr("The outbox is empty.") << '\n';
            out.flush();
            return 0;
        }
        QList<QStringList> rows{{tr("ID"), tr("NOTICE"), tr("SITE"), tr("STATE"), tr("ATTEMPTS"), tr("LAST ERROR")}};
        for (const OutboxEntry &entry : *entries)
            rows.append({QString::number(entry.id), QString::number(entry.noticeId), terminalSafe(entry.siteId),
                         outboxStateText(entry.state), QString::number(entry.attempts),
                         terminalSafe(entry.lastError.simplified())});
        out << formatTextTable(rows);
        out.flush();
        return 0;
    }
    default:
        break;
    }
    return 2;
}

int NoticeCommand::publish(const Workspace &workspace, const QString &dataDir, qint64 noticeId,
                           bool deliverNotifications, bool json, QTextStream &out, QTextStream &err)
{
    if (workspace.statusSites.isEmpty())
        return fail(err,
                    tr("%1 declares no status site to publish to: add them under status_sites: (see README.md, "
                       "\"Notices\").")
                        .arg(QDir::toNativeSeparators(workspace.filePath)),
                    2);
    QStringList sites;
    for (const StatusSite &site : workspace.statusSites)
        sites.append(site.id);
    if (!hasStore(dataDir))
        return fail(err, tr("There is no notice %1.").arg(noticeId), 2);
    NoticeStore store;
    if (const auto opened = store.open(dataDir); !opened)
        return fail(err, opened.error(), 1);
    const auto notice = store.notice(noticeId).result();
    if (!notice)
        return fail(err, notice.error(), 2);
    // What a site would refuse is refused here, before anything is queued.
    const QString body = notice->updates.isEmpty() ? QString() : notice->updates.constLast().body;
    if (const QStringList problems = limitProblems(measureAgainstLimits(workspace.statusSites, notice->title, body));
        !problems.isEmpty())
        return fail(err, tr("Notice %1 is not queued: %2").arg(noticeId).arg(problems.join(u' ')), 2);
    const auto entries = store.publish(noticeId, sites, deliverNotifications).result();
    if (!entries)
        return fail(err, entries.error(), 1);
    if (json) {
        QJsonArray array;
        for (const OutboxEntry &entry : *entries)
            array.append(entryJson(entry));
        printJson(out, QJsonDocument(array));
        return 0;
    }
    for (const OutboxEntry &entry : *entries)
        out << entryLine(entry) << '\n';
    out << (deliverNotifications ? tr("Subscribers will be notified.")
                                 : tr("Subscribers will not be notified (--deliver-notifications to notify them)."))
        << '\n';
    out.flush();
    return 0;
}

int NoticeCommand::draft(const Options &options, const Workspace &workspace, QTextStream &out, QTextStream &err)
{
    for (const QString &id : options.noticeServices)
        if (!workspace.service(id)) {
            QStringList ids;
            for (const Service &service : workspace.services)
                ids.append(service.id);
            return fail(err,
                        tr("%1 has no service \"%2\"; its services are: %3.")
                            .arg(QDir::toNativeSeparators(workspace.filePath), id, ids.join(u", "_s)),
                        2);
        }
    const QString dataDir = dataDirOf(options);
    // A draft reads a history: it does not create an empty one where there was none.
    if (!QFileInfo::exists(QDir(dataDir).filePath(u"vigie.sqlite"_s)))
        return fail(
            err,
            tr("No history in %1 (the console and vigie watch keep it there).").arg(QDir::toNativeSeparators(dataDir)),
            1);
    ResultStore results;
    if (const auto opened = results.open(dataDir); !opened)
        return fail(err, opened.error(), 1);
    // Response times and error rates come from the series store, when there is one.
    SeriesStore series;
    const bool hasSeries = QFileInfo::exists(QDir(dataDir).filePath(SeriesStore::fileName()));
    if (hasSeries) {
        if (const auto opened = series.open(dataDir); !opened)
            return fail(err, opened.error(), 1);
    }
    HistoryDraftRequest request;
    request.serviceIds = options.noticeAllServices ? QStringList() : options.noticeServices;
    request.fromMs = options.reportFromMs;
    request.toMs = options.reportToMs;
    const auto drafted =
        computeHistoryDraft(results, hasSeries ? &series : nullptr, workspace, request, *Clock::system()).result();
    if (!drafted)
        return fail(err, drafted.error(), 1);
    const NoticeLanguage language = options.language.isEmpty()
                                        ? defaultNoticeLanguage()
                                        : noticeLanguageFromName(options.language).value_or(NoticeLanguage::English);
    const NoticeFile notice = historyDraftNotice(*drafted, language, QTimeZone::systemTimeZone());
    if (options.json) {
        printJson(out, QJsonDocument(draftJson(*drafted, notice, language)));
        return 0;
    }
    // The file as `vigie notice new --from` reads it; a cause may quote a server's own words, which
    // do not get to drive the terminal.
    out << terminalSafe(QString::fromUtf8(notice.toText()));
    out.flush();
    return 0;
}

} // namespace Vigie
