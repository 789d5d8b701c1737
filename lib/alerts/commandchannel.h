#pragma once

#include "alertchannel.h"

#include <QList>
#include <QString>

#include <utility>

namespace Vigie {

// Runs AlertChannelSpec::command for each alert: its first word is the program, the others its
// arguments, passed as they are written, never through a shell, and nothing of the alert ever
// becomes part of the command line. The alert comes in environment variables (environment()) and
// as its JSON document (Alert::toJson) on standard input.
//
// Exit status 0 is delivered; any other, or a crash, is tried again later with the exit code and
// the last line the command wrote to standard error; a program that cannot be started is kept for
// an engineer. A command still running after the spec's timeout is terminated with everything it
// started (it runs in a session of its own), killed 2 s later if it is still there, and tried again
// later. It runs and is waited for on the channels' own threads.
class CommandChannel final : public AlertChannel
{
public:
    explicit CommandChannel(AlertChannelSpec spec);
    ~CommandChannel() override;

    QString id() const override { return m_spec.id; }
    QFuture<DeliveryOutcome> deliver(const Alert &alert) override;

    // VIGIE_ALERT_KIND, _STATUS, _SERVICE, _SERVICE_NAME, _GROUP, _STATE, _TITLE, _CAUSE, _KEY.
    static QList<std::pair<QString, QString>> environment(const Alert &alert);

private:
    AlertChannelSpec m_spec;
};

} // namespace Vigie
