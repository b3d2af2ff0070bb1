#include "function_calls.h"

#include <fmt/format.h>

#include "ascii.h"
#include "directives.h"
#include "ids.h"

namespace model_stub {

std::optional<ToolCall> NextFunctionCall(const FunctionConversation& conversation,
                                         std::string_view id_prefix) {
  if (conversation.tools.empty()) return std::nullopt;
  const auto directives = ParseDirectives(conversation.prompt);
  if (conversation.answered >= directives.size()) return std::nullopt;
  const Directive& directive = directives[conversation.answered];
  const auto name = MatchTool(directive.tool, conversation.tools);
  if (!name) return std::nullopt;
  const std::string id =
      StableId(id_prefix, conversation.prompt) + fmt::format("{:02x}", conversation.answered);
  return ToolCall{id, *name, directive.arguments};
}

std::string ContentText(const Json& content) {
  if (content.is_string()) return content.get<std::string>();
  std::string text;
  if (!content.is_array()) return text;
  for (const auto& part : content) {
    const Json& piece = Field(part, "text");
    if (!piece.is_string()) continue;
    if (!text.empty()) text += "\n";
    text += piece.get_ref<const std::string&>();
  }
  return text;
}

bool IsBlank(std::string_view text) { return StripSpaces(text).empty(); }

}  // namespace model_stub
