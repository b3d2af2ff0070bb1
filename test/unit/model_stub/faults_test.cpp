// Rules and fault injection (POST /__stub/rules) over real HTTP against the
// in-process stub on 127.0.0.1.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "poll_until.h"
#include "stub_fixture.h"

namespace model_stub {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const Json kResponsesRequest = {{"model", "gpt-4.1"}, {"input", "Recall GAMMA-7"}};
const Json kClaudeToolRequest = {
    {"model", "claude-test"},
    {"stream", true},
    {"tools", {{{"name", "mcp__srv__echo"}}}},
    {"messages",
     {{{"role", "user"},
       {"content",
        R"(call echo with {"text": "a fairly long text to stream in several pieces"})"}}}}};

class FaultTest : public StubServerTest {
 protected:
  // Posts `rules` and returns their ids; fails the test on any other answer.
  std::vector<std::string> AddRules(const Json& rules) {
    auto res = PostJson("/__stub/rules", rules);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "POST /__stub/rules failed: " << (res ? res->body : "no response");
      return {};
    }
    return Json::parse(res->body)["ids"].get<std::vector<std::string>>();
  }

  // The journal's entries once every request has been answered: a delayed
  // request is journaled before its outcome, so poll with a bounded backoff
  // until every entry has a status.
  Json SettledJournal(std::size_t expected) {
    Json requests;
    support::PollUntil(
        std::chrono::steady_clock::now() + std::chrono::seconds(5),
        [&] {
          requests = Journal()["requests"];
          return requests.size() == expected &&
                 std::all_of(requests.begin(), requests.end(),
                             [](const Json& entry) { return entry["status"] != 0; });
        },
        support::Backoff(std::chrono::milliseconds(1), std::chrono::milliseconds(50)));
    return requests;
  }
};

TEST_F(FaultTest, Injects429WithRetryAfterInOpenAisErrorShape) {
  const auto ids = AddRules(
      {{"match", {{"provider", "openai"}, {"path", "/v1/responses"}, {"body_contains", "GAMMA-7"}}},
       {"respond", {{"status", 429}}}});
  ASSERT_EQ(ids.size(), 1U);

  auto res = PostJson("/v1/responses", kResponsesRequest);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("retry-after"), "1");
  const Json error = Json::parse(res->body);
  EXPECT_EQ(error["error"]["type"], "rate_limit_exceeded");
  EXPECT_THAT(error["error"]["message"].get<std::string>(), HasSubstr(ids[0]));

  const Json journal = Journal()["requests"];
  ASSERT_EQ(journal.size(), 1U);
  EXPECT_EQ(journal[0]["rule"], ids[0]);
  EXPECT_EQ(journal[0]["status"], 429);
}

TEST_F(FaultTest, InjectsAnthropic529Overloaded) {
  AddRules({{"match", {{"provider", "anthropic"}}}, {"respond", {{"status", 529}}}});
  auto res = PostJson("/v1/messages", kClaudeToolRequest);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 529);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  const Json error = Json::parse(res->body);
  EXPECT_EQ(error["type"], "error");
  EXPECT_EQ(error["error"]["type"], "overloaded_error");
}

TEST_F(FaultTest, Injects500And503InGeminisShapeWithTheRulesHeaders) {
  AddRules(Json::array({{{"match", {{"model", "gemini-2.5-pro"}}},
                         {"respond", {{"status", 503}, {"headers", {{"x-stub", "yes"}}}}}},
                        {{"match", {{"provider", "gemini"}}}, {"respond", {{"status", 500}}}}}));
  const Json request = Json::parse(R"({"contents": [{"parts": [{"text": "hi"}]}]})");

  auto unavailable = PostJson("/v1beta/models/gemini-2.5-pro:generateContent", request);
  ASSERT_TRUE(unavailable);
  EXPECT_EQ(unavailable->status, 503);
  EXPECT_EQ(unavailable->get_header_value("x-stub"), "yes");
  EXPECT_EQ(Json::parse(unavailable->body)["error"]["status"], "UNAVAILABLE");
  EXPECT_EQ(Json::parse(unavailable->body)["error"]["code"], 503);

  auto internal = PostJson("/v1beta/models/gemini-2.5-flash:generateContent", request);
  ASSERT_TRUE(internal);
  EXPECT_EQ(internal->status, 500);
  EXPECT_EQ(Json::parse(internal->body)["error"]["status"], "INTERNAL");
}

