#include "alertcenter.h"

#include "alertrules.h"
#include "core/backoff.h"
#include "core/clock.h"

#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <QtConcurrentRun>
#include <type_traits>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

struct AlertCenter::Private
{
    AlertCenter *q = nullptr;
    const Clock *clock = nullptr;
    AlertRules rules;
    // The store lives on this pool's one thread, which never expires: a SQLite connection belongs
    // to the thread that opened it.
    QThreadPool storeThread;
    std::shared_ptr<AlertStore> store;
    bool open = false;
    Workspace workspace;
    QHash<QString, QByteArray> secrets;
    ChannelFactory factory;
    QHash<QString, std::shared_ptr<AlertChannel>> channels;
    QString owner;
    QTimer pollTimer;
    QTimer dueTimer;
    std::chrono::milliseconds backoffFirst = 10s;
    std::chrono::milliseconds backoffCap = 15min;
    QList<Acknowledgement> acknowledgements;
    QList<Mute> mutes;
    QList<HealthEvent> pendingEvents;
    bool flushQueued = false;
    bool roundRunning = false;
    QSet<qint64> sending;

    explicit Private(const Clock *c)
        : clock(c ? c : Clock::system())
        , rules(clock)
    {}

    // Runs `work` on the store's thread; `done` gets its result on the GUI thread (if the center
    // still exists).
    template<typename Work, typename Done>
    void onStore(Work work, Done done)
    {
        using R = std::invoke_result_t<Work, AlertStore &>;
        std::shared_ptr<AlertStore> s = store;
        QPointer<AlertCenter> guard(q);
        QtConcurrent::run(&storeThread, [s, work] { return work(*s); }).then(q, [guard, done](R result) {
            if (guard)
                done(std::move(result));
        });
    }

    void makeChannels()
    {
        channels.clear();
        for (const AlertChannelSpec &spec : std::as_const(workspace.alerts.channels)) {
            std::unique_ptr<AlertChannel> channel = factory ? factory(spec, secrets) : makeAlertChannel(spec, secrets);
            if (channel)
                channels.insert(spec.id, std::shared_ptr<AlertChannel>(channel.release()));
        }
    }

    void scheduleDue()
    {
        const qint64 next = rules.nextDueMs();
        if (next == 0) {
            dueTimer.stop();
            return;
        }
        dueTimer.start(std::chrono::milliseconds(std::max<qint64>(0, next - clock->nowMs())));
    }

    void flushEvents()
    {
        flushQueued = false;
        if (!pendingEvents.isEmpty()) {
            const QList<HealthEvent> events = std::exchange(pendingEvents, {});
            rules.noteEvents(events, {});
            // A recovery ends the acknowledgement.
            for (const HealthEvent &event : events)
                if (event.kind == HealthEvent::Kind::ServiceState && event.to == HealthState::Up &&
                    std::ranges::any_of(acknowledgements,
                                        [&](const Acknowledgement &a) { return a.serviceId == event.serviceId; }))
                    q->clearAcknowledgement(event.serviceId);
        }
        takeDue();
    }

    void takeDue()
    {
        const QList<Alert> due = rules.takeDue();
        scheduleDue();
        if (due.isEmpty())
            return;
        for (const Alert &alert : due) {
            const QStringList routed = channelsFor(workspace.alerts, alert.serviceId, alert.group);
            if (!open || !store) {
                // No store: the desktop still hears it; channels need the outbox.
                Q_EMIT q->alertRaised(alert);
                continue;
            }
            // Another process on this data folder (the console and `watch`) may have told it: at
            // most one alert a problem within the flapping interval, as the rules say.
            const qint64 window = qint64(workspace.alerts.flapInterval.count());
            onStore([alert, routed, window](AlertStore &s) { return s.enqueue(alert, routed, window); },
                    [this](AlertStore::Result<Alert> kept) {
                        if (!kept) {
                            Q_EMIT q->storeError(kept.error());
                            return;
                        }
                        Q_EMIT q->alertRaised(*kept);
                        deliver();
                    });
        }
    }

    void readSilences()
    {
        if (!open)
            return;
        const qint64 now = clock->nowMs();
        onStore(
            [now](AlertStore &s) -> AlertStore::Result<std::pair<QList<Acknowledgement>, QList<Mute>>> {
                auto acks = s.acknowledgements();
                if (!acks)
                    return std::unexpected(acks.error());
                auto mutes = s.activeMutes(now);
                if (!mutes)
                    return std::unexpected(mutes.error());
                return std::pair(*acks, *mutes);
            },
            [this](AlertStore::Result<std::pair<QList<Acknowledgement>, QList<Mute>>> read) {
                if (!read) {
                    Q_EMIT q->storeError(read.error());
                    return;
                }
                const bool changed = read->first != acknowledgements || read->second != mutes;
                acknowledgements = read->first;
                mutes = read->second;
                rules.setAcknowledgements(acknowledgements);
                rules.setMutes(mutes);
                if (changed)
                    Q_EMIT q->silencesChanged();
            });
    }

