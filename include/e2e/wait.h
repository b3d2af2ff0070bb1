#pragma once
// Waiting for a condition: the only way the harness and the scenarios wait.
// The condition is polled with backoff (5 ms, doubling up to 250 ms) until it
// holds or a deadline passes; every wait has one (kDefaultWaitTimeout unless
// given), so nothing waits forever. A failed wait says what was awaited, for
// how long, and what the condition saw last:
//
//   timed out after 15004 ms (limit 15000 ms) waiting for summary of mem-a
//   indexed; last seen: HTTP 200 {"queue_depth":2}
//
// In a test body:
//   ASSERT_TRUE(e2e::Eventually("summary of mem-a indexed", condition, 15s));
// In harness code, which throws instead:
//   e2e::WaitFor("mcp-server healthy", e2e::ServiceHealthy(stack, "mcp-server"));
// Ready-made conditions on a stack's services are in e2e/conditions.h.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>

namespace e2e {

// The bound of a wait that is given none.
inline constexpr std::chrono::milliseconds kDefaultWaitTimeout = std::chrono::seconds(30);

// One poll of a condition; returns true when it holds. It may describe what
// it saw in `observed` (kept from poll to poll); the last description ends a
// timeout's message. It may throw when it knows it can never hold (the
// container exited): that ends the wait at once, with its message as the
// reason.
using Condition = std::function<bool(std::string& observed)>;

// A wait that failed; what() names what was awaited, for how long, and the
// last observation or the condition's own error.
class WaitError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A WaitError because the deadline passed before the condition held.
class WaitTimeout : public WaitError {
  using WaitError::WaitError;
};

// Polls `condition` until it holds. `what` names it in messages ("mcp-server
// to be healthy"). Throws WaitTimeout when `deadline` passes first, WaitError
// when the condition throws.
void WaitUntil(const std::string& what, std::chrono::steady_clock::time_point deadline,
               const Condition& condition);

// WaitUntil with a deadline `timeout` from now.
void WaitFor(const std::string& what, const Condition& condition,
             std::chrono::milliseconds timeout = kDefaultWaitTimeout);
// For a condition that only says yes or no.
void WaitFor(const std::string& what, const std::function<bool()>& condition,
             std::chrono::milliseconds timeout = kDefaultWaitTimeout);

// WaitFor for test bodies: success, or a failure whose message is the
// WaitError's. Never throws.
::testing::AssertionResult Eventually(const std::string& what, const Condition& condition,
                                      std::chrono::milliseconds timeout = kDefaultWaitTimeout);
::testing::AssertionResult Eventually(const std::string& what,
                                      const std::function<bool()>& condition,
                                      std::chrono::milliseconds timeout = kDefaultWaitTimeout);

}  // namespace e2e
