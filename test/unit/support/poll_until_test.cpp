// support::PollUntil and support::Backoff: the loop behind every wait.
#include "poll_until.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <vector>

namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

TEST(Backoff, DoublesFromTheFirstPauseAndStaysAtTheCap) {
  support::Backoff backoff(milliseconds(5), milliseconds(50));
  std::vector<long> pauses;
  for (int i = 0; i < 7; ++i) pauses.push_back(static_cast<long>(backoff.Next().count()));
  EXPECT_THAT(pauses, ::testing::ElementsAre(5, 10, 20, 40, 50, 50, 50));
}

TEST(Backoff, DefaultsToFiveMillisecondsCappedAtAQuarterSecond) {
  support::Backoff backoff;
  EXPECT_EQ(backoff.Next(), milliseconds(5));
  for (int i = 0; i < 20; ++i) backoff.Next();
  EXPECT_EQ(backoff.Next(), milliseconds(250));
}

TEST(PollUntil, ReturnsOnTheFirstPollThatHolds) {
  int polls = 0;
  const bool held =
      support::PollUntil(Clock::now() + std::chrono::seconds(5), [&] { return ++polls == 4; });
  EXPECT_TRUE(held);
  EXPECT_EQ(polls, 4);
}

TEST(PollUntil, PollsOnceMoreAtTheDeadlineThenReturnsFalse) {
  int polls = 0;
  Clock::time_point last_poll;
  const auto deadline = Clock::now() + milliseconds(60);
  const bool held = support::PollUntil(deadline, [&] {
    ++polls;
    last_poll = Clock::now();
    return false;
  });
  EXPECT_FALSE(held);
  EXPECT_GE(last_poll, deadline) << "the last poll must see the deadline's state";
  // At 0, 5, 15, 35 and 60 ms at most (pauses only ever overrun on a busy machine).
  EXPECT_GE(polls, 2);
  EXPECT_LE(polls, 5);
}

TEST(PollUntil, APauseNeverReachesFarPastTheDeadline) {
  const auto started = Clock::now();
  const bool held = support::PollUntil(
      started + milliseconds(50), [] { return false; },
      support::Backoff(std::chrono::seconds(10), std::chrono::seconds(10)));
  EXPECT_FALSE(held);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5))
      << "a 10 s pause was cut to the 50 ms left";
}

TEST(PollUntil, ExceptionsOfTheConditionEndThePolling) {
  int polls = 0;
  EXPECT_THROW(support::PollUntil(Clock::now() + std::chrono::seconds(5),
                                  [&]() -> bool {
                                    ++polls;
                                    throw std::runtime_error("gone");
                                  }),
               std::runtime_error);
  EXPECT_EQ(polls, 1);
}

}  // namespace
