// The alert rules with an injected clock: grouping by root cause, the group wait, flapping,
// maintenance, acknowledgements, mutes and certificates.
#include "alertlab.h"
#include "alerts/alertrules.h"
#include "manualclock.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace std::chrono_literals;

using Test::alertLabService;

class TestAlertRules : public QObject
{
    Q_OBJECT

private:
    Test::ManualClock clock;
    Workspace workspace;
    QHash<QString, ServiceHealth> health;

    HealthEvent change(const QString &id, HealthState from, HealthState to, const QString &cause = {})
    {
        HealthEvent e;
        e.kind = HealthEvent::Kind::ServiceState;
        e.serviceId = id;
        e.from = from;
        e.to = to;
        e.timestampMs = clock.nowMs();
        e.cause = Message::verbatim(cause.isEmpty() ? u"3 consecutive failures: connection refused"_s : cause);
        return e;
    }

    // Moves a service to `to` (its health too) and tells the rules.
    void move(AlertRules &rules, const QString &id, HealthState to, const QString &impactedBy = {},
              bool maintenance = false)
    {
        ServiceHealth &h = health[id];
        HealthEvent e = change(id, h.state, to);
        e.inMaintenance = maintenance;
        h.state = to;
        h.impactedBy = impactedBy;
        h.inMaintenance = maintenance;
        rules.noteEvents({e}, {{id, h}});
    }

private Q_SLOTS:
    void init()
    {
        clock.set(QDateTime(QDate(2026, 11, 30), QTime(19, 23), QTimeZone::UTC));
        workspace = {};
        workspace.services = {alertLabService(u"db"_s, u"Database"_s, u"Data"_s),
                              alertLabService(u"portal"_s, u"Customer portal"_s, u"Web"_s, {u"db"_s}),
                              alertLabService(u"api"_s, u"API"_s, u"Web"_s, {u"db"_s}),
                              alertLabService(u"mail"_s, u"Mail"_s, u"Mail"_s)};
        workspace.alerts.groupWait = 30s;
        workspace.alerts.flapInterval = 10min;
        health.clear();
        ServiceHealth up;
        up.state = HealthState::Up;
        for (const Service &s : std::as_const(workspace.services))
            health.insert(s.id, up);
    }

    void downWaitsForTheGroupWaitThenResolves()
    {
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        move(rules, u"mail"_s, HealthState::Down);
        QVERIFY(rules.takeDue().isEmpty());
        QCOMPARE(rules.nextDueMs(), clock.nowMs() + 30'000);
        clock.advance(30s);
        const QList<Alert> due = rules.takeDue();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().kind, Alert::Kind::Down);
        QCOMPARE(due.first().key, u"service:mail"_s);
        QCOMPARE(due.first().serviceName, u"Mail"_s);
        QVERIFY(!due.first().resolved);
        QVERIFY(due.first().cause.contains(u"connection refused"_s));
        QVERIFY(rules.takeDue().isEmpty()); // handed over once

        clock.advance(12min);
        move(rules, u"mail"_s, HealthState::Up);
        const QList<Alert> resolved = rules.takeDue();
        QCOMPARE(resolved.size(), 1);
        QVERIFY(resolved.first().resolved);
        QCOMPARE(resolved.first().key, u"service:mail"_s);
        QCOMPARE(resolved.first().sinceMs, due.first().sinceMs);
        QCOMPARE(rules.nextDueMs(), 0);
    }

    void aBlipShorterThanTheGroupWaitTellsNothing()
    {
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        move(rules, u"mail"_s, HealthState::Down);
        clock.advance(10s);
        move(rules, u"mail"_s, HealthState::Up);
        clock.advance(1min);
        QVERIFY(rules.takeDue().isEmpty());
        QCOMPARE(rules.nextDueMs(), 0);
    }

