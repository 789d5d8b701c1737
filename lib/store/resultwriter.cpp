#include "resultwriter.h"

#include "core/clock.h"
#include "migrations.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

QVariant optionalValue(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<double>());
}

// Empty texts are NULL, as in the first schema version's `error`.
QVariant optionalText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

Q_LOGGING_CATEGORY(lcWriter, "vigie.store")

bool isResult(const WriteEntry &entry)
{
    return std::holds_alternative<ProbeResult>(entry);
}

} // namespace

void WriteQueue::add(QList<WriteEntry> entries)
{
    appended += entries.size();
    appendedResults += std::ranges::count_if(entries, isResult);
    pending.append(std::move(entries));
    if (pending.size() <= limit)
        return;
    const qsizetype excess = pending.size() - (limit - limit / 10);
    const qsizetype results = std::ranges::count_if(pending, isResult);
    qsizetype dropResults = std::min(excess, results);
    qsizetype dropEvents = excess - dropResults;
    if (droppedResults + droppedEvents == 0)
        qCWarning(lcWriter) << "The results store's write queue is full: dropping the oldest entries, results first";
    droppedResults += dropResults;
    droppedEvents += dropEvents;
    pending.removeIf([&](const WriteEntry &entry) {
        qsizetype &left = isResult(entry) ? dropResults : dropEvents;
        if (left == 0)
            return false;
        --left;
        return true;
    });
}

WriteReport WriteQueue::report() const
{
    const qint64 committedEvents = committed - committedResults;
    const qint64 appendedEvents = appended - appendedResults;
    return {droppedResults, droppedEvents, appendedResults - committedResults - droppedResults,
            appendedEvents - committedEvents - droppedEvents};
}

ResultWriter::ResultWriter(std::shared_ptr<WriteQueue> queue, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_queue(std::move(queue))
    , m_clock(clock ? clock : Clock::system())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ResultWriter::onTimer);
    m_pruneTimer.setInterval(pruneInterval);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] { setRetention(m_retention); });
}

ResultWriter::~ResultWriter()
{
    close();
}

