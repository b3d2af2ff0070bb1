#pragma once
// Conversation turns per chat session_id, in SQLite (WAL) under MCP_DATA_DIR.
// Turns are stored provider-neutrally (role + text) so any model's tool can
// replay a session's history. Thread-safe: one connection behind a mutex.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace mcp_server {

struct Turn {
  std::string role;     // "user" or "assistant"
  std::string content;  // the text said
  std::string provider;
  std::string model;
  std::int64_t created_at_unix = 0;
};

// One stored session as resources/list shows it.
struct SessionSummary {
  std::string session_id;
  std::int64_t turns = 0;
  std::int64_t last_turn_at_unix = 0;
};

class ConversationStore {
 public:
  // Opens (creating when needed) `dir`/mcp.db. Never throws: when the
  // database cannot be opened, Healthy() is false and calls report errors.
  explicit ConversationStore(const std::filesystem::path& dir);
  ~ConversationStore();
  ConversationStore(const ConversationStore&) = delete;
  ConversationStore& operator=(const ConversationStore&) = delete;

  // Empty when the database answers a trivial query; otherwise why not.
  std::optional<std::string> Problem() const;

  // The session's turns, oldest first. On failure returns nullopt and sets
  // `error` (when given).
  std::optional<std::vector<Turn>> History(const std::string& session_id,
                                           std::string* error = nullptr) const;

  // Appends turns atomically (all or none). Returns an error message on failure.
  std::optional<std::string> Append(const std::string& session_id, const std::vector<Turn>& turns);

  // Deletes every turn of the session (an expired session starts afresh).
  // Returns an error message on failure.
  std::optional<std::string> Forget(const std::string& session_id);

  // At most `limit` sessions, the most recently active first. On failure
  // returns nullopt and sets `error` (when given).
  std::optional<std::vector<SessionSummary>> Sessions(std::size_t limit,
                                                      std::string* error = nullptr) const;

 private:
  mutable std::mutex mu_;
  sqlite3* db_ = nullptr;
  std::string open_error_;
};

}  // namespace mcp_server
