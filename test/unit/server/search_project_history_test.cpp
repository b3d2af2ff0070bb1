// search_project_history and the project memory through the real McpServer:
// a chat turn becomes a searchable memory, /healthz shows the queue, and a
// stop mid-summary keeps the job for the next start.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mcp_fixture.h"
#include "memory/memory_store.h"
#include "memory_fakes.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kTool = "search_project_history";

// Stores a finished memory directly, as the worker would have.
void SeedMemory(const std::filesystem::path& dir, const CompletedTurn& turn,
                const std::string& summary) {
  MemoryStore store(dir);
  ASSERT_EQ(store.Enqueue(turn, UnixMillisNow()), std::nullopt);
  const auto job = store.ClaimNextDue(UnixMillisNow());
  ASSERT_TRUE(job);
  const MemoryRecord record{summary, FakeProviders::HashEmbedding(summary), "gpt-4.1-mini",
                            "text-embedding-3-small"};
  ASSERT_EQ(store.Complete(*job, record, UnixMillisNow()), std::nullopt);
}

class ProjectMemory : public McpServerTest {
 protected:
  json Search(json arguments) {
    const json result = CallTool(kTool, std::move(arguments));
    EXPECT_FALSE(result.value("isError", true)) << Text(result);
    return json::parse(Text(result), nullptr, false);
  }

  json Health() {
    auto res = client_->Get("/healthz");
    EXPECT_TRUE(res);
    return res ? json::parse(res->body, nullptr, false) : json();
  }
};

TEST_F(ProjectMemory, ToolIsListedWithAClosedSchema) {
  StartAndInitialize();
  const json tools = Rpc("tools/list")["result"]["tools"];
  const auto tool =
      std::find_if(tools.begin(), tools.end(), [](const json& t) { return t["name"] == kTool; });
  ASSERT_NE(tool, tools.end());
  EXPECT_EQ((*tool)["inputSchema"]["additionalProperties"], false);
  EXPECT_EQ((*tool)["inputSchema"]["required"], json::array({"query"}));
}

TEST_F(ProjectMemory, InvalidArgumentsAreToolErrorsNamingTheParameter) {
  StartAndInitialize();
  // Messages come from schema_check; each must name the offending parameter.
  const std::vector<std::pair<json, std::string>> cases{
      {json::object(), "'query'"},
      {{{"query", ""}}, "'query'"},
      {{{"query", 7}}, "'query'"},
      {{{"query", "x"}, {"max_results", 0}}, "'max_results'"},
      {{{"query", "x"}, {"max_results", 51}}, "'max_results'"},
      {{{"query", "x"}, {"max_results", 2.5}}, "'max_results'"},
      {{{"query", "x"}, {"session_id", 3}}, "'session_id'"},
      {{{"query", "x"}, {"limit", 3}}, "'limit'"}};
  for (const auto& [arguments, message] : cases) {
    const json result = CallTool(kTool, arguments);
    EXPECT_TRUE(result.value("isError", false)) << arguments.dump();
    EXPECT_THAT(Text(result), HasSubstr(message)) << arguments.dump();
  }
  EXPECT_TRUE(fake_.memory_requests().empty()) << "invalid calls embed nothing";
}

TEST_F(ProjectMemory, AnUnknownSessionGivesAnEmptyResultNotAnError) {
  SeedMemory(dir_.path(), SampleTurn("known"), "ZEBRA-FLUX-42 listens on port 7311");
  StartAndInitialize();
  const json found = Search({{"query", "ZEBRA-FLUX-42 port"}, {"session_id", "no-such-session"}});
  EXPECT_EQ(found["results"], json::array());
  EXPECT_EQ(Search({{"query", "ZEBRA-FLUX-42 port"}, {"session_id", "known"}})["results"].size(),
            1u);
}

