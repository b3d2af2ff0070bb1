#pragma once
// A deliberately plain MCP client over Streamable HTTP, for the cases only a
// protocol client can cause (a malformed body, a batch, a foreign Origin, a
// session id that was never issued): it sends exactly the bytes and headers
// it is given and reports the HTTP status and body as they came back.

#include <httplib.h>
#include <mcp/jsonrpc.h>
#include <mcp/protocol.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace scenario {

// What the server answered to one POST.
struct RawAnswer {
  int status = 0;  // 0: no HTTP answer at all
  std::string body;
  std::string content_type;

  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
  // The JSON-RPC error code, or 0 when the body carries none.
  int ErrorCode() const {
    const nlohmann::json reply = Json();
    if (!reply.is_object() || !reply.contains("error") || !reply["error"].is_object()) return 0;
    return reply["error"].value("code", 0);
  }
};

class RawMcpClient {
 public:
  // `base_url` is "http://host:port" of the server; requests go to /mcp.
  explicit RawMcpClient(std::string base_url) : base_url_(std::move(base_url)) {}

  // POSTs `body` as is, with exactly `headers` (plus Content-Type).
  RawAnswer Post(const std::string& body, const httplib::Headers& headers) const {
    httplib::Client client(base_url_);
    client.set_connection_timeout(std::chrono::seconds(5));
    client.set_read_timeout(std::chrono::seconds(30));
    client.set_write_timeout(std::chrono::seconds(30));
    auto response = client.Post("/mcp", headers, body, "application/json");
    if (!response) return {};
    return {response->status, response->body, response->get_header_value("Content-Type")};
  }

  // initialize at `version`, then notifications/initialized; keeps the issued
  // session id and the negotiated version for SessionHeaders(). Throws when
  // the handshake fails: nothing else can be tested then.
  void Initialize(const std::string& version = "2025-06-18") {
    const nlohmann::json request = mcp::jsonrpc::MakeRequest(
        next_id_++, "initialize",
        {{"protocolVersion", version},
         {"capabilities", nlohmann::json::object()},
         {"clientInfo", {{"name", "failures-scenario"}, {"version", "1"}}}});
    httplib::Client client(base_url_);
    client.set_connection_timeout(std::chrono::seconds(5));
    client.set_read_timeout(std::chrono::seconds(30));
    auto response = client.Post("/mcp", AcceptHeaders(), request.dump(), "application/json");
    if (!response || response->status != 200) {
      throw std::runtime_error("initialize failed: " +
                               (response ? std::to_string(response->status) + " " + response->body
                                         : httplib::to_string(response.error())));
    }
    session_ = response->get_header_value(std::string(mcp::kSessionIdHeader).c_str());
    version_ = nlohmann::json::parse(response->body)["result"].value("protocolVersion", "");
    const RawAnswer initialized =
        Post(mcp::jsonrpc::MakeNotification("notifications/initialized").dump(), SessionHeaders());
    if (initialized.status != 202) {
      throw std::runtime_error("notifications/initialized: HTTP " +
                               std::to_string(initialized.status) + " " + initialized.body);
    }
  }

  // The headers a well-behaved client sends: Accept, and after initialize
  // the session id and the negotiated protocol version.
  httplib::Headers SessionHeaders() const {
    httplib::Headers headers = AcceptHeaders();
    if (!session_.empty()) headers.emplace(std::string(mcp::kSessionIdHeader), session_);
    if (!version_.empty()) headers.emplace(std::string(mcp::kProtocolVersionHeader), version_);
    return headers;
  }

  static httplib::Headers AcceptHeaders() {
    return {{"Accept", "application/json, text/event-stream"}};
  }

  // A well-formed request in this session.
  RawAnswer Request(const std::string& method, nlohmann::json params = nullptr) {
    return Post(mcp::jsonrpc::MakeRequest(next_id_++, method, std::move(params)).dump(),
                SessionHeaders());
  }

  int NextId() { return next_id_++; }
  const std::string& session() const { return session_; }

 private:
  std::string base_url_;
  std::string session_;
  std::string version_;
  int next_id_ = 1;
};

}  // namespace scenario
