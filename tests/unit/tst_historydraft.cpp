// A notice drafted from history: stores filled by the test with a known incident (the extranet's
// 14 cuts from 19:23 to 20:46, Europe/Paris), read back through computeHistoryDraft on an injected
// clock, and the notice it suggests in English and French.
#include "manualclock.h"
#include "notices/historydraft.h"
#include "series/probeseries.h"
#include "series/seriesstore.h"
#include "store/resultstore.h"
#include "workspace/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

const QTimeZone paris("Europe/Paris"_ba);
constexpr qint64 minuteMs = 60'000;
const QString nbsp(QChar(0x00A0));

qint64 parisTime(int hour, int minute, int day = 19, int second = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute, second), paris).toMSecsSinceEpoch();
}

Service makeService(const QString &id, const QString &name)
{
    Service s;
    s.id = id;
    s.name = name;
    ProbeSpec spec;
    spec.setKind(ProbeKind::Tcp);
    spec.target = id + u".example.org:443"_s;
    s.probes.append(spec);
    return s;
}

HealthEvent stateEvent(const QString &service, HealthEvent::Kind kind, qint64 atMs, HealthState from, HealthState to,
                       const Message &cause = {})
{
    HealthEvent e;
    e.timestampMs = atMs;
    e.kind = kind;
    e.serviceId = service;
    e.probeIndex = kind == HealthEvent::Kind::ProbeState ? 0 : -1;
    e.from = from;
    e.to = to;
    e.cause = cause;
    return e;
}

// A probe's change and the service's change it causes, as the health tracker records them.
void change(QList<HealthEvent> &events, const QString &service, qint64 atMs, HealthState from, HealthState to,
            const Message &cause = {})
{
    events.append(stateEvent(service, HealthEvent::Kind::ProbeState, atMs, from, to, cause));
    events.append(stateEvent(service, HealthEvent::Kind::ServiceState, atMs, from, to, cause));
}

void cut(QList<HealthEvent> &events, const QString &service, qint64 fromMs, qint64 toMs)
{
    change(events, service, fromMs, HealthState::Up, HealthState::Down, Message::verbatim(u"HTTP 503"_s));
    change(events, service, toMs, HealthState::Down, HealthState::Up);
}

// The sentence of a failed draft (QVERIFY2 reads its message whether the check passes or not).
QString errorOf(const std::expected<HistoryDraft, QString> &drafted)
{
    return drafted ? QString() : drafted.error();
}

} // namespace

