#include "attachment_index.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <exception>
#include <unordered_set>
#include <utility>

#include "../memory/memory_store.h"

namespace mcp_server {
namespace {

// The chunk id (storage order) breaks full ties, so Rank and Search agree.
bool BetterFirst(const ScoredChunk& a, const ScoredChunk& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.file != b.file) return a.file < b.file;
  if (a.line_start != b.line_start) return a.line_start < b.line_start;
  return a.id < b.id;
}

// (score, chunk) of every chunk of a wanted file scoring at least min_score.
std::vector<std::pair<double, std::size_t>> Scores(const VectorSet& set,
                                                   const std::vector<float>& query,
                                                   double min_score,
                                                   const std::vector<char>& wanted_file) {
  const double query_norm = VectorNorm(query);
  std::vector<std::pair<double, std::size_t>> scores;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (!wanted_file[set.file[i]]) continue;
    const auto cosine = CosineAt(set, i, query, query_norm);
    if (!cosine || *cosine < min_score) continue;  // as written, so a NaN is kept as before
    scores.emplace_back(*cosine, i);
  }
  return scores;
}

// BetterFirst on (score, chunk) pairs, without copying paths.
bool BetterFirstIn(const VectorSet& set, const std::pair<double, std::size_t>& a,
                   const std::pair<double, std::size_t>& b) {
  if (a.first != b.first) return a.first > b.first;
  const auto& file_a = set.files[set.file[a.second]];
  const auto& file_b = set.files[set.file[b.second]];
  if (file_a != file_b) return file_a < file_b;
  if (set.line_start[a.second] != set.line_start[b.second]) {
    return set.line_start[a.second] < set.line_start[b.second];
  }
  return set.ids[a.second] < set.ids[b.second];
}

ScoredChunk Scored(const VectorSet& set, std::size_t i, double score) {
  return {set.ids[i], set.files[set.file[i]], set.line_start[i], set.line_end[i], score, {}};
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
  const auto set = store_.CachedVectors(session_id, kind, embedder_.Model(), &error);
  if (!set) return std::nullopt;
  std::vector<char> wanted(set->files.size(), paths == nullptr);
  if (paths) {
    const std::unordered_set<std::string> listed(paths->begin(), paths->end());
    for (std::size_t f = 0; f < set->files.size(); ++f) wanted[f] = listed.contains(set->files[f]);
  }
  std::vector<ScoredChunk> ranked;
  for (const auto& [score, i] : Scores(*set, query, min_score, wanted)) {
    ranked.push_back(Scored(*set, i, score));
  }
  std::ranges::sort(ranked, BetterFirst);
  return ranked;
}

std::optional<std::vector<ScoredChunk>> AttachmentIndex::Search(const std::string& session_id,
                                                                ChunkKind kind,
                                                                const std::vector<float>& query,
                                                                std::size_t limit, double min_score,
                                                                std::string& error) const {
  const auto set = store_.CachedVectors(session_id, kind, embedder_.Model(), &error);
  if (!set) return std::nullopt;
  // Only the best `limit` become ScoredChunks (with their paths copied), in
  // Rank's order: the comparison is BetterFirst's on (score, file, line, id).
  auto scores = Scores(*set, query, min_score, std::vector<char>(set->files.size(), 1));
  const auto better = [&](const auto& a, const auto& b) { return BetterFirstIn(*set, a, b); };
  const auto top = std::min(limit, scores.size());
  std::partial_sort(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(top), scores.end(),
                    better);
  std::vector<ScoredChunk> found;
  found.reserve(top);
  for (std::size_t r = 0; r < top; ++r)
    found.push_back(Scored(*set, scores[r].second, scores[r].first));
  if (auto problem = FetchTexts(found, 0, found.size())) {
    error = *problem;
    return std::nullopt;
  }
  return found;
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
