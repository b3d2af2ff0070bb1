#include "session_outbox.h"

namespace mcp_server {

bool SessionOutbox::Open(const std::string& session) {
  std::lock_guard lock(mu_);
  return streams_.try_emplace(session).second;
}

void SessionOutbox::Close(const std::string& session) {
  std::lock_guard lock(mu_);
  streams_.erase(session);
  changed_.notify_all();
}

bool SessionOutbox::IsOpen(const std::string& session) const {
  std::lock_guard lock(mu_);
  return streams_.count(session) > 0;
}

bool SessionOutbox::Push(const std::string& session, nlohmann::json message) {
  std::lock_guard lock(mu_);
  auto it = streams_.find(session);
  if (it == streams_.end()) return false;
  if (it->second.size() >= kMaxQueued) it->second.pop_front();
  it->second.push_back(std::move(message));
  changed_.notify_all();
  return true;
}

std::optional<nlohmann::json> SessionOutbox::Next(const std::string& session,
                                                  std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  const auto ready = [&] {
    auto it = streams_.find(session);
    return it == streams_.end() || !it->second.empty();
  };
  changed_.wait_for(lock, timeout, ready);
  auto it = streams_.find(session);
  if (it == streams_.end() || it->second.empty()) return std::nullopt;
  nlohmann::json message = std::move(it->second.front());
  it->second.pop_front();
  return message;
}

std::size_t SessionOutbox::open_count() const {
  std::lock_guard lock(mu_);
  return streams_.size();
}

}  // namespace mcp_server
