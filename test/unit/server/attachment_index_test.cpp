// The pieces behind attachments: the chunker (line ranges, overlap, huge
// lines, empty text), the per-session store (hash reuse, limits, isolation,
// concurrent sessions) and the index's ranking (threshold, k).

#include "attachments/attachment_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "attachment_fakes.h"
#include "attachments/text_chunker.h"
#include "test_support.h"

namespace mcp_server::testing {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Le;
using ::testing::SizeIs;

// "line 1 ...\nline 2 ...\n" with `count` lines of about 40 characters.
std::string NumberedLines(int count) {
  std::string text;
  for (int i = 1; i <= count; ++i)
    text += "line " + std::to_string(i) + " of a numbered text file\n";
  return text;
}

// The text of lines [first, last] (1-based) of `text`.
std::string Lines(const std::string& text, int first, int last) {
  std::size_t begin = 0;
  for (int line = 1; line < first; ++line) begin = text.find('\n', begin) + 1;
  std::size_t end = begin;
  for (int line = first; line <= last; ++line) {
    const auto newline = text.find('\n', end);
    end = newline == std::string::npos ? text.size() : newline + 1;
  }
  return text.substr(begin, end - begin);
}

TEST(TextChunker, EmptyOrBlankTextGivesNoChunks) {
  EXPECT_THAT(ChunkText("", {}), IsEmpty());
  EXPECT_THAT(ChunkText("\n\n  \n\t\n", {}), IsEmpty());
}

TEST(TextChunker, ChunksAreWholeLinesWithOneBasedRangesThatOverlap) {
  const std::string text = NumberedLines(100);
  const auto chunks = ChunkText(text, {50, 10});  // 200 characters, 40 of overlap
  ASSERT_GT(chunks.size(), 10u);
  EXPECT_EQ(chunks.front().line_start, 1);
  EXPECT_EQ(chunks.back().line_end, 100);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const auto& chunk = chunks[i];
    EXPECT_EQ(chunk.text, Lines(text, chunk.line_start, chunk.line_end)) << "chunk " << i;
    EXPECT_LE(chunk.text.size(), 200u);
    if (i == 0) continue;
    EXPECT_EQ(chunk.line_start, chunks[i - 1].line_end) << "one line (~36 chars) of overlap";
  }
}

TEST(TextChunker, NoOverlapGivesAdjacentChunks) {
  const auto chunks = ChunkText(NumberedLines(30), {50, 0});
  ASSERT_GT(chunks.size(), 2u);
  for (std::size_t i = 1; i < chunks.size(); ++i) {
    EXPECT_EQ(chunks[i].line_start, chunks[i - 1].line_end + 1);
  }
}

TEST(TextChunker, AHugeLineIsCutIntoOverlappingPiecesOfThatLine) {
  std::string huge;
  for (int i = 0; huge.size() < 10000; ++i) huge += "word" + std::to_string(i) + " ";
  const std::string text = "first line\n" + huge + "\nlast line";
  const auto chunks = ChunkText(text, {50, 10});
  ASSERT_GT(chunks.size(), 40u);
  EXPECT_EQ(chunks.front().line_start, 1);
  EXPECT_EQ(chunks.back().line_end, 3);
  EXPECT_THAT(chunks.back().text, HasSubstr("last line"));
  std::string covered;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_LE(chunks[i].text.size(), 200u);
    const bool inside = chunks[i].line_start == 2 && chunks[i].line_end == 2;
    if (!inside || i == 0 || chunks[i - 1].line_start != 2) continue;
    // Consecutive pieces of line 2 share text: the next starts before the previous ended.
    const auto& previous = chunks[i - 1].text;
    EXPECT_EQ(previous.find(chunks[i].text.substr(0, 20)) != std::string::npos, true)
        << "piece " << i << " does not overlap the one before";
  }
}

TEST(TextChunker, ALineWithoutSpacesIsNeverCutInsideAUtf8Character) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "\xC3\xA9";  // é
  for (const auto& chunk : ChunkText(text, {50, 10})) {
    ASSERT_FALSE(chunk.text.empty());
    EXPECT_NE(static_cast<unsigned char>(chunk.text.front()) & 0xC0, 0x80);
    EXPECT_EQ(static_cast<unsigned char>(chunk.text.back()), 0xA9) << "ends after a whole é";
  }
}