TEST_F(FaultTest, SendsARulesBodyVerbatim) {
  const Json body = {{"custom", true}, {"list", {1, 2}}};
  AddRules({{"match", {{"path", "/v1/models"}}}, {"respond", {{"status", 202}, {"body", body}}}});
  auto res = client_->Get("/v1/models");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_EQ(Json::parse(res->body), body);
}

TEST_F(FaultTest, DelaysLongerThanTheClientWaits) {
  AddRules({{"respond", {{"delay_ms", 1500}}}, {"times", 1}});
  httplib::Client impatient("127.0.0.1", port_);
  impatient.set_read_timeout(std::chrono::milliseconds(200));
  const auto started = std::chrono::steady_clock::now();
  auto res = impatient.Post("/v1/responses", Dump(kResponsesRequest), "application/json");
  EXPECT_FALSE(res) << "the client's 200 ms timeout should have fired before the 1.5 s delay";
  if (!res) {
    EXPECT_EQ(res.error(), httplib::Error::Read);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1400));

  // The delayed request is still answered (by the echo brain) once the delay ends.
  const Json journal = SettledJournal(1);
  ASSERT_EQ(journal.size(), 1U);
  EXPECT_EQ(journal[0]["status"], 200);
  EXPECT_GE(journal[0]["duration_ms"].get<long>(), 1500);
}

TEST_F(FaultTest, TruncatesAStreamBeforeItsTerminalEvents) {
  AddRules({{"match", {{"provider", "anthropic"}}}, {"respond", {{"truncate_stream_after", 3}}}});
  auto res = PostJson("/v1/messages", kClaudeToolRequest);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  std::vector<std::string> types;
  for (const auto& [type, data] : ParseSse(res->body)) types.push_back(type);
  EXPECT_THAT(types, ElementsAre("message_start", "ping", "content_block_start"));
  EXPECT_THAT(types, Not(Contains("message_stop")));
}

TEST_F(FaultTest, DropsTheConnectionWithoutAnyResponse) {
  const auto ids = AddRules({{"respond", {{"close_connection", true}}}, {"times", 1}});
  auto res = PostJson("/v1/responses", kResponsesRequest);
  ASSERT_FALSE(res) << "got a response: " << res->status << " " << res->body;
  EXPECT_NE(res.error(), httplib::Error::Success);

  // The next request (a new connection) is answered normally.
  httplib::Client fresh("127.0.0.1", port_);
  auto after = fresh.Post("/v1/responses", Dump(kResponsesRequest), "application/json");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);

  // Status 0: nothing was sent (the rule is recorded when the request arrives).
  const Json journal = Journal()["requests"];
  ASSERT_EQ(journal.size(), 2U);
  EXPECT_EQ(journal[0]["rule"], ids.at(0));
  EXPECT_EQ(journal[0]["status"], 0);
  EXPECT_TRUE(journal[1]["rule"].is_null());
}

TEST_F(FaultTest, SendsMalformedJsonAsABodyOrAsStreamData) {
  AddRules({{"respond", {{"malformed_json", true}}}});
  auto plain = PostJson("/v1/chat/completions", Json::parse(R"({"model": "m", "messages": []})"));
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200);
  EXPECT_EQ(plain->get_header_value("Content-Type"), "application/json");
  EXPECT_FALSE(Json::accept(plain->body)) << plain->body;

  Json streaming = kClaudeToolRequest;
  auto stream = PostJson("/v1/messages", streaming);
  ASSERT_TRUE(stream);
  const std::string prefix = "event: message_start\ndata: ";
  ASSERT_EQ(stream->body.rfind(prefix, 0), 0U) << stream->body;
  const std::string data =
      stream->body.substr(prefix.size(), stream->body.find("\n\n") - prefix.size());
  EXPECT_FALSE(Json::accept(data)) << data;
}

