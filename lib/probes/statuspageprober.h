#pragma once

#include "prober.h"

#include <memory>

namespace Vigie {

// Reads a provider's public status page in Atlassian Statuspage v2 format (api/v2/summary.json,
// appended to spec.target unless it already names a .json file) and reports what the provider
// says: the page's overall indicator, or the worst of StatuspageOptions::components when some are named.
// A component or a scheduled maintenance in progress sets result.maintenance. Fetched with a
// QNetworkAccessManager of its own on the thread that owns the prober: spec.timeout is a hard
// deadline, the body is capped at 4 MiB, no cookies and no cache; StatuspageOptions::tls.caFile and
// StatuspageOptions::tls.insecureReason apply to TLS. spec.conditions are checked against the response too.
class StatuspageProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatuspageProber)

public:
    using Options = StatuspageOptions; // the kind it runs

    explicit StatuspageProber(QObject *parent = nullptr);
    ~StatuspageProber() override;

    void start(quint64 id, const ProbeSpec &spec) override;
    void cancel(quint64 id) override;
    int runningCount() const override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
