#pragma once
// The fake Anthropic Messages API in wire format: request JSON in, response
// JSON (or the SSE events of a streamed response) out. No sockets here.

#include <vector>

#include "anthropic_brain.h"
#include "json_text.h"
#include "sse.h"

namespace model_stub::anthropic {

// The `message` object answering a POST /v1/messages body: id, type, role,
// model (the request's), content, stop_reason, stop_sequence, usage.
// REQUIRES: `request` is a JSON object.
Json RespondToMessages(const Json& request);

// The same `message` object carrying `turn` instead of the echo brain's
// decision (a scripted rule's text or tool call).
Json MessageFor(const Json& request, const AssistantTurn& turn);

// The events that stream `message` (as built by RespondToMessages):
// message_start, then per content block content_block_start,
// content_block_delta (text_delta / input_json_delta) pieces and
// content_block_stop, then message_delta (stop_reason, usage) and
// message_stop.
std::vector<SseEvent> StreamEvents(const Json& message);

// The answer to POST /v1/messages/count_tokens: {"input_tokens": N}.
Json CountTokens(const Json& request);

}  // namespace model_stub::anthropic
