#include "prometheusclient.h"

#include "workspace/httpauthorization.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// A matrix of 11,000 points by a few hundred series weighs tens of MiB; more is not an answer.
constexpr qint64 maxBodyBytes = 256 * 1024 * 1024;
// How much of a non-API body an error quotes.
constexpr qsizetype quotedBody = 200;

// Prometheus writes values as Go's strconv.FormatFloat: "1.5", "NaN", "+Inf", "-Inf".
std::optional<double> parseValue(const QString &text)
{
    if (text == "NaN"_L1)
        return std::numeric_limits<double>::quiet_NaN();
    if (text == "+Inf"_L1 || text == "Inf"_L1)
        return std::numeric_limits<double>::infinity();
    if (text == "-Inf"_L1)
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

// [1435781430.781, "1"]
std::optional<Sample> parseSample(const QJsonValue &value)
{
    const QJsonArray pair = value.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return std::nullopt;
    const std::optional<double> number = parseValue(pair.at(1).toString());
    if (!number)
        return std::nullopt;
    return Sample{qint64(std::llround(pair.at(0).toDouble() * 1000.0)), *number};
}

PrometheusError jsonError(const QString &where, int httpStatus, const QString &what)
{
    PrometheusError error;
    error.failure = PrometheusFailure::Json;
    error.httpStatus = httpStatus;
    error.message =
        trMessage("Vigie::PrometheusClient", "%1 did not answer as the Prometheus API does: %2").arg(where, what);
    return error;
}

} // namespace

QString PrometheusSeries::metric() const
{
    for (const SeriesLabel &label : labels) {
        if (label.first == "__name__"_L1)
            return label.second;
    }
    return {};
}

QString PrometheusSeries::name() const
{
    QList<SeriesLabel> others;
    for (const SeriesLabel &label : labels) {
        if (label.first != "__name__"_L1)
            others.append(label);
    }
    const QString text = seriesName(metric(), others);
    return text.isEmpty() ? u"{}"_s : text;
}

QString PrometheusSeries::labelText() const
{
    QStringList parts;
    for (const SeriesLabel &label : labels) {
        if (label.first != "__name__"_L1)
            parts.append(label.first + u"=\""_s + label.second + u'"');
    }
    return parts.join(", "_L1);
}

