#include "alertstore.h"

#include "core/clock.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// Qt binds a null QString as SQL NULL, which the NOT NULL text columns refuse: an empty comment, an
// author not known, a delivery without error are empty text.
QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

std::span<const Migrations::Step> schemaSteps()
{
    static const QList<Migrations::Step> list{
        {1,
         {
             u"CREATE TABLE acknowledgements ("
             "  service_id TEXT PRIMARY KEY,"
             "  comment TEXT NOT NULL DEFAULT '',"
             "  author TEXT NOT NULL DEFAULT '',"
             "  at_ms INTEGER NOT NULL)"_s,
             u"CREATE TABLE mutes ("
             "  id INTEGER PRIMARY KEY,"
             "  scope TEXT NOT NULL,"
             "  target TEXT NOT NULL DEFAULT '',"
             "  until_ms INTEGER NOT NULL DEFAULT 0,"
             "  comment TEXT NOT NULL DEFAULT '',"
             "  author TEXT NOT NULL DEFAULT '',"
             "  created_ms INTEGER NOT NULL,"
             "  ended_ms INTEGER)"_s,
             u"CREATE TABLE alerts ("
             "  id INTEGER PRIMARY KEY,"
             "  key TEXT NOT NULL,"
             "  kind TEXT NOT NULL,"
             "  resolved INTEGER NOT NULL,"
             "  service_id TEXT NOT NULL,"
             "  at_ms INTEGER NOT NULL,"
             "  document TEXT NOT NULL)"_s,
             u"CREATE INDEX alerts_by_time ON alerts (at_ms)"_s,
             u"CREATE TABLE deliveries ("
             "  id INTEGER PRIMARY KEY,"
             "  alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,"
             "  channel_id TEXT NOT NULL,"
             "  state TEXT NOT NULL,"
             "  attempts INTEGER NOT NULL DEFAULT 0,"
             "  next_attempt_ms INTEGER NOT NULL,"
             "  last_error TEXT NOT NULL DEFAULT '',"
             "  lease_owner TEXT NOT NULL DEFAULT '',"
             "  lease_until_ms INTEGER NOT NULL DEFAULT 0,"
             "  created_ms INTEGER NOT NULL,"
             "  updated_ms INTEGER NOT NULL,"
             "  UNIQUE (alert_id, channel_id))"_s,
             u"CREATE INDEX deliveries_due ON deliveries (state, next_attempt_ms)"_s,
         }},
        // The same alert raised by another process on this folder is found by its key.
        {2,
         {
             u"CREATE INDEX alerts_by_key ON alerts (key, resolved, at_ms)"_s,
         }},
    };
    return list;
}

std::optional<AlertDelivery::State> deliveryStateFromName(const QString &name)
{
    for (auto state : {AlertDelivery::State::Queued, AlertDelivery::State::Sending, AlertDelivery::State::Delivered,
                       AlertDelivery::State::Failed})
        if (alertDeliveryStateName(state) == name)
            return state;
    return std::nullopt;
}

std::optional<Mute::Scope> muteScopeFromName(const QString &name)
{
    for (auto scope : {Mute::Scope::All, Mute::Scope::Group, Mute::Scope::Service})
        if (muteScopeName(scope) == name)
            return scope;
    return std::nullopt;
}

} // namespace

QString alertDeliveryStateName(AlertDelivery::State state)
{
    switch (state) {
    case AlertDelivery::State::Queued:
        return u"queued"_s;
    case AlertDelivery::State::Sending:
        return u"sending"_s;
    case AlertDelivery::State::Delivered:
        return u"delivered"_s;
    case AlertDelivery::State::Failed:
        return u"failed"_s;
    }
    return u"queued"_s;
}

struct AlertStore::Private
{
    const Clock *clock = nullptr;
    std::unique_ptr<SqliteConnection> connection;
    QString path;

    qint64 now() const { return clock->nowMs(); }
    QSqlDatabase &db() { return connection->database(); }

    QString failure(const QSqlQuery &query) const
    {
        return QCoreApplication::translate("Vigie::AlertStore", "The alerts database %1 failed: %2.")
            .arg(QDir::toNativeSeparators(path), sqlErrorText(query.lastError()));
    }

