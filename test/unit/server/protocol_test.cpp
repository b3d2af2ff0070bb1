// The protocol beyond tools, over real HTTP against the in-process server:
// capabilities, logging/setLevel, progress over SSE, notifications/cancelled,
// resources (with subscriptions), prompts, completion, JSON Schema dialect,
// server-to-client requests and the conformance profile.

#include <gmock/gmock.h>

#include <chrono>
#include <future>
#include <thread>

#include "mcp_fixture.h"
#include "sse_client.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
namespace rpc = mcp::jsonrpc;
using Clock = std::chrono::steady_clock;

class McpProtocolFeatures : public McpServerTest {
 protected:
  // tools/call of chat_with_gpt41 (Chat Completions) in session `chat_session`.
  json ChatCall(const std::string& chat_session, json meta = nullptr) {
    json params{{"name", "chat_with_gpt41"},
                {"arguments", {{"instructions", "Say hello"}, {"session_id", chat_session}}}};
    if (!meta.is_null()) params["_meta"] = std::move(meta);
    return rpc::MakeRequest(next_id_++, "tools/call", std::move(params));
  }

  // POSTs `message` and reads the reply as a stream, answering nothing.
  StreamedReply Stream(const json& message) {
    return StreamRequest(server_->port(), "POST", "/mcp", SessionHeaders(), message.dump(),
                         [](const json&) { return true; });
  }

  static std::vector<json> WithMethod(const std::vector<json>& messages,
                                      const std::string& method) {
    std::vector<json> found;
    for (const auto& message : messages) {
      if (message.value("method", "") == method) found.push_back(message);
    }
    return found;
  }

  std::vector<std::string> ToolNames() {
    std::vector<std::string> names;
    const json list = Rpc("tools/list");
    for (const auto& tool : list["result"]["tools"])
      names.push_back(tool["name"].get<std::string>());
    return names;
  }
};

TEST_F(McpProtocolFeatures, InitializeAdvertisesEveryImplementedCapability) {
  StartServer();
  const json capabilities = Initialize()["result"]["capabilities"];
  EXPECT_EQ(capabilities["tools"]["listChanged"], false);
  EXPECT_EQ(capabilities["logging"], json::object());
  EXPECT_EQ(capabilities["resources"]["subscribe"], true);
  EXPECT_EQ(capabilities["resources"]["listChanged"], false);
  EXPECT_EQ(capabilities["prompts"]["listChanged"], false);
  EXPECT_EQ(capabilities["completions"], json::object());
}

TEST_F(McpProtocolFeatures, SetLevelAcceptsTheEightLevelsAndRejectsOthers) {
  StartAndInitialize();
  for (const char* level :
       {"debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"}) {
    EXPECT_EQ(Rpc("logging/setLevel", {{"level", level}})["result"], json::object()) << level;
  }
  EXPECT_EQ(Rpc("logging/setLevel", {{"level", "verbose"}})["error"]["code"], rpc::kInvalidParams);
  EXPECT_EQ(Rpc("logging/setLevel", json::object())["error"]["code"], rpc::kInvalidParams);
}

TEST_F(McpProtocolFeatures, ToolSchemasDeclareJsonSchema2020Dialect) {
  StartAndInitialize();
  const json list = Rpc("tools/list");
  ASSERT_FALSE(list["result"]["tools"].empty());
  for (const auto& tool : list["result"]["tools"]) {
    EXPECT_EQ(tool["inputSchema"].value("$schema", ""),
              "https://json-schema.org/draft/2020-12/schema")
        << tool["name"];
    EXPECT_EQ(tool["inputSchema"]["additionalProperties"], false) << tool["name"];
  }
}

TEST_F(McpProtocolFeatures, ChatCallWithProgressTokenStreamsProgressLogThenResult) {
  StartAndInitialize();
  const json request = ChatCall("s-progress", {{"progressToken", "tok-1"}});
  const StreamedReply reply = Stream(request);
  ASSERT_EQ(reply.status, 200);
  EXPECT_THAT(reply.content_type, HasSubstr("text/event-stream"));
  ASSERT_FALSE(reply.messages.empty());

  const auto progress = WithMethod(reply.messages, "notifications/progress");
  ASSERT_EQ(progress.size(), 3u);
  double last = -1;
  for (const auto& notification : progress) {
    EXPECT_EQ(notification["params"]["progressToken"], "tok-1");
    EXPECT_GT(notification["params"]["progress"].get<double>(), last);
    last = notification["params"]["progress"].get<double>();
  }
  const auto logs = WithMethod(reply.messages, "notifications/message");
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0]["params"]["level"], "info");
  EXPECT_THAT(logs[0]["params"]["data"].get<std::string>(), HasSubstr("asking gpt-4.1"));

  const json& last_message = reply.messages.back();
  EXPECT_EQ(last_message["id"], request["id"]);
  EXPECT_EQ(last_message["result"]["isError"], false) << last_message.dump();
}

