#include <gtest/gtest.h>

#include <map>

#include "e2e/stack_spec.h"

namespace {

e2e::VariableLookup From(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Interpolate, ReplacesBracedAndBareReferences) {
  const auto vars = From({{"ID", "ab12cd"}, {"PORT", "8080"}});
  EXPECT_EQ(e2e::Interpolate("e2e_${ID}", vars), "e2e_ab12cd");
  EXPECT_EQ(e2e::Interpolate("http://stub:$PORT/v1", vars), "http://stub:8080/v1");
  EXPECT_EQ(e2e::Interpolate("no references", vars), "no references");
}

TEST(Interpolate, DefaultsFollowComposeRules) {
  const auto vars = From({{"EMPTY", ""}, {"SET", "x"}});
  EXPECT_EQ(e2e::Interpolate("${MISSING:-fallback}", vars), "fallback");
  EXPECT_EQ(e2e::Interpolate("${EMPTY:-fallback}", vars), "fallback");  // ':' treats empty as unset
  EXPECT_EQ(e2e::Interpolate("${EMPTY-fallback}", vars), "");
  EXPECT_EQ(e2e::Interpolate("${MISSING-fallback}", vars), "fallback");
  EXPECT_EQ(e2e::Interpolate("${SET:-fallback}", vars), "x");
  EXPECT_EQ(e2e::Interpolate("${MISSING:-http://${SET}:1}", vars), "http://x:1");
  EXPECT_EQ(e2e::Interpolate("${MISSING}", vars), "");
}

TEST(Interpolate, RequiredVariablesAndEscapes) {
  const auto vars = From({{"SET", "x"}});
  EXPECT_EQ(e2e::Interpolate("${SET:?must be set}", vars), "x");
  try {
    e2e::Interpolate("${KEY:?give the API key}", vars);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "required variable KEY is not set: give the API key");
  }
  EXPECT_EQ(e2e::Interpolate("cost: $$5", vars), "cost: $5");
  EXPECT_THROW(e2e::Interpolate("${UNCLOSED", vars), std::invalid_argument);
  EXPECT_THROW(e2e::Interpolate("${}", vars), std::invalid_argument);
  EXPECT_THROW(e2e::Interpolate("${A/b}", vars), std::invalid_argument);
}

}  // namespace
