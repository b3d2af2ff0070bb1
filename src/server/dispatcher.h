#pragma once
// Routes one JSON-RPC request to the MCP method that answers it: initialize,
// ping, tools/list, tools/call, and (with ProtocolMethods) logging,
// resources, prompts and completion. Knows nothing of HTTP or sessions.

#include <mcp/jsonrpc.h>

#include <string>

#include "protocol/protocol_methods.h"
#include "protocol/request_context.h"
#include "tool_registry.h"

namespace mcp_server {

struct ServerIdentity {
  std::string name = "mcp-server";
  std::string version;
};

class Dispatcher {
 public:
  // `tools` and `protocol` (null: only tools) must outlive the dispatcher.
  Dispatcher(const ToolRegistry& tools, ServerIdentity identity,
             const ProtocolMethods* protocol = nullptr);

  // The JSON-RPC response to `request` (a result or an error). Never throws.
  // For initialize, result.protocolVersion is the negotiated version.
  // Tools reach the client through `context`; without one, a detached context.
  nlohmann::json Handle(const mcp::jsonrpc::Message& request) const;
  nlohmann::json Handle(const mcp::jsonrpc::Message& request, RequestContext& context) const;

  // True when `request` is a tools/call whose reply should be an SSE stream:
  // it carries _meta.progressToken or its tool needs the client channel.
  bool WantsStream(const mcp::jsonrpc::Message& request) const;

 private:
  nlohmann::json Initialize(const mcp::jsonrpc::Message& request) const;
  nlohmann::json CallTool(const mcp::jsonrpc::Message& request, RequestContext& context) const;

  const ToolRegistry& tools_;
  ServerIdentity identity_;
  const ProtocolMethods* protocol_;
};

}  // namespace mcp_server
