#include "clock.h"

namespace Vigie {

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}

} // namespace Vigie
