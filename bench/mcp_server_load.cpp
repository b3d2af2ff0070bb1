// Load on the reference MCP server: 16 keep-alive clients against an
// in-process mcp-server on 127.0.0.1, for (a) GET /healthz, the HTTP stack's
// own floor in the same run, (b) tools/call list_models in an open session
// and (c) whole sessions: initialize, notifications/initialized, tools/list,
// tools/call list_models, DELETE. Bounded in requests and in time per
// section. Reported as counters: req/s (sessions/s for (c)), p50 and p99
// latency (ms), errors; then the process's resident memory (server and
// clients together, so an upper bound for the server). Request logs go to stderr.
//   build/bench/mcp_server_load 2>/dev/null
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <mcp/jsonrpc.h>
#include <mcp/protocol.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "poll_until.h"
#include "server.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
namespace rpc = mcp::jsonrpc;

constexpr int kClients = 16;
constexpr int kMaxOperations = 200000;
constexpr auto kMaxDuration = std::chrono::seconds(5);

const std::string kSessionHeader(mcp::kSessionIdHeader);
const std::string kVersionHeader(mcp::kProtocolVersionHeader);

// The real server on an ephemeral loopback port with a throwaway data
// directory, for the whole benchmark run (so RSS is measured after all sections).
class RunningServer {
 public:
  RunningServer() {
    std::string dir_template =
        (std::filesystem::temp_directory_path() / "mcp-server-load-XXXXXX").string();
    if (!mkdtemp(dir_template.data())) return;
    data_dir_ = dir_template;
    mcp_server::Config config;
    config.host = "127.0.0.1";
    config.port = 0;
    config.data_dir = data_dir_;
    config.allowed_roots = {data_dir_};
    config.worker_threads = 2 * kClients;
    server_ = std::make_unique<mcp_server::McpServer>(config);
    port_ = server_->Bind();
    if (port_ <= 0) return;
    listener_ = std::thread([this] { server_->Serve(); });
    // Poll for readiness with a bounded backoff, never a blind sleep; ready() tells.
    support::PollUntil(
        Clock::now() + std::chrono::seconds(5), [this] { return server_->IsRunning(); },
        support::Backoff(std::chrono::milliseconds(1), std::chrono::milliseconds(50)));
  }
  ~RunningServer() {
    if (server_) server_->Stop();
    if (listener_.joinable()) listener_.join();
    server_.reset();
    std::error_code ignored;
    if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_, ignored);
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  bool ready() const { return port_ > 0 && server_ && server_->IsRunning(); }
  int port() const { return port_; }

 private:
  std::filesystem::path data_dir_;
  std::unique_ptr<mcp_server::McpServer> server_;
  int port_ = -1;
  std::thread listener_;
};

RunningServer& Server() {
  static RunningServer server;
  return server;
}

double Percentile(const std::vector<double>& sorted_ms, double fraction) {
  if (sorted_ms.empty()) return 0.0;
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted_ms.size() - 1));
  return sorted_ms[index];
}

// One client's keep-alive connection and, once initialized, its MCP session.
class McpClient {
 public:
  explicit McpClient(int port) : http_("127.0.0.1", port) {
    http_.set_keep_alive(true);
    http_.set_tcp_nodelay(true);
    http_.set_read_timeout(std::chrono::seconds(5));
  }

  bool Get(const std::string& path) {
    auto res = http_.Get(path);
    return res && res->status == 200;
  }

  bool Initialize() {
    auto res = http_.Post("/mcp", {{"Accept", "application/json, text/event-stream"}},
                          rpc::MakeRequest(1, "initialize",
                                           {{"protocolVersion", "2025-06-18"},
                                            {"capabilities", json::object()},
                                            {"clientInfo", {{"name", "load"}, {"version", "1"}}}})
                              .dump(),
                          "application/json");
    if (!res || res->status != 200) return false;
    session_ = res->get_header_value(kSessionHeader.c_str());
    return !session_.empty() && Post(rpc::MakeNotification("notifications/initialized"), 202);
  }

  bool CallListModels() {
    return Post(rpc::MakeRequest(++id_, "tools/call",
                                 {{"name", "list_models"}, {"arguments", json::object()}}),
                200);
  }
  bool ListTools() { return Post(rpc::MakeRequest(++id_, "tools/list"), 200); }

