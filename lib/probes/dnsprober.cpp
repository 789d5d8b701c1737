#include "dnsprober.h"

#include "conditioncheck.h"
#include "core/numbertext.h"
#include "pendingfailures.h"
#include "workspace/valueparsers.h"

#include <QDnsLookup>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// QDnsLookup runs every lookup of the process in a pool of 5 threads, and a lookup the resolver
// has not given up on keeps its thread whatever we do with the QDnsLookup object.
constexpr int maxLookups = 5;
// So that one DNS server cannot take every thread: a server gets at most all but one, and a server
// that has already let a lookup run past its deadline (one still holds a thread) gets only that one
// until it answers or the resolver gives up. Its other probes wait and fail at their own deadline,
// while probes of the servers that answer go on.
constexpr int maxLookupsPerServer = maxLookups - 1;
// Answers shown in `detail` and in messages; the rest are counted.
constexpr qsizetype shownAnswers = 5;

double msSince(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

QString typeName(DnsRecordType type)
{
    switch (type) {
    case DnsRecordType::A:
        return u"A"_s;
    case DnsRecordType::AAAA:
        return u"AAAA"_s;
    case DnsRecordType::CNAME:
        return u"CNAME"_s;
    case DnsRecordType::MX:
        return u"MX"_s;
    case DnsRecordType::TXT:
        return u"TXT"_s;
    case DnsRecordType::NS:
        return u"NS"_s;
    case DnsRecordType::SRV:
        return u"SRV"_s;
    }
    return {};
}

QDnsLookup::Type lookupType(DnsRecordType type)
{
    switch (type) {
    case DnsRecordType::A:
        return QDnsLookup::A;
    case DnsRecordType::AAAA:
        return QDnsLookup::AAAA;
    case DnsRecordType::CNAME:
        return QDnsLookup::CNAME;
    case DnsRecordType::MX:
        return QDnsLookup::MX;
    case DnsRecordType::TXT:
        return QDnsLookup::TXT;
    case DnsRecordType::NS:
        return QDnsLookup::NS;
    case DnsRecordType::SRV:
        return QDnsLookup::SRV;
    }
    return QDnsLookup::A;
}

// The response code as DNS people write it; absent for failures that are not one (no answer,
// a resolver that could not run).
std::optional<QString> rcodeName(QDnsLookup::Error error)
{
    switch (error) {
    case QDnsLookup::NoError:
        return u"NOERROR"_s;
    case QDnsLookup::NotFoundError:
        return u"NXDOMAIN"_s;
    case QDnsLookup::ServerFailureError:
        return u"SERVFAIL"_s;
    case QDnsLookup::ServerRefusedError:
        return u"REFUSED"_s;
    case QDnsLookup::InvalidRequestError:
        return u"FORMERR"_s;
    default:
        return std::nullopt;
    }
}

QString withoutTrailingDot(QString name)
{
    if (name.endsWith(u'.'))
        name.chop(1);
    return name;
}

struct Nameserver
{
    QHostAddress address; // null: the system's resolver
    quint16 port = 0;     // 0: the protocol's default (53)

    // Tells servers apart for the thread accounting; empty for the system's resolver.
    QString key() const { return address.isNull() ? QString() : address.toString() + u'#' + QString::number(port); }
};

// The workspace's server text (see NameServer::parse); an empty text is the system's resolver.
std::optional<Nameserver> parseNameserver(const QString &text)
{
    if (text.isEmpty())
        return Nameserver{};
    const std::optional<NameServer> server = NameServer::parse(text);
    if (!server)
        return std::nullopt;
    return Nameserver{server->address, server->port};
}

// Answers compare as DNS does: names and addresses without regard to case or spelling
// ("2001:DB8::1" is "2001:db8:0::1"), TXT strings exactly.
QString comparable(DnsRecordType type, const QString &value)
{
    switch (type) {
    case DnsRecordType::A:
    case DnsRecordType::AAAA:
        if (const QHostAddress address(value); !address.isNull())
            return address.toString();
        return value.toLower();
    case DnsRecordType::TXT:
        return value;
    default:
        return withoutTrailingDot(value.trimmed()).toLower();
    }
}

QStringList answersOf(const QDnsLookup &lookup, DnsRecordType type)
{
    QStringList answers;
    switch (type) {
    case DnsRecordType::A:
    case DnsRecordType::AAAA: {
        const auto protocol = type == DnsRecordType::A ? QAbstractSocket::IPv4Protocol : QAbstractSocket::IPv6Protocol;
        for (const QDnsHostAddressRecord &record : lookup.hostAddressRecords())
            if (record.value().protocol() == protocol)
                answers.append(record.value().toString());
        break;
    }
    case DnsRecordType::CNAME:
        for (const QDnsDomainNameRecord &record : lookup.canonicalNameRecords())
            answers.append(withoutTrailingDot(record.value()));
        break;
    case DnsRecordType::MX:
        for (const QDnsMailExchangeRecord &record : lookup.mailExchangeRecords())
            answers.append(QString::number(record.preference()) + u' ' + withoutTrailingDot(record.exchange()));
        break;
    case DnsRecordType::TXT:
        // A long TXT record comes as several strings that together make one value (SPF, DKIM).
        for (const QDnsTextRecord &record : lookup.textRecords())
            answers.append(QString::fromUtf8(record.values().join()));
        break;
    case DnsRecordType::NS:
        for (const QDnsDomainNameRecord &record : lookup.nameServerRecords())
            answers.append(withoutTrailingDot(record.value()));
        break;
    case DnsRecordType::SRV:
        for (const QDnsServiceRecord &record : lookup.serviceRecords())
            answers.append(QString::number(record.priority()) + u' ' + QString::number(record.weight()) + u' ' +
                           QString::number(record.port()) + u' ' + withoutTrailingDot(record.target()));
        break;
    }
    return answers;
}

Message shortList(const QStringList &answers)
{
    const Message shown = Message::verbatim(answers.first(qMin(answers.size(), shownAnswers)).join(u", "_s));
    if (answers.size() <= shownAnswers)
        return shown;
    return Message::joined({shown, trMessage("Vigie::DnsProber", "+%1 more").arg(answers.size() - shownAnswers)},
                           u" "_s);
}

struct DnsProbe
{
    quint64 id = 0;
    quint64 serial = 0; // tells a late callback of a cancelled probe from one of a newer probe with the same id
    ProbeSpec spec;
    const DnsOptions &options() const { return spec.options<DnsOptions>(); }
    Nameserver server;
    QString serverKey;  // server.key(): its lookups are counted under it
    Message serverName; // for messages: as written, or "the system resolver"
    QRegularExpression pattern;
    QPointer<QDnsLookup> lookup; // null while waiting for a free lookup thread
    QElapsedTimer clock;
    std::optional<double> launchedAtMs;
    QTimer deadline;
};

} // namespace

