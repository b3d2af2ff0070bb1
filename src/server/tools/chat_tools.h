#pragma once
// Registers every built-in chat tool, each bound to its API's provider, and
// list_models describing them.

#include <memory>

#include "../providers/chat_provider.h"
#include "../tool_registry.h"
#include "chat_tool.h"

namespace mcp_server {

struct ChatProviders {
  std::shared_ptr<const ChatProvider> openai_responses;
  std::shared_ptr<const ChatProvider> openai_chat_completions;
  std::shared_ptr<const ChatProvider> gemini;
};

void AddChatTools(ToolRegistry& registry, const ChatProviders& providers,
                  const ChatEnvironment& env);

}  // namespace mcp_server
