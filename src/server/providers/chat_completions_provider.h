#pragma once
// OpenAI Chat Completions (POST {base}/chat/completions), used for
// non-reasoning models such as gpt-4.1 and by the project memory's
// summariser: structured output as `response_format` json_schema.

#include <functional>

#include "chat_provider.h"

namespace mcp_server {

class ChatCompletionsProvider : public ChatProvider {
 public:
  explicit ChatCompletionsProvider(ProviderSettings settings) : settings_(std::move(settings)) {}

  std::string Name() const override { return "openai"; }
  std::optional<std::string> MissingConfiguration() const override;
  ProviderReply Send(const ChatRequest& request) const override;

  // One system + one user message to `model`; the reply's text or an error.
  // For callers outside the chat tools (the summariser). REQUIRES:
  // !MissingConfiguration(). Thread-safe; bounded like Send(). `should_abort`
  // (optional) is polled during the call; true ends it at once with an error.
  ProviderReply Complete(const std::string& model, const std::string& system_text,
                         const std::string& user_text,
                         std::function<bool()> should_abort = nullptr) const;

  // The JSON body sent for `request`.
  static nlohmann::json BuildBody(const ChatRequest& request);

  // choices[0].message.content, or nullopt when the response carries none.
  static std::optional<std::string> ExtractText(const nlohmann::json& response);

 private:
  ProviderReply Post(const ChatRequest& request, std::function<bool()> should_abort) const;

  ProviderSettings settings_;
};

}  // namespace mcp_server
