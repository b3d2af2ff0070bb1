// The in-memory vector cache behind attachment searches: filled once and
// then hit, dropped on every write to its session (re-index, forget,
// eviction by another session's indexing), bounded, safe under concurrent
// sessions, and ranking exactly as the uncached path did.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "attachment_fakes.h"
#include "attachments/attachment_index.h"
#include "attachments/text_chunker.h"
#include "attachments/vector_cache.h"
#include "memory/hybrid_rank.h"
#include "test_support.h"

namespace mcp_server::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class AttachmentCacheTest : public ::testing::Test {
 protected:
  AttachmentCacheTest()
      : store_(dir_.path() / "db", {1000, 3000}), index_(store_, embedder_, {{50, 10}, 8}) {}

  std::vector<ScoredChunk> Search(const std::string& session, const std::string& query,
                                  std::size_t k = 4, double min_score = 0.15) {
    std::string error;
    auto found = index_.Search(session, ChunkKind::kAttachment, WordHashEmbedder::Vector(query), k,
                               min_score, error);
    EXPECT_TRUE(found) << error;
    return found ? *found : std::vector<ScoredChunk>{};
  }

  void Index(const std::string& session, const std::string& path, const std::string& text) {
    const auto outcome = index_.Index(session, ChunkKind::kAttachment, {{path, text}});
    ASSERT_FALSE(outcome.error) << *outcome.error;
  }

  std::uint64_t fills() const { return store_.vector_cache().fills(); }

  TempDir dir_;
  WordHashEmbedder embedder_;
  AttachmentStore store_;
  AttachmentIndex index_;
};

TEST_F(AttachmentCacheTest, TheFirstSearchFillsTheCacheAndLaterOnesHitIt) {
  Index("s", "/w/a.md", "the zebra service listens on port 7311\n");
  EXPECT_EQ(fills(), 0u) << "indexing alone reads nothing into the cache";
  const auto first = Search("s", "zebra port");
  EXPECT_EQ(fills(), 1u);
  const auto set = store_.CachedVectors("s", ChunkKind::kAttachment, embedder_.Model());
  EXPECT_EQ(store_.CachedVectors("s", ChunkKind::kAttachment, embedder_.Model()), set)
      << "the same shared set, not a fresh read";
  const auto second = Search("s", "zebra port");
  EXPECT_EQ(fills(), 1u);
  ASSERT_THAT(second, SizeIs(1));
  EXPECT_EQ(second[0].id, first[0].id);
  EXPECT_THAT(second[0].text, HasSubstr("7311")) << "the winner's text is still fetched";
  EXPECT_EQ(store_.vector_cache().chunks(), 1u);
}

TEST_F(AttachmentCacheTest, ReIndexingAChangedFileDropsTheCacheButAnUnchangedOneDoesNot) {
  Index("s", "/w/a.md", "the zebra service listens on port 7311\n");
  ASSERT_THAT(Search("s", "zebra port"), SizeIs(1));
  Index("s", "/w/a.md", "the zebra service listens on port 7311\n");  // same hash: no write
  ASSERT_THAT(Search("s", "zebra port"), SizeIs(1));
  EXPECT_EQ(fills(), 1u);

  Index("s", "/w/a.md", "the giraffe service listens on port 8080\n");
  const auto found = Search("s", "giraffe port");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_THAT(found[0].text, HasSubstr("8080"));
  EXPECT_EQ(fills(), 2u);
  EXPECT_THAT(Search("s", "zebra 7311", 4, 0.5), IsEmpty()) << "the old chunk is not served";
}

TEST_F(AttachmentCacheTest, ForgettingASessionDropsItsVectors) {
  Index("s", "/w/a.md", "the zebra service listens on port 7311\n");
  Index("other", "/w/a.md", "the zebra service listens on port 7311\n");
  ASSERT_THAT(Search("s", "zebra port"), SizeIs(1));
  ASSERT_THAT(Search("other", "zebra port"), SizeIs(1));
  ASSERT_FALSE(index_.Forget("s"));
  EXPECT_EQ(store_.vector_cache().chunks(), 1u) << "only the other session's set is left";
  EXPECT_THAT(Search("s", "zebra port"), IsEmpty());
  EXPECT_THAT(Search("other", "zebra port"), SizeIs(1));
  EXPECT_EQ(fills(), 2u) << "the other session still hits";
}

