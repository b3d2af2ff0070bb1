#pragma once
// The resolved stack spec (every ${VAR} interpolated, defaults applied) as
// JSON, for the artifacts of a failed test. It holds the environment as the
// containers got it: pass it through a Redactor before writing it.

#include <nlohmann/json.hpp>

#include "e2e/stack_spec.h"

namespace e2e {

nlohmann::json StackSpecJson(const StackSpec& spec);

}  // namespace e2e
