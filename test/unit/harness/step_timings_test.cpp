#include "e2e/step_timings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::Field;

TEST(StepTimings, StepsAppearInTheOrderTheyBeganNotEnded) {
  e2e::StepTimings timings;
  {
    const auto outer = timings.Time("outer");
    timings.Record("inner", milliseconds(7));
  }
  EXPECT_THAT(timings.steps(),
              ElementsAre(Field(&e2e::Step::name, "outer"), Field(&e2e::Step::name, "inner")));
  EXPECT_EQ(timings.steps()[1].duration, milliseconds(7));
}

TEST(StepTimings, AStepThatThrowsIsStillRecordedWithItsTime) {
  e2e::StepTimings timings;
  const auto started = std::chrono::steady_clock::now();
  try {
    const auto step = timings.Time("failing");
    std::this_thread::sleep_for(milliseconds(20));  // sleep-ok: the step must take time
    throw std::runtime_error("boom");
  } catch (const std::runtime_error&) {
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(timings.steps().size(), 1u);
  EXPECT_GE(timings.steps()[0].duration, milliseconds(20));
  EXPECT_LE(timings.steps()[0].duration, elapsed);
}

TEST(StepTimings, SummaryNamesEveryStepWithMilliseconds) {
  e2e::StepTimings timings;
  timings.Record("network", milliseconds(31));
  timings.Record("create mcp-server", milliseconds(40));
  EXPECT_EQ(timings.Summary(), "network 31 ms, create mcp-server 40 ms");
}

TEST(StepTimings, StepsFromManyThreadsAreAllKept) {
  e2e::StepTimings timings;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&timings, i] {
      for (int j = 0; j < 100; ++j) {
        const auto step = timings.Time("t" + std::to_string(i));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(timings.steps().size(), 800u);
}

}  // namespace
