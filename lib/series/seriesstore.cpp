#include "seriesstore.h"

#include "seriescodec.h"
#include "serieswriter.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

Q_LOGGING_CATEGORY(lcSeries, "vigie.series")

constexpr qint64 minuteMs = 60'000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;

// Reads of one read connection, opened on the calling pool thread and gone when it goes.
class SeriesReader
{
public:
    explicit SeriesReader(const QString &path)
    {
        if (path.isEmpty())
            return;
        if (const auto opened = m_connection.open(path, SqliteConnection::Role::Reader); !opened) {
            qCWarning(lcSeries).noquote() << "Reading series failed:" << opened.error();
            return;
        }
        m_ok = true;
    }

    bool isOpen() const { return m_ok; }

    std::optional<qint64> seriesId(const QString &name)
    {
        QSqlQuery query = select(u"SELECT id FROM series WHERE name = ?"_s, {name});
        if (query.next())
            return query.value(0).toLongLong();
        return std::nullopt;
    }

    // The start of the oldest chunk or bucket of a level.
    std::optional<qint64> earliest(qint64 id, SeriesLevel level)
    {
        if (level == SeriesLevel::Minute) {
            // Minute buckets come from blocks, then from raw chunks (minutesFrom()).
            std::optional<qint64> first;
            QSqlQuery query =
                select(u"SELECT data FROM minute_blocks WHERE series_id = ? ORDER BY block_ms LIMIT 1"_s, {id});
            if (query.next()) {
                const auto buckets = SeriesCodec::decodeRollups(query.value(0).toByteArray(), minuteMs);
                if (buckets && !buckets->isEmpty())
                    first = buckets->constFirst().bucketStartMs;
            }
            if (const auto raw = earliest(id, SeriesLevel::Raw))
                first = first ? std::min(*first, seriesBucketStart(*raw, minuteMs)) : seriesBucketStart(*raw, minuteMs);
            return first;
        }
        QSqlQuery query =
            level == SeriesLevel::Raw
                ? select(u"SELECT min(start_ms) FROM chunks WHERE series_id = ?"_s, {id})
                : select(u"SELECT min(bucket_ms) FROM rollups WHERE series_id = ? AND level = ?"_s, {id, int(level)});
        if (query.next() && !query.value(0).isNull())
            return query.value(0).toLongLong();
        return std::nullopt;
    }

    QList<Sample> samples(qint64 id, qint64 fromMs, qint64 toMs)
    {
        // The chunk that holds `from` starts at or before it; the others start inside the range.
        QSqlQuery query = select(u"SELECT data FROM chunks WHERE series_id = ? AND start_ms >= coalesce((SELECT "
                                 "max(start_ms) FROM chunks WHERE series_id = ? AND start_ms <= ?), ?) AND start_ms "
                                 "<= ? ORDER BY start_ms"_s,
                                 {id, id, fromMs, fromMs, toMs});
        QList<Sample> samples;
        while (query.next()) {
            const auto decoded = SeriesCodec::decode(query.value(0).toByteArray());
            if (!decoded) {
                qCWarning(lcSeries).noquote()
                    << "A chunk of series" << id << "in" << m_connection.database().databaseName()
                    << "cannot be decoded; it is skipped.";
                continue;
            }
            for (const Sample &sample : *decoded)
                if (sample.timestampMs >= fromMs && sample.timestampMs <= toMs)
                    samples.append(sample);
        }
        return samples;
    }

