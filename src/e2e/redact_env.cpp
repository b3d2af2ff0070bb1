#include "redact_env.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace e2e {

bool IsSecretVariable(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  constexpr std::array<std::string_view, 5> kWords = {"KEY", "TOKEN", "SECRET", "PASSWORD",
                                                      "CREDENTIAL"};
  return std::any_of(kWords.begin(), kWords.end(), [&upper](std::string_view word) {
    return upper.find(word) != std::string::npos;
  });
}

nlohmann::json WithSecretsRedacted(nlohmann::json inspect) {
  const auto pointer = nlohmann::json::json_pointer("/Config/Env");
  if (!inspect.contains(pointer) || !inspect[pointer].is_array()) return inspect;
  for (auto& entry : inspect[pointer]) {
    if (!entry.is_string()) continue;
    const std::string text = entry.get<std::string>();
    const auto equals = text.find('=');
    if (equals != std::string::npos && IsSecretVariable(std::string_view(text).substr(0, equals))) {
      entry = text.substr(0, equals + 1) + "[REDACTED]";
    }
  }
  return inspect;
}

}  // namespace e2e
