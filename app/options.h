#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Vigie {

// What the command line asks for. Parsed before any QApplication exists, so that `check`,
// `--help` and `--version` never need a display.
struct Options
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::Options)

public:
    enum class Mode { Console, Check, Help, Version, Error };
    Mode mode = Mode::Console;
    QString workspace;
    QString dataDir;
    QString language; // "fr", "en", or empty for the system's
    bool json = false;
    QString screenshot; // console: grab the window once the first results are in
    bool quitAfterScreenshot = false;
    QString helpText;  // for Help
    QString errorText; // for Error

    static Options parse(const QStringList &arguments);
};

// --lang, read early: translators must be installed before the help text is written.
QString languageFromArguments(const QStringList &arguments);

} // namespace Vigie
