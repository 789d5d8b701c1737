#include "conditioncheck.h"

using namespace Qt::StringLiterals;

namespace Vigie {

void applyConditions(ProbeResult &result, const QList<Condition> &conditions, const ConditionContext &context)
{
    if (conditions.isEmpty() || result.status == HealthState::Down)
        return;
    const ConditionsVerdict verdict = evaluateConditions(conditions, context);
    const bool critical = !verdict.failedCritical.isEmpty();
    if (!critical && verdict.failedWarnings.isEmpty())
        return;
    const HealthState state = critical ? HealthState::Down : HealthState::Degraded;
    if (state < result.status)
        return; // the probe's own finding is worse: it alone says why
    const QList<Message> &failed = critical ? verdict.failedCritical : verdict.failedWarnings;
    QList<Message> errors;
    if (state == result.status && !result.error.isEmpty())
        errors.append(result.error);
    else
        result.failedPhase = ProbePhase::Condition;
    errors += failed;
    result.status = state;
    result.error = Message::joined(errors, u"; "_s);
}

} // namespace Vigie
