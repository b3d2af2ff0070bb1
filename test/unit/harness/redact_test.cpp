#include "e2e/redact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/stack_spec.h"
#include "stack_spec_json.h"

namespace e2e {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(IsSecretName, MatchesCredentialsNamesNotOrdinaryOnes) {
  for (const char* name :
       {"OPENAI_API_KEY", "STUB_UPSTREAM_KEY_OPENAI", "STUB_UPSTREAM_TOKEN_VERTEX", "GITHUB_TOKEN",
        "client_secret", "x-api-key", "apiKey", "DB_PASSWORD", "mysql_root_password", "PASSWD",
        "AWS_CREDENTIALS", "SandboxKey", "accessToken"}) {
    EXPECT_TRUE(IsSecretName(name)) << name;
  }
  for (const char* name : {"key", "max_tokens", "MCP_INLINE_BUDGET_TOKENS", "STUB_MODE", "KEYBOARD",
                           "monkey", "token_count", "input"}) {
    EXPECT_FALSE(IsSecretName(name)) << name;
  }
}

TEST(IsSecretHeader, MatchesAuthorizationLikeHeadersInAnyCase) {
  for (const char* name : {"Authorization", "proxy-authorization", "X-Api-Key", "x-goog-api-key",
                           "api-key", "Cookie", "Set-Cookie", "X-Auth-Token"}) {
    EXPECT_TRUE(IsSecretHeader(name)) << name;
  }
  for (const char* name : {"content-type", "accept", "x-request-id", "anthropic-version"}) {
    EXPECT_FALSE(IsSecretHeader(name)) << name;
  }
}

Redactor CanaryRedactor() {
  Redactor redactor;
  redactor.AddEnvironment(std::map<std::string, std::string>{
      {"OPENAI_API_KEY", "canary-openai-1"}, {"STUB_MODE", "passthrough"}, {"SHORT_KEY", "abc"}});
  redactor.AddEnvironment(std::vector<std::string>{"ANTHROPIC_API_KEY=canary-anthropic-22"});
  redactor.AddSecret("Bearer canary-bearer-333");
  return redactor;
}

TEST(Redactor, TextLosesEveryKnownSecretValueWhereverItIs) {
  const Redactor redactor = CanaryRedactor();
  EXPECT_EQ(redactor.Text("key canary-openai-1, again canary-openai-1; canary-anthropic-22"),
            "key ***, again ***; ***");
  // The token inside a "Bearer" value counts by itself too.
  EXPECT_EQ(redactor.Text("token=canary-bearer-333"), "token=***");
  // Too short to replace by value without shredding text; the name still hides it.
  EXPECT_EQ(redactor.Text("abc"), "abc");
  EXPECT_EQ(redactor.EnvEntry("SHORT_KEY=abc"), "SHORT_KEY=***");
  EXPECT_EQ(redactor.Text("passthrough"), "passthrough");
}

TEST(Redactor, JsonHidesByNameAndByValueAndKeepsTheNames) {
  const Redactor redactor = CanaryRedactor();
  const auto inspect = nlohmann::json::parse(R"({
    "Config": {"Env": ["OPENAI_API_KEY=whatever-it-is", "STUB_MODE=passthrough",
                       "NOTE=has canary-anthropic-22 inside", "MCP_INLINE_BUDGET_TOKENS=12000"]},
    "headers": {"authorization": "Bearer x", "Cookie": "session=1", "accept": "*/*"},
    "body": {"max_tokens": 1024, "key": "memory-key", "api_key": 42, "nested": [{"x-api-key": "k"}]}
  })");
  const nlohmann::json redacted = redactor.Json(inspect);
  EXPECT_EQ(redacted["Config"]["Env"],
            nlohmann::json({"OPENAI_API_KEY=***", "STUB_MODE=passthrough", "NOTE=has *** inside",
                            "MCP_INLINE_BUDGET_TOKENS=12000"}));
  EXPECT_EQ(redacted["headers"],
            nlohmann::json({{"authorization", "***"}, {"Cookie", "***"}, {"accept", "*/*"}}));
  EXPECT_EQ(redacted["body"]["max_tokens"], 1024);
  EXPECT_EQ(redacted["body"]["key"], "memory-key");
  EXPECT_EQ(redacted["body"]["api_key"], "***");
  EXPECT_EQ(redacted["body"]["nested"][0]["x-api-key"], "***");
}

TEST(Redactor, HeadersAndEnvironmentKeepTheirNames) {
  const Redactor redactor = CanaryRedactor();
  EXPECT_THAT(redactor.Headers({{"Authorization", "Bearer t"}, {"x-note", "canary-openai-1"}}),
              UnorderedElementsAre(Pair("Authorization", "***"), Pair("x-note", "***")));
  EXPECT_THAT(redactor.Environment({{"GEMINI_API_KEY", "g"}, {"PORT", "8080"}}),
              UnorderedElementsAre(Pair("GEMINI_API_KEY", "***"), Pair("PORT", "8080")));
}

TEST(Redactor, ForStackLearnsTheServicesSecretsAndTheResolvedSpecHidesThem) {
  const StackSpec spec =
      ParseStackSpec(R"(services:
  stub:
    image: stub:1
    environment:
      STUB_UPSTREAM_KEY_OPENAI: canary-upstream-4444
      PORT: "8080"
networks:
  net: {}
)",
                     "stack.yml", [](const std::string&) { return std::optional<std::string>(); });
  const Redactor redactor = Redactor::ForStack(spec);
  EXPECT_EQ(redactor.Text("log: calling with canary-upstream-4444"), "log: calling with ***");
  const std::string resolved = redactor.Json(StackSpecJson(spec)).dump();
  EXPECT_THAT(resolved,
              AllOf(Not(HasSubstr("canary")), HasSubstr(R"("STUB_UPSTREAM_KEY_OPENAI":"***")"),
                    HasSubstr(R"("PORT":"8080")")));
}

}  // namespace
}  // namespace e2e