struct DnsProber::Private
{
    explicit Private(DnsProber *owner)
        : q(owner)
    {}
    ~Private()
    {
        for (auto &[id, p] : probes)
            if (p->lookup) {
                QObject::disconnect(p->lookup, nullptr, q, nullptr);
                delete p->lookup;
            }
        for (QDnsLookup *lookup : std::as_const(draining)) {
            QObject::disconnect(lookup, nullptr, q, nullptr);
            delete lookup;
        }
    }

    DnsProbe *find(quint64 id, quint64 serial) const;
    int lookupsInUse() const { return running + int(draining.size()); }
    // Whether p's lookup may take a thread now: one is free, and its server is within its share.
    bool mayLaunch(const DnsProbe &p) const;
    void failLater(quint64 id, ProbePhase phase, const Message &error);
    void launch(DnsProbe &p);
    void launchWaiting();
    // Counts p's lookup out of the running ones and detaches it from p.
    void release(DnsProbe &p);
    void drain(DnsProbe &p);
    void onFinished(quint64 id, quint64 serial);
    void onDeadline(quint64 id);
    void finish(DnsProbe &p, HealthState status, ProbePhase phase, const Message &error,
                const QStringList &answers = {}, const std::optional<QString> &rcode = std::nullopt);

    DnsProber *q;
    quint64 nextSerial = 1;
    std::unordered_map<quint64, std::unique_ptr<DnsProbe>> probes;
    QList<std::pair<quint64, quint64>> waiting; // (id, serial), oldest first
    // Lookups given up on (deadline, cancel) whose thread the resolver still holds: kept until
    // they finish so that we know when that thread is free again.
    QSet<QDnsLookup *> draining;
    int running = 0;                // probes whose lookup runs
    QHash<QString, int> runningAt;  // by server key
    QHash<QString, int> drainingAt; // by server key
    PendingFailures failures;
};

