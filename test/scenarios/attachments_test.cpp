// Scenario 3 of the plan — attachment search: documents given as
// `attachments` are chunked, embedded through the provider's embeddings
// endpoint and kept in a vector store of the session's own; the model is sent
// only the passages relevant to the instructions, and
// `search_session_attachments` finds them again. Through the real Claude Code
// CLI, with fixtures/attachments/docs copied into this test's /workspace.
//
// Assertions are about behaviour: what reached the provider (the stub's
// journal), which file and lines a search returns, what is refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/stack_test.h"
#include "scenario_support.h"

namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// fixtures/attachments/docs: each document's marker, and where the Orion
// reactor's coolant temperature limit is written.
constexpr const char* kOrionMarker = "ATT-ORION-5521";
constexpr const char* kUnrelatedMarkers[] = {"ATT-BAKERY-1180", "ATT-TIDES-7734", "ATT-CHESS-3092"};
constexpr const char* kOrionFile = "/workspace/docs/orion_reactor.md";
constexpr int kCoolantLimitLine = 18;

class Attachments : public scenario::ScenarioTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;            // e.g. live mode without a key
    workspace().Copy(e2e::FixturePath("attachments/docs"));  // -> /workspace/docs
  }

  e2e::ToolCall Call(const std::string& tool, const nlohmann::json& arguments) {
    return scenario::CallOnce(claude(), tool, arguments);
  }

  e2e::ToolCall AttachDocs(const std::string& session, const std::string& instructions) {
    return Call("chat_with_o3", {{"instructions", instructions},
                                 {"session_id", session},
                                 {"attachments", {"/workspace/docs"}}});
  }

  // The texts the stub was asked to embed in journal entries after `after`
  // and before `before` (sequence numbers), one per input. The project
  // memory embeds summaries too, but only after a chat call has answered, so
  // what came before a call's request to the model was that call's own work.
  std::vector<std::string> EmbeddedTexts(int64_t after, int64_t before) {
    std::vector<std::string> texts;
    for (const auto& request : stub().Requests("openai", scenario::kEmbeddingsPath)) {
      if (request.seq <= after || request.seq >= before) continue;
      const nlohmann::json input = request.body.value("input", nlohmann::json());
      if (input.is_string()) texts.push_back(input.get<std::string>());
      if (input.is_array()) {
        for (const auto& text : input) {
          if (text.is_string()) texts.push_back(text.get<std::string>());
        }
      }
    }
    return texts;
  }

  // The sequence numbers of the requests to o3, in order.
  std::vector<int64_t> ModelRequestSeqs() {
    std::vector<int64_t> seqs;
    for (const auto& request : stub().Requests("openai", "/v1/responses")) {
      seqs.push_back(request.seq);
    }
    return seqs;
  }
};

TEST_F(Attachments, OnlyThePassageRelevantToTheInstructionsReachesTheModel) {
  const e2e::ToolCall chat =
      AttachDocs("att-1", "How are the Orion reactor coolant checks signed in the logbook?");
  ASSERT_FALSE(chat.is_error) << chat.result;

  // Every document was chunked and embedded, each marker in some chunk.
  const auto seqs = ModelRequestSeqs();
  ASSERT_THAT(seqs, SizeIs(1));
  const std::string embedded = nlohmann::json(EmbeddedTexts(0, seqs[0])).dump();
  EXPECT_THAT(embedded, HasSubstr(kOrionMarker));
  for (const char* marker : kUnrelatedMarkers) EXPECT_THAT(embedded, HasSubstr(marker));

  // The model got the relevant document's passage, and no other document's.
  const auto requests = stub().Requests("openai", "/v1/responses");
  ASSERT_THAT(requests, SizeIs(1));
  const std::string sent = requests[0].body.dump();
  EXPECT_THAT(sent, HasSubstr(kOrionMarker));
  EXPECT_THAT(sent, HasSubstr(kOrionFile));  // passages are labelled with their file
  for (const char* marker : kUnrelatedMarkers) EXPECT_THAT(sent, Not(HasSubstr(marker)));

  // The tool reports what it indexed.
  const nlohmann::json report = scenario::ToolReport(chat);
  EXPECT_THAT(report["attachments"]["indexed"].dump(), HasSubstr(kOrionFile)) << report.dump();
}

