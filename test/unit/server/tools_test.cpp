// tools/list, list_models and chat_with_o3 against a fake OpenAI endpoint
// (the other chat tools: chat_tools_test.cpp).

#include <gmock/gmock.h>

#include <thread>

#include "mcp_fixture.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
namespace rpc = mcp::jsonrpc;

class McpTools : public McpServerTest {
 protected:
  void SetUp() override {
    McpServerTest::SetUp();
    // Keep provider-error tests fast; the retry-after test sets its own budget.
    config_.provider_total_timeout = std::chrono::seconds(5);
  }

  json Chat(json arguments) { return CallTool("chat_with_o3", std::move(arguments)); }
};

json FindTool(const json& list, const std::string& name) {
  for (const auto& tool : list["result"]["tools"]) {
    if (tool["name"] == name) return tool;
  }
  return nullptr;
}

TEST_F(McpTools, ListOffersClosedJsonSchemas) {
  StartAndInitialize();
  const json list = Rpc("tools/list");
  for (const char* name : {"list_models", "chat_with_o3"}) {
    const json tool = FindTool(list, name);
    ASSERT_FALSE(tool.is_null()) << name << " missing from " << list.dump();
    EXPECT_FALSE(tool["description"].get<std::string>().empty());
    EXPECT_EQ(tool["inputSchema"]["type"], "object");
    EXPECT_EQ(tool["inputSchema"]["additionalProperties"], false);
  }
  const json chat = FindTool(list, "chat_with_o3")["inputSchema"];
  EXPECT_THAT(chat["required"], AllOf(Contains("instructions"), Contains("session_id")));
  EXPECT_EQ(chat["properties"]["reasoning_effort"]["enum"], json({"low", "medium", "high"}));
  EXPECT_EQ(chat["properties"]["output_format"]["type"], "string");
}

TEST_F(McpTools, ListModelsDescribesEveryChatTool) {
  StartAndInitialize();
  const json result = CallTool("list_models", json::object());
  EXPECT_EQ(result["isError"], false);
  const json models = json::parse(Text(result));
  ASSERT_TRUE(models.is_array());
  ASSERT_EQ(models.size(), 4u);
  EXPECT_EQ(models[0]["tool"], "chat_with_o3");
  EXPECT_EQ(models[0]["provider"], "openai");
  EXPECT_EQ(models[0]["model"], "o3");
  EXPECT_EQ(models[0]["context_window"], 200000);
  EXPECT_TRUE(models[0]["description"].is_string());
}

TEST_F(McpTools, ChatSendsInstructionsToO3AndReturnsTheAnswer) {
  StartAndInitialize();
  fake_.Script({200, FakeOpenAi::ResponseWithText("forty-two"), {}});
  const json result = Chat({{"instructions", "What is six times seven?"},
                            {"session_id", "s-1"},
                            {"reasoning_effort", "high"}});
  EXPECT_EQ(result["isError"], false);
  EXPECT_EQ(Text(result), "forty-two");

  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].authorization, "Bearer sk-test-key");
  const json& body = requests[0].body;
  EXPECT_EQ(body["model"], "o3");
  EXPECT_EQ(body["reasoning"]["effort"], "high");
  ASSERT_EQ(body["input"].size(), 1u);
  EXPECT_EQ(body["input"][0]["role"], "user");
  EXPECT_EQ(body["input"][0]["content"], "What is six times seven?");
}

TEST_F(McpTools, SecondCallInTheSameSessionReplaysHistory) {
  StartAndInitialize();
  fake_.Script({200, FakeOpenAi::ResponseWithText("Noted: the codeword is PLUM."), {}});
  fake_.Script({200, FakeOpenAi::ResponseWithText("PLUM"), {}});
  ASSERT_EQ(
      Chat({{"instructions", "Remember the codeword PLUM."}, {"session_id", "s-2"}})["isError"],
      false);
  ASSERT_EQ(Chat({{"instructions", "What was the codeword?"}, {"session_id", "s-2"}})["isError"],
            false);
  // A different session starts afresh.
  ASSERT_EQ(Chat({{"instructions", "Hello"}, {"session_id", "other"}})["isError"], false);

  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  const json expected_second =
      json::array({{{"role", "user"}, {"content", "Remember the codeword PLUM."}},
                   {{"role", "assistant"}, {"content", "Noted: the codeword is PLUM."}},
                   {{"role", "user"}, {"content", "What was the codeword?"}}});
  EXPECT_EQ(requests[1].body["input"], expected_second);
  EXPECT_EQ(requests[2].body["input"].size(), 1u);
}

