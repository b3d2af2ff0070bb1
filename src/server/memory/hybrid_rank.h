#pragma once
// How search_project_history orders memories: a weighted sum of two
// normalised signals, each in [0, 1].
//  * semantic: the cosine similarity of query and summary embeddings,
//    clamped to [0, 1] (an absolute scale: a lone candidate is not inflated).
//  * lexical: SQLite FTS5 bm25() of the summary against the query's words.
//    bm25 is negative, lower is better, and unbounded, so it is turned into
//    relevance = -bm25 and divided by the best relevance among the
//    candidates: the best text match gets 1, non-matches 0.
// score = semantic_weight * semantic + lexical_weight * lexical.
// The default weights favour meaning (0.7) over exact words (0.3): a summary
// that both means and says what was asked beats one that only does either.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace mcp_server {

struct RankCandidate {
  std::int64_t id = 0;
  std::optional<double> cosine;  // nullopt: no comparable embedding
  std::optional<double> bm25;    // nullopt: the summary matched none of the query's words
};

struct RankWeights {
  double semantic = 0.7;
  double lexical = 0.3;

  // When the query could not be embedded: words alone decide.
  static RankWeights TextOnly() { return {0.0, 1.0}; }
};

struct RankedId {
  std::int64_t id = 0;
  double score = 0;
};

// The candidates with a positive score, best first (ties: higher id, i.e.
// the newer memory, first), at most `limit` of them.
std::vector<RankedId> RankHybrid(const std::vector<RankCandidate>& candidates, RankWeights weights,
                                 std::size_t limit);

// Cosine similarity; nullopt when the sizes differ, a vector is empty or all zero.
std::optional<double> CosineSimilarity(const std::vector<float>& a, const std::vector<float>& b);

}  // namespace mcp_server
