// MemoryStore: the persisted job queue (claims, fencing, restart) and the
// stored memories with their FTS index.
#include "memory/memory_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "memory_fakes.h"
#include "test_support.h"

namespace mcp_server::testing {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kNow = 1'800'000'000'000;

MemoryRecord SampleRecord(const std::string& summary = "ZEBRA-FLUX-42 uses port 7311") {
  return {summary, FakeProviders::HashEmbedding(summary), "gpt-4.1-mini", "fake-embedding"};
}

TEST(MemoryStore, AJobSurvivesTheStoreBeingClosedAndReopenedMidJob) {
  TempDir dir;
  {
    MemoryStore store(dir.path());
    ASSERT_EQ(store.Problem(), std::nullopt);
    ASSERT_EQ(store.Enqueue(SampleTurn(), kNow), std::nullopt);
    ASSERT_TRUE(store.ClaimNextDue(kNow)) << "claimed, then the process goes away";
  }
  MemoryStore reopened(dir.path());
  EXPECT_FALSE(reopened.ClaimNextDue(kNow)) << "still claimed until the claims are released";
  EXPECT_EQ(reopened.ReleaseAllClaims(), 1);
  const auto job = reopened.ClaimNextDue(kNow);
  ASSERT_TRUE(job);
  const CompletedTurn expected = SampleTurn();
  EXPECT_EQ(job->turn.session_id, expected.session_id);
  EXPECT_EQ(job->turn.tool, expected.tool);
  EXPECT_EQ(job->turn.provider, expected.provider);
  EXPECT_EQ(job->turn.model, expected.model);
  EXPECT_EQ(job->turn.user_text, expected.user_text);
  EXPECT_EQ(job->turn.assistant_text, expected.assistant_text);
  EXPECT_EQ(job->turn.created_at_unix, expected.created_at_unix);
  EXPECT_EQ(job->enqueued_at_ms, kNow);
  EXPECT_EQ(job->failed_attempts, 0);
}

TEST(MemoryStore, ClaimsTheOldestDueJobFirstAndSkipsJobsNotYetDue) {
  TempDir dir;
  MemoryStore store(dir.path());
  ASSERT_EQ(store.Enqueue(SampleTurn("first"), kNow), std::nullopt);
  ASSERT_EQ(store.Enqueue(SampleTurn("second"), kNow + 1), std::nullopt);
  ASSERT_EQ(store.Enqueue(SampleTurn("third"), kNow + 2), std::nullopt);

  auto first = store.ClaimNextDue(kNow + 10);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->turn.session_id, "first");
  ASSERT_EQ(store.Reschedule(*first, kNow + 1000, "provider down"), std::nullopt);
  EXPECT_EQ(store.NextDueAtMs(), kNow + 1) << "the second job is due before the retry";

  EXPECT_EQ(store.ClaimNextDue(kNow + 10)->turn.session_id, "second");
  EXPECT_EQ(store.ClaimNextDue(kNow + 10)->turn.session_id, "third");
  EXPECT_FALSE(store.ClaimNextDue(kNow + 10)) << "the first job waits for its backoff";
  const auto retried = store.ClaimNextDue(kNow + 1000);
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->turn.session_id, "first");
  EXPECT_EQ(retried->failed_attempts, 1) << "the attempt count is persisted";
}

TEST(MemoryStore, CompleteLandsTheMemoryAndRemovesTheJobExactlyOnce) {
  TempDir dir;
  MemoryStore store(dir.path());
  ASSERT_EQ(store.Enqueue(SampleTurn(), kNow), std::nullopt);
  const auto job = store.ClaimNextDue(kNow);
  ASSERT_TRUE(job);
  ASSERT_EQ(store.Complete(*job, SampleRecord(), kNow + 5), std::nullopt);

  EXPECT_EQ(store.Stats().depth, 0);
  const auto memories = store.Memories(std::nullopt);
  ASSERT_TRUE(memories);
  ASSERT_EQ(memories->size(), 1u);
  EXPECT_EQ(memories->at(0).session_id, "session-1");
  EXPECT_EQ(memories->at(0).provider, "openai");
  EXPECT_EQ(memories->at(0).model, "o3");
  EXPECT_EQ(memories->at(0).summary, "ZEBRA-FLUX-42 uses port 7311");
  EXPECT_EQ(memories->at(0).embedding, SampleRecord().embedding);
  EXPECT_EQ(memories->at(0).embedding_model, "fake-embedding");
  EXPECT_EQ(memories->at(0).created_at_unix, SampleTurn().created_at_unix);
  const auto matches = store.TextMatches("which port?", std::nullopt);
  ASSERT_TRUE(matches);
  EXPECT_EQ(matches->size(), 1u) << "the FTS row landed with the memory";

  const auto again = store.Complete(*job, SampleRecord(), kNow + 6);
  ASSERT_TRUE(again);
  EXPECT_THAT(*again, HasSubstr("no longer held"));
  EXPECT_EQ(store.Memories(std::nullopt)->size(), 1u);
}

