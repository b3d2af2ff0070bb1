#include "openai_chat.h"

#include "echo.h"
#include "function_calls.h"
#include "ids.h"

namespace model_stub::openai {
namespace {

long ChatInputTokens(const Json& request) {
  return TokensOfChars(StringChars(Field(request, "messages")) +
                       StringChars(Field(request, "tools")));
}

// response_format: {"type": "json_schema", "json_schema": {"schema": {...}}}
// or {"type": "json_object"}.
AnswerFormat ChatRequestedFormat(const Json& request) {
  const Json& format = Field(request, "response_format");
  const std::string type = StringField(format, "type");
  return {type == "json_schema" || type == "json_object",
          Field(Field(format, "json_schema"), "schema")};
}

FunctionConversation ChatConversation(const Json& request) {
  FunctionConversation conversation;
  const Json& tools = Field(request, "tools");
  if (tools.is_array()) {
    for (const auto& tool : tools) {
      std::string name = StringField(Field(tool, "function"), "name");
      if (!name.empty()) conversation.tools.push_back(std::move(name));
    }
  }
  const Json& messages = Field(request, "messages");
  if (!messages.is_array()) return conversation;
  for (const auto& message : messages) {
    const std::string role = StringField(message, "role");
    if (role == "user") {
      std::string text = ContentText(Field(message, "content"));
      if (IsBlank(text)) continue;
      conversation.prompt = std::move(text);
      conversation.answered = 0;
    } else if (role == "tool") {
      ++conversation.answered;
    }
  }
  return conversation;
}

Json ToolCallJson(const ToolCall& call) {
  return {{"id", "call_" + call.id},
          {"type", "function"},
          {"function", {{"name", call.name}, {"arguments", Dump(call.input)}}}};
}

Json AssistantMessage(const AssistantTurn& turn) {
  if (turn.tool_call) {
    return {{"role", "assistant"},
            {"content", nullptr},
            {"tool_calls", Json::array({ToolCallJson(*turn.tool_call)})},
            {"refusal", nullptr}};
  }
  return {{"role", "assistant"}, {"content", turn.text}, {"refusal", nullptr}};
}

Json Chunk(const Json& completion, Json delta, Json finish_reason) {
  return {
      {"id", Field(completion, "id")},
      {"object", "chat.completion.chunk"},
      {"created", Field(completion, "created")},
      {"model", Field(completion, "model")},
      {"choices",
       {{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", std::move(finish_reason)}}}}};
}

}  // namespace

AssistantTurn DecideChatTurn(const Json& request) {
  if (auto call = NextFunctionCall(ChatConversation(request), "")) return {std::move(call), ""};
  return {std::nullopt, EchoAnswer(request, StringField(request, "model"), ChatInputTokens(request),
                                   ChatRequestedFormat(request))};
}

Json RespondToChat(const Json& request, std::int64_t created) {
  return ChatCompletionFor(request, created, DecideChatTurn(request));
}

Json ChatCompletionFor(const Json& request, std::int64_t created, const AssistantTurn& turn) {
  const std::string model = StringField(request, "model");
  const long input_tokens = ChatInputTokens(request);
  const long output_tokens =
      turn.tool_call ? TokensOfText(Dump(turn.tool_call->input)) : TokensOfText(turn.text);
  return {{"id", StableId("chatcmpl-", Dump(request))},
          {"object", "chat.completion"},
          {"created", created},
          {"model", model},
          {"choices",
           {{{"index", 0},
             {"message", AssistantMessage(turn)},
             {"logprobs", nullptr},
             {"finish_reason", turn.tool_call ? "tool_calls" : "stop"}}}},
          {"usage",
           {{"prompt_tokens", input_tokens},
            {"completion_tokens", output_tokens},
            {"total_tokens", input_tokens + output_tokens}}},
          {"system_fingerprint", nullptr}};
}

std::vector<SseEvent> ChatStreamEvents(const Json& completion, bool include_usage) {
  std::vector<SseEvent> events;
  const Json& choice = Field(completion, "choices")[0];
  const Json& message = Field(choice, "message");
  const Json& tool_calls = Field(message, "tool_calls");
  if (tool_calls.is_array() && !tool_calls.empty()) {
    // The call's id and name come first, its arguments in pieces after.
    const Json& call = tool_calls[0];
    Json head = {
        {"index", 0},
        {"id", Field(call, "id")},
        {"type", "function"},
        {"function", {{"name", Field(Field(call, "function"), "name")}, {"arguments", ""}}}};
    events.push_back(
        {"",
         Chunk(completion,
               {{"role", "assistant"}, {"content", nullptr}, {"tool_calls", Json::array({head})}},
               nullptr)});
    for (auto& piece : SplitForStreaming(StringField(Field(call, "function"), "arguments"))) {
      Json delta = {{"index", 0}, {"function", {{"arguments", std::move(piece)}}}};
      events.push_back({"", Chunk(completion, {{"tool_calls", Json::array({delta})}}, nullptr)});
    }
  } else {
    events.push_back({"", Chunk(completion, {{"role", "assistant"}, {"content", ""}}, nullptr)});
    for (auto& piece : SplitForStreaming(StringField(message, "content"))) {
      events.push_back({"", Chunk(completion, {{"content", std::move(piece)}}, nullptr)});
    }
  }
  events.push_back({"", Chunk(completion, Json::object(), Field(choice, "finish_reason"))});
  if (include_usage) {
    Json usage_chunk = Chunk(completion, Json::object(), nullptr);
    usage_chunk["choices"] = Json::array();
    usage_chunk["usage"] = Field(completion, "usage");
    events.push_back({"", std::move(usage_chunk)});
  }
  events.push_back({"", "[DONE]"});
  return events;
}

}  // namespace model_stub::openai
