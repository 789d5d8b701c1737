#include "serieswriter.h"

#include "core/clock.h"
#include "seriescodec.h"

#include <QLoggingCategory>
#include <QMap>
#include <QSqlError>

#include <algorithm>
#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

Q_LOGGING_CATEGORY(lcSeriesWriter, "vigie.series")

// Chunks are keyed by series and first time, WITHOUT ROWID: the blob lives in the key's b-tree,
// with no rowid and no second index to pay for. Minute buckets are packed likewise, by blocks of
// 20 minutes (as many buckets as samples for a series probed every 30 s or more: a row each would
// cost ~50 bytes a sample and a statement each). Hour and day buckets, 60 and 1,440 times fewer,
// are rows of their own, merged by an upsert, the first and last times as small offsets into the
// bucket. Series rows are never deleted (a name costs a few dozen bytes), so ids stay stable.
const QList<Migrations::Step> &schemaSteps()
{
    static const QList<Migrations::Step> list{
        {1,
         {
             u"CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"_s,
             u"CREATE TABLE chunks ("
             "  series_id INTEGER NOT NULL,"
             "  start_ms INTEGER NOT NULL,"
             "  end_ms INTEGER NOT NULL,"
             "  data BLOB NOT NULL,"
             "  PRIMARY KEY (series_id, start_ms)) WITHOUT ROWID"_s,
             u"CREATE TABLE rollups ("
             "  series_id INTEGER NOT NULL,"
             "  level INTEGER NOT NULL,"
             "  bucket_ms INTEGER NOT NULL,"
             "  first_off INTEGER NOT NULL,"
             "  last_off INTEGER NOT NULL,"
             "  min REAL,"
             "  max REAL,"
             "  sum REAL,"
             "  count INTEGER NOT NULL,"
             "  PRIMARY KEY (series_id, level, bucket_ms)) WITHOUT ROWID"_s,
             u"CREATE TABLE minute_blocks ("
             "  series_id INTEGER NOT NULL,"
             "  block_ms INTEGER NOT NULL,"
             "  data BLOB NOT NULL,"
             "  PRIMARY KEY (series_id, block_ms)) WITHOUT ROWID"_s,
         }},
        // Minute buckets starting at or after a series' minutes_from_ms are computed from its raw
        // chunks when read (a bucket of one or two samples would store them again, ~9 bytes a
        // sample); minute_blocks keep those before it: what retention removed from the raw chunks,
        // folded in as it went, and late samples older than the cut. NULL: no cut, all from raw.
        // A file of version 1 holds every minute bucket in blocks: its cut is after its last one.
        {2,
         {
             u"ALTER TABLE series ADD COLUMN minutes_from_ms INTEGER"_s,
             u"UPDATE series SET minutes_from_ms = (SELECT max(block_ms) FROM minute_blocks WHERE series_id = "
             "series.id) + 1200000"_s,
         }},
    };
    return list;
}

std::span<const Sample> spanOf(const QList<Sample> &samples)
{
    return {samples.constData(), size_t(samples.size())};
}

bool earlier(const Sample &a, const Sample &b)
{
    return a.timestampMs < b.timestampMs;
}

constexpr std::array rollupLevels{SeriesLevel::Minute, SeriesLevel::Hour, SeriesLevel::Day};

} // namespace

std::span<const Migrations::Step> seriesSchemaSteps()
{
    return schemaSteps();
}

void addToRollup(RollupPoint &point, qint64 bucketStartMs, const Sample &sample)
{
    if (point.count == 0) {
        point = RollupPoint{
            bucketStartMs, sample.timestampMs, sample.timestampMs, sample.value, sample.value, sample.value, 1};
        return;
    }
    point.firstMs = std::min(point.firstMs, sample.timestampMs);
    point.lastMs = std::max(point.lastMs, sample.timestampMs);
    point.min = std::min(point.min, sample.value);
    point.max = std::max(point.max, sample.value);
    point.sum += sample.value;
    ++point.count;
}