    QList<RollupPoint> rollups(qint64 id, SeriesLevel level, qint64 fromMs, qint64 toMs)
    {
        if (level == SeriesLevel::Minute)
            return minutes(id, fromMs, toMs);
        QSqlQuery query = select(u"SELECT bucket_ms, first_off, last_off, min, max, sum, count FROM rollups WHERE "
                                 "series_id = ? AND level = ? AND bucket_ms BETWEEN ? AND ? ORDER BY bucket_ms"_s,
                                 {id, int(level), seriesBucketStart(fromMs, seriesBucketMs(level)), toMs});
        QList<RollupPoint> points;
        const auto number = [](const QVariant &value) {
            return value.isNull() ? std::numeric_limits<double>::quiet_NaN() : value.toDouble();
        };
        while (query.next()) {
            RollupPoint point;
            point.bucketStartMs = query.value(0).toLongLong();
            point.firstMs = point.bucketStartMs + query.value(1).toLongLong();
            point.lastMs = point.bucketStartMs + query.value(2).toLongLong();
            point.min = number(query.value(3));
            point.max = number(query.value(4));
            point.sum = number(query.value(5));
            point.count = query.value(6).toLongLong();
            points.append(point);
        }
        return points;
    }

    // Where the series' minute buckets stop being kept in blocks and are computed from its raw
    // chunks (SeriesWriter's minutes_from_ms).
    qint64 minutesFrom(qint64 id)
    {
        QSqlQuery query = select(u"SELECT minutes_from_ms FROM series WHERE id = ?"_s, {id});
        if (query.next() && !query.value(0).isNull())
            return query.value(0).toLongLong();
        return std::numeric_limits<qint64>::min();
    }

    QList<RollupPoint> minutes(qint64 id, qint64 fromMs, qint64 toMs)
    {
        const qint64 firstBucket = seriesBucketStart(fromMs, minuteMs);
        const qint64 cut = minutesFrom(id);
        QList<RollupPoint> points;
        if (firstBucket < cut) {
            QSqlQuery query = select(u"SELECT data FROM minute_blocks WHERE series_id = ? AND block_ms BETWEEN ? AND "
                                     "? ORDER BY block_ms"_s,
                                     {id, seriesBucketStart(fromMs, SeriesWriter::minuteBlockMs), toMs});
            while (query.next()) {
                const auto decoded = SeriesCodec::decodeRollups(query.value(0).toByteArray(), minuteMs);
                if (!decoded) {
                    qCWarning(lcSeries).noquote()
                        << "The minute rollups of series" << id << "cannot be decoded; skipped.";
                    continue;
                }
                for (const RollupPoint &point : *decoded)
                    if (point.bucketStartMs >= firstBucket && point.bucketStartMs <= toMs && point.bucketStartMs < cut)
                        points.append(point);
            }
        }
        const qint64 rawFrom = std::max(firstBucket, cut);
        if (rawFrom > toMs)
            return points;
        // The buckets from the cut on, from the raw samples of every minute they span.
        const qint64 lastBucket = seriesBucketStart(toMs, minuteMs);
        RollupPoint *point = nullptr;
        for (const Sample &sample : samples(id, rawFrom, lastBucket + minuteMs - 1)) {
            if (sample.isGap())
                continue;
            const qint64 bucket = seriesBucketStart(sample.timestampMs, minuteMs);
            if (!point || point->bucketStartMs != bucket) {
                points.append(RollupPoint{});
                point = &points.last();
            }
            addToRollup(*point, bucket, sample);
        }
        return points;
    }

    SeriesRange read(const QString &series, SeriesLevel level, qint64 fromMs, qint64 toMs, qint64 id)
    {
        SeriesRange range{series, fromMs, toMs, level, {}, {}};
        if (level == SeriesLevel::Raw)
            range.samples = samples(id, fromMs, toMs);
        else
            range.rollups = rollups(id, level, fromMs, toMs);
        return range;
    }

