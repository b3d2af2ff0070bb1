#include "chat_prompt.h"

#include <fmt/format.h>

namespace mcp_server {

std::string ChatSystemText(const ChatArguments& arguments) {
  std::string text;
  if (arguments.output_format) {
    text += "Format your answer as follows: " + *arguments.output_format;
  }
  if (arguments.output_schema) {
    // Native structured output constrains the model already; the reminder
    // helps where a provider only loosely enforces it.
    if (!text.empty()) text += "\n";
    text += "Answer with one JSON value, and nothing else, valid against this JSON Schema: " +
            arguments.output_schema->dump();
  }
  return text;
}

std::string ChatUserText(const std::string& instructions, const std::vector<WorkspaceFile>& files) {
  if (files.empty()) return instructions;
  std::string text = "Context files:\n\n";
  for (const auto& file : files) {
    text += fmt::format("=== FILE: {} ===\n{}\n=== END FILE: {} ===\n\n", file.path, file.text,
                        file.path);
  }
  return text + instructions;
}

}  // namespace mcp_server
