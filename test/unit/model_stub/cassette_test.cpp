#include "cassette.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "replayer.h"

namespace model_stub {
namespace {

using ::testing::HasSubstr;

TEST(ParseSseEvents, ReadsEventsDataLinesAndIgnoresTheRest) {
  const auto events = ParseSseEvents(
      ": a comment\r\nevent: ping\r\ndata: {\"type\":\"ping\"}\r\n\r\n"
      "id: 7\ndata: first\ndata: second\n\ndata: [DONE]\n\ndata: {\"cut\":");
  ASSERT_EQ(events.size(), 4U);
  EXPECT_EQ(events[0].event, "ping");
  EXPECT_EQ(events[0].data, Json({{"type", "ping"}}));
  EXPECT_EQ(events[1].event, "");
  EXPECT_EQ(events[1].data, "first\nsecond");
  EXPECT_EQ(events[2].data, "[DONE]");
  EXPECT_EQ(events[3].data, "{\"cut\":");  // a stream cut off mid-event stays as text
}

TEST(CassetteResponse, KeepsSelectedHeadersAndScrubsSecrets) {
  const Secrets secrets({{"authorization", "Bearer sk-CANARY-1"}}, {});
  const Json response = CassetteResponse(
      429, {{"content-type", "application/json"}, {"retry-after", "3"}, {"x-request-id", "r1"}},
      R"({"error": {"message": "bad key sk-CANARY-1"}})", secrets);
  EXPECT_EQ(Dump(response),
            R"({"status":429,"headers":{"content-type":"application/json","retry-after":"3"},)"
            R"("body":{"error":{"message":"bad key ***"}}})");
}

TEST(ReplayedReply, RendersEventsOrBody) {
  const Reply sse = ReplayedReply(Json::parse(
      R"({"status": 200, "headers": {"content-type": "text/event-stream"},
          "events": [{"event": "message_stop", "data": {"type": "message_stop"}}]})"));
  EXPECT_TRUE(sse.sse);
  ASSERT_EQ(sse.events.size(), 1U);
  EXPECT_EQ(FormatSse(sse.events[0]), "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  const Reply text = ReplayedReply(Json::parse(R"({"status": 500, "body": "oops"})"));
  EXPECT_EQ(text.status, 500);
  EXPECT_EQ(text.raw, "oops");
}

Json Exchange(const std::string& input, const std::string& answer) {
  return {{"request",
           {{"provider", "openai"},
            {"path", "/v1/responses"},
            {"model", "o3"},
            {"body", {{"model", "o3"}, {"input", input}}}}},
          {"response", {{"status", 200}, {"body", {{"answer", answer}}}}}};
}

Json Request(const std::string& input) { return Exchange(input, "")["request"]; }

TEST(Replayer, AnswersEqualRequestsInRecordedOrderThenRepeatsTheLast) {
  Replayer replayer;
  ASSERT_EQ(replayer
                .Load({{"version", 1},
                       {"exchanges",
                        {Exchange("q", "first"), Exchange("other", "x"), Exchange("q", "second")}}})
                .exchanges,
            3U);
  EXPECT_EQ((*replayer.Answer(1, Request("q")))["body"]["answer"], "first");
  EXPECT_EQ((*replayer.Answer(2, Request("q")))["body"]["answer"], "second");
  EXPECT_EQ((*replayer.Answer(3, Request("q")))["body"]["answer"], "second");
  replayer.Rewind();
  EXPECT_EQ((*replayer.Answer(4, Request("q")))["body"]["answer"], "first");
}

TEST(Replayer, NamesTheNearestRecordingAndAnExcerptOfALongDifference) {
  Replayer replayer;
  const std::string prompt(500, 'a');
  ASSERT_TRUE(
      replayer.Load({{"exchanges", {Exchange("unrelated", "x"), Exchange(prompt + "TAIL", "y")}}})
          .error.empty());
  Json miss;
  EXPECT_FALSE(replayer.Answer(9, Request(prompt + "CHANGED"), &miss));
  EXPECT_EQ(miss["nearest"]["index"], 1);
  EXPECT_EQ(miss["difference"]["pointer"], "/body/input");
  const std::string recorded = miss["difference"]["recorded"];
  EXPECT_THAT(recorded, HasSubstr("aaaTAIL"));
  EXPECT_LT(recorded.size(), 200U);
  EXPECT_EQ(replayer.Misses()["misses"].size(), 1U);
}

TEST(CassetteError, NamesTheBadField) {
  EXPECT_EQ(CassetteError(Json::array()), "cassette: must be a JSON object");
  EXPECT_EQ(CassetteError({{"version", 2}, {"exchanges", Json::array()}}),
            "cassette.version: must be 1 (got 2)");
  Json bad = Exchange("q", "a");
  bad["response"].erase("status");
  EXPECT_EQ(CassetteError({{"exchanges", {bad}}}),
            "exchanges[0].response.status: must be an integer");
  EXPECT_EQ(CassetteError({{"exchanges", {Exchange("q", "a")}}}), "");
}

}  // namespace
}  // namespace model_stub
