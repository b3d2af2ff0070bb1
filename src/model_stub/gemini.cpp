#include "gemini.h"

#include <string>

#include "echo.h"
#include "function_calls.h"
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

std::vector<std::string> FunctionNames(const Json& tools) {
  std::vector<std::string> names;
  if (!tools.is_array()) return names;
  for (const auto& tool : tools) {
    const Json& declarations = EitherField(tool, "functionDeclarations", "function_declarations");
    if (!declarations.is_array()) continue;
    for (const auto& declaration : declarations) {
      std::string name = StringField(declaration, "name");
      if (!name.empty()) names.push_back(std::move(name));
    }
  }
  return names;
}

bool HasFunctionResponse(const Json& parts) {
  if (!parts.is_array()) return false;
  for (const auto& part : parts) {
    if (!EitherField(part, "functionResponse", "function_response").is_null()) return true;
  }
  return false;
}

std::size_t CountFunctionResponses(const Json& parts) {
  std::size_t count = 0;
  if (!parts.is_array()) return count;
  for (const auto& part : parts) {
    if (!EitherField(part, "functionResponse", "function_response").is_null()) ++count;
  }
  return count;
}

FunctionConversation Conversation(const Json& request) {
  FunctionConversation conversation;
  conversation.tools = FunctionNames(Field(request, "tools"));
  const Json& contents = Field(request, "contents");
  if (!contents.is_array()) return conversation;
  for (const auto& content : contents) {
    const Json& parts = Field(content, "parts");
    const std::string role = StringField(content, "role");
    if ((role.empty() || role == "user") && !HasFunctionResponse(parts)) {
      std::string text = ContentText(parts);
      if (IsBlank(text)) continue;
      conversation.prompt = std::move(text);
      conversation.answered = 0;
    } else {
      conversation.answered += CountFunctionResponses(parts);
    }
  }
  return conversation;
}

Json Part(const AssistantTurn& turn) {
  if (turn.tool_call) {
    return {{"functionCall", {{"name", turn.tool_call->name}, {"args", turn.tool_call->input}}}};
  }
  return {{"text", turn.text}};
}

Json Candidate(const Json& part, bool finished) {
  Json candidate = {{"content", {{"parts", Json::array({part})}, {"role", "model"}}}};
  if (finished) candidate["finishReason"] = "STOP";
  candidate["index"] = 0;
  return candidate;
}

}  // namespace

AssistantTurn DecideGeminiTurn(const Json& request, std::string_view model) {
  if (auto call = NextFunctionCall(Conversation(request), "")) return {std::move(call), ""};
  return {std::nullopt, EchoAnswer(request, model, InputTokens(request), RequestedFormat(request))};
}

Json RespondToGenerateContent(const Json& request, std::string_view model) {
  return GenerateContentFor(request, model, DecideGeminiTurn(request, model));
}

Json GenerateContentFor(const Json& request, std::string_view model, const AssistantTurn& turn) {
  const long input_tokens = InputTokens(request);
  const long output_tokens =
      turn.tool_call ? TokensOfText(Dump(turn.tool_call->input)) : TokensOfText(turn.text);
  return {{"candidates", {Candidate(Part(turn), true)}},
          {"usageMetadata",
           {{"promptTokenCount", input_tokens},
            {"candidatesTokenCount", output_tokens},
            {"totalTokenCount", input_tokens + output_tokens}}},
          {"modelVersion", model},
          {"responseId", StableId("", Dump(request))}};
}

std::vector<Json> StreamChunks(const Json& response) {
  const Json& part = Field(Field(Field(response, "candidates")[0], "content"), "parts")[0];
  std::vector<Json> parts;
  if (Field(part, "text").is_string()) {
    for (auto& piece : SplitForStreaming(StringField(part, "text"))) {
      parts.push_back({{"text", std::move(piece)}});
    }
  } else {
    parts.push_back(part);
  }
  if (parts.empty()) parts.push_back({{"text", ""}});
  std::vector<Json> chunks;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const bool last = i + 1 == parts.size();
    Json chunk = {{"candidates", {Candidate(parts[i], last)}}};
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
