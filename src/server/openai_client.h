#pragma once
// The OpenAI Responses API (POST {base}/responses), bounded in time and
// retried on 429/5xx. Returns text or an error message fit for a tool result;
// the API key never appears in either.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "retry_policy.h"

namespace mcp_server {

struct ChatMessage {
  std::string role;  // "user" | "assistant"
  std::string content;
};

struct ResponsesRequest {
  std::string model;
  std::vector<ChatMessage> input;           // history then the new user message
  std::optional<std::string> instructions;  // system-level guidance
  std::optional<std::string> reasoning_effort;
};

struct ProviderReply {
  bool ok = false;
  std::string text;   // the answer when ok
  std::string error;  // why not, naming provider, endpoint and status
  int attempts = 0;
};

struct OpenAiSettings {
  std::string base_url;  // e.g. https://api.openai.com/v1, no trailing slash
  std::string api_key;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{120000};  // all attempts and waits together
  RetryPolicy retry;
};

class OpenAiClient {
 public:
  explicit OpenAiClient(OpenAiSettings settings);

  bool HasApiKey() const { return !settings_.api_key.empty(); }

  // REQUIRES: HasApiKey(). Blocks at most settings.total_timeout (plus the
  // connect timeout of a last attempt).
  ProviderReply CreateResponse(const ResponsesRequest& request) const;

  // The JSON body sent for `request`.
  static nlohmann::json BuildBody(const ResponsesRequest& request);

  // Concatenated output[type=message].content[type=output_text].text, or
  // nullopt when the response carries none.
  static std::optional<std::string> ExtractOutputText(const nlohmann::json& response);

 private:
  OpenAiSettings settings_;
};

}  // namespace mcp_server