DnsProbe *DnsProber::Private::find(quint64 id, quint64 serial) const
{
    const auto it = probes.find(id);
    return it != probes.end() && it->second->serial == serial ? it->second.get() : nullptr;
}

bool DnsProber::Private::mayLaunch(const DnsProbe &p) const
{
    if (lookupsInUse() >= maxLookups)
        return false;
    const int held = drainingAt.value(p.serverKey);
    return runningAt.value(p.serverKey) + held < (held > 0 ? 1 : maxLookupsPerServer);
}

void DnsProber::Private::failLater(quint64 id, ProbePhase phase, const Message &error)
{
    failures.post(q, id, phase, error,
                  [this](quint64 failedId, const ProbeResult &result) { Q_EMIT q->finished(failedId, result); });
}

void DnsProber::Private::launch(DnsProbe &p)
{
    auto *lookup = new QDnsLookup(lookupType(p.options().recordType), p.spec.target, q);
    if (!p.server.address.isNull())
        lookup->setNameserver(p.server.address, p.server.port);
    const quint64 id = p.id;
    const quint64 serial = p.serial;
    QObject::connect(lookup, &QDnsLookup::finished, q, [this, id, serial] { onFinished(id, serial); });
    p.lookup = lookup;
    ++running;
    ++runningAt[p.serverKey];
    p.launchedAtMs = msSince(p.clock);
    lookup->lookup();
}

// Oldest first, skipping the probes whose server has used up its share.
void DnsProber::Private::launchWaiting()
{
    for (qsizetype i = 0; i < waiting.size() && lookupsInUse() < maxLookups;) {
        const auto [id, serial] = waiting.at(i);
        DnsProbe *p = find(id, serial);
        if (p && !mayLaunch(*p)) {
            ++i;
            continue;
        }
        waiting.removeAt(i);
        if (p)
            launch(*p);
    }
}

void DnsProber::Private::release(DnsProbe &p)
{
    --running;
    if (--runningAt[p.serverKey] == 0)
        runningAt.remove(p.serverKey);
    p.lookup = nullptr;
}

// QDnsLookup::abort() would report at once but leave the resolver running unseen; the lookup is
// kept instead, detached from its probe, until the resolver gives up.
void DnsProber::Private::drain(DnsProbe &p)
{
    QDnsLookup *lookup = p.lookup;
    if (!lookup)
        return;
    release(p);
    const QString key = p.serverKey;
    QObject::disconnect(lookup, nullptr, q, nullptr);
    draining.insert(lookup);
    ++drainingAt[key];
    QObject::connect(lookup, &QDnsLookup::finished, q, [this, lookup, key] {
        draining.remove(lookup);
        if (--drainingAt[key] == 0)
            drainingAt.remove(key);
        lookup->deleteLater();
        launchWaiting();
    });
}

