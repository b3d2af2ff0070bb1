// The four chat tools through the real server: schemas, argument rules,
// each provider's wire format, cross-provider sessions and context files.

#include <gmock/gmock.h>

#include <fstream>

#include "mcp_fixture.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<std::string> kChatTools = {"chat_with_o3", "chat_with_gpt41",
                                             "chat_with_gemini25_pro", "chat_with_gemini25_flash"};

class ChatTools : public McpServerTest {
 protected:
  void SetUp() override {
    McpServerTest::SetUp();
    config_.provider_total_timeout = std::chrono::seconds(5);
    workspace_ = std::filesystem::canonical(dir_.path()) / "workspace";
    std::filesystem::create_directories(workspace_);
    config_.allowed_roots = {workspace_};
  }

  json Ask(const std::string& tool, json arguments) {
    arguments.emplace("session_id", "s");
    return CallTool(tool, std::move(arguments));
  }

  std::filesystem::path workspace_;
};

json SchemaOf(const json& list, const std::string& name) {
  for (const auto& tool : list["result"]["tools"]) {
    if (tool["name"] == name) return tool["inputSchema"];
  }
  return nullptr;
}

TEST_F(ChatTools, EveryChatToolOffersAClosedSchemaWithTheCommonParameters) {
  StartAndInitialize();
  const json list = Rpc("tools/list");
  for (const auto& name : kChatTools) {
    const json schema = SchemaOf(list, name);
    ASSERT_FALSE(schema.is_null()) << name;
    EXPECT_EQ(schema["additionalProperties"], false) << name;
    EXPECT_EQ(schema["required"], json({"instructions", "session_id"})) << name;
    for (const char* parameter : {"instructions", "session_id", "output_format", "context",
                                  "structured_output_schema", "temperature"}) {
      EXPECT_TRUE(schema["properties"].contains(parameter)) << name << " lacks " << parameter;
    }
    EXPECT_EQ(schema["properties"]["context"]["items"]["type"], "string");
  }
  EXPECT_FALSE(SchemaOf(list, "chat_with_gpt41")["properties"].contains("reasoning_effort"));
  EXPECT_EQ(SchemaOf(list, "chat_with_gemini25_pro")["properties"]["reasoning_effort"]["enum"],
            json({"low", "medium", "high"}));
  EXPECT_EQ(SchemaOf(list, "chat_with_gpt41")["properties"]["temperature"]["maximum"], 2.0);
}

TEST_F(ChatTools, ListModelsDescribesAllFour) {
  StartAndInitialize();
  const json models = json::parse(Text(CallTool("list_models", json::object())));
  ASSERT_EQ(models.size(), 4u);
  std::vector<std::string> tools;
  for (const auto& model : models) {
    tools.push_back(model["tool"].get<std::string>());
    EXPECT_GT(model["context_window"].get<long>(), 0);
    EXPECT_FALSE(model["description"].get<std::string>().empty());
  }
  EXPECT_EQ(tools, kChatTools);
  EXPECT_EQ(models[1]["model"], "gpt-4.1");
  EXPECT_EQ(models[2]["provider"], "gemini");
  EXPECT_EQ(models[3]["model"], "gemini-2.5-flash");
}

TEST_F(ChatTools, EveryBadParameterNamesItselfAndWhatIsAllowed) {
  StartAndInitialize();
  struct Case {
    json arguments;
    std::string parameter;
    std::string allowed;
  };
  const std::vector<Case> cases = {
      {{{"instructions", ""}}, "'instructions'", "must not be empty"},
      {{{"instructions", "q"}, {"output_format", 3}}, "'output_format'", "type string"},
      {{{"instructions", "q"}, {"context", "a.txt"}}, "'context'", "type array"},
      {{{"instructions", "q"}, {"context", {1}}}, "'context[0]'", "type string"},
      {{{"instructions", "q"}, {"structured_output_schema", "x"}},
       "'structured_output_schema'",
       "type object"},
      {{{"instructions", "q"}, {"bogus", 1}}, "'bogus'", "allowed: "},
  };
  for (const auto& tool : kChatTools) {
    for (const auto& c : cases) {
      const json result = Ask(tool, c.arguments);
      EXPECT_EQ(result["isError"], true) << tool << " " << c.arguments.dump();
      EXPECT_THAT(Text(result), AllOf(HasSubstr(c.parameter), HasSubstr(c.allowed)))
          << tool << " " << c.arguments.dump();
    }
  }
  EXPECT_TRUE(fake_.requests().empty()) << "invalid calls must not reach a provider";
}

