#include "silence.h"

#include "core/message.h"
#include "workspace/duration.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimeZone>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Vigie {

QString silenceAuthor()
{
#if defined(Q_OS_UNIX)
    // `sudo vigie ack …`: the engineer who ran sudo, not root.
    if (geteuid() == 0)
        if (QString name = qEnvironmentVariable("SUDO_USER"); !name.isEmpty() && name != "root"_L1)
            return name;
#endif
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"})
        if (QString name = qEnvironmentVariable(variable); !name.isEmpty())
            return name;
#if defined(Q_OS_UNIX)
    // A service or a container may set none of them: the account's name.
    if (const passwd *account = getpwuid(geteuid()); account && account->pw_name)
        return QString::fromLocal8Bit(account->pw_name);
#endif
    return {};
}

HealthEvent acknowledgementEvent(const Acknowledgement &acknowledgement, const QString &group, HealthState state)
{
    HealthEvent event;
    event.kind = HealthEvent::Kind::Acknowledged;
    event.timestampMs = acknowledgement.atMs;
    event.serviceId = acknowledgement.serviceId;
    event.group = group;
    event.from = state;
    event.to = state;
    const QString &author = acknowledgement.author;
    const QString &comment = acknowledgement.comment;
    if (author.isEmpty())
        event.cause = Message::verbatim(comment);
    else
        event.cause = comment.isEmpty() ? trMessage("Vigie::Acknowledgement", "by %1").arg(author)
                                        : trMessage("Vigie::Acknowledgement", "by %1: %2").arg(author, comment);
    return event;
}

QString muteScopeName(Mute::Scope scope)
{
    switch (scope) {
    case Mute::Scope::All:
        return u"all"_s;
    case Mute::Scope::Group:
        return u"group"_s;
    case Mute::Scope::Service:
        return u"service"_s;
    }
    return u"all"_s;
}

std::expected<qint64, QString> parseMuteEnd(const QString &text, const QDateTime &now)
{
    const QString written = text.simplified();
    if (written.compare(u"unmuted"_s, Qt::CaseInsensitive) == 0)
        return 0;
    if (auto duration = parseDuration(written); duration && duration->count() > 0)
        return now.toMSecsSinceEpoch() + qint64(duration->count());
    const QDateTime local = now.toLocalTime();
    static const QRegularExpression clock(u"^(tomorrow\\s+)?(\\d{1,2}):(\\d{2})$"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = clock.match(written); m.hasMatch()) {
        const QTime time(m.captured(2).toInt(), m.captured(3).toInt());
        if (!time.isValid())
            return std::unexpected(QCoreApplication::translate("Vigie::Mute", "%1 is not a time of day.").arg(written));
        QDateTime end(local.date(), time, QTimeZone::LocalTime);
        if (!m.captured(1).isEmpty() || end <= local)
            end = QDateTime(local.date().addDays(1), time, QTimeZone::LocalTime);
        return end.toMSecsSinceEpoch();
    }
    const QDateTime at = QDateTime::fromString(written, u"yyyy-MM-dd HH:mm"_s);
    if (at.isValid()) {
        const QDateTime end(at.date(), at.time(), QTimeZone::LocalTime);
        if (end <= now)
            return std::unexpected(QCoreApplication::translate("Vigie::Mute", "%1 is already past.").arg(written));
        return end.toMSecsSinceEpoch();
    }
    return std::unexpected(QCoreApplication::translate(
                               "Vigie::Mute",
                               "Cannot read \"%1\" as the end of a mute: write a duration (1h, 30m), a time of day "
                               "(08:00, tomorrow 08:00), a date and time (2026-12-03 08:00) or \"unmuted\".")
                               .arg(written));
}

} // namespace Vigie
