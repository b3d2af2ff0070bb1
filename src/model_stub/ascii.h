#pragma once
// ASCII helpers over std::string_view. (Debian's abseil is built with its own
// absl::string_view, which std::string_view does not convert to.)

#include <algorithm>
#include <string>
#include <string_view>

namespace model_stub {

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool AsciiIsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// What the regex \b treats as a word character (ECMAScript \w).
inline bool AsciiIsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

// httplib adds the peer addresses as request headers; no client sent them.
inline bool IsPeerPseudoHeader(std::string_view name) {
  return EqualsIgnoreCase(name, "REMOTE_ADDR") || EqualsIgnoreCase(name, "REMOTE_PORT") ||
         EqualsIgnoreCase(name, "LOCAL_ADDR") || EqualsIgnoreCase(name, "LOCAL_PORT");
}

inline bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

inline std::string_view StripSpaces(std::string_view text) {
  while (!text.empty() && AsciiIsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && AsciiIsSpace(text.back())) text.remove_suffix(1);
  return text;
}

inline std::string AsciiToLower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), AsciiLower);
  return lower;
}

}  // namespace model_stub
