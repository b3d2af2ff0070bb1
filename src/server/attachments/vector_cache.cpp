#include "vector_cache.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_map>

#include "attachment_store.h"

namespace mcp_server {

std::shared_ptr<const VectorSet> MakeVectorSet(std::vector<ChunkVector> chunks) {
  auto set = std::make_shared<VectorSet>();
  std::unordered_map<std::string, std::uint32_t> file_index;
  std::size_t floats = 0;
  for (const auto& chunk : chunks) floats += chunk.embedding.size();
  set->values.reserve(floats);
  set->offset.reserve(chunks.size() + 1);
  set->offset.push_back(0);
  for (auto& chunk : chunks) {
    const auto [it, added] =
        file_index.try_emplace(chunk.path, static_cast<std::uint32_t>(set->files.size()));
    if (added) set->files.push_back(std::move(chunk.path));
    set->ids.push_back(chunk.id);
    set->file.push_back(it->second);
    set->line_start.push_back(chunk.line_start);
    set->line_end.push_back(chunk.line_end);
    set->norm.push_back(VectorNorm(chunk.embedding));
    set->values.insert(set->values.end(), chunk.embedding.begin(), chunk.embedding.end());
    set->offset.push_back(set->values.size());
  }
  return set;
}

double VectorNorm(std::span<const float> vector) {
  double sum = 0;
  for (const float x : vector) sum += double{x} * x;
  return std::sqrt(sum);
}

std::optional<double> CosineAt(const VectorSet& set, std::size_t i, std::span<const float> query,
                               double query_norm) {
  const auto vector = set.Vector(i);
  if (query.empty() || query.size() != vector.size()) return std::nullopt;
  // sqrt(x) is 0 exactly when x is: the same test as CosineSimilarity's.
  if (query_norm == 0 || set.norm[i] == 0) return std::nullopt;
  double dot = 0;
  for (std::size_t d = 0; d < vector.size(); ++d) dot += double{query[d]} * vector[d];
  return dot / (query_norm * set.norm[i]);
}

std::shared_ptr<const VectorSet> VectorCache::Find(const Key& key) const {
  std::shared_lock lock(mu_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  it->second.last_use = ++clock_;
  return it->second.set;
}

void VectorCache::Put(const Key& key, std::shared_ptr<const VectorSet> set) {
  std::unique_lock lock(mu_);
  if (const auto it = entries_.find(key); it != entries_.end()) {
    chunks_ -= it->second.set->size();
    entries_.erase(it);
  }
  // Empty sets are not kept: they would bound nothing (searches of unknown
  // sessions could grow the map), and reading "none" from SQLite is cheap.
  if (set->size() == 0 || set->size() > max_chunks_) return;
  while (chunks_ + set->size() > max_chunks_ && !entries_.empty()) {
    const auto oldest = std::ranges::min_element(
        entries_, {}, [](const auto& entry) { return entry.second.last_use.load(); });
    chunks_ -= oldest->second.set->size();
    entries_.erase(oldest);
  }
  chunks_ += set->size();
  auto& entry = entries_[key];
  entry.set = std::move(set);
  entry.last_use = ++clock_;
  ++fills_;
}

void VectorCache::DropSession(const std::string& session_id) {
  std::unique_lock lock(mu_);
  std::erase_if(entries_, [&](const auto& entry) {
    if (std::get<0>(entry.first) != session_id) return false;
    chunks_ -= entry.second.set->size();
    return true;
  });
}

std::size_t VectorCache::chunks() const {
  std::shared_lock lock(mu_);
  return chunks_;
}

}  // namespace mcp_server
