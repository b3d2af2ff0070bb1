// The contract between the real Claude Code CLI and model-stub that every
// scenario relies on: directives become tool calls, in order, one per turn,
// and the tool results come back to the stub verbatim. The checks hold for
// any stack file whose x-e2e names the parts: the any_server scenario runs
// this file against stacks/other_server.yml (E2E_COMPOSE_FILE), the reference
// server under another service name, port, path and MCP server name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/stack_test.h"
#include "scenario_support.h"

namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

class ClaudeCodeContract : public scenario::ScenarioTest {};

TEST_F(ClaudeCodeContract, TwoDirectivesCallTwoMcpToolsInOrder) {
  const e2e::ClaudeResult run = claude().Run(
      "call list_models with {} "
      R"(call chat_with_o3 with {"instructions":"Remember ORDER-7","session_id":"contract-1"})");

  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  EXPECT_FALSE(run.is_error) << run.result;
  ASSERT_THAT(run.tool_calls, SizeIs(2)) << run.transcript;
  // Claude Code reached the server under the name the stack file gives it.
  const std::string server = roles().mcp_server.name;
  EXPECT_THAT(run.mcp_servers, ::testing::Contains(::testing::Pair(server, "connected")))
      << run.transcript;
  EXPECT_EQ(run.tool_calls[0].name, "mcp__" + server + "__list_models");
  EXPECT_EQ(run.tool_calls[1].name, "mcp__" + server + "__chat_with_o3");
  EXPECT_EQ(run.tool_calls[1].input["instructions"], "Remember ORDER-7");
  for (const auto& call : run.tool_calls) {
    EXPECT_TRUE(call.has_result) << call.name;
    EXPECT_FALSE(call.is_error) << call.name << ": " << call.result;
  }
  // Both results reach the model's final turn, in order (quoted by the echo brain).
  OFFLINE_ONLY({
    const auto first = run.result.find("chat_with_o3");
    const auto second = run.result.find("ORDER-7");
    ASSERT_NE(first, std::string::npos) << run.result;
    ASSERT_NE(second, std::string::npos) << run.result;
    EXPECT_LT(first, second);
  });

  // Claude Code streamed every turn; the last Anthropic request carried both tool results.
  const auto turns = stub().Requests("anthropic", "/v1/messages");
  ASSERT_FALSE(turns.empty());
  std::vector<e2e::StubRequest> with_tools;
  for (const auto& turn : turns) {
    if (turn.body.contains("tools") && !turn.body["tools"].empty()) with_tools.push_back(turn);
  }
  // The echo brain makes one tool call per turn; a real model may make both in one.
  OFFLINE_ONLY(ASSERT_THAT(with_tools, SizeIs(3))
               << "prompt, after the first result, after the second");
  for (const auto& turn : with_tools) EXPECT_TRUE(turn.stream);
  EXPECT_THAT(with_tools.back().body["messages"].dump(), HasSubstr("ORDER-7"));
}

TEST_F(ClaudeCodeContract, ADirectiveForAMissingToolIsAnsweredWithoutACall) {
  const e2e::ClaudeResult run = claude().Run("call no_such_tool with {}");

  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  EXPECT_THAT(run.tool_calls, SizeIs(0));
  OFFLINE_ONLY(EXPECT_THAT(run.result, HasSubstr("No tool named no_such_tool is available")));
  OFFLINE_ONLY(EXPECT_THAT(run.result, HasSubstr("list_models")));
}

}  // namespace
