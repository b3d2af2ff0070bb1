#pragma once
// Checks tool arguments against the tool's own input schema, so the schema a
// client sees in tools/list is the rule that is enforced. Supports the subset
// of JSON Schema our tools use: type, properties, required,
// additionalProperties: false, enum, minLength, minimum, maximum.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mcp_server {

// nullopt when `arguments` satisfies `schema`, otherwise a message naming the
// offending parameter, e.g. "parameter 'instructions' must not be empty".
std::optional<std::string> CheckArguments(const nlohmann::json& schema,
                                          const nlohmann::json& arguments);

}  // namespace mcp_server
