#pragma once
// list_models: every chat tool the server implements, as a JSON array.

#include <vector>

#include "../tool.h"
#include "model_info.h"

namespace mcp_server {

class ListModelsTool : public Tool {
 public:
  explicit ListModelsTool(std::vector<ModelInfo> models);

  std::string Name() const override { return "list_models"; }
  std::string Description() const override;
  nlohmann::json InputSchema() const override;
  ToolResult Call(const nlohmann::json& arguments) override;

 private:
  std::string listing_;  // the answer: the models are fixed at start-up
};

}  // namespace mcp_server
