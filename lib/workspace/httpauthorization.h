#pragma once

#include "workspace.h"

#include <QByteArray>

namespace Vigie {

// The value of an Authorization header for `auth` with its secret (the password of basic, the
// token of bearer): "Basic dXNlcjpwYXNz", "Bearer abc"; empty for none. Sent, never logged.
QByteArray httpAuthorization(const HttpAuth &auth, const QByteArray &secret);

} // namespace Vigie
