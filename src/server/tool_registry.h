#pragma once
// The tools the server offers, by name. Filled at start-up, read-only after.

#include <memory>
#include <string_view>
#include <vector>

#include "tool.h"

namespace mcp_server {

// The JSON Schema dialect tools/list declares for every input schema.
inline constexpr const char* kJsonSchemaDialect = "https://json-schema.org/draft/2020-12/schema";

class ToolRegistry {
 public:
  void Add(std::unique_ptr<Tool> tool);

  // nullptr when no tool has that name.
  Tool* Find(std::string_view name) const;

  // {"tools":[{"name","description","inputSchema"},...]} in registration order;
  // each inputSchema carries "$schema" (kJsonSchemaDialect unless the tool set one).
  // Built as tools are added (tools/list is asked once per session).
  const nlohmann::json& ListJson() const { return list_; }

 private:
  std::vector<std::unique_ptr<Tool>> tools_;
  nlohmann::json list_ = {{"tools", nlohmann::json::array()}};
};

}  // namespace mcp_server
