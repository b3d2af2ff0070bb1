#include "openai.h"

#include "echo.h"
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

Json RespondToResponses(const Json& request, std::int64_t created_at) {
  const std::string model = StringField(request, "model");
  const std::string seed = Dump(request);
  const std::string text = EchoText(request);
  const bool reasoning = IsReasoningModel(model);

  Json output = Json::array();
  if (reasoning) output.push_back(ReasoningItem(seed));
  output.push_back(MessageItem(seed, text));
  const long output_tokens = TokensOfText(text);
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
    const bool is_message = StringField(item, "type") == "message";
    Json started = item;
    if (is_message) {
      started["status"] = "in_progress";
      started["content"] = Json::array();
    }
    events.Add("response.output_item.added", {{"output_index", index}, {"item", started}});
    if (is_message) AddMessageTextEvents(events, item, index);
    events.Add("response.output_item.done", {{"output_index", index}, {"item", item}});
  }
  events.Add("response.completed", {{"response", response}});
  return events.Take();
}

}  // namespace model_stub::openai
