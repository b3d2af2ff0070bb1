#include "live_config.h"

#include <gtest/gtest.h>

#include <map>

namespace model_stub {
namespace {

GetEnv Env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

TEST(LiveConfigFromEnv, DefaultsToEchoAndThePublicApis) {
  const auto result = LiveConfigFromEnv(Env({}));
  ASSERT_EQ(result.error, "");
  EXPECT_EQ(result.config.mode, StubMode::kEcho);
  EXPECT_EQ(UpstreamUrl(result.config, Provider::kAnthropic, "/v1/messages", "beta=true"),
            "https://api.anthropic.com/v1/messages?beta=true");
  EXPECT_EQ(UpstreamUrl(result.config, Provider::kOpenAi, "/v1/responses", ""),
            "https://api.openai.com/v1/responses");
  EXPECT_EQ(UpstreamUrl(result.config, Provider::kGemini,
                        "/v1beta/models/gemini-2.5-flash:generateContent", "key=k"),
            "https://generativelanguage.googleapis.com/v1beta/models/"
            "gemini-2.5-flash:generateContent?key=k");
}

TEST(LiveConfigFromEnv, TakesTheVertexHostFromThePathsLocation) {
  const LiveConfig config;
  EXPECT_EQ(
      UpstreamUrl(
          config, Provider::kGemini,
          "/v1/projects/p/locations/europe-west4/publishers/google/models/m:generateContent", ""),
      "https://europe-west4-aiplatform.googleapis.com/v1/projects/p/locations/europe-west4/"
      "publishers/google/models/m:generateContent");
  EXPECT_EQ(
      UpstreamUrl(config, Provider::kGemini,
                  "/v1/projects/p/locations/global/publishers/google/models/m:generateContent", ""),
      "https://aiplatform.googleapis.com/v1/projects/p/locations/global/"
      "publishers/google/models/m:generateContent");
}

TEST(LiveConfigFromEnv, ReadsOverridesAndRejectsBadValues) {
  const auto result = LiveConfigFromEnv(Env({{"STUB_MODE", "replay"},
                                             {"STUB_UPSTREAM_OPENAI", "http://upstream:9000/"},
                                             {"STUB_UPSTREAM_VERTEX", "http://vertex:9001"},
                                             {"STUB_UPSTREAM_TIMEOUT_MS", "2500"}}));
  ASSERT_EQ(result.error, "");
  EXPECT_EQ(result.config.mode, StubMode::kReplay);
  EXPECT_EQ(result.config.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(UpstreamUrl(result.config, Provider::kOpenAi, "/v1/responses", ""),
            "http://upstream:9000/v1/responses");
  EXPECT_EQ(UpstreamUrl(result.config, Provider::kGemini, "/v1/projects/p/locations/l/x", ""),
            "http://vertex:9001/v1/projects/p/locations/l/x");
  EXPECT_EQ(LiveConfigFromEnv(Env({{"STUB_MODE", "live"}})).error,
            "STUB_MODE: must be echo, passthrough or replay (got \"live\")");
  EXPECT_EQ(LiveConfigFromEnv(Env({{"STUB_UPSTREAM_TIMEOUT_MS", "-1"}})).error,
            "STUB_UPSTREAM_TIMEOUT_MS: must be a positive number of milliseconds (got \"-1\")");
}

TEST(LiveConfigFromEnv, ReadsTheCeilingOnLiveCalls) {
  const LiveConfig defaults = LiveConfigFromEnv(Env({})).config;
  EXPECT_EQ(defaults.concurrency, 0);  // no ceiling unless the harness sets one
  EXPECT_EQ(defaults.slots_dir, "/var/lib/model-stub/live-slots");
  const auto result = LiveConfigFromEnv(Env({{"STUB_LIVE_CONCURRENCY", "3"},
                                             {"STUB_LIVE_SLOTS_DIR", "/tmp/slots"},
                                             {"STUB_LIVE_SLOT_TIMEOUT_MS", "5000"}}));
  ASSERT_EQ(result.error, "");
  EXPECT_EQ(result.config.concurrency, 3);
  EXPECT_EQ(result.config.slots_dir, "/tmp/slots");
  EXPECT_EQ(result.config.slot_timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(LiveConfigFromEnv(Env({{"STUB_LIVE_CONCURRENCY", "65"}})).error,
            "STUB_LIVE_CONCURRENCY: must be a number of slots from 0 to 64 (got \"65\")");
}

}  // namespace
}  // namespace model_stub
