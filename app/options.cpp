#include "options.h"

#include "alerts/silence.h"
#include "analytics/reportformat.h"
#include "notices/notice.h"
#include "notices/noticetemplates.h"
#include "workspace/duration.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTranslator>

#include <expected>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

QCommandLineOption dataDirOption()
{
    return {QStringList{u"data-dir"_s},
            Options::tr("Keep probe history in DIR instead of the application data folder."), Options::tr("DIR")};
}

QCommandLineOption langOption()
{
    return {QStringList{u"lang"_s}, Options::tr("Show Vigie in LANG (en or fr) instead of the system's language."),
            Options::tr("LANG")};
}

QCommandLineOption workspaceOption()
{
    return {QStringList{u"w"_s, u"workspace"_s}, Options::tr("Open the workspace FILE."), Options::tr("FILE")};
}

// A mistake comes with the usage of what was asked for.
Options failure(const QCommandLineParser &parser, const QString &message)
{
    Options options;
    options.mode = Options::Mode::Error;
    options.errorText = message;
    options.helpText = parser.helpText();
    return options;
}

// The options QApplication takes for itself (X11's -geometry, -style, -platform...): the console
// leaves them to it. Those that take a value, then those that do not.
const QStringList toolkitOptionsWithValue{u"platform"_s,
                                          u"platformpluginpath"_s,
                                          u"platformtheme"_s,
                                          u"plugin"_s,
                                          u"qwindowgeometry"_s,
                                          u"qwindowicon"_s,
                                          u"qwindowtitle"_s,
                                          u"session"_s,
                                          u"style"_s,
                                          u"stylesheet"_s,
                                          u"display"_s,
                                          u"geometry"_s,
                                          u"title"_s,
                                          u"name"_s,
                                          u"visual"_s,
                                          u"ncols"_s,
                                          u"fn"_s,
                                          u"font"_s,
                                          u"bg"_s,
                                          u"background"_s,
                                          u"fg"_s,
                                          u"foreground"_s,
                                          u"btn"_s,
                                          u"button"_s,
                                          u"im"_s,
                                          u"inputstyle"_s};
const QStringList toolkitFlags{u"reverse"_s, u"widgetcount"_s, u"nograb"_s, u"dograb"_s, u"sync"_s, u"cmap"_s};

QStringList withoutToolkitOptions(const QStringList &arguments)
{
    QStringList kept;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        // Qt's own options take one dash; Vigie's take two.
        if (i > 0 && arg.size() > 1 && arg.startsWith(u'-') && !arg.startsWith(u"--"_s)) {
            const QString name = arg.mid(1);
            const qsizetype equals = name.indexOf(u'=');
            if (toolkitFlags.contains(name) || name.startsWith(u"qmljsdebugger"_s))
                continue;
            if (toolkitOptionsWithValue.contains(equals < 0 ? name : name.left(equals))) {
                if (equals < 0)
                    ++i; // its value
                continue;
            }
        }
        kept.append(arg);
    }
    return kept;
}

// --from and --to as `vigie report` reads them (parseReportTime), with its defaults: the range, or
// the sentence that says what is wrong. Both options are looked up by name: `vigie notice` has a
// --from of its own (a file for new and update, a time for draft).
std::expected<std::pair<qint64, qint64>, QString> rangeOptions(const QCommandLineParser &parser)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const auto time = [&](const QString &option, const QString &fallback) -> std::optional<qint64> {
        return parseReportTime(parser.isSet(option) ? parser.value(option) : fallback, nowMs);
    };
    const std::optional<qint64> from = time(u"from"_s, u"-24h"_s);
    if (!from)
        return std::unexpected(
            Options::tr("--from needs a time such as 2026-03-29T19:00, -24h, -7d or now, not \"%1\".")
                .arg(parser.value(u"from"_s)));
    const std::optional<qint64> to = time(u"to"_s, u"now"_s);
    if (!to)
        return std::unexpected(Options::tr("--to needs a time such as 2026-03-29T21:00, -1h or now, not \"%1\".")
                                   .arg(parser.value(u"to"_s)));
    if (*from > *to)
        return std::unexpected(Options::tr("--from must come before --to."));
    return std::pair{*from, *to};
}

