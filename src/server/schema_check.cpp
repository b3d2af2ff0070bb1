#include "schema_check.h"

#include <fmt/format.h>

namespace mcp_server {
namespace {

using nlohmann::json;

bool HasType(const json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "null") return value.is_null();
  return true;  // unknown type keyword: do not refuse what we cannot judge
}

std::optional<std::string> CheckValue(const std::string& name, const json& schema,
                                      const json& value) {
  if (schema.contains("type") && schema["type"].is_string() &&
      !HasType(value, schema["type"].get<std::string>())) {
    return fmt::format("parameter '{}' must be of type {}", name,
                       schema["type"].get<std::string>());
  }
  if (schema.contains("enum") && schema["enum"].is_array()) {
    bool found = false;
    for (const auto& option : schema["enum"]) found = found || option == value;
    if (!found) {
      return fmt::format("parameter '{}' must be one of {}", name, schema["enum"].dump());
    }
  }
  if (value.is_string() && schema.contains("minLength")) {
    const auto min = schema["minLength"].get<std::size_t>();
    if (value.get_ref<const std::string&>().size() < min) {
      return min == 1 ? fmt::format("parameter '{}' must not be empty", name)
                      : fmt::format("parameter '{}' must be at least {} characters", name, min);
    }
  }
  if (value.is_number() && schema.contains("minimum") &&
      value.get<double>() < schema["minimum"].get<double>()) {
    return fmt::format("parameter '{}' must be >= {}", name, schema["minimum"].dump());
  }
  if (value.is_number() && schema.contains("maximum") &&
      value.get<double>() > schema["maximum"].get<double>()) {
    return fmt::format("parameter '{}' must be <= {}", name, schema["maximum"].dump());
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CheckArguments(const json& schema, const json& arguments) {
  if (!arguments.is_object()) return "arguments must be an object";
  const json properties = schema.value("properties", json::object());
  for (const auto& required : schema.value("required", json::array())) {
    const auto name = required.get<std::string>();
    if (!arguments.contains(name)) return fmt::format("missing required parameter '{}'", name);
  }
  const bool closed = schema.value("additionalProperties", true) == false;
  for (const auto& [name, value] : arguments.items()) {
    if (!properties.contains(name)) {
      if (closed) return fmt::format("unknown parameter '{}'", name);
      continue;
    }
    if (auto problem = CheckValue(name, properties[name], value)) return problem;
  }
  return std::nullopt;
}

}  // namespace mcp_server