TEST_F(FaultTest, ScriptsTextInEachProvidersWireFormat) {
  AddRules({{"respond", {{"text", "scripted KAPPA-9"}}}});
  Json claude = kClaudeToolRequest;
  claude["stream"] = false;
  auto anthropic = PostJson("/v1/messages", claude);
  ASSERT_TRUE(anthropic);
  EXPECT_EQ(Json::parse(anthropic->body)["content"][0]["text"], "scripted KAPPA-9");
  EXPECT_EQ(Json::parse(anthropic->body)["stop_reason"], "end_turn");

  auto chat = PostJson("/v1/chat/completions",
                       Json::parse(R"({"model": "m", "stream": true, "messages": []})"));
  ASSERT_TRUE(chat);
  std::string text;
  for (const auto& [type, data] : ParseSse(chat->body.substr(0, chat->body.find("data: [DONE]")))) {
    if (!data["choices"].empty()) text += data["choices"][0]["delta"].value("content", "");
  }
  EXPECT_EQ(text, "scripted KAPPA-9");

  auto gemini = PostJson("/v1beta/models/g:generateContent",
                         Json::parse(R"({"contents": [{"parts": [{"text": "x"}]}]})"));
  ASSERT_TRUE(gemini);
  EXPECT_EQ(Json::parse(gemini->body)["candidates"][0]["content"]["parts"][0]["text"],
            "scripted KAPPA-9");
}

TEST_F(FaultTest, ScriptsAToolCallInEachProvidersWireFormat) {
  AddRules({{"respond", {{"tool_call", {{"name", "lookup"}, {"input", {{"q", "x"}}}}}}}});
  auto anthropic = PostJson("/v1/messages", kClaudeToolRequest);
  ASSERT_TRUE(anthropic);
  const auto events = ParseSse(anthropic->body);
  ASSERT_GE(events.size(), 2U);
  EXPECT_EQ(events[2].second["content_block"]["type"], "tool_use");
  EXPECT_EQ(events[2].second["content_block"]["name"], "lookup");
  EXPECT_EQ(events.back().first, "message_stop");

  auto responses = PostJson("/v1/responses", kResponsesRequest);
  ASSERT_TRUE(responses);
  const Json item = Json::parse(responses->body)["output"][0];
  EXPECT_EQ(item["type"], "function_call");
  EXPECT_EQ(item["name"], "lookup");
  EXPECT_EQ(Json::parse(item["arguments"].get<std::string>()), Json::parse(R"({"q": "x"})"));

  auto gemini = PostJson("/v1beta/models/g:generateContent",
                         Json::parse(R"({"contents": [{"parts": [{"text": "x"}]}]})"));
  ASSERT_TRUE(gemini);
  EXPECT_EQ(
      Json::parse(gemini->body)["candidates"][0]["content"]["parts"][0]["functionCall"]["name"],
      "lookup");
}

TEST_F(FaultTest, FallsBackToTheEchoBrainOnceTimesRunsOut) {
  const auto ids = AddRules({{"respond", {{"status", 503}}}, {"times", 2}});
  std::vector<int> statuses;
  for (int i = 0; i < 3; ++i) {
    auto res = PostJson("/v1/responses", kResponsesRequest);
    statuses.push_back(res ? res->status : -1);
  }
  EXPECT_THAT(statuses, ElementsAre(503, 503, 200));

  auto listed = client_->Get("/__stub/rules");
  ASSERT_TRUE(listed);
  const Json rules = Json::parse(listed->body)["rules"];
  ASSERT_EQ(rules.size(), 1U);
  EXPECT_EQ(rules[0]["id"], ids.at(0));
  EXPECT_EQ(rules[0]["times"], 0);
  EXPECT_EQ(rules[0]["matched"], 2);
}

