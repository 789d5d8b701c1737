#include "noticestore.h"

#include "core/clock.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>

#include <array>
#include <type_traits>
#include <utility>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr std::array outboxStates{
    std::pair{OutboxEntry::State::Queued, "queued"_L1},
    std::pair{OutboxEntry::State::Sending, "sending"_L1},
    std::pair{OutboxEntry::State::Published, "published"_L1},
    std::pair{OutboxEntry::State::Failed, "failed"_L1},
    std::pair{OutboxEntry::State::NeedsAttention, "needs_attention"_L1},
    std::pair{OutboxEntry::State::Cancelled, "cancelled"_L1},
};

const QList<Migrations::Step> &schemaSteps()
{
    static const QList<Migrations::Step> list{
        {1,
         {
             // Kinds, statuses and impacts by their stable names (notice.h); components as JSON
             // [{"service": id, "status": name}]. status and components are the latest update's.
             u"CREATE TABLE notices ("
             "  id INTEGER PRIMARY KEY,"
             "  kind TEXT NOT NULL,"
             "  title TEXT NOT NULL,"
             "  impact TEXT NOT NULL,"
             "  status TEXT NOT NULL,"
             "  components TEXT NOT NULL DEFAULT '[]',"
             "  window_start_ms INTEGER,"
             "  window_end_ms INTEGER,"
             "  postmortem TEXT NOT NULL DEFAULT '',"
             "  created_ms INTEGER NOT NULL,"
             "  modified_ms INTEGER NOT NULL)"_s,
             u"CREATE TABLE notice_updates ("
             "  id INTEGER PRIMARY KEY,"
             "  notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,"
             "  ts_ms INTEGER NOT NULL,"
             "  status TEXT NOT NULL,"
             "  body TEXT NOT NULL,"
             "  components TEXT NOT NULL DEFAULT '[]')"_s,
             u"CREATE INDEX notice_updates_by_notice ON notice_updates (notice_id, ts_ms)"_s,
             // Every saved draft; fields holds the rest of the draft as JSON (status, impact,
             // components, window, postmortem).
             u"CREATE TABLE notice_revisions ("
             "  notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,"
             "  number INTEGER NOT NULL,"
             "  saved_ms INTEGER NOT NULL,"
             "  restored_from INTEGER NOT NULL DEFAULT 0,"
             "  title TEXT NOT NULL,"
             "  body TEXT NOT NULL,"
             "  fields TEXT NOT NULL,"
             "  PRIMARY KEY (notice_id, number))"_s,
             u"CREATE TABLE outbox ("
             "  id INTEGER PRIMARY KEY,"
             "  notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,"
             "  update_id INTEGER NOT NULL REFERENCES notice_updates (id) ON DELETE CASCADE,"
             "  site_id TEXT NOT NULL,"
             "  deliver_notifications INTEGER NOT NULL DEFAULT 0,"
             "  state TEXT NOT NULL,"
             "  attempts INTEGER NOT NULL DEFAULT 0,"
             "  next_attempt_ms INTEGER NOT NULL,"
             "  last_error TEXT,"
             "  remote_id TEXT,"
             "  lease_owner TEXT,"
             "  lease_until_ms INTEGER,"
             "  created_ms INTEGER NOT NULL,"
             "  updated_ms INTEGER NOT NULL)"_s,
             // One live entry per update and site: publishing twice queues once.
             u"CREATE UNIQUE INDEX outbox_one_per_update_site ON outbox (update_id, site_id) "
             "WHERE state != 'cancelled'"_s,
             u"CREATE INDEX outbox_by_state ON outbox (state, next_attempt_ms)"_s,
             u"CREATE INDEX outbox_by_notice_site ON outbox (notice_id, site_id, id)"_s,
         }},
        {2,
         {
             // What each site showed of a notice when it was last read back (publiccopy.h), as JSON:
             // the latest only.
             u"CREATE TABLE public_copies ("
             "  notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,"
             "  site_id TEXT NOT NULL,"
             "  fetched_ms INTEGER NOT NULL,"
             "  copy TEXT NOT NULL,"
             "  PRIMARY KEY (notice_id, site_id))"_s,
         }},
    };
    return list;
}

QJsonArray componentsJson(const QList<AffectedComponent> &components)
{
    QJsonArray array;
    for (const AffectedComponent &c : components)
        array.append(QJsonObject{{u"service"_s, c.serviceId}, {u"status"_s, componentStatusName(c.status)}});
    return array;
}

QList<AffectedComponent> componentsFrom(const QJsonArray &array)
{
    QList<AffectedComponent> components;
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        components.append(
            {object.value(u"service"_s).toString(),
             componentStatusFromName(object.value(u"status"_s).toString()).value_or(ComponentStatus::MajorOutage)});
    }
    return components;
}

QString componentsText(const QList<AffectedComponent> &components)
{
    return QString::fromUtf8(QJsonDocument(componentsJson(components)).toJson(QJsonDocument::Compact));
}

QList<AffectedComponent> componentsFromText(const QString &text)
{
    return componentsFrom(QJsonDocument::fromJson(text.toUtf8()).array());
}