std::expected<void, QString> ResultWriter::open(const QString &path)
{
    m_path = path;
    if (auto opened = m_connection.open(path, SqliteConnection::Role::Writer); !opened)
        return opened;
    QSqlDatabase &db = m_connection.database();
    if (auto migrated = Migrations::migrate(db, path); !migrated) {
        close();
        return migrated;
    }

    m_findProbe = QSqlQuery(db);
    m_insertProbe = QSqlQuery(db);
    m_insertResult = QSqlQuery(db);
    m_insertEvent = QSqlQuery(db);
    QSqlQuery *failed = nullptr;
    if (!m_findProbe.prepare(u"SELECT id FROM probes WHERE service_id = ? AND probe_index = ? AND kind = ? "
                             "AND target = ?"_s))
        failed = &m_findProbe;
    else if (!m_insertProbe.prepare(
                 u"INSERT INTO probes (service_id, probe_index, kind, target) VALUES (?, ?, ?, ?)"_s))
        failed = &m_insertProbe;
    else if (!m_insertResult.prepare(
                 u"INSERT INTO results (probe_id, ts_ms, status, latency_ms, resolve_ms, connect_ms, tls_ms, "
                 "processing_ms, transfer_ms, total_ms, http_status, failed_phase, error, detail, maintenance) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s))
        failed = &m_insertResult;
    else if (!m_insertEvent.prepare(
                 u"INSERT INTO events (ts_ms, kind, service_id, grp, probe_index, from_state, to_state, "
                 "in_maintenance, impacted_by, cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s))
        failed = &m_insertEvent;
    if (failed) {
        const QString detail = sqlErrorText(failed->lastError());
        const bool damaged = isDamaged(failed->lastError());
        close();
        if (damaged)
            return std::unexpected(damagedDatabaseText(path, detail));
        return std::unexpected(
            tr("Cannot prepare the statements that save probe results and health events in %1: %2.").arg(path, detail));
    }
    return {};
}

void ResultWriter::close()
{
    m_timer.stop();
    m_pruneTimer.stop();
    m_pruning = false;
    m_findProbe = QSqlQuery();
    m_insertProbe = QSqlQuery();
    m_insertResult = QSqlQuery();
    m_insertEvent = QSqlQuery();
    m_probeIds.clear();
    // A batch that could not be written goes back to the front of the queue, in order.
    if (!m_batch.isEmpty()) {
        QMutexLocker lock(&m_queue->mutex);
        m_queue->pending = m_batch + m_queue->pending;
        m_batch.clear();
    }
    m_connection.close();
}

void ResultWriter::wake()
{
    qsizetype waiting = 0;
    {
        QMutexLocker lock(&m_queue->mutex);
        m_queue->wakePosted = false;
        waiting = m_queue->pending.size() + m_batch.size();
    }
    if (m_retrying || waiting == 0)
        return;
    if (waiting >= batchSize)
        writeWhileAtLeast(batchSize);
    // What is left (less than a batch) waits for the delay, counted from the first of it.
    if (!m_retrying && !m_timer.isActive()) {
        QMutexLocker lock(&m_queue->mutex);
        if (!m_queue->pending.isEmpty())
            m_timer.start(batchDelay);
    }
}

void ResultWriter::writeAll()
{
    m_timer.stop();
    m_retrying = false;
    writeWhileAtLeast(1);
}

void ResultWriter::onTimer()
{
    m_retrying = false;
    writeWhileAtLeast(1);
}

void ResultWriter::writeWhileAtLeast(qsizetype minimum)
{
    if (!m_connection.database().isOpen())
        return;
    for (;;) {
        if (QMutexLocker lock(&m_queue->mutex); m_queue->damaged)
            return;
        if (m_batch.isEmpty()) {
            QMutexLocker lock(&m_queue->mutex);
            if (m_queue->pending.size() < minimum)
                return;
            const qsizetype take = std::min<qsizetype>(batchSize, m_queue->pending.size());
            m_batch = m_queue->pending.first(take);
            m_queue->pending.remove(0, take);
        }
        const int count = int(m_batch.size());
        const int resultCount = int(std::ranges::count_if(m_batch, isResult));
        QList<HealthEvent> events;
        m_damagedError = false;
        if (auto written = commitBatch(events); !written) {
            if (m_damagedError) {
                reportDamaged(written.error());
                return;
            }
            {
                QMutexLocker lock(&m_queue->mutex);
                ++m_queue->failedAttempts;
            }
            m_queue->progressed.wakeAll();
            const auto delay = m_retryDelay;
            m_retryDelay = std::min(m_retryDelay * 2, maxRetryDelay);
            m_retrying = true;
            m_timer.start(delay);
            // Said once per kind of failure: a full disk retried every 30 s for an hour is one
            // problem, not 120.
            if (written.error() == m_lastFailure)
                return;
            m_lastFailure = written.error();
            const int eventCount = count - resultCount;
            const QString results = tr("%n probe result(s)", nullptr, resultCount);
            const QString healthEvents = tr("%n health event(s)", nullptr, eventCount);
            const QString what = eventCount == 0    ? results
                                 : resultCount == 0 ? healthEvents
                                                    : tr("%1 and %2").arg(results, healthEvents);
            Q_EMIT writeFailed(
                tr("Could not save %1 to %2: %3. They are kept in memory and will be written again in %4 s.")
                    .arg(what, m_path, written.error(), QString::number(delay.count() / 1000.0)));
            return;
        }
        m_batch.clear();
        m_retryDelay = firstRetryDelay;
        {
            QMutexLocker lock(&m_queue->mutex);
            m_queue->committed += count;
            m_queue->committedResults += resultCount;
        }
        m_queue->progressed.wakeAll();
        if (!m_lastFailure.isEmpty()) {
            m_lastFailure.clear();
            Q_EMIT writeRecovered(tr("Probe results and health events are saved to %1 again.").arg(m_path));
        }
        if (resultCount > 0)
            Q_EMIT batchCommitted(resultCount);
        if (!events.isEmpty())
            Q_EMIT eventsCommitted(events);
    }
}

std::unexpected<QString> ResultWriter::failure(const QSqlError &error)
{
    if (isDamaged(error))
        m_damagedError = true;
    return std::unexpected(sqlErrorText(error));
}

void ResultWriter::reportDamaged(const QString &detail)
{
    m_timer.stop();
    m_pruneTimer.stop();
    m_pruning = false;
    m_retrying = true; // nothing is written any more
    {
        QMutexLocker lock(&m_queue->mutex);
        if (m_queue->damaged)
            return;
        m_queue->damaged = true;
        ++m_queue->failedAttempts;
    }
    m_queue->progressed.wakeAll();
    Q_EMIT writeFailed(damagedDatabaseText(m_path, detail) + u' ' +
                       tr("Probe results and health events are no longer saved until Vigie is restarted."));
}

void ResultWriter::setRetention(const RetentionPolicy &policy)
{
    m_retention = policy;
    if (!m_connection.database().isOpen())
        return;
    m_pruneTimer.start();
    if (!m_pruning) {
        // The first step now, before anything appended meanwhile is written; the next ones
        // between the writes.
        m_pruning = true;
        continuePruning();
    }
}

void ResultWriter::continuePruning()
{
    if (!m_pruning || !m_connection.database().isOpen())
        return;
    const auto removed = pruneStep();
    if (!removed) {
        m_pruning = false;
        if (!m_damagedError)
            qCWarning(lcWriter).noquote()
                << "Removing old history from" << m_path << "failed:" << removed.error() << "(tried again in an hour)";
        return;
    }
    if (*removed == 0) {
        m_pruning = false;
        return;
    }
    // One statement at a time: the batches of results queued meanwhile are written in between.
    QTimer::singleShot(0, this, &ResultWriter::continuePruning);
}

std::expected<qint64, QString> ResultWriter::pruneAll()
{
    if (!m_connection.database().isOpen())
        return std::unexpected(tr("The results store is not open."));
    qint64 total = 0;
    for (;;) {
        const auto removed = pruneStep();
        if (!removed)
            return std::unexpected(removed.error());
        if (*removed == 0)
            return total;
        total += *removed;
    }
}

std::expected<int, QString> ResultWriter::pruneStep()
{
    using std::chrono::milliseconds;
    const qint64 now = m_clock->nowMs();
    QSqlQuery query(m_connection.database());
    m_damagedError = false;
    const auto run = [&](const QString &sql, const QVariantList &values) -> std::expected<int, QString> {
        if (!query.prepare(sql))
            return failure(query.lastError());
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            return failure(query.lastError());
        const int removed = query.numRowsAffected();
        query.finish();
        return removed;
    };
    const auto step = [&]() -> std::expected<int, QString> {
        // Results older than the age limit, or beyond the count, but never a probe's newest: the
        // probes table is small, and each probe's old rows are a range of results_by_probe_time (CROSS
        // JOIN keeps probes outside: without statistics SQLite would rather scan all of results).
        if (m_retention.resultsMaxAge > milliseconds::zero()) {
            const auto removed = run(
                u"DELETE FROM results WHERE id IN (SELECT r.id FROM probes p CROSS JOIN results r ON r.probe_id = p.id "
                "WHERE r.ts_ms < min(?, (SELECT max(ts_ms) FROM results WHERE probe_id = p.id)) LIMIT ?)"_s,
                {now - m_retention.resultsMaxAge.count(), pruneChunk});
            if (!removed || *removed > 0)
                return removed;
        }
        if (m_retention.maxResultsPerProbe > 0) {
            const auto removed = run(
                u"DELETE FROM results WHERE id IN (SELECT r.id FROM probes p CROSS JOIN results r ON r.probe_id = p.id "
                "WHERE r.ts_ms < (SELECT ts_ms FROM results WHERE probe_id = p.id ORDER BY ts_ms DESC "
                "LIMIT 1 OFFSET ?) LIMIT ?)"_s,
                {m_retention.maxResultsPerProbe - 1, pruneChunk});
            if (!removed || *removed > 0)
                return removed;
        }
        // Events older than the age limit, but not the latest state of a probe or service.
        if (m_retention.eventsMaxAge > milliseconds::zero())
            return run(u"DELETE FROM events WHERE id IN (SELECT e.id FROM events e WHERE e.ts_ms < ? AND NOT EXISTS "
                       "(SELECT 1 FROM latest_state_events l WHERE l.event_id = e.id) LIMIT ?)"_s,
                       {now - m_retention.eventsMaxAge.count(), pruneChunk});
        return 0;
    };
    const auto removed = step();
    if (!removed && m_damagedError)
        reportDamaged(removed.error());
    return removed;
}

void ResultWriter::setMaxPageCount(qint64 pages)
{
    if (!m_connection.database().isOpen())
        return;
    // SQLite's own maximum; a larger value is lowered to it.
    constexpr qint64 sqliteMaximum = 4'294'967'294;
    QSqlQuery query(m_connection.database());
    if (!query.exec(u"PRAGMA max_page_count = %1"_s.arg(pages > 0 ? pages : sqliteMaximum)))
        qCWarning(lcWriter).noquote() << "Cannot limit the size of" << m_path << ":" << sqlErrorText(query.lastError());
}

std::expected<void, QString> ResultWriter::commitBatch(QList<HealthEvent> &events)
{
    QSqlDatabase &db = m_connection.database();
    // The write lock first: another process writing the same file (the console and `vigie watch`)
    // makes us wait for it, where a deferred transaction that read first would fail at once.
    if (QSqlQuery begin(db); !begin.exec(u"BEGIN IMMEDIATE"_s))
        return failure(begin.lastError());
    const auto fail = [&](const QString &detail) -> std::expected<void, QString> {
        m_insertResult.finish();
        m_insertEvent.finish();
        db.rollback();
        // Probes inserted by this transaction are gone with it, and so are the events' ids.
        m_probeIds.clear();
        events.clear();
        return std::unexpected(detail);
    };
    for (const WriteEntry &entry : std::as_const(m_batch)) {
        if (const auto *result = std::get_if<ProbeResult>(&entry)) {
            if (const auto inserted = insertResult(*result); !inserted)
                return fail(inserted.error());
        } else {
            const HealthEvent &event = std::get<HealthEvent>(entry);
            const auto id = insertEvent(event);
            if (!id)
                return fail(id.error());
            events.append(event);
            events.last().id = *id;
        }
    }
    m_insertResult.finish();
    m_insertEvent.finish();
    if (!db.commit())
        return fail(failure(db.lastError()).error());
    return {};
}

std::expected<void, QString> ResultWriter::insertResult(const ProbeResult &result)
{
    const auto id = probeId(result);
    if (!id)
        return std::unexpected(id.error());
    m_insertResult.bindValue(0, *id);
    m_insertResult.bindValue(1, result.timestampMs);
    m_insertResult.bindValue(2, healthStateName(result.status));
    m_insertResult.bindValue(3, result.latencyMs);
    m_insertResult.bindValue(4, optionalValue(result.phases.resolveMs));
    m_insertResult.bindValue(5, optionalValue(result.phases.connectMs));
    m_insertResult.bindValue(6, optionalValue(result.phases.tlsMs));
    m_insertResult.bindValue(7, optionalValue(result.phases.processingMs));
    m_insertResult.bindValue(8, optionalValue(result.phases.transferMs));
    m_insertResult.bindValue(9, optionalValue(result.phases.totalMs));
    m_insertResult.bindValue(10, result.httpStatus != 0 ? QVariant(result.httpStatus)
                                                        : QVariant(QMetaType::fromType<int>()));
    m_insertResult.bindValue(11, result.failedPhase != ProbePhase::None ? QVariant(probePhaseName(result.failedPhase))
                                                                        : QVariant(QMetaType::fromType<QString>()));
    m_insertResult.bindValue(12, optionalText(result.error.toStored()));
    m_insertResult.bindValue(13, optionalText(result.detail.toStored()));
    m_insertResult.bindValue(14, result.maintenance ? 1 : 0);
    if (!m_insertResult.exec())
        return failure(m_insertResult.lastError());
    return {};
}

std::expected<qint64, QString> ResultWriter::insertEvent(const HealthEvent &event)
{
    m_insertEvent.bindValue(0, event.timestampMs);
    m_insertEvent.bindValue(1, healthEventKindName(event.kind));
    m_insertEvent.bindValue(2, event.serviceId);
    // Not NULL: "the services without a group" is a group the log can filter on.
    m_insertEvent.bindValue(3, event.group.isNull() ? u""_s : event.group);
    m_insertEvent.bindValue(4, event.probeIndex);
    m_insertEvent.bindValue(5, healthStateName(event.from));
    m_insertEvent.bindValue(6, healthStateName(event.to));
    m_insertEvent.bindValue(7, event.inMaintenance ? 1 : 0);
    m_insertEvent.bindValue(8, optionalText(event.impactedBy));
    m_insertEvent.bindValue(9, event.cause.isEmpty() ? u""_s : event.cause.toStored());
    if (!m_insertEvent.exec())
        return failure(m_insertEvent.lastError());
    return m_insertEvent.lastInsertId().toLongLong();
}

std::expected<qint64, QString> ResultWriter::probeId(const ProbeResult &result)
{
    const ProbeIdentity identity{result.key.serviceId, result.key.index, result.kind, result.target};
    if (const auto it = m_probeIds.constFind(identity); it != m_probeIds.cend())
        return *it;

    const auto bind = [&](QSqlQuery &query) {
        query.bindValue(0, identity.serviceId);
        query.bindValue(1, identity.index);
        query.bindValue(2, identity.kind);
        query.bindValue(3, identity.target);
    };
    bind(m_findProbe);
    if (!m_findProbe.exec())
        return failure(m_findProbe.lastError());
    qint64 id = 0;
    if (m_findProbe.next()) {
        id = m_findProbe.value(0).toLongLong();
        m_findProbe.finish();
    } else {
        m_findProbe.finish();
        bind(m_insertProbe);
        if (!m_insertProbe.exec())
            return failure(m_insertProbe.lastError());
        id = m_insertProbe.lastInsertId().toLongLong();
    }
    m_probeIds.insert(identity, id);
    return id;
}

} // namespace Vigie
