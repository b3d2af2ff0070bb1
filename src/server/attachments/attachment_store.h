#pragma once
// The per-session vector store behind attachments and the large-context
// fallback, in MCP_DATA_DIR/mcp.db next to the other stores (its own
// connection and tables):
//  * attachment_files: one row per (session, kind, path) indexed, with the
//    SHA-256 of the text and the embedding model, so an unchanged file is not
//    embedded again;
//  * attachment_chunks: the chunks of those files, with their 1-based line
//    range, text and embedding (little-endian float32 BLOB).
// `kind` keeps a session's attachments apart from the chunks of its context
// files that were too large to inline (those are not attachments: the
// search tool and the attachment passages of a prompt never see them).
//
// Bounded: a session holds at most max_chunks_per_session chunks (more is
// refused, naming the limit), and all sessions together at most max_chunks:
// storing beyond that evicts whole other sessions, least recently indexed
// first. Thread-safe: one connection behind a mutex; no call touches the
// network. Errors are returned, never thrown.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace mcp_server {

enum class ChunkKind { kAttachment, kContext };

struct AttachmentStoreLimits {
  std::int64_t max_chunks_per_session = 20000;  // MCP_ATTACHMENT_MAX_CHUNKS_PER_SESSION
  std::int64_t max_chunks = 100000;             // MCP_ATTACHMENT_MAX_CHUNKS, all sessions
};

// A chunk to store.
struct ChunkRecord {
  int line_start = 0;
  int line_end = 0;
  std::string text;
  std::vector<float> embedding;
};

// A stored chunk without its text (what ranking needs).
struct ChunkVector {
  std::int64_t id = 0;
  std::string path;
  int line_start = 0;
  int line_end = 0;
  std::vector<float> embedding;
};

// One file's chunks to store under (session, kind, path).
struct IndexedFile {
  std::string session_id;
  ChunkKind kind = ChunkKind::kAttachment;
  std::string path;
  std::string sha256;  // hex, of the file's text
  std::string embedding_model;
  std::vector<ChunkRecord> chunks;
};

class AttachmentStore {
 public:
  // Opens (creating when needed) `dir`/mcp.db. Never throws: when the
  // database cannot be opened, Problem() says why and calls report errors.
  explicit AttachmentStore(const std::filesystem::path& dir, AttachmentStoreLimits limits = {});
  ~AttachmentStore();
  AttachmentStore(const AttachmentStore&) = delete;
  AttachmentStore& operator=(const AttachmentStore&) = delete;

  // nullopt when the database answers; otherwise why not.
  std::optional<std::string> Problem() const;

  // The SHA-256 stored for the file when it was indexed with `embedding_model`;
  // nullopt when it was not (or on error, with `error` set).
  std::optional<std::string> StoredHash(const std::string& session_id, ChunkKind kind,
                                        const std::string& path, const std::string& embedding_model,
                                        std::string* error = nullptr) const;

  // Replaces the file's chunks (and hash) in one transaction; `now_ms` is
  // recorded as the time it was indexed. Refused (storing nothing) when the session would
  // exceed max_chunks_per_session.
  std::optional<std::string> Replace(const IndexedFile& file, std::int64_t now_ms);

  // Whether the session has any chunk of `kind`.
  bool HasChunks(const std::string& session_id, ChunkKind kind) const;

  // The session's chunks of `kind` embedded with `embedding_model`, in
  // (path, line) order; `paths`, when given, restricts them to those files.
  std::optional<std::vector<ChunkVector>> Vectors(const std::string& session_id, ChunkKind kind,
                                                  const std::string& embedding_model,
                                                  const std::vector<std::string>* paths = nullptr,
                                                  std::string* error = nullptr) const;

  // The texts of chunks by id, in the order of `ids` (empty for an unknown id).
  std::optional<std::vector<std::string>> Texts(const std::vector<std::int64_t>& ids,
                                                std::string* error = nullptr) const;

  // Deletes everything stored for the session.
  std::optional<std::string> Forget(const std::string& session_id);

  // Chunks stored, for one session or (nullopt) all.
  std::int64_t CountChunks(const std::optional<std::string>& session_id = std::nullopt) const;

 private:
  std::optional<std::string> EvictOtherSessions(const std::string& keep);

  mutable std::mutex mu_;
  sqlite3* db_ = nullptr;
  std::string open_error_;
  AttachmentStoreLimits limits_;
};

}  // namespace mcp_server
