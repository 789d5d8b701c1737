#pragma once

#include "notice.h"
#include "publiccopy.h"

#include <QFuture>
#include <QObject>
#include <QRegularExpression>
#include <QString>

#include <chrono>
#include <optional>

namespace Vigie {

// What the outbox asks a status site to do: bring its copy of a notice up to date with the notice
// as it is now (its title, status, impact, components, window, and every update the site lacks),
// marking what it sends with the outbox entry's id so that a send whose fate is unknown can be
// found again instead of repeated.
struct Publication
{
    qint64 outboxId = 0;
    QString siteId;                    // the workspace's status_sites: id
    Notice notice;                     // as stored when the entry was written
    bool deliverNotifications = false; // the engineer's explicit choice (Statuspage e-mails subscribers)
    QString remoteId;                  // the site's id of this notice from an earlier send; empty the first time
};

// How a send ended.
struct PublishOutcome
{
    enum class Kind : quint8 {
        Published,      // done: remoteId is the site's id of the notice
        RetryLater,     // refused for now (unreachable, 5xx, 420/429): send again after retryAfter
        Ambiguous,      // the request may have been applied (a timeout or reset after it went out):
                        // look for the marker (findPublished) before sending again
        NeedsAttention, // 401/403 (credentials: true) or a refusal an engineer must read; no retry
        Failed,         // refused for good (a 4xx with a validation message): message says why
    };
    Kind kind = Kind::Failed;
    QString remoteId;
    QString message; // the site's own words where it gave some, else what failed
    bool credentials = false;
    std::chrono::milliseconds retryAfter{0};
};

// The marker a body carries for outbox entry `outboxId` and the update known as `updateKey` (its id
// in the store, or its place in the timeline): an HTML comment, which Statuspage and Cachet keep
// in the Markdown and leave out of the page. It is how a send whose answer was lost is found again.
inline QString publicationMarker(qint64 outboxId, qint64 updateKey)
{
    return QStringLiteral("<!-- vigie:outbox=%1 update=%2 -->").arg(outboxId).arg(updateKey);
}
// Matches a marker; captures the outbox id (1) and the update key (2).
inline const QRegularExpression &publicationMarkerPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(<!-- vigie:outbox=(\d+) update=(-?\d+) -->)"));
    return pattern;
}
inline qint64 publicationUpdateKey(const NoticeUpdate &update, qsizetype index)
{
    return update.id != 0 ? update.id : qint64(index) + 1;
}
// Adds to `keys` the update key of each marker in `text` that it lacks.
inline void addPublicationUpdateKeys(const QString &text, QList<qint64> &keys)
{
    auto match = publicationMarkerPattern().globalMatch(text);
    while (match.hasNext()) {
        const qint64 key = match.next().captured(2).toLongLong();
        if (!keys.contains(key))
            keys.append(key);
    }
}

// A status site Vigie publishes to: Statuspage, a static site over WebDAV, Cachet. Each call runs
// asynchronously (the GUI thread never waits); the futures finish on the thread that called.
class StatusTarget : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString siteId() const = 0;
    // The longest title and body the site accepts (Statuspage: 255 and 25,000), 0: no limit; a
    // notice over them is refused before it is queued.
    virtual int titleLimit() const { return 0; }
    virtual int bodyLimit() const { return 0; }

    virtual QFuture<PublishOutcome> publish(const Publication &publication) = 0;
    // After an Ambiguous outcome: whether the site holds what `publication` sent (its marker), and
    // then the site's id of the notice; nullopt when it does not (safe to send again). A failure to
    // ask is a RetryLater-like error: the future's result is an outcome of that kind.
    struct Found
    {
        bool asked = false; // the site answered the search
        std::optional<QString> remoteId;
        PublishOutcome error; // when !asked
    };
    virtual QFuture<Found> findPublished(const Publication &publication) = 0;
    // After Published: reads back what the public now sees of the notice `remoteId` (the site's
    // copy, through its public or read API), for the console to show beside the draft. A failure is
    // a copy with its `error` set.
    virtual QFuture<PublicCopy> fetchPublic(const Publication &publication, const QString &remoteId) = 0;
};

} // namespace Vigie
