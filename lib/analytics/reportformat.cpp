#include "reportformat.h"

#include "csvtext.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// A JSON writer that appends to one buffer as it goes: a year's report of a thousand services has
// hundreds of thousands of episodes and steps, which a QJsonDocument would first build as objects.
// The text is what QJsonDocument::toJson(Compact) writes, one service, group or step a line.
class JsonWriter
{
public:
    explicit JsonWriter(QByteArray &out)
        : m_out(out)
    {}

    void raw(char c) { m_out.append(c); }
    void raw(const char *text) { m_out.append(text); }

    void key(const char *name)
    {
        separate();
        m_out.append('"').append(name).append("\":");
        m_needComma = false;
    }
    void begin(char bracket)
    {
        separate();
        m_out.append(bracket);
        m_needComma = false;
    }
    void end(char bracket)
    {
        m_out.append(bracket);
        m_needComma = true;
    }
    void string(QStringView text)
    {
        separate();
        m_out.append('"');
        const QByteArray utf8 = text.toUtf8();
        for (char c : utf8) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_out.append('\\').append(c);
            } else if (u < 0x20) {
                static const char hex[] = "0123456789abcdef";
                switch (c) {
                case '\n':
                    m_out.append("\\n");
                    break;
                case '\r':
                    m_out.append("\\r");
                    break;
                case '\t':
                    m_out.append("\\t");
                    break;
                case '\b':
                    m_out.append("\\b");
                    break;
                case '\f':
                    m_out.append("\\f");
                    break;
                default:
                    m_out.append("\\u00").append(hex[u >> 4]).append(hex[u & 15]);
                }
            } else {
                m_out.append(c);
            }
        }
        m_out.append('"');
        m_needComma = true;
    }
    void boolean(bool value)
    {
        separate();
        m_out.append(value ? "true" : "false");
        m_needComma = true;
    }
    void null()
    {
        separate();
        m_out.append("null");
        m_needComma = true;
    }
    void integer(qint64 value)
    {
        separate();
        m_out.append(QByteArray::number(value));
        m_needComma = true;
    }
    void number(double value)
    {
        // As QJsonDocument writes a double: an integral value without a fraction.
        if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 9007199254740992.0)
            return integer(qint64(value));
        separate();
        m_out.append(std::isfinite(value) ? QByteArray::number(value, 'g', QLocale::FloatingPointShortest) : "null");
        m_needComma = true;
    }
    // An ISO 8601 UTC time, as ReportFormat::isoUtc() writes it, without a QDateTime per value.
    void time(qint64 ms)
    {
        separate();
        const qint64 days = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
        const qint64 secondOfDay = (ms - days * 86'400'000) / 1000;
        const QDate date = QDate(1970, 1, 1).addDays(days);
        if (date.year() < 1 || date.year() > 9999) {
            m_out.append('"').append(ReportFormat::isoUtc(ms).toUtf8()).append('"');
        } else {
            char text[64];
            std::snprintf(text, sizeof text, "\"%04d-%02d-%02dT%02d:%02d:%02dZ\"", date.year(), date.month(),
                          date.day(), int(secondOfDay / 3600), int(secondOfDay / 60 % 60), int(secondOfDay % 60));
            m_out.append(text);
        }
        m_needComma = true;
    }
    // Before an element: its comma, then a line break.
    void newline()
    {
        separate();
        m_out.append('\n');
        m_needComma = false;
    }

private:
    void separate()
    {
        if (m_needComma)
            m_out.append(',');
    }

    QByteArray &m_out;
    bool m_needComma = false;
};

const ReportService *findService(const QList<ReportService> &services, const QString &id)
{
    for (const ReportService &s : services)
        if (s.id == id)
            return &s;
    return nullptr;
}

void seconds(JsonWriter &json, qint64 ms)
{
    json.number(double(ms) / 1000.0);
}

void optionalSeconds(JsonWriter &json, const std::optional<qint64> &ms)
{
    if (ms)
        seconds(json, *ms);
    else
        json.null();
}

void optionalPercent(JsonWriter &json, const std::optional<double> &pct)
{
    if (pct)
        json.number(std::round(*pct * 10000.0) / 10000.0);
    else
        json.null();
}

