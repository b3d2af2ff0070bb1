// Chat tools with attachments and the large-context fallback, driven
// directly (no HTTP) against the fake providers and an in-process embedder:
// what reaches the provider (labels, budget, needle), the second content
// item, hash reuse, session memory of attachments, refusals.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "attachment_fakes.h"
#include "attachments/context_assembler.h"
#include "providers/chat_completions_provider.h"
#include "providers/gemini_provider.h"
#include "providers/responses_provider.h"
#include "test_support.h"
#include "tools/chat_tool.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr const char* kNeedle = "The ZEBRA-FLUX-42 relay listens on port 7311.";
constexpr const char* kQuestion = "Which port does the ZEBRA-FLUX-42 relay listen on?";

ChatToolSpec SpecNamed(const std::string& tool) {
  for (auto& spec : BuiltInChatToolSpecs()) {
    if (spec.info.tool == tool) return spec;
  }
  throw std::runtime_error("no spec " + tool);
}

// Deterministic filler prose: `lines` lines of words from a fixed list that
// never mention the needle's words.
std::string Filler(int lines, int seed) {
  static const std::vector<std::string> kWords{
      "alpha",  "meadow",  "granite", "lantern", "copper",  "harbor", "willow",  "ember",
      "quartz", "saffron", "tundra",  "violet",  "canyon",  "birch",  "cobalt",  "dune",
      "fennel", "glacier", "hazel",   "iris",    "juniper", "kelp",   "lotus",   "marble",
      "nutmeg", "orchid",  "pebble",  "quill",   "reef",    "sorrel", "thistle", "umber"};
  std::string text;
  unsigned state = static_cast<unsigned>(seed) * 2654435761U + 1;
  for (int line = 0; line < lines; ++line) {
    for (int word = 0; word < 9; ++word) {
      state = state * 1103515245U + 12345U;
      text += kWords[(state >> 16) % kWords.size()] + (word == 8 ? ".\n" : " ");
    }
  }
  return text;
}

class ChatAttachmentsTest : public ::testing::Test {
 protected:
  ChatAttachmentsTest()
      : store_(dir_.path() / "db"),
        files_({{dir_.path() / "root"}, 1024 * 1024}),
        attachment_store_(dir_.path() / "db"),
        index_(attachment_store_, embedder_, {{100, 20}, 16}) {
    std::filesystem::create_directories(dir_.path() / "root");
    UseBudget(12000);
  }

  void UseBudget(std::size_t tokens) {
    assembler_ = std::make_unique<ContextAssembler>(index_, AssemblyOptions{tokens, 4, 0.15});
  }

  std::unique_ptr<ChatTool> Tool(const std::string& name) {
    ProviderSettings settings{fake_.base_url(),
                              "sk-test-key",
                              milliseconds(2000),
                              milliseconds(10000),
                              {2, milliseconds(20), milliseconds(100)}};
    const auto spec = SpecNamed(name);
    std::shared_ptr<const ChatProvider> provider;
    if (spec.api == ChatApi::kOpenAiResponses) {
      provider = std::make_shared<ResponsesProvider>(settings);
    } else if (spec.api == ChatApi::kOpenAiChatCompletions) {
      provider = std::make_shared<ChatCompletionsProvider>(settings);
    } else {
      settings.base_url = fake_.gemini_base_url();
      provider = std::make_shared<GeminiProvider>(GeminiSettings{settings, "", ""});
    }
    return std::make_unique<ChatTool>(
        spec, provider,
        ChatEnvironment{store_, locks_, files_, std::chrono::seconds(3600), nullptr,
                        assembler_.get()});
  }

  std::string Write(const std::string& relative, const std::string& text) {
    const auto path = dir_.path() / "root" / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return std::filesystem::canonical(path).string();
  }

  ToolResult Call(const std::string& tool, json arguments) { return Tool(tool)->Call(arguments); }

  static json Report(const ToolResult& result) {
    EXPECT_THAT(result.more_texts, SizeIs(1));
    return result.more_texts.empty() ? json() : json::parse(result.more_texts[0]);
  }

  // The text of the last user message of the last provider request (Chat Completions).
  std::string LastUserMessage() const {
    const auto requests = fake_.requests();
    if (requests.empty()) return {};
    return requests.back().body["messages"].back()["content"].get<std::string>();
  }

  TempDir dir_;
  FakeProviders fake_;
  ConversationStore store_;
  SessionLocks locks_;
  WorkspaceFiles files_;
  WordHashEmbedder embedder_;
  AttachmentStore attachment_store_;
  AttachmentIndex index_;
  std::unique_ptr<ContextAssembler> assembler_;
};

