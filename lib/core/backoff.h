#pragma once

#include <chrono>

namespace Vigie {

// How long to wait before attempt `attempts` + 1 of something that failed `attempts` times: `first`
// doubled at each attempt up to `cap`, ±20 % so that senders that failed together do not come back
// together. The notices' outbox and the alerts' share it.
std::chrono::milliseconds retryBackoff(int attempts, std::chrono::milliseconds first, std::chrono::milliseconds cap);

} // namespace Vigie