TEST_F(ChatTools, TemperatureIsValidatedPerModel) {
  StartAndInitialize();
  for (const char* tool :
       {"chat_with_gpt41", "chat_with_gemini25_pro", "chat_with_gemini25_flash"}) {
    const json result = Ask(tool, {{"instructions", "q"}, {"temperature", 2.5}});
    EXPECT_EQ(result["isError"], true) << tool;
    EXPECT_THAT(Text(result), AllOf(HasSubstr("'temperature'"), HasSubstr("between 0 and 2")));
    EXPECT_EQ(Ask(tool, {{"instructions", "q"}, {"temperature", "warm"}})["isError"], true);
  }
  const json o3 = Ask("chat_with_o3", {{"instructions", "q"}, {"temperature", 0.2}});
  EXPECT_EQ(o3["isError"], true);
  EXPECT_THAT(Text(o3),
              AllOf(HasSubstr("'temperature'"),
                    HasSubstr("o3 does not accept a temperature other than its default")));
  EXPECT_TRUE(fake_.requests().empty());

  // o3's default is accepted and not sent; others send what they were given.
  ASSERT_EQ(Ask("chat_with_o3", {{"instructions", "q"}, {"temperature", 1}})["isError"], false);
  EXPECT_FALSE(fake_.requests().back().body.contains("temperature"));
  ASSERT_EQ(Ask("chat_with_gpt41", {{"instructions", "q"}, {"temperature", 0.2}})["isError"],
            false);
  EXPECT_DOUBLE_EQ(fake_.requests().back().body["temperature"].get<double>(), 0.2);
  ASSERT_EQ(Ask("chat_with_gemini25_flash", {{"instructions", "q"}, {"temperature", 0}})["isError"],
            false);
  EXPECT_EQ(fake_.requests().back().body["generationConfig"]["temperature"], 0);
}

TEST_F(ChatTools, ReasoningEffortIsForReasoningModelsOnly) {
  StartAndInitialize();
  const json gpt = Ask("chat_with_gpt41", {{"instructions", "q"}, {"reasoning_effort", "low"}});
  EXPECT_EQ(gpt["isError"], true);
  EXPECT_THAT(Text(gpt), AllOf(HasSubstr("'reasoning_effort'"), HasSubstr("gpt-4.1"),
                               HasSubstr("not a reasoning model")));
  for (const auto& tool : {"chat_with_o3", "chat_with_gemini25_pro"}) {
    const json bad = Ask(tool, {{"instructions", "q"}, {"reasoning_effort", "max"}});
    EXPECT_THAT(Text(bad),
                AllOf(HasSubstr("'reasoning_effort'"), HasSubstr(R"(["low","medium","high"])")));
  }
  EXPECT_TRUE(fake_.requests().empty());

  ASSERT_EQ(Ask("chat_with_o3", {{"instructions", "q"}, {"reasoning_effort", "low"}})["isError"],
            false);
  EXPECT_EQ(fake_.requests().back().body["reasoning"]["effort"], "low");
  ASSERT_EQ(Ask("chat_with_gemini25_pro",
                {{"instructions", "q"}, {"reasoning_effort", "low"}})["isError"],
            false);
  EXPECT_EQ(fake_.requests().back().body["generationConfig"]["thinkingConfig"]["thinkingBudget"],
            1024);
}

