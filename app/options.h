#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace Vigie {

// What the command line asks for. Parsed before any QApplication exists, so that the commands,
// `--help`, `--version` and any mistake on the command line never need a display.
struct Options
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::Options)

public:
    enum class Mode {
        Console,
        Check,
        Watch,
        Validate,
        Report,
        Scrape,
        SecretSet,
        SecretDelete,
        SecretCheck,
        NoticeNew,
        NoticeList,
        NoticeShow,
        NoticeUpdate,
        NoticePublish,
        NoticeDraft,
        Outbox,
        OutboxFlush,
        OutboxRetry,
        OutboxCancel,
        Ack,
        AckClear,
        AckList,
        Mute,
        MuteList,
        Unmute,
        Help,
        Version,
        Error
    };
    Mode mode = Mode::Console;
    QString workspace;
    QString dataDir;
    QString language; // "fr", "en", or empty for the system's
    bool json = false;
    QString screenshot; // console: grab the window once the first results are in
    bool quitAfterScreenshot = false;
    bool wall = false;                                 // console: open as a wall display
    int screen = -1;                                   // wall: the screen's index, -1 for the primary one
    std::optional<std::chrono::milliseconds> watchFor; // watch: stop after this long; empty: until a signal
    bool probeLines = false;                           // watch: print probes' changes too
    QString secretName;                                // secret set/delete
    QString url;                                       // scrape
    qint64 reportFromMs = 0;                           // report, notice draft: UTC ms
    qint64 reportToMs = 0;
    QString reportService;                               // report: one service's id, or empty for all
    QString reportFormat;                                // report: "json", "md" or "csv"
    QString noticeFile;                                  // notice new/update: the Markdown file
    qint64 noticeId = 0;                                 // notice show/update/publish
    QString noticeStatus;                                // notice update: the new status's name
    bool deliverNotifications = false;                   // notice publish
    QStringList noticeServices;                          // notice draft: --service, in the order given
    bool noticeAllServices = false;                      // notice draft: --all
    qint64 outboxEntryId = 0;                            // outbox retry/cancel
    std::optional<std::chrono::milliseconds> outboxWait; // outbox flush: what comes due within it is sent too
    QString alertService;                                // ack, mute, unmute: the service's id
    QString alertGroup;                                  // mute, unmute: --group
    bool alertAll = false;                               // mute, unmute: --all
    QString alertComment;                                // ack, mute: --comment
    qint64 muteUntilMs = 0;                              // mute: UTC ms; 0: until unmuted
    QString helpText;                                    // for Help
    QString errorText;                                   // for Error

    static Options parse(const QStringList &arguments);
    // Where the console and `vigie watch` keep their history unless --data-dir says otherwise.
    static QString defaultDataDir();
};

// --lang, read early: translators must be installed before the help text is written.
QString languageFromArguments(const QStringList &arguments);
// Installs Vigie's and Qt's translations for `language` ("fr", "en"; empty: the system's).
void installTranslations(QCoreApplication &app, const QString &language);

} // namespace Vigie
