#pragma once
// Shared bits of the integration tests: they run against the real engine and
// label everything they create, so the leak checks can find it.

#include <gtest/gtest.h>

#include <string>

#include "docker/client.h"
#include "e2e/stack.h"

namespace integration {

inline constexpr const char* kBaseImage = "debian:bookworm-slim";

inline docker::Client& Engine() {
  static docker::Client client;
  return client;
}

// A name unique to this test process and test.
inline std::string UniqueName(const std::string& what) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return "e2e-it-" + std::to_string(::getpid()) + "-" + info->name() + "-" + what;
}

// Labels that mark a resource as this test process's (the harness's session
// id, so the reaper can tell when a killed test run left it).
inline docker::Labels TestLabels() {
  return {{"e2e.session", e2e::Stack::SessionId()}, {"e2e.test", "integration"}};
}

inline docker::Filters SessionFilter() {
  return {{"label", {"e2e.session=" + e2e::Stack::SessionId()}}};
}

}  // namespace integration
