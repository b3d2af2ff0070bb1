#pragma once
// Checks a model's structured answer: it must parse as JSON (a surrounding
// ```json fence is tolerated) and satisfy the caller's schema.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mcp_server {

// nullopt and `normalized` set to the compact JSON when `answer` is valid;
// otherwise why not (not JSON, or which part breaks which rule).
std::optional<std::string> CheckStructuredAnswer(const nlohmann::json& schema,
                                                 const std::string& answer,
                                                 std::string& normalized);

}  // namespace mcp_server
