#pragma once

#include <QString>

#include <chrono>

namespace Vigie {

// How long to wait before attempt `attempts` + 1 of something that failed `attempts` times: `first`
// doubled at each attempt up to `cap`, ±20 % so that senders that failed together do not come back
// together. The notices' outbox and the alerts' share it.
std::chrono::milliseconds retryBackoff(int attempts, std::chrono::milliseconds first, std::chrono::milliseconds cap);

// The name a process leases queued deliveries under: its host, its process id and a random tag
// ("host:4242:9f3a07c1"), so that two processes on one data folder, or a process that restarted
// with the same id, never take each other's lease. The notices' outbox and the alerts' share it.
QString leaseOwnerName();

} // namespace Vigie
