#include "wait.h"

#include <algorithm>
#include <thread>

namespace e2e {

void WaitUntil(const std::string& what, std::chrono::steady_clock::time_point deadline,
               const std::function<bool(std::string& last_state)>& check) {
  using namespace std::chrono;
  const auto started = steady_clock::now();
  auto pause = milliseconds(5);
  std::string last_state = "not checked yet";
  while (true) {
    if (check(last_state)) return;
    const auto now = steady_clock::now();
    if (now >= deadline) {
      throw WaitTimeout("timed out after " +
                        std::to_string(duration_cast<milliseconds>(now - started).count()) +
                        " ms waiting for " + what + "; last seen: " + last_state);
    }
    const auto wait = std::min(pause, duration_cast<milliseconds>(deadline - now));
    std::this_thread::sleep_for(wait);  // poll backoff
    pause = std::min(pause * 2, milliseconds(250));
  }
}

}  // namespace e2e
