#include "session_locks.h"

namespace mcp_server {

SessionLocks::Guard::Guard(Guard&& other) noexcept
    : owner_(other.owner_), session_id_(std::move(other.session_id_)), entry_(other.entry_) {
  other.entry_ = nullptr;
}

SessionLocks::Guard::~Guard() {
  if (entry_) owner_->Release(session_id_, *entry_);
}

SessionLocks::Guard SessionLocks::Lock(const std::string& session_id) {
  Entry* entry = nullptr;
  {
    std::lock_guard lock(mu_);
    auto& slot = entries_[session_id];
    if (!slot) slot = std::make_unique<Entry>();
    ++slot->users;  // keeps the entry alive while we wait outside mu_
    entry = slot.get();
  }
  entry->mu.lock();
  return Guard(*this, session_id, *entry);
}

void SessionLocks::Release(const std::string& session_id, Entry& entry) {
  entry.mu.unlock();
  std::lock_guard lock(mu_);
  if (--entry.users == 0) entries_.erase(session_id);
}

std::size_t SessionLocks::ActiveSessions() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace mcp_server
