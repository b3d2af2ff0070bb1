// Scenario 4 of the plan — large-context fallback: `context` files beyond the
// model's inline budget are chunked, indexed and retrieved, so the request
// that reaches the provider stays under the budget and still carries the
// passage the instructions ask about. A context under the budget is inlined
// whole, without a single embeddings request. Through the real Claude Code
// CLI, with the generated corpus (fixtures/README.md) in this test's /workspace.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/stack_test.h"
#include "scenario_support.h"

namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr const char* kNeedle = "NEEDLE-KESTREL-9047";
constexpr const char* kNeedleFile = "/workspace/corpus/logbook_17.md";
// A generous characters-per-token bound for English prose (OpenAI's rule of
// thumb is ~4): the check stays independent of the server's own estimate.
constexpr std::size_t kCharactersPerToken = 4;

// Every character of every string in `json` (keys excluded): the text a
// request carries, without JSON escaping.
std::size_t TextCharacters(const nlohmann::json& json) {
  if (json.is_string()) return json.get_ref<const std::string&>().size();
  std::size_t total = 0;
  if (json.is_structured()) {
    for (const auto& item : json) total += TextCharacters(item);
  }
  return total;
}

class LargeContext : public scenario::ScenarioTest {
 protected:
  // The budget the server runs with, as the stack file sets it.
  std::size_t BudgetTokens() {
    const auto& environment = stack().spec().Find(scenario::kServer)->environment;
    const auto it = environment.find("MCP_INLINE_BUDGET_TOKENS");
    return it == environment.end() ? 12000 : std::stoul(it->second);
  }

  // The embeddings requests the stub received before journal entry `seq`.
  std::vector<e2e::StubRequest> EmbeddingsBefore(int64_t seq) {
    std::vector<e2e::StubRequest> before;
    for (auto& request : stub().Requests("openai", scenario::kEmbeddingsPath)) {
      if (request.seq < seq) before.push_back(std::move(request));
    }
    return before;
  }

  e2e::ToolCall ChatWithContext(const std::string& session, const std::string& instructions,
                                const std::string& path) {
    return scenario::CallOnce(
        claude(), "chat_with_o3",
        {{"instructions", instructions}, {"session_id", session}, {"context", {path}}});
  }
};

TEST_F(LargeContext, AnOversizedContextReachesTheModelUnderBudgetWithTheNeedle) {
  workspace().Copy(e2e::FixturePath("large_context/corpus"));  // -> /workspace/corpus
  const e2e::ToolCall chat = ChatWithContext(
      "lc-1", "What override phrase resets the emergency beacon of the Kestrel Point lighthouse?",
      "/workspace/corpus");
  ASSERT_FALSE(chat.is_error) << chat.result;

  const auto requests = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(requests, SizeIs(1));
  const std::size_t characters = TextCharacters(requests[0].body);
  EXPECT_LE(characters, BudgetTokens() * kCharactersPerToken)
      << "the request to the provider is over the inline budget of " << BudgetTokens() << " tokens";
  EXPECT_THAT(requests[0].body.dump(), HasSubstr(kNeedle));
  // The overflow went through the embeddings endpoint before the model was asked.
  EXPECT_THAT(EmbeddingsBefore(requests[0].seq), Not(IsEmpty()));

  const nlohmann::json report = scenario::ToolReport(chat);
  ASSERT_TRUE(report.contains("context")) << chat.result;
  EXPECT_THAT(report["context"]["retrieved"].dump(), HasSubstr(kNeedleFile)) << report.dump();
  EXPECT_THAT(report["context"].value("retrieved", nlohmann::json::array()), Not(IsEmpty()));
  EXPECT_EQ(report["context"]["inlined"].size() + report["context"]["retrieved"].size(), 24u)
      << "every corpus file is either inlined or retrieved: " << report.dump();
}

TEST_F(LargeContext, AContextUnderTheBudgetIsInlinedWholeWithoutEmbeddings) {
  workspace().Copy(e2e::FixturePath("attachments/docs"));  // -> /workspace/docs, ~1k tokens
  const e2e::ToolCall chat =
      ChatWithContext("lc-2", "Which codes appear in these documents?", "/workspace/docs");
  ASSERT_FALSE(chat.is_error) << chat.result;

  const auto requests = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(requests, SizeIs(1));
  const std::string sent = requests[0].body.dump();
  for (const char* marker :
       {"ATT-ORION-5521", "ATT-BAKERY-1180", "ATT-TIDES-7734", "ATT-CHESS-3092"}) {
    EXPECT_THAT(sent, HasSubstr(marker));
  }
  // (The project memory embeds a summary of the turn, but only after it.)
  EXPECT_THAT(EmbeddingsBefore(requests[0].seq), IsEmpty());

  const nlohmann::json report = scenario::ToolReport(chat);
  ASSERT_TRUE(report.contains("context")) << chat.result;
  EXPECT_THAT(report["context"]["inlined"], SizeIs(4)) << report.dump();
  EXPECT_THAT(report["context"].value("retrieved", nlohmann::json::array()), IsEmpty());
}

}  // namespace
