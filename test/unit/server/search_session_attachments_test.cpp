// search_session_attachments through the real McpServer over HTTP: listed
// with a closed schema, arguments checked, and attachments indexed by a chat
// call found again in their session only.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "mcp_fixture.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr const char* kTool = "search_session_attachments";

class SessionAttachments : public McpServerTest {
 protected:
  void SetUp() override {
    McpServerTest::SetUp();
    root_ = dir_.path() / "workspace";
    std::filesystem::create_directories(root_);
    config_.allowed_roots = {root_};
    config_.data_dir = dir_.path() / "data";
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(root_ / name) << text;
    return std::filesystem::canonical(root_ / name).string();
  }

  // Embeddings requests whose input mentions `text`.
  int EmbeddingsRequestsMentioning(const std::string& text) const {
    int count = 0;
    for (const auto& request : fake_.memory_requests()) {
      if (request.path == "/v1/embeddings" && request.body.dump().find(text) != std::string::npos) {
        ++count;
      }
    }
    return count;
  }

  std::filesystem::path root_;
};

TEST_F(SessionAttachments, ToolIsListedWithAClosedSchemaAndChatToolsTakeAttachments) {
  StartAndInitialize();
  const json tools = Rpc("tools/list")["result"]["tools"];
  bool listed = false;
  for (const auto& tool : tools) {
    const std::string name = tool["name"];
    if (name == kTool) {
      listed = true;
      EXPECT_EQ(tool["inputSchema"]["additionalProperties"], false);
      EXPECT_EQ(tool["inputSchema"]["required"], json::array({"session_id", "query"}));
      EXPECT_EQ(tool["inputSchema"]["properties"]["k"]["maximum"], 50);
    }
    if (name.starts_with("chat_with_")) {
      EXPECT_EQ(tool["inputSchema"]["properties"]["attachments"]["type"], "array") << name;
    }
  }
  EXPECT_TRUE(listed);
}

TEST_F(SessionAttachments, InvalidArgumentsAreToolErrorsNamingTheParameter) {
  StartAndInitialize();
  const std::vector<std::pair<json, std::string>> cases{
      {{{"query", "x"}}, "'session_id'"},
      {{{"session_id", "s"}}, "'query'"},
      {{{"session_id", "s"}, {"query", ""}}, "'query'"},
      {{{"session_id", "s"}, {"query", "x"}, {"k", 0}}, "'k'"},
      {{{"session_id", "s"}, {"query", "x"}, {"k", 51}}, "'k'"},
      {{{"session_id", "s"}, {"query", "x"}, {"k", 1.5}}, "'k'"},
      {{{"session_id", "s"}, {"query", "x"}, {"limit", 3}}, "'limit'"}};
  for (const auto& [arguments, message] : cases) {
    const json result = CallTool(kTool, arguments);
    EXPECT_TRUE(result.value("isError", false)) << arguments.dump();
    EXPECT_THAT(Text(result), HasSubstr(message)) << arguments.dump();
  }
}

TEST_F(SessionAttachments, AttachmentsOfAChatCallAreFoundInTheirSessionOnly) {
  // Small enough for one chunk, so the fake's coarse 64-bucket hashing still
  // scores it well above the threshold.
  const std::string text =
      "Notes from the infrastructure review.\nOwners rotate weekly.\n"
      "The ZEBRA-FLUX-42 relay listens on port 7311.\nBackups run nightly.\n";
  const auto path = Write("notes.md", text);
  StartAndInitialize();

  const json chat = CallTool(
      "chat_with_gpt41",
      {{"instructions", "Remember these notes."}, {"session_id", "mine"}, {"attachments", {path}}});
  ASSERT_FALSE(chat.value("isError", true)) << chat.dump();
  ASSERT_THAT(chat["content"], SizeIs(2)) << chat.dump();
  const json report = json::parse(chat["content"][1]["text"].get<std::string>());
  EXPECT_EQ(report["attachments"]["indexed"], json::array({path}));

  const json found = json::parse(Text(
      CallTool(kTool, {{"session_id", "mine"}, {"query", "ZEBRA-FLUX-42 relay port"}, {"k", 2}})));
  EXPECT_EQ(found["session_id"], "mine");
  EXPECT_EQ(found["query"], "ZEBRA-FLUX-42 relay port");
  ASSERT_THAT(found["results"], SizeIs(::testing::Le(2u)));
  ASSERT_FALSE(found["results"].empty()) << found.dump();
  const json best = found["results"][0];
  EXPECT_EQ(best["file"], path);
  EXPECT_EQ(best["line_start"], 1);
  EXPECT_EQ(best["line_end"], 4);
  EXPECT_THAT(best["text"].get<std::string>(), HasSubstr("port 7311"));
  const double score = best["score"];
  EXPECT_NEAR(score * 10000, std::round(score * 10000), 1e-6) << "rounded to 4 decimals";

  const json elsewhere = json::parse(
      Text(CallTool(kTool, {{"session_id", "theirs"}, {"query", "UNSEEN-QUERY-77 relay"}})));
  EXPECT_EQ(elsewhere["results"], json::array());
  EXPECT_EQ(EmbeddingsRequestsMentioning("UNSEEN-QUERY-77"), 0)
      << "a session without attachments needs no embedding";
}

}  // namespace
}  // namespace mcp_server::testing