TEST_F(AttachmentCacheTest, ASessionEvictedByAnothersIndexingIsDroppedToo) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "line " + std::to_string(i) + " of the old notes\n";
  const auto per_file = static_cast<std::int64_t>(ChunkText(text, {50, 10}).size());
  AttachmentStore small(dir_.path() / "small", {per_file, 2 * per_file});  // two sessions fit
  AttachmentIndex index(small, embedder_, {{50, 10}, 8});
  ASSERT_FALSE(index.Index("old", ChunkKind::kAttachment, {{"/w/a", text}}).error);
  ASSERT_FALSE(index.Index("mid", ChunkKind::kAttachment, {{"/w/a", text}}).error);
  std::string error;
  const auto query = WordHashEmbedder::Vector("old notes");
  ASSERT_THAT(*index.Search("old", ChunkKind::kAttachment, query, 4, 0.1, error), SizeIs(4));
  ASSERT_FALSE(index.Index("new", ChunkKind::kAttachment, {{"/w/a", text}}).error);
  ASSERT_EQ(small.CountChunks("old"), 0) << "the store evicted the session";
  EXPECT_THAT(*index.Search("old", ChunkKind::kAttachment, query, 4, 0.1, error), IsEmpty());
}

// Random vectors with exact duplicates (full score ties across files and lines).
IndexedFile RandomFile(const std::string& path, std::mt19937& random, std::size_t chunks,
                       const std::string& model) {
  std::normal_distribution<float> value(0.0F, 1.0F);
  IndexedFile file{"s", ChunkKind::kAttachment, path, "sha-" + path, model, {}};
  std::vector<float> previous;
  for (std::size_t i = 0; i < chunks; ++i) {
    std::vector<float> vector(64);
    for (auto& x : vector) x = value(random);
    if (i % 5 == 4) vector = previous;     // a tie within the file
    if (i == 0) vector.assign(64, 0.25F);  // the same in every file: ties across files
    if (i == 1) vector.assign(64, 0.0F);   // zero norm: never scored
    previous = vector;
    const int line = static_cast<int>(i % 7) * 10 + 1;  // repeated lines: ties on line too
    file.chunks.push_back({line, line + 9, path + " chunk " + std::to_string(i), vector});
  }
  return file;
}

