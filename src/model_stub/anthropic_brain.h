#pragma once
// The echo brain behind the fake Messages API: decides, from the conversation
// alone, what the assistant says next. Deterministic and stateless, so Claude
// Code's retries and parallel side requests always get the same answer.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "json_text.h"
#include "turn.h"

namespace model_stub::anthropic {

// Tool call ids are "toolu_" + hash of the prompt and the directive's index.
using model_stub::AssistantTurn;
using model_stub::ToolCall;

// Index in `messages` of the prompt: the latest user message with text of its
// own (not only <system-reminder> blocks) and no tool_result block.
std::optional<std::size_t> FindPromptIndex(const Json& messages);

// The user's text of a message: its text blocks, <system-reminder> sections
// removed, joined with "\n". Content may be a string or an array of blocks.
std::string UserText(const Json& message);

// The text of every tool_result block after messages[prompt_index], in order.
// A result whose content is an array contributes its text blocks joined by "\n".
std::vector<std::string> ToolResultsAfter(const Json& messages, std::size_t prompt_index);

// The next turn for a Messages API request (fields "messages", "tools"):
//  * directives in the prompt not yet answered by a tool_result -> the next
//    one as a tool call (or, if its tool is not offered, a text saying so);
//  * every directive answered -> "Tool results:" and each result's text;
//  * no directive -> "ECHO: " and the first 200 characters of the prompt.
AssistantTurn DecideTurn(const Json& request);

}  // namespace model_stub::anthropic
