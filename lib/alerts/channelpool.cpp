#include "channelpool.h"

#include <QGlobalStatic>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// A delivery blocks one thread for at most its channel's timeout; four let a hung command and a
// slow relay go on while the other channels deliver. At exit it waits for the deliveries still
// running, which their owners cancelled on their way out.
struct ChannelPool : QThreadPool
{
    ChannelPool()
    {
        setMaxThreadCount(4);
        setObjectName(u"vigie-alert-channels"_s);
    }
};
Q_GLOBAL_STATIC(ChannelPool, pool)

} // namespace

QThreadPool *alertChannelPool()
{
    return pool();
}

} // namespace Vigie
