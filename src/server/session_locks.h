#pragma once
// Serialises chat calls per session_id: two calls on one session would
// otherwise both read the same history and interleave their turns. Calls on
// different sessions never wait for each other. An entry lives only while a
// call holds or waits for it, so the map does not grow with every session
// ever seen.

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mcp_server {

class SessionLocks {
 private:
  struct Entry {
    std::mutex mu;
    int users = 0;  // holders and waiters; guarded by SessionLocks::mu_
  };

 public:
  // Holds one session's lock until destroyed.
  class Guard {
   public:
    Guard(SessionLocks& owner, std::string session_id, Entry& entry)
        : owner_(&owner), session_id_(std::move(session_id)), entry_(&entry) {}
    Guard(Guard&& other) noexcept;
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    Guard& operator=(Guard&&) = delete;
    ~Guard();

   private:
    SessionLocks* owner_;
    std::string session_id_;
    Entry* entry_;
  };

  // Blocks until no other call holds `session_id`.
  Guard Lock(const std::string& session_id);

  // Sessions currently held or awaited (for tests: nothing leaks).
  std::size_t ActiveSessions() const;

 private:
  void Release(const std::string& session_id, Entry& entry);

  mutable std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace mcp_server
