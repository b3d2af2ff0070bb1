// Pass-through, record and replay over real HTTP: the in-process stub in
// front of an in-process fake provider (fake_provider.h), all on 127.0.0.1.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <string>
#include <vector>

#include "fake_provider.h"
#include "live_semaphore.h"
#include "stub_fixture.h"

namespace model_stub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const Json kLiveResponsesRequest = {{"model", "gpt-4.1"}, {"input", "Recall GAMMA-7"}};
const Json kMessagesRequest = {
    {"model", "claude-sonnet-4"},
    {"stream", true},
    {"metadata", {{"user_id", "user_abc_session_0f8fad5b-d9cb-469f-a165-70867728950e"}}},
    {"system",
     {{{"type", "text"},
       {"text",
        "You are Claude Code.\nWorking directory: /workspace\n"
        "Today's date: 2025-11-27\n"}}}},
    {"messages", {{{"role", "user"}, {"content", "say hello"}}}}};
const httplib::Headers kOpenAiAuth = {{"Authorization", "Bearer sk-CANARY-openai-1111"}};
const httplib::Headers kAnthropicAuth = {{"x-api-key", "sk-ant-CANARY-2222"},
                                         {"anthropic-version", "2023-06-01"}};

class LiveStubTest : public StubServerTest {
 protected:
  void SetUp() override {
    StubServerTest::SetUp();
    ASSERT_TRUE(upstream_.running());
    SetMode(StubMode::kPassthrough);
  }

  void SetMode(StubMode mode) {
    LiveConfig config;
    config.mode = mode;
    config.anthropic = config.openai = config.gemini = upstream_.BaseUrl();
    config.timeout = std::chrono::seconds(10);
    server_.SetLiveConfig(config);
  }

  // POSTs a streaming request; releases the upstream's second half as soon
  // as the first bytes arrive, so the test proves the stub streams.
  httplib::Result PostStreaming(const std::string& path, const Json& body,
                                const httplib::Headers& headers, std::string& received) {
    httplib::Request req;
    req.method = "POST";
    req.path = path;
    req.headers = headers;
    req.body = Dump(body);
    req.set_header("Content-Type", "application/json");
    req.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
      received.append(data, size);
      upstream_.ReleaseStream();
      return true;
    };
    return client_->send(req);
  }

  // The three exchanges most tests use: OpenAI JSON, Anthropic SSE, Gemini JSON.
  void SendThreeExchanges(const Json& messages_request = kMessagesRequest) {
    ASSERT_EQ(PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth)->status, 200);
    std::string stream;
    ASSERT_EQ(
        PostStreaming("/v1/messages?beta=true", messages_request, kAnthropicAuth, stream)->status,
        200);
    const Json gemini = {{"contents", {{{"parts", {{{"text", "hi"}}}}}}}};
    ASSERT_EQ(PostJson("/v1beta/models/gemini-2.5-flash:generateContent?key=CANARY-gemini-3333",
                       gemini, {{"x-goog-api-key", "CANARY-goog-4444"}})
                  ->status,
              200);
  }

  std::string Cassette() {
    auto res = client_->Get("/__stub/cassette");
    return res && res->status == 200 ? res->body : std::string();
  }

  FakeProvider upstream_;
};

TEST_F(LiveStubTest, PassesJsonThroughWithTheProvidersHeadersBothWays) {
  auto res = PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("x-request-id"), "req_123");
  EXPECT_EQ(Json::parse(res->body)["output_text"], "real answer to \"Recall GAMMA-7\"");
  EXPECT_THAT(upstream_.LastRequest(), HasSubstr("Bearer sk-CANARY-openai-1111"));
  EXPECT_THAT(upstream_.LastRequest(), HasSubstr("POST /v1/responses"));
  const Json journal = Journal()["requests"];
  ASSERT_EQ(journal.size(), 1U);
  EXPECT_EQ(journal[0]["status"], 200);
  EXPECT_EQ(journal[0]["headers"]["authorization"], "***");
}

TEST_F(LiveStubTest, StreamsSseThroughBeforeTheUpstreamHasFinished) {
  std::string received;
  auto res = PostStreaming("/v1/messages?beta=true", kMessagesRequest, kAnthropicAuth, received);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(upstream_.released_by_client())
      << "the first event did not reach the client before the upstream finished";
  EXPECT_THAT(upstream_.LastRequest(), HasSubstr("POST /v1/messages?beta=true"));
  EXPECT_THAT(upstream_.LastRequest(), HasSubstr("anthropic-version: 2023-06-01"));
  const auto events = ParseSse(received);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].first, "message_start");
  EXPECT_EQ(events[2].first, "message_stop");
}

TEST_F(LiveStubTest, AppliesRulesInFrontOfRealTraffic) {
  ASSERT_EQ(PostJson("/__stub/rules", {{"match", {{"path", "/v1/responses"}}},
                                       {"respond", {{"status", 429}}},
                                       {"times", 1}})
                ->status,
            200);
  auto limited = PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(upstream_.hits(), 0);
  auto real = PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth);
  ASSERT_TRUE(real);
  EXPECT_EQ(real->status, 200);
  EXPECT_EQ(upstream_.hits(), 1);
}

