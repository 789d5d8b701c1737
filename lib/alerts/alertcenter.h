#pragma once

#include "alert.h"
#include "alertchannel.h"
#include "alertstore.h"
#include "health/healthevent.h"
#include "silence.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace Vigie {

class Clock;

// Alerts from health to the people who must know: the session's monitor feeds it, AlertRules
// decides, the store keeps each alert and its deliveries (one per routed channel), and the
// channels deliver them, retried with backoff until they are taken or refused for good. The console
// and `vigie watch` each run one (the session's); the desktop listens to alertRaised().
//
// Acknowledgements and mutes are the store's: the center reads them again at every poll, so that
// `vigie ack` and `vigie mute` reach a running console and a running `watch` within seconds.
//
// Lives on the GUI thread; the store runs on a thread of its own, channels on theirs: nothing here
// waits on the disk or the network.
class AlertCenter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertCenter)

public:
    using ChannelFactory =
        std::function<std::unique_ptr<AlertChannel>(const AlertChannelSpec &, const QHash<QString, QByteArray> &)>;

    explicit AlertCenter(const Clock *clock = nullptr, QObject *parent = nullptr);
    ~AlertCenter() override; // waits for the store's calls under way

    // Opens dataDir/vigie-alerts.sqlite off the calling thread; opened() or storeError() follows.
    void open(const QString &dataDir);
    bool isOpen() const;
    // The services, the `alerts:` settings and the secrets the channels need; channels are made
    // again.
    void setWorkspace(const Workspace &workspace, const QHash<QString, QByteArray> &secrets);
    // Tests give channels of their own; the default is makeAlertChannel.
    void setChannelFactory(ChannelFactory factory);
    // How often the store is read for due deliveries and silences (default 5 s).
    void setPollInterval(std::chrono::milliseconds interval);
    // The first backoff after a failed delivery (default 10 s), doubled up to `cap` (default 15 min).
    void setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap);

    // Polls until stop().
    void start();
    void stop();
    // A round now: due alerts, silences, deliveries (tests, and after the engineer acts).
    void poll();

    // From the monitor: connect Monitor::eventsRaised and healthChanged.
    void noteEvents(const QList<Vigie::HealthEvent> &events);
    void noteHealth(const QHash<QString, Vigie::ServiceHealth> &health);

    // The engineer's, stored (and seen by every process on the data folder).
    void acknowledge(const QString &serviceId, const QString &comment);
    void clearAcknowledgement(const QString &serviceId);
    void mute(const Mute &mute);
    void unmute(Mute::Scope scope, const QString &target);

    // As last read from the store.
    QList<Acknowledgement> acknowledgements() const;
    std::optional<Acknowledgement> acknowledgement(const QString &serviceId) const;
    QList<Mute> mutes() const;
    // Whether every alert is muted now, and until when (0: until unmuted).
    bool isAllMuted(qint64 *untilMs = nullptr) const;

    // The channels routed for a service's alerts (`alerts: routes:`), in the order declared.
    static QStringList channelsFor(const AlertSettings &settings, const QString &serviceId, const QString &group);

Q_SIGNALS:
    void opened();
    // An alert was decided and kept (its deliveries queued): the desktop tells it.
    void alertRaised(const Vigie::Alert &alert);
    // A delivery was attempted: delivered, deferred with why, or failed for good.
    void deliveryChanged(const Vigie::AlertDelivery &delivery);
    // Acknowledgements or mutes changed (here or in another process).
    void silencesChanged();
    // This process's acknowledge() was stored: its event is for the log (written once, here).
    void acknowledged(const Vigie::Acknowledgement &acknowledgement);
    void storeError(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie
