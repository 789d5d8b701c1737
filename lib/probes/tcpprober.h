#pragma once

#include "prober.h"

#include <memory>

namespace Vigie {

// Runs TCP probes with QTcpSocket on the thread that owns it: connect time, and when
// TcpOptions::expectBanner is set, the first line the server sends must match that regular expression
// (SMTP "^220 ", IMAP "^\* OK", POP3 "^\+OK"). Then TcpOptions::steps run in order: a send step writes
// its bytes, an expect step reads lines until one matches its pattern (so that multi-line replies
// such as SMTP's "250-" lines are read through); a line longer than 64 KiB fails the step. When
// all of that succeeds, spec.conditions judge the result ([CONNECTED], [IP], [RESPONSE_TIME]).
// The timeout is a hard deadline for the whole probe. phases.resolveMs and phases.connectMs are
// set; processingMs is the wait for the banner and the conversation.
class TcpProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpProber)

public:
    using Options = TcpOptions; // the kind it runs

    explicit TcpProber(QObject *parent = nullptr);
    ~TcpProber() override;

    void start(quint64 id, const ProbeSpec &spec) override;
    void cancel(quint64 id) override;
    int runningCount() const override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