TEST(TextChunker, AFinalLineWithoutNewlineIsCounted) {
  const auto chunks = ChunkText("one\ntwo\nthree", {50, 10});
  ASSERT_THAT(chunks, SizeIs(1));
  EXPECT_EQ(chunks[0].line_start, 1);
  EXPECT_EQ(chunks[0].line_end, 3);
  EXPECT_EQ(chunks[0].text, "one\ntwo\nthree");
}

class AttachmentIndexTest : public ::testing::Test {
 protected:
  AttachmentIndexTest()
      : store_(dir_.path() / "db", {1000, 3000}), index_(store_, embedder_, {{50, 10}, 8}) {}

  static WorkspaceFile File(const std::string& path, const std::string& text) {
    return {path, text};
  }

  std::vector<ScoredChunk> Search(const std::string& session, const std::string& query,
                                  std::size_t k = 4, double min_score = 0.15) {
    std::string error;
    auto vector = index_.EmbedQuery(query, error);
    EXPECT_TRUE(vector) << error;
    auto found = index_.Search(session, ChunkKind::kAttachment, *vector, k, min_score, error);
    EXPECT_TRUE(found) << error;
    return found ? *found : std::vector<ScoredChunk>{};
  }

  TempDir dir_;
  WordHashEmbedder embedder_;
  AttachmentStore store_;
  AttachmentIndex index_;
};

TEST_F(AttachmentIndexTest, AnUnchangedFileIsNotEmbeddedAgainButAChangedOneReplacesItsChunks) {
  const auto first =
      index_.Index("s", ChunkKind::kAttachment, {File("/w/a.md", NumberedLines(20))});
  ASSERT_FALSE(first.error) << *first.error;
  EXPECT_THAT(first.indexed, ElementsAre("/w/a.md"));
  const int requests = embedder_.requests();
  ASSERT_GT(requests, 0);
  const auto chunks = store_.CountChunks("s");

  const auto again =
      index_.Index("s", ChunkKind::kAttachment, {File("/w/a.md", NumberedLines(20))});
  EXPECT_THAT(again.unchanged, ElementsAre("/w/a.md"));
  EXPECT_THAT(again.indexed, IsEmpty());
  EXPECT_EQ(embedder_.requests(), requests) << "re-attaching made an embeddings request";

  const auto changed = index_.Index("s", ChunkKind::kAttachment, {File("/w/a.md", "now short\n")});
  EXPECT_THAT(changed.indexed, ElementsAre("/w/a.md"));
  EXPECT_GT(embedder_.requests(), requests);
  EXPECT_LT(store_.CountChunks("s"), chunks);
  EXPECT_EQ(store_.CountChunks("s"), 1) << "the old chunks were replaced, not added to";
}

TEST_F(AttachmentIndexTest, TheSameFileInAnotherSessionIsEmbeddedForThatSession) {
  ASSERT_FALSE(index_.Index("a", ChunkKind::kAttachment, {File("/w/x", "alpha text\n")}).error);
  const int requests = embedder_.requests();
  const auto other = index_.Index("b", ChunkKind::kAttachment, {File("/w/x", "alpha text\n")});
  EXPECT_THAT(other.indexed, ElementsAre("/w/x"));
  EXPECT_EQ(embedder_.requests(), requests + 1);
}

TEST_F(AttachmentIndexTest, EmbeddingsRequestsAreBatched) {
  const auto outcome =
      index_.Index("s", ChunkKind::kAttachment, {File("/w/long", NumberedLines(400))});
  ASSERT_FALSE(outcome.error);
  const auto batches = embedder_.batch_sizes();
  EXPECT_GT(batches.size(), 3u);
  EXPECT_THAT(batches, Each(Le(8u)));
}

TEST_F(AttachmentIndexTest, SearchSeesOnlyItsOwnSessionsAttachmentsNotContextChunks) {
  ASSERT_FALSE(index_
                   .Index("mine", ChunkKind::kAttachment,
                          {File("/w/zebra.md", "the zebra service listens on port 7311\n")})
                   .error);
  ASSERT_FALSE(index_
                   .Index("theirs", ChunkKind::kAttachment,
                          {File("/w/other.md", "the zebra service listens on port 9999\n")})
                   .error);
  ASSERT_FALSE(index_
                   .Index("mine", ChunkKind::kContext,
                          {File("/w/ctx.md", "the zebra service listens on port 1234\n")})
                   .error);
  const auto found = Search("mine", "zebra service port");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].file, "/w/zebra.md");
  EXPECT_EQ(found[0].line_start, 1);
  EXPECT_EQ(found[0].line_end, 1);
  EXPECT_THAT(found[0].text, HasSubstr("7311"));
  EXPECT_THAT(Search("nobody", "zebra service port"), IsEmpty());
}

