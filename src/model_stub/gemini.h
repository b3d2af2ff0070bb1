#pragma once
// The fake Gemini generateContent API (AI Studio and Vertex paths share the
// body format), with the same echo brain as OpenAI.

#include <string_view>
#include <vector>

#include "json_text.h"
#include "sse.h"
#include "turn.h"

namespace model_stub::gemini {

// The GenerateContentResponse answering a generateContent body for `model`
// (taken from the URL): one candidate with the echo answer (or JSON valid
// against generationConfig.responseSchema when responseMimeType is
// application/json), finishReason "STOP", usageMetadata.
// REQUIRES: `request` is a JSON object.
// A functionDeclaration in `tools` plus a `call function <name> with {...}`
// directive in the latest user text gives a functionCall part instead, until
// a functionResponse part answers it.
Json RespondToGenerateContent(const Json& request, std::string_view model);

// The echo brain's turn for a generateContent body (see above).
AssistantTurn DecideGeminiTurn(const Json& request, std::string_view model);

// The same response carrying `turn` (a scripted rule's text or tool call).
Json GenerateContentFor(const Json& request, std::string_view model, const AssistantTurn& turn);

// `response` cut into streamGenerateContent chunks: each carries a piece of
// the text (a functionCall part comes whole, in one chunk); the last one the
// finishReason and usageMetadata.
std::vector<Json> StreamChunks(const Json& response);

// The chunks as data-only SSE events (streamGenerateContent?alt=sse).
std::vector<SseEvent> StreamEvents(const Json& response);

}  // namespace model_stub::gemini
