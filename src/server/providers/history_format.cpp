#include "history_format.h"

namespace mcp_server {

std::vector<ChatMessage> MessagesFromTurns(const std::vector<Turn>& turns) {
  std::vector<ChatMessage> messages;
  messages.reserve(turns.size());
  for (const auto& turn : turns) messages.push_back({turn.role, turn.content});
  return messages;
}

nlohmann::json ToResponsesInput(const std::vector<ChatMessage>& messages) {
  auto input = nlohmann::json::array();
  for (const auto& message : messages) {
    input.push_back({{"role", message.role}, {"content", message.content}});
  }
  return input;
}

nlohmann::json ToChatCompletionsMessages(const std::string& system_text,
                                         const std::vector<ChatMessage>& messages) {
  auto out = nlohmann::json::array();
  if (!system_text.empty()) out.push_back({{"role", "system"}, {"content", system_text}});
  for (const auto& message : messages) {
    out.push_back({{"role", message.role}, {"content", message.content}});
  }
  return out;
}

nlohmann::json ToGeminiContents(const std::vector<ChatMessage>& messages) {
  auto contents = nlohmann::json::array();
  for (const auto& message : messages) {
    const char* role = message.role == "assistant" ? "model" : "user";
    contents.push_back({{"role", role}, {"parts", {{{"text", message.content}}}}});
  }
  return contents;
}

nlohmann::json ToGeminiSystemInstruction(const std::string& system_text) {
  return {{"parts", {{{"text", system_text}}}}};
}

}  // namespace mcp_server
