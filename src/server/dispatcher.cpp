#include "dispatcher.h"

#include <mcp/protocol.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace mcp_server {

namespace rpc = mcp::jsonrpc;
using nlohmann::json;

Dispatcher::Dispatcher(const ToolRegistry& tools, ServerIdentity identity,
                       const ProtocolMethods* protocol)
    : tools_(tools), identity_(std::move(identity)), protocol_(protocol) {}

json Dispatcher::Handle(const rpc::Message& request) const {
  RequestContext detached;
  return Handle(request, detached);
}

bool Dispatcher::WantsStream(const rpc::Message& request) const {
  if (request.method != "tools/call" || !request.params.is_object()) return false;
  const json& params = request.params;
  if (params.contains("_meta") && params["_meta"].is_object() &&
      params["_meta"].contains("progressToken")) {
    return true;
  }
  const Tool* tool = params.contains("name") && params["name"].is_string()
                         ? tools_.Find(params["name"].get<std::string>())
                         : nullptr;
  return tool && tool->NeedsStream();
}

json Dispatcher::Handle(const rpc::Message& request, RequestContext& context) const {
  try {
    if (request.method == "initialize") return Initialize(request);
    if (request.method == "ping") return rpc::MakeResult(request.id, json::object());
    if (request.method == "tools/list") return rpc::MakeResult(request.id, tools_.ListJson());
    if (request.method == "tools/call") return CallTool(request, context);
    if (protocol_) {
      if (auto reply = protocol_->Handle(request, context)) return std::move(*reply);
    }
    return rpc::MakeError(request.id, rpc::kMethodNotFound, "Method not found: " + request.method);
  } catch (const std::exception& e) {
    spdlog::error("method {} failed: {}", request.method, e.what());
    return rpc::MakeError(request.id, rpc::kInternalError, "Internal error");
  }
}

json Dispatcher::Initialize(const rpc::Message& request) const {
  // Tolerate a missing or odd protocolVersion: answering with our latest lets
  // the client decide, as the lifecycle spec prescribes.
  std::string requested;
  if (request.params.is_object() && request.params.contains("protocolVersion") &&
      request.params["protocolVersion"].is_string()) {
    requested = request.params["protocolVersion"].get<std::string>();
  }
  const std::string_view version = mcp::NegotiateProtocolVersion(requested);
  json capabilities{{"tools", {{"listChanged", false}}}};
  if (protocol_) capabilities.update(protocol_->Capabilities());
  return rpc::MakeResult(
      request.id, {{"protocolVersion", version},
                   {"capabilities", std::move(capabilities)},
                   {"serverInfo", {{"name", identity_.name}, {"version", identity_.version}}},
                   {"instructions",
                    "Tools to consult other models (list_models, chat_with_o3). Pass the "
                    "same session_id to continue a conversation."}});
}

json Dispatcher::CallTool(const rpc::Message& request, RequestContext& context) const {
  const json& params = request.params;
  if (!params.is_object() || !params.contains("name") || !params["name"].is_string()) {
    return rpc::MakeError(request.id, rpc::kInvalidParams,
                          "Invalid params: tools/call needs a string 'name'");
  }
  const auto name = params["name"].get<std::string>();
  Tool* tool = tools_.Find(name);
  if (!tool) return rpc::MakeError(request.id, rpc::kInvalidParams, "Unknown tool: " + name);

  json arguments = params.contains("arguments") ? params["arguments"] : json::object();
  if (arguments.is_null()) arguments = json::object();
  if (!arguments.is_object()) {
    return rpc::MakeError(request.id, rpc::kInvalidParams,
                          "Invalid params: 'arguments' must be an object");
  }

  const auto start = std::chrono::steady_clock::now();
  ToolResult result;
  try {
    result = tool->CallInContext(arguments, context);
  } catch (const std::exception& e) {
    result = ToolResult::Fail(name + ": internal error: " + e.what());
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  spdlog::info("tool_call tool={} ms={} isError={}", name, ms, result.is_error);
  if (result.is_error) spdlog::info("tool_call tool={} error: {}", name, result.text);
  return rpc::MakeResult(request.id, result.ToJson());
}

}  // namespace mcp_server