void DnsProber::Private::onFinished(quint64 id, quint64 serial)
{
    DnsProbe *p = find(id, serial);
    if (!p || !p->lookup)
        return;
    const QDnsLookup &lookup = *p->lookup;
    const QString type = typeName(p->options().recordType);
    const QString &name = p->spec.target;
    const std::optional<QString> rcode = rcodeName(lookup.error());
    const QStringList answers = answersOf(lookup, p->options().recordType);

    switch (lookup.error()) {
    case QDnsLookup::NoError:
        break;
    case QDnsLookup::NotFoundError:
        finish(*p, HealthState::Down, ProbePhase::Dns,
               trMessage("Vigie::DnsProber", "%1 does not exist (NXDOMAIN from %2)").arg(name).arg(p->serverName), {},
               rcode);
        return;
    case QDnsLookup::TimeoutError:
        finish(*p, HealthState::Down, ProbePhase::Dns,
               trMessage("Vigie::DnsProber", "no answer from %1 for %2 (the resolver gave up after %3 s)")
                   .arg(p->serverName)
                   .arg(name)
                   .argSeconds(msSince(p->clock) / 1000.0));
        return;
    default:
        finish(*p, HealthState::Down, ProbePhase::Dns,
               trMessage("Vigie::DnsProber", "looking up the %1 records of %2 at %3 failed: %4")
                   .arg(type, name)
                   .arg(p->serverName)
                   .arg(rcode ? lookup.errorString() + u" ("_s + *rcode + u')' : lookup.errorString()),
               {}, rcode);
        return;
    }

    if (answers.isEmpty()) {
        finish(*p, HealthState::Down, ProbePhase::Dns,
               trMessage("Vigie::DnsProber", "%1 has no %2 records at %3").arg(name, type).arg(p->serverName), answers,
               rcode);
        return;
    }

    QStringList have;
    for (const QString &answer : answers)
        have.append(comparable(p->options().recordType, answer));
    QStringList missing;
    for (const QString &expected : std::as_const(p->options().expectValues))
        if (!have.contains(comparable(p->options().recordType, expected)))
            missing.append(expected);
    if (!missing.isEmpty()) {
        finish(*p, HealthState::Down, ProbePhase::Dns,
               trMessage("Vigie::DnsProber", "%1 not among the %2 answers for %3 (%4)")
                   .arg(missing.join(u", "_s), type, name)
                   .arg(shortList(answers)),
               answers, rcode);
        return;
    }

    if (!p->options().expectMatches.isEmpty()) {
        const bool matched =
            std::ranges::any_of(answers, [p](const QString &answer) { return p->pattern.match(answer).hasMatch(); });
        if (!matched) {
            finish(*p, HealthState::Down, ProbePhase::Dns,
                   trMessage("Vigie::DnsProber", "no %1 answer for %2 matches %3 (%4)")
                       .arg(type, name, p->options().expectMatches)
                       .arg(shortList(answers)),
                   answers, rcode);
            return;
        }
    }
    finish(*p, HealthState::Up, ProbePhase::None, {}, answers, rcode);
}

void DnsProber::Private::onDeadline(quint64 id)
{
    const auto it = probes.find(id);
    if (it == probes.end())
        return;
    DnsProbe &p = *it->second;
    const std::chrono::milliseconds after = p.spec.timeout;
    if (!p.lookup) {
        if (const int held = drainingAt.value(p.serverKey); held > 0)
            finish(p, HealthState::Down, ProbePhase::Dns,
                   trMessage("Vigie::DnsProber",
                             "the lookup of %1 could not start within %2 s: %3 still has not answered an "
                             "earlier lookup")
                       .arg(p.spec.target)
                       .argSeconds(after)
                       .arg(p.serverName));
        else
            finish(p, HealthState::Down, ProbePhase::Dns,
                   trMessage("Vigie::DnsProber",
                             "the lookup of %1 could not start within %2 s: %3 earlier lookups still wait for "
                             "DNS servers that do not answer")
                       .arg(p.spec.target)
                       .argSeconds(after)
                       .arg(draining.size()));
        return;
    }
    drain(p);
    finish(p, HealthState::Down, ProbePhase::Dns,
           trMessage("Vigie::DnsProber", "no answer from %1 within %2 s").arg(p.serverName).argSeconds(after));
}