// A null QString binds as NULL: the statements write coalesce(?, '') into NOT NULL text columns.
QVariant nullable(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

const QString entryColumns = u"id, notice_id, update_id, site_id, deliver_notifications, state, attempts, "
                             "next_attempt_ms, last_error, remote_id, lease_owner, lease_until_ms, created_ms, "
                             "updated_ms"_s;

OutboxEntry entryFrom(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.noticeId = query.value(1).toLongLong();
    entry.updateId = query.value(2).toLongLong();
    entry.siteId = query.value(3).toString();
    entry.deliverNotifications = query.value(4).toInt() != 0;
    entry.state = outboxStateFromName(query.value(5).toString()).value_or(OutboxEntry::State::Failed);
    entry.attempts = query.value(6).toInt();
    entry.nextAttemptMs = query.value(7).toLongLong();
    entry.lastError = query.value(8).toString();
    entry.remoteId = query.value(9).toString();
    entry.leaseOwner = query.value(10).toString();
    entry.leaseUntilMs = query.value(11).toLongLong();
    entry.createdMs = query.value(12).toLongLong();
    entry.updatedMs = query.value(13).toLongLong();
    return entry;
}

QString publicCopyText(const PublicCopy &copy)
{
    QJsonArray updates;
    for (const PublicCopy::Update &update : copy.updates)
        updates.append(QJsonObject{{u"status"_s, noticeStatusName(update.status)}, {u"body"_s, update.body}});
    const QJsonObject object{{u"url"_s, copy.url},
                             {u"title"_s, copy.title},
                             {u"status"_s, noticeStatusName(copy.status)},
                             {u"updates"_s, updates},
                             {u"error"_s, copy.error}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

PublicCopy publicCopyFrom(qint64 noticeId, const QString &siteId, qint64 fetchedMs, const QString &text)
{
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    PublicCopy copy;
    copy.noticeId = noticeId;
    copy.siteId = siteId;
    copy.fetchedMs = fetchedMs;
    copy.url = object.value(u"url"_s).toString();
    copy.title = object.value(u"title"_s).toString();
    copy.status = noticeStatusFromName(object.value(u"status"_s).toString()).value_or(copy.status);
    copy.error = object.value(u"error"_s).toString();
    for (const QJsonValue &value : object.value(u"updates"_s).toArray()) {
        const QJsonObject update = value.toObject();
        copy.updates.append({noticeStatusFromName(update.value(u"status"_s).toString()).value_or(copy.status),
                             update.value(u"body"_s).toString()});
    }
    return copy;
}

} // namespace

QString outboxStateName(OutboxEntry::State state)
{
    for (const auto &[s, name] : outboxStates)
        if (s == state)
            return QString(name);
    return {};
}

std::optional<OutboxEntry::State> outboxStateFromName(QStringView name)
{
    for (const auto &[s, text] : outboxStates)
        if (name == text)
            return s;
    return std::nullopt;
}

QString outboxStateText(OutboxEntry::State state)
{
    switch (state) {
    case OutboxEntry::State::Queued:
        return QCoreApplication::translate("Vigie::NoticeStore", "Queued");
    case OutboxEntry::State::Sending:
        return QCoreApplication::translate("Vigie::NoticeStore", "Sending");
    case OutboxEntry::State::Published:
        return QCoreApplication::translate("Vigie::NoticeStore", "Published");
    case OutboxEntry::State::Failed:
        return QCoreApplication::translate("Vigie::NoticeStore", "Failed");
    case OutboxEntry::State::NeedsAttention:
        return QCoreApplication::translate("Vigie::NoticeStore", "Needs attention");
    case OutboxEntry::State::Cancelled:
        return QCoreApplication::translate("Vigie::NoticeStore", "Cancelled");
    }
    return {};
}

// Everything below Private runs on the store's thread, the only one that uses the connection.
struct NoticeStore::Private
{
    const Clock *clock = nullptr;
    QThreadPool pool;
    std::unique_ptr<SqliteConnection> connection;
    QString path;

    qint64 now() const { return clock->nowMs(); }

    // Runs `work` on the store's thread. Not QtConcurrent::run: a caller that waits on a
    // QtConcurrent future whose task has not started runs the task itself, on its own thread, with
    // the connection another task may be using on the store's (seen: a crash in SQLite when the GUI
    // thread waited while the outbox was being read).
    template<typename Work>
    auto submit(Work &&work) -> QFuture<std::invoke_result_t<Work>>
    {
        using R = std::invoke_result_t<Work>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        pool.start([promise, work = std::forward<Work>(work)]() mutable {
            if constexpr (std::is_void_v<R>) {
                work();
            } else {
                promise->addResult(work());
            }
            promise->finish();
        });
        return future;
    }

    QString failure(const QSqlQuery &query) const
    {
        const QSqlError error = query.lastError();
        if (isDamaged(error))
            return QCoreApplication::translate(
                       "Vigie::NoticeStore",
                       "The notices database %1 is damaged or is not a SQLite database (%2): move it aside to "
                       "start a new one.")
                .arg(QDir::toNativeSeparators(path), sqlErrorText(error));
        return QCoreApplication::translate("Vigie::NoticeStore", "Cannot use the notices database %1: %2.")
            .arg(QDir::toNativeSeparators(path), sqlErrorText(error));
    }

    // Runs `sql` with `values` bound in order; the query, or a sentence.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery query(connection->database());
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return std::unexpected(failure(query));
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            return std::unexpected(failure(query));
        return query;
    }

    // Runs `body` in a write transaction taken at once (BEGIN IMMEDIATE: another process's writes
    // wait, or this one does), committed when it succeeds and rolled back when it fails.
    template<typename T, typename Body>
    Result<T> write(Body &&body)
    {
        if (!connection)
            return std::unexpected(QCoreApplication::translate("Vigie::NoticeStore", "The notice store is not open."));
        if (auto begun = exec(u"BEGIN IMMEDIATE"_s); !begun)
            return std::unexpected(begun.error());
        Result<T> result = body();
        if (!result) {
            exec(u"ROLLBACK"_s);
            return result;
        }
        if (auto committed = exec(u"COMMIT"_s); !committed) {
            exec(u"ROLLBACK"_s);
            return std::unexpected(committed.error());
        }
        return result;
    }

    template<typename T, typename Body>
    Result<T> read(Body &&body) const
    {
        if (!connection)
            return std::unexpected(QCoreApplication::translate("Vigie::NoticeStore", "The notice store is not open."));
        return body();
    }

    QString noSuchNotice(qint64 id) const
    {
        return QCoreApplication::translate("Vigie::NoticeStore", "There is no notice %1.").arg(id);
    }
    QString noSuchEntry(qint64 id) const
    {
        return QCoreApplication::translate("Vigie::NoticeStore", "There is no outbox entry %1.").arg(id);
    }

    Result<Notice> loadNotice(qint64 id) const
    {
        auto query = exec(u"SELECT id, kind, title, impact, status, components, window_start_ms, window_end_ms, "
                          "postmortem, created_ms, modified_ms FROM notices WHERE id = ?"_s,
                          {id});
        if (!query)
            return std::unexpected(query.error());
        if (!query->next())
            return std::unexpected(noSuchNotice(id));
        Notice notice;
        notice.id = query->value(0).toLongLong();
        notice.kind = noticeKindFromName(query->value(1).toString()).value_or(NoticeKind::Incident);
        notice.title = query->value(2).toString();
        notice.impact = noticeImpactFromName(query->value(3).toString()).value_or(NoticeImpact::None);
        notice.status = noticeStatusFromName(query->value(4).toString()).value_or(initialNoticeStatus(notice.kind));
        notice.components = componentsFromText(query->value(5).toString());
        if (!query->value(6).isNull())
            notice.window = NoticeWindow{query->value(6).toLongLong(), query->value(7).toLongLong()};
        notice.postmortem = query->value(8).toString();
        notice.createdMs = query->value(9).toLongLong();
        notice.modifiedMs = query->value(10).toLongLong();
        query->finish();
        auto updates = exec(u"SELECT id, ts_ms, status, body, components FROM notice_updates WHERE notice_id = ? "
                            "ORDER BY ts_ms, id"_s,
                            {id});
        if (!updates)
            return std::unexpected(updates.error());
        while (updates->next()) {
            NoticeUpdate update;
            update.id = updates->value(0).toLongLong();
            update.timestampMs = updates->value(1).toLongLong();
            update.status =
                noticeStatusFromName(updates->value(2).toString()).value_or(initialNoticeStatus(notice.kind));
            update.body = updates->value(3).toString();
            update.components = componentsFromText(updates->value(4).toString());
            notice.updates.append(update);
        }
        return notice;
    }

    Result<OutboxEntry> loadEntry(qint64 id) const
    {
        auto query = exec(u"SELECT %1 FROM outbox WHERE id = ?"_s.arg(entryColumns), {id});
        if (!query)
            return std::unexpected(query.error());
        if (!query->next())
            return std::unexpected(noSuchEntry(id));
        return entryFrom(*query);
    }

    Result<qint64> insertUpdate(qint64 noticeId, NoticeKind kind, const NoticeUpdate &update)
    {
        if (!noticeStatusFits(kind, update.status))
            return std::unexpected(
                QCoreApplication::translate("Vigie::NoticeStore", "\"%1\" is not a status of %2; expected one of: %3.")
                    .arg(noticeStatusName(update.status), noticeKindText(kind).toLower(),
                         noticeStatusNames(kind).join(u", "_s)));
        const qint64 at = update.timestampMs > 0 ? update.timestampMs : now();
        auto query = exec(
            u"INSERT INTO notice_updates (notice_id, ts_ms, status, body, components) VALUES (?, ?, ?, coalesce(?, ''), ?)"_s,
            {noticeId, at, noticeStatusName(update.status), update.body, componentsText(update.components)});
        if (!query)
            return std::unexpected(query.error());
        return query->lastInsertId().toLongLong();
    }

    // Inside a transaction: the entries of `updateId` for `siteIds`, written where missing.
    Result<QList<OutboxEntry>> queue(qint64 noticeId, qint64 updateId, const QStringList &siteIds, bool deliver)
    {
        QList<OutboxEntry> entries;
        const qint64 at = now();
        for (const QString &site : siteIds) {
            auto existing = exec(u"SELECT id FROM outbox WHERE update_id = ? AND site_id = ? AND state != "
                                 "'cancelled'"_s,
                                 {updateId, site});
            if (!existing)
                return std::unexpected(existing.error());
            qint64 id = existing->next() ? existing->value(0).toLongLong() : 0;
            existing->finish();
            if (id == 0) {
                auto inserted = exec(u"INSERT INTO outbox (notice_id, update_id, site_id, deliver_notifications, "
                                     "state, attempts, next_attempt_ms, created_ms, updated_ms) VALUES (?, ?, ?, ?, "
                                     "'queued', 0, ?, ?, ?)"_s,
                                     {noticeId, updateId, site, deliver ? 1 : 0, at, at, at});
                if (!inserted)
                    return std::unexpected(inserted.error());
                id = inserted->lastInsertId().toLongLong();
            }
            auto entry = loadEntry(id);
            if (!entry)
                return std::unexpected(entry.error());
            entries.append(*entry);
        }
        return entries;
    }

    Result<NoticeRevision> insertRevision(qint64 noticeId, const NoticeDraft &draft, int restoredFrom)
    {
        auto kind = exec(u"SELECT kind FROM notices WHERE id = ?"_s, {noticeId});
        if (!kind)
            return std::unexpected(kind.error());
        if (!kind->next())
            return std::unexpected(noSuchNotice(noticeId));
        const NoticeKind noticeKind = noticeKindFromName(kind->value(0).toString()).value_or(NoticeKind::Incident);
        kind->finish();
        if (!noticeStatusFits(noticeKind, draft.status))
            return std::unexpected(
                QCoreApplication::translate("Vigie::NoticeStore", "\"%1\" is not a status of %2; expected one of: %3.")
                    .arg(noticeStatusName(draft.status), noticeKindText(noticeKind).toLower(),
                         noticeStatusNames(noticeKind).join(u", "_s)));
        auto last = exec(u"SELECT coalesce(max(number), 0) FROM notice_revisions WHERE notice_id = ?"_s, {noticeId});
        if (!last)
            return std::unexpected(last.error());
        last->next();
        NoticeRevision revision{noticeId, last->value(0).toInt() + 1, now(), restoredFrom, draft};
        last->finish();
        QJsonObject fields{{u"status"_s, noticeStatusName(draft.status)},
                           {u"impact"_s, noticeImpactName(draft.impact)},
                           {u"components"_s, componentsJson(draft.components)},
                           {u"postmortem"_s, draft.postmortem}};
        if (draft.window)
            fields.insert(u"window"_s,
                          QJsonObject{{u"start"_s, draft.window->startMs}, {u"end"_s, draft.window->endMs}});
        auto inserted = exec(u"INSERT INTO notice_revisions (notice_id, number, saved_ms, restored_from, title, body, "
                             "fields) VALUES (?, ?, ?, ?, coalesce(?, ''), coalesce(?, ''), ?)"_s,
                             {noticeId, revision.number, revision.savedMs, restoredFrom, draft.title, draft.body,
                              QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact))});
        if (!inserted)
            return std::unexpected(inserted.error());
        auto updated =
            exec(u"UPDATE notices SET title = coalesce(?, ''), impact = ?, window_start_ms = ?, window_end_ms = ?, "
                 "postmortem = coalesce(?, ''), "
                 "modified_ms = ? WHERE id = ?"_s,
                 {draft.title, noticeImpactName(draft.impact),
                  nullable(draft.window ? std::optional(draft.window->startMs) : std::nullopt),
                  nullable(draft.window ? std::optional(draft.window->endMs) : std::nullopt), draft.postmortem,
                  revision.savedMs, noticeId});
        if (!updated)
            return std::unexpected(updated.error());
        return revision;
    }

    Result<QList<NoticeRevision>> loadRevisions(qint64 noticeId, std::optional<int> number) const
    {
        QString sql = u"SELECT number, saved_ms, restored_from, title, body, fields FROM notice_revisions WHERE "
                      "notice_id = ?"_s;
        QVariantList values{noticeId};
        if (number) {
            sql += u" AND number = ?"_s;
            values.append(*number);
        }
        auto query = exec(sql + u" ORDER BY number"_s, values);
        if (!query)
            return std::unexpected(query.error());
        QList<NoticeRevision> revisions;
        while (query->next()) {
            NoticeRevision revision;
            revision.noticeId = noticeId;
            revision.number = query->value(0).toInt();
            revision.savedMs = query->value(1).toLongLong();
            revision.restoredFrom = query->value(2).toInt();
            revision.draft.title = query->value(3).toString();
            revision.draft.body = query->value(4).toString();
            const QJsonObject fields = QJsonDocument::fromJson(query->value(5).toString().toUtf8()).object();
            if (const auto status = noticeStatusFromName(fields.value(u"status"_s).toString()))
                revision.draft.status = *status;
            revision.draft.impact =
                noticeImpactFromName(fields.value(u"impact"_s).toString()).value_or(NoticeImpact::None);
            revision.draft.components = componentsFrom(fields.value(u"components"_s).toArray());
            revision.draft.postmortem = fields.value(u"postmortem"_s).toString();
            if (fields.contains(u"window"_s)) {
                const QJsonObject window = fields.value(u"window"_s).toObject();
                revision.draft.window = NoticeWindow{qint64(window.value(u"start"_s).toDouble()),
                                                     qint64(window.value(u"end"_s).toDouble())};
            }
            revisions.append(revision);
        }
        return revisions;
    }

    // Inside a transaction: the entry, when `owner` holds its lease.
    Result<OutboxEntry> leased(qint64 entryId, const QString &owner) const
    {
        auto entry = loadEntry(entryId);
        if (!entry)
            return entry;
        if (entry->state != OutboxEntry::State::Sending || entry->leaseOwner != owner)
            return std::unexpected(
                QCoreApplication::translate("Vigie::NoticeStore", "Outbox entry %1 is not being sent by %2 (it is %3).")
                    .arg(entryId)
                    .arg(owner, outboxStateText(entry->state).toLower()));
        return entry;
    }

    // Inside a transaction: ends `owner`'s lease of the entry in `state`.
    Result<OutboxEntry> endLease(qint64 entryId, const QString &owner, OutboxEntry::State state, const QString &reason,
                                 const QString &remoteId, std::optional<qint64> nextAttemptMs)
    {
        const auto entry = leased(entryId, owner);
        if (!entry)
            return entry;
        const qint64 at = now();
        auto updated = exec(
            u"UPDATE outbox SET state = ?, last_error = ?, remote_id = coalesce(?, remote_id), "
            "next_attempt_ms = coalesce(?, next_attempt_ms), lease_owner = NULL, lease_until_ms = "
            "NULL, updated_ms = ? WHERE id = ?"_s,
            {outboxStateName(state), textOrNull(reason), textOrNull(remoteId), nullable(nextAttemptMs), at, entryId});
        if (!updated)
            return std::unexpected(updated.error());
        return loadEntry(entryId);
    }
};

