#pragma once
// Small conversions between the Engine's JSON and the client's structs.

#include <nlohmann/json.hpp>
#include <string>

#include "docker/types.h"

namespace docker {

// The filters query value: a JSON object of string arrays.
inline std::string FiltersJson(const Filters& filters) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [key, values] : filters) json[key] = values;
  return json.dump();
}

// A "Labels" field that may be null or missing.
inline Labels LabelsFrom(const nlohmann::json& object, const char* field = "Labels") {
  Labels labels;
  auto it = object.find(field);
  if (it != object.end() && it->is_object()) {
    for (const auto& [key, value] : it->items()) labels[key] = value.get<std::string>();
  }
  return labels;
}

inline std::string StringOr(const nlohmann::json& object, const char* field,
                            std::string fallback = "") {
  auto it = object.find(field);
  return (it != object.end() && it->is_string()) ? it->get<std::string>() : fallback;
}

}  // namespace docker
