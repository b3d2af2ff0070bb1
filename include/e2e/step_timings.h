#pragma once
// Where a test's time goes: the wall time of each step of its stack (network,
// volumes, create/start/healthy per service, each Claude Code run, artifacts,
// teardown), in the order the steps began. StackTest turns them into JUnit
// properties (e2e.step.<name> = milliseconds), one summary line per test and
// a line each in the run's timings file, from which scripts/e2e prints the
// slowest steps of a run.

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

namespace e2e {

struct Step {
  std::string name;  // e.g. "network", "create mcp-server", "healthy mcp-server", "claude 1"
  std::chrono::milliseconds duration{0};
};

// Thread-safe: a stack's services are created and started in parallel.
class StepTimings {
 public:
  using Clock = std::chrono::steady_clock;

  // Times a scope; records it when destroyed, also during unwinding (a step
  // that failed still took its time).
  class Scope {
   public:
    Scope(StepTimings& timings, std::string name);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    StepTimings& timings_;
    std::size_t index_;
    Clock::time_point started_;
  };

  Scope Time(std::string name) { return Scope(*this, std::move(name)); }
  void Record(std::string name, std::chrono::milliseconds duration);

  std::vector<Step> steps() const;
  // "network 31 ms, volumes 12 ms, create model-stub 40 ms, ..."
  std::string Summary() const;

 private:
  std::size_t Begin(std::string name);
  void End(std::size_t index, std::chrono::milliseconds duration);

  mutable std::mutex mutex_;
  std::vector<Step> steps_;
};

}  // namespace e2e
