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
    const bool prepared =
        m_findProbe.prepare(u"SELECT id FROM probes WHERE service_id = ? AND probe_index = ? AND kind = ? "
                            "AND target = ?"_s) &&
        m_insertProbe.prepare(u"INSERT INTO probes (service_id, probe_index, kind, target) VALUES (?, ?, ?, ?)"_s) &&
        m_insertResult.prepare(u"INSERT INTO results (probe_id, ts_ms, status, latency_ms, resolve_ms, connect_ms, "
                               "tls_ms, processing_ms, transfer_ms, total_ms, http_status, failed_phase, error) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    if (!prepared) {
        const QString detail = sqlErrorText(m_findProbe.lastError().isValid()     ? m_findProbe.lastError()
                                            : m_insertProbe.lastError().isValid() ? m_insertProbe.lastError()
                                                                                  : m_insertResult.lastError());
        close();
        return std::unexpected(
            tr("Cannot prepare the statements that save probe results in %1: %2.").arg(path, detail));
    }
    return {};
}

void ResultWriter::close()
{
    m_timer.stop();
    m_findProbe = QSqlQuery();
    m_insertProbe = QSqlQuery();
    m_insertResult = QSqlQuery();
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
        if (auto written = commitBatch(); !written) {
            {
                QMutexLocker lock(&m_queue->mutex);
                ++m_queue->failedAttempts;
            }
            m_queue->progressed.wakeAll();
            const auto delay = m_retryDelay;
            m_retryDelay = std::min(m_retryDelay * 2, maxRetryDelay);
            m_retrying = true;
            m_timer.start(delay);
            Q_EMIT writeFailed(tr("Could not save %n probe result(s) to %1: %2. They are kept in memory and "
                                  "will be written again in %3 s.",
                                  nullptr, count)
                                   .arg(m_path, written.error(), QString::number(delay.count() / 1000.0)));
            return;
        }
        m_batch.clear();
        m_retryDelay = firstRetryDelay;
        {
            QMutexLocker lock(&m_queue->mutex);
            m_queue->committed += count;
        }
        m_queue->progressed.wakeAll();
        Q_EMIT batchCommitted(count);
    }
}

std::expected<void, QString> ResultWriter::commitBatch()
{
    QSqlDatabase &db = m_connection.database();
    if (!db.transaction())
        return std::unexpected(sqlErrorText(db.lastError()));
    const auto fail = [&](const QString &detail) -> std::expected<void, QString> {
        db.rollback();
        // Probes inserted by this transaction are gone with it.
        m_probeIds.clear();
        return std::unexpected(detail);
    };
    for (const ProbeResult &result : std::as_const(m_batch)) {
        const auto id = probeId(result);
        if (!id)
            return fail(id.error());
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
        m_insertResult.bindValue(11, result.failedPhase != ProbePhase::None
                                         ? QVariant(probePhaseName(result.failedPhase))
                                         : QVariant(QMetaType::fromType<QString>()));
        m_insertResult.bindValue(12, result.error.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                            : QVariant(result.error));
        if (!m_insertResult.exec())
            return fail(sqlErrorText(m_insertResult.lastError()));
    }
    m_insertResult.finish();
    if (!db.commit())
        return fail(sqlErrorText(db.lastError()));
    return {};
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
