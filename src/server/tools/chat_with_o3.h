#pragma once
// chat_with_o3: asks OpenAI's o3 (Responses API) for an answer, continuing the
// conversation stored under session_id.

#include "../conversation_store.h"
#include "../openai_client.h"
#include "../tool.h"
#include "model_info.h"

namespace mcp_server {

class ChatWithO3Tool : public Tool {
 public:
  // `store` must outlive the tool.
  ChatWithO3Tool(OpenAiClient client, ConversationStore& store);

  static ModelInfo Info();

  std::string Name() const override { return Info().tool; }
  std::string Description() const override { return Info().description; }
  nlohmann::json InputSchema() const override;
  ToolResult Call(const nlohmann::json& arguments) override;

 private:
  OpenAiClient client_;
  ConversationStore& store_;
};

}  // namespace mcp_server
