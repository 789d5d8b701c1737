#pragma once

#include "statustarget.h"

#include <QByteArray>
#include <QHash>

#include <memory>

namespace Vigie {

struct StatusSite;
struct Workspace;

// The one place that turns a workspace's `status_sites:` entry into the StatusTarget of its kind,
// with the secrets already read from the keychain (by name). Every kind has one: never null, and
// `why` (from when some kinds had none) is left as it is.
std::unique_ptr<StatusTarget> makeStatusTarget(const StatusSite &site, const Workspace &workspace,
                                               const QHash<QString, QByteArray> &secrets, QString *why = nullptr);

} // namespace Vigie