// vigie ack, mute and unmute, once parsed: what they act on and, for a mute, its end. Options are
// looked up by name, and only those of the command's own parser (asking for another one warns).
Options alertOptions(const QCommandLineParser &parser, Options options, const QString &command)
{
    using Mode = Options::Mode;
    const bool isAck = command == "ack"_L1;
    const bool isMute = command == "mute"_L1;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 2)
        return failure(parser, Options::tr("Unexpected argument: %1").arg(positional.at(2)));
    options.alertService = positional.value(1);
    const auto notWith = [&](const QString &option, const QString &other) {
        return failure(parser, Options::tr("%1 does not go with %2.").arg(u"--"_s + option, u"--"_s + other));
    };

    if (isAck || isMute) {
        options.json = parser.isSet(u"json"_s);
        options.alertComment = parser.value(u"comment"_s);
        if (parser.isSet(u"list"_s)) {
            if (!options.alertService.isEmpty())
                return failure(parser, Options::tr("Unexpected argument: %1").arg(options.alertService));
            const QStringList others = isAck ? QStringList{u"clear"_s, u"comment"_s}
                                             : QStringList{u"group"_s, u"all"_s, u"for"_s, u"until"_s, u"comment"_s};
            for (const QString &other : others)
                if (parser.isSet(other))
                    return notWith(other, u"list"_s);
            options.mode = isAck ? Mode::AckList : Mode::MuteList;
            return options;
        }
        if (options.json)
            return failure(parser, Options::tr("--json goes with --list."));
    }

    if (isAck) {
        const bool clears = parser.isSet(u"clear"_s);
        if (options.alertService.isEmpty())
            return failure(parser, clears
                                       ? Options::tr("vigie ack --clear needs the service: vigie ack --clear SERVICE")
                                       : Options::tr("vigie ack needs the failing service: vigie ack SERVICE "
                                                     "[--comment TEXT], or vigie ack --list"));
        if (clears && parser.isSet(u"comment"_s))
            return notWith(u"comment"_s, u"clear"_s);
        options.mode = clears ? Mode::AckClear : Mode::Ack;
        return options;
    }

    // The end first: a mistake in it is the one to tell, whatever else is missing.
    if (isMute) {
        const bool forSet = parser.isSet(u"for"_s);
        const bool untilSet = parser.isSet(u"until"_s);
        if (forSet && untilSet)
            return notWith(u"for"_s, u"until"_s);
        if (forSet) {
            // parseMuteEnd would read a time of day too; --for promises a duration.
            const QString text = parser.value(u"for"_s);
            const auto duration = parseDuration(text.simplified());
            if (!duration || duration->count() <= 0)
                return failure(parser, Options::tr("--for needs a duration such as 30m, 1h or 2d, not \"%1\" "
                                                   "(--until takes a time).")
                                           .arg(text));
        }
        // An on-call engineer who forgets the end gets a mute that ends by itself.
        const QString written = untilSet ? parser.value(u"until"_s) : forSet ? parser.value(u"for"_s) : u"1h"_s;
        const auto end = parseMuteEnd(written, QDateTime::currentDateTime());
        if (!end)
            return failure(parser, end.error());
        options.muteUntilMs = *end;
    }

    options.alertGroup = parser.value(u"group"_s);
    options.alertAll = parser.isSet(u"all"_s);
    if (parser.isSet(u"group"_s) && options.alertGroup.trimmed().isEmpty())
        return failure(parser, Options::tr("--group needs a group's name."));
    const int targets = int(!options.alertService.isEmpty()) + int(parser.isSet(u"group"_s)) + int(options.alertAll);
    if (targets == 0)
        return failure(parser, isMute ? Options::tr("vigie mute needs what to mute: SERVICE, --group GROUP or --all "
                                                    "(or --list to see the mutes).")
                                      : Options::tr("vigie unmute needs what to unmute: SERVICE, --group GROUP or "
                                                    "--all."));
    if (targets > 1)
        return failure(
            parser, Options::tr("vigie %1 takes one of SERVICE, --group GROUP and --all, not several.").arg(command));
    options.mode = isMute ? Mode::Mute : Mode::Unmute;
    return options;
}

} // namespace