TEST_F(McpTools, HistorySurvivesAServerRestart) {
  StartAndInitialize();
  ASSERT_EQ(Chat({{"instructions", "first"}, {"session_id", "persist"}})["isError"], false);
  server_.reset();  // same data dir, new process state
  StartAndInitialize();
  ASSERT_EQ(Chat({{"instructions", "second"}, {"session_id", "persist"}})["isError"], false);
  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].body["input"].size(), 3u);
}

TEST_F(McpTools, OutputFormatReachesTheProviderAsInstructions) {
  StartAndInitialize();
  ASSERT_EQ(Chat({{"instructions", "List primes"},
                  {"session_id", "s"},
                  {"output_format", "a JSON array"}})["isError"],
            false);
  EXPECT_THAT(fake_.requests().at(0).body.value("instructions", ""), HasSubstr("a JSON array"));
}

TEST_F(McpTools, InvalidArgumentsAreToolErrorsNamingTheParameter) {
  StartAndInitialize();
  struct Case {
    json arguments;
    std::string parameter;
  };
  const std::vector<Case> cases = {
      {{{"session_id", "s"}}, "instructions"},
      {{{"instructions", ""}, {"session_id", "s"}}, "instructions"},
      {{{"instructions", 5}, {"session_id", "s"}}, "instructions"},
      {{{"instructions", "hi"}}, "session_id"},
      {{{"instructions", "hi"}, {"session_id", "s"}, {"reasoning_effort", "extreme"}},
       "reasoning_effort"},
      {{{"instructions", "hi"}, {"session_id", "s"}, {"temperature_x", 1}}, "temperature_x"},
  };
  for (const auto& c : cases) {
    const json result = Chat(c.arguments);
    EXPECT_EQ(result["isError"], true) << c.arguments.dump();
    EXPECT_THAT(Text(result), HasSubstr("'" + c.parameter + "'")) << c.arguments.dump();
  }
  EXPECT_TRUE(fake_.requests().empty()) << "invalid calls must not reach the provider";
}

TEST_F(McpTools, ProviderServerErrorIsAToolErrorAfterBoundedRetries) {
  StartAndInitialize();
  for (int i = 0; i < 3; ++i) {
    fake_.Script({500, R"({"error":{"message":"upstream exploded"}})", {}});
  }
  const auto start = std::chrono::steady_clock::now();
  const json result = Chat({{"instructions", "hi"}, {"session_id", "s"}});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result),
              AllOf(HasSubstr("openai"), HasSubstr("500"), HasSubstr("upstream exploded")));
  EXPECT_EQ(fake_.requests().size(), 3u) << "provider_max_attempts is 3";
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  // The failed exchange is not stored: the next call starts with no history.
  ASSERT_EQ(Chat({{"instructions", "again"}, {"session_id", "s"}})["isError"], false);
  EXPECT_EQ(fake_.requests().back().body["input"].size(), 1u);
}

TEST_F(McpTools, ProviderClientErrorIsNotRetried) {
  StartAndInitialize();
  fake_.Script({401, R"({"error":{"message":"Incorrect API key provided"}})", {}});
  const json result = Chat({{"instructions", "hi"}, {"session_id", "s"}});
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), AllOf(HasSubstr("401"), HasSubstr("Incorrect API key")));
  EXPECT_THAT(Text(result), ::testing::Not(HasSubstr("sk-test-key")));
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(McpTools, ProviderErrorBodyWithInvalidUtf8StillYieldsAToolResult) {
  StartAndInitialize();
  fake_.Script({400, "\xff\xfe not json \xc3", {}});
  const json result = Chat({{"instructions", "hi"}, {"session_id", "s"}});
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), HasSubstr("400"));
}