    void deliver()
    {
        if (!open || channels.isEmpty() || roundRunning)
            return;
        roundRunning = true;
        const QStringList ids = channels.keys();
        qint64 longest = 0;
        for (const AlertChannelSpec &spec : std::as_const(workspace.alerts.channels))
            longest = std::max<qint64>(longest, spec.timeout.count());
        const QString me = owner;
        const qint64 lease = longest + 60'000;
        onStore([me, lease, ids](AlertStore &s) { return s.leaseDue(me, lease, 20, ids); },
                [this](AlertStore::Result<QList<AlertDelivery>> leased) {
                    roundRunning = false;
                    if (!leased) {
                        Q_EMIT q->storeError(leased.error());
                        return;
                    }
                    for (const AlertDelivery &delivery : std::as_const(*leased))
                        send(delivery);
                });
    }

    void send(const AlertDelivery &delivery)
    {
        const std::shared_ptr<AlertChannel> channel = channels.value(delivery.channelId);
        const QString me = owner;
        const qint64 id = delivery.id;
        if (!channel) {
            const QString why = AlertCenter::tr("The workspace declares no channel %1.").arg(delivery.channelId);
            onStore([id, me, why](AlertStore &s) { return s.markFailed(id, me, why); },
                    [this](AlertStore::Result<AlertDelivery> done) { report(done); });
            return;
        }
        sending.insert(id);
        QPointer<AlertCenter> guard(q);
        const int attempts = delivery.attempts;
        channel->deliver(delivery.alert).then(q, [this, guard, id, me, attempts](DeliveryOutcome outcome) {
            if (!guard)
                return;
            sending.remove(id);
            switch (outcome.kind) {
            case DeliveryOutcome::Kind::Delivered:
                onStore([id, me](AlertStore &s) { return s.markDelivered(id, me); },
                        [this](AlertStore::Result<AlertDelivery> done) { report(done); });
                break;
            case DeliveryOutcome::Kind::RetryLater: {
                const std::chrono::milliseconds wait =
                    std::max(outcome.retryAfter.value_or(0ms), retryBackoff(attempts, backoffFirst, backoffCap));
                const qint64 next = clock->nowMs() + qint64(wait.count());
                onStore(
                    [id, me, outcome, next](AlertStore &s) { return s.markRetryLater(id, me, outcome.reason, next); },
                    [this](AlertStore::Result<AlertDelivery> done) { report(done); });
                break;
            }
            case DeliveryOutcome::Kind::Failed:
                onStore([id, me, outcome](AlertStore &s) { return s.markFailed(id, me, outcome.reason); },
                        [this](AlertStore::Result<AlertDelivery> done) { report(done); });
                break;
            }
        });
    }

    void report(const AlertStore::Result<AlertDelivery> &done)
    {
        if (!done) {
            Q_EMIT q->storeError(done.error());
            return;
        }
        Q_EMIT q->deliveryChanged(*done);
    }
};

AlertCenter::AlertCenter(const Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(clock))
{
    d->q = this;
    d->storeThread.setMaxThreadCount(1);
    d->storeThread.setExpiryTimeout(-1);
    d->owner = leaseOwnerName();
    d->pollTimer.setInterval(5s);
    connect(&d->pollTimer, &QTimer::timeout, this, &AlertCenter::poll);
    d->dueTimer.setSingleShot(true);
    connect(&d->dueTimer, &QTimer::timeout, this, [this] { d->takeDue(); });
}

AlertCenter::~AlertCenter()
{
    d->pollTimer.stop();
    d->dueTimer.stop();
    // The store closes on its own thread.
    if (d->store) {
        std::shared_ptr<AlertStore> store = std::exchange(d->store, nullptr);
        QThreadPool *pool = &d->storeThread;
        pool->start([store = std::move(store)]() mutable { store.reset(); });
    }
    d->storeThread.waitForDone();
}

void AlertCenter::open(const QString &dataDir)
{
    if (d->store)
        return;
    d->store = std::make_shared<AlertStore>(d->clock);
    d->onStore([dataDir](AlertStore &s) { return s.open(dataDir); },
               [this](AlertStore::Result<void> done) {
                   if (!done) {
                       Q_EMIT storeError(done.error());
                       return;
                   }
                   d->open = true;
                   Q_EMIT opened();
                   poll();
               });
}