TEST_F(FaultTest, FirstMatchingRuleWins) {
  AddRules(Json::array({
      {{"id", "other-model"}, {"match", {{"model", "o3"}}}, {"respond", {{"status", 500}}}},
      {{"id", "by-regex"},
       {"match", {{"body_regex", "GAM+A-[0-9]+"}}},
       {"respond", {{"status", 429}}}},
      {{"id", "everything"}, {"respond", {{"status", 503}}}},
  }));
  auto res = PostJson("/v1/responses", kResponsesRequest);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  auto other = PostJson("/v1/responses", {{"model", "gpt-4.1"}, {"input", "nothing here"}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 503);
  const Json journal = Journal()["requests"];
  ASSERT_EQ(journal.size(), 2U);
  EXPECT_EQ(journal[0]["rule"], "by-regex");
  EXPECT_EQ(journal[1]["rule"], "everything");
}

TEST_F(FaultTest, ConsumesTimesExactlyUnderConcurrentRequests) {
  const auto ids = AddRules({{"respond", {{"status", 503}}}, {"times", 5}});
  ASSERT_EQ(ids.size(), 1U);
  constexpr int kClients = 16;
  std::vector<std::thread> clients;
  std::vector<int> statuses(kClients, 0);
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([this, i, &statuses] {
      httplib::Client client("127.0.0.1", port_);
      client.set_read_timeout(std::chrono::seconds(5));
      auto res = client.Post("/v1/responses", Dump(kResponsesRequest), "application/json");
      statuses[static_cast<std::size_t>(i)] = res ? res->status : -1;
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_THAT(statuses, Contains(503).Times(5));
  EXPECT_THAT(statuses, Contains(200).Times(kClients - 5));

  const Json journal = Journal()["requests"];
  ASSERT_EQ(journal.size(), static_cast<std::size_t>(kClients));
  std::vector<Json> rules;
  for (const auto& entry : journal) rules.push_back(entry["rule"]);
  EXPECT_THAT(rules, Contains(Json(ids[0])).Times(5));
}

TEST_F(FaultTest, RejectsInvalidRulesNamingTheBadField) {
  const std::vector<std::pair<Json, std::string>> cases = {
      {{{"respond", {{"status", 700}}}}, "rule.respond.status"},
      {{{"respond", {{"delay_ms", 200000}}}}, "rule.respond.delay_ms"},
      {{{"respond", {{"stauts", 500}}}}, "rule.respond.stauts: unknown field"},
      {{{"match", {{"provider", "azure"}}}, {"respond", Json::object()}}, "rule.match.provider"},
      {{{"match", {{"body_regex", "(unclosed"}}}, {"respond", Json::object()}},
       "rule.match.body_regex"},
      {{{"respond", {{"text", "a"}, {"body", Json::object()}}}}, "at most one of"},
      {{{"respond", {{"tool_call", {{"input", Json::object()}}}}}}, "rule.respond.tool_call.name"},
      {{{"respond", Json::object()}, {"times", 0}}, "rule.times"},
      {{{"match", Json::object()}}, "rule.respond: required"},
      {Json::array({{{"respond", Json::object()}}, {{"respond", {{"headers", {{"a", 1}}}}}}}),
       "rules[1].respond.headers.a"},
  };
  for (const auto& [rule, field] : cases) {
    auto res = PostJson("/__stub/rules", rule);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << Dump(rule);
    EXPECT_THAT(Json::parse(res->body)["error"]["message"].get<std::string>(), HasSubstr(field));
  }
  auto not_json = client_->Post("/__stub/rules", "{", "application/json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  auto listed = client_->Get("/__stub/rules");
  ASSERT_TRUE(listed);
  EXPECT_EQ(Json::parse(listed->body)["rules"].size(), 0U) << "an invalid rule must add nothing";
}

TEST_F(FaultTest, RejectsADuplicateId) {
  AddRules({{"id", "same"}, {"respond", Json::object()}});
  auto res = PostJson("/__stub/rules", {{"id", "same"}, {"respond", Json::object()}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("same"));
}

TEST_F(FaultTest, ResetClearsTheRules) {
  AddRules({{"respond", {{"status", 500}}}});
  ASSERT_TRUE(client_->Post("/__stub/reset"));
  auto listed = client_->Get("/__stub/rules");
  ASSERT_TRUE(listed);
  EXPECT_EQ(Json::parse(listed->body)["rules"].size(), 0U);
  auto res = PostJson("/v1/responses", kResponsesRequest);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

}  // namespace
}  // namespace model_stub
