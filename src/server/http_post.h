#pragma once
// One bounded HTTP POST through libcurl, for calls to model providers.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mcp_server {

struct HttpPostRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{120000};
  // Optional: polled while the call runs (at least every ~100 ms); when it
  // returns true the call ends at once with `aborted` set. Lets a shutting
  // down worker or a cancelled tool call give up without waiting for the timeout.
  std::function<bool()> should_abort;
};

struct HttpPostResponse {
  // Empty when a response arrived; otherwise why not (timeout, refused...).
  std::string transport_error;
  bool timed_out = false;
  bool retryable_transport_error = false;  // connection refused/reset: worth another try
  bool aborted = false;                    // request.should_abort said stop
  long status = 0;
  std::string body;
  // The Retry-After header turned into a delay, when present and parseable.
  std::optional<std::chrono::milliseconds> retry_after;
};

// Sends the request; never throws, never blocks longer than total_timeout.
HttpPostResponse HttpPost(const HttpPostRequest& request);

// Retry-After is either delta-seconds or an HTTP date; nullopt when neither.
std::optional<std::chrono::milliseconds> ParseRetryAfter(const std::string& value);

}  // namespace mcp_server
