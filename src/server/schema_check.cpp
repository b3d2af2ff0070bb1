#include "schema_check.h"

#include <fmt/format.h>

#include <cmath>

namespace mcp_server {
namespace {

using nlohmann::json;
using Problem = std::optional<std::string>;

// JSON has one number type: 2.0 is an integer to JSON Schema.
bool IsWholeFloat(const json& value) {
  if (!value.is_number_float()) return false;
  const double number = value.get<double>();
  return std::isfinite(number) && std::trunc(number) == number;
}

bool HasType(const json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer() || IsWholeFloat(value);
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "null") return value.is_null();
  return true;  // unknown type keyword: do not refuse what we cannot judge
}

// A non-negative integer keyword (minLength, minItems, ...), when present.
std::optional<std::size_t> CountKeyword(const json& schema, const char* keyword) {
  if (!schema.contains(keyword) || !schema[keyword].is_number_integer()) return std::nullopt;
  const auto count = schema[keyword].get<long long>();
  if (count < 0) return std::nullopt;
  return static_cast<std::size_t>(count);
}

// 2.0 reads "2", as a person would write a bound.
std::string NumberText(const json& number) {
  return number.is_number_float() ? fmt::format("{}", number.get<double>()) : number.dump();
}

std::string Compact(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Child(const std::string& where, const std::string& name) {
  return where.empty() ? name : where + "." + name;
}

Problem CheckType(const json& schema, const json& value, const std::string& where) {
  if (!schema.contains("type")) return std::nullopt;
  const json& type = schema["type"];
  if (type.is_string() && !HasType(value, type.get<std::string>())) {
    return fmt::format("'{}' must be of type {}", where, type.get<std::string>());
  }
  if (type.is_array()) {
    for (const auto& option : type) {
      if (option.is_string() && HasType(value, option.get<std::string>())) return std::nullopt;
    }
    return fmt::format("'{}' must be of type {}", where, Compact(type));
  }
  return std::nullopt;
}

Problem CheckEnumAndConst(const json& schema, const json& value, const std::string& where) {
  if (schema.contains("enum") && schema["enum"].is_array()) {
    for (const auto& option : schema["enum"]) {
      if (option == value) return std::nullopt;
    }
    return fmt::format("'{}' must be one of {} (got {})", where, Compact(schema["enum"]),
                       Compact(value));
  }
  if (schema.contains("const") && schema["const"] != value) {
    return fmt::format("'{}' must be {} (got {})", where, Compact(schema["const"]), Compact(value));
  }
  return std::nullopt;
}

Problem CheckLength(const json& schema, const json& value, const std::string& where) {
  if (!value.is_string()) return std::nullopt;
  const auto size = value.get_ref<const std::string&>().size();
  if (const auto min = CountKeyword(schema, "minLength"); min && size < *min) {
    return *min == 1 ? fmt::format("'{}' must not be empty", where)
                     : fmt::format("'{}' must be at least {} characters", where, *min);
  }
  if (const auto max = CountKeyword(schema, "maxLength"); max && size > *max) {
    return fmt::format("'{}' must be at most {} characters", where, *max);
  }
  return std::nullopt;
}

Problem CheckRange(const json& schema, const json& value, const std::string& where) {
  if (!value.is_number()) return std::nullopt;
  const bool has_min = schema.contains("minimum") && schema["minimum"].is_number();
  const bool has_max = schema.contains("maximum") && schema["maximum"].is_number();
  const double number = value.get<double>();
  const bool below = has_min && number < schema["minimum"].get<double>();
  const bool above = has_max && number > schema["maximum"].get<double>();
  if (!below && !above) return std::nullopt;
  if (has_min && has_max) {
    return fmt::format("'{}' must be between {} and {} (got {})", where,
                       NumberText(schema["minimum"]), NumberText(schema["maximum"]),
                       NumberText(value));
  }
  return below ? fmt::format("'{}' must be >= {} (got {})", where, NumberText(schema["minimum"]),
                             NumberText(value))
               : fmt::format("'{}' must be <= {} (got {})", where, NumberText(schema["maximum"]),
                             NumberText(value));
}

Problem CheckNode(const json& schema, const json& value, const std::string& where);

Problem CheckArray(const json& schema, const json& value, const std::string& where) {
  if (!value.is_array()) return std::nullopt;
  if (const auto min = CountKeyword(schema, "minItems"); min && value.size() < *min) {
    return fmt::format("'{}' must have at least {} item(s)", where, *min);
  }
  if (const auto max = CountKeyword(schema, "maxItems"); max && value.size() > *max) {
    return fmt::format("'{}' must have at most {} item(s)", where, *max);
  }
  if (!schema.contains("items") || !schema["items"].is_object()) return std::nullopt;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (auto problem = CheckNode(schema["items"], value[i], fmt::format("{}[{}]", where, i))) {
      return problem;
    }
  }
  return std::nullopt;
}

Problem CheckObject(const json& schema, const json& value, const std::string& where) {
  if (!value.is_object()) return std::nullopt;
  const json properties = schema.value("properties", json::object());
  for (const auto& required : schema.value("required", json::array())) {
    if (required.is_string() && !value.contains(required.get<std::string>())) {
      return fmt::format("'{}' is required", Child(where, required.get<std::string>()));
    }
  }
  const bool closed = schema.contains("additionalProperties") &&
                      schema["additionalProperties"].is_boolean() &&
                      !schema["additionalProperties"].get<bool>();
  for (const auto& [name, member] : value.items()) {
    if (properties.is_object() && properties.contains(name)) {
      if (auto problem = CheckNode(properties[name], member, Child(where, name))) return problem;
    } else if (closed) {
      return fmt::format("'{}' is not allowed (no such property)", Child(where, name));
    }
  }
  return std::nullopt;
}

Problem CheckNode(const json& schema, const json& value, const std::string& where) {
  if (!schema.is_object()) return std::nullopt;
  for (auto check :
       {&CheckType, &CheckEnumAndConst, &CheckLength, &CheckRange, &CheckArray, &CheckObject}) {
    if (auto problem = check(schema, value, where)) return problem;
  }
  return std::nullopt;
}

std::string AllowedNames(const json& properties) {
  std::string names;
  for (const auto& [name, unused] : properties.items()) names += (names.empty() ? "" : ", ") + name;
  return names;
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
      if (!closed) continue;
      return fmt::format("unknown parameter '{}' (allowed: {})", name, AllowedNames(properties));
    }
    if (auto problem = CheckNode(properties[name], value, name)) return "parameter " + *problem;
  }
  return std::nullopt;
}

std::optional<std::string> CheckAgainstSchema(const json& schema, const json& value,
                                              const std::string& root) {
  return CheckNode(schema, value, root);
}

}  // namespace mcp_server
