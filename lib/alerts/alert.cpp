#include "alert.h"

#include "analytics/reportformat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// The alerts' own words, in one translation context for the title, the body and the chat line.
struct AlertTexts
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::Alert)
};

constexpr int jsonVersion = 1;

constexpr std::pair<Alert::Kind, const char *> kindNames[] = {
    {Alert::Kind::Down, "down"},
    {Alert::Kind::Degraded, "degraded"},
    {Alert::Kind::Certificate, "certificate"},
    {Alert::Kind::Flapping, "flapping"},
};

// A moment as the people who read the alert live it: the date and time in the local zone, with
// the zone's abbreviation (an e-mail is read in other zones than the console's).
QString localTime(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const QString zone = local.timeZoneAbbreviation();
    const QString time = QLocale().toString(local, QLocale::ShortFormat);
    return zone.isEmpty() ? time : time + u' ' + zone;
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
}

std::optional<qint64> fromIsoUtc(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

// Slack shows `<`, `>` and `&` as its own mark-up (links, "<!channel>" mentions): a cause or a
// service name read from a probe is escaped so that it never pings a channel or forges a link.
// Mattermost shows the entities as the characters they stand for.
QString chatEscaped(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'&', u"&amp;"_s).replace(u'<', u"&lt;"_s).replace(u'>', u"&gt;"_s);
    return escaped;
}

// An emoji short code that Slack and Mattermost both know.
QString chatIcon(const Alert &alert)
{
    if (alert.resolved)
        return u":white_check_mark:"_s;
    switch (alert.kind) {
    case Alert::Kind::Down:
        return u":red_circle:"_s;
    case Alert::Kind::Degraded:
        return u":large_orange_diamond:"_s;
    case Alert::Kind::Certificate:
    case Alert::Kind::Flapping:
        return u":warning:"_s;
    }
    return {};
}

} // namespace

QString alertKindName(Alert::Kind kind)
{
    for (const auto &[k, name] : kindNames)
        if (k == kind)
            return QLatin1StringView(name);
    return {};
}

std::optional<Alert::Kind> alertKindFromName(QStringView name)
{
    for (const auto &[k, n] : kindNames)
        if (name == QLatin1StringView(n))
            return k;
    return std::nullopt;
}

QString Alert::title() const
{
    const QString serviceName = this->serviceName.isEmpty() ? serviceId : this->serviceName;
    if (resolved)
        return AlertTexts::tr("Resolved: %1").arg(serviceName);
    switch (kind) {
    case Kind::Down:
        return AlertTexts::tr("Down: %1").arg(serviceName);
    case Kind::Degraded:
        return AlertTexts::tr("Degraded: %1").arg(serviceName);
    case Kind::Certificate:
        return AlertTexts::tr("Certificate expiring: %1").arg(serviceName);
    case Kind::Flapping:
        return AlertTexts::tr("Flapping: %1").arg(serviceName);
    }
    return serviceName;
}