TEST_F(ProjectMemory, AChatTurnBecomesASearchableMemoryEndToEnd) {
  StartAndInitialize();
  const json chat = CallTool(
      "chat_with_o3",
      {{"instructions", "Which port does ZEBRA-FLUX-42 use?"}, {"session_id", "e2e-session"}});
  ASSERT_FALSE(chat.value("isError", true)) << Text(chat);

  json found;
  ASSERT_TRUE(PollUntil([&] {  // poll
    found = Search({{"query", "ZEBRA-FLUX-42"}, {"max_results", 3}});
    return !found["results"].empty();
  }));
  EXPECT_EQ(found["ranking"], "hybrid");
  ASSERT_EQ(found["results"].size(), 1u);
  const json& hit = found["results"][0];
  EXPECT_EQ(hit["session_id"], "e2e-session");
  EXPECT_EQ(hit["provider"], "openai");
  EXPECT_EQ(hit["model"], "o3");
  EXPECT_THAT(hit["summary"].get<std::string>(), HasSubstr("ZEBRA-FLUX-42"));
  EXPECT_GT(hit["score"].get<double>(), 0.0);
  EXPECT_THAT(hit["time"].get<std::string>(),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"));

  // What reached the summariser: the session, the question and the answer.
  const auto memory_requests = fake_.memory_requests();
  ASSERT_FALSE(memory_requests.empty());
  const json& summariser = memory_requests[0].body;
  EXPECT_EQ(memory_requests[0].path, "/v1/chat/completions");
  EXPECT_EQ(summariser["model"], "gpt-4.1-mini");
  const std::string prompt = summariser.dump();
  EXPECT_THAT(prompt, HasSubstr("e2e-session"));
  EXPECT_THAT(prompt, HasSubstr("Which port does ZEBRA-FLUX-42 use?"));
  EXPECT_THAT(prompt, HasSubstr(Text(chat)));
  EXPECT_EQ(Health()["queue_depth"], 0);
}

TEST_F(ProjectMemory, RanksTheMemoryThatSharesMeaningAndWordsFirst) {
  SeedMemory(dir_.path(), SampleTurn("db"), "We chose PostgreSQL for the billing database");
  SeedMemory(dir_.path(), SampleTurn("ui"), "The login page uses a blue button");
  StartAndInitialize();
  const json found = Search({{"query", "which database for billing"}});
  ASSERT_FALSE(found["results"].empty());
  EXPECT_EQ(found["results"][0]["session_id"], "db");
  EXPECT_EQ(found["results"][0]["time"], "2025-11-27T07:07:01Z");
}

TEST_F(ProjectMemory, FallsBackToFullTextOnlyWhenEmbeddingsFailAndSaysSo) {
  SeedMemory(dir_.path(), SampleTurn("s"), "ZEBRA-FLUX-42 listens on port 7311");
  StartAndInitialize();
  fake_.ScriptMemory("/v1/embeddings", {400, R"({"error":{"message":"no such model"}})", {}, {}});
  const json found = Search({{"query", "port of ZEBRA-FLUX-42"}});
  EXPECT_EQ(found["ranking"], "text_only");
  EXPECT_THAT(found["note"].get<std::string>(), HasSubstr("embeddings unavailable"));
  EXPECT_THAT(found["note"].get<std::string>(), HasSubstr("no such model"));
  ASSERT_EQ(found["results"].size(), 1u);
  EXPECT_EQ(found["results"][0]["session_id"], "s");
}

TEST_F(ProjectMemory, HealthzReportsQueueDepthAndTheOldestJobAge) {
  {
    // A job enqueued two minutes ago that backs off for an hour: it waits.
    MemoryStore store(dir_.path());
    const auto two_minutes_ago = UnixMillisNow() - 120'000;
    ASSERT_EQ(store.Enqueue(SampleTurn(), two_minutes_ago), std::nullopt);
    const auto job = store.ClaimNextDue(UnixMillisNow());
    ASSERT_TRUE(job);
    ASSERT_EQ(store.Reschedule(*job, UnixMillisNow() + 3'600'000, "provider down"), std::nullopt);
  }
  StartAndInitialize();
  const json health = Health();
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["queue_depth"], 1);
  EXPECT_GE(health["oldest_job_age_s"].get<int>(), 120);
  EXPECT_LT(health["oldest_job_age_s"].get<int>(), 180);
}

TEST_F(ProjectMemory, HealthzReportsNullAgeWhenTheQueueIsEmpty) {
  StartAndInitialize();
  const json health = Health();
  EXPECT_EQ(health["queue_depth"], 0);
  EXPECT_TRUE(health.contains("oldest_job_age_s"));
  EXPECT_TRUE(health["oldest_job_age_s"].is_null());
}

TEST_F(ProjectMemory, StoppingWithASummaryInFlightIsPromptAndTheJobLandsOnceAfterRestart) {
  // The summariser takes 2.5 s to answer; the server stops meanwhile.
  fake_.ScriptMemory("/v1/chat/completions", {200,
                                              FakeProviders::ChatCompletionWithText("late summary"),
                                              {},
                                              std::chrono::milliseconds(2500)});
  StartAndInitialize();
  server_->server().turn_listener().OnTurn(SampleTurn("interrupted"));
  ASSERT_TRUE(PollUntil([&] { return !fake_.memory_requests().empty(); }));  // poll

  const auto start = std::chrono::steady_clock::now();
  server_.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(MemoryStore(dir_.path()).Stats().depth, 1) << "the job waits for the next start";

  StartAndInitialize();
  json found;
  ASSERT_TRUE(PollUntil([&] {  // poll
    found = Search({{"query", "ZEBRA-FLUX-42"}, {"session_id", "interrupted"}});
    return !found["results"].empty();
  }));
  EXPECT_EQ(found["results"].size(), 1u);
  EXPECT_EQ(MemoryStore(dir_.path()).Memories(std::nullopt)->size(), 1u);
  EXPECT_EQ(Health()["queue_depth"], 0);
}

}  // namespace
}  // namespace mcp_server::testing
