// e2e::WaitFor, WaitUntil and Eventually: what a wait reports when it fails.
#include "e2e/wait.h"

#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using Clock = std::chrono::steady_clock;

TEST(WaitFor, ReturnsOnceTheConditionHoldsOnItsThirdPoll) {
  int polls = 0;
  e2e::WaitFor(
      "the third poll", [&] { return ++polls == 3; }, std::chrono::seconds(5));
  EXPECT_EQ(polls, 3);
}

TEST(WaitFor, ATimeoutNamesWhatWasAwaitedHowLongAndTheLastObservation) {
  int polls = 0;
  try {
    e2e::WaitFor(
        "queue of mcp-server to drain",
        [&](std::string& observed) {
          observed = "queue_depth " + std::to_string(++polls);
          return false;
        },
        milliseconds(80));
    FAIL() << "the condition never holds";
  } catch (const e2e::WaitTimeout& e) {
    EXPECT_THAT(e.what(),
                MatchesRegex("timed out after [0-9]+ ms \\(limit 80 ms\\) waiting for "
                             "queue of mcp-server to drain; last seen: queue_depth [0-9]+"));
    EXPECT_THAT(e.what(), HasSubstr("queue_depth " + std::to_string(polls)))
        << "the message carries the last observation, not an earlier one";
  }
}

TEST(WaitFor, AYesNoConditionSaysItWasFalse) {
  try {
    e2e::WaitFor(
        "never", [] { return false; }, milliseconds(20));
    FAIL();
  } catch (const e2e::WaitTimeout& e) {
    EXPECT_THAT(e.what(), HasSubstr("waiting for never; last seen: the condition was false"));
  }
}

TEST(WaitFor, AConditionThatThrowsEndsTheWaitAtOnceWithItsMessage) {
  const auto started = Clock::now();
  int polls = 0;
  try {
    e2e::WaitFor(
        "db to be healthy",
        [&](std::string&) -> bool {
          if (++polls == 2) throw std::runtime_error("db stopped (exited, exit code 1)");
          return false;
        },
        std::chrono::seconds(30));
    FAIL();
  } catch (const e2e::WaitTimeout&) {
    FAIL() << "not a timeout";
  } catch (const e2e::WaitError& e) {
    EXPECT_THAT(e.what(), MatchesRegex("gave up after [0-9]+ ms waiting for db to be healthy: "
                                       "db stopped \\(exited, exit code 1\\)"));
  }
  EXPECT_EQ(polls, 2);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
}

TEST(WaitUntil, ADeadlineAlreadyPassedStillPollsOnce) {
  int polls = 0;
  e2e::WaitUntil("one look", Clock::now() - milliseconds(1), [&](std::string&) {
    ++polls;
    return true;
  });
  EXPECT_EQ(polls, 1);
}

TEST(Eventually, SucceedsWhenTheConditionComesToHold) {
  int polls = 0;
  EXPECT_TRUE(e2e::Eventually(
      "five polls", [&] { return ++polls == 5; }, std::chrono::seconds(5)));
}

TEST(Eventually, FailsWithTheWaitsMessage) {
  const ::testing::AssertionResult result = e2e::Eventually(
      "summary of mem-a indexed",
      [](std::string& observed) {
        observed = "queue_depth 2";
        return false;
      },
      milliseconds(30));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(),
              MatchesRegex("timed out after [0-9]+ ms \\(limit 30 ms\\) waiting "
                           "for summary of mem-a indexed; last seen: queue_depth 2"));
}

TEST(Eventually, TurnsAThrowingConditionIntoAFailureNotAnException) {
  ::testing::AssertionResult result = ::testing::AssertionSuccess();
  EXPECT_NO_THROW(
      result = e2e::Eventually(
          "x", []() -> bool { throw std::logic_error("no health check"); }, milliseconds(30)));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("waiting for x: no health check"));
}

TEST(Eventually, ReadsAsAnAssertionInATestBody) {
  EXPECT_NONFATAL_FAILURE(EXPECT_TRUE(e2e::Eventually(
                              "the impossible", [] { return false; }, milliseconds(10))),
                          "waiting for the impossible; last seen: the condition was false");
}

}  // namespace
