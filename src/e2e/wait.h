#pragma once
// Waiting for a condition with a deadline: the only way the harness waits.
// The condition is polled with exponential backoff (5 ms doubling to 250 ms).
// On timeout the error says what was waited for, for how long, and the last
// state observed.

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>

namespace e2e {

class WaitTimeout : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Polls `check` until it returns true. `check` may set `last_state` to a
// description of what it saw. Throws WaitTimeout when `deadline` passes.
void WaitUntil(const std::string& what, std::chrono::steady_clock::time_point deadline,
               const std::function<bool(std::string& last_state)>& check);

}  // namespace e2e
