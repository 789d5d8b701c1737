#pragma once

#include "health/healthevent.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>
#include <expected>

namespace Vigie {

// An engineer's "I am on it" for a failing service: its further alerts are held back until it
// recovers (the resolution is still told, and ends the acknowledgement). Shown on the tile.
struct Acknowledgement
{
    QString serviceId;
    QString comment; // may be empty
    QString author;  // the user name of who acknowledged
    qint64 atMs = 0; // UTC
    friend bool operator==(const Acknowledgement &, const Acknowledgement &) = default;
};

// Who acknowledges or mutes from this process: the user's login name ($USER, %USERNAME%), or
// under sudo the name of who ran it ($SUDO_USER).
QString silenceAuthor();

// The event log's line for it (HealthEvent::Kind::Acknowledged): the service's group and its state
// when acknowledged; the cause says who and why ("by alice: restarting db1"). Written once, by
// whoever acknowledged.
HealthEvent acknowledgementEvent(const Acknowledgement &acknowledgement, const QString &group, HealthState state);

// Alerts not told for a while: of a service, of a group, or of everything.
struct Mute
{
    enum class Scope : quint8 { All, Group, Service };
    qint64 id = 0; // the store's
    Scope scope = Scope::All;
    QString target;     // the group's name or the service's id; empty for All
    qint64 untilMs = 0; // UTC; 0: until unmuted
    QString comment;
    QString author;
    qint64 createdMs = 0;

    // Whether it silences the alerts of `serviceId` in `group` at `nowMs`.
    bool covers(const QString &serviceId, const QString &group, qint64 nowMs) const
    {
        if (untilMs != 0 && nowMs >= untilMs)
            return false;
        switch (scope) {
        case Scope::All:
            return true;
        case Scope::Group:
            return group == target;
        case Scope::Service:
            return serviceId == target;
        }
        return false;
    }
    friend bool operator==(const Mute &, const Mute &) = default;
};

// "all", "group", "service": stable, stored.
QString muteScopeName(Mute::Scope scope);

// When a mute written as the command line and the console offer it ends: "1h", "30m", "2d" (from
// `now`), "08:00" or "tomorrow 08:00" (the next such local time, today's if still to come),
// "2026-12-03 08:00" (local), or "unmuted" (0: until unmuted). A sentence on failure.
std::expected<qint64, QString> parseMuteEnd(const QString &text, const QDateTime &now);

} // namespace Vigie
