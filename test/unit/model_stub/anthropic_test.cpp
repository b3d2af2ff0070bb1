#include "anthropic.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace model_stub::anthropic {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

Json RequestWithPrompt(const std::string& prompt) {
  return {{"model", "claude-sonnet-test"},
          {"tools", {{{"name", "mcp__srv__echo"}}}},
          {"messages", {{{"role", "user"}, {"content", prompt}}}}};
}

std::vector<std::string> EventTypes(const std::vector<SseEvent>& events) {
  std::vector<std::string> types;
  for (const auto& event : events) types.push_back(event.event);
  return types;
}

TEST(RespondToMessages, BuildsAMessageObjectForText) {
  const Json message = RespondToMessages(RequestWithPrompt("0123456789abcdef"));
  EXPECT_THAT(message["id"].get<std::string>(), StartsWith("msg_"));
  EXPECT_EQ(message["type"], "message");
  EXPECT_EQ(message["role"], "assistant");
  EXPECT_EQ(message["model"], "claude-sonnet-test");
  EXPECT_EQ(message["stop_reason"], "end_turn");
  EXPECT_EQ(message["content"],
            Json::parse(R"([{"type": "text", "text": "ECHO: 0123456789abcdef"}])"));
  EXPECT_EQ(message["usage"]["output_tokens"], 22 / 4);
  EXPECT_GT(message["usage"]["input_tokens"].get<long>(), 0);
}

TEST(RespondToMessages, BuildsAToolUseBlock) {
  const Json message = RespondToMessages(RequestWithPrompt(R"(call echo with {"text": "hi"})"));
  EXPECT_EQ(message["stop_reason"], "tool_use");
  ASSERT_EQ(message["content"].size(), 1U);
  EXPECT_EQ(message["content"][0]["type"], "tool_use");
  EXPECT_EQ(message["content"][0]["name"], "mcp__srv__echo");
  EXPECT_EQ(message["content"][0]["input"], Json::parse(R"({"text": "hi"})"));
}

TEST(StreamEvents, FollowTheMessagesStreamingSequence) {
  const Json message = RespondToMessages(RequestWithPrompt(std::string(100, 'z')));
  const auto events = StreamEvents(message);
  EXPECT_THAT(EventTypes(events),
              ElementsAre("message_start", "ping", "content_block_start", "content_block_delta",
                          "content_block_delta", "content_block_delta", "content_block_stop",
                          "message_delta", "message_stop"));
  for (const auto& event : events) EXPECT_EQ(event.data["type"], event.event);
  EXPECT_EQ(events[0].data["message"]["content"], Json::array());
  EXPECT_EQ(events[0].data["message"]["model"], "claude-sonnet-test");
  std::string text;
  for (const auto& event : events) {
    if (event.event == "content_block_delta") {
      EXPECT_EQ(event.data["delta"]["type"], "text_delta");
      text += event.data["delta"]["text"].get<std::string>();
    }
  }
  EXPECT_EQ(text, message["content"][0]["text"]);
  EXPECT_EQ(events[7].data["delta"]["stop_reason"], "end_turn");
  EXPECT_EQ(events[7].data["usage"]["output_tokens"], message["usage"]["output_tokens"]);
}

TEST(StreamEvents, LongStreamsCarryPingEvents) {
  Json message = RespondToMessages(RequestWithPrompt("hello"));
  message["content"][0]["text"] = std::string(5000, 'p');  // e.g. a long tool result quoted back
  const auto types = EventTypes(StreamEvents(message));
  const auto deltas = std::count(types.begin(), types.end(), "content_block_delta");
  const auto pings = std::count(types.begin(), types.end(), "ping");
  ASSERT_GE(deltas, 20);
  EXPECT_EQ(pings, 1 + deltas / 20);
}

TEST(StreamEvents, StreamToolInputAsPartialJson) {
  const Json message = RespondToMessages(
      RequestWithPrompt(R"(call echo with {"text": "a long enough value to need two pieces"})"));
  const auto events = StreamEvents(message);
  ASSERT_GE(events.size(), 7U);
  EXPECT_EQ(events[2].data["content_block"]["type"], "tool_use");
  EXPECT_EQ(events[2].data["content_block"]["input"], Json::object());
  std::string partial_json;
  for (const auto& event : events) {
    if (event.event == "content_block_delta") {
      EXPECT_EQ(event.data["delta"]["type"], "input_json_delta");
      partial_json += event.data["delta"]["partial_json"].get<std::string>();
    }
  }
  EXPECT_EQ(Json::parse(partial_json), message["content"][0]["input"]);
  EXPECT_EQ(events[events.size() - 2].data["delta"]["stop_reason"], "tool_use");
}

TEST(FormatSse, WritesEventAndDataLines) {
  EXPECT_EQ(FormatSse({"message_stop", {{"type", "message_stop"}}}),
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
}

TEST(SplitForStreaming, NeverCutsAUtf8Character) {
  const std::string text = "\xC3\xA9\xC3\xA9\xC3\xA9";  // "ééé"
  const auto pieces = SplitForStreaming(text, 3);
  EXPECT_THAT(pieces, ElementsAre("\xC3\xA9\xC3\xA9", "\xC3\xA9"));
}

TEST(CountTokens, CountsCharactersOverFour) {
  EXPECT_EQ(CountTokens(Json::parse(R"({"messages": [{"role": "user", "content": "12345678"}]})")),
            Json::parse(R"({"input_tokens": 3})"));
}

}  // namespace
}  // namespace model_stub::anthropic
