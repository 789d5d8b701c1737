#pragma once

#include "notice.h"
#include "workspace/workspaceerror.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <expected>
#include <optional>

namespace Vigie {

struct Workspace;

// A notice written as a Markdown file whose YAML front matter gives its fields:
//
//   ---
//   title: Extranet unreachable
//   kind: incident            # or maintenance; default incident
//   status: identified        # default: the kind's first
//   impact: major             # none, minor, major, critical
//   components:               # service id: component status; or a list of ids (major_outage)
//     extranet: major_outage
//   window: {start: 2026-10-09T16:00, end: 2026-10-09T18:00}   # a maintenance's, ISO 8601
//   ---
//   The body, in Markdown.
//
// What the front matter leaves out stays unset, so that an update changes only what it names.
struct NoticeFile
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::NoticeFile)

public:
    // What the file is for: a new notice needs a title (and a maintenance its window).
    enum class Use : quint8 { NewNotice, Update };

    std::optional<QString> title;
    std::optional<NoticeKind> kind;
    std::optional<NoticeStatus> status;
    std::optional<NoticeImpact> impact;
    std::optional<QList<AffectedComponent>> components;
    std::optional<NoticeWindow> window;
    QString body; // Markdown, without the blank lines around it

    // Every problem at file:line:column; service ids are checked against `workspace` when given.
    static std::expected<NoticeFile, QList<WorkspaceError>> parse(const QByteArray &text, const QString &fileName,
                                                                  Use use, const Workspace *workspace = nullptr);
    static std::expected<NoticeFile, QList<WorkspaceError>> loadFile(const QString &path, Use use,
                                                                     const Workspace *workspace = nullptr);

    // The notice a NewNotice file describes, with its first update (timestamp 0: now).
    Notice toNotice() const;
    // The file's text: the front matter (what is set, in the order above; the window in UTC) and the
    // body after a blank line. parse() reads it back to the same NoticeFile.
    QByteArray toText() const;
};

} // namespace Vigie
