// Scenario 5 of the plan — cross-model continuity: a conversation begun with
// o3 is continued by Gemini and by GPT-4.1, each receiving the earlier turns in
// its own provider's format, and a fact stored with one model is found by
// another through the project memory. Through the real Claude Code CLI, in
// this test's own stack (so nothing another test stored can be seen).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "e2e/stack_test.h"
#include "e2e/wait.h"
#include "scenario_support.h"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;
using namespace std::chrono_literals;

class CrossModel : public e2e::StackTest {
 protected:
  std::vector<e2e::LiveProvider> Providers() const override {
    return {e2e::LiveProvider::kAnthropic, e2e::LiveProvider::kOpenAi, e2e::LiveProvider::kGemini};
  }
};

// The text of a Gemini content ({"role", "parts": [{"text"}...]}).
std::string PartsText(const nlohmann::json& content) {
  std::string text;
  for (const auto& part : content.value("parts", nlohmann::json::array())) {
    text += part.value("text", "");
  }
  return text;
}

TEST_F(CrossModel, GeminiAndGpt41ContinueAnO3SessionEachInItsOwnFormat) {
  const e2e::ClaudeResult run = claude().Run(
      R"(call chat_with_o3 with {"instructions":"The vault code is XM-ORCHID-5","session_id":"xm-1"} )"
      R"(call chat_with_gemini25_pro with {"instructions":"Which vault code did I give you?","session_id":"xm-1"} )"
      R"(call chat_with_gpt41 with {"instructions":"Summarise our talk so far","session_id":"xm-1"})");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  ASSERT_THAT(run.CallsOf("chat_with_o3"), SizeIs(1)) << run.transcript;
  const auto gemini_calls = run.CallsOf("chat_with_gemini25_pro");
  ASSERT_THAT(gemini_calls, SizeIs(1)) << run.transcript;
  const auto gpt_calls = run.CallsOf("chat_with_gpt41");
  ASSERT_THAT(gpt_calls, SizeIs(1)) << run.transcript;
  for (const auto& call : run.tool_calls)
    EXPECT_FALSE(call.is_error) << call.name << ": " << call.result;

  // Gemini received the o3 turn as Gemini contents: user, model, then the question.
  const auto gemini = stub().Requests("gemini");
  ASSERT_THAT(gemini, SizeIs(1));
  EXPECT_EQ(gemini[0].model, "gemini-2.5-pro");
  EXPECT_THAT(gemini[0].path, HasSubstr("gemini-2.5-pro:generateContent"));
  const nlohmann::json& contents = gemini[0].body["contents"];
  ASSERT_TRUE(contents.is_array()) << gemini[0].body.dump();
  ASSERT_EQ(contents.size(), 3U) << contents.dump();
  EXPECT_EQ(contents[0].value("role", ""), "user");
  EXPECT_THAT(PartsText(contents[0]), HasSubstr("XM-ORCHID-5"));
  EXPECT_EQ(contents[1].value("role", ""), "model");
  EXPECT_FALSE(PartsText(contents[1]).empty());
  EXPECT_EQ(contents[2].value("role", ""), "user");
  EXPECT_THAT(PartsText(contents[2]), HasSubstr("Which vault code"));
  // ...and its answer reports the marker.
  EXPECT_THAT(gemini_calls[0].result, HasSubstr("XM-ORCHID-5"));

  // GPT-4.1 (Chat Completions) saw both earlier turns as messages.
  const auto chat = stub().Requests("openai", scenario::kChatCompletionsPath);
  const auto gpt41 = scenario::OfModel(chat, "gpt-4.1");
  ASSERT_THAT(gpt41, SizeIs(1));
  const nlohmann::json& messages = gpt41[0].body["messages"];
  ASSERT_TRUE(messages.is_array()) << gpt41[0].body.dump();
  std::string roles;
  for (const auto& message : messages) {
    if (message.value("role", "") != "system") roles += message.value("role", "") + " ";
  }
  EXPECT_EQ(roles, "user assistant user assistant user ") << messages.dump();
  EXPECT_THAT(messages.dump(), HasSubstr("XM-ORCHID-5"));
  EXPECT_THAT(messages.dump(), HasSubstr("Which vault code"));
}

TEST_F(CrossModel, GeminiInANewSessionFindsWhatO3StoredThroughProjectHistory) {
  const e2e::ClaudeResult store = claude().Run(
      R"(call chat_with_o3 with {"instructions":"Our supplier is XM-LOTUS-88","session_id":"xm-1"})");
  ASSERT_EQ(store.exit_code, 0) << store.stderr_text;
  ASSERT_THAT(store.CallsOf("chat_with_o3"), SizeIs(1)) << store.transcript;
  ASSERT_TRUE(e2e::Eventually("the project memory to summarise xm-1",
                              scenario::ProjectMemoryIdle(stack()), 30s));

  const e2e::ClaudeResult recall = claude().Run(
      R"(call search_project_history with {"query":"supplier XM-LOTUS-88"} )"
      R"(call chat_with_gemini25_flash with {"instructions":"Who is our supplier?","session_id":"xm-2"})");
  ASSERT_EQ(recall.exit_code, 0) << recall.stderr_text;
  const auto searches = recall.CallsOf("search_project_history");
  ASSERT_THAT(searches, SizeIs(1)) << recall.transcript;
  const auto hits = scenario::ResultsOf(searches[0].result);
  ASSERT_FALSE(hits.empty()) << searches[0].result;
  EXPECT_EQ(hits[0].value("session_id", ""), "xm-1");
  EXPECT_EQ(hits[0].value("model", ""), "o3");
  EXPECT_THAT(hits[0].value("summary", ""), HasSubstr("XM-LOTUS-88"));

  // The new Gemini session starts empty: xm-1's turns are not replayed into it.
  const auto gemini = stub().Requests("gemini");
  ASSERT_THAT(gemini, SizeIs(1));
  EXPECT_EQ(gemini[0].model, "gemini-2.5-flash");
  EXPECT_THAT(gemini[0].body["contents"], SizeIs(1));
  EXPECT_THAT(gemini[0].body.dump(), Not(HasSubstr("XM-LOTUS-88")));
}

TEST_F(CrossModel, NothingAnotherTestStoredIsVisible) {
  // Other tests store XM-ORCHID-5 and XM-LOTUS-88 in session xm-1 of their
  // own stacks; this stack's memory and sessions are its own.
  const e2e::ClaudeResult run = claude().Run(
      R"(call search_project_history with {"query":"XM-ORCHID-5 XM-LOTUS-88 vault supplier"} )"
      R"(call chat_with_gemini25_pro with {"instructions":"What do you know?","session_id":"xm-1"})");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  const auto searches = run.CallsOf("search_project_history");
  ASSERT_THAT(searches, SizeIs(1)) << run.transcript;
  EXPECT_THAT(scenario::ResultsOf(searches[0].result), SizeIs(0)) << searches[0].result;
  const auto gemini = stub().Requests("gemini");
  ASSERT_THAT(gemini, SizeIs(1));
  EXPECT_THAT(gemini[0].body["contents"], SizeIs(1)) << gemini[0].body.dump();
}

}  // namespace