NoticeStore::NoticeStore(const Clock *clock)
    : d(std::make_unique<Private>())
{
    qRegisterMetaType<OutboxEntry>();
    qRegisterMetaType<NoticeRevision>();
    d->clock = clock ? clock : Clock::system();
    // One thread that never expires: the connection lives on it.
    d->pool.setMaxThreadCount(1);
    d->pool.setExpiryTimeout(-1);
    d->pool.setObjectName(u"vigie-notices"_s);
}

NoticeStore::~NoticeStore()
{
    d->submit([d = d.get()] { d->connection.reset(); }).waitForFinished();
    d->pool.waitForDone();
}

QString NoticeStore::fileName()
{
    return u"vigie-notices.sqlite"_s;
}

int NoticeStore::schemaVersion()
{
    return schemaSteps().constLast().version;
}

bool NoticeStore::isOpen() const
{
    return !d->path.isEmpty();
}

QString NoticeStore::databasePath() const
{
    return d->path;
}

NoticeStore::Result<void> NoticeStore::open(const QString &dataDir)
{
    if (isOpen())
        return std::unexpected(
            QCoreApplication::translate("Vigie::NoticeStore", "The notice store is already open on %1.").arg(d->path));
    if (!QDir().mkpath(dataDir))
        return std::unexpected(QCoreApplication::translate("Vigie::NoticeStore",
                                                           "Cannot create the data folder %1 for the notices database.")
                                   .arg(QDir::toNativeSeparators(dataDir)));
    const QString path = QDir(dataDir).absoluteFilePath(fileName());
    const Result<void> opened =
        d->submit([d = d.get(), path]() -> Result<void> {
             auto connection = std::make_unique<SqliteConnection>();
             // An acknowledged save survives a crash of the machine too.
             if (auto done = connection->open(path, SqliteConnection::Role::DurableWriter); !done)
                 return done;
             if (auto migrated = Migrations::migrate(connection->database(), path, schemaSteps()); !migrated)
                 return migrated;
             d->connection = std::move(connection);
             d->path = path;
             return {};
         }).result();
    return opened;
}

