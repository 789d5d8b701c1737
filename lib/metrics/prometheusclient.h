#pragma once

#include "core/message.h"
#include "series/series.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <expected>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Vigie {

// A client of the Prometheus HTTP API (/api/v1/query and /api/v1/query_range), for Prometheus and
// anything that speaks its API (Thanos, VictoriaMetrics, Mimir...).

// One series of a result.
struct PrometheusSeries
{
    QList<SeriesLabel> labels; // sorted by name; the metric's name, when there is one, as __name__
    // Oldest first. Prometheus's "NaN" stays NaN (a gap for a chart, see Sample); "+Inf" and "-Inf"
    // are kept as infinities, and hasInfinity says so: a chart must leave them out of its scale
    // (or draw them at its edge), never scale to them.
    QList<Sample> samples;
    bool hasInfinity = false;

    QString metric() const; // __name__, empty for an expression's result (rate(...), 1/0)
    // The canonical name (seriesName(): metric{a="x",b="y"}); `{}` for a result with no label at all.
    QString name() const;
    // The labels for people, __name__ left out: `instance="a:9115", job="blackbox"`.
    QString labelText() const;
    friend bool operator==(const PrometheusSeries &, const PrometheusSeries &) = default;
};

enum class PrometheusResultType { Vector, Matrix, Scalar, String };

struct PrometheusResult
{
    PrometheusResultType type = PrometheusResultType::Vector;
    // Vector: one sample a series; matrix: a series' samples over the range; scalar: one series
    // without labels holding one sample. Empty for a string.
    QList<PrometheusSeries> series;
    QString text;         // a string result's value
    QStringList warnings; // the server's warnings and infos, as it wrote them
    friend bool operator==(const PrometheusResult &, const PrometheusResult &) = default;
};

// Which step of a request failed.
enum class PrometheusFailure {
    Config,     // the request cannot be made as written (not an http(s) URL, a secret missing)
    Connect,    // the server could not be reached: name, connection, TLS
    Timeout,    // no complete answer within the timeout
    HttpStatus, // an HTTP status other than 2xx, without an API error in the body
    Json,       // the body is not the API's JSON
    Query,      // the server answered {"status":"error"}: an invalid query, a query that failed
};

struct PrometheusError
{
    PrometheusFailure failure = PrometheusFailure::Connect;
    int httpStatus = 0;    // 0 when no response came
    QString errorType;     // the server's errorType for Query: bad_data, execution, timeout...
    QString serverMessage; // the server's own error text, as it wrote it (Query; HttpStatus's body)
    Message message;       // for people: the failed step, then the server's text verbatim
    friend bool operator==(const PrometheusError &, const PrometheusError &) = default;
};

using PrometheusReply = std::expected<PrometheusResult, PrometheusError>;

// Reads the body of an /api/v1/query or /api/v1/query_range response. An API error body is read
// whatever the HTTP status (Prometheus answers 400, 422 or 503 with one). `where` names the server
// in messages.
PrometheusReply parsePrometheusResponse(int httpStatus, const QByteArray &body, const QString &where);

// Prometheus refuses a range query of more than 11,000 points per series.
inline constexpr qint64 prometheusMaxPoints = 11'000;

// The step of a range query drawn on `pixelWidth` columns: the range divided by the width, rounded
// up to a whole second, at least one second, and large enough that the range holds at most
// prometheusMaxPoints steps.
std::chrono::seconds prometheusStep(std::chrono::milliseconds range, int pixelWidth);

// Where a Prometheus is and how to talk to it.
struct PrometheusEndpoint
{
    QUrl baseUrl;                            // http(s)://host:port[/prefix], /api/v1/... appended
    HttpAuth auth;                           // none, basic or bearer
    QByteArray secret;                       // the auth's password or token, from the keychain
    TlsTrust tls;                            // for https
    std::chrono::milliseconds timeout = 30s; // a hard deadline for each request
    bool post = false;                       // POST the query as a form (long expressions)
};

// Sends queries to one endpoint. Asynchronous: each call returns an id at once and finished(id,
// reply) follows exactly once, later, on the thread that owns the client (never from inside the
// call). Several requests may run at once.
class PrometheusClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrometheusClient)

public:
    // `network` is used when given (it must live on this thread and outlive the client); otherwise
    // the client makes its own.
    explicit PrometheusClient(PrometheusEndpoint endpoint, QNetworkAccessManager *network = nullptr,
                              QObject *parent = nullptr);
    ~PrometheusClient() override;

    const PrometheusEndpoint &endpoint() const;

    // An instant query, at `at` or the server's now.
    quint64 query(const QString &expression, std::optional<QDateTime> at = std::nullopt);
    // A range query from `from` to `to` (inclusive) every `step` (see prometheusStep()).
    quint64 queryRange(const QString &expression, const QDateTime &from, const QDateTime &to,
                       std::chrono::seconds step);
    // Stops a request without emitting finished; unknown ids are ignored.
    void cancel(quint64 id);
    int runningCount() const;

Q_SIGNALS:
    void finished(quint64 id, const Vigie::PrometheusReply &reply);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::PrometheusReply)
