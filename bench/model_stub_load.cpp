// Load on the model stub: 16 keep-alive clients against an in-process stub on
// 127.0.0.1, for (a) Anthropic streaming /v1/messages answering a directive
// with a tool_use turn and (b) OpenAI /v1/responses, next to (c) GET /healthz
// in the same run: the HTTP stack's own floor, the baseline for (a) and (b).
// Bounded in requests and in time. Reported as counters: requests/s, p50 and
// p99 latency (ms), errors. The stub's request log goes to stderr.
//   build/bench/model_stub_load 2>/dev/null
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "poll_until.h"
#include "running_stub.h"
#include "server.h"

namespace {

using Clock = std::chrono::steady_clock;
using model_stub::Json;

constexpr int kClients = 16;
constexpr int kMaxRequests = 20000;
constexpr auto kMaxDuration = std::chrono::seconds(10);

using bench::RunningStub;

double Percentile(std::vector<double>& sorted_ms, double fraction) {
  if (sorted_ms.empty()) return 0.0;
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted_ms.size() - 1));
  return sorted_ms[index];
}

// Runs kClients keep-alive clients posting `body` to `path` (a GET when `body`
// is empty) until kMaxRequests were sent or kMaxDuration passed, and reports
// the counters on `state`.
void RunLoad(benchmark::State& state, const std::string& path, const std::string& body) {
  RunningStub stub;
  if (!stub.ready()) {
    state.SkipWithError("the stub did not start on 127.0.0.1");
    return;
  }
  for (auto _ : state) {
    std::atomic<int> issued{0};
    std::atomic<int> errors{0};
    std::atomic<int> last_error{0};  // httplib::Error of the last transport failure
    std::vector<std::vector<double>> latencies(kClients);
    const auto started = Clock::now();
    const auto deadline = started + kMaxDuration;
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", stub.port());
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);
        client.set_read_timeout(std::chrono::seconds(5));
        auto& mine = latencies[static_cast<std::size_t>(c)];
        while (issued.fetch_add(1) < kMaxRequests && Clock::now() < deadline) {
          const auto sent = Clock::now();
          auto res = body.empty() ? client.Get(path) : client.Post(path, body, "application/json");
          const auto took = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
          if (!res || res->status != 200) {
            ++errors;
            if (!res) last_error = static_cast<int>(res.error());
          }
          mine.push_back(took);
        }
      });
    }
    for (auto& client : clients) client.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

    std::vector<double> all;
    for (auto& mine : latencies) all.insert(all.end(), mine.begin(), mine.end());
    std::sort(all.begin(), all.end());
    state.counters["requests"] = static_cast<double>(all.size());
    state.counters["req_per_s"] = static_cast<double>(all.size()) / seconds;
    state.counters["p50_ms"] = Percentile(all, 0.50);
    state.counters["p99_ms"] = Percentile(all, 0.99);
    state.counters["errors"] = errors.load();
    state.counters["last_transport_error"] = last_error.load();
    state.counters["clients"] = kClients;
  }
}

void BM_AnthropicStreamingToolUse(benchmark::State& state) {
  const Json request = {
      {"model", "claude-sonnet-4"},
      {"stream", true},
      {"max_tokens", 1024},
      {"tools", {{{"name", "mcp__srv__echo"}, {"input_schema", {{"type", "object"}}}}}},
      {"messages",
       {{{"role", "user"},
         {"content",
          R"(Please call echo with {"text": "a message long enough to stream in pieces"})"}}}}};
  RunLoad(state, "/v1/messages", model_stub::Dump(request));
}

void BM_OpenAiResponses(benchmark::State& state) {
  const Json request = {
      {"model", "o3"},
      {"instructions", "You know GAMMA-7 and ZEBRA-FLUX-42."},
      {"input", {{{"role", "user"}, {"content", "What do you know about DELTA-3?"}}}}};
  RunLoad(state, "/v1/responses", model_stub::Dump(request));
}

void BM_HealthzFloor(benchmark::State& state) { RunLoad(state, "/healthz", ""); }

BENCHMARK(BM_HealthzFloor)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnthropicStreamingToolUse)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenAiResponses)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Keep the per-request log lines out of the results table.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("model-stub"));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
