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

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
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
