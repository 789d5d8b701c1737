#pragma once

#include "proberesult.h"
#include "workspace/condition.h"

namespace Vigie {

// Folds the workspace's conditions into a probe's own verdict: the worse of the two wins, and the
// probe's own problem stays first in the error, being the likelier cause. Shared by the probers
// whose own finding comes before the conditions (TLS, DNS).
inline void applyConditions(ProbeResult &result, const QList<Condition> &conditions, const ConditionContext &context)
{
    if (conditions.isEmpty())
        return;
    const ConditionsVerdict verdict = evaluateConditions(conditions, context);
    const QStringList failed = verdict.failedCritical + verdict.failedWarnings;
    if (failed.isEmpty())
        return;
    const HealthState worst = verdict.failedCritical.isEmpty() ? HealthState::Degraded : HealthState::Down;
    if (worst > result.status) {
        result.status = worst;
        result.failedPhase = ProbePhase::Condition;
    }
    QStringList errors;
    if (!result.error.isEmpty())
        errors.append(result.error);
    errors += failed;
    result.error = errors.join(QStringLiteral("; "));
}

} // namespace Vigie
