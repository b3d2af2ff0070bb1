#include "tool_registry.h"

namespace mcp_server {

void ToolRegistry::Add(std::unique_ptr<Tool> tool) {
  nlohmann::json schema = tool->InputSchema();
  // Our schemas use only JSON Schema 2020-12 keywords: say so (SEP-1613).
  if (schema.is_object() && !schema.contains("$schema")) schema["$schema"] = kJsonSchemaDialect;
  list_["tools"].push_back({{"name", tool->Name()},
                            {"description", tool->Description()},
                            {"inputSchema", std::move(schema)}});
  tools_.push_back(std::move(tool));
}

Tool* ToolRegistry::Find(std::string_view name) const {
  for (const auto& tool : tools_) {
    if (tool->Name() == name) return tool.get();
  }
  return nullptr;
}

}  // namespace mcp_server
