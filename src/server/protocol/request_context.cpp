#include "request_context.h"

#include <mcp/jsonrpc.h>

#include "session_preferences.h"

namespace mcp_server {

namespace rpc = mcp::jsonrpc;
using nlohmann::json;

RequestContext::RequestContext(std::string session, const json& params,
                               const SessionPreferences* preferences,
                               std::shared_ptr<const std::atomic<bool>> cancelled)
    : session_(std::move(session)), preferences_(preferences), cancelled_(std::move(cancelled)) {
  if (params.is_object() && params.contains("_meta") && params["_meta"].is_object()) {
    const json& token = params["_meta"].value("progressToken", json());
    if (token.is_string() || token.is_number_integer()) progress_token_ = token;
  }
}

void RequestContext::AttachStream(Sender send, ClientRequests* requests) {
  send_ = std::move(send);
  requests_ = requests;
}

bool RequestContext::Cancelled() const {
  return client_gone_ || (cancelled_ && cancelled_->load());
}

std::function<bool()> RequestContext::AbortHook() const {
  return [this] { return Cancelled(); };
}

bool RequestContext::Send(const json& message) {
  if (!send_ || client_gone_) return false;
  if (!send_(message)) client_gone_ = true;
  return !client_gone_;
}

void RequestContext::Progress(double progress, std::optional<double> total,
                              const std::string& message) {
  if (!has_progress_token()) return;
  json params{{"progressToken", progress_token_}, {"progress", progress}};
  if (total) params["total"] = *total;
  if (!message.empty()) params["message"] = message;
  Send(rpc::MakeNotification("notifications/progress", std::move(params)));
}

void RequestContext::Log(LogLevel level, const json& data, const std::string& logger) {
  const LogLevel minimum = preferences_ ? preferences_->LogLevelOf(session_) : LogLevel::kInfo;
  if (level < minimum) return;
  Send(rpc::MakeNotification("notifications/message",
                             {{"level", LogLevelName(level)}, {"logger", logger}, {"data", data}}));
}

ClientAnswer RequestContext::Ask(const std::string& method, json params,
                                 std::chrono::milliseconds timeout) {
  if (!send_ || !requests_) {
    return {std::nullopt, method +
                              " needs an SSE reply stream: send the request with Accept: "
                              "text/event-stream"};
  }
  // The client may only be asked what it declared it can answer.
  const std::string capability = method.substr(0, method.find('/'));
  if (preferences_ && !preferences_->ClientDeclared(session_, capability)) {
    return {std::nullopt, "the client did not declare the '" + capability +
                              "' capability at initialize, so " + method + " cannot be sent"};
  }
  const std::string id = requests_->Open(session_);
  const auto deadline = ClientRequests::Clock::now() + timeout;
  if (!Send(rpc::MakeRequest(id, method, std::move(params)))) {
    requests_->Wait(id, ClientRequests::Clock::now(), nullptr);  // forgets the id
    return {std::nullopt, "the client closed the stream before " + method + " was sent"};
  }
  return requests_->Wait(id, deadline, [this] { return Cancelled(); });
}

}  // namespace mcp_server
