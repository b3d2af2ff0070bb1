// RankHybrid: the documented weighted sum of clamped cosine and
// best-normalised BM25 relevance.
#include "memory/hybrid_rank.h"

#include <gtest/gtest.h>

namespace mcp_server {
namespace {

std::vector<std::int64_t> Ids(const std::vector<RankedId>& ranked) {
  std::vector<std::int64_t> ids;
  for (const auto& hit : ranked) ids.push_back(hit.id);
  return ids;
}

TEST(HybridRank, ACosineOnlyMatchBeatsAWeakMeaningWithTheBestWords) {
  // 1: 0.7*0.9 = 0.63; 2: 0.7*0.1 + 0.3*1 = 0.37.
  const auto ranked = RankHybrid({{1, 0.9, std::nullopt}, {2, 0.1, -5.0}}, RankWeights{}, 10);
  EXPECT_EQ(Ids(ranked), (std::vector<std::int64_t>{1, 2}));
  EXPECT_NEAR(ranked[0].score, 0.63, 1e-9);
  EXPECT_NEAR(ranked[1].score, 0.37, 1e-9);
}

TEST(HybridRank, ABm25OnlyMatchOvertakesAModestCosineLead) {
  // 1: 0.7*0.4 = 0.28; 2: 0.7*0.2 + 0.3*1 = 0.44.
  const auto ranked = RankHybrid({{1, 0.4, std::nullopt}, {2, 0.2, -8.0}}, RankWeights{}, 10);
  EXPECT_EQ(Ids(ranked), (std::vector<std::int64_t>{2, 1}));
}

TEST(HybridRank, MeaningAndWordsTogetherBeatEitherAlone) {
  // 1: 0.63 (cosine only); 2: 0.37 (best words, weak meaning);
  // 3: 0.7*0.7 + 0.3*(4/5) = 0.73.
  const auto ranked =
      RankHybrid({{1, 0.9, std::nullopt}, {2, 0.1, -5.0}, {3, 0.7, -4.0}}, RankWeights{}, 10);
  EXPECT_EQ(Ids(ranked), (std::vector<std::int64_t>{3, 1, 2}));
  EXPECT_NEAR(ranked[0].score, 0.73, 1e-9);
}

TEST(HybridRank, TextOnlyWeightsIgnoreCosine) {
  const auto ranked = RankHybrid({{1, 0.99, std::nullopt}, {2, std::nullopt, -2.0}, {3, 0.1, -1.0}},
                                 RankWeights::TextOnly(), 10);
  EXPECT_EQ(Ids(ranked), (std::vector<std::int64_t>{2, 3})) << "no words matched: no result";
  EXPECT_DOUBLE_EQ(ranked[0].score, 1.0);
  EXPECT_DOUBLE_EQ(ranked[1].score, 0.5);
}

TEST(HybridRank, DropsZeroScoresBreaksTiesByNewerIdAndHonoursTheLimit) {
  const auto ranked = RankHybrid({{1, 0.5, std::nullopt},
                                  {2, 0.5, std::nullopt},
                                  {3, -0.4, std::nullopt},
                                  {4, 0.2, std::nullopt}},
                                 RankWeights{}, 2);
  EXPECT_EQ(Ids(ranked), (std::vector<std::int64_t>{2, 1}));
}

TEST(HybridRank, CosineSimilarityOfIdenticalOrthogonalAndIncomparableVectors) {
  EXPECT_NEAR(*CosineSimilarity({1, 2, 3}, {2, 4, 6}), 1.0, 1e-9);
  EXPECT_NEAR(*CosineSimilarity({1, 0}, {0, 1}), 0.0, 1e-9);
  EXPECT_EQ(CosineSimilarity({1, 0}, {1, 0, 0}), std::nullopt);
  EXPECT_EQ(CosineSimilarity({}, {}), std::nullopt);
  EXPECT_EQ(CosineSimilarity({0, 0}, {1, 0}), std::nullopt);
}

}  // namespace
}  // namespace mcp_server
