#pragma once
// A gtest fixture that owns fake provider endpoints, a data directory and an
// in-process mcp-server, and speaks MCP over HTTP to it.

#include <gtest/gtest.h>
#include <httplib.h>
#include <mcp/jsonrpc.h>
#include <mcp/protocol.h>

#include <memory>
#include <string>

#include "test_support.h"

namespace mcp_server::testing {

class McpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = TestConfig(dir_.path(), fake_.base_url(), fake_.gemini_base_url());
  }

  // Starts the server with config_ (adjust config_ first when needed).
  void StartServer() {
    server_ = std::make_unique<RunningServer>(config_);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_connection_timeout(std::chrono::seconds(5));
    client_->set_read_timeout(std::chrono::seconds(30));
  }

  // POSTs `body` to /mcp as is, with exactly `headers`.
  httplib::Result PostRaw(const std::string& body, const httplib::Headers& headers = {}) {
    return client_->Post("/mcp", headers, body, "application/json");
  }

  // The headers a well-behaved client sends after initialize.
  httplib::Headers SessionHeaders() const {
    httplib::Headers headers{{"Accept", "application/json, text/event-stream"}};
    if (!session_.empty()) headers.emplace(std::string(mcp::kSessionIdHeader), session_);
    if (!version_.empty()) headers.emplace(std::string(mcp::kProtocolVersionHeader), version_);
    return headers;
  }

  // initialize with `version`; remembers the session id and negotiated version.
  nlohmann::json Initialize(const std::string& version = "2025-06-18") {
    auto res = PostRaw(
        mcp::jsonrpc::MakeRequest(next_id_++, "initialize",
                                  {{"protocolVersion", version},
                                   {"capabilities", nlohmann::json::object()},
                                   {"clientInfo", {{"name", "unit-test"}, {"version", "1"}}}})
            .dump(),
        {{"Accept", "application/json, text/event-stream"}});
    EXPECT_TRUE(res) << "initialize: no response";
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    session_ = res->get_header_value(std::string(mcp::kSessionIdHeader).c_str());
    auto reply = nlohmann::json::parse(res->body);
    version_ = reply["result"].value("protocolVersion", "");
    return reply;
  }

  // Starts the server and completes the initialize handshake.
  void StartAndInitialize() {
    StartServer();
    Initialize();
    auto res = PostRaw(mcp::jsonrpc::MakeNotification("notifications/initialized").dump(),
                       SessionHeaders());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 202);
  }

  // Sends a request in the current session; returns the JSON-RPC reply.
  nlohmann::json Rpc(const std::string& method, nlohmann::json params = nullptr) {
    auto res = PostRaw(mcp::jsonrpc::MakeRequest(next_id_++, method, std::move(params)).dump(),
                       SessionHeaders());
    EXPECT_TRUE(res) << method << ": no response";
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << method << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    return nlohmann::json::parse(res->body, nullptr, false);
  }

  // tools/call; returns the reply's result (content + isError).
  nlohmann::json CallTool(const std::string& name, nlohmann::json arguments) {
    auto reply = Rpc("tools/call", {{"name", name}, {"arguments", std::move(arguments)}});
    EXPECT_TRUE(reply.contains("result")) << reply.dump();
    return reply.value("result", nlohmann::json::object());
  }

  // The text of a tool result's first content item.
  static std::string Text(const nlohmann::json& result) {
    if (!result.contains("content") || result["content"].empty()) return {};
    return result["content"][0].value("text", "");
  }

  TempDir dir_;
  FakeProviders fake_;
  Config config_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string session_;
  std::string version_;
  int next_id_ = 1;
};

}  // namespace mcp_server::testing
