#pragma once
// What each MCP session asked of the server beyond single requests: its
// minimum log level (logging/setLevel), the resources it subscribed to
// (resources/subscribe) and the client's declared capabilities (so the server
// only sends it requests it can answer). Forgotten when the session ends.
// Thread-safe.

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "log_level.h"

namespace mcp_server {

class SessionPreferences {
 public:
  // Until a session sets one, messages of level info and above are sent.
  static constexpr LogLevel kDefaultLogLevel = LogLevel::kInfo;

  void SetLogLevel(const std::string& session, LogLevel level);
  LogLevel LogLevelOf(const std::string& session) const;

  // The capabilities the client declared at initialize ({} until then).
  void SetClientCapabilities(const std::string& session, nlohmann::json capabilities);
  // True when the client declared `capability` (e.g. "sampling", "elicitation").
  bool ClientDeclared(const std::string& session, const std::string& capability) const;

  void Subscribe(const std::string& session, const std::string& uri);
  // False when `session` was not subscribed to `uri`.
  bool Unsubscribe(const std::string& session, const std::string& uri);
  // The sessions subscribed to `uri`.
  std::vector<std::string> SubscribersOf(const std::string& uri) const;

  void Forget(const std::string& session);

 private:
  struct Preferences {
    LogLevel log_level = kDefaultLogLevel;
    std::set<std::string> subscriptions;
    nlohmann::json client_capabilities = nlohmann::json::object();
  };

  mutable std::mutex mu_;
  std::map<std::string, Preferences> sessions_;
};

}  // namespace mcp_server
