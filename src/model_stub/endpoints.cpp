#include "endpoints.h"

#include <exception>
#include <utility>

#include "anthropic.h"
#include "embeddings.h"
#include "gemini.h"
#include "openai.h"
#include "openai_chat.h"

namespace model_stub {
namespace {

bool IncludeUsage(const Json& body) {
  return Field(Field(body, "stream_options"), "include_usage") == true;
}

Reply Error(const Call& call, int status, std::string message) {
  return {status, ErrorBody(call.provider, status, message), {}, false, std::nullopt, {}};
}

Reply JsonReply(Json body) { return {200, std::move(body), {}, false, std::nullopt, {}}; }

Reply StreamReply(std::vector<SseEvent> events) {
  return {200, Json(), std::move(events), true, std::nullopt, {}};
}

// The missing or mistyped required field of `body` for `call`, as the
// provider would word it; empty when the request is usable.
std::string MissingField(const Call& call, const Json& body) {
  switch (call.api) {
    case Api::kMessages:
      return Field(body, "messages").is_array() ? "" : "messages: Field required";
    case Api::kResponses:
      return Field(body, "input").is_null() ? "Missing required parameter: 'input'." : "";
    case Api::kChat:
      return Field(body, "messages").is_array() ? "" : "Missing required parameter: 'messages'.";
    case Api::kGenerateContent:
      return Field(body, "contents").is_array() ? "" : "contents is required";
    case Api::kCountTokens:
    case Api::kEmbeddings:
    case Api::kNone:
      break;
  }
  return "";
}

Reply Render(const Call& call, const Json& body, const AssistantTurn& turn) {
  switch (call.api) {
    case Api::kMessages: {
      Json message = anthropic::MessageFor(body, turn);
      if (call.stream) return StreamReply(anthropic::StreamEvents(message));
      return JsonReply(std::move(message));
    }
    case Api::kResponses: {
      Json response = openai::ResponseFor(body, call.unix_time, turn);
      if (call.stream) return StreamReply(openai::StreamEvents(response));
      return JsonReply(std::move(response));
    }
    case Api::kChat: {
      Json completion = openai::ChatCompletionFor(body, call.unix_time, turn);
      if (call.stream) return StreamReply(openai::ChatStreamEvents(completion, IncludeUsage(body)));
      return JsonReply(std::move(completion));
    }
    case Api::kGenerateContent: {
      Json response = gemini::GenerateContentFor(body, call.model, turn);
      if (!call.stream) return JsonReply(std::move(response));
      if (call.sse) return StreamReply(gemini::StreamEvents(response));
      Json chunks = Json::array();
      for (auto& chunk : gemini::StreamChunks(response)) chunks.push_back(std::move(chunk));
      return JsonReply(std::move(chunks));
    }
    case Api::kCountTokens:
    case Api::kEmbeddings:
    case Api::kNone:
      break;
  }
  return Error(call, 500, "no assistant turn for this endpoint");
}

AssistantTurn EchoTurn(const Call& call, const Json& body) {
  switch (call.api) {
    case Api::kMessages:
      return anthropic::DecideTurn(body);
    case Api::kResponses:
      return openai::DecideResponsesTurn(body);
    case Api::kChat:
      return openai::DecideChatTurn(body);
    case Api::kGenerateContent:
      return gemini::DecideGeminiTurn(body, call.model);
    case Api::kCountTokens:
    case Api::kEmbeddings:
    case Api::kNone:
      break;
  }
  return {};
}

bool HasTurn(Api api) {
  return api == Api::kMessages || api == Api::kResponses || api == Api::kChat ||
         api == Api::kGenerateContent;
}

}  // namespace

Reply EchoReply(const Call& call, const Json& body) {
  if (call.api == Api::kNone) return Error(call, 404, "Invalid URL");
  if (!body.is_object()) {
    return Error(call, 400, "The request body is not a valid JSON object.");
  }
  if (auto missing = MissingField(call, body); !missing.empty()) {
    return Error(call, 400, std::move(missing));
  }
  try {
    if (call.api == Api::kCountTokens) return JsonReply(anthropic::CountTokens(body));
    if (call.api == Api::kEmbeddings) {
      Json embeddings = RespondToEmbeddings(body);
      if (embeddings.is_null()) {
        return Error(call, 400, "'input' must be a string or a non-empty array of strings.");
      }
      return JsonReply(std::move(embeddings));
    }
    return Render(call, body, EchoTurn(call, body));
  } catch (const std::exception& e) {
    // Malformed but parseable input (a number where an object belongs) is
    // the client's error, as the real APIs would say.
    return Error(call, 400, std::string("Invalid request: ") + e.what());
  }
}

std::optional<Reply> TurnReply(const Call& call, const Json& body, const AssistantTurn& turn) {
  if (!HasTurn(call.api)) return std::nullopt;
  // A scripted answer does not need a well-formed request: the client under
  // test may be the thing being checked.
  const Json& request = body.is_object() ? body : Json::object();
  try {
    return Render(call, request, turn);
  } catch (const std::exception& e) {
    return Error(call, 400, std::string("Invalid request: ") + e.what());
  }
}

}  // namespace model_stub
