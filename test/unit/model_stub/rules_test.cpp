// Rule parsing and matching as pure functions (the HTTP side is in
// faults_test.cpp).

#include "rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace model_stub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Rule OnlyRule(const Json& definition) {
  auto parsed = ParseRules(definition);
  EXPECT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.rules.size(), 1U);
  return parsed.rules.empty() ? Rule{} : parsed.rules[0];
}

TEST(ParseRules, ReadsEveryField) {
  const Rule rule = OnlyRule(Json::parse(R"({"id": "r", "times": 2,
    "match": {"provider": "openai", "path": "/v1/responses", "model": "o3",
              "body_contains": "GAMMA-7", "body_regex": "GAM+A"},
    "respond": {"status": 429, "headers": {"retry-after": "3"}, "delay_ms": 10,
                "truncate_stream_after": 2, "close_connection": false}})"));
  EXPECT_EQ(rule.id, "r");
  EXPECT_EQ(rule.times, 2);
  EXPECT_EQ(rule.match.provider, "openai");
  EXPECT_EQ(rule.respond.status, 429);
  EXPECT_EQ(rule.respond.headers.at("retry-after"), "3");
  EXPECT_EQ(rule.respond.delay_ms, 10);
  EXPECT_EQ(rule.respond.truncate_stream_after, 2);
}

TEST(ParseRules, NamesTheBadFieldAndAddsNothing) {
  const auto parsed =
      ParseRules(Json::parse(R"([{"respond": {}}, {"respond": {"delay_ms": -1}}])"));
  EXPECT_TRUE(parsed.rules.empty());
  EXPECT_THAT(parsed.error, HasSubstr("rules[1].respond.delay_ms"));
  EXPECT_THAT(ParseRules(Json::parse(R"({"respond": {"status": 200.5}})")).error,
              HasSubstr("rule.respond.status"));
  EXPECT_THAT(ParseRules(Json::parse(R"({"respond": {"status": 1e300}})")).error,
              HasSubstr("rule.respond.status"));
  EXPECT_THAT(ParseRules(Json::parse("[]")).error, HasSubstr("empty"));
  EXPECT_THAT(ParseRules(Json::parse("5")).error, HasSubstr("rule: must be a JSON object"));
}

TEST(Matches, RequiresEveryGivenField) {
  const Rule rule = OnlyRule(Json::parse(
      R"({"match": {"provider": "gemini", "model": "g", "body_regex": "ab[0-9]+c"}, "respond": {}})"));
  EXPECT_TRUE(Matches(rule.match, {"gemini", "/x", "g", R"({"t": "ab12c"})"}));
  EXPECT_FALSE(Matches(rule.match, {"openai", "/x", "g", R"({"t": "ab12c"})"}));
  EXPECT_FALSE(Matches(rule.match, {"gemini", "/x", "h", R"({"t": "ab12c"})"}));
  EXPECT_FALSE(Matches(rule.match, {"gemini", "/x", "g", R"({"t": "abc"})"}));
}

TEST(RuleBook, TakesTheFirstMatchAndCountsTimesDown) {
  RuleBook book;
  auto parsed = ParseRules(Json::parse(R"([{"respond": {"status": 500}, "times": 1},
                                           {"id": "second", "respond": {"status": 503}}])"));
  const auto added = book.Add(std::move(parsed.rules));
  EXPECT_THAT(added.ids, ElementsAre("rule-1", "second"));
  const RequestFacts request{"openai", "/v1/responses", "m", "{}"};
  EXPECT_EQ(book.Take(request)->id, "rule-1");
  EXPECT_EQ(book.Take(request)->id, "second");
  EXPECT_EQ(book.Take(request)->id, "second");
  const Json listed = book.ToJson()["rules"];
  EXPECT_EQ(listed[0]["times"], 0);
  EXPECT_TRUE(listed[1]["times"].is_null());
  EXPECT_EQ(listed[1]["matched"], 2);
  book.Clear();
  EXPECT_FALSE(book.Take(request));
}

}  // namespace
}  // namespace model_stub