TEST_F(AttachmentIndexTest, OnlyChunksAboveTheMinimumScoreAndAtMostKAreReturned) {
  std::vector<WorkspaceFile> files;
  for (int i = 0; i < 6; ++i) {
    files.push_back(File("/w/f" + std::to_string(i),
                         "giraffe habitat notes number " + std::to_string(i) + "\n"));
  }
  files.push_back(File("/w/unrelated", "quarterly invoice totals for accounting\n"));
  ASSERT_FALSE(index_.Index("s", ChunkKind::kAttachment, files).error);

  EXPECT_THAT(Search("s", "giraffe habitat", 4), SizeIs(4));
  EXPECT_THAT(Search("s", "giraffe habitat", 2), SizeIs(2));
  const auto all = Search("s", "giraffe habitat", 50);
  EXPECT_THAT(all, SizeIs(6)) << "the unrelated file scores below the threshold";
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].score, all[i].score);
  EXPECT_THAT(Search("s", "volcano eruption", 50), IsEmpty());
  EXPECT_THAT(Search("s", "giraffe habitat", 50, 0.99), IsEmpty());
}

TEST_F(AttachmentIndexTest, ASessionOverItsChunkLimitIsRefusedNamingTheLimit) {
  AttachmentStore small(dir_.path() / "small", {5, 100});
  AttachmentIndex index(small, embedder_, {{50, 10}, 8});
  const auto outcome =
      index.Index("s", ChunkKind::kAttachment, {File("/w/big", NumberedLines(60))});
  ASSERT_TRUE(outcome.error);
  EXPECT_THAT(*outcome.error, HasSubstr("MCP_ATTACHMENT_MAX_CHUNKS_PER_SESSION"));
  EXPECT_EQ(small.CountChunks("s"), 0) << "nothing of the refused file is stored";
}

TEST_F(AttachmentIndexTest, OverTheTotalLimitTheLeastRecentlyIndexedSessionIsEvicted) {
  const std::string text = NumberedLines(20);
  const auto per_file = static_cast<std::int64_t>(ChunkText(text, {50, 10}).size());
  AttachmentStore small(dir_.path() / "small", {per_file, 2 * per_file});  // room for two sessions
  AttachmentIndex index(small, embedder_, {{50, 10}, 8});
  ASSERT_FALSE(index.Index("old", ChunkKind::kAttachment, {File("/w/a", text)}).error);
  ASSERT_FALSE(index.Index("mid", ChunkKind::kAttachment, {File("/w/a", text)}).error);
  ASSERT_FALSE(index.Index("new", ChunkKind::kAttachment, {File("/w/a", text)}).error);
  EXPECT_EQ(small.CountChunks("old"), 0);
  EXPECT_EQ(small.CountChunks("mid"), per_file);
  EXPECT_EQ(small.CountChunks("new"), per_file);
  EXPECT_EQ(small.CountChunks(), 2 * per_file);
}

TEST_F(AttachmentIndexTest, SessionsIndexConcurrently) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([this, i] {
      const std::string session = "s" + std::to_string(i);
      for (int round = 0; round < 5; ++round) {
        const auto outcome =
            index_.Index(session, ChunkKind::kAttachment,
                         {File("/w/f", NumberedLines(20 + round) + "session " + session + "\n")});
        EXPECT_FALSE(outcome.error) << *outcome.error;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 0; i < 4; ++i) {
    const auto found = Search("s" + std::to_string(i), "session s" + std::to_string(i), 50, 0.0);
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(
        store_.CountChunks("s" + std::to_string(i)),
        static_cast<std::int64_t>(ChunkText(NumberedLines(24) + "session s0\n", {50, 10}).size()));
  }
}

TEST_F(AttachmentIndexTest, AnEmbeddingsFailureNamesTheFileAndStoresNothing) {
  embedder_.SetFailing(true);
  const auto outcome = index_.Index("s", ChunkKind::kAttachment, {File("/w/a", "some text\n")});
  ASSERT_TRUE(outcome.error);
  EXPECT_THAT(*outcome.error, HasSubstr("/w/a"));
  EXPECT_THAT(*outcome.error, HasSubstr("503"));
  EXPECT_EQ(store_.CountChunks("s"), 0);
}

TEST(Sha256Hex, MatchesTheKnownDigest) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace mcp_server::testing
