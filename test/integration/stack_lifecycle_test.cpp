// The harness's Stack against the real engine: what it creates, and that
// nothing labelled with its stack id remains after teardown, also on failure.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e/conditions.h"
#include "e2e/stack.h"
#include "e2e/stack_test.h"
#include "engine.h"

namespace {

using integration::Engine;
using integration::ExpectNothingLeft;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

e2e::StackOptions Options(const std::string& file) { return integration::StackOptionsFor(file); }

TEST(Stack, BringsUpLabelledLimitedServicesAndRemovesAllOfThem) {
  std::string id;
  {
    e2e::Stack stack(Engine(), Options("two_services.yml"));
    id = stack.id();
    stack.Up();
    EXPECT_THAT(stack.network_name(), ::testing::MatchesRegex("e2e_[0-9a-f]{6}"));

    // Up() returns once db's health check passes — run by the harness itself
    // during start-up, so Docker's own status may follow one interval later.
    EXPECT_TRUE(e2e::Eventually("Docker to report db healthy", e2e::ServiceHealthy(stack, "db"),
                                std::chrono::seconds(10)));
    const auto db = Engine().InspectContainer(stack.ContainerId("db"));
    EXPECT_EQ(db.raw["HostConfig"]["NanoCpus"], 1'000'000'000);
    EXPECT_EQ(db.raw["HostConfig"]["Memory"], int64_t{1} << 30);
    EXPECT_EQ(db.raw["Config"]["Labels"]["e2e.stack"], id);
    EXPECT_EQ(db.raw["Config"]["Labels"]["e2e.session"], e2e::Stack::SessionId());

    const auto app = Engine().InspectContainer(stack.ContainerId("app"));
    EXPECT_EQ(app.raw["HostConfig"]["NanoCpus"], 500'000'000);
    EXPECT_THAT(app.raw["Config"]["Env"], ::testing::Contains("STACK=" + stack.network_name()));

    // Services find each other by name and by alias on the stack network.
    EXPECT_EQ(stack.Exec("app", {.cmd = {"getent", "hosts", "db"}}).exit_code, 0);
    EXPECT_EQ(stack.Exec("db", {.cmd = {"getent", "hosts", "application"}}).exit_code, 0);

    const auto networks = Engine().ListNetworks({{"label", {"e2e.stack=" + id}}});
    ASSERT_EQ(networks.size(), 1u);
    EXPECT_TRUE(networks[0].internal);
    EXPECT_EQ(Engine().ListVolumes({{"label", {"e2e.stack=" + id}}}).size(), 1u);

    EXPECT_THAT(stack.Down(), IsEmpty());
    ExpectNothingLeft(id);
    EXPECT_THAT(stack.Down(), IsEmpty()) << "a second Down() must be harmless";
  }
  ExpectNothingLeft(id);
}

TEST(Stack, TheDestructorTearsDownWhatUpCreated) {
  std::string id;
  {
    e2e::Stack stack(Engine(), Options("two_services.yml"));
    id = stack.id();
    stack.Up();
  }
  ExpectNothingLeft(id);
}

// Docker says unhealthy after 3 failed checks 100 ms apart; the old harness
// took ~39 s for this. 10 s leaves room for a loaded machine.
TEST(Stack, AnUnhealthyServiceFailsUpWithinTenSecondsNamingItsCheckAndLogs) {
  std::string id;
  {
    e2e::Stack stack(Engine(), Options("never_healthy.yml"));
    id = stack.id();
    const auto started = std::chrono::steady_clock::now();
    try {
      stack.Up();
      FAIL() << "Up() succeeded with a service that is never healthy";
    } catch (const std::exception& e) {
      EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10)) << e.what();
      EXPECT_THAT(e.what(), HasSubstr("broken is unhealthy"));
      EXPECT_THAT(e.what(), HasSubstr("last health check: exit 1: probe says no"));
      EXPECT_THAT(e.what(), HasSubstr("broken service started"));  // its log tail
    }
  }
  ExpectNothingLeft(id);
}

TEST(Stack, AMissingImageFailsUpAfterOtherServicesStartedAndLeavesNothing) {
  std::string id;
  {
    e2e::Stack stack(Engine(), Options("missing_image.yml"));
    id = stack.id();
    EXPECT_THROW(stack.Up(), docker::NotFound);
    EXPECT_EQ(Engine().ListContainers({{"label", {"e2e.stack=" + id}}}).size(), 1u)
        << "the first service was running when the second failed";
  }
  ExpectNothingLeft(id);
}

TEST(Stack, WriteDiagnosticsSavesLogsAndInspectOfEveryService) {
  e2e::Stack stack(Engine(), Options("two_services.yml"));
  stack.Up();
  stack.Exec("db", {.cmd = {"sh", "-c", "echo marker-in-logs > /proc/1/fd/1"}});
  const std::string dir = ::testing::TempDir() + "/diagnostics-" + stack.id();
  stack.WriteDiagnostics(dir);
  for (const char* service : {"db", "app"}) {
    EXPECT_TRUE(std::filesystem::exists(dir + "/" + service + ".log")) << service;
    std::ifstream inspect(dir + "/" + service + ".inspect.json");
    EXPECT_EQ(nlohmann::json::parse(inspect)["Config"]["Labels"]["e2e.stack"], stack.id());
  }
  std::ifstream log(dir + "/db.log");
  EXPECT_THAT(std::string(std::istreambuf_iterator<char>(log), {}), HasSubstr("marker-in-logs"));
  std::filesystem::remove_all(dir);
}

}  // namespace

namespace {

// The fixture itself, driven by hand, with a stack that can never come up.
class NeverHealthyFixture : public e2e::StackTest {
 public:
  using e2e::StackTest::SetUp;
  using e2e::StackTest::stack;
  using e2e::StackTest::TearDown;
  void TestBody() override {}

 protected:
  e2e::StackOptions MakeOptions() const override { return Options("never_healthy.yml"); }
};

TEST(StackTestFixture, TearDownRemovesWhatAFailedSetUpCreated) {
  NeverHealthyFixture fixture;
  EXPECT_THROW(fixture.SetUp(), std::exception);
  const std::string id = fixture.stack().id();
  EXPECT_EQ(Engine().ListNetworks({{"label", {"e2e.stack=" + id}}}).size(), 1u)
      << "SetUp failed after creating the network";
  fixture.TearDown();
  ExpectNothingLeft(id);
}

}  // namespace
