// ChatTool driven directly (no HTTP): session expiry, the turn listener, and
// per-session serialisation against a slow fake provider.

#include "tools/chat_tool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <thread>

#include "providers/chat_completions_provider.h"
#include "providers/gemini_provider.h"
#include "providers/responses_provider.h"
#include "test_support.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using ::testing::HasSubstr;

class RecordingListener : public TurnListener {
 public:
  void OnTurn(const CompletedTurn& turn) override {
    std::lock_guard lock(mu_);
    turns_.push_back(turn);
  }
  std::vector<CompletedTurn> turns() const {
    std::lock_guard lock(mu_);
    return turns_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<CompletedTurn> turns_;
};

ChatToolSpec SpecNamed(const std::string& tool) {
  for (auto& spec : BuiltInChatToolSpecs()) {
    if (spec.info.tool == tool) return spec;
  }
  throw std::runtime_error("no spec " + tool);
}

class ChatToolTest : public ::testing::Test {
 protected:
  ChatToolTest() : store_(dir_.path() / "db"), files_({{dir_.path()}, 1024}) {}

  std::unique_ptr<ChatTool> Tool(const std::string& name,
                                 std::chrono::seconds ttl = std::chrono::seconds(3600)) {
    ProviderSettings openai{fake_.base_url(),
                            "sk-test-key",
                            milliseconds(2000),
                            milliseconds(10000),
                            {3, milliseconds(20), milliseconds(100)}};
    const auto spec = SpecNamed(name);
    std::shared_ptr<const ChatProvider> provider;
    if (spec.api == ChatApi::kOpenAiResponses)
      provider = std::make_shared<ResponsesProvider>(openai);
    if (spec.api == ChatApi::kOpenAiChatCompletions) {
      provider = std::make_shared<ChatCompletionsProvider>(openai);
    }
    if (spec.api == ChatApi::kGemini) {
      auto gemini = openai;
      gemini.base_url = fake_.gemini_base_url();
      provider = std::make_shared<GeminiProvider>(GeminiSettings{gemini, "", ""});
    }
    return std::make_unique<ChatTool>(spec, provider,
                                      ChatEnvironment{store_, locks_, files_, ttl, &listener_});
  }

  static std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

  TempDir dir_;
  FakeProviders fake_;
  ConversationStore store_;
  SessionLocks locks_;
  WorkspaceFiles files_;
  RecordingListener listener_;
};

TEST_F(ChatToolTest, SessionOlderThanTheTtlStartsAfreshAndItsTurnsAreDeleted) {
  ASSERT_EQ(store_.Append("old", {{"user", "STALE-1", "openai", "o3", Now() - 7200},
                                  {"assistant", "a", "openai", "o3", Now() - 7200}}),
            std::nullopt);
  const auto result = Tool("chat_with_o3", std::chrono::seconds(3600))
                          ->Call({{"instructions", "hello"}, {"session_id", "old"}});
  ASSERT_FALSE(result.is_error) << result.text;
  EXPECT_EQ(fake_.requests().at(0).body["input"].size(), 1u) << "expired history is not replayed";
  const auto history = store_.History("old");
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->size(), 2u) << "only the new turn remains";
  EXPECT_EQ(history->front().content, "hello");
}

TEST_F(ChatToolTest, SessionWithinTheTtlIsReplayed) {
  ASSERT_EQ(store_.Append("recent", {{"user", "q", "openai", "o3", Now() - 60},
                                     {"assistant", "a", "openai", "o3", Now() - 60}}),
            std::nullopt);
  ASSERT_FALSE(Tool("chat_with_o3", std::chrono::seconds(3600))
                   ->Call({{"instructions", "again"}, {"session_id", "recent"}})
                   .is_error);
  EXPECT_EQ(fake_.requests().at(0).body["input"].size(), 3u);
}

TEST_F(ChatToolTest, ListenerHearsEverySuccessfulTurnWithoutInlinedFiles) {
  std::ofstream(dir_.path() / "notes.txt") << "FILE-CONTENT";
  fake_.Script({200, FakeProviders::ChatCompletionWithText("the answer"), {}});
  ASSERT_FALSE(Tool("chat_with_gpt41")
                   ->Call({{"instructions", "summarise"},
                           {"session_id", "s"},
                           {"context", {(dir_.path() / "notes.txt").string()}}})
                   .is_error);
  fake_.Script({500, R"({"error":{"message":"down"}})", {}});
  fake_.Script({500, R"({"error":{"message":"down"}})", {}});
  fake_.Script({500, R"({"error":{"message":"down"}})", {}});
  EXPECT_TRUE(Tool("chat_with_gpt41")->Call({{"instructions", "x"}, {"session_id", "s"}}).is_error);

  const auto turns = listener_.turns();
  ASSERT_EQ(turns.size(), 1u) << "a failed call is not a turn";
  EXPECT_EQ(turns[0].session_id, "s");
  EXPECT_EQ(turns[0].tool, "chat_with_gpt41");
  EXPECT_EQ(turns[0].provider, "openai");
  EXPECT_EQ(turns[0].model, "gpt-4.1");
  EXPECT_EQ(turns[0].user_text, "summarise");
  EXPECT_EQ(turns[0].assistant_text, "the answer");
  EXPECT_GT(turns[0].created_at_unix, 0);
}

