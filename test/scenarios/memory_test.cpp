// Scenario 2 of the plan — memory lifecycle: a chat turn is summarised into
// the project memory in the background (the tool result never waits for it),
// survives a restart of the server, and is found again from another session.
// Everything goes through the real Claude Code CLI in this test's own stack.
//
// Assertions are about behaviour: which tools were called, what reached the
// provider (the stub's journal), which session a recalled memory names. The
// few that hold only for the stub's own wording are in the OfflineOnly* test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "e2e/stack_test.h"
#include "e2e/wait.h"
#include "scenario_support.h"

namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;
using namespace std::chrono_literals;

class Memory : public scenario::ScenarioTest {};

TEST_F(Memory, ChatAnswersBeforeItsSummaryExistsAndAnotherSessionRecallsIt) {
  // Hold the summariser's request for this exchange at the provider for a
  // while: the chat result must reach Claude Code while it is still pending.
  stub().AddRule(
      {{"match", {{"path", scenario::kChatCompletionsPath}, {"body_contains", "MEM-ALPHA-7431"}}},
       {"respond", {{"delay_ms", 5000}}},
       {"times", 1}});

  const e2e::ClaudeResult chat = claude().Run(
      R"(call chat_with_o3 with {"instructions":"Keep this for later: the launch code is MEM-ALPHA-7431","session_id":"mem-a"})");
  ASSERT_EQ(chat.exit_code, 0) << chat.stderr_text;
  const auto chat_calls = chat.CallsOf("chat_with_o3");
  ASSERT_THAT(chat_calls, SizeIs(1)) << chat.transcript;
  ASSERT_FALSE(chat_calls[0].is_error) << chat_calls[0].result;

  // The tool result is back while the summary job is still queued and its
  // request to the summariser has not been answered.
  const nlohmann::json health = scenario::ServerHealth(stack());
  EXPECT_EQ(health.value("queue_depth", -1), 1) << health.dump();
  for (const auto& request : stub().Requests("openai", scenario::kChatCompletionsPath)) {
    EXPECT_EQ(request.status, 0) << "the summary was answered before the chat result arrived";
  }

  ASSERT_TRUE(e2e::Eventually("the project memory to summarise mem-a",
                              scenario::ProjectMemoryIdle(stack()), 30s));

  // The summariser saw the exchange: the user's words and the model's answer.
  const auto summaries = stub().Requests("openai", scenario::kChatCompletionsPath);
  ASSERT_THAT(summaries, SizeIs(1));  // the held request was answered late, not retried
  const std::string summary_request = scenario::MessagesText(summaries[0].body);
  EXPECT_THAT(summary_request, HasSubstr("MEM-ALPHA-7431"));
  EXPECT_THAT(summary_request, HasSubstr("mem-a"));
  // The model's answer, verbatim: the result's first block (a second one
  // would be the tool's report on its files).
  ASSERT_FALSE(chat_calls[0].result_blocks.empty());
  EXPECT_THAT(summary_request, HasSubstr(chat_calls[0].result_blocks[0]));
  const auto o3_requests = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(o3_requests, SizeIs(1));

  // A new Claude Code session (no shared history) finds it in the project memory.
  const e2e::ClaudeResult recall =
      claude().Run(R"(call search_project_history with {"query":"launch code MEM-ALPHA-7431"})");
  ASSERT_EQ(recall.exit_code, 0) << recall.stderr_text;
  const auto searches = recall.CallsOf("search_project_history");
  ASSERT_THAT(searches, SizeIs(1)) << recall.transcript;
  ASSERT_FALSE(searches[0].is_error) << searches[0].result;
  const auto hits = scenario::ResultsOf(searches[0].result);
  ASSERT_FALSE(hits.empty()) << searches[0].result;
  EXPECT_EQ(hits[0].value("session_id", ""), "mem-a");
  EXPECT_EQ(hits[0].value("model", ""), "o3");
  EXPECT_THAT(hits[0].value("summary", ""), HasSubstr("MEM-ALPHA-7431"));
}

