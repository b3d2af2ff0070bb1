// SummaryWorker: summarise, embed and land each queued turn once; retry with
// persisted backoff; resume after a crash; stop promptly mid-call.
#include "memory/summary_worker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "memory_fakes.h"
#include "test_support.h"

namespace mcp_server::testing {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

SummaryWorkerOptions FastRetries() { return {"gpt-4.1-mini", milliseconds(20), milliseconds(200)}; }

std::size_t MemoryCount(const MemoryStore& store) {
  return store.Memories(std::nullopt).value_or(std::vector<StoredMemory>{}).size();
}

class SummaryWorkerTest : public ::testing::Test {
 protected:
  bool WaitForMemories(std::size_t count) {
    return PollUntil([&] { return MemoryCount(store_) >= count; });  // poll
  }

  TempDir dir_;
  MemoryStore store_{dir_.path()};
  FakeSummariser summariser_;
  FakeEmbedder embedder_;
};

TEST_F(SummaryWorkerTest, SummarisesAQueuedTurnAndStoresItWithItsEmbedding) {
  SummaryWorker worker(store_, summariser_.Function(), embedder_, FastRetries());
  worker.Start();
  ASSERT_EQ(store_.Enqueue(SampleTurn(), UnixMillisNow()), std::nullopt);
  worker.Wake();
  ASSERT_TRUE(WaitForMemories(1));

  const auto memory = store_.Memories(std::nullopt)->at(0);
  EXPECT_EQ(memory.session_id, "session-1");
  EXPECT_EQ(memory.provider, "openai");
  EXPECT_EQ(memory.model, "o3");
  EXPECT_THAT(memory.summary, HasSubstr("ZEBRA-FLUX-42"));
  EXPECT_EQ(memory.embedding, FakeProviders::HashEmbedding(memory.summary));
  EXPECT_EQ(store_.Stats().depth, 0);

  const auto calls = summariser_.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].system, SummaryWorker::SystemPrompt());
  EXPECT_THAT(calls[0].user, HasSubstr("session-1"));
  EXPECT_THAT(calls[0].user, HasSubstr("Which port does ZEBRA-FLUX-42 use?"));
  EXPECT_THAT(calls[0].user, HasSubstr("ZEBRA-FLUX-42 listens on port 7311."));
}

TEST_F(SummaryWorkerTest, PicksUpJobsQueuedBeforeItStarted) {
  ASSERT_EQ(store_.Enqueue(SampleTurn("early"), UnixMillisNow()), std::nullopt);
  SummaryWorker worker(store_, summariser_.Function(), embedder_, FastRetries());
  worker.Start();
  ASSERT_TRUE(WaitForMemories(1));
  EXPECT_EQ(store_.Memories(std::nullopt)->at(0).session_id, "early");
}

TEST_F(SummaryWorkerTest, RetriesWithGrowingBackoffAfterSummariserFailuresAndLandsOnce) {
  summariser_.FailNext(2);
  ASSERT_EQ(store_.Enqueue(SampleTurn(), UnixMillisNow()), std::nullopt);
  SummaryWorker worker(store_, summariser_.Function(), embedder_, FastRetries());
  worker.Start();
  ASSERT_TRUE(WaitForMemories(1));
  worker.Stop();

  const auto calls = summariser_.calls();
  ASSERT_EQ(calls.size(), 3u);
  // Next-attempt times are whole unix milliseconds: allow 2 ms of rounding.
  EXPECT_GE(calls[1].at - calls[0].at, milliseconds(18)) << "first backoff: the base";
  EXPECT_GE(calls[2].at - calls[1].at, milliseconds(38)) << "second backoff: doubled";
  EXPECT_EQ(MemoryCount(store_), 1u);
  EXPECT_EQ(store_.Stats().depth, 0);
}

TEST_F(SummaryWorkerTest, RetriesAfterAnEmbeddingsFailureWithoutLosingTheJob) {
  embedder_.FailNext(1);
  ASSERT_EQ(store_.Enqueue(SampleTurn(), UnixMillisNow()), std::nullopt);
  SummaryWorker worker(store_, summariser_.Function(), embedder_, FastRetries());
  worker.Start();
  ASSERT_TRUE(WaitForMemories(1));
  worker.Stop();
  EXPECT_EQ(embedder_.calls(), 2);
  EXPECT_EQ(summariser_.calls().size(), 2u) << "the whole job is retried";
  EXPECT_EQ(MemoryCount(store_), 1u);
}

