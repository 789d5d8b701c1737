#include "resultstore.h"

#include "migrations.h"
#include "resultwriter.h"
#include "sqliteconnection.h"

#include <QDir>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

Q_LOGGING_CATEGORY(lcStore, "vigie.store")

// The columns readResult() expects, in its order.
constexpr auto resultColumns = "r.id, p.service_id, p.probe_index, p.kind, p.target, r.ts_ms, r.status, r.latency_ms, "
                               "r.resolve_ms, r.connect_ms, r.tls_ms, r.processing_ms, r.transfer_ms, r.total_ms, "
                               "r.http_status, r.failed_phase, r.error, r.detail, r.maintenance";

// The columns readEvent() expects, in its order.
constexpr auto eventColumns =
    "id, ts_ms, kind, service_id, grp, probe_index, from_state, to_state, in_maintenance, impacted_by, cause";

struct StoredResult
{
    qint64 rowId = 0;
    ProbeResult result;
};

std::optional<double> optionalDouble(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

StoredResult readResult(const QSqlQuery &query)
{
    StoredResult stored;
    stored.rowId = query.value(0).toLongLong();
    ProbeResult &r = stored.result;
    r.key = {query.value(1).toString(), query.value(2).toInt()};
    r.kind = query.value(3).toString();
    r.target = query.value(4).toString();
    r.timestampMs = query.value(5).toLongLong();
    r.status = healthStateFromName(query.value(6).toString());
    r.latencyMs = query.value(7).toDouble();
    r.phases.resolveMs = optionalDouble(query.value(8));
    r.phases.connectMs = optionalDouble(query.value(9));
    r.phases.tlsMs = optionalDouble(query.value(10));
    r.phases.processingMs = optionalDouble(query.value(11));
    r.phases.transferMs = optionalDouble(query.value(12));
    r.phases.totalMs = optionalDouble(query.value(13));
    r.httpStatus = query.value(14).toInt();
    r.failedPhase = probePhaseFromName(query.value(15).toString());
    r.error = query.value(16).toString();
    r.detail = query.value(17).toString();
    r.maintenance = query.value(18).toInt() != 0;
    return stored;
}

HealthEvent readEvent(const QSqlQuery &query)
{
    HealthEvent e;
    e.id = query.value(0).toLongLong();
    e.timestampMs = query.value(1).toLongLong();
    e.kind = healthEventKindFromName(query.value(2).toString());
    e.serviceId = query.value(3).toString();
    e.group = query.value(4).toString();
    e.probeIndex = query.value(5).toInt();
    e.from = healthStateFromName(query.value(6).toString());
    e.to = healthStateFromName(query.value(7).toString());
    e.inMaintenance = query.value(8).toInt() != 0;
    e.impactedBy = query.value(9).toString();
    e.cause = query.value(10).toString();
    return e;
}

// "?, ?, ?" for `count` bound values.
QString placeholders(qsizetype count)
{
    QStringList marks(count, u"?"_s);
    return marks.join(u", "_s);
}

bool olderFirst(const StoredResult &a, const StoredResult &b)
{
    return std::tie(a.result.timestampMs, a.rowId) < std::tie(b.result.timestampMs, b.rowId);
}

// Runs `body` with a read connection of its own, opened on the calling pool thread and removed
// before returning. A read that fails is logged and answers `fallback`: the callers show what
// there is rather than an error for a history view.
template<typename T, typename Body>
T withReader(const QString &path, const char *what, T fallback, Body body)
{
    if (path.isEmpty())
        return fallback;
    SqliteConnection connection;
    if (const auto opened = connection.open(path, SqliteConnection::Role::Reader); !opened) {
        qCWarning(lcStore).noquote() << "Reading" << what << "failed:" << opened.error();
        return fallback;
    }
    QSqlQuery query(connection.database());
    auto result = body(query);
    if (!result) {
        qCWarning(lcStore).noquote() << "Reading" << what << "from" << path << "failed:" << result.error();
        return fallback;
    }
    return *std::move(result);
}

} // namespace

struct ResultStore::Private
{
    std::shared_ptr<WriteQueue> queue = std::make_shared<WriteQueue>();
    QThread thread;
    ResultWriter *writer = nullptr;
    QString path;

