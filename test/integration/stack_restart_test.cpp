// Stack::Restart, Kill and Start against the real engine (stacks/restartable.yml):
// the same container and volume come back, and the wait for health does not
// take a status left over from the previous run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "e2e/conditions.h"
#include "e2e/stack.h"
#include "e2e/wait.h"
#include "engine.h"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class StackRestart : public integration::StackFromFile {
 protected:
  const char* StackFile() const override { return "restartable.yml"; }

  // Restart and Start return once the health check passes for the new run,
  // run by the harness itself or by Docker; Docker's status follows within
  // one interval.
  ::testing::AssertionResult DockerSaysHealthy(const std::string& service) {
    return e2e::Eventually("Docker to report " + service + " healthy",
                           e2e::ServiceHealthy(stack(), service), std::chrono::seconds(10));
  }
  std::string StartedAt(const std::string& service) {
    return stack().Inspect(service).raw["State"]["StartedAt"].get<std::string>();
  }
  int Run(const std::string& service, std::vector<std::string> cmd) {
    return stack().Exec(service, {.cmd = std::move(cmd)}).exit_code;
  }
};

TEST_F(StackRestart, KeepsTheContainerAndItsVolumeAndWaitsForAHealthCheckOfTheNewRun) {
  const std::string id = stack().ContainerId("keeper");
  const std::string started_before = StartedAt("keeper");
  ASSERT_EQ(Run("keeper", {"sh", "-c", "echo kept > /data/marker"}), 0);

  stack().Restart("keeper", std::chrono::seconds(1));

  EXPECT_EQ(stack().ContainerId("keeper"), id);
  EXPECT_EQ(stack().Inspect("keeper").id, id);
  EXPECT_NE(StartedAt("keeper"), started_before) << "the container did not start again";
  // The new run makes /tmp/ready a second after it starts: had the wait taken
  // the previous run's "healthy", it would not be there yet.
  EXPECT_EQ(Run("keeper", {"test", "-f", "/tmp/ready"}), 0);
  EXPECT_EQ(stack().Exec("keeper", {.cmd = {"cat", "/data/marker"}}).output.out, "kept\n");
  EXPECT_TRUE(DockerSaysHealthy("keeper"));
}

TEST_F(StackRestart, KillStopsTheServiceAndStartBringsTheSameContainerBackHealthy) {
  const std::string id = stack().ContainerId("keeper");
  ASSERT_EQ(Run("keeper", {"sh", "-c", "echo kept > /data/marker"}), 0);

  stack().Kill("keeper");
  const auto killed = stack().Inspect("keeper");
  EXPECT_FALSE(killed.state.running);
  EXPECT_EQ(killed.state.exit_code, 137);

  stack().Start("keeper");
  EXPECT_EQ(stack().Inspect("keeper").id, id);
  EXPECT_EQ(Run("keeper", {"test", "-f", "/tmp/ready"}), 0);
  EXPECT_EQ(stack().Exec("keeper", {.cmd = {"cat", "/data/marker"}}).output.out, "kept\n");
  EXPECT_TRUE(DockerSaysHealthy("keeper"));
}

TEST_F(StackRestart, StartingARunningServiceIsRefused) {
  EXPECT_THROW(stack().Start("keeper"), std::logic_error);
}

TEST_F(StackRestart, AServiceThatDoesNotComeBackFailsTheRestartNamingIt) {
  try {
    stack().Restart("oneshot", std::chrono::seconds(1));
    FAIL() << "the second run of oneshot exits at once";
  } catch (const e2e::WaitError& e) {
    EXPECT_THAT(e.what(), HasSubstr("oneshot"));
    EXPECT_THAT(e.what(), HasSubstr("oneshot stopped (exited, exit code 4)"));
    EXPECT_THAT(e.what(), HasSubstr("second start refused"));
  }
}

}  // namespace