TEST_F(ChatAttachmentsTest, RelevantAttachmentPassagesAreLabelledWithFileLinesAndScore) {
  const auto path = Write("docs/a.md", Filler(40, 1) + kNeedle + "\n" + Filler(40, 2));
  const auto result =
      Call("chat_with_gpt41",
           {{"instructions", kQuestion}, {"session_id", "s"}, {"attachments", {path}}});
  ASSERT_FALSE(result.is_error) << result.text;
  const std::string prompt = LastUserMessage();
  EXPECT_THAT(prompt, HasSubstr(kNeedle));
  const std::regex label("=== ATTACHMENT: " + path +
                         R"re( lines (\d+)-(\d+) \(score 0\.\d\d\) ===\n)re");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(prompt, match, label)) << prompt.substr(0, 400);
  EXPECT_LE(std::stoi(match[1]), 41);
  EXPECT_GE(std::stoi(match[2]), 41) << "the best passage holds the needle's line";
  EXPECT_THAT(prompt, HasSubstr("=== END ATTACHMENT ==="));
  EXPECT_TRUE(prompt.ends_with(kQuestion)) << "the instructions come last";

  const json report = Report(result);
  EXPECT_FALSE(report.contains("context")) << "no context was given";
  EXPECT_EQ(report["attachments"]["indexed"], json::array({path}));
  EXPECT_EQ(report["attachments"]["unchanged"], json::array());
  ASSERT_FALSE(report["attachments"]["passages"].empty());
  const json best = report["attachments"]["passages"][0];
  EXPECT_EQ(best["file"], path);
  EXPECT_EQ(best["line_start"], std::stoi(match[1]));
  EXPECT_GT(best["score"].get<double>(), 0.15);
  for (const auto& passage : report["attachments"]["passages"]) {
    EXPECT_GE(passage["score"].get<double>(), 0.15) << "below the minimum score";
  }
}

TEST_F(ChatAttachmentsTest, ReattachingAnUnchangedFileMakesNoEmbeddingsRequest) {
  const auto path = Write("a.md", Filler(60, 3) + kNeedle + "\n");
  const json arguments{{"instructions", kQuestion}, {"session_id", "s"}, {"attachments", {path}}};
  ASSERT_FALSE(Call("chat_with_gpt41", arguments).is_error);
  const int after_first = embedder_.requests();
  ASSERT_GT(after_first, 1) << "chunks and the query were embedded";

  const auto again = Call("chat_with_gpt41", arguments);
  ASSERT_FALSE(again.is_error) << again.text;
  EXPECT_EQ(embedder_.requests(), after_first) << "same file, same question: nothing embedded";
  EXPECT_EQ(Report(again)["attachments"]["unchanged"], json::array({path}));
  EXPECT_EQ(Report(again)["attachments"]["indexed"], json::array());

  auto other_question = arguments;
  other_question["instructions"] = "Where is ZEBRA-FLUX-42 documented?";
  ASSERT_FALSE(Call("chat_with_gpt41", other_question).is_error);
  EXPECT_EQ(embedder_.requests(), after_first + 1) << "only the new question is embedded";
}

TEST_F(ChatAttachmentsTest, AttachmentsServeLaterCallsOfTheirSessionOnly) {
  const auto path = Write("a.md", Filler(30, 4) + kNeedle + "\n");
  ASSERT_FALSE(
      Call("chat_with_gpt41",
           {{"instructions", "Read this."}, {"session_id", "with"}, {"attachments", {path}}})
          .is_error);
  const auto later = Call("chat_with_gpt41", {{"instructions", kQuestion}, {"session_id", "with"}});
  ASSERT_FALSE(later.is_error);
  EXPECT_THAT(LastUserMessage(), HasSubstr(kNeedle));
  EXPECT_THAT(Report(later)["attachments"]["passages"], Not(IsEmpty()));

  const int requests = embedder_.requests();
  const auto elsewhere =
      Call("chat_with_gpt41", {{"instructions", kQuestion}, {"session_id", "without"}});
  ASSERT_FALSE(elsewhere.is_error);
  EXPECT_THAT(LastUserMessage(), Not(HasSubstr(kNeedle)));
  EXPECT_EQ(LastUserMessage(), kQuestion);
  EXPECT_THAT(elsewhere.more_texts, IsEmpty())
      << "nothing to report without context or attachments";
  EXPECT_EQ(embedder_.requests(), requests) << "a session without attachments embeds nothing";
}

