#include "reportformat.h"

#include "csvtext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

QJsonValue seconds(qint64 ms)
{
    return double(ms) / 1000.0;
}

QJsonValue optionalSeconds(const std::optional<qint64> &ms)
{
    return ms ? seconds(*ms) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalPercent(const std::optional<double> &pct)
{
    return pct ? QJsonValue(std::round(*pct * 10000.0) / 10000.0) : QJsonValue(QJsonValue::Null);
}

const ReportService *findService(const QList<ReportService> &services, const QString &id)
{
    for (const ReportService &s : services)
        if (s.id == id)
            return &s;
    return nullptr;
}

QJsonObject figuresJson(const AvailabilityFigures &f, const QList<ReportService> &services, bool isService)
{
    QJsonObject object;
    if (isService) {
        object.insert(u"id"_s, f.id);
        object.insert(u"name"_s, f.name);
        object.insert(u"group"_s, f.group);
    } else {
        if (!f.id.isEmpty())
            object.insert(u"id"_s, f.id);
        object.insert(u"services"_s, f.services);
    }
    object.insert(u"availability_pct"_s, optionalPercent(f.availabilityPct));
    object.insert(u"outages"_s, f.outages());
    object.insert(u"downtime_s"_s, seconds(f.downtimeMs));
    if (!isService)
        object.insert(u"service_downtime_s"_s, seconds(f.serviceDowntimeMs));
    object.insert(u"longest_outage_s"_s, seconds(f.longestMs));
    object.insert(u"mttr_s"_s, optionalSeconds(f.mttrMs));
    object.insert(u"mtbf_s"_s, optionalSeconds(f.mtbfMs));
    object.insert(u"maintenance_s"_s, seconds(f.maintenanceMs));
    object.insert(u"no_data_s"_s, seconds(f.noDataMs));
    object.insert(u"observed_s"_s, seconds(f.observedMs));
    const ReportService *service = isService ? findService(services, f.id) : nullptr;
    QJsonArray episodes;
    for (const OutageEpisode &e : f.episodes) {
        QJsonObject episode{{u"start"_s, ReportFormat::isoUtc(e.startMs)},
                            {u"end"_s, ReportFormat::isoUtc(e.endMs)},
                            {u"duration_s"_s, seconds(e.durationMs())},
                            {u"open"_s, e.open},
                            {u"began_before_range"_s, e.beganBeforeRange}};
        if (e.beganBeforeRange)
            episode.insert(u"began"_s, ReportFormat::isoUtc(e.beganMs));
        if (isService) {
            QJsonArray probes;
            for (int index : e.failedProbes)
                probes.append(
                    QJsonObject{{u"index"_s, index}, {u"probe"_s, service ? service->probes.value(index) : QString()}});
            episode.insert(u"failed_probes"_s, probes);
        } else {
            episode.insert(u"first_failed"_s, e.serviceId);
            episode.insert(u"services"_s, QJsonArray::fromStringList(e.services));
        }
        episodes.append(episode);
    }
    object.insert(u"episodes"_s, episodes);
    return object;
}

QString markdownCell(QString text)
{
    text.replace(u"|"_s, u"\\|"_s);
    text.replace(u'\n', u' ');
    return text;
}

QString tableRow(const QStringList &cells)
{
    QStringList escaped;
    for (const QString &cell : cells)
        escaped.append(markdownCell(cell));
    return u"| "_s + escaped.join(u" | "_s) + u" |\n"_s;
}

QString tableRule(qsizetype columns)
{
    QStringList rules(columns, u"---"_s);
    return u"|"_s + rules.join(u"|"_s) + u"|\n"_s;
}

QString optionalDuration(const std::optional<qint64> &ms)
{
    return ms ? ReportFormat::duration(*ms) : u"-"_s;
}

} // namespace

std::optional<ReportFormat::Kind> ReportFormat::kindFromName(const QString &name)
{
    if (name == "json"_L1)
        return Kind::Json;
    if (name == "md"_L1 || name == "markdown"_L1)
        return Kind::Markdown;
    if (name == "csv"_L1)
        return Kind::Csv;
    return std::nullopt;
}

QString ReportFormat::fileSuffix(Kind kind)
{
    switch (kind) {
    case Kind::Json:
        return u"json"_s;
    case Kind::Markdown:
        return u"md"_s;
    case Kind::Csv:
        return u"csv"_s;
    }
    return {};
}

QString ReportFormat::format(const AvailabilityReport &report, const QList<ReportService> &services, Kind kind)
{
    switch (kind) {
    case Kind::Json:
        return QString::fromUtf8(toJson(report, services));
    case Kind::Markdown:
        return toMarkdown(report, services);
    case Kind::Csv:
        return toCsv(report, services);
    }
    return {};
}

QString ReportFormat::isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODate);
}

QString ReportFormat::shortTime(qint64 ms, std::optional<qint64> sameDayAs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    if (sameDayAs && QDateTime::fromMSecsSinceEpoch(*sameDayAs, QTimeZone::UTC).date() == at.date())
        return at.toString(u"HH:mm"_s);
    return at.toString(u"yyyy-MM-dd HH:mm"_s);
}

