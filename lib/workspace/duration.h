#pragma once

#include <QString>
#include <QStringView>

#include <chrono>
#include <optional>

namespace Vigie {

// Parses "250ms", "30s", "5m", "1h", "1m30s", "1.5s", "2d". Returns nullopt on anything else
// (negative, empty, unknown unit, overflow).
std::optional<std::chrono::milliseconds> parseDuration(QStringView text);
// The shortest exact form: 1500ms -> "1.5s", 90000ms -> "1m30s", 60000ms -> "1m", 250ms -> "250ms".
QString formatDuration(std::chrono::milliseconds duration);

} // namespace Vigie
