// The alert center end to end, as the console and `vigie watch` run it: health events in, one alert
// per root cause kept in the data folder's store, delivered to a webhook receiver on loopback
// (QHttpServer) that fails before it takes it, retried with backoff, never sent twice, carried over
// a restart; acknowledgements and mutes written by another process (as `vigie ack` and `vigie mute`
// do) reaching a running center. The clock is the test's: group waits and backoffs pass when the
// test says so.

#include "alertlab.h"
#include "alerts/alertcenter.h"
#include "alerts/alertstore.h"
#include "manualclock.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;

using Test::alertLabService;

class tst_AlertCenter : public QObject
{
    Q_OBJECT

private:
    Test::ManualClock m_clock{QDateTime(QDate(2026, 11, 30), QTime(19, 23), QTimeZone::UTC)};
    QHttpServer m_http;
    quint16 m_port = 0;
    int m_failuresLeft = 0; // answers 500 this many times before taking alerts
    int m_attempts = 0;
    QList<QJsonObject> m_taken;
    QHash<QString, ServiceHealth> m_health;

    Workspace workspace(quint16 port = 0) const
    {
        Workspace w;
        w.name = u"Lab"_s;
        w.services = {alertLabService(u"db"_s, u"Database"_s, u"Data"_s),
                      alertLabService(u"portal"_s, u"Customer portal"_s, u"Web"_s, {u"db"_s}),
                      alertLabService(u"mail"_s, u"Mail relay"_s, u"Mail"_s)};
        AlertChannelSpec hook;
        hook.id = u"ops-hook"_s;
        hook.kind = AlertChannelSpec::Kind::Webhook;
        hook.url = u"http://127.0.0.1:%1/hook"_s.arg(port ? port : m_port);
        hook.timeout = 5s;
        w.alerts.channels = {hook};
        AlertRoute route; // every service
        route.channels = {hook.id};
        w.alerts.routes = {route};
        w.alerts.groupWait = 30s;
        return w;
    }

