#pragma once
// Small conversions between the Engine's JSON and the client's structs.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

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
    for (const auto& [key, value] : it->items()) {
      if (value.is_string()) labels[key] = value.get<std::string>();
    }
  }
  return labels;
}

inline std::string StringOr(const nlohmann::json& object, const char* field,
                            std::string fallback = "") {
  auto it = object.find(field);
  return (it != object.end() && it->is_string()) ? it->get<std::string>() : std::move(fallback);
}

// Cuts a streamed body (build and import progress, events) into lines, which
// may arrive split across reads. The callback returns false to stop.
class LineSplitter {
 public:
  explicit LineSplitter(std::function<bool(std::string_view)> on_line)
      : on_line_(std::move(on_line)) {}

  bool Feed(std::string_view chunk) {
    pending_.append(chunk);
    size_t start = 0;
    for (size_t newline; (newline = pending_.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      if (!on_line_(std::string_view(pending_).substr(start, newline - start))) return false;
    }
    pending_.erase(0, start);
    return true;
  }
  // Passes a last line that had no newline.
  void Finish() {
    if (!pending_.empty()) on_line_(pending_);
    pending_.clear();
  }

 private:
  std::function<bool(std::string_view)> on_line_;
  std::string pending_;
};

}  // namespace docker
