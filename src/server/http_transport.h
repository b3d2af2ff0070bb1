#pragma once
// MCP Streamable HTTP on one endpoint (/mcp) plus /healthz: status codes,
// session and protocol-version headers, Origin and body-size checks, and one
// log line per request. JSON-RPC semantics live in the Dispatcher.

#include <httplib.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "dispatcher.h"
#include "origin_policy.h"
#include "sessions.h"

namespace mcp_server {

struct TransportOptions {
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  std::string version;  // reported by /healthz
  // Why the database is unusable, or nullopt when it is fine (for /healthz).
  std::function<std::optional<std::string>()> db_problem;
  // Optional: more fields for /healthz (a JSON object merged into the body),
  // e.g. the project memory's queue_depth and oldest_job_age_s.
  std::function<nlohmann::json()> health_details;
};

class HttpTransport {
 public:
  // `dispatcher` and `sessions` must outlive the transport.
  HttpTransport(const Dispatcher& dispatcher, SessionRegistry& sessions, OriginPolicy origins,
                TransportOptions options);

  // Registers routes, limits and logging on `server`. Call once, before listening.
  void Install(httplib::Server& server);

 private:
  void HandlePost(const httplib::Request& req, httplib::Response& res);
  void HandleDelete(const httplib::Request& req, httplib::Response& res);
  void HandleHealth(httplib::Response& res) const;

  const Dispatcher& dispatcher_;
  SessionRegistry& sessions_;
  OriginPolicy origins_;
  TransportOptions options_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace mcp_server
