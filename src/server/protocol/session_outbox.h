#pragma once
// Messages for each session's standalone SSE stream (GET /mcp): the
// notifications not tied to a request, such as notifications/resources/updated.
// Messages are queued only while the session has a stream open, and at most
// kMaxQueued of them (a client that stopped reading loses the oldest).
// Thread-safe.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mcp_server {

class SessionOutbox {
 public:
  static constexpr std::size_t kMaxQueued = 256;

  // Opens `session`'s stream; false when it already has one.
  bool Open(const std::string& session);
  // Closes the stream (its reader is done); queued messages are dropped.
  void Close(const std::string& session);
  bool IsOpen(const std::string& session) const;

  // Queues `message`; false (dropped) when `session` has no open stream.
  bool Push(const std::string& session, nlohmann::json message);

  // The next message of `session`, waiting up to `timeout`; nullopt on
  // timeout or once the stream is closed.
  std::optional<nlohmann::json> Next(const std::string& session, std::chrono::milliseconds timeout);

  std::size_t open_count() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::map<std::string, std::deque<nlohmann::json>> streams_;
};

}  // namespace mcp_server
