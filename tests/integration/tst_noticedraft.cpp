// `vigie notice draft` as a script or a person meets it: the real binary on a data folder whose
// history the test writes (an extranet cut three times two hours ago), the file it prints read back
// unchanged by `vigie notice new --from`, its JSON, and its mistakes.
#include "health/healthevent.h"
#include "series/probeseries.h"
#include "series/seriesstore.h"
#include "store/resultstore.h"
#include "vigieprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#ifndef VIGIE_BINARY
#error "tst_noticedraft needs the vigie executable"
#endif

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

constexpr qint64 minuteMs = 60'000;

HealthEvent stateEvent(const QString &service, HealthEvent::Kind kind, qint64 atMs, HealthState from, HealthState to)
{
    HealthEvent e;
    e.timestampMs = atMs;
    e.kind = kind;
    e.serviceId = service;
    e.probeIndex = kind == HealthEvent::Kind::ProbeState ? 0 : -1;
    e.from = from;
    e.to = to;
    if (to == HealthState::Down)
        e.cause = Message::verbatim(u"HTTP 503"_s);
    return e;
}

void change(QList<HealthEvent> &events, const QString &service, qint64 atMs, HealthState from, HealthState to)
{
    events.append(stateEvent(service, HealthEvent::Kind::ProbeState, atMs, from, to));
    events.append(stateEvent(service, HealthEvent::Kind::ServiceState, atMs, from, to));
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODate);
}

} // namespace

class TestNoticeDraft : public QObject
{
    Q_OBJECT

