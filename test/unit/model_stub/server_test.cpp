// The stub over real HTTP, in-process on an ephemeral 127.0.0.1 port.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "stub_fixture.h"

namespace model_stub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const Json kToolPrompt = {
    {"model", "claude-test"},
    {"stream", true},
    {"tools", {{{"name", "mcp__srv__echo"}}}},
    {"messages", {{{"role", "user"}, {"content", R"(call echo with {"text": "hi {there}"})"}}}}};

TEST_F(StubServerTest, AnswersHealthz) {
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Json::parse(res->body), Json::parse(R"({"status": "ok"})"));
}

TEST_F(StubServerTest, StreamsAToolUseAsServerSentEvents) {
  auto res = PostJson("/v1/messages?beta=true", kToolPrompt);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"), StartsWith("text/event-stream"));
  const auto events = ParseSse(res->body);
  std::vector<std::string> types;
  std::string partial_json;
  for (const auto& [type, data] : events) {
    types.push_back(type);
    if (type == "content_block_delta")
      partial_json += data["delta"]["partial_json"].get<std::string>();
  }
  EXPECT_THAT(types,
              ElementsAre("message_start", "ping", "content_block_start", "content_block_delta",
                          "content_block_stop", "message_delta", "message_stop"));
  ASSERT_EQ(events.size(), 7U);
  EXPECT_EQ(events[2].second["content_block"]["name"], "mcp__srv__echo");
  EXPECT_EQ(Json::parse(partial_json), Json::parse(R"({"text": "hi {there}"})"));
  EXPECT_EQ(events[5].second["delta"]["stop_reason"], "tool_use");
}

TEST_F(StubServerTest, AnswersANonStreamingMessage) {
  Json request = kToolPrompt;
  request["stream"] = false;
  request["messages"][0]["content"] = "just talk";
  auto res = PostJson("/v1/messages", request);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const Json message = Json::parse(res->body);
  EXPECT_EQ(message["content"][0]["text"], "ECHO: just talk");
  EXPECT_EQ(message["stop_reason"], "end_turn");
}