TEST_F(McpProtocolFeatures, ChatCallWithoutProgressTokenIsPlainJson) {
  StartAndInitialize();
  auto res = PostRaw(ChatCall("s-json").dump(), SessionHeaders());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(res->body)["result"]["isError"], false) << res->body;
}

TEST_F(McpProtocolFeatures, ProgressNeedsAnSseAcceptHeaderOtherwiseTheReplyIsJson) {
  StartAndInitialize();
  httplib::Headers headers = SessionHeaders();
  headers.erase("Accept");
  headers.emplace("Accept", "application/json");
  auto res = PostRaw(ChatCall("s-accept", {{"progressToken", 7}}).dump(), headers);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(res->body)["result"]["isError"], false);
}

TEST_F(McpProtocolFeatures, LogMessagesBelowTheSessionLevelAreNotSent) {
  StartAndInitialize();
  ASSERT_EQ(Rpc("logging/setLevel", {{"level", "error"}})["result"], json::object());
  const StreamedReply reply = Stream(ChatCall("s-quiet", {{"progressToken", 1}}));
  EXPECT_THAT(WithMethod(reply.messages, "notifications/message"), ::testing::IsEmpty());
  EXPECT_EQ(WithMethod(reply.messages, "notifications/progress").size(), 3u);
}

TEST_F(McpProtocolFeatures, CancelledNotificationAbortsTheProviderCallInFlight) {
  fake_.SetDefaultDelay(std::chrono::seconds(8));
  StartAndInitialize();
  const json request = ChatCall("s-cancel");
  const auto started = Clock::now();
  auto call = std::async(std::launch::async, [&] {
    httplib::Client other("127.0.0.1", server_->port());
    other.set_read_timeout(std::chrono::seconds(30));
    return other.Post("/mcp", SessionHeaders(), request.dump(), "application/json");
  });
  ASSERT_TRUE(PollUntil([&] { return !fake_.requests().empty(); }, std::chrono::seconds(5)))
      << "the provider was never called";
  auto cancel = PostRaw(rpc::MakeNotification("notifications/cancelled",
                                              {{"requestId", request["id"]}, {"reason", "test"}})
                            .dump(),
                        SessionHeaders());
  ASSERT_TRUE(cancel);
  EXPECT_EQ(cancel->status, 202);

  auto res = call.get();
  const auto took = Clock::now() - started;
  ASSERT_TRUE(res);
  const json result = json::parse(res->body)["result"];
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), HasSubstr("cancelled"));
  EXPECT_LT(took, std::chrono::seconds(4)) << "the provider's 8 s answer was awaited";
}

TEST_F(McpProtocolFeatures, SessionsAreResourcesOnceTheyHaveTurns) {
  StartAndInitialize();
  ASSERT_EQ(
      json::parse(PostRaw(ChatCall("s-res").dump(), SessionHeaders())->body)["result"]["isError"],
      false);
  json uris = json::array();
  const json listed = Rpc("resources/list");
  for (const auto& resource : listed["result"]["resources"]) {
    uris.push_back(resource["uri"]);
  }
  EXPECT_THAT(uris, Contains("mcp-server://sessions/s-res"));

  const json read = Rpc("resources/read", {{"uri", "mcp-server://sessions/s-res"}});
  ASSERT_TRUE(read.contains("result")) << read.dump();
  const json body = json::parse(read["result"]["contents"][0]["text"].get<std::string>());
  ASSERT_EQ(body["turns"].size(), 2u);
  EXPECT_EQ(body["turns"][0]["text"], "Say hello");
  EXPECT_EQ(body["turns"][1]["role"], "assistant");
  EXPECT_EQ(read["result"]["contents"][0]["mimeType"], "application/json");
}

TEST_F(McpProtocolFeatures, ReadingAnUnknownResourceIsResourceNotFound) {
  StartAndInitialize();
  EXPECT_EQ(Rpc("resources/read", {{"uri", "mcp-server://sessions/never"}})["error"]["code"],
            -32002);
  EXPECT_EQ(Rpc("resources/read", {{"uri", "nope://x"}})["error"]["code"], -32002);
  EXPECT_EQ(Rpc("resources/read", json::object())["error"]["code"], rpc::kInvalidParams);
}