TEST_F(AttachmentCacheTest, RankingMatchesTheUncachedCosineExactly) {
  std::mt19937 random(7);
  for (const char* path : {"/w/b", "/w/a", "/w/c"}) {
    ASSERT_FALSE(store_.Replace(RandomFile(path, random, 40, embedder_.Model()), 0));
  }
  std::normal_distribution<float> value(0.0F, 1.0F);
  for (int round = 0; round < 5; ++round) {
    std::vector<float> query(64);
    for (auto& x : query) x = value(random);
    if (round == 0) query.assign(64, 1.0F);  // scores the all-0.25 chunks exactly 1
    const double min_score = round == 1 ? -1.0 : 0.05;
    // The uncached path: every vector from SQLite, CosineSimilarity, then a full sort.
    std::vector<ScoredChunk> expected;
    auto stored = store_.Vectors("s", ChunkKind::kAttachment, embedder_.Model());
    ASSERT_TRUE(stored);
    for (auto& chunk : *stored) {
      const auto cosine = CosineSimilarity(query, chunk.embedding);
      if (!cosine || *cosine < min_score) continue;
      expected.push_back({chunk.id, chunk.path, chunk.line_start, chunk.line_end, *cosine, {}});
    }
    std::ranges::sort(expected, [](const auto& a, const auto& b) {
      return std::tie(b.score, a.file, a.line_start, a.id) <
             std::tie(a.score, b.file, b.line_start, b.id);
    });
    std::string error;
    const auto ranked = index_.Rank("s", ChunkKind::kAttachment, query, min_score, nullptr, error);
    ASSERT_TRUE(ranked) << error;
    ASSERT_EQ(ranked->size(), expected.size()) << "round " << round;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ((*ranked)[i].id, expected[i].id) << "round " << round << " rank " << i;
      EXPECT_EQ((*ranked)[i].score, expected[i].score) << "bit for bit";
      EXPECT_EQ((*ranked)[i].file, expected[i].file);
      EXPECT_EQ((*ranked)[i].line_start, expected[i].line_start);
      EXPECT_EQ((*ranked)[i].line_end, expected[i].line_end);
    }
    const auto found = index_.Search("s", ChunkKind::kAttachment, query, 7, min_score, error);
    ASSERT_TRUE(found) << error;
    ASSERT_EQ(found->size(), std::min<std::size_t>(7, expected.size()));
    for (std::size_t i = 0; i < found->size(); ++i) {
      EXPECT_EQ((*found)[i].id, expected[i].id) << "Search is Rank's prefix";
      EXPECT_THAT((*found)[i].text, ::testing::StartsWith(expected[i].file + " chunk "));
    }
    const std::vector<std::string> only{"/w/c", "/w/missing"};
    const auto filtered = index_.Rank("s", ChunkKind::kAttachment, query, min_score, &only, error);
    ASSERT_TRUE(filtered);
    std::vector<std::int64_t> want;
    for (const auto& chunk : expected) {
      if (chunk.file == "/w/c") want.push_back(chunk.id);
    }
    std::vector<std::int64_t> got;
    for (const auto& chunk : *filtered) got.push_back(chunk.id);
    EXPECT_EQ(got, want);
  }
  EXPECT_EQ(fills(), 1u);
}

TEST(VectorCache, StaysWithinItsChunkBoundDroppingTheLeastRecentlyUsed) {
  auto set_of = [](std::size_t chunks) {
    std::vector<ChunkVector> vectors;
    for (std::size_t i = 0; i < chunks; ++i) {
      vectors.push_back({static_cast<std::int64_t>(i), "/f", 1, 2, {1.0F, 0.0F}});
    }
    return MakeVectorSet(std::move(vectors));
  };
  VectorCache cache(10);
  const auto key = [](const std::string& session) {
    return VectorCache::Key{session, ChunkKind::kAttachment, "m"};
  };
  cache.Put(key("a"), set_of(4));
  cache.Put(key("b"), set_of(4));
  ASSERT_TRUE(cache.Find(key("a")));  // now b is the least recently used
  cache.Put(key("c"), set_of(4));
  EXPECT_TRUE(cache.Find(key("a")));
  EXPECT_FALSE(cache.Find(key("b")));
  EXPECT_TRUE(cache.Find(key("c")));
  EXPECT_EQ(cache.chunks(), 8u);
  cache.Put(key("huge"), set_of(11));
  EXPECT_FALSE(cache.Find(key("huge"))) << "larger than the whole bound: not kept";
  EXPECT_EQ(cache.chunks(), 8u);
  cache.DropSession("a");
  EXPECT_FALSE(cache.Find(key("a")));
  EXPECT_EQ(cache.chunks(), 4u);
}

TEST_F(AttachmentCacheTest, ConcurrentSessionsSearchWhileOthersReIndex) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      const std::string session = "s" + std::to_string(t);
      for (int round = 0; round < 20; ++round) {
        if (t % 2 == 0) {
          Index(session, "/w/" + session,
                "notes of " + session + " round " + std::to_string(round) + "\n");
        } else if (round == 0) {
          Index(session, "/w/" + session, "notes of " + session + " steady\n");
        }
        for (const auto& chunk : Search(session, "notes of " + session, 4, 0.0)) {
          EXPECT_EQ(chunk.file, "/w/" + session) << "another session's chunk";
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_THAT(Search("s0", "round 19", 4, 0.5), SizeIs(1)) << "the last write is what is served";
  EXPECT_THAT(Search("s2", "round 18", 4, 0.5), IsEmpty());
  EXPECT_LE(store_.vector_cache().chunks(), 3000u);
}

}  // namespace
}  // namespace mcp_server::testing
