#pragma once
// What distinguishes one chat tool from another: which model, through which
// API, and which parameters that model accepts. One ChatTool class serves
// every spec.

#include <optional>
#include <string>
#include <vector>

#include "model_info.h"

namespace mcp_server {

enum class ChatApi { kOpenAiResponses, kOpenAiChatCompletions, kGemini };

struct ChatToolSpec {
  ModelInfo info;  // tool name, provider, model, context window, description
  ChatApi api = ChatApi::kOpenAiResponses;

  // Reasoning models accept reasoning_effort; others refuse it.
  bool reasoning = false;
  // Sent when the caller gives none; nullopt leaves the provider's default.
  std::optional<std::string> default_effort;

  // Adjustable: temperature within [min, max]. Not adjustable (o3): only the
  // model's default is accepted, and then not sent.
  bool temperature_adjustable = true;
  double min_temperature = 0.0;
  double max_temperature = 2.0;
  double default_temperature = 1.0;
};

// chat_with_o3, chat_with_gpt41, chat_with_gemini25_pro, chat_with_gemini25_flash.
std::vector<ChatToolSpec> BuiltInChatToolSpecs();

}  // namespace mcp_server
