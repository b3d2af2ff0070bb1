#include "anthropic.h"

#include <string>

#include "ids.h"

namespace model_stub::anthropic {
namespace {

// What the model "read": the prompt material, not the request's settings.
long InputTokens(const Json& request) {
  return TokensOfChars(StringChars(Field(request, "system")) +
                       StringChars(Field(request, "messages")) +
                       StringChars(Field(request, "tools")));
}

Json ContentBlock(const AssistantTurn& turn) {
  if (turn.tool_call) {
    return {{"type", "tool_use"},
            {"id", turn.tool_call->id},
            {"name", turn.tool_call->name},
            {"input", turn.tool_call->input}};
  }
  return {{"type", "text"}, {"text", turn.text}};
}

long OutputTokens(const AssistantTurn& turn) {
  return turn.tool_call ? TokensOfText(Dump(turn.tool_call->input)) : TokensOfText(turn.text);
}

Json Usage(long input_tokens, long output_tokens) {
  return {{"input_tokens", input_tokens},
          {"cache_creation_input_tokens", 0},
          {"cache_read_input_tokens", 0},
          {"output_tokens", output_tokens}};
}

// The block as content_block_start announces it: empty, filled by deltas.
Json EmptyBlock(const Json& block) {
  Json empty = block;
  if (StringField(block, "type") == "tool_use") {
    empty["input"] = Json::object();
  } else {
    empty["text"] = "";
  }
  return empty;
}

std::vector<Json> Deltas(const Json& block) {
  std::vector<Json> deltas;
  if (StringField(block, "type") == "tool_use") {
    for (auto& piece : SplitForStreaming(Dump(Field(block, "input")))) {
      deltas.push_back({{"type", "input_json_delta"}, {"partial_json", std::move(piece)}});
    }
  } else {
    for (auto& piece : SplitForStreaming(StringField(block, "text"))) {
      deltas.push_back({{"type", "text_delta"}, {"text", std::move(piece)}});
    }
  }
  return deltas;
}

}  // namespace

Json RespondToMessages(const Json& request) { return MessageFor(request, DecideTurn(request)); }

Json MessageFor(const Json& request, const AssistantTurn& turn) {
  return {{"id", StableId("msg_", Dump(request))},
          {"type", "message"},
          {"role", "assistant"},
          {"model", Field(request, "model")},
          {"content", Json::array({ContentBlock(turn)})},
          {"stop_reason", turn.tool_call ? "tool_use" : "end_turn"},
          {"stop_sequence", nullptr},
          {"usage", Usage(InputTokens(request), OutputTokens(turn))}};
}

std::vector<SseEvent> StreamEvents(const Json& message) {
  const Json& usage = Field(message, "usage");
  Json start = message;
  start["content"] = Json::array();
  start["stop_reason"] = nullptr;
  start["usage"]["output_tokens"] = 1;  // the real API reports a placeholder here

  // Like the real API: a ping right after message_start and then every
  // kPingEvery deltas, so clients' keep-alive handling is exercised on long streams.
  constexpr std::size_t kPingEvery = 20;
  const SseEvent ping{"ping", {{"type", "ping"}}};
  std::size_t deltas_sent = 0;

  std::vector<SseEvent> events;
  events.push_back({"message_start", {{"type", "message_start"}, {"message", start}}});
  events.push_back(ping);
  const Json& content = Field(message, "content");
  for (std::size_t index = 0; index < content.size(); ++index) {
    const Json& block = content[index];
    events.push_back({"content_block_start",
                      {{"type", "content_block_start"},
                       {"index", index},
                       {"content_block", EmptyBlock(block)}}});
    for (auto& delta : Deltas(block)) {
      if (++deltas_sent % kPingEvery == 0) events.push_back(ping);
      events.push_back({"content_block_delta",
                        {{"type", "content_block_delta"}, {"index", index}, {"delta", delta}}});
    }
    events.push_back({"content_block_stop", {{"type", "content_block_stop"}, {"index", index}}});
  }
  events.push_back(
      {"message_delta",
       {{"type", "message_delta"},
        {"delta", {{"stop_reason", Field(message, "stop_reason")}, {"stop_sequence", nullptr}}},
        {"usage", usage}}});
  events.push_back({"message_stop", {{"type", "message_stop"}}});
  return events;
}

Json CountTokens(const Json& request) { return {{"input_tokens", InputTokens(request)}}; }

}  // namespace model_stub::anthropic