    void enqueue(QList<WriteEntry> entries)
    {
        if (entries.isEmpty())
            return;
        QMutexLocker lock(&queue->mutex);
        queue->appended += entries.size();
        queue->pending.append(std::move(entries));
        if (queue->writer && !queue->wakePosted) {
            queue->wakePosted = true;
            QMetaObject::invokeMethod(queue->writer, &ResultWriter::wake, Qt::QueuedConnection);
        }
    }

    void stopWriter()
    {
        if (writer) {
            {
                QMutexLocker lock(&queue->mutex);
                queue->writer = nullptr;
            }
            QMetaObject::invokeMethod(
                writer, [w = writer] { w->close(); }, Qt::BlockingQueuedConnection);
            writer = nullptr; // deleted on its thread when the thread finishes
        }
        thread.quit();
        thread.wait();
    }
};

ResultStore::ResultStore(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->thread.setObjectName(u"vigie-store-writer"_s);
}

ResultStore::~ResultStore()
{
    if (!flush()) {
        QMutexLocker lock(&d->queue->mutex);
        qCWarning(lcStore).noquote() << "Closing the results store with" << d->queue->pending.size()
                                     << "probe results and health events that could not be saved to" << d->path;
    }
    d->stopWriter();
}

std::expected<void, QString> ResultStore::open(const QString &dataDir)
{
    if (d->writer)
        return std::unexpected(tr("The results store is already open on %1.").arg(d->path));
    if (!QDir().mkpath(dataDir))
        return std::unexpected(tr("Cannot create the data folder %1 for the results database.").arg(dataDir));
    const QString path = QDir(dataDir).absoluteFilePath(u"vigie.sqlite"_s);

    auto *writer = new ResultWriter(d->queue);
    writer->moveToThread(&d->thread);
    connect(&d->thread, &QThread::finished, writer, &QObject::deleteLater);
    // Signal to signal, queued to this object's thread.
    connect(writer, &ResultWriter::batchCommitted, this, &ResultStore::committed);
    connect(writer, &ResultWriter::eventsCommitted, this, &ResultStore::eventsCommitted);
    connect(writer, &ResultWriter::writeFailed, this, &ResultStore::writeError);
    d->thread.start();

    std::expected<void, QString> opened;
    QMetaObject::invokeMethod(
        writer, [&] { opened = writer->open(path); }, Qt::BlockingQueuedConnection);
    if (!opened) {
        d->writer = writer;
        d->stopWriter();
        return opened;
    }

    d->writer = writer;
    d->path = path;
    QMutexLocker lock(&d->queue->mutex);
    d->queue->writer = writer;
    // Results appended before the store was open have waited for this.
    if (!d->queue->pending.isEmpty() && !d->queue->wakePosted) {
        d->queue->wakePosted = true;
        QMetaObject::invokeMethod(writer, &ResultWriter::wake, Qt::QueuedConnection);
    }
    return {};
}

QString ResultStore::databasePath() const
{
    return d->path;
}

void ResultStore::append(const QList<ProbeResult> &results)
{
    QList<WriteEntry> entries;
    entries.reserve(results.size());
    for (const ProbeResult &result : results)
        entries.append(result);
    d->enqueue(std::move(entries));
}

void ResultStore::appendEvents(const QList<HealthEvent> &events)
{
    QList<WriteEntry> entries;
    entries.reserve(events.size());
    for (const HealthEvent &event : events)
        entries.append(event);
    d->enqueue(std::move(entries));
}

bool ResultStore::flush()
{
    WriteQueue &queue = *d->queue;
    QMutexLocker lock(&queue.mutex);
    const qint64 target = queue.appended;
    if (queue.committed >= target)
        return true;
    if (!queue.writer)
        return false;
    const qint64 failuresBefore = queue.failedAttempts;
    QMetaObject::invokeMethod(queue.writer, &ResultWriter::writeAll, Qt::QueuedConnection);
    while (queue.committed < target && queue.failedAttempts == failuresBefore)
        queue.progressed.wait(&queue.mutex);
    return queue.committed >= target;
}

