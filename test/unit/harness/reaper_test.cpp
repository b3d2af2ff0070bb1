#include "e2e/reaper.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using ::testing::MatchesRegex;

TEST(SessionId, NamesHostPidAndStartTimeAndParsesBack) {
  const std::string id = e2e::MakeSessionId("ci-runner-7", 4242, 987654);
  EXPECT_EQ(id, "ci-runner-7-4242-987654");
  const auto owner = e2e::ParseSessionId(id);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->host, "ci-runner-7");
  EXPECT_EQ(owner->pid, 4242);
  EXPECT_EQ(owner->start_ticks, 987654u);
  EXPECT_THAT(e2e::CurrentSessionId(),
              MatchesRegex(e2e::ThisHostName() + "-" + std::to_string(::getpid()) + "-[0-9]+"));
}

TEST(SessionId, IdsItDidNotMakeAreNotParsed) {
  EXPECT_FALSE(e2e::ParseSessionId("it-1234"));
  EXPECT_FALSE(e2e::ParseSessionId("abc"));
  EXPECT_FALSE(e2e::ParseSessionId("-12-34"));
  EXPECT_FALSE(e2e::ParseSessionId("host-x1-34"));
  EXPECT_FALSE(e2e::ParseSessionId("host-0-34"));
  EXPECT_FALSE(e2e::ParseSessionId("host-12-"));
  EXPECT_FALSE(e2e::ParseSessionId("host-12-ab"));
}

TEST(SessionIsDead, OnlyForAProcessOfThisHostThatIsGone) {
  EXPECT_FALSE(e2e::SessionIsDead(e2e::CurrentSessionId()));
  const auto self = e2e::ParseSessionId(e2e::CurrentSessionId());
  ASSERT_TRUE(self);
  EXPECT_TRUE(e2e::SessionIsDead(e2e::MakeSessionId(self->host, self->pid, self->start_ticks + 1)))
      << "the same pid started at another time is another process";

  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  // Exited but not yet waited for: a zombie, which counts as dead.
  const std::string child_session = e2e::MakeSessionId(self->host, child, 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(e2e::SessionIsDead(child_session));
  EXPECT_FALSE(e2e::SessionIsDead(e2e::MakeSessionId(self->host + "-elsewhere", child, 0)))
      << "another host's processes are not ours to judge";
  EXPECT_FALSE(e2e::SessionIsDead("it-1234"));
}

}  // namespace
