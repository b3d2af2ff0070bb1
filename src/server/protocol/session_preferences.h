#pragma once
// What each MCP session asked of the server beyond single requests: its
// minimum log level (logging/setLevel) and the resources it subscribed to
// (resources/subscribe). Forgotten when the session ends. Thread-safe.

#include <map>
#include <mutex>
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
  };

  mutable std::mutex mu_;
  std::map<std::string, Preferences> sessions_;
};

}  // namespace mcp_server
