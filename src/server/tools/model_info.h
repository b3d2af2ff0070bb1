#pragma once
// What list_models reports about each chat tool.

#include <nlohmann/json.hpp>
#include <string>

namespace mcp_server {

struct ModelInfo {
  std::string tool;  // the chat tool's name, e.g. chat_with_o3
  std::string provider;
  std::string model;
  long context_window = 0;  // tokens
  std::string description;
};

inline nlohmann::json ToJson(const ModelInfo& m) {
  return {{"tool", m.tool},
          {"provider", m.provider},
          {"model", m.model},
          {"context_window", m.context_window},
          {"description", m.description}};
}

}  // namespace mcp_server
