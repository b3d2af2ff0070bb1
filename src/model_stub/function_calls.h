#pragma once
// Function calls for the OpenAI and Gemini echo brain: a function offered in
// the request plus `call function <name> with <json>` in the latest user text
// makes the model call it, one directive per turn, before it answers with the
// echo text. The providers extract the conversation; this decides.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "turn.h"

namespace model_stub {

// What a provider request shows of a function-calling conversation.
struct FunctionConversation {
  std::string prompt;              // the latest user text
  std::vector<std::string> tools;  // names of the functions offered
  std::size_t answered = 0;        // function outputs sent after the prompt
};

// The call due next: the directive of `conversation.prompt` at index
// `answered`, when it names an offered function (exact name, or a name ending
// in "__<name>"). nullopt when no call is due: no directive, all answered, or
// the function is not offered (the model then answers with text).
// The call's id is `id_prefix` + a hash of the prompt + the directive's index.
std::optional<ToolCall> NextFunctionCall(const FunctionConversation& conversation,
                                         std::string_view id_prefix);

// The text of a message's content: a string, or an array of parts whose
// string "text" members are joined with "\n" (OpenAI input_text / text parts,
// Gemini text parts). Anything else gives "".
std::string ContentText(const Json& content);

// True when `text` has nothing but whitespace.
bool IsBlank(std::string_view text);

}  // namespace model_stub
