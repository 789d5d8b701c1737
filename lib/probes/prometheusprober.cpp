#include "prometheusprober.h"

#include "conditioncheck.h"
#include "metrics/prometheusclient.h"
#include "pendingfailures.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QPointer>

#include <cmath>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// How many failing series an error names before "and N more".
constexpr qsizetype namedSeries = 3;

// Values as Prometheus writes them: "0", "0.25", "NaN", "+Inf".
QString valueText(double value)
{
    if (std::isnan(value))
        return u"NaN"_s;
    if (std::isinf(value))
        return value > 0 ? u"+Inf"_s : u"-Inf"_s;
    return QString::number(value, 'g', 6);
}

// `{instance="b:9115", job="blackbox"} = 0`
QString seriesText(const PrometheusSeries &series, double value)
{
    const QString metric = series.metric();
    return metric + u'{' + series.labelText() + u"} = "_s + valueText(value);
}

ProbePhase phaseOf(const PrometheusError &error)
{
    switch (error.failure) {
    case PrometheusFailure::Config:
        return ProbePhase::Config;
    case PrometheusFailure::Connect:
        return ProbePhase::Connect;
    case PrometheusFailure::Timeout:
        return ProbePhase::Processing;
    case PrometheusFailure::HttpStatus:
        return ProbePhase::Status;
    case PrometheusFailure::Json:
        return ProbePhase::Body;
    case PrometheusFailure::Query:
        // An expression the server cannot parse is the workspace's to fix; any other refusal
        // (execution, timeout, unavailable) happened while the server worked on it.
        return error.errorType == "bad_data"_L1 ? ProbePhase::Config : ProbePhase::Processing;
    }
    return ProbePhase::Processing;
}

// What the result says, before the workspace's conditions.
ProbeResult judge(const PrometheusResult &answer, const PrometheusOptions &options, std::optional<double> &singleValue)
{
    ProbeResult result;
    result.status = HealthState::Up;
    if (answer.type == PrometheusResultType::String) {
        result.status = HealthState::Down;
        result.failedPhase = ProbePhase::Body;
        result.error =
            trMessage("Vigie::PrometheusProber", "the query returned a string (\"%1\"), not numbers").arg(answer.text);
        return result;
    }
    const QList<PrometheusSeries> &all = answer.series;
    if (all.isEmpty()) {
        result.status = HealthState::Down;
        result.failedPhase = ProbePhase::Condition;
        result.error = trMessage("Vigie::PrometheusProber", "the query returned no series");
        return result;
    }
    QStringList failing;
    for (const PrometheusSeries &series : all) {
        const double value = series.samples.isEmpty() ? std::nan("") : series.samples.constLast().value;
        bool ok = false;
        if (options.eachSeries) {
            ConditionContext seriesContext;
            seriesContext.value = value;
            ok = options.eachSeries->evaluate(seriesContext).ok;
        } else {
            ok = !std::isnan(value) && value != 0;
        }
        if (!ok)
            failing.append(seriesText(series, value));
    }
    if (all.size() == 1 && !all.constFirst().samples.isEmpty())
        singleValue = all.constFirst().samples.constLast().value;

    QList<Message> detail;
    if (singleValue)
        detail.append(trMessage("Vigie::PrometheusProber", "value %1").arg(valueText(*singleValue)));
    else
        detail.append(trMessage("Vigie::PrometheusProber", "%1 series").arg(all.size()));
    for (const QString &warning : answer.warnings)
        detail.append(trMessage("Vigie::PrometheusProber", "Prometheus warns: %1").arg(warning));
    result.detail = Message::joined(detail, u" · "_s);

    if (failing.isEmpty())
        return result;
    QString named = failing.mid(0, namedSeries).join(", "_L1);
    Message listed = Message::verbatim(named);
    if (failing.size() > namedSeries) {
        listed = Message::joined(
            {listed, trMessage("Vigie::PrometheusProber", "and %n more", nullptr, int(failing.size() - namedSeries))},
            u", "_s);
    }
    result.status = HealthState::Down;
    result.failedPhase = ProbePhase::Condition;
    result.error = options.eachSeries
                       ? trMessage("Vigie::PrometheusProber", "%1 of %2 series fail %3: %4")
                             .arg(failing.size())
                             .arg(all.size())
                             .arg(options.eachSeries->text())
                             .arg(listed)
                       : trMessage("Vigie::PrometheusProber", "%1 of %2 series fail (value 0 or NaN): %3")
                             .arg(failing.size())
                             .arg(all.size())
                             .arg(listed);
    return result;
}

struct Run
{
    quint64 serial = 0;
    ProbeSpec spec;
    QPointer<PrometheusClient> client;
    quint64 request = 0;
    QElapsedTimer clock;
};

} // namespace

