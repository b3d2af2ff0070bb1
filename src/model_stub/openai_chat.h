#pragma once
// The fake OpenAI Chat Completions API in wire format (same echo brain as the
// Responses API).

#include <cstdint>
#include <vector>

#include "json_text.h"
#include "sse.h"
#include "turn.h"

namespace model_stub::openai {

// The echo brain's turn for a Chat Completions body: the next `call function
// <name> with {...}` directive of the latest user message when `tools` offers
// that function and no tool message answers it yet, else the echo answer.
AssistantTurn DecideChatTurn(const Json& request);

// The `chat.completion` object answering a POST /v1/chat/completions body:
// one choice whose message content is the echo answer (or JSON valid against
// response_format's json_schema), finish_reason "stop" -- or whose message
// carries `tool_calls`, finish_reason "tool_calls" -- and usage.
// REQUIRES: `request` is a JSON object.
Json RespondToChat(const Json& request, std::int64_t created);

// The same completion carrying `turn` (a scripted rule's text or tool call).
Json ChatCompletionFor(const Json& request, std::int64_t created, const AssistantTurn& turn);

// The `chat.completion.chunk` events (data-only SSE) streaming `completion`:
// a role chunk, content (or tool call arguments) pieces, a chunk with
// finish_reason, a usage chunk when
// `include_usage`, then the literal [DONE].
std::vector<SseEvent> ChatStreamEvents(const Json& completion, bool include_usage);

}  // namespace model_stub::openai
