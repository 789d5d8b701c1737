#include "alertrules.h"

#include "core/clock.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

struct ServiceInfo
{
    QString name;
    QString group;
    QList<int> tlsProbes;
};

// What is known of one problem (a service's health, a certificate).
struct Problem
{
    QString serviceId;
    std::optional<Alert> pending; // waiting for its due time
    qint64 dueMs = 0;
    bool firingTold = false;                  // an alert was told and its resolution not yet
    qint64 sinceMs = 0;                       // when the problem told began
    qint64 lastToldMs = 0;                    // the last alert told (firing or flapping): the flapping interval's start
    int heldChanges = 0;                      // changes held back by the flapping interval since then
    Alert::Kind toldKind = Alert::Kind::Down; // the kind of the alert told, which a resolution carries
};

bool isFailing(HealthState state)
{
    return state == HealthState::Down || state == HealthState::Degraded;
}

} // namespace

struct AlertRules::Private
{
    const Clock *clock = nullptr;
    AlertSettings settings;
    QHash<QString, ServiceInfo> services;
    QHash<QString, ServiceHealth> health;
    QHash<QString, Problem> problems;
    QHash<QString, Acknowledgement> acknowledgements;
    QList<Mute> mutes;
    Counts counts;

    qint64 now() const { return clock->nowMs(); }

    Problem &problem(const QString &key, const QString &serviceId)
    {
        Problem &p = problems[key];
        p.serviceId = serviceId;
        return p;
    }

    Alert make(const QString &key, Alert::Kind kind, const QString &serviceId, HealthState state, const QString &cause,
               qint64 atMs) const
    {
        Alert alert;
        alert.key = key;
        alert.kind = kind;
        alert.timestampMs = atMs;
        alert.sinceMs = atMs;
        alert.serviceId = serviceId;
        const ServiceInfo info = services.value(serviceId);
        alert.serviceName = info.name.isEmpty() ? serviceId : info.name;
        alert.group = info.group;
        alert.state = state;
        alert.cause = cause;
        return alert;
    }

    void raise(const QString &key, Alert::Kind kind, const QString &serviceId, HealthState state, const QString &cause,
               qint64 atMs)
    {
        Problem &p = problem(key, serviceId);
        if (p.pending && !p.pending->resolved) {
            // Still waiting: it goes out as the service is when it is due.
            p.pending->kind = kind;
            p.pending->state = state;
            p.pending->cause = cause;
            return;
        }
        Alert alert = make(key, kind, serviceId, state, cause, atMs);
        p.pending = alert;
        p.dueMs = now() + qint64(settings.groupWait.count());
    }

    void resolve(const QString &key, const QString &serviceId, HealthState state, const QString &cause, qint64 atMs)
    {
        auto found = problems.find(key);
        if (found == problems.end())
            return;
        Problem &p = *found;
        if (p.pending && !p.pending->resolved) {
            // A failure shorter than the group wait: nothing was told, nothing to resolve.
            p.pending.reset();
            if (!p.firingTold)
                return;
        }
        if (!p.firingTold) {
            if (p.lastToldMs != 0 && now() - p.lastToldMs < qint64(settings.flapInterval.count()))
                ++p.heldChanges;
            return;
        }
        // The resolution carries the kind of what it resolves (the e-mail threads under it).
        Alert alert = make(key, p.toldKind, serviceId, state, cause, atMs);
        alert.resolved = true;
        alert.sinceMs = p.sinceMs;
        p.pending = alert;
        p.dueMs = now();
    }

    bool acknowledged(const QString &serviceId) const { return acknowledgements.contains(serviceId); }

    bool muted(const QString &serviceId, qint64 atMs) const
    {
        const QString group = services.value(serviceId).group;
        return std::ranges::any_of(mutes, [&](const Mute &m) { return m.covers(serviceId, group, atMs); });
    }

    // The services failing because of `rootId`, by name.
    QStringList impactedBy(const QString &rootId) const
    {
        QStringList names;
        for (auto it = health.cbegin(); it != health.cend(); ++it) {
            if (it->impactedBy == rootId && isFailing(it->state) && !it->inMaintenance) {
                const ServiceInfo info = services.value(it.key());
                names.append(info.name.isEmpty() ? it.key() : info.name);
            }
        }
        names.sort(Qt::CaseInsensitive);
        return names;
    }

