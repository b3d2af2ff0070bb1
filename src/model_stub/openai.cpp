#include "openai.h"

#include "echo.h"
#include "function_calls.h"
#include "ids.h"

namespace model_stub::openai {
namespace {

long InputTokens(const Json& request) {
  return TokensOfChars(StringChars(Field(request, "instructions")) +
                       StringChars(Field(request, "input")) + StringChars(Field(request, "tools")));
}

// text.format: {"type": "json_schema", "schema": {...}} or {"type": "json_object"}.
AnswerFormat RequestedFormat(const Json& request) {
  const Json& format = Field(Field(request, "text"), "format");
  const std::string type = StringField(format, "type");
  return {type == "json_schema" || type == "json_object", Field(format, "schema")};
}

Json ReasoningItem(const std::string& seed) {
  return {{"type", "reasoning"}, {"id", StableId("rs_", seed)}, {"summary", Json::array()}};
}

Json OutputText(const std::string& text) {
  return {{"type", "output_text"}, {"text", text}, {"annotations", Json::array()}};
}

Json MessageItem(const std::string& seed, const std::string& text) {
  return {{"type", "message"},
          {"id", StableId("msg_", seed)},
          {"status", "completed"},
          {"role", "assistant"},
          {"content", Json::array({OutputText(text)})}};
}

Json FunctionCallItem(const ToolCall& call) {
  return {{"type", "function_call"},       {"id", "fc_" + call.id},
          {"call_id", "call_" + call.id},  {"name", call.name},
          {"arguments", Dump(call.input)}, {"status", "completed"}};
}

// Responses tools are {"type": "function", "name": ...}; the Chat shape
// {"function": {"name": ...}} is accepted too.
std::vector<std::string> FunctionNames(const Json& tools) {
  std::vector<std::string> names;
  if (!tools.is_array()) return names;
  for (const auto& tool : tools) {
    std::string name = StringField(tool, "name");
    if (name.empty()) name = StringField(Field(tool, "function"), "name");
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

bool IsUserMessage(const Json& item) {
  const std::string type = StringField(item, "type");
  return (type.empty() || type == "message") && StringField(item, "role") == "user";
}

FunctionConversation Conversation(const Json& request) {
  FunctionConversation conversation;
  conversation.tools = FunctionNames(Field(request, "tools"));
  const Json& input = Field(request, "input");
  if (input.is_string()) {
    conversation.prompt = input.get<std::string>();
    return conversation;
  }
  if (!input.is_array()) return conversation;
  for (const auto& item : input) {
    if (IsUserMessage(item)) {
      std::string text = ContentText(Field(item, "content"));
      if (IsBlank(text)) continue;
      conversation.prompt = std::move(text);
      conversation.answered = 0;
    } else if (StringField(item, "type") == "function_call_output") {
      ++conversation.answered;
    }
  }
  return conversation;
}

Json Usage(long input_tokens, long output_tokens, long reasoning_tokens) {
  return {{"input_tokens", input_tokens},
          {"input_tokens_details", {{"cached_tokens", 0}}},
          {"output_tokens", output_tokens},
          {"output_tokens_details", {{"reasoning_tokens", reasoning_tokens}}},
          {"total_tokens", input_tokens + output_tokens}};
}

// Numbers SSE events in order, as the real stream does.
class EventList {
 public:
  void Add(const std::string& type, Json data) {
    Json event = {{"type", type}, {"sequence_number", events_.size()}};
    event.update(data);
    events_.push_back({type, std::move(event)});
  }
  std::vector<SseEvent> Take() { return std::move(events_); }

 private:
  std::vector<SseEvent> events_;
};

void AddFunctionCallEvents(EventList& events, const Json& item, std::size_t output_index) {
  const Json where = {{"item_id", Field(item, "id")}, {"output_index", output_index}};
  const std::string arguments = StringField(item, "arguments");
  for (const auto& piece : SplitForStreaming(arguments)) {
    Json delta = where;
    delta["delta"] = piece;
    events.Add("response.function_call_arguments.delta", delta);
  }
  Json done = where;
  done["arguments"] = arguments;
  events.Add("response.function_call_arguments.done", done);
}

void AddMessageTextEvents(EventList& events, const Json& item, std::size_t output_index) {
  const std::string item_id = StringField(item, "id");
  const std::string text = StringField(Field(item, "content")[0], "text");
  const Json where = {{"item_id", item_id}, {"output_index", output_index}, {"content_index", 0}};
  Json added = where;
  added["part"] = OutputText("");
  events.Add("response.content_part.added", added);
  for (const auto& piece : SplitForStreaming(text)) {
    Json delta = where;
    delta["delta"] = piece;
    events.Add("response.output_text.delta", delta);
  }
  Json text_done = where;
  text_done["text"] = text;
  events.Add("response.output_text.done", text_done);
  Json part_done = where;
  part_done["part"] = OutputText(text);
  events.Add("response.content_part.done", part_done);
}

}  // namespace

bool IsReasoningModel(std::string_view model) {
  return model.size() >= 2 && model[0] == 'o' && model[1] >= '0' && model[1] <= '9';
}

std::string EchoText(const Json& request) {
  return EchoAnswer(request, StringField(request, "model"), InputTokens(request),
                    RequestedFormat(request));
}

AssistantTurn DecideResponsesTurn(const Json& request) {
  if (auto call = NextFunctionCall(Conversation(request), "")) return {std::move(call), ""};
  return {std::nullopt, EchoText(request)};
}

Json RespondToResponses(const Json& request, std::int64_t created_at) {
  return ResponseFor(request, created_at, DecideResponsesTurn(request));
}

Json ResponseFor(const Json& request, std::int64_t created_at, const AssistantTurn& turn) {
  const std::string model = StringField(request, "model");
  const std::string seed = Dump(request);
  const bool reasoning = IsReasoningModel(model);

  Json output = Json::array();
  if (reasoning) output.push_back(ReasoningItem(seed));
  output.push_back(turn.tool_call ? FunctionCallItem(*turn.tool_call)
                                  : MessageItem(seed, turn.text));
  const long output_tokens =
      turn.tool_call ? TokensOfText(Dump(turn.tool_call->input)) : TokensOfText(turn.text);
  return {{"id", StableId("resp_", seed)},
          {"object", "response"},
          {"created_at", created_at},
          {"status", "completed"},
          {"error", nullptr},
          {"incomplete_details", nullptr},
          {"instructions", Field(request, "instructions")},
          {"max_output_tokens", Field(request, "max_output_tokens")},
          {"model", model},
          {"output", output},
          {"parallel_tool_calls", true},
          {"previous_response_id", Field(request, "previous_response_id")},
          {"reasoning", {{"effort", reasoning ? Json("medium") : Json()}, {"summary", nullptr}}},
          {"store", false},
          {"temperature", 1.0},
          {"text", Field(request, "text").is_object() ? Field(request, "text")
                                                      : Json{{"format", {{"type", "text"}}}}},
          {"tool_choice", "auto"},
          {"tools", Json::array()},
          {"top_p", 1.0},
          {"truncation", "disabled"},
          {"usage", Usage(InputTokens(request), output_tokens, 0)},
          {"user", nullptr},
          {"metadata", Json::object()}};
}

std::vector<SseEvent> StreamEvents(const Json& response) {
  EventList events;
  Json in_progress = response;
  in_progress["status"] = "in_progress";
  in_progress["output"] = Json::array();
  in_progress["usage"] = nullptr;
  events.Add("response.created", {{"response", in_progress}});
  events.Add("response.in_progress", {{"response", in_progress}});

  const Json& output = Field(response, "output");
  for (std::size_t index = 0; index < output.size(); ++index) {
    const Json& item = output[index];
    const std::string type = StringField(item, "type");
    Json started = item;
    if (type == "message") {
      started["status"] = "in_progress";
      started["content"] = Json::array();
    } else if (type == "function_call") {
      started["status"] = "in_progress";
      started["arguments"] = "";
    }
    events.Add("response.output_item.added", {{"output_index", index}, {"item", started}});
    if (type == "message") AddMessageTextEvents(events, item, index);
    if (type == "function_call") AddFunctionCallEvents(events, item, index);
    events.Add("response.output_item.done", {{"output_index", index}, {"item", item}});
  }
  events.Add("response.completed", {{"response", response}});
  return events.Take();
}

}  // namespace model_stub::openai
