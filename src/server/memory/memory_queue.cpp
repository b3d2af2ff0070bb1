// MemoryStore's job queue: enqueue, claim, and the three ways a claim ends
// (complete, reschedule, release). See memory_store.h for the contract.
#include <fmt/format.h>
#include <sqlite3.h>

#include <cstring>
#include <random>

#include "../sqlite_helpers.h"
#include "memory_store.h"

namespace mcp_server {
namespace {

using sqlite::BindText;
using sqlite::ColumnText;
using sqlite::Prepare;

// Unguessable across processes, so a claim from a previous run never matches.
std::string NewClaimToken() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  return fmt::format("{:016x}{:016x}", generator(), generator());
}

MemoryJob ReadJob(sqlite3_stmt* statement) {
  MemoryJob job;
  job.id = sqlite3_column_int64(statement, 0);
  job.turn.session_id = ColumnText(statement, 1);
  job.turn.tool = ColumnText(statement, 2);
  job.turn.provider = ColumnText(statement, 3);
  job.turn.model = ColumnText(statement, 4);
  job.turn.user_text = ColumnText(statement, 5);
  job.turn.assistant_text = ColumnText(statement, 6);
  job.turn.created_at_unix = sqlite3_column_int64(statement, 7);
  job.enqueued_at_ms = sqlite3_column_int64(statement, 8);
  job.failed_attempts = sqlite3_column_int(statement, 9);
  job.claim = ColumnText(statement, 10);
  return job;
}

// Runs a one-row UPDATE/DELETE guarded by the job's claim token.
std::optional<std::string> UpdateClaimed(sqlite3* db, const char* sql, const MemoryJob& job) {
  auto statement = Prepare(db, sql);
  if (!statement) return sqlite3_errmsg(db);
  sqlite3_bind_int64(statement.get(), 1, job.id);
  BindText(statement.get(), 2, job.claim);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) return sqlite3_errmsg(db);
  if (sqlite3_changes(db) != 1) {
    return fmt::format("memory job {} is no longer held by this claim", job.id);
  }
  return std::nullopt;
}

std::optional<std::string> InsertJob(sqlite3* db, const CompletedTurn& turn, std::int64_t now_ms) {
  auto statement = Prepare(db,
                           "INSERT INTO memory_jobs(session_id, tool, provider, model, user_text, "
                           "assistant_text, turn_created_at, enqueued_at_ms, next_attempt_at_ms) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
  if (!statement) return sqlite3_errmsg(db);
  BindText(statement.get(), 1, turn.session_id);
  BindText(statement.get(), 2, turn.tool);
  BindText(statement.get(), 3, turn.provider);
  BindText(statement.get(), 4, turn.model);
  BindText(statement.get(), 5, turn.user_text);
  BindText(statement.get(), 6, turn.assistant_text);
  sqlite3_bind_int64(statement.get(), 7, turn.created_at_unix);
  sqlite3_bind_int64(statement.get(), 8, now_ms);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) return sqlite3_errmsg(db);
  return std::nullopt;
}

