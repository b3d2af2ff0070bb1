#pragma once
// The in-memory copy of stored chunk vectors that searches rank against, so
// a search reads no SQLite for its vectors (the AttachmentStore owns one and
// keeps it in step with every write; see attachment_store.h).
//
// A VectorSet is one (session, kind, embedding model)'s chunks in the
// store's order, their floats in one contiguous array and each chunk's norm
// computed once. Sets are immutable and shared: a search keeps ranking the
// set it took even when a write replaces it meanwhile.
//
// The cache holds at most max_chunks chunks over all its sets (the store's
// MCP_ATTACHMENT_MAX_CHUNKS), dropping the least recently used sets first;
// a set larger than that is not kept at all. Thread-safe: a shared_mutex
// lets concurrent sessions read at once.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace mcp_server {

struct ChunkVector;
enum class ChunkKind;

struct VectorSet {
  std::vector<std::string> files;   // distinct paths
  std::vector<std::int64_t> ids;    // chunk ids, ascending (the store's order)
  std::vector<std::uint32_t> file;  // index into `files`, per chunk
  std::vector<int> line_start;
  std::vector<int> line_end;
  std::vector<double> norm;         // sqrt of the sum of squares, per chunk
  std::vector<std::size_t> offset;  // chunk i is values[offset[i], offset[i + 1])
  std::vector<float> values;

  std::size_t size() const { return ids.size(); }
  std::span<const float> Vector(std::size_t i) const {
    return {values.data() + offset[i], offset[i + 1] - offset[i]};
  }
};

// Lays out `chunks` (in their order) for ranking.
std::shared_ptr<const VectorSet> MakeVectorSet(std::vector<ChunkVector> chunks);

// sqrt of the sum of squares, summed in double in index order.
double VectorNorm(std::span<const float> vector);

// Chunk i's cosine against `query` (whose VectorNorm is `query_norm`), or
// nullopt where CosineSimilarity has none (empty, other size, zero norm).
// Bit for bit CosineSimilarity's value: the dot product is summed in double
// in the same order and divided the same way, so thresholds and ties do not
// move. (Pre-normalised floats would be faster but round differently.)
std::optional<double> CosineAt(const VectorSet& set, std::size_t i, std::span<const float> query,
                               double query_norm);

class VectorCache {
 public:
  using Key = std::tuple<std::string, ChunkKind, std::string>;  // session, kind, model

  explicit VectorCache(std::size_t max_chunks) : max_chunks_(max_chunks) {}

  // The cached set, or null; marks it as recently used.
  std::shared_ptr<const VectorSet> Find(const Key& key) const;
  // Keeps `set` under `key`, dropping least recently used sets to stay bounded.
  void Put(const Key& key, std::shared_ptr<const VectorSet> set);
  // Drops every set of the session (it was written to, forgotten or evicted).
  void DropSession(const std::string& session_id);

  std::size_t chunks() const;
  std::uint64_t fills() const { return fills_; }  // sets kept so far: a test's view of misses

 private:
  struct Entry {
    std::shared_ptr<const VectorSet> set;
    mutable std::atomic<std::uint64_t> last_use{0};
  };

  const std::size_t max_chunks_;
  mutable std::shared_mutex mu_;
  std::map<Key, Entry> entries_;
  std::size_t chunks_ = 0;
  mutable std::atomic<std::uint64_t> clock_{0};
  std::atomic<std::uint64_t> fills_{0};
};

}  // namespace mcp_server