TEST_F(McpProtocolFeatures, TemplatesAreListedAndTheirVariablesComplete) {
  StartAndInitialize();
  for (const char* session : {"alpha-1", "alpha-2", "beta"}) {
    PostRaw(ChatCall(session).dump(), SessionHeaders());
  }
  json templates = json::array();
  const json listed = Rpc("resources/templates/list");
  for (const auto& t : listed["result"]["resourceTemplates"]) {
    templates.push_back(t["uriTemplate"]);
  }
  EXPECT_THAT(templates, Contains("mcp-server://sessions/{session_id}"));
  EXPECT_THAT(templates, Contains("mcp-server://memory/{memory_id}"));

  const json completion =
      Rpc("completion/complete",
          {{"ref", {{"type", "ref/resource"}, {"uri", "mcp-server://sessions/{session_id}"}}},
           {"argument", {{"name", "session_id"}, {"value", "alp"}}}})["result"]["completion"];
  EXPECT_THAT(completion["values"].get<std::vector<std::string>>(),
              ::testing::UnorderedElementsAre("alpha-1", "alpha-2"));
  EXPECT_EQ(completion["total"], 2);
  EXPECT_EQ(completion["hasMore"], false);
}

TEST_F(McpProtocolFeatures, SubscribedSessionIsToldOfANewTurnOnItsStandaloneStream) {
  StartAndInitialize();
  const std::string uri = "mcp-server://sessions/s-watch";
  ASSERT_EQ(Rpc("resources/subscribe", {{"uri", uri}})["result"], json::object());

  std::promise<json> updated;
  std::atomic<bool> stream_open{false};
  auto stream = std::async(std::launch::async, [&] {
    return StreamRequest(server_->port(), "GET", "/mcp", SessionHeaders(), "",
                         [&](const json& message) {
                           updated.set_value(message);
                           return false;  // one is enough: close the stream
                         });
  });
  // The stream's first bytes (a comment) arrive before any event; wait for
  // the server to count it open before causing the turn.
  ASSERT_TRUE(PollUntil(
      [&] {
        auto health = client_->Get("/healthz");
        return health && json::parse(health->body).value("standalone_streams", 0) == 1;
      },
      std::chrono::seconds(5)));
  PostRaw(ChatCall("s-watch").dump(), SessionHeaders());

  auto future = updated.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready)
      << "no notification on the standalone stream";
  const json notification = future.get();
  EXPECT_EQ(notification["method"], "notifications/resources/updated");
  EXPECT_EQ(notification["params"]["uri"], uri);
  EXPECT_EQ(stream.get().status, 200);
}

TEST_F(McpProtocolFeatures, UnsubscribedSessionsHearNothing) {
  StartAndInitialize();
  const std::string dropped = "mcp-server://sessions/s-dropped";
  const std::string kept = "mcp-server://sessions/s-kept";
  ASSERT_EQ(Rpc("resources/subscribe", {{"uri", dropped}})["result"], json::object());
  ASSERT_EQ(Rpc("resources/subscribe", {{"uri", kept}})["result"], json::object());
  ASSERT_EQ(Rpc("resources/unsubscribe", {{"uri", dropped}})["result"], json::object());
  std::promise<json> first_event;
  auto stream = std::async(std::launch::async, [&] {
    return StreamRequest(server_->port(), "GET", "/mcp", SessionHeaders(), "",
                         [&](const json& message) {
                           first_event.set_value(message);
                           return false;
                         });
  });
  ASSERT_TRUE(PollUntil(
      [&] {
        auto health = client_->Get("/healthz");
        return health && json::parse(health->body).value("standalone_streams", 0) == 1;
      },
      std::chrono::seconds(5)));
  // Events arrive in order: had the dropped session's turn been announced, it
  // would come before the kept one's.
  PostRaw(ChatCall("s-dropped").dump(), SessionHeaders());
  PostRaw(ChatCall("s-kept").dump(), SessionHeaders());
  auto future = first_event.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(future.get()["params"]["uri"], kept);
  EXPECT_EQ(stream.get().status, 200);
}

