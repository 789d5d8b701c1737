#include "analytics/availability.h"
#include "analytics/csvtext.h"
#include "analytics/reportformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

qint64 utc(int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, 29), QTime(hour, minute), QTimeZone::UTC).toMSecsSinceEpoch();
}

HealthEvent serviceEvent(qint64 id, qint64 atMs, const QString &service, HealthState from, HealthState to)
{
    HealthEvent e;
    e.id = id;
    e.timestampMs = atMs;
    e.kind = HealthEvent::Kind::ServiceState;
    e.serviceId = service;
    e.group = u"Core"_s;
    e.from = from;
    e.to = to;
    return e;
}

HealthEvent probeEvent(qint64 id, qint64 atMs, const QString &service, int probe, HealthState to)
{
    HealthEvent e = serviceEvent(id, atMs, service, HealthState::Up, to);
    e.kind = HealthEvent::Kind::ProbeState;
    e.probeIndex = probe;
    return e;
}

// api: up from 10:00, down 10:10-10:25 (its probe 1) and from 10:50 to the end; db: up.
AvailabilityReport sampleReport(QList<ReportService> &services)
{
    services = {{u"api"_s, u"API, public"_s, u"Core"_s, {u"http https://api/health"_s, u"tcp api:443"_s}},
                {u"db"_s, u"Database"_s, u"Core"_s, {u"tcp db:5432"_s}}};
    const QList<HealthEvent> events{
        probeEvent(1, utc(10), u"api"_s, 0, HealthState::Up),
        probeEvent(2, utc(10), u"api"_s, 1, HealthState::Up),
        serviceEvent(3, utc(10), u"api"_s, HealthState::Unknown, HealthState::Up),
        probeEvent(4, utc(10), u"db"_s, 0, HealthState::Up),
        serviceEvent(5, utc(10), u"db"_s, HealthState::Unknown, HealthState::Up),
        probeEvent(6, utc(10, 10), u"api"_s, 1, HealthState::Down),
        serviceEvent(7, utc(10, 10), u"api"_s, HealthState::Up, HealthState::Down),
        probeEvent(8, utc(10, 25), u"api"_s, 1, HealthState::Up),
        serviceEvent(9, utc(10, 25), u"api"_s, HealthState::Down, HealthState::Up),
        probeEvent(10, utc(10, 50), u"api"_s, 0, HealthState::Down),
        serviceEvent(11, utc(10, 50), u"api"_s, HealthState::Up, HealthState::Down),
    };
    return computeAvailability(events, services, utc(10), utc(11));
}

} // namespace

class TestOutageFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvQuotesAsRfc4180()
    {
        QCOMPARE(csvField(u"plain"_s), u"plain"_s);
        QCOMPARE(csvField(u"a,b"_s), u"\"a,b\""_s);
        QCOMPARE(csvField(u"say \"hi\""_s), u"\"say \"\"hi\"\"\""_s);
        QCOMPARE(csvField(u"two\nlines"_s), u"\"two\nlines\""_s);
        QCOMPARE(csvField(u" padded"_s), u"\" padded\""_s);
        QCOMPARE(csvRecord({u"a"_s, u"b,c"_s, QString()}), u"a,\"b,c\",\r\n"_s);
        QCOMPARE(tsvRecord({u"a\tb"_s, u"c\nd"_s}), u"a b\tc d\n"_s);
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // -1: invalid
        const qint64 now = utc(12);
        QTest::newRow("now") << u"now"_s << now;
        QTest::newRow("-24h") << u"-24h"_s << now - 24 * 3'600'000LL;
        QTest::newRow("-7d") << u"-7d"_s << now - 7 * 86'400'000LL;
        QTest::newRow("-30m") << u"-30m"_s << now - 30 * 60'000LL;
        QTest::newRow("-2w") << u"-2w"_s << now - 14 * 86'400'000LL;
        QTest::newRow("utc") << u"2026-03-29T10:00:00Z"_s << utc(10);
        QTest::newRow("offset") << u"2026-03-29T12:00+02:00"_s << utc(10);
        QTest::newRow("local") << u"2026-03-29T10:00"_s
                               << QDateTime(QDate(2026, 3, 29), QTime(10, 0)).toMSecsSinceEpoch();
        QTest::newRow("date") << u"2026-03-29"_s << QDate(2026, 3, 29).startOfDay().toMSecsSinceEpoch();
        QTest::newRow("word") << u"yesterday"_s << qint64(-1);
        QTest::newRow("unit") << u"-5y"_s << qint64(-1);
        QTest::newRow("sign") << u"24h"_s << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("bad date") << u"2026-13-40T10:00"_s << qint64(-1);
    }
    void times()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const std::optional<qint64> parsed = parseReportTime(text, utc(12));
        if (expected < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed.value_or(-1), expected);
    }

    void durations()
    {
        QCOMPARE(ReportFormat::duration(45'000), u"45 s"_s);
        QCOMPARE(ReportFormat::duration(54 * 60'000), u"54 min"_s);
        QCOMPARE(ReportFormat::duration(3 * 60'000 + 51'000), u"3 min 51 s"_s);
        QCOMPARE(ReportFormat::duration(65 * 60'000), u"1 h 5 min"_s);
        QCOMPARE(ReportFormat::duration(51 * 3'600'000LL), u"2 d 3 h"_s);
        QCOMPARE(ReportFormat::percent(99.98), u"99.98 %"_s);
        // A service that was down is never "100 %".
        QCOMPARE(ReportFormat::percent(99.9999), u"99.9999 %"_s);
        QCOMPARE(ReportFormat::percent(100.0), u"100.00 %"_s);
    }

    void json()
    {
        QList<ReportService> services;
        const AvailabilityReport report = sampleReport(services);
        const QJsonObject root = QJsonDocument::fromJson(ReportFormat::toJson(report, services)).object();
        QCOMPARE(root.value("from"_L1).toString(), u"2026-03-29T10:00:00Z"_s);
        QCOMPARE(root.value("to"_L1).toString(), u"2026-03-29T11:00:00Z"_s);
        const QJsonObject api = root.value("services"_L1).toArray().at(0).toObject();
        QCOMPARE(api.value("id"_L1).toString(), u"api"_s);
        QCOMPARE(api.value("outages"_L1).toInt(), 2);
        QCOMPARE(api.value("downtime_s"_L1).toDouble(), 25 * 60.0);
        QCOMPARE(api.value("longest_outage_s"_L1).toDouble(), 15 * 60.0);
        QCOMPARE(api.value("mttr_s"_L1).toDouble(), 12.5 * 60.0);
        QCOMPARE(api.value("mtbf_s"_L1).toDouble(), 25 * 60.0);
        QCOMPARE(api.value("maintenance_s"_L1).toDouble(), 0.0);
        QVERIFY(api.value("maintenance_windows"_L1).isArray());
        QVERIFY(api.value("maintenance_windows"_L1).toArray().isEmpty());
        QCOMPARE(api.value("availability_pct"_L1).toDouble(), std::round(100.0 * 35.0 / 60.0 * 10000) / 10000);
        const QJsonArray episodes = api.value("episodes"_L1).toArray();
        QCOMPARE(episodes.size(), 2);
        const QJsonObject first = episodes.at(0).toObject();
        QCOMPARE(first.value("start"_L1).toString(), u"2026-03-29T10:10:00Z"_s);
        QCOMPARE(first.value("end"_L1).toString(), u"2026-03-29T10:25:00Z"_s);
        QCOMPARE(first.value("duration_s"_L1).toDouble(), 900.0);
        QCOMPARE(first.value("open"_L1).toBool(), false);
        QCOMPARE(first.value("failed_probes"_L1).toArray().at(0).toObject().value("probe"_L1).toString(),
                 u"tcp api:443"_s);
        QVERIFY(episodes.at(1).toObject().value("open"_L1).toBool());
        const QJsonObject db = root.value("services"_L1).toArray().at(1).toObject();
        QCOMPARE(db.value("availability_pct"_L1).toDouble(), 100.0);
        QVERIFY(db.value("mttr_s"_L1).isNull());
        const QJsonObject group = root.value("groups"_L1).toArray().at(0).toObject();
        QCOMPARE(group.value("id"_L1).toString(), u"Core"_s);
        QCOMPARE(group.value("services"_L1).toInt(), 2);
        const QJsonObject overall = root.value("overall"_L1).toObject();
        QCOMPARE(overall.value("outages"_L1).toInt(), 2);
        QCOMPARE(overall.value("episodes"_L1).toArray().at(0).toObject().value("first_failed"_L1).toString(), u"api"_s);
        QCOMPARE(root.value("operational"_L1).toArray().at(0).toObject().value("pct"_L1).toDouble(), 100.0);
    }

    void jsonEscapesTextsAndWritesTimesAsIsoUtc()
    {
        // The JSON is written as it goes (not through QJsonDocument): what it escapes and how it
        // writes times and fractions must read back as the values.
        const QString name = u"Quote \" backslash \\ tab \t newline \n bell \a é 東京 😀"_s;
        const QList<ReportService> services{{u"a\"b"_s, name, u"G/1"_s, {u"http https://x/?q=\"1\""_s}}};
        for (const qint64 fromMs : {utc(10) + 500, qint64(-86'400'000) * 400 - 1, qint64(0)}) {
            const qint64 toMs = fromMs + 1'250;
            HealthEvent down = probeEvent(1, fromMs, u"a\"b"_s, 0, HealthState::Down);
            const AvailabilityReport report =
                computeAvailability({down, serviceEvent(2, fromMs, u"a\"b"_s, HealthState::Unknown, HealthState::Down)},
                                    services, fromMs, toMs);
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(ReportFormat::toJson(report, services), &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            const QJsonObject root = document.object();
            QCOMPARE(root.value("from"_L1).toString(), ReportFormat::isoUtc(fromMs));
            QCOMPARE(root.value("to"_L1).toString(), ReportFormat::isoUtc(toMs));
            QCOMPARE(root.value("range_s"_L1).toDouble(), 1.25);
            const QJsonObject a = root.value("services"_L1).toArray().at(0).toObject();
            QCOMPARE(a.value("id"_L1).toString(), u"a\"b"_s);
            QCOMPARE(a.value("name"_L1).toString(), name);
            QCOMPARE(a.value("group"_L1).toString(), u"G/1"_s);
            const QJsonObject episode = a.value("episodes"_L1).toArray().at(0).toObject();
            QCOMPARE(episode.value("start"_L1).toString(), ReportFormat::isoUtc(fromMs));
            QCOMPARE(episode.value("duration_s"_L1).toDouble(), 1.25);
            QCOMPARE(episode.value("failed_probes"_L1).toArray().at(0).toObject().value("probe"_L1).toString(),
                     u"http https://x/?q=\"1\""_s);
            const QJsonObject overall = root.value("overall"_L1).toObject();
            QCOMPARE(overall.value("episodes"_L1).toArray().at(0).toObject().value("services"_L1).toArray(),
                     QJsonArray{u"a\"b"_s});
            QCOMPARE(root.value("operational"_L1).toArray().at(0).toObject().value("pct"_L1).toDouble(), 0.0);
        }
    }

    void csvHasOneRowPerEpisode()
    {
        QList<ReportService> services;
        const QString csv = ReportFormat::toCsv(sampleReport(services), services);
        const QStringList lines = csv.split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0),
                 u"service,service_name,group,start,end,duration_s,open,began_before_range,failed_probes"_s);
        QCOMPARE(lines.at(1),
                 u"api,\"API, public\",Core,2026-03-29T10:10:00Z,2026-03-29T10:25:00Z,900.000,0,0,1 tcp api:443"_s);
        QCOMPARE(
            lines.at(2),
            u"api,\"API, public\",Core,2026-03-29T10:50:00Z,2026-03-29T11:00:00Z,600.000,1,0,0 http https://api/health"_s);
    }

    void markdownForAPostmortem()
    {
        QList<ReportService> services;
        const QString md = ReportFormat::toMarkdown(sampleReport(services), services);
        QVERIFY2(md.contains(u"2 outage(s) from 10:10 to 11:00 (still going), 25 min in all"_s), qPrintable(md));
        QVERIFY(md.contains(u"| API, public | Core | 58.33 % | 2 | 25 min | 15 min | 13 min | 25 min | 0 s | 0 s |"_s));
        QVERIFY(md.contains(u"### API, public (api)"_s));
    }
};

QTEST_GUILESS_MAIN(TestOutageFormat)
#include "tst_outageformat.moc"
