#include "tool.h"

namespace mcp_server {

nlohmann::json ToolResult::ToJson() const {
  return {{"content", nlohmann::json::array({{{"type", "text"}, {"text", text}}})},
          {"isError", is_error}};
}

}  // namespace mcp_server
