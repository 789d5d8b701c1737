#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTextStream>

namespace Vigie {

struct Options;
struct Workspace;

// `vigie notice new|list|show|update|publish|draft` and `vigie outbox`: incident and maintenance notices
// written as Markdown files with front matter (NoticeFile), kept in the data folder's notice store
// (NoticeStore), and queued for the workspace's status sites. Nothing is sent from here: the outbox
// is delivered later. Exit codes: 0 done, 1 the store could not be read or written, 2 an invalid
// file, workspace, notice or option (nothing written then).
class NoticeCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::NoticeCommand)

public:
    static int run(const Options &options, QTextStream &out, QTextStream &err);

    // `vigie notice draft`: a notice file drafted from the history of some services over a range
    // (HistoryDraft), printed for `vigie notice new --from` to read unchanged, or its facts as JSON.
    // Nothing is written. Exit codes: 0 printed, 1 no history or nothing down in the range, 2 an
    // unknown service.
    static int draft(const Options &options, const Workspace &workspace, QTextStream &out, QTextStream &err);

    // `vigie notice publish` once the workspace is loaded: one outbox entry per status site.
    static int publish(const Workspace &workspace, const QString &dataDir, qint64 noticeId, bool deliverNotifications,
                       bool json, QTextStream &out, QTextStream &err);
};

} // namespace Vigie
