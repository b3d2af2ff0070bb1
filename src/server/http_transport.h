#pragma once
// MCP Streamable HTTP on one endpoint (/mcp unless configured) plus /healthz: status codes,
// session and protocol-version headers, Origin and body-size checks, and one
// log line per request. JSON-RPC semantics live in the Dispatcher.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "dispatcher.h"
#include "origin_policy.h"
#include "protocol/protocol_state.h"
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
  // Standalone streams (GET /mcp) each hold a worker thread while open: at
  // most this many at once, so requests always find a worker.
  std::size_t max_standalone_streams = 4;
  std::string endpoint = "/mcp";  // the MCP endpoint's path
};

class HttpTransport {
 public:
  // `dispatcher`, `sessions` and `protocol` must outlive the transport.
  HttpTransport(const Dispatcher& dispatcher, SessionRegistry& sessions, ProtocolState& protocol,
                OriginPolicy origins, TransportOptions options);

  // Registers routes, limits and logging on `server`. Call once, before listening.
  void Install(httplib::Server& server);

  // Ends open standalone streams within a heartbeat, so the server can stop.
  // Async-signal-safe (sets a flag).
  void StopStreams() { stopping_ = true; }

  // How often an idle standalone stream writes a comment line (to notice a
  // client that went away, and StopStreams()).
  static constexpr std::chrono::milliseconds kStreamHeartbeat{1000};

 private:
  void HandlePost(const httplib::Request& req, httplib::Response& res);
  // A JSON-RPC batch (a body that is a JSON array): answered in sessions that
  // negotiated 2025-03-26, whose clients may send them; refused (400,
  // kInvalidRequest) in later versions, which removed batching.
  void HandleBatch(const httplib::Request& req, httplib::Response& res);
  // An in-flight registration for a tools/call (what notifications/cancelled
  // finds), null for anything else; shared because a streamed reply keeps it.
  std::shared_ptr<InflightRequests::Registration> RegisterIfCancellable(
      const std::string& session, const mcp::jsonrpc::Message& message);
  void HandleClientMessage(const mcp::jsonrpc::Message& message, const std::string& session,
                           const std::string& body);
  void HandleGet(const httplib::Request& req, httplib::Response& res);
  void HandleDelete(const httplib::Request& req, httplib::Response& res);
  void HandleHealth(httplib::Response& res) const;
  // The session a non-initialize request names, or empty after refusing it
  // (400 without a session id, 404 when unknown, 400 for a bad version).
  std::string CheckSession(const httplib::Request& req, httplib::Response& res) const;

  const Dispatcher& dispatcher_;
  SessionRegistry& sessions_;
  ProtocolState& protocol_;
  std::atomic<bool> stopping_{false};
  OriginPolicy origins_;
  TransportOptions options_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace mcp_server
