#pragma once
// When to retry a provider call and how long to wait first: exponential
// backoff, or the provider's Retry-After when it gave one, always within the
// call's overall time budget.

#include <chrono>
#include <optional>

namespace mcp_server {

struct RetryPolicy {
  int max_attempts = 4;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{8000};

  // True for statuses worth another attempt: 429 and 5xx.
  static bool IsRetryableStatus(long status);

  // The wait before attempt number `next_attempt` (2 for the first retry), or
  // nullopt when no retry should happen: attempts exhausted, or the wait
  // (Retry-After when given, else backoff) would not fit in `remaining`.
  std::optional<std::chrono::milliseconds> DelayBefore(
      int next_attempt, std::optional<std::chrono::milliseconds> retry_after,
      std::chrono::milliseconds remaining) const;
};

}  // namespace mcp_server
