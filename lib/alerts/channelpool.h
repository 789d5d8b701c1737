#pragma once

class QThreadPool;

namespace Vigie {

// The threads the SMTP and command channels block in (a mail exchange, a command waited for): of
// their own, so that a slow relay or a hung command never holds up the probes' or the status sites'
// pools. The webhook channel needs none: sendOnce has its own.
QThreadPool *alertChannelPool();

} // namespace Vigie