void SeriesQueue::add(const QList<SeriesSamples> &entries)
{
    for (const SeriesSamples &entry : entries) {
        if (entry.samples.isEmpty())
            continue;
        pending.append(entry);
        pendingSamples += entry.samples.size();
        appended += entry.samples.size();
    }
    while (pendingSamples > limit && !pending.isEmpty()) {
        const qsizetype count = pending.constFirst().samples.size();
        dropped += count;
        pendingSamples -= count;
        pending.removeFirst();
    }
}

SeriesWriter::SeriesWriter(std::shared_ptr<SeriesQueue> queue, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_queue(std::move(queue))
    , m_clock(clock ? clock : Clock::system())
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(batchInterval);
    connect(&m_timer, &QTimer::timeout, this, &SeriesWriter::writeAll);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &SeriesWriter::writeAll);
    m_pruneTimer.setInterval(pruneInterval);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] {
        if (!m_pruning) {
            m_pruning = true;
            m_pruneAfterId = 0;
            continuePruning();
        }
    });
}

SeriesWriter::~SeriesWriter()
{
    close();
}

std::expected<void, QString> SeriesWriter::open(const QString &path)
{
    if (const auto opened = m_connection.open(path, SqliteConnection::Role::Writer); !opened)
        return opened;
    QSqlDatabase &db = m_connection.database();
    if (const auto migrated = Migrations::migrate(db, path, seriesSchemaSteps()); !migrated) {
        m_connection.close();
        return migrated;
    }
    // Each batch rewrites the open chunk and minute block of every series it touches: a larger page
    // cache keeps those pages in memory between batches, and fewer checkpoints (each of which syncs
    // the file) let the log absorb the rewrites. Both are settings of this connection only.
    {
        QSqlQuery pragma(db);
        pragma.exec(u"PRAGMA cache_size = -32768"_s);       // 32 MB
        pragma.exec(u"PRAGMA wal_autocheckpoint = 8192"_s); // 32 MB of log
    }
    const auto prepare = [&](QSqlQuery &query, const QString &sql) {
        query = QSqlQuery(db);
        return query.prepare(sql);
    };
    const bool prepared =
        prepare(m_findSeries, u"SELECT id, minutes_from_ms FROM series WHERE name = ?"_s) &&
        prepare(m_insertSeries, u"INSERT INTO series (name) VALUES (?)"_s) &&
        prepare(m_lastChunk, u"SELECT data FROM chunks WHERE series_id = ? ORDER BY start_ms DESC LIMIT 1"_s) &&
        prepare(m_chunkAt,
                u"SELECT data FROM chunks WHERE series_id = ? AND start_ms <= ? ORDER BY start_ms DESC LIMIT 1"_s) &&
        prepare(m_writeChunk,
                u"INSERT OR REPLACE INTO chunks (series_id, start_ms, end_ms, data) VALUES (?, ?, ?, ?)"_s) &&
        prepare(m_mergeRollup,
                u"INSERT INTO rollups (series_id, level, bucket_ms, first_off, last_off, min, max, sum, count) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, level, bucket_ms) DO UPDATE SET "
                "first_off = min(first_off, excluded.first_off), last_off = max(last_off, excluded.last_off), "
                "min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum, "
                "count = count + excluded.count"_s) &&
        prepare(m_findBlock, u"SELECT data FROM minute_blocks WHERE series_id = ? AND block_ms = ?"_s) &&
        prepare(m_writeBlock, u"INSERT OR REPLACE INTO minute_blocks (series_id, block_ms, data) VALUES (?, ?, ?)"_s);
    if (!prepared) {
        const QString detail = sqlErrorText(db.lastError());
        close();
        return std::unexpected(tr("Cannot prepare the series database %1: %2.").arg(path, detail));
    }
    m_path = path;
    m_pruneTimer.start();
    return {};
}

