#include "attachment_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <cstring>
#include <unordered_set>

#include "../sqlite_helpers.h"

namespace mcp_server {
namespace {

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS attachment_files (
  session_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  embedding_model TEXT NOT NULL,
  chunks INTEGER NOT NULL,
  indexed_at_ms INTEGER NOT NULL,
  PRIMARY KEY (session_id, kind, path)
);
CREATE TABLE IF NOT EXISTS attachment_chunks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  line_start INTEGER NOT NULL,
  line_end INTEGER NOT NULL,
  text TEXT NOT NULL,
  embedding_model TEXT NOT NULL,
  embedding BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS attachment_chunks_by_file
  ON attachment_chunks(session_id, kind, path, line_start);
)sql";

using sqlite::BindText;
using sqlite::ColumnText;
using sqlite::Prepare;
using sqlite::Statement;

const char* KindName(ChunkKind kind) {
  return kind == ChunkKind::kAttachment ? "attachment" : "context";
}

// float32 in host order: the server reads back only what it wrote itself.
void BindVector(sqlite3_stmt* statement, int index, const std::vector<float>& vector) {
  sqlite3_bind_blob(statement, index, vector.data(),
                    static_cast<int>(vector.size() * sizeof(float)), SQLITE_TRANSIENT);
}

std::vector<float> ColumnVector(sqlite3_stmt* statement, int column) {
  const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
  std::vector<float> vector(bytes / sizeof(float));
  if (!vector.empty()) {
    std::memcpy(vector.data(), sqlite3_column_blob(statement, column),
                vector.size() * sizeof(float));
  }
  return vector;
}

std::string SqlError(sqlite3* db, const char* what) {
  return fmt::format("attachment store: {}: {}", what, sqlite3_errmsg(db));
}

std::int64_t CountWhere(sqlite3* db, const std::optional<std::string>& session_id) {
  auto stmt =
      Prepare(db, session_id ? "SELECT count(*) FROM attachment_chunks WHERE session_id = ?1"
                             : "SELECT count(*) FROM attachment_chunks");
  if (!stmt) return 0;
  if (session_id) BindText(stmt.get(), 1, *session_id);
  return sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

// Runs a statement that takes the session id, kind and path as ?1..?3.
bool RunForFile(sqlite3* db, const char* sql, const IndexedFile& file) {
  auto stmt = Prepare(db, sql);
  if (!stmt) return false;
  BindText(stmt.get(), 1, file.session_id);
  BindText(stmt.get(), 2, KindName(file.kind));
  BindText(stmt.get(), 3, file.path);
  return sqlite3_step(stmt.get()) == SQLITE_DONE;
}

bool DeleteSession(sqlite3* db, const std::string& session_id) {
  for (const char* sql : {"DELETE FROM attachment_chunks WHERE session_id = ?1",
                          "DELETE FROM attachment_files WHERE session_id = ?1"}) {
    auto stmt = Prepare(db, sql);
    if (!stmt) return false;
    BindText(stmt.get(), 1, session_id);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) return false;
  }
  return true;
}

bool InsertChunks(sqlite3* db, const IndexedFile& file) {
  auto stmt =
      Prepare(db,
              "INSERT INTO attachment_chunks (session_id, kind, path, line_start, line_end, "
              "text, embedding_model, embedding) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return false;
  for (const auto& chunk : file.chunks) {
    sqlite3_reset(stmt.get());
    BindText(stmt.get(), 1, file.session_id);
    BindText(stmt.get(), 2, KindName(file.kind));
    BindText(stmt.get(), 3, file.path);
    sqlite3_bind_int(stmt.get(), 4, chunk.line_start);
    sqlite3_bind_int(stmt.get(), 5, chunk.line_end);
    BindText(stmt.get(), 6, chunk.text);
    BindText(stmt.get(), 7, file.embedding_model);
    BindVector(stmt.get(), 8, chunk.embedding);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) return false;
  }
  return true;
}

bool InsertFileRow(sqlite3* db, const IndexedFile& file, std::int64_t now_ms) {
  auto stmt =
      Prepare(db,
              "INSERT INTO attachment_files (session_id, kind, path, sha256, "
              "embedding_model, chunks, indexed_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!stmt) return false;
  BindText(stmt.get(), 1, file.session_id);
  BindText(stmt.get(), 2, KindName(file.kind));
  BindText(stmt.get(), 3, file.path);
  BindText(stmt.get(), 4, file.sha256);
  BindText(stmt.get(), 5, file.embedding_model);
  sqlite3_bind_int64(stmt.get(), 6, static_cast<std::int64_t>(file.chunks.size()));
  sqlite3_bind_int64(stmt.get(), 7, now_ms);
  return sqlite3_step(stmt.get()) == SQLITE_DONE;
}

std::int64_t FileChunks(sqlite3* db, const IndexedFile& file) {
  auto stmt = Prepare(db,
                      "SELECT chunks FROM attachment_files WHERE session_id = ?1 AND kind = ?2 AND "
                      "path = ?3");
  if (!stmt) return 0;
  BindText(stmt.get(), 1, file.session_id);
  BindText(stmt.get(), 2, KindName(file.kind));
  BindText(stmt.get(), 3, file.path);
  return sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

}  // namespace

AttachmentStore::AttachmentStore(const std::filesystem::path& dir, AttachmentStoreLimits limits)
    : limits_(limits) {
  db_ = sqlite::OpenDataDatabase(dir, kSchema, open_error_);
  if (!db_) spdlog::error("attachment store: {}", open_error_);
}

AttachmentStore::~AttachmentStore() { sqlite3_close(db_); }

std::optional<std::string> AttachmentStore::Problem() const {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  std::string error;
  if (!sqlite::Exec(db_, "SELECT count(*) FROM attachment_files WHERE 0", &error)) return error;
  return std::nullopt;
}

std::optional<std::string> AttachmentStore::StoredHash(const std::string& session_id,
                                                       ChunkKind kind, const std::string& path,
                                                       const std::string& embedding_model,
                                                       std::string* error) const {
  std::lock_guard lock(mu_);
  if (!db_) {
    if (error) *error = open_error_;
    return std::nullopt;
  }
  auto stmt = Prepare(db_,
                      "SELECT sha256 FROM attachment_files WHERE session_id = ?1 AND kind = ?2 AND "
                      "path = ?3 AND embedding_model = ?4");
  if (!stmt) {
    if (error) *error = SqlError(db_, "read file hash");
    return std::nullopt;
  }
  BindText(stmt.get(), 1, session_id);
  BindText(stmt.get(), 2, KindName(kind));
  BindText(stmt.get(), 3, path);
  BindText(stmt.get(), 4, embedding_model);
  if (sqlite3_step(stmt.get()) != SQLITE_ROW) return std::nullopt;
  return ColumnText(stmt.get(), 0);
}

std::optional<std::string> AttachmentStore::Replace(const IndexedFile& file, std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  sqlite::Transaction transaction(db_);
  if (!transaction.begin_error().empty()) {
    return "attachment store: cannot begin: " + transaction.begin_error();
  }
  const std::int64_t after = CountWhere(db_, file.session_id) - FileChunks(db_, file) +
                             static_cast<std::int64_t>(file.chunks.size());
  if (after > limits_.max_chunks_per_session) {
    return fmt::format(
        "{}: the session's vector store would hold {} chunks, more than its limit of {} "
        "(MCP_ATTACHMENT_MAX_CHUNKS_PER_SESSION)",
        file.path, after, limits_.max_chunks_per_session);
  }
  if (!RunForFile(db_,
                  "DELETE FROM attachment_chunks WHERE session_id = ?1 AND kind = ?2 AND path = ?3",
                  file) ||
      !RunForFile(db_,
                  "DELETE FROM attachment_files WHERE session_id = ?1 AND kind = ?2 AND path = ?3",
                  file) ||
      !InsertChunks(db_, file) || !InsertFileRow(db_, file, now_ms)) {
    return SqlError(db_, "store chunks");
  }
  if (auto problem = EvictOtherSessions(file.session_id)) return problem;
  return transaction.Commit();
}

std::optional<std::string> AttachmentStore::EvictOtherSessions(const std::string& keep) {
  // Chunk ids only grow (AUTOINCREMENT): the session whose newest chunk is
  // oldest is the one least recently indexed, even within one millisecond.
  while (CountWhere(db_, std::nullopt) > limits_.max_chunks) {
    auto stmt = Prepare(db_,
                        "SELECT session_id FROM attachment_chunks WHERE session_id != ?1 "
                        "GROUP BY session_id ORDER BY max(id) LIMIT 1");
    if (!stmt) return SqlError(db_, "find a session to evict");
    BindText(stmt.get(), 1, keep);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW) return std::nullopt;  // only `keep` is left
    const std::string oldest = ColumnText(stmt.get(), 0);
    stmt.reset();
    spdlog::info("attachment store: over {} chunks; evicting session {}", limits_.max_chunks,
                 oldest);
    if (!DeleteSession(db_, oldest)) return SqlError(db_, "evict a session");
  }
  return std::nullopt;
}

bool AttachmentStore::HasChunks(const std::string& session_id, ChunkKind kind) const {
  std::lock_guard lock(mu_);
  if (!db_) return false;
  auto stmt = Prepare(db_,
                      "SELECT EXISTS (SELECT 1 FROM attachment_chunks WHERE session_id = ?1 AND "
                      "kind = ?2)");
  if (!stmt) return false;
  BindText(stmt.get(), 1, session_id);
  BindText(stmt.get(), 2, KindName(kind));
  return sqlite3_step(stmt.get()) == SQLITE_ROW && sqlite3_column_int(stmt.get(), 0) != 0;
}

std::optional<std::vector<ChunkVector>> AttachmentStore::Vectors(
    const std::string& session_id, ChunkKind kind, const std::string& embedding_model,
    const std::vector<std::string>* paths, std::string* error) const {
  std::lock_guard lock(mu_);
  auto fail = [&](std::string why) -> std::optional<std::vector<ChunkVector>> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!db_) return fail(open_error_);
  auto stmt = Prepare(db_,
                      "SELECT id, path, line_start, line_end, embedding FROM attachment_chunks "
                      "WHERE session_id = ?1 AND kind = ?2 AND embedding_model = ?3 "
                      "ORDER BY path, line_start, id");
  if (!stmt) return fail(SqlError(db_, "read chunks"));
  BindText(stmt.get(), 1, session_id);
  BindText(stmt.get(), 2, KindName(kind));
  BindText(stmt.get(), 3, embedding_model);
  std::unordered_set<std::string> wanted;
  if (paths) wanted.insert(paths->begin(), paths->end());
  std::vector<ChunkVector> vectors;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    std::string path = ColumnText(stmt.get(), 1);
    if (paths && !wanted.contains(path)) continue;
    vectors.push_back({sqlite3_column_int64(stmt.get(), 0), std::move(path),
                       sqlite3_column_int(stmt.get(), 2), sqlite3_column_int(stmt.get(), 3),
                       ColumnVector(stmt.get(), 4)});
  }
  if (rc != SQLITE_DONE) return fail(SqlError(db_, "read chunks"));
  return vectors;
}

