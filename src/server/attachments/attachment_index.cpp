#include "attachment_index.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <exception>

#include "../memory/hybrid_rank.h"
#include "../memory/memory_store.h"

namespace mcp_server {
namespace {

bool BetterFirst(const ScoredChunk& a, const ScoredChunk& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.file != b.file) return a.file < b.file;
  return a.line_start < b.line_start;
}

}  // namespace

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return {};  // never equal to a stored hash: the file is indexed again
  }
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

AttachmentIndex::AttachmentIndex(AttachmentStore& store, const Embedder& embedder,
                                 AttachmentIndexOptions options)
    : store_(store), embedder_(embedder), options_(options) {
  options_.embed_batch_size = std::max<std::size_t>(options_.embed_batch_size, 1);
}

IndexOutcome AttachmentIndex::Index(const std::string& session_id, ChunkKind kind,
                                    const std::vector<WorkspaceFile>& files,
                                    const std::function<bool()>& should_abort) {
  IndexOutcome outcome;
  const std::string model = embedder_.Model();
  for (const auto& file : files) {
    std::string sha256 = Sha256Hex(file.text);
    std::string error;
    const auto stored = store_.StoredHash(session_id, kind, file.path, model, &error);
    if (!error.empty()) {
      outcome.error = file.path + ": " + error;
      return outcome;
    }
    if (stored && *stored == sha256) {
      outcome.unchanged.push_back(file.path);
      continue;
    }
    if (auto problem = IndexFile(session_id, kind, file, std::move(sha256), should_abort)) {
      outcome.error = std::move(problem);
      return outcome;
    }
    outcome.indexed.push_back(file.path);
  }
  return outcome;
}

std::optional<std::string> AttachmentIndex::IndexFile(const std::string& session_id, ChunkKind kind,
                                                      const WorkspaceFile& file, std::string sha256,
                                                      const std::function<bool()>& should_abort) {
  auto chunks = ChunkText(file.text, options_.chunking);
  std::vector<std::string> texts;
  texts.reserve(chunks.size());
  for (const auto& chunk : chunks) texts.push_back(chunk.text);
  std::string error;
  auto vectors = EmbedAll(texts, error, should_abort);
  if (!vectors) return file.path + ": cannot embed: " + error;

  IndexedFile indexed{session_id, kind, file.path, std::move(sha256), embedder_.Model(), {}};
  indexed.chunks.reserve(chunks.size());
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    indexed.chunks.push_back({chunks[i].line_start, chunks[i].line_end, std::move(chunks[i].text),
                              std::move((*vectors)[i])});
  }
  return store_.Replace(indexed, UnixMillisNow());
}

std::optional<std::vector<std::vector<float>>> AttachmentIndex::EmbedAll(
    const std::vector<std::string>& texts, std::string& error,
    const std::function<bool()>& should_abort) const {
  std::vector<std::vector<float>> vectors;
  vectors.reserve(texts.size());
  for (std::size_t begin = 0; begin < texts.size(); begin += options_.embed_batch_size) {
    const std::size_t end = std::min(texts.size(), begin + options_.embed_batch_size);
    const std::vector<std::string> batch(texts.begin() + static_cast<std::ptrdiff_t>(begin),
                                         texts.begin() + static_cast<std::ptrdiff_t>(end));
    EmbeddingsReply reply;
    try {
      reply = embedder_.Embed(batch, should_abort);
    } catch (const std::exception& e) {  // e.g. text that is not UTF-8 cannot be sent as JSON
      reply.error = e.what();
    }
    if (!reply.ok) {
      error = reply.error;
      return std::nullopt;
    }
    if (reply.vectors.size() != batch.size()) {
      error = fmt::format("{} vectors for {} texts", reply.vectors.size(), batch.size());
      return std::nullopt;
    }
    for (auto& vector : reply.vectors) vectors.push_back(std::move(vector));
  }
  return vectors;
}

std::optional<std::vector<float>> AttachmentIndex::EmbedQuery(
    const std::string& query, std::string& error, const std::function<bool()>& should_abort) {
  {
    std::lock_guard lock(cache_mu_);
    const auto hit =
        std::ranges::find_if(query_cache_, [&](const auto& entry) { return entry.first == query; });
    if (hit != query_cache_.end()) return hit->second;
  }
  auto vectors = EmbedAll({query}, error, should_abort);
  if (!vectors) return std::nullopt;
  std::lock_guard lock(cache_mu_);
  query_cache_.emplace_front(query, vectors->front());
  if (query_cache_.size() > kQueryCacheSize) query_cache_.pop_back();
  return std::move(vectors->front());
}

std::optional<std::vector<ScoredChunk>> AttachmentIndex::Rank(
    const std::string& session_id, ChunkKind kind, const std::vector<float>& query,
    double min_score, const std::vector<std::string>* paths, std::string& error) const {
  auto vectors = store_.Vectors(session_id, kind, embedder_.Model(), paths, &error);
  if (!vectors) return std::nullopt;
  std::vector<ScoredChunk> ranked;
  for (auto& chunk : *vectors) {
    const auto cosine = CosineSimilarity(query, chunk.embedding);
    if (!cosine || *cosine < min_score) continue;
    ranked.push_back(
        {chunk.id, std::move(chunk.path), chunk.line_start, chunk.line_end, *cosine, {}});
  }
  std::ranges::sort(ranked, BetterFirst);
  return ranked;
}

std::optional<std::vector<ScoredChunk>> AttachmentIndex::Search(const std::string& session_id,
                                                                ChunkKind kind,
                                                                const std::vector<float>& query,
                                                                std::size_t limit, double min_score,
                                                                std::string& error) const {
  auto ranked = Rank(session_id, kind, query, min_score, nullptr, error);
  if (!ranked) return std::nullopt;
  if (ranked->size() > limit) ranked->resize(limit);
  if (auto problem = FetchTexts(*ranked, 0, ranked->size())) {
    error = *problem;
    return std::nullopt;
  }
  return ranked;
}

std::optional<std::string> AttachmentIndex::FetchTexts(std::vector<ScoredChunk>& chunks,
                                                       std::size_t begin, std::size_t end) const {
  end = std::min(end, chunks.size());
  if (begin >= end) return std::nullopt;
  std::vector<std::int64_t> ids;
  for (std::size_t i = begin; i < end; ++i) ids.push_back(chunks[i].id);
  std::string error;
  auto texts = store_.Texts(ids, &error);
  if (!texts) return error;
  for (std::size_t i = begin; i < end; ++i) chunks[i].text = std::move((*texts)[i - begin]);
  return std::nullopt;
}

}  // namespace mcp_server
