#include "tool.h"

namespace mcp_server {

nlohmann::json ToolResult::ToJson() const {
  if (!content.is_null()) return {{"content", content}, {"isError", is_error}};
  return {{"content", nlohmann::json::array({{{"type", "text"}, {"text", text}}})},
          {"isError", is_error}};
}

ToolResult Tool::CallInContext(const nlohmann::json& arguments, RequestContext&) {
  return Call(arguments);
}

}  // namespace mcp_server