std::optional<std::vector<std::string>> AttachmentStore::Texts(const std::vector<std::int64_t>& ids,
                                                               std::string* error) const {
  std::lock_guard lock(mu_);
  if (!db_) {
    if (error) *error = open_error_;
    return std::nullopt;
  }
  auto stmt = Prepare(db_, "SELECT text FROM attachment_chunks WHERE id = ?1");
  if (!stmt) {
    if (error) *error = SqlError(db_, "read chunk text");
    return std::nullopt;
  }
  std::vector<std::string> texts;
  texts.reserve(ids.size());
  for (const auto id : ids) {
    sqlite3_reset(stmt.get());
    sqlite3_bind_int64(stmt.get(), 1, id);
    texts.push_back(sqlite3_step(stmt.get()) == SQLITE_ROW ? ColumnText(stmt.get(), 0) : "");
  }
  return texts;
}

std::optional<std::string> AttachmentStore::Forget(const std::string& session_id) {
  std::lock_guard lock(mu_);
  if (!db_) return open_error_;
  sqlite::Transaction transaction(db_);
  if (!DeleteSession(db_, session_id)) return SqlError(db_, "forget a session");
  return transaction.Commit();
}

std::int64_t AttachmentStore::CountChunks(const std::optional<std::string>& session_id) const {
  std::lock_guard lock(mu_);
  return db_ ? CountWhere(db_, session_id) : 0;
}

}  // namespace mcp_server
