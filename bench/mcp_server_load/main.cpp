// Load on the reference MCP server, the real `mcp-server` binary in a process
// of its own on 127.0.0.1 (default settings, request log on, to a file):
// 16 keep-alive clients (libcurl multi, one thread) for
//   (a) GET /healthz, the HTTP stack's floor in the same run,
//   (b) tools/call list_models in an open session,
//   (c) whole sessions: initialize, notifications/initialized, tools/list,
//       tools/call list_models, DELETE.
// For each: operations per second, p50/p99 latency, errors, and the CPU time
// per operation of the server process and of this load generator. Then the
// server's resident memory and its peak, and each of issue 9's targets met
// or not. Bounded: 5 s per section (--seconds), 200,000 operations at most.
//   build/bench/mcp_server_load [--seconds S] [--clients N] [--server PATH]
#include <curl/curl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "child_process.h"
#include "load_loop.h"
#include "poll_until.h"

namespace {

using Clock = std::chrono::steady_clock;
using mcp_load::Step;

struct Options {
  std::string server = MCP_SERVER_BINARY;
  int clients = 16;
  int seconds = 5;
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--server" && has_value) {
      options.server = argv[++i];
    } else if (arg == "--clients" && has_value) {
      options.clients = std::atoi(argv[++i]);
    } else if (arg == "--seconds" && has_value) {
      options.seconds = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--seconds S] [--clients N] [--server PATH]\n", argv[0]);
      std::exit(arg == "--help" ? 0 : 2);
    }
  }
  if (options.clients < 1 || options.seconds < 1) {
    std::fprintf(stderr, "--clients and --seconds must be at least 1\n");
    std::exit(2);
  }
  return options;
}

// A port nobody listens on now (the kernel's pick), for the server to bind.
int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

bool Healthy(const std::string& url) {
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 1000L);
  curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  long status = 0;
  if (curl_easy_perform(easy) == CURLE_OK) curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(easy);
  return status == 200;
}

// User + system CPU seconds of a process, from /proc/PID/stat.
double ProcessCpuSeconds(pid_t pid) {
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto after_name = text.rfind(')');  // the command name may hold spaces
  if (after_name == std::string::npos) return 0;
  std::istringstream fields(text.substr(after_name + 2));
  std::string field;
  double ticks = 0;
  for (int index = 3; fields >> field && index <= 15; ++index) {
    if (index == 14 || index == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double OwnCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// A VmRSS / VmHWM line of /proc/PID/status, in MiB; 0 when unreadable.
double StatusMiB(pid_t pid, const std::string& key) {
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(key + ":")) return std::atof(line.c_str() + key.size() + 1) / 1024.0;
  }
  return 0;
}

double Percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<size_t>(fraction * static_cast<double>(sorted.size() - 1))];
}

std::string Rpc(int id, const std::string& method, const std::string& params) {
  return fmt::format(R"({{"jsonrpc":"2.0","id":{},"method":"{}","params":{}}})", id, method,
                     params);
}

const Step kInitialize{.path = "/mcp",
                       .body =
                           [](int id) {
                             return Rpc(
                                 id, "initialize",
                                 R"({"protocolVersion":"2025-06-18","capabilities":{},)"
                                 R"("clientInfo":{"name":"mcp_server_load","version":"1"}})");
                           },
                       .takes_session = true};
