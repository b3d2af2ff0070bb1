#pragma once
// The fake OpenAI Chat Completions API in wire format (same echo brain as the
// Responses API).

#include <cstdint>
#include <vector>

#include "json_text.h"
#include "sse.h"

namespace model_stub::openai {

// The `chat.completion` object answering a POST /v1/chat/completions body:
// one choice whose message content is the echo answer (or JSON valid against
// response_format's json_schema), finish_reason "stop", usage.
// REQUIRES: `request` is a JSON object.
Json RespondToChat(const Json& request, std::int64_t created);

// The `chat.completion.chunk` events (data-only SSE) streaming `completion`:
// a role chunk, content pieces, a chunk with finish_reason, a usage chunk when
// `include_usage`, then the literal [DONE].
std::vector<SseEvent> ChatStreamEvents(const Json& completion, bool include_usage);

}  // namespace model_stub::openai