class TestHistoryDraft : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ResultStore m_results;
    SeriesStore m_series;
    Workspace m_workspace;
    // "Now" is the next day's noon, after everything the test writes.
    const QDateTime m_now = QDateTime::fromMSecsSinceEpoch(parisTime(12, 0, 30), QTimeZone::UTC);
    Test::ManualClock m_clock{m_now};
    QList<std::pair<qint64, qint64>> m_cuts; // the extranet's, as written

    std::expected<HistoryDraft, QString> draft(const HistoryDraftRequest &request)
    {
        return computeHistoryDraft(m_results, &m_series, m_workspace, request, m_clock).result();
    }

    HistoryDraft extranet(qint64 fromMs, qint64 toMs)
    {
        const auto drafted = draft({{u"extranet"_s}, fromMs, toMs, std::nullopt});
        if (!drafted)
            qWarning() << drafted.error();
        return drafted.value_or(HistoryDraft());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(paris.isValid());
        m_workspace.name = u"Acme"_s;
        m_workspace.services = {makeService(u"extranet"_s, u"Extranet"_s), makeService(u"billing"_s, u"Billing"_s),
                                makeService(u"mail"_s, u"Mail"_s), makeService(u"search"_s, u"Search"_s)};
        for (int i = 4; i < 10; ++i)
            m_workspace.services.append(makeService(u"svc-%1"_s.arg(i), u"Service %1"_s.arg(i)));

        // Every service up from 18:00 (the first result of each).
        QList<HealthEvent> events;
        for (const Service &s : std::as_const(m_workspace.services))
            change(events, s.id, parisTime(18, 0), HealthState::Unknown, HealthState::Up);
        // The extranet's 14 cuts from 19:23: twelve of 3 minutes and two of 9 (the 5th and the 10th),
        // 54 minutes in all, 2 or 3 minutes apart; the last one ends at 20:46.
        qint64 at = parisTime(19, 23);
        for (int i = 0; i < 14; ++i) {
            const qint64 length = (i == 4 || i == 9 ? 9 : 3) * minuteMs;
            m_cuts.append({at, at + length});
            cut(events, u"extranet"_s, at, at + length);
            at += length + (i < 10 ? 2 : 3) * minuteMs;
        }
        // Billing and mail fail within the extranet's 5th cut: 10 services, 90 %, 80 %, then 70 %
        // operational.
        const qint64 fifth = m_cuts[4].first;
        cut(events, u"billing"_s, fifth + minuteMs, fifth + 7 * minuteMs);
        cut(events, u"mail"_s, fifth + 2 * minuteMs, fifth + 5 * minuteMs);
        // Search is only slow: degraded, never down.
        change(events, u"search"_s, parisTime(19, 40), HealthState::Up, HealthState::Degraded);
        change(events, u"search"_s, parisTime(19, 50), HealthState::Degraded, HealthState::Up);
        // On the night of the change to summer time (29 March, 02:00 CET → 03:00 CEST), service 4
        // is down from 01:50 CET to 03:10 CEST: 20 minutes.
        cut(events, u"svc-4"_s, parisTime(1, 50, 29), parisTime(3, 10, 29));

        // Retention reads the same clock: the test's history is recent, its raw samples kept.
        m_results.setClock(&m_clock);
        m_series.setClock(&m_clock);
        QVERIFY(m_results.open(m_dir.path()).has_value());
        m_results.appendEvents(events);
        QVERIFY(m_results.flush());

        // The extranet's probe, one result a second over the 83 minutes before its first cut and the
        // 83 minutes from its first cut to the end of its last: 120 ms then 209 ms, and 4 failures
        // then 119 out of 4,980 (0.08 %, then 2.39 %). The series are the test's figures, written as
        // they are, not derived from the cuts.
        QCOMPARE(m_cuts.constLast().second - m_cuts.constFirst().first, 83 * minuteMs);
        SeriesSamples latency{probeLatencySeries(u"extranet"_s, 0), {}};
        SeriesSamples success{probeSuccessSeries(u"extranet"_s, 0), {}};
        const qint64 first = m_cuts.constFirst().first;
        for (int second = 0; second < 2 * 4980; ++second) {
            const qint64 t = first - 4980 * 1000 + qint64(second) * 1000;
            const bool before = second < 4980;
            const int index = before ? second : second - 4980;
            latency.samples.append({t, before ? 120.0 : 209.0});
            success.samples.append({t, index < (before ? 4 : 119) ? 0.0 : 1.0});
        }
        QVERIFY(m_series.open(m_dir.path()).has_value());
        m_series.append({latency, success});
        QVERIFY(m_series.flush());
    }

    void fourteenCuts()
    {
        const HistoryDraft d = extranet(parisTime(19, 0), parisTime(22, 0));
        QCOMPARE(d.cuts, 14);
        QCOMPARE(d.firstStartMs, parisTime(19, 23));
        QCOMPARE(d.startMs, parisTime(19, 23));
        QCOMPARE(d.lastEndMs, parisTime(20, 46));
        QCOMPARE(d.downtimeMs, 54 * minuteMs);
        QCOMPARE(d.longestMs, 9 * minuteMs);
        QVERIFY(!d.open);
        QCOMPARE(d.services.size(), 1);
        QCOMPARE(d.services[0].id, u"extranet"_s);
        QCOMPARE(d.services[0].cuts, 14);
        QCOMPARE(d.services[0].worstStatus, ComponentStatus::MajorOutage);
        // Back up at the end: the component is operational again, the impact that of the worst.
        QCOMPARE(d.components(), (QList<AffectedComponent>{{u"extranet"_s, ComponentStatus::Operational}}));
        QCOMPARE(d.status(), NoticeStatus::Resolved);
        // 28 changes: each cut's start and end, in order.
        QCOMPARE(d.timeline.size(), 28);
        QCOMPARE(d.timeline[0].timestampMs, parisTime(19, 23));
        QCOMPARE(d.timeline[0].to, HealthState::Down);
        QCOMPARE(d.timeline[0].cause.toString(), u"HTTP 503"_s);
        QCOMPARE(d.timeline[27].timestampMs, parisTime(20, 46));
        QCOMPARE(d.timeline[27].to, HealthState::Up);

        const NoticeFile en = historyDraftNotice(d, NoticeLanguage::English, paris);
        QCOMPARE(en.title, u"Disruption of Extranet"_s);
        QCOMPARE(en.status, NoticeStatus::Resolved);
        QCOMPARE(en.impact, NoticeImpact::Critical);
        QCOMPARE(en.components, d.components());
        QVERIFY2(en.body.contains(u"**When:** 19 March 2026 from 19:23 to 20:46 (CET)\n"_s), qPrintable(en.body));
        QVERIFY2(en.body.contains(u"**Nature of the incident:** Extranet had 14 successive cuts from 19:23 to 20:46, "
                                  "54 minutes in all (the longest: 9 minutes)."_s),
                 qPrintable(en.body));
        QVERIFY2(en.body.contains(u"**Actions taken:**\n- 19:23: Extranet down (HTTP 503)\n- 19:26: Extranet "
                                  "operational again\n"_s),
                 qPrintable(en.body));
        QVERIFY2(en.body.contains(u"- 20:46: Extranet operational again\n- [what our teams did, and when]\n"_s),
                 qPrintable(en.body));
        QVERIFY2(en.body.contains(u"**Cause:** [what caused the incident]"_s), qPrintable(en.body));
        QVERIFY2(en.body.endsWith(u"**Status:** resolved at 20:46.\n"_s), qPrintable(en.body));

        const NoticeFile fr = historyDraftNotice(d, NoticeLanguage::French, paris);
        const auto h = [](int hour, int minute) {
            return QString::number(hour) + nbsp + u'h' + nbsp + u"%1"_s.arg(minute, 2, 10, QChar(u'0'));
        };
        QCOMPARE(fr.title, u"Perturbation du service Extranet"_s);
        QVERIFY2(fr.body.contains(u"**Quand"_s + nbsp + u":** le 19 mars 2026 de "_s + h(19, 23) + u" à "_s +
                                  h(20, 46) + u" (CET)\n"_s),
                 qPrintable(fr.body));
        QVERIFY2(fr.body.contains(u"**Nature de l’incident"_s + nbsp +
                                  u":** Le service Extranet a subi 14 coupures "
                                  "successives de "_s +
                                  h(19, 23) + u" à "_s + h(20, 46) + u", 54 minutes au total (la plus longue"_s + nbsp +
                                  u": 9 minutes)."_s),
                 qPrintable(fr.body));
        QVERIFY2(fr.body.contains(u"- "_s + h(19, 23) + nbsp + u": service Extranet indisponible (HTTP 503)\n- "_s +
                                  h(19, 26) + nbsp + u": service Extranet de nouveau opérationnel\n"_s),
                 qPrintable(fr.body));
        QVERIFY2(fr.body.endsWith(u"**Statut"_s + nbsp + u":** résolu à "_s + h(20, 46) + u".\n"_s),
                 qPrintable(fr.body));
    }

    void latencyAndErrorRateBeforeAndDuring()
    {
        const HistoryDraft d = extranet(parisTime(19, 0), parisTime(22, 0));
        // "Before" is as long as "during" (83 minutes) and ends where the first cut begins.
        QCOMPARE(d.duringFromMs, parisTime(19, 23));
        QCOMPARE(d.duringToMs, parisTime(20, 46));
        QCOMPARE(d.beforeFromMs, parisTime(18, 0));
        QCOMPARE(d.latencyBeforeMs, std::optional(120.0));
        QCOMPARE(d.latencyDuringMs, std::optional(209.0));
        QVERIFY(d.errorRateBeforePct && d.errorRateDuringPct);
        QVERIFY(qFuzzyCompare(*d.errorRateBeforePct, 100.0 * 4 / 4980));
        QVERIFY(qFuzzyCompare(*d.errorRateDuringPct, 100.0 * 119 / 4980));

        const QString en = historyDraftNotice(d, NoticeLanguage::English, paris).body;
        QVERIFY2(en.contains(u"Compared with the same length of time just before, the average response time went from "
                             "120 ms to 209 ms and the error rate from 0.08% to 2.39%."_s),
                 qPrintable(en));
        const QString fr = historyDraftNotice(d, NoticeLanguage::French, paris).body;
        QVERIFY2(fr.contains(u"Par rapport à la même durée juste avant, le temps de réponse moyen est passé de 120"_s +
                             nbsp + u"ms à 209"_s + nbsp + u"ms et le taux d’erreur de 0,08"_s + nbsp + u"% à 2,39"_s +
                             nbsp + u"%."_s),
                 qPrintable(fr));

        // Without the series store, the draft has the cuts and says nothing of response times.
        const auto bare =
            computeHistoryDraft(m_results, nullptr, m_workspace,
                                {{u"extranet"_s}, parisTime(19, 0), parisTime(22, 0), std::nullopt}, m_clock)
                .result();
        QVERIFY(bare);
        QCOMPARE(bare->cuts, 14);
        QCOMPARE(bare->latencyBeforeMs, std::nullopt);
        QVERIFY(!historyDraftNotice(*bare, NoticeLanguage::English, paris).body.contains(u"Compared with"_s));
    }

    void shareOfServicesOperational()
    {
        const HistoryDraft d = extranet(parisTime(19, 0), parisTime(22, 0));
        QCOMPARE(d.operationalSteps, (QList<double>{70, 80, 90, 100}));
        // The steps in time: 100 % until the first cut, 70 % at worst within the 5th.
        QCOMPARE(d.operational.samples.constFirst().value, 100.0);
        QCOMPARE(d.operational.samples[1].timestampMs, parisTime(19, 23));
        QCOMPARE(d.operational.samples[1].value, 90.0);
        const QString en = historyDraftNotice(d, NoticeLanguage::English, paris).body;
        QVERIFY2(en.contains(u"Share of services operational over the period: 70%, 80%, 90% and 100%."_s),
                 qPrintable(en));
        const QString fr = historyDraftNotice(d, NoticeLanguage::French, paris).body;
        QVERIFY2(fr.contains(u"Part des services opérationnels sur la période"_s + nbsp + u": 70"_s + nbsp +
                             u"%, 80"_s + nbsp + u"%, 90"_s + nbsp + u"% et 100"_s + nbsp + u"%."_s),
                 qPrintable(fr));
    }

    void statusFollowsTheEndOfTheRange()
    {
        // Within the 10th cut (the second of 9 minutes): still down at the end.
        const qint64 within = m_cuts[9].first + 4 * minuteMs;
        const HistoryDraft open = extranet(parisTime(19, 0), within);
        QVERIFY(open.open);
        QCOMPARE(open.cuts, 10);
        QCOMPARE(open.lastEndMs, within);
        QCOMPARE(open.status(), NoticeStatus::Investigating);
        QCOMPARE(open.components(), (QList<AffectedComponent>{{u"extranet"_s, ComponentStatus::MajorOutage}}));
        const NoticeFile en = historyDraftNotice(open, NoticeLanguage::English, paris);
        QCOMPARE(en.status, NoticeStatus::Investigating);
        QVERIFY2(en.body.contains(u"**When:** since 19 March 2026 at 19:23 (CET)"_s), qPrintable(en.body));
        QVERIFY2(en.body.contains(u"Extranet has had 10 successive cuts since 19:23"_s), qPrintable(en.body));
        QVERIFY2(en.body.contains(u"**Cause:** under investigation."_s), qPrintable(en.body));
        QVERIFY2(en.body.contains(u"**Status:** investigating."_s), qPrintable(en.body));

        // Ended 14 minutes before the end of the range: it may fail again.
        const HistoryDraft recent = extranet(parisTime(19, 0), parisTime(21, 0));
        QCOMPARE(recent.status(), NoticeStatus::Monitoring);
        QVERIFY(historyDraftNotice(recent, NoticeLanguage::English, paris)
                    .body.endsWith(u"**Status:** restored at 20:46; we are monitoring the situation.\n"_s));

        // A range that ends in the future is read up to now.
        m_clock.set(QDateTime::fromMSecsSinceEpoch(within, QTimeZone::UTC));
        const HistoryDraft now = extranet(parisTime(19, 0), parisTime(23, 0));
        m_clock.set(m_now);
        QCOMPARE(now.asOfMs, within);
        QCOMPARE(now.status(), NoticeStatus::Investigating);
    }

    void localTimeAcrossTheChangeToSummerTime()
    {
        const auto drafted = draft({{u"svc-4"_s}, parisTime(0, 0, 29), parisTime(6, 0, 29), std::nullopt});
        QVERIFY2(drafted, qPrintable(errorOf(drafted)));
        QCOMPARE(drafted->downtimeMs, 20 * minuteMs);
        const QString en = historyDraftNotice(*drafted, NoticeLanguage::English, paris).body;
        QVERIFY2(en.contains(u"**When:** 29 March 2026 from 01:50 (CET) to 03:10 (CEST)\n"_s), qPrintable(en));
        QVERIFY2(en.contains(u"Service 4 was unavailable from 01:50 to 03:10 (20 minutes)."_s), qPrintable(en));
        QVERIFY2(en.contains(u"- 01:50: Service 4 down (HTTP 503)\n- 03:10: Service 4 operational again\n"_s),
                 qPrintable(en));
        const QString fr = historyDraftNotice(*drafted, NoticeLanguage::French, paris).body;
        QVERIFY2(fr.contains(u"le 29 mars 2026 de 1"_s + nbsp + u"h"_s + nbsp + u"50 (CET) à 3"_s + nbsp + u"h"_s +
                             nbsp + u"10 (CEST)"_s),
                 qPrintable(fr));
        // In UTC the same cut reads 00:50 to 01:10.
        const QString utc = historyDraftNotice(*drafted, NoticeLanguage::English, QTimeZone::UTC).body;
        QVERIFY2(utc.contains(u"- 00:50: Service 4 down"_s), qPrintable(utc));
    }

    void servicesFromTheRange()
    {
        // No service named: those down in the range, in the workspace's order; search (only
        // degraded) and the services that stayed up are left out.
        const auto drafted = draft({{}, parisTime(19, 0), parisTime(22, 0), std::nullopt});
        QVERIFY2(drafted, qPrintable(errorOf(drafted)));
        QStringList ids;
        for (const HistoryDraftService &s : drafted->services)
            ids.append(s.id);
        QCOMPARE(ids, (QStringList{u"extranet"_s, u"billing"_s, u"mail"_s}));
        // Together: the 5th cut holds billing's and mail's.
        QCOMPARE(drafted->cuts, 14);
        QCOMPARE(drafted->downtimeMs, 54 * minuteMs);
        const NoticeFile en = historyDraftNotice(*drafted, NoticeLanguage::English, paris);
        QCOMPARE(en.title, u"Disruption of Extranet, Billing and Mail"_s);
        QVERIFY2(en.body.contains(u"Extranet, Billing and Mail had 14 successive cuts"_s), qPrintable(en.body));
        const NoticeFile fr = historyDraftNotice(*drafted, NoticeLanguage::French, paris);
        QVERIFY2(fr.body.contains(u"Les services Extranet, Billing et Mail ont subi 14 coupures successives"_s),
                 qPrintable(fr.body));

        // Named, a degraded service is part of it, as degraded performance.
        const auto degraded = draft({{u"search"_s}, parisTime(19, 0), parisTime(22, 0), std::nullopt});
        QVERIFY2(degraded, qPrintable(errorOf(degraded)));
        QCOMPARE(degraded->cuts, 0);
        QCOMPARE(degraded->worstStatus(), ComponentStatus::DegradedPerformance);
        const NoticeFile slow = historyDraftNotice(*degraded, NoticeLanguage::English, paris);
        QCOMPARE(slow.impact, NoticeImpact::Minor);
        QVERIFY2(slow.body.contains(u"Search ran with degraded performance."_s), qPrintable(slow.body));
        QVERIFY2(slow.body.contains(u"**When:** 19 March 2026 from 19:40 to 19:50 (CET)"_s), qPrintable(slow.body));
    }

    void fromOneEpisode()
    {
        // Drafted from the extranet's 7th cut in a report of the evening: the run of 14 it belongs to.
        OutageEpisode episode;
        episode.serviceId = u"extranet"_s;
        episode.startMs = m_cuts[6].first;
        episode.endMs = m_cuts[6].second;
        const HistoryDraftRequest request =
            HistoryDraftRequest::forEpisode(episode, parisTime(18, 0), parisTime(23, 0));
        QCOMPARE(request.serviceIds, QStringList{u"extranet"_s});
        const auto drafted = draft(request);
        QVERIFY2(drafted, qPrintable(errorOf(drafted)));
        QCOMPARE(drafted->cuts, 14);
        QCOMPARE(drafted->fromMs, parisTime(19, 23));
        QCOMPARE(drafted->toMs, parisTime(20, 46));
        QCOMPARE(drafted->status(), NoticeStatus::Resolved);
    }

    void errors()
    {
        const auto unknown = draft({{u"extranet"_s, u"extarnet"_s}, parisTime(19, 0), parisTime(22, 0), std::nullopt});
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().contains(u"\"extarnet\""_s), qPrintable(unknown.error()));
        QVERIFY2(unknown.error().contains(u"extranet, billing, mail"_s), qPrintable(unknown.error()));
        const auto empty = draft({{u"extranet"_s}, parisTime(22, 0), parisTime(22, 0), std::nullopt});
        QVERIFY(!empty);
        QVERIFY2(empty.error().contains(u"empty"_s), qPrintable(empty.error()));
        const auto quiet = draft({{}, parisTime(21, 0), parisTime(22, 0), std::nullopt});
        QVERIFY(!quiet);
        QVERIFY2(quiet.error().startsWith(u"No service was down between"_s), qPrintable(quiet.error()));
    }

    void noticeFileRoundTrip()
    {
        const HistoryDraft d = extranet(parisTime(19, 0), parisTime(22, 0));
        const NoticeFile written = historyDraftNotice(d, NoticeLanguage::French, paris);
        const auto read = NoticeFile::parse(written.toText(), u"draft.md"_s, NoticeFile::Use::NewNotice, &m_workspace);
        QVERIFY2(read, read ? "" : qPrintable(read.error().constFirst().toString()));
        QCOMPARE(read->title, written.title);
        QCOMPARE(read->kind, written.kind);
        QCOMPARE(read->status, written.status);
        QCOMPARE(read->impact, written.impact);
        QCOMPARE(read->components, written.components);
        QCOMPARE(read->body + u'\n', written.body);
    }
};

QTEST_GUILESS_MAIN(TestHistoryDraft)
#include "tst_historydraft.moc"
