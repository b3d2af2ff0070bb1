// Engine operations through this client and, in the same run, through the
// docker CLI doing the same steps, so the two can be compared on one machine
// at one moment (these machines are noisy). Prints a ratio table at the end.
//
//   build/bench/docker_ops [--benchmark_repetitions=N]
//
// Needs a running daemon and the debian:bookworm-slim image (scripts/setup).
// Everything it creates is labelled e2e.session=bench-<pid> and removed.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <map>
#include <vector>

#include "docker/client.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kImage = "debian:bookworm-slim";

docker::Client& Engine() {
  static docker::Client client;
  return client;
}

std::string Session() { return "bench-" + std::to_string(::getpid()); }

std::string Name(const std::string& what) {
  static std::atomic<int> counter = 0;  // containers are created from several threads
  return fmt::format("e2e-bench-{}-{}-{}", ::getpid(), what, ++counter);
}

// Runs a docker CLI command, output discarded; aborts the benchmark on failure.
void Cli(const std::string& args, benchmark::State& state) {
  const std::string command = "docker " + args + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) state.SkipWithError(("failed: " + command).c_str());
}

// Times the steps of each iteration; reported as per-iteration averages.
class Steps {
 public:
  explicit Steps(benchmark::State& state) : state_(state) {}
  ~Steps() {
    for (const auto& [name, ms] : totals_) {
      state_.counters[name] = benchmark::Counter(ms, benchmark::Counter::kAvgIterations);
    }
  }
  void Begin() { start_ = Clock::now(); }
  // Adds the time since the previous step (or Begin) to step `name`.
  void End(const std::string& name) {
    const auto now = Clock::now();
    totals_[name] += std::chrono::duration<double, std::milli>(now - start_).count();
    start_ = now;
  }

 private:
  benchmark::State& state_;
  std::map<std::string, double> totals_;
  Clock::time_point start_;
};

docker::ContainerCreate Idle(const std::string& network = "") {
  return {.name = Name("c"),
          .image = kImage,
          .cmd = {"sleep", "infinity"},
          .labels = {{"e2e.session", Session()}},
          .network = network};
}

void BM_Client_ContainerLifecycle(benchmark::State& state) {
  Steps steps(state);
  for (auto _ : state) {
    steps.Begin();
    const std::string id = Engine().CreateContainer(Idle());
    steps.End("create_ms");
    Engine().StartContainer(id);
    steps.End("start_ms");
    Engine().Exec(id, {.cmd = {"true"}});
    steps.End("exec_ms");
    Engine().RemoveContainer(id);
    steps.End("remove_ms");
  }
}

void BM_Cli_ContainerLifecycle(benchmark::State& state) {
  Steps steps(state);
  for (auto _ : state) {
    const std::string name = Name("c");
    steps.Begin();
    Cli(fmt::format("create --name {} --label e2e.session={} {} sleep infinity", name, Session(),
                    kImage),
        state);
    steps.End("create_ms");
    Cli("start " + name, state);
    steps.End("start_ms");
    Cli("exec " + name + " true", state);
    steps.End("exec_ms");
    Cli("rm -f " + name, state);
    steps.End("remove_ms");
  }
}

// Network + 3 containers up, then down: independent steps run in parallel.
void BM_Client_StackCycle(benchmark::State& state) {
  Steps steps(state);
  for (auto _ : state) {
    steps.Begin();
    const std::string network = Name("net");
    Engine().CreateNetwork({.name = network, .labels = {{"e2e.session", Session()}}});
    std::vector<std::future<std::string>> up;
    for (int i = 0; i < 3; ++i) {
      up.push_back(std::async(std::launch::async, [&] {
        const std::string id = Engine().CreateContainer(Idle(network));
        Engine().StartContainer(id);
        return id;
      }));
    }
    std::vector<std::string> ids;
    for (auto& f : up) ids.push_back(f.get());
    steps.End("up_ms");
    std::vector<std::future<void>> down;
    for (const auto& id : ids) {
      down.push_back(std::async(std::launch::async, [&, id] { Engine().RemoveContainer(id); }));
    }
    for (auto& f : down) f.get();
    Engine().RemoveNetwork(network);
    steps.End("down_ms");
  }
}

// The same cycle as a shell script would do it with the CLI, one step after another.
void BM_Cli_StackCycle(benchmark::State& state) {
  Steps steps(state);
  for (auto _ : state) {
    steps.Begin();
    const std::string network = Name("net");
    Cli(fmt::format("network create --label e2e.session={} {}", Session(), network), state);
    std::string names;
    for (int i = 0; i < 3; ++i) {
      const std::string name = Name("c");
      Cli(fmt::format("run -d --name {} --network {} --label e2e.session={} {} sleep infinity",
                      name, network, Session(), kImage),
          state);
      names += " " + name;
    }
    steps.End("up_ms");
    Cli("rm -f" + names, state);
    Cli("network rm " + network, state);
    steps.End("down_ms");
  }
}

BENCHMARK(BM_Client_ContainerLifecycle)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(10);
BENCHMARK(BM_Cli_ContainerLifecycle)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);
BENCHMARK(BM_Client_StackCycle)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);
BENCHMARK(BM_Cli_StackCycle)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);

// Remembers each run's mean real time so the ratios can be printed after the table.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(::isatty(1) ? OO_Defaults : OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Iteration && run.iterations > 0) {
        auto& [total, count] = times_[run.run_name.function_name];
        total += run.GetAdjustedRealTime();
        ++count;
      }
    }
  }

  void PrintRatios() const {
    fmt::print("\nclient vs docker CLI, same run (mean real time per cycle):\n");
    for (const char* cycle : {"ContainerLifecycle", "StackCycle"}) {
      const auto client = times_.find(std::string("BM_Client_") + cycle);
      const auto cli = times_.find(std::string("BM_Cli_") + cycle);
      if (client == times_.end() || cli == times_.end()) continue;
      const double a = client->second.first / client->second.second;
      const double b = cli->second.first / cli->second.second;
      fmt::print("  {:<20} client {:8.1f} ms   CLI {:8.1f} ms   client/CLI {:.2f}\n", cycle, a, b,
                 a / b);
    }
  }

 private:
  std::map<std::string, std::pair<double, int>> times_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!Engine().ImageExists(kImage)) {
    fmt::print(stderr, "{} is missing: run scripts/setup first\n", kImage);
    return 1;
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