    std::unique_ptr<AlertCenter> openCenter(const QString &dataDir, const Workspace &w)
    {
        auto center = std::make_unique<AlertCenter>(&m_clock);
        center->setBackoff(10s, 1min);
        center->setPollInterval(1h); // the test polls
        center->setWorkspace(w, {});
        QSignalSpy opened(center.get(), &AlertCenter::opened);
        center->open(dataDir);
        if (!opened.wait(10'000))
            return nullptr;
        center->start();
        return center;
    }

    void move(AlertCenter &center, const QString &id, HealthState to, const QString &impactedBy = {})
    {
        ServiceHealth &h = m_health[id];
        HealthEvent e;
        e.kind = HealthEvent::Kind::ServiceState;
        e.serviceId = id;
        e.from = h.state;
        e.to = to;
        e.timestampMs = m_clock.nowMs();
        e.cause = Message::verbatim(u"3 consecutive failures: connection refused"_s);
        h.state = to;
        h.impactedBy = impactedBy;
        h.sinceMs = m_clock.nowMs();
        // In the monitor's order: the events, then the health they lead to.
        center.noteEvents({e});
        center.noteHealth({{id, h}});
    }

    static QList<AlertDelivery> deliveries(const QString &dataDir)
    {
        AlertStore store;
        if (!store.open(dataDir))
            return {};
        return store.deliveries().value_or(QList<AlertDelivery>{});
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_http.route(u"/hook"_s, QHttpServerRequest::Method::Post, [this](const QHttpServerRequest &request) {
            ++m_attempts;
            if (m_failuresLeft > 0) {
                --m_failuresLeft;
                return QHttpServerResponse("text/plain"_ba, "busy"_ba,
                                           QHttpServerResponse::StatusCode::InternalServerError);
            }
            m_taken.append(QJsonDocument::fromJson(request.body()).object());
            return QHttpServerResponse("text/plain"_ba, "ok"_ba);
        });
        auto *tcp = new QTcpServer(&m_http);
        QVERIFY(tcp->listen(QHostAddress::LocalHost));
        QVERIFY(m_http.bind(tcp));
        m_port = tcp->serverPort();
    }

    void init()
    {
        m_failuresLeft = 0;
        m_attempts = 0;
        m_taken.clear();
        m_health.clear();
        for (const QString &id : {u"db"_s, u"portal"_s, u"mail"_s})
            m_health[id].state = HealthState::Up;
    }

    // The database down takes the portal with it: one alert, naming the portal, after the group
    // wait; the receiver's 500 is retried after the backoff and the alert is taken once; the
    // recovery is told as its resolution.
    // Without routes every channel is sent every alert; with them, only what a route names, each
    // channel once, in the order declared.
    void routesChooseTheChannels()
    {
        AlertSettings settings;
        for (const QString &id : {u"hook"_s, u"mail"_s, u"pager"_s}) {
            AlertChannelSpec channel;
            channel.id = id;
            settings.channels.append(channel);
        }
        QCOMPARE(AlertCenter::channelsFor(settings, u"db"_s, u"Data"_s),
                 (QStringList{u"hook"_s, u"mail"_s, u"pager"_s}));

        AlertRoute web;
        web.channels = {u"mail"_s, u"hook"_s};
        web.groups = {u"Web"_s};
        AlertRoute db;
        db.channels = {u"pager"_s, u"mail"_s};
        db.services = {u"db"_s};
        settings.routes = {web, db};
        QCOMPARE(AlertCenter::channelsFor(settings, u"portal"_s, u"Web"_s), (QStringList{u"mail"_s, u"hook"_s}));
        QCOMPARE(AlertCenter::channelsFor(settings, u"db"_s, u"Web"_s),
                 (QStringList{u"mail"_s, u"hook"_s, u"pager"_s}));
        QCOMPARE(AlertCenter::channelsFor(settings, u"relay"_s, u"Mail"_s), QStringList());
    }

    void oneAlertPerRootCauseRetriedUntilTakenThenResolved()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::unique_ptr<AlertCenter> center = openCenter(dir.path(), workspace());
        QVERIFY(center);
        QSignalSpy raised(center.get(), &AlertCenter::alertRaised);
        QSignalSpy delivered(center.get(), &AlertCenter::deliveryChanged);
        m_failuresLeft = 1;

        move(*center, u"portal"_s, HealthState::Down);
        m_clock.advance(5s);
        move(*center, u"db"_s, HealthState::Down);
        move(*center, u"portal"_s, HealthState::Down, u"db"_s);
        center->poll();
        QTest::qWait(50);
        QCOMPARE(raised.size(), 0); // within the group wait

        m_clock.advance(31s);
        center->poll();
        QTRY_COMPARE(raised.size(), 1);
        const Alert alert = raised.first().first().value<Alert>();
        QCOMPARE(alert.serviceId, u"db"_s);
        QCOMPARE(alert.kind, Alert::Kind::Down);
        QCOMPARE(alert.impacted, QStringList{u"Customer portal"_s});
        QTRY_COMPARE(m_attempts, 1);
        QTRY_VERIFY(!delivered.isEmpty());
        const AlertDelivery deferred = delivered.last().first().value<AlertDelivery>();
        QCOMPARE(deferred.state, AlertDelivery::State::Queued);
        QVERIFY2(deferred.lastError.contains(u"500"_s), qPrintable(deferred.lastError));
        QCOMPARE(m_taken.size(), 0);

        // Not before the backoff (10 s, ±20 %), even when polled.
        m_clock.advance(7s);
        center->poll();
        QTest::qWait(100);
        QCOMPARE(m_attempts, 1);
        m_clock.advance(6s);
        center->poll();
        QTRY_COMPARE(m_taken.size(), 1);
        QCOMPARE(m_attempts, 2);
        QCOMPARE(m_taken.first().value(u"service"_s).toObject().value(u"id"_s).toString(), u"db"_s);
        QTRY_COMPARE(deliveries(dir.path()).value(0).state, AlertDelivery::State::Delivered);

        // Polled again: nothing is sent twice.
        center->poll();
        QTest::qWait(100);
        QCOMPARE(m_attempts, 2);

        m_clock.advance(12min);
        move(*center, u"db"_s, HealthState::Up);
        move(*center, u"portal"_s, HealthState::Up);
        center->poll();
        QTRY_COMPARE(m_taken.size(), 2);
        QVERIFY(m_taken.at(1).value(u"resolved"_s).toBool());
        QCOMPARE(m_taken.at(1).value(u"key"_s).toString(), m_taken.at(0).value(u"key"_s).toString());
    }

    // A receiver down when the alert was raised (connection refused: tried again later); Vigie
    // quits. Started again with the receiver up, it sends what was queued, once, and raises nothing
    // again.
    void whatWasQueuedIsSentAfterARestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        quint16 closedPort = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost));
            closedPort = closed.serverPort();
        }
        {
            std::unique_ptr<AlertCenter> center = openCenter(dir.path(), workspace(closedPort));
            QVERIFY(center);
            QSignalSpy changed(center.get(), &AlertCenter::deliveryChanged);
            QSignalSpy raised(center.get(), &AlertCenter::alertRaised);
            QSignalSpy failed(center.get(), &AlertCenter::storeError);
            move(*center, u"mail"_s, HealthState::Down);
            m_clock.advance(31s);
            center->poll();
            QTRY_COMPARE(raised.size(), 1);
            QTRY_VERIFY2(!changed.isEmpty(),
                         qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
            QCOMPARE(changed.last().first().value<AlertDelivery>().state, AlertDelivery::State::Queued);
        }
        const QList<AlertDelivery> before = deliveries(dir.path());
        QCOMPARE(before.size(), 1);
        QCOMPARE(before.first().state, AlertDelivery::State::Queued);
        QCOMPARE(before.first().attempts, 1);

        std::unique_ptr<AlertCenter> center = openCenter(dir.path(), workspace());
        QVERIFY(center);
        QSignalSpy raised(center.get(), &AlertCenter::alertRaised);
        m_clock.advance(1h);
        center->poll();
        QTRY_COMPARE(m_taken.size(), 1);
        QCOMPARE(m_taken.first().value(u"service"_s).toObject().value(u"id"_s).toString(), u"mail"_s);
        QTRY_COMPARE(deliveries(dir.path()).value(0).state, AlertDelivery::State::Delivered);
        QCOMPARE(deliveries(dir.path()).value(0).attempts, 2);
        center->poll();
        QTest::qWait(100);
        QCOMPARE(m_taken.size(), 1);
        QCOMPARE(raised.size(), 0);
    }

    // The console and `vigie watch` on one data folder both see the relay go down: each desktop
    // hears of it, the receiver once; and its recovery once.
    void twoProcessesOnOneFolderSendOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::unique_ptr<AlertCenter> console = openCenter(dir.path(), workspace());
        std::unique_ptr<AlertCenter> watch = openCenter(dir.path(), workspace());
        QVERIFY(console && watch);
        QSignalSpy consoleRaised(console.get(), &AlertCenter::alertRaised);
        QSignalSpy watchRaised(watch.get(), &AlertCenter::alertRaised);
        const QHash<QString, ServiceHealth> before = m_health;
        move(*console, u"mail"_s, HealthState::Down);
        m_health = before;
        m_clock.advance(2s); // the other one's probe sees it a little later
        move(*watch, u"mail"_s, HealthState::Down);
        m_clock.advance(31s);
        console->poll();
        QTRY_COMPARE(consoleRaised.size(), 1);
        watch->poll();
        QTRY_COMPARE(watchRaised.size(), 1);
        QCOMPARE(watchRaised.first().first().value<Alert>().id, consoleRaised.first().first().value<Alert>().id);
        QTRY_COMPARE(m_taken.size(), 1);
        console->poll();
        watch->poll();
        QTest::qWait(200);
        QCOMPARE(m_taken.size(), 1);
        QCOMPARE(deliveries(dir.path()).size(), 1);

        m_clock.advance(1min);
        move(*console, u"mail"_s, HealthState::Up);
        m_health[u"mail"_s].state = HealthState::Down;
        move(*watch, u"mail"_s, HealthState::Up);
        console->poll();
        watch->poll();
        QTRY_COMPARE(m_taken.size(), 2);
        QTest::qWait(200);
        QCOMPARE(m_taken.size(), 2);
        QVERIFY(m_taken.at(1).value(u"resolved"_s).toBool());
    }

    // `vigie mute --all` and `vigie ack` write the store; a running center reads them at its next
    // poll: a muted failure is not told, an acknowledged one shows with its comment, and its
    // recovery ends it.
    void silencesFromAnotherProcessReachARunningCenter()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::unique_ptr<AlertCenter> center = openCenter(dir.path(), workspace());
        QVERIFY(center);
        QSignalSpy raised(center.get(), &AlertCenter::alertRaised);
        QSignalSpy silences(center.get(), &AlertCenter::silencesChanged);
        {
            AlertStore other(&m_clock);
            QVERIFY(other.open(dir.path()));
            Mute all;
            all.scope = Mute::Scope::All;
            all.untilMs = m_clock.nowMs() + 3'600'000;
            all.author = u"alice"_s;
            QVERIFY(other.addMute(all));
            QVERIFY(other.acknowledge(Acknowledgement{u"db"_s, u"restarting db1"_s, u"bob"_s, m_clock.nowMs()}));
        }
        center->poll();
        QTRY_VERIFY(center->isAllMuted());
        QTRY_VERIFY(center->acknowledgement(u"db"_s).has_value());
        QCOMPARE(center->acknowledgement(u"db"_s)->comment, u"restarting db1"_s);
        QVERIFY(!silences.isEmpty());

        move(*center, u"mail"_s, HealthState::Down);
        m_clock.advance(31s);
        center->poll();
        QTest::qWait(200);
        QCOMPARE(raised.size(), 0);
        QCOMPARE(m_attempts, 0);

        // The recovery of an acknowledged service ends its acknowledgement, for every process.
        move(*center, u"db"_s, HealthState::Down);
        move(*center, u"db"_s, HealthState::Up);
        QTRY_VERIFY(!center->acknowledgement(u"db"_s).has_value());
        AlertStore other;
        QVERIFY(other.open(dir.path()));
        QCOMPARE(other.acknowledgements().value_or(QList<Acknowledgement>{{}}).size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_AlertCenter)
#include "tst_alertcenter.moc"
