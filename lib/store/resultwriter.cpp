#include "resultwriter.h"

#include "migrations.h"

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

} // namespace

ResultWriter::ResultWriter(std::shared_ptr<WriteQueue> queue, QObject *parent)
    : QObject(parent)
    , m_queue(std::move(queue))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ResultWriter::onTimer);
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
        close();
        return std::unexpected(
            tr("Cannot prepare the statements that save probe results and health events in %1: %2.").arg(path, detail));
    }
    return {};
}

void ResultWriter::close()
{
    m_timer.stop();
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
        if (m_batch.isEmpty()) {
            QMutexLocker lock(&m_queue->mutex);
            if (m_queue->pending.size() < minimum)
                return;
            const qsizetype take = std::min<qsizetype>(batchSize, m_queue->pending.size());
            m_batch = m_queue->pending.first(take);
            m_queue->pending.remove(0, take);
        }
        const int count = int(m_batch.size());
        const int resultCount = int(
            std::ranges::count_if(m_batch, [](const WriteEntry &e) { return std::holds_alternative<ProbeResult>(e); }));
        QList<HealthEvent> events;
        if (auto written = commitBatch(events); !written) {
            {
                QMutexLocker lock(&m_queue->mutex);
                ++m_queue->failedAttempts;
            }
            m_queue->progressed.wakeAll();
            const auto delay = m_retryDelay;
            m_retryDelay = std::min(m_retryDelay * 2, maxRetryDelay);
            m_retrying = true;
            m_timer.start(delay);
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
        }
        m_queue->progressed.wakeAll();
        if (resultCount > 0)
            Q_EMIT batchCommitted(resultCount);
        if (!events.isEmpty())
            Q_EMIT eventsCommitted(events);
    }
}

std::expected<void, QString> ResultWriter::commitBatch(QList<HealthEvent> &events)
{
    QSqlDatabase &db = m_connection.database();
    if (!db.transaction())
        return std::unexpected(sqlErrorText(db.lastError()));
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
        return fail(sqlErrorText(db.lastError()));
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
    m_insertResult.bindValue(12, optionalText(result.error));
    m_insertResult.bindValue(13, optionalText(result.detail));
    m_insertResult.bindValue(14, result.maintenance ? 1 : 0);
    if (!m_insertResult.exec())
        return std::unexpected(sqlErrorText(m_insertResult.lastError()));
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
    m_insertEvent.bindValue(9, event.cause.isNull() ? u""_s : event.cause);
    if (!m_insertEvent.exec())
        return std::unexpected(sqlErrorText(m_insertEvent.lastError()));
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
        return std::unexpected(sqlErrorText(m_findProbe.lastError()));
    qint64 id = 0;
    if (m_findProbe.next()) {
        id = m_findProbe.value(0).toLongLong();
        m_findProbe.finish();
    } else {
        m_findProbe.finish();
        bind(m_insertProbe);
        if (!m_insertProbe.exec())
            return std::unexpected(sqlErrorText(m_insertProbe.lastError()));
        id = m_insertProbe.lastInsertId().toLongLong();
    }
    m_probeIds.insert(identity, id);
    return id;
}

} // namespace Vigie