void SeriesWriter::close()
{
    m_timer.stop();
    m_retryTimer.stop();
    m_pruneTimer.stop();
    for (QSqlQuery *query : {&m_findSeries, &m_insertSeries, &m_lastChunk, &m_chunkAt, &m_writeChunk, &m_mergeRollup,
                             &m_findBlock, &m_writeBlock})
        *query = QSqlQuery();
    m_connection.close();
    m_open.clear();
    m_blocks.clear();
    m_minutesFrom.clear();
    m_ids.clear();
}

void SeriesWriter::wake()
{
    {
        QMutexLocker lock(&m_queue->mutex);
        m_queue->wakePosted = false;
        if (m_queue->pendingSamples < batchSamples) {
            lock.unlock();
            if (!m_timer.isActive() && !m_retryTimer.isActive())
                m_timer.start();
            return;
        }
    }
    if (!m_retryTimer.isActive())
        writeBatches();
}

void SeriesWriter::writeAll()
{
    m_timer.stop();
    m_retryTimer.stop();
    writeBatches();
}

void SeriesWriter::writeBatches()
{
    if (!m_connection.database().isOpen())
        return;
    for (;;) {
        if (m_batch.isEmpty()) {
            QMutexLocker lock(&m_queue->mutex);
            if (m_queue->damaged)
                return;
            qsizetype taken = 0;
            while (!m_queue->pending.isEmpty() && taken < batchSamples) {
                taken += m_queue->pending.constFirst().samples.size();
                m_batch.append(m_queue->pending.takeFirst());
            }
            m_queue->pendingSamples -= taken;
            m_batchSamples = taken;
            if (m_batch.isEmpty())
                return;
        }
        const auto committed = commitBatch(m_batch);
        if (!committed) {
            {
                QMutexLocker lock(&m_queue->mutex);
                ++m_queue->failedAttempts;
                if (m_damagedError)
                    m_queue->damaged = true;
                m_queue->progressed.wakeAll();
            }
            fail(committed.error());
            return;
        }
        const qint64 count = std::exchange(m_batchSamples, 0);
        m_batch.clear();
        {
            QMutexLocker lock(&m_queue->mutex);
            m_queue->committed += count;
            m_queue->progressed.wakeAll();
        }
        if (!m_lastFailure.isEmpty()) {
            m_lastFailure.clear();
            m_retryDelay = std::chrono::milliseconds(1000);
            Q_EMIT writeRecovered(tr("Writing to the series database %1 works again.").arg(m_path));
        }
        Q_EMIT batchCommitted(count);
    }
}