TEST_F(ChatTools, MissingKeyMakesEveryToolOfThatProviderAnErrorNamingTheVariable) {
  config_.openai_api_key.clear();
  config_.gemini_api_key.clear();
  StartAndInitialize();
  for (const auto& tool : kChatTools) {
    const json result = Ask(tool, {{"instructions", "q"}});
    EXPECT_EQ(result["isError"], true) << tool;
    const bool gemini = tool.find("gemini") != std::string::npos;
    EXPECT_THAT(Text(result), HasSubstr(gemini ? "GEMINI_API_KEY" : "OPENAI_API_KEY")) << tool;
  }
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(ChatTools, OnlyTheProviderWithoutAKeyIsUnavailable) {
  config_.gemini_api_key.clear();
  StartAndInitialize();
  EXPECT_EQ(Ask("chat_with_gemini25_pro", {{"instructions", "q"}})["isError"], true);
  EXPECT_EQ(Ask("chat_with_gpt41", {{"instructions", "q"}})["isError"], false);
}

TEST_F(ChatTools, Gpt41UsesChatCompletions) {
  StartAndInitialize();
  fake_.Script({200, FakeProviders::ChatCompletionWithText("four"), {}});
  const json result =
      Ask("chat_with_gpt41", {{"instructions", "2+2?"}, {"output_format", "a digit"}});
  EXPECT_EQ(Text(result), "four");
  const auto request = fake_.requests().at(0);
  EXPECT_EQ(request.path, "/v1/chat/completions");
  EXPECT_EQ(request.authorization, "Bearer sk-test-key");
  EXPECT_EQ(request.body["model"], "gpt-4.1");
  EXPECT_EQ(request.body["messages"][0]["role"], "system");
  EXPECT_THAT(request.body["messages"][0]["content"].get<std::string>(), HasSubstr("a digit"));
  EXPECT_EQ(request.body["messages"][1], json({{"role", "user"}, {"content", "2+2?"}}));
}

TEST_F(ChatTools, GeminiUsesGenerateContentWithTheKeyInAHeader) {
  StartAndInitialize();
  fake_.Script({200, FakeProviders::GeminiWithText("four"), {}});
  EXPECT_EQ(Text(Ask("chat_with_gemini25_flash", {{"instructions", "2+2?"}})), "four");
  const auto request = fake_.requests().at(0);
  EXPECT_EQ(request.path, "/v1beta/models/gemini-2.5-flash:generateContent");
  EXPECT_EQ(request.goog_api_key, "gemini-test-key");
  EXPECT_EQ(request.body["contents"],
            json::parse(R"([{"role":"user","parts":[{"text":"2+2?"}]}])"));
}

TEST_F(ChatTools, VertexConfigurationUsesTheVertexPathAndABearerToken) {
  config_.gemini_base_url = fake_.base_url();
  config_.vertex_project = "proj";
  config_.vertex_location = "us-central1";
  config_.vertex_access_token = "ya29.token";
  StartAndInitialize();
  ASSERT_EQ(Ask("chat_with_gemini25_pro", {{"instructions", "q"}})["isError"], false);
  const auto request = fake_.requests().at(0);
  EXPECT_EQ(request.path,
            "/v1/projects/proj/locations/us-central1/publishers/google/models/"
            "gemini-2.5-pro:generateContent");
  EXPECT_EQ(request.authorization, "Bearer ya29.token");
}

TEST_F(ChatTools, GeminiErrorsNameProviderEndpointAndStatusButNotTheKey) {
  StartAndInitialize();
  for (int i = 0; i < 3; ++i) fake_.Script({503, R"({"error":{"message":"overloaded"}})", {}});
  const json result = Ask("chat_with_gemini25_pro", {{"instructions", "q"}});
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result),
              AllOf(HasSubstr("gemini"), HasSubstr(":generateContent"), HasSubstr("503"),
                    HasSubstr("overloaded"), Not(HasSubstr("gemini-test-key"))));
  EXPECT_EQ(fake_.requests().size(), 3u) << "503 is retried";
}

