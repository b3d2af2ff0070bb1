#include "retry_policy.h"

#include <algorithm>

namespace mcp_server {

bool RetryPolicy::IsRetryableStatus(long status) { return status == 429 || status >= 500; }

std::optional<std::chrono::milliseconds> RetryPolicy::DelayBefore(
    int next_attempt, std::optional<std::chrono::milliseconds> retry_after,
    std::chrono::milliseconds remaining) const {
  if (next_attempt > max_attempts || next_attempt < 2) return std::nullopt;
  std::chrono::milliseconds delay = backoff_base;
  for (int i = 2; i < next_attempt && delay < backoff_cap; ++i) delay *= 2;
  delay = std::min(delay, backoff_cap);
  // The provider knows its own load better than our backoff does.
  if (retry_after) delay = *retry_after;
  // Leave time for the attempt itself, not only for the wait.
  if (delay >= remaining) return std::nullopt;
  return delay;
}

}  // namespace mcp_server