TEST_F(SummaryWorkerTest, PersistsTheFailedAttemptAndTheNextAttemptTime) {
  summariser_.FailNext(1);
  ASSERT_EQ(store_.Enqueue(SampleTurn(), UnixMillisNow()), std::nullopt);
  const auto before = UnixMillisNow();
  SummaryWorker worker(store_, summariser_.Function(), embedder_,
                       {"gpt-4.1-mini", std::chrono::hours(1), std::chrono::hours(2)});
  worker.Start();
  const auto an_hour_later = before + 3'600'000;
  ASSERT_TRUE(PollUntil([&] {  // poll
    const auto due = store_.NextDueAtMs();
    return due && *due >= an_hour_later;
  }));
  worker.Stop();

  MemoryStore reopened(dir_.path());
  EXPECT_FALSE(reopened.ClaimNextDue(UnixMillisNow())) << "not due before its backoff";
  const auto job = reopened.ClaimNextDue(UnixMillisNow() + 7'200'000);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->failed_attempts, 1);
}

TEST_F(SummaryWorkerTest, SurvivesASummariserThatThrows) {
  summariser_.ThrowNext(1);
  ASSERT_EQ(store_.Enqueue(SampleTurn(), UnixMillisNow()), std::nullopt);
  SummaryWorker worker(store_, summariser_.Function(), embedder_, FastRetries());
  worker.Start();
  ASSERT_TRUE(WaitForMemories(1));
  EXPECT_EQ(summariser_.calls().size(), 2u);
}

TEST_F(SummaryWorkerTest, StopAbortsTheCallInFlightWithinASecondAndLeavesTheJobPending) {
  summariser_.HangUntilAborted();
  ASSERT_EQ(store_.Enqueue(SampleTurn(), UnixMillisNow()), std::nullopt);
  SummaryWorker worker(store_, summariser_.Function(), embedder_, FastRetries());
  worker.Start();
  ASSERT_TRUE(PollUntil([&] { return summariser_.InCall(); }));  // poll

  const auto start = std::chrono::steady_clock::now();
  worker.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));

  EXPECT_EQ(MemoryCount(store_), 0u);
  const auto job = store_.ClaimNextDue(UnixMillisNow());
  ASSERT_TRUE(job) << "given back, due at once";
  EXPECT_EQ(job->failed_attempts, 0) << "a shutdown is not a failure";
}

TEST_F(SummaryWorkerTest, ResumesAJobClaimedByAWorkerThatDiedExactlyOnce) {
  ASSERT_EQ(store_.Enqueue(SampleTurn(), UnixMillisNow()), std::nullopt);
  // The "dead" worker: it claimed the job and was killed before landing it.
  const auto abandoned = store_.ClaimNextDue(UnixMillisNow());
  ASSERT_TRUE(abandoned);

  MemoryStore restarted_store(dir_.path());
  SummaryWorker restarted(restarted_store, summariser_.Function(), embedder_, FastRetries());
  restarted.Start();
  ASSERT_TRUE(WaitForMemories(1));
  restarted.Stop();

  // The dead worker comes back and tries to land its copy: fenced off.
  const MemoryRecord late{"late copy", FakeProviders::HashEmbedding("late copy"), "m", "e"};
  EXPECT_TRUE(store_.Complete(*abandoned, late, UnixMillisNow()));
  EXPECT_EQ(MemoryCount(store_), 1u);
  EXPECT_EQ(summariser_.calls().size(), 1u);
  EXPECT_EQ(store_.Stats().depth, 0);
}

TEST(SummaryWorkerBackoff, DoublesFromTheBaseUpToTheCap) {
  const milliseconds base(100), cap(1000);
  EXPECT_EQ(SummaryWorker::BackoffAfter(1, base, cap), milliseconds(100));
  EXPECT_EQ(SummaryWorker::BackoffAfter(2, base, cap), milliseconds(200));
  EXPECT_EQ(SummaryWorker::BackoffAfter(4, base, cap), milliseconds(800));
  EXPECT_EQ(SummaryWorker::BackoffAfter(5, base, cap), milliseconds(1000));
  EXPECT_EQ(SummaryWorker::BackoffAfter(500, base, cap), milliseconds(1000));
}

}  // namespace
}  // namespace mcp_server::testing