QFuture<NoticeStore::Result<Notice>> NoticeStore::create(const Notice &notice)
{
    return d->submit([d = d.get(), notice] {
        return d->write<Notice>([&]() -> Result<Notice> {
            if (notice.title.trimmed().isEmpty())
                return std::unexpected(QCoreApplication::translate("Vigie::NoticeStore", "A notice needs a title."));
            const qint64 at = d->now();
            const NoticeStatus status =
                notice.updates.isEmpty()
                    ? (noticeStatusFits(notice.kind, notice.status) ? notice.status : initialNoticeStatus(notice.kind))
                    : notice.updates.constLast().status;
            const QList<AffectedComponent> components =
                notice.updates.isEmpty() ? notice.components : notice.updates.constLast().components;
            auto inserted = d->exec(
                u"INSERT INTO notices (kind, title, impact, status, components, window_start_ms, window_end_ms, "
                "postmortem, created_ms, modified_ms) VALUES (?, coalesce(?, ''), ?, ?, ?, ?, ?, coalesce(?, ''), ?, ?)"_s,
                {noticeKindName(notice.kind), notice.title, noticeImpactName(notice.impact), noticeStatusName(status),
                 componentsText(components),
                 nullable(notice.window ? std::optional(notice.window->startMs) : std::nullopt),
                 nullable(notice.window ? std::optional(notice.window->endMs) : std::nullopt), notice.postmortem, at,
                 at});
            if (!inserted)
                return std::unexpected(inserted.error());
            const qint64 id = inserted->lastInsertId().toLongLong();
            for (const NoticeUpdate &update : notice.updates)
                if (auto added = d->insertUpdate(id, notice.kind, update); !added)
                    return std::unexpected(added.error());
            return d->loadNotice(id);
        });
    });
}

