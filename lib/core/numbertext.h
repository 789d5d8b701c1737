#pragma once

#include <QString>

#include <chrono>

namespace Vigie {

// Seconds with one decimal in the current locale, for messages: "2.0" in English, "2,0" in
// French. The unit is the caller's, in its own translated sentence ("timed out after %1 s").
QString formatSeconds(double seconds);
QString formatSeconds(std::chrono::milliseconds duration);

} // namespace Vigie
