#pragma once
// What every MCP tool provides: a name, a description, a JSON Schema for its
// arguments, and a call that turns arguments into a result.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mcp_server {

// An MCP tool result. Failures the model should see (bad arguments, provider
// errors) are results with is_error, not JSON-RPC errors.
struct ToolResult {
  std::string text;
  bool is_error = false;
  // When not null: the content array as is (images, audio, embedded
  // resources...), instead of one text item made of `text`.
  nlohmann::json content;
  // Further text content items, after `text` (e.g. a chat tool's JSON report
  // of which files were inlined or retrieved).
  std::vector<std::string> more_texts;

  static ToolResult Ok(std::string text) { return {std::move(text), false, nullptr}; }
  static ToolResult Fail(std::string text) { return {std::move(text), true, nullptr}; }
  static ToolResult WithContent(nlohmann::json content) { return {"", false, std::move(content)}; }

  // {"content":[{"type":"text","text":...}, more_texts...],"isError":...}
  nlohmann::json ToJson() const;
};

class RequestContext;

class Tool {
 public:
  virtual ~Tool() = default;
  virtual std::string Name() const = 0;
  virtual std::string Description() const = 0;
  // A JSON Schema object with additionalProperties: false.
  virtual nlohmann::json InputSchema() const = 0;
  // REQUIRES: `arguments` is an object. Must not throw for any input.
  virtual ToolResult Call(const nlohmann::json& arguments) = 0;
  // The call with the request's channel to the client (progress, log
  // messages, requests to the client, cancellation). Default: Call(arguments).
  virtual ToolResult CallInContext(const nlohmann::json& arguments, RequestContext& context);
  // True when every call needs that channel (e.g. the tool asks the client
  // for sampling), so the reply must be an SSE stream even without a
  // progressToken.
  virtual bool NeedsStream() const { return false; }
};

}  // namespace mcp_server