  bool End() {
    auto res = http_.Delete("/mcp", Headers());
    session_.clear();
    return res && res->status == 204;
  }

 private:
  httplib::Headers Headers() const {
    return {{"Accept", "application/json, text/event-stream"},
            {kSessionHeader, session_},
            {kVersionHeader, "2025-06-18"}};
  }
  bool Post(const json& message, int expected_status) {
    auto res = http_.Post("/mcp", Headers(), message.dump(), "application/json");
    return res && res->status == expected_status;
  }

  httplib::Client http_;
  std::string session_;
  int id_ = 1;
};

// Runs kClients clients, each repeating `operation` until kMaxOperations
// were done or kMaxDuration passed, and reports the counters on `state`.
// `prepare` runs once per client before the clock starts.
void RunLoad(benchmark::State& state, const std::function<bool(McpClient&)>& prepare,
             const std::function<bool(McpClient&)>& operation) {
  RunningServer& server = Server();
  if (!server.ready()) {
    state.SkipWithError("the server did not start on 127.0.0.1");
    return;
  }
  for (auto _ : state) {
    std::atomic<int> issued{0};
    std::atomic<int> errors{0};
    std::vector<std::vector<double>> latencies(kClients);
    std::vector<std::unique_ptr<McpClient>> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.push_back(std::make_unique<McpClient>(server.port()));
      if (prepare && !prepare(*clients.back())) ++errors;
    }
    const auto started = Clock::now();
    const auto deadline = started + kMaxDuration;
    std::vector<std::thread> threads;
    for (int c = 0; c < kClients; ++c) {
      threads.emplace_back([&, c] {
        auto& mine = latencies[static_cast<std::size_t>(c)];
        McpClient& client = *clients[static_cast<std::size_t>(c)];
        while (issued.fetch_add(1) < kMaxOperations && Clock::now() < deadline) {
          const auto sent = Clock::now();
          if (!operation(client)) ++errors;
          mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        }
      });
    }
    for (auto& thread : threads) thread.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

    std::vector<double> all;
    for (auto& mine : latencies) all.insert(all.end(), mine.begin(), mine.end());
    std::sort(all.begin(), all.end());
    state.counters["operations"] = static_cast<double>(all.size());
    state.counters["per_s"] = static_cast<double>(all.size()) / seconds;
    state.counters["p50_ms"] = Percentile(all, 0.50);
    state.counters["p99_ms"] = Percentile(all, 0.99);
    state.counters["errors"] = errors.load();
    state.counters["clients"] = kClients;
  }
}

void BM_HealthzFloor(benchmark::State& state) {
  RunLoad(state, nullptr, [](McpClient& client) { return client.Get("/healthz"); });
}

void BM_ToolsCallListModels(benchmark::State& state) {
  RunLoad(
      state, [](McpClient& client) { return client.Initialize(); },
      [](McpClient& client) { return client.CallListModels(); });
}

// One operation is a whole session: five HTTP requests. Failures are also
// counted per step, so an error says where it happened.
void BM_FullSession(benchmark::State& state) {
  std::atomic<int> failed_initialize{0}, failed_list{0}, failed_call{0}, failed_delete{0};
  const auto failed = [](std::atomic<int>& count) {
    ++count;
    return false;
  };
  RunLoad(state, nullptr, [&](McpClient& client) {
    if (!client.Initialize()) return failed(failed_initialize);
    if (!client.ListTools()) return failed(failed_list);
    if (!client.CallListModels()) return failed(failed_call);
    if (!client.End()) return failed(failed_delete);
    return true;
  });
  state.counters["failed_initialize"] = failed_initialize.load();
  state.counters["failed_tools_list"] = failed_list.load();
  state.counters["failed_tools_call"] = failed_call.load();
  state.counters["failed_delete"] = failed_delete.load();
}

BENCHMARK(BM_HealthzFloor)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ToolsCallListModels)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullSession)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

// VmRSS of this process from /proc, in MiB; 0 when unreadable.
double ResidentMiB() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      double kib = 0;
      status >> kib;
      return kib / 1024.0;
    }
    status.ignore(4096, '\n');
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Keep the per-request log lines out of the results table.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("mcp-server"));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::printf("resident memory after the run (server and clients): %.1f MiB\n", ResidentMiB());
  return 0;
}
