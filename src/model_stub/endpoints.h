#pragma once
// The provider endpoints as pure functions: a parsed request body in, a Reply
// out. No sockets, so the fuzzer and the unit tests drive them directly; the
// server only routes, journals and renders.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "json_text.h"
#include "provider.h"
#include "sse.h"
#include "turn.h"

namespace model_stub {

enum class Api {
  kNone,  // a path no provider serves
  kMessages,
  kCountTokens,
  kResponses,
  kChat,
  kEmbeddings,
  kGenerateContent
};

// What the server knows of a request besides its body.
struct Call {
  Api api = Api::kNone;
  Provider provider = Provider::kOpenAi;
  std::string model;           // from the body, or Gemini's URL
  bool stream = false;         // "stream": true, or :streamGenerateContent
  bool sse = true;             // Gemini streams without alt=sse are one JSON array
  std::int64_t unix_time = 0;  // for `created` fields
};

// What an endpoint answers: a JSON body, or (when `sse`) a text/event-stream
// of `events`; `raw` (when set) replaces the JSON body with bytes sent as they
// are.
struct Reply {
  int status = 200;
  Json body;
  std::vector<SseEvent> events;
  bool sse = false;
  std::optional<std::string> raw;
  std::map<std::string, std::string> headers;
};

// The echo brain's reply to `body` (400 in the provider's shape when a
// required field is missing or has the wrong type).
Reply EchoReply(const Call& call, const Json& body);

// The reply carrying `turn` (a scripted text or tool call) in the wire format
// of `call` (streamed when the request asked for a stream); nullopt for APIs
// that have no assistant turn (embeddings, count_tokens, unknown paths).
std::optional<Reply> TurnReply(const Call& call, const Json& body, const AssistantTurn& turn);

}  // namespace model_stub
