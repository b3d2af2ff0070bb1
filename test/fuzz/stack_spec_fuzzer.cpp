// Fuzzes the stack-file reader: YAML text -> StackSpec (ParseStackSpec), and
// ${...} interpolation on its own. Beyond "no crash, no UB", it checks:
//  * the reader's contract: SpecError is the only exception ParseStackSpec
//    throws, std::invalid_argument the only one Interpolate throws;
//  * an accepted spec is usable: service names are unique and non-empty,
//    every depends_on names a service of the spec, StartGroups() places every
//    service exactly once and after everything it depends on, and Find()
//    finds each service;
//  * interpolation leaves text without '$' unchanged.
// The first input byte picks the target, so one corpus covers both.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "e2e/stack_spec.h"

namespace {

std::optional<std::string> Lookup(const std::string& name) {
  static const std::map<std::string, std::string> kSet = {
      {"E2E_ID", "a1b2c3"}, {"SET", "value"}, {"EMPTY", ""}, {"IMAGE", "busybox:latest"}};
  const auto it = kSet.find(name);
  if (it == kSet.end()) return std::nullopt;
  return it->second;
}

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "property violated: %s: %s\n", what, detail.c_str());
  std::abort();
}

void CheckUsable(const e2e::StackSpec& spec) {
  std::set<std::string> names;
  for (const auto& service : spec.services) {
    if (service.name.empty()) Fail("empty service name", "");
    if (!names.insert(service.name).second) Fail("duplicate service", service.name);
  }
  for (const auto& service : spec.services) {
    if (spec.Find(service.name) == nullptr) Fail("Find misses", service.name);
    for (const auto& dependency : service.depends_on) {
      if (!names.contains(dependency.service)) Fail("dangling depends_on", dependency.service);
    }
  }
  std::set<std::string> placed;
  for (const auto& group : spec.StartGroups()) {
    for (const auto* service : group) {
      for (const auto& dependency : service->depends_on) {
        if (!placed.contains(dependency.service))
          Fail("started before its dependency", service->name);
      }
    }
    for (const auto* service : group) {
      if (!placed.insert(service->name).second) Fail("placed twice", service->name);
    }
  }
  if (placed.size() != spec.services.size()) Fail("not every service placed", "");
}

void FuzzSpec(const std::string& text) {
  e2e::StackSpec spec;
  try {
    spec = e2e::ParseStackSpec(text, "fuzz.yml", &Lookup);
  } catch (const e2e::SpecError&) {
    return;
  } catch (const std::exception& e) {
    Fail("ParseStackSpec threw something other than SpecError", e.what());
  }
  try {
    CheckUsable(spec);
  } catch (const e2e::SpecError& e) {
    Fail("an accepted spec has no start order", e.what());
  }
}

void FuzzInterpolate(const std::string& text) {
  std::string out;
  try {
    out = e2e::Interpolate(text, &Lookup);
  } catch (const std::invalid_argument&) {
    return;
  } catch (const std::exception& e) {
    Fail("Interpolate threw something other than invalid_argument", e.what());
  }
  if (text.find('$') == std::string::npos && out != text) Fail("text without $ changed", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1U) {
    FuzzInterpolate(text);
  } else {
    FuzzSpec(text);
  }
  return 0;
}