QString ReportFormat::duration(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return s % 60 == 0 || s >= 600 ? tr("%1 min").arg((s + 30) / 60) : tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    const qint64 m = (s + 30) / 60;
    if (m < 24 * 60)
        return m % 60 == 0 ? tr("%1 h").arg(m / 60) : tr("%1 h %2 min").arg(m / 60).arg(m % 60);
    const qint64 h = (m + 30) / 60;
    return h % 24 == 0 ? tr("%1 d").arg(h / 24) : tr("%1 d %2 h").arg(h / 24).arg(h % 24);
}

QString ReportFormat::percent(const std::optional<double> &pct)
{
    if (!pct)
        return tr("no data");
    // Enough digits to tell 99.98 % from 100 %: never "100 %" for a service that was down.
    int decimals = 2;
    while (decimals < 5 && *pct < 100.0 &&
           QLocale().toString(*pct, 'f', decimals) == QLocale().toString(100.0, 'f', decimals))
        ++decimals;
    return tr("%1 %").arg(QLocale().toString(*pct, 'f', decimals));
}

QString ReportFormat::episodesSummary(const AvailabilityFigures &f, std::optional<qint64> dayOf)
{
    if (f.episodes.isEmpty())
        return tr("no outage");
    const qint64 first = f.episodes.first().startMs;
    const qint64 last = f.episodes.last().endMs;
    const QString start = shortTime(first, dayOf);
    const QString end = shortTime(last, start.size() <= 5 ? dayOf : std::optional<qint64>(first));
    const QString to = f.episodes.last().open ? tr("%1 (still going)").arg(end) : end;
    return tr("%n outage(s) from %1 to %2, %3 in all", "", f.outages()).arg(start, to, duration(f.downtimeMs));
}

QString ReportFormat::failedProbes(const OutageEpisode &episode, const ReportService *service)
{
    QStringList probes;
    for (int index : episode.failedProbes) {
        const QString what = service ? service->probes.value(index) : QString();
        probes.append(what.isEmpty() ? u"#%1"_s.arg(index + 1) : u"#%1 %2"_s.arg(index + 1).arg(what));
    }
    return probes.join(u"; "_s);
}

