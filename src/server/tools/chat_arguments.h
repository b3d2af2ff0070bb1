#pragma once
// A chat tool's parameters: the JSON Schema tools/list shows for a model, and
// the parse that enforces it plus the model's own rules (o3's fixed
// temperature, reasoning_effort only on reasoning models).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chat_tool_spec.h"

namespace mcp_server {

struct ChatArguments {
  std::string instructions;
  std::string session_id;
  std::optional<std::string> output_format;
  std::vector<std::string> context;             // file or directory paths to inline
  std::vector<std::string> attachments;         // paths to index into the session's vector store
  std::optional<nlohmann::json> output_schema;  // structured_output_schema
  std::optional<double> temperature;            // only when it is to be sent
  std::optional<std::string> reasoning_effort;  // given or the model's default
};

// The input schema for `spec`'s tool (additionalProperties: false).
nlohmann::json ChatInputSchema(const ChatToolSpec& spec);

// Fills `out` from `arguments`, or returns why they are not acceptable,
// naming the parameter and the allowed values.
std::optional<std::string> ParseChatArguments(const ChatToolSpec& spec,
                                              const nlohmann::json& arguments, ChatArguments& out);

}  // namespace mcp_server