TEST_F(StubServerTest, AnswersTheResponsesApi) {
  auto res = PostJson("/v1/responses", {{"model", "o3"}, {"input", "Recall TANGO-5 please"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const Json response = Json::parse(res->body);
  EXPECT_EQ(response["object"], "response");
  EXPECT_EQ(response["output"][0]["type"], "reasoning");
  EXPECT_EQ(response["output"][1]["content"][0]["text"], "[o3] facts: TANGO-5 | input_tokens: 5");
}

TEST_F(StubServerTest, StreamsTheResponsesApi) {
  auto res = PostJson("/v1/responses", {{"model", "gpt-4.1"}, {"stream", true}, {"input", "x"}});
  ASSERT_TRUE(res);
  const auto events = ParseSse(res->body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().first, "response.created");
  EXPECT_EQ(events.back().first, "response.completed");
  EXPECT_EQ(events.back().second["response"]["status"], "completed");
}

TEST_F(StubServerTest, JournalsProviderRequestsButNotAdminCalls) {
  ASSERT_TRUE(client_->Get("/healthz"));
  ASSERT_TRUE(PostJson("/v1/messages?beta=true", kToolPrompt));
  ASSERT_TRUE(PostJson("/v1/responses", {{"model", "o3"}, {"input", "hi"}}));

  const Json all = Journal();
  ASSERT_EQ(all["requests"].size(), 2U);
  const Json& first = all["requests"][0];
  EXPECT_EQ(first["seq"], 1);
  EXPECT_EQ(first["method"], "POST");
  EXPECT_EQ(first["path"], "/v1/messages");
  EXPECT_EQ(first["provider"], "anthropic");
  EXPECT_EQ(first["model"], "claude-test");
  EXPECT_EQ(first["stream"], true);
  EXPECT_EQ(first["status"], 200);
  EXPECT_EQ(first["body"], kToolPrompt);
  EXPECT_EQ(first["query"]["beta"], "true");
  EXPECT_THAT(first["time"].get<std::string>(), ::testing::EndsWith("Z"));

  const Json openai = Journal("?provider=openai");
  ASSERT_EQ(openai["requests"].size(), 1U);
  EXPECT_EQ(openai["requests"][0]["path"], "/v1/responses");
  EXPECT_EQ(Journal("?path=/v1/messages")["requests"].size(), 1U);
  EXPECT_EQ(Journal("?since=1")["requests"][0]["seq"], 2);

  ASSERT_TRUE(client_->Post("/__stub/reset"));
  EXPECT_EQ(Journal()["requests"].size(), 0U);
}

TEST_F(StubServerTest, NeverStoresTheApiKey) {
  const std::string canary = "sk-ant-CANARY-7f3a9";
  Json request = kToolPrompt;
  request["messages"][0]["content"] = "my key is " + canary;
  ASSERT_TRUE(PostJson("/v1/messages", request, {{"x-api-key", canary}}));
  ASSERT_TRUE(client_->Post("/v1/responses?key=" + canary, {{"Authorization", "Bearer " + canary}},
                            "key=" + canary, "application/x-www-form-urlencoded"));

  auto res = client_->Get("/__stub/requests");
  ASSERT_TRUE(res);
  EXPECT_THAT(res->body, Not(HasSubstr("CANARY")));
  const Json journal = Json::parse(res->body);
  ASSERT_EQ(journal["requests"].size(), 2U);
  EXPECT_EQ(journal["requests"][0]["headers"]["x-api-key"], "***");
  EXPECT_EQ(journal["requests"][1]["headers"]["authorization"], "***");
  EXPECT_EQ(journal["requests"][1]["query"]["key"], "***");
}

TEST_F(StubServerTest, AnswersUnknownPathsWith404InTheProvidersShape) {
  auto openai = PostJson("/v1/nothing", Json::object());
  ASSERT_TRUE(openai);
  EXPECT_EQ(openai->status, 404);
  const Json openai_error = Json::parse(openai->body);
  EXPECT_EQ(openai_error["error"]["type"], "invalid_request_error");
  EXPECT_TRUE(openai_error["error"]["param"].is_null());
  EXPECT_THAT(openai_error["error"]["message"].get<std::string>(), HasSubstr("/v1/nothing"));

  auto anthropic =
      PostJson("/v1/messages/nothing", Json::object(), {{"anthropic-version", "2023-06-01"}});
  ASSERT_TRUE(anthropic);
  EXPECT_EQ(anthropic->status, 404);
  const Json anthropic_error = Json::parse(anthropic->body);
  EXPECT_EQ(anthropic_error["type"], "error");
  EXPECT_EQ(anthropic_error["error"]["type"], "not_found_error");

  auto get = client_->Get("/v1/models");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 404);
  EXPECT_EQ(Journal()["requests"].size(), 3U);
}

TEST_F(StubServerTest, AnswersMalformedJsonWith400InTheProvidersShape) {
  auto anthropic = client_->Post("/v1/messages", "{\"model\": ", "application/json");
  ASSERT_TRUE(anthropic);
  EXPECT_EQ(anthropic->status, 400);
  const Json anthropic_error = Json::parse(anthropic->body);
  EXPECT_EQ(anthropic_error["type"], "error");
  EXPECT_EQ(anthropic_error["error"]["type"], "invalid_request_error");

  auto openai = client_->Post("/v1/responses", "[1, 2]", "application/json");
  ASSERT_TRUE(openai);
  EXPECT_EQ(openai->status, 400);
  EXPECT_EQ(Json::parse(openai->body)["error"]["type"], "invalid_request_error");

  auto wrong_types = PostJson("/v1/messages", {{"messages", "not a list"}});
  ASSERT_TRUE(wrong_types);
  EXPECT_EQ(wrong_types->status, 400);

  const Json journal = Journal();
  ASSERT_EQ(journal["requests"].size(), 3U);
  EXPECT_EQ(journal["requests"][0]["body"], "{\"model\": ");
  EXPECT_EQ(journal["requests"][0]["status"], 400);
}

TEST_F(StubServerTest, ServesConcurrentClients) {
  constexpr int kClients = 8;
  std::vector<std::thread> clients;
  std::vector<int> statuses(kClients, 0);
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([this, i, &statuses] {
      httplib::Client client("127.0.0.1", port_);
      client.set_read_timeout(std::chrono::seconds(5));
      Json request = kToolPrompt;
      request["messages"][0]["content"] = "client " + std::to_string(i);
      auto res = client.Post("/v1/messages", Dump(request), "application/json");
      statuses[static_cast<std::size_t>(i)] = res ? res->status : -1;
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_THAT(statuses, ::testing::Each(200));
  EXPECT_EQ(Journal()["requests"].size(), static_cast<std::size_t>(kClients));
}

TEST_F(StubServerTest, ServesChatEmbeddingsAndGemini) {
  auto chat = PostJson(
      "/v1/chat/completions",
      Json::parse(
          R"({"model": "gpt-4.1", "messages": [{"role": "user", "content": "UPSILON-3"}]})"));
  ASSERT_TRUE(chat);
  EXPECT_EQ(chat->status, 200);
  EXPECT_EQ(Json::parse(chat->body)["choices"][0]["message"]["content"],
            "[gpt-4.1] facts: UPSILON-3 | input_tokens: 3");

  auto embeddings = PostJson("/v1/embeddings", Json::parse(R"({"model": "e", "input": "x y"})"));
  ASSERT_TRUE(embeddings);
  EXPECT_EQ(Json::parse(embeddings->body)["data"][0]["embedding"].size(), 256U);

  const Json gemini_request =
      Json::parse(R"({"contents": [{"role": "user", "parts": [{"text": "MU-6"}]}]})");
  auto gemini =
      PostJson("/v1beta/models/gemini-2.5-flash:generateContent?key=goog-CANARY", gemini_request);
  ASSERT_TRUE(gemini);
  EXPECT_EQ(Json::parse(gemini->body)["candidates"][0]["content"]["parts"][0]["text"],
            "[gemini-2.5-flash] facts: MU-6 | input_tokens: 2");
  auto vertex = PostJson(
      "/v1/projects/p/locations/us-central1/publishers/google/models/"
      "gemini-2.5-pro:streamGenerateContent?alt=sse",
      gemini_request);
  ASSERT_TRUE(vertex);
  auto stable_path = PostJson("/v1/models/gemini-2.5-pro:generateContent", gemini_request);
  ASSERT_TRUE(stable_path);
  EXPECT_EQ(stable_path->status, 200);
  EXPECT_EQ(Json::parse(stable_path->body)["candidates"][0]["content"]["parts"][0]["text"],
            "[gemini-2.5-pro] facts: MU-6 | input_tokens: 2");
  const auto events = ParseSse(vertex->body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().second["candidates"][0]["finishReason"], "STOP");

  auto journal = client_->Get("/__stub/requests?provider=gemini");
  ASSERT_TRUE(journal);
  EXPECT_THAT(journal->body, Not(HasSubstr("CANARY")));
  const Json gemini_requests = Json::parse(journal->body)["requests"];
  ASSERT_EQ(gemini_requests.size(), 3U);
  EXPECT_EQ(gemini_requests[0]["model"], "gemini-2.5-flash");
  EXPECT_EQ(gemini_requests[1]["model"], "gemini-2.5-pro");
  EXPECT_EQ(gemini_requests[1]["stream"], true);
  EXPECT_EQ(gemini_requests[2]["model"], "gemini-2.5-pro");
  EXPECT_EQ(gemini_requests[2]["provider"], "gemini");
}

}  // namespace
}  // namespace model_stub
