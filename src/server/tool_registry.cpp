#include "tool_registry.h"

namespace mcp_server {

void ToolRegistry::Add(std::unique_ptr<Tool> tool) { tools_.push_back(std::move(tool)); }

Tool* ToolRegistry::Find(std::string_view name) const {
  for (const auto& tool : tools_) {
    if (tool->Name() == name) return tool.get();
  }
  return nullptr;
}

nlohmann::json ToolRegistry::ListJson() const {
  auto list = nlohmann::json::array();
  for (const auto& tool : tools_) {
    list.push_back({{"name", tool->Name()},
                    {"description", tool->Description()},
                    {"inputSchema", tool->InputSchema()}});
  }
  return {{"tools", std::move(list)}};
}

}  // namespace mcp_server