TEST_F(ChatTools, SessionStartedWithO3ContinuesWithGeminiThenGpt41) {
  StartAndInitialize();
  fake_.Script({200, FakeProviders::ResponseWithText("noted ZEBRA-FLUX-42"), {}});
  fake_.Script({200, FakeProviders::GeminiWithText("it was ZEBRA-FLUX-42"), {}});
  ASSERT_EQ(Ask("chat_with_o3", {{"instructions", "remember ZEBRA-FLUX-42"}})["isError"], false);
  ASSERT_EQ(Ask("chat_with_gemini25_pro", {{"instructions", "what was it?"}})["isError"], false);
  ASSERT_EQ(Ask("chat_with_gpt41", {{"instructions", "and now?"}})["isError"], false);
  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].body["contents"],
            json::parse(R"([{"role":"user","parts":[{"text":"remember ZEBRA-FLUX-42"}]},
                            {"role":"model","parts":[{"text":"noted ZEBRA-FLUX-42"}]},
                            {"role":"user","parts":[{"text":"what was it?"}]}])"));
  const json& messages = requests[2].body["messages"];
  ASSERT_EQ(messages.size(), 5u);
  EXPECT_EQ(messages[3], json({{"role", "assistant"}, {"content", "it was ZEBRA-FLUX-42"}}));
}

TEST_F(ChatTools, StructuredOutputIsRequestedNativelyAndReturnedAsJson) {
  StartAndInitialize();
  const json schema = {
      {"type", "object"}, {"properties", {{"ok", {{"type", "boolean"}}}}}, {"required", {"ok"}}};
  fake_.Script({200, FakeProviders::ResponseWithText(R"({"ok": true})"), {}});
  const json result =
      Ask("chat_with_o3", {{"instructions", "q"}, {"structured_output_schema", schema}});
  ASSERT_EQ(result["isError"], false) << Text(result);
  EXPECT_EQ(json::parse(Text(result)), json({{"ok", true}}));
  EXPECT_EQ(fake_.requests().at(0).body["text"]["format"]["schema"], schema);

  fake_.Script({200, FakeProviders::ChatCompletionWithText(R"({"ok": "yes"})"), {}});
  const json wrong =
      Ask("chat_with_gpt41", {{"instructions", "q"}, {"structured_output_schema", schema}});
  EXPECT_EQ(wrong["isError"], true);
  EXPECT_THAT(Text(wrong), AllOf(HasSubstr("structured_output_schema"), HasSubstr("'$.ok'"),
                                 HasSubstr("boolean")));
  EXPECT_EQ(fake_.requests().at(1).body["response_format"]["json_schema"]["schema"], schema);
}

TEST_F(ChatTools, ContextFilesAreInlinedLabelledWithTheirPaths) {
  std::ofstream(workspace_ / "a.txt") << "ALPHA-1 text";
  std::filesystem::create_directories(workspace_ / "dir");
  std::ofstream(workspace_ / "dir" / "b.txt") << "BETA-2 text";
  StartAndInitialize();
  ASSERT_EQ(
      Ask("chat_with_gpt41", {{"instructions", "use them"},
                              {"context", {(workspace_ / "a.txt").string(), "dir"}}})["isError"],
      false);
  const std::string prompt = fake_.requests().at(0).body["messages"][0]["content"];
  EXPECT_THAT(prompt, AllOf(HasSubstr("FILE: " + (workspace_ / "a.txt").string()),
                            HasSubstr("ALPHA-1 text"),
                            HasSubstr("FILE: " + (workspace_ / "dir" / "b.txt").string()),
                            HasSubstr("BETA-2 text"), HasSubstr("use them")));
  EXPECT_LT(prompt.find("ALPHA-1"), prompt.find("BETA-2"));
}

TEST_F(ChatTools, ContextOutsideTheRootsIsAnErrorNamingThePath) {
  StartAndInitialize();
  const std::string escape = (workspace_ / ".." / "mcp.db").string();
  const json result =
      Ask("chat_with_gemini25_flash", {{"instructions", "q"}, {"context", {escape}}});
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), AllOf(HasSubstr("'context'"), HasSubstr(escape),
                                  HasSubstr("outside the allowed roots")));
  EXPECT_TRUE(fake_.requests().empty());
}

}  // namespace
}  // namespace mcp_server::testing