    // Runs `body` in a write transaction taken at once (BEGIN IMMEDIATE: another process's writer
    // waits), committed when it succeeds.
    template<typename T, typename Body>
    Result<T> write(Body body)
    {
        if (!connection)
            return std::unexpected(
                QCoreApplication::translate("Vigie::AlertStore", "The alerts database is not open."));
        QSqlQuery begin(db());
        if (!begin.exec(u"BEGIN IMMEDIATE"_s))
            return std::unexpected(failure(begin));
        Result<T> result = body();
        QSqlQuery end(db());
        if (!result) {
            end.exec(u"ROLLBACK"_s);
            return result;
        }
        if (!end.exec(u"COMMIT"_s)) {
            const QString why = failure(end);
            QSqlQuery(db()).exec(u"ROLLBACK"_s);
            return std::unexpected(why);
        }
        return result;
    }

    static constexpr const char *deliveryColumns =
        "d.id, d.channel_id, d.state, d.attempts, d.next_attempt_ms, d.last_error, d.lease_owner, "
        "d.lease_until_ms, d.created_ms, d.updated_ms, a.id, a.document";

    static AlertDelivery deliveryFrom(const QSqlQuery &q)
    {
        AlertDelivery delivery;
        delivery.id = q.value(0).toLongLong();
        delivery.channelId = q.value(1).toString();
        delivery.state = deliveryStateFromName(q.value(2).toString()).value_or(AlertDelivery::State::Queued);
        delivery.attempts = q.value(3).toInt();
        delivery.nextAttemptMs = q.value(4).toLongLong();
        delivery.lastError = q.value(5).toString();
        delivery.leaseOwner = q.value(6).toString();
        delivery.leaseUntilMs = q.value(7).toLongLong();
        delivery.createdMs = q.value(8).toLongLong();
        delivery.updatedMs = q.value(9).toLongLong();
        delivery.alert = Alert::fromJson(QJsonDocument::fromJson(q.value(11).toByteArray()).object()).value_or(Alert());
        delivery.alert.id = q.value(10).toLongLong();
        return delivery;
    }

    Result<AlertDelivery> delivery(qint64 id)
    {
        QSqlQuery q(db());
        q.prepare(u"SELECT %1 FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.id = ?"_s.arg(
            QLatin1StringView(deliveryColumns)));
        q.addBindValue(id);
        if (!q.exec())
            return std::unexpected(failure(q));
        if (!q.next())
            return std::unexpected(QCoreApplication::translate("Vigie::AlertStore", "No alert delivery %1.").arg(id));
        return deliveryFrom(q);
    }

    // Ends `owner`'s lease on delivery `id` with `state`.
    Result<AlertDelivery> endLease(qint64 id, const QString &owner, AlertDelivery::State state, const QString &reason,
                                   qint64 nextAttemptMs)
    {
        return write<AlertDelivery>([&]() -> Result<AlertDelivery> {
            QSqlQuery q(db());
            q.prepare(u"UPDATE deliveries SET state = ?, last_error = ?, next_attempt_ms = ?, lease_owner = '', "
                      "lease_until_ms = 0, updated_ms = ? WHERE id = ? AND state = 'sending' AND lease_owner = ?"_s);
            q.addBindValue(alertDeliveryStateName(state));
            q.addBindValue(text(reason));
            q.addBindValue(nextAttemptMs);
            q.addBindValue(now());
            q.addBindValue(id);
            q.addBindValue(text(owner));
            if (!q.exec())
                return std::unexpected(failure(q));
            if (q.numRowsAffected() != 1)
                return std::unexpected(
                    QCoreApplication::translate("Vigie::AlertStore", "The alert delivery %1 is no longer held by %2.")
                        .arg(id)
                        .arg(owner));
            return delivery(id);
        });
    }
};

AlertStore::AlertStore(const Clock *clock)
    : d(std::make_unique<Private>())
{
    d->clock = clock ? clock : Clock::system();
}

AlertStore::~AlertStore() = default;

QString AlertStore::fileName()
{
    return u"vigie-alerts.sqlite"_s;
}

