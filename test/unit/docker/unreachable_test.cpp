// A daemon that is not there must fail fast and say where it looked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "docker/client.h"

namespace {

using ::testing::HasSubstr;

TEST(Client, ReportsAMissingDaemonQuicklyNamingDockerHost) {
  docker::Client client({.host = "unix:///tmp/mcp-e2e-no-such-daemon.sock"});
  const auto started = std::chrono::steady_clock::now();
  try {
    client.Ping();
    FAIL() << "ping succeeded without a daemon";
  } catch (const docker::Unreachable& e) {
    EXPECT_THAT(e.what(), HasSubstr("unix:///tmp/mcp-e2e-no-such-daemon.sock"));
    EXPECT_THAT(e.what(), HasSubstr("DOCKER_HOST"));
    EXPECT_EQ(e.status(), 0);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

}  // namespace
