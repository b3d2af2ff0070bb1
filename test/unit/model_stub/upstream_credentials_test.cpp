// Live mode's keys live in the stub: pass-through swaps the client's
// placeholder credentials for the real key, whatever form they came in.
#include "upstream_credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "live_config.h"

namespace model_stub {
namespace {

using ::testing::Contains;
using ::testing::Not;
using ::testing::Pair;

UpstreamRequest WithPlaceholders(std::string url) {
  UpstreamRequest request;
  request.url = std::move(url);
  request.headers = {{"authorization", "Bearer placeholder"},
                     {"x-api-key", "placeholder"},
                     {"X-Goog-Api-Key", "placeholder"},
                     {"anthropic-version", "2023-06-01"}};
  return request;
}

TEST(ApplyUpstreamKey, AnthropicGetsTheRealKeyAsXApiKeyAndNothingElse) {
  UpstreamRequest request = WithPlaceholders("https://api.anthropic.com/v1/messages?beta=true");
  ApplyUpstreamKey(request, Provider::kAnthropic, "/v1/messages", "sk-ant-REAL");
  EXPECT_EQ(request.headers,
            (HeaderList{{"anthropic-version", "2023-06-01"}, {"x-api-key", "sk-ant-REAL"}}));
  EXPECT_EQ(request.url, "https://api.anthropic.com/v1/messages?beta=true");
}

TEST(ApplyUpstreamKey, OpenAiGetsABearerToken) {
  UpstreamRequest request = WithPlaceholders("https://api.openai.com/v1/responses");
  ApplyUpstreamKey(request, Provider::kOpenAi, "/v1/responses", "sk-REAL");
  EXPECT_THAT(request.headers, Contains(Pair("authorization", "Bearer sk-REAL")));
  EXPECT_THAT(request.headers, Not(Contains(Pair("x-api-key", "placeholder"))));
}

TEST(ApplyUpstreamKey, GeminiLosesTheKeyQueryParameterAndGetsTheHeader) {
  UpstreamRequest request =
      WithPlaceholders("https://g.example/v1beta/models/m:generateContent?alt=sse&key=placeholder");
  ApplyUpstreamKey(request, Provider::kGemini, "/v1beta/models/m:generateContent", "AIza-REAL");
  EXPECT_EQ(request.url, "https://g.example/v1beta/models/m:generateContent?alt=sse");
  EXPECT_THAT(request.headers, Contains(Pair("x-goog-api-key", "AIza-REAL")));
  EXPECT_THAT(request.headers, Not(Contains(Pair("X-Goog-Api-Key", "placeholder"))));
}

TEST(ApplyUpstreamKey, VertexGetsTheTokenAsBearer) {
  const std::string path = "/v1/projects/p/locations/l/publishers/google/models/m:generateContent";
  UpstreamRequest request = WithPlaceholders("https://l-aiplatform.googleapis.com" + path);
  UpstreamKeys keys{.gemini = "AIza-REAL", .vertex = "ya29.REAL"};
  ApplyUpstreamKey(request, Provider::kGemini, path, UpstreamKeyFor(keys, Provider::kGemini, path));
  EXPECT_THAT(request.headers, Contains(Pair("authorization", "Bearer ya29.REAL")));
}

TEST(ApplyUpstreamKey, WithoutAKeyTheClientsCredentialsGoThroughAsSent) {
  UpstreamRequest request = WithPlaceholders("https://api.openai.com/v1/responses?key=k");
  const HeaderList before = request.headers;
  ApplyUpstreamKey(request, Provider::kOpenAi, "/v1/responses", "");
  EXPECT_EQ(request.headers, before);
  EXPECT_EQ(request.url, "https://api.openai.com/v1/responses?key=k");
}

TEST(LiveConfigFromEnv, ReadsOneKeyPerProvider) {
  const auto result = LiveConfigFromEnv([](const char* name) -> std::optional<std::string> {
    const std::string variable = name;
    if (variable == "STUB_UPSTREAM_KEY_ANTHROPIC") return "a";
    if (variable == "STUB_UPSTREAM_KEY_OPENAI") return "o";
    if (variable == "STUB_UPSTREAM_KEY_GEMINI") return "g";
    if (variable == "STUB_UPSTREAM_TOKEN_VERTEX") return "v";
    return std::nullopt;
  });
  ASSERT_EQ(result.error, "");
  EXPECT_EQ(result.config.keys.anthropic, "a");
  EXPECT_EQ(result.config.keys.openai, "o");
  EXPECT_EQ(result.config.keys.gemini, "g");
  EXPECT_EQ(result.config.keys.vertex, "v");
}

}  // namespace
}  // namespace model_stub
