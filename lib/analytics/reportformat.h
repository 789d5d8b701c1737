#pragma once

#include "availability.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Vigie {

// The texts of an availability report: what `vigie report` prints and the Reports view exports,
// one formatter for both. Times are UTC (ISO 8601 in JSON and CSV).
class ReportFormat
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::ReportFormat)

public:
    enum class Kind { Json, Markdown, Csv };

    // "json", "md" (or "markdown"), "csv"; nullopt for anything else.
    static std::optional<Kind> kindFromName(const QString &name);
    static QString fileSuffix(Kind kind); // "json", "md", "csv"

    static QString format(const AvailabilityReport &report, const QList<ReportService> &services, Kind kind);

    // For machines: stable keys, durations in seconds, times ISO 8601 UTC.
    static QByteArray toJson(const AvailabilityReport &report, const QList<ReportService> &services);
    // For a postmortem, in the display language: "14 outages from 19:23 to 20:46, 54 min in all".
    static QString toMarkdown(const AvailabilityReport &report, const QList<ReportService> &services);
    // One row per service episode (RFC 4180).
    static QString toCsv(const AvailabilityReport &report, const QList<ReportService> &services);

    // A duration for people: "45 s", "54 min", "1 h 5 min", "2 d 3 h".
    static QString duration(qint64 ms);
    // An availability for people: "99.98 %", "no data".
    static QString percent(const std::optional<double> &pct);
    // The sentence of a list of episodes: "14 outages from 19:23 to 20:46, 54 min in all", "no outage".
    // Times on the UTC day of `dayOf` (the report's start) go without their date.
    static QString episodesSummary(const AvailabilityFigures &figures, std::optional<qint64> dayOf = std::nullopt);
    // The probes of an episode, for people: "#1 http https://...; #2 tcp db:5432".
    static QString failedProbes(const OutageEpisode &episode, const ReportService *service);

    static QString isoUtc(qint64 ms);
    // "2026-03-29 19:23" (UTC), or "19:23" when `sameDayAs` falls on the same UTC day.
    static QString shortTime(qint64 ms, std::optional<qint64> sameDayAs = std::nullopt);
};

// A time on the command line: ISO 8601 with or without a zone (without one: local time), a date
// alone (local midnight), "now", or relative to `nowMs`: "-30m", "-24h", "-7d", "-2w", "-90s".
// Returns UTC ms, or nullopt when the text is none of these.
std::optional<qint64> parseReportTime(const QString &text, qint64 nowMs);

} // namespace Vigie