struct PrometheusProber::Private
{
    explicit Private(PrometheusProber *owner)
        : q(owner)
    {}
    ~Private()
    {
        for (auto &[id, run] : runs)
            delete run->client;
    }

    QNetworkAccessManager *networkFor(const PrometheusOptions &options);
    void onFinished(quint64 id, quint64 serial, const PrometheusReply &reply);

    PrometheusProber *q;
    // One manager per way of trusting servers, as for status pages: a connection opened without
    // verification, or trusting another CA, never carries a probe that verifies.
    QHash<QString, QNetworkAccessManager *> networks;
    QHash<QString, QByteArray> secrets;
    quint64 nextSerial = 1;
    std::unordered_map<quint64, std::unique_ptr<Run>> runs;
    PendingFailures failures;
};

QNetworkAccessManager *PrometheusProber::Private::networkFor(const PrometheusOptions &options)
{
    const QString trust = options.tls.insecureReason.isEmpty() ? u"ca:"_s + options.tls.caFile : u"insecure"_s;
    QNetworkAccessManager *&network = networks[trust];
    if (!network)
        network = new QNetworkAccessManager(q);
    return network;
}

void PrometheusProber::Private::onFinished(quint64 id, quint64 serial, const PrometheusReply &reply)
{
    const auto it = runs.find(id);
    if (it == runs.end() || it->second->serial != serial)
        return;
    std::unique_ptr<Run> run = std::move(it->second);
    runs.erase(it);
    run->client->deleteLater();

    const double totalMs = double(run->clock.nsecsElapsed()) / 1e6;
    ProbeResult result;
    std::optional<double> singleValue;
    if (!reply) {
        result.status = HealthState::Down;
        result.failedPhase = phaseOf(reply.error());
        result.error = reply.error().message;
        result.httpStatus = reply.error().httpStatus;
    } else {
        result = judge(*reply, run->spec.options<PrometheusOptions>(), singleValue);
        result.httpStatus = 200;
        ConditionContext conditionContext;
        conditionContext.status = result.httpStatus;
        conditionContext.responseTimeMs = totalMs;
        conditionContext.value = singleValue;
        applyConditions(result, run->spec.conditions, conditionContext);
    }
    result.latencyMs = totalMs;
    result.phases.totalMs = totalMs;
    Q_EMIT q->finished(id, result);
}

PrometheusProber::PrometheusProber(QObject *parent)
    : Prober(parent)
    , d(std::make_unique<Private>(this))
{}

PrometheusProber::~PrometheusProber() = default;

void PrometheusProber::start(quint64 id, const ProbeSpec &spec)
{
    const PrometheusOptions &options = spec.options<PrometheusOptions>();
    cancel(id);
    const auto fail = [this, id](const Message &error) {
        d->failures.post(this, id, ProbePhase::Config, error,
                         [this](quint64 failedId, const ProbeResult &result) { Q_EMIT finished(failedId, result); });
    };
    if (options.query.trimmed().isEmpty()) {
        fail(trMessage("Vigie::PrometheusProber", "the probe of %1 has no query").arg(spec.target));
        return;
    }
    PrometheusEndpoint endpoint;
    endpoint.baseUrl = QUrl(spec.target, QUrl::StrictMode);
    endpoint.auth = options.auth;
    endpoint.tls = options.tls;
    endpoint.timeout = spec.timeout;
    if (options.auth.type != HttpAuthType::None) {
        const auto secret = d->secrets.constFind(options.auth.secretName);
        if (secret == d->secrets.cend()) {
            fail(trMessage("Vigie::PrometheusProber",
                           "the secret \"%1\" is not in the keychain; add it with: vigie secret set %1")
                     .arg(options.auth.secretName));
            return;
        }
        endpoint.secret = *secret;
    }

    auto run = std::make_unique<Run>();
    run->serial = d->nextSerial++;
    run->spec = spec;
    run->client = new PrometheusClient(endpoint, d->networkFor(options), this);
    const quint64 serial = run->serial;
    connect(run->client, &PrometheusClient::finished, this,
            [this, id, serial](quint64, const PrometheusReply &reply) { d->onFinished(id, serial, reply); });
    run->clock.start();
    run->request = run->client->query(options.query);
    d->runs.emplace(id, std::move(run));
}

void PrometheusProber::cancel(quint64 id)
{
    d->failures.cancel(id);
    const auto it = d->runs.find(id);
    if (it == d->runs.end())
        return;
    delete it->second->client; // stops its request; no finished() follows
    d->runs.erase(it);
}

int PrometheusProber::runningCount() const
{
    return int(d->runs.size()) + d->failures.size();
}

void PrometheusProber::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    d->secrets = secrets;
}

} // namespace Vigie
