#include "availabilityquery.h"

#include "store/resultstore.h"

#include <limits>

namespace Vigie {

QFuture<AvailabilityReport> queryAvailability(const ResultStore &store, const QList<ReportService> &services,
                                              qint64 fromMs, qint64 toMs)
{
    EventFilter filter;
    // A few services are asked for by id; a whole workspace's are read at once (an IN list of
    // thousands of ids costs more than the rows it leaves out).
    if (services.size() <= 64)
        for (const ReportService &service : services)
            filter.serviceIds.append(service.id);
    filter.fromMs = 0;
    filter.toMs = toMs;
    filter.limit = std::numeric_limits<int>::max();
    filter.probeChanges = true;
    // The continuation runs on the pool thread that finished the read.
    return store.events(filter).then([services, fromMs, toMs](QList<HealthEvent> events) {
        return computeAvailability(std::move(events), services, fromMs, toMs);
    });
}

} // namespace Vigie
