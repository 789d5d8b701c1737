#pragma once

#include "workspace/probekind.h"

#include <array>

class QObject;

namespace Vigie {

class Prober;

// One prober per kind of probe, parented to `parent`, at the index of the kind it runs: each
// prober says which kind that is by the options it reads (its Options type). Every kind has
// exactly one, checked when Vigie is compiled.
std::array<Prober *, probeKindCount> createProbers(QObject *parent);

} // namespace Vigie
