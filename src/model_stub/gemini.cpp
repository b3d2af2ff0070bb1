#include "gemini.h"

#include <string>

#include "echo.h"
#include "ids.h"

namespace model_stub::gemini {
namespace {

long InputTokens(const Json& request) {
  return TokensOfChars(StringChars(Field(request, "systemInstruction")) +
                       StringChars(Field(request, "system_instruction")) +
                       StringChars(Field(request, "contents")) +
                       StringChars(Field(request, "tools")));
}

// The REST API accepts camelCase and snake_case field names alike.
const Json& EitherField(const Json& object, std::string_view camel, std::string_view snake) {
  const Json& value = Field(object, camel);
  return value.is_null() ? Field(object, snake) : value;
}

AnswerFormat RequestedFormat(const Json& request) {
  const Json& config = EitherField(request, "generationConfig", "generation_config");
  const std::string mime =
      StringField(config, "responseMimeType") + StringField(config, "response_mime_type");
  Json schema = EitherField(config, "responseSchema", "response_schema");
  if (schema.is_null()) schema = EitherField(config, "responseJsonSchema", "response_json_schema");
  return {mime == "application/json", schema};
}

Json Candidate(const std::string& text, bool finished) {
  Json candidate = {{"content", {{"parts", {{{"text", text}}}}, {"role", "model"}}}};
  if (finished) candidate["finishReason"] = "STOP";
  candidate["index"] = 0;
  return candidate;
}

}  // namespace

Json RespondToGenerateContent(const Json& request, std::string_view model) {
  const long input_tokens = InputTokens(request);
  const std::string text = EchoAnswer(request, model, input_tokens, RequestedFormat(request));
  const long output_tokens = TokensOfText(text);
  return {{"candidates", {Candidate(text, true)}},
          {"usageMetadata",
           {{"promptTokenCount", input_tokens},
            {"candidatesTokenCount", output_tokens},
            {"totalTokenCount", input_tokens + output_tokens}}},
          {"modelVersion", model},
          {"responseId", StableId("", Dump(request))}};
}

std::vector<Json> StreamChunks(const Json& response) {
  const std::string text =
      StringField(Field(Field(Field(response, "candidates")[0], "content"), "parts")[0], "text");
  auto pieces = SplitForStreaming(text);
  if (pieces.empty()) pieces.emplace_back();
  std::vector<Json> chunks;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const bool last = i + 1 == pieces.size();
    Json chunk = {{"candidates", {Candidate(pieces[i], last)}}};
    if (last) chunk["usageMetadata"] = Field(response, "usageMetadata");
    chunk["modelVersion"] = Field(response, "modelVersion");
    chunk["responseId"] = Field(response, "responseId");
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

std::vector<SseEvent> StreamEvents(const Json& response) {
  std::vector<SseEvent> events;
  for (auto& chunk : StreamChunks(response)) events.push_back({"", std::move(chunk)});
  return events;
}

}  // namespace model_stub::gemini