    void noteServiceState(const HealthEvent &event)
    {
        const QString key = u"service:"_s + event.serviceId;
        const ServiceHealth h = health.value(event.serviceId);
        if (isFailing(event.to)) {
            if (event.inMaintenance || h.inMaintenance) {
                ++counts.maintenance;
                if (auto found = problems.find(key);
                    found != problems.end() && found->pending && !found->pending->resolved)
                    found->pending.reset();
                return;
            }
            if (!h.impactedBy.isEmpty()) {
                // Told in the root cause's alert.
                ++counts.impacted;
                if (auto found = problems.find(key);
                    found != problems.end() && found->pending && !found->pending->resolved)
                    found->pending.reset();
                return;
            }
            raise(key, event.to == HealthState::Down ? Alert::Kind::Down : Alert::Kind::Degraded, event.serviceId,
                  event.to, event.cause.toString(), event.timestampMs);
        } else if (event.to == HealthState::Up) {
            resolve(key, event.serviceId, event.to, event.cause.toString(), event.timestampMs);
        }
    }

    void noteProbeState(const HealthEvent &event)
    {
        const ServiceInfo info = services.value(event.serviceId);
        if (!info.tlsProbes.contains(event.probeIndex))
            return;
        const QString key = u"certificate:%1:%2"_s.arg(event.serviceId).arg(event.probeIndex);
        if (event.to == HealthState::Degraded)
            raise(key, Alert::Kind::Certificate, event.serviceId, event.to, event.cause.toString(), event.timestampMs);
        else if (event.to == HealthState::Up)
            resolve(key, event.serviceId, event.to, event.cause.toString(), event.timestampMs);
    }

    // An impacted service whose own alert still waits is folded into its root cause's.
    void foldImpacted()
    {
        for (auto it = problems.begin(); it != problems.end(); ++it) {
            if (!it->pending || it->pending->resolved || it->pending->kind == Alert::Kind::Certificate)
                continue;
            const ServiceHealth h = health.value(it->serviceId);
            if (!h.impactedBy.isEmpty() || h.inMaintenance) {
                ++(h.inMaintenance ? counts.maintenance : counts.impacted);
                it->pending.reset();
            }
        }
    }

    qint64 flapEnd(const Problem &p) const { return p.lastToldMs + qint64(settings.flapInterval.count()); }

    // The Flapping alert of a problem whose interval ended with changes held back, as it is now.
    std::optional<Alert> flapped(const QString &key, Problem &p, qint64 at)
    {
        const ServiceHealth h = health.value(p.serviceId);
        const bool failing = isFailing(h.state) && h.impactedBy.isEmpty() && !h.inMaintenance;
        Alert alert = make(key, Alert::Kind::Flapping, p.serviceId, h.state, QString(), at);
        alert.changes = p.heldChanges;
        alert.resolved = !failing;
        alert.sinceMs = p.lastToldMs;
        p.heldChanges = 0;
        if (muted(p.serviceId, at) || (failing && acknowledged(p.serviceId))) {
            ++counts.muted;
            p.firingTold = false;
            return std::nullopt;
        }
        p.lastToldMs = at;
        p.firingTold = failing;
        p.toldKind = Alert::Kind::Flapping;
        if (failing)
            p.sinceMs = at;
        return alert;
    }
};

AlertRules::AlertRules(const Clock *clock)
    : d(std::make_unique<Private>())
{
    d->clock = clock ? clock : Clock::system();
}

AlertRules::~AlertRules() = default;

void AlertRules::setWorkspace(const Workspace &workspace)
{
    d->settings = workspace.alerts;
    QHash<QString, ServiceInfo> services;
    for (const Service &service : workspace.services) {
        ServiceInfo info{service.name, service.group, {}};
        for (int i = 0; i < service.probes.size(); ++i)
            if (service.probes.at(i).kind() == ProbeKind::Tls)
                info.tlsProbes.append(i);
        services.insert(service.id, info);
    }
    d->services = services;
    // What the workspace no longer declares is forgotten.
    for (auto it = d->problems.begin(); it != d->problems.end();)
        it = services.contains(it->serviceId) ? std::next(it) : d->problems.erase(it);
    for (auto it = d->health.begin(); it != d->health.end();)
        it = services.contains(it.key()) ? std::next(it) : d->health.erase(it);
}