    using Run = Vigie::Test::VigieRun;
    static Run vigie(const QStringList &arguments)
    {
        return Vigie::Test::runVigie(QString::fromUtf8(VIGIE_BINARY), arguments, {.timeZone = u"Europe/Paris"_s});
    }

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(text);
        return path;
    }

    // The range of the draft, as `vigie report` reads it.
    QStringList range() const { return {u"--from"_s, iso(m_base), u"--to"_s, iso(m_base + 120 * minuteMs)}; }

    QString clock(qint64 ms) const
    {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone("Europe/Paris"_ba)).toString(u"HH:mm"_s);
    }

    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_data;
    qint64 m_base = 0; // three hours ago, to the minute: the history is recent, its raw samples kept

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = write(u"ws.yaml"_s, "name: Drafts\n"
                                          "services:\n"
                                          "  - id: extranet\n"
                                          "    name: Extranet\n"
                                          "    probes:\n"
                                          "      - tcp: 127.0.0.1:9\n"
                                          "  - id: portal\n"
                                          "    name: Portal\n"
                                          "    probes:\n"
                                          "      - tcp: 127.0.0.1:9\n");
        QVERIFY(!m_workspace.isEmpty());
        m_data = m_dir.filePath(u"data"_s);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_base = now - now % minuteMs - 180 * minuteMs;

        // Both up from the start; the extranet cut at +23, +28 and +40 minutes (3, 9 and 3 minutes).
        QList<HealthEvent> events;
        change(events, u"extranet"_s, m_base, HealthState::Unknown, HealthState::Up);
        change(events, u"portal"_s, m_base, HealthState::Unknown, HealthState::Up);
        for (const auto &[start, length] : {std::pair{23, 3}, std::pair{28, 9}, std::pair{40, 3}}) {
            change(events, u"extranet"_s, m_base + start * minuteMs, HealthState::Up, HealthState::Down);
            change(events, u"extranet"_s, m_base + (start + length) * minuteMs, HealthState::Down, HealthState::Up);
        }
        ResultStore results;
        QVERIFY(results.open(m_data).has_value());
        results.appendEvents(events);
        QVERIFY(results.flush());

        // 100 ms before the first cut, 250 ms from it to the end of the last (20 minutes each way).
        SeriesSamples latency{probeLatencySeries(u"extranet"_s, 0), {}};
        for (int minute = 3; minute < 43; ++minute)
            latency.samples.append({m_base + minute * minuteMs, minute < 23 ? 100.0 : 250.0});
        SeriesStore series;
        QVERIFY(series.open(m_data).has_value());
        series.append({latency});
        QVERIFY(series.flush());
    }

    void draftThenNew()
    {
        const Run drafted = vigie(QStringList{u"notice"_s, u"draft"_s, u"--service"_s, u"extranet"_s, u"--workspace"_s,
                                              m_workspace, u"--data-dir"_s, m_data} +
                                  range());
        QVERIFY2(drafted.exitCode == 0, drafted.err.constData());
        const QString text = QString::fromUtf8(drafted.out);
        QVERIFY2(text.startsWith(u"---\ntitle: \"Disruption of Extranet\"\nkind: incident\nstatus: resolved\n"
                                 "impact: critical\ncomponents:\n  extranet: operational\n---\n"_s),
                 drafted.out.constData());
        const qint64 first = m_base + 23 * minuteMs;
        const qint64 last = m_base + 43 * minuteMs;
        QVERIFY2(text.contains(u"Extranet had 3 successive cuts from %1 to %2, 15 minutes in all (the longest: 9 "
                               "minutes)."_s.arg(clock(first), clock(last))),
                 drafted.out.constData());
        QVERIFY2(text.contains(u"the average response time went from 100 ms to 250 ms."_s), drafted.out.constData());
        QVERIFY2(text.contains(u"- %1: Extranet down (HTTP 503)\n"_s.arg(clock(first))), drafted.out.constData());

        // The file as printed is a new notice as it stands.
        const QString file = write(u"draft.md"_s, drafted.out);
        const Run created = vigie({u"notice"_s, u"new"_s, u"--from"_s, file, u"--workspace"_s, m_workspace,
                                   u"--data-dir"_s, m_data, u"--json"_s});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const qint64 id = QJsonDocument::fromJson(created.out).object().value(u"id"_s).toInteger();
        QVERIFY(id > 0);
        const Run shown = vigie({u"notice"_s, u"show"_s, QString::number(id), u"--data-dir"_s, m_data, u"--json"_s});
        QCOMPARE(shown.exitCode, 0);
        const QJsonObject notice = QJsonDocument::fromJson(shown.out).object();
        QCOMPARE(notice.value(u"title"_s).toString(), u"Disruption of Extranet"_s);
        QCOMPARE(notice.value(u"status"_s).toString(), u"resolved"_s);
        QCOMPARE(notice.value(u"impact"_s).toString(), u"critical"_s);
        const QJsonArray components = notice.value(u"components"_s).toArray();
        QCOMPARE(components.size(), 1);
        QCOMPARE(components[0].toObject().value(u"service"_s).toString(), u"extranet"_s);
        QCOMPARE(components[0].toObject().value(u"status"_s).toString(), u"operational"_s);
        const QString body = notice.value(u"updates"_s).toArray()[0].toObject().value(u"body"_s).toString();
        QVERIFY2(body.startsWith(u"**When:** "_s), qPrintable(body));
        QVERIFY(text.contains(body));
    }

    void frenchAndJson()
    {
        const Run french = vigie(QStringList{u"notice"_s, u"draft"_s, u"--all"_s, u"--lang"_s, u"fr"_s,
                                             u"--workspace"_s, m_workspace, u"--data-dir"_s, m_data} +
                                 range());
        QVERIFY2(french.exitCode == 0, french.err.constData());
        const QString text = QString::fromUtf8(french.out);
        QVERIFY2(text.contains(u"title: \"Perturbation du service Extranet\""_s), french.out.constData());
        QVERIFY2(text.contains(u"Le service Extranet a subi 3 coupures successives"_s), french.out.constData());
        QVERIFY2(text.contains(u"**Interventions réalisées"_s), french.out.constData());

        const Run json = vigie(QStringList{u"notice"_s, u"draft"_s, u"--service"_s, u"extranet"_s, u"--json"_s,
                                           u"--workspace"_s, m_workspace, u"--data-dir"_s, m_data} +
                               range());
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject draft = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(draft.value(u"cuts"_s).toInt(), 3);
        QCOMPARE(draft.value(u"downtime_ms"_s).toInteger(), 15 * minuteMs);
        QCOMPARE(draft.value(u"longest_ms"_s).toInteger(), 9 * minuteMs);
        QCOMPARE(QDateTime::fromString(draft.value(u"first_start"_s).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch(),
                 m_base + 23 * minuteMs);
        QCOMPARE(draft.value(u"before"_s).toObject().value(u"latency_mean_ms"_s).toDouble(), 100.0);
        QCOMPARE(draft.value(u"during"_s).toObject().value(u"latency_mean_ms"_s).toDouble(), 250.0);
        QCOMPARE(draft.value(u"timeline"_s).toArray().size(), 6);
        QCOMPARE(draft.value(u"timeline"_s).toArray()[0].toObject().value(u"cause"_s).toString(), u"HTTP 503"_s);
        QCOMPARE(draft.value(u"notice"_s).toObject().value(u"status"_s).toString(), u"resolved"_s);
    }

    void mistakes()
    {
        const QStringList base{u"notice"_s, u"draft"_s, u"--workspace"_s, m_workspace, u"--data-dir"_s, m_data};
        const Run unknown = vigie(base + QStringList{u"--service"_s, u"extarnet"_s} + range());
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no service \"extarnet\"; its services are: extranet, portal"),
                 unknown.err.constData());
        const Run neither = vigie(base + range());
        QCOMPARE(neither.exitCode, 2);
        QVERIFY2(neither.err.contains("--service ID (one or more) or --all"), neither.err.constData());
        const Run empty = vigie(base + QStringList{u"--all"_s, u"--from"_s, iso(m_base), u"--to"_s, iso(m_base)});
        QCOMPARE(empty.exitCode, 2);
        QVERIFY2(empty.err.contains("The range is empty"), empty.err.constData());
        const Run badTime = vigie(base + QStringList{u"--all"_s, u"--from"_s, u"yesterday"_s});
        QCOMPARE(badTime.exitCode, 2);
        QVERIFY2(badTime.err.contains("--from needs a time"), badTime.err.constData());
        const Run quiet = vigie(base + QStringList{u"--all"_s, u"--from"_s, iso(m_base + 60 * minuteMs)});
        QCOMPARE(quiet.exitCode, 1);
        QVERIFY2(quiet.err.contains("No service was down between"), quiet.err.constData());
        const Run noHistory = vigie({u"notice"_s, u"draft"_s, u"--all"_s, u"--workspace"_s, m_workspace,
                                     u"--data-dir"_s, m_dir.filePath(u"empty"_s)});
        QCOMPARE(noHistory.exitCode, 1);
        QVERIFY2(noHistory.err.contains("No history in"), noHistory.err.constData());
        const Run notForNew = vigie({u"notice"_s, u"list"_s, u"--all"_s, u"--data-dir"_s, m_data});
        QCOMPARE(notForNew.exitCode, 2);
        QVERIFY2(notForNew.err.contains("--all does not apply to vigie notice list"), notForNew.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestNoticeDraft)
#include "tst_noticedraft.moc"