TEST_F(ChatAttachmentsTest, AttachmentPathsAreRefusedLikeContextPaths) {
  const auto binary = Write("blob.bin", std::string("PK\0\x03\x04", 5));
  std::filesystem::create_symlink("/etc/passwd", dir_.path() / "root" / "passwd-link");
  const std::string link = (dir_.path() / "root" / "passwd-link").string();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"/etc/passwd", "outside the allowed roots"},
      {link, "outside the allowed roots"},
      {binary, "binary file"},
      {(dir_.path() / "root" / "missing.md").string(), "cannot resolve"}};
  for (const auto& [path, reason] : cases) {
    const auto result =
        Call("chat_with_o3",
             {{"instructions", "read it"}, {"session_id", "s"}, {"attachments", {path}}});
    EXPECT_TRUE(result.is_error) << path;
    EXPECT_THAT(result.text, HasSubstr("parameter 'attachments'")) << path;
    EXPECT_THAT(result.text, HasSubstr(path));
    EXPECT_THAT(result.text, HasSubstr(reason));
  }
  EXPECT_THAT(fake_.requests(), IsEmpty());
  EXPECT_EQ(embedder_.requests(), 0);
}

TEST_F(ChatAttachmentsTest, AnEmbeddingsOutageIsAToolErrorNamingTheParameter) {
  const auto path = Write("a.md", "some text\n");
  embedder_.SetFailing(true);
  const auto result =
      Call("chat_with_gpt41",
           {{"instructions", "read it"}, {"session_id", "s"}, {"attachments", {path}}});
  EXPECT_TRUE(result.is_error);
  EXPECT_THAT(result.text, HasSubstr("parameter 'attachments'"));
  EXPECT_THAT(result.text, HasSubstr("503"));
  EXPECT_THAT(fake_.requests(), IsEmpty());
}

TEST_F(ChatAttachmentsTest, IndexingThatOutlastsTheTimeLimitFailsSayingSo) {
  assembler_ = std::make_unique<ContextAssembler>(
      index_, AssemblyOptions{12000, 4, 0.15, std::chrono::milliseconds(200)});
  const auto path = Write("a.md", "some text\n");
  embedder_.SetHangingUntilAborted(true);
  const auto started = std::chrono::steady_clock::now();
  const auto result =
      Call("chat_with_gpt41",
           {{"instructions", "read it"}, {"session_id", "s"}, {"attachments", {path}}});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_TRUE(result.is_error);
  EXPECT_THAT(result.text, HasSubstr("gave up"));
  EXPECT_THAT(result.text, HasSubstr("200 ms"));
  EXPECT_THAT(fake_.requests(), IsEmpty());
}

TEST_F(ChatAttachmentsTest, ContextUnderTheBudgetIsInlinedWholeWithoutEmbeddings) {
  const auto first = Write("ctx/one.md", Filler(20, 5));
  const auto second = Write("ctx/two.md", Filler(20, 6));
  const auto result = Call("chat_with_gpt41", {{"instructions", "Summarise."},
                                               {"session_id", "s"},
                                               {"context", {(dir_.path() / "root/ctx").string()}}});
  ASSERT_FALSE(result.is_error) << result.text;
  EXPECT_EQ(embedder_.requests(), 0);
  const std::string prompt = LastUserMessage();
  EXPECT_THAT(prompt, HasSubstr("=== FILE: " + first + " ===\n" + Filler(20, 5)));
  EXPECT_THAT(prompt, HasSubstr("=== FILE: " + second + " ===\n" + Filler(20, 6)));
  const json context = Report(result)["context"];
  EXPECT_EQ(context["inlined"], json::array({first, second}));
  EXPECT_EQ(context["retrieved"], json::array());
  EXPECT_EQ(context["budget_tokens"], 12000);
  EXPECT_GT(context["estimated_tokens"].get<int>(), 0);
  EXPECT_LT(context["estimated_tokens"].get<int>(), 12000);
}

TEST_F(ChatAttachmentsTest, ContextOverTheBudgetStaysUnderItAndStillHoldsTheNeedle) {
  constexpr std::size_t kBudget = 2000;  // tokens: 8000 characters for the whole request
  UseBudget(kBudget);
  std::vector<std::string> paths;
  for (int file = 0; file < 5; ++file) {
    std::string text = Filler(100, 10 + file);  // ~6,000 characters each, ~7,500 tokens in all
    if (file == 3) text = Filler(50, 20) + kNeedle + "\n" + Filler(50, 21);
    paths.push_back(Write("corpus/part" + std::to_string(file) + ".md", text));
  }
  for (const std::string tool : {"chat_with_gpt41", "chat_with_o3", "chat_with_gemini25_flash"}) {
    // Twice per session: the second request also replays the first turn.
    for (int turn = 0; turn < 2; ++turn) {
      const auto result = Call(tool, {{"instructions", kQuestion},
                                      {"session_id", std::string("s-") + tool},
                                      {"context", {(dir_.path() / "root/corpus").string()}}});
      ASSERT_FALSE(result.is_error) << tool << ": " << result.text;
      const std::string body = fake_.requests().back().body.dump();
      EXPECT_LE(body.size(), kBudget * 4) << tool << " turn " << turn;
      EXPECT_THAT(body, HasSubstr(kNeedle)) << tool << " turn " << turn;
      EXPECT_THAT(body, HasSubstr("=== CONTEXT PASSAGE: " + paths[3] + " lines "));

      const json context = Report(result)["context"];
      json all = context["inlined"];
      for (const auto& path : context["retrieved"]) all.push_back(path);
      EXPECT_THAT(context["retrieved"], Contains(paths[3]));
      EXPECT_EQ(all.size(), paths.size()) << "every file is either inlined or retrieved";
      EXPECT_LE(context["estimated_tokens"].get<std::size_t>(), kBudget);
      bool needle_passage = false;
      for (const auto& passage : context["passages"]) {
        if (passage["file"] == paths[3] && passage["line_start"].get<int>() <= 51 &&
            passage["line_end"].get<int>() >= 51) {
          needle_passage = true;
        }
      }
      EXPECT_TRUE(needle_passage) << context.dump();
    }
  }
}

