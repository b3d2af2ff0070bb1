#pragma once
// Routes one JSON-RPC request to the MCP method that answers it: initialize,
// ping, tools/list, tools/call. Knows nothing of HTTP or sessions.

#include <mcp/jsonrpc.h>

#include <string>

#include "tool_registry.h"

namespace mcp_server {

struct ServerIdentity {
  std::string name = "mcp-server";
  std::string version;
};

class Dispatcher {
 public:
  // `tools` must outlive the dispatcher.
  Dispatcher(const ToolRegistry& tools, ServerIdentity identity);

  // The JSON-RPC response to `request` (a result or an error). Never throws.
  // For initialize, result.protocolVersion is the negotiated version.
  nlohmann::json Handle(const mcp::jsonrpc::Message& request) const;

 private:
  nlohmann::json Initialize(const mcp::jsonrpc::Message& request) const;
  nlohmann::json CallTool(const mcp::jsonrpc::Message& request) const;

  const ToolRegistry& tools_;
  ServerIdentity identity_;
};

}  // namespace mcp_server
