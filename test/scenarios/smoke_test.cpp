// Scenario 1 of the plan — server health, model listing, simple chat — through
// the real Claude Code CLI in this test's own stack.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/conditions.h"
#include "e2e/stack_test.h"
#include "scenario_support.h"

namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

class Smoke : public scenario::ScenarioTest {};

TEST_F(Smoke, EveryServiceIsHealthyWithinOneCpuAndOneGiB) {
  for (const std::string& service : stack().services()) {
    SCOPED_TRACE(service);
    const auto inspect = docker().InspectContainer(stack().ContainerId(service));
    EXPECT_TRUE(inspect.state.running);
    if (stack().spec().Find(service)->healthcheck) {
      // SetUp returned once the health check passed (the harness runs it
      // itself during start-up); Docker's status follows within one interval.
      EXPECT_TRUE(e2e::Eventually("Docker to report " + service + " healthy",
                                  e2e::ServiceHealthy(stack(), service), std::chrono::seconds(10)));
    }
    EXPECT_EQ(inspect.raw["HostConfig"]["NanoCpus"].get<int64_t>(), 1'000'000'000);
    EXPECT_EQ(inspect.raw["HostConfig"]["Memory"].get<int64_t>(), int64_t{1} << 30);
    EXPECT_GT(inspect.raw["HostConfig"]["PidsLimit"].get<int64_t>(), 0);
    EXPECT_EQ(inspect.raw["Config"]["Labels"]["e2e.stack"], stack().id());
  }
}

TEST_F(Smoke, ClaudeCodeListsModelsThroughTheMcpServer) {
  const e2e::ClaudeResult run = claude().Run("call list_models with {}");

  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  EXPECT_FALSE(run.is_error) << run.result;
  EXPECT_EQ(run.mcp_servers.at("e2e"), "connected");
  const auto calls = run.CallsOf("list_models");
  ASSERT_THAT(calls, SizeIs(1)) << run.transcript;
  EXPECT_THAT(calls[0].name, MatchesRegex("mcp__.*__list_models"));
  EXPECT_TRUE(calls[0].has_result);
  EXPECT_FALSE(calls[0].is_error);
  EXPECT_THAT(calls[0].result, HasSubstr("chat_with_o3"));
  // The stub's final answer quotes the tool result Claude Code sent back to it.
  OFFLINE_ONLY(
      EXPECT_THAT(run.result, AllOf(HasSubstr("Tool results:"), HasSubstr("chat_with_o3"))));
}

TEST_F(Smoke, ClaudeCodeChatsWithO3AndOnlyThatReachesTheProvider) {
  const e2e::ClaudeResult run = claude().Run(
      R"(call chat_with_o3 with {"instructions":"Repeat SMOKE-42","session_id":"smoke-1"})");

  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  EXPECT_FALSE(run.is_error) << run.result;
  const auto calls = run.CallsOf("chat_with_o3");
  ASSERT_THAT(calls, SizeIs(1)) << run.transcript;
  EXPECT_EQ(calls[0].input["session_id"], "smoke-1");
  EXPECT_FALSE(calls[0].is_error) << calls[0].result;
  OFFLINE_ONLY(EXPECT_THAT(calls[0].result, HasSubstr("SMOKE-42")));
  OFFLINE_ONLY(EXPECT_THAT(run.result, HasSubstr("SMOKE-42")));

  // What reached "the model": exactly one OpenAI Responses request, for o3, with the marker.
  const auto requests = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(requests, SizeIs(1));
  EXPECT_EQ(requests[0].model, "o3");
  EXPECT_THAT(requests[0].body.dump(), HasSubstr("SMOKE-42"));
  EXPECT_EQ(requests[0].status, 200);
}

}  // namespace
