#include "options.h"

#include "workspace/duration.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTranslator>

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
    const QCommandLineOption json(QStringList{u"json"_s},
                                  isValidate ? Options::tr("Print the verdict and the errors as a JSON object.")
                                  : isScrape ? Options::tr("Print the samples as a JSON array instead of a table.")
                                             : Options::tr("Print the results as a JSON array instead of a table."));
    const QCommandLineOption screenshot(
        QStringList{u"screenshot"_s},
        Options::tr("Save a PNG of the window to FILE once every service has a first result."), Options::tr("FILE"));
    const QCommandLineOption quitAfter(QStringList{u"quit-after-screenshot"_s},
                                       Options::tr("Quit once the screenshot is saved."));
    const QCommandLineOption forOption(
        QStringList{u"for"_s},
        Options::tr("Stop after DURATION (30s, 5m, 1h30m...) instead of waiting for Ctrl+C or SIGTERM."),
        Options::tr("DURATION"));
    const QCommandLineOption probes(QStringList{u"probes"_s},
                                    Options::tr("Print each probe's changes too, not only each service's."));
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
                        "validate: report a workspace's errors without probing (see vigie validate --help).\n"
                        "scrape: fetch and print a metrics endpoint's samples (see vigie scrape --help).\n"
                        "secret: keep workspace secrets in the keychain (see vigie secret --help)."),
            Options::tr("[command]"));
        parser.addOption(dataDirOption());
        parser.addOption(screenshot);
        parser.addOption(quitAfter);
    }

    // The console's QApplication takes its own options; the commands have no toolkit.
    if (!parser.parse(isCheck || isWatch || isSecret || isValidate || isScrape ? arguments
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
    if (isCheck || isWatch || isValidate) {
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
        return failure(parser,
                       Options::tr("Unknown command: %1 (the commands are: check, watch, validate, scrape, secret)")
                           .arg(positional.first()));
    options.screenshot = parser.value(screenshot);
    options.quitAfterScreenshot = parser.isSet(quitAfter);
    return options;
}

} // namespace Vigie
