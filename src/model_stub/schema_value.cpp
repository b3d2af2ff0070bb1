#include "schema_value.h"

#include "ascii.h"
#include "markers.h"

namespace model_stub {
namespace {

constexpr int kMaxDepth = 32;  // schemas are untrusted; $ref loops are not followed anyway

// The schema's type, lower-cased; the first non-null one of a type list;
// "object" when it only lists properties.
std::string TypeOf(const Json& schema) {
  const Json& type = Field(schema, "type");
  if (type.is_string()) return AsciiToLower(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& option : type) {
      if (option.is_string() && option != "null") return AsciiToLower(option.get<std::string>());
    }
  }
  if (Field(schema, "properties").is_object()) return "object";
  if (Field(schema, "items").is_object()) return "array";
  return "string";
}

Json ValueAt(const Json& schema, const std::vector<std::string>& markers, int depth) {
  if (depth > kMaxDepth) return nullptr;
  const Json& enumeration = Field(schema, "enum");
  if (enumeration.is_array() && !enumeration.empty()) return enumeration[0];
  if (schema.is_object() && schema.contains("const")) return schema["const"];
  for (const char* branches : {"anyOf", "oneOf", "allOf"}) {
    const Json& options = Field(schema, branches);
    if (options.is_array() && !options.empty()) return ValueAt(options[0], markers, depth + 1);
  }
  const std::string type = TypeOf(schema);
  if (type == "integer" || type == "number") return markers.size();
  if (type == "boolean") return !markers.empty();
  if (type == "null") return nullptr;
  if (type == "array") {
    const Json& items = Field(schema, "items");
    if (TypeOf(items) == "string" && !Field(items, "enum").is_array()) return markers;
    return Json::array({ValueAt(items, markers, depth + 1)});
  }
  if (type == "object") {
    Json object = Json::object();
    const Json& properties = Field(schema, "properties");
    if (properties.is_object()) {
      for (const auto& [name, property] : properties.items()) {
        object[name] = ValueAt(property, markers, depth + 1);
      }
    }
    return object;
  }
  return JoinMarkers(markers);
}

}  // namespace

Json SchemaValue(const Json& schema, const std::vector<std::string>& markers) {
  return ValueAt(schema, markers, 0);
}

}  // namespace model_stub
