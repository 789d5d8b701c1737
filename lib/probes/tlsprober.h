#pragma once

#include "prober.h"

#include <memory>

namespace Vigie {

class TlsProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsProber)

public:
    explicit TlsProber(QObject *parent = nullptr);
    ~TlsProber() override;

    void start(quint64 id, const ProbeSpec &spec) override;
    void cancel(quint64 id) override;
    int runningCount() const override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
