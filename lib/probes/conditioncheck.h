#pragma once

#include "proberesult.h"
#include "workspace/condition.h"

namespace Vigie {

// Folds the workspace's conditions into a probe's own verdict, the same way for every kind:
// - a probe that is down on its own is not judged further: its own reason is the likelier cause,
//   and conditions on what it could not reach would only repeat it;
// - otherwise the worse of the probe's own state and the conditions' wins (a failed critical
//   condition means down, a failed warning one degraded);
// - the phase and the error say what made that state: the probe's own phase and reason when it
//   reached that state itself, its reason first; then the failed conditions of that state (the
//   critical ones for down, the warning ones for degraded), in the order written. The phase is
//   Condition when only conditions made the state.
// Every prober calls it once its own verdict (status, failedPhase, error) is in `result`.
void applyConditions(ProbeResult &result, const QList<Condition> &conditions, const ConditionContext &context);

} // namespace Vigie
