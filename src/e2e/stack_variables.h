#pragma once
// How a stack's ${VAR} references resolve (see StackOptions in stack.h):
// E2E_ID, then the test's variables, the environment, the fallback variables
// (the image manifest), and last the default written in the file.
#include "e2e/stack.h"

namespace e2e {

// The lookup for stack `stack_id` with `options` (which must outlive it).
VariableLookup StackVariables(const std::string& stack_id, const StackOptions& options);

}  // namespace e2e
