// Which container the test process runs in, and that on the host (no
// E2E_RUNNER_CONTAINER) joining and leaving a stack network calls nothing.
#include "runner_network.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// E2E_RUNNER_CONTAINER set (or unset) for one test, restored afterwards.
class RunnerVariable {
 public:
  explicit RunnerVariable(const char* value) {
    if (const char* old = std::getenv(kName)) previous_ = old;
    if (value != nullptr) {
      ::setenv(kName, value, 1);
    } else {
      ::unsetenv(kName);
    }
  }
  ~RunnerVariable() {
    if (previous_.empty()) {
      ::unsetenv(kName);
    } else {
      ::setenv(kName, previous_.c_str(), 1);
    }
  }
  RunnerVariable(const RunnerVariable&) = delete;
  RunnerVariable& operator=(const RunnerVariable&) = delete;

 private:
  static constexpr const char* kName = "E2E_RUNNER_CONTAINER";
  std::string previous_;
};

// A client whose every call fails: any call at all would throw.
docker::Client& NoDaemon() {
  static docker::Client client({.host = "unix:///tmp/mcp-e2e-no-such-daemon.sock"});
  return client;
}

TEST(RunnerContainer, IsEmptyOnTheHost) {
  RunnerVariable unset(nullptr);
  EXPECT_EQ(e2e::RunnerContainer(), "");
}

TEST(RunnerContainer, SelfMeansThisHostnameWhichDockerSetsToTheContainerId) {
  RunnerVariable self("self");
  char hostname[256] = {};
  ASSERT_EQ(::gethostname(hostname, sizeof(hostname) - 1), 0);
  EXPECT_EQ(e2e::RunnerContainer(), hostname);
}

TEST(RunnerContainer, AnyOtherValueNamesTheContainer) {
  RunnerVariable named("e2e-runner-ci-42");
  EXPECT_EQ(e2e::RunnerContainer(), "e2e-runner-ci-42");
}

TEST(RunnerNetworkOnTheHost, JoiningAndLeavingCallNoEngine) {
  RunnerVariable unset(nullptr);
  EXPECT_NO_THROW(e2e::JoinStackNetwork(NoDaemon(), "e2e_abcdef"));
  EXPECT_NO_THROW(e2e::LeaveStackNetwork(NoDaemon(), "e2e_abcdef"));
}

TEST(RunnerNetworkInAContainer, AFailedJoinNamesTheContainerAndTheNetworkAndLeavesNothingToLeave) {
  RunnerVariable named("e2e-runner-ci-42");
  try {
    e2e::JoinStackNetwork(NoDaemon(), "e2e_abcdef");
    FAIL() << "joined without a daemon";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), AllOf(HasSubstr("e2e-runner-ci-42"), HasSubstr("e2e_abcdef"),
                                HasSubstr("E2E_RUNNER_CONTAINER")));
  }
  EXPECT_NO_THROW(e2e::LeaveStackNetwork(NoDaemon(), "e2e_abcdef")) << "it never joined";
}

}  // namespace
