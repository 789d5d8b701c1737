#pragma once

#include "core/message.h"
#include "metrics/exposition.h"
#include "series/series.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace Vigie {

class Clock;

// One sample of a scrape, copied out of the text: a value that crosses threads.
struct ScrapedSample
{
    QString family;
    MetricType type = MetricType::Unknown;
    QString name;
    QList<SeriesLabel> labels; // in the order written
    double value = 0;
    std::optional<qint64> timestampMs; // the exposition's own, if it wrote one

    QString label(const QString &labelName) const;
};

// Why a scrape gave no samples: the fetch failed (connection, timeout, HTTP status), or the text is
// invalid (at line:column).
struct ScrapeError
{
    enum class Phase { Fetch, Parse };
    Phase phase = Phase::Fetch;
    Message message;
    int httpStatus = 0; // Fetch: the status when the server answered one
    int line = 0;       // Parse: 1-based
    int column = 0;
    // Fetch: the message; Parse: "line:column: message". Translated.
    QString toString() const;
};

struct ScrapeResult
{
    QUrl url;
    qint64 timestampMs = 0; // when the response was complete (the clock's)
    ExpositionFormat format = ExpositionFormat::Prometheus004;
    QList<ScrapedSample> samples;
    std::optional<ScrapeError> error;
    bool ok() const { return !error.has_value(); }
};

// Fetches a metrics endpoint and parses it, asynchronously: the request asks for OpenMetrics first
// as Prometheus does (expositionAcceptHeader(), gzip accepted), the Content-Type picks the parser,
// and the parse runs on the global thread pool, never on the thread that owns the scraper. Each
// scrape() ends with exactly one finished() carrying its id, on the scraper's thread.
class Scraper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scraper)

public:
    explicit Scraper(QObject *parent = nullptr, const Clock *clock = nullptr);
    ~Scraper() override;

    // The whole scrape, connection to last byte (default 10 s).
    void setTimeout(std::chrono::milliseconds timeout);
    // Larger bodies (after decompression) fail the fetch (default 64 MiB).
    void setMaxBodyBytes(qint64 bytes);
    // An Authorization header sent with each scrape (httpAuthorization()); empty: none. With one,
    // a redirect is followed only within the same origin, so that the credentials go nowhere else.
    void setAuthorization(const QByteArray &authorization);

    quint64 scrape(const QUrl &url);

Q_SIGNALS:
    void finished(quint64 id, const Vigie::ScrapeResult &result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::ScrapeResult)
