#include "anthropic_brain.h"

#include <absl/strings/str_join.h>
#include <fmt/format.h>

#include <string_view>

#include "ascii.h"
#include "directives.h"
#include "ids.h"

namespace model_stub::anthropic {
namespace {

constexpr std::string_view kReminderOpen = "<system-reminder>";
constexpr std::string_view kReminderClose = "</system-reminder>";
constexpr std::size_t kEchoChars = 200;

// Claude Code wraps context it injects into user messages in
// <system-reminder> tags; that is not what the user asked.
std::string WithoutReminders(std::string_view text) {
  std::string kept;
  while (true) {
    const auto open = text.find(kReminderOpen);
    if (open == std::string_view::npos) break;
    kept.append(text.substr(0, open));
    const auto close = text.find(kReminderClose, open);
    if (close == std::string_view::npos) return kept;
    text.remove_prefix(close + kReminderClose.size());
  }
  kept.append(text);
  return kept;
}

bool IsBlankText(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool HasToolResult(const Json& message) {
  const Json& content = Field(message, "content");
  if (!content.is_array()) return false;
  for (const auto& block : content) {
    if (block.is_object() && StringField(block, "type") == "tool_result") return true;
  }
  return false;
}

// The text of `content` (a string or an array of blocks), each block passed
// through `clean`; blocks left blank are dropped.
std::string TextBlocksOf(const Json& content, std::string (*clean)(std::string_view)) {
  if (content.is_string()) return clean(content.get_ref<const std::string&>());
  std::vector<std::string> texts;
  if (content.is_array()) {
    for (const auto& block : content) {
      if (StringField(block, "type") != "text") continue;
      std::string text = clean(StringField(block, "text"));
      if (!IsBlankText(text)) texts.push_back(std::move(text));
    }
  }
  return absl::StrJoin(texts, "\n");
}

std::string Verbatim(std::string_view text) { return std::string(text); }

std::vector<std::string> ToolNames(const Json& request) {
  std::vector<std::string> names;
  const Json& tools = Field(request, "tools");
  if (!tools.is_array()) return names;
  for (const auto& tool : tools) {
    if (Field(tool, "name").is_string()) {
      names.push_back(tool["name"].get<std::string>());
    }
  }
  return names;
}

std::string ToolResultsText(const std::vector<std::string>& results) {
  std::string text = "Tool results:";
  for (const auto& result : results) text += "\n" + result;
  return text;
}

std::string NoSuchToolText(const std::string& wanted, const std::vector<std::string>& available) {
  return fmt::format("No tool named {} is available. Available tools: {}", wanted,
                     available.empty() ? std::string("none") : absl::StrJoin(available, ", "));
}

}  // namespace

std::string UserText(const Json& message) {
  if (!message.is_object()) return "";
  return std::string(StripSpaces(TextBlocksOf(Field(message, "content"), WithoutReminders)));
}

std::optional<std::size_t> FindPromptIndex(const Json& messages) {
  if (!messages.is_array()) return std::nullopt;
  for (std::size_t i = messages.size(); i-- > 0;) {
    const Json& message = messages[i];
    if (!message.is_object() || StringField(message, "role") != "user") continue;
    if (HasToolResult(message) || IsBlankText(UserText(message))) continue;
    return i;
  }
  return std::nullopt;
}

std::vector<std::string> ToolResultsAfter(const Json& messages, std::size_t prompt_index) {
  std::vector<std::string> results;
  for (std::size_t i = prompt_index + 1; i < messages.size(); ++i) {
    const Json& content = Field(messages[i], "content");
    if (!content.is_array()) continue;
    for (const auto& block : content) {
      if (block.is_object() && StringField(block, "type") == "tool_result") {
        results.push_back(TextBlocksOf(Field(block, "content"), Verbatim));
      }
    }
  }
  return results;
}

AssistantTurn DecideTurn(const Json& request) {
  const Json& messages = Field(request, "messages");
  const auto prompt_index = FindPromptIndex(messages);
  const std::string prompt = prompt_index ? UserText(messages[*prompt_index]) : "";
  const auto directives = ParseDirectives(prompt);
  if (directives.empty()) return {std::nullopt, "ECHO: " + PrefixChars(prompt, kEchoChars)};

  const auto results = ToolResultsAfter(messages, *prompt_index);
  if (results.size() >= directives.size()) return {std::nullopt, ToolResultsText(results)};

  const std::size_t next = results.size();
  const Directive& directive = directives[next];
  const auto tool_names = ToolNames(request);
  const auto tool = MatchTool(directive.tool, tool_names);
  if (!tool) return {std::nullopt, NoSuchToolText(directive.tool, tool_names)};
  const std::string id = StableId("toolu_", prompt) + fmt::format("{:02x}", next);
  return {ToolCall{id, *tool, directive.arguments}, ""};
}

}  // namespace model_stub::anthropic
