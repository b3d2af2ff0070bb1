#pragma once
// Names and labels of everything the bench creates itself, so that all of it
// can be found and removed again, even after an interruption: names start
// with "mcp-e2e-bench-<pid>-" and carry the label mcp-e2e-bench-run=<pid>.
// (The harness peer's stacks are named and labelled by the harness itself:
// e2e_<id>, e2e.session=...; Stack's destructor removes them.)

#include <string>

#include "docker/types.h"

namespace stack_cycle {

inline constexpr const char* kRunLabel = "mcp-e2e-bench-run";

// "mcp-e2e-bench-<pid>": this run's id, the prefix of every name it gives.
const std::string& RunId();

// The label every resource of this run carries.
docker::Labels RunLabels();

// "mcp-e2e-bench-<pid>-<peer>-<n>", n counting up per call: a fresh name for
// each stack instance, so a slow removal can never clash with the next cycle.
std::string FreshName(const std::string& peer);

}  // namespace stack_cycle