bool AlertStore::isOpen() const
{
    return d->connection != nullptr;
}

QString AlertStore::databasePath() const
{
    return d->path;
}

AlertStore::Result<void> AlertStore::open(const QString &dataDir)
{
    if (isOpen())
        return std::unexpected(
            QCoreApplication::translate("Vigie::AlertStore", "The alerts database is already open on %1.")
                .arg(d->path));
    if (!QDir().mkpath(dataDir))
        return std::unexpected(QCoreApplication::translate("Vigie::AlertStore",
                                                           "Cannot create the data folder %1 for the alerts database.")
                                   .arg(QDir::toNativeSeparators(dataDir)));
    const QString path = QDir(dataDir).absoluteFilePath(fileName());
    auto connection = std::make_unique<SqliteConnection>();
    // An acknowledgement, a mute or a queued delivery survives a crash of the machine too.
    if (auto done = connection->open(path, SqliteConnection::Role::DurableWriter); !done)
        return done;
    if (auto migrated = Migrations::migrate(connection->database(), path, schemaSteps()); !migrated)
        return migrated;
    d->connection = std::move(connection);
    d->path = path;
    return {};
}

AlertStore::Result<void> AlertStore::acknowledge(const Acknowledgement &a)
{
    return d->write<void>([&]() -> Result<void> {
        QSqlQuery q(d->db());
        q.prepare(u"INSERT INTO acknowledgements (service_id, comment, author, at_ms) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT (service_id) DO UPDATE SET comment = excluded.comment, author = excluded.author, "
                  "at_ms = excluded.at_ms"_s);
        q.addBindValue(text(a.serviceId));
        q.addBindValue(text(a.comment));
        q.addBindValue(text(a.author));
        q.addBindValue(a.atMs ? a.atMs : d->now());
        if (!q.exec())
            return std::unexpected(d->failure(q));
        return {};
    });
}

AlertStore::Result<bool> AlertStore::clearAcknowledgement(const QString &serviceId)
{
    return d->write<bool>([&]() -> Result<bool> {
        QSqlQuery q(d->db());
        q.prepare(u"DELETE FROM acknowledgements WHERE service_id = ?"_s);
        q.addBindValue(text(serviceId));
        if (!q.exec())
            return std::unexpected(d->failure(q));
        return q.numRowsAffected() > 0;
    });
}

AlertStore::Result<QList<Acknowledgement>> AlertStore::acknowledgements()
{
    if (!isOpen())
        return std::unexpected(QCoreApplication::translate("Vigie::AlertStore", "The alerts database is not open."));
    QSqlQuery q(d->db());
    if (!q.exec(u"SELECT service_id, comment, author, at_ms FROM acknowledgements ORDER BY at_ms"_s))
        return std::unexpected(d->failure(q));
    QList<Acknowledgement> list;
    while (q.next())
        list.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()});
    return list;
}

