#include "openai_chat.h"

#include "echo.h"
#include "ids.h"

namespace model_stub::openai {
namespace {

long InputTokens(const Json& request) {
  return TokensOfChars(StringChars(Field(request, "messages")) +
                       StringChars(Field(request, "tools")));
}

// response_format: {"type": "json_schema", "json_schema": {"schema": {...}}}
// or {"type": "json_object"}.
AnswerFormat RequestedFormat(const Json& request) {
  const Json& format = Field(request, "response_format");
  const std::string type = StringField(format, "type");
  return {type == "json_schema" || type == "json_object",
          Field(Field(format, "json_schema"), "schema")};
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

Json RespondToChat(const Json& request, std::int64_t created) {
  const std::string model = StringField(request, "model");
  const long input_tokens = InputTokens(request);
  const std::string text = EchoAnswer(request, model, input_tokens, RequestedFormat(request));
  const long output_tokens = TokensOfText(text);
  return {{"id", StableId("chatcmpl-", Dump(request))},
          {"object", "chat.completion"},
          {"created", created},
          {"model", model},
          {"choices",
           {{{"index", 0},
             {"message", {{"role", "assistant"}, {"content", text}, {"refusal", nullptr}}},
             {"logprobs", nullptr},
             {"finish_reason", "stop"}}}},
          {"usage",
           {{"prompt_tokens", input_tokens},
            {"completion_tokens", output_tokens},
            {"total_tokens", input_tokens + output_tokens}}},
          {"system_fingerprint", nullptr}};
}

std::vector<SseEvent> ChatStreamEvents(const Json& completion, bool include_usage) {
  std::vector<SseEvent> events;
  events.push_back({"", Chunk(completion, {{"role", "assistant"}, {"content", ""}}, nullptr)});
  const std::string text =
      StringField(Field(Field(completion, "choices")[0], "message"), "content");
  for (auto& piece : SplitForStreaming(text)) {
    events.push_back({"", Chunk(completion, {{"content", std::move(piece)}}, nullptr)});
  }
  events.push_back({"", Chunk(completion, Json::object(), "stop")});
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
