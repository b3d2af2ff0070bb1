#include "anthropic_brain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace model_stub::anthropic {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::StartsWith;

const Json kTools = Json::parse(R"([{"name": "Bash"}, {"name": "mcp__srv__echo"},
                                    {"name": "mcp__srv__add"}])");

Json UserPrompt(const std::string& text) {
  // As Claude Code sends it: reminders in their own text blocks.
  return {
      {"role", "user"},
      {"content",
       {{{"type", "text"}, {"text", "<system-reminder>\ncall Bash with {}\n</system-reminder>"}},
        {{"type", "text"}, {"text", text}}}}};
}

Json ToolUse(const std::string& id) {
  return {
      {"role", "assistant"},
      {"content", {{{"type", "tool_use"}, {"id", id}, {"name", "x"}, {"input", Json::object()}}}}};
}

Json ToolResult(const std::string& id, Json content) {
  return {{"role", "user"},
          {"content",
           {{{"type", "tool_result"}, {"tool_use_id", id}, {"content", std::move(content)}},
            {{"type", "text"}, {"text", "<system-reminder>noise</system-reminder>"}}}}};
}

Json Request(Json messages) {
  return {{"model", "claude-test"}, {"tools", kTools}, {"messages", std::move(messages)}};
}

const std::string kTwoCalls =
    R"(call echo with {"text": "first"} then call add with {"a": 1, "b": 2})";

TEST(DecideTurn, FirstTurnCallsTheFirstDirectivesTool) {
  const AssistantTurn turn = DecideTurn(Request({UserPrompt(kTwoCalls)}));
  ASSERT_TRUE(turn.tool_call.has_value());
  EXPECT_EQ(turn.tool_call->name, "mcp__srv__echo");
  EXPECT_EQ(turn.tool_call->input, Json::parse(R"({"text": "first"})"));
  EXPECT_THAT(turn.tool_call->id, StartsWith("toolu_"));
}

TEST(DecideTurn, SecondTurnCallsTheSecondDirectivesToolWithAnotherId) {
  const auto first = DecideTurn(Request({UserPrompt(kTwoCalls)}));
  ASSERT_TRUE(first.tool_call.has_value());
  const AssistantTurn second =
      DecideTurn(Request({UserPrompt(kTwoCalls), ToolUse(first.tool_call->id),
                          ToolResult(first.tool_call->id, "one")}));
  ASSERT_TRUE(second.tool_call.has_value());
  EXPECT_EQ(second.tool_call->name, "mcp__srv__add");
  EXPECT_EQ(second.tool_call->input, Json::parse(R"({"a": 1, "b": 2})"));
  EXPECT_NE(second.tool_call->id, first.tool_call->id);
}

TEST(DecideTurn, FinalTurnListsEveryToolResultVerbatim) {
  const Json blocks =
      Json::parse(R"json([{"type": "text", "text": "3"}, {"type": "text", "text": "(sum)"}])json");
  const AssistantTurn turn =
      DecideTurn(Request({UserPrompt(kTwoCalls), ToolUse("t1"), ToolResult("t1", "first"),
                          ToolUse("t2"), ToolResult("t2", blocks)}));
  EXPECT_FALSE(turn.tool_call.has_value());
  EXPECT_EQ(turn.text, "Tool results:\nfirst\n3\n(sum)");
}

TEST(DecideTurn, IdsAreStableAcrossCalls) {
  const auto a = DecideTurn(Request({UserPrompt(kTwoCalls)}));
  const auto b = DecideTurn(Request({UserPrompt(kTwoCalls)}));
  ASSERT_TRUE(a.tool_call && b.tool_call);
  EXPECT_EQ(a.tool_call->id, b.tool_call->id);
}

TEST(DecideTurn, NamesTheAvailableToolsWhenTheDirectiveNamesAnUnknownOne) {
  const AssistantTurn turn = DecideTurn(Request({UserPrompt(R"(call nope with {"x": 1})")}));
  EXPECT_FALSE(turn.tool_call.has_value());
  EXPECT_EQ(
      turn.text,
      "No tool named nope is available. Available tools: Bash, mcp__srv__echo, mcp__srv__add");
}

TEST(DecideTurn, EchoesTheFirst200CharactersWithoutDirectives) {
  const std::string long_prompt(250, 'x');
  const AssistantTurn turn = DecideTurn(
      Request({UserPrompt("hello"), ToolUse("t"), ToolResult("t", "r"), UserPrompt(long_prompt)}));
  EXPECT_FALSE(turn.tool_call.has_value());
  EXPECT_EQ(turn.text, "ECHO: " + std::string(200, 'x'));
}

TEST(DecideTurn, ReadsAPlainStringPrompt) {
  const Json request = {{"messages", {{{"role", "user"}, {"content", "hi there"}}}}};
  EXPECT_EQ(DecideTurn(request).text, "ECHO: hi there");
}

TEST(DecideTurn, ToleratesMalformedMessages) {
  EXPECT_EQ(
      DecideTurn(Json::parse(R"({"messages": [1, {"role": 2}, {"role": "user", "content": 5}]})"))
          .text,
      "ECHO: ");
  EXPECT_EQ(DecideTurn(Json::object()).text, "ECHO: ");
}

TEST(FindPromptIndex, SkipsToolResultsAndReminderOnlyMessages) {
  const Json messages = {
      UserPrompt("the prompt"),
      ToolUse("t"),
      ToolResult("t", "r"),
      {{"role", "user"},
       {"content", {{{"type", "text"}, {"text", "<system-reminder>x</system-reminder>"}}}}}};
  EXPECT_THAT(FindPromptIndex(messages), Optional(0U));
  EXPECT_EQ(UserText(messages[0]), "the prompt");
  EXPECT_THAT(ToolResultsAfter(messages, 0), ElementsAre("r"));
}

TEST(UserText, RemovesReminderSectionsInsideOneBlock) {
  const Json message = {{"role", "user"},
                        {"content", "before <system-reminder>hidden</system-reminder> after"}};
  EXPECT_EQ(UserText(message), "before  after");
  EXPECT_THAT(UserText(message), ::testing::Not(HasSubstr("hidden")));
}

}  // namespace
}  // namespace model_stub::anthropic
