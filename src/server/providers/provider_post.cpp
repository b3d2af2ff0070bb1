#include "provider_post.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "../http_post.h"

namespace mcp_server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The outcome of one attempt: done (success or final failure) or worth a retry.
struct Attempt {
  bool done = false;
  bool retryable = false;
  std::optional<milliseconds> retry_after;
};

Attempt Judge(const HttpPostResponse& response, const ProviderPost& post,
              const TextExtractor& extract, const std::string& what_is_expected,
              ProviderReply& reply) {
  if (response.aborted) {
    reply.error = fmt::format("{}: POST {} aborted by the caller", post.provider, post.url);
    return {true, false, std::nullopt};
  }
  if (!response.transport_error.empty()) {
    reply.error =
        fmt::format("{}: POST {} {} ({})", post.provider, post.url,
                    response.timed_out ? "timed out" : "failed", response.transport_error);
    return {false, response.retryable_transport_error, std::nullopt};
  }
  if (response.status >= 200 && response.status < 300) {
    const auto doc = nlohmann::json::parse(response.body, nullptr, false);
    if (doc.is_discarded()) {
      // A body cut off midway (or never JSON): say so, not merely "no text".
      reply.error = fmt::format(
          "{}: POST {} returned HTTP {} with a body that is not valid JSON "
          "({} bytes: truncated or malformed)",
          post.provider, post.url, response.status, response.body.size());
    } else if (auto text = extract(doc)) {
      reply.ok = true;
      reply.text = std::move(*text);
      reply.error.clear();
    } else {
      reply.error = fmt::format("{}: POST {} returned HTTP {} without {}", post.provider, post.url,
                                response.status, what_is_expected);
    }
    return {true, false, std::nullopt};
  }
  reply.error = fmt::format("{}: POST {} returned HTTP {}: {}", post.provider, post.url,
                            response.status, ProviderErrorDetail(response.body));
  return {false, RetryPolicy::IsRetryableStatus(response.status), response.retry_after};
}

// A backoff wait, not a readiness wait: the provider asked us to slow down.
// Cut short (in slices) when the caller aborts.
void WaitBeforeRetry(milliseconds delay, const std::function<bool()>& should_abort) {
  if (!should_abort) {
    std::this_thread::sleep_for(delay);  // retry backoff
    return;
  }
  const auto until = Clock::now() + delay;
  constexpr milliseconds kSlice{50};
  while (!should_abort() && Clock::now() < until) {
    // In slices, so an abort is noticed within one.
    const auto slice = std::min<Clock::duration>(kSlice, until - Clock::now());
    std::this_thread::sleep_for(slice);  // retry backoff
  }
}

}  // namespace

std::string ProviderErrorDetail(const std::string& body) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  std::string detail;
  if (!doc.is_discarded() && doc.is_object() && doc.contains("error")) {
    const auto& error = doc["error"];
    detail = error.is_object() && error.contains("message") && error["message"].is_string()
                 ? error["message"].get<std::string>()
                 : error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    detail = body;
  }
  constexpr std::size_t kMax = 500;
  if (detail.size() > kMax) detail = detail.substr(0, kMax) + "...";
  return detail;
}

ProviderReply PostWithRetries(const ProviderPost& post, const ProviderSettings& settings,
                              const TextExtractor& extract, const std::string& what_is_expected) {
  HttpPostRequest request{post.url,
                          post.headers,
                          post.body.dump(),
                          settings.connect_timeout,
                          settings.total_timeout,
                          post.should_abort};
  const auto deadline = Clock::now() + settings.total_timeout;
  ProviderReply reply;
  for (int attempt = 1;; ++attempt) {
    const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    request.total_timeout = std::max(remaining, milliseconds(1));
    reply.attempts = attempt;
    const Attempt outcome = Judge(HttpPost(request), post, extract, what_is_expected, reply);
    if (outcome.done || !outcome.retryable) return reply;

    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    const auto delay = settings.retry.DelayBefore(attempt + 1, outcome.retry_after, left);
    if (!delay) {
      reply.error += fmt::format(" (gave up after {} attempt{})", attempt, attempt == 1 ? "" : "s");
      return reply;
    }
    spdlog::warn("{} attempt {} failed, retrying in {} ms: {}", post.provider, attempt,
                 delay->count(), reply.error);
    WaitBeforeRetry(*delay, post.should_abort);
    if (post.should_abort && post.should_abort()) {
      reply.error = fmt::format("{}: POST {} aborted by the caller", post.provider, post.url);
      return reply;
    }
  }
}

}  // namespace mcp_server
