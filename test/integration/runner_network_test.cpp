// A test process running in a container (the e2e-runner image) joins each
// stack's network, so it reaches the services without a route from the host,
// and leaves it again before the network is removed. A plain container named
// by E2E_RUNNER_CONTAINER stands in for the runner here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "e2e/stack.h"
#include "engine.h"

namespace {

using integration::Engine;
using integration::ExpectNothingLeft;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Sets E2E_RUNNER_CONTAINER for one test.
class RunnerContainerVariable {
 public:
  explicit RunnerContainerVariable(const std::string& container) {
    ::setenv("E2E_RUNNER_CONTAINER", container.c_str(), 1);
  }
  ~RunnerContainerVariable() { ::unsetenv("E2E_RUNNER_CONTAINER"); }
  RunnerContainerVariable(const RunnerContainerVariable&) = delete;
  RunnerContainerVariable& operator=(const RunnerContainerVariable&) = delete;
};

// A running container to stand in for the runner; removed with the object.
class StandIn {
 public:
  StandIn() : name_(integration::UniqueName("runner")) {
    id_ = Engine().CreateContainer({.name = name_,
                                    .image = integration::kBaseImage,
                                    .cmd = {"sleep", "infinity"},
                                    .labels = integration::TestLabels(),
                                    .init = true});
    Engine().StartContainer(id_);
  }
  ~StandIn() { Engine().RemoveContainer(id_); }
  StandIn(const StandIn&) = delete;
  StandIn& operator=(const StandIn&) = delete;

  const std::string& name() const { return name_; }
  bool OnNetwork(const std::string& network) const {
    return Engine().InspectContainer(id_).raw["NetworkSettings"]["Networks"].contains(network);
  }
  int Exec(const std::vector<std::string>& cmd) const {
    return Engine().Exec(id_, {.cmd = cmd}).exit_code;
  }

 private:
  std::string name_;
  std::string id_;
};

TEST(RunnerNetwork, TheRunnerContainerJoinsTheStackNetworkAndLeavesItBeforeItIsRemoved) {
  StandIn runner;
  RunnerContainerVariable variable(runner.name());
  std::string id;
  std::string network;
  {
    e2e::Stack stack(Engine(), integration::StackOptionsFor("two_services.yml"));
    id = stack.id();
    network = stack.network_name();
    stack.Up();
    EXPECT_TRUE(runner.OnNetwork(network));
    // On the stack network: the services' names resolve from the runner.
    EXPECT_EQ(runner.Exec({"getent", "hosts", "db"}), 0);
    EXPECT_THAT(stack.Down(), IsEmpty()) << "the runner's endpoint must not keep the network";
  }
  ExpectNothingLeft(id);
  EXPECT_FALSE(runner.OnNetwork(network));
}

TEST(RunnerNetwork, AMissingRunnerContainerFailsUpNamingItAndLeavesNothing) {
  RunnerContainerVariable variable("e2e-no-such-runner-container");
  std::string id;
  {
    e2e::Stack stack(Engine(), integration::StackOptionsFor("two_services.yml"));
    id = stack.id();
    try {
      stack.Up();
      FAIL() << "Up() succeeded although the runner container cannot join";
    } catch (const std::exception& e) {
      EXPECT_THAT(e.what(), HasSubstr("e2e-no-such-runner-container"));
      EXPECT_THAT(e.what(), HasSubstr("E2E_RUNNER_CONTAINER"));
    }
    EXPECT_THAT(stack.Down(), IsEmpty()) << "nothing joined, so nothing to leave";
  }
  ExpectNothingLeft(id);
}

}  // namespace
