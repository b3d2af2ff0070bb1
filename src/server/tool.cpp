#include "tool.h"

namespace mcp_server {

nlohmann::json ToolResult::ToJson() const {
  auto content = nlohmann::json::array({{{"type", "text"}, {"text", text}}});
  for (const auto& more : more_texts) content.push_back({{"type", "text"}, {"text", more}});
  return {{"content", std::move(content)}, {"isError", is_error}};
}

}  // namespace mcp_server
