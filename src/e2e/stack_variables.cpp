#include "stack_variables.h"

#include <cstdlib>

namespace e2e {

VariableLookup StackVariables(const std::string& stack_id, const StackOptions& options) {
  return [stack_id, &options](const std::string& name) -> std::optional<std::string> {
    if (name == "E2E_ID") return stack_id;
    if (auto it = options.variables.find(name); it != options.variables.end()) return it->second;
    if (const char* value = std::getenv(name.c_str())) return std::string(value);
    if (auto it = options.fallback_variables.find(name); it != options.fallback_variables.end())
      return it->second;
    return std::nullopt;
  };
}

}  // namespace e2e
