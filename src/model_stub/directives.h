#pragma once
// Directives: how a test scripts the fake model from inside a prompt.
// "call echo with {"text": "hi"}" makes the model call the tool `echo` with
// that input. Several directives run in order, one tool call per turn.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_text.h"

namespace model_stub {

struct Directive {
  std::string tool;  // as written in the prompt, e.g. "echo"
  Json arguments;    // always a JSON object
};

// Every `call <tool> with <json object>` in `text`, in order. The keywords are
// case-insensitive; `call function <name> with ...` (the OpenAI / Gemini
// wording) names the tool <name>. The object is found by matching braces
// outside JSON strings, so braces inside string values are fine. A directive
// whose object is not valid JSON is skipped.
std::vector<Directive> ParseDirectives(std::string_view text);

// The name in `available` that `wanted` designates: the exact name, else the
// first name ending in "__<wanted>" (Claude Code calls MCP tools
// mcp__<server>__<tool>). nullopt when none does.
std::optional<std::string> MatchTool(std::string_view wanted,
                                     const std::vector<std::string>& available);

}  // namespace model_stub
