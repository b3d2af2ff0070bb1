#include "session_preferences.h"

namespace mcp_server {

void SessionPreferences::SetLogLevel(const std::string& session, LogLevel level) {
  std::lock_guard lock(mu_);
  sessions_[session].log_level = level;
}

LogLevel SessionPreferences::LogLevelOf(const std::string& session) const {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(session);
  return it == sessions_.end() ? kDefaultLogLevel : it->second.log_level;
}

void SessionPreferences::SetClientCapabilities(const std::string& session,
                                               nlohmann::json capabilities) {
  if (!capabilities.is_object()) capabilities = nlohmann::json::object();
  std::lock_guard lock(mu_);
  sessions_[session].client_capabilities = std::move(capabilities);
}

bool SessionPreferences::ClientDeclared(const std::string& session,
                                        const std::string& capability) const {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(session);
  return it != sessions_.end() && it->second.client_capabilities.contains(capability);
}

void SessionPreferences::Subscribe(const std::string& session, const std::string& uri) {
  std::lock_guard lock(mu_);
  sessions_[session].subscriptions.insert(uri);
}

bool SessionPreferences::Unsubscribe(const std::string& session, const std::string& uri) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(session);
  return it != sessions_.end() && it->second.subscriptions.erase(uri) > 0;
}

std::vector<std::string> SessionPreferences::SubscribersOf(const std::string& uri) const {
  std::lock_guard lock(mu_);
  std::vector<std::string> subscribers;
  for (const auto& [session, preferences] : sessions_) {
    if (preferences.subscriptions.count(uri)) subscribers.push_back(session);
  }
  return subscribers;
}

void SessionPreferences::Forget(const std::string& session) {
  std::lock_guard lock(mu_);
  sessions_.erase(session);
}

}  // namespace mcp_server