QFuture<QList<LatencyPoint>> ResultStore::latencySeries(const QString &serviceId, qint64 fromMs, qint64 toMs) const
{
    return QtConcurrent::run([path = d->path, serviceId, fromMs, toMs] {
        return withReader(path, "a latency series", QList<LatencyPoint>(),
                          [&](QSqlQuery &query) -> std::expected<QList<LatencyPoint>, QString> {
                              query.setForwardOnly(true);
                              if (!query.prepare(u"SELECT r.ts_ms, r.latency_ms, r.status FROM results r "
                                                 "JOIN probes p ON p.id = r.probe_id "
                                                 "WHERE p.service_id = ? AND r.ts_ms BETWEEN ? AND ? "
                                                 "ORDER BY r.ts_ms, r.id"_s))
                                  return std::unexpected(sqlErrorText(query.lastError()));
                              query.addBindValue(serviceId);
                              query.addBindValue(fromMs);
                              query.addBindValue(toMs);
                              if (!query.exec())
                                  return std::unexpected(sqlErrorText(query.lastError()));
                              QList<LatencyPoint> points;
                              while (query.next())
                                  points.append({query.value(0).toLongLong(), query.value(1).toDouble(),
                                                 healthStateFromName(query.value(2).toString())});
                              return points;
                          });
    });
}

QFuture<QList<ProbeResult>> ResultStore::latestResults() const
{
    return QtConcurrent::run([path = d->path] {
        return withReader(
            path, "the latest results", QList<ProbeResult>(),
            [&](QSqlQuery &query) -> std::expected<QList<ProbeResult>, QString> {
                query.setForwardOnly(true);
                // One row per probe row; a probe whose kind or target changed in the workspace has
                // several, and only the newest of them describes it now.
                if (!query.exec(u"SELECT %1 FROM probes p JOIN results r ON r.id = "
                                "(SELECT id FROM results WHERE probe_id = p.id ORDER BY ts_ms DESC, id DESC LIMIT 1) "
                                "ORDER BY p.service_id, p.probe_index"_s.arg(QLatin1StringView(resultColumns))))
                    return std::unexpected(sqlErrorText(query.lastError()));
                QList<StoredResult> newest;
                while (query.next()) {
                    StoredResult row = readResult(query);
                    if (!newest.isEmpty() && newest.constLast().result.key == row.result.key) {
                        if (olderFirst(newest.constLast(), row))
                            newest.last() = std::move(row);
                    } else {
                        newest.append(std::move(row));
                    }
                }
                QList<ProbeResult> results;
                results.reserve(newest.size());
                for (StoredResult &row : newest)
                    results.append(std::move(row.result));
                return results;
            });
    });
}

QFuture<QList<ProbeResult>> ResultStore::recentResults(const QString &serviceId, int count) const
{
    return QtConcurrent::run([path = d->path, serviceId, count] {
        return withReader(path, "recent results", QList<ProbeResult>(),
                          [&](QSqlQuery &query) -> std::expected<QList<ProbeResult>, QString> {
                              if (count <= 0)
                                  return QList<ProbeResult>();
                              // Each probe's last `count` come straight off the index; the service's last
                              // `count` are among them. One query over the whole service would sort all its
                              // history instead.
                              if (!query.prepare(u"SELECT id FROM probes WHERE service_id = ?"_s))
                                  return std::unexpected(sqlErrorText(query.lastError()));
                              query.addBindValue(serviceId);
                              if (!query.exec())
                                  return std::unexpected(sqlErrorText(query.lastError()));
                              QList<qint64> probeIds;
                              while (query.next())
                                  probeIds.append(query.value(0).toLongLong());

                              if (!query.prepare(u"SELECT %1 FROM results r JOIN probes p ON p.id = r.probe_id "
                                                 "WHERE r.probe_id = ? ORDER BY r.ts_ms DESC, r.id DESC LIMIT ?"_s.arg(
                                                     QLatin1StringView(resultColumns))))
                                  return std::unexpected(sqlErrorText(query.lastError()));
                              QList<StoredResult> rows;
                              for (qint64 probeId : std::as_const(probeIds)) {
                                  query.bindValue(0, probeId);
                                  query.bindValue(1, count);
                                  if (!query.exec())
                                      return std::unexpected(sqlErrorText(query.lastError()));
                                  while (query.next())
                                      rows.append(readResult(query));
                              }
                              std::ranges::sort(rows, olderFirst);
                              QList<ProbeResult> results;
                              const qsizetype first = std::max<qsizetype>(0, rows.size() - count);
                              results.reserve(rows.size() - first);
                              for (qsizetype i = first; i < rows.size(); ++i)
                                  results.append(std::move(rows[i].result));
                              return results;
                          });
    });
}