TEST_F(McpProtocolFeatures, StandaloneStreamNeedsSseAcceptAndIsOnePerSession) {
  StartAndInitialize();
  httplib::Headers json_only = SessionHeaders();
  json_only.erase("Accept");
  json_only.emplace("Accept", "application/json");
  auto refused = client_->Get("/mcp", json_only);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 406);

  auto first = std::async(std::launch::async, [&] {
    return StreamRequest(server_->port(), "GET", "/mcp", SessionHeaders(), "",
                         [](const json&) { return false; });
  });
  ASSERT_TRUE(PollUntil(
      [&] {
        auto health = client_->Get("/healthz");
        return health && json::parse(health->body).value("standalone_streams", 0) == 1;
      },
      std::chrono::seconds(5)));
  auto second = client_->Get("/mcp", SessionHeaders());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 409);
  client_->Delete("/mcp", SessionHeaders());
  EXPECT_EQ(first.get().status, 200);
}

TEST_F(McpProtocolFeatures, SecondOpinionPromptIsListedGotAndItsModelCompletes) {
  StartAndInitialize();
  const json prompts = Rpc("prompts/list")["result"]["prompts"];
  ASSERT_FALSE(prompts.empty());
  EXPECT_EQ(prompts[0]["name"], "second_opinion");
  EXPECT_EQ(prompts[0]["arguments"][0]["name"], "question");
  EXPECT_EQ(prompts[0]["arguments"][0]["required"], true);

  const json got =
      Rpc("prompts/get",
          {{"name", "second_opinion"},
           {"arguments", {{"question", "Is 7 prime?"}, {"model", "chat_with_gemini25_pro"}}}});
  const std::string text = got["result"]["messages"][0]["content"]["text"];
  EXPECT_THAT(text, HasSubstr("Is 7 prime?"));
  EXPECT_THAT(text, HasSubstr("chat_with_gemini25_pro"));

  EXPECT_EQ(Rpc("prompts/get", {{"name", "second_opinion"}})["error"]["code"], rpc::kInvalidParams);
  EXPECT_EQ(Rpc("prompts/get", {{"name", "nope"}})["error"]["code"], rpc::kInvalidParams);

  const json completion =
      Rpc("completion/complete", {{"ref", {{"type", "ref/prompt"}, {"name", "second_opinion"}}},
                                  {"argument", {{"name", "model"}, {"value", "chat_with_gem"}}}});
  EXPECT_THAT(completion["result"]["completion"]["values"].get<std::vector<std::string>>(),
              ElementsAre("chat_with_gemini25_pro", "chat_with_gemini25_flash"));
}

TEST_F(McpProtocolFeatures, CompletionRefusesUnknownReferences) {
  StartAndInitialize();
  EXPECT_EQ(
      Rpc("completion/complete", {{"ref", {{"type", "ref/prompt"}, {"name", "nope"}}},
                                  {"argument", {{"name", "x"}, {"value", ""}}}})["error"]["code"],
      rpc::kInvalidParams);
  EXPECT_EQ(
      Rpc("completion/complete", {{"ref", {{"type", "ref/tool"}}},
                                  {"argument", {{"name", "x"}, {"value", ""}}}})["error"]["code"],
      rpc::kInvalidParams);
}

TEST_F(McpProtocolFeatures, ConformanceFixturesAreOffByDefault) {
  StartAndInitialize();
  EXPECT_THAT(ToolNames(), Not(Contains("test_simple_text")));
  EXPECT_EQ(Rpc("resources/read", {{"uri", "test://static-text"}})["error"]["code"], -32002);
}

TEST_F(McpProtocolFeatures, ClientsAreNotAskedWhatTheyDidNotDeclare) {
  config_.conformance_fixtures = true;
  StartAndInitialize();  // declares no client capability
  const StreamedReply reply = Stream(rpc::MakeRequest(
      next_id_++, "tools/call", {{"name", "test_sampling"}, {"arguments", {{"prompt", "Hi?"}}}}));
  ASSERT_FALSE(reply.messages.empty());
  EXPECT_THAT(WithMethod(reply.messages, "sampling/createMessage"), ::testing::IsEmpty());
  const json& result = reply.messages.back()["result"];
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), HasSubstr("did not declare the 'sampling' capability"));
}

// The suite's fixtures, with a client that declares sampling and elicitation.
class McpConformanceProfile : public McpProtocolFeatures {
 protected:
  void SetUp() override {
    McpProtocolFeatures::SetUp();
    config_.conformance_fixtures = true;
    StartServer();
    auto res = PostRaw(
        rpc::MakeRequest(
            next_id_++, "initialize",
            {{"protocolVersion", "2025-06-18"},
             {"capabilities", {{"sampling", json::object()}, {"elicitation", json::object()}}},
             {"clientInfo", {{"name", "unit-test"}, {"version", "1"}}}})
            .dump(),
        {{"Accept", "application/json, text/event-stream"}});
    ASSERT_TRUE(res && res->status == 200);
    session_ = res->get_header_value(std::string(mcp::kSessionIdHeader).c_str());
    version_ = "2025-06-18";
  }
};