    void oneAlertForARootCauseNamingWhatItImpacts()
    {
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        // The portal fails first (probed before the database), then the database goes down and
        // the health tracker explains the portal and the API by it.
        move(rules, u"portal"_s, HealthState::Down);
        clock.advance(5s);
        move(rules, u"db"_s, HealthState::Down);
        move(rules, u"portal"_s, HealthState::Down, u"db"_s);
        move(rules, u"api"_s, HealthState::Down, u"db"_s);
        clock.advance(30s);
        const QList<Alert> due = rules.takeDue();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().serviceId, u"db"_s);
        QCOMPARE(due.first().impacted, (QStringList{u"API"_s, u"Customer portal"_s}));
        QCOMPARE(rules.heldBack().impacted, 2); // the portal (its waiting alert dropped) and the API
    }

    void nothingDuringMaintenance()
    {
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        move(rules, u"mail"_s, HealthState::Down, {}, true);
        clock.advance(1min);
        QVERIFY(rules.takeDue().isEmpty());
        QCOMPARE(rules.heldBack().maintenance, 1);
        // Back up at the end of the window: nothing was told, nothing to resolve.
        move(rules, u"mail"_s, HealthState::Up);
        QVERIFY(rules.takeDue().isEmpty());
    }

    void flappingIsToldOncePerInterval()
    {
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        move(rules, u"mail"_s, HealthState::Down);
        clock.advance(30s);
        QCOMPARE(rules.takeDue().size(), 1); // down, at 19:23:30
        clock.advance(1min);
        move(rules, u"mail"_s, HealthState::Up);
        QCOMPARE(rules.takeDue().size(), 1); // resolved
        // Four more changes within the interval: held back.
        for (int i = 0; i < 2; ++i) {
            clock.advance(1min);
            move(rules, u"mail"_s, HealthState::Down);
            clock.advance(30s);
            QVERIFY(rules.takeDue().isEmpty());
            clock.advance(1min);
            move(rules, u"mail"_s, HealthState::Up);
            QVERIFY(rules.takeDue().isEmpty());
        }
        clock.advance(30s);
        move(rules, u"mail"_s, HealthState::Down);
        clock.advance(30s);
        QVERIFY(rules.takeDue().isEmpty());
        QCOMPARE(rules.heldBack().flapping, 3);
        // The interval (10 min from the first alert told) ends: one Flapping alert, down.
        QVERIFY(rules.nextDueMs() > clock.nowMs());
        clock.set(QDateTime::fromMSecsSinceEpoch(rules.nextDueMs(), QTimeZone::UTC));
        const QList<Alert> flapping = rules.takeDue();
        QCOMPARE(flapping.size(), 1);
        QCOMPARE(flapping.first().kind, Alert::Kind::Flapping);
        QCOMPARE(flapping.first().changes, 5);
        QCOMPARE(flapping.first().state, HealthState::Down);
        QVERIFY(!flapping.first().resolved);
        // Its recovery is told, once the interval allows.
        clock.advance(1min);
        move(rules, u"mail"_s, HealthState::Up);
        const QList<Alert> resolved = rules.takeDue();
        QCOMPARE(resolved.size(), 1);
        QVERIFY(resolved.first().resolved);
    }

    void acknowledgedServicesTellOnlyTheirRecovery()
    {
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        move(rules, u"mail"_s, HealthState::Degraded);
        clock.advance(30s);
        QCOMPARE(rules.takeDue().size(), 1);
        rules.setAcknowledgements({{u"mail"_s, u"on it, restarting postfix"_s, u"alice"_s, clock.nowMs()}});
        clock.advance(11min); // past the flapping interval: this would be told
        move(rules, u"mail"_s, HealthState::Down);
        clock.advance(30s);
        QVERIFY(rules.takeDue().isEmpty());
        QCOMPARE(rules.heldBack().acknowledged, 1);
        clock.advance(5min);
        move(rules, u"mail"_s, HealthState::Up);
        const QList<Alert> resolved = rules.takeDue();
        QCOMPARE(resolved.size(), 1);
        QVERIFY(resolved.first().resolved);
    }

    void mutesHoldBackWhatTheyCoverWhileTheyLast()
    {
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        Mute web;
        web.scope = Mute::Scope::Group;
        web.target = u"Web"_s;
        web.untilMs = clock.nowMs() + 3'600'000;
        rules.setMutes({web});
        move(rules, u"portal"_s, HealthState::Down);
        move(rules, u"mail"_s, HealthState::Down);
        clock.advance(30s);
        const QList<Alert> due = rules.takeDue();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().serviceId, u"mail"_s);
        QCOMPARE(rules.heldBack().muted, 1);
        // The portal's recovery, its failure never told, is not told either.
        move(rules, u"portal"_s, HealthState::Up);
        QVERIFY(rules.takeDue().isEmpty());
        // After the hour, a failure of the group is told again.
        clock.advance(1h);
        move(rules, u"portal"_s, HealthState::Down);
        clock.advance(30s);
        QCOMPARE(rules.takeDue().size(), 1);
    }

    void aCertificateInItsWarningWindow()
    {
        Service shop = alertLabService(u"shop"_s, u"Shop"_s, u"Web"_s);
        ProbeSpec tls;
        tls.setKind(ProbeKind::Tls);
        tls.target = u"shop.example.org:443"_s;
        shop.probes.append(tls);
        workspace.services.append(shop);
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        HealthEvent e;
        e.kind = HealthEvent::Kind::ProbeState;
        e.serviceId = u"shop"_s;
        e.probeIndex = 1;
        e.from = HealthState::Up;
        e.to = HealthState::Degraded;
        e.timestampMs = clock.nowMs();
        e.cause = Message::verbatim(u"the certificate expires in 12 days"_s);
        // The tracker degrades the service with its probe: one alert, the certificate's, says it.
        HealthEvent service = change(u"shop"_s, HealthState::Up, HealthState::Degraded, e.cause.toString());
        ServiceHealth degraded;
        degraded.state = HealthState::Degraded;
        rules.noteEvents({e, service}, {{u"shop"_s, degraded}});
        clock.advance(30s);
        const QList<Alert> due = rules.takeDue();
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().kind, Alert::Kind::Certificate);
        QCOMPARE(due.first().key, u"certificate:shop:1"_s);
        e.from = HealthState::Degraded;
        e.to = HealthState::Up;
        service = change(u"shop"_s, HealthState::Degraded, HealthState::Up, u"renewed"_s);
        rules.noteEvents({e, service}, {{u"shop"_s, ServiceHealth{}}});
        const QList<Alert> renewed = rules.takeDue();
        QCOMPARE(renewed.size(), 1);
        QVERIFY(renewed.first().resolved);
        QCOMPARE(renewed.first().kind, Alert::Kind::Certificate);
    }

    // The Degraded alert a certificate stands for is never counted as told: the service coming and
    // going under its certificate within the flapping interval is not told later as flapping.
    void aServiceUnderItsCertificateIsNotToldAsFlapping()
    {
        Service shop = alertLabService(u"shop"_s, u"Shop"_s, u"Web"_s);
        ProbeSpec tls;
        tls.setKind(ProbeKind::Tls);
        tls.target = u"shop.example.org:443"_s;
        shop.probes.append(tls);
        workspace.services.append(shop);
        AlertRules rules(&clock);
        rules.setWorkspace(workspace);
        HealthEvent certificate;
        certificate.kind = HealthEvent::Kind::ProbeState;
        certificate.serviceId = u"shop"_s;
        certificate.probeIndex = 1;
        certificate.from = HealthState::Up;
        certificate.to = HealthState::Degraded;
        certificate.timestampMs = clock.nowMs();
        certificate.cause = Message::verbatim(u"the certificate expires in 12 days"_s);
        ServiceHealth degraded;
        degraded.state = HealthState::Degraded;
        rules.noteEvents({certificate, change(u"shop"_s, HealthState::Up, HealthState::Degraded, u"expiring"_s)},
                         {{u"shop"_s, degraded}});
        clock.advance(30s);
        const QList<Alert> told = rules.takeDue();
        QCOMPARE(told.size(), 1);
        QCOMPARE(told.first().kind, Alert::Kind::Certificate);

        // The service comes and goes twice while the certificate stays in its window.
        for (int i = 0; i < 2; ++i) {
            clock.advance(1min);
            rules.noteEvents({change(u"shop"_s, HealthState::Degraded, HealthState::Up, u"ok"_s)},
                             {{u"shop"_s, ServiceHealth{}}});
            clock.advance(1min);
            rules.noteEvents({change(u"shop"_s, HealthState::Up, HealthState::Degraded, u"expiring"_s)},
                             {{u"shop"_s, degraded}});
            clock.advance(30s);
            QCOMPARE(rules.takeDue(), QList<Alert>());
        }
        clock.advance(15min); // past the flapping interval
        QCOMPARE(rules.takeDue(), QList<Alert>());
    }

    void muteEndsAsWritten()
    {
        const QDateTime now(QDate(2026, 12, 2), QTime(19, 0), QTimeZone::UTC);
        QCOMPARE(parseMuteEnd(u"1h"_s, now).value(), now.toMSecsSinceEpoch() + 3'600'000);
        QCOMPARE(parseMuteEnd(u"unmuted"_s, now).value(), 0);
        const qint64 tomorrow = parseMuteEnd(u"tomorrow 08:00"_s, now).value();
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(tomorrow).toLocalTime();
        QCOMPARE(local.time(), QTime(8, 0));
        QVERIFY(tomorrow > now.toMSecsSinceEpoch());
        QVERIFY(!parseMuteEnd(u"soonish"_s, now).has_value());
        QVERIFY(parseMuteEnd(u"soonish"_s, now).error().contains(u"soonish"_s));
    }
};

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alertrules.moc"