std::expected<void, QString> SeriesWriter::commitBatch(const QList<SeriesSamples> &batch)
{
    QSqlDatabase &db = m_connection.database();
    m_damagedError = false;
    if (!db.transaction())
        return failure(db.lastError());
    const auto rollback = [&](std::unexpected<QString> error) {
        for (QSqlQuery *query : {&m_findSeries, &m_lastChunk, &m_chunkAt, &m_findBlock})
            query->finish();
        db.rollback();
        // What the caches hold may be what the rolled back transaction wrote.
        m_open.clear();
        m_blocks.clear();
        m_minutesFrom.clear();
        m_ids.clear();
        return error;
    };
    m_rollups.clear();
    // Each series' samples together, in the order they were appended.
    QHash<QString, qsizetype> index;
    QList<std::pair<QString, QList<Sample>>> groups;
    for (const SeriesSamples &entry : batch) {
        const auto found = index.constFind(entry.series);
        if (found == index.cend()) {
            index.insert(entry.series, groups.size());
            groups.append({entry.series, entry.samples});
        } else {
            groups[*found].second += entry.samples;
        }
    }
    for (const auto &[name, samples] : std::as_const(groups)) {
        const auto id = seriesId(name);
        if (!id)
            return rollback(std::unexpected(id.error()));
        if (const auto ingested = ingest(*id, samples); !ingested)
            return rollback(std::unexpected(ingested.error()));
    }
    // Written in key order: SQLite packs the pages of rows that come in order (an append into a
    // fresh range), where rows in a random order leave them half empty.
    QList<std::pair<RollupKey, RollupPoint>> rows;
    QMap<std::pair<qint64, qint64>, QList<RollupPoint>> blocks;
    rows.reserve(m_rollups.size() / 4);
    for (auto it = m_rollups.cbegin(); it != m_rollups.cend(); ++it) {
        if (it.key().level == int(SeriesLevel::Minute))
            blocks[{it.key().seriesId, seriesBucketStart(it.value().bucketStartMs, minuteBlockMs)}].append(it.value());
        else
            rows.append({it.key(), it.value()});
    }
    m_rollups.clear();
    std::ranges::sort(rows, [](const auto &a, const auto &b) {
        return std::tie(a.first.seriesId, a.first.level, a.first.bucketMs) <
               std::tie(b.first.seriesId, b.first.level, b.first.bucketMs);
    });
    for (const auto &[key, point] : std::as_const(rows)) {
        m_mergeRollup.bindValue(0, key.seriesId);
        m_mergeRollup.bindValue(1, key.level);
        m_mergeRollup.bindValue(2, point.bucketStartMs);
        m_mergeRollup.bindValue(3, point.firstMs - point.bucketStartMs);
        m_mergeRollup.bindValue(4, point.lastMs - point.bucketStartMs);
        m_mergeRollup.bindValue(5, point.min);
        m_mergeRollup.bindValue(6, point.max);
        m_mergeRollup.bindValue(7, point.sum);
        m_mergeRollup.bindValue(8, point.count);
        if (!m_mergeRollup.exec())
            return rollback(failure(m_mergeRollup.lastError()));
    }
    for (auto it = blocks.begin(); it != blocks.end(); ++it)
        if (const auto merged = mergeMinutes(it.key().first, it.key().second, std::move(it.value())); !merged)
            return rollback(std::unexpected(merged.error()));
    if (!db.commit()) {
        const auto error = failure(db.lastError());
        return rollback(error);
    }
    return {};
}

std::expected<qint64, QString> SeriesWriter::seriesId(const QString &name)
{
    if (const auto found = m_ids.constFind(name); found != m_ids.cend())
        return *found;
    m_findSeries.bindValue(0, name);
    if (!m_findSeries.exec())
        return failure(m_findSeries.lastError());
    qint64 id = 0;
    if (m_findSeries.next()) {
        id = m_findSeries.value(0).toLongLong();
        if (const QVariant cut = m_findSeries.value(1); !cut.isNull())
            m_minutesFrom.insert(id, cut.toLongLong());
        m_findSeries.finish();
    } else {
        m_findSeries.finish();
        m_insertSeries.bindValue(0, name);
        if (!m_insertSeries.exec())
            return failure(m_insertSeries.lastError());
        id = m_insertSeries.lastInsertId().toLongLong();
    }
    m_ids.insert(name, id);
    return id;
}

std::expected<SeriesWriter::OpenChunk *, QString> SeriesWriter::openChunk(qint64 id)
{
    if (const auto found = m_open.find(id); found != m_open.end())
        return &*found;
    OpenChunk chunk;
    m_lastChunk.bindValue(0, id);
    if (!m_lastChunk.exec())
        return failure(m_lastChunk.lastError());
    if (m_lastChunk.next()) {
        const QByteArray blob = m_lastChunk.value(0).toByteArray();
        m_lastChunk.finish();
        auto decoded = SeriesCodec::decode(blob);
        if (!decoded) {
            m_damagedError = true;
            return std::unexpected(tr("a chunk of series %1 cannot be decoded").arg(id));
        }
        chunk.samples = std::move(*decoded);
    }
    m_lastChunk.finish();
    return &*m_open.insert(id, std::move(chunk));
}

