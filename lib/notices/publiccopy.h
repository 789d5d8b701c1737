#pragma once

#include "notice.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Vigie {

// What the public sees of a notice on one status site, read back after publishing: the site's own
// copy, not what Vigie sent. Shown beside the draft, with what differs.
struct PublicCopy
{
    struct Update
    {
        NoticeStatus status = NoticeStatus::Investigating;
        QString body; // as the site holds it (Markdown for Statuspage and Cachet, text for the static
                      // site), Vigie's invisible markers taken out
        friend bool operator==(const Update &, const Update &) = default;
    };
    qint64 noticeId = 0;
    QString siteId;
    qint64 fetchedMs = 0; // UTC
    QString url;          // where it was read
    QString title;
    NoticeStatus status = NoticeStatus::Investigating;
    QList<Update> updates; // oldest first
    QString error;         // why it could not be read; the rest is then empty
    friend bool operator==(const PublicCopy &, const PublicCopy &) = default;
};

// The differences between a notice and a site's copy of it, as sentences ("the title differs: ...",
// "the site shows 2 updates, the notice has 3", "update 2's text differs"); empty when the site
// shows what the notice says. Whitespace at the ends of lines and of texts does not count.
QStringList publicCopyDifferences(const Notice &notice, const PublicCopy &copy);

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::PublicCopy)
