#pragma once
// OpenAI Responses API (POST {base}/responses), used for reasoning models
// such as o3: reasoning effort as `reasoning.effort`, structured output as
// `text.format` json_schema.

#include "chat_provider.h"

namespace mcp_server {

class ResponsesProvider : public ChatProvider {
 public:
  explicit ResponsesProvider(ProviderSettings settings) : settings_(std::move(settings)) {}

  std::string Name() const override { return "openai"; }
  std::optional<std::string> MissingConfiguration() const override;
  ProviderReply Send(const ChatRequest& request) const override;

  // The JSON body sent for `request`.
  static nlohmann::json BuildBody(const ChatRequest& request);

  // Concatenated output[type=message].content[type=output_text].text, or
  // nullopt when the response carries none.
  static std::optional<std::string> ExtractText(const nlohmann::json& response);

 private:
  ProviderSettings settings_;
};

}  // namespace mcp_server
