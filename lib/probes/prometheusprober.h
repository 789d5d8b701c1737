#pragma once

#include "prober.h"

#include <memory>

namespace Vigie {

// Asks a Prometheus (or anything that speaks its HTTP API) the probe's PromQL instant query
// (PrometheusOptions::query) and judges what it returns:
// - every series of the result must meet PrometheusOptions::eachSeries ([VALUE] >= 1), or, without
//   one, have a value other than 0 and NaN: `probe_success` of a fleet of blackbox_exporters, `up`;
// - a result with no series is down ("the query returned no series"), and so is a string result;
// - some series failing is down, the error naming them by their labels:
//   `2 of 14 series fail: {instance="b:9115", job="blackbox"} = 0, ...`;
// - a scalar result is one series without labels.
// Prometheus's own error (an invalid query...) is the probe's error, verbatim. spec.conditions are
// then checked with [VALUE] (the value when the result holds exactly one series) and
// [RESPONSE_TIME]. The request is sent by a PrometheusClient on the thread that owns the prober;
// spec.timeout is a hard deadline; PrometheusOptions::auth takes its secret from setSecrets().
class PrometheusProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrometheusProber)

public:
    using Options = PrometheusOptions; // the kind it runs

    explicit PrometheusProber(QObject *parent = nullptr);
    ~PrometheusProber() override;

    void start(quint64 id, const ProbeSpec &spec) override;
    void cancel(quint64 id) override;
    int runningCount() const override;
    void setSecrets(const QHash<QString, QByteArray> &secrets) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