QFuture<NoticeStore::Result<Notice>> NoticeStore::addUpdate(qint64 noticeId, const NoticeEdit &edit,
                                                            const QStringList &publishTo, bool deliverNotifications)
{
    return d->submit([d = d.get(), noticeId, edit, publishTo, deliverNotifications] {
        return d->write<Notice>([&]() -> Result<Notice> {
            auto before = d->loadNotice(noticeId);
            if (!before)
                return before;
            auto updateId = d->insertUpdate(noticeId, before->kind, edit.update);
            if (!updateId)
                return std::unexpected(updateId.error());
            const std::optional<NoticeWindow> window = edit.window ? edit.window : before->window;
            auto updated =
                d->exec(u"UPDATE notices SET status = ?, components = ?, title = coalesce(?, ''), impact = ?, "
                        u"window_start_ms = ?, "
                        "window_end_ms = ?, modified_ms = ? WHERE id = ?"_s,
                        {noticeStatusName(edit.update.status), componentsText(edit.update.components),
                         edit.title.value_or(before->title), noticeImpactName(edit.impact.value_or(before->impact)),
                         nullable(window ? std::optional(window->startMs) : std::nullopt),
                         nullable(window ? std::optional(window->endMs) : std::nullopt), d->now(), noticeId});
            if (!updated)
                return std::unexpected(updated.error());
            if (!publishTo.isEmpty())
                if (auto queued = d->queue(noticeId, *updateId, publishTo, deliverNotifications); !queued)
                    return std::unexpected(queued.error());
            return d->loadNotice(noticeId);
        });
    });
}

