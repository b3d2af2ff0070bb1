#include "e2e/live_mode.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

namespace e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

EnvReader Env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

TEST(LiveSettings, DefaultToOfflineReplayWithSixSlots) {
  const LiveSettings settings = ReadLiveSettings(Env({}));
  EXPECT_FALSE(settings.live);
  EXPECT_FALSE(settings.record);
  EXPECT_TRUE(settings.replay);
  EXPECT_EQ(settings.concurrency, 6);
  EXPECT_EQ(Describe(settings), "live=0 record=0 replay=1 concurrency=6");
}

TEST(LiveSettings, ReadEveryVariable) {
  const LiveSettings settings = ReadLiveSettings(Env({{"E2E_LIVE", "1"},
                                                      {"E2E_RECORD", "true"},
                                                      {"E2E_REPLAY", "0"},
                                                      {"E2E_LIVE_CONCURRENCY", "2"}}));
  EXPECT_TRUE(settings.live);
  EXPECT_TRUE(settings.record);
  EXPECT_FALSE(settings.replay);
  EXPECT_EQ(settings.concurrency, 2);
}

TEST(LiveSettings, RejectABadValueNamingTheVariable) {
  try {
    ReadLiveSettings(Env({{"E2E_LIVE", "maybe"}}));
    FAIL() << "E2E_LIVE=maybe was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(), HasSubstr("E2E_LIVE"));
    EXPECT_THAT(error.what(), HasSubstr("maybe"));
  }
  EXPECT_THROW(ReadLiveSettings(Env({{"E2E_LIVE_CONCURRENCY", "0"}})), std::invalid_argument);
  EXPECT_THROW(ReadLiveSettings(Env({{"E2E_LIVE_CONCURRENCY", "6x"}})), std::invalid_argument);
}

TEST(MissingCredentials, NamesTheVariableAndNeverItsValue) {
  const auto env = Env({{"OPENAI_API_KEY", "sk-CANARY-openai"}});
  EXPECT_THAT(MissingCredentials(LiveProvider::kOpenAi, env), IsEmpty());
  const std::string anthropic = MissingCredentials(LiveProvider::kAnthropic, env);
  EXPECT_THAT(anthropic, HasSubstr("ANTHROPIC_API_KEY"));
  const std::string both =
      MissingCredentials({LiveProvider::kOpenAi, LiveProvider::kAnthropic}, env);
  EXPECT_EQ(both, anthropic);
  EXPECT_THAT(both, Not(HasSubstr("CANARY")));
}

TEST(MissingCredentials, AcceptGeminiKeyOrVertexProjectAndLocation) {
  EXPECT_THAT(MissingCredentials(LiveProvider::kGemini, Env({{"GEMINI_API_KEY", "g"}})), IsEmpty());
  EXPECT_THAT(MissingCredentials(LiveProvider::kGemini, Env({{"VERTEX_PROJECT", "p"},
                                                             {"VERTEX_LOCATION", "us-central1"}})),
              IsEmpty());
  EXPECT_THAT(MissingCredentials(LiveProvider::kGemini, Env({{"VERTEX_PROJECT", "p"}})),
              HasSubstr("VERTEX_LOCATION not set"));
  EXPECT_THAT(MissingCredentials(LiveProvider::kGemini, Env({{"GEMINI_API_KEY", ""}})),
              HasSubstr("GEMINI_API_KEY"));
}

}  // namespace
}  // namespace e2e
