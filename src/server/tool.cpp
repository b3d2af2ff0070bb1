#include "tool.h"

namespace mcp_server {

nlohmann::json ToolResult::ToJson() const {
  if (!content.is_null()) return {{"content", content}, {"isError", is_error}};
  auto items = nlohmann::json::array({{{"type", "text"}, {"text", text}}});
  for (const auto& more : more_texts) items.push_back({{"type", "text"}, {"text", more}});
  return {{"content", std::move(items)}, {"isError", is_error}};
}

ToolResult Tool::CallInContext(const nlohmann::json& arguments, RequestContext&) {
  return Call(arguments);
}

}  // namespace mcp_server
