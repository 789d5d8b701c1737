#pragma once

#include "prober.h"

#include <memory>

namespace Vigie {

class StatuspageProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatuspageProber)

public:
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