PrometheusReply parsePrometheusResponse(int httpStatus, const QByteArray &body, const QString &where)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const bool isJson = parseError.error == QJsonParseError::NoError && document.isObject();
    const QJsonObject root = document.object();
    const QString status = root.value("status"_L1).toString();

    if (isJson && status == "error"_L1) {
        PrometheusError error;
        error.failure = PrometheusFailure::Query;
        error.httpStatus = httpStatus;
        error.errorType = root.value("errorType"_L1).toString();
        error.serverMessage = root.value("error"_L1).toString();
        error.message = trMessage("Vigie::PrometheusClient", "%1 refused the query (%2): %3")
                            .arg(where, error.errorType.isEmpty() ? u"?"_s : error.errorType, error.serverMessage);
        return std::unexpected(error);
    }
    if (httpStatus != 0 && (httpStatus < 200 || httpStatus > 299)) {
        PrometheusError error;
        error.failure = PrometheusFailure::HttpStatus;
        error.httpStatus = httpStatus;
        error.serverMessage = QString::fromUtf8(body.left(quotedBody)).trimmed();
        error.message = error.serverMessage.isEmpty()
                            ? trMessage("Vigie::PrometheusClient", "%1 answered HTTP %2").arg(where).arg(httpStatus)
                            : trMessage("Vigie::PrometheusClient", "%1 answered HTTP %2: %3")
                                  .arg(where)
                                  .arg(httpStatus)
                                  .arg(error.serverMessage);
        return std::unexpected(error);
    }
    if (parseError.error != QJsonParseError::NoError)
        return std::unexpected(jsonError(where, httpStatus, parseError.errorString()));
    if (!isJson || status != "success"_L1)
        return std::unexpected(jsonError(
            where, httpStatus, QCoreApplication::translate("Vigie::PrometheusClient", "no \"status\": \"success\"")));

    PrometheusResult result;
    for (const char *key : {"warnings", "infos"}) {
        for (const QJsonValue &warning : root.value(QLatin1StringView(key)).toArray())
            result.warnings.append(warning.toString());
    }
    const QJsonObject data = root.value("data"_L1).toObject();
    const QString type = data.value("resultType"_L1).toString();
    const QJsonValue resultValue = data.value("result"_L1);
    const QString badResult = QCoreApplication::translate("Vigie::PrometheusClient", "a malformed %1 result").arg(type);

    if (type == "scalar"_L1 || type == "string"_L1) {
        const QJsonArray pair = resultValue.toArray();
        if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
            return std::unexpected(jsonError(where, httpStatus, badResult));
        if (type == "string"_L1) {
            result.type = PrometheusResultType::String;
            result.text = pair.at(1).toString();
            return result;
        }
        const std::optional<Sample> sample = parseSample(resultValue);
        if (!sample)
            return std::unexpected(jsonError(where, httpStatus, badResult));
        result.type = PrometheusResultType::Scalar;
        PrometheusSeries series;
        series.samples.append(*sample);
        series.hasInfinity = std::isinf(sample->value);
        result.series.append(series);
        return result;
    }
    if (type != "vector"_L1 && type != "matrix"_L1) {
        return std::unexpected(jsonError(
            where, httpStatus,
            QCoreApplication::translate("Vigie::PrometheusClient", "an unknown result type \"%1\"").arg(type)));
    }
    result.type = type == "vector"_L1 ? PrometheusResultType::Vector : PrometheusResultType::Matrix;
    if (!resultValue.isArray())
        return std::unexpected(jsonError(where, httpStatus, badResult));
    const QJsonArray items = resultValue.toArray();
    result.series.reserve(items.size());
    bool skippedHistograms = false;
    for (const QJsonValue &item : items) {
        const QJsonObject object = item.toObject();
        PrometheusSeries series;
        const QJsonObject metric = object.value("metric"_L1).toObject();
        for (auto it = metric.begin(); it != metric.end(); ++it)
            series.labels.append({it.key(), it.value().toString()});
        std::ranges::sort(series.labels);
        if (result.type == PrometheusResultType::Vector) {
            if (object.contains("histogram"_L1)) {
                skippedHistograms = true;
                continue;
            }
            const std::optional<Sample> sample = parseSample(object.value("value"_L1));
            if (!sample)
                return std::unexpected(jsonError(where, httpStatus, badResult));
            series.samples.append(*sample);
        } else {
            const QJsonArray values = object.value("values"_L1).toArray();
            skippedHistograms = skippedHistograms || object.contains("histograms"_L1);
            series.samples.reserve(values.size());
            for (const QJsonValue &value : values) {
                const std::optional<Sample> sample = parseSample(value);
                if (!sample)
                    return std::unexpected(jsonError(where, httpStatus, badResult));
                series.samples.append(*sample);
            }
        }
        series.hasInfinity = std::ranges::any_of(series.samples, [](const Sample &s) { return std::isinf(s.value); });
        result.series.append(std::move(series));
    }
    if (skippedHistograms)
        result.warnings.append(QCoreApplication::translate(
            "Vigie::PrometheusClient", "native histogram samples were left out: Vigie reads float samples"));
    return result;
}

std::chrono::seconds prometheusStep(std::chrono::milliseconds range, int pixelWidth)
{
    const qint64 rangeMs = std::max<qint64>(range.count(), 0);
    const qint64 width = std::max(pixelWidth, 1);
    // Rounded up to whole seconds: per pixel column, then so that range / step <= the limit.
    qint64 step = (rangeMs + width * 1000 - 1) / (width * 1000);
    step = std::max(step, (rangeMs + prometheusMaxPoints * 1000 - 1) / (prometheusMaxPoints * 1000));
    return std::chrono::seconds(std::max<qint64>(step, 1));
}

