#pragma once
// The OpenAI embeddings endpoint (POST {base}/embeddings): a batch of texts
// in, one float vector per text out. Bounded in time, 429/5xx retried with
// backoff (Retry-After honoured), abortable. The API key never appears in
// errors or logs.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "embedder.h"
#include "retry_policy.h"

namespace mcp_server {

struct EmbeddingsSettings {
  std::string base_url;  // e.g. https://api.openai.com/v1, no trailing slash
  std::string api_key;
  std::string model = "text-embedding-3-small";
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{60000};  // all attempts and waits together
  RetryPolicy retry;
};

class OpenAiEmbeddingsClient final : public Embedder {
 public:
  explicit OpenAiEmbeddingsClient(EmbeddingsSettings settings);

  std::string Model() const override { return settings_.model; }

  // Not ok (without a request) when the API key is missing or `texts` is empty.
  EmbeddingsReply Embed(const std::vector<std::string>& texts,
                        const std::function<bool()>& should_abort = {}) const override;

  // {"model":..., "input":[texts...], "encoding_format":"float"}
  static nlohmann::json BuildBody(const std::string& model, const std::vector<std::string>& texts);

  // The vectors of data[*].embedding ordered by data[*].index, or nullopt
  // unless there is exactly one well-formed vector per index 0..expected-1.
  static std::optional<std::vector<std::vector<float>>> ParseVectors(const nlohmann::json& response,
                                                                     std::size_t expected);

 private:
  EmbeddingsSettings settings_;
};

}  // namespace mcp_server
