#include "conversation_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "sqlite_helpers.h"

namespace mcp_server {
namespace {

constexpr const char* kConversationSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS turns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_by_session ON turns(session_id, id);
)sql";

using sqlite::BindText;
using sqlite::ColumnText;
using sqlite::Exec;
using sqlite::Prepare;
using sqlite::Statement;

}  // namespace

ConversationStore::ConversationStore(const std::filesystem::path& dir) {
  db_ = sqlite::OpenDataDatabase(dir, kConversationSchema, open_error_);
  if (!db_) spdlog::error("conversation store: {}", open_error_);
}

ConversationStore::~ConversationStore() { sqlite3_close(db_); }

std::optional<std::string> ConversationStore::Problem() const {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  std::string error;
  if (!Exec(db_, "SELECT count(*) FROM turns WHERE 0", &error)) return error;
  return std::nullopt;
}

std::optional<std::vector<Turn>> ConversationStore::History(const std::string& session_id,
                                                            std::string* error) const {
  std::lock_guard lock(mu_);
  auto fail = [&](std::string why) -> std::optional<std::vector<Turn>> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!db_) return fail(open_error_);
  auto stmt = Prepare(db_,
                      "SELECT role, content, provider, model, created_at FROM turns "
                      "WHERE session_id = ?1 ORDER BY id");
  if (!stmt) return fail(sqlite3_errmsg(db_));
  BindText(stmt.get(), 1, session_id);
  std::vector<Turn> turns;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    turns.push_back(Turn{ColumnText(stmt.get(), 0), ColumnText(stmt.get(), 1),
                         ColumnText(stmt.get(), 2), ColumnText(stmt.get(), 3),
                         sqlite3_column_int64(stmt.get(), 4)});
  }
  if (rc != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  return turns;
}

std::optional<std::string> ConversationStore::Append(const std::string& session_id,
                                                     const std::vector<Turn>& turns) {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  std::string error;
  if (!Exec(db_, "BEGIN IMMEDIATE", &error)) return error;
  auto stmt = Prepare(db_,
                      "INSERT INTO turns(session_id, role, content, provider, model, created_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  bool ok = stmt != nullptr;
  for (const auto& turn : turns) {
    if (!ok) break;
    sqlite3_reset(stmt.get());
    BindText(stmt.get(), 1, session_id);
    BindText(stmt.get(), 2, turn.role);
    BindText(stmt.get(), 3, turn.content);
    BindText(stmt.get(), 4, turn.provider);
    BindText(stmt.get(), 5, turn.model);
    sqlite3_bind_int64(stmt.get(), 6, turn.created_at_unix);
    ok = sqlite3_step(stmt.get()) == SQLITE_DONE;
  }
  if (!ok) {
    error = sqlite3_errmsg(db_);
    stmt.reset();
    Exec(db_, "ROLLBACK", nullptr);
    return error;
  }
  stmt.reset();
  if (!Exec(db_, "COMMIT", &error)) {
    Exec(db_, "ROLLBACK", nullptr);
    return error;
  }
  return std::nullopt;
}

std::optional<std::string> ConversationStore::Forget(const std::string& session_id) {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  auto stmt = Prepare(db_, "DELETE FROM turns WHERE session_id = ?1");
  if (!stmt) return sqlite3_errmsg(db_);
  BindText(stmt.get(), 1, session_id);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) return sqlite3_errmsg(db_);
  return std::nullopt;
}

std::optional<std::vector<SessionSummary>> ConversationStore::Sessions(std::size_t limit,
                                                                       std::string* error) const {
  std::lock_guard lock(mu_);
  auto fail = [&](std::string why) -> std::optional<std::vector<SessionSummary>> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!db_) return fail(open_error_);
  auto stmt = Prepare(db_,
                      "SELECT session_id, count(*), max(created_at) FROM turns "
                      "GROUP BY session_id ORDER BY max(id) DESC LIMIT ?1");
  if (!stmt) return fail(sqlite3_errmsg(db_));
  sqlite3_bind_int64(stmt.get(), 1, static_cast<sqlite3_int64>(limit));
  std::vector<SessionSummary> sessions;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    sessions.push_back({ColumnText(stmt.get(), 0), sqlite3_column_int64(stmt.get(), 1),
                        sqlite3_column_int64(stmt.get(), 2)});
  }
  if (rc != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  return sessions;
}

}  // namespace mcp_server