QFuture<NoticeStore::Result<Notice>> NoticeStore::notice(qint64 noticeId) const
{
    return d->submit([d = d.get(), noticeId] { return d->read<Notice>([&] { return d->loadNotice(noticeId); }); });
}

QFuture<NoticeStore::Result<QList<Notice>>> NoticeStore::notices() const
{
    return d->submit([d = d.get()] {
        return d->read<QList<Notice>>([&]() -> Result<QList<Notice>> {
            auto ids = d->exec(u"SELECT id FROM notices ORDER BY modified_ms DESC, id DESC"_s);
            if (!ids)
                return std::unexpected(ids.error());
            QList<qint64> list;
            while (ids->next())
                list.append(ids->value(0).toLongLong());
            ids->finish();
            QList<Notice> notices;
            for (const qint64 id : std::as_const(list)) {
                auto notice = d->loadNotice(id);
                if (!notice)
                    return std::unexpected(notice.error());
                notices.append(*notice);
            }
            return notices;
        });
    });
}

QFuture<NoticeStore::Result<NoticeRevision>> NoticeStore::saveDraft(qint64 noticeId, const NoticeDraft &draft)
{
    return d->submit([d = d.get(), noticeId, draft] {
        return d->write<NoticeRevision>([&] { return d->insertRevision(noticeId, draft, 0); });
    });
}

QFuture<NoticeStore::Result<QList<NoticeRevision>>> NoticeStore::revisions(qint64 noticeId) const
{
    return d->submit([d = d.get(), noticeId] {
        return d->read<QList<NoticeRevision>>([&] { return d->loadRevisions(noticeId, std::nullopt); });
    });
}

QFuture<NoticeStore::Result<NoticeRevision>> NoticeStore::restoreRevision(qint64 noticeId, int number)
{
    return d->submit([d = d.get(), noticeId, number] {
        return d->write<NoticeRevision>([&]() -> Result<NoticeRevision> {
            auto found = d->loadRevisions(noticeId, number);
            if (!found)
                return std::unexpected(found.error());
            if (found->isEmpty())
                return std::unexpected(
                    QCoreApplication::translate("Vigie::NoticeStore", "Notice %1 has no revision %2.")
                        .arg(noticeId)
                        .arg(number));
            return d->insertRevision(noticeId, found->constFirst().draft, number);
        });
    });
}

QFuture<NoticeStore::Result<QList<OutboxEntry>>> NoticeStore::publish(qint64 noticeId, const QStringList &siteIds,
                                                                      bool deliverNotifications)
{
    return d->submit([d = d.get(), noticeId, siteIds, deliverNotifications] {
        return d->write<QList<OutboxEntry>>([&]() -> Result<QList<OutboxEntry>> {
            auto latest = d->exec(u"SELECT id FROM notice_updates WHERE notice_id = ? ORDER BY ts_ms DESC, id DESC "
                                  "LIMIT 1"_s,
                                  {noticeId});
            if (!latest)
                return std::unexpected(latest.error());
            if (!latest->next()) {
                latest->finish();
                auto notice = d->loadNotice(noticeId);
                if (!notice)
                    return std::unexpected(notice.error());
                return std::unexpected(
                    QCoreApplication::translate("Vigie::NoticeStore", "Notice %1 has no update to publish yet.")
                        .arg(noticeId));
            }
            const qint64 updateId = latest->value(0).toLongLong();
            latest->finish();
            return d->queue(noticeId, updateId, siteIds, deliverNotifications);
        });
    });
}

