#include "embeddings_client.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "http_post.h"

namespace mcp_server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The provider's own explanation of an error, kept short for logs and results.
std::string ErrorDetail(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  std::string detail = body;
  if (doc.is_object() && doc.contains("error")) {
    const auto& error = doc["error"];
    detail = error.is_object() && error.contains("message") && error["message"].is_string()
                 ? error["message"].get<std::string>()
                 : error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  constexpr std::size_t kMax = 300;
  if (detail.size() > kMax) detail = detail.substr(0, kMax) + "...";
  return detail;
}

std::optional<std::vector<float>> ParseVector(const nlohmann::json& embedding) {
  if (!embedding.is_array() || embedding.empty()) return std::nullopt;
  std::vector<float> vector;
  vector.reserve(embedding.size());
  for (const auto& value : embedding) {
    if (!value.is_number()) return std::nullopt;
    vector.push_back(value.get<float>());
  }
  return vector;
}

// One attempt's verdict: finished (ok or not) or worth another try.
struct Outcome {
  bool finished = false;
  std::optional<milliseconds> retry_after;
};

Outcome Judge(const HttpPostResponse& response, const std::string& url, std::size_t expected,
              EmbeddingsReply& reply) {
  if (response.aborted) {
    reply.error = fmt::format("openai: POST {} aborted (server stopping)", url);
    return {true, std::nullopt};
  }
  if (!response.transport_error.empty()) {
    reply.error =
        fmt::format("openai: POST {} {} ({})", url, response.timed_out ? "timed out" : "failed",
                    response.transport_error);
    return {!response.retryable_transport_error, std::nullopt};
  }
  if (response.status >= 200 && response.status < 300) {
    auto vectors = OpenAiEmbeddingsClient::ParseVectors(
        nlohmann::json::parse(response.body, nullptr, false), expected);
    reply.ok = vectors.has_value();
    if (vectors) reply.vectors = std::move(*vectors);
    reply.error = reply.ok ? ""
                           : fmt::format(
                                 "openai: POST {} returned HTTP {} without {} "
                                 "embedding(s)",
                                 url, response.status, expected);
    return {true, std::nullopt};
  }
  reply.error = fmt::format("openai: POST {} returned HTTP {}: {}", url, response.status,
                            ErrorDetail(response.body));
  return {!RetryPolicy::IsRetryableStatus(response.status), response.retry_after};
}

// A backoff wait that a stopping caller can cut short. Returns false when aborted.
bool WaitUnlessAborted(milliseconds delay, const std::function<bool()>& should_abort) {
  const auto until = Clock::now() + delay;
  while (Clock::now() < until) {
    if (should_abort && should_abort()) return false;
    const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
    std::this_thread::sleep_for(std::min(left, milliseconds(50)));  // retry backoff, sliced
  }
  return true;
}

}  // namespace

OpenAiEmbeddingsClient::OpenAiEmbeddingsClient(EmbeddingsSettings settings)
    : settings_(std::move(settings)) {}

nlohmann::json OpenAiEmbeddingsClient::BuildBody(const std::string& model,
                                                 const std::vector<std::string>& texts) {
  return {{"model", model}, {"input", texts}, {"encoding_format", "float"}};
}

std::optional<std::vector<std::vector<float>>> OpenAiEmbeddingsClient::ParseVectors(
    const nlohmann::json& response, std::size_t expected) {
  if (!response.is_object() || !response.contains("data") || !response["data"].is_array() ||
      response["data"].size() != expected) {
    return std::nullopt;
  }
  std::vector<std::vector<float>> vectors(expected);
  for (const auto& item : response["data"]) {
    if (!item.is_object() || !item.contains("index") || !item["index"].is_number_integer()) {
      return std::nullopt;
    }
    const auto index = item["index"].get<long long>();
    if (index < 0 || static_cast<std::size_t>(index) >= expected) return std::nullopt;
    auto& slot = vectors[static_cast<std::size_t>(index)];
    if (!slot.empty()) return std::nullopt;
    auto vector = ParseVector(item.value("embedding", nlohmann::json()));
    if (!vector) return std::nullopt;
    slot = std::move(*vector);
  }
  return vectors;
}

EmbeddingsReply OpenAiEmbeddingsClient::Embed(const std::vector<std::string>& texts,
                                              const std::function<bool()>& should_abort) const {
  EmbeddingsReply reply;
  if (settings_.api_key.empty()) {
    reply.error = "the openai embeddings endpoint is not configured: OPENAI_API_KEY is not set";
    return reply;
  }
  if (texts.empty()) {
    reply.error = "nothing to embed";
    return reply;
  }
  const std::string url = settings_.base_url + "/embeddings";
  HttpPostRequest post{url,
                       {"Content-Type: application/json", "Accept: application/json",
                        "Authorization: Bearer " + settings_.api_key},
                       BuildBody(settings_.model, texts).dump(),
                       settings_.connect_timeout,
                       settings_.total_timeout,
                       should_abort};
  const auto deadline = Clock::now() + settings_.total_timeout;
  for (int attempt = 1;; ++attempt) {
    const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    post.total_timeout = std::max(remaining, milliseconds(1));
    reply.attempts = attempt;
    const Outcome outcome = Judge(HttpPost(post), url, texts.size(), reply);
    if (outcome.finished) return reply;
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    const auto delay = settings_.retry.DelayBefore(attempt + 1, outcome.retry_after, left);
    if (!delay) {
      reply.error += fmt::format(" (gave up after {} attempt{})", attempt, attempt == 1 ? "" : "s");
      return reply;
    }
    spdlog::warn("embeddings attempt {} failed, retrying in {} ms: {}", attempt, delay->count(),
                 reply.error);
    if (!WaitUnlessAborted(*delay, should_abort)) return reply;
  }
}

}  // namespace mcp_server
