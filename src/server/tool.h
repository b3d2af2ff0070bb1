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
  // Further text content items, after `text` (e.g. a chat tool's JSON report
  // of which files were inlined or retrieved).
  std::vector<std::string> more_texts;

  static ToolResult Ok(std::string text) { return {std::move(text), false}; }
  static ToolResult Fail(std::string text) { return {std::move(text), true}; }

  // {"content":[{"type":"text","text":...}, more_texts...],"isError":...}
  nlohmann::json ToJson() const;
};

class Tool {
 public:
  virtual ~Tool() = default;
  virtual std::string Name() const = 0;
  virtual std::string Description() const = 0;
  // A JSON Schema object with additionalProperties: false.
  virtual nlohmann::json InputSchema() const = 0;
  // REQUIRES: `arguments` is an object. Must not throw for any input.
  virtual ToolResult Call(const nlohmann::json& arguments) = 0;
};

}  // namespace mcp_server
