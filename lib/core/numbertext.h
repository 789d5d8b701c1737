#pragma once

#include <QDateTime>
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
// How long a state has lasted, for tiles and lists: "for 40 s", "for 3 min", "for 2 h 5 min",
// "for 3 d"; empty for an invalid time. A clock that stepped back reads "for 0 s".
QString formatSince(const QDateTime &since, const QDateTime &now);

} // namespace Vigie
