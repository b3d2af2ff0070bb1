#include "hybrid_rank.h"

#include <algorithm>
#include <cmath>

namespace mcp_server {
namespace {

double BestRelevance(const std::vector<RankCandidate>& candidates) {
  double best = 0;
  for (const auto& candidate : candidates) {
    if (candidate.bm25) best = std::max(best, -*candidate.bm25);
  }
  return best;
}

double Lexical(const RankCandidate& candidate, double best_relevance) {
  if (!candidate.bm25) return 0;
  // Every match scored 0 relevance (a word in every summary): they tie at the top.
  if (best_relevance <= 0) return 1;
  return std::clamp(-*candidate.bm25 / best_relevance, 0.0, 1.0);
}

double Semantic(const RankCandidate& candidate) {
  return candidate.cosine ? std::clamp(*candidate.cosine, 0.0, 1.0) : 0.0;
}

}  // namespace

std::vector<RankedId> RankHybrid(const std::vector<RankCandidate>& candidates, RankWeights weights,
                                 std::size_t limit) {
  const double best_relevance = BestRelevance(candidates);
  std::vector<RankedId> ranked;
  for (const auto& candidate : candidates) {
    const double score = weights.semantic * Semantic(candidate) +
                         weights.lexical * Lexical(candidate, best_relevance);
    if (score > 0) ranked.push_back({candidate.id, score});
  }
  std::ranges::sort(ranked, [](const RankedId& a, const RankedId& b) {
    return a.score != b.score ? a.score > b.score : a.id > b.id;
  });
  if (ranked.size() > limit) ranked.resize(limit);
  return ranked;
}

std::optional<double> CosineSimilarity(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.empty() || a.size() != b.size()) return std::nullopt;
  double dot = 0, norm_a = 0, norm_b = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    dot += double{a[i]} * b[i];
    norm_a += double{a[i]} * a[i];
    norm_b += double{b[i]} * b[i];
  }
  if (norm_a == 0 || norm_b == 0) return std::nullopt;
  return dot / (std::sqrt(norm_a) * std::sqrt(norm_b));
}

}  // namespace mcp_server