TEST_F(LiveStubTest, AnswersBadGatewayInTheProvidersShapeWhenTheUpstreamIsDown) {
  LiveConfig config = server_.live_config();
  config.openai = "http://127.0.0.1:1";  // nothing listens on port 1
  server_.SetLiveConfig(config);
  auto res = PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 502);
  EXPECT_THAT(Json::parse(res->body)["error"]["message"].get<std::string>(),
              HasSubstr("no answer from http://127.0.0.1:1/v1/responses"));
}

TEST_F(LiveStubTest, HoldsAMachineWideSlotPerExchangeAndReportsTheWait) {
  const std::string slots = ::testing::TempDir() + "live-slots-" +
                            ::testing::UnitTest::GetInstance()->current_test_info()->name();
  LiveConfig config = server_.live_config();
  config.concurrency = 1;
  config.slots_dir = slots;
  config.slot_timeout = std::chrono::milliseconds(300);
  server_.SetLiveConfig(config);

  {
    // Another process's call holds the only slot: this one is refused after the wait.
    const support::LiveSlot held =
        support::LiveSemaphore(1, slots).Acquire(std::chrono::seconds(5));
    auto refused = PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503);
    EXPECT_THAT(Json::parse(refused->body)["error"]["message"].get<std::string>(),
                HasSubstr("slots"));
    EXPECT_EQ(upstream_.hits(), 0);
  }
  auto answered = PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth);
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 200);
  EXPECT_EQ(upstream_.hits(), 1);
  // The slot is free again once the exchange is over (the server lets go of
  // it just after the client has the last byte: a bounded wait).
  EXPECT_NO_THROW(support::LiveSemaphore(1, slots).Acquire(std::chrono::seconds(5)));
  const Json journal = Json::parse(client_->Get("/__stub/requests")->body);
  ASSERT_EQ(journal["requests"].size(), 2U);
  EXPECT_GE(journal["requests"][0]["slot_wait_ms"].get<long>(), 300);
  EXPECT_LT(journal["requests"][1]["slot_wait_ms"].get<long>(), 300);
}

TEST_F(LiveStubTest, RecordsOneEntryPerExchangeInAFixedShape) {
  SendThreeExchanges();
  const Json cassette = Json::parse(Cassette());
  EXPECT_EQ(cassette["version"], 1);
  const Json& exchanges = cassette["exchanges"];
  ASSERT_EQ(exchanges.size(), 3U);
  std::vector<std::string> request_fields;
  for (const auto& [key, value] : exchanges[1]["request"].items()) request_fields.push_back(key);
  EXPECT_THAT(request_fields,
              ElementsAre("provider", "method", "path", "query", "model", "stream", "body"));
  EXPECT_EQ(exchanges[0]["response"]["body"]["output_text"], "real answer to \"Recall GAMMA-7\"");
  EXPECT_EQ(exchanges[0]["response"]["headers"], Json({{"content-type", "application/json"}}));
  const Json& events = exchanges[1]["response"]["events"];
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0]["event"], "message_start");
  EXPECT_EQ(events[1]["data"]["delta"]["text"], "hello");
  EXPECT_EQ(exchanges[2]["request"]["provider"], "gemini");
  EXPECT_EQ(exchanges[2]["request"]["model"], "gemini-2.5-flash");
}

TEST_F(LiveStubTest, RecordsTheSameExchangesAsTheSameBytes) {
  SendThreeExchanges();
  const std::string first = Cassette();
  ASSERT_EQ(client_->Post("/__stub/reset")->status, 200);
  SendThreeExchanges();
  EXPECT_EQ(Cassette(), first);
}

TEST_F(LiveStubTest, NeverKeepsAKeyInTheJournalOrTheCassette) {
  Json with_key_in_body = kMessagesRequest;
  with_key_in_body["messages"][0]["content"] = "my key is sk-ant-CANARY-2222, keep it";
  with_key_in_body["api_key"] = "CANARY-body-5555";
  SendThreeExchanges(with_key_in_body);
  EXPECT_THAT(upstream_.LastRequest(), HasSubstr("CANARY-goog-4444"));  // it was forwarded
  const auto journal = client_->Get("/__stub/requests");
  ASSERT_TRUE(journal);
  EXPECT_THAT(journal->body, Not(HasSubstr("CANARY")));
  const std::string cassette = Cassette();
  EXPECT_THAT(cassette, HasSubstr("***"));
  EXPECT_THAT(cassette, Not(HasSubstr("CANARY")));
}