bool AlertCenter::isOpen() const
{
    return d->open;
}

void AlertCenter::setWorkspace(const Workspace &workspace, const QHash<QString, QByteArray> &secrets)
{
    d->workspace = workspace;
    d->secrets = secrets;
    d->rules.setWorkspace(workspace);
    d->makeChannels();
}

void AlertCenter::setChannelFactory(ChannelFactory factory)
{
    d->factory = std::move(factory);
    d->makeChannels();
}

void AlertCenter::setPollInterval(std::chrono::milliseconds interval)
{
    d->pollTimer.setInterval(interval);
}

void AlertCenter::setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap)
{
    d->backoffFirst = first;
    d->backoffCap = cap;
}

void AlertCenter::start()
{
    d->pollTimer.start();
    poll();
}

void AlertCenter::stop()
{
    d->pollTimer.stop();
    d->dueTimer.stop();
}

void AlertCenter::poll()
{
    d->readSilences();
    d->takeDue();
    d->deliver();
}

void AlertCenter::noteEvents(const QList<HealthEvent> &events)
{
    d->pendingEvents += events;
    if (!d->flushQueued) {
        d->flushQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (d->flushQueued)
                    d->flushEvents();
            },
            Qt::QueuedConnection);
    }
}

void AlertCenter::noteHealth(const QHash<QString, ServiceHealth> &health)
{
    d->rules.noteHealth(health);
    d->flushEvents();
}

void AlertCenter::acknowledge(const QString &serviceId, const QString &comment)
{
    if (!d->open)
        return;
    const Acknowledgement ack{serviceId, comment, silenceAuthor(), d->clock->nowMs()};
    d->onStore([ack](AlertStore &s) { return s.acknowledge(ack); },
               [this, ack](AlertStore::Result<void> done) {
                   if (!done)
                       Q_EMIT storeError(done.error());
                   else
                       Q_EMIT acknowledged(ack);
                   d->readSilences();
               });
}

void AlertCenter::clearAcknowledgement(const QString &serviceId)
{
    if (!d->open)
        return;
    d->onStore([serviceId](AlertStore &s) { return s.clearAcknowledgement(serviceId); },
               [this](AlertStore::Result<bool> done) {
                   if (!done)
                       Q_EMIT storeError(done.error());
                   d->readSilences();
               });
}

void AlertCenter::mute(const Mute &mute)
{
    if (!d->open)
        return;
    Mute m = mute;
    if (m.author.isEmpty())
        m.author = silenceAuthor();
    d->onStore([m](AlertStore &s) { return s.addMute(m); },
               [this](AlertStore::Result<Mute> done) {
                   if (!done)
                       Q_EMIT storeError(done.error());
                   d->readSilences();
               });
}

void AlertCenter::unmute(Mute::Scope scope, const QString &target)
{
    if (!d->open)
        return;
    d->onStore([scope, target](AlertStore &s) { return s.unmute(scope, target); },
               [this](AlertStore::Result<int> done) {
                   if (!done)
                       Q_EMIT storeError(done.error());
                   d->readSilences();
               });
}

QList<Acknowledgement> AlertCenter::acknowledgements() const
{
    return d->acknowledgements;
}

std::optional<Acknowledgement> AlertCenter::acknowledgement(const QString &serviceId) const
{
    for (const Acknowledgement &a : std::as_const(d->acknowledgements))
        if (a.serviceId == serviceId)
            return a;
    return std::nullopt;
}

QList<Mute> AlertCenter::mutes() const
{
    return d->mutes;
}

bool AlertCenter::isAllMuted(qint64 *untilMs) const
{
    const qint64 now = d->clock->nowMs();
    for (const Mute &m : std::as_const(d->mutes)) {
        if (m.scope == Mute::Scope::All && m.covers(QString(), QString(), now)) {
            if (untilMs)
                *untilMs = m.untilMs;
            return true;
        }
    }
    return false;
}

QStringList AlertCenter::channelsFor(const AlertSettings &settings, const QString &serviceId, const QString &group)
{
    QStringList channels;
    // No routes: every channel is sent every alert.
    if (settings.routes.isEmpty()) {
        for (const AlertChannelSpec &channel : settings.channels)
            channels.append(channel.id);
        return channels;
    }
    for (const AlertRoute &route : settings.routes) {
        const bool everything = route.groups.isEmpty() && route.services.isEmpty();
        if (!everything && !route.services.contains(serviceId) && !route.groups.contains(group))
            continue;
        for (const QString &channel : route.channels)
            if (!channels.contains(channel))
                channels.append(channel);
    }
    return channels;
}

} // namespace Vigie
