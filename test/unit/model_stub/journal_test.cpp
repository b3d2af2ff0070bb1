#include "journal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace model_stub {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

JournalEntry Entry(const std::string& provider, const std::string& path,
                   Json body = Json::object()) {
  JournalEntry entry;
  entry.method = "POST";
  entry.provider = provider;
  entry.path = path;
  entry.body = std::move(body);
  return entry;
}

TEST(Redact, RemovesCredentialsFromHeadersQueryAndBody) {
  JournalEntry entry = Entry("openai", "/v1/responses", Json::parse(R"({
    "input": "my key is sk-CANARY-1234 and goog-CANARY",
    "config": {"api_key": "inline", "Authorization": "Bearer x", "key": "a memory key"}
  })"));
  entry.headers = {{"authorization", "Bearer sk-CANARY-1234"},
                   {"x-api-key", "ant-CANARY"},
                   {"content-type", "application/json"}};
  entry.query = {{"key", "goog-CANARY"}, {"alt", "sse"}};
  Redact(entry);
  EXPECT_EQ(entry.headers["authorization"], "***");
  EXPECT_EQ(entry.headers["x-api-key"], "***");
  EXPECT_EQ(entry.headers["content-type"], "application/json");
  EXPECT_EQ(entry.query["key"], "***");
  EXPECT_EQ(entry.query["alt"], "sse");
  EXPECT_EQ(entry.body["input"], "my key is *** and ***");
  EXPECT_EQ(entry.body["config"]["api_key"], "***");
  EXPECT_EQ(entry.body["config"]["Authorization"], "***");
  EXPECT_EQ(entry.body["config"]["key"], "a memory key");
}

TEST(Journal, KeepsArrivalOrderAndFilters) {
  Journal journal;
  const auto first = journal.Begin(Entry("anthropic", "/v1/messages"));
  const auto second = journal.Begin(Entry("openai", "/v1/responses"));
  const auto third = journal.Begin(Entry("openai", "/v1/chat/completions"));
  journal.Complete(second, 200, 5);
  EXPECT_EQ(first, 1);
  EXPECT_EQ(third, 3);

  const Json all = journal.ToJson({});
  ASSERT_EQ(all["requests"].size(), 3U);
  EXPECT_EQ(all["requests"][0]["path"], "/v1/messages");
  EXPECT_EQ(all["requests"][1]["status"], 200);
  EXPECT_EQ(all["requests"][1]["duration_ms"], 5);
  EXPECT_EQ(all["requests"][2]["status"], 0);

  EXPECT_EQ(journal.ToJson({.provider = "openai"})["requests"].size(), 2U);
  EXPECT_EQ(journal.ToJson({.path = "/v1/messages"})["requests"].size(), 1U);
  const Json since = journal.ToJson({.since = 2});
  ASSERT_EQ(since["requests"].size(), 1U);
  EXPECT_EQ(since["requests"][0]["seq"], 3);
}

TEST(Journal, DropsTheOldestEntriesBeyondItsBounds) {
  Journal by_count(2);
  for (int i = 0; i < 5; ++i) by_count.Begin(Entry("openai", "/p" + std::to_string(i)));
  const Json kept = by_count.ToJson({});
  ASSERT_EQ(kept["requests"].size(), 2U);
  EXPECT_EQ(kept["requests"][0]["path"], "/p3");
  by_count.Complete(1, 500, 0);  // dropped already: must be a no-op

  Journal by_bytes(100, 250);
  for (int i = 0; i < 3; ++i) by_bytes.Begin(Entry("openai", "/b", Json(std::string(100, 'x'))));
  EXPECT_EQ(by_bytes.ToJson({})["requests"].size(), 2U);
}

TEST(Journal, ClearsButKeepsNumbering) {
  Journal journal;
  journal.Begin(Entry("openai", "/a"));
  journal.Clear();
  EXPECT_EQ(journal.ToJson({})["requests"].size(), 0U);
  EXPECT_EQ(journal.Begin(Entry("openai", "/b")), 2);
}

TEST(NowRfc3339, IsUtcWithMilliseconds) {
  const std::string now = NowRfc3339();
  EXPECT_THAT(now, ::testing::MatchesRegex(
                       R"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z)"));
  EXPECT_THAT(now, Not(HasSubstr("+")));
}

}  // namespace
}  // namespace model_stub