void AlertRules::setAcknowledgements(const QList<Acknowledgement> &acknowledgements)
{
    d->acknowledgements.clear();
    for (const Acknowledgement &a : acknowledgements)
        d->acknowledgements.insert(a.serviceId, a);
}

void AlertRules::setMutes(const QList<Mute> &mutes)
{
    d->mutes = mutes;
}

void AlertRules::noteHealth(const QHash<QString, ServiceHealth> &health)
{
    for (auto it = health.cbegin(); it != health.cend(); ++it)
        d->health.insert(it.key(), it.value());
    d->foldImpacted();
}

void AlertRules::noteEvents(const QList<HealthEvent> &events, const QHash<QString, ServiceHealth> &health)
{
    for (auto it = health.cbegin(); it != health.cend(); ++it)
        d->health.insert(it.key(), it.value());
    for (const HealthEvent &event : events) {
        if (!d->services.contains(event.serviceId))
            continue;
        if (event.kind == HealthEvent::Kind::ServiceState)
            d->noteServiceState(event);
        else if (event.kind == HealthEvent::Kind::ProbeState)
            d->noteProbeState(event);
    }
    d->foldImpacted();
}

QList<Alert> AlertRules::takeDue()
{
    const qint64 now = d->now();
    QList<Alert> due;
    const qint64 flapInterval = qint64(d->settings.flapInterval.count());
    // A certificate in its warning window degrades its service too: one alert for it, the
    // certificate's, which says why. So certificates are taken first, and then a service whose
    // certificate is told has its Degraded alert left untold, before anything counts it as told
    // (nor, later, its resolution); a service down is still told as down.
    QSet<QString> certified;
    const auto take = [&](const QString &key, Problem &p) {
        if (p.pending && p.dueMs <= now) {
            Alert alert = *p.pending;
            p.pending.reset();
            if (alert.resolved) {
                const bool told = p.firingTold;
                p.firingTold = false;
                if (!told)
                    return;
                if (d->muted(p.serviceId, now)) {
                    ++d->counts.muted;
                    return;
                }
                due.append(alert);
                return;
            }
            if (alert.kind == Alert::Kind::Degraded && certified.contains(p.serviceId))
                return;
            if (alert.kind != Alert::Kind::Certificate)
                alert.impacted = d->impactedBy(p.serviceId);
            if (d->acknowledged(p.serviceId)) {
                ++d->counts.acknowledged;
                return;
            }
            if (d->muted(p.serviceId, now)) {
                ++d->counts.muted;
                return;
            }
            if (p.lastToldMs != 0 && now - p.lastToldMs < flapInterval) {
                ++p.heldChanges;
                ++d->counts.flapping;
                return;
            }
            p.firingTold = true;
            p.toldKind = alert.kind;
            p.sinceMs = alert.sinceMs;
            p.lastToldMs = now;
            due.append(alert);
        }
        if (p.heldChanges > 0 && !p.pending && now >= d->flapEnd(p)) {
            if (std::optional<Alert> alert = d->flapped(key, p, now))
                due.append(*alert);
        }
    };
    const auto isCertificate = [](const Problem &p) {
        return p.pending ? p.pending->kind == Alert::Kind::Certificate : p.toldKind == Alert::Kind::Certificate;
    };
    for (auto it = d->problems.begin(); it != d->problems.end(); ++it)
        if (isCertificate(*it))
            take(it.key(), *it);
    for (const Problem &p : std::as_const(d->problems))
        if (p.firingTold && p.toldKind == Alert::Kind::Certificate)
            certified.insert(p.serviceId);
    for (auto it = d->problems.begin(); it != d->problems.end(); ++it)
        if (!isCertificate(*it))
            take(it.key(), *it);
    std::ranges::stable_sort(due, {}, &Alert::timestampMs);
    return due;
}

qint64 AlertRules::nextDueMs() const
{
    qint64 next = 0;
    const auto consider = [&next](qint64 at) { next = next == 0 ? at : std::min(next, at); };
    for (const Problem &p : std::as_const(d->problems)) {
        if (p.pending)
            consider(p.dueMs);
        else if (p.heldChanges > 0)
            consider(d->flapEnd(p));
    }
    return next;
}

AlertRules::Counts AlertRules::heldBack() const
{
    return d->counts;
}

} // namespace Vigie
