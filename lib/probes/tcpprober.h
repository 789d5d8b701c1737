#pragma once

#include "proberesult.h"
#include "workspace/workspace.h"

#include <QObject>

#include <memory>

namespace Vigie {

// Runs TCP probes with QTcpSocket on the thread that owns it: connect time, and when
// spec.expectBanner is set, the first line the server sends must match that regular expression
// (SMTP "^220 ", IMAP "^\* OK", POP3 "^\+OK"). The timeout is a hard deadline for the whole probe.
// phases.resolveMs and phases.connectMs are set; processingMs is the wait for the banner.
class TcpProber final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpProber)

public:
    explicit TcpProber(QObject *parent = nullptr);
    ~TcpProber() override;

    // Same contract as HttpProber::start.
    void start(quint64 id, const ProbeSpec &spec);
    void cancel(quint64 id);
    int runningCount() const;

Q_SIGNALS:
    void finished(quint64 id, const Vigie::ProbeResult &result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
