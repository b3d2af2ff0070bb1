#pragma once
// One model provider API behind a common call. Implementations: the OpenAI
// Responses API, OpenAI Chat Completions and Gemini generateContent. All are
// thread-safe (const, no shared mutable state) and bounded in time.

#include <optional>
#include <string>

#include "chat_request.h"

namespace mcp_server {

class ChatProvider {
 public:
  virtual ~ChatProvider() = default;

  // "openai" | "gemini": the name errors and list_models use.
  virtual std::string Name() const = 0;

  // nullopt when the provider can be called; otherwise which environment
  // variable is missing, e.g. "OPENAI_API_KEY is not set".
  virtual std::optional<std::string> MissingConfiguration() const = 0;

  // REQUIRES: !MissingConfiguration(). Never throws; blocks at most the
  // settings' total timeout (plus one connect timeout).
  virtual ProviderReply Send(const ChatRequest& request) const = 0;
};

}  // namespace mcp_server
