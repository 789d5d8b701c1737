#include "alertcommand.h"
#include "checkcommand.h"
#include "noticecommand.h"
#include "options.h"
#include "outboxcommand.h"
#include "reportcommand.h"
#include "scrapecommand.h"
#include "secretcommand.h"
#include "validatecommand.h"
#include "watchcommand.h"

#ifdef VIGIE_HAS_CONSOLE
#include "console.h"
#endif

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

using namespace Vigie;

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(u"Vigie"_s);
    QCoreApplication::setOrganizationDomain(u"vigie.org"_s);
    QCoreApplication::setApplicationName(u"vigie"_s);
    QCoreApplication::setApplicationVersion(QString::fromUtf8(VIGIE_VERSION));
}

int runCommand(const Options &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    switch (options.mode) {
    case Options::Mode::Help:
        out << options.helpText;
        return 0;
    case Options::Mode::Version:
        out << u"vigie %1\n"_s.arg(QCoreApplication::applicationVersion());
        return 0;
    case Options::Mode::Error:
        // Any mistake gets the usage, with no display needed.
        err << u"vigie: "_s << options.errorText << '\n' << options.helpText;
        return 2;
    case Options::Mode::Check:
        return CheckCommand::run(options.workspace, options.json, out, err);
    case Options::Mode::Validate:
        return ValidateCommand::run(options.workspace, options.json, out, err);
    case Options::Mode::Report:
        return ReportCommand::run(options, out, err);
    case Options::Mode::Scrape:
        return ScrapeCommand::run(options.url, options.json, out, err);
    case Options::Mode::Watch:
        return WatchCommand::run(options.workspace,
                                 options.dataDir.isEmpty() ? Options::defaultDataDir() : options.dataDir,
                                 options.watchFor, options.probeLines, out, err);
    case Options::Mode::SecretSet:
        return SecretCommand::set(options.secretName, out, err);
    case Options::Mode::SecretDelete:
        return SecretCommand::remove(options.secretName, out, err);
    case Options::Mode::SecretCheck:
        return SecretCommand::check(options.workspace, out, err);
    case Options::Mode::NoticeNew:
    case Options::Mode::NoticeList:
    case Options::Mode::NoticeShow:
    case Options::Mode::NoticeUpdate:
    case Options::Mode::NoticePublish:
    case Options::Mode::NoticeDraft:
    case Options::Mode::Outbox:
        return NoticeCommand::run(options, out, err);
    case Options::Mode::OutboxFlush:
    case Options::Mode::OutboxRetry:
    case Options::Mode::OutboxCancel:
        return OutboxCommand::run(options, out, err);
    case Options::Mode::Ack:
    case Options::Mode::AckClear:
    case Options::Mode::AckList:
    case Options::Mode::Mute:
    case Options::Mode::MuteList:
    case Options::Mode::Unmute:
        return AlertCommand::run(options, out, err);
    case Options::Mode::Console:
        break;
    }
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    {
        // Everything is parsed before any QApplication exists: a command, or a mistake, never
        // needs a display.
        QCoreApplication app(argc, argv);
        setIdentity();
        installTranslations(app, languageFromArguments(app.arguments()));
        options = Options::parse(app.arguments());
        if (options.mode != Options::Mode::Console)
            return runCommand(options);
    }
#ifdef VIGIE_HAS_CONSOLE
    return runConsole(argc, argv, options);
#else
    QCoreApplication app(argc, argv);
    setIdentity();
    installTranslations(app, options.language);
    QTextStream(stderr) << QCoreApplication::translate(
                               "Vigie::Options",
                               "vigie: this build has no console; use vigie check, watch, "
                               "validate, report, scrape, secret, notice, outbox, ack, mute or unmute (see "
                               "vigie --help).")
                        << '\n';
    return 2;
#endif
}
