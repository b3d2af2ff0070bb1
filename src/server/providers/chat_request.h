#pragma once
// A chat request and reply in provider-neutral form. Each provider turns the
// request into its own wire format; tools only ever see these types.

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "../retry_policy.h"

namespace mcp_server {

struct ChatMessage {
  std::string role;  // "user" | "assistant"
  std::string content;
};

struct ChatRequest {
  std::string model;
  std::string system_text;            // system-level guidance; empty: none
  std::vector<ChatMessage> messages;  // history, oldest first, then the new user message
  std::optional<double> temperature;
  std::optional<std::string> reasoning_effort;  // "low" | "medium" | "high"
  // A JSON Schema the answer must satisfy; sent in the provider's native
  // structured-output form.
  std::optional<nlohmann::json> output_schema;
  // Optional: when it returns true the call ends at once (the client
  // cancelled the request, or went away).
  std::function<bool()> should_abort;
};

struct ProviderReply {
  bool ok = false;
  std::string text;   // the answer when ok
  std::string error;  // why not, naming provider, endpoint and status; never the API key
  int attempts = 0;
};

// How one provider is reached: where, with which credential, and how long a
// call (all attempts and backoff waits together) may take.
struct ProviderSettings {
  std::string base_url;  // no trailing slash
  std::string api_key;   // never logged, never in an error
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{120000};
  RetryPolicy retry;
};

}  // namespace mcp_server
