#include "e2e/reaper.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace {

using ::testing::MatchesRegex;

TEST(NewSessionId, IsUniqueAndUsableInAContainerName) {
  const std::string first = e2e::NewSessionId();
  EXPECT_NE(first, e2e::NewSessionId());
  // The reaper's container is named e2e-reaper-<session>.
  EXPECT_THAT(first, MatchesRegex("[a-zA-Z0-9][a-zA-Z0-9_.-]*-" + std::to_string(::getpid()) +
                                  "-[0-9a-f]{8}"));
}

}  // namespace
