#pragma once
// MCP sessions of the Streamable HTTP transport: an id issued at initialize
// that every later request must carry. Thread-safe.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mcp_server {

struct McpSession {
  std::string protocol_version;  // negotiated at initialize
  std::chrono::steady_clock::time_point created;
};

class SessionRegistry {
 public:
  // Creates a session and returns its id: 32 random bytes from OpenSSL as
  // 64 hex characters (visible ASCII, unguessable).
  std::string Create(std::string protocol_version);

  // The session, or nullopt when `id` was never issued or has ended.
  std::optional<McpSession> Find(std::string_view id) const;

  // Ends the session; false when it did not exist.
  bool End(std::string_view id);

  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, McpSession> sessions_;
};

// A short, non-secret prefix of a session id, safe to put in logs.
std::string SessionLogTag(std::string_view id);

}  // namespace mcp_server
