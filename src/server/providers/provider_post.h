#pragma once
// The one retrying POST every provider shares: bounded by a total time
// budget, 429/5xx and dropped connections retried with backoff (Retry-After
// honoured when it fits the budget), errors naming provider, endpoint and
// status. Headers (which carry the key) never appear in errors or logs.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chat_request.h"

namespace mcp_server {

struct ProviderPost {
  std::string provider;              // "openai" | "gemini", for messages
  std::string url;                   // must not contain a credential
  std::vector<std::string> headers;  // "Name: value", credential included
  nlohmann::json body;
  // Optional: when it returns true the call ends at once (shutdown, cancel).
  std::function<bool()> should_abort;
};

// Pulls the answer's text out of a 2xx response; nullopt when it has none.
using TextExtractor = std::function<std::optional<std::string>(const nlohmann::json&)>;

// Sends `post` within `settings`' budget and returns the extracted text or an
// error. `what_is_expected` names the missing text in an error ("output_text").
ProviderReply PostWithRetries(const ProviderPost& post, const ProviderSettings& settings,
                              const TextExtractor& extract, const std::string& what_is_expected);

// The provider's own explanation from an error body, shortened for a tool result.
std::string ProviderErrorDetail(const std::string& body);

}  // namespace mcp_server