QString Alert::text(qsizetype impactedShown) const
{
    QStringList lines;
    if (!cause.isEmpty())
        lines.append(cause);
    const QString since = localTime(sinceMs);
    if (resolved) {
        // How long the problem lasted, in words for people ("12 min", "1 h 5 min").
        const QString lasted = ReportFormat::duration(std::max<qint64>(0, timestampMs - sinceMs));
        switch (kind) {
        case Kind::Down:
            lines.append(AlertTexts::tr("Was down for %1, since %2.").arg(lasted, since));
            break;
        case Kind::Degraded:
            lines.append(AlertTexts::tr("Was degraded for %1, since %2.").arg(lasted, since));
            break;
        case Kind::Certificate:
            lines.append(
                AlertTexts::tr("Was in its certificate's warning window for %1, since %2.").arg(lasted, since));
            break;
        case Kind::Flapping:
            lines.append(AlertTexts::tr("Was flapping for %1, since %2.").arg(lasted, since));
            break;
        }
        if (sinceMs <= 0) // not known: nothing to say of how long
            lines.removeLast();
    } else if (kind == Kind::Flapping) {
        lines.append(AlertTexts::tr("Changed state %n times since %1.", nullptr, changes).arg(since));
        lines.append(AlertTexts::tr("Now %1.").arg(healthStateWord(state)));
    } else if (sinceMs > 0) {
        lines.append(AlertTexts::tr("Since %1.").arg(since));
    }
    if (!impacted.isEmpty()) {
        QString names;
        if (impactedShown < 0 || impacted.size() <= impactedShown)
            names = impacted.join(u", "_s);
        else
            names = AlertTexts::tr("%1 and %n more", nullptr, int(impacted.size() - impactedShown))
                        .arg(impacted.first(impactedShown).join(u", "_s));
        lines.append(resolved ? AlertTexts::tr("Also failed because of it: %1.").arg(names)
                              : AlertTexts::tr("Also failing because of it: %1.").arg(names));
    }
    return lines.join(u'\n');
}

QJsonObject Alert::toJson() const
{
    QJsonArray impactedArray;
    for (const QString &name : impacted)
        impactedArray.append(name);
    // What Slack and Mattermost incoming webhooks show: the title in bold, then the body.
    const QString chat = chatIcon(*this) + u" *"_s + chatEscaped(title()) + u"*\n"_s + chatEscaped(text());
    return QJsonObject{
        {u"version"_s, jsonVersion},
        {u"id"_s, id},
        {u"key"_s, key},
        {u"kind"_s, alertKindName(kind)},
        {u"resolved"_s, resolved},
        {u"status"_s, resolved ? u"resolved"_s : u"firing"_s},
        {u"timestamp"_s, isoUtc(timestampMs)},
        {u"since"_s, isoUtc(sinceMs)},
        {u"service"_s, QJsonObject{{u"id"_s, serviceId}, {u"name"_s, serviceName}, {u"group"_s, group}}},
        {u"state"_s, healthStateName(state)},
        {u"cause"_s, cause},
        {u"impacted"_s, impactedArray},
        {u"changes"_s, changes},
        {u"title"_s, title()},
        {u"text"_s, chat},
    };
}

std::optional<Alert> Alert::fromJson(const QJsonObject &object)
{
    if (object.value(u"version"_s).toInt() != jsonVersion)
        return std::nullopt;
    const std::optional<Kind> kind = alertKindFromName(object.value(u"kind"_s).toString());
    const std::optional<qint64> timestamp = fromIsoUtc(object.value(u"timestamp"_s));
    const std::optional<qint64> since = fromIsoUtc(object.value(u"since"_s));
    const QJsonValue key = object.value(u"key"_s);
    if (!kind || !timestamp || !since || !key.isString())
        return std::nullopt;
    Alert alert;
    alert.id = object.value(u"id"_s).toInteger();
    alert.key = key.toString();
    alert.kind = *kind;
    // "resolved" and "status" say the same: a document that has only one of them is still read.
    alert.resolved = object.contains(u"resolved"_s) ? object.value(u"resolved"_s).toBool()
                                                    : object.value(u"status"_s).toString() == "resolved"_L1;
    alert.timestampMs = *timestamp;
    alert.sinceMs = *since;
    const QJsonObject service = object.value(u"service"_s).toObject();
    alert.serviceId = service.value(u"id"_s).toString();
    alert.serviceName = service.value(u"name"_s).toString();
    alert.group = service.value(u"group"_s).toString();
    alert.state = healthStateFromName(object.value(u"state"_s).toString());
    alert.cause = object.value(u"cause"_s).toString();
    for (const QJsonValue &name : object.value(u"impacted"_s).toArray())
        alert.impacted.append(name.toString());
    alert.changes = object.value(u"changes"_s).toInt();
    return alert;
}

} // namespace Vigie