QByteArray ReportFormat::toJson(const AvailabilityReport &report, const QList<ReportService> &services)
{
    QJsonObject root{{u"from"_s, isoUtc(report.fromMs)},
                     {u"to"_s, isoUtc(report.toMs)},
                     {u"range_s"_s, seconds(report.toMs - report.fromMs)}};
    QJsonArray serviceArray;
    for (const AvailabilityFigures &f : report.services)
        serviceArray.append(figuresJson(f, services, true));
    root.insert(u"services"_s, serviceArray);
    QJsonArray groupArray;
    for (const AvailabilityFigures &f : report.groups)
        groupArray.append(figuresJson(f, services, false));
    root.insert(u"groups"_s, groupArray);
    root.insert(u"overall"_s, figuresJson(report.overall, services, false));
    QJsonArray operational;
    for (const Sample &s : report.operational.samples)
        operational.append(QJsonObject{
            {u"time"_s, isoUtc(s.timestampMs)},
            {u"pct"_s, s.isGap() ? QJsonValue(QJsonValue::Null) : QJsonValue(std::round(s.value * 100.0) / 100.0)}});
    root.insert(u"operational"_s, operational);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString ReportFormat::toMarkdown(const AvailabilityReport &report, const QList<ReportService> &services)
{
    QString text;
    text += u"# "_s + tr("Availability report") + u"\n\n"_s;
    text += tr("From %1 to %2 (UTC), %3. Availability leaves out maintenance and time without data; degraded "
               "counts as available.")
                .arg(shortTime(report.fromMs), shortTime(report.toMs, report.fromMs),
                     duration(report.toMs - report.fromMs)) +
            u"\n\n"_s;

    const auto summary = [&](const AvailabilityFigures &f) {
        QString s;
        s += u"- "_s + tr("Availability: %1").arg(percent(f.availabilityPct)) + u'\n';
        s += u"- "_s + episodesSummary(f, report.fromMs);
        if (!f.episodes.isEmpty())
            s += u"; "_s + tr("the longest %1").arg(duration(f.longestMs));
        s += u'\n';
        s += u"- "_s + tr("MTTR %1, MTBF %2").arg(optionalDuration(f.mttrMs), optionalDuration(f.mtbfMs)) + u'\n';
        s += u"- "_s + tr("Maintenance %1, no data %2").arg(duration(f.maintenanceMs), duration(f.noDataMs)) + u'\n';
        return s;
    };

    text += u"## "_s + tr("All services (%n)", "", report.overall.services) + u"\n\n"_s;
    text += summary(report.overall);
    if (!report.overall.episodes.isEmpty()) {
        text += u'\n' + tableRow({tr("Start"), tr("End"), tr("Duration"), tr("First to fail"), tr("Services down")});
        text += tableRule(5);
        for (const OutageEpisode &e : report.overall.episodes)
            text += tableRow({shortTime(e.startMs), e.open ? tr("(still going)") : shortTime(e.endMs, e.startMs),
                              duration(e.durationMs()), e.serviceId, e.services.join(u", "_s)});
    }
    text += u'\n';

    for (const AvailabilityFigures &g : report.groups) {
        text += u"## "_s + tr("Group %1 (%n service(s))", "", g.services).arg(g.name) + u"\n\n"_s;
        text += summary(g) + u'\n';
    }

    text += u"## "_s + tr("Services") + u"\n\n"_s;
    text += tableRow({tr("Service"), tr("Group"), tr("Availability"), tr("Outages"), tr("Downtime"), tr("Longest"),
                      tr("MTTR"), tr("MTBF"), tr("Maintenance"), tr("No data")});
    text += tableRule(10);
    for (const AvailabilityFigures &f : report.services)
        text += tableRow({f.name.isEmpty() ? f.id : f.name, f.group, percent(f.availabilityPct),
                          QString::number(f.outages()), duration(f.downtimeMs), duration(f.longestMs),
                          optionalDuration(f.mttrMs), optionalDuration(f.mtbfMs), duration(f.maintenanceMs),
                          duration(f.noDataMs)});
    text += u'\n';

    for (const AvailabilityFigures &f : report.services) {
        if (f.episodes.isEmpty())
            continue;
        const ReportService *service = findService(services, f.id);
        text += u"### "_s + (f.name.isEmpty() || f.name == f.id ? f.id : u"%1 (%2)"_s.arg(f.name, f.id)) + u"\n\n"_s;
        text += episodesSummary(f, report.fromMs) + u".\n\n"_s;
        text += tableRow({tr("Start"), tr("End"), tr("Duration"), tr("Failed probes")});
        text += tableRule(4);
        for (const OutageEpisode &e : f.episodes) {
            QString start = shortTime(e.startMs);
            if (e.beganBeforeRange)
                start = tr("%1 (began before)").arg(start);
            text += tableRow({start, e.open ? tr("(still going)") : shortTime(e.endMs, e.startMs),
                              duration(e.durationMs()), failedProbes(e, service)});
        }
        text += u'\n';
    }

    if (report.operational.samples.size() > 1) {
        text += u"## "_s + tr("Services operational") + u"\n\n"_s;
        QStringList steps;
        for (qsizetype i = 0; i + 1 < report.operational.samples.size(); ++i) {
            const Sample &s = report.operational.samples[i];
            steps.append(s.isGap() ? tr("no data at %1").arg(shortTime(s.timestampMs, report.fromMs))
                                   : tr("%1 % at %2")
                                         .arg(QLocale().toString(s.value, 'f', s.value == std::round(s.value) ? 0 : 1),
                                              shortTime(s.timestampMs, report.fromMs)));
        }
        text += steps.join(u", "_s) + u".\n"_s;
    }
    return text;
}

QString ReportFormat::toCsv(const AvailabilityReport &report, const QList<ReportService> &services)
{
    QString text = csvRecord({u"service"_s, u"service_name"_s, u"group"_s, u"start"_s, u"end"_s, u"duration_s"_s,
                              u"open"_s, u"began_before_range"_s, u"failed_probes"_s});
    for (const AvailabilityFigures &f : report.services) {
        const ReportService *service = findService(services, f.id);
        for (const OutageEpisode &e : f.episodes) {
            QStringList probes;
            for (int index : e.failedProbes) {
                const QString what = service ? service->probes.value(index) : QString();
                probes.append(what.isEmpty() ? QString::number(index) : u"%1 %2"_s.arg(index).arg(what));
            }
            text += csvRecord({f.id, f.name, f.group, isoUtc(e.startMs), isoUtc(e.endMs),
                               QString::number(double(e.durationMs()) / 1000.0, 'f', 3), e.open ? u"1"_s : u"0"_s,
                               e.beganBeforeRange ? u"1"_s : u"0"_s, probes.join(u"; "_s)});
        }
    }
    return text;
}

std::optional<qint64> parseReportTime(const QString &input, qint64 nowMs)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (text == "now"_L1)
        return nowMs;
    static const QRegularExpression relative(u"^-(\\d{1,9})([smhdw])$"_s);
    if (const QRegularExpressionMatch m = relative.match(text); m.hasMatch()) {
        const qint64 count = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).front();
        const qint64 unitMs = unit == u's'   ? 1000
                              : unit == u'm' ? 60'000
                              : unit == u'h' ? 3'600'000
                              : unit == u'd' ? 86'400'000
                                             : 7 * 86'400'000LL;
        return nowMs - count * unitMs;
    }
    // A date alone is local midnight; ISO 8601 without a zone is local time, as Qt reads it.
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            at = date.startOfDay();
    }
    if (!at.isValid())
        return std::nullopt;
    return at.toMSecsSinceEpoch();
}

} // namespace Vigie
