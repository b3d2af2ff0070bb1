#include "memory_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <cstring>
#include <system_error>

#include "../sqlite_helpers.h"

namespace mcp_server {
namespace {

using sqlite::BindOptionalText;
using sqlite::ColumnText;
using sqlite::Prepare;

// Jobs keep the whole turn so a restart loses nothing. claim is NULL while
// the job waits; memories.job_id UNIQUE is a second guard against landing twice.
constexpr const char* kMemorySchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS memory_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  tool TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  user_text TEXT NOT NULL,
  assistant_text TEXT NOT NULL,
  turn_created_at INTEGER NOT NULL,
  enqueued_at_ms INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms INTEGER NOT NULL,
  last_error TEXT,
  claim TEXT
);
CREATE INDEX IF NOT EXISTS memory_jobs_due ON memory_jobs(next_attempt_at_ms, id);
CREATE TABLE IF NOT EXISTS memories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL UNIQUE,
  session_id TEXT NOT NULL,
  tool TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  summary TEXT NOT NULL,
  embedding BLOB NOT NULL,
  embedding_model TEXT NOT NULL,
  summary_model TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  stored_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS memories_by_session ON memories(session_id);
CREATE VIRTUAL TABLE IF NOT EXISTS memories_fts USING fts5(summary);
)sql";

std::vector<float> BlobToFloats(sqlite3_stmt* statement, int column) {
  const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
  std::vector<float> floats(bytes / sizeof(float));
  if (!floats.empty()) std::memcpy(floats.data(), sqlite3_column_blob(statement, column), bytes);
  return floats;
}

StoredMemory ReadMemory(sqlite3_stmt* statement) {
  StoredMemory memory;
  memory.id = sqlite3_column_int64(statement, 0);
  memory.session_id = ColumnText(statement, 1);
  memory.provider = ColumnText(statement, 2);
  memory.model = ColumnText(statement, 3);
  memory.summary = ColumnText(statement, 4);
  memory.embedding = BlobToFloats(statement, 5);
  memory.embedding_model = ColumnText(statement, 6);
  memory.created_at_unix = sqlite3_column_int64(statement, 7);
  return memory;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

}  // namespace

std::int64_t UnixMillisNow() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FtsAnyWordQuery(const std::string& query) {
  std::string expression;
  std::size_t i = 0;
  while (i < query.size()) {
    while (i < query.size() && !IsWordByte(static_cast<unsigned char>(query[i]))) ++i;
    const std::size_t start = i;
    while (i < query.size() && IsWordByte(static_cast<unsigned char>(query[i]))) ++i;
    if (i == start) continue;
    if (!expression.empty()) expression += " OR ";
    expression += "\"" + query.substr(start, i - start) + "\"";
  }
  return expression;
}

MemoryStore::MemoryStore(const std::filesystem::path& dir, std::size_t max_queued_jobs)
    : max_queued_jobs_(max_queued_jobs) {
  db_ = sqlite::OpenDataDatabase(dir, kMemorySchema, open_error_);
  if (!db_) spdlog::error("memory store: {}", open_error_);
}

MemoryStore::~MemoryStore() { sqlite3_close(db_); }

std::optional<std::string> MemoryStore::Problem() const {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  std::string error;
  if (!sqlite::Exec(db_, "SELECT count(*) FROM memory_jobs WHERE 0", &error)) return error;
  return std::nullopt;
}

std::optional<std::vector<StoredMemory>> MemoryStore::Memories(
    const std::optional<std::string>& session_id, std::string* error) const {
  std::lock_guard lock(mu_);
  auto fail = [&](std::string why) -> std::optional<std::vector<StoredMemory>> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!db_) return fail(open_error_);
  auto statement = Prepare(db_,
                           "SELECT id, session_id, provider, model, summary, embedding, "
                           "embedding_model, created_at FROM memories "
                           "WHERE ?1 IS NULL OR session_id = ?1 ORDER BY id");
  if (!statement) return fail(sqlite3_errmsg(db_));
  BindOptionalText(statement.get(), 1, session_id);
  std::vector<StoredMemory> memories;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    memories.push_back(ReadMemory(statement.get()));
  }
  if (rc != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  return memories;
}

std::optional<std::map<std::int64_t, double>> MemoryStore::TextMatches(
    const std::string& query, const std::optional<std::string>& session_id,
    std::string* error) const {
  std::map<std::int64_t, double> matches;
  const std::string expression = FtsAnyWordQuery(query);
  if (expression.empty()) return matches;
  std::lock_guard lock(mu_);
  auto fail = [&](std::string why) -> std::optional<std::map<std::int64_t, double>> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!db_) return fail(open_error_);
  auto statement = Prepare(db_,
                           "SELECT m.id, bm25(memories_fts) FROM memories_fts "
                           "JOIN memories m ON m.id = memories_fts.rowid "
                           "WHERE memories_fts MATCH ?1 AND (?2 IS NULL OR m.session_id = ?2)");
  if (!statement) return fail(sqlite3_errmsg(db_));
  sqlite::BindText(statement.get(), 1, expression);
  BindOptionalText(statement.get(), 2, session_id);
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    matches[sqlite3_column_int64(statement.get(), 0)] = sqlite3_column_double(statement.get(), 1);
  }
  if (rc != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  return matches;
}

}  // namespace mcp_server
