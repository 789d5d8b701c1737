#include "availabilityquery.h"

#include "store/resultstore.h"

namespace Vigie {

QFuture<AvailabilityReport> queryAvailability(const ResultStore &store, const QList<ReportService> &services,
                                              qint64 fromMs, qint64 toMs)
{
    QStringList ids;
    ids.reserve(services.size());
    for (const ReportService &service : services)
        ids.append(service.id);
    // The continuation runs on the pool thread that finished the read.
    return store.stateHistory(ids, fromMs, toMs).then([services, fromMs, toMs](StateHistory history) {
        return computeAvailabilityFromHistory(std::move(history), services, fromMs, toMs);
    });
}

} // namespace Vigie
