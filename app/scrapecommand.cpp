#include "scrapecommand.h"

#include "texttable.h"

#include "core/terminaltext.h"
#include "metrics/scraper.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// The shortest text that reads back as the same double; NaN and infinities as the formats spell them.
QString valueText(double value)
{
    if (std::isnan(value))
        return u"NaN"_s;
    if (std::isinf(value))
        return value > 0 ? u"+Inf"_s : u"-Inf"_s;
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString seriesText(const ScrapedSample &sample)
{
    if (sample.labels.isEmpty())
        return sample.name;
    QStringList labels;
    for (const auto &[name, value] : sample.labels) {
        QString escaped = value;
        escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s).replace(u"\n"_s, u"\\n"_s);
        labels << name + u"=\""_s + escaped + u'"';
    }
    return sample.name + u'{' + labels.join(u',') + u'}';
}

} // namespace

QString ScrapeCommand::toTable(const ScrapeResult &result)
{
    const QStringList header{tr("SAMPLE"), tr("TYPE"), tr("VALUE"), tr("TIMESTAMP (ms)")};
    QList<QStringList> rows{header};
    for (const ScrapedSample &s : result.samples)
        rows.append({terminalSafe(seriesText(s)), QString::fromUtf8(metricTypeName(s.type)), valueText(s.value),
                     s.timestampMs ? QString::number(*s.timestampMs) : u"-"_s});
    return formatTextTable(rows);
}

QByteArray ScrapeCommand::toJson(const ScrapeResult &result)
{
    QJsonArray array;
    for (const ScrapedSample &s : result.samples) {
        QJsonObject labels;
        for (const auto &[name, value] : s.labels)
            labels.insert(name, value);
        QJsonObject object{
            {u"name"_s, s.name}, {u"labels"_s, labels}, {u"type"_s, QString::fromUtf8(metricTypeName(s.type))}};
        // JSON has no NaN nor infinity: those are strings, as the formats spell them.
        object.insert(u"value"_s, std::isfinite(s.value) ? QJsonValue(s.value) : QJsonValue(valueText(s.value)));
        if (s.timestampMs)
            object.insert(u"timestamp_ms"_s, qint64(*s.timestampMs));
        array.append(object);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

int ScrapeCommand::run(const QString &url, bool json, QTextStream &out, QTextStream &err)
{
    Scraper scraper;
    std::optional<ScrapeResult> result;
    QEventLoop loop;
    QObject::connect(&scraper, &Scraper::finished, &loop, [&result, &loop](quint64, const ScrapeResult &r) {
        result = r;
        loop.quit();
    });
    scraper.scrape(QUrl::fromUserInput(url));
    loop.exec();
    if (!result->ok()) {
        const ScrapeError &error = *result->error;
        if (error.phase == ScrapeError::Phase::Parse) {
            err << terminalSafe(url + u':' + error.toString()) << '\n';
            err.flush();
            return 3;
        }
        err << terminalSafe(u"vigie: "_s + error.toString()) << '\n';
        err.flush();
        return 1;
    }
    if (json)
        out << QString::fromUtf8(toJson(*result));
    else
        out << toTable(*result);
    out.flush();
    return 0;
}

} // namespace Vigie