std::expected<void, QString> SeriesWriter::ingest(qint64 id, const QList<Sample> &samples)
{
    const auto open = openChunk(id);
    if (!open)
        return std::unexpected(open.error());
    OpenChunk &chunk = **open;
    QList<Sample> late;
    const qint64 minutesFrom = m_minutesFrom.value(id, std::numeric_limits<qint64>::min());
    for (const Sample &sample : samples) {
        if (!sample.isGap()) {
            for (const SeriesLevel level : rollupLevels) {
                const qint64 bucket = seriesBucketStart(sample.timestampMs, seriesBucketMs(level));
                if (level == SeriesLevel::Minute && bucket >= minutesFrom)
                    continue; // read from the raw chunks
                addToRollup(m_rollups[RollupKey{id, int(level), bucket}], bucket, sample);
            }
        }
        if (chunk.samples.isEmpty() || sample.timestampMs >= chunk.samples.constLast().timestampMs) {
            if (chunk.samples.size() >= maxChunkSamples && sample.timestampMs > chunk.samples.constLast().timestampMs) {
                // Full: written as it is (if it changed), and a new one starts.
                if (chunk.dirty)
                    if (const auto written = writeChunk(id, spanOf(chunk.samples)); !written)
                        return std::unexpected(written.error());
                chunk.samples.clear();
            }
            chunk.samples.append(sample);
            chunk.dirty = true;
        } else if (sample.timestampMs >= chunk.samples.constFirst().timestampMs) {
            chunk.samples.insert(std::upper_bound(chunk.samples.begin(), chunk.samples.end(), sample, earlier), sample);
            chunk.dirty = true;
        } else {
            late.append(sample);
        }
    }
    if (chunk.dirty) {
        const auto lastStart = writeChunk(id, spanOf(chunk.samples));
        if (!lastStart)
            return std::unexpected(lastStart.error());
        chunk.samples.remove(0, *lastStart);
        chunk.dirty = false;
    }
    for (const Sample &sample : std::as_const(late))
        if (const auto inserted = insertLate(id, sample); !inserted)
            return inserted;
    return {};
}

std::expected<void, QString> SeriesWriter::insertLate(qint64 id, const Sample &sample)
{
    // Rare (a source that sends what it held back): read, insert, write back.
    m_chunkAt.bindValue(0, id);
    m_chunkAt.bindValue(1, sample.timestampMs);
    if (!m_chunkAt.exec())
        return failure(m_chunkAt.lastError());
    QList<Sample> samples;
    if (m_chunkAt.next()) {
        const QByteArray blob = m_chunkAt.value(0).toByteArray();
        m_chunkAt.finish();
        auto decoded = SeriesCodec::decode(blob);
        if (!decoded) {
            m_damagedError = true;
            return std::unexpected(tr("a chunk of series %1 cannot be decoded").arg(id));
        }
        samples = std::move(*decoded);
    }
    m_chunkAt.finish();
    samples.insert(std::upper_bound(samples.begin(), samples.end(), sample, earlier), sample);
    if (const auto written = writeChunk(id, spanOf(samples)); !written)
        return std::unexpected(written.error());
    return {};
}

std::expected<qsizetype, QString> SeriesWriter::writeChunk(qint64 id, std::span<const Sample> samples)
{
    const QByteArray blob = SeriesCodec::encode(samples);
    if (blob.size() > maxChunkBytes && samples.size() >= 2) {
        // Cut in two, never between samples of the first time (both halves would start there).
        qsizetype cut = qsizetype(samples.size() / 2);
        while (cut < qsizetype(samples.size()) && samples[cut].timestampMs == samples.front().timestampMs)
            ++cut;
        if (cut < qsizetype(samples.size())) {
            if (const auto first = writeChunk(id, samples.first(size_t(cut))); !first)
                return first;
            const auto second = writeChunk(id, samples.subspan(size_t(cut)));
            if (!second)
                return second;
            return cut + *second;
        }
    }
    m_writeChunk.bindValue(0, id);
    m_writeChunk.bindValue(1, samples.front().timestampMs);
    m_writeChunk.bindValue(2, samples.back().timestampMs);
    m_writeChunk.bindValue(3, blob);
    if (!m_writeChunk.exec())
        return failure(m_writeChunk.lastError());
    return 0;
}

