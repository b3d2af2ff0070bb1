#pragma once
// Polling a condition with backoff until a deadline: the one loop behind
// every readiness wait of the project (the harness's e2e::WaitFor, the Engine
// client's exec, the in-process servers of the tests and benchmarks).
//
// Header-only, so every layer can use it, the Engine client below the
// harness included, without a link dependency (the client is installed as a
// package on its own).

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

namespace support {

// The pauses between polls: `first`, then twice the previous one, never more
// than `max`. Short at first, because most conditions hold soon; capped, so a
// condition that holds late is still noticed promptly.
class Backoff {
 public:
  using Duration = std::chrono::milliseconds;

  // REQUIRES: 0 < first <= max.
  explicit Backoff(Duration first = Duration(5), Duration max = Duration(250))
      : next_(first), max_(max) {}

  // The pause to take now; the following call returns twice as much, up to max.
  Duration Next() {
    const Duration pause = next_;
    next_ = std::min(next_ * 2, max_);
    return pause;
  }

 private:
  Duration next_;
  Duration max_;
};

// Calls `holds` until it returns true, pausing as `backoff` says between
// calls. A pause never reaches past `deadline`, and `holds` is called once
// more when the deadline has come. Returns whether `holds` returned true.
// Exceptions thrown by `holds` propagate and end the polling.
inline bool PollUntil(std::chrono::steady_clock::time_point deadline,
                      const std::function<bool()>& holds, Backoff backoff = Backoff()) {
  using Clock = std::chrono::steady_clock;
  while (true) {
    if (holds()) return true;
    const Clock::time_point now = Clock::now();
    if (now >= deadline) return false;
    const Clock::duration pause = backoff.Next();
    std::this_thread::sleep_for(std::min(pause, deadline - now));  // poll backoff
  }
}

}  // namespace support