void figuresJson(JsonWriter &json, const AvailabilityFigures &f, const ReportService *service, bool isService)
{
    json.begin('{');
    if (isService) {
        json.key("id");
        json.string(f.id);
        json.key("name");
        json.string(f.name);
        json.key("group");
        json.string(f.group);
    } else {
        if (!f.id.isEmpty()) {
            json.key("id");
            json.string(f.id);
        }
        json.key("services");
        json.integer(f.services);
    }
    json.key("availability_pct");
    optionalPercent(json, f.availabilityPct);
    json.key("outages");
    json.integer(f.outages());
    json.key("downtime_s");
    seconds(json, f.downtimeMs);
    if (!isService) {
        json.key("service_downtime_s");
        seconds(json, f.serviceDowntimeMs);
    }
    json.key("longest_outage_s");
    seconds(json, f.longestMs);
    json.key("mttr_s");
    optionalSeconds(json, f.mttrMs);
    json.key("mtbf_s");
    optionalSeconds(json, f.mtbfMs);
    json.key("maintenance_s");
    seconds(json, f.maintenanceMs);
    json.key("no_data_s");
    seconds(json, f.noDataMs);
    json.key("observed_s");
    seconds(json, f.observedMs);
    json.key("episodes");
    json.begin('[');
    for (const OutageEpisode &e : f.episodes) {
        json.begin('{');
        json.key("start");
        json.time(e.startMs);
        json.key("end");
        json.time(e.endMs);
        json.key("duration_s");
        seconds(json, e.durationMs());
        json.key("open");
        json.boolean(e.open);
        json.key("began_before_range");
        json.boolean(e.beganBeforeRange);
        if (e.beganBeforeRange) {
            json.key("began");
            json.time(e.beganMs);
        }
        if (isService) {
            json.key("failed_probes");
            json.begin('[');
            for (int index : e.failedProbes) {
                json.begin('{');
                json.key("index");
                json.integer(index);
                json.key("probe");
                json.string(service ? service->probes.value(index) : QString());
                json.end('}');
            }
            json.end(']');
        } else {
            json.key("first_failed");
            json.string(e.serviceId);
            json.key("services");
            json.begin('[');
            for (const QString &id : e.services)
                json.string(id);
            json.end(']');
        }
        json.end('}');
    }
    json.end(']');
    if (isService) {
        json.key("maintenance_windows");
        json.begin('[');
        for (const MaintenanceSpan &w : f.maintenance) {
            json.begin('{');
            json.key("start");
            json.time(w.startMs);
            json.key("end");
            json.time(w.endMs);
            json.end('}');
        }
        json.end(']');
    }
    json.end('}');
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
    QHash<QString, const ReportService *> byId;
    byId.reserve(services.size());
    for (const ReportService &s : services)
        if (!byId.contains(s.id)) // the first of two with one id
            byId.insert(s.id, &s);
    QByteArray out;
    JsonWriter json(out);
    json.begin('{');
    json.key("from");
    json.time(report.fromMs);
    json.key("to");
    json.time(report.toMs);
    json.key("range_s");
    seconds(json, report.toMs - report.fromMs);
    json.key("services");
    json.begin('[');
    for (const AvailabilityFigures &f : report.services) {
        json.newline();
        figuresJson(json, f, byId.value(f.id), true);
    }
    json.end(']');
    json.newline();
    json.key("groups");
    json.begin('[');
    for (const AvailabilityFigures &f : report.groups) {
        json.newline();
        figuresJson(json, f, nullptr, false);
    }
    json.end(']');
    json.newline();
    json.key("overall");
    figuresJson(json, report.overall, nullptr, false);
    json.newline();
    json.key("operational");
    json.begin('[');
    for (const Sample &s : report.operational.samples) {
        json.newline();
        json.begin('{');
        json.key("time");
        json.time(s.timestampMs);
        json.key("pct");
        if (s.isGap())
            json.null();
        else
            json.number(std::round(s.value * 100.0) / 100.0);
        json.end('}');
    }
    json.end(']');
    json.raw('\n');
    json.end('}');
    json.raw('\n');
    return out;
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