TEST_F(McpConformanceProfile, RegistersTheSuitesFixtures) {
  const auto names = ToolNames();
  for (const char* tool :
       {"test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource",
        "test_multiple_content_types", "test_tool_with_logging", "test_tool_with_progress",
        "test_error_handling", "test_sampling", "test_elicitation",
        "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums",
        "json_schema_2020_12_tool", "test_reconnection"}) {
    EXPECT_THAT(names, Contains(tool));
  }
  EXPECT_THAT(names, Contains("list_models")) << "the real tools stay";
  const json templated = Rpc("resources/read", {{"uri", "test://template/42/data"}});
  EXPECT_EQ(json::parse(templated["result"]["contents"][0]["text"].get<std::string>())["id"], "42");
  EXPECT_EQ(Rpc("prompts/get",
                {{"name", "test_prompt_with_arguments"},
                 {"arguments",
                  {{"arg1", "a"}, {"arg2", "b"}}}})["result"]["messages"][0]["content"]["text"],
            "Prompt with arguments: arg1='a', arg2='b'");
}

TEST_F(McpConformanceProfile, SamplingRequestTravelsOnTheStreamAndTheAnswerIsPostedBack) {
  const json request = rpc::MakeRequest(
      next_id_++, "tools/call", {{"name", "test_sampling"}, {"arguments", {{"prompt", "Hi?"}}}});
  std::string asked_prompt;
  const StreamedReply reply = StreamRequest(
      server_->port(), "POST", "/mcp", SessionHeaders(), request.dump(), [&](const json& message) {
        if (message.value("method", "") == "sampling/createMessage") {
          asked_prompt = message["params"]["messages"][0]["content"]["text"].get<std::string>();
          const json answer = rpc::MakeResult(
              message["id"], {{"role", "assistant"},
                              {"content", {{"type", "text"}, {"text", "Hello from the client"}}},
                              {"model", "test-model"}});
          httplib::Client other("127.0.0.1", server_->port());
          auto posted = other.Post("/mcp", SessionHeaders(), answer.dump(), "application/json");
          EXPECT_TRUE(posted && posted->status == 202);
        }
        return true;
      });
  EXPECT_EQ(asked_prompt, "Hi?");
  ASSERT_FALSE(reply.messages.empty());
  const json& result = reply.messages.back();
  EXPECT_EQ(result["id"], request["id"]);
  EXPECT_EQ(result["result"]["content"][0]["text"], "LLM response: Hello from the client");
}

TEST_F(McpConformanceProfile, ElicitationWithoutAStreamFailsClearly) {
  httplib::Headers headers = SessionHeaders();
  headers.erase("Accept");
  headers.emplace("Accept", "application/json");
  auto res = PostRaw(
      rpc::MakeRequest(next_id_++, "tools/call",
                       {{"name", "test_elicitation"}, {"arguments", {{"message", "Name?"}}}})
          .dump(),
      headers);
  ASSERT_TRUE(res);
  const json result = json::parse(res->body)["result"];
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), HasSubstr("text/event-stream"));
}

TEST_F(McpConformanceProfile, AClientErrorAnswerFailsTheElicitation) {
  const json request =
      rpc::MakeRequest(next_id_++, "tools/call",
                       {{"name", "test_elicitation"}, {"arguments", {{"message", "Name?"}}}});
  const StreamedReply reply = StreamRequest(
      server_->port(), "POST", "/mcp", SessionHeaders(), request.dump(), [&](const json& message) {
        if (message.value("method", "") == "elicitation/create") {
          httplib::Client other("127.0.0.1", server_->port());
          other.Post("/mcp", SessionHeaders(),
                     rpc::MakeError(message["id"], -32601, "no elicitation here").dump(),
                     "application/json");
        }
        return true;
      });
  ASSERT_FALSE(reply.messages.empty());
  const json& result = reply.messages.back()["result"];
  EXPECT_EQ(result["isError"], true);
  EXPECT_THAT(Text(result), HasSubstr("no elicitation here"));
}

}  // namespace
}  // namespace mcp_server::testing