    SeriesRange range(const QString &series, qint64 fromMs, qint64 toMs, int pixelColumns)
    {
        const SeriesLevel preferred = seriesLevelFor(fromMs, toMs, pixelColumns);
        SeriesRange empty{series, fromMs, toMs, preferred, {}, {}};
        if (!m_ok || toMs < fromMs)
            return empty;
        const auto id = seriesId(series);
        if (!id)
            return empty;
        // A level answers when it holds the start of the range, or as much history as any level
        // does (the series is younger than the range); otherwise retention pruned it there.
        std::array<std::optional<qint64>, 4> first;
        std::optional<qint64> oldestDay;
        for (int level = 0; level < 4; ++level) {
            first[level] = earliest(*id, SeriesLevel(level));
            if (first[level]) {
                const qint64 day = seriesBucketStart(*first[level], dayMs);
                oldestDay = oldestDay ? std::min(*oldestDay, day) : day;
            }
        }
        const auto covers = [&](int level) {
            return first[level] && (*first[level] <= fromMs || seriesBucketStart(*first[level], dayMs) <= *oldestDay);
        };
        QList<int> order{int(preferred)};
        for (int level = int(preferred) - 1; level >= 0; --level)
            order.append(level); // finer: more detail than asked, but the range's start is there
        for (int level = int(preferred) + 1; level < 4; ++level)
            order.append(level);
        for (const int level : std::as_const(order))
            if (covers(level))
                return read(series, SeriesLevel(level), fromMs, toMs, *id);
        return read(series, preferred, fromMs, toMs, *id);
    }

    SeriesRange rangeAt(const QString &series, SeriesLevel level, qint64 fromMs, qint64 toMs)
    {
        const auto id = m_ok ? seriesId(series) : std::nullopt;
        if (!id)
            return SeriesRange{series, fromMs, toMs, level, {}, {}};
        return read(series, level, fromMs, toMs, *id);
    }

    QStringList names(const QString &prefix)
    {
        QStringList names;
        if (!m_ok)
            return names;
        QSqlQuery query = select(u"SELECT name FROM series ORDER BY name"_s, {});
        while (query.next()) {
            const QString name = query.value(0).toString();
            if (name.startsWith(prefix))
                names.append(name);
        }
        return names;
    }

private:
    QSqlQuery select(const QString &sql, const QVariantList &values)
    {
        QSqlQuery query(m_connection.database());
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            qCWarning(lcSeries).noquote() << "Reading series failed:" << sqlErrorText(query.lastError());
            return query;
        }
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            qCWarning(lcSeries).noquote() << "Reading series failed:" << sqlErrorText(query.lastError());
        return query;
    }

    SqliteConnection m_connection;
    bool m_ok = false;
};

} // namespace

std::chrono::milliseconds SeriesRetention::maxAge(SeriesLevel level) const
{
    switch (level) {
    case SeriesLevel::Raw:
        return rawMaxAge;
    case SeriesLevel::Minute:
        return minuteMaxAge;
    case SeriesLevel::Hour:
        return hourMaxAge;
    case SeriesLevel::Day:
        return dayMaxAge;
    }
    return {};
}

qint64 seriesBucketStart(qint64 timestampMs, qint64 bucketMs)
{
    const qint64 q = timestampMs / bucketMs;
    return (timestampMs % bucketMs < 0 ? q - 1 : q) * bucketMs;
}

qint64 seriesBucketMs(SeriesLevel level)
{
    switch (level) {
    case SeriesLevel::Raw:
        return 0;
    case SeriesLevel::Minute:
        return minuteMs;
    case SeriesLevel::Hour:
        return hourMs;
    case SeriesLevel::Day:
        return dayMs;
    }
    return 0;
}

SeriesLevel seriesLevelFor(qint64 fromMs, qint64 toMs, int pixelColumns)
{
    const qint64 perColumn = std::max<qint64>(0, toMs - fromMs) / std::max(1, pixelColumns);
    for (const SeriesLevel level : {SeriesLevel::Day, SeriesLevel::Hour, SeriesLevel::Minute})
        if (seriesBucketMs(level) <= perColumn)
            return level;
    return SeriesLevel::Raw;
}