std::expected<void, QString> SeriesWriter::mergeMinutes(qint64 id, qint64 blockMs, QList<RollupPoint> fresh)
{
    const auto cached = m_blocks.constFind(id);
    QList<RollupPoint> buckets;
    if (cached != m_blocks.cend() && cached->blockMs == blockMs) {
        buckets = cached->buckets;
    } else {
        m_findBlock.bindValue(0, id);
        m_findBlock.bindValue(1, blockMs);
        if (!m_findBlock.exec())
            return failure(m_findBlock.lastError());
        if (m_findBlock.next()) {
            auto decoded =
                SeriesCodec::decodeRollups(m_findBlock.value(0).toByteArray(), seriesBucketMs(SeriesLevel::Minute));
            m_findBlock.finish();
            if (!decoded) {
                m_damagedError = true;
                return std::unexpected(tr("the minute rollups of series %1 cannot be decoded").arg(id));
            }
            buckets = std::move(*decoded);
        }
        m_findBlock.finish();
    }
    std::ranges::sort(fresh, {}, &RollupPoint::bucketStartMs);
    for (const RollupPoint &point : std::as_const(fresh)) {
        const auto at = std::ranges::lower_bound(buckets, point.bucketStartMs, {}, &RollupPoint::bucketStartMs);
        if (at == buckets.end() || at->bucketStartMs != point.bucketStartMs) {
            buckets.insert(at, point);
            continue;
        }
        at->firstMs = std::min(at->firstMs, point.firstMs);
        at->lastMs = std::max(at->lastMs, point.lastMs);
        at->min = std::min(at->min, point.min);
        at->max = std::max(at->max, point.max);
        at->sum += point.sum;
        at->count += point.count;
    }
    m_writeBlock.bindValue(0, id);
    m_writeBlock.bindValue(1, blockMs);
    m_writeBlock.bindValue(
        2, SeriesCodec::encodeRollups(std::span<const RollupPoint>(buckets.constData(), size_t(buckets.size()))));
    if (!m_writeBlock.exec())
        return failure(m_writeBlock.lastError());
    if (cached == m_blocks.cend() || blockMs >= cached->blockMs)
        m_blocks.insert(id, MinuteBlock{blockMs, std::move(buckets)});
    return {};
}

std::unexpected<QString> SeriesWriter::failure(const QSqlError &error)
{
    if (isDamaged(error))
        m_damagedError = true;
    return std::unexpected(sqlErrorText(error));
}

