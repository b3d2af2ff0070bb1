#pragma once
// Files in, a searchable per-session vector store out: each file's text is
// chunked (text_chunker.h), embedded through the Embedder in batches of at
// most embed_batch_size texts, and stored (attachment_store.h) with the
// SHA-256 of its text. A file whose hash and embedding model are those
// already stored for the session is left alone: re-indexing it makes no
// embeddings request.
//
// Ranking is the cosine of the query's embedding and each chunk's
// (memory/hybrid_rank.h's CosineSimilarity). Query embeddings are cached
// (the last kQueryCacheSize distinct texts), so repeating a question does not
// embed it again. Thread-safe; every call is bounded by the Embedder's own
// time limits.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../embedder.h"
#include "../files/workspace_files.h"
#include "attachment_store.h"
#include "text_chunker.h"

namespace mcp_server {

struct AttachmentIndexOptions {
  ChunkOptions chunking;
  std::size_t embed_batch_size = 64;  // texts per embeddings request
};

struct IndexOutcome {
  std::vector<std::string> indexed;    // chunked, embedded and stored now
  std::vector<std::string> unchanged;  // same hash as stored: nothing done
  std::optional<std::string> error;    // set: stopped here (files before it stay indexed)
};

struct ScoredChunk {
  std::int64_t id = 0;
  std::string file;
  int line_start = 0;
  int line_end = 0;
  double score = 0;
  std::string text;  // filled by Search, or by FetchTexts after Rank
};

// Lower-case hex SHA-256 of `text`.
std::string Sha256Hex(const std::string& text);

class AttachmentIndex {
 public:
  static constexpr std::size_t kQueryCacheSize = 64;

  // `store` and `embedder` must outlive the index.
  AttachmentIndex(AttachmentStore& store, const Embedder& embedder,
                  AttachmentIndexOptions options = {});

  // Indexes every file under (session, kind), in order, unless unchanged.
  IndexOutcome Index(const std::string& session_id, ChunkKind kind,
                     const std::vector<WorkspaceFile>& files,
                     const std::function<bool()>& should_abort = {});

  // The query's embedding; nullopt (and `error`) when the embedder fails.
  std::optional<std::vector<float>> EmbedQuery(const std::string& query, std::string& error,
                                               const std::function<bool()>& should_abort = {});

  // Every chunk of (session, kind) — only those of `paths` when given —
  // scoring at least `min_score` against `query`, best first (ties: file,
  // then line), without their texts.
  std::optional<std::vector<ScoredChunk>> Rank(const std::string& session_id, ChunkKind kind,
                                               const std::vector<float>& query, double min_score,
                                               const std::vector<std::string>* paths,
                                               std::string& error) const;

  // The best `limit` chunks of Rank, with their texts.
  std::optional<std::vector<ScoredChunk>> Search(const std::string& session_id, ChunkKind kind,
                                                 const std::vector<float>& query, std::size_t limit,
                                                 double min_score, std::string& error) const;

  // Fills the texts of chunks[begin, end).
  std::optional<std::string> FetchTexts(std::vector<ScoredChunk>& chunks, std::size_t begin,
                                        std::size_t end) const;

  bool HasChunks(const std::string& session_id, ChunkKind kind) const {
    return store_.HasChunks(session_id, kind);
  }
  std::optional<std::string> Forget(const std::string& session_id) {
    return store_.Forget(session_id);
  }
  const Embedder& embedder() const { return embedder_; }

 private:
  std::optional<std::string> IndexFile(const std::string& session_id, ChunkKind kind,
                                       const WorkspaceFile& file, std::string sha256,
                                       const std::function<bool()>& should_abort);
  // One vector per text, in batches; nullopt and `error` when any batch fails.
  std::optional<std::vector<std::vector<float>>> EmbedAll(
      const std::vector<std::string>& texts, std::string& error,
      const std::function<bool()>& should_abort) const;

  AttachmentStore& store_;
  const Embedder& embedder_;
  AttachmentIndexOptions options_;
  std::mutex cache_mu_;
  std::deque<std::pair<std::string, std::vector<float>>> query_cache_;  // newest first
};

}  // namespace mcp_server