const Step kInitialized{
    .path = "/mcp",
    .body =
        [](int) {
          return std::string(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
        },
    .expect_status = 202,
    .sends_session = true};
const Step kListTools{.path = "/mcp",
                      .body = [](int id) { return Rpc(id, "tools/list", "{}"); },
                      .sends_session = true};
const Step kCallListModels{
    .path = "/mcp",
    .body =
        [](int id) { return Rpc(id, "tools/call", R"({"name":"list_models","arguments":{}})"); },
    .sends_session = true};
const Step kEnd{
    .method = Step::Method::kDelete, .path = "/mcp", .expect_status = 204, .sends_session = true};
const Step kHealth{.method = Step::Method::kGet, .path = "/healthz"};

struct Section {
  std::string name;
  mcp_load::Workload workload;
};

struct Figures {
  double per_s = 0;
  double p99_ms = 0;
  int errors = 0;
};

Figures RunSection(const Section& section, const mcp_load::LoadOptions& options, pid_t server) {
  const double server_cpu = ProcessCpuSeconds(server);
  const double own_cpu = OwnCpuSeconds();
  const mcp_load::LoadResult result = mcp_load::RunLoad(options, section.workload);
  const double server_used = ProcessCpuSeconds(server) - server_cpu;
  const double own_used = OwnCpuSeconds() - own_cpu;
  const double operations = std::max(1, result.operations);
  const Figures figures{.per_s = result.operations / std::max(result.seconds, 1e-9),
                        .p99_ms = Percentile(result.latencies_ms, 0.99),
                        .errors = result.errors + result.prepare_errors};
  std::printf("| %-22s | %9.0f | %6.2f | %6.2f | %6d | %9.0f | %9.0f |\n", section.name.c_str(),
              figures.per_s, Percentile(result.latencies_ms, 0.50), figures.p99_ms, figures.errors,
              server_used / operations * 1e6, own_used / operations * 1e6);
  if (!result.first_error.empty()) std::printf("  first error: %s\n", result.first_error.c_str());
  std::fflush(stdout);
  return figures;
}

std::string Verdict(bool met) { return met ? "met" : "NOT met"; }

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "mcp-server-load-XXXXXX").string();
  if (::mkdtemp(dir_template.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const std::filesystem::path data_dir = dir_template;
  const int port = FreeLoopbackPort();
  const std::string base_url = fmt::format("http://127.0.0.1:{}", port);
  int status = 0;
  {
    bench::ServiceChild server(
        {options.server},
        {"MCP_HOST=127.0.0.1", fmt::format("MCP_PORT={}", port),
         "MCP_DATA_DIR=" + data_dir.string(), "MCP_ALLOWED_ROOTS=" + data_dir.string()},
        (data_dir / "server.log").string());
    const bool up = support::PollUntil(
        Clock::now() + std::chrono::seconds(10),
        [&] { return server.Running() && Healthy(base_url + "/healthz"); },
        support::Backoff(std::chrono::milliseconds(5), std::chrono::milliseconds(200)));
    if (!up) {
      std::fprintf(stderr, "%s did not become healthy on %s within 10 s; its log: %s\n",
                   options.server.c_str(), base_url.c_str(), (data_dir / "server.log").c_str());
      return 1;
    }
    const mcp_load::LoadOptions load{.base_url = base_url,
                                     .clients = options.clients,
                                     .duration = std::chrono::seconds(options.seconds)};
    std::printf(
        "mcp-server %s (pid %d) on %s, %d keep-alive clients, %d s per section, nproc %ld\n",
        options.server.c_str(), server.pid(), base_url.c_str(), options.clients, options.seconds,
        ::sysconf(_SC_NPROCESSORS_ONLN));
    std::printf("| %-22s | %9s | %6s | %6s | %6s | %9s | %9s |\n", "section", "per s", "p50 ms",
                "p99 ms", "errors", "server µs", "client µs");
    std::printf("|%s|%s|%s|%s|%s|%s|%s|\n", std::string(24, '-').c_str(),
                std::string(11, '-').c_str(), std::string(8, '-').c_str(),
                std::string(8, '-').c_str(), std::string(8, '-').c_str(),
                std::string(11, '-').c_str(), std::string(11, '-').c_str());
    const Figures floor = RunSection({"GET /healthz (floor)", {{}, {kHealth}}}, load, server.pid());
    const Figures call =
        RunSection({"tools/call list_models", {{kInitialize, kInitialized}, {kCallListModels}}},
                   load, server.pid());
    const Figures session =
        RunSection({"full session (5 req)",
                    {{}, {kInitialize, kInitialized, kListTools, kCallListModels, kEnd}}},
                   load, server.pid());
    const double rss = StatusMiB(server.pid(), "VmRSS");
    const double peak = StatusMiB(server.pid(), "VmHWM");
    std::printf("server resident memory after the run: %.1f MiB (peak %.1f MiB)\n", rss, peak);
    std::printf(
        "µs columns: CPU time per operation (user + system) of the server process and of "
        "this load generator\n\n");
    std::printf("issue 9 targets (same run):\n");
    std::printf("  tools/call list_models >= 10,000/s: %.0f/s (%.0f%% of the /healthz floor): %s\n",
                call.per_s, 100 * call.per_s / std::max(floor.per_s, 1.0),
                Verdict(call.per_s >= 10000).c_str());
    std::printf("  tools/call list_models p99 < 5 ms: %.2f ms: %s\n", call.p99_ms,
                Verdict(call.p99_ms < 5).c_str());
    std::printf("  0 errors: %d: %s\n", floor.errors + call.errors + session.errors,
                Verdict(floor.errors + call.errors + session.errors == 0).c_str());
    std::printf("  full sessions >= 2,000/s: %.0f/s: %s\n", session.per_s,
                Verdict(session.per_s >= 2000).c_str());
    std::printf("  server RSS < 64 MiB: %.1f MiB: %s\n", rss, Verdict(rss < 64).c_str());
    if (floor.errors + call.errors + session.errors > 0) status = 1;
  }
  std::error_code ignored;
  std::filesystem::remove_all(data_dir, ignored);
  curl_global_cleanup();
  return status;
}