void SeriesWriter::fail(const QString &detail)
{
    if (m_damagedError) {
        if (m_lastFailure.isEmpty() || !m_lastFailure.startsWith(u"damaged:"_s)) {
            m_lastFailure = u"damaged:"_s + detail;
            Q_EMIT writeFailed(damagedDatabaseText(m_path, detail));
        }
        return;
    }
    if (detail != m_lastFailure) {
        m_lastFailure = detail;
        Q_EMIT writeFailed(tr("Cannot write to the series database %1: %2.").arg(m_path, detail));
    }
    m_retryTimer.start(m_retryDelay);
    m_retryDelay = std::min(m_retryDelay * 2, std::chrono::milliseconds(30'000));
}

void SeriesWriter::setRetention(const SeriesRetention &retention)
{
    m_retention = retention;
    m_pruneAfterId = 0;
    if (!m_pruning && m_connection.database().isOpen()) {
        m_pruning = true;
        QTimer::singleShot(0, this, &SeriesWriter::continuePruning);
    }
}

void SeriesWriter::continuePruning()
{
    if (!m_connection.database().isOpen()) {
        m_pruning = false;
        return;
    }
    const auto step = pruneStep();
    if (!step) {
        qCWarning(lcSeriesWriter).noquote() << "Pruning" << m_path << "failed:" << step.error();
        m_pruning = false;
        return;
    }
    if (*step < 0) {
        m_pruning = false;
        return;
    }
    // Writes waiting go first.
    QTimer::singleShot(0, this, &SeriesWriter::continuePruning);
}

std::expected<qint64, QString> SeriesWriter::pruneStep()
{
    QSqlDatabase &db = m_connection.database();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(u"SELECT id FROM series WHERE id > ? ORDER BY id LIMIT ?"_s))
        return failure(query.lastError());
    query.addBindValue(m_pruneAfterId);
    query.addBindValue(pruneSeriesPerStep);
    if (!query.exec())
        return failure(query.lastError());
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    query.finish();
    if (ids.isEmpty()) {
        m_pruneAfterId = 0;
        return -1;
    }
    const qint64 now = m_clock->nowMs();
    qint64 removed = 0;
    if (!db.transaction())
        return failure(db.lastError());
    QSqlQuery raw(db);
    QSqlQuery rollups(db);
    QSqlQuery minutes(db);
    if (!raw.prepare(u"DELETE FROM chunks WHERE series_id = ? AND start_ms < ? AND end_ms < ?"_s) ||
        !rollups.prepare(u"DELETE FROM rollups WHERE series_id = ? AND level = ? AND bucket_ms <= ?"_s) ||
        !minutes.prepare(u"DELETE FROM minute_blocks WHERE series_id = ? AND block_ms <= ?"_s)) {
        const auto error = failure(db.lastError());
        db.rollback();
        return error;
    }
    QHash<qint64, qint64> cuts; // applied once committed
    for (const qint64 id : std::as_const(ids)) {
        if (const auto age = m_retention.rawMaxAge.count(); age > 0) {
            const auto folded = foldIntoMinutes(id, now - age);
            if (!folded) {
                m_blocks.remove(id); // it may hold what the rollback undoes
                db.rollback();
                return std::unexpected(folded.error());
            }
            if (*folded)
                cuts.insert(id, **folded);
            raw.bindValue(0, id);
            raw.bindValue(1, now - age);
            raw.bindValue(2, now - age);
            if (!raw.exec()) {
                const auto error = failure(raw.lastError());
                db.rollback();
                return error;
            }
            removed += std::max(0, raw.numRowsAffected());
        }
        for (const SeriesLevel level : rollupLevels) {
            const qint64 age = m_retention.maxAge(level).count();
            if (age <= 0)
                continue;
            if (level == SeriesLevel::Minute) {
                // By whole blocks.
                minutes.bindValue(0, id);
                minutes.bindValue(1, now - age - minuteBlockMs);
                if (!minutes.exec()) {
                    const auto error = failure(minutes.lastError());
                    db.rollback();
                    return error;
                }
                removed += std::max(0, minutes.numRowsAffected());
                continue;
            }
            // A bucket goes once all of it is older than the horizon.
            rollups.bindValue(0, id);
            rollups.bindValue(1, int(level));
            rollups.bindValue(2, now - age - seriesBucketMs(level));
            if (!rollups.exec()) {
                const auto error = failure(rollups.lastError());
                db.rollback();
                return error;
            }
            removed += std::max(0, rollups.numRowsAffected());
        }
        // Its open chunk may be gone: read again when it next grows.
        m_open.remove(id);
        m_blocks.remove(id);
    }
    if (!db.commit()) {
        const auto error = failure(db.lastError());
        db.rollback();
        return error;
    }
    for (auto it = cuts.cbegin(); it != cuts.cend(); ++it)
        m_minutesFrom.insert(it.key(), it.value());
    m_pruneAfterId = ids.constLast();
    return removed;
}

std::expected<std::optional<qint64>, QString> SeriesWriter::foldIntoMinutes(qint64 id, qint64 horizonMs)
{
    QSqlDatabase &db = m_connection.database();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QList<Sample> folded;
    const auto read = [&](const QString &sql, qint64 first, qint64 second) -> std::expected<void, QString> {
        if (!query.prepare(sql))
            return failure(query.lastError());
        query.addBindValue(id);
        query.addBindValue(first);
        query.addBindValue(second);
        if (!query.exec())
            return failure(query.lastError());
        while (query.next()) {
            const auto decoded = SeriesCodec::decode(query.value(0).toByteArray());
            if (!decoded) {
                query.finish();
                m_damagedError = true;
                return std::unexpected(tr("a chunk of series %1 cannot be decoded").arg(id));
            }
            folded += *decoded;
        }
        query.finish();
        return {};
    };
    // The chunks that pruneStep's DELETE is about to remove.
    if (const auto doomed = read(u"SELECT data FROM chunks WHERE series_id = ? AND start_ms < ? AND end_ms < ? "
                                 "ORDER BY start_ms"_s,
                                 horizonMs, horizonMs);
        !doomed)
        return std::unexpected(doomed.error());
    if (folded.isEmpty())
        return std::nullopt;

    // The new cut: past the minute of the last sample removed, so that blocks hold all of it. Blocks
    // hold every sample before the cut: those of kept chunks too, in the minute they share with the
    // removed ones (they stay raw as well, but minute buckets before the cut are read from blocks).
    constexpr qint64 minute = 60'000;
    const qint64 oldCut = m_minutesFrom.value(id, std::numeric_limits<qint64>::min());
    qint64 cut = oldCut;
    for (const Sample &sample : std::as_const(folded))
        cut = std::max(cut, seriesBucketStart(sample.timestampMs, minute) + minute);
    if (cut == oldCut)
        return std::nullopt;
    if (const auto kept = read(u"SELECT data FROM chunks WHERE series_id = ? AND start_ms < ? AND end_ms >= ? "
                               "ORDER BY start_ms"_s,
                               cut, horizonMs);
        !kept)
        return std::unexpected(kept.error());
    std::ranges::stable_sort(folded, {}, &Sample::timestampMs); // sums in time order, as when read raw
    QMap<qint64, QList<RollupPoint>> blocks;
    QHash<qint64, RollupPoint> buckets;
    for (const Sample &sample : std::as_const(folded)) {
        const qint64 bucket = seriesBucketStart(sample.timestampMs, minute);
        if (sample.isGap() || bucket < oldCut || bucket >= cut)
            continue;
        addToRollup(buckets[bucket], bucket, sample);
    }
    for (const RollupPoint &point : std::as_const(buckets))
        blocks[seriesBucketStart(point.bucketStartMs, minuteBlockMs)].append(point);
    for (auto it = blocks.begin(); it != blocks.end(); ++it)
        if (const auto merged = mergeMinutes(id, it.key(), std::move(it.value())); !merged)
            return std::unexpected(merged.error());
    QSqlQuery update(db);
    if (!update.prepare(u"UPDATE series SET minutes_from_ms = ? WHERE id = ?"_s))
        return failure(update.lastError());
    update.addBindValue(cut);
    update.addBindValue(id);
    if (!update.exec())
        return failure(update.lastError());
    return cut;
}

std::expected<qint64, QString> SeriesWriter::pruneAll()
{
    if (!m_connection.database().isOpen())
        return std::unexpected(tr("The series database is not open."));
    m_pruneAfterId = 0;
    qint64 removed = 0;
    for (;;) {
        const auto step = pruneStep();
        if (!step)
            return step;
        if (*step < 0)
            return removed;
        removed += *step;
    }
}

} // namespace Vigie