TEST(MemoryStore, AStaleClaimCannotCompleteRescheduleOrReleaseAReclaimedJob) {
  TempDir dir;
  MemoryStore store(dir.path());
  ASSERT_EQ(store.Enqueue(SampleTurn(), kNow), std::nullopt);
  const auto stale = store.ClaimNextDue(kNow);
  ASSERT_TRUE(stale);
  ASSERT_EQ(store.ReleaseAllClaims(), 1);
  const auto current = store.ClaimNextDue(kNow);
  ASSERT_TRUE(current);
  EXPECT_NE(stale->claim, current->claim);

  EXPECT_TRUE(store.Complete(*stale, SampleRecord(), kNow));
  EXPECT_TRUE(store.Reschedule(*stale, kNow, "late"));
  EXPECT_TRUE(store.Release(*stale));
  EXPECT_EQ(store.Memories(std::nullopt)->size(), 0u);
  EXPECT_EQ(store.Complete(*current, SampleRecord(), kNow), std::nullopt);
  EXPECT_EQ(store.Memories(std::nullopt)->size(), 1u);
}

TEST(MemoryStore, StatsReportDepthAndTheOldestEnqueueTime) {
  TempDir dir;
  MemoryStore store(dir.path());
  EXPECT_EQ(store.Stats().depth, 0);
  EXPECT_EQ(store.Stats().oldest_enqueued_at_ms, std::nullopt);
  ASSERT_EQ(store.Enqueue(SampleTurn("a"), kNow), std::nullopt);
  ASSERT_EQ(store.Enqueue(SampleTurn("b"), kNow + 500), std::nullopt);
  ASSERT_TRUE(store.ClaimNextDue(kNow + 600));
  EXPECT_EQ(store.Stats().depth, 2) << "a claimed job has not landed yet";
  EXPECT_EQ(store.Stats().oldest_enqueued_at_ms, kNow);
}

TEST(MemoryStore, EnqueueRefusesJobsBeyondTheQueueBound) {
  TempDir dir;
  MemoryStore store(dir.path(), /*max_queued_jobs=*/2);
  EXPECT_EQ(store.Enqueue(SampleTurn("a"), kNow), std::nullopt);
  EXPECT_EQ(store.Enqueue(SampleTurn("b"), kNow), std::nullopt);
  const auto refused = store.Enqueue(SampleTurn("c"), kNow);
  ASSERT_TRUE(refused);
  EXPECT_THAT(*refused, HasSubstr("queue is full"));
  EXPECT_EQ(store.Stats().depth, 2);
}

TEST(MemoryStore, MemoriesAndTextMatchesFilterBySession) {
  TempDir dir;
  MemoryStore store(dir.path());
  for (const char* session : {"alpha", "beta"}) {
    ASSERT_EQ(store.Enqueue(SampleTurn(session), kNow), std::nullopt);
    ASSERT_EQ(store.Complete(*store.ClaimNextDue(kNow), SampleRecord(), kNow), std::nullopt);
  }
  EXPECT_EQ(store.Memories("alpha")->size(), 1u);
  EXPECT_EQ(store.TextMatches("port", "beta")->size(), 1u);
  EXPECT_TRUE(store.Memories("no-such-session")->empty());
  EXPECT_TRUE(store.TextMatches("port", "no-such-session")->empty());
}

TEST(MemoryStore, FtsQueryQuotesEveryWordSoUserTextCannotInjectSyntax) {
  EXPECT_EQ(FtsAnyWordQuery("ZEBRA-FLUX-42 port?"), R"("ZEBRA" OR "FLUX" OR "42" OR "port")");
  EXPECT_EQ(FtsAnyWordQuery("  -- * \" ()"), "");
  TempDir dir;
  MemoryStore store(dir.path());
  std::string error;
  EXPECT_TRUE(store.TextMatches(R"(NEAR("a" b) AND OR * ^col:x ")", std::nullopt, &error)) << error;
}

}  // namespace
}  // namespace mcp_server::testing
