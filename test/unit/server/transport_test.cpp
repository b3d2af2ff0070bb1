// Streamable HTTP behaviour of /mcp and /healthz, over real HTTP.

#include <gmock/gmock.h>

#include "mcp_fixture.h"

namespace mcp_server::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
namespace rpc = mcp::jsonrpc;

class McpTransport : public McpServerTest {
 protected:
  // The HTTP status of a ping in the session that carries `origin` as its
  // Origin header (0: no answer at all).
  int PingStatusFromOrigin(const std::string& origin) {
    auto headers = SessionHeaders();
    headers.emplace("Origin", origin);
    const auto res = PostRaw(rpc::MakeRequest(10, "ping").dump(), headers);
    return res ? res->status : 0;
  }
};

TEST_F(McpTransport, InitializeIssuesRandomVisibleAsciiSessionIds) {
  StartServer();
  const json reply = Initialize("2025-06-18");
  const std::string first = session_;
  ASSERT_EQ(reply["jsonrpc"], "2.0");
  EXPECT_EQ(reply["result"]["protocolVersion"], "2025-06-18");
  EXPECT_EQ(reply["result"]["capabilities"]["tools"]["listChanged"], false);
  EXPECT_EQ(reply["result"]["serverInfo"]["name"], "mcp-server");
  EXPECT_THAT(first, MatchesRegex("[!-~]{32,}"));
  Initialize("2025-06-18");
  EXPECT_NE(session_, first);
}

TEST_F(McpTransport, NegotiatesEachSupportedVersionAndFallsBackToLatest) {
  StartServer();
  for (std::string_view version : mcp::kSupportedProtocolVersions) {
    EXPECT_EQ(Initialize(std::string(version))["result"]["protocolVersion"], version);
  }
  EXPECT_EQ(Initialize("2024-11-05")["result"]["protocolVersion"], "2025-11-25");
}

TEST_F(McpTransport, NotificationsAreAcceptedWith202AndNoBody) {
  StartServer();
  Initialize();
  auto res = PostRaw(rpc::MakeNotification("notifications/initialized").dump(), SessionHeaders());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202);
  EXPECT_TRUE(res->body.empty());
}

TEST_F(McpTransport, PingAnswersEmptyObject) {
  StartAndInitialize();
  EXPECT_EQ(Rpc("ping")["result"], json::object());
}

TEST_F(McpTransport, RequestWithoutSessionHeaderIs400) {
  StartAndInitialize();
  auto res = PostRaw(rpc::MakeRequest(7, "tools/list").dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("Mcp-Session-Id"));
}

TEST_F(McpTransport, UnknownSessionIs404) {
  StartAndInitialize();
  session_ = "not-a-session";
  auto res = PostRaw(rpc::MakeRequest(7, "tools/list").dump(), SessionHeaders());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(McpTransport, DeleteEndsTheSessionThenItIs404) {
  StartAndInitialize();
  auto del = client_->Delete("/mcp", SessionHeaders());
  ASSERT_TRUE(del);
  EXPECT_THAT(del->status, ::testing::AnyOf(200, 204));
  auto res = PostRaw(rpc::MakeRequest(8, "ping").dump(), SessionHeaders());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  auto again = client_->Delete("/mcp", SessionHeaders());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);
}

TEST_F(McpTransport, UnsupportedProtocolVersionHeaderIs400) {
  StartAndInitialize();
  version_ = "1999-01-01";
  auto res = PostRaw(rpc::MakeRequest(9, "ping").dump(), SessionHeaders());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("MCP-Protocol-Version"));
}

TEST_F(McpTransport, MissingProtocolVersionHeaderIsTolerated) {
  StartAndInitialize();
  version_.clear();
  EXPECT_EQ(Rpc("ping")["result"], json::object());
}

TEST_F(McpTransport, ForeignOriginIs403AndLocalhostOriginIsAllowed) {
  StartAndInitialize();
  EXPECT_EQ(PingStatusFromOrigin("http://evil.example"), 403);
  EXPECT_EQ(PingStatusFromOrigin("http://localhost:6274"), 200);
}

TEST_F(McpTransport, ConfiguredOriginAllowListReplacesTheDefault) {
  config_.allowed_origins = {"https://app.example"};
  StartAndInitialize();
  EXPECT_EQ(PingStatusFromOrigin("https://app.example"), 200);
  EXPECT_EQ(PingStatusFromOrigin("http://localhost"), 403);
}

TEST_F(McpTransport, AConfiguredHttpPathServesMcpThereAndNotAtTheDefault) {
  config_.http_path = "/rpc/v2";
  StartServer();
  const json initialize = rpc::MakeRequest(1, "initialize",
                                           {{"protocolVersion", "2025-06-18"},
                                            {"capabilities", json::object()},
                                            {"clientInfo", {{"name", "t"}, {"version", "1"}}}});
  const httplib::Headers accept{{"Accept", "application/json, text/event-stream"}};
  auto moved = client_->Post("/rpc/v2", accept, initialize.dump(), "application/json");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 200) << moved->body;
  EXPECT_TRUE(moved->has_header(std::string(mcp::kSessionIdHeader)));
  auto old_path = PostRaw(initialize.dump(), accept);
  ASSERT_TRUE(old_path);
  EXPECT_EQ(old_path->status, 404);
}

