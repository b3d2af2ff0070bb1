#pragma once
// Requests the server sends to a client (sampling/createMessage,
// elicitation/create) on a request's SSE stream, and the answers the client
// POSTs back to /mcp. The asking thread opens an id, writes the request to
// its stream and waits; the worker that receives the client's response
// delivers it. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mcp_server {

// What came back for one server-to-client request.
struct ClientAnswer {
  std::optional<nlohmann::json> result;  // the response's result, when it had one
  std::string error;                     // otherwise why not (client error, timeout, cancelled)
};

class ClientRequests {
 public:
  using Clock = std::chrono::steady_clock;

  // Registers a new request of `session` and returns its JSON-RPC id, unique
  // within this server ("s-1", "s-2", ...).
  std::string Open(const std::string& session);

  // Waits until the client answered `id`, `deadline` passed or `abandoned()`
  // turned true (checked every 50 ms), then forgets `id`.
  ClientAnswer Wait(const std::string& id, Clock::time_point deadline,
                    const std::function<bool()>& abandoned);

  // Hands `response` (a JSON-RPC response object) to the waiter of its id.
  // False when no open request of `session` has that id.
  bool Deliver(const std::string& session, const nlohmann::json& response);

  // Requests opened and not yet answered or abandoned.
  std::size_t open_count() const;

 private:
  struct Pending {
    std::string session;
    std::optional<nlohmann::json> response;
  };

  mutable std::mutex mu_;
  std::condition_variable answered_;
  std::map<std::string, Pending> pending_;
  long next_id_ = 0;
};

}  // namespace mcp_server
