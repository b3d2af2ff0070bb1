#include "list_models.h"

#include "../schema_check.h"

namespace mcp_server {

ListModelsTool::ListModelsTool(std::vector<ModelInfo> models) {
  auto list = nlohmann::json::array();
  for (const auto& model : models) list.push_back(ToJson(model));
  listing_ = list.dump();
}

std::string ListModelsTool::Description() const {
  return "List every model this server can consult: tool name, provider, model, context window "
         "(tokens) and a short description.";
}

nlohmann::json ListModelsTool::InputSchema() const {
  return {{"type", "object"},
          {"properties", nlohmann::json::object()},
          {"additionalProperties", false}};
}

ToolResult ListModelsTool::Call(const nlohmann::json& arguments) {
  if (auto problem = CheckArguments(InputSchema(), arguments)) {
    return ToolResult::Fail("list_models: " + *problem);
  }
  return ToolResult::Ok(listing_);
}

}  // namespace mcp_server
