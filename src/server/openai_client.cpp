#include "openai_client.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "http_post.h"

namespace mcp_server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The provider's own explanation of an error, kept short for a tool result.
std::string ErrorDetail(const std::string& body) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  std::string detail;
  if (!doc.is_discarded() && doc.is_object() && doc.contains("error")) {
    const auto& error = doc["error"];
    detail = error.is_object() ? error.value("message", error.dump()) : error.dump();
  } else {
    detail = body;
  }
  constexpr std::size_t kMax = 500;
  if (detail.size() > kMax) detail = detail.substr(0, kMax) + "...";
  return detail;
}

}  // namespace

OpenAiClient::OpenAiClient(OpenAiSettings settings) : settings_(std::move(settings)) {}

nlohmann::json OpenAiClient::BuildBody(const ResponsesRequest& request) {
  auto input = nlohmann::json::array();
  for (const auto& message : request.input) {
    input.push_back({{"role", message.role}, {"content", message.content}});
  }
  nlohmann::json body{{"model", request.model}, {"input", std::move(input)}};
  if (request.instructions) body["instructions"] = *request.instructions;
  if (request.reasoning_effort) body["reasoning"] = {{"effort", *request.reasoning_effort}};
  return body;
}

std::optional<std::string> OpenAiClient::ExtractOutputText(const nlohmann::json& response) {
  if (!response.is_object() || !response.contains("output") || !response["output"].is_array()) {
    return std::nullopt;
  }
  std::optional<std::string> text;
  for (const auto& item : response["output"]) {
    if (!item.is_object() || item.value("type", "") != "message") continue;
    if (!item.contains("content") || !item["content"].is_array()) continue;
    for (const auto& part : item["content"]) {
      if (!part.is_object() || part.value("type", "") != "output_text") continue;
      if (!part.contains("text") || !part["text"].is_string()) continue;
      if (!text) text.emplace();
      *text += part["text"].get<std::string>();
    }
  }
  return text;
}

ProviderReply OpenAiClient::CreateResponse(const ResponsesRequest& request) const {
  const std::string url = settings_.base_url + "/responses";
  HttpPostRequest post{url,
                       {"Content-Type: application/json", "Accept: application/json",
                        "Authorization: Bearer " + settings_.api_key},
                       BuildBody(request).dump(),
                       settings_.connect_timeout,
                       settings_.total_timeout};
  const auto deadline = Clock::now() + settings_.total_timeout;
  ProviderReply reply;
  for (int attempt = 1;; ++attempt) {
    const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    post.total_timeout = std::max(remaining, milliseconds(1));
    reply.attempts = attempt;
    const HttpPostResponse response = HttpPost(post);

    std::optional<milliseconds> retry_after;
    bool retryable = false;
    if (!response.transport_error.empty()) {
      reply.error =
          response.timed_out
              ? fmt::format("openai: POST {} timed out ({})", url, response.transport_error)
              : fmt::format("openai: POST {} failed: {}", url, response.transport_error);
      retryable = response.retryable_transport_error;
    } else if (response.status >= 200 && response.status < 300) {
      const auto doc = nlohmann::json::parse(response.body, nullptr, false);
      if (auto text = ExtractOutputText(doc)) {
        reply.ok = true;
        reply.text = std::move(*text);
        reply.error.clear();
        return reply;
      }
      reply.error =
          fmt::format("openai: POST {} returned HTTP {} without output_text", url, response.status);
      return reply;
    } else {
      reply.error = fmt::format("openai: POST {} returned HTTP {}: {}", url, response.status,
                                ErrorDetail(response.body));
      retryable = RetryPolicy::IsRetryableStatus(response.status);
      retry_after = response.retry_after;
    }
    if (!retryable) return reply;

    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    const auto delay = settings_.retry.DelayBefore(attempt + 1, retry_after, left);
    if (!delay) {
      reply.error += fmt::format(" (gave up after {} attempt{})", attempt, attempt == 1 ? "" : "s");
      return reply;
    }
    spdlog::warn("openai attempt {} failed, retrying in {} ms: {}", attempt, delay->count(),
                 reply.error);
    // A backoff wait, not a readiness wait: the provider asked us to slow down.
    std::this_thread::sleep_for(*delay);  // retry backoff
  }
}

}  // namespace mcp_server