QFuture<NoticeStore::Result<QList<OutboxEntry>>> NoticeStore::outbox(bool pendingOnly) const
{
    return d->submit([d = d.get(), pendingOnly] {
        return d->read<QList<OutboxEntry>>([&]() -> Result<QList<OutboxEntry>> {
            auto query = d->exec(u"SELECT %1 FROM outbox %2 ORDER BY id DESC"_s.arg(
                entryColumns,
                pendingOnly ? u"WHERE state IN ('queued', 'sending', 'failed', 'needs_attention')"_s : QString()));
            if (!query)
                return std::unexpected(query.error());
            QList<OutboxEntry> entries;
            while (query->next())
                entries.append(entryFrom(*query));
            return entries;
        });
    });
}

QFuture<NoticeStore::Result<OutboxEntry>> NoticeStore::outboxEntry(qint64 entryId) const
{
    return d->submit([d = d.get(), entryId] { return d->read<OutboxEntry>([&] { return d->loadEntry(entryId); }); });
}

QFuture<NoticeStore::Result<QList<OutboxEntry>>> NoticeStore::leaseDue(const QString &owner, qint64 leaseMs, int limit,
                                                                       const QStringList &siteIds)
{
    // No site, nothing to lease: not even the write lock is taken.
    if (siteIds.isEmpty())
        return QtFuture::makeReadyValueFuture(Result<QList<OutboxEntry>>(QList<OutboxEntry>()));
    return d->submit([d = d.get(), owner, leaseMs, limit, siteIds] {
        return d->write<QList<OutboxEntry>>([&]() -> Result<QList<OutboxEntry>> {
            const qint64 at = d->now();
            QVariantList values{at, at};
            QStringList marks;
            for (const QString &site : siteIds) {
                values.append(site);
                marks.append(u"?"_s);
            }
            values.append(limit);
            // An entry waits for the earlier ones of its notice on its site that are not done: the
            // first creates the notice there, the next ones update it.
            auto due = d->exec(
                u"SELECT %1 FROM outbox o WHERE ((o.state = 'queued' AND o.next_attempt_ms <= ?) "
                "OR (o.state = 'sending' AND o.lease_until_ms <= ?)) AND o.site_id IN (%2) AND NOT EXISTS "
                "(SELECT 1 FROM outbox e WHERE e.notice_id = o.notice_id AND e.site_id = o.site_id AND e.id < o.id "
                "AND e.state IN ('queued', 'sending', 'needs_attention')) ORDER BY o.id LIMIT ?"_s.arg(
                    entryColumns, marks.join(u", "_s)),
                values);
            if (!due)
                return std::unexpected(due.error());
            QList<OutboxEntry> entries;
            while (due->next())
                entries.append(entryFrom(*due));
            due->finish();
            for (OutboxEntry &entry : entries) {
                entry.interrupted = entry.state == OutboxEntry::State::Sending;
                auto updated = d->exec(u"UPDATE outbox SET state = 'sending', lease_owner = ?, lease_until_ms = ?, "
                                       "attempts = attempts + 1, updated_ms = ? WHERE id = ?"_s,
                                       {owner, at + leaseMs, at, entry.id});
                if (!updated)
                    return std::unexpected(updated.error());
                entry.state = OutboxEntry::State::Sending;
                entry.leaseOwner = owner;
                entry.leaseUntilMs = at + leaseMs;
                entry.attempts += 1;
                entry.updatedMs = at;
            }
            return entries;
        });
    });
}

QFuture<NoticeStore::Result<OutboxEntry>> NoticeStore::renewLease(qint64 entryId, const QString &owner, qint64 leaseMs)
{
    return d->submit([d = d.get(), entryId, owner, leaseMs] {
        return d->write<OutboxEntry>([&]() -> Result<OutboxEntry> {
            const auto entry = d->leased(entryId, owner);
            if (!entry)
                return entry;
            auto updated =
                d->exec(u"UPDATE outbox SET lease_until_ms = ? WHERE id = ?"_s, {d->now() + leaseMs, entryId});
            if (!updated)
                return std::unexpected(updated.error());
            return d->loadEntry(entryId);
        });
    });
}

QFuture<NoticeStore::Result<Publication>> NoticeStore::publication(qint64 entryId) const
{
    return d->submit([d = d.get(), entryId] {
        return d->read<Publication>([&]() -> Result<Publication> {
            auto entry = d->loadEntry(entryId);
            if (!entry)
                return std::unexpected(entry.error());
            auto notice = d->loadNotice(entry->noticeId);
            if (!notice)
                return std::unexpected(notice.error());
            notice->updates.removeIf([&](const NoticeUpdate &u) { return u.id > entry->updateId; });
            Publication publication{entry->id, entry->siteId, *notice, entry->deliverNotifications, entry->remoteId};
            if (publication.remoteId.isEmpty()) {
                auto remote = d->exec(u"SELECT remote_id FROM outbox WHERE notice_id = ? AND site_id = ? AND "
                                      "coalesce(remote_id, '') != '' ORDER BY id DESC LIMIT 1"_s,
                                      {entry->noticeId, entry->siteId});
                if (!remote)
                    return std::unexpected(remote.error());
                if (remote->next())
                    publication.remoteId = remote->value(0).toString();
            }
            return publication;
        });
    });
}

QFuture<NoticeStore::Result<OutboxEntry>> NoticeStore::markPublished(qint64 entryId, const QString &owner,
                                                                     const QString &remoteId)
{
    return d->submit([d = d.get(), entryId, owner, remoteId] {
        return d->write<OutboxEntry>(
            [&] { return d->endLease(entryId, owner, OutboxEntry::State::Published, {}, remoteId, std::nullopt); });
    });
}

