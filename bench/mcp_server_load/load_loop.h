#pragma once
// Keep-alive HTTP load from one thread: N simulated clients, each with its own
// connection, driven by libcurl's multi interface. One thread and no
// per-request allocation of a client object keep the load generator's own
// CPU small, so on a 2-core machine the server, not the client, is measured
// (its CPU per request is reported next to the server's).

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace mcp_load {

// One HTTP exchange of an operation.
struct Step {
  enum class Method { kGet, kPost, kDelete };
  Method method = Method::kPost;
  std::string path;
  // The body for JSON-RPC request id `id` (POST only).
  std::function<std::string(int id)> body;
  long expect_status = 200;
  bool takes_session = false;  // remember the reply's Mcp-Session-Id
  bool sends_session = false;  // send Mcp-Session-Id and MCP-Protocol-Version
};

// What each client repeats (`operation`, timed) after running `prepare` once
// (not timed, not counted), e.g. initialize before tools/call.
struct Workload {
  std::vector<Step> prepare;
  std::vector<Step> operation;
};

struct LoadOptions {
  std::string base_url;  // http://127.0.0.1:PORT
  int clients = 16;
  int max_operations = 200000;
  std::chrono::milliseconds duration{5000};
  std::chrono::milliseconds request_timeout{5000};
};

struct LoadResult {
  int operations = 0;      // timed operations that completed, failed ones included
  int errors = 0;          // operations with a failed step (transport or status)
  int prepare_errors = 0;  // clients whose preparation failed (they stay idle)
  double seconds = 0;
  std::vector<double> latencies_ms;  // per operation, sorted
  std::string first_error;           // what the first failure was, for the report
};

// Runs the workload; bounded by options.duration plus one request timeout.
LoadResult RunLoad(const LoadOptions& options, const Workload& workload);

}  // namespace mcp_load
