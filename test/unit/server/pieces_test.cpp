// The server's small pure pieces, without HTTP.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mcp/jsonrpc.h>
#include <mcp/protocol.h>

#include "config.h"
#include "origin_policy.h"
#include "retry_policy.h"
#include "schema_check.h"

namespace mcp_server {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::Optional;
namespace rpc = mcp::jsonrpc;

TEST(McpJsonRpc, ParsesRequestsNotificationsAndResponses) {
  auto request = rpc::ParseMessage(R"({"jsonrpc":"2.0","id":"a","method":"ping"})");
  ASSERT_TRUE(std::holds_alternative<rpc::Message>(request));
  EXPECT_EQ(std::get<rpc::Message>(request).kind, rpc::MessageKind::kRequest);
  EXPECT_EQ(std::get<rpc::Message>(request).id, "a");

  auto note = rpc::ParseMessage(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  ASSERT_TRUE(std::holds_alternative<rpc::Message>(note));
  EXPECT_EQ(std::get<rpc::Message>(note).kind, rpc::MessageKind::kNotification);

  auto response = rpc::ParseMessage(R"({"jsonrpc":"2.0","id":3,"result":{}})");
  ASSERT_TRUE(std::holds_alternative<rpc::Message>(response));
  EXPECT_EQ(std::get<rpc::Message>(response).kind, rpc::MessageKind::kResponse);
}

TEST(McpJsonRpc, ReportsParseAndInvalidRequestErrors) {
  auto bad_json = rpc::ParseMessage("{nope");
  ASSERT_TRUE(std::holds_alternative<rpc::Error>(bad_json));
  EXPECT_EQ(std::get<rpc::Error>(bad_json).code, rpc::kParseError);

  auto null_id = rpc::ParseMessage(R"({"jsonrpc":"2.0","id":null,"method":"ping"})");
  ASSERT_TRUE(std::holds_alternative<rpc::Error>(null_id));
  EXPECT_EQ(std::get<rpc::Error>(null_id).code, rpc::kInvalidRequest);

  auto bad_params = rpc::ParseMessage(R"({"jsonrpc":"2.0","id":4,"method":"x","params":3})");
  ASSERT_TRUE(std::holds_alternative<rpc::Error>(bad_params));
  EXPECT_EQ(std::get<rpc::Error>(bad_params).id, 4) << "the id is echoed when readable";
}

TEST(McpJsonRpc, BuildsReplies) {
  EXPECT_EQ(rpc::MakeResult(1, json::object()),
            json::parse(R"({"jsonrpc":"2.0","id":1,"result":{}})"));
  EXPECT_EQ(rpc::MakeError(nullptr, -32601, "nope"),
            json::parse(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32601,"message":"nope"}})"));
}

TEST(McpProtocol, NegotiatesClientVersionWhenSupportedElseLatest) {
  EXPECT_EQ(mcp::NegotiateProtocolVersion("2025-03-26"), "2025-03-26");
  EXPECT_EQ(mcp::NegotiateProtocolVersion("2099-01-01"), mcp::kLatestProtocolVersion);
  EXPECT_EQ(mcp::kLatestProtocolVersion, "2025-11-25");
  EXPECT_FALSE(mcp::IsSupportedProtocolVersion(""));
}

TEST(ServerOrigins, DefaultAllowsOnlyLoopbackOverHttpOnAnyPort) {
  OriginPolicy policy({});
  EXPECT_TRUE(policy.Allows("http://localhost"));
  EXPECT_TRUE(policy.Allows("http://localhost:3000"));
  EXPECT_TRUE(policy.Allows("http://127.0.0.1:8000"));
  EXPECT_FALSE(policy.Allows("http://localhost.evil.example"));
  EXPECT_FALSE(policy.Allows("http://localhost:80x"));
  EXPECT_FALSE(policy.Allows("https://example.com"));
  EXPECT_FALSE(policy.Allows("null"));
}

TEST(ServerOrigins, StarAllowsEverything) {
  EXPECT_TRUE(OriginPolicy({"*"}).Allows("https://x.y"));
}

TEST(ServerConfig, SplitsCommaListsTrimmingBlanks) {
  EXPECT_THAT(SplitCommaList(" http://a , ,http://b:1 "), ElementsAre("http://a", "http://b:1"));
  EXPECT_TRUE(SplitCommaList("").empty());
}

TEST(ServerRetry, BacksOffExponentiallyWithinAttemptsAndBudget) {
  RetryPolicy policy{4, milliseconds(100), milliseconds(250)};
  const milliseconds plenty(60000);
  EXPECT_THAT(policy.DelayBefore(2, std::nullopt, plenty), Optional(milliseconds(100)));
  EXPECT_THAT(policy.DelayBefore(3, std::nullopt, plenty), Optional(milliseconds(200)));
  EXPECT_THAT(policy.DelayBefore(4, std::nullopt, plenty), Optional(milliseconds(250)));
  EXPECT_EQ(policy.DelayBefore(5, std::nullopt, plenty), std::nullopt);
  EXPECT_EQ(policy.DelayBefore(2, std::nullopt, milliseconds(50)), std::nullopt);
}

TEST(ServerRetry, RetryAfterOverridesBackoffButNotTheBudget) {
  RetryPolicy policy{4, milliseconds(100), milliseconds(250)};
  EXPECT_THAT(policy.DelayBefore(2, milliseconds(3000), milliseconds(60000)),
              Optional(milliseconds(3000)));
  EXPECT_EQ(policy.DelayBefore(2, milliseconds(3000), milliseconds(2000)), std::nullopt);
  EXPECT_TRUE(RetryPolicy::IsRetryableStatus(429));
  EXPECT_TRUE(RetryPolicy::IsRetryableStatus(503));
  EXPECT_FALSE(RetryPolicy::IsRetryableStatus(400));
}

TEST(ServerSchemaCheck, AcceptsValidAndNamesTheOffendingParameter) {
  const json schema = {{"type", "object"},
                       {"properties",
                        {{"a", {{"type", "string"}, {"minLength", 1}}},
                         {"n", {{"type", "number"}, {"minimum", 0}, {"maximum", 2}}}}},
                       {"required", {"a"}},
                       {"additionalProperties", false}};
  EXPECT_EQ(CheckArguments(schema, {{"a", "x"}, {"n", 1.5}}), std::nullopt);
  EXPECT_THAT(CheckArguments(schema, json::object()), Optional(::testing::HasSubstr("'a'")));
  EXPECT_THAT(CheckArguments(schema, {{"a", "x"}, {"n", 3}}),
              Optional(::testing::HasSubstr("'n'")));
  EXPECT_THAT(CheckArguments(schema, {{"a", "x"}, {"zz", 1}}),
              Optional(::testing::HasSubstr("'zz'")));
}

}  // namespace
}  // namespace mcp_server