TEST_F(ChatToolTest, NullListenerIsAllowed) {
  const auto spec = SpecNamed("chat_with_gpt41");
  ChatTool tool(spec,
                std::make_shared<ChatCompletionsProvider>(ProviderSettings{fake_.base_url(), "k"}),
                ChatEnvironment{store_, locks_, files_, std::chrono::seconds(60), nullptr});
  EXPECT_FALSE(tool.Call({{"instructions", "hi"}, {"session_id", "s"}}).is_error);
}

// Runs two calls at once on separate threads; returns their provider requests
// ordered by arrival.
std::vector<CapturedRequest> RunTwoAtOnce(ChatTool& first, const std::string& first_session,
                                          ChatTool& second, const std::string& second_session,
                                          FakeProviders& fake) {
  std::thread a([&] { first.Call({{"instructions", "one"}, {"session_id", first_session}}); });
  // poll: start the second call only once the first is at the provider.
  EXPECT_TRUE(PollUntil([&] { return fake.requests().size() == 1u; }));
  std::thread b([&] { second.Call({{"instructions", "two"}, {"session_id", second_session}}); });
  a.join();
  b.join();
  return fake.requests();
}

TEST_F(ChatToolTest, CallsOnOneSessionAreSerialisedEvenAcrossProviders) {
  fake_.SetDefaultDelay(milliseconds(1000));
  auto o3 = Tool("chat_with_o3");
  auto gemini = Tool("chat_with_gemini25_flash");
  const auto requests = RunTwoAtOnce(*o3, "shared", *gemini, "shared", fake_);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_GE(requests[1].at, requests[0].answered_at)
      << "the second call reached the provider before the first was answered";
  // The second call saw the first's turn: user, model, then its own question.
  EXPECT_EQ(requests[1].body["contents"].size(), 3u) << requests[1].body.dump();
  EXPECT_EQ(locks_.ActiveSessions(), 0u) << "session lock entries are released";
}

TEST_F(ChatToolTest, CallsOnDifferentSessionsRunConcurrently) {
  fake_.SetDefaultDelay(milliseconds(1000));
  auto o3 = Tool("chat_with_o3");
  const auto requests = RunTwoAtOnce(*o3, "left", *o3, "right", fake_);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_LT(requests[1].at, requests[0].answered_at) << "the second session waited for the first";
  EXPECT_EQ(locks_.ActiveSessions(), 0u);
}

TEST_F(ChatToolTest, StructuredAnswerIsValidatedAgainstTheSchema) {
  const json schema = {{"type", "object"},
                       {"properties", {{"count", {{"type", "integer"}}}}},
                       {"required", {"count"}}};
  fake_.Script({200, FakeProviders::GeminiWithText("```json\n{\"count\": 3}\n```"), {}});
  const auto ok = Tool("chat_with_gemini25_pro")
                      ->Call({{"instructions", "count"},
                              {"session_id", "a"},
                              {"structured_output_schema", schema}});
  ASSERT_FALSE(ok.is_error) << ok.text;
  EXPECT_EQ(json::parse(ok.text), json({{"count", 3}}));

  fake_.Script({200, FakeProviders::GeminiWithText(R"({"count": "three"})"), {}});
  const auto wrong = Tool("chat_with_gemini25_pro")
                         ->Call({{"instructions", "count"},
                                 {"session_id", "b"},
                                 {"structured_output_schema", schema}});
  EXPECT_TRUE(wrong.is_error);
  EXPECT_THAT(wrong.text, HasSubstr("'$.count' must be of type integer"));

  fake_.Script({200, FakeProviders::GeminiWithText("three, I think"), {}});
  const auto prose = Tool("chat_with_gemini25_pro")
                         ->Call({{"instructions", "count"},
                                 {"session_id", "c"},
                                 {"structured_output_schema", schema}});
  EXPECT_TRUE(prose.is_error);
  EXPECT_THAT(prose.text, HasSubstr("not valid JSON"));
  EXPECT_EQ(listener_.turns().size(), 1u) << "invalid answers are not turns";
}

TEST_F(ChatToolTest, SummariserCallSendsOneSystemAndOneUserMessage) {
  const ChatCompletionsProvider provider(ProviderSettings{fake_.base_url(), "sk-test-key"});
  fake_.Script({200, FakeProviders::ChatCompletionWithText("summary"), {}});
  const auto reply = provider.Complete("gpt-4.1-mini", "Summarise.", "the exchange");
  ASSERT_TRUE(reply.ok) << reply.error;
  EXPECT_EQ(reply.text, "summary");
  const json body = fake_.requests().at(0).body;
  EXPECT_EQ(body["model"], "gpt-4.1-mini");
  EXPECT_EQ(body["messages"], json::parse(R"([{"role":"system","content":"Summarise."},
                                              {"role":"user","content":"the exchange"}])"));
}

TEST_F(ChatToolTest, SummariserCallEndsAtOnceWhenAborted) {
  const ChatCompletionsProvider provider(ProviderSettings{fake_.base_url(), "sk-test-key"});
  fake_.Script({200, FakeProviders::ChatCompletionWithText("late"), {}, milliseconds(1500)});
  const auto start = std::chrono::steady_clock::now();
  const auto reply = provider.Complete("gpt-4.1-mini", "s", "u", [] { return true; });
  EXPECT_FALSE(reply.ok);
  EXPECT_THAT(reply.error, HasSubstr("aborted"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(1000));
}

}  // namespace
}  // namespace mcp_server::testing