TEST_F(McpTools, RateLimitHonoursRetryAfter) {
  StartAndInitialize();
  fake_.Script({429, R"({"error":{"message":"slow down"}})", {{"Retry-After", "1"}}});
  fake_.Script({200, FakeOpenAi::ResponseWithText("after the wait"), {}});
  const json result = Chat({{"instructions", "hi"}, {"session_id", "s"}});
  EXPECT_EQ(result["isError"], false) << Text(result);
  EXPECT_EQ(Text(result), "after the wait");
  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  // Backoff base is 20 ms in tests, so a gap of ~1 s can only come from Retry-After.
  EXPECT_GE(requests[1].at - requests[0].at, std::chrono::milliseconds(950));
}

TEST_F(McpTools, RetryAfterBeyondTheTimeBudgetFailsPromptly) {
  config_.provider_total_timeout = std::chrono::seconds(2);
  StartAndInitialize();
  fake_.Script({429, R"({"error":{"message":"come back tomorrow"}})", {{"Retry-After", "3600"}}});
  const auto start = std::chrono::steady_clock::now();
  const json result = Chat({{"instructions", "hi"}, {"session_id", "s"}});
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), HasSubstr("429"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(McpTools, UnreachableProviderIsAToolError) {
  // Port 1 on loopback: nothing listens, so connecting is refused at once.
  config_.openai_base_url = "http://127.0.0.1:1/v1";
  config_.provider_total_timeout = std::chrono::seconds(2);
  StartAndInitialize();
  const json result = Chat({{"instructions", "hi"}, {"session_id", "s"}});
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), AllOf(HasSubstr("openai"), HasSubstr("127.0.0.1:1")));
}

TEST_F(McpTools, ConcurrentChatsInManySessionsEachKeepTheirHistory) {
  StartAndInitialize();
  constexpr int kSessions = 6;
  std::vector<std::thread> threads;
  std::vector<int> failures(kSessions, 0);
  for (int i = 0; i < kSessions; ++i) {
    threads.emplace_back([this, i, &failures] {
      httplib::Client client("127.0.0.1", server_->port());
      client.set_read_timeout(std::chrono::seconds(30));
      for (int turn = 0; turn < 2; ++turn) {
        const json call = rpc::MakeRequest(1000 + i * 10 + turn, "tools/call",
                                           {{"name", "chat_with_o3"},
                                            {"arguments",
                                             {{"instructions", "turn " + std::to_string(turn)},
                                              {"session_id", "parallel-" + std::to_string(i)}}}});
        auto res = client.Post("/mcp", SessionHeaders(), call.dump(), "application/json");
        if (!res || res->status != 200 || json::parse(res->body)["result"]["isError"] != false) {
          ++failures[static_cast<std::size_t>(i)];
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_THAT(failures, ::testing::Each(0));
  int replayed = 0;
  for (const auto& request : fake_.requests()) {
    if (request.body["input"].size() == 3u) ++replayed;
  }
  EXPECT_EQ(replayed, kSessions) << "each session's second turn replays its first";
}

TEST_F(McpTools, MissingApiKeyIsAToolErrorNotACrash) {
  config_.openai_api_key.clear();
  StartAndInitialize();
  const json result = Chat({{"instructions", "hi"}, {"session_id", "s"}});
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), HasSubstr("OPENAI_API_KEY"));
  EXPECT_TRUE(fake_.requests().empty());
  EXPECT_EQ(Rpc("ping")["result"], json::object());
}

TEST_F(McpTools, UnknownToolIsInvalidParams) {
  StartAndInitialize();
  const json reply =
      Rpc("tools/call", {{"name", "chat_with_hal9000"}, {"arguments", json::object()}});
  EXPECT_EQ(reply["error"]["code"], rpc::kInvalidParams);
  EXPECT_THAT(reply["error"]["message"].get<std::string>(), HasSubstr("chat_with_hal9000"));
}

TEST_F(McpTools, ToolsCallWithoutNameOrWithNonObjectArgumentsIsInvalidParams) {
  StartAndInitialize();
  EXPECT_EQ(Rpc("tools/call", json::object())["error"]["code"], rpc::kInvalidParams);
  EXPECT_EQ(Rpc("tools/call", {{"name", "list_models"}, {"arguments", "x"}})["error"]["code"],
            rpc::kInvalidParams);
}

}  // namespace
}  // namespace mcp_server::testing