QFuture<NoticeStore::Result<OutboxEntry>> NoticeStore::markRetryLater(qint64 entryId, const QString &owner,
                                                                      const QString &reason, qint64 nextAttemptMs)
{
    return d->submit([d = d.get(), entryId, owner, reason, nextAttemptMs] {
        return d->write<OutboxEntry>(
            [&] { return d->endLease(entryId, owner, OutboxEntry::State::Queued, reason, {}, nextAttemptMs); });
    });
}

QFuture<NoticeStore::Result<OutboxEntry>> NoticeStore::markFailed(qint64 entryId, const QString &owner,
                                                                  const QString &reason)
{
    return d->submit([d = d.get(), entryId, owner, reason] {
        return d->write<OutboxEntry>(
            [&] { return d->endLease(entryId, owner, OutboxEntry::State::Failed, reason, {}, std::nullopt); });
    });
}

QFuture<NoticeStore::Result<OutboxEntry>> NoticeStore::markNeedsAttention(qint64 entryId, const QString &owner,
                                                                          const QString &reason)
{
    return d->submit([d = d.get(), entryId, owner, reason] {
        return d->write<OutboxEntry>(
            [&] { return d->endLease(entryId, owner, OutboxEntry::State::NeedsAttention, reason, {}, std::nullopt); });
    });
}

QFuture<NoticeStore::Result<OutboxEntry>> NoticeStore::retry(qint64 entryId)
{
    return d->submit([d = d.get(), entryId] {
        return d->write<OutboxEntry>([&]() -> Result<OutboxEntry> {
            auto entry = d->loadEntry(entryId);
            if (!entry)
                return entry;
            using State = OutboxEntry::State;
            if (entry->state != State::Queued && entry->state != State::Failed && entry->state != State::NeedsAttention)
                return std::unexpected(QCoreApplication::translate(
                                           "Vigie::NoticeStore",
                                           "Outbox entry %1 is %2: only a queued, failed or attention-needing entry "
                                           "can be retried.")
                                           .arg(entryId)
                                           .arg(outboxStateText(entry->state).toLower()));
            const qint64 at = d->now();
            auto updated = d->exec(u"UPDATE outbox SET state = 'queued', next_attempt_ms = ?, updated_ms = ? WHERE "
                                   "id = ?"_s,
                                   {at, at, entryId});
            if (!updated)
                return std::unexpected(updated.error());
            return d->loadEntry(entryId);
        });
    });
}

QFuture<NoticeStore::Result<OutboxEntry>> NoticeStore::cancel(qint64 entryId)
{
    return d->submit([d = d.get(), entryId] {
        return d->write<OutboxEntry>([&]() -> Result<OutboxEntry> {
            auto entry = d->loadEntry(entryId);
            if (!entry)
                return entry;
            using State = OutboxEntry::State;
            if (entry->state == State::Cancelled)
                return entry;
            if (entry->state == State::Published)
                return std::unexpected(
                    QCoreApplication::translate("Vigie::NoticeStore", "Outbox entry %1 is already published.")
                        .arg(entryId));
            if (entry->state == State::Sending && entry->leaseUntilMs > d->now())
                return std::unexpected(
                    QCoreApplication::translate(
                        "Vigie::NoticeStore",
                        "Outbox entry %1 is being sent: wait for the send to end before cancelling it.")
                        .arg(entryId));
            const qint64 at = d->now();
            auto updated = d->exec(u"UPDATE outbox SET state = 'cancelled', lease_owner = NULL, lease_until_ms = "
                                   "NULL, updated_ms = ? WHERE id = ?"_s,
                                   {at, entryId});
            if (!updated)
                return std::unexpected(updated.error());
            return d->loadEntry(entryId);
        });
    });
}

QFuture<NoticeStore::Result<void>> NoticeStore::savePublicCopy(const PublicCopy &copy)
{
    return d->submit([d = d.get(), copy] {
        return d->write<void>([&]() -> Result<void> {
            auto saved =
                d->exec(u"INSERT INTO public_copies (notice_id, site_id, fetched_ms, copy) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (notice_id, site_id) DO UPDATE SET fetched_ms = excluded.fetched_ms, "
                        "copy = excluded.copy"_s,
                        {copy.noticeId, copy.siteId, copy.fetchedMs, publicCopyText(copy)});
            if (!saved)
                return std::unexpected(saved.error());
            return {};
        });
    });
}

QFuture<NoticeStore::Result<QList<PublicCopy>>> NoticeStore::publicCopies(qint64 noticeId) const
{
    return d->submit([d = d.get(), noticeId] {
        return d->read<QList<PublicCopy>>([&]() -> Result<QList<PublicCopy>> {
            auto query = d->exec(u"SELECT site_id, fetched_ms, copy FROM public_copies WHERE notice_id = ? ORDER BY "
                                 "site_id"_s,
                                 {noticeId});
            if (!query)
                return std::unexpected(query.error());
            QList<PublicCopy> copies;
            while (query->next())
                copies.append(publicCopyFrom(noticeId, query->value(0).toString(), query->value(1).toLongLong(),
                                             query->value(2).toString()));
            return copies;
        });
    });
}

} // namespace Vigie
