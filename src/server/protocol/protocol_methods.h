#pragma once
// The MCP methods beyond tools: logging/setLevel, resources/list,
// resources/read, resources/templates/list, resources/subscribe,
// resources/unsubscribe, prompts/list, prompts/get and completion/complete,
// and the capabilities they add at initialize. Knows nothing of HTTP.

#include <mcp/jsonrpc.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "prompt_catalog.h"
#include "request_context.h"
#include "resource_catalog.h"
#include "session_preferences.h"

namespace mcp_server {

// JSON-RPC error for resources/read of an unknown URI (MCP's "resource not found").
inline constexpr int kResourceNotFound = -32002;

class ProtocolMethods {
 public:
  // Everything referenced must outlive this object.
  ProtocolMethods(const ResourceCatalog& resources, const PromptCatalog& prompts,
                  SessionPreferences& preferences);

  // The reply when `request.method` is one of these methods; nullopt otherwise.
  std::optional<nlohmann::json> Handle(const mcp::jsonrpc::Message& request,
                                       const RequestContext& context) const;

  // {"logging":{},"resources":{...},"prompts":{...},"completions":{}}
  nlohmann::json Capabilities() const;

 private:
  nlohmann::json SetLogLevel(const mcp::jsonrpc::Message& request,
                             const RequestContext& context) const;
  nlohmann::json ReadResource(const mcp::jsonrpc::Message& request) const;
  nlohmann::json Subscription(const mcp::jsonrpc::Message& request, const RequestContext& context,
                              bool subscribe) const;
  nlohmann::json GetPrompt(const mcp::jsonrpc::Message& request) const;
  nlohmann::json Complete(const mcp::jsonrpc::Message& request) const;

  const ResourceCatalog& resources_;
  const PromptCatalog& prompts_;
  SessionPreferences& preferences_;
};

}  // namespace mcp_server
