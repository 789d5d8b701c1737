#include "options.h"

#include "workspace/duration.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>

namespace Vigie {

namespace {

QCommandLineOption dataDirOption()
{
    return {QStringList{QStringLiteral("data-dir")},
            Options::tr("Keep probe history in DIR instead of the application data folder."), Options::tr("DIR")};
}

QCommandLineOption langOption()
{
    return {QStringList{QStringLiteral("lang")},
            Options::tr("Show Vigie in LANG (en or fr) instead of the system's language."), Options::tr("LANG")};
}

QCommandLineOption workspaceOption()
{
    return {QStringList{QStringLiteral("w"), QStringLiteral("workspace")}, Options::tr("Open the workspace FILE."),
            Options::tr("FILE")};
}

Options failure(const QString &message)
{
    Options options;
    options.mode = Options::Mode::Error;
    options.errorText = message;
    return options;
}

} // namespace

QString languageFromArguments(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arg.startsWith(QLatin1String("--lang=")))
            return arg.mid(7);
    }
    return {};
}

bool Options::isCommandLineOnly(const QString &command)
{
    return command == QLatin1String("check") || command == QLatin1String("watch") || command == QLatin1String("secret");
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
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  Options::tr("Show this help."));
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                     Options::tr("Show the version."));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(workspaceOption());
    parser.addOption(langOption());

    const QString command = arguments.size() > 1 ? arguments.at(1) : QString();
    const bool isCheck = command == QLatin1String("check");
    const bool isWatch = command == QLatin1String("watch");
    const bool isSecret = command == QLatin1String("secret");
    const QCommandLineOption json(QStringList{QStringLiteral("json")},
                                  Options::tr("Print the results as a JSON array instead of a table."));
    const QCommandLineOption screenshot(
        QStringList{QStringLiteral("screenshot")},
        Options::tr("Save a PNG of the window to FILE once every service has a first result."), Options::tr("FILE"));
    const QCommandLineOption quitAfter(QStringList{QStringLiteral("quit-after-screenshot")},
                                       Options::tr("Quit once the screenshot is saved."));
    const QCommandLineOption forOption(
        QStringList{QStringLiteral("for")},
        Options::tr("Stop after DURATION (30s, 5m, 1h30m...) instead of waiting for Ctrl+C or SIGTERM."),
        Options::tr("DURATION"));
    if (isCheck) {
        parser.setApplicationDescription(
            Options::tr("Run every probe of a workspace once, concurrently, and print the results.\n"
                        "Exit status: 0 when every probe passes, 1 when any is down or degraded, "
                        "2 when the workspace is invalid."));
        parser.addPositionalArgument(QStringLiteral("check"),
                                     Options::tr("Run every probe once and print the results."));
        parser.addOption(json);
    } else if (isWatch) {
        parser.setApplicationDescription(
            Options::tr("Probe a workspace on its schedule without a window: print each change of health as it "
                        "happens, and keep results and events in the same history as the console.\n"
                        "Runs until --for has passed, or until Ctrl+C or SIGTERM.\n"
                        "Exit status: 0 when stopped, 1 when the history could not be written, 2 when the "
                        "workspace or an option is invalid."));
        parser.addPositionalArgument(QStringLiteral("watch"),
                                     Options::tr("Probe on schedule and print health changes."));
        parser.addOption(dataDirOption());
        parser.addOption(forOption);
    } else if (isSecret) {
        parser.setApplicationDescription(
            Options::tr("Keep the secrets a workspace names (HTTP passwords and tokens) in the system keychain.\n"
                        "  vigie secret set NAME                  store NAME, read from standard input\n"
                        "  vigie secret delete NAME               remove NAME from the keychain\n"
                        "  vigie secret check --workspace FILE    list which secrets of FILE are present\n"
                        "Exit status: 0 on success, 1 when the keychain failed or a secret is missing, 2 on a "
                        "usage error."));
        parser.addPositionalArgument(QStringLiteral("secret"), Options::tr("Manage secrets in the keychain."));
        parser.addPositionalArgument(QStringLiteral("action"), Options::tr("set, delete or check."),
                                     Options::tr("<action>"));
        parser.addPositionalArgument(QStringLiteral("name"),
                                     Options::tr("The secret's name, as the workspace writes it."),
                                     Options::tr("[NAME]"));
    } else {
        parser.addPositionalArgument(
            QStringLiteral("command"),
            Options::tr("check: run every probe once and print the results (see vigie check --help).\n"
                        "watch: probe on schedule without a window (see vigie watch --help).\n"
                        "secret: keep workspace secrets in the keychain (see vigie secret --help)."),
            Options::tr("[command]"));
        parser.addOption(dataDirOption());
        parser.addOption(screenshot);
        parser.addOption(quitAfter);
    }

    if (!parser.parse(arguments))
        return failure(parser.errorText());
    if (parser.isSet(help)) {
        options.mode = Mode::Help;
        options.helpText = parser.helpText();
        return options;
    }
    if (parser.isSet(version)) {
        options.mode = Mode::Version;
        return options;
    }
    options.workspace = parser.value(QStringLiteral("workspace"));
    options.language = parser.value(QStringLiteral("lang"));
    if (!isCheck && !isSecret)
        options.dataDir = parser.value(QStringLiteral("data-dir"));
    const QStringList positional = parser.positionalArguments();
    if (isCheck || isWatch) {
        if (positional.size() > 1)
            return failure(Options::tr("Unexpected argument: %1").arg(positional.at(1)));
        if (options.workspace.isEmpty())
            return failure(isCheck ? Options::tr("vigie check needs a workspace: vigie check --workspace FILE")
                                   : Options::tr("vigie watch needs a workspace: vigie watch --workspace FILE"));
    }
    if (isCheck) {
        options.mode = Mode::Check;
        options.json = parser.isSet(json);
        return options;
    }
    if (isWatch) {
        options.mode = Mode::Watch;
        if (parser.isSet(forOption)) {
            const QString text = parser.value(forOption);
            options.watchFor = parseDuration(text);
            if (!options.watchFor || options.watchFor->count() <= 0)
                return failure(Options::tr("--for needs a duration such as 30s, 5m or 1h30m, not \"%1\".").arg(text));
        }
        return options;
    }
    if (isSecret) {
        const QString action = positional.value(1);
        const QString secretUsage = Options::tr("vigie secret set NAME | vigie secret delete NAME | "
                                                "vigie secret check --workspace FILE");
        if (action == QLatin1String("set") || action == QLatin1String("delete")) {
            options.mode = action == QLatin1String("set") ? Mode::SecretSet : Mode::SecretDelete;
            options.secretName = positional.value(2);
            if (options.secretName.isEmpty())
                return failure(
                    Options::tr("vigie secret %1 needs the secret's name: vigie secret %1 NAME").arg(action));
            if (positional.size() > 3)
                return failure(Options::tr("Unexpected argument: %1").arg(positional.at(3)));
            return options;
        }
        if (action == QLatin1String("check")) {
            options.mode = Mode::SecretCheck;
            if (positional.size() > 2)
                return failure(Options::tr("Unexpected argument: %1").arg(positional.at(2)));
            if (options.workspace.isEmpty())
                return failure(
                    Options::tr("vigie secret check needs a workspace: vigie secret check --workspace FILE"));
            return options;
        }
        if (action.isEmpty())
            return failure(Options::tr("vigie secret needs an action: %1").arg(secretUsage));
        return failure(Options::tr("Unknown secret action: %1 (use %2)").arg(action, secretUsage));
    }
    if (!positional.isEmpty())
        return failure(
            Options::tr("Unknown command: %1 (the commands are: check, watch, secret)").arg(positional.first()));
    options.screenshot = parser.value(screenshot);
    options.quitAfterScreenshot = parser.isSet(quitAfter);
    return options;
}

} // namespace Vigie
