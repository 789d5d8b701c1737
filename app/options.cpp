#include "options.h"

#include <QCommandLineParser>
#include <QCoreApplication>

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
    parser.addOption(dataDirOption());
    parser.addOption(langOption());

    const bool isCheck = arguments.size() > 1 && arguments.at(1) == QLatin1String("check");
    const QCommandLineOption json(QStringList{QStringLiteral("json")},
                                  Options::tr("Print the results as a JSON array instead of a table."));
    QCommandLineOption screenshot(
        QStringList{QStringLiteral("screenshot")},
        Options::tr("Save a PNG of the window to FILE once every service has a first result."), Options::tr("FILE"));
    QCommandLineOption quitAfter(QStringList{QStringLiteral("quit-after-screenshot")},
                                 Options::tr("Quit once the screenshot is saved."));
    if (isCheck) {
        parser.setApplicationDescription(
            Options::tr("Run every probe of a workspace once, concurrently, and print the results.\n"
                        "Exit status: 0 when every probe passes, 1 when any is down or degraded, "
                        "2 when the workspace is invalid."));
        parser.addPositionalArgument(QStringLiteral("check"),
                                     Options::tr("Run every probe once and print the results."));
        parser.addOption(json);
    } else {
        parser.addPositionalArgument(
            QStringLiteral("command"),
            Options::tr("check: run every probe once and print the results (see vigie check --help)."),
            Options::tr("[command]"));
        parser.addOption(screenshot);
        parser.addOption(quitAfter);
    }

    if (!parser.parse(arguments)) {
        options.mode = Mode::Error;
        options.errorText = parser.errorText();
        return options;
    }
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
    options.dataDir = parser.value(QStringLiteral("data-dir"));
    options.language = parser.value(QStringLiteral("lang"));
    const QStringList positional = parser.positionalArguments();
    if (isCheck) {
        options.mode = Mode::Check;
        options.json = parser.isSet(json);
        if (positional.size() > 1) {
            options.mode = Mode::Error;
            options.errorText = Options::tr("Unexpected argument: %1").arg(positional.at(1));
        } else if (options.workspace.isEmpty()) {
            options.mode = Mode::Error;
            options.errorText = Options::tr("vigie check needs a workspace: vigie check --workspace FILE");
        }
        return options;
    }
    if (!positional.isEmpty()) {
        options.mode = Mode::Error;
        options.errorText = Options::tr("Unknown command: %1 (the commands are: check)").arg(positional.first());
        return options;
    }
    options.screenshot = parser.value(screenshot);
    options.quitAfterScreenshot = parser.isSet(quitAfter);
    return options;
}

} // namespace Vigie