void DnsProber::Private::finish(DnsProbe &p, HealthState status, ProbePhase phase, const Message &error,
                                const QStringList &answers, const std::optional<QString> &rcode)
{
    const double totalMs = msSince(p.clock);
    ProbeResult result;
    result.status = status;
    result.failedPhase = phase;
    result.error = error;
    result.latencyMs = totalMs;
    result.phases.totalMs = totalMs;
    if (p.launchedAtMs)
        result.phases.resolveMs = totalMs - *p.launchedAtMs;
    const QString type = typeName(p.options().recordType);
    if (!answers.isEmpty())
        result.detail = Message::joined({Message::verbatim(type), shortList(answers)}, u" "_s);
    else if (rcode && *rcode != u"NOERROR"_s)
        result.detail = Message::verbatim(type + u' ' + *rcode);

    ConditionContext context;
    context.responseTimeMs = totalMs;
    context.dnsAnswers = answers;
    context.dnsRcode = rcode;
    applyConditions(result, p.spec.conditions, context);

    if (QDnsLookup *lookup = p.lookup) {
        release(p);
        QObject::disconnect(lookup, nullptr, q, nullptr);
        lookup->deleteLater();
    }
    const quint64 id = p.id;
    const quint64 serial = p.serial;
    waiting.removeIf(
        [id, serial](const std::pair<quint64, quint64> &entry) { return entry.first == id && entry.second == serial; });
    probes.erase(id); // p is gone from here on
    launchWaiting();
    Q_EMIT q->finished(id, result);
}

DnsProber::DnsProber(QObject *parent)
    : Prober(parent)
    , d(std::make_unique<Private>(this))
{}

DnsProber::~DnsProber() = default;

void DnsProber::start(quint64 id, const ProbeSpec &spec)
{
    const DnsOptions &options = spec.options<DnsOptions>();
    cancel(id);

    if (spec.target.trimmed().isEmpty()) {
        d->failLater(id, ProbePhase::Config, trMessage("Vigie::DnsProber", "the DNS probe has no name to look up"));
        return;
    }
    const std::optional<Nameserver> server = parseNameserver(options.dnsServer);
    if (!server) {
        d->failLater(
            id, ProbePhase::Config,
            trMessage("Vigie::DnsProber",
                      "'%1' is not a DNS server address (an IP address, optionally with :port; IPv6 as [address]:port)")
                .arg(options.dnsServer));
        return;
    }
    QRegularExpression pattern(options.expectMatches);
    if (!pattern.isValid()) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::DnsProber", "the answer pattern %1 is not a valid regular expression: %2")
                         .arg(options.expectMatches, pattern.errorString()));
        return;
    }
    if (spec.timeout <= 0ms) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::DnsProber", "the timeout of the probe of %1 must be positive").arg(spec.target));
        return;
    }

    auto p = std::make_unique<DnsProbe>();
    p->id = id;
    p->serial = d->nextSerial++;
    p->spec = spec;
    p->server = *server;
    p->serverKey = server->key();
    p->serverName = options.dnsServer.isEmpty() ? trMessage("Vigie::DnsProber", "the system resolver")
                                                : Message::verbatim(options.dnsServer);
    p->pattern = std::move(pattern);
    p->deadline.setSingleShot(true);
    // A coarse timer may fire up to 5 % early, which would cut a probe short of its deadline.
    p->deadline.setTimerType(Qt::PreciseTimer);
    connect(&p->deadline, &QTimer::timeout, this, [this, id] { d->onDeadline(id); });
    p->clock.start();
    p->deadline.start(spec.timeout);
    const quint64 serial = p->serial;
    DnsProbe &probe = *p;
    d->probes.emplace(id, std::move(p));
    // Probes still waiting are held back by their server's share, or there is no free thread.
    if (d->mayLaunch(probe))
        d->launch(probe);
    else
        d->waiting.append({id, serial});
}

void DnsProber::cancel(quint64 id)
{
    d->failures.cancel(id);
    const auto it = d->probes.find(id);
    if (it == d->probes.end())
        return;
    d->waiting.removeIf([id](const std::pair<quint64, quint64> &entry) { return entry.first == id; });
    d->drain(*it->second);
    d->probes.erase(it);
}

int DnsProber::runningCount() const
{
    return int(d->probes.size()) + d->failures.size();
}

} // namespace Vigie