struct SeriesStore::Private
{
    std::shared_ptr<SeriesQueue> queue = std::make_shared<SeriesQueue>();
    QThread thread;
    SeriesWriter *writer = nullptr;
    QString path;
    const Clock *clock = nullptr;
    mutable QMutex retentionMutex;
    SeriesRetention retention;

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

SeriesStore::SeriesStore(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    qRegisterMetaType<SeriesRange>();
    qRegisterMetaType<QList<SeriesRange>>();
    d->thread.setObjectName(u"vigie-series-writer"_s);
}

SeriesStore::~SeriesStore()
{
    if (d->writer && !flush()) {
        const SeriesWriteReport report = writeReport();
        qCWarning(lcSeries).noquote() << "Closing the series store:" << report.samplesDropped << "samples dropped,"
                                      << report.samplesPending << "not written to" << d->path;
    }
    d->stopWriter();
}

QString SeriesStore::fileName()
{
    return u"vigie-series.sqlite"_s;
}

std::expected<void, QString> SeriesStore::open(const QString &dataDir)
{
    if (d->writer)
        return std::unexpected(tr("The series store is already open on %1.").arg(d->path));
    if (!QDir().mkpath(dataDir))
        return std::unexpected(tr("Cannot create the data folder %1 for the series database.").arg(dataDir));
    const QString path = QDir(dataDir).absoluteFilePath(fileName());

    auto *writer = new SeriesWriter(d->queue, d->clock);
    writer->moveToThread(&d->thread);
    connect(&d->thread, &QThread::finished, writer, &QObject::deleteLater);
    connect(writer, &SeriesWriter::batchCommitted, this, &SeriesStore::committed);
    connect(writer, &SeriesWriter::writeFailed, this, &SeriesStore::writeError);
    connect(writer, &SeriesWriter::writeRecovered, this, &SeriesStore::writeRecovered);
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
    QMetaObject::invokeMethod(
        writer, [writer, retention = retention()] { writer->setRetention(retention); }, Qt::QueuedConnection);
    QMutexLocker lock(&d->queue->mutex);
    d->queue->writer = writer;
    // Samples appended before the store was open have waited for this.
    if (!d->queue->pending.isEmpty() && !d->queue->wakePosted) {
        d->queue->wakePosted = true;
        QMetaObject::invokeMethod(writer, &SeriesWriter::wake, Qt::QueuedConnection);
    }
    return {};
}

QString SeriesStore::databasePath() const
{
    return d->path;
}

void SeriesStore::append(const QList<SeriesSamples> &samples)
{
    if (samples.isEmpty())
        return;
    QMutexLocker lock(&d->queue->mutex);
    if (d->queue->damaged)
        return;
    d->queue->add(samples);
    if (d->queue->writer && !d->queue->wakePosted) {
        d->queue->wakePosted = true;
        QMetaObject::invokeMethod(d->queue->writer, &SeriesWriter::wake, Qt::QueuedConnection);
    }
}

bool SeriesStore::flush()
{
    SeriesQueue &queue = *d->queue;
    QMutexLocker lock(&queue.mutex);
    const qint64 target = queue.appended;
    const qint64 droppedBefore = queue.dropped;
    const auto done = [&] { return queue.committed + queue.dropped >= target; };
    if (done())
        return queue.dropped == droppedBefore;
    if (!queue.writer || queue.damaged)
        return false;
    const qint64 failuresBefore = queue.failedAttempts;
    QMetaObject::invokeMethod(queue.writer, &SeriesWriter::writeAll, Qt::QueuedConnection);
    while (!done() && queue.failedAttempts == failuresBefore)
        queue.progressed.wait(&queue.mutex);
    return done() && queue.dropped == droppedBefore;
}

void SeriesStore::setClock(const Clock *clock)
{
    d->clock = clock;
}

void SeriesStore::setRetention(const SeriesRetention &retention)
{
    {
        QMutexLocker lock(&d->retentionMutex);
        d->retention = retention;
    }
    QMutexLocker lock(&d->queue->mutex);
    if (SeriesWriter *writer = d->queue->writer)
        QMetaObject::invokeMethod(
            writer, [writer, retention] { writer->setRetention(retention); }, Qt::QueuedConnection);
}

SeriesRetention SeriesStore::retention() const
{
    QMutexLocker lock(&d->retentionMutex);
    return d->retention;
}

std::expected<qint64, QString> SeriesStore::prune()
{
    if (!d->writer)
        return std::unexpected(tr("The series store is not open."));
    std::expected<qint64, QString> removed;
    QMetaObject::invokeMethod(
        d->writer, [&, writer = d->writer] { removed = writer->pruneAll(); }, Qt::BlockingQueuedConnection);
    return removed;
}

void SeriesStore::setQueueLimit(qsizetype samples)
{
    QMutexLocker lock(&d->queue->mutex);
    d->queue->limit = std::max<qsizetype>(1, samples);
}

SeriesWriteReport SeriesStore::writeReport() const
{
    QMutexLocker lock(&d->queue->mutex);
    const qint64 pending = d->queue->appended - d->queue->committed - d->queue->dropped;
    return SeriesWriteReport{d->queue->dropped, std::max<qint64>(0, pending)};
}

QThreadPool *seriesReadPool()
{
    static QThreadPool *const pool = [] {
        auto *threads = new QThreadPool; // lives as long as the process: reads may run at exit
        threads->setObjectName(u"vigie-series-read"_s);
        threads->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
        return threads;
    }();
    return pool;
}

QFuture<SeriesRange> SeriesStore::range(const QString &series, qint64 fromMs, qint64 toMs, int pixelColumns) const
{
    return QtConcurrent::run(seriesReadPool(), [path = d->path, series, fromMs, toMs, pixelColumns] {
        SeriesReader reader(path);
        return reader.range(series, fromMs, toMs, pixelColumns);
    });
}

QFuture<QList<SeriesRange>> SeriesStore::ranges(const QStringList &series, qint64 fromMs, qint64 toMs,
                                                int pixelColumns) const
{
    return QtConcurrent::run(seriesReadPool(), [path = d->path, series, fromMs, toMs, pixelColumns] {
        SeriesReader reader(path);
        QList<SeriesRange> ranges;
        ranges.reserve(series.size());
        for (const QString &name : series)
            ranges.append(reader.range(name, fromMs, toMs, pixelColumns));
        return ranges;
    });
}

QFuture<SeriesRange> SeriesStore::rangeAt(const QString &series, SeriesLevel level, qint64 fromMs, qint64 toMs) const
{
    return QtConcurrent::run(seriesReadPool(), [path = d->path, series, level, fromMs, toMs] {
        SeriesReader reader(path);
        return reader.rangeAt(series, level, fromMs, toMs);
    });
}

QFuture<QStringList> SeriesStore::seriesNames(const QString &prefix) const
{
    return QtConcurrent::run(seriesReadPool(), [path = d->path, prefix] {
        SeriesReader reader(path);
        return reader.names(prefix);
    });
}

int SeriesStore::schemaVersion()
{
    return seriesSchemaSteps().back().version;
}

struct SeriesQuery::Private
{
    const SeriesStore *store = nullptr;
    quint64 latest = 0;
    QFutureWatcher<QList<SeriesRange>> *watcher = nullptr;
};

SeriesQuery::SeriesQuery(const SeriesStore *store, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->store = store;
}

SeriesQuery::~SeriesQuery()
{
    cancel();
}

quint64 SeriesQuery::request(const QStringList &series, qint64 fromMs, qint64 toMs, int pixelColumns)
{
    cancel();
    const quint64 number = ++d->latest;
    auto *watcher = new QFutureWatcher<QList<SeriesRange>>(this);
    d->watcher = watcher;
    connect(watcher, &QFutureWatcher<QList<SeriesRange>>::finished, this, [this, watcher, number] {
        watcher->deleteLater();
        // A later request has superseded this one: its answer is stale.
        if (number != d->latest || d->watcher != watcher)
            return;
        d->watcher = nullptr;
        Q_EMIT ready(number, watcher->future().resultCount() > 0 ? watcher->result() : QList<SeriesRange>());
    });
    watcher->setFuture(d->store->ranges(series, fromMs, toMs, pixelColumns));
    return number;
}

void SeriesQuery::cancel()
{
    if (d->watcher) {
        // The read runs to its end on the pool; nobody listens any more.
        d->watcher->disconnect(this);
        d->watcher->deleteLater();
        d->watcher = nullptr;
    }
}

bool SeriesQuery::isBusy() const
{
    return d->watcher != nullptr;
}

} // namespace Vigie
