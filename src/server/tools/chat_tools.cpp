#include "chat_tools.h"

#include "list_models.h"

namespace mcp_server {
namespace {

std::shared_ptr<const ChatProvider> ProviderFor(ChatApi api, const ChatProviders& providers) {
  switch (api) {
    case ChatApi::kOpenAiResponses:
      return providers.openai_responses;
    case ChatApi::kOpenAiChatCompletions:
      return providers.openai_chat_completions;
    case ChatApi::kGemini:
      return providers.gemini;
  }
  return nullptr;
}

}  // namespace

void AddChatTools(ToolRegistry& registry, const ChatProviders& providers,
                  const ChatEnvironment& env) {
  const auto specs = BuiltInChatToolSpecs();
  std::vector<ModelInfo> models;
  for (const auto& spec : specs) models.push_back(spec.info);
  registry.Add(std::make_unique<ListModelsTool>(std::move(models)));
  for (const auto& spec : specs) {
    registry.Add(std::make_unique<ChatTool>(spec, ProviderFor(spec.api, providers), env));
  }
}

}  // namespace mcp_server
