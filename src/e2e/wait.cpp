#include "e2e/wait.h"

#include <fmt/format.h>

#include "poll_until.h"

namespace e2e {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

long long MillisecondsSince(Clock::time_point start) {
  return static_cast<long long>(duration_cast<milliseconds>(Clock::now() - start).count());
}

Condition Describing(const std::function<bool()>& condition) {
  return [condition](std::string& observed) {
    observed = "the condition was false";
    return condition();
  };
}

// The wait itself; `started` is when the caller's time began, so that the
// limit reported is the caller's.
void Wait(const std::string& what, Clock::time_point started, Clock::time_point deadline,
          const Condition& condition) {
  std::string observed = "nothing (the condition never ran)";
  bool held = false;
  try {
    held = support::PollUntil(deadline, [&] { return condition(observed); });
  } catch (const std::exception& e) {
    throw WaitError(fmt::format("gave up after {} ms waiting for {}: {}",
                                MillisecondsSince(started), what, e.what()));
  } catch (...) {
    throw WaitError(
        fmt::format("gave up after {} ms waiting for {}: an exception not derived "
                    "from std::exception",
                    MillisecondsSince(started), what));
  }
  if (!held) {
    const auto limit = duration_cast<milliseconds>(deadline - started).count();
    throw WaitTimeout(
        fmt::format("timed out after {} ms (limit {} ms) waiting for {}; last seen: {}",
                    MillisecondsSince(started), limit, what, observed));
  }
}

}  // namespace

void WaitUntil(const std::string& what, Clock::time_point deadline, const Condition& condition) {
  Wait(what, Clock::now(), deadline, condition);
}

void WaitFor(const std::string& what, const Condition& condition, milliseconds timeout) {
  const Clock::time_point started = Clock::now();
  Wait(what, started, started + timeout, condition);
}

void WaitFor(const std::string& what, const std::function<bool()>& condition,
             milliseconds timeout) {
  WaitFor(what, Describing(condition), timeout);
}

::testing::AssertionResult Eventually(const std::string& what, const Condition& condition,
                                      milliseconds timeout) {
  try {
    WaitFor(what, condition, timeout);
    return ::testing::AssertionSuccess();
  } catch (const WaitError& e) {
    return ::testing::AssertionFailure() << e.what();
  }
}

::testing::AssertionResult Eventually(const std::string& what,
                                      const std::function<bool()>& condition,
                                      milliseconds timeout) {
  return Eventually(what, Describing(condition), timeout);
}

}  // namespace e2e