TEST_F(Attachments, SearchFindsTheRightFileAndLinesAndNothingForAnUnrelatedQuery) {
  ASSERT_FALSE(AttachDocs("att-2", "Summarise these documents.").is_error);

  // Shares words with the coolant paragraph, but not its marker.
  const e2e::ToolCall search =
      Call("search_session_attachments",
           {{"session_id", "att-2"}, {"query", "heavy water coolant temperature at the outlet"}});
  ASSERT_FALSE(search.is_error) << search.result;
  const auto hits = scenario::ResultsOf(search.result);
  ASSERT_THAT(hits, Not(IsEmpty())) << search.result;
  EXPECT_EQ(hits[0].value("file", ""), kOrionFile) << search.result;
  EXPECT_LE(hits[0].value("line_start", 0), kCoolantLimitLine) << search.result;
  EXPECT_GE(hits[0].value("line_end", 0), kCoolantLimitLine) << search.result;
  EXPECT_GT(hits[0].value("score", 0.0), 0.0);
  EXPECT_THAT(hits[0].value("text", ""), HasSubstr("58 degrees"));

  const e2e::ToolCall nothing = Call("search_session_attachments",
                                     {{"session_id", "att-2"}, {"query", "zeppelin xylophone"}});
  ASSERT_FALSE(nothing.is_error) << nothing.result;
  EXPECT_THAT(scenario::ResultsOf(nothing.result), IsEmpty()) << nothing.result;
}

TEST_F(Attachments, AnotherSessionCannotSeeTheStoreAndUnchangedFilesAreNotEmbeddedAgain) {
  ASSERT_FALSE(AttachDocs("att-3", "What is the coolant of the Orion reactor?").is_error);

  const e2e::ToolCall other =
      Call("search_session_attachments",
           {{"session_id", "att-other"}, {"query", "Orion reactor coolant"}});
  ASSERT_FALSE(other.is_error) << other.result;
  EXPECT_THAT(scenario::ResultsOf(other.result), IsEmpty()) << other.result;

  // Attaching the same, unchanged files again embeds none of their chunks again.
  const e2e::ToolCall again = AttachDocs("att-3", "And when are its coolant pumps inspected?");
  ASSERT_FALSE(again.is_error) << again.result;
  const auto seqs = ModelRequestSeqs();
  ASSERT_THAT(seqs, SizeIs(2));
  const auto first_chunks = EmbeddedTexts(0, seqs[0]);
  ASSERT_THAT(first_chunks, Not(IsEmpty()));
  for (const std::string& text : EmbeddedTexts(seqs[0], seqs[1])) {
    EXPECT_THAT(first_chunks, Not(Contains(text))) << "embedded again: " << text;
  }
  const nlohmann::json report = scenario::ToolReport(again);
  EXPECT_THAT(report["attachments"].value("indexed", nlohmann::json::array()), IsEmpty())
      << report.dump();
  EXPECT_THAT(report["attachments"]["unchanged"].dump(), HasSubstr(kOrionFile)) << report.dump();
}

TEST_F(Attachments, PathsOutsideTheWorkspaceAreRefusedAndTheServerKeepsServing) {
  workspace().Symlink("docs/passwd-link", "/etc/passwd");
  for (const std::string path :
       {"/etc/passwd", "/workspace/../etc/passwd", "/workspace/docs/passwd-link"}) {
    SCOPED_TRACE(path);
    const e2e::ToolCall refused =
        Call("chat_with_o3",
             {{"instructions", "Read this"}, {"session_id", "att-4"}, {"attachments", {path}}});
    EXPECT_TRUE(refused.is_error) << refused.result;
    EXPECT_THAT(refused.result, HasSubstr("attachments"));
    EXPECT_THAT(refused.result, HasSubstr("outside the allowed roots"));
  }
  EXPECT_THAT(stub().Requests("openai", "/v1/responses"), IsEmpty());
  EXPECT_THAT(EmbeddedTexts(0, INT64_MAX), Each(Not(HasSubstr("root:"))));

  const e2e::ToolCall fine =
      Call("chat_with_o3", {{"instructions", "Repeat ATT-OK-1"}, {"session_id", "att-4"}});
  EXPECT_FALSE(fine.is_error) << fine.result;
}

}  // namespace
