#pragma once
// Server-sent events as the streaming APIs frame them.

#include <string>
#include <vector>

#include "json_text.h"

namespace model_stub {

struct SseEvent {
  std::string event;  // the `event:` line, e.g. "message_start"; empty: no such line
  Json data;          // the `data:` line: JSON on one line, or a string sent as is
};

// "event: <event>\ndata: <json>\n\n"; OpenAI Chat and Gemini streams have no
// event lines, and Chat ends with the bare "data: [DONE]".
std::string FormatSse(const SseEvent& event);

// Splits `text` into pieces of about `piece_bytes` bytes without cutting a
// UTF-8 character, so streamed deltas exercise the client's reassembly.
std::vector<std::string> SplitForStreaming(const std::string& text, std::size_t piece_bytes = 40);

}  // namespace model_stub
