#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/claude_runner.h"

namespace {

using ::testing::SizeIs;

// Shaped like Claude Code 2.1's `--output-format stream-json --verbose`.
constexpr const char* kTranscript =
    R"({"type":"system","subtype":"init","session_id":"s1","mcp_servers":[{"name":"e2e","status":"connected"}],"tools":["mcp__e2e__list_models"]}
{"type":"assistant","message":{"content":[{"type":"tool_use","id":"toolu_1","name":"mcp__e2e__list_models","input":{}}]}}
{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"[{\"tool\":\"chat_with_o3\"}]"}]}]}}
{"type":"assistant","message":{"content":[{"type":"tool_use","id":"toolu_2","name":"mcp__e2e__chat_with_o3","input":{"instructions":"hi","session_id":"x"}}]}}
not json: a warning line
{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_2","content":"provider failed","is_error":true}]}}
{"type":"result","subtype":"success","is_error":false,"result":"Tool results: ...","num_turns":3,"session_id":"s1"}
)";

TEST(ParseStreamJson, CollectsToolCallsWithTheirResults) {
  const e2e::ClaudeResult result = e2e::ParseStreamJson(kTranscript);
  ASSERT_THAT(result.tool_calls, SizeIs(2));
  EXPECT_EQ(result.tool_calls[0].name, "mcp__e2e__list_models");
  EXPECT_TRUE(result.tool_calls[0].has_result);
  EXPECT_EQ(result.tool_calls[0].result, R"([{"tool":"chat_with_o3"}])");
  EXPECT_FALSE(result.tool_calls[0].is_error);
  EXPECT_EQ(result.tool_calls[1].input["session_id"], "x");
  EXPECT_EQ(result.tool_calls[1].result, "provider failed");
  EXPECT_TRUE(result.tool_calls[1].is_error);
}

TEST(ParseStreamJson, ReadsTheInitAndResultEvents) {
  const e2e::ClaudeResult result = e2e::ParseStreamJson(kTranscript);
  EXPECT_EQ(result.mcp_servers.at("e2e"), "connected");
  EXPECT_FALSE(result.is_error);
  EXPECT_EQ(result.result, "Tool results: ...");
  EXPECT_EQ(result.num_turns, 3);
  EXPECT_EQ(result.session_id, "s1");
}

TEST(ParseStreamJson, CallsOfMatchesMcpNamesBySuffixOnly) {
  const e2e::ClaudeResult result = e2e::ParseStreamJson(kTranscript);
  EXPECT_THAT(result.CallsOf("list_models"), SizeIs(1));
  EXPECT_THAT(result.CallsOf("models"), SizeIs(0));
  EXPECT_THAT(result.CallsOf("mcp__e2e__chat_with_o3"), SizeIs(1));
}

TEST(ParseStreamJson, KeepsEachTextBlockOfAResultApart) {
  const e2e::ClaudeResult result = e2e::ParseStreamJson(
      R"({"type":"assistant","message":{"content":[{"type":"tool_use","id":"t","name":"a","input":{}}]}}
{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"answer"},{"type":"image","data":""},{"type":"text","text":"{\"report\":1}"}]}]}}
)");
  ASSERT_THAT(result.tool_calls, SizeIs(1));
  EXPECT_THAT(result.tool_calls[0].result_blocks,
              ::testing::ElementsAre("answer", R"({"report":1})"));
  EXPECT_EQ(result.tool_calls[0].result, R"(answer{"report":1})");
}

TEST(ParseStreamJson, AMissingResultEventCountsAsAnError) {
  const e2e::ClaudeResult result =
      e2e::ParseStreamJson("{\"type\":\"system\",\"subtype\":\"init\"}\n");
  EXPECT_TRUE(result.is_error);
  EXPECT_TRUE(result.tool_calls.empty());
}

}  // namespace
