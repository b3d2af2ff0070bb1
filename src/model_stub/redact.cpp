#include "redact.h"

#include <absl/strings/str_replace.h>

#include <algorithm>

#include "ascii.h"

namespace model_stub {
namespace {

constexpr std::size_t kShortestSecret = 4;

// Not plain "key" (tool inputs use it for ordinary data, a memory key):
// IsSecretHeader covers api_key, apikey and the header names.
bool IsSecretBodyKey(std::string_view name) { return IsSecretHeader(name); }

bool IsSecretQueryName(std::string_view name) { return EqualsIgnoreCase(name, "key"); }

}  // namespace

Secrets::Secrets(const std::map<std::string, std::string>& headers,
                 const std::map<std::string, std::string>& query,
                 const std::vector<std::string>& extra) {
  for (const auto& value : extra) Add(value);
  for (const auto& [name, value] : headers) {
    if (IsSecretHeader(name)) Add(value);
  }
  for (const auto& [name, value] : query) {
    if (IsSecretQueryName(name)) Add(value);
  }
  std::sort(values_.begin(), values_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

// "Bearer sk-abc" carries the secret "sk-abc"; both forms are scrubbed.
void Secrets::Add(std::string_view value) {
  value = StripSpaces(value);
  if (StartsWithIgnoreCase(value, "bearer ")) values_.emplace_back(StripSpaces(value.substr(7)));
  if (!value.empty()) values_.emplace_back(value);
}

std::string Secrets::Scrub(std::string text) const {
  for (const auto& secret : values_) {
    if (secret.size() >= kShortestSecret) {
      absl::StrReplaceAll({{secret, std::string(kRedacted)}}, &text);
    }
  }
  return text;
}

void Secrets::ScrubJson(Json& value) const {
  if (value.is_string()) {
    value = Scrub(value.get<std::string>());
  } else if (value.is_object()) {
    for (auto& [key, member] : value.items()) {
      if (IsSecretBodyKey(key) && member.is_primitive() && !member.is_null()) {
        member = kRedacted;
      } else {
        ScrubJson(member);
      }
    }
  } else if (value.is_array()) {
    for (auto& element : value) ScrubJson(element);
  }
}

void Secrets::ScrubHeaders(std::map<std::string, std::string>& headers) const {
  for (auto& [name, value] : headers) {
    value = IsSecretHeader(name) ? std::string(kRedacted) : Scrub(value);
  }
}

void Secrets::ScrubQuery(std::map<std::string, std::string>& query) const {
  std::map<std::string, std::string> scrubbed;
  for (const auto& [name, value] : query) {
    scrubbed[Scrub(name)] = IsSecretQueryName(name) ? std::string(kRedacted) : Scrub(value);
  }
  query = std::move(scrubbed);
}

}  // namespace model_stub