AlertStore::Result<Mute> AlertStore::addMute(const Mute &mute)
{
    return d->write<Mute>([&]() -> Result<Mute> {
        Mute stored = mute;
        stored.createdMs = mute.createdMs ? mute.createdMs : d->now();
        QSqlQuery q(d->db());
        q.prepare(
            u"INSERT INTO mutes (scope, target, until_ms, comment, author, created_ms) VALUES (?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(muteScopeName(mute.scope));
        q.addBindValue(mute.scope == Mute::Scope::All ? u""_s : text(mute.target));
        q.addBindValue(mute.untilMs);
        q.addBindValue(text(mute.comment));
        q.addBindValue(text(mute.author));
        q.addBindValue(stored.createdMs);
        if (!q.exec())
            return std::unexpected(d->failure(q));
        stored.id = q.lastInsertId().toLongLong();
        return stored;
    });
}

AlertStore::Result<int> AlertStore::unmute(Mute::Scope scope, const QString &target)
{
    return d->write<int>([&]() -> Result<int> {
        const qint64 now = d->now();
        QSqlQuery q(d->db());
        q.prepare(u"UPDATE mutes SET ended_ms = ? WHERE ended_ms IS NULL AND scope = ? AND target = ? "
                  "AND (until_ms = 0 OR until_ms > ?)"_s);
        q.addBindValue(now);
        q.addBindValue(muteScopeName(scope));
        q.addBindValue(scope == Mute::Scope::All ? u""_s : text(target));
        q.addBindValue(now);
        if (!q.exec())
            return std::unexpected(d->failure(q));
        return q.numRowsAffected();
    });
}

AlertStore::Result<QList<Mute>> AlertStore::activeMutes(qint64 nowMs)
{
    if (!isOpen())
        return std::unexpected(QCoreApplication::translate("Vigie::AlertStore", "The alerts database is not open."));
    QSqlQuery q(d->db());
    q.prepare(u"SELECT id, scope, target, until_ms, comment, author, created_ms FROM mutes "
              "WHERE ended_ms IS NULL AND (until_ms = 0 OR until_ms > ?) ORDER BY id"_s);
    q.addBindValue(nowMs);
    if (!q.exec())
        return std::unexpected(d->failure(q));
    QList<Mute> list;
    while (q.next()) {
        Mute m;
        m.id = q.value(0).toLongLong();
        m.scope = muteScopeFromName(q.value(1).toString()).value_or(Mute::Scope::All);
        m.target = q.value(2).toString();
        m.untilMs = q.value(3).toLongLong();
        m.comment = q.value(4).toString();
        m.author = q.value(5).toString();
        m.createdMs = q.value(6).toLongLong();
        list.append(m);
    }
    return list;
}

AlertStore::Result<Alert> AlertStore::enqueue(const Alert &alert, const QStringList &channelIds, qint64 sameWithinMs)
{
    return d->write<Alert>([&]() -> Result<Alert> {
        const qint64 now = d->now();
        if (sameWithinMs > 0) {
            // Told already by another process on this folder (a console and `vigie watch` watching
            // the same services): that one is the alert, and its deliveries are queued once.
            QSqlQuery same(d->db());
            same.prepare(u"SELECT document FROM alerts WHERE key = ? AND resolved = ? AND kind = ? AND at_ms >= ? "
                         "ORDER BY id DESC LIMIT 1"_s);
            same.addBindValue(text(alert.key));
            same.addBindValue(alert.resolved ? 1 : 0);
            same.addBindValue(alertKindName(alert.kind));
            same.addBindValue(alert.timestampMs - sameWithinMs);
            if (!same.exec())
                return std::unexpected(d->failure(same));
            if (same.next()) {
                const std::optional<Alert> told =
                    Alert::fromJson(QJsonDocument::fromJson(same.value(0).toString().toUtf8()).object());
                if (told)
                    return *told;
            }
        }
        QSqlQuery q(d->db());
        q.prepare(u"INSERT INTO alerts (key, kind, resolved, service_id, at_ms, document) VALUES (?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(text(alert.key));
        q.addBindValue(alertKindName(alert.kind));
        q.addBindValue(alert.resolved ? 1 : 0);
        q.addBindValue(text(alert.serviceId));
        q.addBindValue(alert.timestampMs);
        q.addBindValue(QString::fromUtf8(QJsonDocument(alert.toJson()).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return std::unexpected(d->failure(q));
        Alert stored = alert;
        stored.id = q.lastInsertId().toLongLong();
        // The document holds its id too, for receivers that deduplicate.
        QSqlQuery update(d->db());
        update.prepare(u"UPDATE alerts SET document = ? WHERE id = ?"_s);
        update.addBindValue(QString::fromUtf8(QJsonDocument(stored.toJson()).toJson(QJsonDocument::Compact)));
        update.addBindValue(stored.id);
        if (!update.exec())
            return std::unexpected(d->failure(update));
        for (const QString &channel : channelIds) {
            QSqlQuery insert(d->db());
            insert.prepare(u"INSERT OR IGNORE INTO deliveries (alert_id, channel_id, state, next_attempt_ms, "
                           "created_ms, updated_ms) VALUES (?, ?, 'queued', ?, ?, ?)"_s);
            insert.addBindValue(stored.id);
            insert.addBindValue(text(channel));
            insert.addBindValue(now);
            insert.addBindValue(now);
            insert.addBindValue(now);
            if (!insert.exec())
                return std::unexpected(d->failure(insert));
        }
        return stored;
    });
}

AlertStore::Result<QList<Alert>> AlertStore::recentAlerts(int limit)
{
    if (!isOpen())
        return std::unexpected(QCoreApplication::translate("Vigie::AlertStore", "The alerts database is not open."));
    QSqlQuery q(d->db());
    q.prepare(u"SELECT id, document FROM alerts ORDER BY at_ms DESC, id DESC LIMIT ?"_s);
    q.addBindValue(limit);
    if (!q.exec())
        return std::unexpected(d->failure(q));
    QList<Alert> list;
    while (q.next()) {
        if (std::optional<Alert> alert = Alert::fromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object())) {
            alert->id = q.value(0).toLongLong();
            list.append(*alert);
        }
    }
    return list;
}

AlertStore::Result<QList<AlertDelivery>> AlertStore::leaseDue(const QString &owner, qint64 leaseMs, int limit,
                                                              const QStringList &channelIds)
{
    if (channelIds.isEmpty())
        return QList<AlertDelivery>();
    return d->write<QList<AlertDelivery>>([&]() -> Result<QList<AlertDelivery>> {
        const qint64 now = d->now();
        QStringList marks;
        for (qsizetype i = 0; i < channelIds.size(); ++i)
            marks.append(u"?"_s);
        QSqlQuery q(d->db());
        q.prepare(
            u"SELECT d.id FROM deliveries d WHERE d.channel_id IN (%1) AND "
            "((d.state = 'queued' AND d.next_attempt_ms <= ?) OR (d.state = 'sending' AND d.lease_until_ms <= ?)) "
            "ORDER BY d.id LIMIT ?"_s.arg(marks.join(u", "_s)));
        for (const QString &channel : channelIds)
            q.addBindValue(text(channel));
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(limit);
        if (!q.exec())
            return std::unexpected(d->failure(q));
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        QList<AlertDelivery> leased;
        for (qint64 id : std::as_const(ids)) {
            QSqlQuery take(d->db());
            take.prepare(u"UPDATE deliveries SET state = 'sending', lease_owner = ?, lease_until_ms = ?, "
                         "attempts = attempts + 1, updated_ms = ? WHERE id = ?"_s);
            take.addBindValue(text(owner));
            take.addBindValue(now + leaseMs);
            take.addBindValue(now);
            take.addBindValue(id);
            if (!take.exec())
                return std::unexpected(d->failure(take));
            Result<AlertDelivery> delivery = d->delivery(id);
            if (!delivery)
                return std::unexpected(delivery.error());
            leased.append(*delivery);
        }
        return leased;
    });
}

AlertStore::Result<AlertDelivery> AlertStore::markDelivered(qint64 deliveryId, const QString &owner)
{
    return d->endLease(deliveryId, owner, AlertDelivery::State::Delivered, QString(), 0);
}

AlertStore::Result<AlertDelivery> AlertStore::markRetryLater(qint64 deliveryId, const QString &owner,
                                                             const QString &reason, qint64 nextAttemptMs)
{
    return d->endLease(deliveryId, owner, AlertDelivery::State::Queued, reason, nextAttemptMs);
}

AlertStore::Result<AlertDelivery> AlertStore::markFailed(qint64 deliveryId, const QString &owner, const QString &reason)
{
    return d->endLease(deliveryId, owner, AlertDelivery::State::Failed, reason, 0);
}

AlertStore::Result<QList<AlertDelivery>> AlertStore::deliveries(bool pendingOnly)
{
    if (!isOpen())
        return std::unexpected(QCoreApplication::translate("Vigie::AlertStore", "The alerts database is not open."));
    QSqlQuery q(d->db());
    q.prepare(u"SELECT %1 FROM deliveries d JOIN alerts a ON a.id = d.alert_id %2 ORDER BY d.id DESC"_s.arg(
        QLatin1StringView(Private::deliveryColumns), pendingOnly ? u"WHERE d.state <> 'delivered'"_s : QString()));
    if (!q.exec())
        return std::unexpected(d->failure(q));
    QList<AlertDelivery> list;
    while (q.next())
        list.append(Private::deliveryFrom(q));
    return list;
}

} // namespace Vigie
