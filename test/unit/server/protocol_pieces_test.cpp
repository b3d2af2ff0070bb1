// The protocol's pieces on their own: URI templates, the broker of requests
// to clients, cancellation registrations, log levels, session outboxes.

#include <gmock/gmock.h>

#include <chrono>
#include <thread>

#include "protocol/client_requests.h"
#include "protocol/inflight_requests.h"
#include "protocol/log_level.h"
#include "protocol/session_outbox.h"
#include "protocol/uri_template.h"

namespace mcp_server {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::Pair;
using Clock = std::chrono::steady_clock;

TEST(UriTemplate, MatchesVariablesBetweenLiteralsAndRefusesOtherUris) {
  EXPECT_THAT(MatchUriTemplate("test://template/{id}/data", "test://template/123/data"),
              Optional(ElementsAre(Pair("id", "123"))));
  EXPECT_EQ(MatchUriTemplate("test://template/{id}/data", "test://template/123/other"),
            std::nullopt);
  EXPECT_EQ(MatchUriTemplate("test://template/{id}/data", "test://template//data"), std::nullopt);
  EXPECT_EQ(MatchUriTemplate("a://s/{x}", "a://s/1/2"), std::nullopt) << "a variable has no '/'";
  EXPECT_THAT(MatchUriTemplate("a://{x}-{y}", "a://left-right"),
              Optional(ElementsAre(Pair("x", "left"), Pair("y", "right"))));
  EXPECT_THAT(UriTemplateVariables("a://{x}/b/{y}"), ElementsAre("x", "y"));
}

TEST(LogLevels, ParseInSeverityOrderAndRefuseUnknownNames) {
  EXPECT_LT(*ParseLogLevel("debug"), *ParseLogLevel("info"));
  EXPECT_LT(*ParseLogLevel("critical"), *ParseLogLevel("emergency"));
  EXPECT_EQ(LogLevelName(*ParseLogLevel("warning")), "warning");
  EXPECT_EQ(ParseLogLevel("verbose"), std::nullopt);
}

TEST(ClientRequests, DeliversTheAnswerToItsWaiterOnly) {
  ClientRequests requests;
  const std::string id = requests.Open("session-a");
  EXPECT_FALSE(requests.Deliver("session-b", {{"id", id}, {"result", {{"x", 1}}}}))
      << "another session cannot answer";
  std::thread answer([&] { requests.Deliver("session-a", {{"id", id}, {"result", {{"x", 2}}}}); });
  const ClientAnswer got = requests.Wait(id, Clock::now() + std::chrono::seconds(5), nullptr);
  answer.join();
  ASSERT_TRUE(got.result) << got.error;
  EXPECT_EQ((*got.result)["x"], 2);
  EXPECT_EQ(requests.open_count(), 0u);
}

TEST(ClientRequests, WaitEndsAtTheDeadlineOrWhenAbandoned) {
  ClientRequests requests;
  const auto started = Clock::now();
  const ClientAnswer timed_out =
      requests.Wait(requests.Open("s"), Clock::now() + std::chrono::milliseconds(100), nullptr);
  EXPECT_FALSE(timed_out.result);
  EXPECT_THAT(timed_out.error, HasSubstr("in time"));
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));

  const ClientAnswer abandoned = requests.Wait(
      requests.Open("s"), Clock::now() + std::chrono::seconds(30), [] { return true; });
  EXPECT_THAT(abandoned.error, HasSubstr("cancelled"));
  EXPECT_EQ(requests.open_count(), 0u);
}

TEST(InflightRequests, CancelSetsTheFlagOfThatRequestUntilItEnds) {
  InflightRequests inflight;
  {
    auto first = inflight.Register("s", 1);
    auto other = inflight.Register("s", "1");  // a string id is another request
    EXPECT_TRUE(inflight.Cancel("s", 1));
    EXPECT_TRUE(first.cancelled()->load());
    EXPECT_FALSE(other.cancelled()->load());
    EXPECT_FALSE(inflight.Cancel("t", 1)) << "ids are per session";
  }
  EXPECT_EQ(inflight.size(), 0u);
  EXPECT_FALSE(inflight.Cancel("s", 1)) << "finished requests are forgotten";
}

TEST(SessionOutbox, QueuesOnlyForOpenStreamsAndBoundsTheQueue) {
  SessionOutbox outbox;
  EXPECT_FALSE(outbox.Push("s", json{{"n", 0}})) << "no stream open";
  ASSERT_TRUE(outbox.Open("s"));
  EXPECT_FALSE(outbox.Open("s"));
  for (std::size_t n = 0; n < SessionOutbox::kMaxQueued + 5; ++n) outbox.Push("s", {{"n", n}});
  EXPECT_EQ((*outbox.Next("s", std::chrono::milliseconds(0)))["n"], 5) << "oldest dropped";
  outbox.Close("s");
  EXPECT_EQ(outbox.Next("s", std::chrono::milliseconds(0)), std::nullopt);
}

}  // namespace
}  // namespace mcp_server