namespace {

struct Request
{
    quint64 id = 0;
    QPointer<QNetworkReply> reply;
    QTimer deadline;
    bool headersSeen = false;
    QStringList tlsErrors;
};

QString secondsText(const QDateTime &time)
{
    return QString::number(double(time.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
}

} // namespace

struct PrometheusClient::Private
{
    PrometheusClient *q = nullptr;
    PrometheusEndpoint endpoint;
    QNetworkAccessManager *network = nullptr;
    quint64 nextId = 1;
    std::unordered_map<quint64, std::unique_ptr<Request>> requests;

    QString where() const { return endpoint.baseUrl.toDisplayString(); }
    quint64 send(const QString &path, const QList<std::pair<QString, QString>> &items);
    void failLater(quint64 id, PrometheusError error);
    void finish(quint64 id, const PrometheusReply &reply);
    void onFinished(Request &request);
    void abandon(Request &request) const;
};

void PrometheusClient::Private::abandon(Request &request) const
{
    request.deadline.stop();
    if (request.reply) {
        QObject::disconnect(request.reply, nullptr, q, nullptr);
        request.reply->abort();
        request.reply->deleteLater();
    }
}

void PrometheusClient::Private::finish(quint64 id, const PrometheusReply &reply)
{
    const auto it = requests.find(id);
    if (it == requests.end())
        return;
    abandon(*it->second);
    requests.erase(it);
    Q_EMIT q->finished(id, reply);
}

void PrometheusClient::Private::failLater(quint64 id, PrometheusError error)
{
    // finished() never comes from inside the call.
    auto request = std::make_unique<Request>();
    request->id = id;
    requests.emplace(id, std::move(request));
    QTimer::singleShot(0, q, [this, id, error] { finish(id, std::unexpected(error)); });
}

quint64 PrometheusClient::Private::send(const QString &path, const QList<std::pair<QString, QString>> &items)
{
    const quint64 id = nextId++;
    const QUrl &base = endpoint.baseUrl;
    if (!base.isValid() || (base.scheme() != "http"_L1 && base.scheme() != "https"_L1) || base.host().isEmpty()) {
        PrometheusError error;
        error.failure = PrometheusFailure::Config;
        error.message =
            trMessage("Vigie::PrometheusClient", "'%1' is not an http:// or https:// URL").arg(base.toDisplayString());
        failLater(id, error);
        return id;
    }
    if (endpoint.auth.type != HttpAuthType::None && endpoint.secret.isEmpty()) {
        PrometheusError error;
        error.failure = PrometheusFailure::Config;
        error.message = trMessage("Vigie::PrometheusClient",
                                  "the secret \"%1\" is not in the keychain; add it with: vigie secret set %1")
                            .arg(endpoint.auth.secretName);
        failLater(id, error);
        return id;
    }

    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    // Encoded by hand: a `+` left as is would reach the server as a space.
    QByteArray form;
    for (const auto &[name, value] : items) {
        if (!form.isEmpty())
            form += '&';
        form += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    if (!endpoint.post)
        url.setQuery(QString::fromLatin1(form), QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Vigie/" VIGIE_VERSION));
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    if (const QByteArray authorization = httpAuthorization(endpoint.auth, endpoint.secret); !authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    if (url.scheme() == "https"_L1) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!endpoint.tls.caFile.isEmpty()) {
            const QList<QSslCertificate> authorities = QSslCertificate::fromPath(endpoint.tls.caFile, QSsl::Pem);
            if (authorities.isEmpty()) {
                PrometheusError error;
                error.failure = PrometheusFailure::Config;
                error.message =
                    trMessage("Vigie::PrometheusClient", "the CA file %1 could not be read or holds no PEM certificate")
                        .arg(endpoint.tls.caFile);
                failLater(id, error);
                return id;
            }
            tls.setCaCertificates(authorities);
        }
        if (!endpoint.tls.insecureReason.isEmpty())
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
    }

    if (endpoint.timeout <= std::chrono::milliseconds(0)) {
        PrometheusError error;
        error.failure = PrometheusFailure::Config;
        error.message =
            trMessage("Vigie::PrometheusClient", "the timeout of a query to %1 must be positive").arg(where());
        failLater(id, error);
        return id;
    }

    auto pending = std::make_unique<Request>();
    Request &r = *pending;
    r.id = id;
    r.deadline.setSingleShot(true);
    r.deadline.setTimerType(Qt::PreciseTimer);
    connect(&r.deadline, &QTimer::timeout, q, [this, id] {
        const auto it = requests.find(id);
        if (it == requests.end())
            return;
        PrometheusError error;
        error.failure = PrometheusFailure::Timeout;
        error.message = (it->second->headersSeen
                             ? trMessage("Vigie::PrometheusClient", "timed out after %1 s reading the answer of %2")
                             : trMessage("Vigie::PrometheusClient", "timed out after %1 s waiting for %2 to answer"))
                            .argSeconds(endpoint.timeout)
                            .arg(where());
        finish(id, std::unexpected(error));
    });
    if (endpoint.post) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        r.reply = network->post(request, form);
    } else {
        r.reply = network->get(request);
    }
    QNetworkReply *reply = r.reply;
    connect(reply, &QNetworkReply::metaDataChanged, q, [this, id] {
        if (const auto it = requests.find(id); it != requests.end())
            it->second->headersSeen = true;
    });
    connect(reply, &QNetworkReply::downloadProgress, q, [this, id](qint64 received, qint64) {
        if (received <= maxBodyBytes)
            return;
        PrometheusError error;
        error.failure = PrometheusFailure::Json;
        error.message =
            trMessage("Vigie::PrometheusClient", "%1 sent more than the 256 MiB an answer may weigh").arg(where());
        finish(id, std::unexpected(error));
    });
    connect(reply, &QNetworkReply::sslErrors, q, [this, id](const QList<QSslError> &errors) {
        const auto it = requests.find(id);
        if (it == requests.end())
            return;
        if (!endpoint.tls.insecureReason.isEmpty()) {
            it->second->reply->ignoreSslErrors();
            return;
        }
        for (const QSslError &error : errors)
            it->second->tlsErrors.append(error.errorString());
    });
    connect(reply, &QNetworkReply::finished, q, [this, id] {
        if (const auto it = requests.find(id); it != requests.end())
            onFinished(*it->second);
    });
    r.deadline.start(endpoint.timeout);
    requests.emplace(id, std::move(pending));
    return id;
}

void PrometheusClient::Private::onFinished(Request &request)
{
    QNetworkReply *reply = request.reply;
    const quint64 id = request.id;
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = reply->error();
    const QByteArray body = reply->readAll();
    if (httpStatus == 0 && networkError != QNetworkReply::NoError) {
        PrometheusError error;
        error.failure = PrometheusFailure::Connect;
        const QString authority = endpoint.baseUrl.authority();
        switch (networkError) {
        case QNetworkReply::HostNotFoundError:
            error.message =
                trMessage("Vigie::PrometheusClient", "could not resolve host '%1'").arg(endpoint.baseUrl.host());
            break;
        case QNetworkReply::ConnectionRefusedError:
            error.message = trMessage("Vigie::PrometheusClient", "connection refused by %1").arg(authority);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            error.message = trMessage("Vigie::PrometheusClient", "TLS handshake with %1 failed: %2")
                                .arg(authority, request.tlsErrors.isEmpty() ? reply->errorString()
                                                                            : request.tlsErrors.join("; "_L1));
            break;
        default:
            error.message =
                trMessage("Vigie::PrometheusClient", "could not query %1: %2").arg(where(), reply->errorString());
            break;
        }
        finish(id, std::unexpected(error));
        return;
    }
    finish(id, parsePrometheusResponse(httpStatus, body, where()));
}

PrometheusClient::PrometheusClient(PrometheusEndpoint endpoint, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->endpoint = std::move(endpoint);
    d->network = network ? network : new QNetworkAccessManager(this);
}

PrometheusClient::~PrometheusClient()
{
    for (auto &[id, request] : d->requests)
        d->abandon(*request);
}

const PrometheusEndpoint &PrometheusClient::endpoint() const
{
    return d->endpoint;
}

quint64 PrometheusClient::query(const QString &expression, std::optional<QDateTime> at)
{
    QList<std::pair<QString, QString>> items{{u"query"_s, expression}};
    if (at)
        items.append({u"time"_s, secondsText(*at)});
    return d->send(u"/api/v1/query"_s, items);
}

quint64 PrometheusClient::queryRange(const QString &expression, const QDateTime &from, const QDateTime &to,
                                     std::chrono::seconds step)
{
    return d->send(u"/api/v1/query_range"_s, {{u"query"_s, expression},
                                              {u"start"_s, secondsText(from)},
                                              {u"end"_s, secondsText(to)},
                                              {u"step"_s, QString::number(step.count())}});
}

void PrometheusClient::cancel(quint64 id)
{
    const auto it = d->requests.find(id);
    if (it == d->requests.end())
        return;
    d->abandon(*it->second);
    d->requests.erase(it);
}

int PrometheusClient::runningCount() const
{
    return int(d->requests.size());
}

} // namespace Vigie