TEST_F(Memory, ASummaryInFlightSurvivesARestartOfTheServerAndLandsOnce) {
  // The first summariser request is held long enough for the restart to cut it off.
  stub().AddRule(
      {{"match", {{"path", scenario::kChatCompletionsPath}, {"body_contains", "MEM-BETA-2219"}}},
       {"respond", {{"delay_ms", 60000}}},
       {"times", 1}});
  const e2e::ClaudeResult chat = claude().Run(
      R"(call chat_with_o3 with {"instructions":"Note MEM-BETA-2219 for the release","session_id":"mem-b"})");
  ASSERT_EQ(chat.exit_code, 0) << chat.stderr_text;
  ASSERT_THAT(chat.CallsOf("chat_with_o3"), SizeIs(1)) << chat.transcript;

  ASSERT_TRUE(e2e::Eventually(
      "the summariser to receive the mem-b exchange",
      scenario::StubReceived(stub(), "openai", scenario::kChatCompletionsPath, "MEM-BETA-2219"),
      15s));
  const std::string container_before = stack().ContainerId("mcp-server");
  stack().Restart("mcp-server");
  EXPECT_EQ(stack().ContainerId("mcp-server"), container_before);

  ASSERT_TRUE(e2e::Eventually("the resumed summary job to complete",
                              scenario::ProjectMemoryIdle(stack()), 30s));
  // Asked twice (the first request died with the server), stored once.
  const auto summaries = stub().Requests("openai", scenario::kChatCompletionsPath);
  EXPECT_THAT(summaries, SizeIs(2));

  const e2e::ClaudeResult recall = claude().Run(
      R"(call search_project_history with {"query":"MEM-BETA-2219 release","max_results":10})");
  ASSERT_EQ(recall.exit_code, 0) << recall.stderr_text;
  const auto searches = recall.CallsOf("search_project_history");
  ASSERT_THAT(searches, SizeIs(1)) << recall.transcript;
  const auto hits = scenario::ResultsOf(searches[0].result);
  const auto mem_b = std::count_if(hits.begin(), hits.end(), [](const nlohmann::json& hit) {
    return hit.value("session_id", "") == "mem-b";
  });
  EXPECT_EQ(mem_b, 1) << searches[0].result;

  // The session itself is intact after the restart: a new turn replays it.
  const e2e::ClaudeResult again = claude().Run(
      R"(call chat_with_o3 with {"instructions":"What did I note?","session_id":"mem-b"})");
  ASSERT_EQ(again.exit_code, 0) << again.stderr_text;
  const auto o3 = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(o3, SizeIs(2));
  EXPECT_THAT(o3[1].body.dump(), HasSubstr("MEM-BETA-2219"));
}

TEST_F(Memory, ASecondCallInTheSessionCarriesTheFirstTurn) {
  const e2e::ClaudeResult run = claude().Run(
      R"(call chat_with_o3 with {"instructions":"Remember MEM-FIRST-11","session_id":"mem-c"} )"
      R"(call chat_with_o3 with {"instructions":"And now MEM-SECOND-22","session_id":"mem-c"})");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  const auto calls = run.CallsOf("chat_with_o3");
  ASSERT_THAT(calls, SizeIs(2)) << run.transcript;
  for (const auto& call : calls) EXPECT_FALSE(call.is_error) << call.result;

  const auto requests = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(requests, SizeIs(2));
  EXPECT_THAT(requests[0].body.dump(), Not(HasSubstr("MEM-SECOND-22")));
  const nlohmann::json& input = requests[1].body["input"];
  ASSERT_TRUE(input.is_array()) << requests[1].body.dump();
  // user (first turn), assistant (its answer), user (this turn).
  ASSERT_GE(input.size(), 3U) << input.dump();
  EXPECT_THAT(input[0].dump(), HasSubstr("MEM-FIRST-11"));
  EXPECT_EQ(input[1].value("role", ""), "assistant");
  EXPECT_THAT(input.back().dump(), HasSubstr("MEM-SECOND-22"));
}

TEST_F(Memory, AnUnknownSessionInASearchIsAnEmptyResultNotAnError) {
  const e2e::ClaudeResult run = claude().Run(
      R"(call search_project_history with {"query":"anything at all","session_id":"never-used"})");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  const auto searches = run.CallsOf("search_project_history");
  ASSERT_THAT(searches, SizeIs(1)) << run.transcript;
  EXPECT_FALSE(searches[0].is_error) << searches[0].result;
  EXPECT_THAT(scenario::ResultsOf(searches[0].result), SizeIs(0));
}

}  // namespace
