#pragma once
// What the fake model says next, independent of any wire format: a call of
// one of the request's tools, or a text. Each provider renders it its own way
// (Anthropic tool_use, OpenAI function_call / tool_calls, Gemini functionCall).

#include <optional>
#include <string>

#include "json_text.h"

namespace model_stub {

struct ToolCall {
  std::string id;    // deterministic: a hash of the prompt and the call's index
  std::string name;  // the full tool name from the request, e.g. mcp__srv__echo
  Json input;        // a JSON object
};

// Either a tool call (Anthropic stop_reason "tool_use") or a final text.
struct AssistantTurn {
  std::optional<ToolCall> tool_call;
  std::string text;
};

}  // namespace model_stub