TEST_F(ChatAttachmentsTest, ASmallFileAfterOneTooBigIsStillInlined) {
  UseBudget(2000);
  const auto big = Write("a-big.md", Filler(200, 7));
  const auto small = Write("b-small.md", Filler(5, 8));
  const auto result =
      Call("chat_with_gpt41",
           {{"instructions", "Compare."}, {"session_id", "s"}, {"context", {big, small}}});
  ASSERT_FALSE(result.is_error) << result.text;
  const json context = Report(result)["context"];
  EXPECT_EQ(context["inlined"], json::array({small}));
  EXPECT_EQ(context["retrieved"], json::array({big}));
  EXPECT_THAT(LastUserMessage(), HasSubstr("=== FILE: " + small + " ==="));
}

TEST_F(ChatAttachmentsTest, ContextIndexedForRetrievalIsNotEmbeddedAgainWhileUnchanged) {
  UseBudget(2000);
  const auto big = Write("big.md", Filler(200, 9));
  const json arguments{{"instructions", "Summarise."}, {"session_id", "s"}, {"context", {big}}};
  ASSERT_FALSE(Call("chat_with_gpt41", arguments).is_error);
  const int requests = embedder_.requests();
  ASSERT_FALSE(Call("chat_with_gpt41", arguments).is_error);
  EXPECT_EQ(embedder_.requests(), requests);
}

TEST_F(ChatAttachmentsTest, StructuredOutputStaysTheFirstContentItem) {
  const auto path = Write("a.md", Filler(10, 11));
  const json schema = {{"type", "object"},
                       {"properties", {{"count", {{"type", "integer"}}}}},
                       {"required", {"count"}}};
  fake_.Script({200, FakeProviders::GeminiWithText(R"({"count": 3})"), {}});
  const auto result = Call("chat_with_gemini25_pro", {{"instructions", "count"},
                                                      {"session_id", "s"},
                                                      {"context", {path}},
                                                      {"structured_output_schema", schema}});
  ASSERT_FALSE(result.is_error) << result.text;
  const json content = result.ToJson()["content"];
  ASSERT_THAT(content, SizeIs(2));
  EXPECT_EQ(json::parse(content[0]["text"].get<std::string>()), json({{"count", 3}}));
  EXPECT_EQ(json::parse(content[1]["text"].get<std::string>())["context"]["inlined"],
            json::array({path}));
}

TEST(ChatToolWithoutAssembler, RefusesAttachmentsAndInlinesContextWhole) {
  TempDir dir;
  FakeProviders fake;
  ConversationStore store(dir.path() / "db");
  SessionLocks locks;
  WorkspaceFiles files({{dir.path()}, 1024 * 1024});
  std::ofstream(dir.path() / "a.md") << "hello";
  ChatTool tool(SpecNamed("chat_with_gpt41"),
                std::make_shared<ChatCompletionsProvider>(ProviderSettings{fake.base_url(), "k"}),
                ChatEnvironment{store, locks, files, std::chrono::seconds(60), nullptr});
  const auto refused = tool.Call({{"instructions", "hi"},
                                  {"session_id", "s"},
                                  {"attachments", {(dir.path() / "a.md").string()}}});
  EXPECT_TRUE(refused.is_error);
  EXPECT_THAT(refused.text, HasSubstr("parameter 'attachments'"));
  const auto inlined = tool.Call(
      {{"instructions", "hi"}, {"session_id", "s"}, {"context", {(dir.path() / "a.md").string()}}});
  ASSERT_FALSE(inlined.is_error);
  EXPECT_THAT(inlined.more_texts, IsEmpty());
}

}  // namespace
}  // namespace mcp_server::testing
