#include "directives.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace model_stub {
namespace {

using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::Optional;

TEST(ParseDirectives, FindsOneDirectiveWithItsArguments) {
  const auto directives = ParseDirectives(R"(Please call echo with {"text": "hello"} now.)");
  ASSERT_EQ(directives.size(), 1U);
  EXPECT_EQ(directives[0].tool, "echo");
  EXPECT_EQ(directives[0].arguments, Json::parse(R"({"text": "hello"})"));
}

TEST(ParseDirectives, KeepsSeveralDirectivesInOrder) {
  const auto directives = ParseDirectives(
      R"(call remember with {"key": "a"} and then call recall with {"key": "a"}; finally call echo with {})");
  EXPECT_THAT(directives,
              ElementsAre(Field(&Directive::tool, "remember"), Field(&Directive::tool, "recall"),
                          Field(&Directive::tool, "echo")));
}

TEST(ParseDirectives, ParsesNestedObjectsWhole) {
  const auto directives =
      ParseDirectives(R"(call store with {"doc": {"meta": {"tags": ["x", {"y": 1}]}}, "n": 2} ok)");
  ASSERT_EQ(directives.size(), 1U);
  EXPECT_EQ(directives[0].arguments["doc"]["meta"]["tags"][1]["y"], 1);
  EXPECT_EQ(directives[0].arguments["n"], 2);
}

TEST(ParseDirectives, IgnoresBracesInsideJsonStrings) {
  const auto directives =
      ParseDirectives(R"(call echo with {"text": "a } brace { and \"quoted }\""} trailing })");
  ASSERT_EQ(directives.size(), 1U);
  EXPECT_EQ(directives[0].arguments["text"], "a } brace { and \"quoted }\"");
}

TEST(ParseDirectives, SkipsDirectivesWhoseObjectIsNotJson) {
  const auto directives =
      ParseDirectives(R"(call echo with {text: bad} then call echo with {"text": "good"})");
  ASSERT_EQ(directives.size(), 1U);
  EXPECT_EQ(directives[0].arguments["text"], "good");
}

TEST(ParseDirectives, IgnoresTextWithoutDirectives) {
  EXPECT_THAT(ParseDirectives("What should I recall with {braces} here? Nothing to call."),
              IsEmpty());
  EXPECT_THAT(ParseDirectives("recall echo with {\"a\": 1}"), IsEmpty());
  EXPECT_THAT(ParseDirectives("call echo with {\"unterminated\": 1"), IsEmpty());
}

TEST(ParseDirectives, AcceptsTheFunctionWordingAndQuotedNames) {
  const auto directives =
      ParseDirectives(R"(Call function lookup with {"q": 1}. call `echo` with {"q": 2})");
  EXPECT_THAT(directives,
              ElementsAre(Field(&Directive::tool, "lookup"), Field(&Directive::tool, "echo")));
}

TEST(MatchTool, PrefersAnExactNameThenAnMcpSuffix) {
  const std::vector<std::string> tools = {"Bash", "mcp__srv__echo", "echo_all", "mcp__other__sum"};
  EXPECT_THAT(MatchTool("echo", tools), Optional(Eq("mcp__srv__echo")));
  EXPECT_THAT(MatchTool("Bash", tools), Optional(Eq("Bash")));
  EXPECT_THAT(MatchTool("sum", tools), Optional(Eq("mcp__other__sum")));
  EXPECT_EQ(MatchTool("all", tools), std::nullopt);
  EXPECT_EQ(MatchTool("missing", tools), std::nullopt);
  EXPECT_THAT(MatchTool("echo", {"mcp__srv__echo", "echo"}), Optional(Eq("echo")));
}

}  // namespace
}  // namespace model_stub
