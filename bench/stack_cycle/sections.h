#pragma once
// The bench's two sections. Each prints its table and returns the number of
// failed cycles.

#include "options.h"

namespace stack_cycle {

// bench/stacks/three_idle.yml by every peer; ratios to the harness.
int RunTrivialSection(const Options& options);

// compose/stack.yml (the project's images, real health checks) by the harness
// vs the raw API creating the same containers; ratio to the raw API, the
// floor (issue 12 asks for the harness within 1.25×).
int RunReferenceSection(const Options& options);

}  // namespace stack_cycle
