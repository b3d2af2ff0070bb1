#include "e2e/live_stack.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace e2e {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Key;
using ::testing::Not;
using ::testing::Pair;

EnvReader Env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

const std::map<std::string, std::string> kKeys = {{"ANTHROPIC_API_KEY", "sk-ant-CANARY"},
                                                  {"OPENAI_API_KEY", "sk-CANARY"},
                                                  {"GEMINI_API_KEY", "CANARY-gemini"}};

TEST(ChooseStubAnswers, LiveWinsThenACassetteUnlessReplayIsOff) {
  EXPECT_EQ(ChooseStubAnswers({.live = true}, true), StubAnswers::kRealProviders);
  EXPECT_EQ(ChooseStubAnswers({}, true), StubAnswers::kCassette);
  EXPECT_EQ(ChooseStubAnswers({}, false), StubAnswers::kEchoBrain);
  EXPECT_EQ(ChooseStubAnswers({.replay = false}, true), StubAnswers::kEchoBrain);
}

TEST(LiveStackVariables, LiveGivesTheKeysToTheStubAndOpensItsEgress) {
  const auto variables = LiveStackVariables(StubAnswers::kRealProviders, Env(kKeys));
  EXPECT_EQ(variables.at("E2E_STUB_MODE"), "passthrough");
  EXPECT_EQ(variables.at("E2E_EGRESS_INTERNAL"), "false");
  EXPECT_EQ(variables.at("E2E_STUB_KEY_ANTHROPIC"), "sk-ant-CANARY");
  EXPECT_EQ(variables.at("E2E_STUB_KEY_OPENAI"), "sk-CANARY");
  EXPECT_EQ(variables.at("E2E_STUB_KEY_GEMINI"), "CANARY-gemini");
  // The server's and Claude Code's placeholder keys are not touched.
  EXPECT_THAT(variables, Not(Contains(Key("E2E_OPENAI_API_KEY"))));
  EXPECT_THAT(variables, Not(Contains(Key("E2E_ANTHROPIC_API_KEY"))));
}

TEST(LiveStackVariables, OfflineSetsEveryKeyEmptySoNoneComesFromTheEnvironment) {
  for (const StubAnswers answers : {StubAnswers::kEchoBrain, StubAnswers::kCassette}) {
    const auto variables = LiveStackVariables(answers, Env(kKeys));
    EXPECT_EQ(variables.at("E2E_EGRESS_INTERNAL"), "true");
    for (const char* key : {"E2E_STUB_KEY_ANTHROPIC", "E2E_STUB_KEY_OPENAI", "E2E_STUB_KEY_GEMINI",
                            "E2E_STUB_TOKEN_VERTEX"}) {
      EXPECT_THAT(variables, Contains(Pair(key, ""))) << key;
    }
  }
  EXPECT_EQ(LiveStackVariables(StubAnswers::kEchoBrain, Env({})).at("E2E_STUB_MODE"), "echo");
  EXPECT_EQ(LiveStackVariables(StubAnswers::kCassette, Env({})).at("E2E_STUB_MODE"), "replay");
}

TEST(LiveStackVariables, VertexWithoutAGeminiKeyPointsTheServerAtTheStubsVertexPaths) {
  const auto variables = LiveStackVariables(StubAnswers::kRealProviders,
                                            Env({{"VERTEX_PROJECT", "p"},
                                                 {"VERTEX_LOCATION", "europe-west4"},
                                                 {"VERTEX_ACCESS_TOKEN", "ya29.CANARY"}}));
  EXPECT_EQ(variables.at("E2E_VERTEX_PROJECT"), "p");
  EXPECT_EQ(variables.at("E2E_VERTEX_LOCATION"), "europe-west4");
  EXPECT_EQ(variables.at("E2E_GEMINI_BASE_URL"), "http://model-stub:8080/v1");
  EXPECT_EQ(variables.at("E2E_STUB_TOKEN_VERTEX"), "ya29.CANARY");
}

TEST(LiveStackVariables, OnlyLiveModeGivesTheStubACeilingOnProviderCalls) {
  EXPECT_EQ(
      LiveStackVariables(StubAnswers::kRealProviders, Env(kKeys)).at("E2E_STUB_LIVE_CONCURRENCY"),
      "6");
  auto keys_and_ceiling = kKeys;
  keys_and_ceiling["E2E_LIVE_CONCURRENCY"] = "2";
  EXPECT_EQ(LiveStackVariables(StubAnswers::kRealProviders, Env(keys_and_ceiling))
                .at("E2E_STUB_LIVE_CONCURRENCY"),
            "2");
  for (const auto answers : {StubAnswers::kEchoBrain, StubAnswers::kCassette}) {
    EXPECT_EQ(LiveStackVariables(answers, Env(keys_and_ceiling)).at("E2E_STUB_LIVE_CONCURRENCY"),
              "0");
  }
}

TEST(MissingCredentials, NamesTheFirstMissingVariableOfTheSuitesProviders) {
  EXPECT_THAT(MissingCredentials(std::vector{LiveProvider::kAnthropic, LiveProvider::kOpenAi},
                                 Env({{"ANTHROPIC_API_KEY", "x"}})),
              HasSubstr("OPENAI_API_KEY"));
  EXPECT_THAT(MissingCredentials(std::vector{LiveProvider::kAnthropic}, Env(kKeys)), IsEmpty());
}

TEST(CassettePath, IsSuiteFolderAndTestFileWithUnsafeCharactersReplaced) {
  EXPECT_THAT(CassettePath("Smoke", "ListsModels"), HasSubstr("/Smoke/ListsModels.json"));
  EXPECT_THAT(CassettePath("Param/Suite", "Case/0"), HasSubstr("/Param_Suite/Case_0.json"));
}

TEST(DescribeReplayMisses, NamesTheRequestTheNearestRecordedOneAndTheDifference) {
  const auto misses = nlohmann::json::parse(R"({"misses": [{"seq": 3,
      "request": {"provider": "anthropic", "path": "/v1/messages", "model": "claude-sonnet-4"},
      "nearest": {"index": 1, "request": {"provider": "anthropic", "path": "/v1/messages",
                                          "model": "claude-sonnet-4"}},
      "difference": {"distance": 1, "pointer": "/body/messages/0/content",
                     "recorded": "say hello", "received": "say goodbye"}}]})");
  const std::string text = DescribeReplayMisses(misses);
  EXPECT_THAT(
      text, AllOf(HasSubstr("1 request(s) matched no recorded exchange"),
                  HasSubstr("request seq 3: anthropic /v1/messages model claude-sonnet-4"),
                  HasSubstr("nearest recorded request: exchange 1"),
                  HasSubstr("first difference at /body/messages/0/content"),
                  HasSubstr(R"(recorded: "say hello")"), HasSubstr(R"(received: "say goodbye")")));
  EXPECT_THAT(DescribeReplayMisses(nlohmann::json::parse(R"({"misses": []})")), IsEmpty());
  const auto unloaded = nlohmann::json::parse(
      R"({"misses": [{"seq": 1, "request": {}, "nearest": null, "difference": null,
                      "reason": "no cassette is loaded"}]})");
  EXPECT_THAT(DescribeReplayMisses(unloaded), HasSubstr("no cassette is loaded"));
}

}  // namespace
}  // namespace e2e
