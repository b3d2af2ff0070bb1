#pragma once
// Shared bits of the integration tests: they run against the real engine and
// label everything they create, so the leak checks can find it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "docker/client.h"
#include "e2e/session_guard.h"
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
// id). Starts the process's reaper first, so a killed test leaves nothing.
inline docker::Labels TestLabels() {
  e2e::GuardSessionAsync(Engine()).get();
  return {{"e2e.session", e2e::Stack::SessionId()}, {"e2e.test", "integration"}};
}

inline docker::Filters SessionFilter() {
  return {{"label", {"e2e.session=" + e2e::Stack::SessionId()}}};
}

// Options for a stack of test/integration/stacks/, labelled with the current test's name.
inline e2e::StackOptions StackOptionsFor(
    const std::string& file, std::chrono::milliseconds health_timeout = std::chrono::seconds(60)) {
  return {.compose_file = std::string(E2E_STACKS_DIR) + "/" + file,
          .test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name(),
          .health_timeout = health_timeout};
}

// Fails the test when a container, network or volume of stack `stack_id` remains.
inline void ExpectNothingLeft(const std::string& stack_id) {
  const docker::Filters filters = {{"label", {"e2e.stack=" + stack_id}}};
  EXPECT_THAT(Engine().ListContainers(filters), ::testing::IsEmpty());
  EXPECT_THAT(Engine().ListNetworks(filters), ::testing::IsEmpty());
  EXPECT_THAT(Engine().ListVolumes(filters), ::testing::IsEmpty());
}

// A fixture whose every test gets the stack of `StackFile()` (a file under
// stacks/) up, and leaves nothing of it behind.
class StackFromFile : public ::testing::Test {
 protected:
  virtual const char* StackFile() const = 0;
  void SetUp() override {
    stack_ = std::make_unique<e2e::Stack>(Engine(), StackOptionsFor(StackFile()));
    stack_->Up();
  }
  void TearDown() override {
    const std::string id = stack_->id();
    stack_.reset();
    ExpectNothingLeft(id);
  }
  e2e::Stack& stack() { return *stack_; }

 private:
  std::unique_ptr<e2e::Stack> stack_;
};

}  // namespace integration