QFuture<QList<HealthEvent>> ResultStore::events(const EventFilter &filter) const
{
    return QtConcurrent::run([path = d->path, filter] {
        return withReader(
            path, "health events", QList<HealthEvent>(),
            [&](QSqlQuery &query) -> std::expected<QList<HealthEvent>, QString> {
                if (filter.limit <= 0 || filter.fromMs > filter.toMs)
                    return QList<HealthEvent>();
                QStringList where{u"ts_ms BETWEEN ? AND ?"_s};
                QVariantList values{filter.fromMs, filter.toMs};
                const auto in = [&](const QString &column, const QStringList &list) {
                    if (list.isEmpty())
                        return;
                    where.append(u"%1 IN (%2)"_s.arg(column, placeholders(list.size())));
                    for (const QString &value : list)
                        values.append(value.isNull() ? u""_s : value);
                };
                in(u"service_id"_s, filter.serviceIds);
                in(u"grp"_s, filter.groups);
                QStringList states;
                for (HealthState state : filter.states)
                    states.append(healthStateName(state));
                in(u"to_state"_s, states);
                if (!filter.probeChanges) {
                    where.append(u"kind <> ?"_s);
                    values.append(healthEventKindName(HealthEvent::Kind::ProbeState));
                }

                query.setForwardOnly(true);
                if (!query.prepare(u"SELECT %1 FROM events WHERE %2 ORDER BY ts_ms DESC, id DESC LIMIT ?"_s.arg(
                        QLatin1StringView(eventColumns), where.join(u" AND "_s))))
                    return std::unexpected(sqlErrorText(query.lastError()));
                for (const QVariant &value : std::as_const(values))
                    query.addBindValue(value);
                query.addBindValue(filter.limit);
                if (!query.exec())
                    return std::unexpected(sqlErrorText(query.lastError()));
                QList<HealthEvent> events;
                while (query.next())
                    events.append(readEvent(query));
                return events;
            });
    });
}

QFuture<QList<HealthEvent>> ResultStore::latestStateEvents() const
{
    return QtConcurrent::run([path = d->path] {
        return withReader(
            path, "the latest state events", QList<HealthEvent>(),
            [&](QSqlQuery &query) -> std::expected<QList<HealthEvent>, QString> {
                query.setForwardOnly(true);
                // A service event has probe_index -1, so one partition per probe and per service.
                if (!query.prepare(
                        u"SELECT %1 FROM (SELECT *, row_number() OVER (PARTITION BY kind, service_id, "
                        "probe_index ORDER BY ts_ms DESC, id DESC) AS newest FROM events "
                        "WHERE kind IN (?, ?, ?, ?)) WHERE newest = 1 ORDER BY service_id, probe_index, ts_ms, id"_s
                            .arg(QLatin1StringView(eventColumns))))
                    return std::unexpected(sqlErrorText(query.lastError()));
                query.addBindValue(healthEventKindName(HealthEvent::Kind::ProbeState));
                query.addBindValue(healthEventKindName(HealthEvent::Kind::ServiceState));
                query.addBindValue(healthEventKindName(HealthEvent::Kind::MaintenanceStart));
                query.addBindValue(healthEventKindName(HealthEvent::Kind::MaintenanceEnd));
                if (!query.exec())
                    return std::unexpected(sqlErrorText(query.lastError()));
                QList<HealthEvent> events;
                while (query.next())
                    events.append(readEvent(query));
                return events;
            });
    });
}

int ResultStore::schemaVersion()
{
    return Migrations::latestVersion();
}

QFuture<qint64> ResultStore::resultCount() const
{
    return QtConcurrent::run([path = d->path] {
        return withReader(path, "the number of results", qint64(0),
                          [&](QSqlQuery &query) -> std::expected<qint64, QString> {
                              if (!query.exec(u"SELECT count(*) FROM results"_s) || !query.next())
                                  return std::unexpected(sqlErrorText(query.lastError()));
                              return query.value(0).toLongLong();
                          });
    });
}

} // namespace Vigie