// English is the source language; any other supported language gets its translations, Qt's own
// included (standard dialogs and buttons). A language Vigie does not speak, or none at all (the C
// locale of a service or a minimal container), gets English with its plural forms ("1 probe",
// "15 probes"), which only the English translation holds.
void installTranslations(QCoreApplication &app, const QString &requested)
{
    const QLocale locale = requested.isEmpty() ? QLocale::system() : QLocale(requested);
    if (!requested.isEmpty())
        QLocale::setDefault(locale);
    auto *vigie = new QTranslator(&app);
    if (vigie->load(locale, u"vigie"_s, u"_"_s, u":/i18n"_s) || vigie->load(u"vigie_en"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(vigie);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

QString languageFromArguments(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == "--lang"_L1 && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arg.startsWith("--lang="_L1))
            return arg.mid(7);
    }
    return {};
}

QString Options::defaultDataDir()
{
    // Local, not roaming: the history is a database that grows, and it describes this machine's view.
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

Options Options::parse(const QStringList &arguments)
{
    Options options;
    QCommandLineParser parser;
    parser.setApplicationDescription(Options::tr("Vigie watches your services and shows their live health."));
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s}, Options::tr("Show this help."));
    const QCommandLineOption version(QStringList{u"v"_s, u"version"_s}, Options::tr("Show the version."));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(workspaceOption());
    parser.addOption(langOption());

    const QString command = arguments.size() > 1 ? arguments.at(1) : QString();
    const bool isCheck = command == "check"_L1;
    const bool isWatch = command == "watch"_L1;
    const bool isSecret = command == "secret"_L1;
    const bool isValidate = command == "validate"_L1;
    const bool isScrape = command == "scrape"_L1;
    const bool isReport = command == "report"_L1;
    const bool isNotice = command == "notice"_L1;
    const bool isOutbox = command == "outbox"_L1;
    const bool isAck = command == "ack"_L1;
    const bool isMute = command == "mute"_L1;
    const bool isUnmute = command == "unmute"_L1;
    const QCommandLineOption json(
        QStringList{u"json"_s}, isValidate ? Options::tr("Print the verdict and the errors as a JSON object.")
                                : isScrape ? Options::tr("Print the samples as a JSON array instead of a table.")
                                : isNotice ? Options::tr("Print JSON: a notice as an object with its id, a list as an "
                                                         "array.")
                                : isOutbox ? Options::tr("Print the entries as a JSON array instead of a table.")
                                : isAck || isMute
                                    ? Options::tr("With --list: print a JSON array instead of a table.")
                                    : Options::tr("Print the results as a JSON array instead of a table."));
    const QCommandLineOption screenshot(
        QStringList{u"screenshot"_s},
        Options::tr("Save a PNG of the window to FILE once every service has a first result."), Options::tr("FILE"));
    const QCommandLineOption quitAfter(QStringList{u"quit-after-screenshot"_s},
                                       Options::tr("Quit once the screenshot is saved."));
    const QCommandLineOption wallOption(
        QStringList{u"wall"_s},
        Options::tr("Open as a NOC wall: full screen, no menus, pages that turn, alarms on every page (Ctrl+Q "
                    "quits)."));
    const QCommandLineOption screenOption(QStringList{u"screen"_s},
                                          Options::tr("Show the wall on screen N (0 is the first)."), Options::tr("N"));
    const QCommandLineOption forOption(
        QStringList{u"for"_s},
        Options::tr("Stop after DURATION (30s, 5m, 1h30m...) instead of waiting for Ctrl+C or SIGTERM."),
        Options::tr("DURATION"));
    const QCommandLineOption probes(QStringList{u"probes"_s},
                                    Options::tr("Print each probe's changes too, not only each service's."));
    const QCommandLineOption fromOption(
        QStringList{u"from"_s},
        Options::tr("Start of the range: ISO 8601 (2026-03-29T19:00, local time without a zone; "
                    "2026-03-29T19:00Z or +02:00 with one), or relative: -30m, -24h, -7d, -2w, now. "
                    "Default: -24h."),
        Options::tr("TIME"));
    const QCommandLineOption toOption(
        QStringList{u"to"_s}, Options::tr("End of the range, written as --from. Default: now."), Options::tr("TIME"));
    const QCommandLineOption serviceOption(QStringList{u"service"_s}, Options::tr("Report on the service ID only."),
                                           Options::tr("ID"));
    const QCommandLineOption formatOption(
        QStringList{u"format"_s},
        Options::tr("Print FORMAT: json (for machines), md (Markdown, for a postmortem) or csv (one row per "
                    "outage). Default: md."),
        Options::tr("FORMAT"));
    // `vigie notice draft` reads a range where the other actions read a file.
    const bool isNoticeDraft = isNotice && arguments.size() > 2 && arguments.at(2) == "draft"_L1;
    const QCommandLineOption noticeFromOption =
        isNoticeDraft
            ? fromOption
            : QCommandLineOption(QStringList{u"from"_s},
                                 Options::tr("Read the notice from FILE: Markdown after a YAML front matter between "
                                             "two '---' lines (title, kind, status, impact, components, window). "
                                             "vigie notice draft: the start of the range, as vigie report reads it."),
                                 Options::tr("FILE"));
    const QCommandLineOption noticeServiceOption(
        QStringList{u"service"_s},
        Options::tr("vigie notice draft: draft from the history of the service ID (repeat it for several)."),
        Options::tr("ID"));
    const QCommandLineOption allServicesOption(
        QStringList{u"all"_s}, Options::tr("vigie notice draft: draft from every service that was down in the range."));
    const QCommandLineOption statusOption(QStringList{u"status"_s},
                                          Options::tr("The update's status: %1 for an incident; %2 for a maintenance.")
                                              .arg(noticeStatusNames(NoticeKind::Incident).join(u", "_s),
                                                   noticeStatusNames(NoticeKind::Maintenance).join(u", "_s)),
                                          Options::tr("STATUS"));
    const QCommandLineOption deliverOption(
        QStringList{u"deliver-notifications"_s},
        Options::tr("Have the status sites notify their subscribers (e-mail, SMS...) of this update."));
    const QCommandLineOption waitOption(
        QStringList{u"wait"_s},
        Options::tr("Also send what comes due within DURATION (a site's Retry-After, a backoff); default 60s."),
        Options::tr("DURATION"));
    // vigie ack, mute and unmute: what they take.
    const QCommandLineOption commentOption(
        QStringList{u"comment"_s},
        Options::tr("Say why (or who is on it): shown with the acknowledgement or the mute."), Options::tr("TEXT"));
    const QCommandLineOption listOption(QStringList{u"list"_s},
                                        isAck ? Options::tr("List the acknowledgements.")
                                              : Options::tr("List the mutes in force, with their end in local time."));
    const QCommandLineOption clearOption(QStringList{u"clear"_s},
                                         Options::tr("Remove the acknowledgement of SERVICE: its alerts are told "
                                                     "again."));
    const QCommandLineOption groupOption(QStringList{u"group"_s},
                                         isMute ? Options::tr("Mute the alerts of every service of GROUP.")
                                                : Options::tr("End the mutes of GROUP."),
                                         Options::tr("GROUP"));
    const QCommandLineOption muteAllOption(
        QStringList{u"all"_s}, isMute ? Options::tr("Mute every alert.")
                                      : Options::tr("End the mutes of every alert (those of vigie mute --all; the "
                                                    "mutes of a group or a service stay)."));
    const QCommandLineOption muteForOption(QStringList{u"for"_s},
                                           Options::tr("Mute for DURATION (30m, 1h, 2d). The default is 1h."),
                                           Options::tr("DURATION"));
    const QCommandLineOption untilOption(
        QStringList{u"until"_s},
        Options::tr("Mute until TIME, local: 08:00 or \"tomorrow 08:00\" (the next such time), "
                    "\"2026-12-03 08:00\", or unmuted (until vigie unmute)."),
        Options::tr("TIME"));
    if (isCheck) {
        parser.setApplicationDescription(
            Options::tr("Run every probe of a workspace once, concurrently, and print the results.\n"
                        "Exit status: 0 when every probe passes, 1 when any is down or degraded, "
                        "2 when the workspace is invalid."));
        parser.addPositionalArgument(u"check"_s, Options::tr("Run every probe once and print the results."));
        parser.addOption(json);
    } else if (isValidate) {
        parser.setApplicationDescription(
            Options::tr("Load a workspace and report its errors (file:line:column) without running a probe.\n"
                        "Exit status: 0 when the workspace is valid, 2 when it is not or an option is invalid."));
        parser.addPositionalArgument(u"validate"_s, Options::tr("Check a workspace file without probing."));
        parser.addOption(json);
    } else if (isScrape) {
        parser.setApplicationDescription(
            Options::tr("Fetch a metrics endpoint as Prometheus would (OpenMetrics or the text format 0.0.4) and "
                        "print its samples.\n"
                        "Exit status: 0 when it parsed, 1 when the fetch failed, 3 when the text is invalid "
                        "(URL:line:column on standard error), 2 on a usage error."));
        parser.addPositionalArgument(u"scrape"_s, Options::tr("Fetch and parse a metrics endpoint."));
        parser.addPositionalArgument(u"url"_s, Options::tr("The endpoint, such as http://localhost:9100/metrics."),
                                     Options::tr("URL"));
        parser.addOption(json);
    } else if (isReport) {
        parser.setApplicationDescription(
            Options::tr("Print the availability and the outages of a workspace's services over a range, from the "
                        "history the console and vigie watch keep. An outage is a span in which a service was "
                        "down (degraded is not down); maintenance and time without data are left out of "
                        "availability and reported.\n"
                        "Exit status: 0 when printed, 1 when the history could not be read, 2 when the "
                        "workspace or an option is invalid."));
        parser.addPositionalArgument(u"report"_s, Options::tr("Print availability and outages from the history."));
        parser.addOption(dataDirOption());
        parser.addOption(fromOption);
        parser.addOption(toOption);
        parser.addOption(serviceOption);
        parser.addOption(formatOption);
    } else if (isWatch) {
        parser.setApplicationDescription(
            Options::tr("Probe a workspace on its schedule without a window: print each change of health as it "
                        "happens, and keep results and events in the same history as the console.\n"
                        "Runs until --for has passed, or until Ctrl+C or SIGTERM.\n"
                        "Exit status: 0 when stopped, 1 when the history could not be written, 2 when the "
                        "workspace or an option is invalid."));
        parser.addPositionalArgument(u"watch"_s, Options::tr("Probe on schedule and print health changes."));
        parser.addOption(dataDirOption());
        parser.addOption(forOption);
        parser.addOption(probes);
    } else if (isNotice) {
        parser.setApplicationDescription(
            Options::tr("Write incident and maintenance notices as Markdown files with a YAML front matter, keep "
                        "them in the data folder, and queue them for the workspace's status sites.\n"
                        "  vigie notice new --from FILE.md                        create a notice\n"
                        "  vigie notice list                                      list the notices\n"
                        "  vigie notice show ID                                   show a notice and its updates\n"
                        "  vigie notice update ID --status STATUS --from FILE.md  add an update\n"
                        "  vigie notice publish ID --workspace FILE               queue it for every status site\n"
                        "  vigie notice draft (--service ID... | --all) --from TIME --to TIME --workspace FILE\n"
                        "                                                         print a notice drafted from the "
                        "history\n"
                        "Exit status: 0 on success, 1 when the notices could not be read or written, 2 when a "
                        "file, the workspace, a notice or an option is invalid (nothing is written then)."));
        parser.addPositionalArgument(u"notice"_s, Options::tr("Write, list and publish notices."));
        parser.addPositionalArgument(u"action"_s, Options::tr("new, list, show, update, publish or draft."),
                                     Options::tr("<action>"));
        parser.addPositionalArgument(u"id"_s, Options::tr("The notice's number (show, update, publish)."),
                                     Options::tr("[ID]"));
        parser.addOption(dataDirOption());
        parser.addOption(json);
        parser.addOption(noticeFromOption);
        parser.addOption(statusOption);
        parser.addOption(deliverOption);
        parser.addOption(toOption);
        parser.addOption(noticeServiceOption);
        parser.addOption(allServicesOption);
    } else if (isOutbox) {
        parser.setApplicationDescription(
            Options::tr("List the outbox: each send of a notice's update to a status site, with its state "
                        "(queued, sending, published, failed, needs attention, cancelled), its attempts and its "
                        "last error.\n"
                        "  vigie outbox                 list the entries\n"
                        "  vigie outbox flush           send what is due now to the workspace's status sites\n"
                        "  vigie outbox retry ID        queue a failed or attention-needing entry again\n"
                        "  vigie outbox cancel ID       cancel an entry not yet published\n"
                        "Exit status: 0 when done (flush: nothing left pending), 1 when the notices could not be "
                        "read or written, 2 on a usage error, 3 when a flush left entries pending."));
        parser.addPositionalArgument(u"outbox"_s, Options::tr("List the notices' sends to the status sites."));
        parser.addPositionalArgument(u"action"_s, Options::tr("flush, retry or cancel (none: list)."),
                                     u"[flush|retry ID|cancel ID]"_s);
        parser.addOption(dataDirOption());
        parser.addOption(json);
        parser.addOption(waitOption);
    } else if (isAck) {
        parser.setApplicationDescription(
            Options::tr("Acknowledge a failing service: its further alerts are held back until it recovers (the "
                        "recovery is still told, and ends the acknowledgement). Kept in the alerts database of "
                        "the data folder, under your user name.\n"
                        "  vigie ack SERVICE [--comment TEXT]   acknowledge SERVICE\n"
                        "  vigie ack --clear SERVICE            remove its acknowledgement\n"
                        "  vigie ack --list                     list the acknowledgements\n"
                        "With --workspace, SERVICE must be one of its services.\n"
                        "Exit status: 0 when done, 1 when the alerts database could not be read or written, 2 on "
                        "a usage error or an unknown service."));
        parser.addPositionalArgument(u"ack"_s, Options::tr("Acknowledge a failing service."));
        parser.addPositionalArgument(u"service"_s, Options::tr("The service's id, as the workspace writes it."),
                                     Options::tr("[SERVICE]"));
        parser.addOption(dataDirOption());
        parser.addOption(commentOption);
        parser.addOption(clearOption);
        parser.addOption(listOption);
        parser.addOption(json);
    } else if (isMute || isUnmute) {
        parser.setApplicationDescription(
            isMute ? Options::tr("Hold back the alerts of a service, of a group or of everything for a while. Kept "
                                 "in the alerts database of the data folder, under your user name.\n"
                                 "  vigie mute SERVICE [--for 1h | --until TIME]   mute one service\n"
                                 "  vigie mute --group GROUP [...]                 mute a group\n"
                                 "  vigie mute --all [...]                         mute every alert\n"
                                 "  vigie mute --list                              list the mutes in force\n"
                                 "Without --for or --until a mute lasts 1h. With --workspace, SERVICE and GROUP "
                                 "must be among its own.\n"
                                 "Exit status: 0 when done, 1 when the alerts database could not be read or "
                                 "written, 2 on a usage error or an unknown service or group.")
                   : Options::tr("End the mutes of a service, of a group or of everything (vigie mute --all) now.\n"
                                 "  vigie unmute SERVICE | --group GROUP | --all\n"
                                 "Exit status: 0 when done (even when nothing was muted), 1 when the alerts "
                                 "database could not be read or written, 2 on a usage error or an unknown "
                                 "service or group."));
        parser.addPositionalArgument(isMute ? u"mute"_s : u"unmute"_s,
                                     isMute ? Options::tr("Mute alerts for a while.") : Options::tr("End mutes."));
        parser.addPositionalArgument(u"service"_s, Options::tr("The service's id, as the workspace writes it."),
                                     Options::tr("[SERVICE]"));
        parser.addOption(dataDirOption());
        parser.addOption(groupOption);
        parser.addOption(muteAllOption);
        if (isMute) {
            parser.addOption(muteForOption);
            parser.addOption(untilOption);
            parser.addOption(commentOption);
            parser.addOption(listOption);
            parser.addOption(json);
        }
    } else if (isSecret) {
        parser.setApplicationDescription(
            Options::tr("Keep the secrets a workspace names (HTTP passwords and tokens) in the system keychain.\n"
                        "  vigie secret set NAME                  store NAME, read from standard input\n"
                        "  vigie secret delete NAME               remove NAME from the keychain\n"
                        "  vigie secret check --workspace FILE    list which secrets of FILE are present\n"
                        "Exit status: 0 on success, 1 when the keychain failed or a secret is missing, 2 on a "
                        "usage error."));
        parser.addPositionalArgument(u"secret"_s, Options::tr("Manage secrets in the keychain."));
        parser.addPositionalArgument(u"action"_s, Options::tr("set, delete or check."), Options::tr("<action>"));
        parser.addPositionalArgument(u"name"_s, Options::tr("The secret's name, as the workspace writes it."),
                                     Options::tr("[NAME]"));
    } else {
        parser.addPositionalArgument(
            u"command"_s,
            Options::tr("check: run every probe once and print the results (see vigie check --help).\n"
                        "watch: probe on schedule without a window (see vigie watch --help).\n"
                        "report: availability and outages from the history (see vigie report --help).\n"
                        "validate: report a workspace's errors without probing (see vigie validate --help).\n"
                        "scrape: fetch and print a metrics endpoint's samples (see vigie scrape --help).\n"
                        "secret: keep workspace secrets in the keychain (see vigie secret --help).\n"
                        "notice: write, list and publish incident notices (see vigie notice --help).\n"
                        "outbox: list the notices' sends to the status sites (see vigie outbox --help).\n"
                        "ack: acknowledge a failing service (see vigie ack --help).\n"
                        "mute, unmute: hold back alerts for a while, and end that (see vigie mute --help)."),
            Options::tr("[command]"));
        parser.addOption(dataDirOption());
        parser.addOption(screenshot);
        parser.addOption(quitAfter);
        parser.addOption(wallOption);
        parser.addOption(screenOption);
    }

    // The console's QApplication takes its own options; the commands have no toolkit.
    if (!parser.parse(isCheck || isWatch || isSecret || isValidate || isScrape || isReport || isNotice || isOutbox ||
                              isAck || isMute || isUnmute
                          ? arguments
                          : withoutToolkitOptions(arguments)))
        return failure(parser, parser.errorText());
    if (parser.isSet(help)) {
        options.mode = Mode::Help;
        options.helpText = parser.helpText();
        return options;
    }
    if (parser.isSet(version)) {
        options.mode = Mode::Version;
        return options;
    }
    options.workspace = parser.value(u"workspace"_s);
    options.language = parser.value(u"lang"_s);
    if (!isCheck && !isSecret && !isValidate && !isScrape)
        options.dataDir = parser.value(u"data-dir"_s);
    const QStringList positional = parser.positionalArguments();
    if (isCheck || isWatch || isValidate || isReport) {
        if (positional.size() > 1)
            return failure(parser, Options::tr("Unexpected argument: %1").arg(positional.at(1)));
        if (options.workspace.isEmpty())
            return failure(parser, Options::tr("vigie %1 needs a workspace: vigie %1 --workspace FILE").arg(command));
    }
    if (isScrape) {
        if (positional.size() < 2)
            return failure(parser, Options::tr("vigie scrape needs a URL: vigie scrape URL"));
        if (positional.size() > 2)
            return failure(parser, Options::tr("Unexpected argument: %1").arg(positional.at(2)));
        options.mode = Mode::Scrape;
        options.url = positional.at(1);
        options.json = parser.isSet(json);
        return options;
    }
    if (isValidate) {
        options.mode = Mode::Validate;
        options.json = parser.isSet(json);
        return options;
    }
    if (isCheck) {
        options.mode = Mode::Check;
        options.json = parser.isSet(json);
        return options;
    }
    if (isReport) {
        options.mode = Mode::Report;
        const auto range = rangeOptions(parser);
        if (!range)
            return failure(parser, range.error());
        options.reportFromMs = range->first;
        options.reportToMs = range->second;
        options.reportService = parser.value(serviceOption);
        options.reportFormat = parser.isSet(formatOption) ? parser.value(formatOption) : u"md"_s;
        if (!ReportFormat::kindFromName(options.reportFormat))
            return failure(parser,
                           Options::tr("--format needs json, md or csv, not \"%1\".").arg(options.reportFormat));
        return options;
    }
    if (isNotice) {
        const QString action = positional.value(1);
        options.json = parser.isSet(json);
        options.noticeFile = parser.value(noticeFromOption);
        options.noticeStatus = parser.value(statusOption);
        options.deliverNotifications = parser.isSet(deliverOption);
        const QStringList actions{u"new"_s, u"list"_s, u"show"_s, u"update"_s, u"publish"_s, u"draft"_s};
        if (action.isEmpty())
            return failure(parser, Options::tr("vigie notice needs an action: %1").arg(actions.join(u", "_s)));
        if (!actions.contains(action))
            return failure(parser,
                           Options::tr("Unknown notice action: %1 (use %2)").arg(action, actions.join(u", "_s)));
        options.mode = action == "new"_L1      ? Mode::NoticeNew
                       : action == "list"_L1   ? Mode::NoticeList
                       : action == "show"_L1   ? Mode::NoticeShow
                       : action == "update"_L1 ? Mode::NoticeUpdate
                       : action == "draft"_L1  ? Mode::NoticeDraft
                                               : Mode::NoticePublish;
        const bool takesId = options.mode == Mode::NoticeShow || options.mode == Mode::NoticeUpdate ||
                             options.mode == Mode::NoticePublish;
        if (takesId) {
            bool ok = false;
            options.noticeId = positional.value(2).toLongLong(&ok);
            if (!ok || options.noticeId <= 0)
                return failure(
                    parser, positional.size() < 3
                                ? Options::tr("vigie notice %1 needs a notice's number: vigie notice %1 ID").arg(action)
                                : Options::tr("A notice's number is a whole number such as 12, not \"%1\".")
                                      .arg(positional.value(2)));
        }
        if (positional.size() > (takesId ? 3 : 2))
            return failure(parser, Options::tr("Unexpected argument: %1").arg(positional.at(takesId ? 3 : 2)));
        const bool takesFile = options.mode == Mode::NoticeNew || options.mode == Mode::NoticeUpdate;
        if (takesFile && options.noticeFile.isEmpty())
            return failure(parser, Options::tr("vigie notice %1 needs a file: --from FILE.md").arg(action));
        const auto notFor = [&](const QString &option) {
            return failure(parser, Options::tr("%1 does not apply to vigie notice %2.").arg(option, action));
        };
        const bool drafts = options.mode == Mode::NoticeDraft;
        if (!takesFile && !drafts && parser.isSet(noticeFromOption))
            return notFor(u"--from"_s);
        for (const QCommandLineOption *option : {&toOption, &noticeServiceOption, &allServicesOption})
            if (!drafts && parser.isSet(*option))
                return notFor(u"--"_s + option->names().constFirst());
        if (drafts) {
            options.noticeFile.clear();
            options.noticeServices = parser.values(noticeServiceOption);
            options.noticeAllServices = parser.isSet(allServicesOption);
            if (options.noticeServices.isEmpty() == !options.noticeAllServices)
                return failure(parser, options.noticeAllServices
                                           ? Options::tr("vigie notice draft takes --service ID or --all, not both.")
                                           : Options::tr("vigie notice draft needs the services to draft from: "
                                                         "--service ID (one or more) or --all."));
            if (options.workspace.isEmpty())
                return failure(parser, Options::tr("vigie notice draft needs a workspace, whose services it reads: "
                                                   "vigie notice draft --workspace FILE"));
            if (!options.language.isEmpty() && !noticeLanguageFromName(options.language))
                return failure(parser, Options::tr("--lang needs %1, not \"%2\".")
                                           .arg(noticeLanguageNames().join(u" or "_s), options.language));
            const auto range = rangeOptions(parser);
            if (!range)
                return failure(parser, range.error());
            if (range->first == range->second)
                return failure(parser, Options::tr("The range is empty: --to must come after --from."));
            options.reportFromMs = range->first;
            options.reportToMs = range->second;
        }
        if (options.mode != Mode::NoticeUpdate && parser.isSet(statusOption))
            return notFor(u"--status"_s);
        if (options.mode != Mode::NoticePublish && options.deliverNotifications)
            return notFor(u"--deliver-notifications"_s);
        if (options.mode == Mode::NoticePublish && options.workspace.isEmpty())
            return failure(parser,
                           Options::tr("vigie notice publish needs a workspace, whose status sites it publishes to: "
                                       "vigie notice publish ID --workspace FILE"));
        return options;
    }
    if (isOutbox) {
        const QString action = positional.value(1);
        options.json = parser.isSet(json);
        if (action.isEmpty()) {
            options.mode = Mode::Outbox;
        } else if (action == "flush"_L1) {
            options.mode = Mode::OutboxFlush;
            if (options.workspace.isEmpty())
                return failure(parser, Options::tr("vigie outbox flush needs the workspace that declares the status "
                                                   "sites: vigie outbox flush --workspace FILE"));
        } else if (action == "retry"_L1 || action == "cancel"_L1) {
            options.mode = action == "retry"_L1 ? Mode::OutboxRetry : Mode::OutboxCancel;
            bool ok = false;
            options.outboxEntryId = positional.value(2).toLongLong(&ok);
            if (!ok || options.outboxEntryId <= 0)
                return failure(
                    parser, positional.size() < 3
                                ? Options::tr("vigie outbox %1 needs an entry's number: vigie outbox %1 ID").arg(action)
                                : Options::tr("An outbox entry's number is a whole number such as 12, not \"%1\".")
                                      .arg(positional.value(2)));
        } else {
            return failure(parser,
                           Options::tr("Unknown outbox action \"%1\": expected flush, retry or cancel.").arg(action));
        }
        const qsizetype expected = options.mode == Mode::Outbox ? 1 : options.mode == Mode::OutboxFlush ? 2 : 3;
        if (positional.size() > expected)
            return failure(parser, Options::tr("Unexpected argument: %1").arg(positional.at(expected)));
        if (parser.isSet(waitOption)) {
            if (options.mode != Mode::OutboxFlush)
                return failure(parser, Options::tr("--wait applies to vigie outbox flush only."));
            options.outboxWait = parseDuration(parser.value(waitOption));
            if (!options.outboxWait || options.outboxWait->count() < 0)
                return failure(parser, Options::tr("--wait needs a duration such as 30s, 5m or 0s, not \"%1\".")
                                           .arg(parser.value(waitOption)));
        }
        return options;
    }
    if (isAck || isMute || isUnmute)
        return alertOptions(parser, options, command);
    if (isWatch) {
        options.mode = Mode::Watch;
        options.probeLines = parser.isSet(probes);
        if (parser.isSet(forOption)) {
            const QString text = parser.value(forOption);
            options.watchFor = parseDuration(text);
            if (!options.watchFor || options.watchFor->count() <= 0)
                return failure(parser,
                               Options::tr("--for needs a duration such as 30s, 5m or 1h30m, not \"%1\".").arg(text));
        }
        return options;
    }
    if (isSecret) {
        const QString action = positional.value(1);
        const QString secretUsage = Options::tr("vigie secret set NAME | vigie secret delete NAME | "
                                                "vigie secret check --workspace FILE");
        if (action == "set"_L1 || action == "delete"_L1) {
            options.mode = action == "set"_L1 ? Mode::SecretSet : Mode::SecretDelete;
            options.secretName = positional.value(2);
            if (options.secretName.isEmpty())
                return failure(
                    parser, Options::tr("vigie secret %1 needs the secret's name: vigie secret %1 NAME").arg(action));
            if (positional.size() > 3)
                return failure(parser, Options::tr("Unexpected argument: %1").arg(positional.at(3)));
            return options;
        }
        if (action == "check"_L1) {
            options.mode = Mode::SecretCheck;
            if (positional.size() > 2)
                return failure(parser, Options::tr("Unexpected argument: %1").arg(positional.at(2)));
            if (options.workspace.isEmpty())
                return failure(
                    parser, Options::tr("vigie secret check needs a workspace: vigie secret check --workspace FILE"));
            return options;
        }
        if (action.isEmpty())
            return failure(parser, Options::tr("vigie secret needs an action: %1").arg(secretUsage));
        return failure(parser, Options::tr("Unknown secret action: %1 (use %2)").arg(action, secretUsage));
    }
    if (!positional.isEmpty())
        return failure(
            parser,
            Options::tr("Unknown command: %1 (the commands are: check, watch, validate, report, scrape, secret, "
                        "notice, outbox, ack, mute, unmute)")
                .arg(positional.first()));
    options.screenshot = parser.value(screenshot);
    options.quitAfterScreenshot = parser.isSet(quitAfter);
    options.wall = parser.isSet(wallOption);
    if (parser.isSet(screenOption)) {
        bool ok = false;
        options.screen = parser.value(screenOption).toInt(&ok);
        if (!ok || options.screen < 0)
            return failure(
                parser,
                Options::tr("--screen needs a screen number (0 is the first): %1").arg(parser.value(screenOption)));
        if (!options.wall)
            return failure(parser, Options::tr("--screen goes with --wall"));
    }
    return options;
}

} // namespace Vigie
