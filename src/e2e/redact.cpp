#include "e2e/redact.h"

#include <absl/strings/str_replace.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "e2e/stack_spec.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not in a header

namespace e2e {
namespace {

std::string Upper(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper;
}

// "OPENAI_API_KEY" -> {OPENAI, API, KEY}; "apiKey" -> {APIKEY}.
std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words(1);
  char previous = '\0';
  for (const char c : name) {
    if (c == '_' || c == '-' || c == '.') {
      if (!words.back().empty()) words.emplace_back();
    } else {
      // camelCase starts a word too: Docker's "SandboxKey", a body's "apiKey".
      if (std::islower(static_cast<unsigned char>(previous)) != 0 &&
          std::isupper(static_cast<unsigned char>(c)) != 0) {
        words.emplace_back();
      }
      words.back() += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    previous = c;
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// What may stand before '=' in an environment entry.
bool LooksLikeVariableName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '.' || c == '-';
  });
}

}  // namespace

bool IsSecretName(std::string_view name) {
  const std::string upper = Upper(name);
  for (const std::string_view word : {"PASSWORD", "PASSWD", "CREDENTIAL"}) {
    if (upper.find(word) != std::string::npos) return true;
  }
  const std::vector<std::string> words = NameWords(name);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "APIKEY") return true;  // "apikey", "API-KEY" is two words
    // Not first: "token_count" counts tokens, "key" names a memory entry.
    if (i > 0 && (words[i] == "KEY" || words[i] == "TOKEN" || words[i] == "SECRET")) return true;
  }
  return false;
}

bool IsSecretHeader(std::string_view name) {
  constexpr std::array<std::string_view, 7> kHeaders = {
      "AUTHORIZATION", "PROXY-AUTHORIZATION", "X-API-KEY", "X-GOOG-API-KEY", "API-KEY",
      "COOKIE",        "SET-COOKIE"};
  const std::string upper = Upper(name);
  return std::find(kHeaders.begin(), kHeaders.end(), upper) != kHeaders.end() || IsSecretName(name);
}

Redactor Redactor::ForStack(const StackSpec& spec) {
  Redactor redactor;
  for (const ServiceSpec& service : spec.services) redactor.AddEnvironment(service.environment);
  std::vector<std::string> process;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    process.emplace_back(*entry);
  }
  redactor.AddEnvironment(process);
  return redactor;
}

void Redactor::AddSecret(std::string_view value) {
  const auto add = [this](std::string_view secret) {
    if (secret.size() < kShortestSecret) return;
    if (std::find(values_.begin(), values_.end(), secret) != values_.end()) return;
    values_.emplace(std::upper_bound(values_.begin(), values_.end(), secret,
                                     [](std::string_view a, const std::string& b) {
                                       return a.size() > b.size();
                                     }),
                    secret);
  };
  add(value);
  constexpr std::string_view kBearer = "BEARER ";
  if (value.size() > kBearer.size() && Upper(value.substr(0, kBearer.size())) == kBearer) {
    add(value.substr(kBearer.size()));
  }
}

void Redactor::AddEnvironment(const std::map<std::string, std::string>& environment) {
  for (const auto& [name, value] : environment) {
    if (IsSecretName(name)) AddSecret(value);
  }
}

void Redactor::AddEnvironment(const std::vector<std::string>& entries) {
  for (const std::string& entry : entries) {
    const auto equals = entry.find('=');
    if (equals != std::string::npos && IsSecretName(std::string_view(entry).substr(0, equals))) {
      AddSecret(std::string_view(entry).substr(equals + 1));
    }
  }
}

std::string Redactor::Text(std::string text) const {
  for (const std::string& secret : values_) {
    absl::StrReplaceAll({{secret, std::string(kRedacted)}}, &text);
  }
  return text;
}

std::string Redactor::EnvEntry(const std::string& entry) const {
  const auto equals = entry.find('=');
  if (equals != std::string::npos) {
    const std::string_view name = std::string_view(entry).substr(0, equals);
    if (LooksLikeVariableName(name) && IsSecretName(name)) {
      return entry.substr(0, equals + 1) + std::string(kRedacted);
    }
  }
  return Text(entry);
}

std::map<std::string, std::string> Redactor::Environment(
    std::map<std::string, std::string> environment) const {
  for (auto& [name, value] : environment) {
    value = IsSecretName(name) ? std::string(kRedacted) : Text(std::move(value));
  }
  return environment;
}

std::map<std::string, std::string> Redactor::Headers(
    std::map<std::string, std::string> headers) const {
  for (auto& [name, value] : headers) {
    value = IsSecretHeader(name) ? std::string(kRedacted) : Text(std::move(value));
  }
  return headers;
}

nlohmann::json Redactor::Json(nlohmann::json document) const {
  if (document.is_string()) return EnvEntry(document.get<std::string>());
  if (document.is_object()) {
    for (auto& [name, member] : document.items()) {
      const bool hideable = member.is_string() || member.is_number();
      member = hideable && IsSecretHeader(name) ? nlohmann::json(kRedacted) : Json(member);
    }
  } else if (document.is_array()) {
    for (auto& element : document) element = Json(element);
  }
  return document;
}

}  // namespace e2e
