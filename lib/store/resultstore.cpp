#include "resultstore.h"

#include "migrations.h"
#include "resultwriter.h"
#include "sqliteconnection.h"

#include <QDir>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>
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

// The columns readEvent() expects, in its order, unqualified and of a table aliased "e".
constexpr auto eventColumns =
    "id, ts_ms, kind, service_id, grp, probe_index, from_state, to_state, in_maintenance, impacted_by, cause";
constexpr auto eventColumnsOfE = "e.id, e.ts_ms, e.kind, e.service_id, e.grp, e.probe_index, e.from_state, "
                                 "e.to_state, e.in_maintenance, e.impacted_by, e.cause";

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
    r.error = Message::fromStored(query.value(16).toString());
    r.detail = Message::fromStored(query.value(17).toString());
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
    e.cause = Message::fromStored(query.value(10).toString());
    return e;
}

// The lean columns of a report's read, for a table aliased "e": the kind and the state are mapped
// to their enums' values by SQLite, so that no text but the service id is read per row.
QString stateChangeColumns()
{
    using Kind = HealthEvent::Kind;
    QString kind = u"CASE e.kind"_s;
    for (Kind k : {Kind::ProbeState, Kind::ServiceState, Kind::MaintenanceStart, Kind::MaintenanceEnd})
        kind += u" WHEN '%1' THEN %2"_s.arg(healthEventKindName(k)).arg(int(k));
    kind += u" END"_s;
    QString state = u"CASE e.to_state"_s;
    for (HealthState st : {HealthState::Up, HealthState::Degraded, HealthState::Down})
        state += u" WHEN '%1' THEN %2"_s.arg(healthStateName(st)).arg(int(st));
    state += u" ELSE %1 END"_s.arg(int(HealthState::Unknown));
    return u"e.id, e.ts_ms, %1, e.service_id, e.probe_index, %2"_s.arg(kind, state);
}

// "IN (...)" of the kinds a report reads.
QString stateKindsList()
{
    using Kind = HealthEvent::Kind;
    QStringList names;
    for (Kind k : {Kind::ProbeState, Kind::ServiceState, Kind::MaintenanceStart, Kind::MaintenanceEnd})
        names.append(u"'%1'"_s.arg(healthEventKindName(k)));
    return u"(%1)"_s.arg(names.join(u", "_s));
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

// Runs `sql` with `values` bound in order, and reads each row with `read`: the one way every read
// of the store goes, forward only.
template<typename Read>
auto selectRows(QSqlQuery &query, const QString &sql, const QVariantList &values, Read read)
    -> std::expected<QList<std::invoke_result_t<Read, const QSqlQuery &>>, QString>
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return std::unexpected(sqlErrorText(query.lastError()));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return std::unexpected(sqlErrorText(query.lastError()));
    QList<std::invoke_result_t<Read, const QSqlQuery &>> rows;
    while (query.next())
        rows.append(read(query));
    return rows;
}

} // namespace

struct ResultStore::Private
{
    std::shared_ptr<WriteQueue> queue = std::make_shared<WriteQueue>();
    QThread thread;
    ResultWriter *writer = nullptr;
    QString path;
    const Clock *clock = nullptr;
    mutable QMutex retentionMutex;
    RetentionPolicy retention;

