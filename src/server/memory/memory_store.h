#pragma once
// The project memory's durable state, in MCP_DATA_DIR/mcp.db (WAL, its own
// connection and tables next to the conversation store's):
//  * memory_jobs: completed chat turns waiting to be summarised. A job is
//    claimed with a random token before work starts; completing, rescheduling
//    or releasing it requires that token, so a job lands exactly once even
//    when a worker that was presumed dead comes back.
//  * memories (+ memories_fts, an FTS5 index of the summaries): one summary
//    and its embedding per job.
// Thread-safe: one connection behind a mutex; no call touches the network.
// Times are passed in (unix milliseconds) so tests control them.

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "../completed_turn.h"

struct sqlite3;

namespace mcp_server {

std::int64_t UnixMillisNow();

struct MemoryJob {
  std::int64_t id = 0;
  CompletedTurn turn;
  int failed_attempts = 0;
  std::int64_t enqueued_at_ms = 0;
  std::string claim;  // the token this copy of the job was claimed with
};

// What the worker produced for a job.
struct MemoryRecord {
  std::string summary;
  std::vector<float> embedding;
  std::string summary_model;
  std::string embedding_model;
};

struct StoredMemory {
  std::int64_t id = 0;
  std::string session_id;
  std::string provider;  // of the summarised chat turn
  std::string model;     // of the summarised chat turn
  std::string summary;
  std::vector<float> embedding;
  std::string embedding_model;
  std::int64_t created_at_unix = 0;  // when the chat turn happened
};

struct QueueStats {
  std::int64_t depth = 0;  // jobs not yet landed, claimed or not
  std::optional<std::int64_t> oldest_enqueued_at_ms;
};

class MemoryStore {
 public:
  // Opens (creating when needed) `dir`/mcp.db. Never throws: when the
  // database cannot be opened, Problem() says why and calls report errors.
  // At most `max_queued_jobs` jobs wait at once; more are refused.
  explicit MemoryStore(const std::filesystem::path& dir, std::size_t max_queued_jobs = 10000);
  ~MemoryStore();
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  // nullopt when the database answers; otherwise why not.
  std::optional<std::string> Problem() const;

  // ---- the job queue (memory_queue.cpp); errors are returned, never thrown.
  std::optional<std::string> Enqueue(const CompletedTurn& turn, std::int64_t now_ms);
  // Makes every claimed job claimable again: the claims of a process that
  // crashed or stopped. REQUIRES: no other live worker uses this database
  // (if one does, the fencing tokens still keep each job landing once).
  // Returns how many claims were released.
  int ReleaseAllClaims();
  // Claims the oldest unclaimed job due at `now_ms`; nullopt when none (or on error).
  std::optional<MemoryJob> ClaimNextDue(std::int64_t now_ms, std::string* error = nullptr);
  // The earliest next-attempt time of an unclaimed job; nullopt when none.
  std::optional<std::int64_t> NextDueAtMs() const;
  // In one transaction: removes the job and stores `record` with its FTS row.
  // Fails (storing nothing) when `job.claim` no longer holds the job.
  std::optional<std::string> Complete(const MemoryJob& job, const MemoryRecord& record,
                                      std::int64_t now_ms);
  // Counts a failed attempt, records why, and makes the job due again at `next_attempt_at_ms`.
  std::optional<std::string> Reschedule(const MemoryJob& job, std::int64_t next_attempt_at_ms,
                                        const std::string& why);
  // Gives the job back untouched (shutdown): no attempt is counted.
  std::optional<std::string> Release(const MemoryJob& job);
  QueueStats Stats() const;

  // ---- stored memories (memory_store.cpp).
  // Every memory, or only `session_id`'s; nullopt on error (and `error` set).
  std::optional<std::vector<StoredMemory>> Memories(const std::optional<std::string>& session_id,
                                                    std::string* error = nullptr) const;
  // Memory id → SQLite bm25() (negative; lower is a better match) for the
  // memories whose summary matches any word of `query`.
  std::optional<std::map<std::int64_t, double>> TextMatches(
      const std::string& query, const std::optional<std::string>& session_id,
      std::string* error = nullptr) const;

 private:
  mutable std::mutex mu_;
  sqlite3* db_ = nullptr;
  std::string open_error_;
  std::size_t max_queued_jobs_;
};

// `query`'s words as an FTS5 expression matching any of them ("a" OR "b");
// empty when the query has no word. Quoting keeps FTS5 syntax out of user text.
std::string FtsAnyWordQuery(const std::string& query);

}  // namespace mcp_server
