#pragma once

#include <QString>

#include <chrono>

namespace Vigie {

// Seconds with one decimal in the current locale, for messages: "2.0" in English, "2,0" in
// French. The unit is the caller's, in its own translated sentence ("timed out after %1 s").
QString formatSeconds(double seconds);
QString formatSeconds(std::chrono::milliseconds duration);
// A latency for people, in the current locale: "4.6 ms", "123 ms", "1.24 s" ("1,24 s" in French).
// The board, the detail panel and `vigie check` all show latencies this way.
QString formatLatency(double ms);

} // namespace Vigie
