#pragma once
// What a request handler may do besides answering: report progress (when the
// request carried _meta.progressToken), send log messages
// (notifications/message, filtered by the session's logging/setLevel), ask
// the client something (sampling/createMessage, elicitation/create) and
// notice that the client cancelled the request (notifications/cancelled, or
// its stream went away).
//
// All of that needs the reply to be an SSE stream. A detached context (plain
// JSON reply, or no client at all) drops notifications and fails requests to
// the client with a clear error. Used only on the thread serving the request.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "client_requests.h"
#include "log_level.h"

namespace mcp_server {

class SessionPreferences;

class RequestContext {
 public:
  // Writes one JSON-RPC message to the request's stream; false when the
  // client is gone.
  using Sender = std::function<bool(const nlohmann::json& message)>;

  // Detached: never cancelled, nothing reaches a client.
  RequestContext() = default;

  // `params` are the request's params (for _meta.progressToken);
  // `preferences` (may be null) gives the session's log level; `cancelled`
  // (may be null) turns true when the client cancels.
  RequestContext(std::string session, const nlohmann::json& params,
                 const SessionPreferences* preferences,
                 std::shared_ptr<const std::atomic<bool>> cancelled);

  // Lets notifications and client requests through `send` (the SSE stream).
  void AttachStream(Sender send, ClientRequests* requests);
  bool streaming() const { return static_cast<bool>(send_); }

  const std::string& session() const { return session_; }
  bool has_progress_token() const { return !progress_token_.is_null(); }

  // True once the client cancelled the request or closed its stream.
  bool Cancelled() const;
  // Cancelled() as a callable for provider calls; valid while *this lives.
  std::function<bool()> AbortHook() const;

  // notifications/progress, when the request carried a progressToken.
  void Progress(double progress, std::optional<double> total, const std::string& message);

  // notifications/message, when `level` is at or above the session's level.
  void Log(LogLevel level, const nlohmann::json& data, const std::string& logger = "mcp-server");

  // Sends request `method` to the client and waits for its answer up to
  // `timeout` (or until the request is cancelled). Fails at once when the
  // client did not declare the capability `method` belongs to ("sampling"
  // for sampling/createMessage, "elicitation" for elicitation/create).
  ClientAnswer Ask(const std::string& method, nlohmann::json params,
                   std::chrono::milliseconds timeout);

 private:
  bool Send(const nlohmann::json& message);

  std::string session_;
  nlohmann::json progress_token_;
  const SessionPreferences* preferences_ = nullptr;
  std::shared_ptr<const std::atomic<bool>> cancelled_;
  Sender send_;
  ClientRequests* requests_ = nullptr;
  bool client_gone_ = false;
};

}  // namespace mcp_server