TEST_F(LiveStubTest, SwapsThePlaceholderForItsOwnKeyAndNeverKeepsIt) {
  LiveConfig config;
  config.mode = StubMode::kPassthrough;
  config.openai = upstream_.BaseUrl();
  config.keys.openai = "sk-CANARY-real-openai-7777";
  server_.SetLiveConfig(config);
  ASSERT_EQ(PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth)->status, 200);
  EXPECT_THAT(upstream_.LastRequest(), HasSubstr("Bearer sk-CANARY-real-openai-7777"));
  EXPECT_THAT(upstream_.LastRequest(), Not(HasSubstr("sk-CANARY-openai-1111")));
  // The fake provider echoes the authorization it got: scrubbed in the cassette.
  EXPECT_THAT(Cassette(), Not(HasSubstr("real-openai")));
  EXPECT_THAT(client_->Get("/__stub/requests")->body, Not(HasSubstr("real-openai")));
}

class ReplayTest : public LiveStubTest {
 protected:
  // Records the three exchanges, then switches the stub to replay them.
  void RecordThenLoad() {
    SendThreeExchanges();
    const std::string cassette = Cassette();
    ASSERT_EQ(client_->Post("/__stub/reset")->status, 200);
    SetMode(StubMode::kReplay);
    auto loaded = client_->Post("/__stub/cassette", cassette, "application/json");
    ASSERT_TRUE(loaded);
    ASSERT_EQ(loaded->status, 200) << loaded->body;
    EXPECT_EQ(Json::parse(loaded->body)["exchanges"], 3);
    recorded_hits_ = upstream_.hits();
  }

  Json Misses() { return Json::parse(client_->Get("/__stub/replay-misses")->body)["misses"]; }

  int recorded_hits_ = 0;
};

TEST_F(ReplayTest, AnswersJsonAndStreamsFromTheCassetteWithoutTheUpstream) {
  RecordThenLoad();
  auto json = PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth);
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200);
  EXPECT_EQ(Json::parse(json->body)["output_text"], "real answer to \"Recall GAMMA-7\"");
  std::string stream;
  auto sse = PostStreaming("/v1/messages?beta=true", kMessagesRequest, kAnthropicAuth, stream);
  ASSERT_TRUE(sse);
  EXPECT_EQ(sse->status, 200);
  EXPECT_EQ(sse->get_header_value("Content-Type"), "text/event-stream");
  const auto events = ParseSse(stream);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[1].second["delta"]["text"], "hello");
  EXPECT_EQ(upstream_.hits(), recorded_hits_);
  EXPECT_TRUE(Misses().empty());
}

TEST_F(ReplayTest, StillMatchesWhenOnlyVolatileFieldsChanged) {
  RecordThenLoad();
  Json changed = kMessagesRequest;
  changed["metadata"]["user_id"] = "user_abc_session_11111111-2222-3333-4444-555555555555";
  changed["system"][0]["text"] =
      "You are Claude Code.\nWorking directory: /home/other\nToday's date: 2026-01-02\n";
  std::string stream;
  auto sse = PostStreaming("/v1/messages?beta=true", changed,
                           {{"x-api-key", "another-key-9999"}, {"anthropic-version", "2023-06-01"}},
                           stream);
  ASSERT_TRUE(sse);
  EXPECT_EQ(sse->status, 200) << sse->body;
  EXPECT_EQ(ParseSse(stream).size(), 3U);
}

TEST_F(ReplayTest, AMissAnswersAProviderErrorAndReportsTheNearestAndTheDifference) {
  RecordThenLoad();
  Json changed = kMessagesRequest;
  changed["messages"][0]["content"] = "say goodbye";
  auto res = PostJson("/v1/messages", changed, kAnthropicAuth);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  const Json error = Json::parse(res->body);
  EXPECT_EQ(error["type"], "error");
  EXPECT_THAT(error["error"]["message"].get<std::string>(),
              HasSubstr("first difference at \"/body/messages/0/content\""));
  const Json misses = Misses();
  ASSERT_EQ(misses.size(), 1U);
  EXPECT_EQ(misses[0]["seq"], Journal()["requests"][0]["seq"]);
  EXPECT_EQ(misses[0]["nearest"]["index"], 1);
  EXPECT_EQ(misses[0]["difference"]["pointer"], "/body/messages/0/content");
  EXPECT_EQ(misses[0]["difference"]["recorded"], "say hello");
  EXPECT_EQ(misses[0]["difference"]["received"], "say goodbye");
  EXPECT_EQ(misses[0]["difference"]["distance"], 1);
}

TEST_F(ReplayTest, RejectsAMalformedCassetteNamingTheField) {
  auto res = client_->Post(
      "/__stub/cassette", R"({"exchanges": [{"request": {"provider": "openai"}, "response": {}}]})",
      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("exchanges[0].request.path: must be a string"));
}

TEST_F(ReplayTest, MissesEverythingWhenNoCassetteIsLoaded) {
  SetMode(StubMode::kReplay);
  auto res = PostJson("/v1/responses", kLiveResponsesRequest, kOpenAiAuth);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("no cassette loaded"));
  EXPECT_EQ(Misses().size(), 1U);
}

}  // namespace
}  // namespace model_stub