std::optional<std::int64_t> QueryInt(sqlite3* db, const char* sql) {
  auto statement = Prepare(db, sql);
  if (!statement || sqlite3_step(statement.get()) != SQLITE_ROW) return std::nullopt;
  if (sqlite3_column_type(statement.get(), 0) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(statement.get(), 0);
}

std::optional<std::string> InsertMemory(sqlite3* db, const MemoryJob& job,
                                        const MemoryRecord& record, std::int64_t now_ms) {
  auto statement =
      Prepare(db,
              "INSERT INTO memories(job_id, session_id, tool, provider, model, summary, "
              "embedding, embedding_model, summary_model, created_at, stored_at_ms) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!statement) return sqlite3_errmsg(db);
  sqlite3_bind_int64(statement.get(), 1, job.id);
  BindText(statement.get(), 2, job.turn.session_id);
  BindText(statement.get(), 3, job.turn.tool);
  BindText(statement.get(), 4, job.turn.provider);
  BindText(statement.get(), 5, job.turn.model);
  BindText(statement.get(), 6, record.summary);
  sqlite3_bind_blob64(statement.get(), 7, record.embedding.data(),
                      record.embedding.size() * sizeof(float), SQLITE_TRANSIENT);
  BindText(statement.get(), 8, record.embedding_model);
  BindText(statement.get(), 9, record.summary_model);
  sqlite3_bind_int64(statement.get(), 10, job.turn.created_at_unix);
  sqlite3_bind_int64(statement.get(), 11, now_ms);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) return sqlite3_errmsg(db);
  auto fts = Prepare(db, "INSERT INTO memories_fts(rowid, summary) VALUES (?1, ?2)");
  if (!fts) return sqlite3_errmsg(db);
  sqlite3_bind_int64(fts.get(), 1, sqlite3_last_insert_rowid(db));
  BindText(fts.get(), 2, record.summary);
  if (sqlite3_step(fts.get()) != SQLITE_DONE) return sqlite3_errmsg(db);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> MemoryStore::Enqueue(const CompletedTurn& turn, std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  sqlite::Transaction transaction(db_);
  if (!transaction.begin_error().empty()) return transaction.begin_error();
  const auto depth = QueryInt(db_, "SELECT count(*) FROM memory_jobs").value_or(0);
  if (static_cast<std::size_t>(depth) >= max_queued_jobs_) {
    return fmt::format("the summary queue is full ({} jobs waiting)", depth);
  }
  if (auto error = InsertJob(db_, turn, now_ms)) return error;
  return transaction.Commit();
}

int MemoryStore::ReleaseAllClaims() {
  std::lock_guard lock(mu_);
  if (!db_) return 0;
  if (!sqlite::Exec(db_, "UPDATE memory_jobs SET claim = NULL WHERE claim IS NOT NULL", nullptr)) {
    return 0;
  }
  return sqlite3_changes(db_);
}

std::optional<MemoryJob> MemoryStore::ClaimNextDue(std::int64_t now_ms, std::string* error) {
  std::lock_guard lock(mu_);
  auto fail = [&](std::string why) -> std::optional<MemoryJob> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!db_) return fail(open_error_);
  // One statement, so claiming is atomic even against another connection.
  auto statement =
      Prepare(db_,
              "UPDATE memory_jobs SET claim = ?2 WHERE id = ("
              "  SELECT id FROM memory_jobs WHERE claim IS NULL"
              "  AND next_attempt_at_ms <= ?1 ORDER BY id LIMIT 1) "
              "RETURNING id, session_id, tool, provider, model, user_text, "
              "assistant_text, turn_created_at, enqueued_at_ms, failed_attempts, claim");
  if (!statement) return fail(sqlite3_errmsg(db_));
  sqlite3_bind_int64(statement.get(), 1, now_ms);
  BindText(statement.get(), 2, NewClaimToken());
  const int rc = sqlite3_step(statement.get());
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) return fail(sqlite3_errmsg(db_));
  MemoryJob job = ReadJob(statement.get());
  if (sqlite3_step(statement.get()) != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  return job;
}

std::optional<std::int64_t> MemoryStore::NextDueAtMs() const {
  std::lock_guard lock(mu_);
  if (!db_) return std::nullopt;
  return QueryInt(db_, "SELECT min(next_attempt_at_ms) FROM memory_jobs WHERE claim IS NULL");
}

std::optional<std::string> MemoryStore::Complete(const MemoryJob& job, const MemoryRecord& record,
                                                 std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  sqlite::Transaction transaction(db_);
  if (!transaction.begin_error().empty()) return transaction.begin_error();
  if (auto error =
          UpdateClaimed(db_, "DELETE FROM memory_jobs WHERE id = ?1 AND claim = ?2", job)) {
    return error;
  }
  if (auto error = InsertMemory(db_, job, record, now_ms)) return error;
  return transaction.Commit();
}

std::optional<std::string> MemoryStore::Reschedule(const MemoryJob& job,
                                                   std::int64_t next_attempt_at_ms,
                                                   const std::string& why) {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  auto statement = Prepare(db_,
                           "UPDATE memory_jobs SET claim = NULL, failed_attempts = "
                           "failed_attempts + 1, next_attempt_at_ms = ?3, last_error = ?4 "
                           "WHERE id = ?1 AND claim = ?2");
  if (!statement) return sqlite3_errmsg(db_);
  sqlite3_bind_int64(statement.get(), 1, job.id);
  BindText(statement.get(), 2, job.claim);
  sqlite3_bind_int64(statement.get(), 3, next_attempt_at_ms);
  BindText(statement.get(), 4, why);
  if (sqlite3_step(statement.get()) != SQLITE_DONE) return sqlite3_errmsg(db_);
  if (sqlite3_changes(db_) != 1) {
    return fmt::format("memory job {} is no longer held by this claim", job.id);
  }
  return std::nullopt;
}

std::optional<std::string> MemoryStore::Release(const MemoryJob& job) {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  return UpdateClaimed(db_, "UPDATE memory_jobs SET claim = NULL WHERE id = ?1 AND claim = ?2",
                       job);
}

QueueStats MemoryStore::Stats() const {
  std::lock_guard lock(mu_);
  QueueStats stats;
  if (!db_) return stats;
  stats.depth = QueryInt(db_, "SELECT count(*) FROM memory_jobs").value_or(0);
  stats.oldest_enqueued_at_ms = QueryInt(db_, "SELECT min(enqueued_at_ms) FROM memory_jobs");
  return stats;
}

}  // namespace mcp_server