TEST_F(McpTransport, BodyOverTheLimitIs413AndServerKeepsServing) {
  config_.max_body_bytes = 1024;
  StartAndInitialize();
  json big = rpc::MakeRequest(14, "ping", {{"padding", std::string(4096, 'x')}});
  auto res = PostRaw(big.dump(), SessionHeaders());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(Rpc("ping")["result"], json::object());
}

TEST_F(McpTransport, MalformedJsonIsParseError) {
  StartAndInitialize();
  auto res = PostRaw("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ", SessionHeaders());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  const json reply = json::parse(res->body);
  EXPECT_EQ(reply["error"]["code"], rpc::kParseError);
  EXPECT_TRUE(reply["id"].is_null());
  EXPECT_EQ(Rpc("ping")["result"], json::object()) << "server must keep serving";
}

TEST_F(McpTransport, BatchesAndNonJsonRpcObjectsAreInvalidRequests) {
  StartAndInitialize();
  for (const char* body : {R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])",
                           R"({"jsonrpc":"1.0","id":1,"method":"ping"})", R"({"id":1})", "42"}) {
    auto res = PostRaw(body, SessionHeaders());
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_EQ(json::parse(res->body)["error"]["code"], rpc::kInvalidRequest) << body;
  }
}

// 2025-03-26 clients may batch (its spec: servers MUST accept batches);
// 2025-06-18 removed batching, so later sessions get the refusal above.
TEST_F(McpTransport, A2025_03_26SessionGetsOneReplyPerRequestOfABatchInOrder) {
  StartServer();
  Initialize("2025-03-26");
  const json batch =
      json::array({rpc::MakeRequest(7, "ping"), rpc::MakeNotification("notifications/initialized"),
                   rpc::MakeRequest("b", "tools/call",
                                    {{"name", "list_models"}, {"arguments", json::object()}}),
                   json{{"jsonrpc", "2.0"}, {"id", 9}},  // neither request nor response
                   rpc::MakeRequest(10, "initialize", {{"protocolVersion", "2025-03-26"}})});
  auto res = PostRaw(batch.dump(), SessionHeaders());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json replies = json::parse(res->body);
  ASSERT_TRUE(replies.is_array()) << res->body;
  ASSERT_EQ(replies.size(), 4U) << res->body;  // the notification gets none
  EXPECT_EQ(replies[0]["id"], 7);
  EXPECT_EQ(replies[0]["result"], json::object());
  EXPECT_EQ(replies[1]["id"], "b");
  EXPECT_EQ(replies[1]["result"]["isError"], false);
  EXPECT_EQ(replies[2]["error"]["code"], rpc::kInvalidRequest);
  EXPECT_EQ(replies[3]["id"], 10);
  EXPECT_THAT(replies[3]["error"]["message"].get<std::string>(), HasSubstr("initialize"));
}

TEST_F(McpTransport, ABatchOfNotificationsIsAcceptedAndAnEmptyBatchIsInvalid) {
  StartServer();
  Initialize("2025-03-26");
  auto only_notifications = PostRaw(
      json::array({rpc::MakeNotification("notifications/initialized")}).dump(), SessionHeaders());
  ASSERT_TRUE(only_notifications);
  EXPECT_EQ(only_notifications->status, 202);
  EXPECT_TRUE(only_notifications->body.empty());
  auto empty = PostRaw("[]", SessionHeaders());
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(json::parse(empty->body)["error"]["code"], rpc::kInvalidRequest);
  auto broken = PostRaw("[{", SessionHeaders());
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
  EXPECT_EQ(json::parse(broken->body)["error"]["code"], rpc::kParseError);
}

TEST_F(McpTransport, UnknownMethodIsMethodNotFound) {
  StartAndInitialize();
  const json reply = Rpc("no/such/method");
  EXPECT_EQ(reply["error"]["code"], rpc::kMethodNotFound);
}

TEST_F(McpTransport, GetOnMcpNeedsAKnownSession) {
  StartAndInitialize();
  session_.clear();
  auto missing = client_->Get("/mcp", SessionHeaders());
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  session_ = "not-a-session";
  auto unknown = client_->Get("/mcp", SessionHeaders());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(McpTransport, HealthzReportsOkWithVersionUptimeAndDb) {
  StartServer();
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const json body = json::parse(res->body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["db"], "ok");
  EXPECT_TRUE(body["version"].is_string());
  EXPECT_TRUE(body["uptime_s"].is_number_integer());
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "mcp.db"));
}

TEST_F(McpTransport, HealthzIs503WhenTheDatabaseCannotBeOpened) {
  // A regular file where the data directory should be: SQLite cannot open under it.
  const auto blocker = dir_.path() / "not-a-dir";
  {
    std::FILE* f = std::fopen(blocker.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
  }
  config_.data_dir = blocker;
  StartServer();
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_THAT(json::parse(res->body)["db"].get<std::string>(), HasSubstr("error"));
}

}  // namespace
}  // namespace mcp_server::testing