    void enqueue(QList<WriteEntry> entries)
    {
        if (entries.isEmpty())
            return;
        QMutexLocker lock(&queue->mutex);
        queue->add(std::move(entries));
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
    if (!flush())
        qCWarning(lcStore).noquote() << "Closing the results store:" << unwrittenSummary();
    d->stopWriter();
}

std::expected<void, QString> ResultStore::open(const QString &dataDir)
{
    if (d->writer)
        return std::unexpected(tr("The results store is already open on %1.").arg(d->path));
    if (!QDir().mkpath(dataDir))
        return std::unexpected(tr("Cannot create the data folder %1 for the results database.").arg(dataDir));
    const QString path = QDir(dataDir).absoluteFilePath(u"vigie.sqlite"_s);

    auto *writer = new ResultWriter(d->queue, d->clock);
    writer->moveToThread(&d->thread);
    connect(&d->thread, &QThread::finished, writer, &QObject::deleteLater);
    // Signal to signal, queued to this object's thread.
    connect(writer, &ResultWriter::batchCommitted, this, &ResultStore::committed);
    connect(writer, &ResultWriter::eventsCommitted, this, &ResultStore::eventsCommitted);
    connect(writer, &ResultWriter::writeFailed, this, &ResultStore::writeError);
    connect(writer, &ResultWriter::writeRecovered, this, &ResultStore::writeRecovered);
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
    // Old rows go at once, a few thousand at a time between the writes, then every hour.
    QMetaObject::invokeMethod(
        writer, [writer, policy = retention()] { writer->setRetention(policy); }, Qt::QueuedConnection);
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
    const qint64 droppedBefore = queue.dropped();
    const auto done = [&] { return queue.committed + queue.dropped() >= target; };
    if (done())
        return queue.dropped() == droppedBefore;
    if (!queue.writer || queue.damaged)
        return false;
    const qint64 failuresBefore = queue.failedAttempts;
    QMetaObject::invokeMethod(queue.writer, &ResultWriter::writeAll, Qt::QueuedConnection);
    while (!done() && queue.failedAttempts == failuresBefore)
        queue.progressed.wait(&queue.mutex);
    return done() && queue.dropped() == droppedBefore;
}

void ResultStore::setClock(const Clock *clock)
{
    d->clock = clock;
}

void ResultStore::setRetention(const RetentionPolicy &policy)
{
    {
        QMutexLocker lock(&d->retentionMutex);
        d->retention = policy;
    }
    QMutexLocker lock(&d->queue->mutex);
    if (ResultWriter *writer = d->queue->writer)
        QMetaObject::invokeMethod(
            writer, [writer, policy] { writer->setRetention(policy); }, Qt::QueuedConnection);
}

RetentionPolicy ResultStore::retention() const
{
    QMutexLocker lock(&d->retentionMutex);
    return d->retention;
}

std::expected<qint64, QString> ResultStore::prune()
{
    if (!d->writer)
        return std::unexpected(tr("The results store is not open."));
    std::expected<qint64, QString> removed;
    QMetaObject::invokeMethod(
        d->writer, [&, writer = d->writer] { removed = writer->pruneAll(); }, Qt::BlockingQueuedConnection);
    return removed;
}

void ResultStore::setQueueLimit(qsizetype entries)
{
    QMutexLocker lock(&d->queue->mutex);
    d->queue->limit = std::max<qsizetype>(1, entries);
}

WriteReport ResultStore::writeReport() const
{
    QMutexLocker lock(&d->queue->mutex);
    return d->queue->report();
}

QString ResultStore::unwrittenSummary() const
{
    const WriteReport report = writeReport();
    if (report.everythingWritten())
        return {};
    const QString where = d->path.isEmpty() ? tr("the history database") : d->path;
    const qint64 results = report.resultsDropped + report.resultsPending;
    const qint64 events = report.eventsDropped + report.eventsPending;
    const QString resultText =
        tr("%n probe result(s)", nullptr, int(std::min<qint64>(results, std::numeric_limits<int>::max())));
    const QString eventText =
        tr("%n health event(s)", nullptr, int(std::min<qint64>(events, std::numeric_limits<int>::max())));
    const QString what = events == 0    ? resultText
                         : results == 0 ? eventText
                                        : tr("%1 and %2").arg(resultText, eventText);
    return tr("%1 could not be written to %2.").arg(what, where);
}

void ResultStore::setMaxPageCount(qint64 pages)
{
    if (d->writer)
        QMetaObject::invokeMethod(
            d->writer, [writer = d->writer, pages] { writer->setMaxPageCount(pages); }, Qt::BlockingQueuedConnection);
}

QFuture<QList<LatencyPoint>> ResultStore::latencySeries(const QString &serviceId, qint64 fromMs, qint64 toMs) const
{
    return QtConcurrent::run([path = d->path, serviceId, fromMs, toMs] {
        return withReader(path, "a latency series", QList<LatencyPoint>(), [&](QSqlQuery &query) {
            return selectRows(
                query,
                u"SELECT r.ts_ms, r.latency_ms, r.status FROM results r JOIN probes p ON p.id = r.probe_id "
                "WHERE p.service_id = ? AND r.ts_ms BETWEEN ? AND ? ORDER BY r.ts_ms, r.id"_s,
                {serviceId, fromMs, toMs}, [](const QSqlQuery &row) {
                    return LatencyPoint{row.value(0).toLongLong(), row.value(1).toDouble(),
                                        healthStateFromName(row.value(2).toString())};
                });
        });
    });
}

QFuture<QList<ProbeResult>> ResultStore::latestResults() const
{
    return QtConcurrent::run([path = d->path] {
        return withReader(path, "the latest results", QList<ProbeResult>(),
                          [&](QSqlQuery &query) -> std::expected<QList<ProbeResult>, QString> {
                              // One row per probe row, each found at the end of its range of results_by_probe_time
                              // (no scan of results); a probe whose kind or target changed in the workspace has
                              // several, and only the newest of them describes it now.
                              const auto rows = selectRows(query, latestResultsQuery(), {}, readResult);
                              if (!rows)
                                  return std::unexpected(rows.error());
                              QList<StoredResult> newest;
                              for (const StoredResult &row : *rows) {
                                  if (!newest.isEmpty() && newest.constLast().result.key == row.result.key) {
                                      if (olderFirst(newest.constLast(), row))
                                          newest.last() = row;
                                  } else {
                                      newest.append(row);
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
                              const auto probeIds =
                                  selectRows(query, u"SELECT id FROM probes WHERE service_id = ?"_s, {serviceId},
                                             [](const QSqlQuery &row) { return row.value(0).toLongLong(); });
                              if (!probeIds)
                                  return std::unexpected(probeIds.error());

                              if (!query.prepare(u"SELECT %1 FROM results r JOIN probes p ON p.id = r.probe_id "
                                                 "WHERE r.probe_id = ? ORDER BY r.ts_ms DESC, r.id DESC LIMIT ?"_s.arg(
                                                     QLatin1StringView(resultColumns))))
                                  return std::unexpected(sqlErrorText(query.lastError()));
                              QList<StoredResult> rows;
                              for (qint64 probeId : *probeIds) {
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
        return withReader(path, "health events", QList<HealthEvent>(),
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

                              values.append(filter.limit);
                              return selectRows(
                                  query,
                                  u"SELECT %1 FROM events WHERE %2 ORDER BY ts_ms DESC, id DESC LIMIT ?"_s.arg(
                                      QLatin1StringView(eventColumns), where.join(u" AND "_s)),
                                  values, readEvent);
                          });
    });
}

QFuture<StateHistory> ResultStore::stateHistory(const QStringList &serviceIds, qint64 fromMs, qint64 toMs) const
{
    return QtConcurrent::run([path = d->path, serviceIds, fromMs, toMs] {
        StateHistory empty;
        empty.serviceIds = serviceIds;
        return withReader(
            path, "the history of a report", empty, [&](QSqlQuery &query) -> std::expected<StateHistory, QString> {
                StateHistory history;
                history.serviceIds = serviceIds;
                QHash<QString, int> index;
                index.reserve(serviceIds.size());
                for (int i = 0; i < serviceIds.size(); ++i)
                    index.insert(serviceIds[i], i);
                // Rows of services not asked for are skipped: the service id is the only text read.
                QString lastId;
                int lastService = -1;
                const auto read = [&](QList<StateChange> &into) {
                    while (query.next()) {
                        const QString id = query.value(3).toString();
                        if (id != lastId) {
                            lastId = id;
                            lastService = index.value(id, -1);
                        }
                        if (lastService < 0)
                            continue;
                        into.append({query.value(0).toLongLong(), query.value(1).toLongLong(), lastService,
                                     query.value(4).toInt(), HealthEvent::Kind(query.value(2).toInt()),
                                     HealthState(query.value(5).toInt())});
                    }
                };
                const auto run = [&](const QString &sql, const QVariantList &values,
                                     QList<StateChange> &into) -> std::expected<void, QString> {
                    query.setForwardOnly(true);
                    if (!query.prepare(sql))
                        return std::unexpected(sqlErrorText(query.lastError()));
                    for (int i = 0; i < values.size(); ++i)
                        query.bindValue(i, values[i]);
                    if (!query.exec())
                        return std::unexpected(sqlErrorText(query.lastError()));
                    read(into);
                    return {};
                };

                QList<StateChange> newest;
                if (const auto ok = run(stateBeforeQuery(), {fromMs}, newest); !ok)
                    return std::unexpected(ok.error());
                // A service down at `from`: its outage began earlier, at a time only its whole
                // history before `from` tells (it may have been down, then in maintenance...).
                QSet<int> down;
                for (const StateChange &c : std::as_const(newest))
                    if (c.kind == HealthEvent::Kind::ServiceState && c.to == HealthState::Down)
                        down.insert(c.service);
                for (const StateChange &c : std::as_const(newest))
                    if (!down.contains(c.service))
                        history.before.append(c);
                const QString serviceBefore =
                    u"SELECT %1 FROM events e WHERE e.service_id = ? AND e.ts_ms < ? AND e.kind IN %2"_s.arg(
                        stateChangeColumns(), stateKindsList());
                for (int service : std::as_const(down))
                    if (const auto ok = run(serviceBefore, {serviceIds[service], fromMs}, history.before); !ok)
                        return std::unexpected(ok.error());

                if (fromMs <= toMs) {
                    const QString inRange =
                        u"SELECT %1 FROM events e WHERE e.ts_ms BETWEEN ? AND ? AND e.kind IN %2"_s.arg(
                            stateChangeColumns(), stateKindsList());
                    if (const auto ok = run(inRange, {fromMs, toMs}, history.inRange); !ok)
                        return std::unexpected(ok.error());
                }
                return history;
            });
    });
}

QString ResultStore::stateBeforeQuery()
{
    // latest_state_events lists every key (kind, probe or service) ever recorded; for each, the
    // newest event before the time is one seek on events_by_key_time.
    return u"SELECT %1 FROM latest_state_events l JOIN events e ON e.id = "
           "(SELECT x.id FROM events x WHERE x.service_id = l.service_id AND x.probe_index = l.probe_index "
           "AND x.kind = l.kind AND x.ts_ms < ? ORDER BY x.ts_ms DESC, x.id DESC LIMIT 1)"_s.arg(stateChangeColumns());
}

QFuture<QList<HealthEvent>> ResultStore::latestStateEvents() const
{
    return QtConcurrent::run([path = d->path] {
        return withReader(path, "the latest state events", QList<HealthEvent>(),
                          [&](QSqlQuery &query) { return selectRows(query, latestStateEventsQuery(), {}, readEvent); });
    });
}

QString ResultStore::latestResultsQuery()
{
    return u"SELECT %1 FROM probes p JOIN results r ON r.id = "
           "(SELECT id FROM results WHERE probe_id = p.id ORDER BY ts_ms DESC, id DESC LIMIT 1) "
           "ORDER BY p.service_id, p.probe_index"_s.arg(QLatin1StringView(resultColumns));
}

QString ResultStore::latestStateEventsQuery()
{
    // latest_state_events has one row per kind, probe and service (a service's events have
    // probe_index -1), kept by a trigger on events: no scan of events.
    return u"SELECT %1 FROM latest_state_events l JOIN events e ON e.id = l.event_id "
           "ORDER BY e.service_id, e.probe_index, e.ts_ms, e.id"_s.arg(QLatin1StringView(eventColumnsOfE));
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
