#pragma once
// Validates JSON against the JSON Schemas our tools publish, so the schema a
// client sees in tools/list is the rule that is enforced, and checks a
// model's structured answer against the caller's schema. Supports the subset
// of JSON Schema our tools and typical answer schemas use: type (one or a
// list), properties, required, additionalProperties: false, items, enum,
// const, minLength, maxLength, minimum, maximum, minItems, maxItems.
// Unknown keywords are ignored (never refuse what we cannot judge).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mcp_server {

// nullopt when `arguments` satisfies `schema`, otherwise a message naming the
// offending parameter and what is allowed, e.g. "parameter 'instructions'
// must not be empty", "parameter 'reasoning_effort' must be one of [...]".
std::optional<std::string> CheckArguments(const nlohmann::json& schema,
                                          const nlohmann::json& arguments);

// nullopt when `value` satisfies `schema`; otherwise why not, naming the
// place by a path from `root` (e.g. "'$.items[2]' must be of type integer").
std::optional<std::string> CheckAgainstSchema(const nlohmann::json& schema,
                                              const nlohmann::json& value,
                                              const std::string& root = "$");

}  // namespace mcp_server
